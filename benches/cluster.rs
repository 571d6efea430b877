//! Clustering speed on synthetic German cards: 10,000 cards (goal < 2 s) and
//! 100,000 cards (goal < 60 s on 2 cores).
//! `cargo bench --bench cluster` (the 100,000 case runs a few samples only).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};

fn cards(n: usize) -> Vec<ClusterCard> {
    synthetic::cards(n, 42)
        .into_iter()
        .enumerate()
        .map(|(i, (column, text))| ClusterCard {
            id: format!("k{i}"),
            session: "synthetic".into(),
            board: format!("b{}", i / 30),
            column,
            text,
            ..ClusterCard::default()
        })
        .collect()
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
    group.measurement_time(Duration::from_secs(120));
    let large = cards(100_000);
    group.bench_function("100k cards", |b| {
        b.iter(|| cluster(&large, &options, &thesaurus, &[]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
