//! The board: moving cards, undo and redo, settling versions, deleting a board.

use super::*;

#[test]
fn undo_and_redo_cover_every_kind_of_change() {
    let (_dir, mut app) = app_with_session();
    let start = session(&app).clone();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Commit);
    type_text(&mut app, "Sport");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::EditCard);
    type_text(&mut app, "vereine");
    update(&mut app, Action::Commit);
    update(&mut app, Action::AddSubPoint);
    type_text(&mut app, "Fußball");
    update(&mut app, Action::Commit);
    update(&mut app, Action::ToggleUncertain);
    update(&mut app, Action::ToggleStruck);
    update(&mut app, Action::ToggleEmphasis);
    update(&mut app, Action::MoveCardUp);
    update(&mut app, Action::MoveCardRight);
    update(&mut app, Action::EditBoard);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "Altstadt");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "IMG_0001.jpg");
    update(&mut app, Action::Commit);
    update(&mut app, Action::EditSession);
    update(&mut app, Action::End);
    type_text(&mut app, " Mitte");
    update(&mut app, Action::Commit);
    update(&mut app, Action::NewBoard);
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Themen");
    update(&mut app, Action::Commit);
    update(&mut app, Action::PrevBoard);
    update(&mut app, Action::DeleteCard);
    let end = session(&app).clone();
    assert_eq!(end.boards.len(), 2);
    assert_eq!(end.boards[0].title, "Altstadt");
    assert_eq!(end.boards[0].photos, ["IMG_0001.jpg"]);
    assert_eq!(end.title, "Stadtteilkonferenz Mitte");

    let mut steps = 0;
    while app.doc.as_ref().unwrap().history.can_undo() {
        update(&mut app, Action::Undo);
        steps += 1;
    }
    assert_eq!(steps, 13);
    assert_eq!(session(&app), &start);
    for _ in 0..steps {
        update(&mut app, Action::Redo);
    }
    assert_eq!(session(&app), &end);
}

#[test]
fn more_than_a_hundred_undo_steps() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for i in 0..120 {
        type_text(&mut app, &format!("Karte {i}"));
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::Cancel);
    assert_eq!(session(&app).card_count(), 120);
    for _ in 0..120 {
        update(&mut app, Action::Undo);
    }
    assert_eq!(session(&app).card_count(), 0);
}

#[test]
fn cards_move_within_and_between_columns_and_boards() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["a", "b", "c"] {
        type_text(&mut app, t);
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::Cancel);
    // The cursor is on "c", the last card typed.
    update(&mut app, Action::MoveCardUp);
    assert_eq!(texts(&app, 0), ["a", "c", "b"]);
    update(&mut app, Action::MoveCardDown);
    assert_eq!(texts(&app, 0), ["a", "b", "c"]);
    update(&mut app, Action::MoveCardRight);
    assert_eq!(texts(&app, 1), ["c"]);
    assert_eq!(app.doc.as_ref().unwrap().card().unwrap().text, "c");
    update(&mut app, Action::NewBoard);
    update(&mut app, Action::Commit);
    update(&mut app, Action::PrevBoard);
    update(&mut app, Action::Right);
    update(&mut app, Action::MoveCardNextBoard);
    assert_eq!(session(&app).boards[1].columns[1].cards[0].text, "c");
    assert!(session(&app).boards[0].columns[1].cards.is_empty());
}

#[test]
fn photo_problems_show_in_the_status_bar() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::OpenPhoto);
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
    update(&mut app, Action::EditBoard);
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "fotos/IMG_9999.jpg");
    update(&mut app, Action::Commit);
    update(&mut app, Action::OpenPhoto);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Error);
    assert!(status.text.contains("IMG_9999.jpg"), "{}", status.text);
    update(&mut app, Action::Cancel);
    assert!(app.status.is_none());
}

#[test]
fn undo_shows_the_place_of_the_change() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["a", "b"] {
        type_text(&mut app, t);
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Up);
    update(&mut app, Action::ToggleEmphasis);
    update(&mut app, Action::NewBoard);
    update(&mut app, Action::Commit);
    assert_eq!(app.doc.as_ref().unwrap().cursor.board, 1);
    update(&mut app, Action::Undo);
    update(&mut app, Action::Undo);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.cursor.board, 0);
    assert_eq!(doc.card().unwrap().text, "a");
    assert!(!doc.card().unwrap().flags.emphasis);
    update(&mut app, Action::Redo);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.card().unwrap().text, "a");
    assert!(doc.card().unwrap().flags.emphasis);
}

#[test]
fn a_card_with_two_versions_is_settled_with_one_key_and_undone_with_u() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "fehlende Kita-Plätze");
    update(&mut app, Action::Commit);
    update(&mut app, Action::Cancel);
    update(&mut app, Action::TakeOtherVersion);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        Msg::NoConflict.text(Lang::De)
    );
    // As a merge leaves it: the other clerk's text beside this one.
    let doc = app.doc.as_mut().unwrap();
    let mut card = doc.card().unwrap().clone();
    card.conflict.push(Card::new("", "zu wenig Kitaplätze"));
    doc.session.apply(Edit::ReplaceCard { card }).unwrap();

    update(&mut app, Action::KeepShownVersion);
    assert_eq!(texts(&app, 0), ["fehlende Kita-Plätze"]);
    assert!(!session(&app).boards[0].columns[0].cards[0].in_conflict());
    update(&mut app, Action::Undo);
    assert!(session(&app).boards[0].columns[0].cards[0].in_conflict());
    update(&mut app, Action::TakeOtherVersion);
    assert_eq!(texts(&app, 0), ["zu wenig Kitaplätze"]);
    assert!(!session(&app).boards[0].columns[0].cards[0].in_conflict());
}

#[test]
fn q_quits_from_the_cluster_review() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["Kita-Plätze fehlen", "fehlende Kitaplätze"] {
        type_text(&mut app, t);
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    assert!(matches!(app.mode, Mode::Review(_)));
    let key = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('q'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    let action = crate::tui::keymap::lookup(&app, key);
    assert_eq!(action, Some(Action::Quit));
    update(&mut app, Action::Quit);
    assert!(app.quit, "q ends the program from the review too");
}

#[test]
fn deleting_a_board_with_cards_asks_first() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::DeleteBoard);
    assert_eq!(session(&app).boards.len(), 1, "not deleted without asking");
    assert!(matches!(app.mode, Mode::Confirm(_)));
    update(&mut app, Action::Cancel);
    assert_eq!(session(&app).boards.len(), 1);
    update(&mut app, Action::DeleteBoard);
    update(&mut app, Action::Commit);
    assert_eq!(session(&app).boards.len(), 0);
    update(&mut app, Action::Undo);
    assert_eq!(session(&app).card_count(), 1);
    // An empty board goes at once.
    update(&mut app, Action::NewBoard);
    update(&mut app, Action::Commit);
    assert_eq!(session(&app).boards.len(), 2);
    update(&mut app, Action::DeleteBoard);
    assert_eq!(session(&app).boards.len(), 1);
    assert_eq!(app.mode, Mode::Normal);
}
