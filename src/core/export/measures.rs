//! The Maßnahmenkatalog: a table of measures per chapter (in its Maßnahmen
//! section), the whole catalogue in `massnahmenkatalog.md`, and the
//! monitoring overview in `monitoring.md` (counts per Handlungsfeld and
//! status, degree of fulfilment, measures without an actor). Both files have
//! managed blocks per session like the chapters: hand-written text stays.

use std::collections::HashSet;

use super::blocks::{BlockKey, Slot};
use super::concept::write_file;
use super::escape::{cell, inline};
use super::{Job, Target, owner_of};
use crate::core::error::Lang;
use crate::core::measures;
use crate::core::model::{Measure, Session, Status};
use crate::core::template::Templates;

/// File names of the catalogue and the monitoring.
pub const CATALOGUE_FILE: &str = "massnahmenkatalog.md";
pub const MONITORING_FILE: &str = "monitoring.md";

/// A Handlungsfeld's name: the session's, a tag set's, else its key.
pub(super) fn tag_name(session: &Session, templates: &Templates, key: &str) -> String {
    super::known_tag_name(session, templates, key)
        .filter(|n| !inline(n).is_empty())
        .map_or_else(|| key.to_string(), str::to_string)
}

/// The status as a cell: `in Umsetzung (seit 2019-05-02)`.
fn status_cell(m: &Measure) -> String {
    let mut s = m.status.label(Lang::De).to_string();
    if let Some(d) = m.since() {
        s.push_str(&format!(" (seit {})", cell(d)));
    }
    s
}

fn or_dash(s: String) -> String {
    if s.is_empty() { "–".to_string() } else { s }
}

