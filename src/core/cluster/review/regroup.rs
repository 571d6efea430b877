//! After a decision: clustering again only the part of a listing the
//! decision touched.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::super::graph::{self, Node};
use super::super::{Cluster, cluster_of_node};
use super::{BasisData, Grouping, NEAR_CARDS, NEAR_QUERIES, Pending, RESUME_CARDS, list};
use crate::core::model::{Refusal, Session, Theme};

/// After a decision changed the themes or refusals: clusters again only
/// the cards the change touched, with the clusters they were in, the
/// clusters of their nearest cards and the free cards a changed theme now
/// attracts, and keeps every other cluster as it was. False when the cards
/// themselves changed since the run (then only a new run will do).
///
/// Within that part, the cards of each confirmed theme start as one node,
/// and the other cards of each earlier cluster as one node (the cards the
/// change touched apart from the rest), so that what stayed together stays
/// together unless the change gives it reason to move; average linkage then
/// merges these few nodes as a whole run merges clusters. Words learned
/// from a new theme take effect at the next whole run.
pub fn regroup(grouping: &mut Grouping, session: &Session, dismissed: &[String]) -> bool {
    regroup_with(grouping, session, dismissed, &Pending::default())
}

/// [`regroup`], clustering in also the cards of a listing started from a
/// kept run that changed since it (see [`super::resume`]): each is a
/// touched card, and each kept cluster that lost cards is clustered again.
pub(super) fn regroup_with(
    grouping: &mut Grouping,
    session: &Session,
    dismissed: &[String],
    pending: &Pending,
) -> bool {
    let Some(basis) = grouping.basis.data.clone() else {
        return false;
    };
    if basis.generation != session.generation() {
        return false;
    }
    let (touched_refs, changed_themes) = touched(
        (&grouping.basis.themes, &grouping.basis.refused),
        (&session.themes, &session.refused),
    );
    let mut reuse = Reuse {
        old_of: (0..grouping.clustering.clusters.len()).map(Some).collect(),
        changed_themes: HashSet::new(),
    };
    if !touched_refs.is_empty() || !changed_themes.is_empty() || !pending.is_empty() {
        let clusters = &grouping.clustering.clusters;
        let mut cluster_of = vec![0u32; grouping.cards.len()];
        for (ci, c) in clusters.iter().enumerate() {
            for m in &c.members {
                cluster_of[m.card] = ci as u32;
            }
        }
        let mut affected: HashSet<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.theme.as_ref().is_some_and(|t| changed_themes.contains(t)))
            .map(|(ci, _)| ci)
            .collect();
        let mut touched: HashSet<usize> = touched_refs
            .iter()
            .filter_map(|r| basis.by_ref.get(r.as_str()).copied())
            .collect();
        let queries = touched.len();
        touched.extend(pending.dirty.iter().copied());
        affected.extend(touched.iter().map(|&t| cluster_of[t] as usize));
        affected.extend(pending.shrunk.iter().map(|&c| cluster_of[c] as usize));
        // A changed card a confirmed theme holds goes back into the
        // theme's cluster.
        if !pending.dirty.is_empty() {
            let dirty: HashSet<usize> = pending.dirty.iter().copied().collect();
            let theme_cluster: HashMap<&str, usize> = clusters
                .iter()
                .enumerate()
                .filter_map(|(ci, c)| c.theme.as_deref().map(|t| (t, ci)))
                .collect();
            for t in session.themes.iter().filter(|t| t.confirmed) {
                let holds = t.cards.iter().any(|r| {
                    basis
                        .by_ref
                        .get(r.as_str())
                        .is_some_and(|i| dirty.contains(i))
                });
                if holds && let Some(&ci) = theme_cluster.get(t.id.as_str()) {
                    affected.insert(ci);
                }
            }
        }
        let cards = &grouping.cards;
        let across = basis.options.across_columns;
        let vector = |i: u32| basis.features.cards[i as usize].vector.as_slice();
        // Where a few cards change place, the clusters near them may take
        // them in.
        if queries <= NEAR_QUERIES && pending.dirty.len() <= RESUME_CARDS {
            for &t in &touched {
                let same_scope = |x: u32| across || cards[x as usize].column == cards[t].column;
                for (x, _) in basis
                    .near
                    .near(vector(t as u32), vector, same_scope, NEAR_CARDS)
                {
                    affected.insert(cluster_of[x as usize] as usize);
                }
            }
        }
        let attracted = if basis.options.learn {
            attracted(grouping, &basis, session, &changed_themes, &cluster_of)
        } else {
            HashMap::new()
        };
        affected.extend(attracted.keys().map(|&x| cluster_of[x] as usize));
        let fresh = recluster(
            grouping,
            &basis,
            session,
            &affected,
            &cluster_of,
            Decided {
                touched: &touched,
                attracted: &attracted,
                changed: &changed_themes,
            },
        );
        let (clusters, old_of) = merge_in(
            std::mem::take(&mut grouping.clustering.clusters),
            &affected,
            fresh,
        );
        grouping.clustering.clusters = clusters;
        reuse.old_of = old_of;
        reuse.changed_themes = changed_themes;
    }
    grouping.basis.themes = session.themes.clone();
    grouping.basis.refused = session.refused.clone();
    list(grouping, session, dismissed, Some(reuse));
    true
}

