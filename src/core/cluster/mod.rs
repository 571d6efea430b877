//! Suggests themes: groups similar cards (German, handwritten, short) into
//! clusters with a label and an explanation per card.
//!
//! The steps: [`normalise`] the words, turn each card into a vector of
//! [`features`] (stems, compound parts, domain thesaurus groups, general
//! synonyms ([`general`]), words learned from the clerk ([`learned`]), its
//! Handlungsfelder; weighted by rarity), let each confirmed theme take in
//! the free cards it mostly covers, find the pairs above the threshold and
//! merge by average linkage ([`graph`]), then name each cluster and explain
//! its cards ([`label`]). Confirmed themes are kept as they are and only
//! grow by new cards ([`themes`]); refused suggestions and cards of
//! different Handlungsfelder are never put together.
//!
//! Scope: cards of different column keys never share a cluster, unless the
//! caller asks to mix columns (the command line does when several
//! `--column` keys are given).

pub mod attract;
pub mod features;
pub mod general;
pub mod graph;
pub mod kept;
pub mod label;
pub mod learned;
mod letters;
pub mod normalise;
pub mod progress;
pub mod review;
pub mod themes;
pub mod thesaurus;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::core::model::{Refusal, Session, Theme};
use crate::core::template::{Section, Templates};

pub use label::Reason;
pub use progress::Progress;
pub use thesaurus::Thesaurus;

use features::{Analyzer, Features};
use graph::Node;

/// From this many distinct cards on, near-identical cards are grouped by a
/// leader pass and only each card's strongest pairs are merged on (speed on
/// very large sets; below it, average linkage is exact). See [`cluster_with`].
pub const FAST_FROM: usize = 20_000;
/// Similarity at which cards count as near-identical for that pass.
const NEAR_IDENTICAL: f32 = 0.5;
/// On such sets, candidate pairs per card kept for merging (its strongest).
const STRONGEST: usize = 40;

/// Threshold used when none is given: the average similarity (0–1) the
/// cards of a cluster must have with each other.
pub const DEFAULT_THRESHOLD: f64 = 0.36;

/// A card as the clustering sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterCard {
    pub id: String,
    /// Session id.
    pub session: String,
    /// Board title, or the board id when the board has no title.
    pub board: String,
    /// Column key.
    pub column: String,
    /// Text with sub-points.
    pub text: String,
    /// The session's place field (where the workshop was): its words say
    /// nothing about a card's theme.
    pub place: String,
    /// Keys of the Handlungsfelder set on the card.
    pub tags: Vec<String>,
    /// The card names people or organisations (a column feeding the
    /// concept's Akteure: `owner`, `participants`): it makes no theme.
    pub people: bool,
}

/// Column keys whose cards name people, whatever their template says.
pub const PEOPLE_COLUMNS: [&str; 2] = ["owner", "participants"];

impl ClusterCard {
    /// `session/card`, the reference used in themes across sessions.
    pub fn qualified(&self) -> String {
        format!("{}/{}", self.session, self.id)
    }
}

/// The cards of sessions, in session, board, column and card order; only the
/// given column keys when any are given.
pub fn cards_of(sessions: &[Session], columns: &[String]) -> Vec<ClusterCard> {
    cards_of_each(sessions, columns)
}

/// [`cards_of`] for sessions wherever they are kept.
pub fn cards_of_each<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    columns: &[String],
) -> Vec<ClusterCard> {
    let templates = Templates::builtin();
    let mut out = Vec::new();
    for s in sessions {
        for (board, column, card) in s.cards() {
            if !columns.is_empty() && !columns.contains(&column.key) {
                continue;
            }
            out.push(ClusterCard {
                id: card.id.clone(),
                session: s.id.clone(),
                board: if board.title.trim().is_empty() {
                    board.id.clone()
                } else {
                    board.title.clone()
                },
                column: column.key.clone(),
                text: card.full_text(),
                place: s.place.clone(),
                tags: card.tags.clone(),
                people: PEOPLE_COLUMNS.contains(&column.key.as_str())
                    || templates.section(&board.template, &column.key) == Some(Section::Akteure),
            });
        }
    }
    out
}

