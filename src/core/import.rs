//! Plain text to session: the stellwand notation (`#`, `##`, `###`, `- `) and
//! protocol text as transcribed from photo protocols, told apart automatically.

use std::path::Path;

use super::date::from_parts;
use super::error::{FileError, FileProblem};
use super::model::{Board, Card, Session, slug};
use super::template::{BoardTemplate, ColumnTemplate, Templates};

/// Reads a text file and imports it. `template` is the board template for
/// boards whose kind the text does not tell.
/// A text to import, in lines, with the templates to read it by and the
/// board template for walls whose kind it does not name.
struct Text<'a> {
    path: &'a Path,
    lines: &'a [&'a str],
    templates: &'a Templates,
    default: &'a BoardTemplate,
}

pub fn import_file(
    path: &Path,
    templates: &Templates,
    template: &BoardTemplate,
) -> Result<Session, FileError> {
    let bytes = super::store::read_at_most(path, super::store::MAX_FILE_BYTES, false)?;
    let text = text_of(path, &bytes)?;
    import_text(path, &text, templates, template)
}

/// Checks that the bytes are text: UTF-8 without NUL bytes.
fn text_of(path: &Path, bytes: &[u8]) -> Result<String, FileError> {
    let binary = |before: &[u8]| {
        let (line, column) = position_after(before);
        FileError::new(path, line, column, FileProblem::NotText)
    };
    // The first place that is not text: a NUL byte or invalid UTF-8.
    let nul = bytes.iter().position(|&b| b == 0);
    let text = std::str::from_utf8(bytes);
    let bad_utf8 = text.as_ref().err().map(|e| e.valid_up_to());
    match (nul, bad_utf8, text) {
        (None, None, Ok(s)) => Ok(s.to_string()),
        (a, b, _) => {
            let pos = a.into_iter().chain(b).min().unwrap_or(0);
            Err(binary(&bytes[..pos]))
        }
    }
}

/// 1-based line and column just after `before`.
fn position_after(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Imports text; `path` names the file in messages (and may hint at the place).
pub fn import_text(
    path: &Path,
    text: &str,
    templates: &Templates,
    template: &BoardTemplate,
) -> Result<Session, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(FileError::new(path, 1, 1, FileProblem::Empty));
    }
    let text = Text {
        path,
        lines: &lines,
        templates,
        default: template,
    };
    let mut session = if is_notation(&lines) {
        notation::parse(&text)?
    } else {
        protocol::parse(&text)?
    };
    session.id = slug(&format!("{} {}", session.date, session.title));
    Ok(session)
}

/// Notation when any line is a board (`##`) or column (`###`) heading.
fn is_notation(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim_start();
        t.starts_with("## ") || t.starts_with("### ") || t == "##" || t == "###"
    })
}

// ---------------------------------------------------------------------------
// Text helpers shared by both readers.

/// Lower case, umlauts folded, everything but letters and digits a single space.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for ch in super::text::fold(s).chars() {
        if ch.is_alphanumeric() {
            out.push(ch);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

thread_local! {
    /// Normalized template headings and names: the same few strings are
    /// compared with every line of a text.
    static NORMALIZED: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<str>>> =
        Default::default();
}

/// [`normalize`] for template strings, remembered.
fn normalize_name(s: &str) -> std::rc::Rc<str> {
    NORMALIZED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(n) = cache.get(s) {
            return n.clone();
        }
        let n: std::rc::Rc<str> = normalize(s).into();
        cache.insert(s.to_string(), n.clone());
        n
    })
}

