//! End-to-end runs of the real binary in a pseudo-terminal: a clerk creates a
//! session, types a board with rapid entry, undoes, redoes, quits or presses
//! Ctrl-c, and the saved file holds what she typed.

mod common;

use common::ost as new_session;
use common::pty::Tty;
use stellwand::core::model::{FORMAT_VERSION, Session};
use stellwand::core::store;

fn column_texts(s: &Session, column: usize) -> Vec<String> {
    s.boards[0].columns[column]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn a_board_typed_with_rapid_entry_is_saved_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::start(dir.path(), &[], &[]);
    tty.wait_for("n legt eine neue Sitzung");
    tty.send("n");
    tty.wait_for("Neue Sitzung");
    tty.send("Stadtteilkonferenz Ost\t\x15");
    tty.wait_for("▸Datum");
    tty.send("2024-05-06\r");
    tty.wait_for("Wand 1/1");
    tty.send("a");
    tty.wait_for("ERFASSEN");
    let columns = ["Was läuft gut", "Handlungsbedarf", "Worauf kommt es an"];
    let mut typed: Vec<Vec<String>> = vec![Vec::new(); 3];
    let mut count = 0;
    for (c, name) in columns.iter().enumerate() {
        for i in 1..=7 {
            let text = format!("{name} Nr. {i} – Übergänge für Kinder");
            count += 1;
            // The last card of a column is committed with Tab, the others with Enter.
            let key = if i == 7 { "\t" } else { "\r" };
            tty.send(&text);
            tty.send(key);
            tty.wait_for(&format!("Karten: {count} "));
            typed[c].push(text);
        }
    }
    tty.back_to_board();
    let last = tty.quit();
    assert!(tty.restored().is_ok(), "{last}");

    let file = dir
        .path()
        .join("sessions")
        .join("2024-05-06-stadtteilkonferenz-ost.ron");
    let loaded = store::load(&file).unwrap();
    let s = loaded.session;
    assert_eq!(s.title, "Stadtteilkonferenz Ost");
    assert_eq!(s.date, "2024-05-06");
    assert_eq!(s.card_count(), 21);
    for (c, texts) in typed.iter().enumerate() {
        assert_eq!(&column_texts(&s, c), texts);
    }
}

/// Keys that arrive faster than the program reads them, in one burst (a
/// fast typist on a slow machine, or a paste without bracketed paste as
/// `tmux paste-buffer` sends it): every card arrives, none waits for the
/// next key.
#[test]
fn a_burst_of_typed_cards_larger_than_one_read_all_arrive() {
    let (_dir, file, mut tty) = Tty::fresh(new_session, Tty::entering, "ost.ron");
    let cards: Vec<String> = (1..=120)
        .map(|i| format!("Sprachcafé im Stadtteil Nr. {i}"))
        .collect();
    let burst: String = cards.iter().map(|c| format!("{c}\r")).collect();
    assert!(
        burst.len() > 3 * 1024,
        "more than a few reads of the program"
    );
    tty.send(&burst);
    tty.wait_for("Karten: 120 ");
    tty.send("\x1b");
    tty.wait_for(" WAND ");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    assert_eq!(column_texts(&s, 0), cards);
}

/// A new session with `cards` typed in rapid entry, back on the board.
fn typed(cards: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, Tty) {
    let (dir, file, mut tty) = Tty::fresh(new_session, Tty::entering, "ost.ron");
    tty.cards(cards, 0);
    tty.back_to_board();
    (dir, file, tty)
}

#[test]
fn undo_and_redo_in_the_running_program() {
    let (_dir, file, mut tty) = typed(&["Kita-Plätze", "Sprachkurse", "Sportvereine"]);
    tty.send("u");
    tty.wait_for("Karten: 2 ");
    tty.send("u");
    tty.wait_for("Karten: 1 ");
    tty.send("\x12");
    tty.wait_for("Karten: 2 ");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    assert_eq!(column_texts(&s, 0), ["Kita-Plätze", "Sprachkurse"]);
}

