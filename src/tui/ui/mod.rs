//! Drawing: reads the app state and never changes it. One file per screen.

pub mod board;
mod editor;
mod export;
mod form;
pub mod help;
mod measures;
mod photo;
mod search;
mod small;
mod start;
mod status;
mod tags;
mod themes;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Form, FormPurpose, Mode, Screen};
pub(crate) use crate::core::text::{display_width as width_of, truncate};

/// The smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        small::draw(frame, app, area);
        return;
    }
    match (&app.mode, app.screen) {
        (Mode::Search(s), _) => search::draw(frame, app, s, area),
        (Mode::Review(r), _) => themes::draw(frame, app, r, area),
        (Mode::Measures(l), _) => measures::draw(frame, app, l, area),
        // A measure's form over the list it came from.
        (
            Mode::Form(Form {
                purpose: FormPurpose::Measure { selected, .. },
                ..
            }),
            _,
        ) => measures::draw(
            frame,
            app,
            &super::measures::MeasureList {
                selected: *selected,
            },
            area,
        ),
        (_, Screen::Start) => start::draw(frame, app, area),
        (_, Screen::Board) => board::draw(frame, app, area),
    }
    match &app.mode {
        Mode::Form(form) => form::draw(frame, app, form, area),
        Mode::Picker(picker) => tags::draw(frame, app, picker, area),
        Mode::Export(dialog) => export::draw(frame, app, dialog, area),
        Mode::Confirm(c) => form::draw_confirm(frame, app, c, area),
        _ => {}
    }
    if let Some(offset) = app.help {
        help::draw(frame, app, offset, area);
    }
}

/// The left edge and the width of a screen's lines, one cell in from each
/// side of `area`.
pub(crate) fn inset(area: Rect) -> (u16, u16) {
    (area.x + 1, area.width.saturating_sub(2))
}

/// A centred rectangle of at most the given size.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Word-wraps text into lines of at most `width` terminal cells (a Chinese
/// or Japanese character takes two); words longer than a line are cut.
/// Line breaks in the text are kept.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Writes `lines` one a row into `inner` (inset by one column) from row
/// `y`, stopping at its bottom; the row after the last one written.
pub(crate) fn write_lines(
    buf: &mut ratatui::buffer::Buffer,
    inner: Rect,
    mut y: u16,
    lines: &[String],
    style: ratatui::style::Style,
) -> u16 {
    let width = inner.width.saturating_sub(2) as usize;
    for line in lines {
        if y >= inner.y + inner.height {
            break;
        }
        buf.set_stringn(inner.x + 1, y, line, width, style);
        y += 1;
    }
    y
}

/// A line of key hints (`a erfassen · e bearbeiten · … · ? Hilfe · q
/// beenden`) fitted to `width` cells: whole hints are left out rather than
/// cut, the last two (help and quit) first kept, then the others from the
/// left, in their order.
pub(crate) fn fit_hints(text: &str, width: usize) -> String {
    const SEP: &str = " · ";
    if width_of(text) <= width {
        return text.to_string();
    }
    let parts: Vec<&str> = text.split(SEP).collect();
    let n = parts.len();
    let mut order: Vec<usize> = (n.saturating_sub(2)..n).collect();
    order.extend(0..n.saturating_sub(2));
    let mut keep = vec![false; n];
    let mut used = 0;
    for i in order {
        let w = width_of(parts[i]) + if used == 0 { 0 } else { width_of(SEP) };
        if used + w <= width {
            keep[i] = true;
            used += w;
        }
    }
    let kept: Vec<&str> = parts
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(p, _)| *p)
        .collect();
    kept.join(SEP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_leave_out_whole_hints_and_keep_help_and_quit() {
        let hints = "a erfassen · e bearbeiten · d löschen · u rückgängig · ? Hilfe · q beenden";
        assert_eq!(fit_hints(hints, 200), hints);
        assert_eq!(
            fit_hints(hints, 50),
            "a erfassen · e bearbeiten · ? Hilfe · q beenden"
        );
        assert_eq!(fit_hints(hints, 20), "? Hilfe · q beenden");
        assert!(width_of(&fit_hints(hints, 7)) <= 7);
    }

    #[test]
    fn wrap_breaks_at_words_and_cuts_long_ones() {
        assert_eq!(
            wrap("Kita Plätze fehlen", 11),
            vec!["Kita Plätze", "fehlen"]
        );
        assert_eq!(
            wrap("Integrationskurs", 6),
            vec!["Integr", "ations", "kurs"]
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(
            wrap("Kita-Plätze fehlen", 12),
            vec!["Kita-Plätze", "fehlen"]
        );
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(
            wrap("语言课程 Kurse für", 10),
            vec!["语言课程", "Kurse für"]
        );
        assert_eq!(wrap("语言课程", 4), vec!["语言", "课程"]);
        assert_eq!(truncate("语言课程", 5), "语言…");
        assert_eq!(truncate("Kita", 4), "Kita");
    }
}
