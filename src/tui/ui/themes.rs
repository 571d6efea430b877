//! The cluster review screen: suggestions (biggest first) and confirmed
//! themes on the left, the selected one's cards with the reasons why they
//! belong on the right.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::core::model::{Session, TagChoice};
use crate::i18n::cluster::describe_all;

use super::super::app::App;
use super::super::i18n::Msg;
use super::super::tags::short_label;
use super::super::themes::{ColumnScope, Group, Pane, Review};
use super::tags::put_line;
use super::width_of;
use super::{centered, fit_hints, status, tags, truncate};

pub fn draw(frame: &mut Frame, app: &App, review: &Review, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let session = &doc.session;
    let width = area.width.saturating_sub(2);
    let x = area.x + 1;
    let buf = frame.buffer_mut();
    let bar = Style::default().bg(Color::Blue).fg(Color::White);
    buf.set_style(Rect { height: 1, ..area }, bar);
    buf.set_stringn(
        x,
        area.y,
        format!(
            "stellwand · {} · {}",
            app.t(Msg::ReviewTitle),
            shown(&session.title)
        ),
        width as usize,
        bar.add_modifier(Modifier::BOLD),
    );
    let scope = match &app.cluster.scope {
        ColumnScope::EachColumn => app.t(Msg::ScopeEach).to_string(),
        ColumnScope::Column(k) => {
            Msg::ScopeOnly.fill(app.lang, &[("column", &column_name(session, k))])
        }
        ColumnScope::Together => app.t(Msg::ScopeTogether).to_string(),
    };
    let settings = Msg::ReviewSettings.fill(
        app.lang,
        &[
            ("columns", &scope),
            ("threshold", &format!("{:.2}", app.cluster.threshold)),
        ],
    );
    // A listing from the kept run while its cards are read: decisions
    // wait for them.
    let settings = match (&review.settling, review.waiting.len()) {
        (None, _) => settings,
        (Some(_), 0) => format!("{settings} · {}", app.t(Msg::ReviewSettling)),
        (Some(_), n) => format!(
            "{settings} · {} · {}",
            app.t(Msg::ReviewSettling),
            keys_waiting(app, n)
        ),
    };
    let counts = Msg::ReviewCounts.fill(
        app.lang,
        &[
            ("suggestions", &review.grouping.suggestions),
            (
                "themes",
                &(review.grouping.groups.len() - review.grouping.suggestions),
            ),
            ("single", &review.grouping.singles),
        ],
    );
    buf.set_stringn(
        x,
        area.y + 1,
        &settings,
        width as usize,
        Style::default().add_modifier(Modifier::BOLD),
    );
    let counts_len = width_of(&counts) as u16;
    if review.job.is_none() && counts_len + width_of(&settings) as u16 + 2 < width {
        buf.set_stringn(
            (x + width).saturating_sub(counts_len),
            area.y + 1,
            &counts,
            counts_len as usize,
            Style::default().fg(Color::Yellow),
        );
    }
    let body = Rect {
        x: area.x,
        y: area.y + 2,
        width: area.width,
        height: area.height.saturating_sub(4),
    };
    // A wide terminal gives the list the room for long labels.
    let left_width = (area.width * 2 / 5).clamp(30, 80).min(area.width / 2);
    let left = Rect {
        width: left_width,
        ..body
    };
    let right = Rect {
        x: body.x + left_width,
        width: body.width - left_width,
        ..body
    };
    draw_groups(buf, app, review, left);
    draw_cards(buf, app, session, review, right);
    buf.set_stringn(
        x,
        area.y + area.height - 2,
        fit_hints(app.t(Msg::ReviewHints), width as usize),
        width as usize,
        Style::default().fg(Color::DarkGray),
    );
    status::draw(
        buf,
        app,
        Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        },
    );
    if let Some(picker) = &review.picker {
        tags::draw(frame, app, picker, area);
    }
    if let Some(editor) = &review.rename {
        let rect = centered(area, 64, 3);
        let buf = frame.buffer_mut();
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Double)
            .border_style(Style::default().fg(Color::Yellow))
            .title(format!(" {} ", app.t(Msg::ReviewRename)));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let text = editor.text();
        let room = (inner.width as usize).saturating_sub(2);
        // A label longer than the field scrolls so that the cursor stays
        // in view.
        let before = tail(&shown(&text[..editor.cursor()]), room.saturating_sub(1));
        let after = shown(&text[editor.cursor()..]);
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            format!("{before}{after}"),
            room,
            Style::default(),
        );
        let col = width_of(&before) as u16;
        frame.set_cursor_position(Position {
            x: (inner.x + 1 + col).min(inner.x + inner.width - 1),
            y: inner.y,
        });
    }
}