/// Whether a normalized line names a normalized heading forgivingly.
fn names(line: &str, heading: &str) -> bool {
    if line.is_empty() || heading.is_empty() {
        return false;
    }
    if line == heading {
        return true;
    }
    let (ll, hl) = (line.chars().count(), heading.chars().count());
    // Small typos, only where a word is long enough to tell.
    // (Strings whose letters differ too much cannot reach the threshold:
    // the cheap bound spares most of the edit-distance work.)
    if hl >= 8
        && ll >= 8
        && ll.abs_diff(hl) * 100 <= ll.max(hl) * 15
        && letter_bound(line, heading) * 100 <= ll.max(hl) * 15
        && strsim::normalized_levenshtein(line, heading) >= 0.85
    {
        return true;
    }
    // Icons, question marks or a remark around a long heading.
    if hl >= 15 && contains_words(line, heading) {
        return true;
    }
    // The first words of a long heading, the rest on the next line.
    ll >= 15
        && line.split(' ').count() >= 3
        && heading.starts_with(line)
        && heading[line.len()..].starts_with(' ')
}

/// A lower bound of the edit distance from the letters each string has more.
fn letter_bound(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 38];
    let slot = |c: char| match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + c as usize - '0' as usize,
        ' ' => 36,
        _ => 37,
    };
    for c in a.chars() {
        counts[slot(c)] += 1;
    }
    for c in b.chars() {
        counts[slot(c)] -= 1;
    }
    let (more, fewer) = counts.iter().fold(
        (0, 0),
        |(m, f), &n| {
            if n > 0 { (m + n, f) } else { (m, f - n) }
        },
    );
    more.max(fewer) as usize
}

/// `needle` occurs in `hay` on word boundaries (both normalized).
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before_ok = i == 0 || hay[..i].ends_with(' ');
        let after = &hay[i + needle.len()..];
        before_ok && (after.is_empty() || after.starts_with(' '))
    })
}

/// How well a line names a column: 3 exact, 2 forgiving, 0 not at all.
fn column_score(line: &str, col: &ColumnTemplate) -> u8 {
    let n = normalize(line);
    let candidates = std::iter::once(&col.heading).chain(col.aliases.iter());
    let mut best = 0;
    for c in candidates {
        let nc = normalize_name(c);
        if *n == *nc {
            return 3;
        }
        if names(&n, &nc) {
            best = 2;
        }
    }
    best
}

