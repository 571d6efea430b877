//! The main screens drawn into a test terminal after a sequence of actions,
//! compared with the accepted snapshots in `tests/snapshots/`.

mod common;

use std::path::Path;

use common::screen::{Step, Step::*, buffer, draw, play};
use common::{add_board, assert_shows};
use stellwand::core::error::Lang;
use stellwand::core::model::{Card, Session};
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::App;
use stellwand::tui::{Action, update};

/// A district board in the style of the Gelsenkirchen protocol.
fn altstadt() -> Session {
    let mut s = common::mitte();
    let board = add_board(
        &mut s,
        "district-exchange",
        "Altstadt",
        &[
            &[
                "Nachbarschaftsnetzwerke",
                "kulturelles Angebot",
                "Feierabendmarkt auf dem Heinrich-König-Platz",
            ],
            &["Spracherwerbsförderung", "Kita-Plätze", "Wohnraum"],
            &["Kümmerer vor Ort", "Sprachmittler"],
        ],
    );
    board.photos.push("fotos/IMG_0412.jpg".into());
    let c = &mut board.columns[0].cards[1];
    c.sub_points = vec!["Theater".into(), "Musikschule".into()];
    board.columns[0].cards[0].refs = vec![9, 10, 12];
    board.columns[1].cards[1].flags.emphasis = true;
    board.columns[1].cards[2].flags.uncertain = true;
    board.columns[2].cards[1].flags.struck = true;
    add_board(&mut s, "district-exchange", "Schalke", &[]);
    s
}

fn open(dir: &Path, session: &Session, lang: Lang) -> App {
    let file = dir.join("2019-02-13-mitte.ron");
    store::save(&file, session).unwrap();
    let mut app = App::new(lang, Templates::builtin(), dir);
    app.dir_label = "sessions".into();
    assert!(app.open(&file));
    app
}

/// `session` opened in a temporary folder, after `steps`.
fn after(session: &Session, lang: Lang, steps: &[Step]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), session, lang);
    play(&mut app, steps);
    (dir, app)
}

#[test]
fn start_screen_lists_sessions_with_counts_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    store::save(&dir.path().join("2019-02-13-mitte.ron"), &altstadt()).unwrap();
    let mut other = Session {
        title: "Themenwand Frühe Bildung".into(),
        date: "2019-11-02".into(),
        ..Session::default()
    };
    other.version = 99;
    store::save(&dir.path().join("rostock.ron"), &other).unwrap();
    std::fs::write(dir.path().join("kaputt.ron"), "Session(\n  title: 42,\n)").unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    app.dir_label = "sessions".into();
    update(&mut app, Action::Down);
    insta::assert_snapshot!("start_screen", draw(&app, 100, 16));
}

#[test]
fn start_screen_without_a_folder_offers_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::En, Templates::builtin(), &dir.path().join("sessions"));
    app.dir_label = "sessions".into();
    let steps = [
        Do(Action::NewSession),
        Type("Plenum"),
        Do(Action::CommitNext),
        Do(Action::ClearLine),
        Type("2017-11-02"),
    ];
    play(&mut app, &steps);
    insta::assert_snapshot!("start_new_session_en", draw(&app, 90, 18));
}

#[test]
fn board_view_shows_columns_cards_flags_and_photo() {
    let (_dir, app) = after(
        &altstadt(),
        Lang::De,
        &[Do(Action::Right), Do(Action::Down)],
    );
    insta::assert_snapshot!("board_view", draw(&app, 120, 20));
}

#[test]
fn board_view_in_english() {
    let (_dir, app) = after(&altstadt(), Lang::En, &[]);
    insta::assert_snapshot!("board_view_en", draw(&app, 100, 16));
}

#[test]
fn rapid_entry_shows_the_editor_under_the_last_card() {
    let (_dir, app) = after(
        &altstadt(),
        Lang::De,
        &[
            Do(Action::AddCard),
            Type("Sportvereine"),
            Do(Action::Commit),
            Do(Action::Paste("Begegnungsorte\n↳ Stadtteilcafé".into())),
        ],
    );
    insta::assert_snapshot!("rapid_entry", draw(&app, 120, 22));
}

#[test]
fn many_columns_scroll_sideways() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = altstadt();
    let id = s.fresh_id("b");
    let board = Templates::builtin()
        .board("working-group")
        .unwrap()
        .new_board(id, "Gruppe 3: Sprache");
    s.boards.insert(0, board);
    let mut app = open(dir.path(), &s, Lang::De);
    for _ in 0..4 {
        update(&mut app, Action::Right);
    }
    insta::assert_snapshot!("many_columns", draw(&app, 90, 16));
}