/// Text from the session as the review shows it: control characters (a
/// pasted escape sequence in a card or label) made visible, never sent.
fn shown(text: &str) -> String {
    crate::core::sanitize::terminal(text).into_owned()
}

/// The end of `text` that fits in `width` cells.
fn tail(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        start = i;
    }
    text[start..].to_string()
}

/// How many keys wait for the run, in words.
fn keys_waiting(app: &App, n: usize) -> String {
    match n {
        1 => app.t(Msg::ReviewKeyWaiting).to_string(),
        n => Msg::ReviewKeysWaiting.fill(app.lang, &[("n", &n)]),
    }
}

fn column_name(session: &Session, key: &str) -> String {
    session
        .boards
        .iter()
        .flat_map(|b| &b.columns)
        .find(|c| c.key == key)
        .map_or_else(|| key.to_string(), |c| truncate(&shown(&c.heading), 30))
}

fn pane_block(title: String, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Double
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(Color::Gray)
        })
        .title(title)
}

/// A group's Handlungsfeld: assigned, else what its cards' tags say.
/// The Handlungsfeld of group `i` of the review: read from its cards once
/// per listing (a group may hold thousands), then remembered.
fn group_tag(session: &Session, review: &Review, i: usize) -> TagChoice {
    let Some(g) = review.grouping.groups.get(i) else {
        return TagChoice::Open;
    };
    let key = (review.grouping.listing.number(), session.generation());
    review.tags.get(key, i, || {
        TagChoice::of(
            g.tag.as_deref(),
            g.entries()
                .filter(|m| !m.new)
                .filter_map(|m| session.card(&m.card)),
        )
    })
}

/// One row of the list, `width` cells wide; `show_column` names the column
/// of its cards.
fn group_line(
    app: &App,
    session: &Session,
    (g, tag): (&Group, TagChoice),
    (selected, show_column): (bool, bool),
    width: usize,
) -> Vec<Span<'static>> {
    let base = if selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    if let Some((_, card)) = &g.adds {
        // One card suggested into a confirmed theme: "+ „card“ → theme".
        let text = session
            .card(card)
            .map_or(card.as_str(), |c| c.text.as_str());
        // The theme stays in view beside the card on a narrow screen.
        let label = width_of(&shown(&g.label)).min(12);
        let room = width.saturating_sub(5 + 2 + 3 + label).clamp(6, 22);
        let spans = vec![
            Span::styled("  +  ", base.fg(Color::Yellow)),
            Span::styled(format!("„{}“", truncate(&shown(text), room)), base),
            Span::styled(" → ", base.fg(Color::DarkGray)),
            Span::styled(shown(&g.label), base.add_modifier(Modifier::BOLD)),
        ];
        return spans;
    }
    let mut spans = vec![Span::styled(
        format!(
            "{}{:>3}  ",
            if g.theme.is_some() { "✓" } else { " " },
            g.len() - g.new_cards()
        ),
        base.fg(if g.theme.is_some() {
            Color::Green
        } else {
            Color::Reset
        }),
    )];
    spans.push(Span::styled(
        shown(&g.label),
        base.add_modifier(Modifier::BOLD),
    ));
    match tag {
        TagChoice::Assigned(tag) => spans.push(Span::styled(
            format!("  {}", short_label(&session.tags, &tag)),
            base.fg(Color::Magenta),
        )),
        TagChoice::Shared(tag) => spans.push(Span::styled(
            format!("  {}?", short_label(&session.tags, &tag)),
            base.fg(Color::Magenta).add_modifier(Modifier::DIM),
        )),
        TagChoice::Disputed(counts) => {
            let named: Vec<String> = counts
                .iter()
                .map(|(k, n)| format!("{} {n}", short_label(&session.tags, k)))
                .collect();
            spans.push(Span::styled(
                format!("  {}?", named.join(" / ")),
                base.fg(Color::Yellow),
            ));
        }
        TagChoice::Open => {}
    }
    if g.new_cards() > 0 {
        spans.push(Span::styled(
            format!("  +{} {}", g.new_cards(), app.t(Msg::ReviewNew)),
            base.fg(Color::Yellow),
        ));
    }
    if show_column && let Some(p) = g.entries().next().and_then(|m| session.find_card(&m.card)) {
        spans.push(Span::styled(
            // Boards of different templates number their columns differently:
            // the heading's start names the column.
            format!(
                "  {}",
                truncate(
                    &shown(&session.boards[p.board].columns[p.column].heading),
                    18
                )
            ),
            base.fg(Color::DarkGray),
        ));
    }
    spans
}

