//! Tests of the tag picker and filter; `type_text` is shared with other tests.

use super::*;
use crate::core::model::{Board, Column};
use crate::core::store;
use crate::core::template::Templates;
use crate::tui::update::update;

/// An app with the session "Mitte" open, saved in a temporary folder: one
/// district board "Altstadt" with the columns given as (key, heading,
/// card texts).
pub(crate) fn app_with(columns: &[(&str, &str, &[&str])]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session {
        id: "mitte".into(),
        title: "Mitte".into(),
        ..Session::default()
    };
    let b = s.fresh_id("b");
    let mut made = Vec::new();
    for (key, heading, texts) in columns {
        let cards = texts
            .iter()
            .map(|t| Card::new(s.fresh_id("k"), *t))
            .collect();
        made.push(Column {
            key: key.to_string(),
            heading: heading.to_string(),
            cards,
        });
    }
    s.boards.push(Board {
        id: b,
        title: "Altstadt".into(),
        template: "district-exchange".into(),
        photos: vec![],
        view: Default::default(),
        columns: made,
    });
    let file = dir.path().join("mitte.ron");
    store::save(&file, &s).unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    assert!(app.open(&file));
    (dir, app)
}

/// An app with one board of two columns: three cards and two cards.
pub(crate) fn app() -> (tempfile::TempDir, App) {
    app_with(&[
        (
            "needs",
            "needs",
            &["Kita-Plätze", "Sprachkurse", "Wohnraum"],
        ),
        ("good", "good", &["Sportverein", "Stadtteilfest"]),
    ])
}

/// An app in a fresh folder with the form for a new session open.
pub(crate) fn new_session_form() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    update(&mut app, Action::NewSession);
    (dir, app)
}

/// Fails the test unless the status line warns with a text holding `part`.
pub(crate) fn assert_warning(app: &App, part: &str) {
    let status = app.status.as_ref().expect("a status line");
    assert_eq!(status.severity, crate::tui::app::Severity::Warning);
    assert!(status.text.contains(part), "{}", status.text);
}

/// Carries out `actions` one after the other, as their keys would.
pub(crate) fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

/// Types `text`, then carries out `then` (Enter, Tab, …).
pub(crate) fn type_then(app: &mut App, text: &str, then: Action) {
    type_text(app, text);
    update(app, then);
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Input(c));
    }
}

fn session(app: &App) -> &Session {
    &app.doc.as_ref().unwrap().session
}

fn tags_of(app: &App, column: usize) -> Vec<Vec<String>> {
    session(app).boards[0].columns[column]
        .cards
        .iter()
        .map(|c| c.tags.clone())
        .collect()
}

