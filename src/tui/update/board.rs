//! The board: moving around, and the keys that change cards and boards.

use crate::core::edit::Edit;
use crate::core::model::Card;

use super::super::action::Action;
use super::super::app::{
    App, Confirm, Confirmable, Doc, Field, Form, FormPurpose, Mode, Screen, Severity,
};
use super::super::i18n::Msg;
use super::super::tags::{Choice, Item, Picker, Purpose, number_key, step_picker};
use super::super::{clipboard, export, search, tags, themes};
use super::common;
use super::entry::{EntryPlace, start_edit, start_entry};
use super::persist::{close, save};
use super::photo::open_photo;
use super::start::template_field;

pub(super) fn board_action(app: &mut App, action: Action) {
    if common(app, &action) {
        return;
    }
    if super::pane::photo_action(app, &action) {
        return;
    }
    let Some(doc) = app.doc.as_mut() else {
        app.screen = Screen::Start;
        return;
    };
    match action {
        Action::Up | Action::Down if doc.filter.is_some() => {
            tags::move_filtered(doc, action == Action::Down)
        }
        Action::Up => {
            doc.clamp();
            doc.cursor.card = doc.cursor.card.saturating_sub(1);
        }
        Action::Down | Action::Left | Action::Right | Action::NextBoard | Action::PrevBoard => {
            let c = &mut doc.cursor;
            match action {
                Action::Down => c.card += 1,
                Action::Left => c.column = c.column.saturating_sub(1),
                Action::Right => c.column += 1,
                Action::NextBoard => c.board += 1,
                _ => c.board = c.board.saturating_sub(1),
            }
            doc.clamp();
        }
        Action::Sessions => to_start(app),
        Action::Cancel => {
            app.status = None;
            app.standing = None;
        }
        Action::Undo => app.undo_redo(true),
        Action::Redo => app.undo_redo(false),
        Action::AddCard => start_entry(app, EntryPlace::End),
        Action::InsertCardBelow => start_entry(app, EntryPlace::Below),
        Action::EditCard => start_edit(app, false),
        Action::AddSubPoint => start_edit(app, true),
        Action::DeleteCard => {
            if let Some(card) = selected_id(app)
                && app.apply(Edit::RemoveCard { card })
            {
                app.info(Msg::CardDeleted);
            }
        }
        Action::MoveCardUp | Action::MoveCardDown => move_vertically(app, action),
        Action::MoveCardLeft | Action::MoveCardRight => {
            move_to_column(app, action == Action::MoveCardRight)
        }
        Action::MoveCardNextBoard | Action::MoveCardPrevBoard => {
            move_to_board(app, action == Action::MoveCardNextBoard)
        }
        Action::ToggleUncertain => toggle_flag(app, |c| c.flags.uncertain ^= true),
        Action::ToggleStruck => toggle_flag(app, |c| c.flags.struck ^= true),
        Action::ToggleEmphasis => toggle_flag(app, |c| c.flags.emphasis ^= true),
        Action::TakeOtherVersion | Action::KeepShownVersion => {
            choose_version(app, action == Action::TakeOtherVersion)
        }
        Action::NewBoard => new_board_form(app),
        Action::EditBoard => {
            if !app.writable() {
                return;
            }
            let Some(board) = app.doc.as_ref().and_then(Doc::board) else {
                return app.warn(Msg::NoBoard);
            };
            let form = Form {
                purpose: FormPurpose::BoardInfo {
                    board: board.id.clone(),
                },
                title: Msg::FormBoardInfo,
                fields: vec![
                    Field::text(Msg::FieldBoardTitle, &board.title),
                    Field::text(Msg::FieldPhotos, &board.photos.join(", ")),
                ],
                focus: 0,
            };
            app.mode = Mode::Form(form);
        }
        Action::DeleteBoard => {
            let Some(board) = doc.board() else {
                return app.warn(Msg::NoBoard);
            };
            let id = board.id.clone();
            let cards = board.card_count();
            if cards == 0 {
                return delete_board(app, id);
            }
            let question = Msg::AskDeleteBoard.fill(
                app.lang,
                &[
                    ("board", &board.title),
                    ("cards", &Msg::cards(app.lang, cards)),
                ],
            );
            app.mode = Mode::Confirm(Confirm {
                question,
                on_yes: Confirmable::DeleteBoard { board: id },
            });
        }
        Action::OpenPhoto => open_photo(app),
        Action::EditSession => {
            if app.writable()
                && let Some(doc) = app.doc.as_ref()
            {
                let s = &doc.session;
                let form = Form {
                    purpose: FormPurpose::SessionInfo,
                    title: Msg::FormSessionInfo,
                    fields: vec![
                        Field::text(Msg::FieldTitle, &s.title),
                        Field::text(Msg::FieldDate, &s.date),
                        Field::text(Msg::FieldPlace, &s.place),
                        Field::text(Msg::FieldOrganiser, &s.organiser),
                        Field::text(Msg::FieldModeration, &s.moderation),
                    ],
                    focus: 0,
                };
                app.mode = Mode::Form(form);
            }
        }
        Action::TagPicker => tags::open_picker(app),
        Action::ToggleTag(n) => tags::toggle_nth(app, n),
        Action::TagFilter => tags::open_filter(app),
        Action::Search => search::open(app),
        Action::ClusterReview => themes::open(app),
        Action::Measures => super::super::measures::open(app),
        Action::Copy => clipboard::copy_card(app),
        Action::CopyBoard => clipboard::copy_board(app),
        Action::Export => export::open(app),
        Action::PickColumn => open_column_picker(app),
        _ => {}
    }
}

