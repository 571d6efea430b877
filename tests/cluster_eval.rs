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
    ClusterCard, ClusterOptions, Clustering, DEFAULT_THRESHOLD, Decisions, Thesaurus, cluster,
};
use stellwand::core::model::Theme;

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
/// precision): the figures measured when they were last improved.
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

/// Figures for a range of thresholds on the tuned set (for choosing the
/// default): `cargo test --test cluster_eval threshold_sweep -- --ignored --nocapture`.
#[test]
#[ignore]
fn threshold_sweep() {
    let tuned = &listed();
    for t in [
        0.15, 0.2, 0.25, 0.3, 0.32, 0.34, 0.35, 0.36, 0.38, 0.4, 0.45, 0.5,
    ] {
        let (f, _) = plain(tuned, t);
        println!(
            "threshold {t:.2}: precision {:.3}, recall {:.3}, moves saved {} ({} of {})",
            f.precision,
            f.recall,
            percent(f.saved()),
            f.moves_before - f.moves_after,
            f.moves_before
        );
    }
}

/// The suggested clusters of the tuned set with each card's labelled group,
/// for reading: `CLUSTER_THRESHOLD=0.3 cargo test --test cluster_eval listing -- --ignored --nocapture`.
/// Only the tuned set is listed: the held-out sets are not read to tune.
#[test]
#[ignore]
fn listing_at_threshold() {
    let t: f64 = std::env::var("CLUSTER_THRESHOLD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_THRESHOLD);
    let tuned = &listed();
    let (f, result) = plain(tuned, t);
    for c in result.clusters.iter().filter(|c| c.len() > 1) {
        println!("{}", c.label);
        for m in &c.members {
            let card = &tuned.cards[m.card];
            println!("    {} [{}]", card.text, card.group);
        }
    }
    println!(
        "precision {:.3} recall {:.3} saved {}",
        f.precision,
        f.recall,
        percent(f.saved())
    );
}

/// The labelled groups of the tuned set that the suggestions split, for
/// reading: `cargo test --test cluster_eval split_groups -- --ignored --nocapture`.
#[test]
#[ignore]
fn split_groups_of_the_tuned_set() {
    let tuned = &listed();
    let (_, result) = plain(tuned, DEFAULT_THRESHOLD);
    let part = partition(&result, tuned.cards.len());
    let mut groups: std::collections::BTreeMap<(String, String), Vec<usize>> = Default::default();
    for (i, c) in tuned.cards.iter().enumerate() {
        groups
            .entry((c.column.clone(), c.group.clone()))
            .or_default()
            .push(i);
    }
    for ((col, g), ids) in groups {
        let mut ks: Vec<usize> = ids.iter().map(|&i| part[i]).collect();
        ks.sort();
        ks.dedup();
        if ids.len() > 1 && ks.len() > 1 {
            println!("{col} {g}:");
            for i in ids {
                println!("    [{}] {}", part[i], tuned.cards[i].text);
            }
        }
    }
}

/// The learning scenario on the tuned set, for reading: each theme with the
/// cards put into it (wrong ones marked), then the loose clusters.
/// `cargo test --test cluster_eval learning_listing -- --ignored --nocapture`.
#[test]
#[ignore]
fn learning_listing_of_the_tuned_set() {
    let set = &listed();
    let cards = cluster_cards(set);
    let themes = half_themes(&set.cards);
    let result = cluster_with_themes(&cards, &themes, &thesaurus(), ClusterOptions::default());
    for c in result.clusters.iter().filter(|c| c.len() > 1) {
        println!(
            "{}{}",
            if c.theme.is_some() { "THEME " } else { "" },
            c.label
        );
        for m in &c.members {
            let card = &set.cards[m.card];
            let mark = if m.new && card.group != c.label {
                "  WRONG"
            } else if m.new {
                "  new"
            } else {
                ""
            };
            println!("    {} [{}]{mark}", card.text, card.group);
        }
    }
    // Loose cards of a confirmed group left outside its theme.
    for theme in &themes {
        let held = result
            .clusters
            .iter()
            .find(|c| c.theme.as_ref() == Some(&theme.id));
        let column = column_of_theme(set, theme);
        for (i, card) in set.cards.iter().enumerate() {
            let in_it = held.is_some_and(|c| c.members.iter().any(|m| m.card == i));
            if card.group == theme.label && card.column == *column && !in_it {
                println!("MISSED {} [{}]", card.text, card.group);
            }
        }
    }
    let f = learning(set, true);
    println!("saved {} precision {:.3}", percent(f.saved()), f.precision);
    // The words the themes teach.
    let mut session = stellwand::core::model::Session {
        id: "eval".into(),
        place: set.place.into(),
        themes: themes.clone(),
        ..Default::default()
    };
    let mut board = stellwand::core::model::Board {
        id: "b".into(),
        ..Default::default()
    };
    for (i, c) in set.cards.iter().enumerate() {
        if board.columns.iter().all(|k| k.key != c.column) {
            board.columns.push(stellwand::core::model::Column {
                key: c.column.clone(),
                ..Default::default()
            });
        }
        let col = board
            .columns
            .iter_mut()
            .find(|k| k.key == c.column)
            .unwrap();
        col.cards.push(stellwand::core::model::Card::new(
            format!("k{i}"),
            c.text.clone(),
        ));
    }
    session.boards.push(board);
    let mut last = String::new();
    for w in stellwand::core::cluster::learned_words(&session, &thesaurus()) {
        if w.theme != last {
            print!("\n{}:", w.theme);
            last = w.theme.clone();
        }
        print!(" {}", w.word);
    }
    println!();
}

/// The pairs of a tuned set the engine gets wrong, for reading: the
/// strongest pairs of different groups and the weakest-linked cards of one
/// group, with the features they share.
/// `STELLWAND_EVAL_LIST=stadt-c-workshop cargo test --test cluster_eval pair_report -- --ignored --nocapture`.
#[test]
#[ignore]
fn pair_report() {
    use stellwand::core::cluster::features::FeatureKind;
    let set = &listed();
    let cards = cluster_cards(set);
    let f = stellwand::core::cluster::analyse(
        &cards,
        &ClusterOptions::default(),
        &thesaurus(),
        &Decisions::default(),
    );
    let name = |id: u32| -> String {
        match &f.kinds[id as usize] {
            FeatureKind::Stem(s) => s.clone(),
            FeatureKind::Compound(s) => format!("+{s}"),
            FeatureKind::Concept(g) => format!("<{}>", f.concept_names[*g]),
            FeatureKind::General(g) => format!("~{g}"),
            FeatureKind::Learned(l) => format!("L:{l}"),
            FeatureKind::Tag(t) => format!("#{t}"),
        }
    };
    let show = |i: usize| -> String {
        let v: Vec<String> = f.cards[i]
            .vector
            .iter()
            .map(|(id, w)| format!("{}={w:.2}", name(*id)))
            .collect();
        format!("{} [{}]", set.cards[i].text, v.join(" "))
    };
    let n = cards.len();
    let mut wrong = Vec::new();
    let mut right = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if set.cards[i].column != set.cards[j].column {
                continue;
            }
            let s = stellwand::core::cluster::graph::dot(&f.cards[i].vector, &f.cards[j].vector);
            if set.cards[i].group == set.cards[j].group {
                right.push((s, i, j));
            } else if s > 0.15 {
                wrong.push((s, i, j));
            }
        }
    }
    wrong.sort_by(|a, b| b.0.total_cmp(&a.0));
    right.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("== pairs of different groups, strongest");
    for (s, i, j) in wrong.iter().take(40) {
        println!(
            "{s:.2}\n  {}  {{{}}}\n  {}  {{{}}}",
            show(*i),
            set.cards[*i].group,
            show(*j),
            set.cards[*j].group
        );
    }
    println!(
        "== pairs of one group below 0.3: {} of {}",
        right.iter().filter(|r| r.0 < 0.3).count(),
        right.len()
    );
    for (s, i, j) in right.iter().filter(|r| r.0 < 0.3).rev().take(60) {
        println!(
            "{s:.2} {{{}}}\n  {}\n  {}",
            set.cards[*i].group,
            show(*i),
            show(*j)
        );
    }
}

