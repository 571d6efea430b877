//! Arbitrary card text through the export, read back with a CommonMark
//! parser: user text only ever comes back as text, never as structure, and
//! the managed blocks are exactly the ones written.

mod export_support;

use std::fs;

use proptest::prelude::*;
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use stellwand::core::export::{self, Options, Source};
use stellwand::core::model::{Card, Session, Tag as HfTag, Theme};
use stellwand::core::template::Templates;

/// Strings that mean something in Markdown, HTML or to stellwand itself.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "#",
            "##",
            "*",
            "**",
            "_",
            "__",
            "|",
            "[",
            "]",
            "(",
            ")",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "`",
            "```",
            "~",
            "~~",
            "~~x~~",
            "~~ab~~",
            "\\",
            "&",
            "&amp;",
            "&#35;",
            "1.",
            "1)",
            "-",
            "+",
            ">",
            "=",
            "===",
            "---",
            "***",
            "    ",
            "\t",
            "\n",
            "\r\n",
            "\n\n",
            "$",
            "$$",
            "^",
            "{#id}",
            "[^1]",
            "[^1]:",
            "[[x]]",
            "![a](b)",
            "[a](http://x)",
            "<http://x>",
            "- [ ]",
            ": ",
            "stellwand:begin",
            "stellwand:end",
            "<!-- stellwand:end session=s1 section=ist_analyse -->",
            "\n<!-- stellwand:begin session=s1 section=massnahmen -->\n",
            "↳",
            "->",
            "ä",
            "ß",
            " ",
            "\u{a0}",
            "\u{0}",
            "\u{1b}",
            "\u{2028}",
            "=>",
            "<",
            "<3",
            "<a",
            "</",
            "<?",
            "a_b",
            "_",
            "{",
            "}",
            " #",
            "#x",
            "&x;",
            "&#x4a;",
            "\\*",
            ":",
            "1",
            "12345.",
        ])
        .prop_map(str::to_string),
        "[a-zA-ZäöüÄÖÜß0-9 ]{0,6}",
        any::<String>().prop_map(|s| s.chars().take(4).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..7).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct Input {
    cards: Vec<(String, Vec<String>, [bool; 3])>,
    label: String,
    board: String,
    heading: String,
    title: String,
    tag: String,
}

fn input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec(
            (
                text(),
                prop::collection::vec(text(), 0..3),
                any::<[bool; 3]>(),
            ),
            1..5,
        ),
        text(),
        text(),
        text(),
        text(),
        text(),
    )
        .prop_map(|(cards, label, board, heading, title, tag)| Input {
            cards,
            label,
            board,
            heading,
            title,
            tag,
        })
}

