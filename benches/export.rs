//! Export speed: 100,000 cards in 2,000 themes into a concept repository,
//! first into an empty folder, then again with no change (nothing written);
//! and 100,000 cards with Handlungsfelder but no themes (each listed in its
//! chapter, the untagged ones by wall).

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Bencher, Criterion, criterion_group, criterion_main};
use stellwand::core::export::{self, Options, Source};
use stellwand::core::model::{Card, Session, Theme};
use stellwand::core::template::Templates;

const CARDS: usize = 100_000;
const THEMES: usize = 2_000;

fn big_session(templates: &Templates) -> Session {
    let mut s = Session {
        id: "gross".into(),
        title: "Integrationskonferenz Gesamtstadt".into(),
        date: "2019-02-13".into(),
        tags: templates.tag_set("rostock-2020").unwrap().tags.clone(),
        ..Session::default()
    };
    let template = templates.board("district-exchange").unwrap();
    let boards = 200;
    let per_column = CARDS / boards / template.columns.len() + 1;
    let mut n = 0;
    for b in 0..boards {
        let mut board = template.new_board(format!("b{b}"), &format!("Stadtteil Nr. {b}"));
        for column in &mut board.columns {
            for _ in 0..per_column {
                if n == CARDS {
                    break;
                }
                let mut card = Card::new(
                    format!("k{n}"),
                    format!("Kita-Plätze fehlen in Bulmke-Hüllen, Wunsch Nr. {n} *dringend*"),
                );
                if n % 7 == 0 {
                    card.sub_points.push("↳ über den Tellerrand schauen".into());
                }
                card.flags.uncertain = n % 11 == 0;
                column.cards.push(card);
                n += 1;
            }
        }
        s.boards.push(board);
    }
    let tags: Vec<String> = s.tags.iter().map(|t| t.key.clone()).collect();
    for t in 0..THEMES {
        s.themes.push(Theme {
            id: format!("t{t}"),
            label: format!("Thema {t}: Sprachförderung & Betreuung"),
            tag: (t % 8 != 7).then(|| tags[t % tags.len()].clone()),
            // Cards spread over many boards, as a theme across districts.
            cards: (0..CARDS / THEMES)
                .map(|i| format!("k{}", i * THEMES + t))
                .collect(),
            rejected: Vec::new(),
            confirmed: true,
        });
    }
    s
}

fn export_into(session: &Session, templates: &Templates, dir: &Path) -> export::Plan {
    let sources = [Source {
        session,
        name: "gross",
    }];
    let plan = export::plan(&sources, templates, dir, &Options::default()).expect("plan");
    plan.apply().expect("apply");
    plan
}

fn bench(c: &mut Criterion) {
    let templates = Templates::builtin();
    let session = big_session(&templates);
    assert_eq!(session.card_count(), CARDS);

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let into_empty_folder = |b: &mut Bencher, session: &Session| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let plan = export_into(session, &templates, dir.path());
                black_box(plan.files.len());
                dir
            },
            BatchSize::PerIteration,
        )
    };
    group.bench_function("100k_cards_2k_themes_into_empty_folder", |b| {
        into_empty_folder(b, &session)
    });

    let dir = tempfile::tempdir().unwrap();
    export_into(&session, &templates, dir.path());
    group.bench_function("100k_cards_2k_themes_again_unchanged", |b| {
        b.iter(|| {
            let plan = export_into(&session, &templates, dir.path());
            assert_eq!(
                plan.changes().count(),
                0,
                "an unchanged export writes no file"
            );
            black_box(plan.files.len())
        })
    });

    // No themes: every card goes to its chapter or to the untagged one.
    let mut loose = session.clone();
    loose.themes.clear();
    let keys: Vec<String> = loose.tags.iter().map(|t| t.key.clone()).collect();
    for (i, card) in loose.cards_mut().enumerate() {
        if i % 4 != 3 {
            card.tags.push(keys[i % keys.len()].clone());
        }
    }
    group.bench_function("100k_tagged_cards_without_themes_into_empty_folder", |b| {
        into_empty_folder(b, &loose)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
