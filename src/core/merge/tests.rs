use super::*;
use crate::core::edit::Edit;
use crate::core::error::Lang;
use crate::core::model::{Board, Card, Column, Theme};

/// A session of two boards with columns `good` and `needs`, and cards
/// `k1`…`k3` in `b1`/`needs`, `k4` in `b2`/`good`.
fn base() -> Session {
    let column = |key: &str, cards: &[(&str, &str)]| Column {
        key: key.into(),
        heading: key.into(),
        cards: cards.iter().map(|(id, t)| Card::new(*id, *t)).collect(),
    };
    let mut s = Session {
        id: "s".into(),
        title: "Konferenz".into(),
        ..Session::default()
    };
    s.boards.push(Board {
        id: "b1".into(),
        title: "Altstadt".into(),
        columns: vec![
            column("good", &[]),
            column(
                "needs",
                &[
                    ("k1", "Kita-Plätze"),
                    ("k2", "Sprachkurse"),
                    ("k3", "Sport"),
                ],
            ),
        ],
        ..Board::default()
    });
    s.boards.push(Board {
        id: "b2".into(),
        title: "Schalke".into(),
        columns: vec![column("good", &[("k4", "Markt")]), column("needs", &[])],
        ..Board::default()
    });
    s
}

fn add(s: &mut Session, board: &str, column: &str, text: &str) -> String {
    let id = s.fresh_id("k");
    s.apply(Edit::InsertCard {
        board: board.into(),
        column: column.into(),
        index: usize::MAX,
        card: Card::new(id.clone(), text),
    })
    .unwrap();
    id
}

fn edit(s: &mut Session, id: &str, text: &str) {
    let mut c = s.card(id).unwrap().clone();
    c.text = text.into();
    s.apply(Edit::ReplaceCard { card: c }).unwrap();
}

fn column_texts(s: &Session, board: &str, column: &str) -> Vec<String> {
    let b = &s.boards[s.board_index(board).unwrap()];
    b.columns[b.column_index(column).unwrap()]
        .cards
        .iter()
        .map(|k| k.text.clone())
        .collect()
}