/// The column of a template a heading line names, if any.
fn match_column(template: &BoardTemplate, line: &str) -> Option<usize> {
    let mut best: Option<(usize, u8)> = None;
    for (i, col) in template.columns.iter().enumerate() {
        let s = column_score(line, col);
        if s > 0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// A part of a column heading written on its own line ("(Realitäts-Check!)").
fn is_heading_part(line: &str, col: &ColumnTemplate) -> bool {
    let n = normalize(line);
    // Single short words ("im") are too common to be taken for a heading part.
    if n.chars().count() < 8 && !n.contains(' ') {
        return false;
    }
    std::iter::once(&col.heading)
        .chain(col.aliases.iter())
        .any(|h| contains_words(&normalize_name(h), &n))
}

/// Words after which a line cannot end a card: articles, prepositions,
/// conjunctions, quantifiers.
const OPEN_ENDINGS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "und", "oder", "sowie", "bzw.", "mit", "von", "vom", "zu", "zum", "zur", "für", "im", "in",
    "an", "am", "auf", "aus", "bei", "nach", "über", "unter", "zwischen", "durch", "als", "wie",
    "ohne", "gegen", "um", "mehrere", "u.", "v.", "zw.", "d.", "m.", "sich",
];

/// Words that do not begin a card of their own: they continue a phrase.
const CONTINUING_STARTS: &[&str] = &[
    "und", "oder", "sowie", "bzw.", "bzw", "sind", "ist", "wird", "werden", "worden", "wurde",
    "wurden", "hat", "haben", "sein", "auch", "für", "mit", "von", "vom", "im", "in", "bei",
    "durch", "über", "unter", "zwischen", "nach", "ohne", "gegen", "aus", "um", "am", "an", "sich",
];

const ARTICLES: &[&str] = &["einen", "einem", "eines", "einer", "deren", "denen"];

/// Whether line `next` continues the phrase of line `prev` (both trimmed).
fn continues(prev: &str, next: &str) -> bool {
    let Some(last_char) = prev.chars().last() else {
        return false;
    };
    if next.starts_with('(') {
        return true;
    }
    if last_char == '-' {
        return true;
    }
    if [',', '+', '&', '/', '–', '('].contains(&last_char) || prev.ends_with("=>") {
        return true;
    }
    if unbalanced(prev) {
        return true;
    }
    let last_word = prev.rsplit(' ').next().unwrap_or("").to_lowercase();
    if OPEN_ENDINGS.contains(&last_word.as_str()) {
        return true;
    }
    let first_word = next.split(' ').next().unwrap_or("");
    let first_lower = first_word.to_lowercase();
    if first_word.chars().next().is_some_and(char::is_lowercase) {
        if CONTINUING_STARTS.contains(&first_lower.as_str()) {
            return true;
        }
        // A verb at the start of a line ends the sentence of the line above.
        if first_word.chars().all(char::is_alphabetic)
            && first_word.chars().count() >= 6
            && first_word.ends_with("en")
            && !ARTICLES.contains(&first_lower.as_str())
        {
            return true;
        }
    }
    // A sentence that only ends on this line.
    !matches!(last_char, '.' | '!' | '?' | ':' | ';' | '…')
        && next.ends_with('.')
        && !next.ends_with("..")
}

/// Whether a bracket or quote is opened and not closed.
fn unbalanced(text: &str) -> bool {
    let opened = |o: char, c: char| text.matches(o).count() > text.matches(c).count();
    opened('(', ')') || opened('[', ']') || opened('„', '“')
}

/// Joins a continuation line to the text before it, undoing hyphenation.
fn join_line(prev: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if prev.is_empty() {
        prev.push_str(next);
        return;
    }
    let mut tail = prev.chars().rev();
    let last = tail.next();
    let before = tail.next();
    let first_word = next.split(' ').next().unwrap_or("").to_lowercase();
    let conjunction = ["und", "oder", "bzw.", "sowie"].contains(&first_word.as_str());
    if last == Some('-') && before.is_some_and(char::is_alphabetic) {
        if conjunction {
            // "Kinder-" + "und Jugendarbeit"
            prev.push(' ');
        } else if next.chars().next().is_some_and(char::is_lowercase) {
            // "Parallelstruk-" + "turen"
            prev.pop();
        }
        prev.push_str(next);
    } else if last == Some('/') && before.is_some_and(|c| !c.is_whitespace()) {
        prev.push_str(next);
    } else {
        prev.push(' ');
        prev.push_str(next);
    }
}

/// The text after a sub-point marker (`↳`, `→`, `->`, also after `- `).
fn sub_point(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("• "))
        .unwrap_or(t)
        .trim_start();
    for marker in ["↳", "→", "->"] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    None
}

/// The text after a bullet (`- `, `* `, `• `).
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    for marker in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    if t == "-" || t == "•" {
        return Some("");
    }
    None
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// A line holding only a number (a card or sheet number).
fn lone_number(line: &str) -> Option<u32> {
    let t = line.trim();
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Reference numbers in parentheses: "(informell 9, 10, 12)" or "(9)".
fn refs_of(text: &str) -> Vec<u32> {
    let mut refs = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        let inner = &after[..close];
        let tokens: Vec<&str> = inner
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .collect();
        let numbers: Vec<u32> = tokens
            .iter()
            .rev()
            .map_while(|t| {
                if t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4 {
                    t.parse().ok()
                } else {
                    None
                }
            })
            .collect();
        let words = tokens.len() - numbers.len();
        let comma_list = inner.contains(',') || words == 0;
        if !numbers.is_empty() && comma_list && (numbers.len() >= 2 || words == 0) {
            refs.extend(numbers.into_iter().rev());
        }
        rest = &after[close + 1..];
    }
    refs
}