/// The clusters of a listing with the `affected` ones replaced by `fresh`
/// ones, in the order of a whole run ([`super::super::cluster_order`]),
/// with the earlier index of each cluster kept. The kept clusters are in
/// that order already, so only the few fresh ones are sorted and merged in.
fn merge_in(
    before: Vec<Cluster>,
    affected: &HashSet<usize>,
    mut fresh: Vec<Cluster>,
) -> (Vec<Cluster>, Vec<Option<usize>>) {
    let order = super::super::cluster_order;
    fresh.sort_by(order);
    let n = before.len() + fresh.len();
    let (mut clusters, mut old_of) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut fresh = fresh.into_iter().peekable();
    for (ci, c) in before.into_iter().enumerate() {
        if affected.contains(&ci) {
            continue;
        }
        while let Some(f) = fresh.next_if(|f| order(f, &c) == std::cmp::Ordering::Less) {
            clusters.push(f);
            old_of.push(None);
        }
        debug_assert!(
            clusters
                .last()
                .is_none_or(|l| order(l, &c) != std::cmp::Ordering::Greater)
        );
        clusters.push(c);
        old_of.push(Some(ci));
    }
    for f in fresh {
        clusters.push(f);
        old_of.push(None);
    }
    (clusters, old_of)
}

/// What a new listing may take over from the one before: the earlier index
/// of each cluster that was kept, and the themes whose cards changed.
pub(super) struct Reuse {
    pub(super) old_of: Vec<Option<usize>>,
    pub(super) changed_themes: HashSet<String>,
}

/// The card references whose place among the themes or refusals differs
/// between two sets of decisions, and the ids of the themes whose cards
/// changed.
fn touched(
    (themes_before, refused_before): (&[Theme], &[Refusal]),
    (themes_after, refused_after): (&[Theme], &[Refusal]),
) -> (HashSet<String>, HashSet<String>) {
    let mut refs: HashSet<&str> = HashSet::new();
    let mut themes = HashSet::new();
    fn by_id(list: &[Theme]) -> HashMap<&str, &Theme> {
        list.iter().map(|t| (t.id.as_str(), t)).collect()
    }
    let (old, new) = (by_id(themes_before), by_id(themes_after));
    let empty = Theme::default();
    for id in old.keys().chain(new.keys()) {
        let (a, b) = (
            old.get(id).copied().unwrap_or(&empty),
            new.get(id).copied().unwrap_or(&empty),
        );
        if a.confirmed == b.confirmed && a.cards == b.cards && a.rejected == b.rejected {
            continue;
        }
        themes.insert(id.to_string());
        let (ac, bc) = (effective(a), effective(b));
        refs.extend(ac.symmetric_difference(&bc));
        let (ar, br): (HashSet<&str>, HashSet<&str>) = (
            a.rejected.iter().map(String::as_str).collect(),
            b.rejected.iter().map(String::as_str).collect(),
        );
        refs.extend(ar.symmetric_difference(&br));
    }
    fn refusals(list: &[Refusal]) -> HashSet<&[String]> {
        list.iter().map(|r| r.cards.as_slice()).collect()
    }
    let (ra, rb) = (refusals(refused_before), refusals(refused_after));
    for r in ra.symmetric_difference(&rb) {
        refs.extend(r.iter().map(String::as_str));
    }
    (refs.into_iter().map(str::to_string).collect(), themes)
}

/// The cards a theme holds for the clustering (a theme not confirmed holds
/// none).
fn effective(t: &Theme) -> HashSet<&str> {
    if t.confirmed {
        t.cards.iter().map(String::as_str).collect()
    } else {
        HashSet::new()
    }
}

