//! One card as written in the notation: its first line, the lines that
//! continue it, `↳` sub-point lines and `Initiator*in`/`Interessent*innen`
//! lines; the marks in its text (`!!!`, `~~…~~`, `[?]`, `(informell 9, 10)`)
//! become flags and reference numbers. The importer and the card editor
//! both read cards with [`CardLines`], so a typed card and an imported one
//! are the same card.

use super::super::model::{Card, Flags};
use super::{PersonLine, bullet, join_line, person_line, refs_of, split_people, sub_point};

/// The lines of one card, read so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardLines {
    text: String,
    subs: Vec<String>,
    person: Option<String>,
    interested: Vec<String>,
    /// The last line was a sub-point: a continuation line joins it.
    in_sub_point: bool,
}

impl CardLines {
    /// A card starting with the text of its first line.
    pub fn new(first: &str) -> Self {
        CardLines {
            text: first.trim().to_string(),
            ..CardLines::default()
        }
    }

    /// A sub-point under the card (the text after `↳`, `→`, `->`).
    pub fn sub_point(&mut self, text: &str) {
        self.subs.push(text.trim().to_string());
        self.in_sub_point = true;
    }

    /// A line under the card that is no sub-point: a person line, or the
    /// continuation of the text or of the last sub-point.
    pub fn line(&mut self, t: &str) {
        if let Some(p) = person_line(t) {
            match p {
                PersonLine::Initiator(name) if !name.is_empty() => {
                    self.person = Some(name.to_string())
                }
                PersonLine::Interested(names) => self.interested.extend(split_people(names)),
                PersonLine::Initiator(_) => {}
            }
            return;
        }
        match self.subs.last_mut() {
            Some(s) if self.in_sub_point => join_line(s, t),
            _ => join_line(&mut self.text, t),
        }
    }

    /// The card, with its flags and references read from its text.
    pub fn into_card(self, id: String) -> Card {
        let text = self.text.trim().to_string();
        let (flags, refs) = marks(&text);
        Card {
            id,
            sub_points: self.subs.into_iter().filter(|s| !s.is_empty()).collect(),
            flags,
            refs,
            person: self.person,
            interested: self.interested,
            text,
            ..Card::default()
        }
    }
}

/// The flags and reference numbers the marks in a card's text stand for.
pub fn marks(text: &str) -> (Flags, Vec<u32>) {
    let flags = Flags {
        uncertain: text.contains("[?]") || text.contains("(?)") || text.starts_with("? "),
        struck: fully_struck(text),
        emphasis: text.contains("!!!") || text.ends_with('!'),
    };
    (flags, refs_of(text))
}

/// Whether everything of the text is inside `~~…~~`.
fn fully_struck(text: &str) -> bool {
    if !text.contains("~~") {
        return false;
    }
    let mut outside = String::new();
    for (i, part) in text.split("~~").enumerate() {
        if i % 2 == 0 {
            outside.push_str(part);
        }
    }
    text.matches("~~").count() >= 2 && !outside.chars().any(char::is_alphanumeric)
}

/// A card typed as text, read as one card of the notation: the first line
/// (a leading `- ` dropped) is its text, `↳` lines and dash lines under it
/// are sub-points, other lines continue it. `None` when nothing is typed.
pub fn read_card(typed: &str) -> Option<Card> {
    let mut card: Option<CardLines> = None;
    for raw in typed.lines() {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        match card.as_mut() {
            None => {
                let first = sub_point(t).or_else(|| bullet(t)).unwrap_or(t);
                card = Some(CardLines::new(first));
            }
            Some(c) => match sub_point(t).or_else(|| bullet(t)) {
                Some(s) => c.sub_point(s),
                None => c.line(t),
            },
        }
    }
    let card = card?.into_card(String::new());
    (!card.text.is_empty() || !card.sub_points.is_empty()).then_some(card)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_flags_and_refs_and_stay_in_the_text() {
        let c = read_card("Wildes Parken !!!").unwrap();
        assert_eq!(c.text, "Wildes Parken !!!");
        assert!(c.flags.emphasis && !c.flags.uncertain && !c.flags.struck);
        let c = read_card("~~additiv~~").unwrap();
        assert!(c.flags.struck);
        let c = read_card("Sprach[?]förderung").unwrap();
        assert!(c.flags.uncertain);
        let c = read_card("Nachbarschaftsnetzwerke (informell 9, 10, 12)").unwrap();
        assert_eq!(c.refs, [9, 10, 12]);
    }

    #[test]
    fn sub_points_persons_and_continuations() {
        let c = read_card(
            "- kulturelles Angebot\n↳ Theater\n-> Musik-\nschule\nInitiator*in: Jagmar Müller\nInteressent*innen: A, B",
        )
        .unwrap();
        assert_eq!(c.text, "kulturelles Angebot");
        assert_eq!(c.sub_points, ["Theater", "Musikschule"]);
        assert_eq!(c.person.as_deref(), Some("Jagmar Müller"));
        assert_eq!(c.interested, ["A", "B"]);
        assert!(read_card("  \n ").is_none());
    }
}
