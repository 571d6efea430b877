//! `stellwand cluster` on the shipped Gelsenkirchen session: the contract's
//! JSON, the Kita cards together, parking apart, deterministic output.

mod common;

use std::process::Command;

const SESSION: &str = "sessions/2019-02-13-gelsenkirchen-mitte.ron";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = common::cli::run_in(std::path::Path::new("."), args);
    (out.code.unwrap_or(-1), out.stdout, out.stderr)
}

fn cluster_with<'a>(
    clusters: &'a [serde_json::Value],
    text: &str,
) -> Option<&'a serde_json::Value> {
    clusters.iter().find(|k| {
        k["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["text"].as_str() == Some(text))
    })
}

#[test]
fn needs_column_groups_kita_and_keeps_parking_apart() {
    let (code, out, err) = run(&["cluster", SESSION, "--column", "needs", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let obj = json.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), vec!["clusters"]);
    let clusters = json["clusters"].as_array().unwrap();

    // Contract fields, every card once, biggest clusters first.
    let mut ids = Vec::new();
    let mut last = usize::MAX;
    for k in clusters {
        let mut keys: Vec<&String> = k.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, vec!["cards", "label"]);
        let cards = k["cards"].as_array().unwrap();
        assert!(cards.len() <= last, "biggest first");
        last = cards.len();
        for c in cards {
            let mut keys: Vec<&String> = c.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, vec!["board", "column", "id", "session", "text"]);
            assert_eq!(c["column"], "needs");
            ids.push(c["id"].as_str().unwrap().to_string());
        }
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "a card in two clusters");

    let kita = cluster_with(clusters, "Kita-Plätze").expect("Kita card");
    for text in [
        "keine / bzw. zu wenig KiTA-Plätze",
        "fehlende Kitaplätze",
        "Ausbau Kitaplätze GE",
        "Kitaplätze + IFÖ-Schulplätze",
        "Ausbau von Kinder-Betreuungsplätzen",
        "Kindergartenplätze",
        "ausreichende Kitaplätze bereitstellen (Personalschlüssel / Gruppengröße)",
    ] {
        assert_eq!(cluster_with(clusters, text), Some(kita), "{text}");
    }
    for text in [
        "zu wenig Parkplätze",
        "Wenig Parkplätze !!!",
        "Wildes Parken / Rücksichtnahme",
    ] {
        let k = cluster_with(clusters, text).expect("parking card");
        assert_ne!(k, kita, "{text}");
    }

    // The same command gives the same output.
    let (_, again, _) = run(&["cluster", SESSION, "--column", "needs", "--json"]);
    assert_eq!(out, again);
}

#[test]
fn text_listing_explains_in_german_and_english() {
    let (code, out, _) = run(&["cluster", SESSION, "--column", "needs"]);
    assert_eq!(code, 0);
    assert!(out.contains("Karten in"), "{out}");
    assert!(out.contains("weil: „Kitaplätze“"), "{out}");
    let (code, out, _) = run(&["--lang", "en", "cluster", SESSION, "--column", "needs"]);
    assert_eq!(code, 0);
    assert!(out.contains("because:"), "{out}");
}

/// A session whose "good" and "needs" columns hold the same two cards, so
/// that only the column rule keeps them apart.
fn same_cards_in_two_columns(dir: &std::path::Path) -> String {
    let mut s = common::session("mitte", "Mitte");
    let same = ["Kita-Plätze fehlen", "fehlende Kitaplätze"];
    common::add_board(&mut s, "district-exchange", "Altstadt", &[&same, &same]);
    let path = dir.join("mitte.ron");
    stellwand::core::store::save(&path, &s).unwrap();
    path.to_string_lossy().into_owned()
}

/// The sets of columns of the clusters with more than one card.
fn columns_together(args: &[&str]) -> Vec<Vec<String>> {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let mut columns: Vec<String> = k["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["column"].as_str().unwrap().to_string())
                .collect();
            columns.sort();
            columns
        })
        .filter(|c| c.len() > 1)
        .collect()
}

#[test]
fn columns_stay_apart_unless_several_are_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = same_cards_in_two_columns(dir.path());
    let apart = columns_together(&["cluster", &file, "--json"]);
    assert_eq!(
        apart,
        [["good", "good"], ["needs", "needs"]],
        "each column on its own"
    );
    let one = columns_together(&["cluster", &file, "--column", "needs", "--json"]);
    assert_eq!(one, [["needs", "needs"]]);
    let together = columns_together(&[
        "cluster", &file, "--column", "good", "--column", "needs", "--json",
    ]);
    assert_eq!(
        together,
        [["good", "good", "needs", "needs"]],
        "several columns asked for: the same cards meet"
    );
    // The shipped session: no cluster mixes columns by default.
    for columns in columns_together(&["cluster", SESSION, "--json"]) {
        assert!(columns.iter().all(|c| c == &columns[0]), "{columns:?}");
    }
}

#[test]
fn a_threshold_out_of_range_is_refused() {
    let (code, _, err) = run(&["cluster", SESSION, "--threshold", "3"]);
    assert_eq!(code, 1);
    assert!(err.contains("--threshold"), "{err}");
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // `stellwand cluster … | head -1`: the listing is longer than a pipe holds.
    let mut child = Command::new(env!("CARGO_BIN_EXE_stellwand"))
        .args(["cluster", SESSION])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {err}", out.status);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn json_gives_the_card_text_as_written_without_its_sub_points() {
    let (code, out, err) = run(&["cluster", SESSION, "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let texts: Vec<&str> = json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|k| k["cards"].as_array().unwrap())
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    // A card with a sub-point: the clustering reads both, the output
    // shows the card's own text.
    let card = "gemeinsame Ziele finden => Gleichheit in der Unterschiedlichkeit";
    assert!(texts.contains(&card), "{card}");
    assert!(!texts.iter().any(|t| t.contains("Tellerrand")));
}
