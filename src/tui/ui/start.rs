//! The start screen: the sessions of the folder, to open one or create one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::super::app::App;
use super::super::i18n::Msg;
use super::width_of;
use super::{status, truncate};
use crate::core::error::FileProblem;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let buf = frame.buffer_mut();
    let header = Rect { height: 1, ..area };
    let title = format!(
        "stellwand · {}",
        Msg::StartTitle.fill(app.lang, &[("dir", &app.dir_label)])
    );
    let head_style = Style::default()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD);
    buf.set_style(header, head_style);
    buf.set_stringn(
        area.x + 1,
        area.y,
        &title,
        area.width.saturating_sub(2) as usize,
        head_style,
    );
    let width = area.width.saturating_sub(4) as usize;
    let x = area.x + 2;
    let mut y = area.y + 2;
    let bottom = area.y + area.height - 2;
    if app.sessions.is_empty() {
        let msg = if app.dir.is_dir() {
            app.t(Msg::StartEmpty).to_string()
        } else {
            Msg::StartNoFolder.fill(app.lang, &[("dir", &app.dir_label)])
        };
        for line in super::wrap(&msg, width) {
            buf.set_stringn(x, y, &line, width, Style::default());
            y += 1;
        }
    } else {
        // Date, boards and cards in fixed columns; the title takes the rest.
        let counts_head = format!("{:>6} {:>7}", app.t(Msg::Boards), app.t(Msg::Cards));
        let title_width = width.saturating_sub(2 + 11 + width_of(&counts_head) + 2);
        let head = format!(
            "  {:<10} {:<title_width$}  {counts_head}",
            app.t(Msg::HeadDate),
            app.t(Msg::HeadTitle)
        );
        buf.set_stringn(
            x,
            y,
            &head,
            width,
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        );
        y += 1;
        let rows = (bottom - y) as usize;
        // Keep the selected session in view.
        let first = (app.start_selected + 1).saturating_sub(rows.max(1));
        for (i, s) in app.sessions.iter().enumerate().skip(first) {
            if y + 1 > bottom {
                break;
            }
            let selected = i == app.start_selected;
            let marker = if selected { "▸ " } else { "  " };
            let line = match &s.error {
                Some(err) if s.boards == 0 && s.cards == 0 && s.date.is_empty() => {
                    // The folder is in the title; the file name and place say the rest.
                    let name = s
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    let text = format!(
                        "{name}:{}:{}: {}",
                        err.line.max(1),
                        err.column.max(1),
                        err.message(app.lang)
                    );
                    format!(
                        "{marker}{:<10} {}",
                        "—",
                        truncate(&text, width.saturating_sub(13))
                    )
                }
                _ => format!(
                    "{marker}{:<10} {:<title_width$}  {:>6} {:>7}",
                    s.date,
                    truncate(&s.title, title_width),
                    s.boards,
                    s.cards
                ),
            };
            let mut style = if s.error.is_some() {
                Style::default().fg(Color::LightRed)
            } else {
                Style::default()
            };
            if selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            buf.set_stringn(x, y, &line, width, style);
            y += 1;
            // A file refused for duplicate ids offers its repair beneath.
            if selected
                && s.error
                    .as_ref()
                    .is_some_and(|e| matches!(e.problem, FileProblem::DuplicateId(_)))
                && y < bottom
            {
                let text = format!("    {}", app.t(Msg::RepairHint));
                buf.set_stringn(x, y, &text, width, Style::default().fg(Color::Yellow));
                y += 1;
            }
            // A readable but read-only file shows its warning beneath.
            if let Some(err) = &s.error
                && !(s.boards == 0 && s.cards == 0 && s.date.is_empty())
                && y < bottom
            {
                let text = format!("    ⚠ {}", err.message(app.lang));
                buf.set_stringn(x, y, &text, width, Style::default().fg(Color::Yellow));
                y += 1;
            }
        }
    }
    let hints = super::fit_hints(
        app.t(Msg::StartHints),
        area.width.saturating_sub(2) as usize,
    );
    status::footer(buf, app, area, &hints);
}
