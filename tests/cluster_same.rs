//! The clusters of the quality sets (tests/eval/) stay what they were when
//! the clustering was made to scale: candidate generation, the leader pass,
//! the merging and the threads may change how the work is done, not what
//! comes out on sets of this size.
//!
//! tests/eval/partitions.ron was recorded from the engine as it stood
//! before that work (main at 593d9c0, the learning engine), with
//! `STELLWAND_RECORD_PARTITIONS=1 cargo test --test cluster_same`; its
//! labels were recorded again when labels became heading words (the
//! members of every cluster unchanged), and the whole file again when the
//! scoring of two cards changed (first words, lower-case words, a larger
//! domain thesaurus, threshold 0.35), and again when the threshold became
//! 0.38 and a confirmed theme took in the cards close to its centre, and
//! again when a larger cluster came to need cards more alike, and again
//! when a confirmed theme came to weigh several kinds of evidence (centre,
//! heading, closest card, margin over the next theme), and its labels again
//! when a cluster whose cards share no whole word came to be named by the
//! words they share (the members of every cluster unchanged). A change
//! of the engine's features or knowledge that is meant to change clusters
//! records it again, in the same commit.

mod common;

use std::path::Path;

use serde::{Deserialize, Serialize};
use stellwand::core::cluster::{ClusterCard, ClusterOptions, Clustering, Thesaurus, cluster};

use common::eval::{EvalCard, EvalSet, cluster_with_themes, half_themes};

/// The sets with the place of their workshop, as the evaluation reads them.
const SETS: &[(&str, &str)] = &[
    ("gelsenkirchen-districts", "Gelsenkirchen"),
    ("gelsenkirchen-good", "Gelsenkirchen"),
    ("stadt-a-workshop", ""),
];

/// One clustering of a set: each cluster's label and its cards (indices
/// into the set), in the order of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Recorded {
    set: String,
    /// `plain`, or `themes` (half of each column's groups confirmed).
    run: String,
    clusters: Vec<(String, Vec<usize>)>,
}

fn load(name: &str) -> Vec<EvalCard> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/eval/{name}.ron"));
    let text = std::fs::read_to_string(&path).unwrap();
    ron::from_str::<EvalSet>(&text).unwrap().cards
}

fn cards(set: &[EvalCard], place: &str) -> Vec<ClusterCard> {
    set.iter()
        .enumerate()
        .map(|(i, c)| ClusterCard {
            place: place.to_string(),
            ..common::cluster_card(i, "eval", &c.board, &c.column, &c.text)
        })
        .collect()
}

fn recorded(set: &str, run: &str, result: &Clustering) -> Recorded {
    Recorded {
        set: set.into(),
        run: run.into(),
        clusters: result
            .clusters
            .iter()
            .map(|c| (c.label.clone(), c.members.iter().map(|m| m.card).collect()))
            .collect(),
    }
}

fn runs() -> Vec<Recorded> {
    let thesaurus = Thesaurus::builtin();
    let mut out = Vec::new();
    for &(name, place) in SETS {
        let set = load(name);
        let cards = cards(&set, place);
        let plain = cluster(&cards, &ClusterOptions::default(), &thesaurus, &[]);
        out.push(recorded(name, "plain", &plain));
        let themes = half_themes(&set);
        let learned = cluster_with_themes(&cards, &themes, &thesaurus, ClusterOptions::default());
        out.push(recorded(name, "themes", &learned));
    }
    out
}

#[test]
fn the_quality_sets_cluster_as_before() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/partitions.ron");
    let now = runs();
    if std::env::var_os("STELLWAND_RECORD_PARTITIONS").is_some() {
        let text = ron::ser::to_string_pretty(
            &now,
            ron::ser::PrettyConfig::default().compact_arrays(true),
        )
        .unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let before: Vec<Recorded> = ron::from_str(&text).unwrap();
    assert_eq!(before.len(), now.len());
    for (b, n) in before.iter().zip(&now) {
        assert_eq!(b, n, "{} ({}) clusters otherwise", b.set, b.run);
    }
}
