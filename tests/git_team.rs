//! Two clerks, two clones of one concept repository: what git makes of
//! their session files, with and without stellwand's merge driver; cards
//! typed in the real program; `check`, `repair`, `merge` and `git-setup`.

mod common;
mod git_support;

use std::fs;
use std::path::Path;

use common::pty::Tty;
use git_support::{BIN, Team, commit_all, git, ok, pull, stellwand, unmerged};
use stellwand::core::edit::Edit;
use stellwand::core::model::{Card, Session};
use stellwand::core::store;

const FILE: &str = "sessions/konferenz.ron";

/// A session of two district boards with one card each.
/// The cards of both clerks after the merge, in order.
const ALL_SIX: [&str; 6] = [
    "Elternarbeit",
    "Jugendtreff",
    "Kita-Plätze",
    "Quartiersbüro",
    "Sportvereine",
    "Sprachkurse",
];

fn two_boards() -> Session {
    let mut s = common::session("2019-02-13-konferenz", "Stadtteilkonferenz");
    for (title, card) in [("Altstadt", "Kita-Plätze"), ("Schalke", "Sportvereine")] {
        common::add_board(&mut s, "district-exchange", title, &[&[], &[card]]);
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

/// A session of format version 1, as the old program wrote it: two district
/// boards, counter ids and the `next_id` line every edit changed.
const OLD_SESSION: &str = r#"Session(
  version: 1,
  id: "2019-02-13-konferenz",
  title: "Stadtteilkonferenz",
  date: "2019-02-13",
  boards: [
    Board(
      id: "b1",
      title: "Altstadt",
      template: "district-exchange",
      columns: [
        Column(key: "good", heading: "Was läuft gut bei uns im Stadtbezirk…", cards: []),
        Column(key: "needs", heading: "Wo sehen wir Handlungsbedarfe…", cards: [
          Card(id: "k2", text: "Kita-Plätze"),
        ]),
        Column(key: "matters", heading: "Worauf kommt es bei der weiteren Integrationsarbeit besonders an…", cards: []),
      ],
    ),
    Board(
      id: "b3",
      title: "Schalke",
      template: "district-exchange",
      columns: [
        Column(key: "good", heading: "Was läuft gut bei uns im Stadtbezirk…", cards: [
          Card(id: "k4", text: "Sportvereine"),
        ]),
        Column(key: "needs", heading: "Wo sehen wir Handlungsbedarfe…", cards: []),
        Column(key: "matters", heading: "Worauf kommt es bei der weiteren Integrationsarbeit besonders an…", cards: []),
      ],
    ),
  ],
  themes: [],
  next_id: 5,
)
"#;

/// Opens the session in the real program in `clone`, sends `keys` after
/// the board is shown (waiting for `expect` after each step), quits with q.
fn in_program(clone: &Path, steps: &[(&str, &str)]) -> String {
    let mut tty = Tty::start(clone, &[FILE], &[]);
    tty.wait_for(" WAND ");
    for (keys, expect) in steps {
        tty.send(keys);
        tty.wait_for(expect);
    }
    let screen = tty.contents();
    tty.quit();
    screen
}

fn status_is_clean(clone: &Path) {
    let out = ok(&git(
        clone,
        &["status", "--porcelain", "--untracked-files=all"],
    ));
    assert!(out.trim().is_empty(), "left in the repository:\n{out}");
}

fn all_texts(path: &Path) -> Vec<String> {
    let mut t: Vec<String> = store::load(path)
        .unwrap()
        .session
        .cards()
        .flat_map(|(_, _, k)| {
            std::iter::once(k.text.clone()).chain(k.conflict.iter().map(|v| v.text.clone()))
        })
        .collect();
    t.sort();
    t
}

#[test]
fn two_clerks_typing_in_the_program_merge_and_a_card_both_edited_keeps_both_texts() {
    let team = Team::new(&[(FILE, OLD_SESSION.as_bytes())]);
    let a = team.clone_as("a");
    let setup = ok(&stellwand(&a, &["git-setup"]));
    assert!(setup.contains(".gitattributes"), "{setup}");
    commit_all(&a, "stellwand eingerichtet");
    ok(&git(&a, &["push", "-q", "origin", "main"]));
    let b = team.clone_as("b");
    ok(&stellwand(&b, &["git-setup"]));

    // Unequal numbers of cards on different boards, typed in the program.
    in_program(
        &a,
        &[
            ("a", "ERFASSEN"),
            (
                "Sprachkurse\rElternarbeit\rQuartiersbüro\r\x1b",
                "Quartiersbüro",
            ),
        ],
    );
    in_program(
        &b,
        &[
            ("]", "Wand 2/2"),
            ("l", "Handlungsbedarfe"),
            ("a", "ERFASSEN"),
            ("Jugendtreff\r\x1b", "Jugendtreff"),
        ],
    );
    for clone in [&a, &b] {
        // Upgraded from version 1: the backup stays out of git, and
        // nothing else of the program is left.
        assert!(clone.join("sessions/konferenz.v1.bak").exists());
    }
    commit_all(&a, "Altstadt erfasst");
    ok(&git(&a, &["push", "-q", "origin", "main"]));
    commit_all(&b, "Schalke erfasst");
    ok(&pull(&b));
    assert!(unmerged(&b).is_empty());
    status_is_clean(&b);
    ok(&stellwand(&b, &["check", FILE]));
    let merged = all_texts(&b.join(FILE));
    assert_eq!(merged, ALL_SIX);
    let text = fs::read_to_string(b.join(FILE)).unwrap();
    assert!(!text.contains("next_id"), "{text}");
    ok(&git(&b, &["push", "-q", "origin", "main"]));
    ok(&pull(&a));

    // Both edit the same card: the driver keeps both texts on it.
    let edit = |clone: &Path, text: &str| {
        in_program(
            clone,
            &[
                ("l", "Handlungsbedarfe"),
                ("e", "BEARBEITEN"),
                (&format!("\x15{text}\r"), text),
            ],
        );
    };
    edit(&a, "fehlende Kita-Plätze");
    edit(&b, "zu wenig Kitaplätze");
    commit_all(&a, "Kita A");
    ok(&git(&a, &["push", "-q", "origin", "main"]));
    commit_all(&b, "Kita B");
    let out = pull(&b);
    assert!(!out.status.success(), "a conflict for the clerk to decide");
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("beide Fassungen"), "{said}");
    assert_eq!(unmerged(&b), [FILE]);
    let text = fs::read_to_string(b.join(FILE)).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let checked = stellwand(&b, &["check", FILE]);
    assert!(checked.status.success());
    assert!(String::from_utf8_lossy(&checked.stderr).contains("2 Fassungen"));
    let texts = all_texts(&b.join(FILE));
    assert!(
        texts.contains(&"fehlende Kita-Plätze".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"zu wenig Kitaplätze".to_string()),
        "{texts:?}"
    );
    assert_eq!(
        texts.len(),
        merged.len() + 1,
        "every card, one with two texts"
    );

    // The clerk sees both and takes the other one with v.
    let screen = in_program(&b, &[("l", "andere Fassung"), ("v", "Fassung gewählt")]);
    assert!(screen.contains("fehlende Kita-Plätze"), "{screen}");
    let checked = stellwand(&b, &["check", FILE]);
    assert!(checked.status.success() && checked.stderr.is_empty());
    let s = store::load(&b.join(FILE)).unwrap().session;
    assert!(s.cards().all(|(_, _, k)| !k.in_conflict()));
    assert!(s.cards().any(|(_, _, k)| k.text == "fehlende Kita-Plätze"));
    assert_eq!(s.card_count(), merged.len());
    commit_all(&b, "Zusammengeführt");
    status_is_clean(&b);
}

