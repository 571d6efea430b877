//! Protocol text as transcribed from a photo protocol: pages with a repeated
//! header, board kinds told by their headings, cards without mark-up.

use std::collections::HashMap;
use std::path::Path;

use super::super::error::FileError;
use super::super::model::{Board, Card, Session};
use super::super::template::{BoardTemplate, Templates};
use super::{
    EventField, PersonLine, bullet, continues, event_field, indent_of, is_heading_part, join_line,
    key_value, lone_number, make_card, match_column, names, new_board, normalize, parse_date,
    person_line, push_note, split_people, sub_point,
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

pub(super) fn parse(
    path: &Path,
    lines: &[&str],
    templates: &Templates,
    default: &BoardTemplate,
) -> Result<Session, FileError> {
    let all = &templates.boards;
    let default_index = all.iter().position(|t| t.key == default.key).unwrap_or(0);
    let headers = page_headers(lines, all);
    let is_header = |t: &str| headers.contains(&header_key(t));

    // 1. Split into segments at page headers and board-kind headings.
    let mut segments: Vec<Segment> = vec![Segment::default()];
    let mut appendix: Vec<&str> = Vec::new();
    let mut in_appendix = false;
    for (i, raw) in lines.iter().enumerate() {
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
                    // lines above the board's title are the front matter.
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
        let names: Vec<String> = default
            .columns
            .iter()
            .map(|c| format!("„{}“", c.heading))
            .collect();
        return Err(FileError::other(
            path,
            1,
            1,
            format!(
                "keine Wände erkannt: weder Notation (## Wand, ### Spalte, - Karte) noch Protokolltext mit Spaltenüberschriften der Vorlage {} ({})",
                default.key,
                names.join(", ")
            ),
            format!(
                "no boards found: neither notation (## board, ### column, - card) nor protocol text with the column headings of template {} ({})",
                default.key,
                names.join(", ")
            ),
        ));
    }

    // 3. Event data, boards, appendix.
    let mut session = Session::default();
    event_data(&mut session, &preamble);
    if session.place.is_empty() {
        session.place = place_from_file_name(path, lines).unwrap_or_default();
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

/// Title, date, place, moderation and organiser from the pages before the first board.
fn event_data(session: &mut Session, preamble: &[Line]) {
    let texts: Vec<String> = preamble
        .iter()
        .map(|(_, l)| l.replace("**", "").trim().to_string())
        .collect();
    let mut subtitle_done = false;
    let mut i = 0;
    while i < texts.len() {
        let t = texts[i].as_str();
        i += 1;
        if t.is_empty() {
            continue;
        }
        if let Some((key, value)) = key_value(t)
            && let Some(field) = event_field(key)
        {
            let mut value = value.to_string();
            if value.is_empty() {
                // The value is on the next line ("Moderation:" / "Axel Jürgens").
                while i < texts.len() && texts[i].is_empty() {
                    i += 1;
                }
                if i < texts.len() {
                    value = texts[i].clone();
                    i += 1;
                }
            }
            let slot = match field {
                EventField::Title => &mut session.title,
                EventField::Date => {
                    if session.date.is_empty()
                        && let Some(d) = parse_date(&value)
                    {
                        session.date = d;
                    }
                    continue;
                }
                EventField::Place => &mut session.place,
                EventField::Moderation => &mut session.moderation,
                EventField::Organiser => &mut session.organiser,
                EventField::Notes => {
                    push_note(session, &value);
                    continue;
                }
            };
            if slot.is_empty() {
                *slot = value;
            }
            continue;
        }
        if let Some(d) = parse_date(t) {
            if session.date.is_empty() {
                session.date = d;
            }
            continue;
        }
        if DOCUMENT_WORDS.contains(&normalize(t).as_str()) {
            continue;
        }
        if session.title.is_empty() {
            session.title = t.to_string();
        } else if !subtitle_done && t != session.title {
            push_note(session, t);
            subtitle_done = true;
        }
    }
}

/// The place from a file name like `gelsenkirchen-mitte-2019-….txt`, when
/// the text names it too (written as in the text).
fn place_from_file_name(path: &Path, lines: &[&str]) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let word = stem.split(['-', '_', ' ', '.']).next()?.to_lowercase();
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    for l in lines {
        for w in l.split(|c: char| !c.is_alphanumeric()) {
            if w.to_lowercase() == word && w.chars().next().is_some_and(char::is_uppercase) {
                return Some(w.to_string());
            }
        }
    }
    None
}

/// One card as read: main text and sub-points.
struct Unit {
    text: String,
    subs: Vec<String>,
    /// The text ended with a colon: plain lines after it are its sub-points.
    colon: bool,
}

impl Unit {
    fn new(text: &str) -> Self {
        Unit {
            text: text.to_string(),
            subs: Vec::new(),
            colon: text.ends_with(':'),
        }
    }
}

/// Splits lines (with blank lines) into paragraphs.
fn paragraphs<'a>(lines: &[Line<'a>]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for (_, l) in lines {
        if l.trim().is_empty() {
            if out.last().is_some_and(|p| !p.is_empty()) {
                out.push(Vec::new());
            }
        } else if let Some(p) = out.last_mut() {
            p.push(l);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Whether blank lines separate the cards of a section: several paragraphs,
/// and most of the unbulleted ones read as wrapped text.
fn paragraph_mode(pars: &[Vec<&str>]) -> bool {
    if pars.len() < 2 {
        return false;
    }
    let (mut counted, mut wrapped) = (0, 0);
    for p in pars {
        if p.len() < 2 || p.iter().any(|l| bullet(l).is_some()) {
            continue;
        }
        let (mut total, mut cont) = (0, 0);
        let mut prev = p[0].trim();
        for l in &p[1..] {
            if let Some(s) = sub_point(l) {
                prev = s;
                continue;
            }
            total += 1;
            if continues(prev, l.trim()) {
                cont += 1;
            }
            prev = l.trim();
        }
        if total > 0 {
            counted += 1;
            if cont * 2 >= total {
                wrapped += 1;
            }
        }
    }
    counted > 0 && wrapped * 2 >= counted
}

/// Indented bullets are sub-points, unless one of them has sub-points of its
/// own: then they are cards (sub-points do not nest).
fn indented_bullets_are_cards(par: &[&str]) -> bool {
    par.windows(2).any(|w| {
        indent_of(w[0]) > 0
            && bullet(w[0]).is_some()
            && sub_point(w[0]).is_none()
            && sub_point(w[1]).is_some()
    })
}

/// The cards of one column section.
fn units(lines: &[Line], force_paragraphs: bool) -> Vec<Unit> {
    let pars = paragraphs(lines);
    let par_mode = force_paragraphs || paragraph_mode(&pars);
    let mut out: Vec<Unit> = Vec::new();
    for par in &pars {
        let indented_cards = indented_bullets_are_cards(par);
        let mut first = true;
        let mut last_is_sub = false;
        let mut bulleted = false;
        let mut prev = String::new();
        for raw in par {
            let t = raw.trim();
            if let Some(s) = sub_point(raw) {
                match out.last_mut() {
                    Some(u) => {
                        u.subs.push(s.to_string());
                        last_is_sub = true;
                    }
                    None => {
                        out.push(Unit::new(t));
                        last_is_sub = false;
                    }
                }
                prev = s.to_string();
                first = false;
                continue;
            }
            if let Some(b) = bullet(raw) {
                if indent_of(raw) > 0 && !indented_cards && !first && !out.is_empty() {
                    if let Some(u) = out.last_mut() {
                        u.subs.push(b.to_string());
                    }
                    last_is_sub = true;
                } else {
                    out.push(Unit::new(b));
                    bulleted = true;
                    last_is_sub = false;
                }
                prev = b.to_string();
                first = false;
                continue;
            }
            let Some(u) = out.last_mut().filter(|_| !first) else {
                out.push(Unit::new(t));
                bulleted = false;
                last_is_sub = false;
                prev = t.to_string();
                first = false;
                continue;
            };
            if u.colon && !par_mode && !bulleted {
                u.subs.push(t.to_string());
                last_is_sub = true;
            } else if par_mode || bulleted || continues(&prev, t) || super::unbalanced(&u.text) {
                match (last_is_sub, u.subs.last_mut()) {
                    (true, Some(s)) => join_line(s, t),
                    _ => {
                        join_line(&mut u.text, t);
                        u.colon = u.text.ends_with(':');
                    }
                }
            } else {
                out.push(Unit::new(t));
                bulleted = false;
                last_is_sub = false;
            }
            prev = t.to_string();
        }
    }
    out
}

/// A trailing sheet number after a sentence: "… Alle machen mit. 1".
fn split_trailing_number(text: &mut String) -> Option<u32> {
    let (head, last) = text.rsplit_once(' ')?;
    let n = lone_number(last)?;
    if !head.ends_with('.') {
        return None;
    }
    *text = head.to_string();
    Some(n)
}

fn build_board(
    session: &mut Session,
    template: &BoardTemplate,
    src: &BoardSource,
    ordinal: usize,
) -> Board {
    if template.columns.len() == 1 && src.lines.iter().any(|(_, l)| lone_number(l).is_some()) {
        let title = src
            .divider
            .clone()
            .unwrap_or_else(|| template.board_title.clone());
        let mut board = new_board(session, template, &title);
        let cards = numbered_cards(session, &src.lines);
        board.columns[0].cards = cards;
        return board;
    }
    let topic = template.columns.iter().position(|c| c.key == TOPIC);
    let mut numbers = src.numbers.clone();
    let mut title_lines: Vec<&str> = Vec::new();
    let mut sections: Vec<(usize, Vec<Line>)> = Vec::new();
    let mut just_headed = false;
    for &(n, raw) in &src.lines {
        let t = raw.trim();
        if t.is_empty() {
            if let Some((_, s)) = sections.last_mut() {
                s.push((n, raw));
            }
            continue;
        }
        if let Some((c, inline)) = heading_of(template, t) {
            if let Some((_, s)) = sections.last_mut() {
                // A short line of signs right above a heading is its icon ("360°").
                while s.last().is_some_and(|(_, l)| l.trim().is_empty()) {
                    s.pop();
                }
                if let Some(&(pn, pl)) = s.last()
                    && pn + 3 >= n
                    && pl.trim().chars().count() <= 5
                    && !pl.chars().any(char::is_alphabetic)
                {
                    s.pop();
                }
            }
            sections.push((c, Vec::new()));
            just_headed = true;
            if let Some(text) = inline
                && let Some((_, s)) = sections.last_mut()
            {
                s.push((n, text));
                just_headed = false;
            }
            continue;
        }
        if just_headed
            && let Some(&(c, _)) = sections.last()
            && is_heading_part(t, &template.columns[c])
        {
            continue;
        }
        if topic.is_some()
            && let Some(num) = lone_number(t)
        {
            numbers.push(num);
            continue;
        }
        just_headed = false;
        match sections.last_mut() {
            Some((_, s)) => s.push((n, raw)),
            None => match topic {
                Some(c) => sections.push((c, vec![(n, raw)])),
                None => title_lines.push(t),
            },
        }
    }

    let mut title = String::new();
    for l in &title_lines {
        join_line(&mut title, l);
    }
    let mut columns: Vec<Vec<Card>> = vec![Vec::new(); template.columns.len()];
    let board_id = session.fresh_id("b");
    for (c, lines) in &sections {
        if Some(*c) == topic {
            let mut us = units(lines, true).into_iter();
            let Some(mut first) = us.next() else { continue };
            for u in us {
                first.subs.push(u.text);
                first.subs.extend(u.subs);
            }
            let trailing = split_trailing_number(&mut first.text);
            let mut card = make_card(session, &first.text, first.subs);
            card.refs.extend(trailing);
            columns[*c].push(card);
        } else {
            for u in units(lines, false) {
                let card = make_card(session, &u.text, u.subs);
                columns[*c].push(card);
            }
        }
    }
    if let Some(c) = topic {
        if let Some(card) = columns[c].first_mut() {
            if title.is_empty() {
                title = card.text.clone();
            }
            for n in numbers {
                if !card.refs.contains(&n) {
                    card.refs.push(n);
                }
            }
        } else if !numbers.is_empty() {
            let text = numbers
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let mut card = make_card(session, &text, Vec::new());
            card.refs = numbers;
            columns[c].push(card);
        }
    }
    if title.is_empty() {
        title = format!("{} (ohne Titel) {ordinal}", template.board_title);
    }
    let mut board = template.new_board(board_id, &title);
    for (col, cards) in board.columns.iter_mut().zip(columns) {
        col.cards = cards;
    }
    board
}

/// Parts of a numbered topic card in the order written.
enum Piece {
    Topic(String),
    Other(String),
    Sub(String),
}

#[derive(Default)]
struct TopicCard {
    number: Option<u32>,
    pieces: Vec<Piece>,
    person: Option<String>,
    interested: Vec<String>,
    in_topic: bool,
    /// The last piece is an open paragraph that the next line continues.
    open: bool,
}

/// Cards of a Themensammlung: a number, `Thema`, the topic, `Initiator*in`,
/// `Interessent*innen`.
fn numbered_cards(session: &mut Session, lines: &[Line]) -> Vec<Card> {
    let mut cards: Vec<TopicCard> = Vec::new();
    for &(_, raw) in lines {
        let t = raw.trim();
        if t.is_empty() {
            if let Some(c) = cards.last_mut() {
                c.open = false;
            }
            continue;
        }
        if let Some(n) = lone_number(t) {
            cards.push(TopicCard {
                number: Some(n),
                ..TopicCard::default()
            });
            continue;
        }
        if cards.is_empty() {
            cards.push(TopicCard::default());
        }
        let Some(card) = cards.last_mut() else {
            continue;
        };
        let first_word = t.split([' ', ':']).next().unwrap_or("");
        if normalize(first_word) == "thema" {
            card.in_topic = true;
            card.open = false;
            let rest = t[first_word.len()..].trim_start_matches(':').trim();
            if !rest.is_empty() {
                card.pieces.push(Piece::Topic(rest.to_string()));
                card.open = true;
            }
            continue;
        }
        if let Some(p) = person_line(t) {
            match p {
                PersonLine::Initiator(name) => {
                    card.person = (!name.is_empty()).then(|| name.to_string());
                }
                PersonLine::Interested(names) => card.interested.extend(split_people(names)),
            }
            card.in_topic = false;
            card.open = false;
            continue;
        }
        if let Some(s) = sub_point(t).or_else(|| bullet(t)) {
            card.pieces.push(Piece::Sub(s.to_string()));
            card.open = true;
            continue;
        }
        if card.open
            && let Some(Piece::Topic(s) | Piece::Other(s) | Piece::Sub(s)) = card.pieces.last_mut()
        {
            join_line(s, t);
            continue;
        }
        card.pieces.push(if card.in_topic {
            Piece::Topic(t.to_string())
        } else {
            Piece::Other(t.to_string())
        });
        card.open = true;
    }
    cards
        .into_iter()
        .map(|c| {
            let main = c
                .pieces
                .iter()
                .position(|p| matches!(p, Piece::Topic(_)))
                .or_else(|| c.pieces.iter().position(|p| matches!(p, Piece::Other(_))));
            let mut text = String::new();
            let mut subs = Vec::new();
            for (i, p) in c.pieces.into_iter().enumerate() {
                let (Piece::Topic(s) | Piece::Other(s) | Piece::Sub(s)) = p;
                if Some(i) == main {
                    text = s;
                } else {
                    subs.push(s);
                }
            }
            let mut card = make_card(session, &text, subs);
            if let Some(n) = c.number
                && !card.refs.contains(&n)
            {
                card.refs.insert(0, n);
            }
            card.person = c.person;
            card.interested = c.interested;
            card
        })
        .collect()
}
