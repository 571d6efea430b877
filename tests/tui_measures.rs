//! The list of measures on screen (a snapshot after a sequence of actions),
//! and end to end in the real binary: a measure is made from a working-group
//! sheet with `M` `n`, its status set with one key, and the export shows it.

mod common;

use std::path::{Path, PathBuf};

use common::pty::Tty;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stellwand::core::date::today;
use stellwand::core::error::Lang;
use stellwand::core::measures;
use stellwand::core::model::{Board, Card, Session, Status};
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::App;
use stellwand::tui::{Action, ui, update};

fn sheet(templates: &Templates) -> Session {
    let mut s = Session {
        id: "2019-02-13-mitte".into(),
        title: "Integrationskonferenz Mitte".into(),
        date: "2019-02-13".into(),
        tags: templates.tag_set("rostock-2020").unwrap().tags.clone(),
        tag_sets: vec!["rostock-2020".into()],
        ..Session::default()
    };
    let mut b: Board = templates
        .board("working-group")
        .unwrap()
        .new_board("b1".into(), "Sprach + Alphabetisierungskurse");
    let mut put = |key: &str, id: &str, text: &str| {
        let i = b.column_index(key).unwrap();
        let mut c = Card::new(id, text);
        c.tags.push("sprache".into());
        b.columns[i].cards.push(c);
    };
    put("topic", "k1", "Sprach + Alphabetisierungskurse");
    put("ideas", "k2", "Arbeitgeber gewinnen, Jobcenter");
    put("next_steps", "k3", "Träger suchen, der bereit ist");
    put("next_steps", "k4", "Stiftung ansprechen");
    put("owner", "k5", "Referat Zuwanderung + VHS");
    s.boards.push(b);
    s
}

fn save(dir: &Path, s: &Session) -> PathBuf {
    let file = dir.join("mitte.ron");
    store::save(&file, s).unwrap();
    file
}

#[test]
fn the_list_of_measures_shows_status_field_actor_and_details() {
    let templates = Templates::builtin();
    let mut s = sheet(&templates);
    let m = measures::from_sheet(&s, "b1", "m1".into(), "2019-02-13").unwrap();
    s.apply(measures::add(&s, m)).unwrap();
    let e = measures::set_status(&s, "m1", Status::InProgress, "2019-05-02").unwrap();
    s.apply(e).unwrap();
    let mut idea = measures::from_card(&s, "k2", "m2".into(), "2019-02-13").unwrap();
    idea.actor.clear();
    idea.tag = None;
    s.apply(measures::add(&s, idea)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = save(dir.path(), &s);
    let mut app = App::new(Lang::De, templates, dir.path());
    assert!(app.open(&file));
    update(&mut app, Action::Measures);
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal.draw(|f| ui::draw(f, &app)).unwrap();
    let screen = terminal.backend().to_string();
    insta::assert_snapshot!("measures_list", screen);
    assert!(screen.contains("in Umsetzung"));
    assert!(screen.contains("ohne Verantwortliche"));
    assert!(screen.contains("Verlauf: geplant 2019-02-13 → in Umsetzung 2019-05-02"));
}

fn stellwand(dir: &Path, args: &[&str]) -> String {
    common::cli::run_in(dir, args).ok().stdout
}

#[test]
fn a_status_set_in_the_program_reaches_the_export() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &sheet(&Templates::builtin()));
    let mut tty = Tty::on_board(dir.path(), "mitte.ron");
    tty.send("M");
    tty.wait_for("Noch keine Maßnahmen");
    tty.send("n");
    tty.wait_for("Maßnahme angelegt");
    tty.send("2");
    tty.wait_for("in Umsetzung seit");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();

    let out = stellwand(
        dir.path(),
        &[
            "export",
            "mitte.ron",
            "--to",
            "konzept",
            "--create",
            "--format",
            "measures",
        ],
    );
    assert!(out.contains("monitoring.md"), "{out}");
    let mon = std::fs::read_to_string(dir.path().join("konzept/monitoring.md")).unwrap();
    assert!(
        mon.contains("| Integration durch Sprache | 0 | 1 | 0 | 0 | 1 |"),
        "{mon}"
    );
    let cat = std::fs::read_to_string(dir.path().join("konzept/massnahmenkatalog.md")).unwrap();
    assert!(
        cat.contains(&format!(
            "| Sprach + Alphabetisierungskurse | Referat Zuwanderung | VHS | Träger suchen, der bereit ist; Stiftung ansprechen | – | – | in Umsetzung (seit {}) |",
            today()
        )),
        "{cat}"
    );
    // The chapter's Maßnahmen section has it too.
    stellwand(dir.path(), &["export", "mitte.ron", "--to", "konzept"]);
    let chapter =
        std::fs::read_to_string(dir.path().join("konzept/integration-durch-sprache.md")).unwrap();
    assert!(chapter.contains("| Sprach + Alphabetisierungskurse | Referat Zuwanderung | VHS |"));
}
