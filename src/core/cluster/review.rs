//! The cluster review's view of one session: the suggestions of a
//! clustering run, biggest first, then the confirmed themes with the cards
//! newly suggested into them; and the theme changes the clerk's decisions
//! make.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::features::Features;
use super::graph::{self, FastMap, PrefixIndex};
use super::learned::LearnedWord;
use super::themes as rules;
use super::{
    Cluster, ClusterCard, ClusterOptions, Clustering, Decisions, Progress, Reason, Thesaurus,
    cards_of,
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
    pub reasons: Arc<[Reason]>,
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
    /// Shown after the members: for a card suggested into a confirmed
    /// theme, some of the theme's cards to compare with, shared by all the
    /// theme's suggestions (a theme drawing in thousands of cards must not
    /// copy its cards for each). Empty for other groups.
    pub context: Arc<[Entry]>,
    /// A suggestion to add one card to a confirmed theme: the theme's id
    /// and the card (the only member; the theme's cards follow as context).
    pub adds: Option<(String, String)>,
}

impl Group {
    pub fn new_cards(&self) -> usize {
        self.members.iter().filter(|m| m.new).count()
    }

    /// How many cards the group shows: its members and their context.
    pub fn len(&self) -> usize {
        self.members.len() + self.context.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th card shown.
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        match i.checked_sub(self.members.len()) {
            None => self.members.get(i),
            Some(j) => self.context.get(j),
        }
    }

    /// The cards shown, members first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.members.iter().chain(self.context.iter())
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
    /// Shared with the request it was made for (a listing from a kept run
    /// reads them on a worker thread at the same time).
    pub cards: Arc<Vec<ClusterCard>>,
    pub clustering: Clustering,
    /// Suggestions first (biggest first), then the confirmed themes.
    pub groups: Vec<Group>,
    /// How many of the groups are suggestions.
    pub suggestions: usize,
    /// Cards on their own (not listed).
    pub singles: usize,
    /// What the run worked with, for clustering a part again.
    pub basis: Basis,
    /// Which listing of the groups this is: a new number whenever the
    /// groups are listed again, so that what a screen worked out from them
    /// knows when it is out of date.
    pub listing: Listing,
}

/// The number of one listing of groups (see [`Grouping::listing`]). Every
/// listing gets a number of its own in the program's run; it takes no part
/// in comparing groupings.
#[derive(Debug, Clone, Copy)]
pub struct Listing(u64);

impl Listing {
    fn next() -> Self {
        static LAST: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Listing(LAST.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1)
    }

    pub fn number(self) -> u64 {
        self.0
    }
}

impl Default for Listing {
    fn default() -> Self {
        Listing::next()
    }
}

impl PartialEq for Listing {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Grouping {
    /// Whether the cards are analysed, so that a part can be clustered
    /// again (a listing from a kept run is not until [`settle`]).
    pub fn analysed(&self) -> bool {
        self.basis.data.is_some()
    }
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
    by_ref: FastMap<String, usize>,
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
    cards: Arc<Vec<ClusterCard>>,
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
        cards: Arc::new(cards),
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
    let data = basis_data(&cards, features, options, generation);
    progress.set(1.0);
    Some(Grouping {
        cards,
        clustering,
        basis: Basis {
            data: Some(Arc::new(data)),
            themes,
            refused,
        },
        ..Grouping::default()
    })
}

/// The cards of a request analysed, without clustering them: what a
/// listing from a kept run needs to cluster a part again. `None` when
/// cancelled.
fn analysed(request: Request, thesaurus: &Thesaurus, progress: &Progress) -> Option<BasisData> {
    let decisions = Decisions {
        themes: &request.themes,
        refused: &request.refused,
        learned: &request.learned,
    };
    let features = super::analyse(&request.cards, &request.options, thesaurus, &decisions);
    if progress.cancelled() {
        return None;
    }
    let data = basis_data(
        &request.cards,
        features,
        request.options,
        request.generation,
    );
    progress.set(1.0);
    Some(data)
}

/// What clustering a part again needs besides the features.
fn basis_data(
    cards: &[ClusterCard],
    features: Features,
    options: ClusterOptions,
    generation: u64,
) -> BasisData {
    let vectors: Vec<&[(u32, f32)]> = features.cards[..cards.len()]
        .iter()
        .map(|c| c.vector.as_slice())
        .collect();
    let rank = graph::rank_by_rarity(&features.df);
    let threshold = (options.threshold.clamp(0.0, 1.0) as f32).max(1e-6);
    let near = PrefixIndex::new(&vectors, &rank, threshold);
    let by_ref = refs(cards, options.home_session.as_deref());
    BasisData {
        features,
        options,
        generation,
        by_ref,
        near,
    }
}

/// Lists a run for the session as it is now, clustering in the decisions
/// made since it started (as [`regroup`] does). False when the cards
/// changed since, and only a new run will do.
pub fn finish(grouping: &mut Grouping, session: &Session, dismissed: &[String]) -> bool {
    regroup(grouping, session, dismissed)
}

/// Card indices by the references themes use: `session/card`, and the bare
/// id for cards of the home session.
fn refs(cards: &[ClusterCard], home: Option<&str>) -> FastMap<String, usize> {
    let mut by_ref = FastMap::default();
    by_ref.reserve(cards.len() * 2);
    for (i, c) in cards.iter().enumerate() {
        by_ref.entry(c.qualified()).or_insert(i);
        if home.is_none_or(|h| h == c.session) {
            by_ref.entry(c.id.clone()).or_insert(i);
        }
    }
    by_ref
}

mod regroup;
mod resume;

use regroup::Reuse;
pub use regroup::regroup;
pub use resume::{Pending, Prepared, RESUME_CARDS, RESUME_SHARE, keep, prepare, resume, settle};

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
            context: Arc::default(),
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
        let context: Arc<[Entry]> = c
            .members
            .iter()
            .filter(|o| !o.new)
            .take(ADD_CONTEXT)
            .map(|o| Entry {
                card: cards[o.card].id.clone(),
                new: false,
                reasons: o.reasons.clone(),
            })
            .collect();
        for m in c.members.iter().filter(|m| m.new) {
            let card = cards[m.card].id.clone();
            groups.push(Group {
                label: t.label.clone(),
                theme: None,
                tag: t.tag.clone(),
                cluster: Some(ci),
                members: vec![Entry {
                    card: card.clone(),
                    new: true,
                    reasons: m.reasons.clone(),
                }],
                context: Arc::clone(&context),
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
        let reasons: HashMap<&str, &Arc<[Reason]>> = ci
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
                    .map_or_else(Arc::default, |r| Arc::clone(r)),
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
            context: Arc::default(),
            adds: None,
        });
    }
    grouping.groups = groups;
    grouping.suggestions = suggestions;
    grouping.singles = singles;
    grouping.listing = Listing::next();
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
mod tests;
