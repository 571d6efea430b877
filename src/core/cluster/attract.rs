//! A confirmed theme attracts the free cards that resemble it as a whole.

use std::collections::{HashMap, HashSet};

use super::ClusterCard;
use super::features::Features;
use super::graph::Node;
use crate::core::model::Theme;

/// Share of a free card's weight that a theme's words must cover for the
/// card to be put into it.
pub(crate) const ATTRACT: f32 = 0.5;
/// A feature counts as the theme's when this many of its cards (or its
/// label) carry it: one card alone may carry a word by chance.
pub(crate) const SUPPORT: u32 = 2;

/// Puts each free card that resembles a confirmed theme as a whole into the
/// theme that covers most of it (`theme_of`): the share of the card's
/// weight on words, stems, synonyms and learned words that at least
/// [`SUPPORT`] of the theme's cards or its label carry. Unlike the average
/// similarity to the members, this does not fall as a theme grows.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attract(
    cards: &[ClusterCard],
    features: &Features,
    themes: &[Theme],
    theme_of: &mut [Option<usize>],
    rejected: &[HashSet<u32>],
    scope_of: &dyn Fn(&ClusterCard) -> String,
    constraints_of: &dyn Fn(usize) -> Node,
    theme_tags: &[Option<u32>],
) {
    // The label of confirmed theme t is analysed after the cards, in order.
    let mut label_of: Vec<Option<usize>> = vec![None; themes.len()];
    let mut next = cards.len();
    for (t, theme) in themes.iter().enumerate() {
        if theme.confirmed {
            label_of[t] = Some(next);
            next += 1;
        }
    }
    struct Profile {
        theme: usize,
        scope: String,
        /// How many of the theme's cards (and its label) carry each feature.
        support: HashMap<u32, u32>,
        constraints: Node,
    }
    let mut profiles: Vec<Profile> = Vec::new();
    for (t, theme) in themes.iter().enumerate() {
        if !theme.confirmed {
            continue;
        }
        let members: Vec<usize> = (0..cards.len())
            .filter(|&i| theme_of[i] == Some(t))
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        let mut constraints = Node::new(None);
        if let Some(tag) = theme_tags[t] {
            constraints.tags.push(vec![tag]);
        }
        let mut support: HashMap<u32, u32> = HashMap::new();
        for &i in &members {
            constraints.absorb_constraints(&constraints_of(i));
            for (f, _) in &features.cards[i].vector {
                *support.entry(*f).or_default() += 1;
            }
        }
        if let Some(l) = label_of[t].and_then(|l| features.cards.get(l)) {
            for (f, _) in &l.vector {
                *support.entry(*f).or_default() += 1;
            }
        }
        profiles.push(Profile {
            theme: t,
            scope: scope_of(&cards[first]),
            support,
            constraints,
        });
    }
    if profiles.is_empty() {
        return;
    }
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let v = &features.cards[i].vector;
        if theme_of[i].is_some() || v.is_empty() {
            continue;
        }
        let scope = scope_of(card);
        let me = constraints_of(i);
        let mut best: Option<(f32, usize)> = None;
        for p in &profiles {
            if p.scope != scope || rejected[p.theme].contains(&(i as u32)) {
                continue;
            }
            if !p.constraints.compatible(&me) {
                continue;
            }
            // The share of the card's weight on features that at least two
            // of the theme's cards (or its label) carry.
            let s: f32 = v
                .iter()
                .filter(|(f, _)| p.support.get(f).is_some_and(|&n| n >= SUPPORT))
                .map(|(_, w)| w * w)
                .sum();
            if s >= ATTRACT && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, p.theme));
            }
        }
        if let Some((_, t)) = best {
            joined.push((i, t));
        }
    }
    for (i, t) in joined {
        theme_of[i] = Some(t);
    }
}
