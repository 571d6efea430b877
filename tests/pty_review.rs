//! The real program in a pseudo-terminal: in the cluster review a card that
//! resembles a confirmed theme is suggested into it, and one key adds it;
//! the decision is in the session file afterwards. A review opened again in
//! a new program lists the kept run without clustering again.

mod common;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::time::Duration;

use common::pty::Tty;
use stellwand::core::store;

fn write_session(dir: &Path) {
    let texts = [
        "Kita-Plätze",
        "fehlende Kitaplätze",
        "Ausbau Kitaplätze",
        "Kitaplätze für alle",
        "Müll auf den Straßen",
    ];
    common::save_nord_with_theme(dir, &texts, "Kita-Plätze");
}

#[test]
fn a_card_suggested_into_a_confirmed_theme_is_added_with_one_key() {
    let (dir, _, mut tty) = Tty::fresh(write_session, Tty::on_board, "nord.ron");
    tty.send("c");
    tty.wait_for("„Kitaplätze für alle“ → Kita-Plätze");
    tty.wait_for("Karte ins Thema?");
    tty.send("a");
    tty.wait_for("Ins Thema „Kita-Plätze“ aufgenommen: „Kitaplätze für alle“");
    tty.assert_hides("→ Kita-Plätze");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();
    let s = store::load(&dir.path().join("nord.ron")).unwrap().session;
    assert_eq!(s.themes[0].cards, ["k0", "k1", "k2", "k3"]);
    assert!(s.themes[0].rejected.is_empty());
    // What the theme teaches now serves the folder's later sessions.
    let words = stellwand::core::cluster::learned::load_learned(dir.path()).unwrap();
    assert!(words.iter().any(|w| w.theme == "Kita-Plätze"), "{words:?}");
}

#[test]
fn a_broken_learned_words_file_is_warned_of_without_hiding_what_a_key_did() {
    let setup = |dir: &Path| {
        let texts = [
            "Kita-Plätze",
            "fehlende Kitaplätze",
            "Ausbau Kitaplätze",
            "Müll auf den Straßen",
            "Müll auf den Gehwegen",
        ];
        common::save_nord_with_theme(dir, &texts, "Kita-Plätze");
        std::fs::write(dir.join("learned.ron"), "Learned(\n  words: [oops").unwrap();
    };
    let (dir, _, mut tty) = Tty::fresh(setup, Tty::on_board, "nord.ron");
    tty.send("c");
    tty.wait_for("learned.ron:2:");
    tty.send("a");
    tty.wait_for("bestätigt (2 Karten)");
    // The autosave a second later finds the file as broken as before.
    let file = dir.path().join("nord.ron");
    let start = std::time::Instant::now();
    while store::load(&file).unwrap().session.themes.len() < 2 {
        assert!(start.elapsed() < Duration::from_secs(20), "not saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(800));
    tty.assert_shows("bestätigt (2 Karten)");
    // After the next key the warning is back.
    tty.send("j");
    tty.wait_for("learned.ron:2:");
    tty.assert_hides("bestätigt (2 Karten)");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();
}

#[test]
fn a_card_refused_for_a_theme_is_not_suggested_there_again() {
    let (dir, _, mut tty) = Tty::fresh(write_session, Tty::on_board, "nord.ron");
    tty.send("c");
    tty.wait_for("„Kitaplätze für alle“ → Kita-Plätze");
    tty.send("r");
    tty.wait_for("Nicht wieder für „Kita-Plätze“ vorgeschlagen");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();
    let s = store::load(&dir.path().join("nord.ron")).unwrap().session;
    assert_eq!(s.themes[0].rejected, ["k3"]);
    // A new run of the program does not suggest it again.
    let mut tty = Tty::on_board(dir.path(), "nord.ron");
    tty.send("c");
    tty.wait_for("Cluster prüfen");
    tty.wait_for("Kita-Plätze");
    tty.assert_hides("→ Kita-Plätze");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();
}

#[test]
fn the_review_opened_in_a_new_program_lists_the_kept_run_without_clustering_again() {
    let dir = tempfile::tempdir().unwrap();
    // Enough cards for a whole run to go to a worker thread, with progress.
    store::save(&dir.path().join("land.ron"), &synthetic::session(6_000, 7)).unwrap();
    let open = |tty: &mut Tty| -> String {
        tty.wait_for("Wand 1/");
        let before = tty.raw().len();
        tty.send("c");
        assert!(
            tty.shows_within("Vorschläge (größte", Duration::from_secs(180)),
            "{}",
            tty.contents()
        );
        // The whole frame, not one half drawn.
        tty.wait_for(" CLUSTER ");
        std::thread::sleep(Duration::from_millis(300));
        tty.raw()[before..].to_string()
    };
    let mut tty = Tty::start(dir.path(), &["land.ron"], &[]);
    let first = open(&mut tty);
    assert!(first.contains("Cluster werden berechnet"), "{first}");
    let listed = tty.contents();
    tty.send("\x1b");
    tty.wait_for("Wand 1/");
    tty.quit();
    assert!(
        dir.path()
            .join(".stellwand-cache/land.ron.clusters")
            .exists()
    );

    let mut tty = Tty::start(dir.path(), &["land.ron"], &[]);
    let second = open(&mut tty);
    assert!(
        !second.contains("berechnet"),
        "clustered again:\n{}",
        tty.contents()
    );
    // Then the cards are read for the decisions, in the background.
    let start = std::time::Instant::now();
    while tty.contents().contains("Karten werden gelesen") {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{}",
            tty.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    // The same suggestions, in the same order, the same cards beside.
    let rows =
        |screen: &str| -> Vec<String> { screen.lines().take(9).map(str::to_string).collect() };
    assert!(!rows(&listed).is_empty(), "{listed}");
    assert_eq!(rows(&tty.contents()), rows(&listed));
    tty.send("\x1b");
    tty.wait_for("Wand 1/");
    tty.quit();
}
