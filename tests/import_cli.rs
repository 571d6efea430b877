//! `stellwand import` as a clerk calls it: import then check, and the ways it
//! refuses bad input without writing anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stellwand::core::store;

fn stellwand() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stellwand"))
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt")
}

fn import(template: &str, text: &Path, out: &Path, lang: &str) -> Output {
    stellwand()
        .args(["--lang", lang, "import", "--template", template])
        .arg(text)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_protocol_imports_and_the_result_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let o = import("district-exchange", &fixture(), &out, "de");
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert_eq!(summary.lines().count(), 1, "{summary}");
    let s = store::load(&out).unwrap().session;
    assert!(
        summary.contains(&format!("{} Wände", s.boards.len()))
            && summary.contains(&format!("{} Karten", s.card_count())),
        "{summary}"
    );
    let check = stellwand().arg("check").arg(&out).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn notation_imports_with_an_english_summary() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("mitte.txt");
    std::fs::write(
        &text,
        "# Konferenz\nDatum: 2019-02-13\n## Altstadt\n### Was läuft gut\n- Feierabendmarkt\n- Kultur\n  ↳ Theater\n",
    )
    .unwrap();
    let out = dir.path().join("mitte.ron");
    let o = import("district-exchange", &text, &out, "en");
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(summary.contains("1 boards, 2 cards"), "{summary}");
    let s = store::load(&out).unwrap().session;
    assert_eq!(s.boards[0].columns[0].cards[1].sub_points, ["Theater"]);
}

#[test]
fn an_unknown_template_lists_the_known_ones_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let o = import("bezirk", &fixture(), &out, "de");
    assert!(!o.status.success());
    let err = stderr(&o);
    for known in [
        "district-exchange",
        "theme-collection",
        "working-group",
        "theme-wall",
    ] {
        assert!(err.contains(known), "{err}");
    }
    assert!(!out.exists());
}

#[test]
fn a_binary_file_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("foto.txt");
    std::fs::write(&text, b"Altstadt\n\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let out = dir.path().join("x.ron");
    let o = import("district-exchange", &text, &out, "de");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("foto.txt:2:1:"), "{err}");
    assert!(err.contains("keine Textdatei"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_missing_text_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let o = import(
        "district-exchange",
        &dir.path().join("gibtsnicht.txt"),
        &out,
        "en",
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("gibtsnicht.txt"), "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_notation_error_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("wand.txt");
    std::fs::write(
        &text,
        "## Altstadt\n### Was läuft gut\n- a\n### Sonstiges\n",
    )
    .unwrap();
    let out = dir.path().join("x.ron");
    let o = import("district-exchange", &text, &out, "de");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("wand.txt:4:5:"), "{err}");
    assert!(err.contains("Wo sehen wir Handlungsbedarfe"), "{err}");
    assert!(!out.exists());
}

#[test]
fn an_existing_output_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    std::fs::write(&out, "meine Korrekturen").unwrap();
    let o = import("district-exchange", &fixture(), &out, "de");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("x.ron") && err.contains("nicht überschrieben"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "meine Korrekturen");
}
