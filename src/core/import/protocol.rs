//! Protocol text as transcribed from a photo protocol: pages with a repeated
//! header, board kinds told by their headings, cards without mark-up.

use std::collections::HashMap;

use super::super::error::{FileError, FileProblem};
use super::super::model::Session;
use super::super::template::BoardTemplate;
use super::Text;
use super::{
    bullet, is_heading_part, join_line, lone_number, match_column, names, normalize, push_note,
    sub_point,
};

/// Key of the column that holds a working group's topic.
const TOPIC: &str = "topic";

/// Words naming the kind of document, not its title.
const DOCUMENT_WORDS: &[&str] = &[
    "fotoprotokoll",
    "protokoll",
    "fotodokumentation",
    "dokumentation",
    "ergebnisprotokoll",
];

mod cards;
mod event;

use cards::build_board;
use event::{event_data, place_from_file_name};

type Line<'a> = (usize, &'a str);

/// A stretch of text between page headers or board-kind headings.
#[derive(Default)]
struct Segment<'a> {
    /// Template index named by a board-kind heading at its top.
    kind: Option<usize>,
    kind_text: String,
    /// A sheet number from the page header or just above it.
    number: Option<u32>,
    lines: Vec<Line<'a>>,
}

impl Segment<'_> {
    fn is_empty(&self) -> bool {
        self.lines.iter().all(|(_, l)| l.trim().is_empty())
    }
}

/// The text of one board, gathered over its pages.
struct BoardSource<'a> {
    template: usize,
    numbers: Vec<u32>,
    divider: Option<String>,
    lines: Vec<Line<'a>>,
}

