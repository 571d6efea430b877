//! The card editor: rapid entry, pasting, fields and marks.

use super::*;

#[test]
fn rapid_entry_fills_columns_with_enter_tab_and_esc() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Nachbarschaftsnetzwerke");
    update(&mut app, Action::Commit);
    type_text(&mut app, "Feierabendmarkt");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Spracherwerbsförderung");
    update(&mut app, Action::Commit);
    // An empty Enter adds nothing and stays in the column.
    update(&mut app, Action::Commit);
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Kümmerer vor Ort");
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        texts(&app, 0),
        ["Nachbarschaftsnetzwerke", "Feierabendmarkt"]
    );
    assert_eq!(texts(&app, 1), ["Spracherwerbsförderung"]);
    assert_eq!(texts(&app, 2), ["Kümmerer vor Ort"]);
    // Tab from the last column goes to a new sheet of the same kind.
    update(&mut app, Action::AddCard);
    update(&mut app, Action::CommitNext);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (1, 0));
    assert_eq!(doc.session.boards[1].template, "district-exchange");
    // Shift-Tab from the first column goes back to the last one before.
    update(&mut app, Action::CommitPrev);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (0, 2));
    // On an empty last sheet Tab wraps instead of adding sheets.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::NextBoard);
    update(&mut app, Action::Right);
    update(&mut app, Action::Right);
    update(&mut app, Action::AddCard);
    update(&mut app, Action::CommitNext);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (1, 0));
    assert_eq!(doc.session.boards.len(), 2);
}

#[test]
fn pasted_lines_stay_in_one_card() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    update(
        &mut app,
        Action::Paste("kulturelles Angebot\r\n↳ Theater\n-> Musikschule\n".into()),
    );
    update(&mut app, Action::Commit);
    let card = &session(&app).boards[0].columns[0].cards[0];
    assert_eq!(card.text, "kulturelles Angebot");
    assert_eq!(card.sub_points, ["Theater", "Musikschule"]);
    assert_eq!(session(&app).card_count(), 1);
}

#[test]
fn control_characters_are_removed_from_every_paste() {
    let (_dir, mut app) = app_with_session();
    // In the editor: escape sequences and other controls go, lines stay.
    update(&mut app, Action::AddCard);
    update(
        &mut app,
        Action::Paste(
            "Kita\x1b[31m-Plätze\x1b[0m\x07\u{9b}2J\r\n↳ zu\x00 wenig\x1b]0;owned\x07".into(),
        ),
    );
    update(&mut app, Action::Commit);
    let card = &session(&app).boards[0].columns[0].cards[0];
    assert_eq!(card.text, "Kita-Plätze");
    assert_eq!(card.sub_points, ["zu wenig"]);
    update(&mut app, Action::Cancel);
    // On the board, as a list of cards.
    update(
        &mut app,
        Action::Paste("- eins\x1b]52;c;ZGQK\x07\n- zwei\x08\t!\n".into()),
    );
    assert_eq!(texts(&app, 0), ["Kita-Plätze", "eins", "zwei !"]);
    for text in texts(&app, 0) {
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
}

#[test]
fn ctrl_s_while_typing_keeps_the_card_and_the_editor() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Save);
    assert!(matches!(app.mode, Mode::Entry(_)));
    assert!(!app.doc.as_ref().unwrap().dirty);
    type_text(&mut app, "Schule");
    update(&mut app, Action::Commit);
    assert_eq!(texts(&app, 0), ["Kita", "Schule"]);
}

fn first_card(app: &App, column: usize) -> crate::core::model::Card {
    session(app).boards[0].columns[column].cards[0].clone()
}

#[test]
fn every_card_field_is_edited_with_tab_between_them() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Begegnungsorte");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::EditCard);
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Jagmar Müller");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "7");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "3");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Boboc, Tudora");
    // Tab after the last field goes round to the text.
    update(&mut app, Action::CommitNext);
    type_text(&mut app, " schaffen");
    update(&mut app, Action::Commit);
    assert_eq!(app.mode, Mode::Normal);
    let card = first_card(&app, 0);
    assert_eq!(card.text, "Begegnungsorte schaffen");
    assert_eq!(card.person.as_deref(), Some("Jagmar Müller"));
    assert_eq!(card.refs, [7]);
    assert_eq!(card.votes, 3);
    assert_eq!(card.interested, ["Boboc", "Tudora"]);
    // One undo takes the whole edit back.
    update(&mut app, Action::Undo);
    let card = first_card(&app, 0);
    assert_eq!((card.person, card.votes), (None, 0));
}

#[test]
fn letters_as_votes_keep_the_editor_open_with_a_warning() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::EditCard);
    for _ in 0..3 {
        update(&mut app, Action::CommitNext);
    }
    type_text(&mut app, "drei");
    update(&mut app, Action::Commit);
    assert!(matches!(app.mode, Mode::Entry(_)));
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "3");
    update(&mut app, Action::Commit);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(first_card(&app, 0).votes, 3);
}

#[test]
fn rapid_entry_reaches_the_fields_below_and_stays_one_enter_per_card() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Down);
    type_text(&mut app, "Frau Yilmaz");
    update(&mut app, Action::Commit);
    type_text(&mut app, "Sport");
    update(&mut app, Action::Commit);
    type_text(&mut app, "Wohnraum");
    // Alt-u, Alt-b: flags without leaving the editor.
    update(&mut app, Action::ToggleUncertain);
    update(&mut app, Action::ToggleEmphasis);
    update(&mut app, Action::Commit);
    update(&mut app, Action::Cancel);
    let cards = &session(&app).boards[0].columns[0].cards;
    assert_eq!(texts(&app, 0), ["Kita", "Sport", "Wohnraum"]);
    assert_eq!(cards[0].person.as_deref(), Some("Frau Yilmaz"));
    assert_eq!(cards[1].person, None);
    assert!(cards[2].flags.uncertain && cards[2].flags.emphasis && !cards[2].flags.struck);
}

#[test]
fn a_theme_collection_card_takes_number_person_and_interested_with_tab() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::NewBoard);
    // The template choice: Themensammlung.
    while !matches!(&app.mode, Mode::Form(f) if f.fields[0].value() == "theme-collection") {
        update(&mut app, Action::Right);
    }
    update(&mut app, Action::Commit);
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Mediation im Stadtteil");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "12");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "JAGMAR MÜLLER");
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Franke, Richter");
    // Tab after the last field: the next card of the same column.
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Begegnungen schaffen");
    update(&mut app, Action::Commit);
    update(&mut app, Action::Cancel);
    let doc = app.doc.as_ref().unwrap();
    let board = &doc.session.boards[doc.cursor.board];
    assert_eq!(board.template, "theme-collection");
    let cards = &board.columns[0].cards;
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].refs, [12]);
    assert_eq!(cards[0].person.as_deref(), Some("JAGMAR MÜLLER"));
    assert_eq!(cards[0].interested, ["Franke", "Richter"]);
    assert_eq!(cards[1].text, "Begegnungen schaffen");
}
