//! What a terminal smaller than the layout shows instead of a broken screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::super::app::App;
use super::super::i18n::Msg;
use super::width_of;
use super::{MIN_HEIGHT, MIN_WIDTH, wrap};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let need = Msg::TooSmallNeed.fill(
        app.lang,
        &[
            ("need_w", &MIN_WIDTH),
            ("need_h", &MIN_HEIGHT),
            ("w", &area.width),
            ("h", &area.height),
        ],
    );
    let width = area.width.max(1) as usize;
    let mut lines = vec![(app.t(Msg::TooSmall).to_string(), true)];
    lines.extend(wrap(&need, width).into_iter().map(|l| (l, false)));
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let buf = frame.buffer_mut();
    for (i, (line, bold)) in lines.iter().enumerate() {
        let y = area.y + top + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let len = width_of(line) as u16;
        let x = area.x + area.width.saturating_sub(len) / 2;
        let style = if *bold {
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        buf.set_stringn(x, y, line, width, style);
    }
}
