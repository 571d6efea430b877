//! The search screen: the typed text, the hits best first with board and
//! column, matched letters highlighted.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use super::super::app::App;
use super::super::i18n::Msg;
use super::super::search::{Hit, MAX_HITS, Search};
use super::super::tags::short_label;
use super::tags::{highlighted, put_line};
use super::width_of;
use super::{status, truncate};

/// Width of the place (board · column) in front of each hit.
const PLACE_WIDTH: usize = 34;

pub fn draw(frame: &mut Frame, app: &App, search: &Search, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let (x, width) = super::inset(area);
    let buf = frame.buffer_mut();
    let title = Msg::SearchTitle.fill(app.lang, &[("session", &doc.session.title)]);
    status::title_bar(buf, area, &title);
    // The typed text, with the count on the right.
    let y = area.y + 2;
    let query = search.query.text();
    let prompt = format!("/ {query}");
    buf.set_stringn(
        x,
        y,
        &prompt,
        width as usize,
        Style::default().add_modifier(Modifier::BOLD),
    );
    let count = if query.trim().is_empty() {
        String::new()
    } else {
        let n = search.hits.len();
        let mut c = Msg::SearchCount.fill(
            app.lang,
            &[("hits", &n), ("cards", &doc.session.card_count())],
        );
        if n >= MAX_HITS {
            c.push(' ');
            c.push_str(&Msg::SearchMore.fill(app.lang, &[("n", &MAX_HITS)]));
        }
        c
    };
    let count_len = width_of(&count) as u16;
    buf.set_stringn(
        (x + width).saturating_sub(count_len),
        y,
        &count,
        count_len as usize,
        Style::default().fg(Color::Yellow),
    );
    buf.set_stringn(
        x,
        y + 1,
        "─".repeat(width as usize),
        width as usize,
        Style::default().fg(Color::DarkGray),
    );
    let list_top = y + 2;
    let list_bottom = (area.y + area.height).saturating_sub(2);
    let room = list_bottom.saturating_sub(list_top) as usize;
    if search.hits.is_empty() {
        let text = if query.trim().is_empty() {
            Msg::SearchEmpty
        } else {
            Msg::SearchNone
        };
        buf.set_stringn(
            x,
            list_top,
            app.t(text),
            width as usize,
            Style::default().fg(Color::DarkGray),
        );
    }
    let first = (search.selected + 1).saturating_sub(room);
    for (i, hit) in search.hits.iter().enumerate().skip(first).take(room) {
        let row_y = list_top + (i - first) as u16;
        draw_hit(
            frame,
            app,
            hit,
            i == search.selected,
            Rect {
                x,
                y: row_y,
                width,
                height: 1,
            },
        );
    }
    let buf = frame.buffer_mut();
    status::footer(buf, app, area, app.t(Msg::SearchHint));
    let cursor_x = x + width_of(&prompt) as u16;
    if cursor_x < x + width {
        frame.set_cursor_position(Position { x: cursor_x, y });
    }
}

fn draw_hit(frame: &mut Frame, app: &App, hit: &Hit, selected: bool, row: Rect) {
    let Some(doc) = &app.doc else { return };
    let base = if selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    let mark = base
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let board = doc.session.boards.get(hit.board);
    let place = board.map_or_else(String::new, |b| {
        let column = b.columns.get(hit.column).map_or("", |c| c.heading.as_str());
        format!("{} · {column}", b.title)
    });
    let place = truncate(&place, PLACE_WIDTH - 2);
    let buf = frame.buffer_mut();
    buf.set_style(row, base);
    let mut spans = vec![
        Span::styled(if selected { "▸ " } else { "  " }, base),
        Span::styled(
            format!("{place:<w$} ", w = PLACE_WIDTH - 2),
            base.fg(Color::Cyan),
        ),
    ];
    let tags: Vec<String> = doc.session.card(&hit.card).map_or_else(Vec::new, |c| {
        c.tags
            .iter()
            .map(|t| short_label(&doc.session.tags, t))
            .collect()
    });
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!("  {}", tags.join(" "))
    };
    // Long texts are shown from a little before the first matched letter.
    let room = (row.width as usize).saturating_sub(PLACE_WIDTH + 1 + width_of(&tags));
    let chars: Vec<char> = hit.text.chars().collect();
    let first = hit.indices.first().copied().unwrap_or(0);
    let start = if first + 10 > room {
        first.saturating_sub(8)
    } else {
        0
    };
    let mut text: String = chars.iter().skip(start).collect();
    let mut indices: Vec<usize> = hit
        .indices
        .iter()
        .filter(|&&i| i >= start)
        .map(|i| i - start)
        .collect();
    if start > 0 {
        text.insert(0, '…');
        indices.iter_mut().for_each(|i| *i += 1);
    }
    let text = truncate(&text, room);
    spans.extend(highlighted(&text, &indices, base, mark));
    spans.push(Span::styled(tags, base.fg(Color::Magenta)));
    put_line(buf, row.x, row.y, row.width, spans);
}
