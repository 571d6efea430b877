//! Quality of the clustering on labelled sets of cards (tests/eval/): the
//! sets the engine is tuned on (the example's needs and matters cards, and
//! three workshops of other cities written by someone who never saw the
//! engine), and held-out sets nobody tunes on.
//!
//! Per set: pairwise precision and recall of "same cluster" decisions, and
//! how many single-card moves the clerk saves against starting from nothing.
//! And the learning scenario: half of each column's groups are confirmed as
//! themes, each holding the first half of its cards; the loose cards (the
//! rest of those groups and every card of the other groups) are measured:
//! moves saved against the themes with every loose card on its own, and
//! precision on the pairs that involve a loose card.
//!
//! `cargo test --test cluster_eval -- --nocapture` prints the figures as the
//! table of the README. Another labelled set (same format) is measured with
//! `STELLWAND_EVAL_SETS=path/a.ron:path/b.ron`; it counts as held out.
//! `STELLWAND_EVAL_TUNED=1` measures (and prints) the tuned sets only, for
//! working on the engine without looking at the held-out figures;
//! `STELLWAND_EVAL_THRESHOLD=0.3` measures at another threshold and
//! `STELLWAND_EVAL_THESAURUS=path.ron` with another domain thesaurus (in
//! place of the shipped one, the general synonyms kept).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use stellwand::core::cluster::{
    ClusterCard, ClusterOptions, Clustering, DEFAULT_THRESHOLD, Thesaurus, cluster,
};

use common::eval::{EvalCard, EvalSet, cluster_with_themes, half_themes};

/// A labelled set and how it may be used.
struct Set {
    name: String,
    held_out: bool,
    /// The session's place field (where the workshop was).
    place: &'static str,
    cards: Vec<EvalCard>,
}

/// The sets in tests/eval/: the tuned one first. A missing file fails.
const SETS: &[(&str, bool, &str)] = &[
    ("gelsenkirchen-districts", false, "Gelsenkirchen"),
    ("stadt-c-workshop", false, ""),
    ("stadt-d-fachtag", false, ""),
    ("stadt-e-beirat", false, ""),
    // Sets that were held out in earlier rounds and in the first part of
    // this one (measured, never tuned on), tuned on from then on.
    ("stadt-b-workshop", false, ""),
    ("stadt-g-konferenz", false, ""),
    ("gelsenkirchen-good", false, "Gelsenkirchen"),
    ("stadt-a-workshop", false, ""),
    ("stadt-f-workshop", false, ""),
    ("stadt-h-workshop", false, ""),
    ("stadt-i-workshop", false, ""),
    ("stadt-j-fachtag", false, ""),
    ("stadt-k-beirat", false, ""),
    // Held out until the round of 2026-12-02 (written without seeing the
    // engine, measured four times, never tuned on); tuned from then on.
    ("stadt-l-workshop", false, ""),
    ("stadt-m-workshop", false, ""),
    ("stadt-n-fachtag", false, ""),
    ("stadt-o-jugend", false, ""),
    // Held out: written without seeing the engine and kept out of the
    // repository until the engine of the round of 2026-12-02 was finished;
    // measured before that round and after it, never tuned on.
    ("stadt-p-workshop", true, ""),
    ("stadt-q-fachtag", true, ""),
    ("stadt-r-beirat", true, ""),
    ("stadt-s-senioren", true, ""),
    // Held out: written without seeing the engine, its knowledge or the
    // other sets, and kept out of the repository until they were measured
    // on the engine before the round of 2026-12-02 (third part); never
    // tuned on.
    ("stadt-t-jugend", true, ""),
    ("stadt-u-landkreis", true, ""),
    ("stadt-v-arbeit", true, ""),
    // Held out: written without seeing the engine, its knowledge or the
    // other sets, and kept out of the repository until they were measured
    // on the engine of the round of 2026-12-02 (fifth part); never tuned on.
    ("stadt-w-eltern", true, ""),
    ("stadt-x-nachbarschaft", true, ""),
];

fn load_file(path: &Path) -> Vec<EvalCard> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let set: EvalSet = ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    set.cards
}

fn sets() -> Vec<Set> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut out: Vec<Set> = SETS
        .iter()
        .map(|&(name, held_out, place)| Set {
            name: name.to_string(),
            held_out,
            place,
            cards: load_file(&dir.join(format!("{name}.ron"))),
        })
        .collect();
    if tuned_only() {
        out.retain(|s| !s.held_out);
        return out;
    }
    if let Ok(extra) = std::env::var("STELLWAND_EVAL_SETS") {
        for p in extra.split(':').filter(|p| !p.is_empty()) {
            let path = PathBuf::from(p);
            out.push(Set {
                name: path
                    .file_stem()
                    .map_or_else(|| p.to_string(), |s| s.to_string_lossy().into_owned()),
                held_out: true,
                place: "",
                cards: load_file(&path),
            });
        }
    }
    out
}

