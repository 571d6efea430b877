//! Text from files made safe to print: a card, file name or field name may
//! hold escape sequences (clear the screen, retitle the window, write the
//! clipboard with OSC 52), and a terminal must only ever show them.

use std::borrow::Cow;

/// Whether a character would act on a terminal (or reorder what it shows)
/// rather than be shown. Line feed and tab are layout, not control.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal: every control character replaced by a visible
/// sign, so `ESC[2J` prints as `␛[2J`. C0 characters become their control
/// pictures (`␛`, `␇`, `␍`, …), DEL `␡`, C1 characters and the bidirectional
/// controls their escape (`\u{9b}`). Line feeds and tabs stay.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !acts(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?'));
        } else if c == '\u{7f}' {
            out.push('␡');
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// [`terminal`] on one line: line feeds and tabs become spaces as well.
pub fn terminal_line(text: &str) -> String {
    terminal(text).replace(['\n', '\t'], " ")
}

/// JSON text with the characters serde_json leaves as they are escaped as
/// well: DEL, the C1 controls (U+0080–U+009F, of which U+009B starts a
/// terminal sequence), the bidirectional controls and the line and
/// paragraph separators. They can only
/// stand inside strings, so the whole text is safe to go through.
pub fn json(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}') || (acts(c) && c > '\u{7f}')
    };
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pasted text taken as text only: escape sequences (colours copied from a
/// terminal, a planted `ESC]52;…`) and every other control character are
/// removed, line ends become `\n` and tabs spaces.
pub fn pasted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // ESC and one more character (Alt-x, a charset switch).
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if acts(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Past the parameters and the final byte of a control sequence.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(&c) = chars.peek() {
        if !(' '..='\u{7e}').contains(&c) {
            // Not part of a sequence: the text goes on.
            return;
        }
        chars.next();
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// Past a string sequence (OSC, DCS, …) up to BEL or the string terminator.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_run() {
        let card = "Kita\x1b]0;owned\x07 \x1b[2J\x1b]52;c;ZGQK\x07\r\u{9b}31m\u{7f}";
        let safe = terminal(card);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
        assert_eq!(safe, "Kita␛]0;owned␇ ␛[2J␛]52;c;ZGQK␇␍\\u{9b}31m␡");
        assert_eq!(terminal("Zeile 1\n\tZeile 2"), "Zeile 1\n\tZeile 2");
        assert_eq!(terminal_line("a\nb\tc"), "a b c");
        assert_eq!(terminal("abc\u{202e}cba"), "abc\\u{202e}cba");
        assert!(matches!(terminal("Plätze „gut“"), Cow::Borrowed(_)));
    }

    #[test]
    fn pasted_text_keeps_its_words_and_lines_only() {
        assert_eq!(
            pasted("Kita\x1b[1;31m-Plätze\x1b[0m\r\n↳ zu\x07 wenig\r"),
            "Kita-Plätze\n↳ zu wenig\n"
        );
        assert_eq!(pasted("a\x1b]52;c;ZGQK\x07b\x1b]0;t\x1b\\c"), "abc");
        assert_eq!(pasted("x\u{9b}2Jy\u{85}z\x1bd\t!"), "xyz !");
        assert_eq!(pasted("\x1b[201~"), "");
    }

    #[test]
    fn json_escapes_c1_and_still_parses_to_the_same_text() {
        let text = "a\u{9b}2Jb\u{85}\u{7f}\u{2028}\u{202e}";
        let raw = serde_json::to_string(&serde_json::json!({ "text": text })).unwrap();
        assert!(raw.contains('\u{9b}'), "serde_json leaves C1 as it is");
        let safe = json(&raw);
        assert!(!safe.chars().any(acts), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["text"], text);
    }
}
