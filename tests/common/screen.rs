//! The interface drawn into a test terminal, and driven as the keys would.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stellwand::tui::app::App;
use stellwand::tui::{Action, ui, update};

/// The screen of `app` at `width`×`height`, as text.
pub fn draw(app: &App, width: u16, height: u16) -> String {
    buffer(app, width, height).to_string()
}

/// The screen of `app` at `width`×`height`, with its colours.
pub fn buffer(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().clone()
}

/// Types `text` key by key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Input(c));
    }
}

/// One step of a clerk: an action, or text typed.
pub enum Step {
    Do(Action),
    Type(&'static str),
}

/// Goes through `steps` in order.
pub fn play(app: &mut App, steps: &[Step]) {
    for step in steps {
        match step {
            Step::Do(a) => {
                update(app, a.clone());
            }
            Step::Type(t) => type_text(app, t),
        }
    }
}
