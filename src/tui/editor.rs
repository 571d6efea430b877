//! The text buffer behind the card editor and the form fields: umlauts,
//! cursor movement, deleting, pasting several lines.

/// A small multi-line text buffer with a cursor (a byte offset that always
/// sits on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    cursor: usize,
}

impl Editor {
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        let cursor = text.len();
        Editor { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn insert_char(&mut self, c: char) {
        if c == '\n' || !c.is_control() {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        } else if c == '\t' {
            self.insert_char(' ');
        }
    }

    /// Inserts pasted text; line breaks are kept, other control characters dropped.
    pub fn insert_str(&mut self, s: &str) {
        let s = clean(s);
        self.text.insert_str(self.cursor, &s);
        self.cursor += s.len();
    }

    /// Starts a new sub-point line after the cursor's line.
    pub fn new_sub_point(&mut self) {
        self.cursor = self.line_end();
        self.insert_str("\n↳ ");
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// Deletes from the start of the line to the cursor (Ctrl-u).
    pub fn clear_to_line_start(&mut self) {
        let start = self.line_start();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the word before the cursor (Ctrl-w).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed
            .rfind([' ', '\n'])
            .map_or(0, |i| i + 1)
            .min(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = self.line_start();
    }

    pub fn end(&mut self) {
        self.cursor = self.line_end();
    }

    pub fn up(&mut self) {
        let start = self.line_start();
        if start == 0 {
            self.cursor = 0;
            return;
        }
        let col = self.text[start..self.cursor].chars().count();
        let prev_start = self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        self.cursor = advance(&self.text, prev_start, col, start - 1);
    }

    pub fn down(&mut self) {
        let end = self.line_end();
        if end == self.text.len() {
            self.cursor = end;
            return;
        }
        let col = self.text[self.line_start()..self.cursor].chars().count();
        let next_start = end + 1;
        let next_end = self.text[next_start..]
            .find('\n')
            .map_or(self.text.len(), |i| next_start + i);
        self.cursor = advance(&self.text, next_start, col, next_end);
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// The card text and sub-points the buffer stands for, read as one card
    /// of the import notation: `↳` (and dash) lines become sub-points, other
    /// lines continue the text.
    pub fn to_card_parts(&self) -> (String, Vec<String>) {
        match crate::core::import::read_card(&self.text) {
            Some(card) => (card.text, card.sub_points),
            None => (String::new(), Vec::new()),
        }
    }

    /// The buffer for editing a card: text, then one `↳` line per sub-point.
    pub fn from_card_parts(text: &str, subs: &[String]) -> Self {
        let mut s = text.to_string();
        for p in subs {
            s.push_str("\n↳ ");
            s.push_str(p);
        }
        Editor::new(&s)
    }
}

/// Byte offset `col` characters after `start`, but not beyond `limit`.
fn advance(text: &str, start: usize, col: usize, limit: usize) -> usize {
    text[start..limit]
        .char_indices()
        .nth(col)
        .map_or(limit, |(i, _)| start + i)
}

/// Normalises line ends and drops control characters that would break the screen.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_umlauts_and_moving_the_cursor() {
        let mut e = Editor::default();
        for c in "Spracherwerbsförderung".chars() {
            e.insert_char(c);
        }
        e.home();
        e.insert_char('»');
        e.end();
        e.backspace();
        e.left();
        e.left();
        e.delete();
        assert_eq!(e.text(), "»Spracherwerbsfördern");
        e.right();
        e.insert_char('!');
        assert_eq!(e.text(), "»Spracherwerbsfördern!");
    }

    #[test]
    fn pasted_lines_become_text_and_sub_points() {
        let mut e = Editor::default();
        e.insert_str("Kulturelles Angebot\r\n↳ Theater\r\n-> Musikschule\n\u{1b}[31mKino");
        let (text, subs) = e.to_card_parts();
        assert_eq!(text, "Kulturelles Angebot");
        assert_eq!(subs, vec!["Theater", "Musikschule [31mKino"]);
        assert!(!e.text().contains('\u{1b}'));
    }

    #[test]
    fn continued_lines_join_as_in_the_import_and_round_trip() {
        let e = Editor::new("Nachbarschafts-\nnetzwerke im\nQuartier");
        let (text, subs) = e.to_card_parts();
        assert_eq!(text, "Nachbarschaftsnetzwerke im Quartier");
        assert!(subs.is_empty());
        let subs = vec!["Theater".to_string()];
        let e = Editor::from_card_parts(&text, &subs);
        assert_eq!(e.to_card_parts(), (text, subs));
    }

    #[test]
    fn up_and_down_keep_the_column() {
        let mut e = Editor::new("abcdef\nxy\nüöäß");
        e.up();
        assert_eq!(&e.text()[e.cursor()..], "\nüöäß");
        e.up();
        assert_eq!(&e.text()[e.cursor()..], "cdef\nxy\nüöäß");
        e.down();
        e.down();
        assert_eq!(&e.text()[e.cursor()..], "äß");
    }

    #[test]
    fn word_and_line_deletion() {
        let mut e = Editor::new("eins zwei drei");
        e.delete_word();
        assert_eq!(e.text(), "eins zwei ");
        e.clear_to_line_start();
        assert_eq!(e.text(), "");
    }
}
