//! A theme as Markdown with its cards, and the cards found by reference
//! across the exported sessions: shared by the concept, the protocol and the
//! clipboard.

use std::collections::{HashMap, HashSet};

use super::escape::{card_inline, inline};
use crate::core::model::{Board, Card, Column, Session, TagChoice, Theme};

/// A card found by reference, with where it sits.
pub(super) struct Found<'a> {
    /// Index of the session among the exported ones.
    pub si: usize,
    pub session: &'a Session,
    pub board: &'a Board,
    pub column: &'a Column,
    pub card: &'a Card,
    /// The escaped board title.
    pub board_title: &'a str,
}

/// Finds cards by id across the exported sessions (through each session's
/// card index).
pub(super) struct Catalog<'a> {
    sessions: Vec<&'a Session>,
    by_id: HashMap<&'a str, usize>,
    /// Escaped board titles, [session][board].
    pub(super) board_titles: Vec<Vec<String>>,
}

pub(super) enum Resolved<'a> {
    Found(Found<'a>),
    /// The card's session is not among the exported ones.
    NotLoaded,
    Missing,
}

impl<'a> Catalog<'a> {
    pub fn new(sessions: impl IntoIterator<Item = &'a Session>) -> Self {
        let sessions: Vec<&Session> = sessions.into_iter().collect();
        let mut by_id = HashMap::new();
        let mut board_titles = Vec::with_capacity(sessions.len());
        for (i, s) in sessions.iter().enumerate() {
            by_id.entry(s.id.as_str()).or_insert(i);
            board_titles.push(s.boards.iter().map(|b| inline(&b.title)).collect());
        }
        Catalog {
            sessions,
            by_id,
            board_titles,
        }
    }

    /// A theme's card reference (`card` or `session/card`), seen from the
    /// session at index `home` (none for shared themes).
    /// A theme's cards looked up, and the Handlungsfeld the theme belongs to
    /// by them (or by the clerk's choice).
    pub fn resolve_theme(
        &self,
        home: Option<usize>,
        theme: &Theme,
    ) -> (Vec<Resolved<'_>>, TagChoice) {
        let found: Vec<Resolved> = theme.cards.iter().map(|r| self.resolve(home, r)).collect();
        let cards = found.iter().filter_map(|r| match r {
            Resolved::Found(f) => Some(f.card),
            _ => None,
        });
        let choice = TagChoice::of(theme.tag.as_deref(), cards);
        (found, choice)
    }

    pub fn resolve(&self, home: Option<usize>, reference: &str) -> Resolved<'_> {
        let (si, id) = match reference.rsplit_once('/') {
            Some((sid, id)) => match self.by_id.get(sid) {
                Some(&i) => (i, id),
                None => return Resolved::NotLoaded,
            },
            None => match home {
                Some(h) => (h, reference),
                None => return Resolved::Missing,
            },
        };
        let Some(p) = self.sessions.get(si).and_then(|s| s.find_card(id)) else {
            return Resolved::Missing;
        };
        let session = self.sessions[si];
        let board = &session.boards[p.board];
        let column = &board.columns[p.column];
        Resolved::Found(Found {
            si,
            session,
            board,
            column,
            card: &column.cards[p.card],
            board_title: &self.board_titles[si][p.board],
        })
    }
}

/// A card's text as Markdown with its flags: struck `~~…~~`, emphasis bold,
/// uncertain reading marked.
pub(super) fn card_text(card: &Card) -> String {
    // A struck card is struck as a whole; struck words inside it would nest.
    let text = if card.flags.struck {
        inline(&card.text)
    } else {
        card_inline(&card.text)
    };
    let mut s = if text.is_empty() {
        "*(leer)*".to_string()
    } else {
        text
    };
    if card.flags.struck {
        s = format!("~~{s}~~");
    }
    if card.flags.emphasis {
        s = format!("**{s}**");
    }
    if card.flags.uncertain {
        s.push_str(" *(unsicher gelesen)*");
    }
    s
}

/// A sub-point without its arrow (`↳`, `→`, `->`): nesting shows it.
pub(super) fn strip_arrow(text: &str) -> &str {
    let t = text.trim_start();
    for a in ["↳", "→", "->"] {
        if let Some(r) = t.strip_prefix(a) {
            return r.trim_start();
        }
    }
    t
}

