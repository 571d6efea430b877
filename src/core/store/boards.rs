//! Reading the boards of a large session file on all cores.
//!
//! A state's collection is tens of megabytes, and reading it is most of
//! the time to the first frame. The file is cut into its boards by a plain
//! look at its brackets and strings, each board is read by the RON parser
//! on a core of its own, and the rest of the session (everything but the
//! boards) is read as usual. The result is exactly the session the parser
//! reads from the whole file: each piece is read by the same parser, and
//! pieces that are each whole board values, joined by commas into the
//! list, are the list. Whatever this look does not know for sure (comments,
//! raw strings, characters, extensions, boards not written one after the
//! other as stellwand writes them) and any error leaves the file to the
//! parser in one piece, which also gives every message with its place.

use rayon::prelude::*;

use crate::core::model::{Board, Session};

/// Files below this size are read in one piece: it takes a few
/// tens of milliseconds, and handing pieces to other threads costs more than
/// it gains (a session of 10,000 cards is about 0.8 MB).
const MIN_BYTES: usize = 2 * 1024 * 1024;

/// How deep the parser lets values nest in a file (its default).
const RECURSION_LIMIT: usize = 128;

/// How deep the parser counts a board value in the whole file: the
/// session's struct, its field `boards`, the list and the list's element.
/// Read on its own, a board gets that much less room, so that a board
/// nested too deep for the whole file is too deep in pieces as well.
const BOARD_DEPTH: usize = 4;

/// The session of `text` read with its boards in parallel, or `None` when
/// the file is to be read in one piece (small, unusual or faulty).
pub(super) fn parse(text: &str) -> Option<Session> {
    if text.len() < MIN_BYTES || rayon::current_num_threads() < 2 {
        return None;
    }
    parse_split(text)
}

/// [`parse`] without the size check.
pub(super) fn parse_split(text: &str) -> Option<Session> {
    let b = text.as_bytes();
    let starts = board_starts(b, list_start(b)?)?;
    let last = *starts.last()?;
    let close = list_end(b, last, value_end(b, last)?)?;
    let mut rest = String::with_capacity(text.len() - (close - starts[0]));
    rest.push_str(&text[..starts[0]]);
    rest.push_str(&text[close..]);
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT - BOARD_DEPTH);
    let (session, boards) = rayon::join(
        || ron::from_str::<Session>(&rest).ok(),
        || {
            (0..starts.len())
                .into_par_iter()
                .map(|k| {
                    let start = starts[k];
                    let end = match starts.get(k + 1) {
                        // A whole value, then its comma, then the next board.
                        Some(&next) => {
                            let end = value_end(&b[..next], start)?;
                            (b[end] == b',' && blank(b, end + 1) == next).then_some(end)?
                        }
                        None => value_end(b, start)?,
                    };
                    options.from_str::<Board>(&text[start..end]).ok()
                })
                .collect::<Option<Vec<Board>>>()
        },
    );
    let mut session = session?;
    session.boards = boards?;
    Some(session)
}

/// Just after the `[` of the session's list of boards: the file starts
/// `Session(` or `(`, then fields `name: value,` up to `boards: [`.
fn list_start(b: &[u8]) -> Option<usize> {
    let mut i = blank(b, 0);
    let name = ident(b, i);
    if name > i && &b[i..name] != b"Session" {
        return None;
    }
    i = blank(b, name);
    if b.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    loop {
        i = blank(b, i);
        let end = ident(b, i);
        if end == i {
            return None;
        }
        let field = &b[i..end];
        i = blank(b, end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = blank(b, i + 1);
        if field == b"boards" {
            return (b.get(i) == Some(&b'[')).then_some(i + 1);
        }
        i = blank(b, value_end(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

/// Where each board of the list starting at `open` seems to start: the
/// first value, and every `Board(` at the start of a line after a line
/// ending in a comma, as stellwand writes them. Whether they are is told
/// when each piece is read. `None` for an empty list.
fn board_starts(b: &[u8], open: usize) -> Option<Vec<usize>> {
    let first = blank(b, open);
    if b.get(first) == Some(&b']') {
        return None;
    }
    let mut starts = vec![first];
    let after = first + 1;
    for at in memchr::memmem::find_iter(&b[after..], b"Board(") {
        let at = after + at;
        let line = at
            - b[..at]
                .iter()
                .rev()
                .take_while(|c| matches!(c, b' ' | b'\t'))
                .count();
        let before = b[..line].trim_ascii_end();
        if line > 0 && b[line - 1] == b'\n' && before.last() == Some(&b',') {
            starts.push(at);
        }
    }
    Some(starts)
}

/// The `]` closing the list after its last value, which ends at `end`.
fn list_end(b: &[u8], last: usize, end: usize) -> Option<usize> {
    if end == last {
        return None;
    }
    let mut i = end;
    if b.get(i) == Some(&b',') {
        i = blank(b, i + 1);
    }
    (b.get(i) == Some(&b']')).then_some(i)
}

/// What a byte outside strings is to [`value_end`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of a name, number or blank: nothing to do.
    Plain,
    Quote,
    Open,
    Close,
    Comma,
    /// Comments, characters, raw names, extensions, anything else.
    Unknown,
}

const CLASSES: [Class; 256] = {
    let mut t = [Class::Unknown; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'"' => Class::Quote,
            b'(' | b'[' | b'{' => Class::Open,
            b')' | b']' | b'}' => Class::Close,
            b',' => Class::Comma,
            b':' | b'-' | b'+' | b'.' | b'_' | b' ' | b'\t' | b'\n' | b'\r' => Class::Plain,
            _ if b.is_ascii_alphanumeric() => Class::Plain,
            _ => Class::Unknown,
        };
        c += 1;
    }
    t
};

/// Where the value starting at `i` ends: at the `,`, `)`, `]` or `}` that
/// follows it at its own depth.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match CLASSES[c as usize] {
            Class::Plain => {}
            Class::Quote => {
                // A quote right after a name is a raw or byte string.
                if i > 0 && is_ident(b[i - 1]) {
                    return None;
                }
                i = string_end(b, i + 1)?;
                continue;
            }
            Class::Open => depth += 1,
            Class::Close | Class::Comma if depth == 0 => return Some(i),
            Class::Close => depth -= 1,
            Class::Comma => {}
            Class::Unknown => return None,
        }
        i += 1;
    }
    None
}

/// Just after the closing quote of a string whose text starts at `i`.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The end of the name starting at `i` (`i` when there is none).
fn ident(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_ident(c)) {
        i += 1;
    }
    i
}

/// The first byte from `i` on that is not a blank.
fn blank(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
