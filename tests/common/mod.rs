//! Helpers shared by the integration tests.
// Each test crate uses only some of the helpers.
#![allow(dead_code)]

pub mod cli;
pub mod eval;
pub mod pty;
pub mod screen;

use stellwand::core::model::{Board, Card, Session};
use stellwand::core::template::Templates;

/// `s` saved as `name` in a new folder: the folder and the file.
pub fn saved(name: &str, s: &Session) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    stellwand::core::store::save(&path, s).unwrap();
    (dir, path)
}

/// `s` saved as `name` in a new folder, and a journal begun against the
/// saved file: the folder, the file and the journal.
pub fn journalled(
    name: &str,
    s: &Session,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    stellwand::core::journal::Journal,
) {
    use stellwand::core::journal;
    let (dir, path) = saved(name, s);
    let base = journal::fingerprint(&std::fs::read(&path).unwrap());
    let j = journal::Journal::create(&path, base).unwrap();
    (dir, path, j)
}

/// A theme the clerk confirmed: `id`, `label`, its Handlungsfeld `tag`
/// and the ids of its cards.
pub fn confirmed_theme(
    id: String,
    label: &str,
    tag: Option<&str>,
    cards: Vec<String>,
) -> stellwand::core::model::Theme {
    stellwand::core::model::Theme {
        id,
        label: label.into(),
        tag: tag.map(str::to_string),
        cards,
        confirmed: true,
        ..Default::default()
    }
}

/// A session `id` titled `title`, without boards.
pub fn session(id: &str, title: &str) -> Session {
    Session {
        id: id.into(),
        title: title.into(),
        ..Session::default()
    }
}

/// The Gelsenkirchen conference of 13 February 2019, without boards.
pub fn mitte() -> Session {
    Session {
        date: "2019-02-13".into(),
        place: "Gelsenkirchen".into(),
        ..session(
            "2019-02-13-mitte",
            "Integrationskonferenz Stadtbezirk Mitte",
        )
    }
}

/// Adds a board of the built-in `template` titled `title`, with `cards`
/// put into its columns in order; the ids come from the session's counter,
/// the board's first. The new board.
pub fn add_board<'a>(
    s: &'a mut Session,
    template: &str,
    title: &str,
    cards: &[&[&str]],
) -> &'a mut Board {
    let id = s.fresh_id("b");
    let mut board = Templates::builtin()
        .board(template)
        .expect("built in")
        .new_board(id, title);
    for (column, texts) in board.columns.iter_mut().zip(cards) {
        for text in *texts {
            column.cards.push(Card::new(s.fresh_id("k"), *text));
        }
    }
    s.boards.push(board);
    s.boards.last_mut().expect("just added")
}

/// A card for the clustering: `k{i}` of `session`, on `board` in `column`.
pub fn cluster_card(
    i: usize,
    session: &str,
    board: &str,
    column: &str,
    text: &str,
) -> stellwand::core::cluster::ClusterCard {
    stellwand::core::cluster::ClusterCard {
        id: format!("k{i}"),
        session: session.into(),
        board: board.into(),
        column: column.into(),
        text: text.into(),
        ..Default::default()
    }
}

/// A session `id` titled `title` with one district board `board` (id `b1`)
/// whose needs column, headed `heading`, holds `texts` as the cards
/// `k{first}`, `k{first + 1}`, …
pub fn needs_session(
    id: &str,
    title: &str,
    board: &str,
    heading: &str,
    texts: &[&str],
    first: usize,
) -> Session {
    let cards = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Card::new(format!("k{}", i + first), *t))
        .collect();
    let column = stellwand::core::model::Column {
        key: "needs".into(),
        heading: heading.into(),
        cards,
    };
    let board = Board {
        id: "b1".into(),
        title: board.into(),
        template: "district-exchange".into(),
        columns: vec![column],
        ..Board::default()
    };
    Session {
        boards: vec![board],
        ..session(id, title)
    }
}

/// The session `nord` of [`needs_session`] (board "Nord") holding `texts`
/// as `k0`, `k1`, …, its first three cards confirmed as the theme `t1`
/// labelled `label`, saved as `nord.ron` in `dir`.
pub fn save_nord_with_theme(dir: &std::path::Path, texts: &[&str], label: &str) {
    let cards = vec!["k0".into(), "k1".into(), "k2".into()];
    let s = Session {
        themes: vec![confirmed_theme("t1".into(), label, None, cards)],
        ..needs_session(
            "nord",
            "Nordstadt",
            "Nord",
            "Wo sehen wir Handlungsbedarfe…",
            texts,
            0,
        )
    };
    stellwand::core::store::save(&dir.join("nord.ron"), &s).unwrap();
}

/// Fails unless `text` shows every one of `words`, naming the first missing.
#[track_caller]
pub fn assert_shows(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{word} missing:\n{text}");
    }
}

/// A session `title` with one empty district-exchange board `board` (id `b1`).
pub fn district_session(title: &str, board: &str) -> Session {
    let templates = Templates::builtin();
    let template = templates.board("district-exchange").expect("built in");
    let mut s = Session::from_template(template, title, "", "", None);
    s.boards[0].id = "b1".into();
    s.boards[0].title = board.into();
    s
}

/// The session of [`district_session`] titled "Stadtteilkonferenz" with
/// its board "Altstadt", saved as `konferenz.ron` in `dir`: the file.
pub fn konferenz(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("konferenz.ron");
    let s = district_session("Stadtteilkonferenz", "Altstadt");
    stellwand::core::store::save(&path, &s).unwrap();
    path
}

/// `stellwand new --template TEMPLATE --title TITLE NAME` run in `dir`:
/// the new session file.
pub fn new_session(
    dir: &std::path::Path,
    template: &str,
    title: &str,
    name: &str,
) -> std::path::PathBuf {
    cli::run_in(
        dir,
        &["new", "--template", template, "--title", title, name],
    )
    .ok();
    dir.join(name)
}

/// A number from the environment variable `name`, else `default` (for the
/// long runs: more trials when asked for).
pub fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The names of the files in `dir`, sorted.
pub fn names(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("folder readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A district-exchange session "Stadtteilkonferenz Ost" made with
/// `stellwand new` as `ost.ron` in `dir`.
pub fn ost(dir: &std::path::Path) -> std::path::PathBuf {
    new_session(
        dir,
        "district-exchange",
        "Stadtteilkonferenz Ost",
        "ost.ron",
    )
}

/// Says on the terminal, past the test harness's capture, that a test did
/// not run and why.
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}

/// A temporary folder holding one file `name` with `text`.
pub fn file_with(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("file written");
    (dir, file)
}

/// A named pipe `name` in `dir`.
#[cfg(unix)]
pub fn fifo(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(
        made.expect("mkfifo runs").success(),
        "mkfifo {}",
        path.display()
    );
    path
}
