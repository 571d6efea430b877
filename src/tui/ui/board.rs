//! The board view: the session and board in the header, the columns side by
//! side with their cards, the card editor in the current column.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::core::model::{Board, Card, Column, Flags, Tag};

use super::super::app::{App, Doc, Entry, EntryTarget, Mode};
use super::super::i18n::Msg;
use super::super::photo::split;
use super::super::tags::{self, filter_label};
use super::width_of;
use super::{editor, fit_hints, photo, status, truncate, wrap};

/// Columns are never drawn narrower than this; more columns scroll sideways.
const MIN_COLUMN_WIDTH: u16 = 28;

/// Rows a column heading may take before it is cut.
const MAX_HEADING_ROWS: usize = 3;

/// The part of a screen of this size where the columns (and the photo
/// pane) go: below the header and board line, above hints and status.
pub fn body_area((width, height): (u16, u16)) -> Rect {
    Rect {
        x: 0,
        y: 2,
        width,
        height: height.saturating_sub(4),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let header = Rect { height: 1, ..area };
    let board_line = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    let body = body_area((area.width, area.height));
    let body = Rect {
        x: area.x + body.x,
        y: area.y + body.y,
        ..body
    };
    let (body, pane) = if app.photos.open {
        let (cols, pane) = split(body);
        (cols, Some(pane))
    } else {
        (body, None)
    };
    let hints = Rect {
        y: area.y + area.height - 2,
        height: 1,
        ..area
    };
    let status_line = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let buf = frame.buffer_mut();
    draw_header(buf, app, doc, header);
    let entry = match &app.mode {
        Mode::Entry(e) => Some(e),
        _ => None,
    };
    let hint = if entry.is_some() {
        Msg::EntryHint
    } else {
        Msg::BoardHints
    };
    buf.set_stringn(
        hints.x + 1,
        hints.y,
        fit_hints(app.t(hint), hints.width.saturating_sub(2) as usize),
        hints.width.saturating_sub(2) as usize,
        Style::default().fg(Color::DarkGray),
    );
    if let Some(f) = &doc.filter {
        let text = format!(
            " {} ",
            Msg::FilterOn.fill(
                app.lang,
                &[("filter", &filter_label(&doc.session, f, app.lang))]
            )
        );
        let len = width_of(&text) as u16;
        buf.set_stringn(
            hints.x + hints.width.saturating_sub(len + 1),
            hints.y,
            &text,
            len as usize,
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        );
    }
    match doc.board() {
        Some(board) => {
            let range = draw_columns(frame, app, doc, board, entry, body);
            draw_board_line(frame.buffer_mut(), app, doc, board, range, board_line);
            if let Some(pane) = pane {
                photo::draw(frame, app, &doc.path, board, pane);
            }
        }
        None => {
            frame.buffer_mut().set_stringn(
                body.x + 2,
                body.y + 1,
                app.t(Msg::NoBoards),
                body.width.saturating_sub(4) as usize,
                Style::default(),
            );
        }
    }
    status::draw(frame.buffer_mut(), app, status_line);
}

fn draw_header(buf: &mut Buffer, app: &App, doc: &Doc, area: Rect) {
    let s = &doc.session;
    let mut parts = vec![format!("stellwand · {}", s.title)];
    for p in [&s.date, &s.place] {
        if !p.is_empty() {
            parts.push(p.clone());
        }
    }
    let text = parts.join(" · ");
    buf.set_style(area, Style::default().bg(Color::Blue).fg(Color::White));
    buf.set_stringn(
        area.x + 1,
        area.y,
        &text,
        area.width.saturating_sub(2) as usize,
        Style::default()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD),
    );
    let _ = app;
}

