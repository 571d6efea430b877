//! The cluster review of a state's collection (100,000 synthetic cards,
//! `STELLWAND_REVIEW_CARDS` for another number): opening it until the
//! suggestions are on screen (with no kept run, with the last run kept in
//! memory, and in a new program from the cache file), accepting one until
//! the changed screen is drawn, moving the cursor, and opening the session
//! to its first frame. Each step is timed from the action to the drawn
//! frame. A whole run until the suggestions are drawn takes seconds; it is
//! timed with `STELLWAND_BENCH_WHOLE_RUN=1`.
//! `cargo bench --bench review`

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stellwand::core::cluster::kept;
use stellwand::core::error::Lang;
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::{App, Mode};
use stellwand::tui::themes::Kept;
use stellwand::tui::{Action, ui, update};

fn cards() -> usize {
    std::env::var("STELLWAND_REVIEW_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| ui::draw(f, app)).unwrap();
}

/// Ticks until the background clustering is on screen.
fn wait(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    while app.busy().is_some() {
        std::thread::sleep(Duration::from_millis(2));
        update(app, Action::Tick);
    }
    draw(terminal, app);
}

/// Ticks until the suggestions are on screen (a kept run may still be
/// settling in the background).
fn wait_listed(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    while matches!(&app.mode, Mode::Review(r) if r.job.is_some()) {
        std::thread::sleep(Duration::from_millis(2));
        update(app, Action::Tick);
    }
    draw(terminal, app);
}

fn in_review(app: &App) -> bool {
    matches!(app.mode, Mode::Review(_))
}

/// Forgets the kept run, in memory and in the cache file.
fn forget(app: &mut App, file: &std::path::Path) {
    app.cluster.kept = Kept::default();
    let _ = std::fs::remove_file(kept::cache_path(file).unwrap());
}

fn bench(c: &mut Criterion) {
    let n = cards();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("land.ron");
    store::save(&file, &synthetic::session(n, 42)).unwrap();
    let mut group = c.benchmark_group(format!("review {n} cards"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(5));

    group.bench_function("open the session to the first frame", |b| {
        b.iter(|| {
            let app = App::open_file(Lang::De, Templates::builtin(), &file);
            let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
            draw(&mut terminal, &app);
            black_box((app, terminal));
        })
    });

    let mut app = App::open_file(Lang::De, Templates::builtin(), &file);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    draw(&mut terminal, &app);

    group.bench_function(
        "c: first frame of the review, no kept run (progress)",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    forget(&mut app, &file);
                    let start = Instant::now();
                    update(&mut app, Action::ClusterReview);
                    draw(&mut terminal, &app);
                    total += start.elapsed();
                    // Not measured: the run ends, so the next one has the cores.
                    wait(&mut app, &mut terminal);
                    update(&mut app, Action::Cancel);
                }
                total
            })
        },
    );

    if std::env::var_os("STELLWAND_BENCH_WHOLE_RUN").is_some() {
        group.bench_function(
            "c: open until the suggestions are drawn, no kept run",
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        forget(&mut app, &file);
                        let start = Instant::now();
                        update(&mut app, Action::ClusterReview);
                        wait(&mut app, &mut terminal);
                        total += start.elapsed();
                        update(&mut app, Action::Cancel);
                    }
                    total
                })
            },
        );
    }

    // A whole run, kept.
    update(&mut app, Action::ClusterReview);
    wait(&mut app, &mut terminal);
    update(&mut app, Action::Cancel);
    group.bench_function(
        "c: open until the suggestions are drawn, run kept in memory",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    update(&mut app, Action::ClusterReview);
                    wait_listed(&mut app, &mut terminal);
                    total += start.elapsed();
                    assert!(app.busy().is_none(), "not taken from memory");
                    update(&mut app, Action::Cancel);
                }
                total
            })
        },
    );

    // Written when the review was left.
    let quit = |app: &mut App| {
        stellwand::tui::themes::leave(app);
    };
    quit(&mut app);
    assert!(kept::load(&file).is_some(), "no cache file");
    // The session's lock goes with the program.
    drop(app);
    group.bench_function(
        "c: open until the suggestions are drawn, a new program with the cache file",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // Not measured: a new program opens the session.
                    let mut fresh = App::open_file(Lang::De, Templates::builtin(), &file);
                    draw(&mut terminal, &fresh);
                    let start = Instant::now();
                    update(&mut fresh, Action::ClusterReview);
                    wait_listed(&mut fresh, &mut terminal);
                    total += start.elapsed();
                    assert!(
                        matches!(&fresh.mode, Mode::Review(r) if r.grouping.suggestions > 0),
                        "no suggestions"
                    );
                    // Not measured: the cards are analysed in the background.
                    wait(&mut fresh, &mut terminal);
                    update(&mut fresh, Action::Cancel);
                }
                total
            })
        },
    );

    let mut app = App::open_file(Lang::De, Templates::builtin(), &file);
    update(&mut app, Action::ClusterReview);
    wait(&mut app, &mut terminal);
    assert!(in_review(&app));

    group.bench_function("a: accept a suggestion until the changed screen", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                update(&mut app, Action::AcceptTheme);
                draw(&mut terminal, &app);
                total += start.elapsed();
                // Undone unmeasured, so each accept meets the same list.
                update(&mut app, Action::Undo);
                wait(&mut app, &mut terminal);
            }
            total
        })
    });

    group.bench_function("j: cursor down in the list", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let action = if i % 400 < 200 {
                    Action::Down
                } else {
                    Action::Up
                };
                let start = Instant::now();
                update(&mut app, action);
                draw(&mut terminal, &app);
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
