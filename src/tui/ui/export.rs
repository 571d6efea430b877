//! The export dialog over the board: the folder question, then the preview
//! of every file (new, changed, unchanged, with +/- lines) and the selected
//! file's content or diff.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::core::export::Change;

use super::super::app::App;
use super::super::export::{ExportDialog, LineKind, Preview, Stage};
use super::super::i18n::Msg;
use super::width_of;
use super::{centered, truncate, wrap};

/// Rows of problems shown at most before "…".
const PROBLEM_ROWS: usize = 6;

pub fn draw(frame: &mut Frame, app: &App, dialog: &ExportDialog, area: Rect) {
    match &dialog.stage {
        Stage::AskCreate => ask(frame, app, dialog, area),
        Stage::Preview(p) => preview(frame, app, dialog, p, area),
    }
}

/// Clears `rect` and draws a double frame in `color` with the title on top
/// and the hint below; the inside.
fn framed(buf: &mut Buffer, rect: Rect, title: &str, hint: &str, color: Color) -> Rect {
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::default().fg(color))
        .title(format!(" {title} "))
        .title_bottom(format!(" {hint} "));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

fn ask(frame: &mut Frame, app: &App, dialog: &ExportDialog, area: Rect) {
    let question = Msg::ExportAskCreate.fill(app.lang, &[("dir", &dialog.dir_label)]);
    let width = 76.min(area.width);
    let lines = wrap(&question, width.saturating_sub(4) as usize);
    let rect = centered(area, width, lines.len() as u16 + 4);
    let buf = frame.buffer_mut();
    let hint = app.t(Msg::ExportAskHint);
    let inner = framed(buf, rect, app.t(Msg::FormExport), hint, Color::Yellow);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    super::write_lines(buf, inner, inner.y + 1, &lines, bold);
}

fn preview(frame: &mut Frame, app: &App, dialog: &ExportDialog, p: &Preview, area: Rect) {
    // The status bar (last line) stays visible for the result.
    let rect = Rect {
        x: area.x,
        y: area.y,
        width: area.width,
        height: area.height.saturating_sub(1),
    };
    let buf = frame.buffer_mut();
    let hint = app.t(Msg::ExportHint);
    let inner = framed(buf, rect, app.t(Msg::ExportTitle), hint, Color::Cyan);
    if inner.width < 20 || inner.height < 6 {
        return;
    }
    let w = inner.width.saturating_sub(2) as usize;
    let x = inner.x + 1;
    let mut y = inner.y;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let suggestions = app.t(if dialog.options.suggestions {
        Msg::Yes
    } else {
        Msg::No
    });
    let target = Msg::ExportTarget.fill(
        app.lang,
        &[
            ("dir", &dialog.dir_label),
            ("format", &app.t(dialog.options.format_label())),
            ("suggestions", &suggestions),
        ],
    );
    buf.set_stringn(x, y, truncate(&target, w), w, bold);
    y += 1;
    let (new, changed, same) = p.counts();
    let mut counts = Msg::ExportCounts.fill(
        app.lang,
        &[("new", &new), ("changed", &changed), ("same", &same)],
    );
    if p.plan.create_dir {
        counts.push_str(" · ");
        counts.push_str(app.t(Msg::ExportCreateDir));
    }
    buf.set_stringn(x, y, truncate(&counts, w), w, Style::default());
    y += 1;
    if !p.plan.problems.is_empty() {
        let red = Style::default().fg(Color::LightRed);
        buf.set_stringn(
            x,
            y,
            truncate(app.t(Msg::ExportProblemsHead), w),
            w,
            red.add_modifier(Modifier::BOLD),
        );
        y += 1;
        // Each problem wrapped; at most a few rows, then how many more.
        let n = p.plan.problems.len();
        let budget = PROBLEM_ROWS.min(inner.height.saturating_sub(8) as usize);
        let mut rows = 0;
        for (i, problem) in p.plan.problems.iter().enumerate() {
            let lines = wrap(&problem.render(app.lang), w.saturating_sub(2));
            if rows + lines.len() > budget {
                buf.set_stringn(x, y, format!("✖ … +{}", n - i), w, red);
                y += 1;
                break;
            }
            for (j, line) in lines.iter().enumerate() {
                let lead = if j == 0 { "✖ " } else { "  " };
                buf.set_stringn(x, y, format!("{lead}{line}"), w, red);
                y += 1;
            }
            rows += lines.len();
        }
    }
    let rule: String = "─".repeat(inner.width as usize);
    buf.set_stringn(
        inner.x,
        y,
        &rule,
        inner.width as usize,
        Style::default().fg(Color::DarkGray),
    );
    y += 1;
    let body = Rect {
        x: inner.x,
        y,
        width: inner.width,
        height: (inner.y + inner.height).saturating_sub(y),
    };
    if body.height == 0 {
        return;
    }
    if p.plan.files.is_empty() {
        buf.set_stringn(x, y, app.t(Msg::ExportNoFiles), w, Style::default());
        return;
    }
    let list_width = (inner.width * 2 / 5).clamp(24, 48).min(inner.width / 2);
    file_list(
        buf,
        app,
        dialog,
        p,
        Rect {
            width: list_width,
            ..body
        },
    );
    for row in body.y..body.y + body.height {
        buf.set_stringn(
            body.x + list_width,
            row,
            "│",
            1,
            Style::default().fg(Color::DarkGray),
        );
    }
    let view = Rect {
        x: body.x + list_width + 2,
        y: body.y,
        width: body.width.saturating_sub(list_width + 3),
        height: body.height,
    };
    file_view(buf, app, dialog, p, view);
}

