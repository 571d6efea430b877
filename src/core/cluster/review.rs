//! The cluster review's view of one session: the suggestions of a
//! clustering run, biggest first, then the confirmed themes with the cards
//! newly suggested into them; and the theme changes the clerk's decisions
//! make.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::features::Features;
use super::graph::{self, Node, PrefixIndex};
use super::label;
use super::learned::LearnedWord;
use super::themes as rules;
use super::{
    Cluster, ClusterCard, ClusterOptions, Clustering, Decisions, Member, Progress, Reason,
    Thesaurus, cards_of,
};
use crate::core::edit::Edit;
use crate::core::model::{Refusal, Session, Theme};

/// Which columns are clustered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ColumnScope {
    /// Each column key on its own (a "läuft gut" card never joins a
    /// "Handlungsbedarf" card).
    #[default]
    EachColumn,
    /// Only the cards of one column key.
    Column(String),
    /// All columns together.
    Together,
}

/// One card of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The card's id (as a theme refers to it).
    pub card: String,
    /// Suggested into a confirmed theme it is not in yet.
    pub new: bool,
    pub reasons: Vec<Reason>,
}

/// A suggestion or a confirmed theme, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    /// The confirmed theme, if it is one.
    pub theme: Option<String>,
    pub tag: Option<String>,
    /// The cluster of this run (a theme may have none when its cards are
    /// outside the clustered columns).
    pub cluster: Option<usize>,
    pub members: Vec<Entry>,
    /// A suggestion to add one card to a confirmed theme: the theme's id
    /// and the card (the first member; the theme's cards follow).
    pub adds: Option<(String, String)>,
}

impl Group {
    pub fn new_cards(&self) -> usize {
        self.members.iter().filter(|m| m.new).count()
    }
}

/// The cards clustered under a scope.
fn scope_cards(session: &Session, scope: &ColumnScope) -> (Vec<ClusterCard>, bool) {
    let sessions = std::slice::from_ref(session);
    match scope {
        ColumnScope::EachColumn => (cards_of(sessions, &[]), false),
        ColumnScope::Column(k) => (cards_of(sessions, std::slice::from_ref(k)), false),
        ColumnScope::Together => (cards_of(sessions, &[]), true),
    }
}

/// The column keys of the session, in board order.
pub fn column_keys(session: &Session) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for b in &session.boards {
        for c in &b.columns {
            if !keys.contains(&c.key) {
                keys.push(c.key.clone());
            }
        }
    }
    keys
}

/// The key under which a dismissed suggestion is remembered: its card ids.
pub fn dismiss_key(cluster: &Cluster, cards: &[ClusterCard]) -> String {
    let mut ids: Vec<&str> = cluster
        .members
        .iter()
        .map(|m| cards[m.card].id.as_str())
        .collect();
    ids.sort_unstable();
    ids.join(" ")
}

/// The outcome of a clustering run, as the review lists it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grouping {
    pub cards: Vec<ClusterCard>,
    pub clustering: Clustering,
    /// Suggestions first (biggest first), then the confirmed themes.
    pub groups: Vec<Group>,
    /// How many of the groups are suggestions.
    pub suggestions: usize,
    /// Cards on their own (not listed).
    pub singles: usize,
    /// What the run worked with, for clustering a part again.
    pub basis: Basis,
}

/// What a clustering run worked with: the analysed cards, the options, the
/// decisions as they were, and where in the session's edits it stood.
/// Derived from the cards, so it takes no part in comparing groupings.
#[derive(Debug, Clone, Default)]
pub struct Basis {
    data: Option<Arc<BasisData>>,
    /// The themes and refusals the clustering reflects.
    themes: Vec<Theme>,
    refused: Vec<Refusal>,
}

impl PartialEq for Basis {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug)]
struct BasisData {
    features: Features,
    options: ClusterOptions,
    /// The session's [`Session::generation`] when the cards were read.
    generation: u64,
    /// Card index by id and by `session/card`, as themes refer to cards.
    by_ref: HashMap<String, usize>,
    /// For finding the cards near a card.
    near: PrefixIndex,
}

/// How many of its nearest cards a touched card brings into a partial run.
const NEAR_CARDS: usize = 10;
/// Up to this many touched cards look for the clusters near them.
const NEAR_QUERIES: usize = 64;

