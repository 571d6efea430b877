//! The card editor box: the text wrapped to the box, the card's fields
//! below it, its flags in the title, the cursor where the typing goes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::core::template::CardField;

use super::super::app::App;
use super::super::editor::Editor;
use super::super::entry::{Entry, Focus};
use super::super::i18n::Msg;
use super::board::flag_badges;
use super::width_of;
use unicode_width::UnicodeWidthChar;

/// The text word-wrapped into rows of at most `width` terminal cells, and
/// the cursor's row and column (in cells).
fn layout(editor: &Editor, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let text = editor.text();
    // Rows as byte ranges of the text.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut row_start = base;
        let mut count = 0;
        let mut after_space: Option<usize> = None;
        for (i, c) in line.char_indices() {
            let at = base + i;
            let cells = UnicodeWidthChar::width(c).unwrap_or(0);
            if count > 0 && count + cells > width {
                // Break after the last space of the row, or within a long word.
                let brk = after_space.filter(|&b| b > row_start).unwrap_or(at);
                rows.push((row_start, brk));
                count = width_of(&text[brk..at]);
                row_start = brk;
                after_space = None;
            }
            count += cells;
            if c == ' ' {
                after_space = Some(at + 1);
            }
        }
        rows.push((row_start, base + line.len()));
        base += line.len() + 1;
    }
    let cur = editor.cursor();
    let mut cursor = (rows.len() - 1, 0);
    for (r, &(start, end)) in rows.iter().enumerate() {
        // At a soft break the cursor belongs to the start of the next row.
        let soft_break_follows = rows.get(r + 1).is_some_and(|&(next, _)| next == end);
        if start <= cur && (cur < end || (cur == end && !soft_break_follows)) {
            cursor = (r, width_of(&text[start..cur]));
            break;
        }
    }
    let mut rows: Vec<String> = rows.iter().map(|&(s, e)| text[s..e].to_string()).collect();
    if cursor.1 >= width {
        // A full row: the cursor waits at the start of the next one.
        rows.insert(cursor.0 + 1, String::new());
        cursor = (cursor.0 + 1, 0);
    }
    (rows, cursor)
}

/// The label of a card field.
pub fn field_label(f: CardField) -> Msg {
    match f {
        CardField::Person => Msg::FieldPerson,
        CardField::Number => Msg::FieldNumber,
        CardField::Votes => Msg::FieldVotes,
        CardField::Interested => Msg::FieldInterested,
    }
}

/// Height of the card editor: its text, one row per field shown, the frame.
pub fn entry_height(entry: &Entry, width: u16, max: u16) -> u16 {
    let (rows, _) = layout(&entry.editor, width.saturating_sub(2) as usize);
    (rows.len() as u16 + entry.shown.len() as u16 + 2).clamp(3, max.max(3))
}

/// Draws the card editor: the title with the card's flags, the text, the
/// fields, and the terminal cursor where typing goes.
pub fn draw_entry(frame: &mut Frame, app: &App, entry: &Entry, title: &str, area: Rect) {
    let mut spans = vec![Span::raw(format!(" {title} "))];
    let badges = flag_badges(&entry.flags);
    for (text, style) in badges {
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(Style::default().fg(Color::Yellow))
        .title(Line::from(spans));
    let inner = block.inner(area);
    let buf = frame.buffer_mut();
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            if let Some(cell) = buf.cell_mut(Position { x, y }) {
                cell.reset();
            }
        }
    }
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    // The fields keep their rows; the text scrolls in what is left.
    let field_rows = (entry.shown.len() as u16).min(inner.height.saturating_sub(1));
    let text_area = Rect {
        height: inner.height - field_rows,
        ..inner
    };
    let cursor = draw_text(frame, &entry.editor, text_area, entry.focus == Focus::Text);
    let label_width = entry
        .shown
        .iter()
        .map(|f| app.t(field_label(*f)).chars().count())
        .max()
        .unwrap_or(0) as u16
        + 2;
    let mut field_cursor = None;
    for (i, f) in entry.shown.iter().take(field_rows as usize).enumerate() {
        let y = text_area.y + text_area.height + i as u16;
        let focused = entry.focus == Focus::Field(*f);
        let buf = frame.buffer_mut();
        let label = format!("{}:", app.t(field_label(*f)));
        buf.set_stringn(
            inner.x,
            y,
            &label,
            inner.width as usize,
            Style::default().fg(if focused { Color::Yellow } else { Color::Gray }),
        );
        let x = inner.x + label_width.min(inner.width / 2);
        let width = (inner.x + inner.width).saturating_sub(x) as usize;
        let e = entry.field(*f);
        let chars: Vec<char> = e.text().chars().collect();
        let col = e.text()[..e.cursor()].chars().count();
        let skip = (col + 1).saturating_sub(width);
        let shown: String = chars.iter().skip(skip).take(width).collect();
        let style = if focused {
            Style::default().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        if focused {
            buf.set_style(
                Rect {
                    x,
                    y,
                    width: width as u16,
                    height: 1,
                },
                style,
            );
            field_cursor = Some(Position {
                x: x + (col - skip) as u16,
                y,
            });
        }
        buf.set_stringn(x, y, &shown, width, style);
    }
    match (entry.focus, field_cursor) {
        (Focus::Field(_), Some(c)) => frame.set_cursor_position(c),
        _ => {
            if let Some(c) = cursor {
                frame.set_cursor_position(c);
            }
        }
    }
}

/// The text of the editor, scrolled so the cursor's row shows; where the
/// cursor is.
fn draw_text(frame: &mut Frame, editor: &Editor, inner: Rect, focused: bool) -> Option<Position> {
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    let (rows, (crow, ccol)) = layout(editor, inner.width as usize);
    let visible = inner.height as usize;
    // Typing in a field below: the text shows from its first line.
    let first = if focused {
        (crow + 1).saturating_sub(visible)
    } else {
        0
    };
    let buf = frame.buffer_mut();
    for (i, row) in rows.iter().skip(first).take(visible).enumerate() {
        buf.set_stringn(
            inner.x,
            inner.y + i as u16,
            row,
            inner.width as usize,
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
    (crow >= first && crow - first < visible).then(|| Position {
        x: inner.x + ccol as u16,
        y: inner.y + (crow - first) as u16,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_follows_wrapped_and_broken_lines() {
        let e = Editor::new("abcdef\nxy");
        let (rows, cursor) = layout(&e, 4);
        assert_eq!(rows, vec!["abcd", "ef", "xy"]);
        assert_eq!(cursor, (2, 2));
        let e = Editor::new("abcd");
        assert_eq!(layout(&e, 4).1, (1, 0));
        let mut e = Editor::new("Kita Plätze fehlen");
        assert_eq!(layout(&e, 8).0, vec!["Kita ", "Plätze ", "fehlen"]);
        assert_eq!(layout(&e, 8).1, (2, 6));
        for _ in 0..6 {
            e.left();
        }
        assert_eq!(layout(&e, 8).1, (2, 0));
        e.left();
        assert_eq!(layout(&e, 8).1, (1, 6));
        // Wide characters take two cells: the cursor column counts cells.
        let mut e = Editor::new("语言课程");
        e.left();
        assert_eq!(layout(&e, 4), (vec!["语言".into(), "课程".into()], (1, 2)));
    }
}