/// A card from its text and sub-points, flags and references read from the text.
fn make_card(session: &mut Session, text: &str, subs: Vec<String>) -> Card {
    let mut lines = CardLines::new(text);
    for s in subs {
        lines.sub_point(&s);
    }
    lines.into_card(session.fresh_id("k"))
}

const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("january", 1),
    ("februar", 2),
    ("february", 2),
    ("märz", 3),
    ("maerz", 3),
    ("march", 3),
    ("april", 4),
    ("mai", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("juli", 7),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("october", 10),
    ("november", 11),
    ("dezember", 12),
    ("december", 12),
];

/// A date as `YYYY-MM-DD`, from ISO, `13.02.2019` or `13. Februar 2019`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let valid =
        |y: u32, m: u32, d: u32| (1900..=2999).contains(&y) && from_parts(s, y, m, d).is_ok();
    let iso: Vec<&str> = s.split('-').collect();
    if iso.len() == 3
        && iso[0].len() == 4
        && iso
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (y, m, d) = (
            iso[0].parse().ok()?,
            iso[1].parse().ok()?,
            iso[2].parse().ok()?,
        );
        return valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    let parts: Vec<&str> = s
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let m: u32 = match parts[1].parse() {
        Ok(m) => m,
        Err(_) => {
            let name = parts[1].to_lowercase();
            MONTHS.iter().find(|(n, _)| *n == name)?.1
        }
    };
    let y: u32 = parts[2].parse().ok()?;
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `Key: value` with a short key of words (`Datum`, `Veranstalter*in`).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let ok = !key.is_empty()
        && key.chars().count() <= 30
        && key.split_whitespace().count() <= 3
        && key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '*' || c == '/' || c == '-');
    ok.then(|| (key, value.trim()))
}

/// Which session field an event key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventField {
    Title,
    Date,
    Place,
    Moderation,
    Organiser,
    Notes,
}

fn event_field(key: &str) -> Option<EventField> {
    let k = normalize(key);
    let f = match k.as_str() {
        "titel" | "title" => EventField::Title,
        "datum" | "date" => EventField::Date,
        "ort" | "place" | "veranstaltungsort" => EventField::Place,
        "moderation" | "moderator" | "moderatorin" | "moderator in" => EventField::Moderation,
        "veranstalter" | "veranstalterin" | "veranstalter in" | "veranstalter innen"
        | "organiser" | "organizer" | "organisation" | "traeger" => EventField::Organiser,
        "notiz" | "notizen" | "notes" | "bemerkung" | "bemerkungen" => EventField::Notes,
        _ => return None,
    };
    Some(f)
}

fn push_note(session: &mut Session, note: &str) {
    if note.is_empty() {
        return;
    }
    if !session.notes.is_empty() {
        session.notes.push('\n');
    }
    session.notes.push_str(note);
}

/// Person and interested people on a topic card: `Initiator*in NAME`,
/// `Interessent*innen A, B`.
enum PersonLine<'a> {
    Initiator(&'a str),
    Interested(&'a str),
}

fn person_line(line: &str) -> Option<PersonLine<'_>> {
    let t = line.trim();
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    let (label, rest) = t.split_at(end);
    let label = label.trim_end_matches(':').to_lowercase();
    let rest = rest.trim().trim_start_matches(':').trim();
    if label.starts_with("initiator") {
        Some(PersonLine::Initiator(rest))
    } else if label.starts_with("interessent") || label.starts_with("interessierte") {
        Some(PersonLine::Interested(rest))
    } else {
        None
    }
}

fn split_people(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn new_board(session: &mut Session, template: &BoardTemplate, title: &str) -> Board {
    let id = session.fresh_id("b");
    template.new_board(id, title)
}

mod card;
mod notation;
mod protocol;

pub use card::{CardLines, marks, read_card};

#[cfg(test)]
mod tests;
