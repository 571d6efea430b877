//! The features of one card, worked out on its own (so that the cards of a
//! set are analysed on both cores); the set then gives the features their
//! ids in the order the cards name them.

use super::super::general::{self, General};
use super::super::graph::FastMap;
use super::super::normalise::Token;
use super::super::thesaurus::Thesaurus;
use super::concepts::ConceptIndex;
use super::{
    ASIDE_WEIGHT, BROAD_SHARE, COMPOUND_WEIGHT, CONCEPT_WEIGHT, FastSet, FeatureKind,
    GENERAL_WEIGHT, LEARNED_WEIGHT, LOWER_CASE_WEIGHT, MATCHED_STEM_SHARE, POSITION_DECAY,
    POSITION_FLOOR, TAG_WEIGHT, WEAK_WEIGHT,
};

/// What every card of a set is analysed against.
pub(super) struct Context<'a> {
    /// Misspelt word parts and the spelling they are read as.
    pub respell: &'a FastMap<String, String>,
    /// The stems of each word part of the cards (as read), compounds split.
    pub stems_of: &'a FastMap<&'a str, Vec<String>>,
    /// Stems of generic words.
    pub weak: &'a FastSet<String>,
    pub concepts: &'a ConceptIndex,
    pub thesaurus: &'a Thesaurus,
    /// Whether each thesaurus group was learned from the clerk's themes.
    pub learned_group: &'a [bool],
    pub general: Option<&'a General>,
}

/// One card's features before they have ids: each feature once, in the
/// order the card first names it.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub respelled: Vec<(u32, String)>,
    pub kinds: Vec<FeatureKind>,
    /// The weight of each of `kinds`.
    pub weights: Vec<f32>,
    /// (feature in `kinds`, token) for each word that carries a feature.
    pub carriers: Vec<(u32, u32)>,
    /// General synonym sets (in `kinds`) and the word that carries each.
    pub general: Vec<(u32, String)>,
}

impl Draft {
    /// The place of a feature in `kinds`, added (weight 0) on first use.
    fn feature(&mut self, kind: FeatureKind) -> usize {
        if let Some(i) = self.kinds.iter().position(|k| *k == kind) {
            return i;
        }
        self.kinds.push(kind);
        self.weights.push(0.0);
        self.kinds.len() - 1
    }

    /// Raises a feature to `weight` (keeping a larger one) and notes the
    /// token that carries it.
    fn raise(&mut self, kind: FeatureKind, weight: f32, token: usize) -> usize {
        let i = self.feature(kind);
        let e = &mut self.weights[i];
        if weight > *e {
            *e = weight;
        }
        self.carriers.push((i as u32, token as u32));
        i
    }
}

