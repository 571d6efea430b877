//! Speed of the terminal UI with a 10,000-card session: opening and drawing
//! the first frame, one key press in rapid entry (with and without the photo
//! pane open on a 24-megapixel photo), and saving; reading that photo.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stellwand::core::error::Lang;
use stellwand::core::model::{Card, Session};
use stellwand::core::photo;
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::App;
use stellwand::tui::{Action, ui, update};

const CARDS: usize = 10_000;

/// Times the `i`-th key press, `key(i).0`, with the redraw after it (photos
/// the worker finished taken in first); `key(i).1` is carried out after
/// the clock stopped.
fn bench_key(
    c: &mut Criterion,
    name: &str,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    key: impl Fn(u64) -> (Action, Option<Action>),
) {
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let (timed, after) = key(i);
                let start = Instant::now();
                update(app, timed);
                app.photos.receive();
                terminal.draw(|f| ui::draw(f, app)).unwrap();
                total += start.elapsed();
                if let Some(after) = after {
                    update(app, after);
                }
            }
            total
        })
    });
}

/// Ten district boards; the first column of the first board alone holds
/// half of the cards, so that drawing must not depend on a column's length.
fn big_session() -> Session {
    let templates = Templates::builtin();
    let template = templates.board("district-exchange").unwrap();
    let mut s = Session {
        title: "Großkonferenz".into(),
        date: "2019-02-13".into(),
        ..Session::default()
    };
    for b in 0..10 {
        let id = s.fresh_id("b");
        s.boards
            .push(template.new_board(id, &format!("Stadtteil {b}")));
    }
    let mut n = 0;
    let mut place = |s: &mut Session, board: usize, column: usize| {
        let id = s.fresh_id("k");
        let mut card = Card::new(
            id,
            format!("Karte {n}: Kita-Plätze fehlen, Spracherwerbsförderung im Stadtteil"),
        );
        if n % 7 == 0 {
            card.sub_points.push("Übergang Kita – Schule".into());
        }
        s.boards[board].columns[column].cards.push(card);
        n += 1;
    };
    for _ in 0..CARDS / 2 {
        place(&mut s, 0, 0);
    }
    for i in 0..CARDS / 2 {
        place(&mut s, 1 + i % 9, i % 3);
    }
    s
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gross.ron");
    let session = big_session();
    assert_eq!(session.card_count(), CARDS);
    store::save(&file, &session).unwrap();

    c.bench_function("tui: open 10k-card session and draw first frame", |b| {
        b.iter(|| {
            let app = App::open_file(Lang::De, Templates::builtin(), &file);
            let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
            terminal.draw(|f| ui::draw(f, &app)).unwrap();
            black_box(terminal);
        })
    });

    let mut app = App::open_file(Lang::De, Templates::builtin(), &file);
    update(&mut app, Action::AddCard);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|f| ui::draw(f, &app)).unwrap();
    // Keep the card short, as typed cards are.
    let typing = |i: u64| {
        (
            Action::Input('ä'),
            (i % 40 == 39).then_some(Action::ClearLine),
        )
    };
    let name = "tui: key press in rapid entry and redraw (10k cards)";
    bench_key(c, name, &mut app, &mut terminal, typing);

    // A 24-megapixel photo of the first board, as a camera writes it.
    let photo_file = dir.path().join("wand.jpg");
    image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([(x / 24) as u8, (y / 16) as u8, ((x + y) / 40) as u8])
    })
    .save(&photo_file)
    .unwrap();
    let mut with_photo = session.clone();
    with_photo.boards[0].photos.push("wand.jpg".into());
    let photo_session = dir.path().join("mit-foto.ron");
    store::save(&photo_session, &with_photo).unwrap();

    c.bench_function("photo: read a 24 MP JPEG and scale it once (worker)", |b| {
        b.iter(|| black_box(photo::load(&photo_file).unwrap()))
    });

    let mut app = App::open_file(Lang::De, Templates::builtin(), &photo_session);
    app.size = (120, 35);
    update(&mut app, Action::TogglePhotoPane);
    update(&mut app, Action::AddCard);
    assert!(app.photos.wait(Duration::from_secs(120)), "the photo came");
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|f| ui::draw(f, &app)).unwrap();
    let drawn = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| matches!(c.bg, ratatui::style::Color::Rgb(..)))
        .count();
    assert!(drawn > 100, "the photo is drawn ({drawn} cells)");
    let name = "tui: key press in rapid entry and redraw, photo pane open (10k cards)";
    bench_key(c, name, &mut app, &mut terminal, typing);
    let zoom = |i: u64| {
        let zoom = if i.is_multiple_of(2) {
            Action::ZoomIn
        } else {
            Action::ZoomOut
        };
        (zoom, None)
    };
    let name = "tui: zoom key and redraw while the worker encodes (10k cards)";
    bench_key(c, name, &mut app, &mut terminal, zoom);
    drop(app);

    let out = dir.path().join("save.ron");
    c.bench_function("store: save 10k-card session", |b| {
        b.iter(|| store::save(&out, black_box(&session)).unwrap())
    });
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(tui);