#[test]
fn help_lists_the_keys() {
    let (_dir, app) = after(&altstadt(), Lang::De, &[Do(Action::Help)]);
    insta::assert_snapshot!("help", draw(&app, 100, 40));
}

#[test]
fn a_too_small_terminal_says_so() {
    let (_dir, app) = after(&altstadt(), Lang::De, &[]);
    insta::assert_snapshot!("too_small", draw(&app, 40, 8));
}

#[test]
fn control_characters_in_a_file_do_not_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = altstadt();
    s.boards[0].columns[0].cards[0].text = "Alarm\u{1b}[2J\u{7}\tweg\r".into();
    let app = open(dir.path(), &s, Lang::De);
    let screen = draw(&app, 120, 20);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    assert!(screen.contains("Alarm[2J"), "{screen}");
    // The frame of the first column is whole.
    assert!(
        screen.lines().nth(6).unwrap().starts_with("\"║▸ Alarm"),
        "{screen}"
    );
    assert!(screen.lines().nth(6).unwrap().ends_with("│\""), "{screen}");
}

/// The Gelsenkirchen board with the Rostock 2020 tag set and a few tags set.
fn tagged() -> Session {
    let mut s = altstadt();
    let set = Templates::builtin()
        .tag_sets
        .into_iter()
        .find(|t| t.key == "rostock-2020")
        .unwrap();
    s.tag_sets.push(set.key.clone());
    s.tags = set.tags;
    s.boards[0].columns[1].cards[0].tags = vec!["sprache".into()];
    s.boards[0].columns[1].cards[1].tags = vec!["bildung-ausbildung".into(), "teilhabe".into()];
    s
}

#[test]
fn tag_picker_narrows_as_you_type_and_offers_a_new_tag() {
    let (_dir, app) = after(
        &tagged(),
        Lang::De,
        &[
            Do(Action::Right),
            Do(Action::TagPicker),
            Do(Action::CommitNext),
            Type("bild"),
        ],
    );
    insta::assert_snapshot!("tag_picker", draw(&app, 100, 24));
}

#[test]
fn tags_show_on_cards_and_the_filter_hides_the_others() {
    let (_dir, app) = after(
        &tagged(),
        Lang::De,
        &[
            Do(Action::Right),
            Do(Action::TagFilter),
            Type("sprache"),
            Do(Action::Commit),
        ],
    );
    insta::assert_snapshot!("tag_filter", draw(&app, 120, 16));
}

#[test]
fn search_lists_hits_with_their_place_and_matched_letters() {
    let (_dir, app) = after(
        &tagged(),
        Lang::De,
        &[Do(Action::Search), Type("sprach"), Do(Action::Down)],
    );
    let screen = draw(&app, 100, 16);
    insta::assert_snapshot!("search", screen);
    // The matched letters are highlighted.
    let backend = buffer(&app, 100, 16);
    let buf = backend.buffer();
    let row: Vec<_> = (0..100).map(|x| &buf[(x, 4)]).collect();
    let marked: String = row
        .iter()
        .filter(|c| c.fg == ratatui::style::Color::Yellow)
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked.to_lowercase(), "sprach", "{screen}");
}

/// Two district boards with cards that belong together.
fn kita_and_more() -> Session {
    let mut s = tagged();
    let needs: [&[&str]; 2] = [
        &[
            "fehlende Kitaplätze",
            "Müll auf den Straßen",
            "Sprachkurse für Eltern",
        ],
        &[
            "keine / bzw. zu wenig KiTA-Plätze",
            "Vermüllung im Viertel",
            "Parkplätze fehlen",
            "Sprachkurse am Abend",
        ],
    ];
    for (b, texts) in needs.iter().enumerate() {
        for t in *texts {
            let id = s.fresh_id("k");
            s.boards[b].columns[1].cards.push(Card::new(id, *t));
        }
    }
    s
}

#[test]
fn cluster_review_lists_suggestions_themes_and_reasons() {
    let (_dir, app) = after(
        &kita_and_more(),
        Lang::De,
        &[
            Do(Action::ClusterReview),
            Do(Action::AcceptTheme),
            Do(Action::TagPicker),
            Type("Bildung"),
            Do(Action::Commit),
            Do(Action::Down),
            Do(Action::Right),
        ],
    );
    insta::assert_snapshot!("cluster_review", draw(&app, 120, 22));
}

#[test]
fn cluster_review_in_english() {
    let (_dir, app) = after(&kita_and_more(), Lang::En, &[Do(Action::ClusterReview)]);
    insta::assert_snapshot!("cluster_review_en", draw(&app, 100, 16));
}

