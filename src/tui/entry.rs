//! The card being typed: its text with sub-points, the person, number,
//! votes and interested people, and the flags. Marks typed into the text
//! (`!!!`, `~~…~~`, `[?]`, `(informell 9, 10)`) are read as the importer
//! reads them, and set the flags and numbers as soon as they are typed.

use crate::core::import::{marks, read_card};
use crate::core::model::{Card, Flags};
use crate::core::template::CardField;

use super::editor::Editor;

/// What the card editor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryTarget {
    /// A new card, inserted at this index of the current column.
    New { index: usize },
    /// An existing card.
    Edit { card: String },
}

/// Where the typing goes in the card editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The card's text and its `↳` sub-points.
    Text,
    Field(CardField),
}

/// A flag a key in the editor switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Uncertain,
    Struck,
    Emphasis,
}

/// The card editor, open in the current column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub target: EntryTarget,
    pub editor: Editor,
    pub person: Editor,
    pub number: Editor,
    pub votes: Editor,
    pub interested: Editor,
    pub focus: Focus,
    /// The flags the card will have.
    pub flags: Flags,
    /// The card fields shown below the text (Tab goes through them).
    pub shown: Vec<CardField>,
    /// The flags and numbers the text's marks stood for after the last key,
    /// so that only a mark typed or deleted changes them: a flag set with a
    /// key stays while the text goes on.
    seen_flags: Flags,
    seen_refs: Vec<u32>,
}

/// Every card field, in the order the editor shows them.
pub const ALL_FIELDS: [CardField; 4] = [
    CardField::Person,
    CardField::Number,
    CardField::Votes,
    CardField::Interested,
];

impl Entry {
    /// A new card at `index`, with the fields the board's template asks for.
    pub fn new_card(index: usize, shown: &[CardField]) -> Self {
        Entry {
            target: EntryTarget::New { index },
            editor: Editor::default(),
            person: Editor::default(),
            number: Editor::default(),
            votes: Editor::default(),
            interested: Editor::default(),
            focus: Focus::Text,
            flags: Flags::default(),
            shown: shown.to_vec(),
            seen_flags: Flags::default(),
            seen_refs: Vec::new(),
        }
    }

    /// Text typed before (a draft) for a card.
    pub fn with_text(target: EntryTarget, text: &str, shown: &[CardField]) -> Self {
        let mut e = Entry::new_card(0, shown);
        e.target = target;
        e.editor = Editor::new(text);
        e.text_changed();
        e
    }

    /// An existing card, every field shown.
    pub fn edit(card: &Card) -> Self {
        let (seen_flags, seen_refs) = marks(&card.text);
        Entry {
            target: EntryTarget::Edit {
                card: card.id.clone(),
            },
            editor: Editor::from_card_parts(&card.text, &card.sub_points),
            person: Editor::new(card.person.as_deref().unwrap_or("")),
            number: Editor::new(&numbers(&card.refs)),
            votes: Editor::new(&if card.votes > 0 {
                card.votes.to_string()
            } else {
                String::new()
            }),
            interested: Editor::new(&card.interested.join(", ")),
            focus: Focus::Text,
            flags: card.flags.clone(),
            shown: ALL_FIELDS.to_vec(),
            seen_flags,
            seen_refs,
        }
    }

    pub fn is_new(&self) -> bool {
        matches!(self.target, EntryTarget::New { .. })
    }

    /// The buffer that typing goes to.
    pub fn focused(&mut self) -> &mut Editor {
        match self.focus {
            Focus::Text => &mut self.editor,
            Focus::Field(f) => self.field_mut(f),
        }
    }

    pub fn field(&self, f: CardField) -> &Editor {
        match f {
            CardField::Person => &self.person,
            CardField::Number => &self.number,
            CardField::Votes => &self.votes,
            CardField::Interested => &self.interested,
        }
    }

    fn field_mut(&mut self, f: CardField) -> &mut Editor {
        match f {
            CardField::Person => &mut self.person,
            CardField::Number => &mut self.number,
            CardField::Votes => &mut self.votes,
            CardField::Interested => &mut self.interested,
        }
    }

    /// Nothing typed in any field.
    pub fn is_blank(&self) -> bool {
        self.editor.is_blank()
            && ALL_FIELDS.iter().all(|f| self.field(*f).is_blank())
            && self.flags.is_empty()
    }

    /// Reads the marks of the text after it changed: a mark typed sets its
    /// flag, a mark deleted clears it; numbers in brackets fill the number.
    pub fn text_changed(&mut self) {
        let (now, refs) =
            marks(&read_card(self.editor.text()).map_or_else(String::new, |c| c.text));
        let (seen, f) = (&self.seen_flags, &mut self.flags);
        if now.uncertain != seen.uncertain {
            f.uncertain = now.uncertain;
        }
        if now.struck != seen.struck {
            f.struck = now.struck;
        }
        if now.emphasis != seen.emphasis {
            f.emphasis = now.emphasis;
        }
        self.seen_flags = now;
        if refs != self.seen_refs {
            let typed = parse_numbers(self.number.text());
            if typed == self.seen_refs || typed.is_empty() {
                self.number = Editor::new(&numbers(&refs));
            }
            self.seen_refs = refs;
        }
    }

