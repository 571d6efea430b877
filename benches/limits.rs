//! Bad input stays fast: clustering cards of 10,000 characters (goal: well
//! under a second, nothing quadratic in card length) and refusing a 2 GB
//! session file without reading it (goal: under a millisecond).
//! `cargo bench --bench limits`.

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};
use stellwand::core::store;

fn long_cards() -> Vec<ClusterCard> {
    let noise: String = (0..10_000)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    let texts = [
        "Kita".repeat(2500),
        "Kitaplätze Parkplätze Müll Sprachkurs Begegnung ".repeat(220),
        "ab-".repeat(3333),
        noise,
        "Kita-Plätze".to_string(),
        "zu wenig Parkplätze".to_string(),
    ];
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| ClusterCard {
            id: format!("k{i}"),
            session: "s".into(),
            board: "b".into(),
            column: "needs".into(),
            text,
            ..ClusterCard::default()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("limits");
    group.sample_size(10);
    let cards = long_cards();
    let thesaurus = Thesaurus::builtin();
    let options = ClusterOptions::default();
    group.bench_function("cluster 6 cards of 10,000 characters", |b| {
        b.iter(|| cluster(&cards, &options, &thesaurus, &[]))
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("riesig.ron");
    // Sparse: takes no disk space, but is 2 GB long.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(2 << 30))
        .unwrap();
    group.bench_function("refuse a 2 GB session file", |b| {
        b.iter(|| assert!(store::load(&path).is_err()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