fn draw_groups(buf: &mut Buffer, app: &App, review: &Review, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let block = pane_block(
        format!(" {} ", app.t(Msg::ReviewTitle)),
        review.pane == Pane::Groups,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    if let Some(job) = &review.job {
        let text = Msg::ReviewComputing.fill(app.lang, &[("percent", &job.percent())]);
        let style = Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD);
        put_line(
            buf,
            inner.x,
            inner.y,
            inner.width,
            vec![Span::styled(text, style)],
        );
        if !review.waiting.is_empty() && inner.height > 2 {
            let text = keys_waiting(app, review.waiting.len());
            let dim = Style::default().fg(Color::DarkGray);
            put_line(
                buf,
                inner.x,
                inner.y + 2,
                inner.width,
                vec![Span::styled(text, dim)],
            );
        }
        return;
    }
    let list = List::of(review);
    let room = inner.height as usize;
    let at = list.line_of(review.selected).unwrap_or(0);
    let first = (at + 2).saturating_sub(room);
    // Only the lines on screen are made: a state's review lists thousands.
    for row in 0..room.min(list.len().saturating_sub(first)) {
        let spans = list.line(app, &doc.session, review, first + row, inner.width);
        let spans = fitted(spans, inner.width as usize);
        put_line(buf, inner.x, inner.y + row as u16, inner.width, spans);
    }
}

/// `spans` in `width` cells: where they run over, the one at the edge
/// ends in "…" and those after it are left out, so that a label or a
/// Handlungsfeld cut at the edge does not look whole.
fn fitted(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::with_capacity(spans.len());
    let total: usize = spans.iter().map(|s| width_of(&s.content)).sum();
    for span in spans {
        let w = width_of(&span.content);
        if total <= width || used + w < width {
            used += w;
            out.push(span);
            continue;
        }
        let cut = truncate(&span.content, width - used);
        // No blank before the mark when only the gap to the next part fits.
        let cut = if cut.trim_start() == "…" {
            "…".to_string()
        } else {
            cut
        };
        out.push(Span::styled(cut, span.style));
        break;
    }
    out
}

/// The lines of the list of groups, by number: the suggestions under their
/// heading (or a line saying there are none), a blank line, then the
/// confirmed themes under theirs (or a line saying there are none).
struct List {
    groups: usize,
    suggestions: usize,
}

impl List {
    fn of(review: &Review) -> Self {
        List {
            groups: review.grouping.groups.len(),
            suggestions: review.grouping.suggestions,
        }
    }

    /// Lines before the first suggestion (the heading) and before the first
    /// theme.
    fn themes_start(&self) -> usize {
        1 + usize::from(self.suggestions == 0) + self.suggestions + 2
    }

    fn len(&self) -> usize {
        let themes = self.groups - self.suggestions;
        self.themes_start() + themes.max(1)
    }