    pub fn toggle(&mut self, flag: Flag) {
        let f = &mut self.flags;
        match flag {
            Flag::Uncertain => f.uncertain ^= true,
            Flag::Struck => f.struck ^= true,
            Flag::Emphasis => f.emphasis ^= true,
        }
    }

    /// The next place for Tab (or Shift-Tab): the text, then the fields
    /// shown; `None` after the last one.
    pub fn next_focus(&self, back: bool) -> Option<Focus> {
        let mut order = vec![Focus::Text];
        order.extend(self.shown.iter().map(|f| Focus::Field(*f)));
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        if back {
            at.checked_sub(1).map(|i| order[i])
        } else {
            order.get(at + 1).copied()
        }
    }

    /// Moves to a field below the text, showing all fields.
    pub fn focus_field(&mut self, f: CardField) {
        if !self.shown.contains(&f) {
            self.shown = ALL_FIELDS.to_vec();
        }
        self.focus = Focus::Field(f);
    }

    /// The card this editor stands for, built on `old` (the card being
    /// edited) or a new one; `None` when nothing is typed.
    pub fn card(&self, old: Option<&Card>) -> Option<Card> {
        let typed = read_card(self.editor.text());
        if typed.is_none() && ALL_FIELDS.iter().all(|f| self.field(*f).is_blank()) {
            return None;
        }
        let typed = typed.unwrap_or_default();
        let mut card = old.cloned().unwrap_or_default();
        card.text = typed.text;
        card.sub_points = typed.sub_points;
        card.flags = self.flags.clone();
        card.refs = parse_numbers(self.number.text());
        card.votes = self.votes.text().trim().parse().unwrap_or(0);
        let person = self.person.text().trim();
        card.person = if person.is_empty() {
            typed.person
        } else {
            Some(person.to_string())
        };
        let mut interested: Vec<String> = self
            .interested
            .text()
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        for p in typed.interested {
            if !interested.contains(&p) {
                interested.push(p);
            }
        }
        card.interested = interested;
        Some(card)
    }

    /// Whether the votes field holds something other than a number.
    pub fn bad_votes(&self) -> bool {
        let v = self.votes.text().trim();
        !v.is_empty() && v.parse::<u32>().is_err()
    }

    /// Whether the number field holds something other than numbers.
    pub fn bad_number(&self) -> bool {
        self.number
            .text()
            .split([',', ';', ' '])
            .any(|t| !t.trim().is_empty() && t.trim().parse::<u32>().is_err())
    }
}

fn numbers(refs: &[u32]) -> String {
    let parts: Vec<String> = refs.iter().map(u32::to_string).collect();
    parts.join(", ")
}

fn parse_numbers(text: &str) -> Vec<u32> {
    text.split([',', ';', ' '])
        .filter_map(|t| t.trim().parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Entry {
        let mut e = Entry::new_card(0, &[]);
        for c in text.chars() {
            e.editor.insert_char(c);
            e.text_changed();
        }
        e
    }

    #[test]
    fn a_mark_typed_sets_its_flag_and_deleting_it_clears_it() {
        let mut e = typed("Wildes Parken !!!");
        assert!(e.flags.emphasis);
        for _ in 0..3 {
            e.editor.backspace();
            e.text_changed();
        }
        assert!(!e.flags.emphasis);
        // A flag set with a key stays while the text changes.
        e.toggle(Flag::Uncertain);
        e.editor.insert_char('x');
        e.text_changed();
        assert!(e.flags.uncertain);
        let card = e.card(None).unwrap();
        assert!(card.flags.uncertain && !card.flags.emphasis);
    }

    #[test]
    fn numbers_in_brackets_fill_the_number_field() {
        let mut e = typed("Nachbarschaftsnetzwerke (informell 9, 10)");
        assert_eq!(e.number.text(), "9, 10");
        // A number typed by hand is not overwritten by the text.
        e.number = Editor::new("7");
        e.editor.insert_str(" ");
        e.text_changed();
        assert_eq!(e.card(None).unwrap().refs, [7]);
    }

    #[test]
    fn editing_keeps_what_the_editor_does_not_show() {
        let mut old = Card::new("k1", "Kita");
        old.tags = vec!["bildung".into()];
        old.flags.struck = true;
        old.person = Some("JAGMAR MÜLLER".into());
        let mut e = Entry::edit(&old);
        e.person = Editor::new("Jagmar Müller");
        let card = e.card(Some(&old)).unwrap();
        assert_eq!(card.id, "k1");
        assert_eq!(card.tags, ["bildung"]);
        assert!(card.flags.struck, "a flag set with a key survives editing");
        assert_eq!(card.person.as_deref(), Some("Jagmar Müller"));
    }

    #[test]
    fn tab_goes_through_the_fields_shown() {
        let mut e = Entry::new_card(0, &[CardField::Person, CardField::Interested]);
        assert_eq!(e.next_focus(false), Some(Focus::Field(CardField::Person)));
        e.focus = Focus::Field(CardField::Interested);
        assert_eq!(e.next_focus(false), None);
        assert_eq!(e.next_focus(true), Some(Focus::Field(CardField::Person)));
        let e = Entry::new_card(0, &[]);
        assert_eq!(e.next_focus(false), None);
    }
}
