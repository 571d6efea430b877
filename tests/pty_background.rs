//! The real binary in a pseudo-terminal, at rest and while the review
//! clusters in the background:
//! a screen where nothing happens is not drawn again, and keys typed while
//! the clustering runs in the background act on its outcome.

mod common;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Tty;
use stellwand::core::cluster::review::{ColumnScope, group};
use stellwand::core::cluster::{DEFAULT_THRESHOLD, Thesaurus};
use stellwand::core::store;

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
    let mut tty = Tty::start(dir.path(), &[&file], &[]);
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
    tty.quit();
}

#[test]
fn keys_typed_while_the_review_clusters_in_the_background_are_carried_out() {
    let dir = tempfile::tempdir().unwrap();
    // Enough cards for the clustering to go to a worker thread.
    let session = synthetic::session(6_000, 7);
    store::save(&dir.path().join("land.ron"), &session).unwrap();
    let mut tty = Tty::start(dir.path(), &["land.ron"], &[]);
    tty.wait_for("Wand 1/");
    // Open the review; while its progress is on screen, go down one
    // suggestion and accept it.
    tty.send("c");
    tty.wait_for("Cluster werden berechnet");
    tty.send("ja");
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        tty.contents().contains("Cluster werden berechnet"),
        "the clustering ended before the keys came, so they test nothing:\n{}",
        tty.contents()
    );
    let start = Instant::now();
    while !tty.contents().contains("bestätigt") {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{}",
            tty.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tty.send("\x13");
    std::thread::sleep(Duration::from_millis(500));
    tty.send("\x1b");
    tty.wait_for("Wand 1/");
    tty.quit();

    // The second suggestion became the theme.
    let listed = group(
        &session,
        DEFAULT_THRESHOLD,
        &ColumnScope::EachColumn,
        &Thesaurus::load(Path::new("templates")).0,
        &[],
    );
    let second = sorted(listed.groups[1].members.iter().map(|m| m.card.clone()));
    let saved = store::load(&dir.path().join("land.ron")).unwrap().session;
    assert_eq!(saved.themes.len(), 1, "{:?}", saved.themes);
    assert_eq!(sorted(saved.themes[0].cards.iter().cloned()), second);
}

/// Card ids in order, to compare groups whatever order they list them in.
fn sorted(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut ids: Vec<String> = ids.collect();
    ids.sort();
    ids
}
