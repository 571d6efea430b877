//! Tests of the key table.

use super::*;
use crate::core::error::Lang;
use crate::core::template::Templates;
use crate::tui::app::Entry;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn no_key_is_bound_twice_where_it_is_pressed() {
    let all = [
        [Context::Start, Context::Global].as_slice(),
        &[Context::Board, Context::Global],
        &[Context::Entry],
        &[Context::Form],
        &[Context::Help],
        &[Context::Picker],
        &[Context::Search],
        &[Context::Review, Context::Global],
        &[Context::Export],
        &[Context::ExportAsk],
    ];
    for contexts in all {
        let mut seen: Vec<(Key, &Action)> = Vec::new();
        for b in bindings().iter().filter(|b| contexts.contains(&b.context)) {
            for k in &b.keys {
                if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                    panic!("{k:?} means both {other:?} and {:?}", b.action);
                }
                seen.push((*k, &b.action));
            }
        }
    }
}

#[test]
fn the_contract_keys_do_what_the_product_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    app.screen = Screen::Board;
    let none = KeyModifiers::NONE;
    let cases = [
        (KeyCode::Char('a'), none, Action::AddCard),
        (KeyCode::Char('e'), none, Action::EditCard),
        (KeyCode::Char('d'), none, Action::DeleteCard),
        (KeyCode::Char('u'), none, Action::Undo),
        (KeyCode::Char('r'), KeyModifiers::CONTROL, Action::Redo),
        (KeyCode::Char('s'), KeyModifiers::CONTROL, Action::Save),
        (KeyCode::Char('q'), none, Action::Quit),
        (KeyCode::Char('?'), none, Action::Help),
        (KeyCode::Char('h'), none, Action::Left),
        (KeyCode::Char('j'), none, Action::Down),
        (KeyCode::Char('k'), none, Action::Up),
        (KeyCode::Char('l'), none, Action::Right),
        (KeyCode::Left, none, Action::Left),
        (KeyCode::Char('K'), KeyModifiers::SHIFT, Action::MoveCardUp),
        (KeyCode::Char('/'), none, Action::Search),
        (KeyCode::Char('t'), none, Action::TagPicker),
        (KeyCode::Char('3'), none, Action::ToggleTag(3)),
        (KeyCode::Char('c'), none, Action::ClusterReview),
        (KeyCode::Char('y'), none, Action::Copy),
        (KeyCode::Char('x'), none, Action::Export),
    ];
    for (code, mods, action) in cases {
        assert_eq!(lookup(&app, key(code, mods)), Some(action), "{code:?}");
    }
    app.mode = Mode::Entry(Entry::new_card(0, &[]));
    let cases = [
        (KeyCode::Enter, none, Action::Commit),
        (KeyCode::Tab, none, Action::CommitNext),
        (KeyCode::Esc, none, Action::Cancel),
        (KeyCode::Char('q'), none, Action::Input('q')),
        (KeyCode::Char('Ä'), KeyModifiers::SHIFT, Action::Input('Ä')),
        (KeyCode::Char('c'), KeyModifiers::CONTROL, Action::Interrupt),
    ];
    for (code, mods, action) in cases {
        assert_eq!(lookup(&app, key(code, mods)), Some(action), "{code:?}");
    }
}
