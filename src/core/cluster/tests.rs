//! Tests of the clustering as a whole: themes, refusals, tags, learning.

use super::*;

/// A needs card `k<i>` of session `s`.
pub(super) fn card(i: usize, text: &str) -> ClusterCard {
    ClusterCard {
        id: format!("k{i}"),
        session: "s".into(),
        board: "b".into(),
        column: "needs".into(),
        text: text.into(),
        ..ClusterCard::default()
    }
}

/// Needs cards `k0`, `k1`, … with these texts.
pub(super) fn cards(texts: &[&str]) -> Vec<ClusterCard> {
    texts.iter().enumerate().map(|(i, t)| card(i, t)).collect()
}

/// The cluster of the theme `id`.
pub(super) fn theme_cluster<'a>(result: &'a Clustering, id: &str) -> &'a Cluster {
    result
        .clusters
        .iter()
        .find(|c| c.theme.as_deref() == Some(id))
        .expect("the theme is a cluster")
}

fn together(result: &Clustering, a: usize, b: usize) -> bool {
    result
        .clusters
        .iter()
        .any(|c| c.members.iter().any(|m| m.card == a) && c.members.iter().any(|m| m.card == b))
}

/// A confirmed theme holding these card references.
pub(super) fn theme(id: &str, label: &str, cards: &[&str]) -> Theme {
    Theme {
        id: id.into(),
        label: label.into(),
        cards: cards.iter().map(|c| c.to_string()).collect(),
        confirmed: true,
        ..Theme::default()
    }
}

fn home() -> ClusterOptions {
    ClusterOptions {
        home_session: Some("s".into()),
        ..ClusterOptions::default()
    }
}

#[test]
fn cards_of_different_handlungsfelder_are_never_suggested_together() {
    let mut cards: Vec<ClusterCard> = ["Kita-Plätze", "fehlende Kitaplätze", "Kitaplätze"]
        .iter()
        .enumerate()
        .map(|(i, t)| card(i, t))
        .collect();
    let th = Thesaurus::builtin();
    let free = cluster(&cards, &ClusterOptions::default(), &th, &[]);
    assert!(together(&free, 0, 1) && together(&free, 1, 2));
    cards[0].tags = vec!["bildung".into()];
    cards[1].tags = vec!["wohnen".into()];
    let tagged = cluster(&cards, &ClusterOptions::default(), &th, &[]);
    assert!(!together(&tagged, 0, 1), "{tagged:?}");
    // An untagged card may go with either, but not bring the two together.
    assert!(together(&tagged, 2, 0) || together(&tagged, 2, 1));
    // Two cards with a tag in common may.
    cards[1].tags = vec!["wohnen".into(), "bildung".into()];
    assert!(together(
        &cluster(&cards, &ClusterOptions::default(), &th, &[]),
        0,
        1
    ));
}

#[test]
fn the_same_handlungsfeld_raises_similarity() {
    let mut cards = vec![
        card(0, "Sprachkurse am Abend"),
        card(1, "Kurse für Mütter am Abend"),
    ];
    let th = Thesaurus::builtin();
    let sim = |cards: &[ClusterCard]| {
        let f = analyse_cards(
            cards,
            &ClusterOptions::default(),
            &th,
            &Decisions::default(),
            &[None, None],
        );
        graph::dot(&f.cards[0].vector, &f.cards[1].vector)
    };
    let plain = sim(&cards);
    cards[0].tags = vec!["sprache".into()];
    cards[1].tags = vec!["sprache".into()];
    let tagged = sim(&cards);
    assert!(tagged > plain + 0.1, "{tagged} vs {plain}");
}

#[test]
fn a_refused_suggestion_is_never_made_again() {
    let cards = cards(&[
        "Kita-Plätze",
        "fehlende Kitaplätze",
        "Parkplätze",
        "Kitaplätze!!",
    ]);
    let th = Thesaurus::builtin();
    assert!(together(&cluster(&cards, &home(), &th, &[]), 0, 1));
    let refused = [Refusal {
        cards: vec!["k0".into(), "k1".into()],
    }];
    let decisions = Decisions {
        refused: &refused,
        ..Decisions::default()
    };
    let after = cluster_decided(&cards, &home(), &th, &decisions);
    assert!(!together(&after, 0, 1), "{after:?}");
    // The other card may still go with one of them.
    assert!(together(&after, 3, 0) || together(&after, 3, 1));
    // Nor into a theme that holds the other.
    let themes = [theme("t1", "Kita", &["k0"])];
    let decisions = Decisions {
        themes: &themes,
        refused: &refused,
        ..Decisions::default()
    };
    let after = cluster_decided(&cards, &home(), &th, &decisions);
    assert!(!together(&after, 0, 1), "{after:?}");
}