/// The free cards outside the themes that a changed confirmed theme now
/// attracts as a whole (as a whole run's attraction would put them in), by
/// card, with the theme's index.
fn attracted(
    grouping: &Grouping,
    basis: &BasisData,
    session: &Session,
    changed: &HashSet<String>,
    cluster_of: &[u32],
) -> HashMap<usize, usize> {
    let cards = &grouping.cards;
    let features = &basis.features;
    let mut out: HashMap<usize, (f32, usize)> = HashMap::new();
    let in_themes: HashSet<usize> = session
        .themes
        .iter()
        .filter(|t| t.confirmed)
        .flat_map(|t| t.cards.iter())
        .filter_map(|r| basis.by_ref.get(r.as_str()).copied())
        .collect();
    for (t, theme) in session.themes.iter().enumerate() {
        if !theme.confirmed || !changed.contains(&theme.id) {
            continue;
        }
        let members: Vec<usize> = theme
            .cards
            .iter()
            .filter_map(|r| basis.by_ref.get(r.as_str()).copied())
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        let mut support: HashMap<u32, u32> = HashMap::new();
        for &i in &members {
            for (f, _) in &features.cards[i].vector {
                *support.entry(*f).or_default() += 1;
            }
        }
        let supported: Vec<(u32, f32)> = support
            .iter()
            .filter(|(_, n)| **n >= super::super::attract::SUPPORT)
            .map(|(f, _)| (*f, 1.0))
            .collect();
        let rejected: HashSet<usize> = theme
            .rejected
            .iter()
            .filter_map(|r| basis.by_ref.get(r.as_str()).copied())
            .collect();
        let mut sorted = supported.clone();
        sorted.sort_unstable_by_key(|(f, _)| *f);
        // Any card with half its weight on these words has one of them in
        // its indexed prefix.
        let candidates = basis.near.postings(&sorted);
        for x in candidates {
            let x = x as usize;
            let free = !in_themes.contains(&x)
                && grouping.clustering.clusters[cluster_of[x] as usize]
                    .theme
                    .is_none();
            let scope = basis.options.across_columns || cards[x].column == cards[first].column;
            if !free || !scope || rejected.contains(&x) {
                continue;
            }
            let share: f32 = features.cards[x]
                .vector
                .iter()
                .filter(|(f, _)| {
                    support
                        .get(f)
                        .is_some_and(|&n| n >= super::super::attract::SUPPORT)
                })
                .map(|(_, w)| w * w)
                .sum();
            if share >= super::super::attract::ATTRACT
                && out.get(&x).is_none_or(|(b, _)| share > *b)
            {
                out.insert(x, (share, t));
            }
        }
    }
    out.into_iter().map(|(x, (_, t))| (x, t)).collect()
}

/// The clusters of the cards of the `affected` clusters under the
/// session's decisions now (see [`regroup`]).
/// What a decision changed: the cards whose place among the themes or
/// refusals differs, the free cards a changed theme attracts (with the
/// theme's index), and the ids of the themes whose cards changed.
#[derive(Clone, Copy)]
struct Decided<'a> {
    touched: &'a HashSet<usize>,
    attracted: &'a HashMap<usize, usize>,
    changed: &'a HashSet<String>,
}

