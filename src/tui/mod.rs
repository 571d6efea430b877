//! The terminal shell: the event loop around app state, keymap, update and drawing.

pub mod action;
pub mod app;
pub mod editor;
pub mod i18n;
pub mod keymap;
pub mod search;
pub mod tags;
pub mod ui;
pub mod update;

use std::io::{self, stdout};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::App;
pub use update::update;

/// How often the loop wakes without input, for autosave.
const TICK: Duration = Duration::from_millis(250);

/// Runs the terminal UI until the user quits. The terminal is restored on
/// every way out, a panic included.
pub fn run(mut app: App) -> io::Result<()> {
    let mut terminal = ratatui::init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    if result.is_err() {
        // The terminal failed under us: keep what was done.
        update::save(&mut app, true);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        if app.quit {
            return Ok(());
        }
        if event::poll(TICK)? {
            // Handle everything that is waiting before drawing again, so
            // fast typing and pastes never lag behind.
            loop {
                match event::read()? {
                    Event::Key(key) if key.kind != KeyEventKind::Release => {
                        if let Some(action) = keymap::lookup(app, key) {
                            update(app, action);
                        }
                    }
                    Event::Paste(text) => update(app, Action::Paste(text)),
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        update(app, Action::Tick);
    }
}