/// The column of a theme of the learning scenario (that of its first card).
fn column_of_theme<'a>(set: &'a Set, t: &Theme) -> &'a String {
    &set.cards[t.cards[0][1..].parse::<usize>().unwrap()].column
}

/// Per set, what the themes of the learning scenario do with the loose
/// cards: those of a confirmed group put into their theme, into another,
/// or left out; those of the other groups put into a theme.
/// `cargo test --test cluster_eval learning_stats -- --ignored --nocapture`.
#[test]
#[ignore]
fn learning_stats() {
    let mut total = [0usize; 5];
    for set in sets().into_iter().filter(|s| !s.held_out) {
        let cards = cluster_cards(&set);
        let themes = half_themes(&set.cards);
        let options = ClusterOptions {
            threshold: threshold(),
            ..ClusterOptions::default()
        };
        let result = cluster_with_themes(&cards, &themes, &thesaurus(), options);
        let mut theme_of_card: Vec<Option<usize>> = vec![None; cards.len()];
        for c in &result.clusters {
            if let Some(id) = &c.theme {
                let t = themes.iter().position(|t| &t.id == id).unwrap();
                for m in &c.members {
                    theme_of_card[m.card] = Some(t);
                }
            }
        }
        let mut confirmed: Vec<bool> = vec![false; cards.len()];
        let mut group_theme: HashMap<(String, String), usize> = HashMap::new();
        for (t, theme) in themes.iter().enumerate() {
            for r in &theme.cards {
                let i: usize = r[1..].parse().unwrap();
                confirmed[i] = true;
                group_theme.insert((set.cards[i].column.clone(), theme.label.clone()), t);
            }
        }
        let (mut right, mut other, mut missed, mut wrong_in, mut loose_u) = (0, 0, 0, 0, 0);
        for (i, c) in set.cards.iter().enumerate() {
            if confirmed[i] {
                continue;
            }
            match group_theme.get(&(c.column.clone(), c.group.clone())) {
                Some(&t) => match theme_of_card[i] {
                    Some(x) if x == t => right += 1,
                    Some(_) => other += 1,
                    None => missed += 1,
                },
                None => {
                    loose_u += 1;
                    if theme_of_card[i].is_some() {
                        wrong_in += 1;
                    }
                }
            }
        }
        // Pairs with a loose card: in themes and in free clusters.
        let (mut tp, mut tg, mut fp, mut fg) = (0, 0, 0, 0);
        for c in &result.clusters {
            for (x, a) in c.members.iter().enumerate() {
                for b in &c.members[x + 1..] {
                    if confirmed[a.card] && confirmed[b.card] {
                        continue;
                    }
                    let good = set.cards[a.card].group == set.cards[b.card].group;
                    if c.theme.is_some() {
                        tp += 1;
                        tg += usize::from(good);
                    } else {
                        fp += 1;
                        fg += usize::from(good);
                    }
                }
            }
        }
        // Free clusters of two or more cards: of a confirmed group (they
        // belong into its theme) or not.
        let (mut of_theme, mut of_theme_cards, mut others) = (0, 0, 0);
        for c in result
            .clusters
            .iter()
            .filter(|c| c.theme.is_none() && c.len() > 1)
        {
            let g = &set.cards[c.members[0].card];
            let all = c.members.iter().all(|m| set.cards[m.card].group == g.group);
            if all && group_theme.contains_key(&(g.column.clone(), g.group.clone())) {
                of_theme += 1;
                of_theme_cards += c.len();
            } else {
                others += 1;
            }
        }
        println!(
            "{:26} free clusters of a theme's group {of_theme} ({of_theme_cards} cards), others {others}",
            set.name
        );
        println!(
            "{:26} pairs in themes {tg}/{tp}, in free clusters {fg}/{fp}",
            set.name
        );
        for (k, v) in [right, other, missed, wrong_in, loose_u].iter().enumerate() {
            total[k] += v;
        }
        println!(
            "{:26} theme-group loose: right {right:3} other {other:3} missed {missed:3} | other loose {loose_u:3}, into a theme {wrong_in:3}",
            set.name
        );
    }
    println!("total {total:?}");
}
