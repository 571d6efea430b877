//! Damaged, odd and old files opened in the real program: a clear message
//! naming the file (and the place in it), the file left as it was, no panic;
//! a torn journal recovered up to its last whole record; an old file format
//! upgraded with the original kept; a newer one never written, not even a
//! lock or journal beside it.

mod common;

use common::names;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::pty::Tty;
use stellwand::core::edit::Edit;
use stellwand::core::journal;
use stellwand::core::model::{Card, FORMAT_VERSION, Session};
use stellwand::core::store;

/// The session of these tests; its board is `b1`, as the journals written
/// below name it.
fn session() -> Session {
    common::district_session("Stadtteilkonferenz", "Altstadt")
}

/// Opens the read-only `file` in the program, expects `message` on the
/// screen, types a card, asks to save with Ctrl-s and quits.
fn type_save_and_quit(dir: &Path, file: &str, message: &str) {
    let mut tty = Tty::start(dir, &[file], &[]);
    tty.wait_for(message);
    tty.send("aKita\x1b");
    tty.send("\x13");
    tty.quit();
}

/// Opens `file` in the program, expects `message` on the screen, quits with
/// q and checks the program ended normally.
fn open_and_quit(dir: &Path, file: &str, message: &str) -> String {
    let mut tty = Tty::start(dir, &[file], &[]);
    tty.wait_for(message);
    let screen = tty.contents();
    tty.quit();
    assert!(!tty.contents().contains("panicked"));
    screen
}

/// A damaged file: the message names it, it stays byte for byte, and no
/// lock or journal is made beside it.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let screen = open_and_quit(dir.path(), name, message);
    assert!(
        screen.contains(&format!("{name}:")),
        "the file is not named:\n{screen}"
    );
    assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was changed");
    assert_eq!(names(dir.path()), [name], "files made beside {name}");
}

#[test]
fn a_truncated_file_is_refused_with_its_line_and_column() {
    let text = store::to_ron(&session());
    let cut = &text.as_bytes()[..text.len() / 2];
    refused("abgeschnitten.ron", cut, "abgeschnitten.ron:");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ron"), cut).unwrap();
    let screen = open_and_quit(dir.path(), "a.ron", "a.ron:");
    // FILE:LINE:COLUMN with a line beyond the first.
    let at = screen.find("a.ron:").unwrap() + "a.ron:".len();
    let line: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(line.parse::<usize>().unwrap() > 1, "{screen}");
}

#[test]
fn an_empty_file_is_refused() {
    refused("leer.ron", b"", "leer");
}

#[test]
fn a_binary_file_is_refused() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    refused("binaer.ron", &bytes, "UTF-8");
}

#[test]
fn a_file_with_duplicate_ids_is_refused() {
    let mut s = session();
    s.boards[0].columns[0].cards.push(Card::new("k7", "Kita"));
    s.boards[0].columns[1].cards.push(Card::new("k7", "Schule"));
    refused("doppelt.ron", store::to_ron(&s).as_bytes(), "mehrfach");
}

#[test]
fn an_enormous_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("riesig.ron");
    // Sparse: takes no disk space, but is 2 GB long.
    let f = fs::File::create(&path).unwrap();
    f.set_len(2 << 30).unwrap();
    drop(f);
    // How fast: `cargo bench --bench limits`.
    open_and_quit(dir.path(), "riesig.ron", "zu groß");
    assert_eq!(fs::metadata(&path).unwrap().len(), 2 << 30);
    assert_eq!(names(dir.path()), ["riesig.ron"]);
}

#[test]
fn a_session_path_below_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("datei"), "kein Ordner").unwrap();
    open_and_quit(dir.path(), "datei/s.ron", "datei/s.ron:");
    assert_eq!(names(dir.path()), ["datei"]);
}

