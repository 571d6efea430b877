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

/// User text as inline Markdown that renders as exactly the folded text:
/// nothing in it can start a heading, list, quote, code, emphasis, link,
/// table, HTML or one of stellwand's own markers.
pub fn inline(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len() + folded.len() / 8 + 4);
    push_inline(&mut out, &folded);
    out
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
    if !struck_ok {
        let mut out = String::with_capacity(folded.len() + 8);
        push_inline(&mut out, &folded);
        return out;
    }
    let mut out = String::with_capacity(folded.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("~~");
            push_inline(&mut out, part);
            out.push_str("~~");
        } else if i == 0 {
            push_inline(&mut out, part);
        } else {
            // Not at the start of the text: no list or heading can begin here.
            push_inline_tail(&mut out, part);
        }
    }
    out
}

/// Escapes text that does not start a line.
fn push_inline_tail(out: &mut String, folded: &str) {
    let mut tmp = String::new();
    push_inline(&mut tmp, &format!("x{folded}"));
    out.push_str(&tmp[1..]);
}

/// Appends the escaped form of already folded text.
fn push_inline(out: &mut String, folded: &str) {
    let bytes = folded.as_bytes();
    // Fast path: nothing that could mean something in Markdown.
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'#'
                | b'|'
                | b'~'
                | b'{'
                | b'}'
                | b'$'
                | b'^'
                | b'<'
                | b'>'
                | b'&'
                | b':'
        )
    };
    let first_special = bytes
        .first()
        .is_some_and(|b| matches!(b, b'-' | b'+' | b'=') || b.is_ascii_digit());
    if !first_special && !bytes.iter().any(|&b| special(b)) {
        out.push_str(folded);
        return;
    }
    // A leading number followed by `.` or `)` would start an ordered list.
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut iter = folded.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Only `&` that could start an entity needs care.
            '&' if iter
                .peek()
                .is_some_and(|(_, n)| *n == '#' || n.is_alphanumeric()) =>
            {
                out.push_str("\\&");
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 => {
                out.push('\\');
                out.push(c);
            }
            // Never let user text spell a marker keyword (`stellwand:begin`).
            ':' if ends_with_keyword(out) => out.push_str("&#58;"),
            _ => out.push(c),
        }
    }
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

    #[test]
    fn plain_german_text_stays_readable() {
        assert_eq!(inline("Kita-Plätze fehlen"), "Kita-Plätze fehlen");
        assert_eq!(inline("Bildung & Erziehung"), "Bildung & Erziehung");
    }

    #[test]
    fn structure_characters_are_escaped() {
        assert_eq!(inline("# Titel"), "\\# Titel");
        assert_eq!(inline("1. Punkt"), "1\\. Punkt");
        assert_eq!(inline("- x"), "\\- x");
        assert_eq!(inline("<!-- x -->"), "&lt;!-- x --&gt;");
        assert_eq!(inline("Initiator*in"), "Initiator\\*in");
        assert_eq!(inline("a\nb\r\n  c"), "a b c");
        assert_eq!(inline("stellwand:begin"), "stellwand&#58;begin");
        assert_eq!(inline("&amp;"), "\\&amp;");
    }

    #[test]
    fn struck_words_in_card_text_are_struck_only_when_they_pair_up() {
        assert_eq!(card_inline("Tür ~~bauen~~ öffnen"), "Tür ~~bauen~~ öffnen");
        assert_eq!(card_inline("~~wenig~~ Kontakt"), "~~wenig~~ Kontakt");
        assert_eq!(card_inline("a ~~ b"), "a \\~\\~ b");
        assert_eq!(card_inline("~~ x ~~"), "\\~\\~ x \\~\\~");
        assert_eq!(card_inline("~~~x~~~"), "\\~\\~\\~x\\~\\~\\~");
    }
}
