//! The cluster review's view of one session: the suggestions of a
//! clustering run, biggest first, then the confirmed themes with the cards
//! newly suggested into them; and the theme changes the clerk's decisions
//! make.

use std::collections::HashMap;

use super::learned::LearnedWord;
use super::themes as rules;
use super::{
    Cluster, ClusterCard, ClusterOptions, Clustering, Decisions, Reason, Thesaurus, cards_of,
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
}

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
    let (cards, across) = scope_cards(session, scope);
    let options = ClusterOptions {
        threshold,
        across_columns: across,
        home_session: Some(session.id.clone()),
        ..ClusterOptions::default()
    };
    let decisions = Decisions {
        themes: &session.themes,
        refused: &session.refused,
        learned,
    };
    let clustering = super::cluster_decided(&cards, &options, thesaurus, &decisions);
    let mut groups = Vec::new();
    let mut singles = 0;
    for (ci, c) in clustering.clusters.iter().enumerate() {
        if c.theme.is_some() {
            continue;
        }
        if c.len() < 2 {
            singles += 1;
            continue;
        }
        if dismissed.contains(&dismiss_key(c, &cards)) {
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
    // Each card suggested into a confirmed theme, to accept or refuse alone.
    for t in session.themes.iter().filter(|t| t.confirmed) {
        let Some((ci, c)) = clustering
            .clusters
            .iter()
            .enumerate()
            .find(|(_, c)| c.theme.as_deref() == Some(t.id.as_str()))
        else {
            continue;
        };
        for m in c.members.iter().filter(|m| m.new) {
            let card = cards[m.card].id.clone();
            let mut members = vec![Entry {
                card: card.clone(),
                new: true,
                reasons: m.reasons.clone(),
            }];
            members.extend(c.members.iter().filter(|o| !o.new).map(|o| Entry {
                card: cards[o.card].id.clone(),
                new: false,
                reasons: o.reasons.clone(),
            }));
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
        let ci = clustering
            .clusters
            .iter()
            .position(|c| c.theme.as_deref() == Some(t.id.as_str()));
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
    Grouping {
        cards,
        clustering,
        groups,
        suggestions,
        singles,
    }
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
}
