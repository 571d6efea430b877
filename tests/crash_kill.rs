//! kill -9 of the real program at random moments while a clerk transcribes
//! a board of up to 500 cards: afterwards every session file parses, every
//! card the screen had shown is there (in order, nothing made up), and the
//! card being typed is in the draft up to at most two seconds before the
//! kill. Each trial then reopens the session in the program and sees the
//! cards and the recovered card back in the editor.
//!
//! 50 trials in the normal test run; `STELLWAND_KILL_TRIALS=500` for more,
//! `STELLWAND_KILL_SEED` for other kill moments (the default seed is fixed).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{Rng, Tty, card_count};
use stellwand::core::journal;
use stellwand::core::model::Session;
use stellwand::core::session_file::{DraftTarget, read_draft};
use stellwand::core::store;

const SCRIPT_CARDS: usize = 500;
/// The seed of the normal run, so that a failure repeats; another one with
/// `STELLWAND_KILL_SEED`.
const DEFAULT_SEED: u64 = 20_190_213;
/// The promise: at most this much typing is lost from the card being typed.
const DRAFT_BOUND: Duration = Duration::from_secs(2);
/// Pace of the slowly typed sentence.
const KEY_EVERY: Duration = Duration::from_millis(25);

fn script() -> Vec<String> {
    let words = [
        "Kita-Plätze",
        "Sprachförderung",
        "Nachbarschaftsnetzwerke",
        "Übergang Schule–Beruf",
        "Begegnungscafé",
        "Ehrenamt stärken",
        "Wohnraum für Familien",
        "Sportvereine öffnen",
    ];
    (0..SCRIPT_CARDS)
        .map(|i| format!("{} Nr. {i}", words[i % words.len()]))
        .collect()
}

const SENTENCE: &str = "Die Beratungsstellen sollten auch abends und am Wochenende \
    erreichbar sein, damit berufstätige Eltern kommen können und niemand \
    lange auf einen Termin warten muss";

/// What a trial did before the kill.
struct Done {
    /// Cards the screen had shown as committed before the kill.
    acknowledged: usize,
    /// Cards whose Enter was sent.
    sent: usize,
    /// When each character of the slowly typed sentence was sent.
    slow_keys: Vec<Instant>,
    killed_at: Instant,
}

/// The state on disk as the next start would see it, read without writing.
fn on_disk(path: &Path) -> (Session, Option<String>) {
    for f in store::session_files(path.parent().unwrap()) {
        if let Err(e) = store::load(&f) {
            panic!("a session file does not parse after the kill: {e}");
        }
    }
    let bytes = std::fs::read(path).unwrap();
    let mut s = store::load(path).unwrap().session;
    let r = journal::replay(path, journal::fingerprint(&bytes), &mut s).unwrap();
    assert_eq!(r.skipped, 0, "journal records that did not fit: {r:?}");
    let draft = read_draft(path).map(|d| {
        assert!(matches!(d.target, DraftTarget::New { .. }));
        d.text
    });
    (s, draft)
}

