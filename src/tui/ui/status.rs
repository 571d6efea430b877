//! The status bar: mode, saved or not, counts, and the last message with its severity.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::super::app::{App, Mode, Screen, Severity};
use super::super::i18n::Msg;
use super::truncate;
use super::width_of;

fn mode_label(app: &App) -> Msg {
    if app.help.is_some() {
        return Msg::ModeHelp;
    }
    match (&app.mode, app.screen) {
        (Mode::Entry(e), _) => match e.target {
            super::super::app::EntryTarget::New { .. } => Msg::ModeEntry,
            super::super::app::EntryTarget::Edit { .. } => Msg::ModeEdit,
        },
        (Mode::Form(_), _) => Msg::ModeForm,
        (Mode::Picker(_), _) => Msg::ModePicker,
        (Mode::Search(_), _) => Msg::ModeSearch,
        (Mode::Review(_), _) => Msg::ModeReview,
        (Mode::Export(_), _) => Msg::ModeExport,
        (Mode::Measures(_), _) => Msg::ModeMeasures,
        (Mode::Confirm(_), _) => Msg::ModeForm,
        (Mode::Normal, Screen::Start) => Msg::ModeStart,
        (Mode::Normal, Screen::Board) => Msg::ModeBoard,
    }
}

/// The counts at the right end of the bar, most important first: where
/// the cursor is, then the totals. Where the bar is too narrow, whole parts
/// are left off from the end, never a number cut short.
fn counts(app: &App) -> Vec<String> {
    let t = |m| app.t(m);
    if let (Mode::Measures(_), Some(doc)) = (&app.mode, &app.doc) {
        let m = &doc.session.measures;
        let done = m
            .iter()
            .filter(|m| m.status == crate::core::model::Status::Done)
            .count();
        return vec![Msg::MeasureCount.fill(app.lang, &[("n", &m.len()), ("done", &done)])];
    }
    if let Mode::Review(_) = &app.mode {
        // The review's own counts are in its header; what was decided
        // needs the room more than the board's cursor.
        return Vec::new();
    }
    match (&app.doc, app.screen) {
        (Some(doc), Screen::Board) => {
            let mut parts = Vec::new();
            if let Some(board) = doc.board() {
                parts.push(format!(
                    "{} {}/{}",
                    t(Msg::Column),
                    doc.cursor.column + 1,
                    board.columns.len()
                ));
                if let Some(column) = doc.column() {
                    let at = doc.card_index().map_or(0, |i| i + 1);
                    parts.push(format!("{} {at}/{}", t(Msg::Card), column.cards.len()));
                }
            }
            parts.push(format!("{}: {}", t(Msg::Boards), doc.session.boards.len()));
            parts.push(format!("{}: {}", t(Msg::Cards), doc.session.card_count()));
            parts
        }
        _ => vec![format!("{}: {}", t(Msg::Sessions), app.sessions.len())],
    }
}

/// As many of `parts` as fit in `room` columns, joined.
fn fitting(parts: &[String], room: usize) -> String {
    let mut out = String::new();
    for part in parts {
        let next = if out.is_empty() {
            part.clone()
        } else {
            format!("{out} · {part}")
        };
        if width_of(&next) > room {
            break;
        }
        out = next;
    }
    out
}