pub(super) fn delete_board(app: &mut App, board: String) {
    if app.apply(Edit::RemoveBoard { board }) {
        app.info(Msg::BoardDeleted);
    }
}

/// The answer to a question: yes carries it out, anything else not.
pub(super) fn confirm_action(app: &mut App, confirm: Confirm, action: Action) {
    match action {
        Action::Commit => match confirm.on_yes {
            Confirmable::DeleteBoard { board } => delete_board(app, board),
        },
        Action::Cancel => {}
        Action::Help => {
            app.help = Some(0);
            app.mode = Mode::Confirm(confirm);
        }
        _ => app.mode = Mode::Confirm(confirm),
    }
}

/// Saves and goes back to the list of sessions.
fn to_start(app: &mut App) {
    if save(app, true) {
        close(app);
        app.doc = None;
        app.screen = Screen::Start;
        app.reload_sessions();
    }
}

fn new_board_form(app: &mut App) {
    if app.writable() {
        let form = Form {
            purpose: FormPurpose::NewBoard,
            title: Msg::FormNewBoard,
            fields: vec![template_field(app), Field::text(Msg::FieldBoardTitle, "")],
            focus: 0,
        };
        app.mode = Mode::Form(form);
    }
}

fn selected_id(app: &mut App) -> Option<String> {
    let id = app.doc.as_ref()?.card().map(|c| c.id.clone());
    if id.is_none() {
        app.warn(Msg::NoCard);
    }
    id
}

/// Ends a merge conflict on the selected card with one key: the other
/// version becomes the card, or the version shown stays; undoable.
fn choose_version(app: &mut App, take_other: bool) {
    let Some(card) = app.doc.as_ref().and_then(Doc::card).cloned() else {
        return app.warn(Msg::NoCard);
    };
    if !card.in_conflict() {
        return app.warn(Msg::NoConflict);
    }
    let chosen = if take_other {
        card.resolved_with(0)
    } else {
        Some(card.resolved_as_shown())
    };
    if let Some(card) = chosen
        && app.apply(Edit::ReplaceCard { card })
    {
        app.info(Msg::ConflictResolved);
    }
}

fn toggle_flag(app: &mut App, f: impl FnOnce(&mut Card)) {
    let Some(mut card) = app.doc.as_ref().and_then(Doc::card).cloned() else {
        return app.warn(Msg::NoCard);
    };
    f(&mut card);
    app.apply(Edit::ReplaceCard { card });
}

