//! Managed blocks: stellwand's markers in a Markdown file, and rewriting only
//! what lies between them while every other byte stays as it was.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Which block: its owner (`session=ID` or `workspace=ID`) and its section key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockKey {
    pub owner: String,
    pub section: String,
}

impl BlockKey {
    pub fn begin(&self) -> String {
        format!(
            "<!-- stellwand:begin {} section={} -->",
            self.owner, self.section
        )
    }

    pub fn end(&self) -> String {
        format!(
            "<!-- stellwand:end {} section={} -->",
            self.owner, self.section
        )
    }
}

/// The owner attribute for a session id: characters other than ASCII letters,
/// digits, `.`, `_` and `-` are percent-encoded so the marker stays one token.
pub fn owner_attr(kind: &str, id: &str) -> String {
    let mut out = format!("{kind}=");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first line of a document stellwand writes as a whole (a protocol).
pub fn generated_marker(owner: &str, format: &str) -> String {
    format!("<!-- stellwand:generated {owner} format={format} -->")
}

/// One managed block found in a file.
#[derive(Debug, Clone)]
pub struct Block {
    pub key: BlockKey,
    /// Bytes between the end of the begin line and the start of the end line.
    pub inner: Range<usize>,
}

/// An ATX heading outside managed blocks and code fences.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Byte offset of the start of its line.
    pub start: usize,
    pub level: usize,
    pub text: String,
}

/// What a Markdown file holds, as far as the export cares.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    /// Owner and format of a whole generated document (first line marker).
    pub generated: Option<(String, String)>,
    /// The file uses `\r\n` line ends.
    pub crlf: bool,
}

/// A damaged marker: where (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub line: usize,
    pub column: usize,
    pub what: MarkerDamage,
}

/// What is wrong with a marker (worded in [`crate::i18n::export`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerDamage {
    /// Not a marker stellwand writes.
    Unreadable,
    /// `stellwand:generated` below the first line.
    GeneratedNotFirst,
    /// A begin marker of `section` that is never closed.
    Unclosed { section: String },
    /// The block of `section` a second time; `first` is the line of the first.
    Twice { section: String, first: usize },
    /// An end marker closing another section than the open one.
    Mismatch {
        section: String,
        line: usize,
        column: usize,
    },
    /// An end marker with nothing open.
    EndWithoutBegin,
}

enum Marker {
    Begin(BlockKey),
    End(BlockKey),
    Generated(String, String),
}

/// Whether a line is meant as one of stellwand's markers: it names a marker
/// keyword (`stellwand:begin`, `stellwand:end`, `stellwand:generated`) or is
/// an HTML comment starting with `stellwand`. Prose that merely mentions
/// "Stellwand:" is not a marker.
fn is_marker_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    if let Some(i) = find_ci(bytes, b"stellwand:") {
        let rest = &bytes[i + b"stellwand:".len()..];
        if [&b"begin"[..], b"end", b"generated"]
            .iter()
            .any(|k| rest.len() >= k.len() && rest[..k.len()].eq_ignore_ascii_case(k))
        {
            return true;
        }
    }
    let t = line.trim_start();
    t.strip_prefix("<!--").is_some_and(|r| {
        let r = r.trim_start().as_bytes();
        r.len() >= 9 && r[..9].eq_ignore_ascii_case(b"stellwand")
    })
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        (hay[i] | 0x20) == needle[0] && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

fn valid_value(v: &str, extra: &[u8]) -> bool {
    !v.is_empty()
        && v.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') || extra.contains(&b)
        })
}

/// Reads a marker line strictly; `None` when it is not exactly one.
fn parse_marker(line: &str) -> Option<Marker> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let [open, kind, owner, attr, close] = tokens.as_slice() else {
        return None;
    };
    if *open != "<!--" || *close != "-->" {
        return None;
    }
    let (okind, oval) = owner.split_once('=')?;
    if !matches!(okind, "session" | "workspace") || !valid_value(oval, b"%") {
        return None;
    }
    let (akind, aval) = attr.split_once('=')?;
    if !valid_value(aval, b"") {
        return None;
    }
    let key = |a: &str| BlockKey {
        owner: owner.to_string(),
        section: a.to_string(),
    };
    match (*kind, akind) {
        ("stellwand:begin", "section") => Some(Marker::Begin(key(aval))),
        ("stellwand:end", "section") => Some(Marker::End(key(aval))),
        ("stellwand:generated", "format") => {
            Some(Marker::Generated(owner.to_string(), aval.to_string()))
        }
        _ => None,
    }
}

