//! End-to-end runs of the real binary: pasting a list onto the board makes
//! cards, copying a card without a display reaches the terminal as OSC 52,
//! and exporting from the interface writes the concept chapters.

mod common;

use common::ost as new_session;
use common::pty::Tty;
use stellwand::core::store;

/// The text an OSC 52 payload carries.
fn decode_base64(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("base64")
}

#[test]
fn a_pasted_list_on_the_board_becomes_cards_and_a_copy_goes_through_osc_52() {
    let (_dir, file, mut tty) = Tty::fresh(new_session, Tty::on_board, "ost.ron");
    // Bracketed paste on the board (not in the editor), \r\n as from a clipboard.
    tty.send(
        "\x1b[200~- Kita-Plätze\r\n- Sprachkurse\r\n  ↳ am Abend\r\n- Sportvereine\r\n\x1b[201~",
    );
    tty.wait_for("3 Karten eingefügt");
    tty.wait_for("Karten: 3 ");
    tty.send("k");
    tty.send("y");
    tty.wait_for("Karte per Terminal (OSC 52) kopiert");
    let raw = tty.raw();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + raw[start..].find('\x07').expect("the sequence ends");
    let copied = String::from_utf8(decode_base64(&raw[start..end])).unwrap();
    assert!(copied.starts_with("- Sprachkurse\n"), "{copied:?}");
    assert!(copied.contains("am Abend"), "{copied:?}");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    let cards = &s.boards[0].columns[0].cards;
    let texts: Vec<&str> = cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Kita-Plätze", "Sprachkurse", "Sportvereine"]);
    assert_eq!(cards[1].sub_points, ["am Abend"]);
}

#[test]
fn exporting_from_the_interface_writes_the_chapter_with_the_theme() {
    use stellwand::core::model::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session {
        date: "2019-02-13".into(),
        ..common::session("2019-02-13-mitte", "Integrationskonferenz Mitte")
    };
    let kita = ["Kita-Plätze", "fehlende Kitaplätze"];
    let board = common::add_board(&mut s, "district-exchange", "Altstadt", &[&[], &kita]);
    let ids = board.columns[1]
        .cards
        .iter()
        .map(|k| k.id.clone())
        .collect();
    let id = s.fresh_id("t");
    s.themes.push(common::confirmed_theme(
        id,
        "Kita-Plätze fehlen",
        Some("fruehe-bildung"),
        ids,
    ));
    store::save(&dir.path().join("mitte.ron"), &s).unwrap();

    let mut tty = Tty::on_board(dir.path(), "mitte.ron");
    tty.send("x");
    tty.wait_for("Zielordner");
    tty.send("\r");
    tty.wait_for("Anlegen?");
    tty.send("y");
    tty.wait_for("Export: Vorschau");
    tty.wait_for("2 neu");
    tty.send("\r");
    tty.wait_for("2 Dateien nach konzept geschrieben, 0 unverändert");
    tty.quit();
    let chapter = dir.path().join("konzept/fruehe-bildung-und-erziehung.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    assert!(text.contains("### Kita-Plätze fehlen"), "{text}");
    assert!(text.contains("fehlende Kitaplätze"), "{text}");
    let index = std::fs::read_to_string(dir.path().join("konzept/index.md")).unwrap();
    assert!(index.contains("fruehe-bildung-und-erziehung.md"), "{index}");
}

#[test]
fn an_end_marker_inside_a_paste_ends_nothing_and_runs_no_keys() {
    let (_dir, file, mut tty) = Tty::fresh(new_session, Tty::on_board, "ost.ron");
    tty.send("\x1b[200~- eins\r\n- zwei\r\n- drei\r\n\x1b[201~");
    tty.wait_for("Karten: 3 ");
    tty.send("k");
    std::thread::sleep(std::time::Duration::from_millis(200));
    // A paste holding the end marker, as a planted text would: the rest
    // must not run as keys (d deletes the selected card).
    tty.send("\x1b[200~vier\r\nfünf\x1b[201~ddd\x1b[201~");
    tty.wait_for("Karten: 5 ");
    std::thread::sleep(std::time::Duration::from_millis(500));
    tty.assert_shows("Karten: 5 ");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    let texts: Vec<&str> = s.boards[0].columns[0]
        .cards
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["eins", "zwei", "vier", "fünfddd", "drei"]);
}
