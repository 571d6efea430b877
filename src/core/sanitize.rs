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
