//! A full disk while a clerk types cards, in the real program: the status
//! line turns red ("Nicht gespeichert – Datenträger voll"), the journal on
//! disk keeps only whole records and the session file stays as it was, the
//! cards stay on screen and are written as soon as there is room again, so
//! a kill -9 afterwards loses none of them.
//!
//! Run on a real small file system (tmpfs) when this test may mount one
//! (root). Otherwise the program's writes are limited with
//! `STELLWAND_TEST_DISK_LIMIT` (each fails like a full disk after so many
//! bytes in all), which never gets room again, so only the first half is
//! checked. The output says which one ran.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::pty::Tty;
use stellwand::core::journal;
use stellwand::core::store;

const FULL: &str = "Nicht gespeichert – Datenträger voll";
const NOT_ON_DISK: &str = "✖ nicht gespeichert";

/// A tmpfs mounted for the test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn try_new(at: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn new_session(path: &Path) {
    store::save(
        path,
        &common::district_session("Stadtteilkonferenz", "Altstadt"),
    )
    .unwrap();
}

/// Fills the file system of `dir` to the last byte.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("ballast");
    let mut f = fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
    path
}

/// The cards the next start would see: the file and its journal, read
/// without writing, and whether the journal had a torn or unfit record.
fn on_disk(path: &Path) -> (Vec<String>, bool) {
    let bytes = fs::read(path).unwrap();
    let mut s = store::load_bytes(path, &bytes).unwrap().session;
    let r = journal::replay(path, journal::fingerprint(&bytes), &mut s).unwrap();
    let texts = s.cards().map(|(_, _, k)| k.text.clone()).collect();
    (texts, r.torn || r.skipped > 0 || r.stale)
}

/// The card count in the heading of the selected column (the status bar's
/// count gives way to a long message).
fn column_count(screen: &str) -> Option<usize> {
    let at = screen.find("╔ ")? + "╔ ".len();
    screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()
}

/// Types one card in the open entry and waits until the board counts it.
fn type_card(tty: &mut Tty, text: &str, count: usize) {
    tty.send(&format!("{text}\r"));
    let shown = (0..2000).any(|_| {
        std::thread::sleep(Duration::from_millis(5));
        column_count(&tty.contents()) == Some(count)
    });
    assert!(shown, "card {count} not shown:\n{}", tty.contents());
}

#[test]
fn a_full_disk_turns_the_status_red_damages_nothing_and_loses_no_card() {
    let dir = tempfile::tempdir().unwrap();
    let mount = Mount::try_new(&dir.path().join("klein"), "256k");
    let real = mount.is_some();
    let work = if real {
        dir.path().join("klein")
    } else {
        dir.path().to_path_buf()
    };
    println!(
        "{}",
        if real {
            "on a 256 KiB tmpfs"
        } else {
            "no tmpfs (not root): writes limited by STELLWAND_TEST_DISK_LIMIT"
        }
    );
    let path = work.join("konferenz.ron");
    new_session(&path);
    let env: &[(&str, &str)] = if real {
        &[]
    } else {
        &[("STELLWAND_TEST_DISK_LIMIT", "600")]
    };
    let mut tty = Tty::start(&work, &["konferenz.ron"], env);
    tty.wait_for("Wand 1/1");
    tty.send("a");
    let mut typed = Vec::new();
    for i in 0..2 {
        let text = format!("vorher {i}");
        type_card(&mut tty, &text, typed.len() + 1);
        typed.push(text);
    }
    let saved_file = fs::read(&path).unwrap();
    let ballast = real.then(|| fill(&work));

    // Typing goes on until the journal cannot take a card, then two more.
    let mut after_full = None;
    for i in 0..200 {
        let text = format!("Karte bei vollem Datenträger {i}");
        type_card(&mut tty, &text, typed.len() + 1);
        typed.push(text);
        // The board's state turns to "not saved" when the journal could
        // not take a card (a failing draft may say "disk full" earlier).
        if after_full.is_none() && tty.contents().contains(NOT_ON_DISK) {
            after_full = Some(typed.len());
        }
        if after_full.is_some_and(|n| typed.len() >= n + 2) {
            break;
        }
    }
    let first_unsaved = after_full.expect("the disk never became full");
    println!(
        "journal full at card {first_unsaved}, {} cards typed",
        typed.len()
    );
    tty.wait_for(FULL);
    for text in ["Nicht gespeichert", "nicht gespeichert"] {
        let red = tty.background_of(text);
        assert_eq!(
            red,
            Some(vt100::Color::Idx(1)),
            "not red:\n{}",
            tty.contents()
        );
    }
    // An autosave that fails on the full disk leaves the file as it was.
    std::thread::sleep(Duration::from_millis(1500));
    tty.wait_for(FULL);
    let (cards, torn) = on_disk(&path);
    assert!(!torn, "the journal holds a torn or glued record");
    assert!(
        cards.len() < first_unsaved && typed.starts_with(&cards),
        "on disk: {cards:?}"
    );
    if ballast.is_some() {
        assert_eq!(
            fs::read(&path).unwrap(),
            saved_file,
            "the session file changed"
        );
    }
    let leftovers: Vec<_> = fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let Some(ballast) = ballast else {
        tty.kill9();
        return;
    };
    // Room again: the kept cards are written without another key.
    fs::remove_file(&ballast).unwrap();
    let caught_up = (0..1000).any(|_| {
        std::thread::sleep(Duration::from_millis(10));
        on_disk(&path).0 == typed
    });
    assert!(caught_up, "on disk: {:?}", on_disk(&path).0);
    tty.wait_for("Wieder gespeichert");
    let screen = tty.contents();
    assert!(
        !screen.contains(FULL) && !screen.contains(NOT_ON_DISK),
        "{screen}"
    );
    tty.kill9();
    let (cards, torn) = on_disk(&path);
    assert!(!torn);
    assert_eq!(cards, typed);
    println!(
        "after room and kill -9: {} of {} cards back",
        cards.len(),
        typed.len()
    );
    drop(tty);
    drop(mount);
}
