//! The Maßnahmenkatalog: measures made from a working-group sheet and from
//! idea cards, in the chapters' Maßnahmen sections, in the catalogue and in
//! the monitoring overview; old files without measures still load; status
//! changes reach the journal.

mod common;
mod export_support;

use std::fs;
use std::path::Path;

use export_support::{mitte, source};
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use stellwand::core::edit::Edit;
use stellwand::core::export::{self, Format, Options};
use stellwand::core::journal;
use stellwand::core::measures;
use stellwand::core::model::{Session, Status};
use stellwand::core::store;
use stellwand::core::template::Templates;

/// The Mitte session with three measures: the language group's sheet (in
/// progress), its idea card, and one without Handlungsfeld or actor.
fn with_measures() -> Session {
    let mut s = mitte();
    // The sheet's cards share the field "sprache".
    for c in s.boards[2]
        .columns
        .iter_mut()
        .flat_map(|c| c.cards.iter_mut())
    {
        c.tags.push("sprache".into());
    }
    let sheet = measures::from_sheet(&s, "b3", "m1".into(), "2019-02-13").unwrap();
    s.apply(measures::add(&s, sheet)).unwrap();
    let e = measures::set_status(&s, "m1", Status::InProgress, "2019-05-02").unwrap();
    s.apply(e).unwrap();
    let idea = measures::from_card(&s, "k9", "m2".into(), "2019-02-13").unwrap();
    s.apply(measures::add(&s, idea)).unwrap();
    let mut open = measures::from_card(&s, "k10", "m3".into(), "2019-02-13").unwrap();
    open.title = "Kita | Schule verbinden".into();
    open.tag = None;
    open.actor.clear();
    open.indicator = Some("Zahl der Kooperationen".into());
    open.target = Some("10 bis 2021".into());
    s.apply(measures::add(&s, open)).unwrap();
    s
}

fn run(s: &Session, dir: &Path, format: Format) -> export::Plan {
    let sources = [source(s, "mitte")];
    let options = Options {
        format,
        ..Options::default()
    };
    let plan = export::plan(&sources, &Templates::builtin(), dir, &options).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    plan.apply().unwrap();
    plan
}

/// The rows of the first table after `heading`, cell by cell, as rendered.
fn table_after(markdown: &str, heading: &str) -> Vec<Vec<String>> {
    let start = markdown
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(&markdown[start..], MdOptions::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => rows.last_mut().unwrap().push(cell.take().unwrap()),
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t)
                }
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    rows
}

#[test]
fn each_chapter_lists_its_measures_with_actor_and_status() {
    let s = with_measures();
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path(), Format::Markdown);
    let sprache = fs::read_to_string(dir.path().join("integration-durch-sprache.md")).unwrap();
    let m = &sprache[sprache.find("## Maßnahmen").unwrap()..sprache.find("## Akteure").unwrap()];
    let rows = table_after(m, "### Maßnahmenkatalog");
    assert_eq!(
        rows,
        [
            vec![
                "Maßnahme",
                "Verantwortlich",
                "Partner",
                "Nächster Schritt",
                "Status"
            ],
            vec![
                "Gesprächsgruppe Sprache",
                "Integrationsbüro",
                "–",
                "Sprachcafé im Quartier",
                "in Umsetzung (seit 2019-05-02)"
            ],
            vec![
                "Sprachkurse mit Kinderbetreuung",
                "Integrationsbüro",
                "–",
                "–",
                "geplant (seit 2019-02-13)"
            ],
        ],
        "{m}"
    );
    // The measure without Handlungsfeld is in the chapter without one; the
    // pipe in its title stays in its cell.
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    let rows = table_after(&ohne, "### Maßnahmenkatalog");
    assert_eq!(rows[1][0], "Kita | Schule verbinden");
    assert_eq!(rows[1][1], "–");
    let index = fs::read_to_string(dir.path().join("index.md")).unwrap();
    assert!(
        index.contains("(integration-durch-sprache.md): 1 Thema, 1 Karte ohne Thema, 2 Maßnahmen"),
        "{index}"
    );
}