#[test]
fn a_journal_with_a_torn_last_record_gives_back_the_whole_records() {
    let s = session();
    let (dir, path, mut j) = common::journalled("konferenz.ron", &s);
    let insert = |id: &str, text: &str| Edit::InsertCard {
        board: "b1".into(),
        column: "good".into(),
        index: usize::MAX,
        card: Card::new(id, text),
    };
    j.append(&insert("k2", "Kita-Plätze")).unwrap();
    j.append(&insert("k3", "Sprachkurse")).unwrap();
    drop(j);
    // The crash came in the middle of the third record.
    let mut bytes = fs::read(journal::journal_path(&path)).unwrap();
    let third = format!(
        "Edit({:?})",
        "InsertCard(board:\"b1\",column:\"good\",index:9,card:(id:\"k4\",te"
    );
    bytes.extend_from_slice(&third.as_bytes()[..40]);
    fs::write(journal::journal_path(&path), &bytes).unwrap();

    let screen = open_and_quit(dir.path(), "konferenz.ron", "Wiederhergestellt");
    assert!(screen.contains("2 Änderung"), "{screen}");
    let s = store::load(&path).unwrap().session;
    let texts: Vec<String> = s.cards().map(|(_, _, k)| k.text.clone()).collect();
    assert_eq!(texts, ["Kita-Plätze", "Sprachkurse"]);
    assert_eq!(names(dir.path()), ["konferenz.ron"]);
}

#[test]
fn a_version_0_file_is_upgraded_on_saving_with_the_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let fixture: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions/v0.ron");
    let original = fs::read(&fixture).unwrap();
    let path = dir.path().join("sued.ron");
    fs::write(&path, &original).unwrap();
    let mut tty = Tty::start(dir.path(), &["sued.ron"], &[]);
    tty.wait_for("Älteres Dateiformat");
    tty.send("a");
    tty.wait_for("ERFASSEN");
    tty.send("Begegnungscafé\r\x1b");
    tty.wait_for(" WAND ");
    tty.send("q");
    assert_eq!(tty.wait_exit(Duration::from_secs(10)), Some(Some(0)));
    assert_eq!(fs::read(dir.path().join("sued.v0.bak")).unwrap(), original);
    let s = store::load(&path).unwrap();
    assert_eq!(s.session.version, FORMAT_VERSION);
    assert_eq!(s.upgraded_from, None);
    assert_eq!(s.session.card_count(), 4);
    assert!(fs::read_to_string(&path).unwrap().contains("version: "));
}

#[test]
fn a_newer_file_gets_nothing_written_beside_it() {
    let mut s = session();
    s.version = FORMAT_VERSION + 1;
    let (dir, path) = common::saved("zukunft.ron", &s);
    let before = fs::read(&path).unwrap();
    type_save_and_quit(dir.path(), "zukunft.ron", "nur lesend");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(dir.path()), ["zukunft.ron"]);
}

fn running_as_root() -> bool {
    // Only root may change the owner of a file to root.
    let probe = std::env::temp_dir().join(format!("stellwand-root-{}", std::process::id()));
    let _ = fs::write(&probe, "");
    let root = std::process::Command::new("chown")
        .args(["0", &probe.to_string_lossy()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let _ = fs::remove_file(&probe);
    root
}

/// Whether `setpriv` can run a program as user `nobody` (root only).
fn setpriv_works() -> bool {
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_opens_read_only_with_a_message() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = common::saved("konferenz.ron", &session());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write into any folder: the program then runs as `nobody`,
    // for whom the folder's permissions hold.
    let mut tty = if !running_as_root() {
        Tty::start(dir.path(), &["konferenz.ron"], &[])
    } else if setpriv_works() {
        let script = format!(
            "exec setpriv --reuid=65534 --regid=65534 --clear-groups '{}' konferenz.ron",
            common::pty::BIN
        );
        Tty::shell(dir.path(), &script, &[])
    } else {
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        common::skip("running as root without setpriv, where folder permissions do not block");
        return;
    };
    tty.wait_for("nur lesend");
    let screen = tty.contents();
    tty.quit();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(screen.contains(".konferenz.ron.lock"), "{screen}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(dir.path()), ["konferenz.ron"]);
}

#[test]
fn a_file_with_an_unknown_field_opens_read_only_and_is_never_saved_over() {
    let text =
        store::to_ron(&session()).replacen("Session(", "Session(\n  notizen: \"WICHTIG\",", 1);
    let (dir, path) = common::file_with("notiz.ron", &text);
    type_save_and_quit(
        dir.path(),
        "notiz.ron",
        "unbekanntes Feld „notizen“ – meinten Sie „notes“?",
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names(dir.path()), ["notiz.ron"]);
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_session_is_refused_at_once_and_q_still_quits() {
    let dir = tempfile::tempdir().unwrap();
    let _fifo = common::fifo(dir.path(), "f.ron");
    let screen = open_and_quit(dir.path(), "f.ron", "Pipe");
    assert!(screen.contains("f.ron"), "{screen}");
}
