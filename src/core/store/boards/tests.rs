use proptest::prelude::*;

use super::*;
use crate::core::model::{Card, Column, Flags, Measure, PhotoView, Refusal, Tag, Theme};
use crate::core::store::to_ron;

/// The session as the parser reads the whole file, for comparison.
fn whole(text: &str) -> Option<Session> {
    ron::from_str(text).ok()
}

/// Cards with everything a card can have, in `boards` boards.
fn session(boards: usize, texts: &[String]) -> Session {
    let mut s = Session {
        id: "probe".into(),
        title: "Proben \"aller\" Art (Board(".into(),
        date: "2026-12-02".into(),
        notes: "Zeile\nZeile, ]".into(),
        tag_sets: vec!["bamf".into()],
        tags: vec![Tag {
            key: "sprache".into(),
            name: "Sprache & Bildung".into(),
        }],
        ..Session::default()
    };
    let mut n = 0;
    for b in 0..boards {
        let mut columns = Vec::new();
        for key in ["good", "needs"] {
            let mut cards = Vec::new();
            for t in texts {
                n += 1;
                let mut card = Card::new(format!("k{n}"), t.clone());
                match n % 4 {
                    0 => {
                        card.sub_points = vec![t.clone(), "↳ mehr".into()];
                        card.flags = Flags {
                            uncertain: true,
                            struck: false,
                            emphasis: true,
                        };
                        card.refs = vec![9, 10, 12];
                        card.votes = 3;
                    }
                    1 => {
                        card.person = Some(t.clone());
                        card.interested = vec!["A. B.".into()];
                        card.tags = vec!["sprache".into()];
                    }
                    2 => card.conflict = vec![Card::new("", t.clone())],
                    _ => {}
                }
                cards.push(card);
            }
            columns.push(Column {
                key: key.into(),
                heading: format!("{key}: \\ \"Überschrift\""),
                cards,
            });
        }
        s.boards.push(Board {
            id: format!("b{b}"),
            title: texts.get(b).cloned().unwrap_or_default(),
            template: "district-exchange".into(),
            photos: vec![format!("fotos/{b}.jpg")],
            columns,
            view: PhotoView {
                photo: 0,
                zoom: (b % 3) as u8,
                x: 120,
                y: 880,
            },
        });
    }
    s.themes.push(Theme {
        id: "t1".into(),
        label: "Sprache".into(),
        tag: Some("sprache".into()),
        cards: vec!["k1".into(), "k2".into()],
        rejected: vec!["k3".into()],
        confirmed: true,
    });
    s.measures.push(Measure {
        id: "m1".into(),
        title: "Sprachcafé".into(),
        cards: vec!["k1".into()],
        ..Measure::default()
    });
    s.refused.push(Refusal {
        cards: vec!["k1".into(), "k4".into()],
    });
    s
}