fn recluster(
    grouping: &Grouping,
    basis: &BasisData,
    session: &Session,
    affected: &HashSet<usize>,
    cluster_of: &[u32],
    decided: Decided,
) -> Vec<Cluster> {
    let Decided {
        touched,
        attracted,
        changed,
    } = decided;
    let cards = &grouping.cards;
    let features = &basis.features;
    let mut part: Vec<usize> = affected
        .iter()
        .flat_map(|&ci| {
            grouping.clustering.clusters[ci]
                .members
                .iter()
                .map(|m| m.card)
        })
        .collect();
    part.sort_unstable();
    part.dedup();
    let in_part: HashSet<usize> = part.iter().copied().collect();
    // The confirmed theme of each card of the part (the first that has it),
    // and the cards each theme keeps out.
    let mut theme_of: HashMap<usize, usize> = HashMap::new();
    let mut rejected: Vec<HashSet<u32>> = Vec::with_capacity(session.themes.len());
    for (t, theme) in session.themes.iter().enumerate() {
        rejected.push(
            theme
                .rejected
                .iter()
                .filter_map(|r| basis.by_ref.get(r.as_str()).map(|&i| i as u32))
                .collect(),
        );
        if !theme.confirmed {
            continue;
        }
        for r in &theme.cards {
            if let Some(&i) = basis.by_ref.get(r.as_str())
                && in_part.contains(&i)
            {
                theme_of.entry(i).or_insert(t);
            }
        }
    }
    // Refusals and Handlungsfelder keep cards apart as in a whole run.
    let mut apart: HashMap<usize, Vec<u32>> = HashMap::new();
    for (k, refusal) in session.refused.iter().enumerate() {
        for r in &refusal.cards {
            if let Some(&i) = basis.by_ref.get(r.as_str())
                && in_part.contains(&i)
            {
                apart.entry(i).or_default().push(k as u32);
            }
        }
    }
    let mut tag_ids: HashMap<String, u32> = HashMap::new();
    let mut tag_id = |t: &str| -> u32 {
        let n = tag_ids.len() as u32;
        *tag_ids.entry(t.to_string()).or_insert(n)
    };
    let theme_tags: Vec<Option<u32>> = session
        .themes
        .iter()
        .map(|t| t.tag.as_deref().map(&mut tag_id))
        .collect();
    let mut constraints_of = |i: usize| -> Node {
        let mut n = Node::new(None);
        if let Some(a) = apart.get(&i) {
            n.apart = a.clone();
            n.apart.sort_unstable();
            n.apart.dedup();
        }
        let mut tags: Vec<u32> = cards[i].tags.iter().map(|t| tag_id(t)).collect();
        tags.sort_unstable();
        tags.dedup();
        if !tags.is_empty() {
            n.tags.push(tags);
        }
        n
    };
    // Nodes: one per theme (with the cards it attracts); one per earlier
    // cluster for its untouched free cards and one for its touched free
    // cards; a card without words, or of a refusal, alone.
    let mut nodes: Vec<Node> = Vec::new();
    let mut scopes: Vec<String> = Vec::new();
    let mut node_of: HashMap<(Option<usize>, u32, bool), usize> = HashMap::new();
    for &i in &part {
        let v = features.cards[i].vector.as_slice();
        let theme = theme_of.get(&i).or_else(|| attracted.get(&i)).copied();
        let key = match theme {
            Some(t) => Some((Some(t), 0, false)),
            None if v.is_empty() || apart.contains_key(&i) => None,
            None => Some((None, cluster_of[i], touched.contains(&i))),
        };
        let n = match key.and_then(|k| node_of.get(&k).copied()) {
            Some(n) => n,
            None => {
                let mut node = Node::new(theme);
                if let Some(tag) = theme.and_then(|t| theme_tags[t]) {
                    node.tags.push(vec![tag]);
                }
                nodes.push(node);
                scopes.push(if basis.options.across_columns {
                    String::new()
                } else {
                    cards[i].column.clone()
                });
                if let Some(k) = key {
                    node_of.insert(k, nodes.len() - 1);
                }
                nodes.len() - 1
            }
        };
        let constraints = constraints_of(i);
        nodes[n].absorb_constraints(&constraints);
        nodes[n].members.push(i as u32);
    }
    graph::sum_members(&mut nodes, |m| features.cards[m as usize].vector.as_slice());
    // A node that is a whole earlier cluster, theme and all, with no card
    // whose decisions changed, did not merge with another such node before
    // and cannot now: their sums and what keeps them apart are the same.
    // Only pairs with a changed node are looked at.
    let whole: Vec<bool> = nodes
        .iter()
        .map(|node| {
            let Some(&first) = node.members.first() else {
                return true;
            };
            let before = &grouping.clustering.clusters[cluster_of[first as usize] as usize];
            let theme = node.theme.map(|t| session.themes[t].id.as_str());
            before.members.len() == node.members.len()
                && before.theme.as_deref() == theme
                && theme.is_none_or(|t| !changed.contains(t))
                && !node
                    .members
                    .iter()
                    .any(|m| touched.contains(&(*m as usize)))
                && node
                    .members
                    .iter()
                    .all(|&m| cluster_of[m as usize] == cluster_of[first as usize])
        })
        .collect();
    let mut edges = Vec::new();
    for a in 0..nodes.len() {
        for b in a + 1..nodes.len() {
            let both_whole = whole[a] && whole[b];
            let both_themes = nodes[a].theme.is_some() && nodes[b].theme.is_some();
            if !both_whole && !both_themes && scopes[a] == scopes[b] {
                edges.push((a as u32, b as u32));
            }
        }
    }
    let threshold = (basis.options.threshold.clamp(0.0, 1.0) as f32).max(1e-6);
    let blocked = |t: usize, members: &[u32]| members.iter().any(|m| rejected[t].contains(m));
    graph::average_linkage(nodes, &edges, threshold, &blocked)
        .into_par_iter()
        .filter(|node| !node.members.is_empty())
        .map(|node| {
            let theme = node.theme.map(|t| &session.themes[t]);
            cluster_of_node(&node, theme, features, cards, |card| {
                theme_of.contains_key(&card)
            })
        })
        .collect()
}