/// Cards in Chinese and Japanese: wide characters take two cells each.
fn wide_cards() -> Session {
    let mut s = common::session("2019-02-13-mitte", "Integrationskonferenz");
    let cards = [
        "中文和德语的语言课程 Kurse für Eltern",
        "日本語の案内 Beratung im Stadtteil",
    ];
    add_board(&mut s, "district-exchange", "Altstadt", &[&cards]);
    s
}

#[test]
fn wide_characters_on_a_card_are_shown_whole() {
    let (_dir, app) = after(&wide_cards(), Lang::De, &[]);
    let screen = draw(&app, 100, 16);
    let words = [
        "Kurse",
        "für",
        "Eltern",
        "Beratung",
        "Stadtteil",
        "语言课程",
        "案内",
    ];
    assert_shows(&screen, &words);
    insta::assert_snapshot!("wide_characters", screen);
}

// Every screen at 80×24, the smallest common terminal.

#[test]
fn board_at_80x24() {
    let (_dir, app) = after(&tagged(), Lang::De, &[Do(Action::Right), Do(Action::Down)]);
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("Kita-Plätze") && screen.contains("q beenden"),
        "{screen}"
    );
    insta::assert_snapshot!("board_80x24", screen);
}

#[test]
fn board_with_the_photo_pane_at_80x24() {
    let (dir, mut app) = after(&altstadt(), Lang::De, &[]);
    app.size = (80, 24);
    update(&mut app, Action::TogglePhotoPane);
    assert!(app.photos.wait(std::time::Duration::from_secs(20)));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Foto nicht gefunden"), "{screen}");
    // The test's folder is another one each run.
    let folder = dir.path().display().to_string();
    let screen = screen.replace(&folder, &format!("{:<1$}", "…", folder.chars().count()));
    insta::assert_snapshot!("board_photo_80x24", screen);
}

#[test]
fn card_editor_at_80x24() {
    let (_dir, app) = after(
        &altstadt(),
        Lang::De,
        &[
            Do(Action::Down),
            Do(Action::EditCard),
            Do(Action::CommitNext),
            Type("Jagmar Müller"),
        ],
    );
    let screen = draw(&app, 80, 24);
    assert_shows(
        &screen,
        &[
            "Initiator*in",
            "Jagmar Müller",
            "Interessent*innen",
            "Theater",
        ],
    );
    insta::assert_snapshot!("editor_80x24", screen);
}

#[test]
fn cluster_review_at_80x24() {
    let (_dir, app) = after(&kita_and_more(), Lang::De, &[Do(Action::ClusterReview)]);
    let screen = draw(&app, 80, 24);
    // Whole words of the cards, not a letter each.
    assert!(screen.contains("Kitaplätze"), "{screen}");
    insta::assert_snapshot!("review_80x24", screen);
}

#[test]
fn search_at_80x24() {
    let (_dir, app) = after(&tagged(), Lang::De, &[Do(Action::Search), Type("sprach")]);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Spracherwerbsförderung"), "{screen}");
    insta::assert_snapshot!("search_80x24", screen);
}

#[test]
fn a_row_of_the_review_list_cut_at_its_edge_ends_in_an_ellipsis() {
    let (_dir, app) = after(&kita_and_more(), Lang::De, &[Do(Action::ClusterReview)]);
    let screen = draw(&app, 80, 24);
    // The Kita row holds a disputed Handlungsfeld with its counts, the
    // Sauberkeit row its column: both are longer than the list is wide.
    for start in ["3  Kitaplätze", "2  Sauberkeit"] {
        let row = screen.lines().find(|l| l.contains(start)).unwrap();
        let in_list = row.split('║').nth(1).unwrap();
        assert!(in_list.ends_with('…'), "cut without a mark: {row}");
    }
}

#[test]
fn a_long_theme_label_is_shown_whole_on_a_wide_terminal() {
    let mut s = kita_and_more();
    let label = "Kita-Plätze und Öffnungszeiten in den Vierteln";
    let kita: Vec<String> = s
        .cards()
        .filter(|(_, _, k)| k.text.contains("Kita") || k.text.contains("KiTA"))
        .map(|(_, _, k)| k.id.clone())
        .collect();
    let id = s.fresh_id("t");
    s.themes
        .push(common::confirmed_theme(id, label, None, kita));
    let (_dir, app) = after(&s, Lang::De, &[Do(Action::ClusterReview)]);
    let screen = draw(&app, 200, 50);
    let row = screen.lines().find(|l| l.contains("✓")).unwrap();
    let in_list = row.split('║').nth(1).unwrap();
    // The whole label, and its Handlungsfeld after it.
    assert!(in_list.contains(&format!("{label}  #")), "{row}");
}
