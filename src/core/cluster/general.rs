//! General German synonyms from OpenThesaurus (`templates/openthesaurus.txt`,
//! LGPL-2.1+, made by `scripts/openthesaurus.py`): one set of words per line.
//!
//! A general thesaurus has many senses per word ("Stelle" is a place, a job
//! and an office), so its sets weigh far less than the domain thesaurus:
//! they link words, they never make two cards similar on their own. Very
//! large sets and words with many senses are left out.

use std::sync::OnceLock;

use super::graph::FastMap;

/// The shipped file.
const TEXT: &str = include_str!("../../../templates/openthesaurus.txt");

/// Sets with more words than this are too loose to tell anything.
pub const MAX_SET: usize = 10;
/// Words in more sets than this have too many senses to be used.
pub const MAX_SENSES: usize = 4;

/// The synonym sets, indexed by word stem.
#[derive(Debug, Default)]
pub struct General {
    /// The words of each set, as written.
    pub sets: Vec<Vec<&'static str>>,
    by_key: FastMap<String, Vec<u32>>,
}

/// The key a word is looked up by: lower case, letters and digits only,
/// umlauts folded, and one inflection ending cut ("Wohnungen" and "Wohnung",
/// "Ärzte" and "Arzt" meet). Cheaper than a full stemmer, which matters
/// for 25,000 sets read at start; cards are looked up the same way.
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ä' | 'Ä' => out.push('a'),
            'ö' | 'Ö' => out.push('o'),
            'ü' | 'Ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    for ending in ["ern", "en", "er", "es", "em", "e", "n", "s"] {
        if out.len() >= ending.len() + 4 && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
            break;
        }
    }
    out
}

impl General {
    /// Reads the text format: `#` comment lines, else words separated by `;`.
    pub fn parse(text: &'static str) -> Self {
        let mut sets: Vec<Vec<&'static str>> = Vec::new();
        let mut by_key: FastMap<String, Vec<u32>> = FastMap::default();
        by_key.reserve(120_000);
        sets.reserve(26_000);
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&'static str> = line
                .split(';')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 2 || words.len() > MAX_SET {
                continue;
            }
            let id = sets.len() as u32;
            let mut keys: Vec<String> = words.iter().map(|w| key(w)).collect();
            keys.sort();
            keys.dedup();
            if keys.len() < 2 {
                continue;
            }
            for k in keys {
                if k.chars().count() >= 3 {
                    by_key.entry(k).or_default().push(id);
                }
            }
            sets.push(words);
        }
        by_key.retain(|_, ids| ids.len() <= MAX_SENSES);
        General { sets, by_key }
    }

    /// The shipped sets, read once.
    pub fn shipped() -> &'static General {
        static GENERAL: OnceLock<General> = OnceLock::new();
        GENERAL.get_or_init(|| General::parse(TEXT))
    }

    /// The sets a word (given as its [`key`]) belongs to; none for words
    /// with many senses.
    pub fn sets_of(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
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
            a.iter().any(|s| b.contains(s))
        };
        assert!(shared("Wohnungsvermieter", "Hauswirt"));
        assert!(shared("Arzt", "Mediziner"));
        assert!(!shared("Arzt", "Hauswirt"));
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
        let g = General::parse(Box::leak(text.into_boxed_str()));
        assert!(g.sets_of(&key("wort1")).is_empty());
        assert!(g.sets_of(&key("Bank")).is_empty());
        assert_eq!(g.sets_of(&key("Sitz3")).len(), 1);
        assert_eq!(g.sets_of(&key("Ärzte")), g.sets_of(&key("Arzt")));
        assert_eq!(key("Wohnungen"), key("Wohnung"));
    }
}
