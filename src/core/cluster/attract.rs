//! A confirmed theme attracts the free cards that resemble it as a whole.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::ClusterCard;
use super::features::{FeatureKind, Features};
use super::graph::{Node, dot};
use crate::core::model::Theme;

/// Share of a free card's weight that a theme's words must cover for the
/// card to be put into it.
pub(crate) const ATTRACT: f32 = 0.5;
/// A free card whose weight (of its unit vector) on a thesaurus group of a
/// theme's label is at least this goes into that theme, when no other
/// theme's label in its column names the group: the clerk's heading names
/// what the theme is about.
pub(crate) const HEADING: f32 = 0.55;
/// A feature counts as the theme's when this many of its cards (or its
/// label) carry it: one card alone may carry a word by chance.
pub(crate) const SUPPORT: u32 = 2;

/// How the evidence that a free card belongs to a confirmed theme adds up
/// (see [`Evidence::score`]); weighed on the labelled sets, where the
/// clerk's first half of each group taught where its second half goes.
const W_CENTRE: f32 = 2.5;
const W_LABEL: f32 = 2.8;
const W_NEAREST: f32 = 2.2;
const W_MARGIN: f32 = 3.0;
const W_TIGHT: f32 = 1.6;
const W_SIZE: f32 = 0.5;
/// The score from which a free card goes into a theme.
pub(crate) const JOIN: f32 = 4.2;

/// What links a free card to one confirmed theme.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Evidence {
    /// Cosine to the centre of the theme's cards and label.
    pub centre: f32,
    /// Cosine to the label alone: the clerk's heading.
    pub label: f32,
    /// Cosine to the closest card of the theme.
    pub nearest: f32,
    /// How far the centre of this theme is closer than that of the next
    /// theme of the column: a card between two themes stays loose.
    pub margin: f32,
    /// How close the theme's own cards are to the rest of it (each left
    /// out in turn): a tight theme asks more of a new card, a loose one
    /// less.
    pub tight: f32,
    /// Cards of the theme: a larger theme is known better.
    pub size: usize,
}

impl Evidence {
    pub fn score(&self) -> f32 {
        W_CENTRE * self.centre
            + W_LABEL * self.label
            + W_NEAREST * self.nearest
            + W_MARGIN * self.margin
            - W_TIGHT * self.tight
            + W_SIZE * (self.size.max(1) as f32).ln()
    }
}