/// Runs the clustering on one session and lists its suggestions (groups of
/// two or more cards not dismissed, then each card suggested into a
/// confirmed theme on its own) and then its confirmed themes, each with the
/// cards newly suggested into it. Refused suggestions are not made again.
pub fn group(
    session: &Session,
    threshold: f64,
    scope: &ColumnScope,
    thesaurus: &Thesaurus,
    dismissed: &[String],
) -> Grouping {
    group_learned(session, threshold, scope, thesaurus, &[], dismissed)
}

/// [`group`] with the words learned in the session's folder.
pub fn group_learned(
    session: &Session,
    threshold: f64,
    scope: &ColumnScope,
    thesaurus: &Thesaurus,
    learned: &[LearnedWord],
    dismissed: &[String],
) -> Grouping {
    let request = request(session, threshold, scope, learned);
    let mut grouping = run(request, thesaurus, &Progress::default()).unwrap_or_default();
    list(&mut grouping, session, dismissed, None);
    grouping
}

/// What a clustering run needs from the session, read on the screen's
/// thread (it is quick) so that the run itself can go elsewhere.
#[derive(Debug, Clone)]
pub struct Request {
    cards: Vec<ClusterCard>,
    options: ClusterOptions,
    themes: Vec<Theme>,
    refused: Vec<Refusal>,
    learned: Vec<LearnedWord>,
    generation: u64,
}

impl Request {
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }
}

pub fn request(
    session: &Session,
    threshold: f64,
    scope: &ColumnScope,
    learned: &[LearnedWord],
) -> Request {
    let (cards, across) = scope_cards(session, scope);
    Request {
        cards,
        options: ClusterOptions {
            threshold,
            across_columns: across,
            home_session: Some(session.id.clone()),
            ..ClusterOptions::default()
        },
        themes: session.themes.clone(),
        refused: session.refused.clone(),
        learned: learned.to_vec(),
        generation: session.generation(),
    }
}

/// Runs the clustering of a request, not yet listed: [`finish`] lists it.
/// `None` when cancelled.
pub fn run(request: Request, thesaurus: &Thesaurus, progress: &Progress) -> Option<Grouping> {
    let Request {
        cards,
        options,
        themes,
        refused,
        learned,
        generation,
    } = request;
    let decisions = Decisions {
        themes: &themes,
        refused: &refused,
        learned: &learned,
    };
    let features = super::analyse(&cards, &options, thesaurus, &decisions);
    progress.set(0.35);
    if progress.cancelled() {
        return None;
    }
    let clustering = super::cluster_analysed(
        &cards,
        &features,
        &options,
        &decisions,
        &progress.part(0.35, 0.9),
    );
    if progress.cancelled() {
        return None;
    }
    let vectors: Vec<&[(u32, f32)]> = features.cards[..cards.len()]
        .iter()
        .map(|c| c.vector.as_slice())
        .collect();
    let rank = graph::rank_by_rarity(&features.df);
    let threshold = (options.threshold.clamp(0.0, 1.0) as f32).max(1e-6);
    let near = PrefixIndex::new(&vectors, &rank, threshold);
    let by_ref = refs(&cards, options.home_session.as_deref());
    progress.set(1.0);
    Some(Grouping {
        cards,
        clustering,
        basis: Basis {
            data: Some(Arc::new(BasisData {
                features,
                options,
                generation,
                by_ref,
                near,
            })),
            themes,
            refused,
        },
        ..Grouping::default()
    })
}

/// Lists a run for the session as it is now, clustering in the decisions
/// made since it started (as [`regroup`] does). False when the cards
/// changed since, and only a new run will do.
pub fn finish(grouping: &mut Grouping, session: &Session, dismissed: &[String]) -> bool {
    regroup(grouping, session, dismissed)
}

