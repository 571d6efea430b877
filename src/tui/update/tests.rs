//! Updates driven through `update`, as the keys would.

use std::time::Duration;

use std::path::PathBuf;
use std::time::Instant;

use super::persist::write_draft;
use super::*;
use crate::core::edit::Edit;
use crate::core::error::Lang;
use crate::core::model::FORMAT_VERSION;
use crate::core::model::{Card, Session};
use crate::core::store;
use crate::core::template::Templates;
use crate::tui::i18n::Msg;
use crate::tui::tags::tests::{act, assert_warning, new_session_form, type_text, type_then};

/// An app with a fresh district-exchange session open, in a temp folder.
fn app_with_session() -> (tempfile::TempDir, App) {
    let (dir, mut app) = new_session_form();
    type_then(&mut app, "Stadtteilkonferenz", Action::Commit);
    assert_eq!(app.screen, Screen::Board, "{:?}", app.status);
    (dir, app)
}

/// [`app_with_session`] with `text` typed in rapid entry on its first
/// column.
pub(super) fn typing_a_card(text: &str) -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, text);
    (dir, app)
}

pub(super) fn session(app: &App) -> &Session {
    &app.doc.as_ref().unwrap().session
}

fn texts(app: &App, column: usize) -> Vec<String> {
    session(app).boards[0].columns[column]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

/// The text of the first card in the session file as it is on disk.
fn saved_first_card(app: &App) -> String {
    let loaded = store::load(&path(app)).unwrap();
    loaded.session.boards[0].columns[0].cards[0].text.clone()
}

fn path(app: &App) -> PathBuf {
    app.doc.as_ref().unwrap().path.clone()
}

#[test]
fn rapid_entry_fills_columns_with_enter_tab_and_esc() {
    let (_dir, mut app) = typing_a_card("Nachbarschaftsnetzwerke");
    update(&mut app, Action::Commit);
    type_then(&mut app, "Feierabendmarkt", Action::CommitNext);
    type_then(&mut app, "Spracherwerbsförderung", Action::Commit);
    // An empty Enter adds nothing and stays in the column.
    act(&mut app, &[Action::Commit, Action::CommitNext]);
    type_then(&mut app, "Kümmerer vor Ort", Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        texts(&app, 0),
        ["Nachbarschaftsnetzwerke", "Feierabendmarkt"]
    );
    assert_eq!(texts(&app, 1), ["Spracherwerbsförderung"]);
    assert_eq!(texts(&app, 2), ["Kümmerer vor Ort"]);
    // Tab from the last column goes to a new sheet of the same kind.
    act(&mut app, &[Action::AddCard, Action::CommitNext]);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (1, 0));
    assert_eq!(doc.session.boards[1].template, "district-exchange");
    // Shift-Tab from the first column goes back to the last one before.
    update(&mut app, Action::CommitPrev);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (0, 2));
    // On an empty last sheet Tab wraps instead of adding sheets.
    act(
        &mut app,
        &[
            Action::Cancel,
            Action::NextBoard,
            Action::Right,
            Action::Right,
            Action::AddCard,
            Action::CommitNext,
        ],
    );
    let doc = app.doc.as_ref().unwrap();
    assert_eq!((doc.cursor.board, doc.cursor.column), (1, 0));
    assert_eq!(doc.session.boards.len(), 2);
}

