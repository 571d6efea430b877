//! Cards and files that are odd or broken never crash or hang the clustering.

mod common;

use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};
use stellwand::core::model::Session;
use stellwand::core::store;

fn card(i: usize, text: &str) -> ClusterCard {
    common::cluster_card(i, "s", "b", "needs", text)
}

/// The clustering of `texts` as needs cards, with the defaults.
fn cluster_texts(texts: &[String]) -> stellwand::core::cluster::Clustering {
    let cards: Vec<ClusterCard> = texts.iter().enumerate().map(|(i, t)| card(i, t)).collect();
    cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    )
}

fn every_card_once(texts: &[String]) {
    let result = cluster_texts(texts);
    let mut seen: Vec<usize> = result
        .clusters
        .iter()
        .flat_map(|k| k.members.iter().map(|m| m.card))
        .collect();
    seen.sort();
    assert_eq!(seen, (0..texts.len()).collect::<Vec<_>>());
    assert!(
        result
            .clusters
            .iter()
            .all(|k| !k.label.is_empty() || k.len() == 1)
    );
}

#[test]
fn empty_punctuation_and_emoji_cards_are_single_clusters() {
    let texts: Vec<String> = [
        "",
        "   ",
        "!!!",
        "?! … –",
        "💡👥👒",
        "€!!!",
        "Kita-Plätze",
        "Kitaplätze",
        "---",
        "1 2 3",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    every_card_once(&texts);
    let result = cluster_texts(&texts);
    // The two Kita cards are together; nothing joins the empty ones.
    assert_eq!(result.clusters[0].len(), 2);
    assert_eq!(result.clusters.len(), texts.len() - 1);
}

#[test]
fn very_long_cards_each_land_in_one_cluster() {
    let one_word = "Kita".repeat(2500);
    let many_words = "Kitaplätze Parkplätze Müll Sprachkurs Begegnung ".repeat(220);
    let hyphens = "ab-".repeat(3333);
    let noise: String = (0..10_000)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    assert!(many_words.chars().count() >= 10_000);
    let texts = vec![
        one_word,
        many_words,
        hyphens,
        noise,
        "Kita-Plätze".to_string(),
        "zu wenig Parkplätze".to_string(),
    ];
    // How fast: `cargo bench --bench limits`.
    every_card_once(&texts);
}

#[test]
fn only_a_threshold_of_one_or_zero_is_extreme_but_fine() {
    let texts: Vec<String> = ["Kita-Plätze", "Kitaplätze", "Parkplätze", "Müll"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cards: Vec<ClusterCard> = texts.iter().enumerate().map(|(i, t)| card(i, t)).collect();
    for t in [0.0, 1.0, -3.0, 7.0, f64::NAN] {
        let options = ClusterOptions {
            threshold: t,
            ..ClusterOptions::default()
        };
        let result = cluster(&cards, &options, &Thesaurus::builtin(), &[]);
        let n: usize = result.clusters.iter().map(|k| k.len()).sum();
        assert_eq!(n, cards.len());
    }
}

fn session_with(texts: &[&str]) -> Session {
    common::needs_session("test", "Test", "Schalke", "Handlungsbedarfe", texts, 2)
}

#[test]
fn broken_files_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    store::save(&good, &session_with(&["Kita-Plätze", "Kitaplätze"])).unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Session(\n  title: \"x\",\n  boards: [oops\n").unwrap();
    let out = cli_in![dir.path(); "cluster", &good, &bad].fails(1);
    let err = &out.stderr;
    assert!(err.contains("bad.ron:3:"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_broken_thesaurus_is_reported_and_clustering_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/mein-thesaurus.ron"),
        "Thesaurus(\n  groups: [\n    (name: \"Kita\" words: [\"Kiga\"]),\n  ],\n)\n",
    )
    .unwrap();
    let file = dir.path().join("s.ron");
    store::save(
        &file,
        &session_with(&["Kita-Plätze", "Kindergartenplätze", "Parkplätze"]),
    )
    .unwrap();
    let out = common::cli::run_in(dir.path(), &["cluster", "s.ron", "--json"]).ok();
    let err = &out.stderr;
    assert!(err.contains("mein-thesaurus.ron:3:"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let clusters = json["clusters"].as_array().unwrap();
    // The built-in thesaurus still knows Kindergarten ~ Kita.
    assert_eq!(clusters[0]["cards"].as_array().unwrap().len(), 2);
}
