//! The card editor box: the text wrapped to the box, the cursor in it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use super::super::editor::Editor;

/// The text broken into rows of `width` characters, and the cursor's row and column.
fn layout(editor: &Editor, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut col = 0;
    let mut cursor = None;
    for (i, c) in editor.text().char_indices() {
        if i == editor.cursor() {
            cursor = Some((rows.len() - 1, col));
        }
        if c == '\n' {
            rows.push(String::new());
            col = 0;
            continue;
        }
        if col == width {
            rows.push(String::new());
            col = 0;
            if i == editor.cursor() {
                cursor = Some((rows.len() - 1, 0));
            }
        }
        if let Some(last) = rows.last_mut() {
            last.push(c);
        }
        col += 1;
    }
    let cursor = cursor.unwrap_or_else(|| {
        if col == width {
            rows.push(String::new());
            (rows.len() - 1, 0)
        } else {
            (rows.len() - 1, col)
        }
    });
    (rows, cursor)
}

/// Height of the editor box for its text, between 3 and `max` rows.
pub fn height(editor: &Editor, width: u16, max: u16) -> u16 {
    let (rows, _) = layout(editor, width.saturating_sub(2) as usize);
    (rows.len() as u16 + 2).clamp(3, max.max(3))
}

/// Draws the editor box and puts the terminal cursor into it.
pub fn draw(frame: &mut Frame, editor: &Editor, title: &str, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(Style::default().fg(Color::Yellow))
        .title(format!(" {title} "));
    let inner = block.inner(area);
    let buf = frame.buffer_mut();
    buf.set_style(area, Style::default());
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
    let (rows, (crow, ccol)) = layout(editor, inner.width as usize);
    let visible = inner.height as usize;
    // Scroll so that the cursor's row is in view.
    let first = (crow + 1).saturating_sub(visible);
    for (i, row) in rows.iter().skip(first).take(visible).enumerate() {
        buf.set_stringn(
            inner.x,
            inner.y + i as u16,
            row,
            inner.width as usize,
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
    frame.set_cursor_position(Position {
        x: inner.x + ccol as u16,
        y: inner.y + (crow - first) as u16,
    });
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
    }
}
