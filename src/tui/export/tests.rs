//! Tests of the export dialog.

use super::*;
use crate::core::error::Lang;
use crate::core::model::{Card, Session, Theme};
use crate::core::store;
use crate::core::template::Templates;
use crate::tui::tags::tests::act;
use crate::tui::update;

/// A session with a confirmed theme of two Kita cards, opened in an app.
fn app_with_theme(dir: &Path) -> App {
    let templates = Templates::builtin();
    let mut s = Session {
        id: "2019-02-13-mitte".into(),
        title: "Integrationskonferenz Mitte".into(),
        date: "2019-02-13".into(),
        ..Session::default()
    };
    let b = s.fresh_id("b");
    let mut board = templates
        .board("district-exchange")
        .unwrap()
        .new_board(b, "Altstadt");
    // Fixed ids: the theme below and the tests name them.
    for (i, t) in ["Kita-Plätze", "fehlende Kitaplätze", "Sportvereine"]
        .into_iter()
        .enumerate()
    {
        board.columns[1]
            .cards
            .push(Card::new(format!("k{}", i + 2), t));
    }
    s.boards.push(board);
    let id = s.fresh_id("t");
    s.themes.push(Theme {
        id,
        label: "Kita-Plätze fehlen".into(),
        cards: vec!["k2".into(), "k3".into()],
        confirmed: true,
        ..Theme::default()
    });
    let sessions = dir.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let file = sessions.join("mitte.ron");
    store::save(&file, &s).unwrap();
    let mut app = App::new(Lang::De, templates, &sessions);
    assert!(app.open(&file), "{:?}", app.status);
    app
}

fn preview(app: &App) -> &Preview {
    match &app.mode {
        Mode::Export(d) => match &d.stage {
            Stage::Preview(p) => p,
            Stage::AskCreate => panic!("asks for the folder"),
        },
        other => panic!("no export dialog: {other:?} {:?}", app.status),
    }
}

/// [`app_with_theme`] after a first export, each step of the dialog
/// confirmed with Enter.
fn exported(dir: &Path) -> App {
    let mut app = app_with_theme(dir);
    for action in [
        Action::Export,
        Action::Commit,
        Action::Commit,
        Action::Commit,
    ] {
        update(&mut app, action);
    }
    app
}

#[test]
fn the_default_folder_is_beside_the_sessions() {
    assert_eq!(default_dir(Path::new("sessions")), "konzept");
    assert_eq!(default_dir(Path::new(".")), "konzept");
    assert_eq!(
        default_dir(Path::new("/srv/ik/sessions")),
        Path::new("/srv/ik/konzept").display().to_string()
    );
}

#[test]
fn export_asks_for_the_folder_previews_writes_and_then_has_nothing_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_theme(dir.path());
    let target = dir.path().join("konzept");
    update(&mut app, Action::Export);
    let Mode::Form(form) = &app.mode else {
        panic!("no form")
    };
    assert_eq!(form.fields[0].value(), target.display().to_string());
    // The folder is missing: asked, "no" goes back to the form.
    update(&mut app, Action::Commit);
    assert!(matches!(&app.mode, Mode::Export(d) if d.stage == Stage::AskCreate));
    update(&mut app, Action::Cancel);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert!(!target.exists());
    act(&mut app, &[Action::Commit, Action::Commit]);
    let p = preview(&app);
    assert!(p.plan.create_dir);
    let (added, changed, same) = p.counts();
    assert!(
        added >= 2 && changed == 0 && same == 0,
        "{:?}",
        p.plan.files
    );
    assert!(!target.exists(), "nothing written before Enter");
    // The selected file's content is shown; some file holds the theme.
    assert!(!p.view.is_empty());
    let holder = p
        .plan
        .files
        .iter()
        .position(|f| String::from_utf8_lossy(&f.content).contains("Kita-Plätze fehlen"))
        .expect("a chapter with the theme");
    while preview(&app).selected != holder {
        let before = preview(&app).selected;
        update(
            &mut app,
            if before < holder {
                Action::Down
            } else {
                Action::Up
            },
        );
    }
    assert!(
        preview(&app)
            .view
            .iter()
            .any(|(k, l)| *k == LineKind::Added && l.contains("Kita-Plätze fehlen"))
    );
    update(&mut app, Action::Commit);
    assert_eq!(app.mode, Mode::Normal);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Info);
    assert_eq!(
        status.text,
        format!(
            "{added} Dateien nach {} geschrieben, 0 unverändert",
            target.display()
        )
    );
    let written = std::fs::read_dir(&target).unwrap().count();
    assert_eq!(written, added);

    // A second export: everything unchanged, nothing written.
    let times: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
        .collect();
    act(&mut app, &[Action::Export, Action::Commit]);
    assert_eq!(preview(&app).counts(), (0, 0, added));
    update(&mut app, Action::Commit);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        format!(
            "Nichts zu schreiben: {added} Dateien in {} unverändert",
            target.display()
        )
    );
    let again: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
        .collect();
    assert_eq!(times, again);
}

