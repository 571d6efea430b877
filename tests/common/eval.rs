//! The hand-labelled card sets of `tests/eval/` as they are read.

use std::collections::HashMap;

use serde::Deserialize;
use stellwand::core::cluster::{
    ClusterCard, ClusterOptions, Clustering, Decisions, Thesaurus, cluster_decided,
};
use stellwand::core::model::Theme;

/// A card of an evaluation set: where it hangs, its text, and the group a
/// person put it in.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalCard {
    pub board: String,
    pub column: String,
    pub text: String,
    #[serde(default)]
    pub group: String,
}

/// An evaluation set file.
#[derive(Deserialize)]
#[serde(rename = "EvalSet")]
pub struct EvalSet {
    pub cards: Vec<EvalCard>,
}

/// The confirmed themes of the learning scenario: per column, every second
/// group of two or more cards (in order of first appearance), holding the
/// first half of its cards (rounded up, as `k<index>`) and labelled with the
/// group's name.
pub fn half_themes(cards: &[EvalCard]) -> Vec<Theme> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut members: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, c) in cards.iter().enumerate() {
        let key = (c.column.clone(), c.group.clone());
        if !members.contains_key(&key) {
            order.push(key.clone());
        }
        members.entry(key).or_default().push(i);
    }
    let mut per_column: HashMap<String, usize> = HashMap::new();
    let mut themes = Vec::new();
    for key in order {
        let ids = &members[&key];
        if ids.len() < 2 {
            continue;
        }
        let n = per_column.entry(key.0.clone()).or_default();
        *n += 1;
        if (*n).is_multiple_of(2) {
            continue;
        }
        themes.push(Theme {
            id: format!("t{}", themes.len() + 1),
            label: key.1.clone(),
            cards: ids[..ids.len().div_ceil(2)]
                .iter()
                .map(|i| format!("k{i}"))
                .collect(),
            confirmed: true,
            ..Theme::default()
        });
    }
    themes
}

/// The clustering of the learning scenario: `themes` confirmed in the
/// session `eval` the cards are of, with `options` otherwise.
pub fn cluster_with_themes(
    cards: &[ClusterCard],
    themes: &[Theme],
    thesaurus: &Thesaurus,
    options: ClusterOptions,
) -> Clustering {
    let options = ClusterOptions {
        home_session: Some("eval".into()),
        ..options
    };
    let decisions = Decisions {
        themes,
        ..Decisions::default()
    };
    cluster_decided(cards, &options, thesaurus, &decisions)
}