/// Card indices by the references themes use: `session/card`, and the bare
/// id for cards of the home session.
fn refs(cards: &[ClusterCard], home: Option<&str>) -> HashMap<String, usize> {
    let mut by_ref = HashMap::with_capacity(cards.len() * 2);
    for (i, c) in cards.iter().enumerate() {
        by_ref.entry(c.qualified()).or_insert(i);
        if home.is_none_or(|h| h == c.session) {
            by_ref.entry(c.id.clone()).or_insert(i);
        }
    }
    by_ref
}

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
    if !touched_refs.is_empty() || !changed_themes.is_empty() {
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
        let touched: HashSet<usize> = touched_refs
            .iter()
            .filter_map(|r| basis.by_ref.get(r.as_str()).copied())
            .collect();
        affected.extend(touched.iter().map(|&t| cluster_of[t] as usize));
        let cards = &grouping.cards;
        let across = basis.options.across_columns;
        let vector = |i: u32| basis.features.cards[i as usize].vector.as_slice();
        // Where a few cards change place, the clusters near them may take
        // them in.
        if touched.len() <= NEAR_QUERIES {
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
        let mut all: Vec<(Cluster, Option<usize>)> =
            std::mem::take(&mut grouping.clustering.clusters)
                .into_iter()
                .enumerate()
                .filter(|(ci, _)| !affected.contains(ci))
                .map(|(ci, c)| (c, Some(ci)))
                .collect();
        all.extend(fresh.into_iter().map(|c| (c, None)));
        all.sort_by(|(a, _), (b, _)| super::cluster_order(a, b));
        let (clusters, old_of): (Vec<Cluster>, Vec<Option<usize>>) = all.into_iter().unzip();
        grouping.clustering.clusters = clusters;
        reuse.old_of = old_of;
        reuse.changed_themes = changed_themes;
    }
    grouping.basis.themes = session.themes.clone();
    grouping.basis.refused = session.refused.clone();
    list(grouping, session, dismissed, Some(reuse));
    true
}

/// What a new listing may take over from the one before: the earlier index
/// of each cluster that was kept, and the themes whose cards changed.
struct Reuse {
    old_of: Vec<Option<usize>>,
    changed_themes: HashSet<String>,
}

/// The card references whose place among the themes or refusals differs
/// between two sets of decisions, and the ids of the themes whose cards
/// changed.
fn touched(
    (themes_before, refused_before): (&[Theme], &[Refusal]),
    (themes_after, refused_after): (&[Theme], &[Refusal]),
) -> (HashSet<String>, HashSet<String>) {
    let mut refs = HashSet::new();
    let mut themes = HashSet::new();
    let by_id = |list: &[Theme]| -> HashMap<String, Theme> {
        list.iter().map(|t| (t.id.clone(), t.clone())).collect()
    };
    let (old, new) = (by_id(themes_before), by_id(themes_after));
    let empty = Theme::default();
    for id in old.keys().chain(new.keys()) {
        let (a, b) = (old.get(id).unwrap_or(&empty), new.get(id).unwrap_or(&empty));
        if a.confirmed == b.confirmed && a.cards == b.cards && a.rejected == b.rejected {
            continue;
        }
        themes.insert(id.clone());
        let (ac, bc) = (effective(a), effective(b));
        refs.extend(ac.symmetric_difference(&bc).cloned());
        let (ar, br): (HashSet<&String>, HashSet<&String>) =
            (a.rejected.iter().collect(), b.rejected.iter().collect());
        refs.extend(ar.symmetric_difference(&br).map(|r| (*r).clone()));
    }
    let refusals = |list: &[Refusal]| -> HashSet<Vec<String>> {
        list.iter().map(|r| r.cards.clone()).collect()
    };
    let (ra, rb) = (refusals(refused_before), refusals(refused_after));
    for r in ra.symmetric_difference(&rb) {
        refs.extend(r.iter().cloned());
    }
    (refs, themes)
}

