//! The export preview drawn into a test terminal: files with new / changed /
//! unchanged and their line counts, a damaged marker with its place, and the
//! selected file's diff.

mod common;

use std::path::Path;

use common::screen::{draw, type_text};
use stellwand::core::error::Lang;
use stellwand::core::model::{Card, Session};
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::App;
use stellwand::tui::{Action, update};

/// Two districts with Kita and Sport cards and two confirmed themes, one
/// with a Handlungsfeld.
fn session() -> Session {
    let templates = Templates::builtin();
    let mut s = common::mitte();
    // Fixed ids, so that the snapshot does not change from run to run.
    let mut n = 0;
    let mut next = |prefix: &str| {
        n += 1;
        format!("{prefix}{n}")
    };
    for (title, needs, good) in [
        ("Altstadt", "Kita-Plätze", "Sportvereine"),
        ("Schalke", "fehlende Kitaplätze", "Sport im Park"),
    ] {
        let id = next("b");
        let mut board = templates
            .board("district-exchange")
            .unwrap()
            .new_board(id, title);
        let id = next("k");
        board.columns[1].cards.push(Card::new(id, needs));
        let id = next("k");
        board.columns[0].cards.push(Card::new(id, good));
        s.boards.push(board);
    }
    let ids = |col: usize| -> Vec<String> {
        s.boards
            .iter()
            .map(|b| b.columns[col].cards[0].id.clone())
            .collect()
    };
    let (kita, sport) = (ids(1), ids(0));
    let id = next("t");
    s.themes.push(common::confirmed_theme(
        id,
        "Kita-Plätze fehlen",
        Some("fruehe-bildung"),
        kita,
    ));
    let id = next("t");
    s.themes
        .push(common::confirmed_theme(id, "Sport verbindet", None, sport));
    s
}

fn open(dir: &Path) -> App {
    let sessions = dir.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let file = sessions.join("mitte.ron");
    store::save(&file, &session()).unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), &sessions);
    assert!(app.open(&file));
    app
}

fn export_to(app: &mut App, target: &str) {
    update(app, Action::Export);
    update(app, Action::ClearLine);
    type_text(app, target);
    update(app, Action::Commit);
}

/// The session opened in `dir` and its export to a new folder `konzept`
/// there, the folder made and the preview shown: the app and the folder.
fn previewed(dir: &Path) -> (App, std::path::PathBuf) {
    let target = dir.join("konzept");
    let mut app = open(dir);
    export_to(&mut app, &target.display().to_string());
    update(&mut app, Action::Commit);
    (app, target)
}

/// A temporary folder under `target/` and the path, relative to here, of
/// `konzept` in it: a name of fixed length, so the screen is the same on
/// every run.
fn fixed_length_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    std::fs::create_dir_all("target").unwrap();
    let dir = tempfile::tempdir_in("target").unwrap();
    let cwd = std::env::current_dir().unwrap();
    let target = dir.path().strip_prefix(&cwd).unwrap().join("konzept");
    (dir, target)
}

#[test]
fn export_preview_lists_files_problems_and_the_diff() {
    let (dir, target) = fixed_length_folder();
    let label = target.display().to_string();
    let mut app = open(dir.path());
    export_to(&mut app, &label);
    let ask = draw(&app, 100, 16);
    assert!(
        ask.contains("gibt es nicht.") && ask.contains("Anlegen?"),
        "{ask}"
    );
    update(&mut app, Action::Commit);
    update(&mut app, Action::Commit);
    assert!(
        app.status.as_ref().unwrap().text.contains("geschrieben"),
        "{:?}",
        app.status
    );
    // A hand-written line, a damaged marker in one chapter, a changed card.
    let chapters: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "index.md")
        .collect();
    assert_eq!(chapters.len(), 2, "{chapters:?}");
    for path in &chapters {
        let text = std::fs::read_to_string(path).unwrap();
        let text = if text.contains("Sport verbindet") {
            text.replacen("stellwand:end", "stellwand:ende", 1)
        } else {
            text.replacen("## Leitziele", "Von Hand ergänzt.\n\n## Leitziele", 1)
        };
        std::fs::write(path, text).unwrap();
    }
    let doc = app.doc.as_mut().unwrap();
    let mut card = doc.session.boards[1].columns[1].cards[0].clone();
    card.text = "zu wenig Kita-Plätze".into();
    doc.session
        .apply(stellwand::core::edit::Edit::ReplaceCard { card })
        .unwrap();
    export_to(&mut app, &label);
    let mask = "X".repeat(label.chars().count());
    let screen = draw(&app, 120, 30).replace(&label, &mask);
    insta::assert_snapshot!("export_preview", screen);
    update(&mut app, Action::Cancel);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Export abgebrochen, nichts geschrieben"
    );
}

#[test]
fn many_problems_fit_a_small_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, target) = previewed(dir.path());
    update(&mut app, Action::Commit);
    for e in std::fs::read_dir(&target).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("stellwand:end", "stellwand:ende")).unwrap();
    }
    export_to(&mut app, &target.display().to_string());
    for (w, h) in [(60, 15), (80, 20), (200, 50)] {
        let screen = draw(&app, w, h);
        assert!(screen.contains("✖"), "{screen}");
    }
}

#[test]
fn export_preview_at_80x24() {
    let (dir, target) = fixed_length_folder();
    std::fs::create_dir_all(&target).unwrap();
    let label = target.display().to_string();
    let mut app = open(dir.path());
    export_to(&mut app, &label);
    let screen = draw(&app, 80, 24);
    let screen = screen.replace(&label, "target/…/konzept");
    insta::assert_snapshot!("export_80x24", screen);
}

#[test]
fn the_file_list_at_80x24_shows_enough_of_each_name_to_tell_the_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = previewed(dir.path());
    let screen = draw(&app, 80, 24);
    let list: Vec<&str> = screen.lines().filter_map(|l| l.split('│').next()).collect();
    for start in ["fruehe-bildung", "ohne-handlungs", "index.md"] {
        assert!(
            list.iter().any(|l| l.contains(start)),
            "{start} not in the list:\n{screen}"
        );
    }
}