#[test]
fn a_new_board_offers_the_current_boards_template_and_its_title_follows_the_topic() {
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::builtin();
    let t = templates.board("working-group").unwrap();
    let mut s = Session::from_template(t, "AG", "", "", None);
    s.id = "ag".into();
    let file = dir.path().join("ag.ron");
    store::save(&file, &s).unwrap();
    let mut app = App::open_file(Lang::De, templates, &file);
    update(&mut app, Action::NewBoard);
    let Mode::Form(form) = &app.mode else {
        panic!("no form")
    };
    assert_eq!(form.fields[0].value(), "working-group");
    act(&mut app, &[Action::Commit, Action::AddCard]);
    type_then(&mut app, "Begegnungen schaffen", Action::CommitNext);
    let board = |app: &App| {
        let d = app.doc.as_ref().unwrap();
        d.session.boards[d.cursor.board].clone()
    };
    assert_eq!(board(&app).title, "Begegnungen schaffen");
    update(&mut app, Action::Cancel);
    // Editing the topic moves the title along; undo takes both back.
    act(&mut app, &[Action::Left, Action::EditCard]);
    type_then(&mut app, " im Quartier", Action::Commit);
    assert_eq!(board(&app).title, "Begegnungen schaffen im Quartier");
    update(&mut app, Action::Undo);
    assert_eq!(board(&app).title, "Begegnungen schaffen");
    // A title set by hand stays.
    act(&mut app, &[Action::EditBoard, Action::ClearLine]);
    type_text(&mut app, "AG 3");
    act(&mut app, &[Action::Commit, Action::EditCard]);
    type_then(&mut app, "!", Action::Commit);
    assert_eq!(board(&app).title, "AG 3");
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
fn undo_and_redo_cover_every_kind_of_change() {
    let (_dir, mut app) = app_with_session();
    let start = session(&app).clone();
    update(&mut app, Action::AddCard);
    type_then(&mut app, "Kita", Action::Commit);
    type_text(&mut app, "Sport");
    act(&mut app, &[Action::Cancel, Action::EditCard]);
    type_text(&mut app, "vereine");
    act(&mut app, &[Action::Commit, Action::AddSubPoint]);
    type_text(&mut app, "Fußball");
    act(
        &mut app,
        &[
            Action::Commit,
            Action::ToggleUncertain,
            Action::ToggleStruck,
            Action::ToggleEmphasis,
            Action::MoveCardUp,
            Action::MoveCardRight,
            Action::EditBoard,
            Action::ClearLine,
        ],
    );
    type_then(&mut app, "Altstadt", Action::CommitNext);
    type_text(&mut app, "IMG_0001.jpg");
    act(
        &mut app,
        &[Action::Commit, Action::EditSession, Action::End],
    );
    type_text(&mut app, " Mitte");
    act(
        &mut app,
        &[Action::Commit, Action::NewBoard, Action::CommitNext],
    );
    type_text(&mut app, "Themen");
    act(
        &mut app,
        &[Action::Commit, Action::PrevBoard, Action::DeleteCard],
    );
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
        type_then(&mut app, &format!("Karte {i}"), Action::Commit);
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
        type_then(&mut app, t, Action::Commit);
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
    act(
        &mut app,
        &[
            Action::NewBoard,
            Action::Commit,
            Action::PrevBoard,
            Action::Right,
            Action::MoveCardNextBoard,
        ],
    );
    assert_eq!(session(&app).boards[1].columns[1].cards[0].text, "c");
    assert!(session(&app).boards[0].columns[1].cards.is_empty());
}

#[test]
fn autosave_writes_within_two_seconds_of_a_change() {
    let (_dir, mut app) = typing_a_card("Kita-Plätze");
    update(&mut app, Action::Cancel);
    let changed = app.doc.as_ref().unwrap().changed_at.unwrap();
    autosave(&mut app, changed);
    assert!(app.doc.as_ref().unwrap().dirty, "not saved at once");
    autosave(&mut app, changed + Duration::from_millis(1999));
    // Written on another thread; a later tick finishes it.
    for _ in 0..500 {
        if !app.doc.as_ref().unwrap().dirty {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        autosave(&mut app, changed + Duration::from_millis(1999));
    }
    assert!(!app.doc.as_ref().unwrap().dirty);
    assert!(!app.saving());
    assert_eq!(saved_first_card(&app), "Kita-Plätze");
}

#[test]
fn interrupt_keeps_the_card_being_typed_and_saves() {
    let (_dir, mut app) = typing_a_card("halb getippt");
    update(&mut app, Action::Interrupt);
    assert!(app.quit);
    assert_eq!(saved_first_card(&app), "halb getippt");
}

#[test]
fn a_newer_file_is_shown_but_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("neu.ron");
    let templates = Templates::builtin();
    let district = templates.board("district-exchange").unwrap();
    let mut s = Session::from_template(district, "Zukunft", "", "", None);
    s.version = FORMAT_VERSION + 1;
    store::save(&file, &s).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut app = App::new(Lang::En, Templates::builtin(), dir.path());
    update(&mut app, Action::Open);
    assert!(app.doc.as_ref().unwrap().read_only);
    update(&mut app, Action::AddCard);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.status.as_ref().unwrap().text.contains("read-only"));
    act(&mut app, &[Action::EditSession, Action::Save]);
    autosave(&mut app, Instant::now() + Duration::from_secs(10));
    update(&mut app, Action::Quit);
    assert!(app.quit);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_unreadable_file_is_listed_with_its_error_and_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kaputt.ron");
    let broken = "Session(\n  title: 42,\n)";
    std::fs::write(&file, broken).unwrap();
    let mut app = App::new(Lang::En, Templates::builtin(), dir.path());
    assert!(app.sessions[0].error.is_some());
    update(&mut app, Action::Open);
    assert_eq!(app.screen, Screen::Start);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Error);
    assert!(status.text.contains("kaputt.ron:2:"), "{}", status.text);
    update(&mut app, Action::Quit);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn a_new_session_creates_the_missing_folder_and_a_slug_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    let mut app = App::new(Lang::De, Templates::builtin(), &sessions);
    update(&mut app, Action::NewSession);
    type_text(&mut app, "Konferenz Süd");
    act(&mut app, &[Action::CommitNext, Action::ClearLine]);
    type_then(&mut app, "2019-03-01x", Action::Commit);
    let open = matches!(app.mode, Mode::Form(_));
    assert!(open, "bad date keeps the form open");
    act(&mut app, &[Action::Backspace, Action::Commit]);
    let file = sessions.join("2019-03-01-konferenz-sued.ron");
    assert!(file.is_file());
    let s = store::load(&file).unwrap().session;
    assert_eq!((s.title.as_str(), s.boards.len()), ("Konferenz Süd", 1));
}