fn draw_board_line(
    buf: &mut Buffer,
    app: &App,
    doc: &Doc,
    board: &Board,
    range: (usize, usize),
    area: Rect,
) {
    let photo = if board.photos.is_empty() {
        app.t(Msg::NoPhoto).to_string()
    } else {
        board.photos.join(", ")
    };
    let left = format!(
        "{} {}/{}: {}  [{}] · {}: {}",
        app.t(Msg::Board),
        doc.cursor.board + 1,
        doc.session.boards.len(),
        board.title,
        app.template_name(&board.template),
        app.t(Msg::Photo),
        photo
    );
    let total = board.columns.len();
    let right = if range.0 > 0 || range.1 < total {
        format!(
            "{} {} {}",
            if range.0 > 0 { "◀" } else { " " },
            Msg::MoreColumns.fill(
                app.lang,
                &[
                    ("first", &(range.0 + 1)),
                    ("last", &range.1),
                    ("total", &total)
                ]
            ),
            if range.1 < total { "▶" } else { " " }
        )
    } else {
        String::new()
    };
    let right_len = width_of(&right) as u16;
    let left_width = area.width.saturating_sub(right_len + 3) as usize;
    buf.set_stringn(
        area.x + 1,
        area.y,
        truncate(&left, left_width),
        left_width,
        Style::default().add_modifier(Modifier::BOLD),
    );
    if right_len > 0 {
        buf.set_stringn(
            area.x + area.width.saturating_sub(right_len + 1),
            area.y,
            &right,
            right_len as usize,
            Style::default().fg(Color::Yellow),
        );
    }
}

/// Which columns fit, so that the current one is always in view.
fn visible_columns(total: usize, current: usize, width: u16) -> (usize, usize) {
    let fit = ((width / MIN_COLUMN_WIDTH) as usize).clamp(1, total.max(1));
    let first = if current < fit { 0 } else { current + 1 - fit };
    (first, (first + fit).min(total))
}

/// Draws the visible columns; returns the range of columns shown.
fn draw_columns(
    frame: &mut Frame,
    app: &App,
    doc: &Doc,
    board: &Board,
    entry: Option<&Entry>,
    area: Rect,
) -> (usize, usize) {
    let total = board.columns.len();
    let (first, end) = visible_columns(total, doc.cursor.column, area.width);
    let n = (end - first).max(1) as u16;
    let width = area.width / n;
    // Headings are long sentences on real walls: wrap them, in as many rows
    // as the longest visible one needs (at most three), so cards line up.
    let heading_rows = (first..end)
        .map(|ci| wrap(&board.columns[ci].heading, width.saturating_sub(2) as usize).len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_HEADING_ROWS);
    for (slot, ci) in (first..end).enumerate() {
        let x = area.x + slot as u16 * width;
        // The last column takes the rest of the width.
        let w = if ci + 1 == end {
            area.width - (x - area.x)
        } else {
            width
        };
        let rect = Rect {
            x,
            y: area.y,
            width: w,
            height: area.height,
        };
        let current = ci == doc.cursor.column;
        let column = &board.columns[ci];
        let selected = current.then(|| doc.card_index()).flatten();
        // Under a filter only matching cards are shown (not while typing).
        let filtered = doc.filter.as_ref().filter(|_| entry.is_none()).map(|f| {
            let cards: Vec<Card> = column
                .cards
                .iter()
                .filter(|k| f.matches(k))
                .cloned()
                .collect();
            let selected = selected
                .and_then(|i| column.cards.get(i))
                .and_then(|k| cards.iter().position(|c| c.id == k.id));
            (
                Column {
                    key: column.key.clone(),
                    heading: column.heading.clone(),
                    cards,
                },
                selected,
            )
        });
        let (column, selected) = match &filtered {
            Some((c, s)) => (c, *s),
            None => (column, selected),
        };
        let view = ColumnView {
            column,
            current,
            selected,
            entry: entry.filter(|_| current),
            heading_rows,
            tags: &doc.session.tags,
            total: board.columns[ci].cards.len(),
        };
        draw_column(frame, app, &view, rect);
    }
    (first, end)
}

