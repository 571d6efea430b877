//! A session as one Markdown document that mirrors the photo protocol: event
//! data, each board with its columns and cards, then themes and
//! Handlungsfelder. Written whole; its first line marks it as stellwand's, and
//! a file of that name without the mark is never overwritten.

use super::blocks::{self, generated_marker};
use super::escape::{inline, inline_or};
use super::theme::{Catalog, card_text, push_sub_points, render_resolved};
use super::{Existing, ExportProblem, Job, Options, Shared, Target, owner_of, unique_stem};
use crate::core::error::{FileError, FileProblem};
use crate::core::model::{Card, Session, TagChoice, Theme};
use crate::core::template::Templates;

pub(super) fn plan(target: &mut Target, job: Job) {
    let catalog = Catalog::new(job.sources.iter().map(|s| s.session));
    let mut taken: Vec<String> = vec!["index".into()];
    for (i, source) in job.sources.iter().enumerate() {
        let raw = if source.name.is_empty() {
            source.session.title.as_str()
        } else {
            source.name
        };
        let stem = unique_stem(raw, "sitzung", &mut taken);
        let name = format!("{stem}.md");
        let owner = owner_of(source);
        let text = render(
            source.session,
            &owner,
            i,
            job.shared,
            &catalog,
            job.templates,
            job.options,
        );
        match target.read(&name) {
            None => {}
            Some(Existing::Missing) => target.put(&name, None, text),
            Some(Existing::Text(old)) => {
                let ours = blocks::parse(&old)
                    .ok()
                    .and_then(|p| p.generated)
                    .is_some_and(|(o, f)| o == owner && f == "protocol");
                if ours {
                    target.put(&name, Some(&old), text);
                } else {
                    let path = target.path(&name);
                    target.plan.problems.push(FileError::new(
                        &path,
                        1,
                        1,
                        FileProblem::Export(ExportProblem::ForeignProtocol),
                    ));
                }
            }
        }
    }
}

