//! Finding the domain thesaurus' groups in a card's words, also inside
//! compounds and for entries of several words ("sozialer Frieden").

use rayon::prelude::*;

use super::super::graph::FastMap;
use super::super::normalise::Token;
use super::super::thesaurus::{Group, Thesaurus};
use super::compound::{Stems, Vocab};

/// The entries of the thesaurus' groups by their first stem, worked out on
/// both cores (each group on its own, then put together in group order).
pub(super) fn concept_index(
    thesaurus: &Thesaurus,
    tokens: &[Vec<Vec<Token>>],
    vocab: &Vocab,
) -> ConceptIndex {
    let entries: Vec<Vec<Entry>> = thesaurus
        .groups
        .par_iter()
        .zip(tokens)
        .enumerate()
        .map_init(Stems::default, |stems, (g, (group, words))| {
            group_entries(stems, g, group, words, vocab)
        })
        .collect();
    let mut index = ConceptIndex::default();
    for entry in entries.into_iter().flatten() {
        let first = entry.seqs[0][0].clone();
        index.by_first.entry(first).or_default().push(entry);
    }
    index
}

/// The entries of one group, in the order of its words.
fn group_entries(
    stems: &mut Stems,
    g: usize,
    group: &Group,
    words: &[Vec<Token>],
    vocab: &Vocab,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for (raw, word_tokens) in group.words.iter().zip(words) {
        if word_tokens.is_empty() {
            continue;
        }
        let whole = raw.starts_with('=');
        // A noun of the thesaurus ("Hort", "Fest") is not the verb or
        // adjective of the same letters ("hört", "festen").
        let noun = raw
            .trim_start_matches('=')
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let seqs: Vec<Vec<String>> = word_tokens
            .iter()
            .map(|t| {
                let mut seq = Vec::new();
                for p in &t.parts {
                    seq.extend_from_slice(stems.split_stems(p, vocab));
                }
                seq
            })
            .collect();
        if seqs.iter().any(Vec::is_empty) {
            continue;
        }
        // Also the unsplit stem: a card may split a compound
        // differently ("Kindergartenplätze" keeps "kindergarten").
        let unsplit: Vec<Vec<String>> = word_tokens
            .iter()
            .map(|t| vec![stems.stem(&t.parts.concat())])
            .collect();
        let mut variants = vec![seqs];
        if unsplit != variants[0] {
            variants.push(unsplit);
        }
        for seqs in variants {
            out.push(Entry {
                group: g,
                seqs,
                whole,
                noun,
            });
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Entry {
    group: usize,
    /// Stem sequences of the words of the entry (several for "sozialer Frieden").
    seqs: Vec<Vec<String>>,
    whole: bool,
    noun: bool,
}

#[derive(Debug, Default)]
pub(super) struct ConceptIndex {
    by_first: FastMap<String, Vec<Entry>>,
}

impl ConceptIndex {
    /// Groups matched by a card's words: (group, token that carries it).
    /// `lower[t]`: token t is written in lower case among capitalised
    /// words, so it is no noun and matches no noun of the thesaurus ("hört"
    /// is not "Hort", "festen" not "Feste").
    pub(super) fn matches(&self, tokens: &[Vec<String>], lower: &[bool]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (ti, stems) in tokens.iter().enumerate() {
            for k in 0..stems.len() {
                let Some(entries) = self.by_first.get(&stems[k]) else {
                    continue;
                };
                for e in entries {
                    if e.noun && lower.get(ti).copied().unwrap_or(false) {
                        continue;
                    }
                    let first = &e.seqs[0];
                    let hit = if e.whole {
                        k == 0 && stems == first
                    } else {
                        stems[k..].starts_with(first)
                    };
                    if !hit {
                        continue;
                    }
                    let rest_ok = e.seqs[1..].iter().all(|seq| {
                        tokens
                            .iter()
                            .any(|t| (0..t.len()).any(|j| t[j..].starts_with(seq)))
                    });
                    if rest_ok && !out.iter().any(|(g, _)| *g == e.group) {
                        out.push((e.group, ti));
                    }
                }
            }
        }
        out
    }
}
