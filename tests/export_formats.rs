//! `--format protocol` and `--format csv`: content a participant or a
//! spreadsheet program gets.

mod common;

mod export_support;

use std::fs;
use std::path::Path;

use export_support::{card, mitte};
use stellwand::core::export::{self, Change, Format, Options, Source};
use stellwand::core::model::Session;
use stellwand::core::template::Templates;

fn export(session: &Session, dir: &Path, format: Format) -> export::Plan {
    let sources = [Source {
        session,
        name: "2019-02-13-mitte",
    }];
    let options = Options {
        format,
        ..Options::default()
    };
    let plan = export::plan(&sources, &Templates::builtin(), dir, &options).unwrap();
    plan.apply().unwrap();
    plan
}

#[test]
fn the_protocol_mirrors_the_boards_columns_cards_and_themes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mitte();
    s.boards[0].columns[0].cards[0]
        .tags
        .push("leben-und-wohnen".into());
    s.boards[0].columns[0].cards[0].refs = vec![9, 10, 12];
    s.boards[0].columns[0].cards[0].votes = 3;
    export(&s, dir.path(), Format::Protocol);
    let text = fs::read_to_string(dir.path().join("2019-02-13-mitte.md")).unwrap();
    assert!(text.contains("\n# Integrationskonferenz Stadtbezirk Mitte\n"));
    assert!(text.contains("- **Datum:** 2019-02-13\n- **Ort:** Gelsenkirchen\n"));
    assert!(text.contains("- **Moderation:** Axel Jürgens"));
    // Boards in order, each with its columns and cards.
    let altstadt = text.find("## Altstadt").unwrap();
    let schalke = text.find("## Schalke").unwrap();
    let group = text.find("## Gesprächsgruppe Sprache").unwrap();
    assert!(altstadt < schalke && schalke < group);
    let board = &text[altstadt..schalke];
    assert!(board.contains(
        "### Was läuft gut bei uns im Stadtbezirk…\n\n- Nachbarschaftsnetzwerke (Nr. 9, 10, 12; 3 Punkte) · Handlungsfeld: Leben und Wohnen im Stadtteil\n- kulturelles Angebot\n  - Theater\n"
    ), "{board}");
    assert!(board.contains("- Spracherwerbsförderung *(unsicher gelesen)*"));
    assert!(text[schalke..group].contains("- ~~additiv~~"));
    assert!(text[schalke..group].contains("- **keine bzw. zu wenig KiTa-Plätze**"));
    // Themes and Handlungsfelder at the end.
    let themes = &text[text.find("## Themen").unwrap()..];
    assert!(
        themes.contains(
            "### Kita-Plätze\n\nHandlungsfeld: Bildung/Ausbildung\n\n- Kita-Plätze fehlen\n- **keine bzw. zu wenig KiTa-Plätze**\n- ~~additiv~~\n\n(Altstadt, Schalke)\n"
        ),
        "{themes}"
    );
    assert!(
        !themes.contains("Vernetzung"),
        "no suggestions unless asked"
    );
    assert!(text.contains("## Handlungsfelder\n\n- Leben und Wohnen im Stadtteil: 1 Karte"));

    // Again: unchanged, not written.
    let plan = export(&s, dir.path(), Format::Protocol);
    assert!(plan.files.iter().all(|f| f.change == Change::Unchanged));
}

#[test]
fn a_protocol_never_overwrites_a_file_it_did_not_write() {
    let (dir, path) = common::file_with("2019-02-13-mitte.md", "# Mein eigenes Dokument\n");
    let plan = export(&mitte(), dir.path(), Format::Protocol);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "# Mein eigenes Dokument\n"
    );
    assert_eq!(plan.problems.len(), 1);
}

/// The rows of CSV text with `;` between cells, read by the csv crate.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_has_one_row_per_card_with_umlauts_quoting_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mitte();
    let tricky = [
        "Sprache; Arbeit",
        "sagt \"Hallo\"",
        "zwei\nZeilen",
        "=HYPERLINK(\"http://x\")",
        "+49 209",
        "-Minus",
        "@Summe",
    ];
    for (i, t) in tricky.iter().enumerate() {
        s.boards[1].columns[0]
            .cards
            .push(card(&format!("k{}", 30 + i), t));
    }
    s.boards[0].columns[1].cards[0]
        .tags
        .push("bildung-ausbildung".into());
    export(&s, dir.path(), Format::Csv);
    let bytes = fs::read(dir.path().join("2019-02-13-mitte.csv")).unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("Spracherwerbsförderung"), "umlauts intact");
    // The header row as a spreadsheet reads it: German names, semicolons.
    assert_eq!(
        text.lines().next(),
        Some(
            "Sitzung;Datum;Wand;Spalte;Karte;Text;Unterpunkte;Markierungen;Punkte;Handlungsfelder;Thema"
        )
    );
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 1 + s.card_count());
    assert!(rows.iter().all(|r| r.len() == 11), "{rows:?}");
    let by_id = |id: &str| rows.iter().find(|r| r[4] == id).unwrap().clone();
    let k3 = by_id("k3");
    assert_eq!(
        k3,
        [
            "Integrationskonferenz Stadtbezirk Mitte",
            "2019-02-13",
            "Altstadt",
            "Wo sehen wir Handlungsbedarfe…",
            "k3",
            "Kita-Plätze fehlen",
            "",
            "",
            "",
            "Bildung/Ausbildung",
            "Kita-Plätze"
        ]
    );
    assert_eq!(by_id("k2")[6], "↳ Theater");
    assert_eq!(by_id("k8")[7], "durchgestrichen");
    assert_eq!(by_id("k30")[5], "Sprache; Arbeit");
    assert_eq!(by_id("k31")[5], "sagt \"Hallo\"");
    assert_eq!(by_id("k32")[5], "zwei\nZeilen");
    for (id, t) in [
        ("k33", tricky[3]),
        ("k34", tricky[4]),
        ("k35", tricky[5]),
        ("k36", tricky[6]),
    ] {
        assert_eq!(by_id(id)[5], format!("'{t}"), "formula defused");
    }
}

#[test]
fn csv_cli_writes_into_the_folder_and_keeps_foreign_files() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("mitte.ron");
    stellwand::core::store::save(&file, &mitte()).unwrap();
    cli!["export", "--format", "csv", "--to", root.path(), &file].ok();
    assert!(root.path().join("mitte.csv").is_file());

    fs::write(root.path().join("mitte.csv"), "eigene;Tabelle\r\n").unwrap();
    cli!["export", "--format", "csv", "--to", root.path(), &file].fails(1);
    assert_eq!(
        fs::read_to_string(root.path().join("mitte.csv")).unwrap(),
        "eigene;Tabelle\r\n"
    );
}