impl Context<'_> {
    /// The features of a card: its words' stems and compounds, the
    /// thesaurus groups and general synonym sets its words carry, and its
    /// Handlungsfelder.
    pub fn draft(&self, card_tokens: &[Token], tags: &[String]) -> Draft {
        let mut d = Draft::default();
        let mut token_stems: Vec<Vec<String>> = Vec::with_capacity(card_tokens.len());
        // Each token's place among the card's words that are not generic.
        let mut places_of: Vec<usize> = Vec::with_capacity(card_tokens.len());
        let mut place = 0usize;
        let capitals = card_tokens
            .iter()
            .any(|t| t.surface.chars().next().is_some_and(char::is_uppercase));
        let lower_tokens: Vec<bool> = card_tokens
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                capitals && ti > 0 && t.surface.chars().next().is_some_and(char::is_lowercase)
            })
            .collect();
        for (ti, token) in card_tokens.iter().enumerate() {
            let mut token_stem = Vec::new();
            let mut changed = None;
            for part in &token.parts {
                let part = match self.respell.get(part.as_str()) {
                    Some(c) => {
                        changed = Some(c.clone());
                        c.as_str()
                    }
                    None => part.as_str(),
                };
                token_stem.extend_from_slice(&self.stems_of[part]);
            }
            if let Some(c) = changed {
                d.respelled.push((ti as u32, c));
            }
            // A compound is one word: its parts share the word's weight.
            let lower = lower_tokens[ti];
            let share = aside_factor(token) * position_factor(place)
                / (token_stem.len().max(1) as f32).sqrt()
                * if lower { LOWER_CASE_WEIGHT } else { 1.0 };
            for s in &token_stem {
                let w = share
                    * if token.generic || self.weak.contains(s) {
                        WEAK_WEIGHT
                    } else {
                        1.0
                    };
                d.raise(FeatureKind::Stem(s.clone()), w, ti);
            }
            if token_stem.len() >= 2 {
                d.raise(
                    FeatureKind::Compound(token_stem.concat()),
                    COMPOUND_WEIGHT * aside_factor(token) * position_factor(place),
                    ti,
                );
            }
            places_of.push(place);
            // Generic abbreviations ("gem.") do not push the theme's word back.
            if !token.generic {
                place += 1;
            }
            token_stems.push(token_stem);
        }
        let matched = self.concepts.matches(&token_stems, &lower_tokens);
        // A word the thesaurus knows is carried mostly by its group, so
        // that cards meaning the same in other words come close.
        let mut scaled: Vec<usize> = Vec::new();
        for &(_, ti) in &matched {
            for st in &token_stems[ti] {
                let i = d.feature(FeatureKind::Stem(st.clone()));
                if !scaled.contains(&i) {
                    scaled.push(i);
                    d.weights[i] *= MATCHED_STEM_SHARE;
                }
            }
        }
        // A word the clerk put into a theme of this folder is read as that
        // theme first: the domain group the same word carries is the wider
        // field around it and weighs as a broad one, and the learned group
        // takes its weight, so that the learned group still links the word
        // to the theme's other words.
        let domain_weight = |group: usize| {
            let broad = if self.thesaurus.groups[group].broad {
                BROAD_SHARE
            } else {
                1.0
            };
            CONCEPT_WEIGHT * broad
        };
        let mut learned_tokens: Vec<usize> = Vec::new();
        let mut known_weight: Vec<(usize, f32)> = Vec::new();
        for &(group, ti) in &matched {
            if self.learned_group[group] {
                learned_tokens.push(ti);
            } else {
                match known_weight.iter_mut().find(|(t, _)| *t == ti) {
                    Some((_, w)) => *w = w.max(domain_weight(group)),
                    None => known_weight.push((ti, domain_weight(group))),
                }
            }
        }
        for &(group, ti) in &matched {
            let (kind, weight) = if self.learned_group[group] {
                let known = known_weight
                    .iter()
                    .find(|(t, _)| *t == ti)
                    .map_or(0.0, |&(_, w)| w);
                (
                    FeatureKind::Learned(self.thesaurus.groups[group].name.clone()),
                    LEARNED_WEIGHT.max(known),
                )
            } else if learned_tokens.contains(&ti) {
                (
                    FeatureKind::Concept(group),
                    domain_weight(group) * BROAD_SHARE,
                )
            } else {
                (FeatureKind::Concept(group), domain_weight(group))
            };
            let i = d.feature(kind);
            let e = &mut d.weights[i];
            *e = e.max(weight * aside_factor(&card_tokens[ti]) * position_factor(places_of[ti]));
            d.carriers.push((i as u32, ti as u32));
        }
        if let Some(general) = self.general {
            for (ti, token_stem) in token_stems.iter().enumerate() {
                // The domain thesaurus knows the word better.
                if matched.iter().any(|&(_, t)| t == ti) {
                    continue;
                }
                let Some(head) = token_stem.last() else {
                    continue;
                };
                if self.weak.contains(head) {
                    continue;
                }
                let whole = general::key(&card_tokens[ti].parts.concat());
                let head = general::key(head);
                let (mut sets, mut word) = (general.sets_of(&whole), &whole);
                if sets.is_empty() && token_stem.len() > 1 {
                    (sets, word) = (general.sets_of(&head), &head);
                }
                for &set in sets.as_slice() {
                    let i = d.feature(FeatureKind::General(set));
                    d.general.push((i as u32, word.clone()));
                    let e = &mut d.weights[i];
                    *e = e.max(GENERAL_WEIGHT * aside_factor(&card_tokens[ti]));
                    d.carriers.push((i as u32, ti as u32));
                }
            }
        }
        for tag in tags {
            let i = d.feature(FeatureKind::Tag(tag.clone()));
            d.weights[i] = TAG_WEIGHT;
        }
        d
    }
}

/// Words in brackets are an aside to the card's point.
pub(super) fn aside_factor(token: &Token) -> f32 {
    if token.aside { ASIDE_WEIGHT } else { 1.0 }
}

/// Weight of a card's word after `place` others that are not generic: a
/// card names its theme first
/// ("Kita schließt um 14 Uhr", "Müll an den Containern"); the words after
/// say more about it.
pub(super) fn position_factor(place: usize) -> f32 {
    (1.0 - POSITION_DECAY * place as f32).max(POSITION_FLOOR)
}
