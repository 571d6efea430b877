//! The card editor: rapid entry of new cards and editing of one card, with
//! its fields and flags; Tab goes on through the fields, the columns and
//! the sheets, so a wall is typed without leaving the keys.

use crate::core::edit::Edit;
use crate::core::model::{Board, Card};
use crate::core::template::{CardField, Templates};

use super::super::action::Action;
use super::super::app::{App, Doc, Entry, EntryTarget, Mode};
use super::super::entry::{Flag, Focus};
use super::super::i18n::Msg;
use super::persist::{close, quit, save};

pub(super) enum EntryPlace {
    End,
    Below,
}

/// The card fields new cards of the current board show.
fn template_fields(app: &App) -> Vec<CardField> {
    app.doc
        .as_ref()
        .and_then(Doc::board)
        .and_then(|b| app.templates.board(&b.template))
        .map(|t| t.card_fields.clone())
        .unwrap_or_default()
}

/// A new card at the end of the current column.
fn new_entry(app: &App, index: usize) -> Entry {
    Entry::new_card(index, &template_fields(app))
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
    app.mode = Mode::Entry(new_entry(app, index));
}

pub(super) fn start_edit(app: &mut App, sub_point: bool) {
    if !app.writable() {
        return;
    }
    let Some(card) = app.doc.as_ref().and_then(Doc::card) else {
        return app.warn(Msg::NoCard);
    };
    let mut entry = Entry::edit(card);
    if sub_point {
        let editor = &mut entry.editor;
        editor.end();
        while editor.cursor() < editor.text().len() {
            editor.down();
            editor.end();
        }
        editor.new_sub_point();
    }
    app.mode = Mode::Entry(entry);
}

/// Keys that change the text of the focused buffer; true when one was.
fn typing(entry: &mut Entry, action: &Action) -> bool {
    let text = entry.focus == Focus::Text;
    // A field holds one line.
    if !super::form::edit_text(entry.focused(), action, !text) {
        return false;
    }
    if text {
        entry.text_changed();
    }
    true
}

/// Where the next card goes after `entry` was committed: below a card just
/// typed, or in the same place when the entry was left blank.
fn next_index(entry: &Entry) -> usize {
    match &entry.target {
        EntryTarget::New { index } if !entry.is_blank() => index + 1,
        EntryTarget::New { index } => *index,
        EntryTarget::Edit { .. } => 0,
    }
}

pub(super) fn entry_action(app: &mut App, mut entry: Entry, action: Action) {
    // The photo moves while the card is typed.
    if super::pane::photo_action(app, &action) {
        app.mode = Mode::Entry(entry);
        return;
    }
    if typing(&mut entry, &action) {
        app.mode = Mode::Entry(entry);
        return;
    }
    match action {
        Action::Up => up_down(&mut entry, false),
        Action::Down => up_down(&mut entry, true),
        Action::NewLine => {
            entry.focus = Focus::Text;
            entry.editor.new_sub_point();
        }
        Action::ToggleUncertain => entry.toggle(Flag::Uncertain),
        Action::ToggleStruck => entry.toggle(Flag::Struck),
        Action::ToggleEmphasis => entry.toggle(Flag::Emphasis),
        Action::Commit => {
            if !commit_entry(app, &mut entry) {
                app.mode = Mode::Entry(entry);
                return;
            }
            if entry.is_new() {
                app.mode = Mode::Entry(new_entry(app, next_index(&entry)));
            }
            return;
        }
        Action::CommitNext | Action::CommitPrev => {
            let back = action == Action::CommitPrev;
            if let Some(focus) = entry.next_focus(back) {
                entry.focus = focus;
            } else if entry.is_new() {
                if !commit_entry(app, &mut entry) {
                    app.mode = Mode::Entry(entry);
                    return;
                }
                next_place(app, back, &entry);
                let index = app
                    .doc
                    .as_ref()
                    .and_then(Doc::column)
                    .map_or(0, |c| c.cards.len());
                app.mode = Mode::Entry(new_entry(app, index));
                return;
            } else {
                // Editing one card: Tab goes round its fields.
                entry.focus = if back {
                    entry.shown.last().map_or(Focus::Text, |f| Focus::Field(*f))
                } else {
                    Focus::Text
                };
            }
        }
        Action::Cancel => {
            if !commit_entry(app, &mut entry) {
                app.mode = Mode::Entry(entry);
            }
            return;
        }
        Action::Save => {
            // The card is committed and the editor stays open for the next one.
            if !commit_entry(app, &mut entry) {
                app.mode = Mode::Entry(entry);
                return;
            }
            save(app, false);
            if !entry.is_new() {
                return;
            }
            entry = new_entry(app, next_index(&entry));
        }
        Action::Help => app.help = Some(0),
        _ => {}
    }
    app.mode = Mode::Entry(entry);
}