/// How to cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    /// Average similarity (0–1) within a cluster; higher means stricter.
    pub threshold: f64,
    /// Whether cards of different columns may share a cluster.
    pub across_columns: bool,
    /// The session whose themes hold plain card ids (`k12`) rather than
    /// `session/card` references.
    pub home_session: Option<String>,
    /// Whether confirmed themes and learned words shape the clustering
    /// (`--no-learn` turns it off: themes are kept but only grow as any
    /// other cluster would).
    pub learn: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: DEFAULT_THRESHOLD,
            across_columns: false,
            home_session: None,
            learn: true,
        }
    }
}

/// What the clerk decided before this run, and what was learned from it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Decisions<'a> {
    /// Themes; confirmed ones are kept and attract resembling cards.
    pub themes: &'a [Theme],
    /// Refused suggestions: their cards are never suggested together.
    pub refused: &'a [Refusal],
    /// Words learned from confirmed themes of the sessions folder.
    pub learned: &'a [learned::LearnedWord],
}

/// One card in a suggested cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into the cards given to [`cluster`].
    pub card: usize,
    /// True when the card is suggested into a confirmed theme it is not yet in.
    pub new: bool,
    /// Why the card is in the cluster (empty for a card on its own);
    /// shared with the review's listing rather than copied.
    pub reasons: std::sync::Arc<[Reason]>,
}

/// A suggested cluster, or a confirmed theme with its suggested new cards.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub label: String,
    /// The confirmed theme this cluster is, if any.
    pub theme: Option<String>,
    pub members: Vec<Member>,
}

impl Cluster {
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// Every card in exactly one cluster, biggest clusters first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    pub clusters: Vec<Cluster>,
}

/// Clusters cards. Confirmed `themes` are kept: their cards stay in them,
/// new cards may be suggested into them (never a card the clerk removed
/// from one), and two themes are never merged. Deterministic: the same
/// input gives the same output.
pub fn cluster(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    themes: &[Theme],
) -> Clustering {
    cluster_with(cards, options, thesaurus, themes, FAST_FROM)
}

/// [`cluster`] with every decision of the clerk and the learned words.
pub fn cluster_decided(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    decisions: &Decisions,
) -> Clustering {
    cluster_full(cards, options, thesaurus, decisions, FAST_FROM)
}

/// [`cluster`], with the number of distinct cards from which the fast path
/// for very large sets is taken.
pub fn cluster_with(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    themes: &[Theme],
    fast_from: usize,
) -> Clustering {
    let decisions = Decisions {
        themes,
        ..Decisions::default()
    };
    cluster_full(cards, options, thesaurus, &decisions, fast_from)
}

/// The cards of `cards` as the references of themes and refusals name them.
fn card_refs(cards: &[ClusterCard], home: Option<&str>) -> graph::FastMap<String, usize> {
    let mut by_ref: graph::FastMap<String, usize> = graph::FastMap::default();
    by_ref.reserve(2 * cards.len());
    for (i, c) in cards.iter().enumerate() {
        by_ref.entry(c.qualified()).or_insert(i);
        if home.is_none_or(|h| h == c.session) {
            by_ref.entry(c.id.clone()).or_insert(i);
        }
    }
    by_ref
}

/// Which confirmed theme each card is in (the first, when a card is named
/// by several).
fn theme_membership(
    cards: &[ClusterCard],
    themes: &[Theme],
    by_ref: &graph::FastMap<String, usize>,
) -> Vec<Option<usize>> {
    let mut theme_of: Vec<Option<usize>> = vec![None; cards.len()];
    for (t, theme) in themes.iter().enumerate() {
        if !theme.confirmed {
            continue;
        }
        for r in &theme.cards {
            if let Some(&i) = by_ref.get(r)
                && theme_of[i].is_none()
            {
                theme_of[i] = Some(t);
            }
        }
    }
    theme_of
}

/// The texts the cards are analysed by. Names of people carry no theme:
/// such cards have none and stay alone.
fn card_texts(cards: &[ClusterCard]) -> Vec<&str> {
    cards
        .iter()
        .map(|c| if c.people { "" } else { c.text.as_str() })
        .collect()
}

