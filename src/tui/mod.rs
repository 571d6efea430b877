//! The terminal shell: the event loop around app state, keymap, update and drawing.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod editor;
pub mod entry;
pub mod export;
pub mod i18n;
pub mod keymap;
pub mod learn;
pub mod measures;
pub mod photo;
pub mod search;
pub mod state;
pub mod tags;
pub mod testhook;
pub mod themes;
pub mod ui;
pub mod update;

use std::io::{self, stdout};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, Event, KeyCode,
    KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

pub use action::Action;
pub use app::App;
pub use update::update;

/// How often the loop wakes without input, for autosave and the draft.
const TICK: Duration = Duration::from_millis(250);
/// How often it wakes while the review clusters in the background.
const BUSY_TICK: Duration = Duration::from_millis(40);

/// How often the loop looks for a photo the worker is preparing, or for a
/// save written on another thread.
const PHOTO_POLL: Duration = Duration::from_millis(15);

/// Runs the terminal UI until the user quits. The terminal is restored and
/// the session saved on every way out: quitting, a closed terminal window
/// (SIGHUP), SIGTERM, a failing terminal; after a panic the session is saved
/// if it still makes a whole file, and the journal and draft keep the rest.
pub fn run(app: App) -> io::Result<()> {
    run_opening(|| app)
}

/// [`run`] on the app that `open` makes once the terminal is set up: the
/// session is read while the terminal answers the graphics query, and the
/// first frame is drawn without waiting for that answer.
pub fn run_opening(open: impl FnOnce() -> App) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // A second signal ends the program at once, should the first save hang.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    let _ = execute!(stdout(), EnableBracketedPaste);
    // Asked before anything reads the terminal's input, with a deadline;
    // the answer comes through the event reader.
    let graphics = photo::Graphics::ask();
    let mut app = open();
    graphics.wait_sent();
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        testhook::check("start");
        event_loop(&mut terminal, &mut app, &stop, graphics)
    }));
    match outcome {
        Ok(result) => {
            update::shutdown(&mut app);
            restore_terminal();
            result
        }
        Err(panic) => {
            update::rescue(&mut app);
            restore_terminal();
            std::panic::resume_unwind(panic)
        }
    }
}

/// Puts the terminal back as it was: raw mode off (echo on), the normal
/// screen, the cursor shown, mouse reporting and bracketed paste off. Only
/// once: leaving the alternate screen again would move the cursor back above
/// a panic message printed since.
fn restore_terminal() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

/// How long after a paste what follows still belongs to it. A terminal
/// sends a paste in one go: the rest of it is already waiting, while the
/// next key a person presses comes far later.
const PASTE_TAIL: Duration = Duration::from_millis(30);

/// What the event reader hands the loop.
enum Input {
    Event(io::Result<Event>),
    /// The terminal's answer to the graphics query.
    Graphics(photo::Graphics),
}

/// Reads terminal events on a thread of its own, so that the loop never
/// waits on the terminal: when the terminal window is closed, crossterm's
/// reader can spin on the end of input, and the loop must still see the
/// signal and save. First comes the answer to the graphics query, then the
/// keys typed before it, then everything read after it.
fn spawn_reader(graphics: photo::Asking) -> mpsc::Receiver<Input> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (graphics, typed) = graphics.answer();
        if tx.send(Input::Graphics(graphics)).is_err() {
            return;
        }
        for event in typed {
            if tx.send(Input::Event(Ok(event))).is_err() {
                return;
            }
        }
        loop {
            let event = match event::read() {
                Ok(Event::Paste(text)) => whole_paste(text),
                other => (other, None),
            };
            let (event, after) = event;
            let failed = event.is_err();
            if tx.send(Input::Event(event)).is_err() || failed {
                return;
            }
            if let Some(after) = after
                && tx.send(Input::Event(Ok(after))).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// A paste with what arrived right behind it. crossterm ends a bracketed
/// paste at the first `ESC[201~`, so a pasted text holding that marker
/// would have its rest read as keys (`ddd` deleting cards); the keys that
/// come within [`PASTE_TAIL`] are taken back into the paste as text, and
/// the paste's real end marker, which crossterm drops, ends nothing. The
/// first event that cannot be text is handed on after the paste.
fn whole_paste(mut text: String) -> (io::Result<Event>, Option<Event>) {
    use ratatui::crossterm::event::KeyModifiers;
    while event::poll(PASTE_TAIL).unwrap_or(false) {
        match event::read() {
            Ok(Event::Paste(more)) => text.push_str(&more),
            Ok(Event::Key(key)) => {
                if key.kind == KeyEventKind::Release {
                    continue;
                }
                let plain = !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                match key.code {
                    KeyCode::Char(c) if plain => text.push(c),
                    KeyCode::Enter => text.push('\n'),
                    KeyCode::Tab => text.push('\t'),
                    // Escape sequences in the pasted text: nothing of them
                    // is text.
                    _ => {}
                }
            }
            Ok(other) => return (Ok(Event::Paste(text)), Some(other)),
            Err(_) => break,
        }
    }
    (Ok(Event::Paste(text)), None)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    graphics: photo::Asking,
) -> io::Result<()> {
    let events = spawn_reader(graphics);
    // Drawn when something happened: an event, or a tick that changed what
    // the screen shows. Nothing else wakes the screen.
    let mut changed = true;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        if changed {
            terminal.draw(|frame| {
                testhook::check("draw");
                ui::draw(frame, app)
            })?;
            changed = false;
        }
        if app.quit {
            return Ok(());
        }
        // A clustering run in the background is looked at often, so that
        // its progress and outcome show soon; a photo being read, more often
        // still; else rest.
        let wait = if app.photos.busy() || app.saving() {
            PHOTO_POLL
        } else if app.busy().is_some() {
            BUSY_TICK
        } else {
            TICK
        };
        let mut next = match events.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("terminal input closed"));
            }
        };
        // Handle everything that is waiting before drawing again, so fast
        // typing and pastes never lag behind.
        while let Some(input) = next.take() {
            changed = true;
            match input {
                Input::Graphics(graphics) => {
                    app.photos.set_graphics(graphics);
                    update::sync_photo(app);
                }
                Input::Event(event) => match event? {
                    Event::Key(key) if key.code == KeyCode::F(12) && testhook::arm() => {}
                    event => update::event(app, event),
                },
            }
            if app.quit || stop.load(Ordering::SeqCst) {
                break;
            }
            next = events.try_recv().ok();
        }
        if app.photos.receive() {
            changed = true;
            continue;
        }
        testhook::check("tick");
        let before = app.tick_view();
        update(app, Action::Tick);
        changed |= app.tick_view() != before;
    }
}
