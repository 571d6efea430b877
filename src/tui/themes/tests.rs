//! Tests of the cluster review, driven through `update`.

use std::time::{Duration, Instant};

use super::*;
use crate::core::store;
use crate::core::template::Templates;
use crate::tui::tags::tests::type_text;
use crate::tui::update::update;

mod targets;

const NEEDS: &[&str] = &[
    "Kita-Plätze",
    "fehlende Kitaplätze",
    "Ausbau Kitaplätze",
    "Müll auf den Straßen",
    "Vermüllung im Viertel",
    "Parkplätze fehlen",
    "Sprachkurse für Eltern",
    "Sprachkurse am Abend",
];

fn app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = crate::tui::tags::tests::app_with(&[
        ("needs", "Handlungsbedarf", NEEDS),
        ("good", "Läuft gut", &["Kitaplätze am Markt"]),
    ]);
    update(&mut app, Action::ClusterReview);
    (dir, app)
}

pub(super) fn review(app: &App) -> &Review {
    match &app.mode {
        Mode::Review(r) => r,
        other => panic!("not in the review: {other:?}"),
    }
}

/// Ticks until the background run is taken in.
pub(super) fn wait(app: &mut App) {
    let start = Instant::now();
    while app.busy().is_some() {
        assert!(start.elapsed() < Duration::from_secs(20), "never done");
        std::thread::sleep(Duration::from_millis(5));
        update(app, Action::Tick);
    }
}

fn themes(app: &App) -> Vec<Theme> {
    app.doc.as_ref().unwrap().session.themes.clone()
}

/// The card ids whose text is given.
fn ids(app: &App, texts: &[&str]) -> Vec<String> {
    let s = &app.doc.as_ref().unwrap().session;
    texts
        .iter()
        .map(|t| {
            s.cards()
                .find(|(_, _, c)| c.text == *t)
                .unwrap()
                .2
                .id
                .clone()
        })
        .collect()
}

fn select(app: &mut App, label_part: &str) {
    let i = review(app)
        .grouping
        .groups
        .iter()
        .position(|g| g.label.contains(label_part))
        .unwrap_or_else(|| panic!("no group {label_part}: {:?}", review(app).grouping.groups));
    select_at(app, i);
}

/// Puts the cursor on group `i`, on its first card.
fn select_at(app: &mut App, i: usize) {
    if let Mode::Review(r) = &mut app.mode {
        r.selected = i;
        r.card = 0;
    }
}

#[test]
fn suggestions_come_biggest_first_within_each_column() {
    let (_dir, app) = app();
    let r = review(&app);
    assert!(r.grouping.suggestions >= 2, "{:?}", r.grouping.groups);
    let first: Vec<String> = r.grouping.groups[0]
        .members
        .iter()
        .map(|m| m.card.clone())
        .collect();
    let mut kita = ids(
        &app,
        &["Kita-Plätze", "fehlende Kitaplätze", "Ausbau Kitaplätze"],
    );
    kita.sort();
    let mut first_sorted = first.clone();
    first_sorted.sort();
    assert_eq!(
        first_sorted, kita,
        "the good column's Kita card stays apart"
    );
    let sizes: Vec<usize> = r.grouping.groups.iter().map(|g| g.members.len()).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    assert!(
        r.grouping.groups[0]
            .members
            .iter()
            .all(|m| !m.reasons.is_empty())
    );
}

