//! General German synonyms from OpenThesaurus (`templates/openthesaurus.txt`,
//! LGPL-2.1+, made by `scripts/openthesaurus.py`): one set of words per line.
//!
//! A general thesaurus has many senses per word ("Stelle" is a place, a job
//! and an office), so its sets weigh far less than the domain thesaurus:
//! they link words, they never make two cards similar on their own. Very
//! large sets and words with many senses are left out.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Each set as its line of the file (words separated by `;`).
    pub sets: Vec<&'static str>,
    by_key: FastMap<Box<str>, Senses>,
}

/// The sets a key is in, while there are at most [`MAX_SENSES`].
#[derive(Debug, Clone, Copy, Default)]
struct Senses {
    sets: [u32; MAX_SENSES],
    /// How many sets; more than [`MAX_SENSES`] means too many.
    n: u8,
}

impl Senses {
    fn push(&mut self, set: u32) {
        if let Some(slot) = self.sets.get_mut(self.n as usize) {
            *slot = set;
        }
        self.n = self.n.saturating_add(1);
    }

    fn get(&self) -> &[u32] {
        self.sets.get(..self.n as usize).unwrap_or(&[])
    }
}

/// The key a word is looked up by: lower case, letters and digits only,
/// umlauts folded, and one inflection ending cut ("Wohnungen" and "Wohnung",
/// "Ärzte" and "Arzt" meet). Cheaper than a full stemmer, which matters
/// for 25,000 sets read at start; cards are looked up the same way.
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    key_into(word, &mut out);
    out
}

/// [`key`], appended to `out`.
pub fn key_into(word: &str, out: &mut String) {
    let start = out.len();
    for c in word.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            'ä' | 'Ä' => out.push('a'),
            'ö' | 'Ö' => out.push('o'),
            'ü' | 'Ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let len = out.len() - start;
    for ending in ["ern", "en", "er", "es", "em", "e", "n", "s"] {
        if len >= ending.len() + 4 && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
            break;
        }
    }
}

/// Whether [`General::shipped`] is being read already.
static PREPARING: AtomicBool = AtomicBool::new(false);

impl General {
    /// Reads the text format: `#` comment lines, else words separated by `;`.
    pub fn parse(text: &'static str) -> Self {
        let mut sets: Vec<&'static str> = Vec::with_capacity(26_000);
        let mut by_key: FastMap<Box<str>, Senses> = FastMap::default();
        by_key.reserve(120_000);
        // The keys of one line, one after the other, and where each is.
        let mut keys = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            keys.clear();
            spans.clear();
            for word in line.split(';').map(str::trim).filter(|w| !w.is_empty()) {
                let start = keys.len();
                key_into(word, &mut keys);
                spans.push((start, keys.len()));
                if spans.len() > MAX_SET {
                    break;
                }
            }
            if spans.len() < 2 || spans.len() > MAX_SET {
                continue;
            }
            spans.sort_unstable_by(|a, b| keys[a.0..a.1].cmp(&keys[b.0..b.1]));
            spans.dedup_by(|a, b| keys[a.0..a.1] == keys[b.0..b.1]);
            if spans.len() < 2 {
                continue;
            }
            let id = sets.len() as u32;
            for &(a, b) in &spans {
                let k = &keys[a..b];
                if k.chars().count() < 3 {
                    continue;
                }
                match by_key.get_mut(k) {
                    Some(senses) => senses.push(id),
                    None => {
                        let mut senses = Senses::default();
                        senses.push(id);
                        by_key.insert(k.into(), senses);
                    }
                }
            }
            sets.push(line);
        }
        by_key.retain(|_, senses| senses.n as usize <= MAX_SENSES);
        General { sets, by_key }
    }

    /// The shipped sets, read once.
    pub fn shipped() -> &'static General {
        static GENERAL: OnceLock<General> = OnceLock::new();
        GENERAL.get_or_init(|| General::parse(TEXT))
    }

    /// Starts reading the shipped sets on a thread of their own, so that
    /// they are ready when the cards are analysed.
    pub fn prepare() {
        if PREPARING.swap(true, Ordering::Relaxed) {
            return;
        }
        let started = std::thread::Builder::new()
            .name("synonyms".into())
            .spawn(|| {
                General::shipped();
            });
        // Without a thread they are read when first needed.
        drop(started);
    }

    /// The sets a word (given as its [`key`]) belongs to; none for words
    /// with many senses.
    pub fn sets_of(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Senses::get)
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