#[test]
fn a_confirmed_theme_attracts_a_card_that_resembles_it_as_a_whole() {
    // The loose card shares a word with each of two members, with
    // neither enough to pair on its own.
    let cards = cards(&[
        "Wartelisten für die Krippe",
        "U3 Plätze fehlen",
        "Tagesmütter gesucht",
        "Betreuung ab einem Jahr",
        "Kita-Gebühren zu hoch",
        "Krippe und U3 am Ort",
        "Müll im Park",
    ]);
    let th = Thesaurus::default();
    let themes = [theme(
        "t1",
        "Kinderbetreuung unter drei",
        &["k0", "k1", "k2", "k3", "k4"],
    )];
    let decisions = Decisions {
        themes: &themes,
        ..Decisions::default()
    };
    let learned = cluster_decided(&cards, &home(), &th, &decisions);
    let t = theme_cluster(&learned, "t1");
    assert!(t.members.iter().any(|m| m.card == 5 && m.new), "{t:?}");
    assert!(t.members.iter().all(|m| m.card != 6));
    let off = ClusterOptions {
        learn: false,
        ..home()
    };
    let unlearned = cluster_decided(&cards, &off, &th, &decisions);
    let t = theme_cluster(&unlearned, "t1");
    assert!(t.members.iter().all(|m| m.card != 5), "{t:?}");
    // A card the clerk took out of the theme is not attracted back.
    let mut out = themes[0].clone();
    out.rejected = vec!["k5".into()];
    let themes = [out];
    let decisions = Decisions {
        themes: &themes,
        ..Decisions::default()
    };
    let again = cluster_decided(&cards, &home(), &th, &decisions);
    assert!(!together(&again, 0, 5));
}

#[test]
fn words_learned_in_one_session_link_cards_of_the_next() {
    use crate::core::model::{Board, Card, Column};
    let mut first = Session {
        id: "nord".into(),
        ..Session::default()
    };
    let cards = [
        "Wartelisten Kita",
        "Krippe voll",
        "U3 fehlt",
        "Müll im Park",
        "Sperrmüll",
    ];
    first.boards.push(Board {
        id: "b1".into(),
        columns: vec![Column {
            key: "needs".into(),
            cards: cards
                .iter()
                .enumerate()
                .map(|(i, t)| Card::new(format!("k{i}"), *t))
                .collect(),
            ..Column::default()
        }],
        ..Board::default()
    });
    first.themes = vec![
        theme("t1", "Kita-Plätze", &["k0", "k1", "k2"]),
        theme("t2", "Müll", &["k3", "k4"]),
    ];
    let th = Thesaurus::default();
    let words = learned_words(&first, &th);
    let of = |t: &str| -> Vec<&str> {
        words
            .iter()
            .filter(|w| w.theme == t)
            .map(|w| w.word.as_str())
            .collect()
    };
    assert!(of("Kita-Plätze").contains(&"krippe"), "{words:?}");
    assert!(of("Kita-Plätze").contains(&"u3"), "{words:?}");
    assert!(!of("Kita-Plätze").contains(&"müll"));
    assert!(words.iter().all(|w| w.session == "nord"));

    // The next session of the folder: "Krippe" and "U3" now belong together.
    let next: Vec<ClusterCard> = ["keine Krippe", "U3?", "Parkplätze"]
        .iter()
        .enumerate()
        .map(|(i, t)| card(i, t))
        .collect();
    let plain = cluster(&next, &ClusterOptions::default(), &th, &[]);
    assert!(!together(&plain, 0, 1));
    let decisions = Decisions {
        learned: &words,
        ..Decisions::default()
    };
    let learned = cluster_decided(&next, &ClusterOptions::default(), &th, &decisions);
    assert!(together(&learned, 0, 1), "{learned:?}");
    assert!(!together(&learned, 0, 2));
    let off = ClusterOptions {
        learn: false,
        ..ClusterOptions::default()
    };
    assert!(!together(
        &cluster_decided(&next, &off, &th, &decisions),
        0,
        1
    ));
}

#[test]
fn a_learned_word_the_thesaurus_also_knows_still_links_its_theme() {
    // The folder learned "Krippe" (which the domain thesaurus knows as
    // childcare) and "Krabbelgruppe" (which it does not) in one theme.
    let word = |w: &str| learned::LearnedWord {
        theme: "Betreuung der Kleinsten".into(),
        word: w.into(),
        session: "nord".into(),
    };
    let words = [word("krippe"), word("krabbelgruppe")];
    let next = cards(&[
        "keine Krippe",
        "Krabbelgruppe?",
        "Müll an den Containern",
        "Sperrmüll auf dem Gehweg",
    ]);
    let th = Thesaurus::builtin();
    let plain = cluster(&next, &ClusterOptions::default(), &th, &[]);
    assert!(!together(&plain, 0, 1), "{plain:?}");
    let decisions = Decisions {
        learned: &words,
        ..Decisions::default()
    };
    let learned = cluster_decided(&next, &ClusterOptions::default(), &th, &decisions);
    assert!(together(&learned, 0, 1), "{learned:?}");
    assert!(!together(&learned, 0, 2));
}