pub(super) fn parse(text: &Text) -> Result<Session, FileError> {
    let all = &text.templates.boards;
    let default_index = all
        .iter()
        .position(|t| t.key == text.default.key)
        .unwrap_or(0);
    let headers = page_headers(text.lines, all);
    let is_header = |t: &str| headers.contains(&header_key(t));

    // 1. Split into segments at page headers and board-kind headings.
    let mut segments: Vec<Segment> = vec![Segment::default()];
    let mut appendix: Vec<&str> = Vec::new();
    let mut in_appendix = false;
    for (i, raw) in text.lines.iter().enumerate() {
        let n = i + 1;
        let t = raw.trim();
        if in_appendix {
            if !t.is_empty() && !is_header(t) {
                appendix.push(t);
            }
            continue;
        }
        if is_header(t) {
            let mut seg = Segment {
                number: digits_of(t),
                ..Segment::default()
            };
            // A sheet number written just above the header belongs to the new page.
            if let Some(prev) = segments.last_mut()
                && let Some(pos) = prev.lines.iter().rposition(|(_, l)| !l.trim().is_empty())
                && let Some(num) = lone_number(prev.lines[pos].1)
            {
                prev.lines.remove(pos);
                seg.number = seg.number.or(Some(num));
            }
            segments.push(seg);
            continue;
        }
        if let Some(k) = kind_heading(t, all) {
            let cur = segments.last_mut();
            match cur {
                Some(c) if c.is_empty() && c.kind.is_none() => {
                    c.kind = Some(k);
                    c.kind_text = t.to_string();
                }
                _ => segments.push(Segment {
                    kind: Some(k),
                    kind_text: t.to_string(),
                    ..Segment::default()
                }),
            }
            continue;
        }
        if normalize(t) == "anhang" {
            in_appendix = true;
            appendix.push(t);
            continue;
        }
        if let Some(seg) = segments.last_mut() {
            seg.lines.push((n, raw));
        }
    }

    // 2. Decide which segments are boards, which continue one, which are the
    //    front matter or section dividers.
    let mut preamble: Vec<Line> = Vec::new();
    let mut sources: Vec<BoardSource> = Vec::new();
    let mut current: Option<usize> = None;
    let mut divider: Option<String> = None;
    let mut last_template: Option<usize> = None;
    for (index, mut seg) in segments.into_iter().enumerate() {
        let detected = seg.kind.or_else(|| kind_by_columns(&seg.lines, all));
        if let Some(t) = detected {
            if is_board(&seg.lines, &all[t]) {
                if index == 0 && seg.kind.is_none() {
                    // Text that starts with a board and no page header: the
                    // text.lines above the board's title are the front matter.
                    if let Some(h) = seg
                        .lines
                        .iter()
                        .position(|(_, l)| heading_of(&all[t], l).is_some())
                    {
                        let start = title_start(&seg.lines, h);
                        preamble.extend(seg.lines.drain(..start));
                    }
                }
                sources.push(BoardSource {
                    template: t,
                    numbers: seg.number.into_iter().collect(),
                    divider: divider.take(),
                    lines: seg.lines,
                });
                current = Some(sources.len() - 1);
            } else if sources.is_empty() {
                preamble.extend(seg.lines);
            } else {
                // A section divider page: its words may title the next board.
                let mut title = seg.kind_text.clone();
                for (_, l) in &seg.lines {
                    join_line(&mut title, l);
                }
                divider = Some(title);
                current = None;
            }
            last_template = Some(t);
        } else if let Some(c) = current {
            let src = &mut sources[c];
            src.lines.push((0, ""));
            src.lines.extend(seg.lines);
        } else if sources.is_empty() && last_template.is_none() {
            preamble.extend(seg.lines);
        } else if !seg.is_empty() {
            sources.push(BoardSource {
                template: last_template.unwrap_or(default_index),
                numbers: seg.number.into_iter().collect(),
                divider: divider.take(),
                lines: seg.lines,
            });
            current = Some(sources.len() - 1);
        }
    }
    if sources.is_empty() {
        let columns = &text.default.columns;
        let headings = columns.iter().map(|c| c.heading.clone()).collect();
        return Err(FileError::new(
            text.path,
            1,
            1,
            FileProblem::NoBoards {
                template: text.default.key.clone(),
                headings,
            },
        ));
    }

    // 3. Event data, boards, appendix.
    let mut session = Session::default();
    event_data(&mut session, &preamble);
    if session.place.is_empty() {
        session.place = place_from_file_name(text.path, text.lines).unwrap_or_default();
    }
    let sources: Vec<BoardSource> = sources
        .into_iter()
        .flat_map(|src| split_restarts(src, all))
        .collect();
    let mut ordinals: HashMap<usize, usize> = HashMap::new();
    for src in &sources {
        let ordinal = ordinals.entry(src.template).or_insert(0);
        *ordinal += 1;
        let board = build_board(&mut session, &all[src.template], src, *ordinal);
        session.boards.push(board);
    }
    if !appendix.is_empty() {
        let (head, rest) = appendix.split_at(1);
        let mut note = head[0].to_string();
        if !rest.is_empty() {
            note.push_str(": ");
            note.push_str(&rest.join("; "));
        }
        push_note(&mut session, &note);
    }
    Ok(session)
}

/// A page header line without its page number, for comparing.
fn header_key(line: &str) -> String {
    normalize(line)
        .split(' ')
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn digits_of(line: &str) -> Option<u32> {
    line.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty() && w.len() <= 3)
        .and_then(|w| w.parse().ok())
}

/// Lines repeated on every page (three times or more) that are no heading.
fn page_headers(lines: &[&str], templates: &[BoardTemplate]) -> Vec<String> {
    let mut counts: HashMap<String, (usize, &str)> = HashMap::new();
    for l in lines {
        let key = header_key(l);
        if key.chars().count() >= 20 {
            counts.entry(key).or_insert((0, l)).0 += 1;
        }
    }
    let mut keys: Vec<String> = counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= 3)
        .filter(|(k, (_, raw))| {
            !templates.iter().any(|t| {
                names(k, &super::normalize_name(&t.name))
                    || heading_of(t, raw).is_some()
                    || t.columns.iter().any(|c| is_heading_part(k, c))
            })
        })
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys
}