fn column_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count() + 1
}

/// An ATX heading line: level and text (closing `#`s removed).
fn atx_heading(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &rest[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    let stripped = text.trim_end_matches('#');
    if stripped.is_empty() || stripped.ends_with([' ', '\t']) {
        text = stripped.trim_end();
    }
    Some((level, text.to_string()))
}

fn fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.len() - t.trim_start_matches(c).len();
    (n >= 3).then_some((c, n))
}

/// Finds the managed blocks and headings of a file. Every line that mentions
/// `stellwand:` must be a well-formed marker, blocks must pair up and not
/// nest, and no block may appear twice; otherwise the damage is returned.
pub fn parse(text: &str) -> Result<Parsed, Vec<Damage>> {
    let mut parsed = Parsed {
        crlf: text
            .find('\n')
            .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r'),
        ..Parsed::default()
    };
    let mut damage = Vec::new();
    let mut open: Option<(BlockKey, usize, usize, usize)> = None; // key, inner start, line, column
    let mut seen: HashMap<BlockKey, usize> = HashMap::new();
    let mut in_fence: Option<(char, usize)> = None;
    let mut offset = 0;
    let mut lineno = 0;
    while offset < text.len() {
        lineno += 1;
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let raw = &text[offset..end];
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset = end;
        if is_marker_line(line) {
            let column = column_of(line);
            let bad = |what: MarkerDamage| Damage {
                line: lineno,
                column,
                what,
            };
            match parse_marker(line) {
                None => damage.push(bad(MarkerDamage::Unreadable)),
                Some(Marker::Generated(owner, format)) => {
                    if lineno == 1 {
                        parsed.generated = Some((owner, format));
                    } else {
                        damage.push(bad(MarkerDamage::GeneratedNotFirst));
                    }
                }
                Some(Marker::Begin(key)) => {
                    if let Some((k, _, l, c)) = open.take() {
                        damage.push(unclosed(k, l, c));
                    }
                    if let Some(first) = seen.get(&key) {
                        damage.push(bad(MarkerDamage::Twice {
                            section: key.section.clone(),
                            first: *first,
                        }));
                    } else {
                        seen.insert(key.clone(), lineno);
                    }
                    open = Some((key, end, lineno, column));
                }
                Some(Marker::End(key)) => match open.take() {
                    Some((k, inner_start, _, _)) if k == key => {
                        parsed.blocks.push(Block {
                            key,
                            inner: inner_start..start,
                        });
                    }
                    Some((k, _, l, c)) => damage.push(bad(MarkerDamage::Mismatch {
                        section: k.section,
                        line: l,
                        column: c,
                    })),
                    None => damage.push(bad(MarkerDamage::EndWithoutBegin)),
                },
            }
            continue;
        }
        if open.is_some() {
            continue;
        }
        if let Some((c, n)) = fence(line) {
            match in_fence {
                None => in_fence = Some((c, n)),
                Some((fc, fnum)) if fc == c && n >= fnum && line.trim().chars().all(|x| x == c) => {
                    in_fence = None
                }
                _ => {}
            }
            continue;
        }
        if in_fence.is_none()
            && let Some((level, text)) = atx_heading(line)
        {
            parsed.headings.push(Heading { start, level, text });
        }
    }
    if let Some((k, _, l, c)) = open {
        damage.push(unclosed(k, l, c));
    }
    if damage.is_empty() {
        Ok(parsed)
    } else {
        damage.sort_by_key(|d| (d.line, d.column));
        Err(damage)
    }
}

/// The begin marker of `key` at `line`, `column` that nothing closes.
fn unclosed(key: BlockKey, line: usize, column: usize) -> Damage {
    Damage {
        line,
        column,
        what: MarkerDamage::Unclosed {
            section: key.section,
        },
    }
}

