//! Folding text for file names, ids and forgiving comparisons: German
//! umlauts spelled out (ä → ae, ß → ss), any other letter transliterated to
//! ASCII (é → e, ł → l) by deunicode; and the width a text takes on a
//! terminal, wide characters two cells (unicode-width).

/// Lower case, umlauts spelled out, other non-ASCII letters transliterated.
/// A character deunicode has no spelling for is kept as it is.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii() => out.push(c),
            c => match deunicode::deunicode_char(c) {
                Some(s) if !s.trim().is_empty() => out.push_str(&s.to_lowercase()),
                _ => out.push(c),
            },
        }
    }
    out
}

/// A file-name and id friendly slug: lower case ASCII letters, digits and
/// single `-` between words.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The number of terminal cells a text takes (wide characters two).
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts a string to at most `width` terminal cells, marking the cut with `…`.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_turns_titles_into_safe_names() {
        for (title, name) in [
            ("Integrationskonferenz Mitte", "integrationskonferenz-mitte"),
            ("Frühe Bildung & Erziehung", "fruehe-bildung-erziehung"),
            ("../../etc/passwd", "etc-passwd"),
            ("Straße", "strasse"),
            ("Café Zürich", "cafe-zuerich"),
            ("Łódź é à ñ", "lodz-e-a-n"),
            ("中文", "zhong-wen"),
            ("!!!", ""),
        ] {
            assert_eq!(slug(title), name, "{title:?}");
        }
    }

    #[test]
    fn fold_keeps_what_it_cannot_spell() {
        assert_eq!(fold("Maßnahmen É"), "massnahmen e");
        assert_eq!(fold("ÄÖÜ"), "aeoeue");
    }
}