/// Up and Down: lines of the text, then the card's fields below it.
fn up_down(entry: &mut Entry, down: bool) {
    use super::super::entry::ALL_FIELDS;
    match entry.focus {
        Focus::Text => {
            let e = &mut entry.editor;
            let at = e.cursor();
            if down {
                e.down();
            } else {
                e.up();
            }
            let last_line = !e.text()[at..].contains('\n');
            if down && last_line {
                let first = entry.shown.first().copied().unwrap_or(CardField::Person);
                entry.focus_field(first);
            }
        }
        Focus::Field(f) => {
            if entry.shown.is_empty() {
                entry.shown = ALL_FIELDS.to_vec();
            }
            let i = entry.shown.iter().position(|x| *x == f).unwrap_or(0);
            entry.focus = match (down, i) {
                (false, 0) => Focus::Text,
                (false, i) => Focus::Field(entry.shown[i - 1]),
                (true, i) if i + 1 < entry.shown.len() => Focus::Field(entry.shown[i + 1]),
                (true, _) => Focus::Field(f),
            };
        }
    }
}

/// Where Tab after the last field of a new card goes: the next column; after
/// the last column the next sheet, or a new sheet of the same kind after the
/// last one (when this one has cards). Shift-Tab goes back the same way.
fn next_place(app: &mut App, back: bool, entry: &Entry) {
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(board) = doc.board() else { return };
    let columns = board.columns.len().max(1);
    let (b, c) = (doc.cursor.board, doc.cursor.column);
    // A single column of cards with fields (Themensammlung): the next card.
    if columns == 1 && !entry.shown.is_empty() {
        return;
    }
    let boards = doc.session.boards.len();
    let target = if back {
        match (c.checked_sub(1), b.checked_sub(1)) {
            (Some(c), _) => (b, c),
            (None, Some(pb)) => (pb, doc.session.boards[pb].columns.len().saturating_sub(1)),
            (None, None) => (b, columns - 1),
        }
    } else if c + 1 < columns {
        (b, c + 1)
    } else if b + 1 < boards {
        (b + 1, 0)
    } else if board.card_count() > 0 {
        if let Some(index) = new_sheet_after(app) {
            (index, 0)
        } else {
            (b, 0)
        }
    } else {
        (b, 0)
    };
    if let Some(doc) = app.doc.as_mut() {
        doc.cursor.board = target.0;
        doc.cursor.column = target.1;
        doc.cursor.card = usize::MAX;
        doc.clamp();
    }
}

/// Adds an empty board of the current board's template after the last one;
/// its index.
fn new_sheet_after(app: &mut App) -> Option<usize> {
    let doc = app.doc.as_mut()?;
    let template = doc.board()?.template.clone();
    let t = app.templates.board(&template)?.clone();
    let board = t.new_board(doc.session.fresh_id("b"), "");
    let index = doc.session.boards.len();
    if app.apply(Edit::InsertBoard { index, board }) {
        app.info(Msg::SheetAdded);
        Some(index)
    } else {
        None
    }
}

/// A clean end (quit, a closed terminal, SIGTERM): the card being typed
/// becomes a card, the session is saved, and the journal and draft are
/// removed when nothing is left unsaved.
pub fn shutdown(app: &mut App) {
    if let Mode::Entry(entry) = std::mem::replace(&mut app.mode, Mode::Normal) {
        commit_anyway(app, entry);
    }
    save(app, true);
    close(app);
}

/// Ctrl-c: keep what is being typed, save, quit.
pub(super) fn interrupt(app: &mut App) {
    if let Mode::Entry(entry) = std::mem::replace(&mut app.mode, Mode::Normal) {
        commit_anyway(app, entry);
    }
    app.help = None;
    quit(app);
}

