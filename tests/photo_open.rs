//! `f` opens the board's photo in the system viewer, in the real program
//! with a stand-in `xdg-open` that writes down its arguments: the photo is
//! passed as an absolute path (a name starting with `-` never reads as an
//! option), and only images are opened: a `.desktop` file or a program
//! named `.jpg` gets a message and no viewer.
#![cfg(target_os = "linux")]

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::pty::Tty;
use stellwand::core::store;

const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0];

/// A session whose one board has `photo`, and a viewer that logs to `log`.
fn setup(dir: &Path, photo: &str, bytes: &[u8]) -> String {
    fs::write(dir.join(photo), bytes).unwrap();
    let mut s = common::session("", "Fotoprotokoll");
    let board = common::add_board(&mut s, "district-exchange", "Altstadt", &[]);
    board.photos.push(photo.into());
    store::save(&dir.join("foto.ron"), &s).unwrap();
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let viewer = bin.join("xdg-open");
    fs::write(
        &viewer,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n",
            dir.join("viewer.log").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&viewer, fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Presses `f` on the board; the screen afterwards and what the viewer got.
fn press_f(dir: &Path, path_var: &str, expect: &str) -> (String, Option<String>) {
    let mut tty = Tty::start(dir, &["foto.ron"], &[("PATH", path_var)]);
    tty.wait_for("Wand 1/1");
    tty.send("f");
    tty.wait_for(expect);
    let screen = tty.contents();
    std::thread::sleep(Duration::from_millis(300));
    tty.send("q");
    assert_eq!(tty.wait_exit(Duration::from_secs(10)), Some(Some(0)));
    (screen, fs::read_to_string(dir.join("viewer.log")).ok())
}

#[test]
fn a_photo_named_like_an_option_reaches_the_viewer_as_an_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    let path_var = setup(dir.path(), "-x.jpg", JPEG);
    let (_, log) = press_f(dir.path(), &path_var, "Öffne Foto");
    // The viewer runs apart from the program; give it a moment.
    let log = log.or_else(|| {
        std::thread::sleep(Duration::from_millis(500));
        fs::read_to_string(dir.path().join("viewer.log")).ok()
    });
    let args: Vec<String> = log
        .expect("the viewer was not started")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(args.len(), 1, "{args:?}");
    assert!(
        args[0].starts_with('/') && args[0].ends_with("/-x.jpg"),
        "{args:?}"
    );
}

#[test]
fn a_desktop_file_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path_var = setup(
        dir.path(),
        "wand.desktop",
        b"[Desktop Entry]\nType=Application\nExec=sh -c 'touch /tmp/owned'\n",
    );
    let (screen, log) = press_f(dir.path(), &path_var, "ist kein Bild");
    assert!(screen.contains("wand.desktop"), "{screen}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(log, None, "the viewer was started");
    assert!(!dir.path().join("viewer.log").exists());
}

#[test]
fn a_program_named_like_a_photo_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path_var = setup(dir.path(), "IMG_0412.jpg", b"\x7fELF\x02\x01\x01\0\0\0\0\0");
    let (screen, log) = press_f(dir.path(), &path_var, "ist kein Bild");
    assert!(screen.contains("IMG_0412.jpg"), "{screen}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(log, None, "the viewer was started");
}