/// Puts each free card that resembles a confirmed theme as a whole into the
/// theme it resembles most (`theme_of`). The evidence ([`Evidence`]): its
/// closeness to the centre of the theme's cards and label, to the label,
/// and to the closest card, how much closer it is to this theme than to the
/// next one, and how tight the theme is; a card goes in from [`JOIN`]. A
/// card also goes in when [`ATTRACT`] of its weight is on words, stems,
/// synonyms and learned words that at least [`SUPPORT`] of the theme's
/// cards or its label carry, or when it is mostly about a thesaurus group
/// that only this theme's label names ([`HEADING`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn attract(
    cards: &[ClusterCard],
    features: &Features,
    themes: &[Theme],
    theme_of: &mut [Option<usize>],
    rejected: &[HashSet<u32>],
    scope_of: &(dyn Fn(&ClusterCard) -> String + Sync),
    constraints_of: &(dyn Fn(usize) -> Node + Sync),
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
    struct Profile<'a> {
        theme: usize,
        scope: String,
        /// The features at least [`SUPPORT`] of the theme's cards (or its
        /// label) carry, sorted.
        shared: Vec<u32>,
        /// The sum of the vectors of its cards and its label, of unit
        /// length, sorted by feature.
        centre: Vec<(u32, f32)>,
        /// The label's vector.
        label: &'a [(u32, f32)],
        /// The vectors of its cards.
        members: Vec<&'a [(u32, f32)]>,
        /// Mean cosine of each card to the rest of the theme.
        tight: f32,
        /// The thesaurus groups its label names and no other theme's label
        /// in its column does.
        heads: Vec<u32>,
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
        let mut support: HashMap<u32, (u32, f32)> = HashMap::new();
        let label = label_of[t].and_then(|l| features.cards.get(l));
        let heads: Vec<u32> = label
            .into_iter()
            .flat_map(|l| &l.vector)
            .filter(|(f, _)| matches!(features.kinds[*f as usize], FeatureKind::Concept(_)))
            .map(|(f, _)| *f)
            .collect();
        for &i in &members {
            constraints.absorb_constraints(&constraints_of(i));
        }
        for row in members.iter().map(|&i| &features.cards[i]).chain(label) {
            for (f, w) in &row.vector {
                let e = support.entry(*f).or_default();
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut sum: Vec<(u32, f32)> = support.iter().map(|(f, (_, w))| (*f, *w)).collect();
        sum.sort_unstable_by_key(|(f, _)| *f);
        let square = sum.iter().map(|(_, w)| w * w).sum::<f32>();
        // Each card against the sum of the others (and the label).
        let vectors: Vec<&[(u32, f32)]> = members
            .iter()
            .map(|&i| features.cards[i].vector.as_slice())
            .collect();
        let tight = vectors
            .iter()
            .map(|v| {
                let own = v.iter().map(|(_, w)| w * w).sum::<f32>();
                let with = dot(v, &sum);
                let rest = (square - 2.0 * with + own).max(0.0).sqrt();
                if rest > 1e-6 {
                    (with - own) / rest
                } else {
                    0.0
                }
            })
            .sum::<f32>()
            / vectors.len() as f32;
        let norm = square.sqrt();
        let mut centre = sum;
        if norm > 0.0 {
            centre.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        let mut shared: Vec<u32> = support
            .iter()
            .filter(|(_, (n, _))| *n >= SUPPORT)
            .map(|(f, _)| *f)
            .collect();
        shared.sort_unstable();
        profiles.push(Profile {
            theme: t,
            scope: scope_of(&cards[first]),
            shared,
            centre,
            label: label.map_or(&[], |l| l.vector.as_slice()),
            members: vectors,
            tight,
            heads,
            constraints,
        });
    }
    if profiles.is_empty() {
        return;
    }
    // A group named by the labels of two themes of a column names neither.
    let mut named: HashMap<(String, u32), u32> = HashMap::new();
    for p in &profiles {
        for &f in &p.heads {
            *named.entry((p.scope.clone(), f)).or_default() += 1;
        }
    }
    for p in &mut profiles {
        let scope = p.scope.clone();
        p.heads.retain(|f| named[&(scope.clone(), *f)] == 1);
    }
    let weight = |v: &[(u32, f32)], f: u32| -> f32 {
        v.binary_search_by_key(&f, |(id, _)| *id)
            .map_or(0.0, |k| v[k].1)
    };
    let joined: Vec<(usize, usize)> = (0..cards.len())
        .into_par_iter()
        .filter_map(|i| {
            let card = &cards[i];
            let v = &features.cards[i].vector;
            if theme_of[i].is_some() || v.is_empty() {
                return None;
            }
            let scope = scope_of(card);
            let me = constraints_of(i);
            // (profile, evidence, whether a rule of its own puts it in)
            let mut near: Vec<(usize, Evidence, bool)> = Vec::new();
            for (k, p) in profiles.iter().enumerate() {
                if p.scope != scope {
                    continue;
                }
                let centre = dot(v, &p.centre);
                // The share of the card's weight on features that at
                // least two of the theme's cards (or its label) carry.
                let cover: f32 = v
                    .iter()
                    .filter(|(f, _)| p.shared.binary_search(f).is_ok())
                    .map(|(_, w)| w * w)
                    .sum();
                // The card's weight on a group only this theme's label names.
                let heading = p.heads.iter().map(|&f| weight(v, f)).fold(0.0f32, f32::max);
                let evidence = Evidence {
                    centre,
                    label: dot(v, p.label),
                    nearest: 0.0,
                    margin: 0.0,
                    tight: p.tight,
                    size: p.members.len(),
                };
                near.push((k, evidence, cover >= ATTRACT || heading >= HEADING));
            }
            // The margin over the next theme of the column: over the
            // closest, or for the closest over the second.
            let (mut first, mut second) = ((f32::MIN, usize::MAX), f32::MIN);
            for (x, (_, e, _)) in near.iter().enumerate() {
                if e.centre > first.0 {
                    second = first.0;
                    first = (e.centre, x);
                } else if e.centre > second {
                    second = e.centre;
                }
            }
            let mut best: Option<(f32, usize)> = None;
            for (x, (k, mut e, rule)) in near.into_iter().enumerate() {
                let next = if x == first.1 { second } else { first.0 };
                e.margin = e.centre - next.max(0.0);
                let p = &profiles[k];
                // The closest card is looked for only where it may decide:
                // its cosine is at most 1.
                let upper = Evidence { nearest: 1.0, ..e }.score();
                if (upper < JOIN && !rule)
                    || rejected[p.theme].contains(&(i as u32))
                    || !p.constraints.compatible(&me)
                {
                    continue;
                }
                e.nearest = p.members.iter().map(|m| dot(v, m)).fold(0.0f32, f32::max);
                let score = e.score();
                if (score >= JOIN || rule) && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, p.theme));
                }
            }
            best.map(|(_, t)| (i, t))
        })
        .collect();
    for (i, t) in joined {
        theme_of[i] = Some(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cluster::features::CardFeatures;

    /// Feature ids from this one on are thesaurus groups, below it words.
    const GROUPS: u32 = 10;

    /// Cards with the given unit vectors (feature id, weight), then the rows
    /// of the themes' labels.
    fn features(rows: &[&[(u32, f32)]]) -> Features {
        Features {
            cards: rows
                .iter()
                .map(|r| CardFeatures {
                    vector: r.to_vec(),
                    ..CardFeatures::default()
                })
                .collect(),
            kinds: (0..2 * GROUPS)
                .map(|f| {
                    if f < GROUPS {
                        FeatureKind::Stem(format!("w{f}"))
                    } else {
                        FeatureKind::Concept(f as usize)
                    }
                })
                .collect(),
            ..Features::default()
        }
    }

    /// The themes each card is in after attraction: the cards first, then
    /// one label row per theme; `members[t]` cards of theme t, in order
    /// from the first card.
    fn attracted(rows: &[&[(u32, f32)]], members: &[usize]) -> Vec<Option<usize>> {
        let n = rows.len() - members.len();
        let cards: Vec<ClusterCard> = (0..n)
            .map(|i| ClusterCard {
                id: format!("k{i}"),
                column: "needs".into(),
                ..ClusterCard::default()
            })
            .collect();
        let mut theme_of: Vec<Option<usize>> = vec![None; n];
        let mut next = 0;
        let themes: Vec<Theme> = members
            .iter()
            .enumerate()
            .map(|(t, &m)| {
                for slot in &mut theme_of[next..next + m] {
                    *slot = Some(t);
                }
                next += m;
                Theme {
                    id: format!("t{t}"),
                    label: format!("Thema {t}"),
                    cards: (next - m..next).map(|i| format!("k{i}")).collect(),
                    confirmed: true,
                    ..Theme::default()
                }
            })
            .collect();
        attract(
            &cards,
            &features(rows),
            &themes,
            &mut theme_of,
            &vec![HashSet::new(); themes.len()],
            &|c: &ClusterCard| c.column.clone(),
            &|_| Node::new(None),
            &vec![None; themes.len()],
        );
        theme_of
    }

    #[test]
    fn a_card_close_to_the_centre_of_a_theme_joins_it() {
        // Two members and the label share feature 0; each member has a word
        // of its own.
        let m1: &[(u32, f32)] = &[(0, 0.8), (1, 0.6)];
        let m2: &[(u32, f32)] = &[(0, 0.8), (2, 0.6)];
        let label: &[(u32, f32)] = &[(0, 1.0)];
        // Most of this card's weight is on a word the theme does not have,
        // but it points where the theme points.
        let close: &[(u32, f32)] = &[(0, 0.6), (3, 0.8)];
        // This one shares only a word one member has by chance.
        let far: &[(u32, f32)] = &[(1, 0.6), (4, 0.8)];
        let theme_of = attracted(&[m1, m2, close, far, label], &[2]);
        assert_eq!(theme_of, vec![Some(0), Some(0), Some(0), None]);
    }

    #[test]
    fn a_card_about_what_the_heading_names_joins_the_theme() {
        // The label names a thesaurus group the members do not carry.
        let m1: &[(u32, f32)] = &[(1, 1.0)];
        let m2: &[(u32, f32)] = &[(2, 1.0)];
        let label: &[(u32, f32)] = &[(GROUPS, 1.0)];
        // Mostly about that group, with a word of its own.
        let card: &[(u32, f32)] = &[(3, 0.75), (GROUPS, 0.66)];
        assert_eq!(
            attracted(&[m1, m2, card, label], &[2]),
            vec![Some(0), Some(0), Some(0)]
        );
        // When two themes' labels name the group, the heading decides
        // nothing.
        let m3: &[(u32, f32)] = &[(4, 1.0)];
        let m4: &[(u32, f32)] = &[(5, 1.0)];
        assert_eq!(
            attracted(&[m1, m2, m3, m4, card, label, label], &[2, 2]),
            vec![Some(0), Some(0), Some(1), Some(1), None]
        );
    }

    #[test]
    fn a_card_between_two_themes_stays_loose() {
        let m1: &[(u32, f32)] = &[(0, 0.8), (1, 0.6)];
        let m2: &[(u32, f32)] = &[(0, 0.8), (2, 0.6)];
        let label: &[(u32, f32)] = &[(0, 1.0)];
        // Half about the first theme's word, half about the second's,
        // with a word of its own.
        let card: &[(u32, f32)] = &[(0, 0.6), (5, 0.6), (9, 0.53)];
        // With the first theme alone in the column, it goes in.
        assert_eq!(
            attracted(&[m1, m2, card, label], &[2]),
            vec![Some(0), Some(0), Some(0)]
        );
        // With a second theme as close, it is left for the clerk.
        let m3: &[(u32, f32)] = &[(5, 0.8), (6, 0.6)];
        let m4: &[(u32, f32)] = &[(5, 0.8), (7, 0.6)];
        let other: &[(u32, f32)] = &[(5, 1.0)];
        assert_eq!(
            attracted(&[m1, m2, m3, m4, card, label, other], &[2, 2]),
            vec![Some(0), Some(0), Some(1), Some(1), None]
        );
    }

    #[test]
    fn a_tight_theme_asks_more_of_a_card_than_a_loose_one() {
        let e = Evidence {
            centre: 0.5,
            label: 0.45,
            nearest: 0.5,
            margin: 0.2,
            tight: 0.3,
            size: 3,
        };
        let tight = Evidence { tight: 0.9, ..e };
        assert!(e.score() > tight.score());
        assert!(e.score() >= JOIN && tight.score() < JOIN, "{e:?}");
    }
}
