//! The help overlay: every key of the key table, by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::super::app::{App, Mode, Screen};
use super::super::export::Stage;
use super::super::i18n::Msg;
use super::super::keymap::{Context, binding_label, bindings};
use super::centered;
use super::width_of;

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

pub fn draw(frame: &mut Frame, app: &App, offset: usize, area: Rect) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(Color::Cyan))
        .title(format!(" {} ", app.t(Msg::HelpTitle)))
        .title_bottom(format!(" {} ", app.t(Msg::HelpHint)));
    let inner = block.inner(rect);
    block.render(rect, frame.buffer_mut());
    let all = lines(app);
    let key_width = all
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| width_of(k)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let offset = offset.min(all.len().saturating_sub(inner.height as usize));
    let buf = frame.buffer_mut();
    for (i, (keys, text)) in all
        .iter()
        .skip(offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        let width = inner.width.saturating_sub(2) as usize;
        match keys {
            None => {
                buf.set_stringn(
                    inner.x + 1,
                    y,
                    text,
                    width,
                    Style::default()
                        .fg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                );
            }
            Some(keys) => {
                let line = format!("  {keys:<key_width$}  {text}");
                buf.set_stringn(inner.x + 1, y, &line, width, Style::default());
            }
        }
    }
}
