//! The program that has a session open is named by its account, whatever
//! `$USER` says (it may be unset or wrong, as under sudo or in a service).

mod common;

use common::pty::Tty;
use stellwand::core::model::Session;
use stellwand::core::store;
use stellwand::core::template::Templates;

#[test]
fn the_lock_names_the_account_not_the_user_variable() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session {
        title: "Stadtteilkonferenz".into(),
        ..Session::default()
    };
    let id = s.fresh_id("b");
    s.boards.push(
        Templates::builtin()
            .board("district-exchange")
            .unwrap()
            .new_board(id, "Altstadt"),
    );
    store::save(&dir.path().join("k.ron"), &s).unwrap();
    let account = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let account = String::from_utf8(account.stdout)
        .unwrap()
        .trim()
        .to_string();
    assert!(!account.is_empty());
    // The harness sets USER to a name that is not the account.
    let first = Tty::start(dir.path(), &["k.ron"], &[("USER", "jemand-anderes")]);
    first.wait_for("✓ gespeichert");
    let second = Tty::start(dir.path(), &["k.ron"], &[("USER", "")]);
    second.wait_for("Schon geöffnet von");
    let screen = second.contents();
    assert!(
        screen.contains(&format!("Schon geöffnet von {account} auf")),
        "{screen}"
    );
    assert!(!screen.contains("jemand-anderes") && !screen.contains("von ? auf"));
}