/// What one column shows.
struct ColumnView<'a> {
    column: &'a Column,
    current: bool,
    /// The selected card, in the current column only.
    selected: Option<usize>,
    /// The card editor, in the current column only.
    entry: Option<&'a Entry>,
    heading_rows: usize,
    /// The session's tags, for the labels on cards.
    tags: &'a [Tag],
    /// Cards of the column without a filter.
    total: usize,
}

fn draw_column(frame: &mut Frame, app: &App, view: &ColumnView, area: Rect) {
    let ColumnView {
        column,
        current,
        selected,
        entry,
        heading_rows,
        tags,
        total,
    } = *view;
    let other = app.t(Msg::ConflictOther);
    let border = highlight(current, Style::default().fg(Color::Gray));
    let title = if column.cards.len() == total {
        format!(" {} ", Msg::cards(app.lang, total))
    } else {
        format!(" {}/{} ", column.cards.len(), Msg::cards(app.lang, total))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if current {
            BorderType::Double
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(title);
    let framed = block.inner(area);
    block.render(area, frame.buffer_mut());
    if framed.width == 0 || framed.height as usize <= heading_rows + 2 {
        return;
    }
    let width = framed.width as usize;
    draw_heading(frame.buffer_mut(), column, current, heading_rows, framed);
    let inner = Rect {
        y: framed.y + heading_rows as u16 + 1,
        height: framed.height - heading_rows as u16 - 1,
        ..framed
    };
    let bottom = inner.y + inner.height;
    let Some(entry) = entry else {
        if column.cards.is_empty() {
            let empty = if total > 0 {
                Msg::FilterEmpty
            } else {
                Msg::EmptyColumn
            };
            frame.buffer_mut().set_stringn(
                inner.x,
                inner.y,
                app.t(empty),
                width,
                Style::default().fg(Color::DarkGray),
            );
            return;
        }
        let first = first_visible(
            &column.cards,
            (tags, other),
            selected,
            width,
            inner.height as usize,
        );
        draw_cards(
            frame.buffer_mut(),
            (column, tags, other),
            first..,
            selected,
            inner,
            inner.y,
        );
        return;
    };
    // The editor sits where the card goes: after the card before it, or in
    // place of the card being edited.
    let (title, split, skip) = match &entry.target {
        EntryTarget::New { index } => (Msg::NewCardTitle, (*index).min(column.cards.len()), 0),
        EntryTarget::Edit { card } => {
            let i = column.cards.iter().position(|c| &c.id == card);
            (Msg::EditCardTitle, i.unwrap_or(column.cards.len()), 1)
        }
    };
    let h = editor::entry_height(entry, inner.width, inner.height * 2 / 3);
    let above_height = (inner.height - h) as usize;
    let anchor = split.checked_sub(1);
    let first = first_visible(&column.cards, (tags, other), anchor, width, above_height);
    let y = draw_cards(
        frame.buffer_mut(),
        (column, tags, other),
        first..split,
        None,
        inner,
        inner.y,
    );
    let y = y.min(bottom - h);
    let editor_area = Rect {
        y,
        height: h,
        ..inner
    };
    editor::draw_entry(frame, app, entry, app.t(title), editor_area);
    draw_cards(
        frame.buffer_mut(),
        (column, tags, other),
        split + skip..,
        None,
        inner,
        y + h,
    );
}

/// The column's heading, wrapped, above a thin rule.
fn draw_heading(buf: &mut Buffer, column: &Column, current: bool, rows: usize, area: Rect) {
    let width = area.width as usize;
    let mut lines = wrap(&column.heading, width);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), width);
        }
    }
    let style = highlight(current, Style::default().add_modifier(Modifier::BOLD));
    for (i, line) in lines.iter().enumerate() {
        buf.set_stringn(area.x, area.y + i as u16, line, width, style);
    }
    buf.set_stringn(
        area.x,
        area.y + rows as u16,
        "┄".repeat(width),
        width,
        Style::default().fg(Color::DarkGray),
    );
}

