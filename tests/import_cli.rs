//! `stellwand import` as a clerk calls it: import then check, and the ways it
//! refuses bad input without writing anything.

mod common;

use std::path::{Path, PathBuf};

use common::cli::Out;
use stellwand::core::store;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt")
}

fn import(template: &str, text: &Path, out: &Path, lang: &str) -> Out {
    cli![
        "--lang",
        lang,
        "import",
        "--template",
        template,
        text,
        "-o",
        out
    ]
}

/// The message of an import of `text` that is refused; no file is written.
fn refused(template: &str, text: &Path, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let o = import(template, text, &out, lang).fails(1);
    assert!(!out.exists());
    o.stderr
}

#[test]
fn the_protocol_imports_and_the_result_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let summary = import("district-exchange", &fixture(), &out, "de")
        .ok()
        .stdout;
    assert_eq!(summary.lines().count(), 1, "{summary}");
    let s = store::load(&out).unwrap().session;
    assert!(
        summary.contains(&format!("{} Wände", s.boards.len()))
            && summary.contains(&format!("{} Karten", s.card_count())),
        "{summary}"
    );
    cli!["check", &out].ok();
}

#[test]
fn notation_imports_with_an_english_summary() {
    let (dir, text) = common::file_with(
        "mitte.txt",
        "# Konferenz\nDatum: 2019-02-13\n## Altstadt\n### Was läuft gut\n- Feierabendmarkt\n- Kultur\n  ↳ Theater\n",
    );
    let out = dir.path().join("mitte.ron");
    let summary = import("district-exchange", &text, &out, "en").ok().stdout;
    assert!(summary.contains("1 boards, 2 cards"), "{summary}");
    let s = store::load(&out).unwrap().session;
    assert_eq!(s.boards[0].columns[0].cards[1].sub_points, ["Theater"]);
}

#[test]
fn an_unknown_template_lists_the_known_ones_and_writes_nothing() {
    let err = refused("bezirk", &fixture(), "de");
    for known in [
        "district-exchange",
        "theme-collection",
        "working-group",
        "theme-wall",
    ] {
        assert!(err.contains(known), "{err}");
    }
}

#[test]
fn a_binary_file_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("foto.txt");
    std::fs::write(&text, b"Altstadt\n\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let err = refused("district-exchange", &text, "de");
    assert!(err.contains("foto.txt:2:1:"), "{err}");
    assert!(err.contains("keine Textdatei"), "{err}");
}

#[test]
fn a_missing_text_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = refused(
        "district-exchange",
        &dir.path().join("gibtsnicht.txt"),
        "en",
    );
    assert!(err.contains("gibtsnicht.txt"), "{err}");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn a_notation_error_names_file_line_and_column() {
    let text = "## Altstadt\n### Was läuft gut\n- a\n### Sonstiges\n";
    let (_dir, text) = common::file_with("wand.txt", text);
    let err = refused("district-exchange", &text, "de");
    assert!(err.contains("wand.txt:4:5:"), "{err}");
    assert!(err.contains("Wo sehen wir Handlungsbedarfe"), "{err}");
}

#[test]
fn an_existing_output_file_is_never_overwritten() {
    let (_dir, out) = common::file_with("x.ron", "meine Korrekturen");
    let err = import("district-exchange", &fixture(), &out, "de")
        .fails(1)
        .stderr;
    assert!(
        err.contains("x.ron") && err.contains("nicht überschrieben"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "meine Korrekturen");
}
