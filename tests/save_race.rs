//! Another program replaces a large session file at a random moment while
//! stellwand saves it: its change must never be lost. Either the save sees
//! the change and writes the conflict file (theirs stays), or their rename
//! comes after ours (theirs is on disk). Lost is: the save wrote without a
//! conflict and our content is on disk although theirs was written first.
//!
//! 10 trials of a 2 MB session in the normal run; `STELLWAND_RACE_TRIALS=N`
//! for more, `STELLWAND_RACE_MB=7` for the size of the largest sessions seen.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use stellwand::core::model::Session;
use stellwand::core::session_file::{self, Saved};
use stellwand::core::store;

fn big_session(mb: usize) -> Session {
    let mut texts = Vec::new();
    let mut bytes = 0;
    while bytes < mb * 1024 * 1024 {
        let n = texts.len();
        let text = format!(
            "Karte {n}: Die Beratungsstellen sollten auch abends erreichbar sein, damit berufstätige Eltern kommen können ({n})"
        );
        bytes += text.len() + 40;
        texts.push(text);
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut s = common::needs_session("gross", "Große Konferenz", "", "", &texts, 2);
    s.next_id = texts.len() as u64 + 2;
    s
}

/// Replaces `path` with `text` as an editor or `git checkout` would.
fn replace(path: &Path, text: &str) {
    let tmp = path.with_file_name("fremd.tmp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_change_made_while_a_large_session_saves_is_never_lost() {
    let trials: usize = common::env_number("STELLWAND_RACE_TRIALS", 10);
    let mb: usize = common::env_number("STELLWAND_RACE_MB", 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gross.ron");
    let base = big_session(mb);
    let (mut lost, mut conflicts, mut theirs_later) = (0, 0, 0);
    // How long a save takes here, to aim the other program's write
    // somewhere inside it.
    let t = Instant::now();
    store::save(&path, &base).unwrap();
    let window = t.elapsed().max(Duration::from_millis(5));
    let mut seed = 0x5eed_u64;
    for trial in 0..trials {
        store::save(&path, &base).unwrap();
        let mut o = session_file::open(&path).unwrap();
        o.session.title = format!("meine Fassung {trial}");
        let theirs = fs::read_to_string(&path).unwrap().replacen(
            "Große Konferenz",
            &format!("fremde Fassung {trial}"),
            1,
        );
        let file = o.file.as_mut().unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (window.as_micros() as u64 + 1));
        let other_path = path.clone();
        let other_text = theirs.clone();
        let other = std::thread::spawn(move || {
            std::thread::sleep(delay);
            replace(&other_path, &other_text);
        });
        let saved = file.save(&o.session).unwrap();
        other.join().unwrap();
        let on_disk = fs::read_to_string(&path).unwrap();
        match &saved {
            Saved::Conflict { side, .. } => {
                conflicts += 1;
                assert_eq!(on_disk, theirs, "trial {trial}: the conflict left theirs");
                let mine = store::load(side).unwrap().session;
                assert_eq!(mine.title, format!("meine Fassung {trial}"));
                fs::remove_file(side).unwrap();
            }
            Saved::Written if on_disk == theirs => theirs_later += 1,
            Saved::Written => lost += 1,
        }
        let file = o.file.take().unwrap();
        file.close(true);
        for e in fs::read_dir(dir.path()).unwrap() {
            let p = e.unwrap().path();
            if p != path {
                let _ = fs::remove_file(p);
            }
        }
    }
    println!(
        "{trials} trials, {mb} MB: {conflicts} conflict file(s), {theirs_later} after the save, {lost} lost"
    );
    assert_eq!(lost, 0, "{lost} of {trials} changes lost");
}