#[test]
fn accept_and_reject_undo_and_redo() {
    let (_dir, mut app) = app();
    let before = review(&app).grouping.suggestions;
    update(&mut app, Action::AcceptTheme);
    let t = themes(&app);
    assert_eq!(t.len(), 1);
    assert!(t[0].confirmed);
    assert_eq!(t[0].cards.len(), 3);
    assert_eq!(review(&app).grouping.suggestions, before - 1);
    // The confirmed theme is listed after the suggestions.
    assert_eq!(
        review(&app)
            .grouping
            .groups
            .last()
            .unwrap()
            .theme
            .as_deref(),
        Some(t[0].id.as_str())
    );
    update(&mut app, Action::Undo);
    assert!(themes(&app).is_empty());
    assert_eq!(review(&app).grouping.suggestions, before);
    update(&mut app, Action::Redo);
    assert_eq!(themes(&app).len(), 1);
    // Refusing a suggestion hides it for good: stored in the session, it
    // stays away when the review runs again; undo brings it back.
    let label = review(&app).grouping.groups[0].label.clone();
    let cards: Vec<String> = review(&app).grouping.groups[0]
        .members
        .iter()
        .map(|m| m.card.clone())
        .collect();
    update(&mut app, Action::RejectTheme);
    let gone = |app: &App| review(app).grouping.groups.iter().all(|g| g.label != label);
    assert!(gone(&app));
    assert_eq!(themes(&app).len(), 1, "no theme made by a refusal");
    let refused = &app.doc.as_ref().unwrap().session.refused;
    assert_eq!(refused.len(), 1);
    let mut sorted = cards.clone();
    sorted.sort();
    assert_eq!(refused[0].cards, sorted);
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    assert!(gone(&app), "a refused suggestion is not made again");
    // Saved in the session file.
    assert!(crate::tui::update::save(&mut app, true));
    let path = app.doc.as_ref().unwrap().path.clone();
    assert_eq!(store::load(&path).unwrap().session.refused.len(), 1);
    update(&mut app, Action::Undo);
    assert!(app.doc.as_ref().unwrap().session.refused.is_empty());
    assert_eq!(review(&app).grouping.groups[0].label, label);
    update(&mut app, Action::Undo);
    assert!(themes(&app).is_empty());
}

#[test]
fn a_card_suggested_into_a_theme_is_added_or_refused_with_one_key() {
    let (_dir, mut app) = app();
    // The clerk confirms the Kita theme; a new Kita card arrives.
    update(&mut app, Action::AcceptTheme);
    let id = themes(&app)[0].id.clone();
    update(&mut app, Action::Cancel);
    update(&mut app, Action::AddCard);
    type_text(&mut app, "Kitaplätze für alle");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    let new = ids(&app, &["Kitaplätze für alle"])[0].clone();
    let find = |app: &App| {
        review(app)
            .grouping
            .groups
            .iter()
            .position(|g| g.adds == Some((id.clone(), new.clone())))
    };
    let i = find(&app).expect("the card is suggested into the theme");
    assert!(i < review(&app).grouping.suggestions);
    // Shown first, then the theme's cards to compare with.
    let g = &review(&app).grouping.groups[i];
    assert_eq!(g.entry(0).map(|e| e.card.as_str()), Some(new.as_str()));
    let beside: Vec<&String> = g.entries().skip(1).map(|e| &e.card).collect();
    assert!(!beside.is_empty(), "{g:?}");
    assert!(beside.iter().all(|c| themes(&app)[0].cards.contains(c)));
    assert_eq!(g.len(), 1 + beside.len());
    select_at(&mut app, i);
    update(&mut app, Action::AcceptTheme);
    assert!(themes(&app)[0].cards.contains(&new));
    assert!(find(&app).is_none());
    update(&mut app, Action::Undo);
    assert!(!themes(&app)[0].cards.contains(&new));
    // Refused: kept out of the theme for good.
    let i = find(&app).unwrap();
    select_at(&mut app, i);
    update(&mut app, Action::RejectTheme);
    assert!(themes(&app)[0].rejected.contains(&new));
    assert!(find(&app).is_none());
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    assert!(
        find(&app).is_none(),
        "a refused card is not suggested again"
    );
}

