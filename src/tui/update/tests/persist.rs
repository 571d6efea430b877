//! Saving: autosave, interrupt, read-only files, crashes and changes by another program.

use super::*;

#[test]
fn autosave_writes_within_two_seconds_of_a_change() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kita-Plätze");
    update(&mut app, Action::Cancel);
    let changed = app.doc.as_ref().unwrap().changed_at.unwrap();
    autosave(&mut app, changed);
    assert!(app.doc.as_ref().unwrap().dirty, "not saved at once");
    autosave(&mut app, changed + Duration::from_millis(1999));
    assert!(!app.doc.as_ref().unwrap().dirty);
    let loaded = store::load(&path(&app)).unwrap();
    assert_eq!(
        loaded.session.boards[0].columns[0].cards[0].text,
        "Kita-Plätze"
    );
}

#[test]
fn interrupt_keeps_the_card_being_typed_and_saves() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "halb getippt");
    update(&mut app, Action::Interrupt);
    assert!(app.quit);
    let loaded = store::load(&path(&app)).unwrap();
    assert_eq!(
        loaded.session.boards[0].columns[0].cards[0].text,
        "halb getippt"
    );
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
    update(&mut app, Action::EditSession);
    update(&mut app, Action::Save);
    autosave(&mut app, Instant::now() + Duration::from_secs(10));
    update(&mut app, Action::Quit);
    assert!(app.quit);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_failed_save_keeps_the_app_open_once() {
    let (dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    type_text(&mut app, "x");
    update(&mut app, Action::Cancel);
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
fn after_a_crash_every_committed_card_and_the_card_being_typed_come_back() {
    let (_dir, mut app) = app_with_session();
    update(&mut app, Action::AddCard);
    for t in ["Kita", "Schule", "Sport"] {
        type_text(&mut app, t);
        update(&mut app, Action::Commit);
    }
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Undo);
    update(&mut app, Action::AddCard);
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
    update(&mut app, Action::Commit);
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Quit);
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
    update(&mut app, Action::Commit);
    update(&mut app, Action::Save);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    let side = path(&app);
    assert_ne!(side, file);
    assert_eq!(store::load(&side).unwrap().session.card_count(), 1);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Warning);
    assert!(status.text.contains("konflikt"), "{}", status.text);
}
