//! Splitting compounds into known pieces ("Kita|plätze", "Teilhabe|chancen").

use rust_stemmers::{Algorithm, Stemmer};

use super::super::graph::FastMap;
use super::FastSet;

/// Stems of words and of compounds' pieces, remembered once worked out.
/// Each thread of an analysis has its own; what they give never depends on
/// what they remember.
pub(super) struct Stems {
    pub(super) stemmer: Stemmer,
    stems: FastMap<String, String>,
    splits: FastMap<String, Vec<String>>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::German),
            stems: FastMap::default(),
            splits: FastMap::default(),
        }
    }
}

impl Stems {
    /// The stem of a word, `ß` written `ss`.
    pub(super) fn stem(&mut self, word: &str) -> String {
        if let Some(s) = self.stems.get(word) {
            return s.clone();
        }
        let s = self.stemmer.stem(word).replace('ß', "ss");
        self.stems.insert(word.to_string(), s.clone());
        s
    }

    /// The stems of a word part, split into compound parts where the pieces
    /// are words of the vocabulary.
    pub(super) fn split_stems(&mut self, word: &str, vocab: &Vocab) -> &[String] {
        if !self.splits.contains_key(word) {
            let pieces = self.split(word, vocab);
            let stems: Vec<String> = pieces.iter().map(|p| self.stem(p)).collect();
            self.splits.insert(word.to_string(), stems);
        }
        &self.splits[word]
    }

    /// Splits a compound into known pieces: the finest split with at most one
    /// unknown piece, linking `s`/`n`/`en`/`e` removed from the pieces.
    fn split(&mut self, word: &str, vocab: &Vocab) -> Vec<String> {
        const MIN_PIECE: usize = 4;
        const MIN_UNKNOWN: usize = 5;
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        if !(2 * MIN_PIECE..=super::super::normalise::MAX_WORD_CHARS).contains(&n) {
            return vec![word.to_string()];
        }
        // best[i]: (unknown pieces, -pieces, letters in unknown pieces,
        // pieces) for word[i..].
        // A piece known only as a stem ("park" of "parken") is taken where
        // no piece is unknown: with an unknown piece beside it, it is too
        // likely a chance match ("saub|erkeit").
        type Split = (u8, i8, usize, bool, Vec<String>);
        let mut best: Vec<Option<Split>> = vec![None; n + 1];
        let mut scratch = String::with_capacity(word.len() + 1);
        best[n] = Some((0, 0, 0, false, Vec::new()));
        for i in (0..n).rev() {
            let mut choice: Option<Split> = None;
            for j in (i + MIN_PIECE)..=n {
                let Some((unknown, neg_parts, unknown_len, stem_used, rest)) = &best[j] else {
                    continue;
                };
                if i == 0 && j == n {
                    continue;
                }
                let piece = &word[bounds[i]..bounds[j]];
                if i > 0 && !may_begin_piece(piece) {
                    continue;
                }
                let known = if j == n {
                    self.known_head(piece, vocab)
                } else {
                    known_modifier(piece, vocab, &mut scratch)
                        .map(|p| (p, false))
                        .or_else(|| {
                            vocab
                                .stems
                                .contains(piece)
                                .then(|| (piece.to_string(), true))
                        })
                };
                let (piece, unknown, unknown_len, stem_used) = match known {
                    Some((p, by_stem)) => {
                        if by_stem && *unknown > 0 {
                            continue;
                        }
                        (p, *unknown, *unknown_len, *stem_used || by_stem)
                    }
                    None if j - i >= MIN_UNKNOWN
                        && *unknown == 0
                        && !*stem_used
                        && (i == 0 || word_like(piece)) =>
                    {
                        (piece.to_string(), 1, j - i, false)
                    }
                    None => continue,
                };
                // Fewest unknown pieces, then most pieces, then the fewest
                // letters left unknown ("Teilhabe|chancen", not
                // "Teilhab|echancen").
                let key = (unknown, *neg_parts - 1, unknown_len);
                if choice.as_ref().is_none_or(|c| key < (c.0, c.1, c.2)) {
                    let mut pieces = Vec::with_capacity(rest.len() + 1);
                    pieces.push(piece);
                    pieces.extend(rest.iter().cloned());
                    choice = Some((key.0, key.1, key.2, stem_used, pieces));
                }
            }
            best[i] = choice;
        }
        match best[0].take() {
            Some((unknown, _, _, _, pieces))
                if pieces.len() >= 2 && pieces.len() > unknown as usize =>
            {
                pieces
            }
            _ => vec![word.to_string()],
        }
    }

    /// The last piece of a compound, if known: `(piece, known only as a
    /// stem)`.
    fn known_head(&mut self, piece: &str, vocab: &Vocab) -> Option<(String, bool)> {
        if vocab.words.contains(piece) {
            return Some((piece.to_string(), false));
        }
        if vocab.stems.contains(piece) {
            return Some((piece.to_string(), true));
        }
        let s = self.stem(piece);
        if s.chars().count() < 4 {
            return None;
        }
        if vocab.words.contains(&s) {
            Some((piece.to_string(), false))
        } else {
            vocab.stems.contains(&s).then(|| (piece.to_string(), true))
        }
    }
}

/// Whether a piece can follow another in a compound: no derivational
/// ending begins a word ("Öffentlich|keit" is one word).
fn may_begin_piece(piece: &str) -> bool {
    const ENDINGS: [&str; 13] = [
        "keit", "heit", "ung", "schaft", "chaft", "lich", "isch", "tät", "ität", "ismus", "nis",
        "igung", "igkeit",
    ];
    !ENDINGS.iter().any(|e| piece.starts_with(e))
}

/// Whether an unknown piece after another looks like the start of a word:
/// not a linking "s" before a consonant ("Migration|shintergrund"), not a
/// consonant pair no German word begins with ("Info|rmationsfluss").
fn word_like(piece: &str) -> bool {
    let mut chars = piece.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    let vowel = |c: char| "aeiouäöüy".contains(c);
    if vowel(a) || vowel(b) {
        return true;
    }
    const STARTS: [&str; 24] = [
        "bl", "br", "ch", "dr", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "pf", "ph", "pl",
        "pr", "sc", "sk", "sp", "st", "sw", "tr", "wr", "zw",
    ];
    STARTS.iter().any(|s| piece.starts_with(s))
}

/// Words a compound is split against: the words of the cards and the
/// thesaurus, and their stems. A stem alone may end a compound (its head,
/// inflected: "-plätze"), but only a word may begin one: otherwise the stem
/// "saub" of "sauber" would split "Sauberkeit" into "saub|erkeit".
#[derive(Debug, Default)]
pub struct Vocab {
    pub(super) words: FastSet<String>,
    pub(super) stems: FastSet<String>,
}

fn known_modifier(piece: &str, vocab: &Vocab, scratch: &mut String) -> Option<String> {
    if vocab.words.contains(piece) {
        return Some(piece.to_string());
    }
    for link in ["s", "es", "n", "en", "e", "er"] {
        if let Some(stripped) = piece.strip_suffix(link)
            && stripped.chars().count() >= 4
            && vocab.words.contains(stripped)
        {
            return Some(stripped.to_string());
        }
    }
    // "Schul-" of "Schule": a word without its last "e".
    if piece.chars().count() >= 4 {
        scratch.clear();
        scratch.push_str(piece);
        scratch.push('e');
        if vocab.words.contains(scratch.as_str()) {
            return Some(scratch.clone());
        }
    }
    None
}
