//! Turns user text into Markdown that reads as the same literal text.

/// Folds all whitespace (newlines too) into single spaces, drops control
/// characters and trims, so that a card always stays on one line.
pub fn fold(text: &str) -> String {
    if is_folded(text) {
        return text.to_string();
    }
    let cleaned: String = text
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() {
                None
            } else {
                Some(c)
            }
        })
        .collect();
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Already folded: single spaces between words, nothing else to drop (the
/// common case, checked without allocating).
fn is_folded(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        if c >= 0x80 {
            // Non-ASCII may hold Unicode spaces or controls: take the slow way.
            return text
                .chars()
                .all(|c| c == ' ' || !(c.is_whitespace() || c.is_control()))
                && !text.contains("  ");
        }
        if c == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if c < 0x20 || c == 0x7f {
            return false;
        } else {
            prev_space = false;
        }
    }
    true
}

/// [`inline`], or `fallback` when that leaves nothing (an empty heading).
pub fn inline_or(text: &str, fallback: &str) -> String {
    let s = inline(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// User text as inline Markdown that renders as exactly the folded text:
/// nothing in it can start a heading, list, quote, code, emphasis, link,
/// table row, HTML or one of stellwand's own markers. Only characters that
/// could make structure where they stand are escaped, always with a
/// backslash and never with an entity: `=>`, `a < b`, `Haupt- & Ehrenamt`
/// and `Kita_Plätze` stay as typed.
pub fn inline(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len() + folded.len() / 8 + 4);
    push_inline(&mut out, &folded, true);
    out
}

/// [`inline`] for a cell of a Markdown table: `|` is escaped too.
pub fn cell(text: &str) -> String {
    let s = inline(text);
    if s.contains('|') {
        s.replace('|', "\\|")
    } else {
        s
    }
}

/// Card text as inline Markdown like [`inline`], except that words struck
/// out on the wall and written `~~so~~` (the transcription convention) are
/// struck through. Only when every `~~` pairs up around text that starts and
/// ends with a letter or digit; otherwise the tildes stay literal.
pub fn card_inline(text: &str) -> String {
    let folded = fold(text);
    let parts: Vec<&str> = folded.split("~~").collect();
    let struck_ok = parts.len() >= 3
        && parts.len() % 2 == 1
        && parts.iter().skip(1).step_by(2).all(|p| {
            p.chars().next().is_some_and(char::is_alphanumeric)
                && p.chars().last().is_some_and(char::is_alphanumeric)
        })
        // Struck parts must not touch: `~~a~~~~b~~` would be one long run.
        && parts[2..parts.len() - 1].iter().step_by(2).all(|p| !p.is_empty());
    let mut out = String::with_capacity(folded.len() + 8);
    if !struck_ok {
        push_inline(&mut out, &folded, true);
        return out;
    }
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("~~");
            push_inline(&mut out, part, false);
            out.push_str("~~");
        } else {
            // Only the first part can begin a line.
            push_inline(&mut out, part, i == 0);
        }
    }
    out
}

/// Bytes that may mean something somewhere in a line; text without any of
/// them (and without a special first character) is copied as it is.
fn special(b: u8) -> bool {
    matches!(
        b,
        b'\\'
            | b'`'
            | b'*'
            | b'_'
            | b'['
            | b']'
            | b'#'
            | b'~'
            | b'{'
            | b'}'
            | b'$'
            | b'^'
            | b'<'
            | b'&'
            | b':'
    )
}