/// Heading text reduced for comparison: lower case, umlauts spelled out,
/// letters and digits only ("Maßnahmen" = "Massnahmen", "Ist Analyse").
pub fn heading_norm(text: &str) -> String {
    crate::core::text::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A place in a file where blocks belong: under a heading (found by its
/// text) or, with no heading, at the end of the file.
#[derive(Debug, Clone)]
pub struct Slot {
    pub heading: Option<String>,
    pub level: usize,
    /// Blocks in this slot and their content (Markdown with `\n` line ends,
    /// empty for an empty block).
    pub blocks: Vec<(BlockKey, String)>,
}

fn nl(crlf: bool) -> &'static str {
    if crlf { "\r\n" } else { "\n" }
}

fn with_line_ends(s: &str, crlf: bool) -> String {
    if crlf {
        s.replace('\n', "\r\n")
    } else {
        s.to_string()
    }
}

/// What goes between the begin and end lines for this content.
fn inner_text(body: &str, crlf: bool) -> String {
    if body.is_empty() {
        String::new()
    } else {
        let mut s = String::with_capacity(body.len() + 4);
        s.push('\n');
        s.push_str(body);
        if !body.ends_with('\n') {
            s.push('\n');
        }
        s.push('\n');
        with_line_ends(&s, crlf)
    }
}

fn push_block(out: &mut String, key: &BlockKey, body: &str, crlf: bool) {
    out.push_str(&key.begin());
    out.push_str(nl(crlf));
    out.push_str(&inner_text(body, crlf));
    out.push_str(&key.end());
    out.push_str(nl(crlf));
}

/// A new file: the title, then each slot's heading and all its blocks.
pub fn render_new(title_line: &str, intro: &str, slots: &[Slot]) -> String {
    let mut out = String::new();
    out.push_str(title_line);
    out.push_str("\n\n");
    if !intro.is_empty() {
        out.push_str(intro);
        out.push_str("\n\n");
    }
    for (i, slot) in slots.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(h) = &slot.heading {
            out.push_str(&"#".repeat(slot.level));
            out.push(' ');
            out.push_str(h);
            out.push_str("\n\n");
        }
        for (j, (key, body)) in slot.blocks.iter().enumerate() {
            if j > 0 {
                out.push('\n');
            }
            push_block(&mut out, key, body, false);
        }
    }
    out
}

/// The separator needed before text inserted at `at` so that it starts
/// after a blank line.
fn blank_before(text: &str, at: usize, crlf: bool) -> String {
    let before = &text[..at];
    let n = nl(crlf);
    if before.is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n") {
        String::new()
    } else if before.ends_with('\n') {
        n.to_string()
    } else {
        format!("{n}{n}")
    }
}

