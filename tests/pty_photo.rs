//! The photo beside the cards, in the real binary: a board with a PNG
//! photo, `p` shows it in half-blocks beside the columns, zooming and moving
//! show a part of it, and typing cards goes on meanwhile; the view is saved.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{COLS, ROWS, Tty};
use stellwand::core::store;

/// The four quarters of the test photo.
const RED: (u8, u8, u8) = (220, 40, 40);
const BLUE: (u8, u8, u8) = (40, 40, 220);
const GREEN: (u8, u8, u8) = (40, 200, 40);
const YELLOW: (u8, u8, u8) = (230, 220, 40);

fn session_with_photo(dir: &Path) {
    common::new_session(dir, "district-exchange", "Konferenz Mitte", "mitte.ron");
    std::fs::create_dir(dir.join("fotos")).unwrap();
    let img = image::RgbImage::from_fn(800, 600, |x, y| {
        let (r, g, b) = match (x < 400, y < 300) {
            (true, true) => RED,
            (false, true) => BLUE,
            (true, false) => GREEN,
            (false, false) => YELLOW,
        };
        image::Rgb([r, g, b])
    });
    img.save(dir.join("fotos/wand.png")).unwrap();
    let file = dir.join("mitte.ron");
    let mut s = store::load(&file).unwrap().session;
    s.boards[0].photos.push("fotos/wand.png".into());
    store::save(&file, &s).unwrap();
}

fn near(c: vt100::Color, (r, g, b): (u8, u8, u8)) -> bool {
    match c {
        vt100::Color::Rgb(x, y, z) => {
            x.abs_diff(r) < 40 && y.abs_diff(g) < 40 && z.abs_diff(b) < 40
        }
        _ => false,
    }
}

/// Which of the four colours the right part of the screen (the pane) shows.
fn colours_in_pane(tty: &Tty) -> [bool; 4] {
    let mut seen = [false; 4];
    for row in 3..ROWS - 3 {
        for col in COLS / 2 + 10..COLS - 1 {
            let Some((_, fg, bg)) = tty.cell(row, col) else {
                continue;
            };
            for (i, c) in [RED, BLUE, GREEN, YELLOW].into_iter().enumerate() {
                seen[i] |= near(fg, c) || near(bg, c);
            }
        }
    }
    seen
}

/// Waits until the pane shows exactly the colours `want`.
fn expect_colours(tty: &Tty, want: [bool; 4]) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if colours_in_pane(tty) == want {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "pane showed {:?}, expected {want:?}:\n{}",
        colours_in_pane(tty),
        tty.contents()
    );
}

/// The columns (left part of the screen) hold no picture cells.
fn columns_have_no_picture(tty: &Tty) -> bool {
    (3..ROWS - 3).all(|row| {
        (0..COLS / 2).all(|col| {
            tty.cell(row, col).is_none_or(|(_, fg, bg)| {
                [RED, BLUE, GREEN, YELLOW]
                    .into_iter()
                    .all(|c| !near(fg, c) && !near(bg, c))
            })
        })
    })
}

#[test]
fn the_photo_beside_the_cards_zooms_and_typing_goes_on() {
    let (dir, _, mut tty) = Tty::fresh(session_with_photo, Tty::on_board, "mitte.ron");
    tty.send("p");
    tty.wait_for("Foto 1/1: wand.png · 100%");
    // The whole photo in half-blocks, in the pane beside the columns.
    expect_colours(&tty, [true; 4]);
    assert!(tty.contents().contains("Was läuft gut"));
    assert!(columns_have_no_picture(&tty));
    let screen = tty.contents();
    assert!(screen.contains('▀') || screen.contains('▄'), "{screen}");

    // Four steps closer (four times), then to the top left corner.
    tty.send("====");
    tty.wait_for("· 400%");
    for _ in 0..6 {
        tty.send("\x1bh");
        tty.send("\x1bk");
    }
    expect_colours(&tty, [true, false, false, false]);

    // Typing goes on with the photo in view; the cursor is in the cards.
    tty.send("a");
    tty.wait_for("ERFASSEN");
    tty.send("Wildes Parken");
    // Alt-arrows move the photo while the card is typed.
    for _ in 0..8 {
        tty.send("\x1b[1;3C");
    }
    expect_colours(&tty, [false, true, false, false]);
    tty.send(" vor der Schule\r");
    tty.wait_for("Karten: 1 ");
    tty.back_to_board();
    assert!(tty.contents().contains("Wildes Parken vor der Schule"));
    expect_colours(&tty, [false, true, false, false]);
    tty.quit();

    let s = store::load(&dir.path().join("mitte.ron")).unwrap().session;
    assert_eq!(
        s.boards[0].columns[0].cards[0].text,
        "Wildes Parken vor der Schule"
    );
    let view = s.boards[0].view;
    assert_eq!(view.zoom, 4);
    assert!(view.x > 500 && view.y < 500, "{view:?}");
}