fn trial(seed: u64, script: &[String]) -> (String, Duration) {
    let mut rng = Rng::new(seed);
    let (dir, path, mut tty) = Tty::fresh(common::konferenz, Tty::entering, "konferenz.ron");

    // Half the trials are killed while cards pour in, half while the
    // sentence is typed slowly after them.
    let fast_cards = rng.range(0, SCRIPT_CARDS as u64) as usize;
    let kill_fast = rng.next().is_multiple_of(2) && fast_cards > 0;
    let kill_after_card = rng.range(1, fast_cards.max(1) as u64) as usize;
    let slow_for = Duration::from_millis(rng.range(100, 3500));

    let mut sent = 0;
    // The most cards the screen has shown so far (it only grows here).
    let mut seen = 0;
    let mut done: Option<Done> = None;
    while sent < fast_cards && done.is_none() {
        // One card per write, as a fast typist's keys arrive: a write cut
        // inside a character is a terminal's business, not this test's.
        let mut card = script[sent].clone();
        card.push('\r');
        tty.send(&card);
        sent += 1;
        seen = seen.max(card_count(&tty.contents()).unwrap_or(0));
        if kill_fast && sent >= kill_after_card {
            std::thread::sleep(Duration::from_micros(rng.range(0, 20_000)));
            let acknowledged = seen.max(card_count(&tty.contents()).unwrap_or(0));
            let killed_at = Instant::now();
            tty.kill9();
            done = Some(Done {
                acknowledged,
                sent,
                slow_keys: Vec::new(),
                killed_at,
            });
        } else {
            std::thread::sleep(Duration::from_micros(rng.range(0, 1_500)));
        }
    }
    let done = match done {
        Some(d) => d,
        None => {
            // The clerk looks up, sees the cards, types the next one slowly.
            tty.wait_for(&format!("Karten: {sent} "));
            let start = Instant::now();
            let mut keys = Vec::new();
            for c in SENTENCE.chars() {
                if start.elapsed() >= slow_for {
                    break;
                }
                keys.push(Instant::now());
                tty.send(&c.to_string());
                std::thread::sleep(KEY_EVERY);
            }
            let acknowledged = sent.max(card_count(&tty.contents()).unwrap_or(0));
            let killed_at = Instant::now();
            tty.kill9();
            Done {
                acknowledged,
                sent,
                slow_keys: keys,
                killed_at,
            }
        }
    };

    let (session, draft) = on_disk(&path);
    let cards: Vec<&str> = session.boards[0].columns[0]
        .cards
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    let kept = cards.len();
    assert!(
        kept >= done.acknowledged,
        "seed {seed}: the screen showed {} cards, {kept} came back",
        done.acknowledged
    );
    assert!(kept <= done.sent, "seed {seed}: more cards than typed");
    for (i, text) in cards.iter().enumerate() {
        assert_eq!(*text, script[i], "seed {seed}: card {i} differs");
    }
    let others: usize = session.boards[0].columns[1..]
        .iter()
        .map(|c| c.cards.len())
        .sum();
    assert_eq!(others, 0, "seed {seed}: cards in other columns");

    // The draft: what was typed of the card being written, at most two
    // seconds short.
    let mut lost = Duration::ZERO;
    if !done.slow_keys.is_empty() {
        let typed: String = SENTENCE.chars().take(done.slow_keys.len()).collect();
        let have = draft.clone().unwrap_or_default();
        assert!(
            typed.starts_with(&have),
            "seed {seed}: draft {have:?} is not what was typed {typed:?}"
        );
        let have_chars = have.chars().count();
        let must = done
            .slow_keys
            .iter()
            .filter(|t| done.killed_at.duration_since(**t) > DRAFT_BOUND)
            .count();
        assert!(
            have_chars >= must,
            "seed {seed}: draft has {have_chars} characters, \
             {must} were typed more than 2 s before the kill"
        );
        if let Some(first_missing) = done.slow_keys.get(have_chars) {
            lost = done.killed_at.duration_since(*first_missing);
        }
    } else if let Some(d) = &draft {
        assert!(
            script.iter().any(|c| c.starts_with(d.as_str())),
            "seed {seed}: draft {d:?} was never typed"
        );
    }

    // The next start: the cards, and the sentence back in the editor.
    let mut again = Tty::start(dir.path(), &["konferenz.ron"], &[]);
    // The first column's heading counts its cards (the status bar may give
    // its room to the recovery message).
    again.wait_for(&format!("╔ {kept} Karte"));
    if let Some(d) = draft.filter(|d| !d.is_empty() && !cards.contains(&d.as_str())) {
        again.wait_for("ERFASSEN");
        again.wait_for("Wiederhergestellt");
        // The last whole word (the editor wraps lines at words).
        let word = d
            .split_whitespace()
            .rev()
            .skip(usize::from(!d.ends_with(' ')))
            .find(|w| w.chars().count() >= 4)
            .unwrap_or("ERFASSEN");
        assert!(
            again.shows_within(word, Duration::from_secs(5)),
            "seed {seed}: the draft {d:?} is not in the editor:\n{}",
            again.contents()
        );
    }
    again.kill9();
    let line = format!(
        "seed {seed}: sent {} acknowledged {} kept {kept} draft lost {:?}",
        done.sent, done.acknowledged, lost
    );
    (line, lost)
}

#[test]
fn kill_9_during_transcription_loses_no_acknowledged_card() {
    let trials: u64 = common::env_number("STELLWAND_KILL_TRIALS", 50);
    let base: u64 = common::env_number("STELLWAND_KILL_SEED", DEFAULT_SEED);
    println!("STELLWAND_KILL_SEED={base}");
    let script = script();
    let workers = 4;
    let started = Instant::now();
    let results: Vec<(String, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let script = &script;
                scope.spawn(move || {
                    (0..trials)
                        .filter(|t| t % workers == w)
                        .map(|t| trial(base.wrapping_add(t), script))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a trial failed"))
            .collect()
    });
    let worst = results.iter().map(|(_, l)| *l).max().unwrap_or_default();
    for (r, _) in &results {
        println!("{r}");
    }
    println!(
        "{} trials in {:.1?}; longest draft loss {:?}",
        results.len(),
        started.elapsed(),
        worst
    );
    assert_eq!(results.len() as u64, trials);
}
