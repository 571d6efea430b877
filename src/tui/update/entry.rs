//! The card editor: rapid entry of new cards and editing of one card.

use crate::core::edit::Edit;
use crate::core::model::Card;

use super::super::action::Action;
use super::super::app::{App, Doc, Entry, EntryTarget, Mode};
use super::super::editor::Editor;
use super::super::i18n::Msg;
use super::persist::save;

pub(super) enum EntryPlace {
    End,
    Below,
}

pub(super) fn start_entry(app: &mut App, place: EntryPlace) {
    if !app.writable() {
        return;
    }
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(column) = doc.column() else {
        return app.warn(Msg::NoBoard);
    };
    let index = match (place, doc.card_index()) {
        (EntryPlace::Below, Some(i)) => i + 1,
        _ => column.cards.len(),
    };
    app.mode = Mode::Entry(Entry {
        target: EntryTarget::New { index },
        editor: Editor::default(),
    });
}

pub(super) fn start_edit(app: &mut App, sub_point: bool) {
    if !app.writable() {
        return;
    }
    let Some(card) = app.doc.as_ref().and_then(Doc::card) else {
        return app.warn(Msg::NoCard);
    };
    let mut editor = Editor::from_card_parts(&card.text, &card.sub_points);
    if sub_point {
        editor.end();
        while editor.cursor() < editor.text().len() {
            editor.down();
            editor.end();
        }
        editor.new_sub_point();
    }
    app.mode = Mode::Entry(Entry {
        target: EntryTarget::Edit {
            card: card.id.clone(),
        },
        editor,
    });
}

pub(super) fn entry_action(app: &mut App, mut entry: Entry, action: Action) {
    let e = &mut entry.editor;
    match action {
        Action::Input(c) => e.insert_char(c),
        Action::Paste(s) => e.insert_str(&s),
        Action::Backspace => e.backspace(),
        Action::Delete => e.delete(),
        Action::DeleteWord => e.delete_word(),
        Action::ClearLine => e.clear_to_line_start(),
        Action::Left => e.left(),
        Action::Right => e.right(),
        Action::Up => e.up(),
        Action::Down => e.down(),
        Action::Home => e.home(),
        Action::End => e.end(),
        Action::NewLine => e.new_sub_point(),
        Action::Commit | Action::CommitNext | Action::CommitPrev => {
            let editing = matches!(entry.target, EntryTarget::Edit { .. });
            commit_entry(app, &entry);
            if editing && action == Action::Commit {
                return;
            }
            let Some(doc) = app.doc.as_mut() else { return };
            let index = match (&entry.target, &action) {
                (EntryTarget::New { index }, Action::Commit) if !entry.editor.is_blank() => {
                    index + 1
                }
                (EntryTarget::New { index }, Action::Commit) => *index,
                _ => {
                    let columns = doc.board().map_or(1, |b| b.columns.len().max(1));
                    let c = doc.cursor.column;
                    doc.cursor.column = if action == Action::CommitPrev {
                        (c + columns - 1) % columns
                    } else {
                        (c + 1) % columns
                    };
                    doc.column().map_or(0, |c| c.cards.len())
                }
            };
            app.mode = Mode::Entry(Entry {
                target: EntryTarget::New { index },
                editor: Editor::default(),
            });
            return;
        }
        Action::Cancel => {
            commit_entry(app, &entry);
            return;
        }
        Action::Save => {
            // The card is committed and the editor stays open for the next one.
            commit_entry(app, &entry);
            save(app, false);
            if let (EntryTarget::New { index }, false) = (&entry.target, entry.editor.is_blank()) {
                entry.target = EntryTarget::New { index: index + 1 };
            }
            entry.editor = Editor::default();
            if matches!(entry.target, EntryTarget::Edit { .. }) {
                return;
            }
        }
        Action::Help => app.help = Some(0),
        _ => {}
    }
    app.mode = Mode::Entry(entry);
}

/// Turns the editor's text into a card edit. Nothing typed is lost: leaving
/// the editor keeps the text, undo takes it back.
pub(super) fn commit_entry(app: &mut App, entry: &Entry) {
    let (text, sub_points) = entry.editor.to_card_parts();
    let Some(doc) = app.doc.as_mut() else { return };
    match &entry.target {
        EntryTarget::New { index } => {
            if text.is_empty() && sub_points.is_empty() {
                return;
            }
            let (Some(board), Some(column)) = (doc.board(), doc.column()) else {
                return;
            };
            let (board, column) = (board.id.clone(), column.key.clone());
            let mut card = Card::new(doc.session.fresh_id("k"), text);
            card.sub_points = sub_points;
            let id = card.id.clone();
            let edit = Edit::InsertCard {
                board,
                column,
                index: *index,
                card,
            };
            if app.apply(edit)
                && let Some(doc) = app.doc.as_mut()
            {
                doc.select(&id);
            }
        }
        EntryTarget::Edit { card } => {
            let Some(old) = doc.session.card(card) else {
                return;
            };
            let edit = if text.is_empty() && sub_points.is_empty() {
                Edit::RemoveCard { card: card.clone() }
            } else {
                if old.text == text && old.sub_points == sub_points {
                    return;
                }
                let mut new = old.clone();
                new.text = text;
                new.sub_points = sub_points;
                Edit::ReplaceCard { card: new }
            };
            app.apply(edit);
        }
    }
}