/// Rewrites an existing file: blocks it has get their new content; blocks it
/// lacks are added at the end of their heading's section (or, without that
/// heading, with the heading at the end of the file) if they have content or
/// `insert_empty` is set; blocks of `owners` that are not wanted any more are
/// emptied. Everything outside the blocks stays byte for byte.
pub fn update(
    text: &str,
    parsed: &Parsed,
    slots: &[Slot],
    owners: &HashSet<String>,
    insert_empty: bool,
) -> String {
    let crlf = parsed.crlf;
    let n = nl(crlf);
    let mut wanted: HashMap<&BlockKey, &str> = HashMap::new();
    for slot in slots {
        for (k, body) in &slot.blocks {
            wanted.insert(k, body);
        }
    }
    // Edits as (offset range to replace, new text), applied back to front.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let present: HashSet<&BlockKey> = parsed.blocks.iter().map(|b| &b.key).collect();
    for b in &parsed.blocks {
        let new = match wanted.get(&b.key) {
            Some(body) => inner_text(body, crlf),
            None if owners.contains(&b.key.owner) => String::new(),
            None => continue,
        };
        if text[b.inner.clone()] != new {
            edits.push((b.inner.clone(), new));
        }
    }
    let mut appended = String::new();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for slot in slots {
        let missing: Vec<&(BlockKey, String)> = slot
            .blocks
            .iter()
            .filter(|(k, body)| !present.contains(k) && (insert_empty || !body.is_empty()))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut blocks = String::new();
        for (i, (key, body)) in missing.iter().enumerate() {
            if i > 0 {
                blocks.push_str(n);
            }
            push_block(&mut blocks, key, body, crlf);
        }
        let found = slot.heading.as_ref().and_then(|h| {
            let norm = heading_norm(h);
            parsed
                .headings
                .iter()
                .position(|x| heading_norm(&x.text) == norm)
        });
        match found {
            Some(i) => {
                let level = parsed.headings[i].level;
                let at = parsed.headings[i + 1..]
                    .iter()
                    .find(|h| h.level <= level)
                    .map_or(text.len(), |h| h.start);
                let mut s = blank_before(text, at, crlf);
                s.push_str(&blocks);
                if at < text.len() {
                    s.push_str(n);
                }
                inserts.push((at, s));
            }
            None => {
                if !appended.is_empty() {
                    appended.push_str(n);
                }
                if let Some(h) = &slot.heading {
                    appended.push_str(&"#".repeat(slot.level.max(1)));
                    appended.push(' ');
                    appended.push_str(h);
                    appended.push_str(n);
                    appended.push_str(n);
                }
                appended.push_str(&blocks);
            }
        }
    }
    if !appended.is_empty() {
        let mut s = blank_before(text, text.len(), crlf);
        s.push_str(&appended);
        inserts.push((text.len(), s));
    }
    for (at, s) in inserts {
        edits.push((at..at, s));
    }
    if edits.is_empty() {
        return text.to_string();
    }
    // Stable: inserts at the same place keep slot order.
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut pos = 0;
    for (r, s) in edits {
        out.push_str(&text[pos..r.start]);
        out.push_str(&s);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> BlockKey {
        BlockKey {
            owner: "session=s1".into(),
            section: s.into(),
        }
    }

    #[test]
    fn blocks_are_replaced_and_the_rest_kept() {
        let k = key("leitziele");
        let text = format!(
            "# T\r\n\r\nhand\r\n## Leitziele\r\n{}\r\nold\r\n{}\r\nmore hand",
            k.begin(),
            k.end()
        );
        let parsed = parse(&text).unwrap();
        assert!(parsed.crlf);
        let slots = vec![Slot {
            heading: Some("Leitziele".into()),
            level: 2,
            blocks: vec![(k.clone(), "neu\n".into())],
        }];
        let out = update(&text, &parsed, &slots, &HashSet::new(), false);
        assert!(out.starts_with("# T\r\n\r\nhand\r\n## Leitziele\r\n"));
        assert!(out.ends_with(&format!("{}\r\nmore hand", k.end())));
        assert!(out.contains("\r\nneu\r\n"));
        assert!(!out.contains("old"));
    }

    #[test]
    fn damaged_markers_are_found_with_their_place() {
        let k = key("x");
        let text = format!("a\n  {}\nb\n", k.begin());
        let d = parse(&text).unwrap_err();
        assert_eq!((d[0].line, d[0].column), (2, 3));
        let text = format!("{}\n{}\n{}\n{}\n", k.begin(), k.end(), k.begin(), k.end());
        assert_eq!(parse(&text).unwrap_err()[0].line, 3);
        let text = "<!-- stellwand:begin session=s1 section=x ->\n".to_string();
        assert_eq!(parse(&text).unwrap_err()[0].line, 1);
        let text = format!("{}\n", k.end());
        assert!(parse(&text).is_err());
        let text = "<!--stellwand begin session=s1 section=x -->\n";
        assert!(parse(text).is_err());
        let text = "Erstellt mit Stellwand: siehe unten.\n<!-- eigene Notiz -->\n";
        assert!(parse(text).is_ok());
    }

    #[test]
    fn missing_heading_appends_heading_and_block() {
        let k = key("akteure");
        let text = "# T\n\nnur Text";
        let parsed = parse(text).unwrap();
        let slots = vec![Slot {
            heading: Some("Akteure".into()),
            level: 2,
            blocks: vec![(k.clone(), "x\n".into())],
        }];
        let out = update(text, &parsed, &slots, &HashSet::new(), false);
        assert!(
            out.starts_with("# T\n\nnur Text\n\n## Akteure\n\n"),
            "{out}"
        );
        let again = update(&out, &parse(&out).unwrap(), &slots, &HashSet::new(), false);
        assert_eq!(again, out);
    }
}