#[test]
fn ctrl_c_saves_the_card_being_typed_and_restores_the_terminal() {
    let (_dir, file, mut tty) = Tty::fresh(new_session, Tty::entering, "ost.ron");
    tty.card("Begegnungscafé", 1);
    tty.send("halb getippt");
    tty.wait_for("halb getippt");
    tty.send("\x03");
    tty.wait_success();
    assert!(tty.restored().is_ok());
    let s = store::load(&file).unwrap().session;
    assert_eq!(column_texts(&s, 0), ["Begegnungscafé", "halb getippt"]);
}

#[test]
fn a_newer_file_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_session(dir.path());
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        &format!("version: {FORMAT_VERSION},"),
        &format!("version: {},", FORMAT_VERSION + 1),
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let mut tty = Tty::start(dir.path(), &["ost.ron"], &[]);
    tty.wait_for("nur lesend");
    tty.send("a");
    tty.send("Kita");
    tty.back_to_board();
    tty.send("\x13");
    tty.send("d");
    tty.quit();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_multi_line_paste_becomes_one_card() {
    let (_dir, file, mut tty) = Tty::fresh(new_session, Tty::entering, "ost.ron");
    // Bracketed paste, as a terminal sends it; \r line ends as from a clipboard.
    tty.send("\x1b[200~kulturelles Angebot\r\n↳ Theater\r\n-> Musikschule\r\n\x1b[201~");
    tty.wait_for("Musikschule");
    tty.send("\r");
    tty.wait_for("Karten: 1 ");
    tty.back_to_board();
    tty.assert_shows("Wand 1/1");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    let card = &s.boards[0].columns[0].cards[0];
    assert_eq!(card.text, "kulturelles Angebot");
    assert_eq!(card.sub_points, ["Theater", "Musikschule"]);
    assert_eq!(s.card_count(), 1);
}

#[test]
fn tags_search_and_a_confirmed_theme_survive_quitting() {
    let (dir, file, mut tty) = typed(&["Kita-Plätze", "fehlende Kitaplätze", "Sprachkurse"]);
    // No tags yet: 1 offers the tag sets.
    tty.send("1");
    tty.wait_for("Rostock 2020");
    tty.wait_for("Tag-Set übernehmen");
    tty.send("Rostock 2020\r");
    tty.wait_for("übernommen");
    tty.back_to_board();
    tty.send("5");
    tty.wait_for("#5 sprache");
    // The whole column gets Teilhabe in one go.
    tty.send("t");
    tty.wait_for("Für:");
    tty.send("\tTeilhabe\r");
    tty.wait_for("Sprachkurse #5 sprache #7 teilhabe");
    // Search with letters left out; Enter jumps to the card.
    tty.send("/");
    tty.wait_for(" SUCHE ");
    tty.send("fhlnd");
    tty.wait_for("1 Treffer");
    tty.send("\r");
    tty.wait_for("Karte 2/3");
    // Review: the two Kita cards are the first suggestion.
    tty.send("c");
    tty.wait_for("Vorschläge (größte zuerst)");
    tty.send("a");
    tty.wait_for("✓  2  ");
    tty.back_to_board();
    tty.quit();

    let s = store::load(&file).unwrap().session;
    assert_eq!(s.tag_sets, ["rostock-2020"]);
    let tags: Vec<Vec<String>> = s.boards[0].columns[0]
        .cards
        .iter()
        .map(|c| c.tags.clone())
        .collect();
    assert_eq!(tags[2], ["sprache", "teilhabe"]);
    assert_eq!(tags[0], ["teilhabe"]);
    assert_eq!(s.themes.len(), 1);
    let theme = &s.themes[0];
    assert!(theme.confirmed);
    let kita: Vec<String> = s.boards[0].columns[0].cards[..2]
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(theme.cards, kita);

    // Opened again, the tags are on the cards and the theme is confirmed.
    let mut tty = Tty::start(dir.path(), &["ost.ron"], &[]);
    tty.wait_for("#5 sprache");
    tty.send("c");
    tty.wait_for("Bestätigte Themen");
    tty.wait_for(&format!("✓  2  {}", theme.label));
    tty.back_to_board();
    tty.quit();
}
