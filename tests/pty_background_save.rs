//! The autosave writes the session on another thread: keys typed while it
//! runs are handled at once and saved, and a kill -9 in the middle of it
//! loses no card. The program is slowed down at each step of the save
//! (`STELLWAND_TEST_SAVE_PAUSE`), so that the keys and the kill land inside
//! it.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::Tty;
use stellwand::core::journal;
use stellwand::core::model::Session;
use stellwand::core::store;

/// How long the save waits at each of its steps.
const PAUSE: &str = "1500";

/// Whether the save's temporary file is beside the session: it is written
/// and waits to replace the file.
fn saving(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with(".konferenz.ron.") && name.ends_with(".tmp")
    })
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn texts(s: &Session) -> Vec<String> {
    s.cards().map(|(_, _, k)| k.text.clone()).collect()
}

/// The session as the next start finds it: the file and its journal.
fn on_disk(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut s = store::load(path).unwrap().session;
    let r = journal::replay(path, journal::fingerprint(&bytes), &mut s).unwrap();
    assert!(!r.stale && r.skipped == 0, "{r:?}");
    texts(&s)
}

/// Starts the program in rapid entry, commits one card and waits until
/// the autosave has written its temporary file; then types a second card.
fn second_card_during_the_save() -> (tempfile::TempDir, PathBuf, Tty) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::konferenz(dir.path());
    let mut tty = Tty::start(
        dir.path(),
        &["konferenz.ron"],
        &[("STELLWAND_TEST_SAVE_PAUSE", PAUSE)],
    );
    tty.wait_for("Wand 1/1");
    tty.send("a");
    tty.wait_for("ERFASSEN");
    tty.send("Kita-Plätze fehlen\r");
    wait_until("no autosave began", || saving(dir.path()));
    tty.send("Sprachcafé am Abend\r");
    tty.wait_for("Sprachcafé am Abend");
    (dir, path, tty)
}

#[test]
fn a_card_typed_while_the_autosave_writes_shows_at_once_and_is_saved() {
    let (dir, path, mut tty) = second_card_during_the_save();
    // On screen while the save still waits to replace the file: the keys
    // did not wait for it.
    assert!(saving(dir.path()), "the card was shown only after the save");
    tty.wait_for("Karten: 2 ");
    // That save holds the first card; the next one both.
    wait_until("the second card was never saved", || {
        store::load(&path).is_ok_and(|l| texts(&l.session).len() == 2)
    });
    assert_eq!(
        texts(&store::load(&path).unwrap().session),
        ["Kita-Plätze fehlen", "Sprachcafé am Abend"]
    );
    tty.send("\x1b");
    tty.wait_for("Karten: 2 ");
    tty.quit();
}

#[test]
fn a_kill_while_the_autosave_writes_loses_no_card() {
    // Killed while the temporary file waits, around the moment it replaces
    // the file, and after.
    for wait_ms in [0, 800, 1400, 1500, 1600, 2200] {
        let (dir, path, mut tty) = second_card_during_the_save();
        std::thread::sleep(Duration::from_millis(wait_ms));
        tty.kill9();
        assert_eq!(
            on_disk(&path),
            ["Kita-Plätze fehlen", "Sprachcafé am Abend"],
            "killed {wait_ms} ms after the second card"
        );
        let again = Tty::start(dir.path(), &["konferenz.ron"], &[]);
        again.wait_for("Sprachcafé am Abend");
        again.wait_for("Kita-Plätze fehlen");
        drop(again);
    }
}
