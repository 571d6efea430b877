//! Quality of the default clustering on a labelled set of real cards
//! (tests/eval/): pairwise precision and recall of "same cluster" decisions,
//! and how many single-card moves the clerk saves against starting from
//! nothing. Run with `cargo test --test cluster_eval -- --nocapture` to see
//! the figures.

use std::collections::HashMap;

use serde::Deserialize;
use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};

#[derive(Deserialize)]
struct EvalCard {
    board: String,
    column: String,
    text: String,
    group: String,
}

#[derive(Deserialize)]
#[serde(rename = "EvalSet")]
struct EvalSet {
    cards: Vec<EvalCard>,
}

fn load() -> EvalSet {
    let text = include_str!("eval/gelsenkirchen-districts.ron");
    ron::from_str(text).expect("the evaluation set parses")
}

/// Minimum number of single-card moves turning partition `a` into `b`
/// (both as one label per card): n minus the best one-to-one matching of
/// clusters by shared cards.
fn moves(a: &[usize], b: &[usize]) -> usize {
    let na = a.iter().max().map_or(0, |m| m + 1);
    let nb = b.iter().max().map_or(0, |m| m + 1);
    let size = na.max(nb);
    let mut overlap = vec![vec![0i64; size]; size];
    for (&x, &y) in a.iter().zip(b) {
        overlap[x][y] += 1;
    }
    // Hungarian algorithm on costs = -overlap.
    let cost: Vec<Vec<i64>> = overlap
        .iter()
        .map(|r| r.iter().map(|v| -v).collect())
        .collect();
    let best = -hungarian(&cost);
    a.len() - best as usize
}

/// Minimum total cost of a perfect assignment (rows to columns).
fn hungarian(cost: &[Vec<i64>]) -> i64 {
    let n = cost.len();
    let inf = i64::MAX / 4;
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).map(|j| cost[p[j] - 1][j - 1]).sum()
}

struct Figures {
    precision: f64,
    recall: f64,
    moves_from_nothing: usize,
    moves_from_suggestions: usize,
}

impl Figures {
    fn saved(&self) -> f64 {
        1.0 - self.moves_from_suggestions as f64 / self.moves_from_nothing as f64
    }
}

fn evaluate(threshold: f64) -> (Figures, Vec<Vec<String>>) {
    let set = load();
    let cards: Vec<ClusterCard> = set
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| ClusterCard {
            id: format!("k{i}"),
            session: "eval".into(),
            board: c.board.clone(),
            column: c.column.clone(),
            text: c.text.clone(),
        })
        .collect();
    let options = ClusterOptions {
        threshold,
        ..ClusterOptions::default()
    };
    let result = cluster(&cards, &options, &Thesaurus::builtin(), &[]);

    let mut suggested = vec![usize::MAX; cards.len()];
    for (k, c) in result.clusters.iter().enumerate() {
        for m in &c.members {
            assert_eq!(suggested[m.card], usize::MAX, "card in two clusters");
            suggested[m.card] = k;
        }
    }
    assert!(
        suggested.iter().all(|&k| k != usize::MAX),
        "card in no cluster"
    );

    let mut gold_ids: HashMap<(String, String), usize> = HashMap::new();
    let gold: Vec<usize> = set
        .cards
        .iter()
        .map(|c| {
            let n = gold_ids.len();
            *gold_ids
                .entry((c.column.clone(), c.group.clone()))
                .or_insert(n)
        })
        .collect();

    let (mut both, mut in_suggested, mut in_gold) = (0usize, 0usize, 0usize);
    for i in 0..cards.len() {
        for j in i + 1..cards.len() {
            let s = suggested[i] == suggested[j];
            let g = gold[i] == gold[j];
            both += usize::from(s && g);
            in_suggested += usize::from(s);
            in_gold += usize::from(g);
        }
    }
    let singletons: Vec<usize> = (0..cards.len()).collect();
    let figures = Figures {
        precision: both as f64 / in_suggested.max(1) as f64,
        recall: both as f64 / in_gold.max(1) as f64,
        moves_from_nothing: moves(&singletons, &gold),
        moves_from_suggestions: moves(&suggested, &gold),
    };
    let listing = result
        .clusters
        .iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut v = vec![c.label.clone()];
            v.extend(
                c.members
                    .iter()
                    .map(|m| format!("{} [{}]", set.cards[m.card].text, set.cards[m.card].group)),
            );
            v
        })
        .collect();
    (figures, listing)
}

#[test]
fn move_distance_is_exact_on_small_cases() {
    assert_eq!(moves(&[0, 0, 1, 1], &[0, 0, 1, 1]), 0);
    assert_eq!(moves(&[0, 1, 2, 3], &[0, 0, 1, 1]), 2);
    assert_eq!(moves(&[0, 0, 0, 0], &[0, 0, 1, 1]), 2);
    assert_eq!(moves(&[0, 0, 1, 1, 1], &[1, 1, 0, 0, 2]), 1);
}

#[test]
fn default_clustering_saves_half_the_moves_with_precise_merges() {
    let (f, listing) = evaluate(stellwand::core::cluster::DEFAULT_THRESHOLD);
    for cluster in &listing {
        println!("{}", cluster[0]);
        for card in &cluster[1..] {
            println!("    {card}");
        }
    }
    println!(
        "pairwise precision {:.3}, recall {:.3}; moves from nothing {}, from suggestions {}, saved {:.1} %",
        f.precision,
        f.recall,
        f.moves_from_nothing,
        f.moves_from_suggestions,
        100.0 * f.saved()
    );
    assert!(f.precision >= 0.7, "precision {:.3}", f.precision);
    assert!(f.saved() >= 0.5, "moves saved {:.3}", f.saved());
}

/// Figures for a range of thresholds (not an assertion; for choosing the
/// default): `cargo test --test cluster_eval -- --ignored --nocapture`.
#[test]
#[ignore]
fn threshold_sweep() {
    for t in [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5] {
        let (f, _) = evaluate(t);
        println!(
            "threshold {t:.2}: precision {:.3}, recall {:.3}, moves saved {:.1} % ({} of {})",
            f.precision,
            f.recall,
            100.0 * f.saved(),
            f.moves_from_nothing - f.moves_from_suggestions,
            f.moves_from_nothing
        );
    }
}

/// The suggested clusters with each card's labelled group, for reading:
/// `CLUSTER_THRESHOLD=0.3 cargo test --test cluster_eval listing -- --ignored --nocapture`.
#[test]
#[ignore]
fn listing_at_threshold() {
    let t: f64 = std::env::var("CLUSTER_THRESHOLD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(stellwand::core::cluster::DEFAULT_THRESHOLD);
    let (f, listing) = evaluate(t);
    for cluster in &listing {
        println!("{}", cluster[0]);
        for card in &cluster[1..] {
            println!("    {card}");
        }
    }
    println!(
        "precision {:.3} recall {:.3} saved {:.3}",
        f.precision,
        f.recall,
        f.saved()
    );
}
