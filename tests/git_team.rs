//! Two clerks, two clones of one concept repository: what git makes of
//! their session files, with and without stellwand's merge driver.

mod git_support;

use std::fs;
use std::path::Path;

use git_support::{Team, commit_all, git, ok, pull, stellwand, unmerged};
use stellwand::core::edit::Edit;
use stellwand::core::model::{Card, Session};
use stellwand::core::store;
use stellwand::core::template::Templates;

const FILE: &str = "sessions/konferenz.ron";

/// A session of two district boards with one card each.
fn two_boards() -> Session {
    let templates = Templates::builtin();
    let mut s = Session {
        id: "2019-02-13-konferenz".into(),
        title: "Stadtteilkonferenz".into(),
        ..Session::default()
    };
    for (title, card) in [("Altstadt", "Kita-Plätze"), ("Schalke", "Sportvereine")] {
        let id = s.fresh_id("b");
        let mut board = templates
            .board("district-exchange")
            .unwrap()
            .new_board(id, title);
        let id = s.fresh_id("k");
        board.columns[1].cards.push(Card::new(id, card));
        s.boards.push(board);
    }
    s
}

/// Adds cards at the end of a board's `needs` column and saves, as the
/// program does.
fn add_cards(clone: &Path, board: usize, texts: &[&str]) {
    let path = clone.join(FILE);
    let mut s = store::load(&path).unwrap().session;
    for text in texts {
        let id = s.fresh_id("k");
        let board = s.boards[board].id.clone();
        s.apply(Edit::InsertCard {
            board,
            column: "needs".into(),
            index: usize::MAX,
            card: Card::new(id, *text),
        })
        .unwrap();
    }
    store::save(&path, &s).unwrap();
}

fn texts(path: &Path) -> Vec<String> {
    let mut t: Vec<String> = store::load(path)
        .unwrap()
        .session
        .cards()
        .map(|(_, _, k)| k.text.clone())
        .collect();
    t.sort();
    t
}

/// Clerk A adds `on_a` to the first board and pushes, clerk B adds `on_b` to
/// the second and pulls: a clean merge that `check` accepts, with every card.
fn different_boards(on_a: &[&str], on_b: &[&str]) {
    let team = Team::new(&[(FILE, store::to_ron(&two_boards()).as_bytes())]);
    let a = team.clone_as("a");
    let b = team.clone_as("b");
    add_cards(&a, 0, on_a);
    commit_all(&a, "Altstadt");
    ok(&git(&a, &["push", "-q", "origin", "main"]));
    add_cards(&b, 1, on_b);
    commit_all(&b, "Schalke");

    ok(&pull(&b));
    assert!(unmerged(&b).is_empty());
    let text = fs::read_to_string(b.join(FILE)).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    ok(&stellwand(&b, &["check", FILE]));
    let mut expected: Vec<String> = ["Kita-Plätze", "Sportvereine"]
        .iter()
        .chain(on_a)
        .chain(on_b)
        .map(|t| t.to_string())
        .collect();
    expected.sort();
    assert_eq!(texts(&b.join(FILE)), expected);
}

#[test]
fn cards_added_on_different_boards_merge_in_plain_git_and_pass_check() {
    // Unequal numbers: a counter line would differ and conflict.
    different_boards(
        &["Sprachkurse", "Elternarbeit", "Quartiersbüro"],
        &["Jugendtreff"],
    );
    // Equal numbers: counter ids would be the same on both sides.
    different_boards(
        &["Sprachkurse", "Elternarbeit"],
        &["Sport im Park", "Jugendtreff"],
    );
}
