//! Clusters N synthetic cards and prints the time taken, for measuring
//! speed and peak memory outside the benchmark harness:
//! `cargo build --release --example cluster_synthetic &&
//!  /usr/bin/time -v target/release/examples/cluster_synthetic 100000`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let cards: Vec<ClusterCard> = synthetic::cluster_cards(n, 42, "synthetic");
    let thesaurus = Thesaurus::builtin();
    let start = Instant::now();
    let result = cluster(&cards, &ClusterOptions::default(), &thesaurus, &[]);
    let took = start.elapsed();
    let several = result.clusters.iter().filter(|c| c.len() > 1).count();
    println!(
        "{n} cards -> {} clusters ({several} with several cards, biggest {}) in {:.2} s",
        result.clusters.len(),
        result.clusters.first().map_or(0, |c| c.len()),
        took.as_secs_f64()
    );
    for c in result.clusters.iter().take(5) {
        println!("  {} ({})", c.label, c.len());
    }
}
