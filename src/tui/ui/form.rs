//! A dialog of labelled fields (new session, new board, board and session data).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::super::app::{App, Confirm, FieldKind, Form};
use super::super::i18n::Msg;
use super::width_of;
use super::{centered, truncate};

pub fn draw(frame: &mut Frame, app: &App, form: &Form, area: Rect) {
    let height = form.fields.len() as u16 * 2 + 4;
    let rect = centered(area, 76, height);
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(Color::Yellow))
        .title(format!(" {} ", app.t(form.title)));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let label_width = form
        .fields
        .iter()
        .map(|f| width_of(app.t(f.label)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2) as u16;
    let value_x = inner.x + label_width + 3;
    let value_width = (inner.x + inner.width).saturating_sub(value_x + 1) as usize;
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let y = inner.y + 1 + i as u16 * 2;
        if y >= inner.y + inner.height {
            break;
        }
        let focused = i == form.focus;
        let buf = frame.buffer_mut();
        let marker = if focused { "▸" } else { " " };
        buf.set_stringn(
            inner.x,
            y,
            format!("{marker}{}", app.t(field.label)),
            label_width as usize + 1,
            Style::default().add_modifier(if focused {
                Modifier::BOLD
            } else {
                Modifier::empty()
            }),
        );
        let value_style = if focused {
            Style::default().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::default().fg(Color::Gray)
        };
        buf.set_style(
            Rect {
                x: value_x,
                y,
                width: value_width as u16,
                height: 1,
            },
            value_style,
        );
        match &field.kind {
            FieldKind::Text(e) => {
                // Show the end of a long value, where the cursor usually is.
                let chars: Vec<char> = e.text().chars().collect();
                let cursor_col = width_of(&e.text()[..e.cursor()]);
                let skip = (cursor_col + 1).saturating_sub(value_width);
                let shown: String = chars.iter().skip(skip).take(value_width).collect();
                buf.set_stringn(value_x, y, &shown, value_width, value_style);
                if focused {
                    cursor = Some(Position {
                        x: value_x + (cursor_col - skip) as u16,
                        y,
                    });
                }
            }
            FieldKind::Choice { options, index } => {
                let label = options.get(*index).map_or("", |(_, l)| l.as_str());
                let text = format!("◀ {} ▶", truncate(label, value_width.saturating_sub(4)));
                buf.set_stringn(value_x, y, &text, value_width, value_style);
            }
        }
    }
    frame.buffer_mut().set_stringn(
        inner.x + 1,
        inner.y + inner.height - 1,
        app.t(Msg::FormHint),
        inner.width.saturating_sub(2) as usize,
        Style::default().fg(Color::DarkGray),
    );
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

/// A yes-or-no question in a box.
pub fn draw_confirm(frame: &mut Frame, app: &App, confirm: &Confirm, area: Rect) {
    let width = 70.min(area.width);
    let text = super::wrap(&confirm.question, width.saturating_sub(4) as usize);
    let hint = super::wrap(app.t(Msg::ConfirmHint), width.saturating_sub(4) as usize);
    let height = (text.len() + hint.len()) as u16 + 3;
    let rect = centered(area, width, height);
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(Color::LightRed));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let buf = frame.buffer_mut();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let y = super::write_lines(buf, inner, inner.y, &text, bold);
    super::write_lines(buf, inner, y + 1, &hint, Style::default().fg(Color::Gray));
}
