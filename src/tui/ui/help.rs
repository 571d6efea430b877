//! The help overlay: every key of the key table, by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::super::app::{App, Mode, Screen};
use super::super::export::Stage;
use super::super::i18n::Msg;
use super::super::keymap::{Context, binding_label, bindings};
use super::{centered, width_of, wrap};

/// The help text as (keys, description) lines; section headings have no keys.
pub fn lines(app: &App) -> Vec<(Option<String>, String)> {
    let all = [
        (Context::Global, Msg::CtxGlobal),
        (Context::Start, Msg::CtxStart),
        (Context::Board, Msg::CtxBoard),
        (Context::Entry, Msg::CtxEntry),
        (Context::Form, Msg::CtxForm),
        (Context::Picker, Msg::CtxPicker),
        (Context::Search, Msg::CtxSearch),
        (Context::Review, Msg::CtxReview),
        (Context::Export, Msg::CtxExport),
        (Context::ExportAsk, Msg::CtxExportAsk),
        (Context::Measures, Msg::CtxMeasures),
        (Context::Help, Msg::CtxHelp),
    ];
    // The keys of where the help was opened come right after the global ones.
    let here = match (&app.mode, app.screen) {
        (Mode::Entry(_), _) => Context::Entry,
        (Mode::Form(_), _) => Context::Form,
        (Mode::Picker(_), _) => Context::Picker,
        (Mode::Search(_), _) => Context::Search,
        (Mode::Review(r), _) if r.picker.is_some() || r.rename.is_some() => Context::Picker,
        (Mode::Review(_), _) => Context::Review,
        (Mode::Export(d), _) if d.stage == Stage::AskCreate => Context::ExportAsk,
        (Mode::Export(_), _) => Context::Export,
        (Mode::Measures(_), _) => Context::Measures,
        (Mode::Confirm(_), _) => Context::Board,
        (Mode::Normal, Screen::Start) => Context::Start,
        (Mode::Normal, Screen::Board) => Context::Board,
    };
    let mut sections = vec![all[0]];
    sections.extend(all.iter().filter(|(c, _)| *c == here));
    sections.extend(all.iter().skip(1).filter(|(c, _)| *c != here));
    let mut out = Vec::new();
    for (ctx, heading) in sections {
        if !out.is_empty() {
            out.push((None, String::new()));
        }
        out.push((None, app.t(heading).to_string()));
        for b in bindings().iter().filter(|b| b.context == ctx) {
            if let Some(help) = b.help {
                out.push((Some(binding_label(b)), app.t(help).to_string()));
            }
        }
    }
    out
}

/// A row of the overlay: a section heading (or a blank row), or keys
/// beside a line of their description; the rows a long description goes
/// on to have no keys.
enum Row {
    Heading(String),
    Keys(String, String),
}

/// The frame of the overlay on a terminal of `area`.
fn frame_of(area: Rect) -> Rect {
    centered(area, 100, area.height.saturating_sub(2))
}

/// The help laid out for rows `width` cells wide: the width of the keys'
/// column and the rows. A description longer than the room beside the keys
/// is wrapped onto the rows below; keys longer than their column (a third
/// of the row at most) stand on a row of their own.
fn layout(app: &App, width: usize) -> (usize, Vec<Row>) {
    let all = lines(app);
    let key_width = all
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| width_of(k)))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let room = width.saturating_sub(key_width + 4).max(8);
    let mut rows = Vec::new();
    for (keys, text) in all {
        let Some(keys) = keys else {
            rows.push(Row::Heading(text));
            continue;
        };
        let mut parts = wrap(&text, room).into_iter();
        let first = if width_of(&keys) > key_width {
            String::new()
        } else {
            parts.next().unwrap_or_default()
        };
        rows.push(Row::Keys(keys, first));
        rows.extend(parts.map(|p| Row::Keys(String::new(), p)));
    }
    (key_width, rows)
}

/// The largest scroll offset on a terminal of `area`: the last rows of
/// the help at the bottom of the overlay.
pub fn last_offset(app: &App, area: Rect) -> usize {
    let inner = Block::default().borders(Borders::ALL).inner(frame_of(area));
    let (_, rows) = layout(app, inner.width.saturating_sub(2) as usize);
    rows.len().saturating_sub(inner.height as usize)
}

pub fn draw(frame: &mut Frame, app: &App, offset: usize, area: Rect) {
    let rect = frame_of(area);
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(Color::Cyan))
        .title(format!(" {} ", app.t(Msg::HelpTitle)))
        .title_bottom(format!(" {} ", app.t(Msg::HelpHint)));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let width = inner.width.saturating_sub(2) as usize;
    let (key_width, rows) = layout(app, width);
    let offset = offset.min(rows.len().saturating_sub(inner.height as usize));
    let buf = frame.buffer_mut();
    for (i, row) in rows
        .iter()
        .skip(offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        let (line, style) = match row {
            Row::Heading(text) => (
                text.clone(),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ),
            Row::Keys(keys, text) => (format!("  {keys:<key_width$}  {text}"), Style::default()),
        };
        buf.set_stringn(inner.x + 1, y, &line, width, style);
    }
}

#[cfg(test)]
mod tests {
    use crate::core::error::Lang;
    use crate::core::template::Templates;
    use crate::tui::action::Action;
    use crate::tui::app::App;
    use crate::tui::update::update;

    /// The help opened on the start screen of a `width` × `height` terminal.
    fn help_at(width: u16, height: u16) -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
        app.size = (width, height);
        update(&mut app, Action::Help);
        assert_eq!(app.help, Some(0));
        (dir, app)
    }

    /// The screen's rows.
    fn rows(app: &App) -> Vec<String> {
        let (width, height) = app.size;
        let backend = ratatui::backend::TestBackend::new(width, height);
        let mut t = ratatui::Terminal::new(backend).unwrap();
        t.draw(|f| crate::tui::ui::draw(f, app)).unwrap();
        let buf = t.backend().buffer();
        (0..height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    /// White space folded to single spaces.
    fn folded(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_description_can_be_read_whole_at_80_columns() {
        let (_dir, mut app) = help_at(80, 24);
        // The help's rows in order, scrolled through with ↓ one at a time.
        let mut screen = rows(&app);
        let inside = |row: &str| row.trim_matches([' ', '║']).to_string();
        let mut read: Vec<String> = screen[2..22].iter().map(|r| inside(r)).collect();
        for _ in 0..1000 {
            update(&mut app, Action::Down);
            let next = rows(&app);
            if next == screen {
                break;
            }
            read.push(inside(&next[21]));
            screen = next;
        }
        let read = folded(&read.join(" "));
        for (keys, text) in super::lines(&app) {
            if keys.is_some() {
                assert!(
                    read.contains(&folded(&text)),
                    "{text:?} not whole in:\n{read}"
                );
            }
        }
    }

    #[test]
    fn up_moves_at_once_after_scrolling_past_the_end() {
        let (_dir, mut app) = help_at(80, 24);
        for _ in 0..500 {
            update(&mut app, Action::Down);
        }
        let end = rows(&app);
        update(&mut app, Action::Up);
        assert_ne!(rows(&app), end, "↑ did not move the help");
    }
}
