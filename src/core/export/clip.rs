//! Markdown of a card, a theme or a board for the clipboard, and pasted
//! lines turned into cards. Copied Markdown pasted back gives the same cards.

use super::escape::{inline, inline_or};
use super::protocol::card_extras;
use super::theme::{Catalog, card_text, push_sub_points, render_theme};
use crate::core::model::{Board, Card, Flags, Session, Theme};

/// One card as a Markdown list item, sub-points nested.
pub fn card_markdown(card: &Card) -> String {
    let mut out = String::new();
    out.push_str("- ");
    out.push_str(&card_text(card));
    out.push_str(&card_extras(card));
    out.push('\n');
    push_sub_points(&mut out, card, "  ");
    out
}

/// A theme with its counts and cards, each with its source. Cards of other
/// sessions are named by reference only.
pub fn theme_markdown(session: &Session, theme: &Theme) -> String {
    let catalog = Catalog::new([session]);
    let mut out = String::new();
    render_theme(&mut out, theme, Some(0), &catalog, 3);
    out
}

/// A board: its title, then each column's heading and cards.
pub fn board_markdown(board: &Board) -> String {
    let mut out = String::new();
    let title = inline(&board.title);
    out.push_str("## ");
    out.push_str(if title.is_empty() { "Wand" } else { &title });
    out.push('\n');
    for column in &board.columns {
        out.push_str("\n### ");
        out.push_str(&inline_or(&column.heading, "Spalte"));
        out.push_str("\n\n");
        for card in &column.cards {
            out.push_str(&card_markdown(card));
        }
    }
    out
}

/// A card made from pasted text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PastedCard {
    pub text: String,
    /// Without their arrows.
    pub sub_points: Vec<String>,
    /// Read back from Markdown that stellwand copied (`~~…~~`, `**…**`,
    /// `*(unsicher gelesen)*`).
    pub flags: Flags,
}

const BULLETS: [&str; 10] = ["- ", "* ", "+ ", "• ", "– ", "— ", "· ", "▪ ", "◦ ", "○ "];
const ARROWS: [&str; 3] = ["↳", "→", "->"];

/// Undoes Markdown escapes: a backslash before ASCII punctuation, and the
/// entities stellwand writes.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            rest = &rest[1 + n.len_utf8()..];
            continue;
        }
        if c == '&'
            && let Some((entity, ch)) = [("&lt;", '<'), ("&gt;", '>'), ("&#58;", ':')]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e))
        {
            out.push(ch);
            rest = &rest[entity.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Reads the flags stellwand writes around a card's text.
fn read_flags(mut t: &str) -> (String, Flags) {
    let mut flags = Flags::default();
    if let Some(r) = t.strip_suffix(" *(unsicher gelesen)*") {
        flags.uncertain = true;
        t = r;
    }
    if t.len() > 4
        && let Some(r) = t.strip_prefix("**").and_then(|r| r.strip_suffix("**"))
    {
        flags.emphasis = true;
        t = r;
    }
    if t.len() > 4
        && let Some(r) = t.strip_prefix("~~").and_then(|r| r.strip_suffix("~~"))
    {
        flags.struck = true;
        t = r;
    }
    (unescape(t).trim().to_string(), flags)
}

/// Splits pasted text into cards: one per line, list bullets stripped;
/// lines starting with `↳`, `→` or `->`, and lines indented deeper than the
/// first, become sub-points of the card above. Blank lines are skipped.
pub fn split_paste(text: &str) -> Vec<PastedCard> {
    let mut cards: Vec<PastedCard> = Vec::new();
    let mut base: Option<usize> = None;
    for raw in text.split(['\n', '\r']) {
        let content = raw.trim();
        if content.is_empty() {
            continue;
        }
        let indent: usize = raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let base_indent = *base.get_or_insert(indent);
        let mut line = content;
        let arrow = ARROWS.iter().find_map(|a| line.strip_prefix(a));
        let sub = arrow.is_some() || (indent > base_indent && !cards.is_empty());
        if let Some(r) = arrow {
            line = r.trim_start();
        } else if let Some(r) = BULLETS.iter().find_map(|b| line.strip_prefix(b)) {
            line = r.trim_start();
            // A nested arrow after the bullet (`- ↳ Theater`).
            if let Some(r) = ARROWS.iter().find_map(|a| line.strip_prefix(a)) {
                line = r.trim_start();
            }
        } else if line.len() == 1 && BULLETS.iter().any(|b| b.starts_with(line)) {
            continue;
        }
        let (text, flags) = read_flags(line);
        if text.is_empty() {
            continue;
        }
        match cards.last_mut() {
            Some(card) if sub => card.sub_points.push(text),
            _ => cards.push(PastedCard {
                text,
                sub_points: Vec::new(),
                flags,
            }),
        }
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_become_cards_with_sub_points() {
        let cards = split_paste(
            "- Nachbarschaftsnetzwerke\r\n• kulturelles Angebot\n  ↳ Theater\n-> Kino\n\n* Kita-Plätze\n    - zu wenig\n",
        );
        let texts: Vec<_> = cards.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Nachbarschaftsnetzwerke",
                "kulturelles Angebot",
                "Kita-Plätze"
            ]
        );
        assert_eq!(cards[1].sub_points, ["Theater", "Kino"]);
        assert_eq!(cards[2].sub_points, ["zu wenig"]);
        assert!(split_paste("\n  \n-\n").is_empty());
        assert_eq!(split_paste("→ allein")[0].text, "allein");
    }

    #[test]
    fn copied_cards_paste_back_unchanged() {
        let mut card = Card::new(
            "k1",
            "Initiator*in <b> #1 ~x~ `code` &lt; \\\\ stellwand:end",
        );
        card.flags.struck = true;
        card.flags.uncertain = true;
        card.sub_points = vec!["↳ Theater & Kino".into(), "1. Rang".into()];
        let md = card_markdown(&card);
        let back = split_paste(&md);
        assert_eq!(back.len(), 1, "{md}");
        assert_eq!(back[0].text, card.text);
        assert_eq!(back[0].sub_points, ["Theater & Kino", "1. Rang"]);
        assert_eq!(back[0].flags, card.flags);

        let mut board = Board {
            title: "Altstadt".into(),
            ..Board::default()
        };
        board.columns.push(crate::core::model::Column {
            key: "good".into(),
            heading: "Was läuft gut".into(),
            cards: vec![card.clone(), Card::new("k2", "Sport")],
        });
        let md = board_markdown(&board);
        assert!(
            md.starts_with("## Altstadt\n\n### Was läuft gut\n\n- ~~"),
            "{md}"
        );
        assert!(md.ends_with("- Sport\n"));
    }
}
