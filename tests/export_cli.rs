//! `stellwand export` as a user runs it: messages, exit codes, --dry-run.

mod common;
mod export_support;

use std::fs;
use std::path::PathBuf;

/// A folder with the Mitte session saved as `mitte.ron`: the folder, the
/// file, and the folder `target` beside it (made when `create`).
fn mitte_and(target: &str, create: bool) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("mitte.ron");
    stellwand::core::store::save(&file, &export_support::mitte()).unwrap();
    let dir = root.path().join(target);
    if create {
        fs::create_dir(&dir).unwrap();
    }
    (root, file, dir)
}

#[test]
fn export_writes_chapters_and_a_dry_run_writes_nothing() {
    let (_root, file, dir) = mitte_and("konzept", true);

    let out = cli!["export", "--dry-run", "--to", &dir, &file].ok();
    let stdout = out.stdout;
    assert!(
        stdout.contains("neu") && stdout.contains("bildung-ausbildung.md"),
        "{stdout}"
    );
    assert!(stdout.contains("nichts geschrieben"), "{stdout}");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);

    cli!["export", "--format", "markdown", "--to", &dir, &file].ok();
    assert!(dir.join("bildung-ausbildung.md").is_file());

    let out = cli!["--lang", "en", "export", "--to", &dir, &file].ok();
    assert!(out.stdout.contains("unchanged"));
}

#[test]
fn a_missing_folder_fails_with_advice() {
    let (_root, file, dir) = mitte_and("fehlt", false);
    let out = cli!["export", "--to", &dir, &file].fails(1);
    let err = out.stderr;
    assert!(
        err.contains("fehlt") && err.contains("--create") && err.contains("mkdir"),
        "{err}"
    );
    assert!(!dir.exists());

    cli!["export", "--create", "--to", &dir, &file].ok();
    assert!(dir.join("index.md").is_file());
}

#[test]
fn a_broken_session_file_is_named_with_line_and_column() {
    let (root, file) = common::file_with("kaputt.ron", "Session(\n  version: 1,\n  title: 42,\n)");
    for (lang, word) in [("de", "erwartet Text"), ("en", "expected text")] {
        let out = cli!["--lang", lang, "export", "--to", root.path(), &file].fails(1);
        let err = out.stderr;
        assert!(err.starts_with(&format!("{}:3:", file.display())), "{err}");
        assert!(err.contains(word), "{err}");
    }
    assert!(!root.path().join("index.md").exists());
}

#[test]
fn a_damaged_marker_makes_the_export_fail_with_its_place() {
    let (_root, file, dir) = mitte_and("konzept", true);
    let chapter = dir.join("index.md");
    fs::write(
        &chapter,
        "# Index\n\n<!-- stellwand:begin session=2019-02-13-mitte section=index -->\n",
    )
    .unwrap();
    let out = cli!["--lang", "en", "export", "--to", &dir, &file].fails(1);
    let err = out.stderr;
    assert!(
        err.contains(&format!("{}:3:1: begin marker", chapter.display())),
        "{err}"
    );
    assert!(dir.join("bildung-ausbildung.md").is_file());
}

#[test]
fn the_themes_file_of_the_sessions_folder_is_exported_with_several_sessions() {
    let root = tempfile::tempdir().unwrap();
    let a = export_support::mitte();
    let mut b = export_support::mitte();
    b.id = "2019-03-20-sued".into();
    b.title = "Integrationskonferenz Süd".into();
    b.themes.clear();
    stellwand::core::store::save(&root.path().join("a.ron"), &a).unwrap();
    stellwand::core::store::save(&root.path().join("b.ron"), &b).unwrap();
    let shared = export_support::theme(
        "t99",
        "Kita überall",
        Some("bildung-ausbildung"),
        &["2019-02-13-mitte/k3", "2019-03-20-sued/k7"],
    );
    stellwand::core::cluster::themes::save_themes(root.path(), &[shared]).unwrap();
    let dir = root.path().join("konzept");
    cli![
        "export",
        "--create",
        "--to",
        &dir,
        root.path().join("a.ron"),
        root.path().join("b.ron")
    ]
    .ok();
    let text = fs::read_to_string(dir.join("bildung-ausbildung.md")).unwrap();
    let start = text
        .find("<!-- stellwand:begin workspace=")
        .expect("workspace block");
    let block = &text[start..];
    assert!(block.contains("### Kita überall"), "{text}");
    assert!(block.contains("Integrationskonferenz Süd"));
}

/// A process id no system hands out (above the largest `pid_max`).
const DEAD_PID: u32 = 4_194_305;

#[test]
fn stale_temporary_files_are_removed_and_never_exported() {
    let (_root, file, dir) = mitte_and("konzept", true);
    // Left by an export killed while writing, and one still being written
    // by a running program (this test).
    let stale = dir.join(format!(".bildung-ausbildung.md.{DEAD_PID}.tmp"));
    fs::write(&stale, "<!-- halb").unwrap();
    let live = dir.join(format!(".index.md.{}.tmp", std::process::id()));
    fs::write(&live, "").unwrap();
    let mine = dir.join(format!("notizen.{DEAD_PID}.tmp"));
    fs::write(&mine, "von Hand").unwrap();

    let out = cli!["export", "--to", &dir, &file];
    let stdout = out.stdout;
    assert!((out.code == Some(0)), "{stdout}");
    for listed in stdout.lines() {
        assert!(
            !listed.ends_with(".tmp") && !listed.contains(".md."),
            "{stdout}"
        );
    }
    assert!(!stale.exists(), "a stale temporary file was left");
    assert!(live.exists(), "the file of a running program was removed");
    assert!(mine.exists(), "a file not made by stellwand was removed");
}
