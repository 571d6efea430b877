//! Save → load gives back the same session for arbitrary card contents, and
//! the loader never panics on arbitrary bytes.

use proptest::prelude::*;
use stellwand::core::model::{Board, Card, Column, FORMAT_VERSION, Flags, Session};
use stellwand::core::store;

fn card_strategy() -> impl Strategy<Value = Card> {
    (
        any::<String>(),
        proptest::collection::vec(any::<String>(), 0..3),
        any::<(bool, bool, bool)>(),
        proptest::collection::vec(any::<u32>(), 0..3),
        any::<u32>(),
        proptest::option::of(any::<String>()),
    )
        .prop_map(|(text, sub_points, (u, s, e), refs, votes, person)| Card {
            id: String::new(),
            text,
            sub_points,
            flags: Flags {
                uncertain: u,
                struck: s,
                emphasis: e,
            },
            refs,
            votes,
            person,
            interested: vec![],
            tags: vec![],
            // The other version a merge may leave on a card.
            conflict: if e {
                vec![Card::new("", "andere Fassung")]
            } else {
                vec![]
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saved_sessions_load_back_unchanged(
        title in any::<String>(),
        cards in proptest::collection::vec(card_strategy(), 0..20),
    ) {
        let mut s = Session { title, id: "s".into(), ..Session::default() };
        let mut column = Column { key: "needs".into(), heading: "Wo sehen wir Handlungsbedarfe…".into(), cards: vec![] };
        for mut c in cards {
            c.id = s.fresh_id("k");
            column.cards.push(c);
        }
        let id = s.fresh_id("b");
        s.boards.push(Board { id, title: "Altstadt".into(), template: "district-exchange".into(), photos: vec![], columns: vec![column], ..Board::default() });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &s).unwrap();
        let loaded = store::load(&path).unwrap();
        prop_assert!(!loaded.read_only);
        prop_assert_eq!(loaded.session, s);
    }

    #[test]
    fn loading_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = store::parse(std::path::Path::new("x.ron"), &text);
    }
}

#[test]
fn the_version_1_fixture_opens() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions/v1.ron");
    let loaded = store::load(&path).unwrap();
    assert!(!loaded.read_only);
    assert_eq!(loaded.upgraded_from, Some(1));
    assert_eq!(loaded.session.version, FORMAT_VERSION);
    assert_eq!(loaded.session.card_count(), 3);
    // The ids stay; the counter line is read and not written again.
    assert!(loaded.session.card("k2").is_some());
    assert!(!store::to_ron(&loaded.session).contains("next_id"));
    let card = loaded.session.card("k4").unwrap();
    assert!(card.flags.uncertain);
    assert_eq!(card.sub_points, ["über den Tellerrand gucken"]);
}

#[test]
fn every_format_version_has_a_fixture_that_opens() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions");
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(version) = name.strip_prefix('v').and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        let loaded = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!loaded.read_only, "{name}");
        assert_eq!(
            loaded.session.version, FORMAT_VERSION,
            "{name}: upgraded in memory"
        );
        let expected = (version < FORMAT_VERSION).then_some(version);
        assert_eq!(loaded.upgraded_from, expected, "{name}");
        // Every card has an id, and they are unique.
        let mut ids: Vec<_> = loaded
            .session
            .cards()
            .map(|(_, _, k)| k.id.clone())
            .collect();
        assert!(ids.iter().all(|id| !id.is_empty()), "{name}: {ids:?}");
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{name}");
        versions.push(version);
    }
    versions.sort();
    let all: Vec<u32> = (0..=FORMAT_VERSION).collect();
    assert_eq!(versions, all, "one fixture per format version");
}

#[test]
fn the_version_0_fixture_is_upgraded_with_ids_in_file_order() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions/v0.ron");
    let s = store::load(&path).unwrap().session;
    assert_eq!(s.title, "Integrationskonferenz Stadtbezirk Süd");
    assert_eq!(s.boards[0].id, "b1");
    let cards: Vec<(String, String)> = s
        .cards()
        .map(|(_, _, k)| (k.id.clone(), k.text.clone()))
        .collect();
    assert_eq!(
        cards,
        [
            (
                "k2".to_string(),
                "Stadtteilbüro als Anlaufstelle".to_string()
            ),
            ("k3".to_string(), "Sportvereine".to_string()),
            ("k4".to_string(), "Kita-Plätze".to_string()),
        ]
    );
    assert!(s.card("k4").unwrap().flags.uncertain);
    // New ids are random and never one of the upgraded ones.
    let mut s = s;
    let id = s.fresh_id("k");
    assert!(stellwand::core::model::ids::is_random_id(&id), "{id}");
    assert!(!s.uses_id(&id));
    assert_eq!(s.id, "2018-11-07-integrationskonferenz-stadtbezirk-sued");
}
