//! The cards of the shipped example session (Gelsenkirchen Mitte 2019), with
//! a few themes set here, exported as a new user would: concept chapters,
//! protocol, CSV. (The example's own themes: `tests/example_session.rs`.)

mod export_support;

use export_support::source;

use std::fs;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use stellwand::core::export::{self, Format, Options};
use stellwand::core::model::{Session, Theme};
use stellwand::core::store;
use stellwand::core::template::Templates;

fn example() -> Session {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2019-02-13-gelsenkirchen-mitte.ron");
    store::load(&path)
        .expect("the example session loads")
        .session
}

/// The example's cards without the Handlungsfelder and themes it ships with.
fn bare() -> Session {
    let mut s = example();
    s.themes.clear();
    s.tags.clear();
    s.tag_sets.clear();
    for k in s.cards_mut() {
        k.tags.clear();
    }
    s
}

/// Ids of the cards in columns `keys` whose text contains `word`.
fn cards_with(s: &Session, keys: &[&str], word: &str) -> Vec<String> {
    s.cards()
        .filter(|(_, c, k)| keys.contains(&c.key.as_str()) && k.text.to_lowercase().contains(word))
        .map(|(_, _, k)| k.id.clone())
        .collect()
}

fn with_themes(mut s: Session) -> Session {
    let templates = Templates::builtin();
    s.tags = templates.tag_set("rostock-2020").unwrap().tags.clone();
    let mut theme = |id: &str, label: &str, tag: Option<&str>, cards: Vec<String>| {
        assert!(!cards.is_empty(), "{label}: no cards in the example");
        s.themes.push(Theme {
            id: id.into(),
            label: label.into(),
            tag: tag.map(str::to_string),
            cards,
            rejected: Vec::new(),
            confirmed: true,
        });
    };
    let sprache = cards_with(&bare(), &["needs"], "sprach");
    let nachbarn = cards_with(&bare(), &["good"], "nachbarschaft");
    let ideen = cards_with(&bare(), &["ideas", "next_steps"], "begegnung");
    theme("t900", "Sprachförderung", Some("sprache"), sprache);
    theme("t901", "Nachbarschaft", Some("leben-und-wohnen"), nachbarn);
    theme("t902", "Orte der Begegnung", None, ideen);
    s
}

#[test]
fn the_example_session_exports_into_chapters_protocol_and_csv() {
    let s = with_themes(bare());
    let dir = tempfile::tempdir().unwrap();
    let sources = [source(&s, "2019-02-13-gelsenkirchen-mitte")];
    let templates = Templates::builtin();
    let plan = export::plan(&sources, &templates, dir.path(), &Options::default()).unwrap();
    assert!(plan.problems.is_empty());
    plan.apply().unwrap();

    // Seven Handlungsfelder of Rostock 2020, the untagged chapter, the index.
    let md: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(md.len(), 9);
    let sprache = fs::read_to_string(dir.path().join("integration-durch-sprache.md")).unwrap();
    let ist =
        &sprache[sprache.find("## Ist-Analyse").unwrap()..sprache.find("## Leitziele").unwrap()];
    let theme = &ist[ist.find("### Sprachförderung\n\n- ").expect(ist)..];
    let bullets = theme.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(bullets, s.themes[0].cards.len(), "{theme}");
    assert!(theme.contains("\n- Spracherwerbsförderung\n"), "{theme}");
    // The source is short: the walls, no ids.
    let source = theme.lines().find(|l| l.starts_with('(')).unwrap();
    assert!(source.starts_with("(Altstadt, "), "{source}");
    assert!(!theme.contains("Karte k") && !theme.contains("Thema t"));
    let leben = fs::read_to_string(dir.path().join("leben-und-wohnen-im-stadtteil.md")).unwrap();
    assert!(leben[leben.find("## Best Practice").unwrap()..].contains("### Nachbarschaft"));
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    assert!(
        ohne[ohne.find("## Maßnahmen").unwrap()..ohne.find("## Akteure").unwrap()]
            .contains("### Orte der Begegnung")
    );

    let again = export::plan(&sources, &templates, dir.path(), &Options::default()).unwrap();
    assert_eq!(again.changes().count(), 0);

    let write = |format| {
        let options = Options {
            format,
            ..Options::default()
        };
        let plan = export::plan(&sources, &templates, dir.path(), &options).unwrap();
        plan.apply().unwrap();
    };
    // The protocol: every board once, in order.
    write(Format::Protocol);
    let protocol =
        fs::read_to_string(dir.path().join("2019-02-13-gelsenkirchen-mitte.md")).unwrap();
    let boards = &protocol[..protocol.find("\n## Themen\n").unwrap()];
    let headings: Vec<&str> = boards
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect();
    assert_eq!(headings.len(), s.boards.len());
    assert_eq!(headings[0], "Altstadt");
    assert!(protocol.contains("- **€!!!**"), "emphasis kept");

    // The CSV: one row per card.
    write(Format::Csv);
    let csv = fs::read_to_string(dir.path().join("2019-02-13-gelsenkirchen-mitte.csv")).unwrap();
    let rows = csv.split("\r\n").filter(|l| !l.is_empty()).count();
    // Cards with line breaks in a cell would make more lines; the example has none.
    assert_eq!(rows, s.card_count() + 1);
    assert!(csv.contains("Spracherwerbsförderung;;;;;Sprachförderung"));
}

