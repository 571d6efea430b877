//! The concept repository: one chapter per Handlungsfeld with the sections of
//! the Rostock concept, themes written into managed blocks, and `index.md`.
//!
//! Rules:
//! - A theme goes into the section most of its cards' columns feed (looked up
//!   in the board templates); a tie goes to the earlier section, and a theme
//!   whose columns feed no section goes to Ist-Analyse.
//! - A theme goes into the chapter of its Handlungsfeld: the one the clerk
//!   assigned, else the one its tagged cards share ([`TagChoice`]). Where the
//!   cards disagree it goes to the chapter without Handlungsfeld, naming the
//!   candidates.
//! - A tagged card that no theme of that chapter holds is listed in each of
//!   its Handlungsfelder's chapters, in the section its column feeds, under
//!   "Karten ohne Thema". A card with neither tag nor theme is listed in the
//!   chapter without Handlungsfeld, by wall and column.
//! - Every session owns its own blocks (`session=ID`), so sessions exported
//!   one at a time never overwrite each other.
//! - A block missing from an existing chapter is added at the end of its
//!   section; without that heading, heading and block are appended at the end
//!   of the file. Empty blocks are only written into new files.
//! - Blocks of the exported sessions in other `.md` files of the folder (a
//!   chapter whose Handlungsfeld was renamed) are emptied.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;

use super::blocks::{self, BlockKey, Slot};
use super::escape::{inline, inline_or};
use super::theme::{Catalog, Resolved, card_text, plural, push_sub_points, render_resolved};
use super::{Existing, ExportError, Job, Target, owner_of, unique_stem};
use crate::core::model::{Board, Card, Column, TagChoice, Theme};
use crate::core::template::{Section, Templates};

/// Name of the index file.
pub const INDEX: &str = "index.md";
/// Stem of the chapter for themes without a Handlungsfeld.
pub const UNTAGGED: &str = "ohne-handlungsfeld";
/// Its file name.
pub const UNTAGGED_FILE: &str = "ohne-handlungsfeld.md";

/// The marker key of a section.
pub fn section_key(s: Section) -> &'static str {
    match s {
        Section::IstAnalyse => "ist_analyse",
        Section::Leitziele => "leitziele",
        Section::Teilziele => "teilziele",
        Section::Massnahmen => "massnahmen",
        Section::Akteure => "akteure",
        Section::BestPractice => "best_practice",
    }
}

/// The section a theme goes into: the one most of its cards feed.
fn theme_section(found: &[Resolved], templates: &Templates) -> Section {
    let mut votes: BTreeMap<Section, usize> = BTreeMap::new();
    for r in found {
        if let Resolved::Found(f) = r
            && let Some(s) = templates.section(&f.board.template, &f.column.key)
        {
            *votes.entry(s).or_default() += 1;
        }
    }
    let mut best = Section::IstAnalyse;
    let mut most = 0;
    for (s, n) in votes {
        if n > most {
            best = s;
            most = n;
        }
    }
    best
}

/// Sort key for themes: their label as compared by a reader, then the id.
fn theme_order(t: &Theme) -> (String, String) {
    (blocks::heading_norm(&t.label), t.id.clone())
}

struct Chapter {
    /// Index into the Handlungsfelder; `None` for the chapter without one.
    tag: Option<usize>,
    title: String,
    file: String,
}

/// Heading of the part of a section with tagged cards no theme holds.
const LOOSE_HEADING: &str = "Karten ohne Thema";
/// Marker key and heading of the part of the untagged chapter with the cards
/// that have neither a Handlungsfeld nor a theme.
const UNSORTED_KEY: &str = "karten";
const UNSORTED_HEADING: &str = "Karten ohne Handlungsfeld";

/// The section a card's column feeds (Ist-Analyse when it feeds none).
fn card_section(templates: &Templates, board: &Board, column: &Column) -> Section {
    templates
        .section(&board.template, &column.key)
        .unwrap_or(Section::IstAnalyse)
}

