//! The shipped example session (Gelsenkirchen Mitte 2019), with a few themes
//! set here, exported as a new user would: concept chapters, protocol, CSV.

use std::fs;
use std::path::Path;

use stellwand::core::export::{self, Format, Options, Source};
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
    let sprache = cards_with(&example(), &["needs"], "sprach");
    let nachbarn = cards_with(&example(), &["good"], "nachbarschaft");
    let ideen = cards_with(&example(), &["ideas", "next_steps"], "begegnung");
    theme("t900", "Sprachförderung", Some("sprache"), sprache);
    theme("t901", "Nachbarschaft", Some("leben-und-wohnen"), nachbarn);
    theme("t902", "Orte der Begegnung", None, ideen);
    s
}

#[test]
fn the_example_session_exports_into_chapters_protocol_and_csv() {
    let s = with_themes(example());
    let dir = tempfile::tempdir().unwrap();
    let sources = [Source {
        session: &s,
        name: "2019-02-13-gelsenkirchen-mitte",
    }];
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
    let n = s.themes[0].cards.len();
    assert!(
        ist.contains(&format!("### Sprachförderung\n\n{n} Karte")),
        "{ist}"
    );
    assert!(ist.contains("Spracherwerbsförderung — Quelle: Integrationskonferenz für den Stadtbezirk Mitte, 2019-02-13 · Wand „Altstadt“"));
    let leben = fs::read_to_string(dir.path().join("leben-und-wohnen-im-stadtteil.md")).unwrap();
    assert!(leben[leben.find("## Best Practice").unwrap()..].contains("### Nachbarschaft"));
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    assert!(
        ohne[ohne.find("## Maßnahmen").unwrap()..ohne.find("## Akteure").unwrap()]
            .contains("### Orte der Begegnung")
    );

    let again = export::plan(&sources, &templates, dir.path(), &Options::default()).unwrap();
    assert_eq!(again.changes().count(), 0);

    // The protocol: every board once, in order.
    let options = Options {
        format: Format::Protocol,
        ..Options::default()
    };
    export::plan(&sources, &templates, dir.path(), &options)
        .unwrap()
        .apply()
        .unwrap();
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
    let options = Options {
        format: Format::Csv,
        ..Options::default()
    };
    export::plan(&sources, &templates, dir.path(), &options)
        .unwrap()
        .apply()
        .unwrap();
    let csv = fs::read_to_string(dir.path().join("2019-02-13-gelsenkirchen-mitte.csv")).unwrap();
    let rows = csv.split("\r\n").filter(|l| !l.is_empty()).count();
    // Cards with line breaks in a cell would make more lines; the example has none.
    assert_eq!(rows, s.card_count() + 1);
    assert!(csv.contains("Spracherwerbsförderung;;;;;Sprachförderung"));
}

#[test]
fn a_district_with_several_walls_is_named_once_with_its_count() {
    let mut s = example();
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
    let sources = [Source {
        session: &s,
        name: "2019-02-13-gelsenkirchen-mitte",
    }];
    export::plan(
        &sources,
        &Templates::builtin(),
        dir.path(),
        &Options::default(),
    )
    .unwrap()
    .apply()
    .unwrap();
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    let line = ohne
        .lines()
        .find(|l| l.contains("genannt auf"))
        .expect("the theme's summary line");
    // Three of the four Schalke walls name Kita places.
    assert!(line.contains("Schalke (3×)"), "{line}");
    let names = line
        .split(": ")
        .nth(1)
        .unwrap()
        .split(" · ")
        .next()
        .unwrap();
    let schalke = names
        .split(", ")
        .filter(|n| *n == "Schalke" || n.starts_with("Schalke ("))
        .count();
    assert_eq!(schalke, 1, "{line}");
}
