//! The fast path for very many cards (leader pass, strongest pairs), here
//! switched on for fewer cards: every card in exactly one cluster,
//! deterministic, and about as good as the exact path.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster, cluster_with};

#[test]
fn many_cards_each_in_one_cluster_and_repeatable() {
    let cards: Vec<ClusterCard> = synthetic::cluster_cards(3_000, 3, "s");
    let thesaurus = Thesaurus::builtin();
    let options = ClusterOptions::default();
    let result = cluster_with(&cards, &options, &thesaurus, &[], 500);
    let exact = cluster(&cards, &ClusterOptions::default(), &thesaurus, &[]);
    let several = |c: &stellwand::core::cluster::Clustering| {
        c.clusters
            .iter()
            .filter(|k| k.len() > 1)
            .map(|k| k.len())
            .sum::<usize>()
    };
    // Nearly as many cards end up with others as on the exact path.
    assert!(
        several(&result) * 10 >= several(&exact) * 8,
        "{} vs {}",
        several(&result),
        several(&exact)
    );
    let mut seen = vec![0u8; cards.len()];
    for k in &result.clusters {
        for m in &k.members {
            seen[m.card] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1));
    // Big themes form, biggest first.
    assert!(result.clusters[0].len() > 30);
    assert!(result.clusters.windows(2).all(|w| w[0].len() >= w[1].len()));
    let again = cluster_with(&cards, &options, &thesaurus, &[], 500);
    assert_eq!(result, again);
}