fn tricky() -> Vec<String> {
    [
        "Kita-Plätze \"fehlen\"",
        "Board(id: \"b9\"), Board(",
        "),\n    Board(",
        "\\",
        "ends in a backslash \\\\",
        "[{(,:)}]",
        "// kein Kommentar /* auch nicht */",
        "'c' r\"roh\" r#\"roh\"# #![enable(implicit_some)]",
        "Tür zu — Öffnungszeiten ✓ 🚪",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn a_written_session_reads_in_pieces_as_it_reads_whole() {
    let s = session(7, &tricky());
    let text = to_ron(&s);
    let starts = board_starts(text.as_bytes(), list_start(text.as_bytes()).unwrap()).unwrap();
    assert_eq!(starts.len(), 7, "one piece per board");
    let pieces = parse_split(&text).expect("read in pieces");
    assert_eq!(pieces, s);
    assert_eq!(Some(pieces), whole(&text));
}

#[test]
fn files_this_look_is_not_sure_of_are_left_to_the_parser() {
    let text = to_ron(&session(3, &tricky()));
    let unsure = [
        // Comments, an extension, a raw string, a character, a struct
        // name missing, a board in the middle of a line.
        text.replacen("boards: [", "boards: [ // Wände", 1),
        text.replacen("  tags:", "  /* alt */ tags:", 1),
        format!("#![enable(implicit_some)]\n{text}"),
        text.replacen("text: \"\\\\\"", "text: r\"\\\"", 1),
        text.replacen("zoom: 1", "zoom: 1, x: 'x'", 1),
        text.replacen("    Board(\n      id: \"b1\"", "    (\n      id: \"b1\"", 1),
        text.replacen(
            "),\n    Board(\n      id: \"b2\"",
            "), Board(\n      id: \"b2\"",
            1,
        ),
    ];
    for (i, t) in unsure.iter().enumerate() {
        assert_ne!(t, &text, "case {i} changes the file");
        assert_eq!(parse_split(t), None, "case {i}");
    }
    // A multi-line string holding what looks like the start of a board.
    let mut s = session(3, &tricky());
    s.boards[1].title = "x".into();
    let text = to_ron(&s).replacen("title: \"x\"", "title: \"x,\n    Board(\"", 1);
    assert!(whole(&text).is_some());
    assert_eq!(parse_split(&text), None);
}

#[test]
fn faults_are_left_to_the_parser() {
    let text = to_ron(&session(4, &tricky()));
    let faulty = [
        text.replacen("text: \"Kita", "txet: \"Kita", 1),
        text.replacen("votes: 3", "votes: -3", 1),
        text.replacen("  themes:", "  boards: [],\n  themes:", 1),
        text.replacen("  id: \"probe\",", "  id: \"probe\",\n  neu: 1,", 1),
        text.replacen("Board(\n      id: \"b3\"", "Brett(\n      id: \"b3\"", 1),
        format!("{text})"),
        text[..text.len() / 2].to_string(),
    ];
    for (i, t) in faulty.iter().enumerate() {
        assert_ne!(t, &text, "case {i} changes the file");
        assert!(whole(t).is_none(), "case {i} is a fault");
        assert_eq!(parse_split(t), None, "case {i}");
    }
}

/// `Card(text: "x", conflict: [` … nested `depth` times inside a session,
/// `leaf` innermost.
fn nested(depth: usize, leaf: &str) -> String {
    let mut card = leaf.to_string();
    for _ in 1..depth {
        card = format!("Card(text: \"x\", conflict: [{card}])");
    }
    format!(
        "Session(boards: [\n    Board(id: \"b1\", columns: [Column(key: \"good\", cards: [{card}])]),\n    Board(id: \"b2\"),\n])\n"
    )
}

#[test]
fn a_board_nested_too_deep_for_the_whole_file_is_too_deep_in_pieces() {
    // Each level of nesting is four steps of the parser's count; the
    // leaves add none to three, so that the limit is met at every step.
    for leaf in [
        "Card()",
        "Card(text: \"x\")",
        "Card(flags: Flags())",
        "Card(refs: [1])",
    ] {
        let mut seen = (false, false);
        for depth in 20..40 {
            let text = nested(depth, leaf);
            let whole = whole(&text);
            assert_eq!(parse_split(&text), whole, "depth {depth}, {leaf}");
            seen = (seen.0 || whole.is_some(), seen.1 || whole.is_none());
        }
        assert_eq!(seen, (true, true), "the limit lies in the range tried");
    }
}

/// What a person editing the file by hand or a broken copy might leave.
fn snippet() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\"",
        "\\",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        " ",
        "\n",
        "//",
        "/*",
        "*/",
        "'",
        "r\"",
        "#",
        "Board(",
        "\n    Board(",
        "),\n    Board(",
        "Card(id: \"k1\"),",
        "ä",
        "0",
        "x",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_texts_read_in_pieces_as_they_read_whole(
        texts in proptest::collection::vec("[a-zä \"\\\\(),\\[\\]{}:/#'\n\t]{0,12}", 1..5),
        boards in 1usize..5,
    ) {
        let s = session(boards, &texts);
        let text = to_ron(&s);
        prop_assert_eq!(parse_split(&text), Some(s));
    }

    #[test]
    fn a_changed_file_reads_in_pieces_as_it_reads_whole_or_is_left_to_the_parser(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), snippet(), 0usize..4), 1..4),
    ) {
        let mut text = to_ron(&session(4, &tricky()));
        for (at, snippet, cut) in edits {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = (i + cut).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            text.replace_range(i..j, snippet);
        }
        if let Some(pieces) = parse_split(&text) {
            prop_assert_eq!(Some(pieces), whole(&text));
        }
    }
}

#[test]
fn a_large_file_reads_as_written_and_a_fault_in_it_is_named_by_line_and_column() {
    use crate::core::error::Lang;
    let s = session(800, &tricky());
    let text = to_ron(&s);
    assert!(text.len() > MIN_BYTES, "{} bytes", text.len());
    let path = std::path::Path::new("land.ron");
    assert_eq!(crate::core::store::parse(path, &text).unwrap().session, s);
    // A fault in the hundredth board, and an unknown field in another.
    let at = text.match_indices("votes: 3").nth(400).unwrap().0 + "votes: ".len();
    let line = text[..at].matches('\n').count() + 1;
    // Counted in characters, as an editor shows it.
    let column = text[text[..at].rfind('\n').unwrap() + 1..at]
        .chars()
        .count()
        + 1;
    let faulty = format!("{}drei{}", &text[..at], &text[at + 1..]);
    let e = crate::core::store::parse(path, &faulty).unwrap_err();
    assert_eq!((e.line, e.column), (line, column), "{}", e.render(Lang::De));
    assert!(
        e.render(Lang::De)
            .starts_with(&format!("land.ron:{line}:{column}: "))
    );
    let unknown = text.replacen(
        "      template: \"district-exchange\",\n",
        "      vorlage: 1,\n",
        7,
    );
    let e = crate::core::store::parse(path, &unknown).unwrap_err();
    let at = unknown.find("vorlage").unwrap();
    assert_eq!(e.line, unknown[..at].matches('\n').count() + 1);
    assert!(
        e.render(Lang::En).contains("vorlage"),
        "{}",
        e.render(Lang::En)
    );
}