#[test]
fn a_failed_save_keeps_the_app_open_once() {
    let (dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_then(&mut app, "x", Action::Cancel);
    // A folder where the file should be makes the save fail.
    let _ = dir;
    let file = path(&app);
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir_all(file.join("x")).unwrap();
    update(&mut app, Action::Quit);
    assert!(!app.quit);
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Error);
    update(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn photo_problems_show_in_the_status_bar() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::OpenPhoto);
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
    act(&mut app, &[Action::EditBoard, Action::CommitNext]);
    type_text(&mut app, "fotos/IMG_9999.jpg");
    act(&mut app, &[Action::Commit, Action::OpenPhoto]);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Error);
    assert!(status.text.contains("IMG_9999.jpg"), "{}", status.text);
    update(&mut app, Action::Cancel);
    assert!(app.status.is_none());
}

#[test]
fn ctrl_s_while_typing_keeps_the_card_and_the_editor() {
    let (_dir, mut app) = typing_a_card("Kita");
    update(&mut app, Action::Save);
    assert!(matches!(app.mode, Mode::Entry(_)));
    assert!(!app.doc.as_ref().unwrap().dirty);
    type_then(&mut app, "Schule", Action::Commit);
    assert_eq!(texts(&app, 0), ["Kita", "Schule"]);
}

#[test]
fn undo_shows_the_place_of_the_change() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["a", "b"] {
        type_then(&mut app, t, Action::Commit);
    }
    act(
        &mut app,
        &[
            Action::Cancel,
            Action::Up,
            Action::ToggleEmphasis,
            Action::NewBoard,
            Action::Commit,
        ],
    );
    assert_eq!(app.doc.as_ref().unwrap().cursor.board, 1);
    act(&mut app, &[Action::Undo, Action::Undo]);
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
fn after_a_crash_every_committed_card_and_the_card_being_typed_come_back() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["Kita", "Schule", "Sport"] {
        type_then(&mut app, t, Action::Commit);
    }
    act(&mut app, &[Action::Cancel, Action::Undo, Action::AddCard]);
    type_text(&mut app, "halber Satz");
    write_draft(&mut app, Instant::now());
    let file = path(&app);
    // The process dies: nothing saved, nothing closed.
    drop(app);
    assert_eq!(store::load(&file).unwrap().session.card_count(), 0);

    let mut app = App::open_file(Lang::En, Templates::builtin(), &file);
    assert_eq!(texts(&app, 0), ["Kita", "Schule"]);
    let status = app.status.clone().unwrap();
    assert!(status.text.contains("4 change(s)"), "{}", status.text);
    assert!(status.text.contains("in the editor"), "{}", status.text);
    let Mode::Entry(entry) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(entry.editor.text(), "halber Satz");
    type_text(&mut app, " zu Ende");
    act(&mut app, &[Action::Commit, Action::Cancel, Action::Quit]);
    assert!(app.quit);
    shutdown(&mut app);
    let s = store::load(&file).unwrap().session;
    assert_eq!(column_texts(&s), ["Kita", "Schule", "halber Satz zu Ende"]);
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".journal") || n.ends_with(".draft"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_committed_card_leaves_no_draft_behind_for_a_crash_to_bring_back() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "h");
    let start = Instant::now();
    write_draft(&mut app, start);
    // Typed on within the draft's interval: the draft on disk is still "h".
    type_text(&mut app, "alb getippt");
    write_draft(&mut app, start);
    update(&mut app, Action::Commit);
    // The process dies before the next tick.
    let file = path(&app);
    drop(app);
    let mut app = App::open_file(Lang::En, Templates::builtin(), &file);
    assert_eq!(texts(&app, 0), ["halb getippt"]);
    assert!(!matches!(app.mode, Mode::Entry(_)), "{:?}", app.mode);
    act(&mut app, &[Action::Quit]);
    shutdown(&mut app);
    let s = store::load(&file).unwrap().session;
    assert_eq!(column_texts(&s), ["halb getippt"]);
}

