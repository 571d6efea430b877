//! Text from files never reaches a terminal as a control sequence: a card
//! holding `ESC]0;owned BEL` (retitle the window), `ESC[2J` (clear the
//! screen), OSC 52 (write the clipboard) or the C1 character U+009B is
//! printed with the control characters made visible (`␛`, `\u{9b}`) by
//! every command, and `--json` escapes C0 and C1.

mod common;

use std::fs;
use std::path::Path;

use stellwand::core::model::{Card, Session};
use stellwand::core::store;
use stellwand::core::template::Templates;

const TITLE: &str = "\x1b]0;owned\x07";
const CLEAR: &str = "\x1b[2J";
const CLIPBOARD: &str = "\x1b]52;c;cm0gLXJmIH4K\x07";
const C1: &str = "\u{9b}31m";

fn hostile_session() -> Session {
    let mut s = Session {
        id: "boese".into(),
        title: format!("Konferenz {TITLE}"),
        ..Session::default()
    };
    let id = s.fresh_id("b");
    let mut board = Templates::builtin()
        .board("district-exchange")
        .unwrap()
        .new_board(id, &format!("Altstadt {CLEAR}"));
    for text in [
        format!("Kita-Plätze {TITLE}"),
        format!("fehlende Kitaplätze {CLEAR}"),
        format!("Kita {CLIPBOARD}"),
        format!("Sprachkurs {C1}"),
        "Sprachkurse\r\x1b[1Aüberschrieben".to_string(),
        "Kita \u{202e}netztesrebü".to_string(),
    ] {
        let id = s.fresh_id("k");
        board.columns[1].cards.push(Card::new(id, text));
    }
    s.boards.push(board);
    s
}

/// A temporary folder with `session` saved in it as `boese.ron`.
fn saved(session: &Session) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, file) = common::saved("boese.ron", session);
    (dir, file)
}

/// The control characters in printed text (line feeds aside).
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

#[test]
fn cluster_prints_card_text_with_control_characters_made_visible() {
    let (_dir, file) = saved(&hostile_session());
    let out = cli!["cluster", &file].ok();
    assert_eq!(controls(&out.stdout), [], "raw control characters printed");
    let text = out.stdout;
    for shown in [
        "␛]0;owned␇",
        "␛[2J",
        "␛]52;c;",
        "\\u{9b}31m",
        "␛[1Aüberschrieben",
    ] {
        assert!(text.contains(shown), "{shown} not shown:\n{text}");
    }
}

#[test]
fn cluster_json_escapes_c0_and_c1_and_keeps_the_text() {
    let session = hostile_session();
    let (_dir, file) = saved(&session);
    let out = cli!["cluster", "--json", &file].ok();
    assert_eq!(controls(&out.stdout), [], "raw control characters printed");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut texts: Vec<String> = json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect();
    texts.sort();
    let mut expected: Vec<String> = session.cards().map(|(_, _, k)| k.text.clone()).collect();
    expected.sort();
    assert_eq!(texts, expected);
}

/// A file name a shared repository could hold.
fn hostile_name(dir: &Path) -> std::path::PathBuf {
    dir.join(format!("a{TITLE}{CLEAR}.ron"))
}

#[test]
fn check_import_and_export_print_file_names_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let bad = hostile_name(dir.path());
    fs::write(&bad, format!("Session(title: \"x\", {C1}: 1)")).unwrap();
    let out = cli!["check", &bad].fails(1);
    assert_eq!(controls(&out.stderr), [], "check");
    assert!(out.stderr.contains("a␛]0;owned␇␛[2J.ron"));

    let out = cli!["export", "--to", dir.path().join(format!("k{CLEAR}")), &bad].fails(1);
    assert_eq!(controls(&out.stderr), [], "export, damaged session");
    let good = dir.path().join("gut.ron");
    store::save(&good, &hostile_session()).unwrap();
    let out = cli![
        "export",
        "--to",
        dir.path().join(format!("k{CLEAR}")),
        &good
    ]
    .fails(1);
    assert_eq!(controls(&out.stderr), [], "export, missing folder");
    let target = dir.path().join(format!("k{CLEAR}"));
    fs::create_dir(&target).unwrap();
    let out = cli!["export", "--to", &target, &good].ok();
    assert_eq!(controls(&out.stdout), [], "export summary");

    let notes = dir.path().join(format!("n{TITLE}.txt"));
    fs::write(
        &notes,
        format!("# Konferenz\n## Wand\n### Wo sehen wir Handlungsbedarfe\n- Kita {CLEAR}\n"),
    )
    .unwrap();
    let out = cli![
        "import",
        "--template",
        "district-exchange",
        &notes,
        "-o",
        dir.path().join(format!("i{CLEAR}.ron"))
    ]
    .ok();
    assert_eq!(controls(&out.stdout), [], "import");
    let out = cli![
        "new",
        "--template",
        "district-exchange",
        "--title",
        "T",
        dir.path().join(format!("neu{TITLE}.ron"))
    ]
    .ok();
    assert_eq!(controls(&out.stdout), [], "new");
}

#[test]
fn the_terminal_ui_never_sends_a_cards_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    store::save(&dir.path().join("boese.ron"), &hostile_session()).unwrap();
    let mut tty = common::pty::Tty::on_board(dir.path(), "boese.ron");
    // The column with the cards, and the search over them.
    tty.send("l");
    std::thread::sleep(std::time::Duration::from_millis(300));
    tty.send("/Kita");
    tty.wait_for("Kita-Plätze");
    std::thread::sleep(std::time::Duration::from_millis(300));
    tty.send("\x1b");
    tty.quit();
    let text = tty.raw();
    for bad in ["\x1b]0;owned", "\x1b]52;", "\u{9b}", "\x07"] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
}