#[test]
fn rename_merge_move_and_assign_each_undo_in_one_step() {
    let (_dir, mut app) = app();
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::RenameTheme);
    update(&mut app, Action::ClearLine);
    type_text(&mut app, "Sauberkeit");
    update(&mut app, Action::Commit);
    let t = themes(&app);
    assert_eq!((t.len(), t[0].label.as_str()), (1, "Sauberkeit"));
    assert!(t[0].confirmed, "renaming confirms the suggestion");
    update(&mut app, Action::Undo);
    assert!(themes(&app).is_empty());
    update(&mut app, Action::Redo);

    // Merge the Sprachkurse suggestion into the Sauberkeit theme (a wrong
    // merge on purpose), then undo it.
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::MergeThemes);
    type_text(&mut app, "Sprachkurs");
    update(&mut app, Action::Commit);
    let t = themes(&app);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].cards.len(), 4);
    update(&mut app, Action::Undo);
    assert_eq!(themes(&app)[0].cards.len(), 2);

    // Move one card of the theme into the Kita suggestion.
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::Right);
    update(&mut app, Action::MoveToTheme);
    type_text(&mut app, "Kita");
    update(&mut app, Action::Commit);
    let t = themes(&app);
    assert_eq!(t.len(), 2, "{t:?}");
    let moved = ids(&app, &["Müll auf den Straßen"])[0].clone();
    assert!(t[0].rejected.contains(&moved));
    assert!(t[1].cards.contains(&moved));
    update(&mut app, Action::Undo);
    assert_eq!(themes(&app).len(), 1);

    // Assign a Handlungsfeld: the session has none yet, so a tag set first.
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::TagPicker);
    type_text(&mut app, "Rostock 2020");
    update(&mut app, Action::Commit);
    assert_eq!(app.doc.as_ref().unwrap().session.tags.len(), 7);
    type_text(&mut app, "Leben und Wohnen");
    update(&mut app, Action::Commit);
    assert_eq!(themes(&app)[0].tag.as_deref(), Some("leben-und-wohnen"));
    update(&mut app, Action::Undo);
    assert_eq!(themes(&app)[0].tag, None);
}

#[test]
fn a_rerun_keeps_decisions_and_never_suggests_a_removed_card_again() {
    let (_dir, mut app) = app();
    update(&mut app, Action::AcceptTheme);
    let id = themes(&app)[0].id.clone();
    select(&mut app, "Kita");
    update(&mut app, Action::Right);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    let removed = review(&app).entry().unwrap().card.clone();
    assert_eq!(removed, ids(&app, &["Ausbau Kitaplätze"])[0]);
    update(&mut app, Action::RemoveFromTheme);
    let t = &themes(&app)[0];
    assert_eq!(t.rejected, std::slice::from_ref(&removed));
    assert_eq!(t.cards.len(), 2);
    update(&mut app, Action::Undo);
    assert!(themes(&app)[0].rejected.is_empty());
    assert_eq!(themes(&app)[0].cards.len(), 3);
    update(&mut app, Action::Redo);
    assert_eq!(themes(&app)[0].rejected, std::slice::from_ref(&removed));

    // New Kita cards arrive; the review runs again (from the board).
    update(&mut app, Action::Cancel);
    update(&mut app, Action::AddCard);
    type_text(&mut app, "mehr Kitaplätze");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    // Running again at another threshold and back changes nothing decided.
    update(&mut app, Action::ThresholdDown);
    update(&mut app, Action::ThresholdUp);
    let g = review(&app)
        .grouping
        .groups
        .iter()
        .find(|g| g.theme.as_deref() == Some(id.as_str()))
        .unwrap()
        .clone();
    let new: Vec<&str> = g
        .members
        .iter()
        .filter(|m| m.new)
        .map(|m| m.card.as_str())
        .collect();
    assert_eq!(new, ids(&app, &["mehr Kitaplätze"]));
    assert!(
        g.members.iter().all(|m| m.card != removed),
        "removed card stays out"
    );
    // No new suggestion holds a card of the theme; the new card is also a
    // suggestion of its own, to add to the theme.
    let suggestions = &review(&app).grouping.groups[..review(&app).grouping.suggestions];
    assert!(suggestions.iter().filter(|s| s.adds.is_none()).all(|s| {
        s.members
            .iter()
            .all(|m| !themes(&app)[0].cards.contains(&m.card))
    }));
    let adds: Vec<&(String, String)> = suggestions.iter().filter_map(|s| s.adds.as_ref()).collect();
    assert_eq!(
        adds,
        [&(id.clone(), ids(&app, &["mehr Kitaplätze"])[0].clone())]
    );
    // Accepting the theme takes in the new card; earlier decisions stay.
    let i = review(&app)
        .grouping
        .groups
        .iter()
        .position(|g| g.theme.as_deref() == Some(id.as_str()))
        .unwrap();
    select_at(&mut app, i);
    update(&mut app, Action::AcceptTheme);
    let t = &themes(&app)[0];
    assert_eq!(t.cards.len(), 3);
    assert_eq!(t.rejected, [removed]);
    // Saved in the session file.
    assert!(crate::tui::update::save(&mut app, true));
    let path = app.doc.as_ref().unwrap().path.clone();
    assert_eq!(store::load(&path).unwrap().session.themes, themes(&app));
}