/// The merged session survives a save and a load (ids unique, no markers).
fn roundtrip(s: &Session) -> Session {
    let text = store::to_ron(s);
    assert!(!text.contains("<<<<<<<"));
    store::parse(Path::new("m.ron"), &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .session
}

/// The base session and two copies of it, ours and theirs, to change.
fn sides() -> (Session, Session, Session) {
    let b = base();
    (b.clone(), b.clone(), b)
}

#[test]
fn cards_added_on_both_sides_in_one_column_are_all_kept() {
    let (b, mut o, mut t) = sides();
    add(&mut o, "b1", "needs", "Elternarbeit");
    add(&mut o, "b1", "needs", "Quartiersbüro");
    add(&mut t, "b1", "needs", "Jugendtreff");
    let m = merge_sessions(Some(&b), &o, &t);
    assert!(!m.has_conflicts(), "{:?}", m.notes);
    let s = roundtrip(&m.value);
    assert_eq!(
        column_texts(&s, "b1", "needs"),
        [
            "Kita-Plätze",
            "Sprachkurse",
            "Sport",
            "Elternarbeit",
            "Quartiersbüro",
            "Jugendtreff"
        ]
    );
}

#[test]
fn an_edit_and_a_move_of_the_same_card_are_combined() {
    let (b, mut o, mut t) = sides();
    edit(&mut o, "k2", "Sprachkurse mit Kinderbetreuung");
    t.apply(Edit::MoveCard {
        card: "k2".into(),
        board: "b2".into(),
        column: "needs".into(),
        index: 0,
    })
    .unwrap();
    for (x, y) in [(&o, &t), (&t, &o)] {
        let m = merge_sessions(Some(&b), x, y);
        assert!(m.notes.is_empty(), "{:?}", m.notes);
        let s = roundtrip(&m.value);
        assert_eq!(
            column_texts(&s, "b2", "needs"),
            ["Sprachkurse mit Kinderbetreuung"]
        );
        assert_eq!(column_texts(&s, "b1", "needs"), ["Kita-Plätze", "Sport"]);
    }
}

#[test]
fn a_card_edited_on_both_sides_keeps_both_versions_until_the_clerk_picks() {
    let (b, mut o, mut t) = sides();
    edit(&mut o, "k1", "fehlende Kita-Plätze");
    edit(&mut t, "k1", "zu wenig Kitaplätze");
    // A tag set on one side is no conflict.
    let mut c = t.card("k1").unwrap().clone();
    c.tags.push("fruehe-bildung".into());
    t.apply(Edit::ReplaceCard { card: c }).unwrap();

    let m = merge_sessions(Some(&b), &o, &t);
    assert!(m.has_conflicts());
    assert!(matches!(&m.notes[..], [Note::CardConflict { card, .. }] if card == "k1"));
    assert!(m.notes[0].message(Lang::De).contains("beide Fassungen"));
    let s = roundtrip(&m.value);
    let k = s.card("k1").unwrap();
    assert_eq!(k.text, "fehlende Kita-Plätze");
    assert_eq!(k.tags, ["fruehe-bildung"]);
    assert_eq!(k.conflict.len(), 1);
    assert_eq!(k.conflict[0].text, "zu wenig Kitaplätze");
    assert_eq!(k.conflict[0].tags, ["fruehe-bildung"]);
    let picked = k.resolved_with(0).unwrap();
    assert_eq!(
        (picked.id.as_str(), picked.text.as_str()),
        ("k1", "zu wenig Kitaplätze")
    );
    assert!(!picked.in_conflict());

    // Merged again with a side that resolved it: the conflict is gone.
    let mut resolved = s.clone();
    resolved
        .apply(Edit::ReplaceCard {
            card: k.resolved_as_shown(),
        })
        .unwrap();
    let again = merge_sessions(Some(&s), &resolved, &s);
    assert!(!again.value.card("k1").unwrap().in_conflict());
}

#[test]
fn a_card_deleted_on_one_side_and_changed_on_the_other_is_kept() {
    let (b, mut o, mut t) = sides();
    o.apply(Edit::RemoveCard { card: "k3".into() }).unwrap();
    o.apply(Edit::RemoveCard { card: "k2".into() }).unwrap();
    edit(&mut t, "k3", "Sportvereine");
    let m = merge_sessions(Some(&b), &o, &t);
    let s = roundtrip(&m.value);
    assert_eq!(
        column_texts(&s, "b1", "needs"),
        ["Kita-Plätze", "Sportvereine"]
    );
    assert!(
        matches!(&m.notes[..], [Note::KeptChanged { .. }]),
        "{:?}",
        m.notes
    );
    assert!(!m.has_conflicts());
}

#[test]
fn a_board_deleted_on_one_side_comes_back_with_the_other_sides_new_card() {
    let (b, mut o, mut t) = sides();
    o.apply(Edit::RemoveBoard { board: "b2".into() }).unwrap();
    add(&mut t, "b2", "needs", "Jugendtreff");
    let m = merge_sessions(Some(&b), &o, &t);
    let s = roundtrip(&m.value);
    assert_eq!(s.boards.len(), 2);
    assert_eq!(column_texts(&s, "b2", "needs"), ["Jugendtreff"]);
    // Deleted on one side and untouched on the other: gone.
    let m = merge_sessions(Some(&b), &o, &b);
    assert_eq!(m.value.boards.len(), 1);
}

#[test]
fn boards_themes_and_members_added_on_both_sides_are_all_kept() {
    let mut b = base();
    b.themes.push(Theme {
        id: "t1".into(),
        label: "Kita".into(),
        cards: vec!["k1".into()],
        confirmed: true,
        ..Theme::default()
    });
    let (mut o, mut t) = (b.clone(), b.clone());
    for (s, title) in [(&mut o, "Buer"), (&mut t, "Horst")] {
        let id = s.fresh_id("b");
        s.apply(Edit::InsertBoard {
            index: usize::MAX,
            board: Board {
                id,
                title: title.into(),
                ..Board::default()
            },
        })
        .unwrap();
        let id = s.fresh_id("t");
        let mut themes = s.themes.clone();
        themes.push(Theme {
            id,
            label: format!("Thema {title}"),
            ..Theme::default()
        });
        s.apply(Edit::SetThemes(themes)).unwrap();
    }
    o.themes[0].cards.push("k2".into());
    t.themes[0].cards.push("k3".into());
    let m = merge_sessions(Some(&b), &o, &t);
    assert!(m.notes.is_empty(), "{:?}", m.notes);
    let s = roundtrip(&m.value);
    let titles: Vec<&str> = s.boards.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["Altstadt", "Schalke", "Buer", "Horst"]);
    assert_eq!(s.themes.len(), 3);
    let kita = s.themes.iter().find(|t| t.id == "t1").unwrap();
    assert_eq!(kita.cards, ["k1", "k2", "k3"]);
}