#[test]
fn a_theme_teaches_words_its_cards_write_never_pieces_stems_or_street_names() {
    use crate::core::model::{Board, Card, Column};
    let texts = [
        "Akzeptanz im Alltag",
        "mehr Akzeptanz",
        "Respekt vor Kopftüchern",
        "Müll in der Hohenzollernstraße",
        "Müll Bochumer Straße",
        "Sperrmüll an der Kirche",
        "Tanzgruppe für Mädchen",
        "Tanzkurs",
        "Kitaplätze fehlen",
    ];
    let session = Session {
        id: "nord".into(),
        boards: vec![Board {
            id: "b1".into(),
            columns: vec![Column {
                key: "needs".into(),
                cards: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Card::new(format!("k{i}"), *t))
                    .collect(),
                ..Column::default()
            }],
            ..Board::default()
        }],
        themes: vec![
            theme("t1", "Akzeptanz", &["k0", "k1", "k2"]),
            theme("t2", "Müll", &["k3", "k4", "k5"]),
        ],
        ..Session::default()
    };
    let words = learned_words(&session, &Thesaurus::builtin());
    let of = |t: &str| -> Vec<&str> {
        words
            .iter()
            .filter(|w| w.theme == t)
            .map(|w| w.word.as_str())
            .collect()
    };
    assert!(of("Akzeptanz").contains(&"akzeptanz"), "{words:?}");
    assert!(of("Müll").contains(&"müll"), "{words:?}");
    // Every word is one a card of its theme (or its label) writes.
    for w in &words {
        let cards: Vec<usize> = match w.theme.as_str() {
            "Akzeptanz" => vec![0, 1, 2],
            _ => vec![3, 4, 5],
        };
        let written = std::iter::once(w.theme.to_lowercase())
            .chain(cards.iter().map(|&i| texts[i].to_lowercase()))
            .any(|t| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w.word));
        assert!(
            written,
            "{w:?} is written on no card of its theme: {words:?}"
        );
    }
    // No street names.
    for w in ["hohenzollernstraße", "bochumer", "straße"] {
        assert!(!of("Müll").contains(&w), "{words:?}");
    }
}

#[test]
fn names_of_people_and_organisations_make_no_themes() {
    use crate::core::model::{Board, Card, Column};
    let column = |key: &str, texts: &[&str]| Column {
        key: key.into(),
        cards: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Card::new(format!("{key}{i}"), *t))
            .collect(),
        ..Column::default()
    };
    let session = Session {
        id: "s".into(),
        boards: vec![Board {
            id: "b1".into(),
            template: "working-group".into(),
            columns: vec![
                column("owner", &["Integrationsbüro der Stadt", "Integrationsbüro"]),
                column(
                    "participants",
                    &["Frau Yilmaz, Integrationsbüro", "Frau Yilmaz"],
                ),
                column("ideas", &["Sprachcafé im Stadtteil", "Sprachcafé am Abend"]),
            ],
            ..Board::default()
        }],
        ..Session::default()
    };
    let mut cards = cards_of(std::slice::from_ref(&session), &[]);
    assert!(cards[0].people && cards[2].people && !cards[4].people);
    // The same Handlungsfeld set on names does not make them a theme.
    for c in &mut cards[..4] {
        c.tags = vec!["hf-arbeit".into()];
    }
    let result = cluster(
        &cards,
        &ClusterOptions::default(),
        &Thesaurus::builtin(),
        &[],
    );
    assert!(!together(&result, 0, 1));
    assert!(!together(&result, 2, 3));
    assert!(together(&result, 4, 5));
    assert_eq!(result.clusters.iter().map(Cluster::len).sum::<usize>(), 6);
}

#[test]
fn a_card_put_into_a_theme_by_its_heading_says_why() {
    // No member shares a word with the loose card; the heading names what
    // it is about.
    let cards = cards(&[
        "Vorurteile abbauen",
        "Stammtischparolen",
        "Offenheit dem Fremden gegenüber",
        "Müll im Park",
    ]);
    let themes = [theme("t1", "Akzeptanz und Toleranz", &["k0", "k1"])];
    let decisions = Decisions {
        themes: &themes,
        ..Decisions::default()
    };
    let result = cluster_decided(&cards, &home(), &Thesaurus::builtin(), &decisions);
    let t = theme_cluster(&result, "t1");
    let new = t.members.iter().find(|m| m.card == 2).expect("joined");
    assert!(new.new);
    assert!(!new.reasons.is_empty(), "{new:?}");
}
