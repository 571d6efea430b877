//! `stellwand cluster` learns from the clerk: a confirmed theme takes in the
//! cards that resemble it, refused suggestions stay refused, the words of a
//! folder's `learned.ron` link the cards of a later session, and
//! `--no-learn` shows the clustering without all that.

mod common;

use std::path::Path;

use stellwand::core::cluster::learned::{LearnedWord, save_learned};
use stellwand::core::model::{Refusal, Session, Theme};
use stellwand::core::store;

fn session(id: &str, texts: &[&str]) -> Session {
    common::needs_session(id, id, "Nord", "Handlungsbedarfe", texts, 0)
}

fn clusters(dir: &Path, file: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["cluster", file, "--json"];
    args.extend_from_slice(extra);
    let out = common::cli::run_in(dir, &args).ok();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            k["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

fn together(clusters: &[Vec<String>], a: &str, b: &str) -> bool {
    clusters
        .iter()
        .any(|k| k.iter().any(|c| c == a) && k.iter().any(|c| c == b))
}

#[test]
fn a_confirmed_theme_takes_in_a_resembling_card_unless_no_learn() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(
        "nord",
        &[
            "Rucksack-Gruppe ist voll",
            "Griffbereit nur montags",
            "Rucksack auch für Väter",
            "Stadtteilmütter besuchen Familien",
            "Elternprogramme in der Grundschule",
            "Rucksack, Griffbereit weiterführen",
            "Müll im Park",
            "Griffbereit-Treffen im Familienzentrum",
            "Elterncafé am Freitag",
            "HIPPY für Vorschulkinder",
        ],
    );
    // The loose card k5 shares a word with four of the theme's eight cards:
    // too little on average to join as any cluster would.
    s.themes.push(Theme {
        id: "t1".into(),
        label: "Elternprogramme".into(),
        cards: ["k0", "k1", "k2", "k3", "k4", "k7", "k8", "k9"]
            .map(String::from)
            .to_vec(),
        confirmed: true,
        ..Theme::default()
    });
    store::save(&dir.path().join("nord.ron"), &s).unwrap();
    let learned = clusters(dir.path(), "nord.ron", &[]);
    assert!(together(&learned, "k0", "k5"), "{learned:?}");
    assert!(!together(&learned, "k0", "k6"));
    let plain = clusters(dir.path(), "nord.ron", &["--no-learn"]);
    assert!(!together(&plain, "k0", "k5"), "{plain:?}");
    // Every card still in exactly one cluster.
    let mut all: Vec<String> = learned.into_iter().flatten().collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 10);
}

#[test]
fn a_refused_suggestion_stays_refused_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(
        "nord",
        &["Kita-Plätze", "fehlende Kitaplätze", "Parkplätze"],
    );
    store::save(&dir.path().join("nord.ron"), &s).unwrap();
    assert!(together(&clusters(dir.path(), "nord.ron", &[]), "k0", "k1"));
    s.refused.push(Refusal {
        cards: vec!["k0".into(), "k1".into()],
    });
    store::save(&dir.path().join("nord.ron"), &s).unwrap();
    assert!(!together(
        &clusters(dir.path(), "nord.ron", &[]),
        "k0",
        "k1"
    ));
    // A session file of an older program without the field still loads.
    let text = std::fs::read_to_string(dir.path().join("nord.ron")).unwrap();
    assert!(text.contains("refused"), "{text}");
}

#[test]
fn words_learned_in_the_folder_link_the_cards_of_a_later_session() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(
        "sued",
        &["kein Rucksack mehr", "Griffbereit?", "Parkplätze"],
    );
    store::save(&dir.path().join("sued.ron"), &s).unwrap();
    assert!(!together(
        &clusters(dir.path(), "sued.ron", &[]),
        "k0",
        "k1"
    ));
    let word = |w: &str| LearnedWord {
        theme: "Elternprogramme".into(),
        word: w.into(),
        session: "nord".into(),
    };
    save_learned(
        dir.path(),
        &[
            word("rucksack"),
            word("griffbereit"),
            word("stadtteilmütter"),
        ],
    )
    .unwrap();
    let learned = clusters(dir.path(), "sued.ron", &[]);
    assert!(together(&learned, "k0", "k1"), "{learned:?}");
    assert!(!together(&learned, "k0", "k2"));
    assert!(!together(
        &clusters(dir.path(), "sued.ron", &["--no-learn"]),
        "k0",
        "k1"
    ));
    // A broken file is reported with its place, and clustering goes on.
    std::fs::write(dir.path().join("learned.ron"), "Learned(\n  words: [oops").unwrap();
    let out = common::cli::run_in(dir.path(), &["cluster", "sued.ron", "--json"]).ok();
    let err = &out.stderr;
    assert!(err.contains("learned.ron:2:"), "{err}");
}
