//! The Kita cards of the Gelsenkirchen district boards form one cluster and
//! the parking cards stay out of it, among all the other "needs" cards.

mod common;

use stellwand::core::cluster::{ClusterCard, ClusterOptions, Thesaurus, cluster};

use common::eval::EvalSet;

const KITA: [&str; 8] = [
    "keine / bzw. zu wenig KiTA-Plätze",
    "fehlende Kitaplätze",
    "Kita-Plätze",
    "Ausbau Kitaplätze GE",
    "ausreichende Kitaplätze bereitstellen (Personalschlüssel / Gruppengröße)",
    "Kitaplätze + IFÖ-Schulplätze",
    "Ausbau von Kinder-Betreuungsplätzen",
    "Kindergartenplätze",
];
const PARKING: [&str; 3] = [
    "zu wenig Parkplätze",
    "Wenig Parkplätze !!!",
    "Wildes Parken / Rücksichtnahme",
];

fn needs_cards() -> Vec<ClusterCard> {
    let set: EvalSet =
        ron::from_str(include_str!("eval/gelsenkirchen-districts.ron")).expect("parses");
    set.cards
        .into_iter()
        .filter(|c| c.column == "needs")
        .enumerate()
        .map(|(i, c)| ClusterCard {
            id: format!("k{i}"),
            session: "mitte".into(),
            board: c.board,
            column: c.column,
            text: c.text,
            ..ClusterCard::default()
        })
        .collect()
}

fn cluster_of(
    result: &stellwand::core::cluster::Clustering,
    cards: &[ClusterCard],
    text: &str,
) -> usize {
    let i = cards
        .iter()
        .position(|c| c.text == text)
        .expect("card in set");
    result
        .clusters
        .iter()
        .position(|k| k.members.iter().any(|m| m.card == i))
        .expect("every card is in a cluster")
}

/// The cluster of the Kita cards, after checking that they are all in it
/// and no parking card is.
fn kita_apart_from_parking(
    result: &stellwand::core::cluster::Clustering,
    cards: &[ClusterCard],
) -> usize {
    let kita = cluster_of(result, cards, KITA[0]);
    for text in KITA {
        assert_eq!(cluster_of(result, cards, text), kita, "{text}");
    }
    for text in PARKING {
        assert_ne!(cluster_of(result, cards, text), kita, "{text}");
    }
    kita
}

#[test]
fn kita_cards_together_parking_apart() {
    let cards = needs_cards();
    let result = cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    );
    let kita = kita_apart_from_parking(&result, &cards);
    // The parking cards form their own cluster.
    let parking = cluster_of(&result, &cards, PARKING[0]);
    assert_eq!(cluster_of(&result, &cards, PARKING[1]), parking);
    // The label uses a form written on the cards, and each Kita card is explained.
    let label = &result.clusters[kita].label;
    assert!(label.contains("Kita") || label.contains("KiTA"), "{label}");
    assert!(
        result.clusters[kita]
            .members
            .iter()
            .all(|m| !m.reasons.is_empty())
    );
}

#[test]
fn only_the_kita_and_parking_cards_also_separate() {
    let mut cards: Vec<ClusterCard> = KITA
        .iter()
        .chain(PARKING.iter())
        .enumerate()
        .map(|(i, t)| common::cluster_card(i, "s", "b", "needs", t))
        .collect();
    let result = cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    );
    kita_apart_from_parking(&result, &cards);
    // Deterministic: the same input, in the same order, gives the same result.
    let again = cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    );
    assert_eq!(result, again);
    // A "good" card never joins a "needs" cluster by default.
    cards.push(ClusterCard {
        id: "g1".into(),
        session: "s".into(),
        board: "b".into(),
        column: "good".into(),
        text: "Kita-Plätze".into(),
        ..ClusterCard::default()
    });
    let result = cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    );
    let good = result
        .clusters
        .iter()
        .find(|k| k.members.iter().any(|m| m.card == cards.len() - 1))
        .unwrap();
    assert_eq!(good.len(), 1);
}