#[test]
fn counter_ids_given_twice_by_old_programs_are_renamed_and_both_cards_kept() {
    let (b, mut o, mut t) = sides();
    for (s, text) in [(&mut o, "Elternarbeit"), (&mut t, "Jugendtreff")] {
        s.apply(Edit::InsertCard {
            board: "b1".into(),
            column: "good".into(),
            index: 0,
            card: Card::new("k5", text),
        })
        .unwrap();
    }
    let m = merge_sessions(Some(&b), &o, &t);
    assert!(
        matches!(&m.notes[..], [Note::Renamed { from, .. }] if from == "k5"),
        "{:?}",
        m.notes
    );
    let s = roundtrip(&m.value);
    let mut good = column_texts(&s, "b1", "good");
    good.sort();
    assert_eq!(good, ["Elternarbeit", "Jugendtreff"]);
    assert_eq!(s.card("k5").unwrap().text, "Elternarbeit");
}

#[test]
fn a_reordering_on_one_side_survives_additions_on_the_other() {
    let (b, mut o, mut t) = sides();
    t.apply(Edit::MoveCard {
        card: "k3".into(),
        board: "b1".into(),
        column: "needs".into(),
        index: 0,
    })
    .unwrap();
    add(&mut o, "b1", "needs", "Elternarbeit");
    let s = roundtrip(&merge_sessions(Some(&b), &o, &t).value);
    assert_eq!(
        column_texts(&s, "b1", "needs"),
        ["Sport", "Kita-Plätze", "Sprachkurse", "Elternarbeit"]
    );
}

#[test]
fn a_field_changed_differently_on_both_sides_keeps_ours_and_says_so() {
    let (b, mut o, mut t) = sides();
    o.title = "Konferenz Mitte".into();
    t.title = "Konferenz Süd".into();
    t.place = "Gelsenkirchen".into();
    let m = merge_sessions(Some(&b), &o, &t);
    assert_eq!(m.value.title, "Konferenz Mitte");
    assert_eq!(m.value.place, "Gelsenkirchen");
    assert!(m.has_conflicts());
    let msg = m.notes[0].message(Lang::De);
    assert!(
        msg.contains("title") && msg.contains("Konferenz Süd"),
        "{msg}"
    );
}

#[test]
fn texts_merge_without_a_base_and_refuse_what_they_cannot_read() {
    let (b, mut o, mut t) = sides();
    add(&mut o, "b1", "good", "Elternarbeit");
    add(&mut t, "b2", "needs", "Jugendtreff");
    let p = Path::new("s.ron");
    let m = merge_texts(p, "", &store::to_ron(&o), &store::to_ron(&t)).unwrap();
    let s = store::parse(p, &m.value).unwrap().session;
    assert_eq!(s.card_count(), 6);

    let broken = "Session(\n  title: \"x\",\n<<<<<<< ours\n";
    let err = merge_texts(p, &store::to_ron(&b), broken, &store::to_ron(&t)).unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    let err = merge_texts(p, "", "Template(key: \"x\")", "Template(key: \"y\")").unwrap_err();
    assert!(err.render(Lang::En).contains("cannot merge"), "{err}");
    let mut newer = o.clone();
    newer.version = crate::core::model::FORMAT_VERSION + 1;
    let err = merge_texts(
        p,
        &store::to_ron(&b),
        &store::to_ron(&newer),
        &store::to_ron(&t),
    )
    .unwrap_err();
    assert!(err.render(Lang::En).contains("newer"), "{err}");
}