fn session(input: &Input) -> Session {
    let templates = Templates::builtin();
    let mut board = templates
        .board("district-exchange")
        .unwrap()
        .new_board("b1".into(), "x");
    board.title = input.board.clone();
    board.columns[1].heading = input.heading.clone();
    board.columns[1].cards = input
        .cards
        .iter()
        .enumerate()
        .map(|(i, (t, subs, f))| {
            let mut c = Card::new(format!("k{i}"), t.clone());
            c.sub_points = subs.clone();
            c.flags.uncertain = f[0];
            c.flags.struck = f[1];
            c.flags.emphasis = f[2];
            c
        })
        .collect();
    Session {
        id: "s1".into(),
        title: input.title.clone(),
        date: "2019-02-13".into(),
        tags: vec![HfTag {
            key: "hf".into(),
            name: input.tag.clone(),
        }],
        boards: vec![board],
        themes: vec![Theme {
            id: "t1".into(),
            label: input.label.clone(),
            tag: Some("hf".into()),
            cards: (0..input.cards.len()).map(|i| format!("k{i}")).collect(),
            rejected: Vec::new(),
            confirmed: true,
        }],
        ..Session::default()
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words written `~~so~~` come back struck, without their tildes, when every
/// `~~` pairs up around text starting and ending with a letter or digit.
fn struck_words(folded: &str) -> (String, usize) {
    // Between the `~~`s: plain text at even places, struck text at odd ones.
    let (mut plain, mut struck) = (Vec::new(), Vec::new());
    for (i, piece) in folded.split("~~").enumerate() {
        if i % 2 == 0 {
            plain.push(piece);
        } else {
            struck.push(piece);
        }
    }
    let word =
        |p: &&str| p.starts_with(char::is_alphanumeric) && p.ends_with(char::is_alphanumeric);
    let paired = !struck.is_empty() && plain.len() == struck.len() + 1;
    // Struck words must not touch: `~~a~~~~b~~` would be one long run.
    let apart = plain.len() < 2 || plain[1..plain.len() - 1].iter().all(|p| !p.is_empty());
    if paired && apart && struck.iter().all(word) {
        (folded.split("~~").collect(), struck.len())
    } else {
        (folded.to_string(), 0)
    }
}

fn strip_arrow(s: &str) -> &str {
    let t = s.trim_start();
    for a in ["↳", "→", "->"] {
        if let Some(r) = t.strip_prefix(a) {
            return r.trim_start();
        }
    }
    t
}

fn md_options() -> MdOptions {
    MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_HEADING_ATTRIBUTES
        | MdOptions::ENABLE_MATH
        | MdOptions::ENABLE_GFM
        | MdOptions::ENABLE_DEFINITION_LIST
        | MdOptions::ENABLE_SUPERSCRIPT
        | MdOptions::ENABLE_SUBSCRIPT
        | MdOptions::ENABLE_WIKILINKS
}

/// What a chapter reads as: headings, top-level items with their nested
/// items, counts of inline structure, and the marker lines.
#[derive(Debug, Default)]
struct Read {
    headings: Vec<String>,
    items: Vec<(String, Vec<String>)>,
    /// Paragraphs outside lists and headings.
    paragraphs: Vec<String>,
    strong: usize,
    struck: usize,
    emphasis: usize,
    markers: Vec<String>,
    foreign: Vec<String>,
}

fn read(markdown: &str) -> Read {
    let mut r = Read::default();
    let mut depth = 0usize;
    let mut buf: Option<String> = None;
    for event in Parser::new_ext(markdown, md_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => buf = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => r.headings.push(buf.take().unwrap_or_default()),
            Event::Start(Tag::List(None)) => depth += 1,
            Event::End(TagEnd::List(false)) => depth -= 1,
            Event::Start(Tag::Item) => {
                if depth == 1 {
                    r.items.push((String::new(), Vec::new()));
                } else if let Some(last) = r.items.last_mut() {
                    last.1.push(String::new());
                }
            }
            Event::Start(Tag::Paragraph) if depth == 0 => r.paragraphs.push(String::new()),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::End(TagEnd::Item) => {}
            Event::Start(Tag::Strong) => r.strong += 1,
            Event::Start(Tag::Strikethrough) => r.struck += 1,
            Event::Start(Tag::Emphasis) => r.emphasis += 1,
            Event::End(TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Emphasis) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Html(h) => {
                let line = h.trim_end().to_string();
                if line.starts_with("<!-- stellwand:") && !line.contains('\n') {
                    r.markers.push(line);
                } else {
                    r.foreign.push(format!("html {line:?}"));
                }
            }
            Event::Text(t) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&t);
                } else if depth >= 1 {
                    let last = r.items.last_mut().expect("item");
                    match (depth, last.1.last_mut()) {
                        (1, _) | (_, None) => last.0.push_str(&t),
                        (_, Some(sub)) => sub.push_str(&t),
                    }
                } else if let Some(p) = r.paragraphs.last_mut() {
                    p.push_str(&t);
                }
            }
            other => r.foreign.push(format!("{other:?}")),
        }
    }
    r
}

