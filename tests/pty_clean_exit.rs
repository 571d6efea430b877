//! Nothing of the program's own bookkeeping stays beside a session in a
//! concept repository: after `q` only the session file is left, and the
//! temporary files of a save that was killed are gone after the next start.

mod common;

use common::names;
use std::fs;

use common::pty::Tty;
use stellwand::core::store;

#[test]
fn after_q_only_the_session_file_remains() {
    let dir = tempfile::tempdir().unwrap();
    common::new_session(dir.path(), "district-exchange", "Ost", "ost.ron");
    // A save killed before its rename, and a draft write killed likewise
    // (process ids above any Linux pid_max: those programs are gone).
    fs::write(dir.path().join(".ost.ron.4294967290.tmp"), "Session(").unwrap();
    fs::write(dir.path().join("..ost.ron.draft.4294967291.tmp"), "(").unwrap();

    let mut tty = Tty::on_board(dir.path(), "ost.ron");
    // While the program runs, its lock and journal are there.
    assert!(names(dir.path()).contains(&".ost.ron.lock".to_string()));
    tty.send("a");
    tty.wait_for("ERFASSEN");
    tty.send("Kita-Plätze fehlen\rSprachkurse\x1b");
    tty.wait_for("Sprachkurse");
    tty.quit();

    assert_eq!(names(dir.path()), ["ost.ron"]);
    let s = store::load(&dir.path().join("ost.ron")).unwrap().session;
    let texts: Vec<&str> = s.cards().map(|(_, _, k)| k.text.as_str()).collect();
    assert_eq!(texts, ["Kita-Plätze fehlen", "Sprachkurse"]);
}