#[test]
fn the_catalogue_and_the_monitoring_count_per_field_and_status() {
    let s = with_measures();
    let dir = tempfile::tempdir().unwrap();
    let plan = run(&s, dir.path(), Format::Measures);
    let mut names: Vec<_> = plan
        .files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["massnahmenkatalog.md", "monitoring.md"]);

    let cat = fs::read_to_string(dir.path().join("massnahmenkatalog.md")).unwrap();
    assert!(cat.contains("**Integrationskonferenz Stadtbezirk Mitte** (2019-02-13): 3 Maßnahmen"));
    let rows = table_after(&cat, "### Integration durch Sprache");
    assert_eq!(rows[0][4], "Indikator");
    assert_eq!(rows[1][7], "Gesprächsgruppe Sprache", "the source wall");
    let rows = table_after(&cat, "### Ohne Handlungsfeld");
    assert_eq!(rows[1][4..6], ["Zahl der Kooperationen", "10 bis 2021"]);

    let mon = fs::read_to_string(dir.path().join("monitoring.md")).unwrap();
    assert!(
        mon.contains("3 Maßnahmen, davon 0 umgesetzt (Erfüllungsgrad 0 %)"),
        "{mon}"
    );
    let rows = table_after(&mon, "| Handlungsfeld |");
    assert_eq!(
        rows,
        [
            vec![
                "Handlungsfeld",
                "geplant",
                "in Umsetzung",
                "umgesetzt",
                "zurückgestellt",
                "gesamt"
            ],
            vec!["Integration durch Sprache", "1", "1", "0", "0", "2"],
            vec!["Ohne Handlungsfeld", "1", "0", "0", "0", "1"],
            vec!["Summe", "2", "1", "0", "0", "3"],
        ]
    );
    let without = &mon[mon.find("### Maßnahmen ohne Verantwortliche").unwrap()..];
    assert!(
        without.contains("- Kita | Schule verbinden (ohne Handlungsfeld, geplant)"),
        "{without}"
    );
    assert!(!without.contains("Sprachkurse"));

    // A hand-written note stays; nothing changes on a second run.
    let path = dir.path().join("monitoring.md");
    fs::write(&path, format!("{mon}\nStand: Sitzung des Ausschusses.\n")).unwrap();
    let again = run(&s, dir.path(), Format::Measures);
    assert_eq!(again.changes().count(), 0);
    // A status change shows.
    let mut s = s;
    let e = measures::set_status(&s, "m3", Status::Done, "2019-09-01").unwrap();
    s.apply(e).unwrap();
    run(&s, dir.path(), Format::Measures);
    let mon = fs::read_to_string(&path).unwrap();
    assert!(mon.contains("davon 1 umgesetzt (Erfüllungsgrad 33 %)"));
    assert!(mon.ends_with("Stand: Sitzung des Ausschusses.\n"));
}

#[test]
fn without_measures_the_catalogue_says_how_to_make_them() {
    let dir = tempfile::tempdir().unwrap();
    run(&mitte(), dir.path(), Format::Measures);
    let cat = fs::read_to_string(dir.path().join("massnahmenkatalog.md")).unwrap();
    assert!(cat.contains("Noch keine Maßnahmen. Im Programm öffnet M auf der Wand"));
}

#[test]
fn files_without_measures_load_and_stay_without_them() {
    let (_dir, path) = common::saved("s.ron", &mitte());
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("measures"), "no empty list written");
    let s = with_measures();
    store::save(&path, &s).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("status: in_umsetzung"), "{text}");
    assert_eq!(store::load(&path).unwrap().session, s);
}

#[test]
fn measure_edits_are_journalled_and_replayed() {
    let s = mitte();
    let (_dir, path, mut j) = common::journalled("s.ron", &s);
    let mut live = s.clone();
    let m = measures::from_sheet(&live, "b3", "m1".into(), "2019-02-13").unwrap();
    let mut other = m.clone();
    other.id = "m2".into();
    let edits = [
        measures::add(&live, m),
        Edit::InsertMeasure {
            index: 0,
            measure: other,
        },
    ];
    for e in edits {
        live.apply(e.clone()).unwrap();
        j.append(&e).unwrap();
    }
    let e = measures::set_status(&live, "m1", Status::Deferred, "2019-03-01").unwrap();
    live.apply(e.clone()).unwrap();
    j.append(&e).unwrap();
    drop(j);
    let mut replayed = s;
    let r = journal::replay(
        &path,
        journal::fingerprint(&fs::read(&path).unwrap()),
        &mut replayed,
    )
    .unwrap();
    assert_eq!(r.applied, 3);
    assert_eq!(replayed.measures, live.measures);
    assert_eq!(replayed.measure("m1").unwrap().status, Status::Deferred);
    assert_eq!(replayed.measures[0].id, "m2");
}

#[test]
fn two_clerks_changing_different_measures_merge_without_loss() {
    let base = with_measures();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let e = measures::set_status(&ours, "m2", Status::Done, "2019-06-01").unwrap();
    ours.apply(e).unwrap();
    let mut m3 = theirs.measure("m3").unwrap().clone();
    m3.actor = "Referat Zuwanderung".into();
    theirs.apply(Edit::ReplaceMeasure { measure: m3 }).unwrap();
    let idea = measures::from_card(&theirs, "k10", "m9".into(), "2019-06-02").unwrap();
    theirs.apply(measures::add(&theirs, idea)).unwrap();
    let merged = stellwand::core::merge::merge_sessions(Some(&base), &ours, &theirs);
    assert!(!merged.has_conflicts());
    let s = merged.value;
    assert_eq!(s.measure("m2").unwrap().status, Status::Done);
    assert_eq!(s.measure("m2").unwrap().since(), Some("2019-06-01"));
    assert_eq!(s.measure("m3").unwrap().actor, "Referat Zuwanderung");
    assert!(s.measure("m9").is_some());
    assert_eq!(s.measures.len(), 4);
}

#[test]
fn an_unknown_field_in_a_measure_is_refused_never_dropped() {
    let s = with_measures();
    let text = store::to_ron(&s).replacen(
        "      title: \"Gesprächsgruppe Sprache\",",
        "      title: \"Gesprächsgruppe Sprache\",\n      budget: \"5000 €\",",
        1,
    );
    assert!(text.contains("budget"), "the measure's title line is there");
    let err = store::parse(Path::new("s.ron"), &text).unwrap_err();
    let line = text[..text.find("budget").unwrap()].matches('\n').count() + 1;
    assert_eq!(err.line, line);
    assert!(
        err.message(stellwand::core::error::Lang::De)
            .contains("budget"),
        "{}",
        err.message(stellwand::core::error::Lang::De)
    );
}