#[test]
fn plain_git_merges_of_counter_ids_are_named_by_check_and_repaired_in_the_program() {
    // What an old program left: two clerks' k5 and k6, merged by git.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doppelt.ron");
    let text = OLD_SESSION.replace(
        r#"          Card(id: "k2", text: "Kita-Plätze"),"#,
        r#"          Card(id: "k2", text: "Kita-Plätze"),
          Card(id: "k5", text: "Sprachkurse"),
          Card(id: "k6", text: "Elternarbeit"),
          Card(id: "k5", text: "Jugendtreff"),
          Card(id: "k6", text: "Quartiersbüro"),"#,
    );
    fs::write(&file, &text).unwrap();
    let out = stellwand(dir.path(), &["check", "doppelt.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("doppelt.ron:17:16: die Kennung „k5“"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("doppelt.ron:18:16: die Kennung „k6“"),
        "{err}"
    );
    assert!(lines[0].contains("stellwand repair doppelt.ron"), "{err}");
    let en = stellwand(dir.path(), &["check", "--lang", "en", "doppelt.ron"]);
    assert!(String::from_utf8_lossy(&en.stderr).contains("is used more than once"));

    // The program refuses it and offers the repair on its error screen.
    let mut tty = Tty::start(dir.path(), &["doppelt.ron"], &[]);
    tty.wait_for("R: doppelte Kennungen reparieren");
    tty.send("R");
    tty.wait_for("alle 6 Karten erhalten");
    tty.send("\r");
    tty.wait_for(" WAND ");
    tty.quit();
    ok(&stellwand(dir.path(), &["check", "doppelt.ron"]));
    assert_eq!(
        fs::read_to_string(dir.path().join("doppelt.vor-reparatur.bak")).unwrap(),
        text
    );
    let texts = all_texts(&file);
    assert_eq!(texts, ALL_SIX);
}

#[test]
fn repair_on_the_command_line_keeps_every_card_and_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.ron");
    let text = OLD_SESSION.replace(r#"id: "k4""#, r#"id: "k2""#);
    fs::write(&file, &text).unwrap();
    assert_eq!(
        stellwand(dir.path(), &["check", "d.ron"]).status.code(),
        Some(1)
    );
    let said = ok(&stellwand(dir.path(), &["repair", "d.ron"]));
    assert!(said.contains("1 doppelte Kennung(en)"), "{said}");
    assert!(said.contains("alle 2 Karten erhalten"), "{said}");
    ok(&stellwand(dir.path(), &["check", "d.ron"]));
    assert_eq!(all_texts(&file), ["Kita-Plätze", "Sportvereine"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("d.vor-reparatur.bak")).unwrap(),
        text
    );
    let again = ok(&stellwand(dir.path(), &["repair", "--lang", "en", "d.ron"]));
    assert!(again.contains("nothing to do"), "{again}");
    let missing = stellwand(dir.path(), &["repair", "fehlt.ron"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("fehlt.ron"));
}

#[test]
fn the_merge_command_exits_0_merged_1_conflict_kept_2_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = two_boards();
    let write = |name: &str, s: &Session| fs::write(d.join(name), store::to_ron(s)).unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let add = |s: &mut Session, b: usize, text: &str| {
        let id = s.fresh_id("k");
        s.boards[b].columns[1].cards.push(Card::new(id, text));
    };
    add(&mut ours, 0, "Sprachkurse");
    add(&mut theirs, 0, "Jugendtreff");
    write("base", &base);
    write("ours", &ours);
    write("theirs", &theirs);
    let out = stellwand(d, &["merge", "base", "ours", "theirs", FILE]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = store::load(&d.join("ours")).unwrap().session;
    assert_eq!(merged.card_count(), 4);

    theirs.boards[0].columns[1].cards[0].text = "Kitaplätze".into();
    ours.boards[0].columns[1].cards[0].text = "Kita-Plätze fehlen".into();
    write("ours", &ours);
    write("theirs", &theirs);
    let out = stellwand(
        d,
        &["merge", "--lang", "en", "base", "ours", "theirs", FILE],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{FILE}: card")), "{err}");
    let merged = store::load(&d.join("ours")).unwrap().session;
    assert!(merged.boards[0].columns[1].cards[0].in_conflict());

    let garbage = "Session(\n  title: \"kaputt\",\n<<<<<<< HEAD\n";
    fs::write(d.join("ours"), garbage).unwrap();
    let out = stellwand(d, &["merge", "base", "ours", "theirs", FILE]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{FILE}:3:")), "{err}");
    assert_eq!(
        fs::read_to_string(d.join("ours")).unwrap(),
        garbage,
        "untouched"
    );
}

#[test]
fn git_setup_says_what_it_did_and_a_second_run_changes_nothing() {
    let team = Team::new(&[(FILE, store::to_ron(&two_boards()).as_bytes())]);
    let a = team.clone_as("a");
    fs::write(a.join(".gitignore"), "/export\n").unwrap();
    let said = ok(&stellwand(&a, &["git-setup"]));
    assert!(
        said.contains(".gitattributes: 1 Zeile(n) ergänzt"),
        "{said}"
    );
    assert!(said.contains(".gitignore: 7 Zeile(n) ergänzt"), "{said}");
    let ignore = fs::read_to_string(a.join(".gitignore")).unwrap();
    assert!(ignore.starts_with("/export\n"), "kept: {ignore}");
    for pattern in [".*.ron.lock", ".*.ron.journal", ".*.ron.draft", ".*.tmp"] {
        assert!(ignore.lines().any(|l| l == pattern), "{pattern}: {ignore}");
    }
    let attributes = fs::read_to_string(a.join(".gitattributes")).unwrap();
    assert!(attributes.lines().any(|l| l == "*.ron merge=stellwand"));
    let driver = ok(&git(&a, &["config", "merge.stellwand.driver"]));
    let bin = fs::canonicalize(BIN).unwrap();
    assert_eq!(
        driver.trim(),
        format!("'{}' merge %O %A %B %P", bin.display())
    );
    // What git would hand over for the session file.
    let attr = ok(&git(&a, &["check-attr", "merge", "--", FILE]));
    assert!(attr.trim().ends_with("merge: stellwand"), "{attr}");
    // The program's files beside a session are ignored.
    let ignored = git(&a, &["check-ignore", "-q", "sessions/.konferenz.ron.lock"]);
    assert!(ignored.status.success());

    let again = ok(&stellwand(&a, &["git-setup", "--lang", "en", "."]));
    assert!(again.contains(".gitattributes: already set up"), "{again}");
    assert!(again.contains(".gitignore: already set up"), "{again}");

    let outside = tempfile::tempdir().unwrap();
    let out = stellwand(outside.path(), &["git-setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ist kein git-Repository"));
}