#[test]
fn threshold_and_column_scope_change_the_suggestions() {
    let (_dir, mut app) = app();
    update(&mut app, Action::ThresholdUp);
    assert!(
        (app.cluster.threshold - (crate::core::cluster::DEFAULT_THRESHOLD + 0.05)).abs() < 1e-9
    );
    // Scope: each column → needs → good → together → each.
    update(&mut app, Action::ClusterScope);
    assert_eq!(app.cluster.scope, ColumnScope::Column("needs".into()));
    update(&mut app, Action::ClusterScope);
    update(&mut app, Action::ClusterScope);
    assert_eq!(app.cluster.scope, ColumnScope::Together);
    update(&mut app, Action::ThresholdDown);
    let kita = review(&app)
        .grouping
        .groups
        .iter()
        .find(|g| g.label.contains("Kita"))
        .unwrap()
        .clone();
    assert_eq!(
        kita.members.len(),
        4,
        "with all columns together the good card joins"
    );
    update(&mut app, Action::ClusterScope);
    assert_eq!(app.cluster.scope, ColumnScope::EachColumn);
}

#[test]
fn a_theme_whose_cards_disagree_offers_their_fields_first_and_takes_the_pick() {
    let (_dir, mut app) = app();
    // The Kita theme is confirmed before its cards are tagged: cards with
    // different fields are never suggested together.
    update(&mut app, Action::AcceptTheme);
    let doc = app.doc.as_mut().unwrap();
    doc.session.tags = Templates::builtin()
        .tag_set("rostock-2020")
        .unwrap()
        .tags
        .clone();
    // Two Kita cards tagged Bildung, one Teilhabe.
    for (text, tag) in [
        ("Kita-Plätze", "bildung-ausbildung"),
        ("fehlende Kitaplätze", "bildung-ausbildung"),
        ("Ausbau Kitaplätze", "teilhabe"),
    ] {
        let id = doc
            .session
            .cards()
            .find(|(_, _, c)| c.text == text)
            .unwrap()
            .2
            .id
            .clone();
        let pos = doc.session.find_card(&id).unwrap();
        doc.session.boards[pos.board].columns[pos.column].cards[pos.card]
            .tags
            .push(tag.into());
    }
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    select(&mut app, "Kita");
    update(&mut app, Action::TagPicker);
    let picker = review(&app).picker.as_ref().expect("the picker");
    let first: Vec<(&str, &str)> = picker
        .items
        .iter()
        .take(3)
        .map(|i| (i.label.as_str(), i.hint.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            ("Bildung/Ausbildung", "an 2 Karte(n)"),
            ("Gesellschaftliche Teilhabe", "an 1 Karte(n)"),
            ("(kein Handlungsfeld)", ""),
        ]
    );
    update(&mut app, Action::Commit);
    let t = themes(&app);
    let kita = t.iter().find(|t| t.label.contains("Kita")).unwrap();
    assert_eq!(kita.tag.as_deref(), Some("bildung-ausbildung"));
    assert!(kita.confirmed);
}

#[test]
fn confirmed_themes_teach_the_folder_on_saving() {
    let (dir, mut app) = app();
    update(&mut app, Action::AcceptTheme);
    let label = themes(&app)[0].label.clone();
    assert!(crate::tui::update::save(&mut app, false));
    let words = crate::core::cluster::learned::load_learned(dir.path()).unwrap();
    assert!(!words.is_empty());
    assert!(
        words
            .iter()
            .all(|w| w.session == "mitte" && w.theme == label)
    );
    assert!(words.iter().any(|w| w.word.contains("kita")), "{words:?}");
    // Undoing the theme and saving takes its words back out.
    update(&mut app, Action::Undo);
    assert!(crate::tui::update::save(&mut app, false));
    assert!(
        crate::core::cluster::learned::load_learned(dir.path())
            .unwrap()
            .is_empty()
    );
}