#[test]
fn a_district_with_several_walls_is_named_once_with_its_count() {
    let mut s = bare();
    let kita = cards_with(&s, &["needs"], "kita");
    s.themes.push(Theme {
        id: "t950".into(),
        label: "Kita-Plätze".into(),
        tag: None,
        cards: kita,
        rejected: Vec::new(),
        confirmed: true,
    });
    let dir = tempfile::tempdir().unwrap();
    let sources = [source(&s, "2019-02-13-gelsenkirchen-mitte")];
    export_support::plan(&sources, dir.path())
        .unwrap()
        .apply()
        .unwrap();
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    let theme = &ohne[ohne.find("### Kita-Plätze").unwrap()..];
    let line = theme
        .lines()
        .find(|l| l.starts_with('('))
        .expect("the theme's source line");
    // Three of the four Schalke walls name Kita places.
    assert!(line.contains("Schalke 3×"), "{line}");
    let names = line.trim_start_matches('(').trim_end_matches(')');
    let schalke = names
        .split(", ")
        .filter(|n| *n == "Schalke" || n.starts_with("Schalke "))
        .count();
    assert_eq!(schalke, 1, "{line}");
}

/// Card text as a reader sees it: whitespace folded, paired `~~` gone
/// (struck words), an empty card shown as "(leer)".
fn as_read(text: &str, struck: bool) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = folded.matches("~~").count();
    if !struck && n >= 2 && n % 2 == 0 {
        folded.replace("~~", "")
    } else {
        folded
    }
}

#[test]
fn the_example_protocol_renders_every_card_exactly_with_no_entities() {
    let s = example();
    let dir = tempfile::tempdir().unwrap();
    let sources = [source(&s, "mitte")];
    let options = Options {
        format: Format::Protocol,
        ..Options::default()
    };
    export::plan(&sources, &Templates::builtin(), dir.path(), &options)
        .unwrap()
        .apply()
        .unwrap();
    let text = fs::read_to_string(dir.path().join("mitte.md")).unwrap();
    assert_eq!(export_support::entities(&text), 0);
    assert!(text.contains("gemeinsame Ziele finden => Gleichheit"));
    assert!(text.contains("Haupt- & Ehrenamt"));

    // Top-level list items with their nested items, under their `###`
    // (column) heading; only the boards, not the themes at the end.
    let boards = &text[..text.find("\n## Themen\n").unwrap_or(text.len())];
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    let mut depth = 0;
    let mut in_columns = false;
    for event in Parser::new_ext(boards, pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_columns = level == pulldown_cmark::HeadingLevel::H3
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) if in_columns => {
                if depth == 1 {
                    items.push((String::new(), Vec::new()));
                } else {
                    items.last_mut().unwrap().1.push(String::new());
                }
            }
            Event::Text(t) if in_columns && depth > 0 => {
                let last = items.last_mut().unwrap();
                match (depth, last.1.last_mut()) {
                    (1, _) => last.0.push_str(&t),
                    (_, Some(sub)) => sub.push_str(&t),
                    _ => unreachable!(),
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Code(_) if in_columns => {
                panic!("structure from card text: {event:?}")
            }
            _ => {}
        }
    }
    let cards: Vec<_> = s.cards().map(|(_, _, c)| c).collect();
    assert_eq!(items.len(), cards.len());
    for (card, (item, subs)) in cards.iter().zip(&items) {
        let mut expected = as_read(&card.text, card.flags.struck);
        if expected.is_empty() {
            expected = "(leer)".into();
        }
        if card.flags.uncertain {
            expected.push_str(" (unsicher gelesen)");
        }
        let rest = item
            .strip_prefix(&expected)
            .unwrap_or_else(|| panic!("{}: {item:?} is not {expected:?}", card.id));
        // What follows the text is the program's: people and numbers, the
        // Handlungsfelder.
        assert!(
            rest.is_empty() || rest.starts_with(" (") || rest.starts_with(" · Handlungsfeld: "),
            "{}: {rest:?}",
            card.id
        );
        if let Some(p) = &card.person {
            assert!(rest.contains(&format!("Initiator*in: {}", as_read(p, false))));
        }
        let want: Vec<String> = card
            .sub_points
            .iter()
            .map(|p| {
                let t = p.trim_start();
                let t = ["↳", "→", "->"]
                    .iter()
                    .find_map(|a| t.strip_prefix(a))
                    .unwrap_or(t);
                as_read(t, false)
            })
            .collect();
        assert_eq!(subs, &want, "{}", card.id);
    }
}
