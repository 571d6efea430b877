//! Carries out actions: every change to the session goes through an `Edit`
//! and the history ([`App::apply`]), so that undo, redo and autosave cover
//! all of them. Each screen and mode has its own file; this one dispatches.

mod board;
mod entry;
mod form;
mod pane;
mod persist;
mod photo;
#[cfg(test)]
mod save_tests;
mod start;
#[cfg(test)]
mod tests;

use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyEventKind};

use super::action::Action;
use super::app::{App, Mode, Screen, Severity};
use super::{clipboard, export, keymap, measures, search, tags, testhook, themes};

pub use entry::shutdown;
pub use pane::sync as sync_photo;
pub use persist::{autosave, close, rescue, save, tick};

/// One terminal event: a key through the keymap, a paste as it is. While
/// the review clusters in the background, they wait for it (in order).
pub fn event(app: &mut App, event: Event) {
    if themes::hold(app, &event) {
        return;
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if let Some(action) = keymap::lookup(app, key) {
                testhook::check("update");
                update(app, action);
            }
        }
        Event::Paste(text) => update(app, Action::Paste(text)),
        Event::Resize(width, height) => {
            app.size = (width, height);
            sync_photo(app);
        }
        _ => {}
    }
}

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    dispatch(app, action);
    pane::sync(app);
}

fn dispatch(app: &mut App, action: Action) {
    // Pasted text is text only, wherever it goes.
    let action = match action {
        Action::Paste(text) => Action::Paste(crate::core::sanitize::pasted(&text)),
        other => other,
    };
    match action {
        Action::Tick => {
            tick(app, Instant::now());
            for waited in themes::poll(app) {
                event(app, waited);
            }
            return;
        }
        Action::Interrupt => return entry::interrupt(app),
        Action::Paste(text) if app.help.is_none() && matches!(app.mode, Mode::Normal) => {
            // Several lines pasted on the board become cards at once; one
            // line starts a new card holding the text.
            if app.screen == Screen::Board && clipboard::is_multi_line(&text) {
                clipboard::paste_cards(app, &text);
            } else if app.screen == Screen::Board {
                entry::start_entry(app, entry::EntryPlace::End);
                if let Mode::Entry(e) = &mut app.mode {
                    e.editor.insert_str(&text);
                }
            }
            return;
        }
        _ => {}
    }
    // A plain message lasts until the next key; warnings and errors stay
    // until something else is said.
    if app
        .status
        .as_ref()
        .is_some_and(|s| s.severity == Severity::Info)
    {
        app.status = None;
    }
    if app.help.is_some() {
        return help(app, action);
    }
    // q means quit wherever it is not typed text (the keymap makes it a
    // letter while typing): the review or a dialog closes on the way out.
    if action == Action::Quit {
        // The review's run is kept (and its cache file written) first.
        themes::leave(app);
    }
    if action == Action::Quit && !matches!(app.mode, Mode::Normal) {
        app.mode = Mode::Normal;
        return persist::quit(app);
    }
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Entry(e) => entry::entry_action(app, e, action),
        Mode::Form(f) => form::form_action(app, f, action),
        Mode::Picker(picker) if picker.purpose == tags::Purpose::Photo => {
            pane::picker_action(app, picker, action)
        }
        Mode::Picker(picker) if picker.purpose == tags::Purpose::Column => {
            board::column_picker_action(app, picker, action)
        }
        Mode::Picker(picker) => tags::picker_action(app, picker, action),
        Mode::Search(s) => search::search_action(app, s, action),
        Mode::Review(r) => themes::review_action(app, r, action),
        Mode::Export(dialog) => export::dialog_action(app, dialog, action),
        Mode::Measures(list) => measures::list_action(app, list, action),
        Mode::Confirm(c) => board::confirm_action(app, c, action),
        Mode::Normal => match app.screen {
            Screen::Start => start::start_action(app, action),
            Screen::Board => {
                board::board_action(app, action);
                if let Some(doc) = app.doc.as_mut() {
                    tags::snap_to_filter(doc);
                }
            }
        },
    }
}

fn help(app: &mut App, action: Action) {
    let offset = app.help.unwrap_or(0);
    app.help = match action {
        Action::Up => Some(offset.saturating_sub(1)),
        // Never past the end, so that ↑ moves at once.
        Action::Down => {
            let (width, height) = app.size;
            let area = ratatui::layout::Rect::new(0, 0, width, height);
            Some((offset + 1).min(super::ui::help::last_offset(app, area)))
        }
        Action::Cancel | Action::Help | Action::Quit => None,
        _ => Some(offset),
    };
}

/// Keys that mean the same on the start screen and the board.
fn common(app: &mut App, action: &Action) -> bool {
    match action {
        Action::Help => app.help = Some(0),
        Action::Save => {
            save(app, false);
        }
        Action::Quit => persist::quit(app),
        _ => return false,
    }
    true
}
