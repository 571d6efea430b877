//! The list of measures: status, title, Handlungsfeld and who is
//! responsible on one line each; the selected one's details below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::core::measures;
use crate::core::model::{Measure, Session, Status};

use super::super::app::App;
use super::super::i18n::Msg;
use super::super::measures::MeasureList;
use super::super::tags::short_label;
use super::tags::put_line;
use super::{status, truncate, wrap};

fn status_color(s: Status) -> Color {
    match s {
        Status::Planned => Color::Blue,
        Status::InProgress => Color::Yellow,
        Status::Done => Color::Green,
        Status::Deferred => Color::DarkGray,
    }
}

fn row(app: &App, session: &Session, m: &Measure, selected: bool) -> Vec<Span<'static>> {
    let base = if selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    let mut spans = vec![Span::styled(
        format!(" {:<15}", m.status.label(app.lang)),
        base.fg(status_color(m.status)).add_modifier(Modifier::BOLD),
    )];
    spans.push(Span::styled(
        truncate(&m.title, 60),
        base.add_modifier(Modifier::BOLD),
    ));
    if let Some(k) = &m.tag {
        spans.push(Span::styled(
            format!("  {}", short_label(&session.tags, k)),
            base.fg(Color::Magenta),
        ));
    }
    if m.actor.trim().is_empty() {
        spans.push(Span::styled(
            format!("  {}", app.t(Msg::MeasureNoActor)),
            base.fg(Color::LightRed),
        ));
    } else {
        spans.push(Span::styled(
            format!("  {}", truncate(&m.actor, 30)),
            base.fg(Color::Cyan),
        ));
    }
    spans
}

/// The selected measure's fields, history and source walls, as lines.
fn details(app: &App, session: &Session, m: &Measure, width: usize) -> Vec<(String, Style)> {
    let label = Style::default().fg(Color::DarkGray);
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut field = |name: Msg, value: &str| {
        if value.trim().is_empty() {
            return;
        }
        let text = format!("{}: {value}", app.t(name));
        for line in wrap(&text, width) {
            out.push((line, Style::default()));
        }
    };
    if let Some(k) = &m.tag {
        let name = session.tag(k).map_or(k.as_str(), |t| t.name.as_str());
        field(Msg::FieldField, name);
    }
    field(Msg::FieldActor, &m.actor);
    field(Msg::MeasurePartners, &m.partners.join(", "));
    field(Msg::FieldNextStep, &m.next_step);
    field(Msg::FieldIndicator, m.indicator.as_deref().unwrap_or(""));
    field(Msg::FieldTarget, m.target.as_deref().unwrap_or(""));
    let history: Vec<String> = m
        .history
        .iter()
        .map(|c| format!("{} {}", c.status.label(app.lang), c.date))
        .collect();
    field(Msg::MeasureHistory, &history.join(" → "));
    field(Msg::MeasureSources, &measures::walls(session, m).join(", "));
    if out.is_empty() {
        out.push((String::new(), label));
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, list: &MeasureList, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let session = &doc.session;
    let (x, width) = super::inset(area);
    let buf = frame.buffer_mut();
    let title = Msg::MeasuresTitle.fill(app.lang, &[("session", &session.title)]);
    status::title_bar(buf, area, &title);
    let bottom = area.y + area.height.saturating_sub(2);
    let top = area.y + 2;
    if session.measures.is_empty() {
        for (i, line) in wrap(app.t(Msg::MeasuresNone), width as usize)
            .into_iter()
            .enumerate()
        {
            let y = top + i as u16;
            if y < bottom {
                buf.set_stringn(
                    x,
                    y,
                    line,
                    width as usize,
                    Style::default().fg(Color::DarkGray),
                );
            }
        }
    } else {
        let selected = list.selected.min(session.measures.len() - 1);
        let m = &session.measures[selected];
        let detail = details(app, session, m, width as usize);
        let room = bottom.saturating_sub(top) as usize;
        // The list first (at least half the room when long), the details
        // right under it.
        let n = session.measures.len();
        let list_rows = n
            .min(room.saturating_sub(detail.len() + 1).max(room / 2))
            .max(1);
        let detail_rows = detail.len().min(room.saturating_sub(list_rows + 1));
        let first = (selected + 1).saturating_sub(list_rows);
        for (row_i, (i, m)) in session
            .measures
            .iter()
            .enumerate()
            .skip(first)
            .take(list_rows)
            .enumerate()
        {
            put_line(
                buf,
                x,
                top + row_i as u16,
                width,
                row(app, session, m, i == selected),
            );
        }
        let y0 = top + list_rows as u16 + 1;
        for (i, (line, style)) in detail.into_iter().take(detail_rows).enumerate() {
            buf.set_stringn(x + 1, y0 + i as u16, line, width as usize - 1, style);
        }
    }
    status::footer(buf, app, area, app.t(Msg::MeasuresHints));
}