/// Draws cards of a column from row `y` down, as far as there is room;
/// returns the row after the last one drawn.
fn draw_cards(
    buf: &mut Buffer,
    (column, tags, other): (&Column, &[Tag], &str),
    range: impl std::ops::RangeBounds<usize>,
    selected: Option<usize>,
    area: Rect,
    mut y: u16,
) -> u16 {
    let width = area.width as usize;
    let bottom = area.y + area.height;
    let start = match range.start_bound() {
        std::ops::Bound::Included(&s) => s,
        _ => 0,
    };
    let end = match range.end_bound() {
        std::ops::Bound::Excluded(&e) => e,
        _ => column.cards.len(),
    };
    for i in start..end.min(column.cards.len()) {
        if y >= bottom {
            break;
        }
        let is_selected = selected == Some(i);
        for (text, style) in card_lines(&column.cards[i], (tags, other), width, is_selected) {
            if y >= bottom {
                break;
            }
            let style = if is_selected {
                buf.set_style(
                    Rect {
                        y,
                        height: 1,
                        ..area
                    },
                    Style::default().add_modifier(Modifier::REVERSED),
                );
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            buf.set_stringn(area.x, y, &text, width, style);
            restyle_badges(buf, area.x, y, &text, width, is_selected);
            y += 1;
        }
    }
    y
}

/// The first card to draw so that card `anchor` is in view: from the top
/// when everything up to it fits, else ending with it. Only looks at cards
/// near the anchor, so huge columns cost nothing.
fn first_visible(
    cards: &[Card],
    look: (&[Tag], &str),
    anchor: Option<usize>,
    width: usize,
    height: usize,
) -> usize {
    let Some(anchor) = anchor else { return 0 };
    let anchor = anchor.min(cards.len().saturating_sub(1));
    let mut used = 0;
    for card in &cards[..=anchor] {
        used += card_height(card, look, width);
        if used > height {
            break;
        }
    }
    if used <= height {
        return 0;
    }
    let mut used = 0;
    let mut first = anchor;
    for i in (0..=anchor).rev() {
        used += card_height(&cards[i], look, width);
        if used > height {
            break;
        }
        first = i;
    }
    first
}

fn card_height(card: &Card, look: (&[Tag], &str), width: usize) -> usize {
    card_lines(card, look, width, false).len()
}

/// The flags of a card as badges, set apart from anything typed: a
/// typed `[?]` is text, the flag is a coloured `‹?›`.
pub fn flag_badges(flags: &Flags) -> Vec<(String, Style)> {
    let badge = |bg| {
        Style::default()
            .fg(Color::Black)
            .bg(bg)
            .add_modifier(Modifier::BOLD)
    };
    let mut out = Vec::new();
    for (on, text, bg) in [
        (flags.uncertain, BADGE_UNCERTAIN, Color::Yellow),
        (flags.struck, BADGE_STRUCK, Color::Gray),
        (flags.emphasis, BADGE_EMPHASIS, Color::LightRed),
    ] {
        if on {
            out.push((text.to_string(), badge(bg)));
        }
    }
    out
}

const BADGE_UNCERTAIN: &str = "‹?›";
const BADGE_STRUCK: &str = "‹~›";
const BADGE_EMPHASIS: &str = "‹!›";

/// Gives the flag badges in a drawn card line their own colours.
fn restyle_badges(buf: &mut Buffer, x: u16, y: u16, text: &str, width: usize, selected: bool) {
    let chars: Vec<char> = text.chars().collect();
    for (badge, bg) in [
        (BADGE_UNCERTAIN, Color::Yellow),
        (BADGE_STRUCK, Color::Gray),
        (BADGE_EMPHASIS, Color::LightRed),
    ] {
        let b: Vec<char> = badge.chars().collect();
        let Some(at) = chars.windows(b.len()).rposition(|w| w == b.as_slice()) else {
            continue;
        };
        let before: String = chars[..at].iter().collect();
        let at = width_of(&before);
        if at + b.len() > width {
            continue;
        }
        let mut style = Style::default()
            .fg(Color::Black)
            .bg(bg)
            .add_modifier(Modifier::BOLD);
        if selected {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        buf.set_style(
            Rect {
                x: x + at as u16,
                y,
                width: b.len() as u16,
                height: 1,
            },
            style,
        );
    }
}

/// The lines a card takes in a column of the given width; `other` labels
/// the versions a merge left on it.
fn card_lines(
    card: &Card,
    (tags, other): (&[Tag], &str),
    width: usize,
    selected: bool,
) -> Vec<(String, Style)> {
    let mut text = card.text.clone();
    if !card.refs.is_empty() {
        let refs: Vec<String> = card.refs.iter().map(u32::to_string).collect();
        let refs = refs.join(", ");
        // Imported cards often keep the numbers in their text already.
        if !card.text.contains(&refs) {
            text.push_str(&format!(" ({refs})"));
        }
    }
    if let Some(p) = &card.person {
        text.push_str(&format!(" – {p}"));
    }
    if card.votes > 0 {
        text.push_str(&format!(" ●{}", card.votes));
    }
    for (badge, _) in flag_badges(&card.flags) {
        text.push(' ');
        text.push_str(&badge);
    }
    for t in &card.tags {
        text.push(' ');
        text.push_str(&tags::short_label(tags, t));
    }
    let mut style = Style::default();
    if card.flags.emphasis {
        style = style.add_modifier(Modifier::BOLD);
    }
    if card.flags.struck {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    if card.flags.uncertain {
        style = style.fg(Color::Yellow);
    }
    let mut out = Vec::new();
    let bullet = if selected { "▸ " } else { "• " };
    for (i, line) in wrap(&text, width.saturating_sub(2)).into_iter().enumerate() {
        let prefix = if i == 0 { bullet } else { "  " };
        out.push((format!("{prefix}{line}"), style));
    }
    let sub_style = Style::default().fg(Color::Gray);
    if !card.interested.is_empty() {
        let people = card.interested.join(", ");
        for (i, line) in wrap(&people, width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let prefix = if i == 0 { "  + " } else { "    " };
            out.push((format!("{prefix}{line}"), sub_style));
        }
    }
    for p in &card.sub_points {
        for (i, line) in wrap(p, width.saturating_sub(4)).into_iter().enumerate() {
            let prefix = if i == 0 { "  ↳ " } else { "    " };
            out.push((format!("{prefix}{line}"), sub_style));
        }
    }
    let conflict_style = Style::default().fg(Color::LightMagenta);
    for version in &card.conflict {
        let text = format!("{other}{}", version.full_text());
        for line in wrap(&text, width.saturating_sub(2)) {
            out.push((format!("  {line}"), conflict_style));
        }
    }
    out
}

/// Cyan and bold for the column with the cursor, else `other`.
fn highlight(current: bool, other: Style) -> Style {
    if current {
        Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_scroll_so_the_current_one_is_visible() {
        assert_eq!(visible_columns(3, 0, 120), (0, 3));
        assert_eq!(visible_columns(8, 0, 60), (0, 2));
        assert_eq!(visible_columns(8, 5, 60), (4, 6));
        assert_eq!(visible_columns(8, 7, 20), (7, 8));
    }

    #[test]
    fn the_anchor_card_is_always_in_view() {
        let cards: Vec<Card> = (0..1000)
            .map(|i| Card::new(format!("k{i}"), format!("Karte {i}")))
            .collect();
        assert_eq!(first_visible(&cards, (&[], ""), Some(3), 20, 10), 0);
        let first = first_visible(&cards, (&[], ""), Some(999), 20, 10);
        assert_eq!(first, 990);
    }
}