    fn line_of(&self, group: usize) -> Option<usize> {
        if group >= self.groups {
            None
        } else if group < self.suggestions {
            Some(1 + group)
        } else {
            Some(self.themes_start() + group - self.suggestions)
        }
    }

    /// What line `n` shows: a group, or one of the fixed lines.
    fn at(&self, n: usize) -> Result<usize, Fixed> {
        let themes = self.themes_start();
        if n == 0 {
            Err(Fixed::SuggestionsHeading)
        } else if n < themes - 2 {
            match self.suggestions {
                0 => Err(Fixed::NoSuggestions),
                _ => Ok(n - 1),
            }
        } else if n == themes - 2 {
            Err(Fixed::Blank)
        } else if n == themes - 1 {
            Err(Fixed::ThemesHeading)
        } else if self.groups == self.suggestions {
            Err(Fixed::NoThemes)
        } else {
            Ok(self.suggestions + n - themes)
        }
    }

    fn line(
        &self,
        app: &App,
        session: &Session,
        review: &Review,
        n: usize,
        width: u16,
    ) -> Vec<Span<'static>> {
        let heading = Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD);
        let dim = Style::default().fg(Color::DarkGray);
        let text = |msg: Msg, style: Style| vec![Span::styled(app.t(msg).to_string(), style)];
        match self.at(n) {
            Ok(g) => group_line(
                app,
                session,
                (&review.grouping.groups[g], group_tag(session, review, g)),
                (g == review.selected, review.show_column),
                width as usize,
            ),
            Err(Fixed::SuggestionsHeading) => text(Msg::ReviewSuggestions, heading),
            Err(Fixed::NoSuggestions) => text(Msg::ReviewNone, dim),
            Err(Fixed::Blank) => Vec::new(),
            Err(Fixed::ThemesHeading) => text(Msg::ReviewThemes, heading),
            Err(Fixed::NoThemes) => text(Msg::ReviewNoThemes, dim),
        }
    }
}

/// The lines of the list that show no group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixed {
    SuggestionsHeading,
    NoSuggestions,
    Blank,
    ThemesHeading,
    NoThemes,
}

fn draw_cards(buf: &mut Buffer, app: &App, session: &Session, review: &Review, area: Rect) {
    let focused = review.pane == Pane::Cards;
    let Some(group) = review.group().filter(|_| review.job.is_none()) else {
        pane_block(String::new(), focused).render(area, buf);
        return;
    };
    let kind = if group.theme.is_some() {
        Msg::ThemeConfirmed
    } else if group.adds.is_some() {
        Msg::ThemeAddition
    } else {
        Msg::ThemeSuggestion
    };
    let mut title = format!(" {} · {} ", shown(&group.label), app.t(kind));
    let name = |k: &str| session.tag(k).map_or_else(|| shown(k), |t| shown(&t.name));
    match group_tag(session, review, review.selected) {
        TagChoice::Assigned(k) => title.push_str(&format!("· {} ", name(&k))),
        TagChoice::Shared(k) => {
            title.push_str(&format!("· {} ({}) ", name(&k), app.t(Msg::TagFromCards)))
        }
        TagChoice::Disputed(counts) => {
            let named: Vec<String> = counts
                .iter()
                .map(|(k, n)| format!("{} {n}", name(k)))
                .collect();
            title.push_str(&format!(
                "· {}: {} ",
                app.t(Msg::TagDisputed),
                named.join(", ")
            ));
        }
        TagChoice::Open => {}
    }
    let block = pane_block(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let room = (inner.height / 2) as usize;
    let first = (review.card + 1).saturating_sub(room);
    let mut y = inner.y;
    for (i, entry) in group.entries().enumerate().skip(first).take(room) {
        let selected = i == review.card;
        let base = if selected && focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else if selected {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        let (text, place) = match session.find_card(&entry.card) {
            Some(p) => {
                let b = &session.boards[p.board];
                let c = &b.columns[p.column];
                (
                    shown(&c.cards[p.card].text),
                    format!(
                        " {} · {} ",
                        truncate(&shown(&b.title), 20),
                        truncate(&shown(&c.heading), 16)
                    ),
                )
            }
            None => (shown(&entry.card), String::new()),
        };
        let mut spans = vec![Span::styled(if selected { "▸ " } else { "• " }, base)];
        let mut used = 2;
        if entry.new {
            let new = format!("{} ", app.t(Msg::ReviewNew));
            used += width_of(&new);
            spans.push(Span::styled(
                new,
                base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ));
        }
        let place = fit_place(place, width_of(&text), width.saturating_sub(used));
        let place_len = width_of(&place);
        let text = truncate(&text, width.saturating_sub(used + place_len + 1));
        used += width_of(&text);
        spans.push(Span::styled(text, base));
        if width > used + place_len {
            spans.push(Span::styled(" ".repeat(width - used - place_len), base));
            spans.push(Span::styled(place, base.fg(Color::DarkGray)));
        }
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..inner
            },
            base,
        );
        put_line(buf, inner.x, y, inner.width, spans);
        y += 1;
        if !entry.reasons.is_empty() {
            let why = format!(
                "{}: {}",
                app.t(Msg::ReviewWhy),
                shown(&describe_all(&entry.reasons, app.lang))
            );
            buf.set_stringn(
                inner.x + 4,
                y,
                truncate(&why, width.saturating_sub(4)),
                width.saturating_sub(4),
                Style::default().fg(Color::DarkGray),
            );
        }
        y += 1;
    }
}