#[test]
fn the_themes_file_merges_by_theme_id() {
    use crate::core::cluster::themes::themes_to_ron;
    let theme = |id: &str, cards: &[&str]| Theme {
        id: id.into(),
        label: id.into(),
        cards: cards.iter().map(|c| c.to_string()).collect(),
        confirmed: true,
        ..Theme::default()
    };
    let base = themes_to_ron(&[theme("t1", &["a/k1"])]);
    let ours = themes_to_ron(&[theme("t1", &["a/k1", "b/k2"]), theme("tq", &["a/k3"])]);
    let theirs = themes_to_ron(&[theme("t1", &["a/k1", "c/k9"]), theme("t5", &[])]);
    let m = merge_texts(Path::new("themes.ron"), &base, &ours, &theirs).unwrap();
    assert!(m.notes.is_empty(), "{:?}", m.notes);
    let file: crate::core::cluster::themes::ThemesFile = ron::from_str(&m.value).unwrap();
    let ids: Vec<&str> = file.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t5", "tq"]);
    assert_eq!(file.themes[0].cards, ["a/k1", "b/k2", "c/k9"]);
}

mod random {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Add(usize, usize),
        Edit(usize),
        Move(usize, usize, usize),
        Remove(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..2usize, 0..2usize).prop_map(|(b, c)| Op::Add(b, c)),
            (0..8usize).prop_map(Op::Edit),
            (0..8usize, 0..2usize, 0..2usize).prop_map(|(k, b, c)| Op::Move(k, b, c)),
            (0..8usize).prop_map(Op::Remove),
        ]
    }

    /// Applies the ops; returns the texts of the cards it added.
    fn run(s: &mut Session, ops: &[Op], side: &str) -> Vec<String> {
        let mut added = Vec::new();
        for (n, op) in ops.iter().enumerate() {
            let ids: Vec<String> = s.cards().map(|(_, _, k)| k.id.clone()).collect();
            let boards = ["b1", "b2"];
            let columns = ["good", "needs"];
            match *op {
                Op::Add(b, c) => {
                    let text = format!("{side} {n}");
                    add(s, boards[b], columns[c], &text);
                    added.push(text);
                }
                Op::Edit(k) if !ids.is_empty() => {
                    let id = &ids[k % ids.len()];
                    let text = format!("{side} edit {n}");
                    edit(s, id, &text);
                }
                Op::Move(k, b, c) if !ids.is_empty() => {
                    let id = ids[k % ids.len()].clone();
                    s.apply(Edit::MoveCard {
                        card: id,
                        board: boards[b].into(),
                        column: columns[c].into(),
                        index: n,
                    })
                    .unwrap();
                }
                Op::Remove(k) if !ids.is_empty() => {
                    let id = ids[k % ids.len()].clone();
                    s.apply(Edit::RemoveCard { card: id }).unwrap();
                }
                _ => {}
            }
        }
        added
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_two_sides_merge_to_a_valid_file_that_keeps_every_added_card(
            ours_ops in proptest::collection::vec(op(), 0..12),
            theirs_ops in proptest::collection::vec(op(), 0..12),
        ) {
            let b = base();
            let (mut o, mut t) = (b.clone(), b.clone());
            let mut added = run(&mut o, &ours_ops, "A");
            added.extend(run(&mut t, &theirs_ops, "B"));
            let m = merge_sessions(Some(&b), &o, &t);
            let s = roundtrip(&m.value);
            let texts: Vec<String> = s
                .cards()
                .flat_map(|(_, _, k)| {
                    std::iter::once(k.text.clone()).chain(k.conflict.iter().map(|v| v.text.clone()))
                })
                .collect();
            // A card added on one side and edited or deleted later on that
            // side is that side's decision; one added and left alone stays.
            for text in &added {
                let kept_by_side = o.cards().chain(t.cards()).any(|(_, _, k)| &k.text == text);
                if kept_by_side {
                    prop_assert!(texts.contains(text), "{} lost: {:?}", text, texts);
                }
            }
            // Merging with an unchanged side gives the other side.
            let same = merge_sessions(Some(&b), &o, &b).value;
            prop_assert_eq!(store::to_ron(&same), store::to_ron(&o));
        }
    }
}
