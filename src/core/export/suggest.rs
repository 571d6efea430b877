//! The clustering's suggestions as unconfirmed themes, for an export with
//! suggestions: what the review would offer, marked "(Vorschlag)".

use crate::core::cluster::{self, ClusterOptions, Thesaurus, cards_of, themes::card_ref};
use crate::core::model::{Session, Theme};

/// Prefix of the ids of suggested themes (never stored in a session).
pub const SUGGESTION_ID: &str = "vorschlag-";

/// The session with the clustering's suggestions added as unconfirmed
/// themes: every cluster of two or more cards that is not a confirmed
/// theme, each column on its own as in the review. Themes already in the
/// session (confirmed or not) are kept as they are.
pub fn with_suggestions(session: &Session, thesaurus: &Thesaurus, threshold: f64) -> Session {
    let mut out = session.clone();
    let cards = cards_of(std::slice::from_ref(session), &[]);
    let options = ClusterOptions {
        threshold,
        across_columns: false,
        home_session: Some(session.id.clone()),
        ..ClusterOptions::default()
    };
    let decisions = cluster::Decisions {
        themes: &session.themes,
        refused: &session.refused,
        ..cluster::Decisions::default()
    };
    let clustering = cluster::cluster_decided(&cards, &options, thesaurus, &decisions);
    let home = Some(session.id.as_str());
    // Unconfirmed themes of the session already show these cards.
    let shown: std::collections::HashSet<&str> = session
        .themes
        .iter()
        .filter(|t| !t.confirmed)
        .flat_map(|t| t.cards.iter().map(String::as_str))
        .collect();
    let mut n = 0;
    for c in clustering
        .clusters
        .iter()
        .filter(|c| c.theme.is_none() && c.len() >= 2)
    {
        let refs: Vec<String> = c
            .members
            .iter()
            .map(|m| card_ref(&cards[m.card], home))
            .collect();
        if refs.iter().all(|r| shown.contains(r.as_str())) {
            continue;
        }
        n += 1;
        out.themes.push(Theme {
            id: format!("{SUGGESTION_ID}{n}"),
            label: c.label.clone(),
            tag: None,
            cards: refs,
            rejected: Vec::new(),
            confirmed: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::test_support::one_column_session;

    #[test]
    fn similar_cards_become_one_unconfirmed_theme() {
        let mut s = one_column_session();
        for (i, t) in ["Kita-Plätze fehlen", "fehlende Kitaplätze", "Sportverein"]
            .iter()
            .enumerate()
        {
            s.boards[0].columns[0]
                .cards
                .push(crate::core::model::Card::new(format!("k{}", 50 + i), *t));
        }
        let out = with_suggestions(&s, &Thesaurus::builtin(), cluster::DEFAULT_THRESHOLD);
        let added: Vec<&Theme> = out.themes.iter().filter(|t| !t.confirmed).collect();
        assert_eq!(added.len(), 1, "{:?}", out.themes);
        let mut cards = added[0].cards.clone();
        cards.sort();
        assert_eq!(cards, ["k50", "k51"]);
        assert_eq!(out.boards, s.boards, "nothing else changes");
    }
}