/// A card no theme holds as a list item with its wall: `- text (Altstadt)`.
fn push_loose(out: &mut String, card: &Card, board_title: &str) {
    out.push_str("- ");
    out.push_str(&card_text(card));
    if !board_title.is_empty() {
        out.push_str(" (");
        out.push_str(board_title);
        out.push(')');
    }
    out.push('\n');
    push_sub_points(out, card, "  ");
}

pub(super) fn plan(target: &mut Target, job: Job) -> Result<(), ExportError> {
    let catalog = Catalog::new(job.sources.iter().map(|s| s.session));
    let mut owners: Vec<String> = job.sources.iter().map(owner_of).collect();
    // Each owner's themes and the session their plain card ids refer to.
    let mut groups: Vec<(Option<usize>, &[Theme])> = job
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (Some(i), s.session.themes.as_slice()))
        .collect();
    if let Some(sh) = job.shared {
        owners.push(blocks::owner_attr("workspace", sh.id));
        groups.push((None, sh.themes));
    }
    let owner_set: HashSet<String> = owners.iter().cloned().collect();

    // Handlungsfelder in the sessions' order, then tags only themes or cards name.
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    for s in job.sources {
        for t in &s.session.tags {
            if known.insert(t.key.clone()) {
                tags.push((t.key.clone(), t.name.clone()));
            }
        }
    }
    let mut extra: Vec<String> = groups
        .iter()
        .flat_map(|(_, themes)| themes.iter().filter_map(|t| t.tag.clone()))
        .filter(|k| !known.contains(k))
        .collect();
    for s in job.sources {
        for (_, _, card) in s.session.cards() {
            extra.extend(card.tags.iter().filter(|k| !known.contains(*k)).cloned());
        }
        extra.extend(
            s.session
                .measures
                .iter()
                .filter_map(|m| m.tag.clone())
                .filter(|k| !known.contains(k)),
        );
    }
    extra.sort();
    extra.dedup();
    for key in extra {
        let name = job
            .templates
            .tag_sets
            .iter()
            .flat_map(|ts| ts.tags.iter())
            .find(|t| t.key == key)
            .map_or_else(|| key.clone(), |t| t.name.clone());
        known.insert(key.clone());
        tags.push((key, name));
    }
    // A Handlungsfeld without a readable name is called by its key.
    for (key, name) in tags.iter_mut() {
        if inline(name).is_empty() {
            *name = if inline(key).is_empty() {
                "Handlungsfeld".to_string()
            } else {
                key.clone()
            };
        }
    }
    let tag_index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();

    // Rendered themes: (chapter, owner index, section) -> [(order, text)].
    type Bodies = HashMap<(Option<usize>, usize, Section), Vec<((String, String), String)>>;
    let mut bodies: Bodies = HashMap::new();
    let mut theme_count: HashMap<(Option<usize>, usize), usize> = HashMap::new();
    // Cards shown inside a theme: per chapter, and in any chapter.
    let mut held: HashSet<(Option<usize>, usize, &str)> = HashSet::new();
    let mut counts = super::Counts::default();
    let mut themed: HashSet<(usize, &str)> = HashSet::new();
    for (oi, (home, themes)) in groups.iter().enumerate() {
        for theme in themes.iter() {
            if theme.cards.is_empty() || !(theme.confirmed || job.options.suggestions) {
                continue;
            }
            let (found, choice) = catalog.resolve_theme(*home, theme);
            let chapter = choice.key().and_then(|k| tag_index.get(k).copied());
            for r in &found {
                if let Resolved::Found(f) = r {
                    held.insert((chapter, f.si, f.card.id.as_str()));
                    themed.insert((f.si, f.card.id.as_str()));
                }
            }
            let note = match &choice {
                TagChoice::Disputed(counts) => {
                    let named: Vec<String> = counts
                        .iter()
                        .map(|(k, n)| {
                            let name = tag_index.get(k.as_str()).map_or(k, |&i| &tags[i].1);
                            format!("{} ({})", inline(name), plural(*n, "Karte", "Karten"))
                        })
                        .collect();
                    Some(format!(
                        "*Handlungsfeld offen, die Karten nennen: {}. Im Themen-Review zuordnen.*",
                        named.join(", ")
                    ))
                }
                _ => None,
            };
            let section = theme_section(&found, job.templates);
            let mut text = String::new();
            render_resolved(&mut text, theme, &found, 3, note.as_deref());
            *theme_count.entry((chapter, oi)).or_default() += 1;
            if theme.confirmed {
                counts.themes += 1;
            } else {
                counts.suggestions += 1;
            }
            bodies
                .entry((chapter, oi, section))
                .or_default()
                .push((theme_order(theme), text));
        }
    }

    // Cards no theme holds: tagged ones into their Handlungsfelder's
    // chapters, in the section their column feeds; untagged ones into the
    // chapter without Handlungsfeld, by wall and column.
    let mut loose: HashMap<(usize, usize, Section), String> = HashMap::new();
    let mut loose_count: HashMap<(Option<usize>, usize), usize> = HashMap::new();
    let mut unsorted: Vec<String> = vec![String::new(); job.sources.len()];
    for (si, s) in job.sources.iter().enumerate() {
        let titles = &catalog.board_titles[si];
        let mut same: HashMap<&str, usize> = HashMap::new();
        for t in titles {
            *same.entry(t.as_str()).or_default() += 1;
        }
        let mut walls: HashMap<&str, usize> = HashMap::new();
        for (bi, board) in s.session.boards.iter().enumerate() {
            let title = titles[bi].as_str();
            // Several walls of one district are numbered.
            let n = walls.entry(title).or_default();
            *n += 1;
            let n = (same[title] > 1).then_some(*n);
            let mut wall = String::new();
            for column in &board.columns {
                let section = card_section(job.templates, board, column);
                let mut lines = String::new();
                for card in &column.cards {
                    if card.tags.is_empty() {
                        if !themed.contains(&(si, card.id.as_str())) {
                            push_loose(&mut lines, card, "");
                            *loose_count.entry((None, si)).or_default() += 1;
                        }
                        continue;
                    }
                    for (i, key) in card.tags.iter().enumerate() {
                        let Some(&ti) = tag_index.get(key.as_str()) else {
                            continue;
                        };
                        if card.tags[..i].contains(key)
                            || held.contains(&(Some(ti), si, card.id.as_str()))
                        {
                            continue;
                        }
                        push_loose(loose.entry((ti, si, section)).or_default(), card, title);
                        *loose_count.entry((Some(ti), si)).or_default() += 1;
                    }
                }
                if !lines.is_empty() {
                    wall.push('*');
                    wall.push_str(&inline_or(&column.heading, "Spalte"));
                    wall.push_str("*\n\n");
                    wall.push_str(&lines);
                    wall.push('\n');
                }
            }
            if !wall.is_empty() {
                let out = &mut unsorted[si];
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str("### ");
                out.push_str(if title.is_empty() { "Wand" } else { title });
                if let Some(n) = n {
                    out.push_str(&format!(" ({n}. Wand)"));
                }
                out.push_str("\n\n");
                out.push_str(wall.trim_end_matches('\n'));
                out.push('\n');
            }
        }
    }

    // Measures: a table per chapter, in its Maßnahmen section.
    let mut measures: HashMap<(Option<usize>, usize), Vec<&crate::core::model::Measure>> =
        HashMap::new();
    for (si, s) in job.sources.iter().enumerate() {
        for m in &s.session.measures {
            let chapter = m.tag.as_deref().and_then(|k| tag_index.get(k).copied());
            measures.entry((chapter, si)).or_default().push(m);
            counts.measures += 1;
        }
    }

    let measure_count: HashMap<(Option<usize>, usize), usize> =
        measures.iter().map(|(k, v)| (*k, v.len())).collect();

    // File names: safe, unique, stable for a given set of tags.
    let mut taken: Vec<String> = vec!["index".into(), UNTAGGED.into()];
    let mut chapters: Vec<Chapter> = Vec::new();
    for (ti, (_, name)) in tags.iter().enumerate() {
        let stem = unique_stem(name, "handlungsfeld", &mut taken);
        chapters.push(Chapter {
            tag: Some(ti),
            title: name.clone(),
            file: format!("{stem}.md"),
        });
    }
    let untagged_file = UNTAGGED_FILE.to_string();
    let has_untagged = theme_count.keys().any(|(t, _)| t.is_none())
        || loose_count.keys().any(|(t, _)| t.is_none())
        || measures.keys().any(|(t, _)| t.is_none());
    if has_untagged
        || (!target.missing && fs::symlink_metadata(target.path(&untagged_file)).is_ok())
    {
        chapters.push(Chapter {
            tag: None,
            title: "Ohne Handlungsfeld".into(),
            file: untagged_file,
        });
    }

    let intro = "Die Abschnitte zwischen den stellwand-Markierungen (HTML-Kommentare) schreibt \
                 das Programm bei jedem Export neu; alles andere in dieser Datei bleibt \
                 unverändert.";
    let mut planned: HashSet<String> = HashSet::new();
    for ch in &chapters {
        let mut slots: Vec<Slot> = Section::ALL
            .iter()
            .map(|&section| Slot {
                heading: Some(section.heading().to_string()),
                level: 2,
                blocks: owners
                    .iter()
                    .enumerate()
                    .map(|(oi, owner)| {
                        let mut items = bodies.remove(&(ch.tag, oi, section)).unwrap_or_default();
                        items.sort_by(|a, b| a.0.cmp(&b.0));
                        if section == Section::Massnahmen
                            && let Some(ms) = measures.remove(&(ch.tag, oi))
                        {
                            // The catalogue first: what is to be done, by whom.
                            items.insert(
                                0,
                                (
                                    (String::new(), String::new()),
                                    super::measures::chapter_table(&ms),
                                ),
                            );
                        }
                        let mut body = items
                            .into_iter()
                            .map(|(_, t)| t)
                            .collect::<Vec<_>>()
                            .join("\n");
                        if let Some(lines) = ch.tag.and_then(|t| loose.remove(&(t, oi, section))) {
                            if !body.is_empty() {
                                body.push('\n');
                            }
                            body.push_str("### ");
                            body.push_str(LOOSE_HEADING);
                            body.push_str("\n\n");
                            body.push_str(&lines);
                        }
                        (
                            BlockKey {
                                owner: owner.clone(),
                                section: section_key(section).to_string(),
                            },
                            body,
                        )
                    })
                    .collect(),
            })
            .collect();
        if ch.tag.is_none() {
            slots.push(Slot {
                heading: Some(UNSORTED_HEADING.to_string()),
                level: 2,
                blocks: owners
                    .iter()
                    .enumerate()
                    .map(|(oi, owner)| {
                        (
                            BlockKey {
                                owner: owner.clone(),
                                section: UNSORTED_KEY.to_string(),
                            },
                            unsorted.get_mut(oi).map(std::mem::take).unwrap_or_default(),
                        )
                    })
                    .collect(),
            });
        }
        let title = format!("# {}", inline(&ch.title));
        write_file(target, &ch.file, &title, intro, &slots, &owner_set);
        planned.insert(ch.file.clone());
    }

    // The index: per session, its event data and links to the chapters.
    counts.tagged_cards = loose_count
        .iter()
        .filter(|((t, _), _)| t.is_some())
        .map(|(_, n)| n)
        .sum();
    counts.unsorted_cards = loose_count
        .iter()
        .filter(|((t, _), _)| t.is_none())
        .map(|(_, n)| n)
        .sum();
    counts.chapters = chapters
        .iter()
        .filter(|ch| ch.tag.is_some())
        .filter(|ch| {
            (0..owners.len()).any(|oi| {
                theme_count.get(&(ch.tag, oi)).is_some_and(|n| *n > 0)
                    || loose_count.get(&(ch.tag, oi)).is_some_and(|n| *n > 0)
                    || measure_count.contains_key(&(ch.tag, oi))
            })
        })
        .count();
    target.plan.counts = Some(counts);
    let index_slots: Vec<Slot> = owners
        .iter()
        .enumerate()
        .map(|(oi, owner)| {
            let mut body = String::new();
            let themes: usize = theme_count
                .iter()
                .filter(|((_, o), _)| *o == oi)
                .map(|(_, n)| n)
                .sum();
            match job.sources.get(oi) {
                Some(s) => {
                    let session = s.session;
                    body.push_str(&format!("**{}**", inline(&session.title)));
                    let facts: Vec<String> = [&session.date, &session.place]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .map(|x| inline(x))
                        .collect();
                    if !facts.is_empty() {
                        body.push_str(&format!(" ({})", facts.join(", ")));
                    }
                    body.push_str(&format!(
                        ": {}, {}\n\n",
                        plural(session.card_count(), "Karte", "Karten"),
                        plural(themes, "Thema", "Themen")
                    ));
                }
                None => body.push_str(&format!(
                    "**Gemeinsame Themen mehrerer Sitzungen**: {}\n\n",
                    plural(themes, "Thema", "Themen")
                )),
            }
            for ch in &chapters {
                let n = theme_count.get(&(ch.tag, oi)).copied().unwrap_or(0);
                let k = loose_count.get(&(ch.tag, oi)).copied().unwrap_or(0);
                body.push_str(&format!(
                    "- [{}]({}): {}",
                    inline(&ch.title),
                    ch.file,
                    plural(n, "Thema", "Themen")
                ));
                if k > 0 {
                    body.push_str(&format!(", {} ohne Thema", plural(k, "Karte", "Karten")));
                }
                if let Some(&m) = measure_count.get(&(ch.tag, oi)) {
                    body.push_str(&format!(", {}", plural(m, "Maßnahme", "Maßnahmen")));
                }
                body.push('\n');
            }
            Slot {
                heading: None,
                level: 2,
                blocks: vec![(
                    BlockKey {
                        owner: owner.clone(),
                        section: "index".into(),
                    },
                    body,
                )],
            }
        })
        .collect();
    write_file(
        target,
        INDEX,
        "# Integrationskonzept: Kapitel nach Handlungsfeldern",
        intro,
        &index_slots,
        &owner_set,
    );
    planned.insert(INDEX.to_string());

    // Other Markdown files of the folder holding blocks of these sessions.
    if !target.missing {
        let entries = fs::read_dir(&target.dir)
            .map_err(|e| ExportError::Io(crate::core::error::FileError::io(&target.dir, &e)))?;
        let mut others: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            // Hidden files (temporary files among them) are nobody's chapter.
            .filter(|n| n.ends_with(".md") && !n.starts_with('.') && !planned.contains(n))
            .collect();
        others.sort();
        for name in others {
            let Ok(text) = fs::read_to_string(target.path(&name)) else {
                continue;
            };
            match blocks::parse(&text) {
                Ok(parsed) => {
                    if parsed.generated.is_some()
                        || !parsed
                            .blocks
                            .iter()
                            .any(|b| owner_set.contains(&b.key.owner))
                    {
                        continue;
                    }
                    let new = blocks::update(&text, &parsed, &[], &owner_set, false);
                    if new != text {
                        target.put(&name, Some(&text), new);
                    }
                }
                Err(damage) => target.damaged(&name, damage),
            }
        }
    }
    Ok(())
}

/// Plans one managed file: new from the skeleton, or the existing one with
/// its blocks updated.
pub(super) fn write_file(
    target: &mut Target,
    name: &str,
    title: &str,
    intro: &str,
    slots: &[Slot],
    owners: &HashSet<String>,
) {
    match target.read(name) {
        None => {}
        Some(Existing::Missing) => {
            let text = blocks::render_new(title, intro, slots);
            target.put(name, None, text);
        }
        Some(Existing::Text(old)) => match blocks::parse(&old) {
            Ok(parsed) => {
                let new = blocks::update(&old, &parsed, slots, owners, false);
                target.put(name, Some(&old), new);
            }
            Err(damage) => target.damaged(name, damage),
        },
    }
}