fn column_texts(s: &Session) -> Vec<String> {
    s.boards[0].columns[0]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn a_session_open_elsewhere_opens_read_only_and_names_the_owner() {
    let (_dir, app) = app_with_session();
    let file = path(&app);
    let second = App::open_file(Lang::De, Templates::builtin(), &file);
    let doc = second.doc.as_ref().unwrap();
    assert!(doc.read_only);
    let status = second.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Warning);
    assert!(
        status
            .text
            .contains(&format!("Prozess {}", std::process::id())),
        "{}",
        status.text
    );
}

#[test]
fn a_change_by_another_program_is_saved_aside_and_the_clerk_told() {
    let (_dir, mut app) = app_with_session();
    let file = path(&app);
    let theirs = std::fs::read_to_string(&file).unwrap() + "\n";
    std::fs::write(&file, &theirs).unwrap();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita");
    act(&mut app, &[Action::Commit, Action::Save]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    let side = path(&app);
    assert_ne!(side, file);
    assert_eq!(store::load(&side).unwrap().session.card_count(), 1);
    assert_warning(&app, "konflikt");
}

#[test]
fn a_day_that_does_not_exist_keeps_the_form_open_and_says_why() {
    let (dir, mut app) = new_session_form();
    type_text(&mut app, "Konferenz");
    act(&mut app, &[Action::CommitNext, Action::ClearLine]);
    type_then(&mut app, "2019-02-31", Action::Commit);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert_warning(&app, "31. Februar 2019 gibt es nicht");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_card_with_two_versions_is_settled_with_one_key_and_undone_with_u() {
    let (_dir, mut app) = typing_a_card("fehlende Kita-Plätze");
    act(
        &mut app,
        &[Action::Commit, Action::Cancel, Action::TakeOtherVersion],
    );
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

fn first_card(app: &App, column: usize) -> crate::core::model::Card {
    session(app).boards[0].columns[column].cards[0].clone()
}

#[test]
fn every_card_field_is_edited_with_tab_between_them() {
    let (_dir, mut app) = typing_a_card("Begegnungsorte");
    act(
        &mut app,
        &[Action::Cancel, Action::EditCard, Action::CommitNext],
    );
    type_then(&mut app, "Jagmar Müller", Action::CommitNext);
    type_then(&mut app, "7", Action::CommitNext);
    type_then(&mut app, "3", Action::CommitNext);
    type_text(&mut app, "Boboc, Tudora");
    // Tab after the last field goes round to the text.
    update(&mut app, Action::CommitNext);
    type_then(&mut app, " schaffen", Action::Commit);
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
    let (_dir, mut app) = typing_a_card("Kita");
    act(&mut app, &[Action::Cancel, Action::EditCard]);
    for _ in 0..3 {
        update(&mut app, Action::CommitNext);
    }
    type_then(&mut app, "drei", Action::Commit);
    assert!(matches!(app.mode, Mode::Entry(_)));
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
    update(&mut app, Action::ClearLine);
    type_then(&mut app, "3", Action::Commit);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(first_card(&app, 0).votes, 3);
}

#[test]
fn rapid_entry_reaches_the_fields_below_and_stays_one_enter_per_card() {
    let (_dir, mut app) = typing_a_card("Kita");
    update(&mut app, Action::Down);
    type_then(&mut app, "Frau Yilmaz", Action::Commit);
    type_then(&mut app, "Sport", Action::Commit);
    type_text(&mut app, "Wohnraum");
    // Alt-u, Alt-b: flags without leaving the editor.
    act(
        &mut app,
        &[
            Action::ToggleUncertain,
            Action::ToggleEmphasis,
            Action::Commit,
            Action::Cancel,
        ],
    );
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
    act(&mut app, &[Action::Commit, Action::AddCard]);
    type_then(&mut app, "Mediation im Stadtteil", Action::CommitNext);
    type_then(&mut app, "12", Action::CommitNext);
    type_then(&mut app, "JAGMAR MÜLLER", Action::CommitNext);
    type_text(&mut app, "Franke, Richter");
    // Tab after the last field: the next card of the same column.
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "Begegnungen schaffen");
    act(&mut app, &[Action::Commit, Action::Cancel]);
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

#[test]
fn a_new_session_starts_without_a_date_and_with_the_last_tag_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    app.recent = Some(dir.path().join("state/recent.ron"));
    update(&mut app, Action::NewSession);
    let Mode::Form(form) = &app.mode else {
        panic!("no form")
    };
    assert_eq!(form.fields[2].value(), "", "the date starts empty");
    assert_eq!(form.fields[4].value(), "", "no tag set remembered yet");
    // The first session: Rostock 2020 chosen, no date typed.
    type_text(&mut app, "Konferenz Nord");
    for _ in 0..3 {
        update(&mut app, Action::CommitNext);
    }
    while !matches!(&app.mode, Mode::Form(f) if f.fields[4].value() == "rostock-2020") {
        update(&mut app, Action::Right);
    }
    update(&mut app, Action::Commit);
    assert_eq!(session(&app).date, "");
    assert_eq!(session(&app).tag_sets, ["rostock-2020"]);
    act(&mut app, &[Action::Sessions, Action::NewSession]);
    let Mode::Form(form) = &app.mode else {
        panic!("no form")
    };
    assert_eq!(form.fields[4].value(), "rostock-2020");
}

#[test]
fn reopening_a_session_returns_to_its_board_and_card() {
    let (dir, mut app) = app_with_session();
    app.recent = Some(dir.path().join("state/recent.ron"));
    update(&mut app, Action::AddCard);
    for t in ["a", "b", "c"] {
        type_then(&mut app, t, Action::Commit);
    }
    update(&mut app, Action::CommitNext);
    type_then(&mut app, "d", Action::CommitNext);
    // On to a second sheet, with cards in its second column.
    type_text(&mut app, "e");
    act(&mut app, &[Action::CommitNext, Action::CommitNext]);
    type_then(&mut app, "f", Action::Commit);
    type_then(&mut app, "g", Action::Cancel);
    let file = path(&app);
    let before = app.doc.as_ref().unwrap().cursor;
    assert_eq!((before.board, before.column), (1, 1));
    update(&mut app, Action::Up);
    shutdown(&mut app);
    let mut again = App::open_file(Lang::De, Templates::builtin(), &file);
    assert_eq!(again.doc.as_ref().unwrap().cursor, Default::default());
    again.recent = Some(dir.path().join("state/recent.ron"));
    again.restore_place();
    let doc = again.doc.as_ref().unwrap();
    assert_eq!(doc.card().map(|c| c.text.as_str()), Some("f"));
    assert_eq!(doc.cursor.board, 1);
}

#[test]
fn q_quits_from_the_cluster_review() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["Kita-Plätze fehlen", "fehlende Kitaplätze"] {
        type_then(&mut app, t, Action::Commit);
    }
    act(&mut app, &[Action::Cancel, Action::ClusterReview]);
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
    let (_dir, mut app) = typing_a_card("Kita");
    act(&mut app, &[Action::Cancel, Action::DeleteBoard]);
    assert_eq!(session(&app).boards.len(), 1, "not deleted without asking");
    assert!(matches!(app.mode, Mode::Confirm(_)));
    update(&mut app, Action::Cancel);
    assert_eq!(session(&app).boards.len(), 1);
    act(&mut app, &[Action::DeleteBoard, Action::Commit]);
    assert_eq!(session(&app).boards.len(), 0);
    update(&mut app, Action::Undo);
    assert_eq!(session(&app).card_count(), 1);
    // An empty board goes at once.
    act(&mut app, &[Action::NewBoard, Action::Commit]);
    assert_eq!(session(&app).boards.len(), 2);
    update(&mut app, Action::DeleteBoard);
    assert_eq!(session(&app).boards.len(), 1);
    assert_eq!(app.mode, Mode::Normal);
}