#[test]
fn without_a_photo_the_pane_says_how_to_add_one_and_a_broken_one_gets_a_message() {
    let dir = tempfile::tempdir().unwrap();
    session_with_photo(dir.path());
    let file = dir.path().join("mitte.ron");
    let mut s = store::load(&file).unwrap().session;
    s.boards[0].photos.clear();
    store::save(&file, &s).unwrap();
    std::fs::write(
        dir.path().join("fotos/kaputt.jpg"),
        b"\xff\xd8\xff kein JPEG",
    )
    .unwrap();
    let mut tty = Tty::on_board(dir.path(), "mitte.ron");
    tty.send("p");
    tty.wait_for("Diese Wand hat noch kein Foto.");
    // b: the fuzzy picker over the session's folder.
    tty.send("b");
    tty.wait_for("Foto für diese Wand");
    tty.wait_for("fotos/wand.png");
    tty.send("kaputt");
    tty.send("\r");
    tty.wait_for("kein lesbares Bild");
    // The program goes on: another photo from the picker.
    tty.send("b");
    tty.wait_for("Foto für diese Wand");
    tty.send("wand\r");
    tty.wait_for("Foto 2/2: wand.png");
    expect_colours(&tty, [true; 4]);
    tty.send("P");
    tty.wait_for("Foto 1/2: kaputt.jpg");
    tty.wait_for("kein lesbares Bild");
    tty.quit();
    let s = store::load(&file).unwrap().session;
    assert_eq!(s.boards[0].photos, ["fotos/kaputt.jpg", "fotos/wand.png"]);
}

/// Waits until the program has asked the terminal about pictures: the
/// query ends with a status request every terminal answers.
fn wait_for_query(tty: &Tty) {
    let start = Instant::now();
    while !tty.raw().contains("\x1b[5n") {
        assert!(start.elapsed() < Duration::from_secs(15), "no query");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Starts the program with the graphics query on, answers it as a terminal
/// would (`answer`), opens the photo pane and returns everything the
/// program wrote after the answer.
fn pane_after_answer(answer: &str) -> (Tty, String) {
    let dir = tempfile::tempdir().unwrap();
    session_with_photo(dir.path());
    let mut tty = Tty::start(
        dir.path(),
        &["mitte.ron"],
        &[("STELLWAND_GRAPHICS", ""), ("TERM", "xterm-kitty")],
    );
    wait_for_query(&tty);
    tty.send(answer);
    tty.wait_for("Wand 1/1");
    let before = tty.raw().len();
    tty.send("p");
    tty.wait_for("Foto 1/1: wand.png");
    // The picture follows once the worker has read it.
    std::thread::sleep(Duration::from_millis(1500));
    tty.send("a");
    tty.wait_for("ERFASSEN");
    let raw = tty.raw()[before..].to_string();
    drop(dir);
    (tty, raw)
}

#[test]
fn the_terminal_is_asked_which_pictures_it_draws_and_the_answer_is_used() {
    // Kitty answers the graphics query: pictures go as Kitty graphics.
    let (_tty, raw) = pane_after_answer("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[6;20;10t\x1b[0n");
    assert!(raw.contains("\x1b_G"), "no Kitty graphics sent");

    // A terminal that draws Sixel says so in its device attributes.
    let (_tty, raw) = pane_after_answer("\x1b[?62;4;22c\x1b[6;20;10t\x1b[0n");
    assert!(raw.contains("\x1bP"), "no Sixel picture sent");
    assert!(
        !raw.contains("\x1b_G"),
        "Kitty graphics to a Sixel terminal"
    );

    // Neither: half-blocks, drawn with coloured cells.
    let (tty, raw) = pane_after_answer("\x1b[?62;22c\x1b[0n");
    assert!(!raw.contains("\x1b_G") && !raw.contains("\x1bP"));
    let screen = tty.contents();
    assert!(screen.contains('▀') || screen.contains('▄'), "{screen}");
}

/// Keys typed while the program asks the terminal about pictures (typed
/// ahead right after starting it) are handled, not swallowed by the
/// question: those before the answer, and those read with it.
#[test]
fn keys_typed_ahead_of_the_terminals_answer_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    session_with_photo(dir.path());
    let mut tty = Tty::start(dir.path(), &["mitte.ron"], &[("STELLWAND_GRAPHICS", "")]);
    wait_for_query(&tty);
    // Typed before the terminal answers; then the answer with more keys
    // right behind it.
    tty.send("aKita-Plätze fehlen\r");
    tty.send("\x1b[?62;22c\x1b[0nSprachcafé\r");
    tty.wait_for("Karten: 2 ");
    let screen = tty.contents();
    assert!(screen.contains("Kita-Plätze fehlen"), "{screen}");
    assert!(screen.contains("Sprachcafé"), "{screen}");
}

/// The board is drawn at once, not only when the terminal has answered
/// the graphics query (or its deadline passed), and an answer that comes
/// after the first frame is still used.
#[test]
fn the_board_shows_before_the_terminal_answers_and_the_answer_counts() {
    let dir = tempfile::tempdir().unwrap();
    session_with_photo(dir.path());
    let mut tty = Tty::start(
        dir.path(),
        &["mitte.ron"],
        &[("STELLWAND_GRAPHICS", ""), ("TERM", "xterm-kitty")],
    );
    wait_for_query(&tty);
    tty.wait_for("Wand 1/1");
    let before = tty.raw().len();
    tty.send("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[6;20;10t\x1b[0n");
    tty.send("p");
    tty.wait_for("Foto 1/1: wand.png");
    let start = Instant::now();
    while !tty.raw()[before..].contains("\x1b_G") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no Kitty graphics after a late answer"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    tty.quit();
}
