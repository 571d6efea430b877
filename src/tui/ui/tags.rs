//! The fuzzy picker: typed text, the narrowed list with matched letters
//! highlighted, and for tagging the scope (card, column, board).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::super::app::App;
use super::super::i18n::Msg;
use super::super::tags::{Picker, Purpose, Scope};
use super::width_of;
use super::{centered, truncate};

/// Text with the letters at `indices` (char positions) highlighted.
pub(crate) fn highlighted<'a>(
    text: &str,
    indices: &[usize],
    base: Style,
    mark: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let m = indices.binary_search(&i).is_ok();
        if m != run_marked && !run.is_empty() {
            let style = if run_marked { mark } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    spans
}

/// Draws spans into one row, cut at `width` columns.
pub(crate) fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, spans: Vec<Span>) {
    Line::from(spans).render(
        Rect {
            x,
            y,
            width,
            height: 1,
        },
        buf,
    );
}

fn title(purpose: Purpose) -> Msg {
    match purpose {
        Purpose::Tag => Msg::PickTagTitle,
        Purpose::Filter => Msg::PickFilterTitle,
        Purpose::ThemeTag => Msg::PickThemeTagTitle,
        Purpose::MoveTo => Msg::PickMoveTitle,
        Purpose::MergeWith => Msg::PickMergeTitle,
        Purpose::Photo => Msg::PickPhotoTitle,
        Purpose::Column => Msg::PickColumnTitle,
    }
}

pub fn draw(frame: &mut Frame, app: &App, picker: &Picker, area: Rect) {
    let rows = picker.shown.len().clamp(1, 14) as u16;
    let extra = if picker.purpose == Purpose::Tag { 2 } else { 0 };
    let rect = centered(area, 84, rows + extra + 5);
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(Color::Yellow))
        .title(format!(" {} ", app.t(title(picker.purpose))))
        .title_bottom(format!(" {} ", app.t(Msg::PickHint)));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let buf = frame.buffer_mut();
    let width = inner.width.saturating_sub(2);
    let x = inner.x + 1;
    let mut y = inner.y;
    // The typed text.
    let query = picker.query();
    let prompt = "› ";
    buf.set_stringn(
        x,
        y,
        format!("{prompt}{query}"),
        width as usize,
        Style::default().add_modifier(Modifier::BOLD),
    );
    let cursor_x = x + (width_of(prompt) + width_of(query)) as u16;
    if cursor_x < x + width {
        frame.set_cursor_position(Position { x: cursor_x, y });
    }
    let buf = frame.buffer_mut();
    y += 1;
    if picker.purpose == Purpose::Tag {
        let mut spans = vec![Span::raw(format!("{} ", app.t(Msg::ScopeFor)))];
        for s in [Scope::Card, Scope::Column, Scope::Board] {
            let label = format!(" {} ", app.t(s.label()));
            spans.push(if s == picker.scope {
                Span::styled(
                    format!("[{label}]"),
                    Style::default()
                        .fg(Color::Black)
                        .bg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                )
            } else {
                Span::styled(format!(" {label} "), Style::default().fg(Color::Gray))
            });
        }
        spans.push(Span::styled(
            format!("  {}", app.t(Msg::ScopeSwitch)),
            Style::default().fg(Color::DarkGray),
        ));
        put_line(buf, x, y, width, spans);
        y += 2;
    }
    buf.set_stringn(
        x,
        y,
        "┄".repeat(width as usize),
        width as usize,
        Style::default().fg(Color::DarkGray),
    );
    y += 1;
    let room = (inner.y + inner.height).saturating_sub(y) as usize;
    if picker.shown.is_empty() {
        buf.set_stringn(
            x,
            y,
            app.t(Msg::PickNothing),
            width as usize,
            Style::default().fg(Color::DarkGray),
        );
        return;
    }
    let first = (picker.selected + 1).saturating_sub(room);
    for (i, shown) in picker.shown.iter().enumerate().skip(first).take(room) {
        let selected = i == picker.selected;
        let base = if selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let mark = base.fg(Color::Yellow).add_modifier(Modifier::BOLD);
        let row = Rect {
            x,
            y,
            width,
            height: 1,
        };
        buf.set_style(row, base);
        let mut spans = Vec::new();
        match shown.item {
            Some(idx) => {
                let item = &picker.items[idx];
                spans.push(Span::styled(format!("{:>2} ", item.key), base));
                let hint_len = width_of(&item.hint);
                let room = (width as usize).saturating_sub(4 + hint_len + 1);
                let label = truncate(&item.label, room);
                spans.extend(highlighted(&label, &shown.indices, base, mark));
                if !item.hint.is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", item.hint),
                        base.fg(Color::Green),
                    ));
                }
            }
            None => {
                let text = Msg::NewTagChoice.fill(app.lang, &[("tag", &query.trim())]);
                spans.push(Span::styled(" + ", base));
                spans.push(Span::styled(text, base.fg(Color::Cyan)));
            }
        }
        put_line(buf, x, y, width, spans);
        y += 1;
    }
}
