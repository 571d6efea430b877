//! The real binary in a pseudo-terminal, at rest and in the cluster review:
//! a screen where nothing happens is not drawn again.

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::Tty;

const SESSION: &str = "sessions/2019-02-13-gelsenkirchen-mitte.ron";

fn copy_session(dir: &Path) -> String {
    let name = "mitte.ron";
    std::fs::copy(SESSION, dir.join(name)).unwrap();
    name.to_string()
}

/// Waits until the program has written nothing for a while.
fn settle(tty: &Tty) -> usize {
    let mut last = tty.raw().len();
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = tty.raw().len();
        if now == last {
            return now;
        }
        last = now;
    }
}

#[test]
fn an_idle_screen_is_not_drawn_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_session(dir.path());
    let mut tty = Tty::start(dir.path(), &[&file]);
    tty.wait_for("Wand 1/");
    let before = settle(&tty);
    // Several ticks of the loop pass.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(tty.raw().len(), before, "the board was drawn again");

    tty.send("c");
    tty.wait_for("Vorschläge");
    let before = settle(&tty);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(tty.raw().len(), before, "the review was drawn again");
    // A key still draws.
    tty.send("j");
    std::thread::sleep(Duration::from_millis(300));
    assert!(tty.raw().len() > before);
    tty.send("\x1b");
    tty.wait_for("Wand 1/");
    std::thread::sleep(Duration::from_millis(100));
    tty.send("q");
    tty.wait_exit();
}
