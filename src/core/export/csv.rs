//! Cards as CSV, one row per card, for spreadsheet programs: UTF-8 with a
//! byte order mark (so Excel reads umlauts), `;` between cells (what German
//! Excel expects), CRLF row ends, RFC 4180 quoting (the csv crate), and cells that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`) prefixed with `'`.
//! One input gives `<name>.csv`, several give `karten.csv`. An existing file
//! of that name is only replaced when it has this export's header.

use std::collections::HashMap;

use super::{
    Existing, ExportProblem, Job, Options, Shared, Source, Target, safe_stem, shown_themes,
};
use crate::core::error::{FileError, FileProblem};

const HEADER: [&str; 11] = [
    "Sitzung",
    "Datum",
    "Wand",
    "Spalte",
    "Karte",
    "Text",
    "Unterpunkte",
    "Markierungen",
    "Punkte",
    "Handlungsfelder",
    "Thema",
];

/// A cell that a spreadsheet would run as a formula, defused with `'`.
fn defuse(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// One row: cells defused, quoted by the csv crate where needed, `;`
/// between them, CRLF at the end.
fn row(out: &mut String, cells: &[&str]) {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let record: Vec<_> = cells.iter().map(|v| defuse(v)).collect();
    // Writing into memory cannot fail, and the cells are UTF-8 already.
    writer
        .write_record(record.iter().map(|c| c.as_bytes()))
        .expect("a row written into memory");
    let bytes = writer.into_inner().expect("a row written into memory");
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// The whole CSV for these sessions.
pub(super) fn render(sources: &[Source], shared: Option<Shared>, options: &Options) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, &HEADER);
    // (session index, card id) -> theme labels
    let mut themes: HashMap<(usize, &str), Vec<String>> = HashMap::new();
    for (_, t, cards) in shown_themes(sources, shared, options) {
        let label = if t.confirmed {
            t.label.clone()
        } else {
            format!("{} (Vorschlag)", t.label)
        };
        for key in cards {
            themes.entry(key).or_default().push(label.clone());
        }
    }
    for (si, s) in sources.iter().enumerate() {
        let session = s.session;
        for (board, column, card) in session.cards() {
            let mut flags = Vec::new();
            if card.flags.uncertain {
                flags.push("unsicher gelesen");
            }
            if card.flags.struck {
                flags.push("durchgestrichen");
            }
            if card.flags.emphasis {
                flags.push("hervorgehoben");
            }
            let tags: Vec<&str> = card
                .tags
                .iter()
                .map(|k| session.tag(k).map_or(k.as_str(), |t| t.name.as_str()))
                .collect();
            let votes = if card.votes > 0 {
                card.votes.to_string()
            } else {
                String::new()
            };
            let theme = themes
                .get(&(si, card.id.as_str()))
                .map(|v| v.join(", "))
                .unwrap_or_default();
            row(
                &mut out,
                &[
                    &session.title,
                    &session.date,
                    &board.title,
                    &column.heading,
                    &card.id,
                    &card.text,
                    &card.sub_points.join("\n"),
                    &flags.join(", "),
                    &votes,
                    &tags.join(", "),
                    &theme,
                ],
            );
        }
    }
    out
}

pub(super) fn plan(target: &mut Target, job: Job) {
    let stem = match job.sources {
        [one] => safe_stem(
            if one.name.is_empty() {
                &one.session.title
            } else {
                one.name
            },
            "karten",
            &[],
        ),
        _ => "karten".to_string(),
    };
    let name = format!("{stem}.csv");
    let text = render(job.sources, job.shared, job.options);
    let mut header = String::from("\u{feff}");
    row(&mut header, &HEADER);
    match target.read(&name) {
        None => {}
        Some(Existing::Missing) => target.put(&name, None, text),
        Some(Existing::Text(old)) if old.starts_with(&header) => {
            target.put(&name, Some(&old), text)
        }
        Some(Existing::Text(_)) => {
            let path = target.path(&name);
            target.plan.problems.push(FileError::new(
                &path,
                1,
                1,
                FileProblem::Export(ExportProblem::ForeignCsv),
            ));
        }
    }
}
