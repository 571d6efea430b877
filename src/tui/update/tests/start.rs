//! The start screen and the forms: new sessions and boards, unreadable files, reopening.

use super::*;

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
    update(&mut app, Action::Commit);
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Begegnungen schaffen");
    update(&mut app, Action::CommitNext);
    let board = |app: &App| {
        let d = app.doc.as_ref().unwrap();
        d.session.boards[d.cursor.board].clone()
    };
    assert_eq!(board(&app).title, "Begegnungen schaffen");
    update(&mut app, Action::Cancel);
    // Editing the topic moves the title along; undo takes both back.
    update(&mut app, Action::Left);
    update(&mut app, Action::EditCard);
    type_text(&mut app, " im Quartier");
    update(&mut app, Action::Commit);
    assert_eq!(board(&app).title, "Begegnungen schaffen im Quartier");
    update(&mut app, Action::Undo);
    assert_eq!(board(&app).title, "Begegnungen schaffen");
    // A title set by hand stays.
    update(&mut app, Action::EditBoard);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "AG 3");
    update(&mut app, Action::Commit);
    update(&mut app, Action::EditCard);
    type_text(&mut app, "!");
    update(&mut app, Action::Commit);
    assert_eq!(board(&app).title, "AG 3");
}

#[test]
fn an_unreadable_file_is_listed_with_its_error_and_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kaputt.ron");
    std::fs::write(&file, "Session(\n  title: 42,\n)").unwrap();
    let mut app = App::new(Lang::En, Templates::builtin(), dir.path());
    assert!(app.sessions[0].error.is_some());
    update(&mut app, Action::Open);
    assert_eq!(app.screen, Screen::Start);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Error);
    assert!(status.text.contains("kaputt.ron:2:"), "{}", status.text);
    update(&mut app, Action::Quit);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Session(\n  title: 42,\n)"
    );
}

#[test]
fn a_new_session_creates_the_missing_folder_and_a_slug_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    let mut app = App::new(Lang::De, Templates::builtin(), &sessions);
    update(&mut app, Action::NewSession);
    type_text(&mut app, "Konferenz Süd");
    update(&mut app, Action::CommitNext);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "2019-03-01x");
    update(&mut app, Action::Commit);
    assert!(
        matches!(app.mode, Mode::Form(_)),
        "bad date keeps the form open"
    );
    update(&mut app, Action::Backspace);
    update(&mut app, Action::Commit);
    let file = sessions.join("2019-03-01-konferenz-sued.ron");
    assert!(file.is_file());
    let s = store::load(&file).unwrap().session;
    assert_eq!((s.title.as_str(), s.boards.len()), ("Konferenz Süd", 1));
}

#[test]
fn a_day_that_does_not_exist_keeps_the_form_open_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    update(&mut app, Action::NewSession);
    type_text(&mut app, "Konferenz");
    update(&mut app, Action::CommitNext);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "2019-02-31");
    update(&mut app, Action::Commit);
    assert!(matches!(app.mode, Mode::Form(_)));
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Warning);
    assert!(
        status.text.contains("31. Februar 2019 gibt es nicht"),
        "{}",
        status.text
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
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
    update(&mut app, Action::Sessions);
    update(&mut app, Action::NewSession);
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
        type_text(&mut app, t);
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "d");
    update(&mut app, Action::CommitNext);
    // On to a second sheet, with cards in its second column.
    type_text(&mut app, "e");
    update(&mut app, Action::CommitNext);
    update(&mut app, Action::CommitNext);
    type_text(&mut app, "f");
    update(&mut app, Action::Commit);
    type_text(&mut app, "g");
    update(&mut app, Action::Cancel);
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