fn with_rostock(app: &mut App) {
    update(app, Action::ToggleTag(1));
    assert!(matches!(app.mode, Mode::Picker(_)), "no tags: picker opens");
    type_text(app, "Rostock 2020");
    update(app, Action::Commit);
    assert_eq!(session(app).tag_sets, ["rostock-2020"]);
    assert_eq!(session(app).tags.len(), 7);
    update(app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn number_keys_toggle_tags_and_undo_takes_them_back() {
    let (_dir, mut app) = app();
    with_rostock(&mut app);
    update(&mut app, Action::ToggleTag(5));
    assert_eq!(tags_of(&app, 0)[0], ["sprache"]);
    update(&mut app, Action::ToggleTag(2));
    assert_eq!(tags_of(&app, 0)[0], ["sprache", "leben-und-wohnen"]);
    update(&mut app, Action::ToggleTag(5));
    assert_eq!(tags_of(&app, 0)[0], ["leben-und-wohnen"]);
    update(&mut app, Action::Undo);
    assert_eq!(tags_of(&app, 0)[0], ["sprache", "leben-und-wohnen"]);
    act(&mut app, &[Action::Undo, Action::Undo]);
    assert!(tags_of(&app, 0)[0].is_empty());
    update(&mut app, Action::Redo);
    assert_eq!(tags_of(&app, 0)[0], ["sprache"]);
    // A number beyond the session's tags says so and changes nothing.
    update(&mut app, Action::ToggleTag(9));
    assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
    assert_eq!(tags_of(&app, 0)[0], ["sprache"]);
    // The tag set itself is undone too.
    while app.doc.as_ref().unwrap().history.can_undo() {
        update(&mut app, Action::Undo);
    }
    assert!(session(&app).tags.is_empty());
}

#[test]
fn the_picker_creates_a_new_tag_in_one_undo_step() {
    let (_dir, mut app) = app();
    with_rostock(&mut app);
    act(&mut app, &[Action::Down, Action::TagPicker]);
    type_text(&mut app, "Wohnungsmarkt");
    let Mode::Picker(p) = &app.mode else {
        panic!("picker")
    };
    assert_eq!(p.shown.last().unwrap().item, None, "offers a new tag");
    // The new tag is the only entry that fits; choose it.
    while let Mode::Picker(p) = &app.mode {
        if p.selected + 1 == p.shown.len() {
            break;
        }
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Commit);
    let tag = session(&app).tags.last().unwrap().clone();
    assert_eq!(
        (tag.key.as_str(), tag.name.as_str()),
        ("wohnungsmarkt", "Wohnungsmarkt")
    );
    assert_eq!(tags_of(&app, 0)[1], ["wohnungsmarkt"]);
    update(&mut app, Action::Undo);
    assert_eq!(session(&app).tags.len(), 7);
    assert!(tags_of(&app, 0)[1].is_empty());
}

#[test]
fn a_whole_column_and_board_are_tagged_in_one_undo_step() {
    let (_dir, mut app) = app();
    with_rostock(&mut app);
    act(
        &mut app,
        &[Action::ToggleTag(3), Action::TagPicker, Action::CommitNext],
    );
    type_then(&mut app, "Bildung", Action::Commit);
    assert!(
        tags_of(&app, 0)
            .iter()
            .all(|t| t == &["bildung-ausbildung"])
    );
    assert!(tags_of(&app, 1).iter().all(Vec::is_empty));
    update(&mut app, Action::Undo);
    assert_eq!(tags_of(&app, 0)[0], ["bildung-ausbildung"]);
    assert!(tags_of(&app, 0)[1].is_empty());
    // Whole board: Tab twice.
    let tag_whole_board = |app: &mut App| {
        act(
            app,
            &[Action::TagPicker, Action::CommitNext, Action::CommitNext],
        );
        type_then(app, "Teilhabe", Action::Commit);
    };
    let all_have_it = |app: &App, yes: bool| {
        (0..2).all(|c| {
            tags_of(app, c)
                .iter()
                .all(|t| t.contains(&"teilhabe".to_string()) == yes)
        })
    };
    tag_whole_board(&mut app);
    assert!(all_have_it(&app, true));
    // All cards have it now: the same choice takes it off again.
    tag_whole_board(&mut app);
    assert!(all_have_it(&app, false));
}

#[test]
fn a_new_session_can_start_with_a_tag_set() {
    let (_dir, mut app) = new_session_form();
    type_text(&mut app, "Plenum");
    for _ in 0..3 {
        update(&mut app, Action::CommitNext);
    }
    // The tag set field: the first tag set after "none".
    act(&mut app, &[Action::Right, Action::Commit]);
    let s = session(&app);
    let first = &Templates::builtin().tag_sets[0];
    assert_eq!(s.tag_sets, std::slice::from_ref(&first.key));
    assert_eq!(s.tags, first.tags);
}

#[test]
fn the_filter_shows_and_walks_only_matching_cards() {
    let (_dir, mut app) = app();
    with_rostock(&mut app);
    // Tag the first and third card of the first column.
    act(
        &mut app,
        &[
            Action::ToggleTag(1),
            Action::Down,
            Action::Down,
            Action::ToggleTag(1),
            Action::TagFilter,
        ],
    );
    type_then(&mut app, "interkult", Action::Commit);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(
        doc.filter,
        Some(TagFilter::Tag("interkulturelle-orientierung".into()))
    );
    assert_eq!(doc.card().unwrap().text, "Wohnraum");
    update(&mut app, Action::Up);
    assert_eq!(
        app.doc.as_ref().unwrap().card().unwrap().text,
        "Kita-Plätze"
    );
    update(&mut app, Action::Down);
    assert_eq!(app.doc.as_ref().unwrap().card().unwrap().text, "Wohnraum");
    // Untagged cards: the cursor lands on the one in between.
    update(&mut app, Action::TagFilter);
    type_then(&mut app, "ohne", Action::Commit);
    assert_eq!(
        app.doc.as_ref().unwrap().card().unwrap().text,
        "Sprachkurse"
    );
    act(&mut app, &[Action::Down, Action::Up]);
    assert_eq!(
        app.doc.as_ref().unwrap().card().unwrap().text,
        "Sprachkurse"
    );
    // Filter off.
    act(&mut app, &[Action::TagFilter, Action::Commit]);
    assert_eq!(app.doc.as_ref().unwrap().filter, None);
}

#[test]
fn tag_sets_come_in_the_same_order_in_both_languages() {
    // Whatever is typed, Enter picks the same set in German and English.
    for query in [
        "", "r", "ro", "rost", "2", "20", "s", "e", "t", "ta", "u", "n",
    ] {
        let order = |lang: Lang| {
            let (_dir, mut app) = app();
            app.lang = lang;
            open_picker(&mut app);
            type_text(&mut app, query);
            let Mode::Picker(p) = &app.mode else {
                panic!("no picker")
            };
            p.shown.iter().map(|s| p.choice(s)).collect::<Vec<_>>()
        };
        assert_eq!(order(Lang::De), order(Lang::En), "typed {query:?}");
    }
}