/// Appends the sub-points as nested list items.
pub(super) fn push_sub_points(out: &mut String, card: &Card, indent: &str) {
    for p in &card.sub_points {
        let t = card_inline(strip_arrow(p));
        if !t.is_empty() {
            out.push_str(indent);
            out.push_str("- ");
            out.push_str(&t);
            out.push('\n');
        }
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A theme as Markdown: heading, counts, and each card with its source.
pub(super) fn render_theme(
    out: &mut String,
    theme: &Theme,
    home: Option<usize>,
    catalog: &Catalog,
    level: usize,
) {
    let found: Vec<Resolved> = theme
        .cards
        .iter()
        .map(|r| catalog.resolve(home, r))
        .collect();
    render_resolved(out, theme, &found, level, None);
}

/// [`render_theme`] with the theme's cards already looked up: the label as
/// a heading, the cards as plain bullets, then where they were named, short:
/// `(Altstadt, Schalke 2×)`. Ids stay out of the visible text.
pub(super) fn render_resolved(
    out: &mut String,
    theme: &Theme,
    found: &[Resolved],
    level: usize,
    note: Option<&str>,
) {
    let label = inline(&theme.label);
    out.push_str(&"#".repeat(level));
    out.push(' ');
    if label.is_empty() {
        out.push_str("Thema ohne Namen");
    } else {
        out.push_str(&label);
    }
    if !theme.confirmed {
        out.push_str(" (Vorschlag)");
    }
    out.push_str("\n\n");
    if !theme.confirmed {
        out.push_str("*Vorschlag, noch nicht bestätigt.*\n\n");
    }
    if let Some(n) = note {
        out.push_str(n);
        out.push_str("\n\n");
    }
    let mut boards: HashSet<(&str, &str)> = HashSet::new();
    // Per session in first-seen order, its board titles with how many walls
    // carry each: several walls of one district ("Schalke") are named once.
    let mut sources: Vec<(&Session, Vec<(&str, usize)>)> = Vec::new();
    let mut not_loaded = 0;
    let mut missing = 0;
    let mut any = false;
    for resolved in found {
        match resolved {
            Resolved::Found(f) => {
                any = true;
                if boards.insert((f.session.id.as_str(), f.board.id.as_str())) {
                    let i = match sources
                        .iter()
                        .position(|(s, _)| std::ptr::eq(*s, f.session))
                    {
                        Some(i) => i,
                        None => {
                            sources.push((f.session, Vec::new()));
                            sources.len() - 1
                        }
                    };
                    let titles = &mut sources[i].1;
                    match titles.iter_mut().find(|(t, _)| *t == f.board_title) {
                        Some((_, n)) => *n += 1,
                        None => titles.push((f.board_title, 1)),
                    }
                }
                out.push_str("- ");
                out.push_str(&card_text(f.card));
                out.push('\n');
                push_sub_points(out, f.card, "  ");
            }
            Resolved::NotLoaded => not_loaded += 1,
            Resolved::Missing => missing += 1,
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let several = sources.len() > 1;
    for (session, titles) in &sources {
        let named: Vec<String> = titles
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, n)| {
                if *n > 1 {
                    format!("{t} {n}×")
                } else {
                    (*t).to_string()
                }
            })
            .collect();
        let title = inline(&session.title);
        match (several && !title.is_empty(), named.is_empty()) {
            (true, true) => parts.push(title),
            (true, false) => parts.push(format!("{title}: {}", named.join(", "))),
            (false, _) => parts.extend(named),
        }
    }
    if not_loaded > 0 {
        parts.push(format!(
            "{} aus einer Sitzung, die nicht mit exportiert wurde",
            plural(not_loaded, "Karte", "Karten")
        ));
    }
    if missing > 0 {
        parts.push(format!(
            "{} nicht mehr in der Sitzung",
            plural(missing, "Karte", "Karten")
        ));
    }
    if !any {
        out.push_str("*(keine Karte gefunden)*\n");
    }
    if !parts.is_empty() {
        let sep = if several { "; " } else { ", " };
        out.push_str(&format!("\n({})\n", parts.join(sep)));
    }
}
