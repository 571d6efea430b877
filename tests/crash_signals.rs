//! Panics injected at several points of the real program (the test hook
//! `STELLWAND_TEST_PANIC`), SIGTERM and a closed terminal window: the
//! terminal always comes back (normal screen, cursor shown, echo on, mouse
//! and bracketed paste off) and every card is written.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::pty::{BIN, Tty};
use stellwand::core::journal;
use stellwand::core::session_file::read_draft;
use stellwand::core::store;

const CARDS: [&str; 3] = ["Kita-Plätze", "Sprachkurse für Mütter", "Begegnungscafé"];
const HALF: &str = "halb getippt";
const F12: &str = "\x1b[24~";

/// Types the cards and half a card.
fn type_cards(tty: &mut Tty) {
    tty.wait_for("Wand 1/1");
    tty.send("a");
    tty.wait_for("ERFASSEN");
    tty.cards(&CARDS, 0);
    tty.send(HALF);
    tty.wait_for(HALF);
}

/// The cards as the next start sees them (file, journal), and the draft.
fn on_disk(path: &Path) -> (Vec<String>, Option<String>) {
    let bytes = std::fs::read(path).unwrap();
    let mut s = store::load(path).expect("the file parses").session;
    journal::replay(path, journal::fingerprint(&bytes), &mut s).unwrap();
    let cards = s.cards().map(|(_, _, k)| k.text.clone()).collect();
    (cards, read_draft(path).map(|d| d.text))
}

/// Checks the output stream: after the program last switched the terminal
/// over, it switched every mode back.
fn assert_modes_reset(text: &str) {
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("the alternate screen was used");
    let after = &text[entered..];
    for (seq, what) in [
        ("\x1b[?1049l", "leave the alternate screen"),
        ("\x1b[?25h", "show the cursor"),
        ("\x1b[?2004l", "bracketed paste off"),
        ("\x1b[?1000l", "mouse reporting off"),
    ] {
        assert!(after.contains(seq), "the program did not {what}");
    }
}

/// `stty -a` output on the screen says echo and line editing are on.
fn assert_stty_sane(screen: &str) {
    let words: Vec<&str> = screen.split_whitespace().collect();
    assert!(words.contains(&"echo"), "echo is off:\n{screen}");
    assert!(words.contains(&"icanon"), "line editing is off:\n{screen}");
    assert!(!words.contains(&"-echo"), "echo is off:\n{screen}");
}

fn panic_at(point: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::konferenz(dir.path());
    let before = std::fs::read(&path).unwrap();
    let script = format!("'{BIN}' konferenz.ron; echo EXIT=$?; stty -a");
    let mut tty = Tty::shell(dir.path(), &script, &[("STELLWAND_TEST_PANIC", point)]);
    if point != "start" {
        type_cards(&mut tty);
        tty.send(F12);
        match point {
            "update" => tty.send("x"),
            "save" => tty.send("\x13"),
            _ => {}
        }
    }
    tty.wait_for("EXIT=");
    tty.wait_exit(Duration::from_secs(10));
    let screen = tty.contents();
    assert!(
        screen.contains("EXIT=101"),
        "{point}: not a panic:\n{screen}"
    );
    assert!(
        screen.contains(&format!("panic at {point}")),
        "{point}: the panic message is not readable:\n{screen}"
    );
    tty.wait_exit(Duration::from_secs(10));
    tty.restored()
        .unwrap_or_else(|e| panic!("{point}: terminal not restored: {e}"));
    assert_modes_reset(&tty.raw());
    assert_stty_sane(&screen);
    if let Some(echo) = tty.echo_on() {
        assert!(echo, "{point}: echo off in the terminal's settings");
    }

    let (cards, draft) = on_disk(&path);
    if point == "start" {
        assert_eq!(std::fs::read(&path).unwrap(), before, "nothing to write");
        return;
    }
    assert_eq!(&cards[..3], CARDS, "{point}: committed cards lost");
    // The half card is a card (Ctrl-s committed it) or in the draft.
    let half_kept =
        cards.get(3).map(String::as_str) == Some(HALF) || draft.as_deref() == Some(HALF);
    assert!(
        half_kept,
        "{point}: the card being typed is lost: {cards:?} {draft:?}"
    );
    // The file itself was saved: the session is whole without the journal.
    let saved = store::load(&path).unwrap().session;
    assert!(
        saved.card_count() >= 3,
        "{point}: the session was not saved"
    );

    // The next start shows the cards, the half card back in the editor.
    let mut again = Tty::start(dir.path(), &["konferenz.ron"], &[]);
    again.wait_for(&format!("╔ {} Karte", cards.len()));
    again.wait_for(HALF);
    again.send("\x03");
    assert_eq!(again.wait_exit(Duration::from_secs(10)), Some(Some(0)));
    let s = store::load(&path).unwrap().session;
    let all: Vec<String> = s.cards().map(|(_, _, k)| k.text.clone()).collect();
    assert_eq!(all, [CARDS[0], CARDS[1], CARDS[2], HALF]);
}