/// The features of the cards (and, when learning, of the themes' labels,
/// after the cards), with the words the confirmed themes teach.
fn analyse_cards(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    decisions: &Decisions,
    theme_of: &[Option<usize>],
) -> Features {
    let learn = options.learn;
    let mut texts = card_texts(cards);
    let mut owner: Vec<Option<usize>> = theme_of.to_vec();
    let mut labels: Vec<(String, usize)> = Vec::new();
    if learn {
        for (t, theme) in decisions.themes.iter().enumerate() {
            if theme.confirmed {
                labels.push((theme.id.clone(), texts.len()));
                texts.push(theme.label.as_str());
                owner.push(Some(t));
            }
        }
    }
    // Nor do the Handlungsfelder set on them.
    let tags: Vec<&[String]> = cards
        .iter()
        .map(|c| if c.people { &[][..] } else { c.tags.as_slice() })
        .collect();
    let distinct = |of: fn(&ClusterCard) -> &str| -> Vec<String> {
        let mut v: Vec<&str> = cards.iter().map(of).collect();
        v.sort_unstable();
        v.dedup();
        v.into_iter().map(str::to_string).collect()
    };
    let places = distinct(|c| c.place.as_str());
    let titles = distinct(|c| c.board.as_str());
    let folder;
    let thesaurus = if learn && !decisions.learned.is_empty() {
        let mut t = thesaurus.clone();
        t.groups.extend(learned::groups(decisions.learned));
        folder = t;
        &folder
    } else {
        thesaurus
    };
    let mut features = Analyzer::new()
        .with_places(places, titles)
        .analyse_raw(&texts, thesaurus, &tags);
    if learn && owner.iter().any(Option::is_some) {
        let taught = learned::taught(&features, &owner, decisions.themes.len());
        let labels: Vec<String> = decisions.themes.iter().map(|t| t.label.clone()).collect();
        learned::apply(&mut features, &taught, &labels);
    }
    features.finish();
    features.labels = labels;
    features
}

/// The words each confirmed theme of `session` teaches, for the
/// learned-words file of its folder.
pub fn learned_words(session: &Session, thesaurus: &Thesaurus) -> Vec<learned::LearnedWord> {
    let themes: Vec<&Theme> = session.themes.iter().filter(|t| t.confirmed).collect();
    if themes.is_empty() {
        return Vec::new();
    }
    let cards = cards_of(std::slice::from_ref(session), &[]);
    let by_ref = card_refs(&cards, Some(&session.id));
    let mut theme_of = theme_membership(&cards, &session.themes, &by_ref);
    let mut texts = card_texts(&cards);
    for (t, theme) in session.themes.iter().enumerate() {
        if theme.confirmed {
            texts.push(theme.label.as_str());
            theme_of.push(Some(t));
        }
    }
    let mut places = vec![session.place.clone()];
    places.dedup();
    let titles: Vec<String> = session.boards.iter().map(|b| b.title.clone()).collect();
    let features = Analyzer::new()
        .with_places(places, titles)
        .analyse_raw(&texts, thesaurus, &[]);
    let taught = learned::taught(&features, &theme_of, session.themes.len());
    let mut out = Vec::new();
    for (t, stems) in taught.iter().enumerate() {
        let rows: Vec<usize> = (0..theme_of.len())
            .filter(|&i| theme_of[i] == Some(t))
            .collect();
        for word in learned::words_of(&features, stems, &rows) {
            out.push(learned::LearnedWord {
                theme: session.themes[t].label.clone(),
                word,
                session: session.id.clone(),
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

fn cluster_full(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    decisions: &Decisions,
    fast_from: usize,
) -> Clustering {
    let features = analyse(cards, options, thesaurus, decisions);
    let progress = Progress::default();
    cluster_features(cards, &features, options, decisions, fast_from, &progress)
}

/// The features of the cards as [`cluster_decided`] sees them: analysed
/// together (vocabulary and rarity come from the set itself), with what the
/// decisions teach.
pub fn analyse(
    cards: &[ClusterCard],
    options: &ClusterOptions,
    thesaurus: &Thesaurus,
    decisions: &Decisions,
) -> Features {
    let by_ref = if decisions.themes.is_empty() {
        Default::default()
    } else {
        card_refs(cards, options.home_session.as_deref())
    };
    let theme_of = theme_membership(cards, decisions.themes, &by_ref);
    analyse_cards(cards, options, thesaurus, decisions, &theme_of)
}

/// [`cluster_decided`] on cards analysed before ([`analyse`]), saying how
/// far it got. A run cancelled through `progress` ends early with no
/// clusters.
pub fn cluster_analysed(
    cards: &[ClusterCard],
    features: &Features,
    options: &ClusterOptions,
    decisions: &Decisions,
    progress: &Progress,
) -> Clustering {
    cluster_features(cards, features, options, decisions, FAST_FROM, progress)
}

/// What makes free cards one node: the same scope, the same features with
/// the same weights (to the bit) and the same Handlungsfelder.
struct Same<'a> {
    scope: &'a str,
    vector: &'a [(u32, f32)],
    tags: &'a [u32],
}

impl PartialEq for Same<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.scope == other.scope
            && self.tags == other.tags
            && self.vector.len() == other.vector.len()
            && self
                .vector
                .iter()
                .zip(other.vector)
                .all(|(a, b)| a.0 == b.0 && a.1.to_bits() == b.1.to_bits())
    }
}

impl Eq for Same<'_> {}

impl std::hash::Hash for Same<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.scope.hash(h);
        self.tags.hash(h);
        for (f, w) in self.vector {
            (f, w.to_bits()).hash(h);
        }
    }
}