/// The review drawn on a `width` × `height` terminal, one line per row.
fn screen_at(app: &App, width: u16, height: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    t.draw(|f| crate::tui::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn at_80_by_24_a_cards_text_comes_before_its_place_and_the_hints_keep_esc() {
    let long = "fehlende Kitaplätze im Quartier";
    let (_dir, mut app) = crate::tui::tags::tests::app_with(&[(
        "needs",
        "Wo sehen wir Handlungsbedarfe im Stadtteil",
        &[
            long,
            "Kitaplätze fehlen im Quartier",
            "Ausbau Kitaplätze Quartier",
            "Müll",
        ],
    )]);
    update(&mut app, Action::ClusterReview);
    select(&mut app, "Kita");
    let screen = screen_at(&app, 80, 24);
    assert!(screen.contains(long), "{screen}");
    // The place is still named where there is room for it.
    assert!(screen.contains(" Alts"), "{screen}");
    let hints = screen.lines().nth(22).unwrap().trim_end();
    assert!(hints.ends_with("Esc zurück"), "{hints}");
    assert!(hints.contains("a bestätigen · r verwerfen"), "{hints}");
    // Wide, everything is there.
    let wide = screen_at(&app, 200, 50);
    assert!(wide.contains("Altstadt · Wo sehen wir Ha…"), "{wide}");
    assert!(wide.contains("t Handlungsfeld · u rückgängig · Esc zurück"));
}

#[test]
fn a_groups_handlungsfeld_follows_its_cards_tags_between_frames() {
    let (_dir, mut app) = app();
    select(&mut app, "Kita");
    let row = |app: &App| {
        let screen = screen_at(app, 120, 30);
        let line = screen
            .lines()
            .find(|l| l.contains("3  Kitaplätze"))
            .map(str::to_string);
        line.unwrap_or_else(|| panic!("{screen}"))
    };
    assert!(!row(&app).contains('#'), "{}", row(&app));
    // The cards get a Handlungsfeld (as on the board): the next frame shows it.
    let kita = ids(
        &app,
        &["Kita-Plätze", "fehlende Kitaplätze", "Ausbau Kitaplätze"],
    );
    let session = &mut app.doc.as_mut().unwrap().session;
    for id in &kita {
        let mut card = session.card(id).unwrap().clone();
        card.tags = vec!["bildung".into()];
        session.apply(Edit::ReplaceCard { card }).unwrap();
    }
    assert!(row(&app).contains("#bildung?"), "{}", row(&app));
    // Its theme's own Handlungsfeld, once accepted and assigned.
    update(&mut app, Action::AcceptTheme);
    let theme = themes(&app)[0].clone();
    let mut tagged = theme.clone();
    tagged.tag = Some("wohnen".into());
    let session = &mut app.doc.as_mut().unwrap().session;
    session.apply(Edit::SetThemes(vec![tagged])).unwrap();
    if let Mode::Review(r) = &mut app.mode {
        assert!(grouping::regroup(&mut r.grouping, session, &[]));
    }
    let screen = screen_at(&app, 120, 30);
    assert!(screen.contains("3  Kitaplätze  #wohnen"), "{screen}");
}

/// The review of a needs column holding three Kita cards, confirmed as the
/// theme "Kita-Plätze", and then `more`.
fn with_kita_theme(more: &[&str]) -> (tempfile::TempDir, App) {
    let kita = ["Kita-Plätze", "fehlende Kitaplätze", "Ausbau Kitaplätze"];
    let texts: Vec<&str> = kita.iter().chain(more).copied().collect();
    let (dir, mut app) = crate::tui::tags::tests::app_with(&[("needs", "Handlungsbedarf", &texts)]);
    let theme = Theme {
        id: "t1".into(),
        label: "Kita-Plätze".into(),
        cards: ids(&app, &kita),
        confirmed: true,
        ..Theme::default()
    };
    let session = &mut app.doc.as_mut().unwrap().session;
    session.apply(Edit::SetThemes(vec![theme])).unwrap();
    update(&mut app, Action::ClusterReview);
    (dir, app)
}

#[test]
fn at_80_by_24_a_card_suggested_into_a_theme_names_the_theme() {
    let (_dir, mut app) = with_kita_theme(&["Kitaplätze für alle Kinder im Quartier", "Müll"]);
    let screen = screen_at(&app, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("+  „Kitapl"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("→ Kita-Plätze"), "{row}");
    // What a decision did is told on the status line, the card's text last.
    update(&mut app, Action::AcceptTheme);
    let status = screen_at(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(
        status.contains("Ins Thema „Kita-Plätze“ aufgenommen: „Kitaplätze"),
        "{status}"
    );
}

/// Tests of the review while its clustering runs on a worker thread: keys
/// typed meanwhile wait and then act on the outcome, the screen shows how
/// far it got, Esc leaves at once.
mod background {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::update::event;

    const NEEDS: &[&str] = &[
        "Kita-Plätze",
        "fehlende Kitaplätze",
        "Ausbau Kitaplätze",
        "Müll auf den Straßen",
        "Vermüllung im Viertel",
        "Müll im Park",
        "Sprachkurse für Eltern",
        "Sprachkurse am Abend",
    ];

    /// A session open on the board; reviews of it cluster in the background.
    fn app() -> (tempfile::TempDir, App) {
        let (dir, mut app) =
            crate::tui::tags::tests::app_with(&[("needs", "Handlungsbedarf", NEEDS)]);
        app.cluster.background_from = 0;
        (dir, app)
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn esc() -> Event {
        Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
    }

    fn screen(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
        t.draw(|f| crate::tui::ui::draw(f, app)).unwrap();
        let buf = t.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn keys_typed_while_clustering_act_on_its_outcome_in_order() {
        let (_dir, mut app) = app();
        event(&mut app, key('c'));
        assert!(review(&app).job.is_some(), "not in the background");
        // What the review will list, worked out here at once.
        let session = &app.doc.as_ref().unwrap().session;
        let listed = grouping::group(
            session,
            app.cluster.threshold,
            &ColumnScope::EachColumn,
            app.cluster.thesaurus.as_ref().unwrap(),
            &[],
        );
        assert!(listed.suggestions >= 2, "{:?}", listed.groups);
        let mut second: Vec<String> = listed.groups[1]
            .members
            .iter()
            .map(|m| m.card.clone())
            .collect();
        second.sort();

        assert!(screen(&app).contains("Cluster werden berechnet…"));
        // One key waiting, in German that reads right.
        event(&mut app, key('j'));
        assert!(
            screen(&app).contains("1 Taste wartet darauf"),
            "{}",
            screen(&app)
        );
        event(&mut app, key('k'));
        // Down to the second suggestion and accept it, before the run is in.
        event(&mut app, key('j'));
        event(&mut app, key('a'));
        assert_eq!(review(&app).waiting.len(), 4);
        assert!(screen(&app).contains("4 Tasten warten"));
        wait(&mut app);

        let themes = &app.doc.as_ref().unwrap().session.themes;
        assert_eq!(themes.len(), 1, "{themes:?}");
        let mut accepted = themes[0].cards.clone();
        accepted.sort();
        assert_eq!(accepted, second);
        assert!(review(&app).waiting.is_empty());
        assert!(!screen(&app).contains("berechnet"));
    }

    #[test]
    fn a_key_that_starts_another_run_holds_the_keys_after_it() {
        let (_dir, mut app) = app();
        event(&mut app, key('c'));
        // A stricter threshold (a new run), then accept what it suggests first.
        event(&mut app, key('+'));
        event(&mut app, key('a'));
        wait(&mut app);
        let threshold = app.cluster.threshold;
        assert!(
            (threshold - (crate::core::cluster::DEFAULT_THRESHOLD + 0.05)).abs() < 1e-9,
            "{threshold}"
        );
        let session = &app.doc.as_ref().unwrap().session;
        let listed = grouping::group(
            session,
            threshold,
            &ColumnScope::EachColumn,
            app.cluster.thesaurus.as_ref().unwrap(),
            &[],
        );
        assert_eq!(session.themes.len(), 1);
        assert!(
            listed
                .groups
                .iter()
                .any(|g| g.theme.as_deref() == Some(session.themes[0].id.as_str())),
            "{:?}",
            listed.groups
        );
    }

    #[test]
    fn esc_leaves_at_once_unless_keys_are_waiting() {
        let (_dir, mut app) = app();
        event(&mut app, key('c'));
        event(&mut app, esc());
        assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
        // With a key waiting, Esc waits behind it.
        event(&mut app, key('c'));
        event(&mut app, key('a'));
        event(&mut app, esc());
        assert_eq!(review(&app).waiting.len(), 2);
        wait(&mut app);
        assert!(matches!(app.mode, Mode::Normal));
        assert_eq!(app.doc.as_ref().unwrap().session.themes.len(), 1);
    }
}