/// A file's name as shown: inside the target folder, relative to it.
fn name(dialog: &ExportDialog, p: &Preview, i: usize) -> String {
    let f = &p.plan.files[i];
    f.path
        .strip_prefix(&dialog.dir)
        .unwrap_or(&f.path)
        .display()
        .to_string()
}

fn file_list(buf: &mut Buffer, app: &App, dialog: &ExportDialog, p: &Preview, area: Rect) {
    let rows = area.height as usize;
    let first = (p.selected + 1).saturating_sub(rows);
    let width = area.width.saturating_sub(1) as usize;
    let kind = |change: &Change| match change {
        Change::Added => (Msg::ExportNew, Color::LightGreen),
        Change::Changed => (Msg::ExportChanged, Color::Yellow),
        Change::Unchanged => (Msg::ExportUnchanged, Color::Gray),
    };
    // The names get the room the words of the files listed leave.
    let label_width = p
        .plan
        .files
        .iter()
        .map(|f| width_of(app.t(kind(&f.change).0)))
        .max()
        .unwrap_or(0);
    for (row, i) in (first..p.plan.files.len()).take(rows).enumerate() {
        let f = &p.plan.files[i];
        let (label, color) = kind(&f.change);
        let lines = match f.change {
            Change::Unchanged => String::new(),
            _ => format!(" +{} -{}", f.added, f.removed),
        };
        let marker = if i == p.selected { "▸" } else { " " };
        let head = format!("{marker}{:<label_width$} ", app.t(label));
        let room = width.saturating_sub(width_of(&head) + width_of(&lines));
        // The counts in a column of their own.
        let shown = truncate(&name(dialog, p, i), room);
        let pad = " ".repeat(room.saturating_sub(width_of(&shown)));
        let line = format!("{head}{shown}{pad}{lines}");
        let mut style = Style::default().fg(color);
        if i == p.selected {
            style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        buf.set_stringn(area.x + 1, area.y + row as u16, line, width, style);
    }
}

fn file_view(buf: &mut Buffer, app: &App, dialog: &ExportDialog, p: &Preview, area: Rect) {
    let Some(f) = p.file() else { return };
    let what = match f.change {
        Change::Added => Msg::ExportViewNew,
        Change::Changed if p.whole => Msg::ExportViewWhole,
        Change::Changed => Msg::ExportViewDiff,
        Change::Unchanged => Msg::ExportViewSame,
    };
    let width = area.width as usize;
    let head = format!("{} — {}", name(dialog, p, p.selected), app.t(what));
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&head, width),
        width,
        Style::default().add_modifier(Modifier::BOLD),
    );
    // Long lines are wrapped, each logical line starting on a new row.
    let rows = area.height.saturating_sub(1);
    let mut row = 0;
    for (kind, text) in p.view.iter().skip(p.scroll) {
        let (mark, style) = match kind {
            LineKind::Same => ("  ", Style::default()),
            LineKind::Added if f.change == Change::Added => ("  ", Style::default()),
            LineKind::Added => ("+ ", Style::default().fg(Color::LightGreen)),
            LineKind::Removed => ("- ", Style::default().fg(Color::LightRed)),
            LineKind::Note => ("", Style::default().fg(Color::DarkGray)),
        };
        // Control characters from a file never reach the terminal.
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { '·' } else { c })
            .collect();
        let room = width.saturating_sub(width_of(mark)).max(1);
        for (i, part) in wrap(&clean, room).into_iter().enumerate() {
            if row >= rows {
                return;
            }
            let lead = if i == 0 { mark } else { "  " };
            buf.set_stringn(
                area.x,
                area.y + 1 + row,
                format!("{lead}{part}"),
                width,
                style,
            );
            row += 1;
        }
    }
}
