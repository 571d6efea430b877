//! Tests of the review while its clustering runs on a worker thread: keys
//! typed meanwhile wait and then act on the outcome, the screen shows how
//! far it got, Esc leaves at once.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::update::{event, update};

const NEEDS: &[&str] = &[
    "Kita-Plätze",
    "fehlende Kitaplätze",
    "Ausbau Kitaplätze",
    "Müll auf den Straßen",
    "Vermüllung im Viertel",
    "Müll im Park",
    "Sprachkurse für Eltern",
    "Sprachkurse am Abend",
];

/// A session open on the board; reviews of it cluster in the background.
fn app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = crate::tui::tags::tests::app_with(&[("needs", "Handlungsbedarf", NEEDS)]);
    app.cluster.background_from = 0;
    (dir, app)
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

fn review(app: &App) -> &Review {
    match &app.mode {
        Mode::Review(r) => r,
        other => panic!("not in the review: {other:?}"),
    }
}

/// Ticks until the background run is taken in.
fn wait(app: &mut App) {
    let start = Instant::now();
    while busy(app).is_some() {
        assert!(start.elapsed() < Duration::from_secs(20), "never done");
        std::thread::sleep(Duration::from_millis(5));
        update(app, Action::Tick);
    }
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
    t.draw(|f| crate::tui::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn keys_typed_while_clustering_act_on_its_outcome_in_order() {
    let (_dir, mut app) = app();
    event(&mut app, key('c'));
    assert!(review(&app).job.is_some(), "not in the background");
    // What the review will list, worked out here at once.
    let session = &app.doc.as_ref().unwrap().session;
    let listed = grouping::group(
        session,
        app.cluster.threshold,
        &ColumnScope::EachColumn,
        app.cluster.thesaurus.as_ref().unwrap(),
        &[],
    );
    assert!(listed.suggestions >= 2, "{:?}", listed.groups);
    let mut second: Vec<String> = listed.groups[1]
        .members
        .iter()
        .map(|m| m.card.clone())
        .collect();
    second.sort();

    assert!(screen(&app).contains("Cluster werden berechnet…"));
    // Down to the second suggestion and accept it, before the run is in.
    event(&mut app, key('j'));
    event(&mut app, key('a'));
    assert_eq!(review(&app).waiting.len(), 2);
    assert!(screen(&app).contains("2 Tasten warten"));
    wait(&mut app);

    let themes = &app.doc.as_ref().unwrap().session.themes;
    assert_eq!(themes.len(), 1, "{themes:?}");
    let mut accepted = themes[0].cards.clone();
    accepted.sort();
    assert_eq!(accepted, second);
    assert!(review(&app).waiting.is_empty());
    assert!(!screen(&app).contains("berechnet"));
}

#[test]
fn a_key_that_starts_another_run_holds_the_keys_after_it() {
    let (_dir, mut app) = app();
    event(&mut app, key('c'));
    // A stricter threshold (a new run), then accept what it suggests first.
    event(&mut app, key('+'));
    event(&mut app, key('a'));
    wait(&mut app);
    let threshold = app.cluster.threshold;
    assert!((threshold - 0.35).abs() < 1e-9, "{threshold}");
    let session = &app.doc.as_ref().unwrap().session;
    let listed = grouping::group(
        session,
        threshold,
        &ColumnScope::EachColumn,
        app.cluster.thesaurus.as_ref().unwrap(),
        &[],
    );
    assert_eq!(session.themes.len(), 1);
    assert!(
        listed
            .groups
            .iter()
            .any(|g| g.theme.as_deref() == Some(session.themes[0].id.as_str())),
        "{:?}",
        listed.groups
    );
}

#[test]
fn esc_leaves_at_once_unless_keys_are_waiting() {
    let (_dir, mut app) = app();
    event(&mut app, key('c'));
    event(&mut app, esc());
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    // With a key waiting, Esc waits behind it.
    event(&mut app, key('c'));
    event(&mut app, key('a'));
    event(&mut app, esc());
    assert_eq!(review(&app).waiting.len(), 2);
    wait(&mut app);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.doc.as_ref().unwrap().session.themes.len(), 1);
}
