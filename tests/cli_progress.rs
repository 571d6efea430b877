//! The progress line of long `cluster` and `export` runs: on a terminal it
//! shows what the run does; with stderr redirected nothing of it appears.

mod common;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::process::Command;
use std::time::Duration;

use common::pty::{BIN, Tty};
use stellwand::core::store;

/// A session big enough that clustering it takes more than a second here.
fn big_session(dir: &std::path::Path) {
    store::save(&dir.join("land.ron"), &synthetic::session(20_000, 5)).unwrap();
}

/// Runs the shell `script` (which ends by printing `ENDE` and its exit code)
/// in a pseudo-terminal until the shell ends.
fn finished(dir: &std::path::Path, script: &str) -> Tty {
    let mut tty = Tty::shell(dir, script, &[]);
    assert!(
        tty.shows_within("ENDE", Duration::from_secs(120)),
        "{}",
        tty.contents()
    );
    tty.wait_success();
    tty
}

/// The stages a run names on its progress line.
const STAGES: &[&str] = &[
    "Dateien werden gelesen",
    "Wörter werden analysiert",
    "Cluster werden gebildet",
    "Ausgabe wird geschrieben",
    "Kapitel werden gesetzt",
    "Dateien werden geschrieben",
];

/// The progress line appeared, naming what the run did at that moment
/// (which stage depends on how fast the machine is).
fn shows_a_stage(tty: &Tty) {
    let raw = tty.raw();
    assert!(raw.contains(" % ["), "{raw}");
    assert!(STAGES.iter().any(|stage| raw.contains(stage)), "{raw}");
}

#[test]
fn a_long_run_shows_its_progress_on_a_terminal_and_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    big_session(dir.path());
    let script = format!("'{BIN}' cluster land.ron --json > out.json; echo ENDE $?");
    let tty = finished(dir.path(), &script);
    shows_a_stage(&tty);
    // Cleared at the end: the last screen holds only the shell's line.
    assert!(!tty.contents().contains(" % ["), "{}", tty.contents());
    assert!(tty.contents().contains("ENDE 0"));
    let out = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["clusters"].as_array().unwrap().len() > 10);
}

#[test]
fn a_long_export_shows_its_progress_too() {
    let dir = tempfile::tempdir().unwrap();
    big_session(dir.path());
    std::fs::create_dir(dir.path().join("konzept")).unwrap();
    let script =
        format!("'{BIN}' export land.ron --suggestions --to konzept > out.txt; echo ENDE $?");
    let tty = finished(dir.path(), &script);
    shows_a_stage(&tty);
    assert!(!tty.contents().contains(" % ["), "{}", tty.contents());
    assert!(tty.contents().contains("ENDE 0"), "{}", tty.contents());
}

#[test]
fn with_stderr_redirected_a_long_run_writes_no_progress() {
    let dir = tempfile::tempdir().unwrap();
    big_session(dir.path());
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["cluster", "land.ron", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let to = dir.path().join("konzept");
    std::fs::create_dir(&to).unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["export", "land.ron", "--suggestions", "--to", "konzept"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