/// Reference numbers, votes and people written on a card.
pub(super) fn card_extras(card: &Card) -> String {
    let mut parts = Vec::new();
    // Numbers already written in the text ("informell 9, 10, 12") are not repeated.
    let in_text = |n: &u32| {
        card.text
            .split(|c: char| !c.is_ascii_digit())
            .any(|w| w == n.to_string())
    };
    if !card.refs.is_empty() && !card.refs.iter().all(in_text) {
        let nums: Vec<String> = card.refs.iter().map(u32::to_string).collect();
        parts.push(format!("Nr. {}", nums.join(", ")));
    }
    if card.votes > 0 {
        parts.push(if card.votes == 1 {
            "1 Punkt".to_string()
        } else {
            format!("{} Punkte", card.votes)
        });
    }
    if let Some(p) = card.person.as_deref().filter(|p| !p.trim().is_empty()) {
        parts.push(format!("Initiator\\*in: {}", inline(p)));
    }
    if !card.interested.is_empty() {
        let names: Vec<String> = card.interested.iter().map(|p| inline(p)).collect();
        parts.push(format!("Interessent\\*innen: {}", names.join(", ")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn tag_name<'a>(session: &'a Session, templates: &'a Templates, key: &'a str) -> &'a str {
    super::known_tag_name(session, templates, key).unwrap_or(key)
}

/// The protocol of one session.
pub(super) fn render(
    session: &Session,
    owner: &str,
    home: usize,
    shared: Option<Shared>,
    catalog: &Catalog,
    templates: &Templates,
    options: &Options,
) -> String {
    let mut out = String::new();
    out.push_str(&generated_marker(owner, "protocol"));
    out.push_str("\n\n# ");
    out.push_str(&inline_or(&session.title, "Fotoprotokoll"));
    out.push_str("\n\n");
    let facts = [
        ("Datum", &session.date),
        ("Ort", &session.place),
        ("Veranstalter", &session.organiser),
        ("Moderation", &session.moderation),
    ];
    let mut any = false;
    for (label, value) in facts {
        if !value.trim().is_empty() {
            out.push_str(&format!("- **{label}:** {}\n", inline(value)));
            any = true;
        }
    }
    if any {
        out.push('\n');
    }
    for para in session.notes.lines() {
        let p = inline(para);
        if !p.is_empty() {
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }

    for board in &session.boards {
        let title = inline(&board.title);
        out.push_str("## ");
        out.push_str(if title.is_empty() { "Wand" } else { &title });
        out.push_str("\n\n");
        if let Some(t) = templates.board(&board.template) {
            out.push_str(&format!("*{}*", inline(&t.name)));
            if !board.photos.is_empty() {
                let photos: Vec<String> = board.photos.iter().map(|p| inline(p)).collect();
                out.push_str(&format!(" · Fotos: {}", photos.join(", ")));
            }
            out.push_str("\n\n");
        }
        for column in &board.columns {
            out.push_str("### ");
            out.push_str(&inline_or(&column.heading, "Spalte"));
            out.push_str("\n\n");
            if column.cards.is_empty() {
                out.push_str("*(keine Karten)*\n\n");
                continue;
            }
            for card in &column.cards {
                out.push_str("- ");
                out.push_str(&card_text(card));
                out.push_str(&card_extras(card));
                if !card.tags.is_empty() {
                    let names: Vec<String> = card
                        .tags
                        .iter()
                        .map(|k| inline(tag_name(session, templates, k)))
                        .collect();
                    out.push_str(&format!(" · Handlungsfeld: {}", names.join(", ")));
                }
                out.push('\n');
                push_sub_points(&mut out, card, "  ");
            }
            out.push('\n');
        }
    }

    // Its own themes, then shared themes that hold one of its cards.
    let prefix = format!("{}/", session.id);
    let themes: Vec<(Option<usize>, &Theme)> = session
        .themes
        .iter()
        .map(|t| (Some(home), t))
        .chain(
            shared
                .iter()
                .flat_map(|sh| sh.themes.iter())
                .filter(|t| t.cards.iter().any(|r| r.starts_with(&prefix)))
                .map(|t| (None, t)),
        )
        .filter(|(_, t)| !t.cards.is_empty() && (t.confirmed || options.suggestions))
        .collect();
    if !themes.is_empty() {
        out.push_str("## Themen\n\n");
        for (theme_home, theme) in themes {
            let (found, choice) = catalog.resolve_theme(theme_home, theme);
            let name = |k: &str| inline(tag_name(session, templates, k));
            let note = match &choice {
                TagChoice::Assigned(k) => Some(format!("Handlungsfeld: {}", name(k))),
                TagChoice::Shared(k) => {
                    Some(format!("Handlungsfeld: {} (nach den Karten)", name(k)))
                }
                TagChoice::Disputed(counts) => {
                    let named: Vec<String> = counts
                        .iter()
                        .map(|(k, n)| format!("{} ({n})", name(k)))
                        .collect();
                    Some(format!(
                        "Handlungsfeld offen, die Karten nennen: {}",
                        named.join(", ")
                    ))
                }
                TagChoice::Open => None,
            };
            render_resolved(&mut out, theme, &found, 3, note.as_deref());
            out.push('\n');
        }
    }

    let mut tag_keys: Vec<&str> = session.tags.iter().map(|t| t.key.as_str()).collect();
    for (_, _, card) in session.cards() {
        for k in &card.tags {
            if !tag_keys.contains(&k.as_str()) {
                tag_keys.push(k);
            }
        }
    }
    let counted: Vec<(&str, usize)> = tag_keys
        .iter()
        .map(|k| (*k, session.cards().filter(|(_, _, c)| c.has_tag(k)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    if !counted.is_empty() {
        out.push_str("## Handlungsfelder\n\n");
        for (k, n) in counted {
            out.push_str(&format!(
                "- {}: {n} {}\n",
                inline(tag_name(session, templates, k)),
                if n == 1 { "Karte" } else { "Karten" }
            ));
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