pub fn draw(buf: &mut Buffer, app: &App, area: Rect) {
    let bar = Style::default().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, bar);
    let mode = format!(" {} ", app.t(mode_label(app)));
    let mut x = area.x;
    let right_edge = area.x + area.width;
    let put = |buf: &mut Buffer, x: &mut u16, s: &str, style: Style| {
        if *x >= right_edge {
            return;
        }
        let (nx, _) = buf.set_stringn(*x, area.y, s, (right_edge - *x) as usize, style);
        *x = nx;
    };
    put(
        buf,
        &mut x,
        &mode,
        Style::default()
            .bg(Color::Cyan)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
    );
    if let (Some(doc), Screen::Board) = (&app.doc, app.screen) {
        let (label, style) = if doc.read_only {
            (
                format!(" ⊘ {} ", app.t(Msg::StateReadOnly)),
                bar.fg(Color::LightRed),
            )
        } else if doc.file.as_ref().is_some_and(|f| f.unrecorded() > 0) {
            // Shown on screen, but neither in the file nor in the journal.
            (
                format!(" ✖ {} ", app.t(Msg::StateNotOnDisk)),
                Style::default()
                    .bg(Color::Red)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD),
            )
        } else if doc.dirty {
            (
                format!(" ● {} ", app.t(Msg::StateUnsaved)),
                bar.fg(Color::Yellow),
            )
        } else {
            (
                format!(" ✓ {} ", app.t(Msg::StateSaved)),
                bar.fg(Color::LightGreen),
            )
        };
        put(buf, &mut x, &label, style);
    }
    let room = (right_edge.saturating_sub(x) as usize).saturating_sub(2);
    let mut counts = fitting(&counts(app), room);
    // A warning or error that does not fit beside the counts is worth more
    // than they are (who has the session open, what was recovered).
    if let Some(status) = app.shown_status().filter(|s| s.severity > Severity::Info) {
        let needed = width_of(&status.text) as u16 + 4 + width_of(&counts) as u16;
        if x + needed > right_edge {
            counts.clear();
        }
    }
    let counts_len = width_of(&counts) as u16 + 1;
    let counts_x = right_edge.saturating_sub(counts_len).max(x);
    if let Some(status) = app.shown_status() {
        let style = match status.severity {
            Severity::Info => bar,
            Severity::Warning => bar.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Error => Style::default()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
        };
        let mark = match status.severity {
            Severity::Info => "",
            Severity::Warning => "⚠ ",
            Severity::Error => "✖ ",
        };
        let room = counts_x.saturating_sub(x + 1) as usize;
        let text = format!(" {mark}{}", status.text.replace('\n', " "));
        put(buf, &mut x, &truncate(&text, room), style);
    }
    if counts_x >= x {
        buf.set_stringn(counts_x, area.y, &counts, counts_len as usize, bar);
    }
}

/// The blue title bar on the first row of `area`: `stellwand · title`.
pub fn title_bar(buf: &mut Buffer, area: Rect, title: &str) {
    let bar = Style::default().bg(Color::Blue).fg(Color::White);
    buf.set_style(Rect { height: 1, ..area }, bar);
    buf.set_stringn(
        area.x + 1,
        area.y,
        format!("stellwand · {title}"),
        area.width.saturating_sub(2) as usize,
        bar.add_modifier(Modifier::BOLD),
    );
}

/// The last two rows of `area`: the screen's key hints in grey above the
/// status line.
pub fn footer(buf: &mut Buffer, app: &App, area: Rect, hints: &str) {
    buf.set_stringn(
        area.x + 1,
        (area.y + area.height).saturating_sub(2),
        hints,
        area.width.saturating_sub(2) as usize,
        Style::default().fg(Color::DarkGray),
    );
    let y = (area.y + area.height).saturating_sub(1);
    draw(
        buf,
        app,
        Rect {
            y,
            height: 1,
            ..area
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::tags::tests::{new_session_form, type_then};
    use crate::tui::update::update;

    fn bar_text(app: &App, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        draw(&mut buf, app, area);
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_narrow_bar_leaves_counts_off_whole_and_never_cuts_a_number() {
        let (_dir, mut app) = new_session_form();
        type_then(&mut app, "Stadtteilkonferenz", Action::Commit);
        update(&mut app, Action::AddCard);
        type_then(&mut app, "Wartelisten Kita", Action::Commit);
        app.status = None;
        let parts = counts(&app);
        assert!(parts.len() >= 3, "{parts:?}");
        let joins: Vec<String> = (1..=parts.len()).map(|k| parts[..k].join(" · ")).collect();
        let wide = bar_text(&app, 200);
        let whole = joins.last().unwrap();
        assert!(wide.trim_end().ends_with(whole.as_str()), "{wide}");
        let left = wide[..wide.find(whole.as_str()).unwrap()]
            .trim_end()
            .to_string();
        for width in width_of(&left) as u16 + 1..120 {
            let line = bar_text(&app, width);
            let line = line.trim_end();
            assert!(
                line == left || joins.iter().any(|j| line.ends_with(&format!(" {j}"))),
                "width {width}: {line:?}"
            );
        }
    }
}
