//! 200 paired launches of the real program on one session, both started at
//! the same moment in two pseudo-terminals: each time exactly one may write,
//! the other names the writer (user, host, process) and opens read-only.
//! Every other pair is ended with kill -9: the lock a killed program leaves
//! never blocks the next start.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Tty;
use stellwand::core::store;

const READ_ONLY: &str = "Schon geöffnet von";

fn new_session(dir: &Path) {
    let s = common::district_session("Stadtteilkonferenz", "Altstadt");
    store::save(&dir.join("konferenz.ron"), &s).unwrap();
}

/// Waits until the program has opened the session; whether it is the reader.
fn opened(tty: &Tty) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        let screen = tty.contents();
        if screen.contains("Wand 1/1") && screen.contains(READ_ONLY) {
            return true;
        }
        if screen.contains("Wand 1/1") && screen.contains("✓ gespeichert") {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("the session never opened:\n{}", tty.contents());
}

#[test]
fn two_programs_started_together_never_both_write() {
    let pairs: usize = common::env_number("STELLWAND_LOCK_PAIRS", 200);
    let dir = tempfile::tempdir().unwrap();
    new_session(dir.path());
    let started = Instant::now();
    let mut killed = 0;
    for pair in 0..pairs {
        let mut a = Tty::start(dir.path(), &["konferenz.ron"], &[]);
        let mut b = Tty::start(dir.path(), &["konferenz.ron"], &[]);
        let (a_reads, b_reads) = (opened(&a), opened(&b));
        assert!(
            a_reads != b_reads,
            "pair {pair}: {} wrote:\n{}\n{}",
            if a_reads { "neither" } else { "both" },
            a.contents(),
            b.contents()
        );
        let (writer, reader) = if a_reads { (&b, &a) } else { (&a, &b) };
        let screen = reader.contents();
        // The account, not $USER (which the test terminal sets to another name).
        let owner = format!(
            "von {} auf {} (Prozess {})",
            account(),
            hostname(),
            writer.pid()
        );
        assert!(
            screen.contains(&owner),
            "pair {pair}: owner not named ({owner}):\n{screen}"
        );
        assert!(screen.contains("nur lesend"), "{screen}");
        assert!(!writer.contents().contains("nur lesend"));
        if pair % 2 == 0 {
            a.send("q");
            b.send("q");
            assert_eq!(a.wait_exit(Duration::from_secs(10)), Some(Some(0)));
            assert_eq!(b.wait_exit(Duration::from_secs(10)), Some(Some(0)));
        } else {
            a.kill9();
            b.kill9();
            killed += 1;
        }
    }
    println!(
        "{pairs} pairs ({killed} ended by kill -9) in {:.1?}",
        started.elapsed()
    );
    let s = store::load(&dir.path().join("konferenz.ron")).unwrap();
    assert_eq!(s.session.title, "Stadtteilkonferenz");
}

fn account() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "?".into())
}