/// The order of the clusters of a run: biggest first, then by first card.
pub fn cluster_order(a: &Cluster, b: &Cluster) -> std::cmp::Ordering {
    b.members
        .len()
        .cmp(&a.members.len())
        .then_with(|| a.members[0].card.cmp(&b.members[0].card))
}

fn cluster_features(
    cards: &[ClusterCard],
    features: &Features,
    options: &ClusterOptions,
    decisions: &Decisions,
    fast_from: usize,
    progress: &Progress,
) -> Clustering {
    // Nothing to look up when nothing was decided (a million references
    // cost a hundred megabytes).
    let by_ref = &if decisions.themes.is_empty() && decisions.refused.is_empty() {
        Default::default()
    } else {
        card_refs(cards, options.home_session.as_deref())
    };
    let mut theme_of = theme_membership(cards, decisions.themes, by_ref);
    let themes = decisions.themes;
    let threshold = options.threshold.clamp(0.0, 1.0) as f32;
    let threshold = threshold.max(1e-6);
    let scope_of = |c: &ClusterCard| -> String {
        if options.across_columns {
            String::new()
        } else {
            c.column.clone()
        }
    };
    let in_theme: Vec<bool> = theme_of.iter().map(Option::is_some).collect();

    // Who was removed from which theme, which suggestions were refused,
    // and the Handlungsfelder of each card.
    let rejected: Vec<HashSet<u32>> = themes
        .iter()
        .map(|theme| {
            theme
                .rejected
                .iter()
                .filter_map(|r| by_ref.get(r).map(|&i| i as u32))
                .collect()
        })
        .collect();
    let mut apart: Vec<Vec<u32>> = vec![Vec::new(); cards.len()];
    for (k, refusal) in decisions.refused.iter().enumerate() {
        for r in &refusal.cards {
            if let Some(&i) = by_ref.get(r)
                && !apart[i].contains(&(k as u32))
            {
                apart[i].push(k as u32);
            }
        }
    }
    let mut tag_ids: HashMap<String, u32> = HashMap::new();
    let mut tag_id = |t: &str| -> u32 {
        let n = tag_ids.len() as u32;
        *tag_ids.entry(t.to_string()).or_insert(n)
    };
    let card_tags: Vec<Vec<u32>> = cards
        .iter()
        .map(|c| {
            let mut v: Vec<u32> = c.tags.iter().map(|t| tag_id(t)).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let theme_tags: Vec<Option<u32>> = themes
        .iter()
        .map(|t| t.tag.as_deref().map(&mut tag_id))
        .collect();
    let constraints_of = |i: usize| -> Node {
        let mut n = Node::new(None);
        n.apart = apart[i].clone();
        if !card_tags[i].is_empty() {
            n.tags.push(card_tags[i].clone());
        }
        n
    };

    // A confirmed theme attracts the free cards that resemble it as a
    // whole: its members' words, stems, synonyms and learned words, and
    // its label.
    if options.learn && themes.iter().any(|t| t.confirmed) {
        attract::attract(
            cards,
            features,
            themes,
            &mut theme_of,
            &rejected,
            &scope_of,
            &constraints_of,
            &theme_tags,
        );
    }

    // Nodes: one per confirmed theme, one per group of free cards with the
    // same features in the same scope, one per card without words.
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_scope: Vec<String> = Vec::new();
    let mut theme_node: HashMap<usize, usize> = HashMap::new();
    let mut same: graph::FastMap<Same, usize> = graph::FastMap::default();
    for (i, card) in cards.iter().enumerate() {
        let v = &features.cards[i].vector;
        let node = if let Some(t) = theme_of[i] {
            *theme_node.entry(t).or_insert_with(|| {
                let mut n = Node::new(Some(t));
                if let Some(tag) = theme_tags[t] {
                    n.tags.push(vec![tag]);
                }
                nodes.push(n);
                node_scope.push(scope_of(card));
                nodes.len() - 1
            })
        } else if v.is_empty() || !apart[i].is_empty() {
            // Alone: a card without words, or one of a refused suggestion
            // (its twin may be the card it was refused with).
            nodes.push(Node::new(None));
            node_scope.push(scope_of(card));
            nodes.len() - 1
        } else {
            // Cards with the same features and tags are one node.
            let scope = if options.across_columns {
                ""
            } else {
                card.column.as_str()
            };
            let key = Same {
                scope,
                vector: v,
                tags: &card_tags[i],
            };
            *same.entry(key).or_insert_with(|| {
                nodes.push(Node::new(None));
                node_scope.push(scope_of(card));
                nodes.len() - 1
            })
        };
        let constraints = constraints_of(i);
        nodes[node].absorb_constraints(&constraints);
        nodes[node].members.push(i as u32);
    }
    drop(same);
    graph::sum_members(&mut nodes, |m| features.cards[m as usize].vector.as_slice());

    progress.set(0.05);
    let mut rank_order: Vec<u32> = (0..features.kinds.len() as u32).collect();
    rank_order.sort_by_key(|&f| (features.df[f as usize], f));
    let mut rank = vec![0u32; features.kinds.len()];
    for (r, f) in rank_order.iter().enumerate() {
        rank[*f as usize] = r as u32;
    }

    // Very many distinct cards: near-identical ones are grouped first.
    let free: Vec<usize> = (0..nodes.len())
        .filter(|&n| nodes[n].theme.is_none() && !nodes[n].sum.is_empty())
        .collect();
    let large = free.len() >= fast_from.max(2);
    if large {
        let vectors: Vec<&[(u32, f32)]> = free
            .iter()
            .map(|&n| {
                features.cards[nodes[n].members[0] as usize]
                    .vector
                    .as_slice()
            })
            .collect();
        let group = graph::leaders(&vectors, &rank, NEAR_IDENTICAL);
        let mut gone = vec![false; nodes.len()];
        // The sums each leader takes in, in order: added up at the end.
        let mut taken_sums: HashMap<usize, Vec<graph::Vector>> = HashMap::new();
        for (i, &g) in group.iter().enumerate() {
            let (n, leader) = (free[i], free[g as usize]);
            if n != leader && node_scope[n] == node_scope[leader] {
                if !nodes[leader].compatible(&nodes[n]) {
                    continue;
                }
                let taken = std::mem::take(&mut nodes[n].members);
                let sum = std::mem::take(&mut nodes[n].sum);
                let constraints = std::mem::replace(&mut nodes[n], Node::new(None));
                nodes[leader].absorb_constraints(&constraints);
                nodes[leader].members.extend(taken);
                taken_sums.entry(leader).or_default().push(sum);
                gone[n] = true;
            }
        }
        let mut summer = graph::Summer::new();
        for (leader, sums) in taken_sums {
            let own = std::mem::take(&mut nodes[leader].sum);
            let all = std::iter::once(own.as_slice()).chain(sums.iter().map(Vec::as_slice));
            nodes[leader].sum = summer.sum(all);
        }
        let mut kept_nodes = Vec::with_capacity(nodes.len());
        let mut kept_scopes = Vec::with_capacity(nodes.len());
        for ((node, scope), g) in nodes.into_iter().zip(node_scope).zip(gone) {
            if !g {
                kept_nodes.push(node);
                kept_scopes.push(scope);
            }
        }
        nodes = kept_nodes;
        node_scope = kept_scopes;
    }
    progress.set(0.25);
    if progress.cancelled() {
        return Clustering::default();
    }

    // Candidate pairs: per scope, the distinct card vectors above the threshold.
    let mut scopes: Vec<&String> = node_scope
        .iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    scopes.sort();
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for scope in scopes {
        // One representative vector per free group, every card of a theme.
        let mut reps: Vec<(usize, usize)> = Vec::new(); // (card, node)
        for (n, node) in nodes.iter().enumerate() {
            if node_scope[n] != *scope {
                continue;
            }
            if node.theme.is_some() {
                reps.extend(node.members.iter().map(|&c| (c as usize, n)));
            } else if let Some(&c) = node.members.first()
                && !features.cards[c as usize].vector.is_empty()
            {
                reps.push((c as usize, n));
            }
        }
        let vectors: Vec<&[(u32, f32)]> = reps
            .iter()
            .map(|&(c, _)| features.cards[c].vector.as_slice())
            .collect();
        if large {
            // Only each node's strongest pairs are merged on.
            let owner: Vec<u32> = reps.iter().map(|&(_, n)| n as u32).collect();
            edges.extend(graph::strongest_pairs(
                &vectors, &owner, &rank, threshold, STRONGEST,
            ));
        } else {
            for (x, y, _) in graph::similar_pairs(&vectors, &rank, threshold) {
                let (a, b) = (reps[x as usize].1, reps[y as usize].1);
                if a != b {
                    edges.push((a.min(b) as u32, a.max(b) as u32));
                }
            }
        }
    }
    progress.set(0.55);
    if progress.cancelled() {
        return Clustering::default();
    }
    edges.par_sort_unstable();
    edges.dedup();

    let blocked = |t: usize, members: &[u32]| members.iter().any(|m| rejected[t].contains(m));
    let merged = graph::average_linkage_of(nodes, edges, threshold, &blocked);
    progress.set(0.8);
    if progress.cancelled() {
        return Clustering::default();
    }

    // Labels and reasons of each cluster, on both cores, in small pieces:
    // the large clusters come first and take the longest.
    let mut clusters: Vec<Cluster> = merged
        .into_par_iter()
        .with_max_len(16)
        .map(|node| {
            let theme = node.theme.map(|t| &themes[t]);
            cluster_of_node(&node, theme, features, cards, |card| in_theme[card])
        })
        .collect();
    clusters.sort_by(cluster_order);
    progress.set(1.0);
    Clustering { clusters }
}

/// A merged node as a cluster: its members in card order, each with the
/// reasons it belongs, and its theme's label or one worked out from the
/// cards. `in_theme` tells the cards the theme already holds; the others
/// are new to it.
pub(super) fn cluster_of_node(
    node: &graph::Node,
    theme: Option<&Theme>,
    features: &Features,
    cards: &[ClusterCard],
    in_theme: impl Fn(usize) -> bool,
) -> Cluster {
    let mut members: Vec<usize> = node.members.iter().map(|&m| m as usize).collect();
    members.sort_unstable();
    // A theme's label links its cards as its members do.
    let heading: Vec<usize> = theme
        .and_then(|t| features.labels.iter().find(|(id, _)| *id == t.id))
        .map(|&(_, row)| row)
        .into_iter()
        .collect();
    let reasons = label::explain_with(features, &members, &heading);
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
                new: theme.is_some() && !in_theme(card),
                reasons: reasons.into(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
