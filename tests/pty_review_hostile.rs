//! The cluster review with hostile text: a theme label and cards holding
//! escape sequences (retitle the window, clear the screen, write the
//! clipboard, a C1 control) are shown with the controls made visible and
//! never reach the terminal, nor does a right-to-left override; a very
//! long label scrolls in the rename field.

mod common;

use std::path::Path;

use common::pty::Tty;

const TITLE: &str = "\x1b]0;owned\x07";
const CLEAR: &str = "\x1b[2J";
const CLIPBOARD: &str = "\x1b]52;c;cm0gLXJmIH4K\x07";
const C1: &str = "\u{9b}31m";

fn write_session(dir: &Path) {
    let texts = [
        format!("Kita-Plätze {TITLE}"),
        format!("fehlende Kitaplätze {CLEAR}"),
        format!("Ausbau Kitaplätze {CLIPBOARD}"),
        format!("Kitaplätze für alle {C1}"),
        // A right-to-left override would show the text reversed.
        "Müll auf den Straßen \u{202e}nessarts".to_string(),
        "Vermüllung der Straßen".to_string(),
    ];
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let label = format!("Kita {TITLE}{CLEAR} {}", "sehr lang ".repeat(30));
    common::save_nord_with_theme(dir, &texts, &label);
}

/// The line below the one holding `text`.
fn line_after(screen: &str, text: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.contains(text)).unwrap();
    lines[at + 1].to_string()
}

#[test]
fn the_review_shows_a_labels_and_cards_escape_sequences_without_sending_them() {
    let (_dir, _, mut tty) = Tty::fresh(write_session, Tty::on_board, "nord.ron");
    tty.send("c");
    // The suggestion into the theme and the theme, controls made visible.
    tty.wait_for("„Kitaplätze für alle \\…“ → Kita ␛]0;own");
    tty.wait_for("✓  3  Kita ␛]0;owned␇␛[2J sehr lang");
    // The theme's cards.
    tty.send("G");
    tty.wait_for("Kita-Plätze ␛]0;owned␇");
    tty.wait_for("Ausbau Kitaplätze ␛]52;c;cm0gLXJmIH4K␇");
    // Renaming the long label: its end, where the cursor is, is in view.
    tty.send("n");
    tty.wait_for("Neuer Name");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let field = line_after(&tty.contents(), "Neuer Name");
    assert!(field.contains("sehr lang sehr lang"), "{field}");
    assert!(!field.contains("Kita"), "{field}");
    tty.send("\x1b");
    tty.wait_for("Bestätigte Themen");
    tty.send("\x1b");
    tty.wait_for("Wand 1/1");
    tty.quit();
    let text = tty.raw();
    for bad in [
        "\x1b]0;owned",
        "\x1b]52;",
        "\u{9b}",
        "\x07",
        "\x1b[2J",
        "\u{202e}",
    ] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
}
