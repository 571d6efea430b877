//! Autosave on another thread: the screen stays live while it runs.

use std::time::Duration;

use super::super::action::Action;
use super::tests::{session, typing_a_card};
use super::{autosave, update};

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