/// The tuned set the reading helpers list: `STELLWAND_EVAL_LIST=name`, by
/// default the first. Held-out sets are never listed: they are not read to
/// tune.
fn listed() -> Set {
    let name = std::env::var("STELLWAND_EVAL_LIST").unwrap_or_default();
    let set = sets()
        .into_iter()
        .find(|s| name.is_empty() || s.name == name)
        .unwrap_or_else(|| panic!("no set {name}"));
    assert!(!set.held_out, "{} is held out: not listed", set.name);
    set
}

/// Whether only the tuned sets are measured (`STELLWAND_EVAL_TUNED=1`).
fn tuned_only() -> bool {
    std::env::var("STELLWAND_EVAL_TUNED").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn cluster_cards(set: &Set) -> Vec<ClusterCard> {
    set.cards
        .iter()
        .enumerate()
        .map(|(i, c)| ClusterCard {
            place: set.place.to_string(),
            ..common::cluster_card(i, "eval", &c.board, &c.column, &c.text)
        })
        .collect()
}

/// The labelled grouping, one number per card; groups count per column.
fn gold(set: &Set) -> Vec<usize> {
    let mut ids: HashMap<(String, String), usize> = HashMap::new();
    set.cards
        .iter()
        .map(|c| {
            let n = ids.len();
            *ids.entry((c.column.clone(), c.group.clone())).or_insert(n)
        })
        .collect()
}

/// One cluster number per card.
fn partition(result: &Clustering, n: usize) -> Vec<usize> {
    let mut out = vec![usize::MAX; n];
    for (k, c) in result.clusters.iter().enumerate() {
        for m in &c.members {
            assert_eq!(out[m.card], usize::MAX, "card in two clusters");
            out[m.card] = k;
        }
    }
    assert!(out.iter().all(|&k| k != usize::MAX), "card in no cluster");
    out
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

#[derive(Debug, Clone, Copy)]
struct Figures {
    precision: f64,
    recall: f64,
    /// Moves from where the clerk starts (every card alone, or the
    /// confirmed themes with every loose card alone).
    moves_before: usize,
    moves_after: usize,
}

impl Figures {
    fn saved(&self) -> f64 {
        if self.moves_before == 0 {
            return 0.0;
        }
        1.0 - self.moves_after as f64 / self.moves_before as f64
    }
}

/// Pairwise figures over the pairs `counts` lets through.
fn figures(
    suggested: &[usize],
    gold: &[usize],
    start: &[usize],
    counts: &dyn Fn(usize, usize) -> bool,
) -> Figures {
    let (mut both, mut in_suggested, mut in_gold) = (0usize, 0usize, 0usize);
    for i in 0..suggested.len() {
        for j in i + 1..suggested.len() {
            if !counts(i, j) {
                continue;
            }
            let s = suggested[i] == suggested[j];
            let g = gold[i] == gold[j];
            both += usize::from(s && g);
            in_suggested += usize::from(s);
            in_gold += usize::from(g);
        }
    }
    Figures {
        precision: both as f64 / in_suggested.max(1) as f64,
        recall: both as f64 / in_gold.max(1) as f64,
        moves_before: moves(start, gold),
        moves_after: moves(suggested, gold),
    }
}

/// The default clustering of a set from nothing.
fn plain(set: &Set, threshold: f64) -> (Figures, Clustering) {
    let cards = cluster_cards(set);
    let options = ClusterOptions {
        threshold,
        ..ClusterOptions::default()
    };
    let result = cluster(&cards, &options, &thesaurus(), &[]);
    let suggested = partition(&result, cards.len());
    let singles: Vec<usize> = (0..cards.len()).collect();
    let f = figures(&suggested, &gold(set), &singles, &|_, _| true);
    (f, result)
}

/// The learning scenario: figures on the loose cards, with or without
/// learning from the confirmed themes.
fn learning(set: &Set, learn: bool) -> Figures {
    let cards = cluster_cards(set);
    let themes = half_themes(&set.cards);
    let options = ClusterOptions {
        learn,
        threshold: threshold(),
        ..ClusterOptions::default()
    };
    let result = cluster_with_themes(&cards, &themes, &thesaurus(), options);
    let suggested = partition(&result, cards.len());
    let mut start: Vec<usize> = (0..cards.len()).map(|i| themes.len() + i).collect();
    let mut loose = vec![true; cards.len()];
    for (t, theme) in themes.iter().enumerate() {
        for r in &theme.cards {
            let i: usize = r[1..].parse().expect("k<number>");
            start[i] = t;
            loose[i] = false;
        }
    }
    // Renumber the start partition densely for the move count.
    let mut dense: HashMap<usize, usize> = HashMap::new();
    let start: Vec<usize> = start
        .iter()
        .map(|&k| {
            let n = dense.len();
            *dense.entry(k).or_insert(n)
        })
        .collect();
    figures(&suggested, &gold(set), &start, &|i, j| loose[i] || loose[j])
}

/// All figures of one set.
struct Row {
    plain: Figures,
    learned: Figures,
    unlearned: Figures,
}

fn thesaurus() -> Thesaurus {
    match std::env::var("STELLWAND_EVAL_THESAURUS") {
        Ok(p) => {
            let text = std::fs::read_to_string(&p).unwrap();
            let mut t = Thesaurus::parse(Path::new(&p), &text).unwrap();
            t.general = true;
            t
        }
        Err(_) => Thesaurus::builtin(),
    }
}

fn threshold() -> f64 {
    std::env::var("STELLWAND_EVAL_THRESHOLD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_THRESHOLD)
}

fn measure(set: &Set) -> Row {
    Row {
        plain: plain(set, threshold()).0,
        learned: learning(set, true),
        unlearned: learning(set, false),
    }
}

fn percent(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

/// Goals of the issue; a goal not met yet is held at its measured floor, so
/// that no change makes a figure worse unnoticed.
struct Goal {
    saved: f64,
    precision: f64,
}

const TUNED: Goal = Goal {
    saved: 0.54,
    precision: 0.8,
};
const NEW_WORKSHOP: Goal = Goal {
    saved: 0.30,
    precision: 0.7,
};
const LEARNING: Goal = Goal {
    saved: 0.40,
    precision: 0.7,
};

/// Floors of goals not met yet (set name and figure, moves saved,
/// precision): the figures measured when they were last improved; for the
/// held-out sets the figures of the engine they were first measured after.
const FLOORS: &[(&str, f64, f64)] = &[
    ("gelsenkirchen-good learning", 0.333, 0.77),
    ("stadt-a-workshop learning", 0.335, 0.7),
    ("stadt-b-workshop learning", 0.322, 0.73),
    ("stadt-b-workshop", 0.25, 0.71),
    ("stadt-d-fachtag learning", 0.282, 0.63),
    ("stadt-d-fachtag", 0.264, 0.53),
    ("stadt-f-workshop learning", 0.368, 0.72),
    ("stadt-f-workshop", 0.35, 0.68),
    ("stadt-g-konferenz learning", 0.146, 0.46),
    ("stadt-g-konferenz", 0.148, 0.48),
    ("stadt-h-workshop learning", 0.329, 0.7),
    ("stadt-h-workshop", 0.333, 0.64),
    ("stadt-i-workshop learning", 0.294, 0.64),
    ("stadt-i-workshop", 0.34, 0.67),
    ("stadt-j-fachtag learning", 0.129, 0.58),
    ("stadt-j-fachtag", 0.051, 0.15),
    ("stadt-k-beirat learning", 0.275, 0.6),
    ("stadt-k-beirat", 0.211, 0.56),
    ("stadt-l-workshop learning", 0.279, 0.85),
    ("stadt-l-workshop", 0.26, 0.8),
    ("stadt-m-workshop learning", 0.293, 0.71),
    ("stadt-m-workshop", 0.273, 0.64),
    ("stadt-n-fachtag learning", 0.109, 0.37),
    ("stadt-n-fachtag", 0.148, 0.43),
    ("stadt-o-jugend learning", 0.18, 0.58),
    ("stadt-o-jugend", 0.158, 0.63),
    ("stadt-p-workshop learning", 0.367, 0.76),
    ("stadt-p-workshop", 0.267, 0.69),
    ("stadt-q-fachtag learning", 0.079, 0.38),
    ("stadt-q-fachtag", 0.099, 0.61),
    ("stadt-r-beirat learning", 0.341, 0.8),
    ("stadt-r-beirat", 0.288, 0.68),
    ("stadt-s-senioren learning", 0.086, 0.29),
    ("stadt-s-senioren", 0.114, 0.44),
    ("stadt-t-jugend learning", 0.219, 0.58),
    ("stadt-t-jugend", 0.17, 0.48),
    ("stadt-u-landkreis learning", 0.306, 0.7),
    ("stadt-u-landkreis", 0.267, 0.78),
    ("stadt-v-arbeit learning", 0.097, 0.44),
    ("stadt-v-arbeit", 0.086, 0.34),
    ("stadt-w-eltern learning", 0.202, 0.46),
    ("stadt-w-eltern", 0.149, 0.39),
    ("stadt-x-nachbarschaft learning", 0.104, 0.53),
    ("stadt-x-nachbarschaft", 0.098, 0.31),
];

fn check(what: &str, f: &Figures, goal: &Goal, failures: &mut Vec<String>) {
    let met = f.saved() >= goal.saved && f.precision >= goal.precision;
    if !met {
        println!(
            "goal not met: {what}: {} saved at precision {:.3} (goal {} at {:.2})",
            percent(f.saved()),
            f.precision,
            percent(goal.saved),
            goal.precision
        );
    }
    let floor = FLOORS.iter().find(|(name, _, _)| *name == what);
    let held = match floor {
        Some(&(_, saved, precision)) => met || (f.saved() >= saved && f.precision >= precision),
        None => met,
    };
    if !held {
        failures.push(format!(
            "{what}: {} saved at precision {:.3}, goal {} at {:.2}",
            percent(f.saved()),
            f.precision,
            percent(goal.saved),
            goal.precision
        ));
    }
}

#[test]
fn move_distance_is_exact_on_small_cases() {
    assert_eq!(moves(&[0, 0, 1, 1], &[0, 0, 1, 1]), 0);
    assert_eq!(moves(&[0, 1, 2, 3], &[0, 0, 1, 1]), 2);
    assert_eq!(moves(&[0, 0, 0, 0], &[0, 0, 1, 1]), 2);
    assert_eq!(moves(&[0, 0, 1, 1, 1], &[1, 1, 0, 0, 2]), 1);
}

#[test]
fn the_learning_scenario_confirms_half_the_groups() {
    let set = Set {
        name: "small".into(),
        held_out: false,
        place: "",
        cards: [
            ("needs", "Kita"),
            ("needs", "Kita"),
            ("needs", "Kita"),
            ("needs", "Müll"),
            ("needs", "Müll"),
            ("needs", "Wohnen"),
            ("needs", "Wohnen"),
            ("needs", "allein"),
            ("matters", "Kita"),
            ("matters", "Kita"),
        ]
        .iter()
        .map(|&(column, group)| EvalCard {
            board: "b".into(),
            column: column.into(),
            text: group.into(),
            group: group.into(),
        })
        .collect(),
    };
    let themes = half_themes(&set.cards);
    let cards: Vec<Vec<&str>> = themes
        .iter()
        .map(|t| t.cards.iter().map(String::as_str).collect())
        .collect();
    // Kita (1st of needs) and Wohnen (3rd) with the first half of their
    // cards, Müll (2nd) loose; the first group of "matters" too.
    assert_eq!(cards, vec![vec!["k0", "k1"], vec!["k5"], vec!["k8"]]);
    assert_eq!(themes[0].label, "Kita");
}

/// Recomputes every figure of the README table and holds the goals.
#[test]
fn clustering_quality_on_tuned_and_held_out_sets() {
    let mut failures = Vec::new();
    println!(
        "| set | cards | precision | recall | moves saved | learning: moves saved | learning: precision (loose) | learning with --no-learn: moves saved / precision |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for set in sets() {
        let row = measure(&set);
        let kind = if set.held_out { "held out" } else { "tuned" };
        println!(
            "| {} ({kind}) | {} | {:.3} | {:.3} | {} ({} of {}) | {} ({} of {}) | {:.3} | {} / {:.3} |",
            set.name,
            set.cards.len(),
            row.plain.precision,
            row.plain.recall,
            percent(row.plain.saved()),
            row.plain.moves_before - row.plain.moves_after,
            row.plain.moves_before,
            percent(row.learned.saved()),
            row.learned.moves_before - row.learned.moves_after,
            row.learned.moves_before,
            row.learned.precision,
            percent(row.unlearned.saved()),
            row.unlearned.precision,
        );
        if set.name == "gelsenkirchen-districts" {
            check(&set.name, &row.plain, &TUNED, &mut failures);
        }
        // Workshops of other cities: new to the engine's knowledge.
        if set.name.starts_with("stadt-") {
            check(&set.name, &row.plain, &NEW_WORKSHOP, &mut failures);
        }
        check(
            &format!("{} learning", set.name),
            &row.learned,
            &LEARNING,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[path = "cluster_eval/reading.rs"]
mod reading;

#[path = "cluster_eval/labels.rs"]
mod labels;
