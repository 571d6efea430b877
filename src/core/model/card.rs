//! A card: one note on a board.

use serde::{Deserialize, Serialize};

/// Marks a transcriber sets on a card, as seen on handwritten notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Flags {
    /// Some words could not be read with certainty (marked `[?]` in the text).
    pub uncertain: bool,
    /// The card (or its main text) was struck out on the wall.
    pub struck: bool,
    /// Underlined, `!!!` or otherwise emphasised.
    pub emphasis: bool,
}

impl Flags {
    pub fn is_empty(&self) -> bool {
        !(self.uncertain || self.struck || self.emphasis)
    }
}

/// One note on a board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Card {
    /// Stable id, unique within its session; survives editing and moving.
    /// Empty only in the versions kept in [`Card::conflict`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub text: String,
    /// Lines written under the card's text (`↳`, `→`, `->` on the wall).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_points: Vec<String>,
    #[serde(skip_serializing_if = "Flags::is_empty")]
    pub flags: Flags,
    /// Reference numbers written on the card ("informell 9, 10, 12") or the
    /// number of a numbered topic card.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<u32>,
    /// Dot votes stuck on the card.
    #[serde(skip_serializing_if = "is_zero")]
    pub votes: u32,
    /// A person named on the card (Initiator*in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Further people named on the card (Interessent*innen).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interested: Vec<String>,
    /// Keys of the tags (Handlungsfelder) set on the card.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Other versions of this card, left by a merge in which two clerks
    /// changed it differently: the card shows one, these are the others
    /// (without an id) until the clerk picks one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflict: Vec<Card>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Card {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Card {
            id: id.into(),
            text: text.into(),
            ..Card::default()
        }
    }

    /// Text and sub-points as one line, for search and clustering.
    pub fn full_text(&self) -> String {
        let mut s = self.text.clone();
        for p in &self.sub_points {
            s.push(' ');
            s.push_str(p);
        }
        s
    }

    /// Whether a merge left other versions of this card to choose from.
    pub fn in_conflict(&self) -> bool {
        !self.conflict.is_empty()
    }

    /// The card with the other version number `i` of [`Card::conflict`] as
    /// its content (id and place stay): the clerk's choice that ends the
    /// conflict. `None` when there is no such version.
    pub fn resolved_with(&self, i: usize) -> Option<Card> {
        let chosen = self.conflict.get(i)?;
        Some(Card {
            id: self.id.clone(),
            conflict: Vec::new(),
            ..chosen.clone()
        })
    }

    /// The card as it shows, with the other versions dropped.
    pub fn resolved_as_shown(&self) -> Card {
        Card {
            conflict: Vec::new(),
            ..self.clone()
        }
    }

    pub fn has_tag(&self, key: &str) -> bool {
        self.tags.iter().any(|t| t == key)
    }

    /// Sets or clears a tag; returns whether the tag is set afterwards.
    pub fn toggle_tag(&mut self, key: &str) -> bool {
        if let Some(pos) = self.tags.iter().position(|t| t == key) {
            self.tags.remove(pos);
            false
        } else {
            self.tags.push(key.to_string());
            true
        }
    }
}