#[test]
fn a_changed_chapter_shows_a_diff_and_esc_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = exported(dir.path());
    // A card of the theme changes: its chapter changes.
    let card = {
        let doc = app.doc.as_mut().unwrap();
        let mut c = doc.session.card("k2").unwrap().clone();
        c.text = "zu wenig Kita-Plätze".into();
        c
    };
    let doc = app.doc.as_mut().unwrap();
    doc.session
        .apply(crate::core::edit::Edit::ReplaceCard { card })
        .unwrap();
    act(&mut app, &[Action::Export, Action::Commit]);
    let p = preview(&app);
    let f = p.file().unwrap();
    assert_eq!(f.change, Change::Changed);
    let before = std::fs::read(&f.path).unwrap();
    assert!(
        p.view
            .iter()
            .any(|(k, l)| *k == LineKind::Removed && l.contains("Kita-Plätze"))
    );
    assert!(
        p.view
            .iter()
            .any(|(k, l)| *k == LineKind::Added && l.contains("zu wenig"))
    );
    let path = f.path.clone();
    update(&mut app, Action::ToggleDiff);
    assert!(preview(&app).view.iter().all(|(k, _)| *k == LineKind::Same));
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_marker_is_reported_with_its_place_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = exported(dir.path());
    let target = dir.path().join("konzept");
    // Damage the end marker of a block in every chapter by hand.
    let mut damaged = Vec::new();
    for e in std::fs::read_dir(&target).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("stellwand:end") {
            let bad = text.replacen("stellwand:end", "stellwand:ende", 1);
            std::fs::write(&path, &bad).unwrap();
            damaged.push((path, bad));
        }
    }
    assert!(!damaged.is_empty());
    act(&mut app, &[Action::Export, Action::Commit]);
    let p = preview(&app);
    assert!(!p.plan.problems.is_empty());
    let shown = p.plan.problems[0].render(Lang::De);
    assert!(shown.contains(".md:"), "{shown}");
    update(&mut app, Action::Commit);
    let status = app.status.clone().unwrap();
    assert_eq!(status.severity, Severity::Warning, "{}", status.text);
    assert!(status.text.contains(&shown), "{}", status.text);
    for (path, bad) in damaged {
        assert_eq!(std::fs::read_to_string(path).unwrap(), bad);
    }
}

#[test]
fn protocol_and_csv_are_chosen_in_the_form_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_theme(dir.path());
    std::fs::create_dir(dir.path().join("konzept")).unwrap();
    for (steps, ext) in [(1, "md"), (2, "csv")] {
        act(&mut app, &[Action::Export, Action::CommitNext]);
        if let Mode::Form(f) = &mut app.mode
            && let FieldKind::Choice { index, .. } = &mut f.fields[1].kind
        {
            *index = 0;
        }
        for _ in 0..steps {
            update(&mut app, Action::Right);
        }
        update(&mut app, Action::Commit);
        let p = preview(&app);
        assert_eq!(p.plan.files.len(), 1, "{:?}", p.plan.files);
        let f = p.file().unwrap();
        assert_eq!(f.path.extension().unwrap(), ext);
        assert!(String::from_utf8_lossy(&f.content).contains("fehlende Kitaplätze"));
        let path = f.path.clone();
        update(&mut app, Action::Commit);
        assert_eq!(app.mode, Mode::Normal);
        assert!(path.is_file());
    }
    // The choices come back the next time.
    update(&mut app, Action::Export);
    let Mode::Form(form) = &app.mode else {
        panic!("no form")
    };
    assert_eq!(form.fields[1].value(), "csv");
}

#[test]
fn the_diff_keeps_context_and_marks_gaps() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
    let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\n";
    let d = diff(old, new, 1, Lang::En);
    let kinds: Vec<_> = d.iter().map(|(k, l)| (*k, l.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (LineKind::Note, "… 3 unchanged lines"),
            (LineKind::Same, "d"),
            (LineKind::Removed, "e"),
            (LineKind::Added, "E"),
            (LineKind::Same, "f"),
            (LineKind::Note, "… 1 unchanged lines"),
            (LineKind::Same, "h"),
            (LineKind::Added, "i"),
        ]
    );
}

#[test]
fn changes_far_apart_in_a_long_file_are_shown_as_two_changes() {
    let old: Vec<String> = (0..2100).map(|i| format!("Zeile {i}")).collect();
    let mut new = old.clone();
    new[10] = "geändert oben".into();
    new[2090] = "geändert unten".into();
    let d = diff(&old.join("\n"), &new.join("\n"), 1, Lang::De);
    let count = |k| d.iter().filter(|(kind, _)| *kind == k).count();
    assert_eq!((count(LineKind::Removed), count(LineKind::Added)), (2, 2));
    assert!(d.iter().any(|(_, l)| l == "geändert unten"));
}