/// The cards a theme holds for the clustering (a theme not confirmed holds
/// none).
fn effective(t: &Theme) -> HashSet<String> {
    if t.confirmed {
        t.cards.iter().cloned().collect()
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
            .filter(|(_, n)| **n >= super::SUPPORT)
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
                .filter(|(f, _)| support.get(f).is_some_and(|&n| n >= super::SUPPORT))
                .map(|(_, w)| w * w)
                .sum();
            if share >= super::ATTRACT && out.get(&x).is_none_or(|(b, _)| share > *b) {
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
        nodes[n].sum = graph::add_into(&nodes[n].sum, v);
    }
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
        .into_iter()
        .filter(|node| !node.members.is_empty())
        .map(|node| {
            let mut members: Vec<usize> = node.members.iter().map(|&m| m as usize).collect();
            members.sort_unstable();
            let theme = node.theme.map(|t| &session.themes[t]);
            let reasons = label::explain(features, &members);
            let label = match theme {
                Some(t) => t.label.clone(),
                None => label::label(features, &members, cards),
            };
            Cluster {
                label,
                theme: theme.map(|t| t.id.clone()),
                members: members
                    .iter()
                    .zip(reasons)
                    .map(|(&card, reasons)| Member {
                        card,
                        new: theme.is_some() && !theme_of.contains_key(&card),
                        reasons,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// How many of a confirmed theme's cards a card suggested into it shows
/// beside it, to compare with (the theme itself lists all): a theme that
/// draws in thousands of cards must not copy all its cards for each.
pub const ADD_CONTEXT: usize = 30;

/// Lists the suggestions and themes of a grouping's clustering, taking
/// over the groups of the listing before wherever their cluster was kept.
fn list(grouping: &mut Grouping, session: &Session, dismissed: &[String], reuse: Option<Reuse>) {
    let cards = &grouping.cards;
    let clustering = &grouping.clustering;
    let dismissed: HashSet<&str> = dismissed.iter().map(String::as_str).collect();
    // A dismissed key lists its cards' ids: only clusters of those sizes
    // need their key made.
    let dismissed_sizes: HashSet<usize> = dismissed.iter().map(|k| k.split(' ').count()).collect();
    let reuse = reuse.unwrap_or(Reuse {
        old_of: Vec::new(),
        changed_themes: HashSet::new(),
    });
    let mut old_suggestions: HashMap<usize, Group> = HashMap::new();
    let mut old_themes: HashMap<String, Group> = HashMap::new();
    let mut old_adds: HashMap<String, Vec<Group>> = HashMap::new();
    for g in std::mem::take(&mut grouping.groups) {
        match (&g.theme, &g.adds, g.cluster) {
            (Some(t), _, _) => {
                old_themes.insert(t.clone(), g);
            }
            (None, Some((t, _)), _) => old_adds.entry(t.clone()).or_default().push(g),
            (None, None, Some(ci)) => {
                old_suggestions.insert(ci, g);
            }
            (None, None, None) => {}
        }
    }
    let old_of = |ci: usize| reuse.old_of.get(ci).copied().flatten();
    let mut groups = Vec::new();
    let mut singles = 0;
    let mut of_theme: HashMap<&str, usize> = HashMap::new();
    for (ci, c) in clustering.clusters.iter().enumerate() {
        if let Some(t) = &c.theme {
            of_theme.entry(t.as_str()).or_insert(ci);
            continue;
        }
        if c.len() < 2 {
            singles += 1;
            continue;
        }
        if dismissed_sizes.contains(&c.len()) && dismissed.contains(dismiss_key(c, cards).as_str())
        {
            continue;
        }
        if let Some(mut g) = old_of(ci).and_then(|o| old_suggestions.remove(&o)) {
            g.cluster = Some(ci);
            groups.push(g);
            continue;
        }
        groups.push(Group {
            label: c.label.clone(),
            theme: None,
            tag: None,
            cluster: Some(ci),
            members: c
                .members
                .iter()
                .map(|m| Entry {
                    card: cards[m.card].id.clone(),
                    new: false,
                    reasons: m.reasons.clone(),
                })
                .collect(),
            adds: None,
        });
    }
    // Whether a theme's groups of the listing before still hold: the same
    // cards in the same cluster (only its name and tag may differ).
    let kept = |t: &Theme, ci: Option<usize>, old: Option<usize>| {
        !reuse.changed_themes.contains(&t.id) && ci.map(old_of) == old.map(Some)
    };
    // Each card suggested into a confirmed theme, to accept or refuse alone.
    for t in session.themes.iter().filter(|t| t.confirmed) {
        let Some(&ci) = of_theme.get(t.id.as_str()) else {
            continue;
        };
        let c = &clustering.clusters[ci];
        let before = old_adds.remove(&t.id).unwrap_or_default();
        let n_new = c.members.iter().filter(|m| m.new).count();
        if before.len() == n_new && before.iter().all(|g| kept(t, Some(ci), g.cluster)) {
            for mut g in before {
                g.label = t.label.clone();
                g.tag = t.tag.clone();
                g.cluster = Some(ci);
                groups.push(g);
            }
            continue;
        }
        for m in c.members.iter().filter(|m| m.new) {
            let card = cards[m.card].id.clone();
            let mut members = vec![Entry {
                card: card.clone(),
                new: true,
                reasons: m.reasons.clone(),
            }];
            members.extend(
                c.members
                    .iter()
                    .filter(|o| !o.new)
                    .take(ADD_CONTEXT)
                    .map(|o| Entry {
                        card: cards[o.card].id.clone(),
                        new: false,
                        reasons: o.reasons.clone(),
                    }),
            );
            groups.push(Group {
                label: t.label.clone(),
                theme: None,
                tag: t.tag.clone(),
                cluster: Some(ci),
                members,
                adds: Some((t.id.clone(), card)),
            });
        }
    }
    let suggestions = groups.len();
    for t in session.themes.iter().filter(|t| t.confirmed) {
        let ci = of_theme.get(t.id.as_str()).copied();
        if let Some(mut g) = old_themes
            .remove(&t.id)
            .filter(|g| kept(t, ci, g.cluster) && g.members.len() >= t.cards.len())
        {
            g.label = t.label.clone();
            g.tag = t.tag.clone();
            g.cluster = ci;
            groups.push(g);
            continue;
        }
        let reasons: HashMap<&str, &Vec<Reason>> = ci
            .map(|ci| {
                clustering.clusters[ci]
                    .members
                    .iter()
                    .map(|m| (cards[m.card].id.as_str(), &m.reasons))
                    .collect()
            })
            .unwrap_or_default();
        let mut members: Vec<Entry> = t
            .cards
            .iter()
            .map(|r| Entry {
                card: r.clone(),
                new: false,
                reasons: reasons
                    .get(r.as_str())
                    .map_or_else(Vec::new, |r| (*r).clone()),
            })
            .collect();
        if let Some(ci) = ci {
            members.extend(
                clustering.clusters[ci]
                    .members
                    .iter()
                    .filter(|m| m.new)
                    .map(|m| Entry {
                        card: cards[m.card].id.clone(),
                        new: true,
                        reasons: m.reasons.clone(),
                    }),
            );
        }
        groups.push(Group {
            label: t.label.clone(),
            theme: Some(t.id.clone()),
            tag: t.tag.clone(),
            cluster: ci,
            members,
            adds: None,
        });
    }
    grouping.groups = groups;
    grouping.suggestions = suggestions;
    grouping.singles = singles;
}

/// The scope after `scope` when the clerk cycles through them: each column,
/// every column key alone, all together.
pub fn next_scope(scope: &ColumnScope, keys: &[String]) -> ColumnScope {
    match scope {
        ColumnScope::EachColumn => keys
            .first()
            .map_or(ColumnScope::Together, |k| ColumnScope::Column(k.clone())),
        ColumnScope::Column(k) => {
            let i = keys.iter().position(|x| x == k);
            match i.and_then(|i| keys.get(i + 1)) {
                Some(next) => ColumnScope::Column(next.clone()),
                None => ColumnScope::Together,
            }
        }
        ColumnScope::Together => ColumnScope::EachColumn,
    }
}

/// The theme id of group `g` in `themes`, confirming a suggestion first.
pub fn materialize(
    session: &mut Session,
    grouping: &Grouping,
    themes: &mut Vec<Theme>,
    g: usize,
) -> Option<String> {
    let group = grouping.groups.get(g)?;
    if let Some(id) = group.theme.as_ref().or(group.adds.as_ref().map(|(t, _)| t)) {
        return Some(id.clone());
    }
    let cluster = grouping.clustering.clusters.get(group.cluster?)?;
    let id = session.fresh_id("t");
    let home = session.id.clone();
    if let Edit::SetThemes(t) = rules::accept(themes, cluster, &grouping.cards, Some(&home), &id) {
        *themes = t;
    }
    Some(id)
}

/// Themes with `card` out of theme `from`: taken out of its cards, or, for a
/// card only suggested into it, kept out of it for good.
pub fn take_out(themes: &[Theme], from: &str, card: &str) -> Vec<Theme> {
    if let Ok(Edit::SetThemes(t)) = rules::remove_card(themes, from, card) {
        return t;
    }
    let mut out = themes.to_vec();
    if let Some(t) = out.iter_mut().find(|t| t.id == from)
        && !t.rejected.iter().any(|r| r == card)
    {
        t.rejected.push(card.to_string());
    }
    out
}

/// Themes with `card` added to theme `theme` (a suggestion accepted).
pub fn add_card(themes: &[Theme], theme: &str, card: &str) -> Vec<Theme> {
    let mut out = themes.to_vec();
    if let Some(t) = out.iter_mut().find(|t| t.id == theme) {
        t.rejected.retain(|r| r != card);
        if !t.cards.iter().any(|c| c == card) {
            t.cards.push(card.to_string());
        }
    }
    out
}

/// The refusals with the cards of a refused suggestion added: no two of
/// them are suggested together again.
pub fn refuse(refused: &[Refusal], cluster: &Cluster, cards: &[ClusterCard]) -> Vec<Refusal> {
    let mut out = refused.to_vec();
    let mut ids: Vec<String> = cluster
        .members
        .iter()
        .map(|m| cards[m.card].id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    if ids.len() >= 2 && !out.iter().any(|r| r.cards == ids) {
        out.push(Refusal { cards: ids });
    }
    out
}

/// Themes with `card` moved from theme `from` into theme `to`: kept out of
/// `from` for good and welcome in `to`.
pub fn move_into(themes: &[Theme], from: &str, to: &str, card: &str) -> Vec<Theme> {
    let mut themes = take_out(themes, from, card);
    if let Some(t) = themes.iter_mut().find(|t| t.id == to) {
        t.rejected.retain(|r| r != card);
        if !t.cards.iter().any(|c| c == card) {
            t.cards.push(card.to_string());
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Board, Card, Column};

    fn theme(id: &str, cards: &[&str]) -> Theme {
        Theme {
            id: id.into(),
            label: id.into(),
            cards: cards.iter().map(|c| c.to_string()).collect(),
            confirmed: true,
            ..Theme::default()
        }
    }

    #[test]
    fn a_card_taken_out_is_rejected_whether_member_or_only_suggested() {
        let themes = vec![theme("t1", &["k1", "k2"])];
        let out = take_out(&themes, "t1", "k1");
        assert_eq!(out[0].cards, ["k2"]);
        assert_eq!(out[0].rejected, ["k1"]);
        // k9 was only suggested into t1: it is kept out for good.
        let out = take_out(&themes, "t1", "k9");
        assert_eq!(out[0].cards, ["k1", "k2"]);
        assert_eq!(out[0].rejected, ["k9"]);
    }

    #[test]
    fn a_moved_card_leaves_one_theme_for_good_and_is_welcome_in_the_other() {
        let mut other = theme("t2", &[]);
        other.rejected = vec!["k1".into()];
        let out = move_into(&[theme("t1", &["k1"]), other], "t1", "t2", "k1");
        assert_eq!((out[0].cards.len(), out[0].rejected.len()), (0, 1));
        assert_eq!(out[1].cards, ["k1"]);
        assert!(out[1].rejected.is_empty());
    }

    #[test]
    fn suggestions_come_first_and_a_dismissed_one_stays_away() {
        let mut s = Session {
            id: "mitte".into(),
            ..Session::default()
        };
        let cards = ["Kita-Plätze", "fehlende Kitaplätze", "Parkplätze am Markt"]
            .iter()
            .map(|t| Card::new(s.fresh_id("k"), *t))
            .collect();
        s.boards.push(Board {
            id: "b1".into(),
            columns: vec![Column {
                key: "needs".into(),
                cards,
                ..Column::default()
            }],
            ..Board::default()
        });
        s.themes.push(theme("t9", &["k3"]));
        let thesaurus = Thesaurus::default();
        let g = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[]);
        assert_eq!(g.suggestions, 1, "{:?}", g.groups);
        assert_eq!(g.groups[0].members.len(), 2);
        assert_eq!(g.groups[1].theme.as_deref(), Some("t9"));
        let key = dismiss_key(
            &g.clustering.clusters[g.groups[0].cluster.unwrap()],
            &g.cards,
        );
        let again = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[key]);
        assert_eq!(again.suggestions, 0);
        assert_eq!(again.groups.len(), 1);
    }
    fn every_card_once(g: &Grouping) {
        let mut seen = vec![0u8; g.cards.len()];
        for c in &g.clustering.clusters {
            for m in &c.members {
                seen[m.card] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
    }

    /// Each card's cluster as the set of its cards, with the theme.
    fn homes(g: &Grouping) -> HashMap<String, (Option<String>, Vec<String>)> {
        let mut out = HashMap::new();
        for c in &g.clustering.clusters {
            let mut ids: Vec<String> = c
                .members
                .iter()
                .map(|m| g.cards[m.card].id.clone())
                .collect();
            ids.sort();
            for id in &ids {
                out.insert(id.clone(), (c.theme.clone(), ids.clone()));
            }
        }
        out
    }

    #[test]
    fn decisions_cluster_only_near_what_they_touched_and_agree_with_a_new_run() {
        let path = std::path::Path::new("sessions/2019-02-13-gelsenkirchen-mitte.ron");
        let mut s = crate::core::store::load(path).unwrap().session;
        let thesaurus = Thesaurus::builtin();
        let scope = ColumnScope::EachColumn;
        let mut g = group(&s, 0.3, &scope, &thesaurus, &[]);
        let steps = 12;
        let (mut agree, mut all) = (0, 0);
        for step in 0..steps {
            let mut themes = s.themes.clone();
            let theme = g
                .groups
                .iter()
                .position(|x| x.theme.is_some() && x.members.len() > 1);
            let (themes, card) = match (step % 3, theme) {
                (2, Some(t)) => {
                    // Take the first card out of a theme.
                    let id = materialize(&mut s, &g, &mut themes, t).unwrap();
                    let card = g.groups[t].members[0].card.clone();
                    (take_out(&themes, &id, &card), Some((id, card)))
                }
                _ => {
                    let id = materialize(&mut s, &g, &mut themes, 0).unwrap();
                    (themes, Some((id, String::new())))
                }
            };
            s.apply(Edit::SetThemes(themes)).unwrap();
            let kept = g.clustering.clusters.len();
            assert!(regroup(&mut g, &s, &[]));
            every_card_once(&g);
            assert!(g.clustering.clusters.len().abs_diff(kept) < 10);
            // The decision shows: the theme is listed with its cards, a card
            // taken out is not among them.
            let (id, out) = card.unwrap();
            let listed = g
                .groups
                .iter()
                .find(|x| x.theme.as_deref() == Some(id.as_str()));
            let listed = listed.expect("the theme is listed");
            let theme = s.themes.iter().find(|t| t.id == id).unwrap();
            for c in &theme.cards {
                assert!(listed.members.iter().any(|m| &m.card == c), "step {step}");
            }
            assert!(!listed.members.iter().any(|m| m.card == out), "step {step}");
            // Against a new run (which also learns from the new theme).
            let full = group(&s, 0.3, &scope, &thesaurus, &[]);
            every_card_once(&full);
            let (mine, theirs) = (homes(&g), homes(&full));
            all += mine.len();
            agree += mine
                .iter()
                .filter(|(k, v)| theirs.get(*k) == Some(v))
                .count();
        }
        let share = agree as f64 / all as f64;
        assert!(share >= 0.95, "{agree} of {all} cards as in a new run");
    }

    #[test]
    fn changed_cards_need_a_new_run() {
        let path = std::path::Path::new("sessions/2019-02-13-gelsenkirchen-mitte.ron");
        let mut s = crate::core::store::load(path).unwrap().session;
        let thesaurus = Thesaurus::builtin();
        let mut g = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[]);
        let mut card = s.boards[0].columns[0].cards[0].clone();
        card.text = "Kitaplätze".into();
        s.apply(Edit::ReplaceCard { card }).unwrap();
        assert!(!regroup(&mut g, &s, &[]));
    }
}
