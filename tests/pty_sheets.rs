//! Sheet after sheet in the real binary: two working-group sheets of the
//! Gelsenkirchen protocol typed with Enter between cards and Tab alone
//! between fields and sheets; each sheet's title is its topic, typed once.

mod common;

use common::pty::Tty;
use stellwand::core::store;

/// Two sheets: the cards of each of the eight fields, from the protocol.
const SHEETS: [[&[&str]; 8]; 2] = [
    [
        &["2 Stadtteil-Konferenzen im Jahr. Stadt koordiniert. Alle machen mit."],
        &[
            "Mischung herstellen, Toleranz, Hemmschwelle",
            "Probleme + Lösungen, wie erreichen wir Bürger",
        ],
        &[
            "Akteure, Referenten, Bürger-Treff",
            "versch. Bereiche Sport, Bildung, Jugend, Migranten...",
        ],
        &["Etabliertes Stadtteil Forum"],
        &[
            "Forum → gute Beispiele übernehmen",
            "prof. Moderation + Methode",
        ],
        &["Stadt lädt ein + organisiert mit angetragener Unterstützung."],
        &["Stadt + 1 Unterstützer/Träger"],
        &["Boboc, Tudora, Veselinov, Franke, Richter"],
    ],
    [
        &["MEDIATION im Stadtteil → Ziel friedliches Zusammenleben"],
        &["Konflikte im Wohnumfeld"],
        &["Nachbarn, Vermieter"],
        &["friedliches Zusammenleben"],
        &["Mediatoren ausbilden"],
        &["Kontakt zu Wohnungsgesellschaften"],
        &["Stadt"],
        &["Yilmaz, Schmidt"],
    ],
];

#[test]
fn two_working_group_sheets_with_tab_alone_between_fields_and_sheets() {
    let dir = tempfile::tempdir().unwrap();
    common::new_session(
        dir.path(),
        "working-group",
        "Integrationskonferenz Mitte",
        "gruppen.ron",
    );
    let mut tty = Tty::start(dir.path(), &["gruppen.ron"], &[]);
    tty.wait_for("Wand 1/1: Gesprächsgruppe");
    tty.send("a");
    tty.wait_for("ERFASSEN");
    let mut count = 0;
    for (s, sheet) in SHEETS.iter().enumerate() {
        for (f, cards) in sheet.iter().enumerate() {
            for (i, card) in cards.iter().enumerate() {
                if i > 0 {
                    tty.send("\r");
                }
                tty.send(card);
            }
            count += cards.len();
            tty.send("\t");
            tty.wait_for(&format!("Karten: {count} "));
            if f == 0 {
                // The title follows the topic, typed once.
                let topic = &cards[0][..20];
                tty.wait_for(&format!("Wand {}/{}: {topic}", s + 1, s + 1));
            }
            if f + 1 < sheet.len() {
                // The column typed next is always in view.
                tty.wait_for(&format!("Spalte {}/8", f + 2));
            }
        }
        // Tab after the last field: the next sheet, a new one after the last.
        tty.wait_for(&format!("Wand {}/{}", s + 2, s + 2));
        tty.wait_for("Spalte 1/8");
    }
    tty.back_to_board();
    tty.quit();

    let s = store::load(&dir.path().join("gruppen.ron"))
        .unwrap()
        .session;
    // The third sheet was opened by the last Tab and stays empty.
    assert_eq!(s.boards.len(), 3);
    assert_eq!(s.boards[2].card_count(), 0);
    for (board, sheet) in s.boards.iter().zip(SHEETS) {
        assert_eq!(board.template, "working-group");
        assert_eq!(board.title, sheet[0][0]);
        for (column, cards) in board.columns.iter().zip(sheet) {
            let texts: Vec<&str> = column.cards.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(texts, cards, "{}", column.key);
        }
    }
}

#[test]
fn any_column_is_two_keys_away() {
    let dir = tempfile::tempdir().unwrap();
    common::new_session(dir.path(), "working-group", "AG", "ag.ron");
    let mut tty = Tty::start(dir.path(), &["ag.ron"], &[]);
    tty.wait_for("Spalte 1/8");
    tty.send("g8");
    tty.wait_for("Spalte 8/8");
    tty.wait_for("Teilnehmende der");
    tty.send("g3");
    tty.wait_for("Spalte 3/8");
    // Typing narrows by heading.
    tty.send("gHut\r");
    tty.wait_for("Spalte 7/8");
    tty.quit();
}