/// Commits on the way out of the program: a field that cannot be kept
/// (letters as votes) is left empty rather than the card lost.
pub(super) fn commit_anyway(app: &mut App, mut entry: Entry) {
    if !commit_entry(app, &mut entry) {
        if entry.bad_votes() {
            entry.votes = Default::default();
        }
        if entry.bad_number() {
            entry.number = Default::default();
        }
        commit_entry(app, &mut entry);
    }
}

/// Turns the editor into a card edit. Nothing typed is lost: leaving the
/// editor keeps the text, undo takes it back. False when a field holds
/// something that cannot be kept (letters as votes): the editor stays.
pub(super) fn commit_entry(app: &mut App, entry: &mut Entry) -> bool {
    if entry.bad_votes() {
        entry.focus = Focus::Field(CardField::Votes);
        app.warn(Msg::VotesNotNumber);
        return false;
    }
    if entry.bad_number() {
        entry.focus = Focus::Field(CardField::Number);
        app.warn(Msg::NumberNotNumber);
        return false;
    }
    let templates = &app.templates;
    let Some(doc) = app.doc.as_ref() else {
        return true;
    };
    let edit = match &entry.target {
        EntryTarget::New { index } => {
            let Some(mut card) = entry.card(None) else {
                return true;
            };
            let (Some(board), Some(column)) = (doc.board(), doc.column()) else {
                return true;
            };
            let index = (*index).min(column.cards.len());
            let title = following_title(templates, board, &column.key, index, None, &card.text);
            let (board_id, column_key) = (board.id.clone(), column.key.clone());
            let Some(doc) = app.doc.as_mut() else {
                return true;
            };
            card.id = doc.session.fresh_id("k");
            let insert = Edit::InsertCard {
                board: board_id,
                column: column_key,
                index,
                card,
            };
            match title {
                Some(t) => Edit::Batch(vec![insert, t]),
                None => insert,
            }
        }
        EntryTarget::Edit { card } => {
            let Some(old) = doc.session.card(card) else {
                return true;
            };
            match entry.card(Some(old)) {
                None => Edit::RemoveCard { card: card.clone() },
                Some(new) if &new == old => return true,
                Some(new) => {
                    let title = doc.session.find_card(card).and_then(|p| {
                        let board = &doc.session.boards[p.board];
                        let key = &board.columns[p.column].key;
                        following_title(templates, board, key, p.card, Some(&old.text), &new.text)
                    });
                    let replace = Edit::ReplaceCard { card: new };
                    match title {
                        Some(t) => Edit::Batch(vec![replace, t]),
                        None => replace,
                    }
                }
            }
        }
    };
    let new_id = match &edit {
        Edit::InsertCard { card, .. } => Some(card.id.clone()),
        Edit::Batch(edits) => match edits.first() {
            Some(Edit::InsertCard { card, .. }) => Some(card.id.clone()),
            _ => None,
        },
        _ => None,
    };
    if app.apply(edit)
        && let (Some(id), Some(doc)) = (new_id, app.doc.as_mut())
    {
        doc.select(&id);
    }
    super::persist::drop_stale_draft(app);
    true
}

/// The board title that follows a sheet's topic: when the first card of
/// the template's title column is typed, and the title was not set by hand
/// (it is still the template's, empty, or the topic it followed before).
fn following_title(
    templates: &Templates,
    board: &Board,
    column: &str,
    index: usize,
    old_text: Option<&str>,
    text: &str,
) -> Option<Edit> {
    let template = templates.board(&board.template)?;
    if template.title_column.as_deref() != Some(column) || index != 0 {
        return None;
    }
    let current = board.title.trim();
    let first = board
        .column_index(column)
        .and_then(|c| board.columns[c].cards.first())
        .map(|k: &Card| k.text.as_str());
    let follows = current.is_empty()
        || current == template.board_title
        || old_text.is_some_and(|t| t.trim() == current)
        || (old_text.is_none() && first.is_some_and(|t| t.trim() == current));
    let title = text.trim();
    (follows && !title.is_empty() && title != current).then(|| Edit::SetBoardInfo {
        board: board.id.clone(),
        title: title.to_string(),
        photos: board.photos.clone(),
    })
}
