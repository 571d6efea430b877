//! What crash safety costs per keystroke and per card: appending a flushed
//! journal record (every committed card) and writing the draft atomically
//! (at most every half second while a card is typed).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::edit::Edit;
use stellwand::core::journal::{Journal, fingerprint};
use stellwand::core::model::{Card, Session};
use stellwand::core::session_file::{self, Draft, DraftTarget};
use stellwand::core::store;
use stellwand::core::template::Templates;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let templates = Templates::builtin();
    let s = Session::from_template(
        templates.board("district-exchange").unwrap(),
        "",
        "",
        "",
        None,
    );
    store::save(&path, &s).unwrap();
    let base = fingerprint(&std::fs::read(&path).unwrap());

    let mut journal = Journal::create(&path, base).unwrap();
    let mut n = 0u64;
    c.bench_function("journal: append one card, flushed to disk", |b| {
        b.iter(|| {
            n += 1;
            let edit = Edit::InsertCard {
                board: "b1".into(),
                column: "good".into(),
                index: usize::MAX,
                card: Card::new(format!("k{n}"), "Kita-Plätze fehlen im Stadtteil"),
            };
            journal.append(black_box(&edit)).unwrap();
        })
    });
    drop(journal);

    let mut opened = session_file::open(&path).unwrap();
    let file = opened.file.as_mut().unwrap();
    let mut i = 0u64;
    c.bench_function("draft: write the card being typed atomically", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                i += 1;
                let draft = Draft {
                    target: DraftTarget::New {
                        board: "b1".into(),
                        column: "good".into(),
                        index: 0,
                    },
                    text: format!("Die Beratungsstellen sollten auch abends {i}"),
                };
                let start = Instant::now();
                file.write_draft(black_box(&draft)).unwrap();
                total += start.elapsed();
            }
            total
        })
    });
}

criterion_group! {
    name = journal;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(journal);
