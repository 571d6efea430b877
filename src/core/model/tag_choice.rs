//! Which Handlungsfeld a theme belongs to: the one the clerk assigned, else
//! the one its cards' tags agree on.

use super::{Card, Session, Theme};

/// A theme's Handlungsfeld and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagChoice {
    /// The clerk assigned it.
    Assigned(String),
    /// Not assigned; every tagged card of the theme carries this tag (and no
    /// other tag is carried by all of them). Untagged cards do not count.
    Shared(String),
    /// Not assigned, and the tagged cards do not agree on one: each tag with
    /// the number of cards carrying it, most first (ties by first use).
    Disputed(Vec<(String, usize)>),
    /// Not assigned and no card tagged.
    Open,
}

impl TagChoice {
    /// From an assignment and the theme's cards.
    pub fn of<'a>(assigned: Option<&str>, cards: impl IntoIterator<Item = &'a Card>) -> Self {
        if let Some(t) = assigned {
            return TagChoice::Assigned(t.to_string());
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut tagged = 0;
        for card in cards {
            let mut any = false;
            for (i, key) in card.tags.iter().enumerate() {
                // A tag listed twice on one card counts once.
                if card.tags[..i].contains(key) {
                    continue;
                }
                any = true;
                match counts.iter_mut().find(|(k, _)| k == key) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((key.clone(), 1)),
                }
            }
            tagged += usize::from(any);
        }
        if counts.is_empty() {
            return TagChoice::Open;
        }
        let mut all: Vec<&String> = counts
            .iter()
            .filter(|(_, n)| *n == tagged)
            .map(|(k, _)| k)
            .collect();
        if all.len() == 1 {
            return TagChoice::Shared(all.remove(0).clone());
        }
        // Stable: equal counts keep the order of first use.
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        TagChoice::Disputed(counts)
    }

    /// The Handlungsfeld the theme goes to, when there is one.
    pub fn key(&self) -> Option<&str> {
        match self {
            TagChoice::Assigned(k) | TagChoice::Shared(k) => Some(k),
            TagChoice::Disputed(_) | TagChoice::Open => None,
        }
    }
}

impl Session {
    /// The Handlungsfeld of one of this session's themes. Cards are looked
    /// up by plain id or as `session/card` with this session's id; cards of
    /// other sessions are not seen.
    pub fn theme_tag(&self, theme: &Theme) -> TagChoice {
        let prefix = format!("{}/", self.id);
        let cards = theme.cards.iter().filter_map(|r| {
            let id = r.strip_prefix(&prefix).unwrap_or(r);
            self.card(id)
        });
        TagChoice::of(theme.tag.as_deref(), cards)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(tags: &[&str]) -> Card {
        let mut c = Card::new("k", "x");
        c.tags = tags.iter().map(|t| t.to_string()).collect();
        c
    }

    #[test]
    fn an_assigned_tag_wins_over_the_cards() {
        let cards = [card(&["sprache"])];
        assert_eq!(
            TagChoice::of(Some("teilhabe"), &cards),
            TagChoice::Assigned("teilhabe".into())
        );
    }

    #[test]
    fn the_tag_all_tagged_cards_share_is_the_default() {
        let cards = [
            card(&["teilhabe"]),
            card(&[]),
            card(&["teilhabe", "sprache"]),
            card(&["teilhabe", "teilhabe"]),
        ];
        assert_eq!(
            TagChoice::of(None, &cards),
            TagChoice::Shared("teilhabe".into())
        );
        assert_eq!(
            TagChoice::of(None, &[card(&[]), card(&[])]),
            TagChoice::Open
        );
    }

    #[test]
    fn disagreeing_cards_are_reported_with_their_counts() {
        let cards = [
            card(&["sprache"]),
            card(&["bildung"]),
            card(&["bildung"]),
            card(&["arbeit"]),
        ];
        assert_eq!(
            TagChoice::of(None, &cards),
            TagChoice::Disputed(vec![
                ("bildung".into(), 2),
                ("sprache".into(), 1),
                ("arbeit".into(), 1)
            ])
        );
        // Two tags on every card: still the clerk's choice.
        let both = [card(&["a", "b"]), card(&["b", "a"])];
        assert_eq!(
            TagChoice::of(None, &both),
            TagChoice::Disputed(vec![("a".into(), 2), ("b".into(), 2)])
        );
    }
}
