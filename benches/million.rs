//! A state's collection in one session file: a million synthetic cards
//! (about 80 MB). Times opening it to the first drawn frame the way the
//! program does (read, parse, index, lock, journal, back to the card
//! where it was left, first draw), a key
//! typed in rapid entry with its redraw, and the autosave's time on the
//! screen's thread. Generating the file takes seconds
//! and each opening about a second, so it runs only with
//! `STELLWAND_BENCH_MILLION=1` (`STELLWAND_MILLION_CARDS` for another
//! number): `STELLWAND_BENCH_MILLION=1 cargo bench --bench million`.

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
use stellwand::tui::app::App;
use stellwand::tui::{Action, ui, update};

fn cards() -> usize {
    std::env::var("STELLWAND_MILLION_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| ui::draw(f, app)).unwrap();
}

fn bench(c: &mut Criterion) {
    if std::env::var_os("STELLWAND_BENCH_MILLION").is_none() {
        eprintln!("million: not run; set STELLWAND_BENCH_MILLION=1 to open a million cards");
        return;
    }
    let n = cards();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("land.ron");
    store::save(&file, &synthetic::session(n, 42)).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    eprintln!("million: {n} cards, {} MB", size / 1_000_000);

    let mut group = c.benchmark_group(format!("session of {n} cards"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(10));

    // As the program starts: the place where the session was left (a card
    // in the middle of the collection) is remembered and gone back to.
    let recent = dir.path().join("state/recent.ron");
    let open = || {
        let mut app = App::open_file(Lang::De, Templates::builtin(), &file);
        app.recent = Some(recent.clone());
        app.restore_place();
        app
    };
    {
        let mut app = open();
        let doc = app.doc.as_mut().unwrap();
        let middle = doc.session.boards.len() / 2;
        let id = doc.session.boards[middle].columns[0].cards[0].id.clone();
        doc.select(&id);
        app.remember_place();
        assert_eq!(open().doc.unwrap().card().unwrap().id, id);
    }

    group.bench_function("open the file to the first frame", |b| {
        b.iter_with_large_drop(|| {
            let app = open();
            let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
            draw(&mut terminal, &app);
            (app, terminal)
        })
    });

    let mut app = open();
    assert_eq!(app.doc.as_ref().unwrap().session.card_count(), n);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    draw(&mut terminal, &app);
    update(&mut app, Action::AddCard);
    draw(&mut terminal, &app);
    group.bench_function("key in rapid entry and redraw", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let start = Instant::now();
                update(&mut app, Action::Input('ä'));
                draw(&mut terminal, &app);
                total += start.elapsed();
                if i % 40 == 39 {
                    update(&mut app, Action::ClearLine);
                }
            }
            black_box(&terminal);
            total
        })
    });
    // The autosave after a card is committed: the time the screen's thread
    // spends on it (copying the session, later finishing the save), while
    // the file is written on another thread, against a save in the
    // foreground.
    update(&mut app, Action::Commit);
    let far = || Instant::now() + Duration::from_secs(3600);
    let change = |app: &mut App| {
        update(app, Action::Input('x'));
        update(app, Action::Commit);
    };
    group.bench_function("autosave, time on the screen's thread", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                change(&mut app);
                loop {
                    let start = Instant::now();
                    stellwand::tui::update::autosave(&mut app, far());
                    total += start.elapsed();
                    if !app.saving() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                assert!(!app.doc.as_ref().unwrap().dirty);
            }
            total
        })
    });
    group.bench_function("save in the foreground", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                change(&mut app);
                let start = Instant::now();
                stellwand::tui::update::save(&mut app, true);
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(million, bench);
criterion_main!(million);
