//! Marks typed in the running program are read as the importer reads them:
//! the same lines typed card by card and imported from a file give the
//! same cards (text, sub-points, flags, numbers).

mod common;

use std::path::Path;

use common::pty::Tty;
use stellwand::core::model::{Card, Session};
use stellwand::core::store;

/// Cards of two columns as written in the notation: a card line and its
/// `↳` lines.
const COLUMNS: [&[(&str, &[&str])]; 2] = [
    &[
        ("Nachbarschaftsnetzwerke (informell 9, 10, 12)", &[]),
        ("Wildes Parken !!!", &[]),
        ("~~additiv~~", &[]),
        ("Sprach[?]förderung für Eltern", &["Kita", "Schule"]),
        ("kulturelles Angebot", &["Theater", "Musikschule (9)"]),
    ],
    &[
        ("Spielplätze fehlen!", &[]),
        ("Kita (?) Plätze", &[]),
        ("~~Parkplätze~~ (3, 4)", &["~~vor der Schule~~"]),
    ],
];

fn notation() -> String {
    let mut text = String::from("# Konferenz Mitte\n## Altstadt\n");
    let headings = [
        "Was läuft gut bei uns im Stadtbezirk...",
        "Wo sehen wir Handlungsbedarfe...",
    ];
    for (heading, cards) in headings.iter().zip(COLUMNS) {
        text.push_str(&format!("### {heading}\n"));
        for (line, subs) in cards {
            text.push_str(&format!("- {line}\n"));
            for s in *subs {
                text.push_str(&format!("  ↳ {s}\n"));
            }
        }
    }
    text
}

fn run(dir: &Path, args: &[&str]) {
    common::cli::run_in(dir, args).ok();
}

/// What a card holds besides its id: text, sub-points, flags, numbers.
type Content = (String, Vec<String>, (bool, bool, bool), Vec<u32>);

fn content(c: &Card) -> Content {
    (
        c.text.clone(),
        c.sub_points.clone(),
        (c.flags.uncertain, c.flags.struck, c.flags.emphasis),
        c.refs.clone(),
    )
}

fn columns(s: &Session) -> Vec<Vec<Content>> {
    s.boards[0]
        .columns
        .iter()
        .take(2)
        .map(|c| c.cards.iter().map(content).collect())
        .collect()
}

#[test]
fn typed_marks_make_the_same_cards_as_imported_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wand.txt"), notation()).unwrap();
    run(
        dir.path(),
        &[
            "import",
            "--template",
            "district-exchange",
            "wand.txt",
            "-o",
            "importiert.ron",
        ],
    );
    run(
        dir.path(),
        &[
            "new",
            "--template",
            "district-exchange",
            "--title",
            "Konferenz Mitte",
            "getippt.ron",
        ],
    );
    let mut tty = Tty::entering(dir.path(), "getippt.ron");
    let mut count = 0;
    for (c, cards) in COLUMNS.iter().enumerate() {
        for (line, subs) in *cards {
            tty.send(line);
            for s in *subs {
                // Alt-Enter starts a sub-point line.
                tty.send("\x1b\r");
                tty.send(s);
            }
            tty.send("\r");
            count += 1;
            tty.wait_for(&format!("Karten: {count} "));
        }
        if c == 0 {
            tty.send("\t");
            tty.wait_for("Spalte 2/3");
        }
    }
    tty.back_to_board();
    // The flags show as badges, apart from the typed marks.
    tty.assert_shows("Wildes Parken !!! ‹!›");
    tty.quit();

    let imported = store::load(&dir.path().join("importiert.ron"))
        .unwrap()
        .session;
    let typed = store::load(&dir.path().join("getippt.ron"))
        .unwrap()
        .session;
    assert_eq!(columns(&typed), columns(&imported));
    // And the marks were read at all.
    let cards = &typed.boards[0].columns[0].cards;
    assert_eq!(cards[0].refs, [9, 10, 12]);
    assert!(cards[1].flags.emphasis && cards[2].flags.struck && cards[3].flags.uncertain);
}