/// Appends the escaped form of already folded text. `line_start`: the text
/// may begin a line (after a list bullet or a heading's `#`s), where more
/// characters start structure. Neighbours outside the text are unknown, so
/// rules that look at them assume the worst.
fn push_inline(out: &mut String, folded: &str, line_start: bool) {
    let bytes = folded.as_bytes();
    let first_special = line_start
        && bytes
            .first()
            .is_some_and(|b| matches!(b, b'-' | b'+' | b'=' | b'>') || b.is_ascii_digit());
    if !first_special && !bytes.iter().any(|&b| special(b)) {
        out.push_str(folded);
        return;
    }
    let chars: Vec<char> = folded.chars().collect();
    let lead = if line_start {
        lead_escape(&chars)
    } else {
        None
    };
    // Start of a trailing run of `#`s after a space: a heading's closing sequence.
    let closing = {
        let run = chars.iter().rev().take_while(|c| **c == '#').count();
        let start = chars.len() - run;
        (run > 0 && start > 0 && chars[start - 1] == ' ').then_some(start)
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let spaced = prev == Some(' ') && next == Some(' ');
        let escape = Some(i) == lead
            || match c {
                // A backslash escapes only punctuation (and ours after the text).
                '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
                '`' | '[' | ']' => true,
                // Delimiters open or close only next to something other than spaces.
                '*' | '~' | '^' | '$' => !spaced,
                // `_` inside a word never does.
                '_' => {
                    let intraword = prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric);
                    !(spaced || intraword)
                }
                // HTML, comments and autolinks start with `<` and a letter, `/`, `!` or `?`.
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                '&' => entity_at(&chars[i + 1..]),
                '#' => Some(i) == closing,
                // Heading attributes: `{…}` at the end of a heading.
                '}' => i + 1 == chars.len(),
                // Never let user text spell a marker keyword (`stellwand:begin`).
                ':' => ends_with_keyword(out),
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Which character at the start of a line would begin a block: a list
/// bullet, an ordered list number's `.`/`)`, a heading, a quote, a thematic
/// break or setext underline, a definition or a table row.
fn lead_escape(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let second = chars.get(1).copied();
    let blank = |c: Option<char>| c.is_none_or(|c| c == ' ');
    match first {
        '>' => Some(0),
        '-' | '+' | '*' | ':' if blank(second) => Some(0),
        '-' | '=' | '*' | '_' if chars.iter().all(|c| *c == first || *c == ' ') => Some(0),
        '#' => {
            let run = chars.iter().take_while(|c| **c == '#').count();
            (run <= 6 && blank(chars.get(run).copied())).then_some(0)
        }
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let mark = chars.get(digits).copied();
            (digits <= 9
                && matches!(mark, Some('.' | ')'))
                && blank(chars.get(digits + 1).copied()))
            .then_some(digits)
        }
        _ => None,
    }
}

/// Whether the text after an `&` would make it an entity or character
/// reference (`&amp;`, `&#35;`, `&#x23;`).
fn entity_at(rest: &[char]) -> bool {
    let (body, max): (&[char], usize) = match rest {
        ['#', 'x' | 'X', tail @ ..] => (tail, 6),
        ['#', tail @ ..] => (tail, 7),
        _ => (rest, 32),
    };
    let hex = matches!(rest, ['#', 'x' | 'X', ..]);
    let decimal = !hex && rest.first() == Some(&'#');
    let n = body
        .iter()
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else if decimal {
                c.is_ascii_digit()
            } else {
                c.is_ascii_alphanumeric()
            }
        })
        .count();
    n > 0 && n <= max && body.get(n) == Some(&';')
}

fn ends_with_keyword(out: &str) -> bool {
    const KEY: &str = "stellwand";
    out.len() >= KEY.len()
        && out.is_char_boundary(out.len() - KEY.len())
        && out[out.len() - KEY.len()..].eq_ignore_ascii_case(KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input escaped by `f` must read as the expected Markdown.
    fn escapes(f: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (input, want) in cases {
            assert_eq!(f(input), *want, "{input:?}");
        }
    }

    #[test]
    fn plain_german_text_stays_readable() {
        for text in [
            "Kita-Plätze fehlen",
            "Bildung & Erziehung",
            "gemeinsame Ziele finden => Gleichheit",
            "weniger < mehr, 3 > 2",
            "Kita_Plätze, 5 * 3",
            "2019-02-13: 1.Platz",
            "C# und F#-Kurse",
        ] {
            assert_eq!(inline(text), text);
        }
    }

    #[test]
    fn structure_characters_are_escaped_with_a_backslash() {
        escapes(
            inline,
            &[
                ("# Titel", "\\# Titel"),
                ("1. Punkt", "1\\. Punkt"),
                ("- x", "\\- x"),
                ("> Zitat", "\\> Zitat"),
                ("<!-- x -->", "\\<!-- x -->"),
                ("<b>fett</b>", "\\<b>fett\\</b>"),
                ("Initiator*in", "Initiator\\*in"),
                ("a\nb\r\n  c", "a b c"),
                ("stellwand:begin", "stellwand\\:begin"),
                ("&amp; &#35; &#x23;", "\\&amp; \\&#35; \\&#x23;"),
                ("Titel #", "Titel \\#"),
                ("Titel {#id}", "Titel {#id\\}"),
                ("_kursiv_", "\\_kursiv\\_"),
                ("a\\", "a\\\\"),
                ("a\\b", "a\\b"),
                ("---", "\\---"),
                ("[?]", "\\[?\\]"),
            ],
        );
    }

    #[test]
    fn table_cells_escape_the_pipe() {
        assert_eq!(cell("Kita | Schule"), "Kita \\| Schule");
    }

    #[test]
    fn struck_words_in_card_text_are_struck_only_when_they_pair_up() {
        escapes(
            card_inline,
            &[
                ("Tür ~~bauen~~ öffnen", "Tür ~~bauen~~ öffnen"),
                ("~~wenig~~ Kontakt", "~~wenig~~ Kontakt"),
                ("a ~~ b", "a \\~\\~ b"),
                ("~~ x ~~", "\\~\\~ x \\~\\~"),
                ("~~~x~~~", "\\~\\~\\~x\\~\\~\\~"),
                ("~~a~~_b", "~~a~~\\_b"),
            ],
        );
    }
}