#[test]
fn a_panic_at_start_restores_the_terminal() {
    panic_at("start");
}

#[test]
fn a_panic_while_handling_a_key_restores_the_terminal_and_keeps_the_cards() {
    panic_at("update");
}

#[test]
fn a_panic_while_drawing_restores_the_terminal_and_keeps_the_cards() {
    panic_at("draw");
}

#[test]
fn a_panic_in_the_periodic_work_restores_the_terminal_and_keeps_the_cards() {
    panic_at("tick");
}

#[test]
fn a_panic_while_saving_restores_the_terminal_and_keeps_the_cards() {
    panic_at("save");
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".journal") || n.ends_with(".draft"))
        .collect()
}

#[test]
fn sigterm_saves_the_card_being_typed_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::konferenz(dir.path());
    let script = format!("'{BIN}' konferenz.ron; echo EXIT=$?; stty -a");
    let mut tty = Tty::shell(dir.path(), &script, &[]);
    type_cards(&mut tty);
    let pid = tty.children()[0].to_string();
    let ok = std::process::Command::new("kill")
        .args(["-s", "TERM", &pid])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    tty.wait_for("EXIT=");
    tty.wait_exit(Duration::from_secs(10));
    let screen = tty.contents();
    assert!(screen.contains("EXIT=0"), "{screen}");
    tty.restored().unwrap();
    assert_modes_reset(&tty.raw());
    assert_stty_sane(&screen);
    all_cards_kept(&path, dir.path());
}

/// The saved file holds the typed cards and the half card, and nothing of
/// the program is left beside it.
fn all_cards_kept(path: &std::path::Path, dir: &std::path::Path) {
    let s = store::load(path).unwrap().session;
    let all: Vec<String> = s.cards().map(|(_, _, k)| k.text.clone()).collect();
    assert_eq!(all, [CARDS[0], CARDS[1], CARDS[2], HALF]);
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

/// Types the cards in a new session, then ends the terminal with `hang_up`;
/// the folder and the session file.
fn typed_then(hang_up: impl FnOnce(&mut Tty)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::konferenz(dir.path());
    let mut tty = Tty::start(dir.path(), &["konferenz.ron"], &[]);
    type_cards(&mut tty);
    hang_up(&mut tty);
    assert!(
        tty.wait_exit(Duration::from_secs(10)).is_some(),
        "the program did not end when its terminal closed"
    );
    (dir, path)
}

#[test]
fn closing_the_terminal_window_saves_the_card_being_typed() {
    // F1 shows the help, which makes output for the reader to stop at.
    let (dir, path) = typed_then(|tty| tty.hang_up("\x1bOP"));
    all_cards_kept(&path, dir.path());
}

#[test]
fn sighup_alone_saves_as_well() {
    let (_dir, path) = typed_then(|tty| tty.signal("HUP"));
    let s = store::load(&path).unwrap().session;
    assert_eq!(s.card_count(), 4);
}