/// The partners as one cell, blank names left out.
fn partners(m: &Measure) -> String {
    m.partners
        .iter()
        .map(|p| cell(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cells every measure table begins with: measure, actor, partners and
/// next step.
fn lead_cells(m: &Measure) -> Vec<String> {
    vec![
        or_dash(cell(&m.title)),
        or_dash(cell(&m.actor)),
        or_dash(partners(m)),
        or_dash(cell(&m.next_step)),
    ]
}

/// A Markdown table row.
fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// The walls the measure's cards hang on, short.
fn source(session: &Session, m: &Measure) -> String {
    measures::walls(session, m)
        .iter()
        .map(|t| cell(t))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The measures of a chapter as a table with actor and status, under its
/// own heading; empty without measures.
pub(super) fn chapter_table(measures: &[&Measure]) -> String {
    if measures.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "### Maßnahmenkatalog\n\n| Maßnahme | Verantwortlich | Partner | Nächster Schritt | Status |\n| --- | --- | --- | --- | --- |\n",
    );
    for m in measures {
        let mut cells = lead_cells(m);
        cells.push(status_cell(m));
        out.push_str(&row(&cells));
    }
    out
}

/// The session's measures grouped by Handlungsfeld in the order of its tags
/// (then other keys, then those without one).
fn by_field(session: &Session) -> Vec<(Option<&str>, Vec<&Measure>)> {
    let mut keys: Vec<Option<&str>> = session.tags.iter().map(|t| Some(t.key.as_str())).collect();
    for m in &session.measures {
        let k = m.tag.as_deref();
        if k.is_some() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.push(None);
    keys.into_iter()
        .map(|k| {
            let ms: Vec<&Measure> = session
                .measures
                .iter()
                .filter(|m| m.tag.as_deref() == k)
                .collect();
            (k, ms)
        })
        .filter(|(_, ms)| !ms.is_empty())
        .collect()
}

fn catalogue(session: &Session, templates: &Templates) -> String {
    let mut out = String::new();
    out.push_str(&format!("**{}**", inline(&session.title)));
    if !session.date.is_empty() {
        out.push_str(&format!(" ({})", inline(&session.date)));
    }
    let n = session.measures.len();
    out.push_str(&format!(
        ": {n} {}\n",
        if n == 1 { "Maßnahme" } else { "Maßnahmen" }
    ));
    if n == 0 {
        out.push_str(NO_MEASURES);
        return out;
    }
    for (key, ms) in by_field(session) {
        let name = key.map_or_else(
            || "Ohne Handlungsfeld".to_string(),
            |k| tag_name(session, templates, k),
        );
        out.push_str(&format!(
            "\n### {}\n\n| Maßnahme | Verantwortlich | Partner | Nächster Schritt | Indikator | Ziel | Status | Quelle |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
            inline(&name)
        ));
        for m in ms {
            let mut cells = lead_cells(m);
            cells.extend([
                or_dash(m.indicator.as_deref().map(cell).unwrap_or_default()),
                or_dash(m.target.as_deref().map(cell).unwrap_or_default()),
                status_cell(m),
                or_dash(source(session, m)),
            ]);
            out.push_str(&row(&cells));
        }
    }
    out
}

const NO_MEASURES: &str = "\nNoch keine Maßnahmen. Im Programm öffnet M auf der Wand die Liste der \
Maßnahmen; n macht aus dem Blatt einer Gesprächsgruppe oder einer Karte unter Lösungsideen oder \
nächsten Schritten eine Maßnahme.\n";

fn monitoring(session: &Session, templates: &Templates) -> String {
    let mut out = String::new();
    let n = session.measures.len();
    let done = session
        .measures
        .iter()
        .filter(|m| m.status == Status::Done)
        .count();
    out.push_str(&format!("**{}**", inline(&session.title)));
    if !session.date.is_empty() {
        out.push_str(&format!(" ({})", inline(&session.date)));
    }
    out.push_str(&format!(
        ": {n} {}",
        if n == 1 { "Maßnahme" } else { "Maßnahmen" }
    ));
    if n == 0 {
        out.push('\n');
        out.push_str(NO_MEASURES);
        return out;
    }
    out.push_str(&format!(
        ", davon {done} umgesetzt (Erfüllungsgrad {} %)\n\n",
        done * 100 / n
    ));
    out.push_str("| Handlungsfeld |");
    for s in Status::ALL {
        out.push_str(&format!(" {} |", s.label(Lang::De)));
    }
    out.push_str(" gesamt |\n| --- |");
    for _ in 0..=Status::ALL.len() {
        out.push_str(" ---: |");
    }
    out.push('\n');
    let mut totals = [0usize; 4];
    for (key, ms) in by_field(session) {
        let name = key.map_or_else(
            || "Ohne Handlungsfeld".to_string(),
            |k| tag_name(session, templates, k),
        );
        out.push_str(&format!("| {} |", or_dash(cell(&name))));
        for (i, s) in Status::ALL.iter().enumerate() {
            let c = ms.iter().filter(|m| m.status == *s).count();
            totals[i] += c;
            out.push_str(&format!(" {c} |"));
        }
        out.push_str(&format!(" {} |\n", ms.len()));
    }
    out.push_str("| **Summe** |");
    for t in totals {
        out.push_str(&format!(" **{t}** |"));
    }
    out.push_str(&format!(" **{n}** |\n"));
    let without: Vec<&Measure> = session
        .measures
        .iter()
        .filter(|m| m.actor.trim().is_empty())
        .collect();
    out.push_str("\n### Maßnahmen ohne Verantwortliche\n\n");
    if without.is_empty() {
        out.push_str("Jede Maßnahme hat eine Verantwortliche oder einen Verantwortlichen.\n");
    }
    for m in without {
        let field = m.tag.as_deref().map_or_else(
            || "ohne Handlungsfeld".to_string(),
            |k| tag_name(session, templates, k),
        );
        out.push_str(&format!(
            "- {} ({}, {})\n",
            or_dash(inline(&m.title)),
            inline(&field),
            m.status.label(Lang::De)
        ));
    }
    out
}

/// `--format measures`: the catalogue and the monitoring.
pub(super) fn plan(target: &mut Target, job: Job) {
    let owners: Vec<String> = job.sources.iter().map(owner_of).collect();
    let owner_set: HashSet<String> = owners.iter().cloned().collect();
    let intro = "Die Abschnitte zwischen den stellwand-Markierungen (HTML-Kommentare) schreibt \
                 das Programm bei jedem Export neu; alles andere in dieser Datei bleibt \
                 unverändert.";
    type Render = fn(&Session, &Templates) -> String;
    let files: [(&str, &str, &str, Render); 2] = [
        (
            CATALOGUE_FILE,
            "# Maßnahmenkatalog",
            "massnahmen",
            catalogue,
        ),
        (
            MONITORING_FILE,
            "# Monitoring der Maßnahmen",
            "monitoring",
            monitoring,
        ),
    ];
    for (file, title, key, render) in files {
        let slots: Vec<Slot> = job
            .sources
            .iter()
            .zip(&owners)
            .map(|(s, owner)| Slot {
                heading: None,
                level: 2,
                blocks: vec![(
                    BlockKey {
                        owner: owner.clone(),
                        section: key.to_string(),
                    },
                    render(s.session, job.templates),
                )],
            })
            .collect();
        write_file(target, file, title, intro, &slots, &owner_set);
    }
}
