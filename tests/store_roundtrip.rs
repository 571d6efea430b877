//! Save → load gives back the same session for arbitrary card contents, and
//! the loader never panics on arbitrary bytes.

use proptest::prelude::*;
use stellwand::core::model::{Board, Card, Column, Flags, Session};
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
        s.boards.push(Board { id, title: "Altstadt".into(), template: "district-exchange".into(), photos: vec![], columns: vec![column] });
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
    assert_eq!(loaded.session.version, 1);
    assert_eq!(loaded.session.card_count(), 3);
    let card = loaded.session.card("k4").unwrap();
    assert!(card.flags.uncertain);
    assert_eq!(card.sub_points, ["über den Tellerrand gucken"]);
}
