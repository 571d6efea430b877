//! Clustering speed on synthetic German cards, with the thesaurus loaded:
//! 10,000 cards (goal < 2 s, and no slower than before learning), the same
//! with confirmed themes and learned words, and 100,000 cards (goal < 60 s on
//! 2 cores).
//! `cargo bench --bench cluster` (the 100,000 case runs a few samples only).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::cluster::learned::LearnedWord;
use stellwand::core::cluster::{
    ClusterCard, ClusterOptions, Decisions, Thesaurus, cluster, cluster_decided,
};
use stellwand::core::model::Theme;

fn cards(n: usize) -> Vec<ClusterCard> {
    synthetic::cluster_cards(n, 42, "synthetic")
}

fn bench(c: &mut Criterion) {
    let thesaurus = Thesaurus::builtin();
    let options = ClusterOptions::default();
    let mut group = c.benchmark_group("cluster");
    group.sample_size(10);
    let small = cards(10_000);
    group.bench_function("10k cards", |b| {
        b.iter(|| cluster(&small, &options, &thesaurus, &[]))
    });
    // 40 confirmed themes of 10 cards each, and 200 learned words.
    let themes: Vec<Theme> = (0..40)
        .map(|t| Theme {
            id: format!("t{t}"),
            label: small[t * 200].text.clone(),
            cards: (0..10).map(|k| small[t * 200 + k * 7].id.clone()).collect(),
            confirmed: true,
            ..Theme::default()
        })
        .collect();
    let learned: Vec<LearnedWord> = small
        .iter()
        .step_by(50)
        .flat_map(|c| c.text.split_whitespace().take(1).map(str::to_lowercase))
        .enumerate()
        .map(|(i, word)| LearnedWord {
            theme: format!("Thema {}", i % 20),
            word,
            session: "synthetic".into(),
        })
        .collect();
    let home = ClusterOptions {
        home_session: Some("synthetic".into()),
        ..ClusterOptions::default()
    };
    let decisions = Decisions {
        themes: &themes,
        learned: &learned,
        ..Decisions::default()
    };
    group.bench_function("10k cards, themes and learned words", |b| {
        b.iter(|| cluster_decided(&small, &home, &thesaurus, &decisions))
    });
    group.measurement_time(Duration::from_secs(120));
    let large = cards(100_000);
    group.bench_function("100k cards", |b| {
        b.iter(|| cluster(&large, &options, &thesaurus, &[]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