fn move_vertically(app: &mut App, action: Action) {
    let Some(doc) = app.doc.as_ref() else { return };
    let (Some(board), Some(column), Some(i)) = (doc.board(), doc.column(), doc.card_index()) else {
        return app.warn(Msg::NoCard);
    };
    let target = if action == Action::MoveCardUp {
        match i.checked_sub(1) {
            Some(t) => t,
            None => return,
        }
    } else if i + 1 < column.cards.len() {
        i + 1
    } else {
        return;
    };
    let edit = Edit::MoveCard {
        card: column.cards[i].id.clone(),
        board: board.id.clone(),
        column: column.key.clone(),
        index: target,
    };
    if app.apply(edit)
        && let Some(doc) = app.doc.as_mut()
    {
        doc.cursor.card = target;
    }
}

/// The open session and its selected card; says so when no card is
/// selected.
fn selected_card(app: &mut App) -> Option<(&Doc, &Card)> {
    if app.doc.as_ref()?.card().is_none() {
        app.warn(Msg::NoCard);
        return None;
    }
    let doc = app.doc.as_ref()?;
    Some((doc, doc.card()?))
}

/// The index after `i`, or before it (wrapping below 0, so that it is
/// found nowhere).
fn beside(i: usize, after: bool) -> usize {
    if after { i + 1 } else { i.wrapping_sub(1) }
}

/// The edit that moves `card` to the end of `column` on `board`.
fn to_end(card: &str, board: &str, column: &str) -> Edit {
    Edit::MoveCard {
        card: card.to_string(),
        board: board.to_string(),
        column: column.to_string(),
        index: usize::MAX,
    }
}

fn move_to_column(app: &mut App, right: bool) {
    let Some((doc, card)) = selected_card(app) else {
        return;
    };
    let Some(board) = doc.board() else { return };
    let Some(column) = board.columns.get(beside(doc.cursor.column, right)) else {
        return;
    };
    let id = card.id.clone();
    let edit = to_end(&id, &board.id, &column.key);
    if app.apply(edit)
        && let Some(doc) = app.doc.as_mut()
    {
        doc.select(&id);
    }
}

fn move_to_board(app: &mut App, next: bool) {
    let Some((doc, card)) = selected_card(app) else {
        return;
    };
    let Some(column) = doc.column() else { return };
    let Some(board) = doc.session.boards.get(beside(doc.cursor.board, next)) else {
        return app.warn(Msg::NoOtherBoard);
    };
    // The same column if the other board has it, else the same position.
    let to_column = board.column_index(&column.key).or_else(|| {
        (!board.columns.is_empty()).then(|| doc.cursor.column.min(board.columns.len() - 1))
    });
    let Some(to_column) = to_column else {
        return app.warn(Msg::NoOtherBoard);
    };
    let title = board.title.clone();
    let edit = to_end(&card.id, &board.id, &board.columns[to_column].key);
    if app.apply(edit) {
        let text = Msg::CardMovedToBoard.fill(app.lang, &[("board", &title)]);
        app.set_status(Severity::Info, text);
    }
}

/// `g`: the board's columns by number and heading; a digit goes there at
/// once, so every column of a sheet is two keys away.
fn open_column_picker(app: &mut App) {
    let Some(board) = app.doc.as_ref().and_then(Doc::board) else {
        return app.warn(Msg::NoBoard);
    };
    let current = app.doc.as_ref().map_or(0, |d| d.cursor.column);
    let items = board
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| Item {
            choice: Choice::Column(i),
            label: c.heading.clone(),
            key: number_key(i),
            hint: Msg::cards(app.lang, c.cards.len()),
        })
        .collect();
    let mut picker = Picker::new(Purpose::Column, items);
    picker.selected = current;
    app.mode = Mode::Picker(picker);
}

/// Keys in the column picker.
pub(super) fn column_picker_action(app: &mut App, picker: Picker, action: Action) {
    if let Action::Input(c @ '1'..='9') = action
        && picker.query().is_empty()
    {
        let i = c as usize - '1' as usize;
        if i < picker.items.len() {
            return go_to_column(app, i);
        }
    }
    if let Some((_, Choice::Column(i))) = step_picker(app, picker, action) {
        go_to_column(app, i);
    }
}

fn go_to_column(app: &mut App, column: usize) {
    if let Some(doc) = app.doc.as_mut() {
        doc.cursor.column = column;
        doc.clamp();
    }
}
