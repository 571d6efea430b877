//! The shipped example shows the whole loop: its Handlungsfelder and themes
//! were set in the program by the script `examples/gelsenkirchen_example.rs`,
//! and `stellwand export` turns it into chapters with content.

mod common;

#[path = "../examples/gelsenkirchen_example.rs"]
mod script;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use stellwand::core::model::{Session, TagChoice};
use stellwand::core::store;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> Session {
    store::load(&root().join(script::SHIPPED))
        .expect("the example loads")
        .session
}

/// Card id -> its Handlungsfelder.
/// The tags of each card by its place (ids of an import are random).
fn tags(s: &Session) -> BTreeMap<(usize, usize, usize), Vec<String>> {
    let mut out = BTreeMap::new();
    for (b, board) in s.boards.iter().enumerate() {
        for (c, column) in board.columns.iter().enumerate() {
            for (k, card) in column.cards.iter().enumerate() {
                if !card.tags.is_empty() {
                    out.insert((b, c, k), card.tags.clone());
                }
            }
        }
    }
    out
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = common::cli::run_in(&root(), args);
    (out.code.unwrap_or(-1), out.stdout, out.stderr)
}

fn export(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", script::SHIPPED, "--to", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// The text inside stellwand's blocks of a chapter.
fn inside_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("<!-- stellwand:begin") {
            inside = true;
        } else if line.starts_with("<!-- stellwand:end") {
            inside = false;
        } else if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_script_tags_and_themes_the_example_through_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2019-02-13-gelsenkirchen-mitte.ron");
    let made = script::prepare(&root(), &out);
    // What the clerk's keys did: the Rostock 2020 fields, most cards tagged,
    // every sheet as a whole, themes confirmed, none left with cards that
    // disagree about their Handlungsfeld.
    assert_eq!(made.tag_sets, ["rostock-2020"]);
    let tagged = made.cards().filter(|(_, _, c)| !c.tags.is_empty()).count();
    assert!(tagged * 2 > made.card_count(), "{tagged}");
    for (b, _, c) in made.cards() {
        if b.template == "working-group" {
            assert_eq!(c.tags.len(), 1, "{}: {}", b.title, c.text);
        }
    }
    let themes: Vec<_> = made.themes.iter().filter(|t| t.confirmed).collect();
    assert!(themes.len() >= 10, "{}", themes.len());
    for t in &themes {
        assert!(t.cards.len() >= 3, "{}", t.label);
        assert!(
            !matches!(made.theme_tag(t), TagChoice::Disputed(_)),
            "{} is still open",
            t.label
        );
    }
    // Every working-group sheet is a measure.
    let sheets = made
        .boards
        .iter()
        .filter(|b| b.template == "working-group")
        .count();
    assert_eq!(made.measures.len(), sheets);
    assert!(
        made.measures
            .iter()
            .all(|m| !m.title.is_empty() && !m.cards.is_empty())
    );
    assert_eq!(shipped().measures.len(), sheets);
    // The shipped example carries the same Handlungsfelder on the same cards.
    assert_eq!(tags(&made), tags(&shipped()));
    assert_eq!(store::load(&out).unwrap().session, made, "saved as shown");
}

#[test]
fn the_example_exports_chapters_with_content_and_says_what_it_wrote() {
    let s = shipped();
    let dir = tempfile::tempdir().unwrap();
    let out = export(dir.path(), &[]);
    assert!(out.contains("Im Konzept: 7 Kapitel mit Inhalt;"), "{out}");
    let themes = s.themes.iter().filter(|t| t.confirmed).count();
    assert!(out.contains(&format!("; {themes} Themen, ")), "{out}");
    assert!(!out.contains("Noch keine Themen"), "{out}");
    for tag in &s.tags {
        let name = stellwand::core::export::safe_stem(&tag.name, "handlungsfeld", &["index"]);
        let text = fs::read_to_string(dir.path().join(format!("{name}.md"))).unwrap();
        let body = inside_blocks(&text);
        assert!(
            body.lines().filter(|l| l.starts_with("- ")).count() >= 3,
            "{name}: {body}"
        );
        // Ids stay in the markers.
        assert!(
            !body.contains("Thema t") && !body.contains("Karte k"),
            "{name}"
        );
    }
    // A theme's own heading and bullets, e.g. the Kita places.
    let bildung = fs::read_to_string(dir.path().join("bildung-ausbildung.md")).unwrap();
    let kita = s
        .themes
        .iter()
        .find(|t| t.label.to_lowercase().contains("kita"))
        .expect("a Kita theme");
    assert!(
        bildung.contains(&format!("\n### {}\n\n- ", kita.label)),
        "{bildung}"
    );
    let ohne = fs::read_to_string(dir.path().join("ohne-handlungsfeld.md")).unwrap();
    assert!(ohne.contains("\n## Karten ohne Handlungsfeld\n"));

    // Again: nothing written. A hand edit stays.
    let path = dir.path().join("bildung-ausbildung.md");
    let edited = bildung.replacen(
        "## Ist-Analyse\n",
        "## Ist-Analyse\n\nVon Hand: In Schalke fehlen 200 Plätze.\n",
        1,
    );
    fs::write(&path, &edited).unwrap();
    let again = export(dir.path(), &[]);
    assert!(
        !again.contains("neu ") && !again.contains("geändert"),
        "{again}"
    );
    assert!(again.contains("9 Datei(en) unverändert"), "{again}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    // With suggestions: the review's other suggestions, marked, and the hand
    // edit still there.
    let with = export(dir.path(), &["--suggestions"]);
    assert!(
        with.contains(" Vorschläge,") || with.contains(" Vorschlag,"),
        "{with}"
    );
    let all: String = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(all.contains(" (Vorschlag)\n\n*Vorschlag, noch nicht bestätigt.*"));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Von Hand: In Schalke fehlen 200 Plätze.")
    );
    // And back without: the suggestions go, the themes stay.
    export(dir.path(), &[]);
    let all: String = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(!all.contains("(Vorschlag)"));
}

#[test]
fn without_themes_the_export_says_how_to_make_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shipped();
    s.themes.clear();
    s.measures.clear();
    for k in s.cards_mut() {
        k.tags.clear();
    }
    let file = dir.path().join("neu.ron");
    store::save(&file, &s).unwrap();
    let to = dir.path().join("konzept");
    let (code, out, err) = run(&[
        "export",
        file.to_str().unwrap(),
        "--to",
        to.to_str().unwrap(),
        "--create",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Noch keine Themen."), "{out}");
    assert!(out.contains("c öffnet die Clusterprüfung, a nimmt einen Vorschlag"));
    assert!(out.contains("--suggestions"));
    assert!(out.contains("Noch keine Karte mit Handlungsfeld."));
    let (_, out, _) = run(&[
        "--lang",
        "en",
        "export",
        file.to_str().unwrap(),
        "--to",
        to.to_str().unwrap(),
    ]);
    assert!(out.contains("No themes yet."), "{out}");
}