/// The place beside a card's text in `room` cells: all of it when both
/// fit, else what the text leaves, but never more than a third of the row
/// when the text needs the rest (the text comes first), and none when too
/// little is left to say anything.
fn fit_place(place: String, text: usize, room: usize) -> String {
    let rest = room.saturating_sub(text + 1);
    if width_of(&place) <= rest {
        return place;
    }
    let share = if rest >= 8 { rest } else { room / 3 };
    if share < 8 {
        return String::new();
    }
    format!(" {} ", truncate(place.trim(), share - 2))
}

#[cfg(test)]
mod tests {
    use super::{Fixed, List, tail};

    #[test]
    fn the_tail_of_a_long_label_fits_its_cells() {
        assert_eq!(tail("Kita-Plätze", 5), "lätze");
        assert_eq!(tail("Kita", 9), "Kita");
        // Wide characters take two cells each.
        assert_eq!(tail("语言课程", 5), "课程");
        assert_eq!(tail("", 3), "");
        let long = "sehr lang ".repeat(20_000);
        assert_eq!(tail(&long, 10), "sehr lang ");
    }

    /// The list as drawn before it was made line by line: every line, with
    /// the group it shows or what it says.
    fn every_line(groups: usize, suggestions: usize) -> Vec<Result<usize, Fixed>> {
        let mut lines = vec![Err(Fixed::SuggestionsHeading)];
        if suggestions == 0 {
            lines.push(Err(Fixed::NoSuggestions));
        }
        for i in 0..groups {
            if i == suggestions {
                lines.extend([Err(Fixed::Blank), Err(Fixed::ThemesHeading)]);
            }
            lines.push(Ok(i));
        }
        if suggestions == groups {
            lines.extend([
                Err(Fixed::Blank),
                Err(Fixed::ThemesHeading),
                Err(Fixed::NoThemes),
            ]);
        }
        lines
    }

    #[test]
    fn each_line_shows_what_it_showed_when_all_lines_were_made() {
        for groups in 0..8 {
            for suggestions in 0..=groups {
                let list = List {
                    groups,
                    suggestions,
                };
                let all = every_line(groups, suggestions);
                let made: Vec<_> = (0..list.len()).map(|n| list.at(n)).collect();
                assert_eq!(made, all, "{groups} groups, {suggestions} suggestions");
                for g in 0..groups {
                    assert_eq!(list.line_of(g).map(|n| all[n]), Some(Ok(g)));
                }
            }
        }
    }
}
