//! Autosave on another thread: the screen stays live while it runs.

use std::time::Duration;

use super::super::action::Action;
use super::super::app::App;
use super::tests::{session, typing_a_card};
use super::{autosave, update};
use crate::core::error::Lang;
use crate::core::model::{Card, Session};
use crate::core::store;
use crate::core::template::Templates;

/// A session of six boards with 10,000 cards each, open in the app.
fn large() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::builtin();
    let mut s = Session {
        title: "Land".into(),
        ..Session::default()
    };
    for b in 0..6 {
        let mut board = templates
            .board("district-exchange")
            .unwrap()
            .new_board(format!("b{b}"), &format!("Kreis {b}"));
        board.columns[0].cards = (0..10_000)
            .map(|i| Card::new(format!("k{b}x{i}"), format!("Karte {i} in Kreis {b}")))
            .collect();
        s.boards.push(board);
    }
    let path = dir.path().join("land.ron");
    store::save(&path, &s).unwrap();
    let app = App::open_file(Lang::De, templates, &path);
    (dir, app)
}

fn add_card(app: &mut App, text: &str) {
    update(app, Action::AddCard);
    for c in text.chars() {
        update(app, Action::Input(c));
    }
    update(app, Action::Cancel);
}

#[test]
fn a_large_session_is_copied_between_keys_and_a_change_meanwhile_starts_it_again() {
    let (_dir, mut app) = large();
    add_card(&mut app, "Kita-Plätze");
    let due = app.doc.as_ref().unwrap().changed_at.unwrap() + Duration::from_secs(1);
    autosave(&mut app, due);
    // A few boards per tick, not all at once.
    let copied = app
        .doc
        .as_ref()
        .unwrap()
        .copying
        .as_ref()
        .unwrap()
        .boards
        .len();
    assert!((1..6).contains(&copied), "{copied} boards copied at once");
    assert!(app.saving());
    // A card typed meanwhile: the copy lacks it and is thrown away.
    add_card(&mut app, "Sprachcafé");
    autosave(&mut app, due);
    assert!(app.doc.as_ref().unwrap().copying.is_none());
    assert!(!app.saving());
    // After the delay the copy is made again, and the save holds both.
    let due = app.doc.as_ref().unwrap().changed_at.unwrap() + Duration::from_secs(1);
    for _ in 0..1000 {
        autosave(&mut app, due);
        if !app.doc.as_ref().unwrap().dirty {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!app.doc.as_ref().unwrap().dirty);
    let path = app.doc.as_ref().unwrap().path.clone();
    let on_disk = store::load(&path).unwrap().session;
    assert_eq!(on_disk.card_count(), 60_002);
    assert_eq!(on_disk, *session(&app));
}

#[test]
fn a_change_made_while_the_autosave_runs_stays_unsaved_and_is_saved_next() {
    let (_dir, mut app) = typing_a_card("Kita-Plätze");
    update(&mut app, Action::Cancel);
    let changed = app.doc.as_ref().unwrap().changed_at.unwrap();
    autosave(&mut app, changed + Duration::from_secs(1));
    assert!(app.saving());
    // Typed while it runs: handled at once.
    update(&mut app, Action::AddCard);
    for c in "Sprachcafé".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Commit);
    update(&mut app, Action::Cancel);
    assert_eq!(session(&app).card_count(), 2);
    let later = app.doc.as_ref().unwrap().changed_at.unwrap();
    for _ in 0..500 {
        if !app.saving() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        autosave(&mut app, later);
    }
    assert!(!app.saving());
    assert!(
        app.doc.as_ref().unwrap().dirty,
        "the second card is not saved yet"
    );
    for _ in 0..500 {
        autosave(&mut app, later + Duration::from_secs(1));
        if !app.doc.as_ref().unwrap().dirty {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!app.doc.as_ref().unwrap().dirty);
    let path = app.doc.as_ref().unwrap().path.clone();
    let on_disk = crate::core::store::load(&path).unwrap().session;
    assert_eq!(on_disk.card_count(), 2);
}
