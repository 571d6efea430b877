//! General German synonyms from OpenThesaurus (`templates/openthesaurus.txt`,
//! LGPL-2.1+, made by `scripts/openthesaurus.py`): one set of words per line.
//!
//! A general thesaurus has many senses per word ("Stelle" is a place, a job
//! and an office), so its sets weigh far less than the domain thesaurus:
//! they link words, they never make two cards similar on their own. Very
//! large sets and words with many senses are left out.

use std::borrow::Cow;

mod table;

pub use table::{MAX_SENSES, MAX_SET, key_into};

/// The shipped file.
#[cfg(test)]
const TEXT: &str = include_str!("../../../templates/openthesaurus.txt");

/// The shipped file in its compact form, made by `build.rs`.
const SHIPPED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/openthesaurus.bin"));

/// The synonym sets, indexed by word key ([`key`]).
#[derive(Debug, Default)]
pub struct General {
    table: Cow<'static, [u8]>,
}

/// The sets a word belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sets {
    ids: [u32; MAX_SENSES],
    n: usize,
}

impl Sets {
    pub fn as_slice(&self) -> &[u32] {
        &self.ids[..self.n]
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// The key a word is looked up by: lower case, letters and digits only,
/// umlauts folded, and one inflection ending cut ("Wohnungen" and "Wohnung",
/// "Ärzte" and "Arzt" meet). Cheaper than a full stemmer, which matters
/// for 25,000 sets; cards are looked up the same way.
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    key_into(word, &mut out);
    out
}

impl General {
    /// Reads the text format: `#` comment lines, else words separated by `;`.
    /// Sets of more than [`MAX_SET`] words and words in more than
    /// [`MAX_SENSES`] sets are left out.
    pub fn parse(text: &str) -> Self {
        General {
            table: Cow::Owned(table::build(text)),
        }
    }

    /// The shipped sets, in the form made when the program was built:
    /// nothing to read at run time.
    pub fn shipped() -> &'static General {
        static GENERAL: General = General {
            table: Cow::Borrowed(SHIPPED),
        };
        &GENERAL
    }

    /// The sets a word (given as its [`key`]) belongs to; none for words
    /// with many senses.
    pub fn sets_of(&self, key: &str) -> Sets {
        let mut sets = Sets::default();
        sets.n = table::Table(&self.table).sets_of(key, &mut sets.ids);
        sets
    }

    pub fn len(&self) -> usize {
        table::Table(&self.table).sets()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_sets_load_and_link_everyday_synonyms() {
        let g = General::shipped();
        assert!(g.len() > 15_000, "{} sets", g.len());
        let shared = |a: &str, b: &str| {
            let (a, b) = (g.sets_of(&key(a)), g.sets_of(&key(b)));
            a.as_slice().iter().any(|s| b.as_slice().contains(s))
        };
        assert!(shared("Wohnungsvermieter", "Hauswirt"));
        assert!(shared("Arzt", "Mediziner"));
        assert!(!shared("Arzt", "Hauswirt"));
    }

    #[test]
    fn the_shipped_table_is_the_text_read_now_and_finds_every_word() {
        // The form made at build time is the one the text gives today.
        assert!(General::shipped().table == General::parse(TEXT).table);
        let g = General::shipped();
        let (sets, entries) = table::entries(TEXT);
        assert_eq!(g.len(), sets as usize);
        assert!(entries.len() > 50_000, "{} words", entries.len());
        for (k, ids) in &entries {
            assert_eq!(g.sets_of(k).as_slice(), ids.as_slice(), "{k}");
        }
        assert!(g.sets_of("").is_empty());
        assert!(g.sets_of("gibtsnichtwort").is_empty());
    }

    #[test]
    fn no_slur_or_derogatory_word_is_shipped() {
        let text = TEXT.to_lowercase();
        for word in [
            "neger",
            "zigeuner",
            "kanake",
            "asylant",
            "schwuchtel",
            "(derb)",
        ] {
            assert!(!text.contains(word), "{word}");
        }
        assert!(text.contains("flüchtling"));
    }

    #[test]
    fn large_sets_and_many_senses_are_left_out() {
        let mut text = String::from("# test\n");
        text.push_str(
            &(0..12)
                .map(|i| format!("wort{i}"))
                .collect::<Vec<_>>()
                .join(";"),
        );
        text.push('\n');
        for i in 0..5 {
            text.push_str(&format!("Bank;Sitz{i}\n"));
        }
        text.push_str("Arzt;Mediziner\n");
        let g = General::parse(&text);
        assert!(g.sets_of(&key("wort1")).is_empty());
        assert!(g.sets_of(&key("Bank")).is_empty());
        assert_eq!(g.sets_of(&key("Sitz3")).as_slice().len(), 1);
        assert_eq!(g.sets_of(&key("Ärzte")), g.sets_of(&key("Arzt")));
        assert_eq!(key("Wohnungen"), key("Wohnung"));
    }
}
