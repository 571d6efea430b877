//! The cluster review of a state's collection (100,000 synthetic cards,
//! `STELLWAND_REVIEW_CARDS` for another number): opening it until the
//! suggestions are on screen, accepting one until the changed screen is
//! drawn, moving the cursor, and opening the session to its first frame.
//! Each step is timed from the action to the drawn frame.
//! `cargo bench --bench review`

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stellwand::core::error::Lang;
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::{App, Mode};
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

fn in_review(app: &App) -> bool {
    matches!(app.mode, Mode::Review(_))
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

    group.bench_function("c: first frame of the review (progress)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
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
    });

    group.bench_function("c: open until the suggestions are drawn", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                update(&mut app, Action::ClusterReview);
                wait(&mut app, &mut terminal);
                total += start.elapsed();
                update(&mut app, Action::Cancel);
            }
            total
        })
    });

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