/// What a card's list item renders as (text, sub-points), and how many
/// strong, struck and emphasis spans it holds.
fn expected_card(t: &str, subs: &[String], f: &[bool; 3]) -> ((String, Vec<String>), [usize; 3]) {
    let mut n = [0usize; 3];
    let (body, inner) = if f[1] {
        (fold(t), 0)
    } else {
        struck_words(&fold(t))
    };
    n[1] += inner;
    let mut expected = if body.is_empty() {
        n[2] += 1;
        "(leer)".to_string()
    } else {
        body
    };
    if f[0] {
        expected.push_str(" (unsicher gelesen)");
        n[2] += 1;
    }
    n[0] += f[2] as usize;
    n[1] += f[1] as usize;
    let subs: Vec<String> = subs
        .iter()
        .map(|s| struck_words(&fold(strip_arrow(s))))
        .filter(|(s, _)| !s.is_empty())
        .map(|(s, k)| {
            n[1] += k;
            s
        })
        .collect();
    ((expected, subs), n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn user_text_never_becomes_structure(input in input()) {
        let s = session(&input);
        let dir = tempfile::tempdir().unwrap();
        let sources = [Source { session: &s, name: "s1" }];
        let plan = export::plan(&sources, &Templates::builtin(), dir.path(), &Options::default()).unwrap();
        prop_assert!(plan.problems.is_empty());
        plan.apply().unwrap();
        let chapters: Vec<_> = fs::read_dir(dir.path()).unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != "index.md")
            .collect();
        prop_assert_eq!(chapters.len(), 1);
        let text = fs::read_to_string(dir.path().join(&chapters[0])).unwrap();
        let got = read(&text);
        prop_assert!(got.foreign.is_empty(), "{:?}\n{}", got.foreign, text);

        // Exactly the six sections' begin and end markers.
        prop_assert_eq!(got.markers.len(), 12, "{}", text);
        prop_assert_eq!(got.markers.iter().filter(|m| m.contains("stellwand:begin")).count(), 6);
        prop_assert_eq!(export::blocks::parse(&text).unwrap().blocks.len(), 6);

        // Headings: chapter title, six sections, the theme.
        let label = fold(&input.label);
        let title = fold(&input.tag);
        prop_assert_eq!(got.headings.len(), 8, "{:?}", got.headings);
        prop_assert_eq!(&got.headings[0], if title.is_empty() { "hf" } else { &title });
        prop_assert_eq!(&got.headings[2], if label.is_empty() { "Thema ohne Namen" } else { &label });

        // Every card once, its text literal, its flags the only inline structure.
        prop_assert_eq!(got.items.len(), input.cards.len());
        let mut counts = [0usize; 3];
        for (i, ((t, subs, f), item)) in input.cards.iter().zip(&got.items).enumerate() {
            let (expected, n) = expected_card(t, subs, f);
            for k in 0..3 {
                counts[k] += n[k];
            }
            prop_assert_eq!(item, &expected, "card {}", i);
        }
        let [strong, struck, emphasis] = counts;
        prop_assert_eq!((got.strong, got.struck, got.emphasis), (strong, struck, emphasis));
        // The source, short: the wall's name, nothing else (no ids).
        let board = fold(&input.board);
        let source: Vec<String> = got.paragraphs.iter().filter(|p| p.starts_with('(')).cloned().collect();
        if board.is_empty() {
            prop_assert!(source.is_empty(), "{:?}", got.paragraphs);
        } else {
            prop_assert_eq!(source, vec![format!("({board})")]);
        }

        // The index and the protocol hold no foreign structure either.
        let index = read(&fs::read_to_string(dir.path().join("index.md")).unwrap());
        prop_assert!(index.foreign.iter().all(|f| f.starts_with("Start(Link") || f.starts_with("End(Link")), "{:?}", index.foreign);
        prop_assert_eq!(index.markers.len(), 2);

        // Exporting again changes nothing.
        let again = export::plan(&sources, &Templates::builtin(), dir.path(), &Options::default()).unwrap();
        prop_assert_eq!(again.changes().count(), 0);
    }

    #[test]
    fn the_protocol_keeps_user_text_literal(input in input()) {
        let s = session(&input);
        let dir = tempfile::tempdir().unwrap();
        let sources = [Source { session: &s, name: "s1" }];
        let options = Options { format: export::Format::Protocol, ..Options::default() };
        let plan = export::plan(&sources, &Templates::builtin(), dir.path(), &options).unwrap();
        plan.apply().unwrap();
        let text = fs::read_to_string(dir.path().join("s1.md")).unwrap();
        let got = read(&text);
        prop_assert!(got.foreign.is_empty(), "{:?}\n{}", got.foreign, text);
        prop_assert_eq!(got.markers.len(), 1);
        // The date, then every card on its wall, then again in its theme:
        // each renders as exactly its text.
        let n = input.cards.len();
        prop_assert_eq!(got.items.len(), 1 + 2 * n, "{}", text);
        prop_assert_eq!(&got.items[0].0, "Datum: 2019-02-13");
        for (i, (t, subs, f)) in input.cards.iter().enumerate() {
            let (expected, _) = expected_card(t, subs, f);
            prop_assert_eq!(&got.items[1 + i], &expected, "card {} on the wall\n{}", i, text);
            prop_assert_eq!(&got.items[1 + n + i], &expected, "card {} in the theme", i);
        }
        prop_assert_eq!(export_support::entities(&text), 0, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Measures' text in the chapter's table: each measure one row, each
    /// field one cell holding exactly the text.
    #[test]
    fn measure_text_stays_in_its_table_cell(
        rows in prop::collection::vec((text(), text(), prop::collection::vec(text(), 0..3), text()), 1..4),
    ) {
        use stellwand::core::model::Measure;
        let mut s = session(&Input {
            cards: vec![("x".into(), vec![], [false; 3])],
            label: "L".into(),
            board: "B".into(),
            heading: "H".into(),
            title: "T".into(),
            tag: "HF".into(),
        });
        s.measures = rows
            .iter()
            .enumerate()
            .map(|(i, (title, actor, partners, step))| Measure {
                id: format!("m{i}"),
                title: title.clone(),
                tag: Some("hf".into()),
                actor: actor.clone(),
                partners: partners.clone(),
                next_step: step.clone(),
                ..Measure::default()
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let sources = [Source { session: &s, name: "s1" }];
        export::plan(&sources, &Templates::builtin(), dir.path(), &Options::default())
            .unwrap()
            .apply()
            .unwrap();
        let chapter = fs::read_dir(dir.path()).unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| !p.ends_with("index.md"))
            .unwrap();
        let text = fs::read_to_string(&chapter).unwrap();
        let mut cells: Vec<Vec<String>> = Vec::new();
        let mut cell: Option<String> = None;
        let mut foreign = Vec::new();
        for ev in Parser::new_ext(&text, md_options()) {
            match ev {
                Event::Start(Tag::TableRow) => cells.push(Vec::new()),
                Event::Start(Tag::TableCell) => cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    if let (Some(row), Some(c)) = (cells.last_mut(), cell.take()) {
                        row.push(c);
                    }
                }
                Event::Text(t) => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str(&t);
                    }
                }
                Event::Start(Tag::Strong | Tag::Emphasis | Tag::Strikethrough | Tag::Link { .. } | Tag::Superscript | Tag::Subscript)
                | Event::Code(_) | Event::InlineMath(_) | Event::InlineHtml(_) | Event::FootnoteReference(_)
                    if cell.is_some() => foreign.push(format!("{ev:?}")),
                _ => {}
            }
        }
        prop_assert!(foreign.is_empty(), "{:?}\n{}", foreign, text);
        prop_assert_eq!(cells.len(), rows.len(), "{}", text);
        let dash = |s: String| if s.is_empty() { "–".to_string() } else { s };
        for (got, (title, actor, partners, step)) in cells.iter().zip(&rows) {
            let partners: Vec<String> = partners.iter().map(|p| fold(p)).filter(|p| !p.is_empty()).collect();
            let want = vec![
                dash(fold(title)),
                dash(fold(actor)),
                dash(partners.join(", ")),
                dash(fold(step)),
                "geplant".to_string(),
            ];
            prop_assert_eq!(got, &want, "{}", text);
        }
    }
}