/// The template whose name a line is ("Austausch zu Entwicklungen im Stadtbezirk").
fn kind_heading(line: &str, templates: &[BoardTemplate]) -> Option<usize> {
    let n = normalize(line);
    if n.is_empty() {
        return None;
    }
    templates
        .iter()
        .position(|t| names(&n, &super::normalize_name(&t.name)))
}

/// A column heading of a template, with text written after it on the same
/// line (`Thema: Begegnung schaffen`).
fn heading_of<'l>(template: &BoardTemplate, line: &'l str) -> Option<(usize, Option<&'l str>)> {
    let t = line.trim();
    if t.is_empty() || bullet(t).is_some() || sub_point(t).is_some() {
        return None;
    }
    if let Some(c) = match_column(template, t) {
        return Some((c, None));
    }
    let (label, rest) = t.split_once(':')?;
    let label = normalize(label);
    let c = template
        .columns
        .iter()
        .position(|c| *super::normalize_name(&c.heading) == *label)?;
    let rest = rest.trim();
    Some((c, (!rest.is_empty()).then_some(rest)))
}

/// The template whose column headings a page shows (two different ones at least).
fn kind_by_columns(lines: &[Line], templates: &[BoardTemplate]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, t) in templates.iter().enumerate() {
        let mut seen = vec![false; t.columns.len()];
        for (_, l) in lines {
            if let Some((c, _)) = heading_of(t, l) {
                seen[c] = true;
            }
        }
        let count = seen.iter().filter(|s| **s).count();
        if count >= 2 && best.is_none_or(|(_, b)| count > b) {
            best = Some((i, count));
        }
    }
    best.map(|(i, _)| i)
}

/// A page holds a board when it shows two of its template's column headings
/// (a program page may mention one), or numbered cards for a one-column template.
fn is_board(lines: &[Line], template: &BoardTemplate) -> bool {
    let mut seen = vec![false; template.columns.len()];
    for (_, l) in lines {
        if let Some((c, _)) = heading_of(template, l) {
            seen[c] = true;
        }
    }
    let shown = seen.iter().filter(|s| **s).count();
    shown >= template.columns.len().min(2)
        || (template.columns.len() == 1 && lines.iter().any(|(_, l)| lone_number(l).is_some()))
}

/// Splits a board where its column headings start over (an earlier column
/// after a later one): text without page headers holds several boards in a
/// row. A short paragraph just above the restart is the next board's title.
fn split_restarts<'a>(src: BoardSource<'a>, templates: &[BoardTemplate]) -> Vec<BoardSource<'a>> {
    let template = &templates[src.template];
    if template.columns.len() < 2 {
        return vec![src];
    }
    let mut cuts: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, (_, l)) in src.lines.iter().enumerate() {
        let Some((c, _)) = heading_of(template, l) else {
            continue;
        };
        if last.is_some_and(|p| c < p) {
            cuts.push(title_start(&src.lines, i));
        }
        last = Some(c);
    }
    if cuts.is_empty() {
        return vec![src];
    }
    let BoardSource {
        template: t,
        numbers,
        divider,
        mut lines,
    } = src;
    let mut parts = Vec::new();
    for &cut in cuts.iter().rev() {
        let tail = lines.split_off(cut);
        parts.push(tail);
    }
    parts.push(lines);
    parts.reverse();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, lines)| BoardSource {
            template: t,
            numbers: if i == 0 { numbers.clone() } else { Vec::new() },
            divider: if i == 0 { divider.clone() } else { None },
            lines,
        })
        .collect()
}

/// Where the lines of a board start that begins with the heading at `at`:
/// at a short title paragraph right above it, or at the heading itself.
fn title_start(lines: &[Line], at: usize) -> usize {
    let mut end = at;
    while end > 0 && lines[end - 1].1.trim().is_empty() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !lines[start - 1].1.trim().is_empty() {
        start -= 1;
    }
    let par = &lines[start..end];
    let title_like = !par.is_empty()
        && par.len() <= 2
        && start > 0
        && par.iter().all(|(_, l)| {
            l.trim().chars().count() <= 40 && bullet(l).is_none() && sub_point(l).is_none()
        });
    if title_like { start } else { at }
}
