//! Sessions built in code for the export tests, and reading what an export
//! wrote.
#![allow(dead_code)]

use std::path::Path;

use stellwand::core::export::{self, ExportError, Options, Plan, Source};
use stellwand::core::model::{Board, Card, Column, Session, Tag, Theme};
use stellwand::core::template::Templates;

/// Plans exporting `sources` to `dir` with the built-in templates and the
/// default options.
pub fn plan(sources: &[Source], dir: &Path) -> Result<Plan, ExportError> {
    export::plan(sources, &Templates::builtin(), dir, &Options::default())
}

/// The file `name` of `dir`, failing the test with its name when unreadable.
/// A session to export under the file name `name`.
pub fn source<'a>(session: &'a Session, name: &'a str) -> Source<'a> {
    Source { session, name }
}

pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The text of the section under `## heading`, up to the next `## `.
pub fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading} in\n{text}"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

pub fn card(id: &str, text: &str) -> Card {
    Card::new(id, text)
}

pub fn board(templates: &Templates, template: &str, id: &str, title: &str) -> Board {
    templates
        .board(template)
        .expect("built-in template")
        .new_board(id.to_string(), title)
}

pub fn theme(id: &str, label: &str, tag: Option<&str>, cards: &[&str]) -> Theme {
    Theme {
        id: id.into(),
        label: label.into(),
        tag: tag.map(str::to_string),
        cards: cards.iter().map(|c| c.to_string()).collect(),
        rejected: Vec::new(),
        confirmed: true,
    }
}

fn column<'a>(b: &'a mut Board, key: &str) -> &'a mut Column {
    let i = b.column_index(key).expect("column of template");
    &mut b.columns[i]
}

/// A district exchange with two districts and a working group: three
/// confirmed themes (two tagged, one not) and one unconfirmed suggestion.
pub fn mitte() -> Session {
    let t = Templates::builtin();
    let mut s = Session {
        id: "2019-02-13-mitte".into(),
        title: "Integrationskonferenz Stadtbezirk Mitte".into(),
        date: "2019-02-13".into(),
        place: "Gelsenkirchen".into(),
        moderation: "Axel Jürgens".into(),
        tags: vec![
            Tag {
                key: "bildung-ausbildung".into(),
                name: "Bildung/Ausbildung".into(),
            },
            Tag {
                key: "leben-und-wohnen".into(),
                name: "Leben und Wohnen im Stadtteil".into(),
            },
        ],
        ..Session::default()
    };
    let mut altstadt = board(&t, "district-exchange", "b1", "Altstadt");
    column(&mut altstadt, "good").cards = vec![card("k1", "Nachbarschaftsnetzwerke"), {
        let mut c = card("k2", "kulturelles Angebot");
        c.sub_points.push("↳ Theater".into());
        c
    }];
    column(&mut altstadt, "needs").cards = vec![card("k3", "Kita-Plätze fehlen"), {
        let mut c = card("k4", "Spracherwerbsförderung");
        c.flags.uncertain = true;
        c
    }];
    column(&mut altstadt, "matters").cards = vec![card("k5", "Vernetzung der Träger")];
    let mut schalke = board(&t, "district-exchange", "b2", "Schalke");
    column(&mut schalke, "good").cards = vec![card("k6", "Nachbarschaftshilfe")];
    column(&mut schalke, "needs").cards = vec![
        {
            let mut c = card("k7", "keine bzw. zu wenig KiTa-Plätze");
            c.flags.emphasis = true;
            c
        },
        {
            let mut c = card("k8", "additiv");
            c.flags.struck = true;
            c
        },
    ];
    let mut group = board(&t, "working-group", "b3", "Gesprächsgruppe Sprache");
    column(&mut group, "ideas").cards = vec![card("k9", "Sprachkurse mit Kinderbetreuung")];
    column(&mut group, "next_steps").cards = vec![card("k10", "Sprachcafé im Quartier")];
    column(&mut group, "owner").cards = vec![card("k11", "Integrationsbüro")];
    s.boards = vec![altstadt, schalke, group];
    let mut suggestion = theme("t4", "Vernetzung", None, &["k5"]);
    suggestion.confirmed = false;
    s.themes = vec![
        theme(
            "t1",
            "Kita-Plätze",
            Some("bildung-ausbildung"),
            &["k3", "k7", "k8"],
        ),
        theme(
            "t2",
            "Nachbarschaft",
            Some("leben-und-wohnen"),
            &["k1", "k6"],
        ),
        theme("t3", "Sprachkurse", None, &["k9", "k10", "k4"]),
        suggestion,
    ];
    s
}

/// The text with everything between stellwand's begin and end lines removed:
/// what a person wrote by hand.
pub fn outside_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        if line.contains("stellwand:begin") {
            inside = true;
            out.push_str(line);
        } else if line.contains("stellwand:end") {
            inside = false;
            out.push_str(line);
        } else if !inside {
            out.push_str(line);
        }
    }
    out
}

/// HTML entities and character references in Markdown source (`&gt;`,
/// `&#58;`), not counting escaped ones (`\&gt;` is text).
pub fn entities(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'&' && (i == 0 || b[i - 1] != b'\\'))
        .filter(|&i| {
            let rest = &b[i + 1..];
            let (body, hex) = match rest {
                [b'#', b'x' | b'X', t @ ..] => (t, 1),
                [b'#', t @ ..] => (t, 2),
                t => (t, 0),
            };
            let n = body
                .iter()
                .take_while(|c| match hex {
                    1 => c.is_ascii_hexdigit(),
                    2 => c.is_ascii_digit(),
                    _ => c.is_ascii_alphanumeric(),
                })
                .count();
            n > 0 && body.get(n) == Some(&b';')
        })
        .count()
}
