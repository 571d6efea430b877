//! Carries out actions: every change to the session goes through an `Edit`
//! and the history, so that undo, redo and autosave cover all of them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::core::edit::{Edit, SessionInfo};
use crate::core::model::{Card, Session, slug};
use crate::core::session_file::{Draft, DraftTarget, Saved};
use crate::core::store;

use super::action::Action;
use super::app::{
    AUTOSAVE_AFTER_SECS, App, Doc, Entry, EntryTarget, Field, FieldKind, Form, FormPurpose,
    HISTORY_STEPS, Mode, Screen, Severity,
};
use super::editor::Editor;
use super::i18n::Msg;
use super::{clipboard, export};
use super::{search, tags, themes};

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Tick => return tick(app, Instant::now()),
        Action::Interrupt => return interrupt(app),
        Action::Paste(text) if app.help.is_none() && matches!(app.mode, Mode::Normal) => {
            // Several lines pasted on the board become cards at once; one
            // line starts a new card holding the text.
            if app.screen == Screen::Board && clipboard::is_multi_line(&text) {
                clipboard::paste_cards(app, &text);
            } else if app.screen == Screen::Board {
                start_entry(app, EntryPlace::End);
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
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Entry(entry) => entry_action(app, entry, action),
        Mode::Form(form) => form_action(app, form, action),
        Mode::Picker(picker) => tags::picker_action(app, picker, action),
        Mode::Search(s) => search::search_action(app, s, action),
        Mode::Review(r) => themes::review_action(app, r, action),
        Mode::Export(dialog) => export::dialog_action(app, dialog, action),
        Mode::Normal => match app.screen {
            Screen::Start => start_action(app, action),
            Screen::Board => {
                board_action(app, action);
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
        Action::Down => Some(offset + 1),
        Action::Cancel | Action::Help | Action::Quit => None,
        _ => Some(offset),
    };
}

fn common(app: &mut App, action: &Action) -> bool {
    match action {
        Action::Help => app.help = Some(0),
        Action::Save => {
            save(app, false);
        }
        Action::Quit => quit(app),
        _ => return false,
    }
    true
}

// ---------------------------------------------------------------- start screen

fn start_action(app: &mut App, action: Action) {
    if common(app, &action) {
        return;
    }
    match action {
        Action::Up => app.start_selected = app.start_selected.saturating_sub(1),
        Action::Down if app.start_selected + 1 < app.sessions.len() => {
            app.start_selected += 1;
        }
        Action::Open => match app.sessions.get(app.start_selected) {
            Some(s) => {
                let path = s.path.clone();
                app.open(&path);
            }
            None => app.warn(Msg::NoSessionSelected),
        },
        Action::NewSession => app.mode = Mode::Form(new_session_form(app)),
        Action::Reload => app.reload_sessions(),
        _ => {}
    }
}

fn new_session_form(app: &App) -> Form {
    Form {
        purpose: FormPurpose::NewSession,
        title: Msg::FormNewSession,
        fields: vec![
            template_field(app),
            Field::text(Msg::FieldTitle, ""),
            Field::text(Msg::FieldDate, &today()),
            Field::text(Msg::FieldPlace, ""),
            tag_set_field(app),
        ],
        focus: 1,
    }
}

/// The Handlungsfelder a new session starts with: none, or a tag set.
fn tag_set_field(app: &App) -> Field {
    let mut options = vec![(String::new(), app.t(Msg::NoTagSet).to_string())];
    options.extend(
        app.templates
            .tag_sets
            .iter()
            .map(|s| (s.key.clone(), format!("{} ({})", s.name, s.tags.len()))),
    );
    Field {
        label: Msg::FieldTagSet,
        kind: FieldKind::Choice { options, index: 0 },
    }
}

fn template_field(app: &App) -> Field {
    let options: Vec<(String, String)> = app
        .templates
        .boards
        .iter()
        .map(|t| (t.key.clone(), format!("{} ({})", t.name, t.key)))
        .collect();
    let index = options
        .iter()
        .position(|(k, _)| k == "district-exchange")
        .unwrap_or(0);
    Field {
        label: Msg::FieldTemplate,
        kind: FieldKind::Choice { options, index },
    }
}

/// Today's date as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}

/// A file name in `dir` for a new session that does not exist yet.
fn free_path(dir: &Path, date: &str, title: &str) -> PathBuf {
    let base = slug(&format!("{date} {title}"));
    let base = if base.is_empty() {
        "sitzung".to_string()
    } else {
        base
    };
    let mut path = dir.join(format!("{base}.{}", store::EXTENSION));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.{}", store::EXTENSION));
        n += 1;
    }
    path
}

fn create_session(app: &mut App, form: &Form) -> bool {
    let template = form.fields[0].value();
    let title = form.fields[1].value();
    let date = form.fields[2].value();
    let place = form.fields[3].value();
    if title.is_empty() {
        app.warn(Msg::TitleMissing);
        return false;
    }
    if !date.is_empty() && !valid_date(&date) {
        app.warn(Msg::DateInvalid);
        return false;
    }
    let Some(board_template) = app.templates.board(&template).cloned() else {
        return false;
    };
    let mut session = Session {
        id: slug(&format!("{date} {title}")),
        title: title.clone(),
        date: date.clone(),
        place,
        ..Session::default()
    };
    let id = session.fresh_id("b");
    session.boards.push(board_template.new_board(id, ""));
    let tag_set = form.fields.get(4).map(Field::value).unwrap_or_default();
    if let Some(set) = app.templates.tag_sets.iter().find(|s| s.key == tag_set) {
        session.tag_sets.push(set.key.clone());
        session.tags = set.tags.clone();
    }
    if let Err(e) = std::fs::create_dir_all(&app.dir) {
        let text = Msg::SaveFailed.fill(app.lang, &[&format!("{}: {e}", app.dir.display())]);
        app.set_status(Severity::Error, text);
        return false;
    }
    let path = free_path(&app.dir, &date, &title);
    if let Err(e) = store::save(&path, &session) {
        let text = Msg::SaveFailed.fill(app.lang, &[&e.render(app.lang)]);
        app.set_status(Severity::Error, text);
        return false;
    }
    app.reload_sessions();
    if app.open(&path) {
        let text = Msg::SessionCreated.fill(app.lang, &[&path.display()]);
        app.set_status(Severity::Info, text);
    }
    true
}

// ---------------------------------------------------------------- board view

fn board_action(app: &mut App, action: Action) {
    if common(app, &action) {
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
        Action::Down => {
            doc.cursor.card += 1;
            doc.clamp();
        }
        Action::Left => {
            doc.cursor.column = doc.cursor.column.saturating_sub(1);
            doc.clamp();
        }
        Action::Right => {
            doc.cursor.column += 1;
            doc.clamp();
        }
        Action::NextBoard => {
            doc.cursor.board += 1;
            doc.clamp();
        }
        Action::PrevBoard => {
            doc.cursor.board = doc.cursor.board.saturating_sub(1);
            doc.clamp();
        }
        Action::Sessions => to_start(app),
        Action::Cancel => app.status = None,
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::AddCard => start_entry(app, EntryPlace::End),
        Action::InsertCardBelow => start_entry(app, EntryPlace::Below),
        Action::EditCard => start_edit(app, false),
        Action::AddSubPoint => start_edit(app, true),
        Action::DeleteCard => {
            if let Some(card) = selected_id(app)
                && apply(app, Edit::RemoveCard { card })
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
        Action::NewBoard => new_board_form(app),
        Action::EditBoard => {
            if !writable(app) {
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
            if let Some(board) = doc.board().map(|b| b.id.clone())
                && apply(app, Edit::RemoveBoard { board })
            {
                app.info(Msg::BoardDeleted);
            }
        }
        Action::OpenPhoto => open_photo(app),
        Action::EditSession => {
            if writable(app)
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
        Action::Copy => clipboard::copy_card(app),
        Action::CopyBoard => clipboard::copy_board(app),
        Action::Export => export::open(app),
        _ => {}
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
    if writable(app) {
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

fn writable(app: &mut App) -> bool {
    match &app.doc {
        Some(doc) if doc.read_only => {
            app.warn(Msg::ReadOnly);
            false
        }
        Some(_) => true,
        None => false,
    }
}

/// Applies an edit through the history; the one way the session changes.
pub(crate) fn apply(app: &mut App, edit: Edit) -> bool {
    if !writable(app) {
        return false;
    }
    let Some(doc) = app.doc.as_mut() else {
        return false;
    };
    let before = doc.cursor;
    let journaled = edit.clone();
    match doc.history.apply(&mut doc.session, edit) {
        Ok(()) => {
            doc.undo_places.push(before);
            if doc.undo_places.len() > HISTORY_STEPS {
                doc.undo_places.remove(0);
            }
            doc.redo_places.clear();
            touch(doc);
            record(app, &journaled);
            true
        }
        Err(e) => {
            let text = Msg::EditFailed.fill(app.lang, &[&e]);
            app.set_status(Severity::Error, text);
            false
        }
    }
}

/// Writes an applied edit to the journal, on disk before the screen shows
/// it. When that fails the session is saved as soon as possible instead.
fn record(app: &mut App, edit: &Edit) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some(file) = doc.file.as_mut() else {
        return;
    };
    if let Err(e) = file.record(edit) {
        doc.changed_at = None;
        let text = Msg::SaveFailed.fill(app.lang, &[&e]);
        app.set_status(Severity::Error, text);
    }
}

fn touch(doc: &mut Doc) {
    doc.dirty = true;
    doc.changed_at = Some(Instant::now());
    doc.clamp();
}

pub(crate) fn undo_redo(app: &mut App, undo: bool) {
    if !writable(app) {
        return;
    }
    let Some(doc) = app.doc.as_mut() else { return };
    let next = if undo {
        doc.history.next_undo()
    } else {
        doc.history.next_redo()
    };
    let journaled = next.cloned();
    let result = if undo {
        doc.history.undo(&mut doc.session)
    } else {
        doc.history.redo(&mut doc.session)
    };
    match result {
        Ok(true) => {
            // Show the place of the change.
            let (from, to) = if undo {
                (&mut doc.undo_places, &mut doc.redo_places)
            } else {
                (&mut doc.redo_places, &mut doc.undo_places)
            };
            let place = from.pop();
            to.push(doc.cursor);
            if let Some(place) = place {
                doc.cursor = place;
            }
            touch(doc);
            app.info(if undo { Msg::Undone } else { Msg::Redone });
            if let Some(edit) = &journaled {
                record(app, edit);
            }
        }
        Ok(false) => app.info(if undo {
            Msg::NothingToUndo
        } else {
            Msg::NothingToRedo
        }),
        Err(e) => {
            let text = Msg::EditFailed.fill(app.lang, &[&e]);
            app.set_status(Severity::Error, text);
        }
    }
}

fn toggle_flag(app: &mut App, f: impl FnOnce(&mut Card)) {
    let Some(mut card) = app.doc.as_ref().and_then(Doc::card).cloned() else {
        return app.warn(Msg::NoCard);
    };
    f(&mut card);
    apply(app, Edit::ReplaceCard { card });
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
    if apply(app, edit)
        && let Some(doc) = app.doc.as_mut()
    {
        doc.cursor.card = target;
    }
}

fn move_to_column(app: &mut App, right: bool) {
    let Some(doc) = app.doc.as_ref() else { return };
    let (Some(board), Some(card)) = (doc.board(), doc.card()) else {
        return app.warn(Msg::NoCard);
    };
    let c = doc.cursor.column;
    let target = if right { c + 1 } else { c.wrapping_sub(1) };
    let Some(column) = board.columns.get(target) else {
        return;
    };
    let id = card.id.clone();
    let edit = Edit::MoveCard {
        card: id.clone(),
        board: board.id.clone(),
        column: column.key.clone(),
        index: usize::MAX,
    };
    if apply(app, edit)
        && let Some(doc) = app.doc.as_mut()
    {
        doc.select(&id);
    }
}

fn move_to_board(app: &mut App, next: bool) {
    let Some(doc) = app.doc.as_ref() else { return };
    let (Some(column), Some(card)) = (doc.column(), doc.card()) else {
        return app.warn(Msg::NoCard);
    };
    let b = doc.cursor.board;
    let target = if next { b + 1 } else { b.wrapping_sub(1) };
    let Some(board) = doc.session.boards.get(target) else {
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
    let edit = Edit::MoveCard {
        card: card.id.clone(),
        board: board.id.clone(),
        column: board.columns[to_column].key.clone(),
        index: usize::MAX,
    };
    if apply(app, edit) {
        let text = Msg::CardMovedToBoard.fill(app.lang, &[&title]);
        app.set_status(Severity::Info, text);
    }
}

fn open_photo(app: &mut App) {
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(photo) = doc.board().and_then(|b| b.photos.first()).cloned() else {
        return app.warn(Msg::PhotoMissing);
    };
    let path = Path::new(&photo);
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        doc.path
            .parent()
            .map_or_else(|| path.to_path_buf(), |d| d.join(path))
    };
    if !path.exists() {
        let text = Msg::PhotoNotFound.fill(app.lang, &[&path.display()]);
        return app.set_status(Severity::Error, text);
    }
    let viewer = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(viewer)
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reap the viewer without ever blocking the interface.
            std::thread::spawn(move || child.wait());
            let text = Msg::PhotoOpening.fill(app.lang, &[&path.display()]);
            app.set_status(Severity::Info, text);
        }
        Err(e) => {
            let text = Msg::PhotoViewerFailed.fill(app.lang, &[&format!("{viewer}: {e}")]);
            app.set_status(Severity::Error, text);
        }
    }
}

// ---------------------------------------------------------------- card editor

enum EntryPlace {
    End,
    Below,
}

fn start_entry(app: &mut App, place: EntryPlace) {
    if !writable(app) {
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

fn start_edit(app: &mut App, sub_point: bool) {
    if !writable(app) {
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

fn entry_action(app: &mut App, mut entry: Entry, action: Action) {
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
fn commit_entry(app: &mut App, entry: &Entry) {
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
            if apply(app, edit)
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
            apply(app, edit);
        }
    }
}

// ---------------------------------------------------------------- forms

fn form_action(app: &mut App, mut form: Form, action: Action) {
    let n = form.fields.len();
    let field = &mut form.fields[form.focus];
    match (&mut field.kind, action) {
        (_, Action::Cancel) => return,
        (_, Action::Commit) => {
            if !confirm_form(app, &form) {
                app.mode = Mode::Form(form);
            }
            return;
        }
        (_, Action::CommitNext) => form.focus = (form.focus + 1) % n,
        (_, Action::CommitPrev) => form.focus = (form.focus + n - 1) % n,
        (FieldKind::Choice { options, index }, Action::Left) => {
            *index = (*index + options.len().max(1) - 1) % options.len().max(1)
        }
        (FieldKind::Choice { options, index }, Action::Right | Action::Input(' ')) => {
            *index = (*index + 1) % options.len().max(1)
        }
        (FieldKind::Text(e), a) => match a {
            Action::Input(c) => e.insert_char(c),
            // A form field holds one line.
            Action::Paste(s) => e.insert_str(&s.replace(['\n', '\r'], " ")),
            Action::Backspace => e.backspace(),
            Action::Delete => e.delete(),
            Action::DeleteWord => e.delete_word(),
            Action::ClearLine => e.clear_to_line_start(),
            Action::Left => e.left(),
            Action::Right => e.right(),
            Action::Home => e.home(),
            Action::End => e.end(),
            _ => {}
        },
        _ => {}
    }
    app.mode = Mode::Form(form);
}

fn confirm_form(app: &mut App, form: &Form) -> bool {
    match &form.purpose {
        FormPurpose::Export => export::confirm_form(app, form),
        FormPurpose::NewSession => create_session(app, form),
        FormPurpose::NewBoard => {
            let template = form.fields[0].value();
            let title = form.fields[1].value();
            let Some(t) = app.templates.board(&template).cloned() else {
                return false;
            };
            let Some(doc) = app.doc.as_mut() else {
                return false;
            };
            let board = t.new_board(doc.session.fresh_id("b"), &title);
            let index = if doc.session.boards.is_empty() {
                0
            } else {
                doc.cursor.board + 1
            };
            if apply(app, Edit::InsertBoard { index, board })
                && let Some(doc) = app.doc.as_mut()
            {
                doc.cursor.board = index;
                doc.cursor.column = 0;
                doc.cursor.card = 0;
                app.info(Msg::BoardAdded);
            }
            true
        }
        FormPurpose::BoardInfo { board } => {
            let photos = form.fields[1]
                .value()
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            let edit = Edit::SetBoardInfo {
                board: board.clone(),
                title: form.fields[0].value(),
                photos,
            };
            let unchanged = app.doc.as_ref().and_then(|d| {
                let b = d.session.boards.iter().find(|b| &b.id == board)?;
                Some(Edit::SetBoardInfo {
                    board: board.clone(),
                    title: b.title.clone(),
                    photos: b.photos.clone(),
                })
            });
            if unchanged.as_ref() != Some(&edit) {
                apply(app, edit);
            }
            true
        }
        FormPurpose::SessionInfo => {
            let date = form.fields[1].value();
            if !date.is_empty() && !valid_date(&date) {
                app.warn(Msg::DateInvalid);
                return false;
            }
            let Some(doc) = app.doc.as_ref() else {
                return false;
            };
            let info = SessionInfo {
                title: form.fields[0].value(),
                date,
                place: form.fields[2].value(),
                organiser: form.fields[3].value(),
                moderation: form.fields[4].value(),
                notes: doc.session.notes.clone(),
            };
            if info != SessionInfo::of(&doc.session) {
                apply(app, Edit::SetSessionInfo(info));
            }
            true
        }
    }
}

// ---------------------------------------------------------------- saving

/// Saves the open session if it changed. Returns whether it is safe to leave
/// it (saved, unchanged, or read-only and never written).
pub fn save(app: &mut App, quiet: bool) -> bool {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    let Some(file) = doc.file.as_mut().filter(|_| !doc.read_only) else {
        if !quiet {
            app.warn(Msg::ReadOnly);
        }
        return true;
    };
    if !doc.dirty && quiet {
        return true;
    }
    super::testhook::check("save");
    match file.save(&doc.session) {
        Ok(saved) => {
            doc.dirty = false;
            doc.changed_at = None;
            if let Some(text) = saved.message(lang) {
                if let Saved::Conflict { side, .. } = &saved {
                    doc.path = side.clone();
                }
                app.set_status(Severity::Warning, text);
            } else if !quiet {
                let text = Msg::Saved.fill(lang, &[&doc.path.display()]);
                app.set_status(Severity::Info, text);
            }
            true
        }
        Err(e) => {
            // Autosave tries again after the delay, not on every tick.
            doc.changed_at = Some(Instant::now());
            let text = Msg::SaveFailed.fill(lang, &[&e.render(lang)]);
            app.set_status(Severity::Error, text);
            false
        }
    }
}

/// The periodic work: the draft of the card being typed, then autosave.
pub fn tick(app: &mut App, now: Instant) {
    write_draft(app, now);
    autosave(app, now);
}

/// The card being typed, as it would be recovered after a crash.
fn current_draft(app: &App) -> Option<Draft> {
    let Mode::Entry(entry) = &app.mode else {
        return None;
    };
    let doc = app.doc.as_ref()?;
    if entry.editor.is_blank() {
        return None;
    }
    let target = match &entry.target {
        EntryTarget::New { index } => DraftTarget::New {
            board: doc.board()?.id.clone(),
            column: doc.column()?.key.clone(),
            index: *index,
        },
        EntryTarget::Edit { card } => {
            let (text, subs) = entry.editor.to_card_parts();
            let old = doc.session.card(card)?;
            if old.text == text && old.sub_points == subs {
                return None;
            }
            DraftTarget::Edit { card: card.clone() }
        }
    };
    Some(Draft {
        target,
        text: entry.editor.text().to_string(),
    })
}

/// Keeps the draft file in step with the editor (throttled in the core).
fn write_draft(app: &mut App, now: Instant) {
    let draft = current_draft(app);
    let lang = app.lang;
    let Some(file) = app.doc.as_mut().and_then(|d| d.file.as_mut()) else {
        return;
    };
    if let Err(e) = file.update_draft(draft.as_ref(), now) {
        let text = Msg::SaveFailed.fill(lang, &[&e]);
        app.set_status(Severity::Error, text);
    }
}

/// On the way out of a failing program: the card being typed goes to the
/// draft at once; the session is saved when it still makes a whole file,
/// else the journal keeps every change.
pub fn rescue(app: &mut App) {
    let draft = current_draft(app);
    if let (Some(d), Some(file)) = (draft, app.doc.as_mut().and_then(|d| d.file.as_mut())) {
        let _ = file.write_draft(&d);
    }
    let whole = app
        .doc
        .as_ref()
        .is_some_and(|d| store::parse(&d.path, &store::to_ron(&d.session)).is_ok());
    if whole {
        save(app, true);
    }
}

/// A clean end (quit, a closed terminal, SIGTERM): the card being typed
/// becomes a card, the session is saved, and the journal and draft are
/// removed when nothing is left unsaved.
pub fn shutdown(app: &mut App) {
    if let Mode::Entry(entry) = std::mem::replace(&mut app.mode, Mode::Normal) {
        commit_entry(app, &entry);
    }
    save(app, true);
    close(app);
}

/// Lets go of the open session file; its journal stays when not all is saved.
pub fn close(app: &mut App) {
    if let Some(doc) = app.doc.as_mut()
        && let Some(file) = doc.file.take()
    {
        file.close(!doc.dirty);
    }
}

/// Saves when the last change is older than the autosave delay.
pub fn autosave(app: &mut App, now: Instant) {
    let due = app.doc.as_ref().is_some_and(|d| {
        d.dirty
            && !d.read_only
            && d.changed_at
                .is_none_or(|t| now.duration_since(t).as_secs_f32() >= AUTOSAVE_AFTER_SECS)
    });
    if due {
        save(app, true);
    }
}

fn quit(app: &mut App) {
    if save(app, true) || app.quit_anyway {
        app.quit = true;
    } else {
        app.quit_anyway = true;
        let mut text = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        text.push_str(" · ");
        text.push_str(app.t(Msg::QuitUnsaved));
        app.set_status(Severity::Error, text);
    }
}

/// Ctrl-c: keep what is being typed, save, quit.
fn interrupt(app: &mut App) {
    if let Mode::Entry(entry) = std::mem::replace(&mut app.mode, Mode::Normal) {
        commit_entry(app, &entry);
    }
    app.help = None;
    quit(app);
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::core::error::Lang;
    use crate::core::model::FORMAT_VERSION;
    use crate::core::template::Templates;
    use crate::tui::tags::tests::type_text;

    /// An app with a fresh district-exchange session open, in a temp folder.
    fn app_with_session() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
        update(&mut app, Action::NewSession);
        type_text(&mut app, "Stadtteilkonferenz");
        update(&mut app, Action::Commit);
        assert_eq!(app.screen, Screen::Board, "{:?}", app.status);
        (dir, app)
    }

    fn session(app: &App) -> &Session {
        &app.doc.as_ref().unwrap().session
    }

    fn texts(app: &App, column: usize) -> Vec<String> {
        session(app).boards[0].columns[column]
            .cards
            .iter()
            .map(|c| c.text.clone())
            .collect()
    }

    fn path(app: &App) -> PathBuf {
        app.doc.as_ref().unwrap().path.clone()
    }

    #[test]
    fn rapid_entry_fills_columns_with_enter_tab_and_esc() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "Nachbarschaftsnetzwerke");
        update(&mut app, Action::Commit);
        type_text(&mut app, "Feierabendmarkt");
        update(&mut app, Action::CommitNext);
        type_text(&mut app, "Spracherwerbsförderung");
        update(&mut app, Action::Commit);
        // An empty Enter adds nothing and stays in the column.
        update(&mut app, Action::Commit);
        update(&mut app, Action::CommitNext);
        type_text(&mut app, "Kümmerer vor Ort");
        update(&mut app, Action::Cancel);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(
            texts(&app, 0),
            ["Nachbarschaftsnetzwerke", "Feierabendmarkt"]
        );
        assert_eq!(texts(&app, 1), ["Spracherwerbsförderung"]);
        assert_eq!(texts(&app, 2), ["Kümmerer vor Ort"]);
        // Tab from the last column wraps to the first.
        update(&mut app, Action::AddCard);
        update(&mut app, Action::CommitNext);
        assert_eq!(app.doc.as_ref().unwrap().cursor.column, 0);
    }

    #[test]
    fn pasted_lines_stay_in_one_card() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        update(
            &mut app,
            Action::Paste("kulturelles Angebot\r\n↳ Theater\n-> Musikschule\n".into()),
        );
        update(&mut app, Action::Commit);
        let card = &session(&app).boards[0].columns[0].cards[0];
        assert_eq!(card.text, "kulturelles Angebot");
        assert_eq!(card.sub_points, ["Theater", "Musikschule"]);
        assert_eq!(session(&app).card_count(), 1);
    }

    #[test]
    fn undo_and_redo_cover_every_kind_of_change() {
        let (_dir, mut app) = app_with_session();
        let start = session(&app).clone();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "Kita");
        update(&mut app, Action::Commit);
        type_text(&mut app, "Sport");
        update(&mut app, Action::Cancel);
        update(&mut app, Action::EditCard);
        type_text(&mut app, "vereine");
        update(&mut app, Action::Commit);
        update(&mut app, Action::AddSubPoint);
        type_text(&mut app, "Fußball");
        update(&mut app, Action::Commit);
        update(&mut app, Action::ToggleUncertain);
        update(&mut app, Action::ToggleStruck);
        update(&mut app, Action::ToggleEmphasis);
        update(&mut app, Action::MoveCardUp);
        update(&mut app, Action::MoveCardRight);
        update(&mut app, Action::EditBoard);
        update(&mut app, Action::ClearLine);
        type_text(&mut app, "Altstadt");
        update(&mut app, Action::CommitNext);
        type_text(&mut app, "IMG_0001.jpg");
        update(&mut app, Action::Commit);
        update(&mut app, Action::EditSession);
        update(&mut app, Action::End);
        type_text(&mut app, " Mitte");
        update(&mut app, Action::Commit);
        update(&mut app, Action::NewBoard);
        update(&mut app, Action::CommitNext);
        type_text(&mut app, "Themen");
        update(&mut app, Action::Commit);
        update(&mut app, Action::PrevBoard);
        update(&mut app, Action::DeleteCard);
        let end = session(&app).clone();
        assert_eq!(end.boards.len(), 2);
        assert_eq!(end.boards[0].title, "Altstadt");
        assert_eq!(end.boards[0].photos, ["IMG_0001.jpg"]);
        assert_eq!(end.title, "Stadtteilkonferenz Mitte");

        let mut steps = 0;
        while app.doc.as_ref().unwrap().history.can_undo() {
            update(&mut app, Action::Undo);
            steps += 1;
        }
        assert_eq!(steps, 13);
        let mut back = session(&app).clone();
        back.next_id = start.next_id;
        assert_eq!(back, start);
        for _ in 0..steps {
            update(&mut app, Action::Redo);
        }
        let mut again = session(&app).clone();
        again.next_id = end.next_id;
        assert_eq!(again, end);
    }

    #[test]
    fn more_than_a_hundred_undo_steps() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        for i in 0..120 {
            type_text(&mut app, &format!("Karte {i}"));
            update(&mut app, Action::Commit);
        }
        update(&mut app, Action::Cancel);
        assert_eq!(session(&app).card_count(), 120);
        for _ in 0..120 {
            update(&mut app, Action::Undo);
        }
        assert_eq!(session(&app).card_count(), 0);
    }

    #[test]
    fn cards_move_within_and_between_columns_and_boards() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        for t in ["a", "b", "c"] {
            type_text(&mut app, t);
            update(&mut app, Action::Commit);
        }
        update(&mut app, Action::Cancel);
        // The cursor is on "c", the last card typed.
        update(&mut app, Action::MoveCardUp);
        assert_eq!(texts(&app, 0), ["a", "c", "b"]);
        update(&mut app, Action::MoveCardDown);
        assert_eq!(texts(&app, 0), ["a", "b", "c"]);
        update(&mut app, Action::MoveCardRight);
        assert_eq!(texts(&app, 1), ["c"]);
        assert_eq!(app.doc.as_ref().unwrap().card().unwrap().text, "c");
        update(&mut app, Action::NewBoard);
        update(&mut app, Action::Commit);
        update(&mut app, Action::PrevBoard);
        update(&mut app, Action::Right);
        update(&mut app, Action::MoveCardNextBoard);
        assert_eq!(session(&app).boards[1].columns[1].cards[0].text, "c");
        assert!(session(&app).boards[0].columns[1].cards.is_empty());
    }

    #[test]
    fn autosave_writes_within_two_seconds_of_a_change() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "Kita-Plätze");
        update(&mut app, Action::Cancel);
        let changed = app.doc.as_ref().unwrap().changed_at.unwrap();
        autosave(&mut app, changed);
        assert!(app.doc.as_ref().unwrap().dirty, "not saved at once");
        autosave(&mut app, changed + Duration::from_millis(1999));
        assert!(!app.doc.as_ref().unwrap().dirty);
        let loaded = store::load(&path(&app)).unwrap();
        assert_eq!(
            loaded.session.boards[0].columns[0].cards[0].text,
            "Kita-Plätze"
        );
    }

    #[test]
    fn interrupt_keeps_the_card_being_typed_and_saves() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "halb getippt");
        update(&mut app, Action::Interrupt);
        assert!(app.quit);
        let loaded = store::load(&path(&app)).unwrap();
        assert_eq!(
            loaded.session.boards[0].columns[0].cards[0].text,
            "halb getippt"
        );
    }

    #[test]
    fn a_newer_file_is_shown_but_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("neu.ron");
        let mut s = Session {
            title: "Zukunft".into(),
            version: FORMAT_VERSION + 1,
            ..Session::default()
        };
        let b = s.fresh_id("b");
        s.boards.push(
            Templates::builtin()
                .board("district-exchange")
                .unwrap()
                .new_board(b, "X"),
        );
        store::save(&file, &s).unwrap();
        let before = std::fs::read(&file).unwrap();
        let mut app = App::new(Lang::En, Templates::builtin(), dir.path());
        update(&mut app, Action::Open);
        assert!(app.doc.as_ref().unwrap().read_only);
        update(&mut app, Action::AddCard);
        assert_eq!(app.mode, Mode::Normal);
        assert!(app.status.as_ref().unwrap().text.contains("read-only"));
        update(&mut app, Action::EditSession);
        update(&mut app, Action::Save);
        autosave(&mut app, Instant::now() + Duration::from_secs(10));
        update(&mut app, Action::Quit);
        assert!(app.quit);
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }

    #[test]
    fn an_unreadable_file_is_listed_with_its_error_and_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kaputt.ron");
        std::fs::write(&file, "Session(\n  title: 42,\n)").unwrap();
        let mut app = App::new(Lang::En, Templates::builtin(), dir.path());
        assert!(app.sessions[0].error.is_some());
        update(&mut app, Action::Open);
        assert_eq!(app.screen, Screen::Start);
        let status = app.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Error);
        assert!(status.text.contains("kaputt.ron:2:"), "{}", status.text);
        update(&mut app, Action::Quit);
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "Session(\n  title: 42,\n)"
        );
    }

    #[test]
    fn a_new_session_creates_the_missing_folder_and_a_slug_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("sessions");
        let mut app = App::new(Lang::De, Templates::builtin(), &sessions);
        update(&mut app, Action::NewSession);
        type_text(&mut app, "Konferenz Süd");
        update(&mut app, Action::CommitNext);
        update(&mut app, Action::ClearLine);
        type_text(&mut app, "2019-03-01x");
        update(&mut app, Action::Commit);
        assert!(
            matches!(app.mode, Mode::Form(_)),
            "bad date keeps the form open"
        );
        update(&mut app, Action::Backspace);
        update(&mut app, Action::Commit);
        let file = sessions.join("2019-03-01-konferenz-sued.ron");
        assert!(file.is_file());
        let s = store::load(&file).unwrap().session;
        assert_eq!((s.title.as_str(), s.boards.len()), ("Konferenz Süd", 1));
    }

    #[test]
    fn a_failed_save_keeps_the_app_open_once() {
        let (dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "x");
        update(&mut app, Action::Cancel);
        // A folder where the file should be makes the save fail.
        let _ = dir;
        let file = path(&app);
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir_all(file.join("x")).unwrap();
        update(&mut app, Action::Quit);
        assert!(!app.quit);
        assert_eq!(app.status.as_ref().unwrap().severity, Severity::Error);
        update(&mut app, Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn photo_problems_show_in_the_status_bar() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::OpenPhoto);
        assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
        update(&mut app, Action::EditBoard);
        update(&mut app, Action::CommitNext);
        type_text(&mut app, "fotos/IMG_9999.jpg");
        update(&mut app, Action::Commit);
        update(&mut app, Action::OpenPhoto);
        let status = app.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Error);
        assert!(status.text.contains("IMG_9999.jpg"), "{}", status.text);
        update(&mut app, Action::Cancel);
        assert!(app.status.is_none());
    }

    #[test]
    fn ctrl_s_while_typing_keeps_the_card_and_the_editor() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "Kita");
        update(&mut app, Action::Save);
        assert!(matches!(app.mode, Mode::Entry(_)));
        assert!(!app.doc.as_ref().unwrap().dirty);
        type_text(&mut app, "Schule");
        update(&mut app, Action::Commit);
        assert_eq!(texts(&app, 0), ["Kita", "Schule"]);
    }

    #[test]
    fn undo_shows_the_place_of_the_change() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        for t in ["a", "b"] {
            type_text(&mut app, t);
            update(&mut app, Action::Commit);
        }
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Up);
        update(&mut app, Action::ToggleEmphasis);
        update(&mut app, Action::NewBoard);
        update(&mut app, Action::Commit);
        assert_eq!(app.doc.as_ref().unwrap().cursor.board, 1);
        update(&mut app, Action::Undo);
        update(&mut app, Action::Undo);
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.cursor.board, 0);
        assert_eq!(doc.card().unwrap().text, "a");
        assert!(!doc.card().unwrap().flags.emphasis);
        update(&mut app, Action::Redo);
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.card().unwrap().text, "a");
        assert!(doc.card().unwrap().flags.emphasis);
    }

    #[test]
    fn after_a_crash_every_committed_card_and_the_card_being_typed_come_back() {
        let (_dir, mut app) = app_with_session();
        update(&mut app, Action::AddCard);
        for t in ["Kita", "Schule", "Sport"] {
            type_text(&mut app, t);
            update(&mut app, Action::Commit);
        }
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Undo);
        update(&mut app, Action::AddCard);
        type_text(&mut app, "halber Satz");
        write_draft(&mut app, Instant::now());
        let file = path(&app);
        // The process dies: nothing saved, nothing closed.
        drop(app);
        assert_eq!(store::load(&file).unwrap().session.card_count(), 0);

        let mut app = App::open_file(Lang::En, Templates::builtin(), &file);
        assert_eq!(texts(&app, 0), ["Kita", "Schule"]);
        let status = app.status.clone().unwrap();
        assert!(status.text.contains("4 change(s)"), "{}", status.text);
        assert!(status.text.contains("in the editor"), "{}", status.text);
        let Mode::Entry(entry) = &app.mode else {
            panic!("{:?}", app.mode)
        };
        assert_eq!(entry.editor.text(), "halber Satz");
        type_text(&mut app, " zu Ende");
        update(&mut app, Action::Commit);
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Quit);
        assert!(app.quit);
        shutdown(&mut app);
        let s = store::load(&file).unwrap().session;
        assert_eq!(column_texts(&s), ["Kita", "Schule", "halber Satz zu Ende"]);
        let left: Vec<_> = std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".journal") || n.ends_with(".draft"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    fn column_texts(s: &Session) -> Vec<String> {
        s.boards[0].columns[0]
            .cards
            .iter()
            .map(|c| c.text.clone())
            .collect()
    }

    #[test]
    fn a_session_open_elsewhere_opens_read_only_and_names_the_owner() {
        let (_dir, app) = app_with_session();
        let file = path(&app);
        let second = App::open_file(Lang::De, Templates::builtin(), &file);
        let doc = second.doc.as_ref().unwrap();
        assert!(doc.read_only);
        let status = second.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Warning);
        assert!(
            status
                .text
                .contains(&format!("Prozess {}", std::process::id())),
            "{}",
            status.text
        );
    }

    #[test]
    fn a_change_by_another_program_is_saved_aside_and_the_clerk_told() {
        let (_dir, mut app) = app_with_session();
        let file = path(&app);
        let theirs = std::fs::read_to_string(&file).unwrap() + "\n";
        std::fs::write(&file, &theirs).unwrap();
        update(&mut app, Action::AddCard);
        type_text(&mut app, "Kita");
        update(&mut app, Action::Commit);
        update(&mut app, Action::Save);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
        let side = path(&app);
        assert_ne!(side, file);
        assert_eq!(store::load(&side).unwrap().session.card_count(), 1);
        let status = app.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Warning);
        assert!(status.text.contains("konflikt"), "{}", status.text);
    }

    #[test]
    fn dates_from_the_clock() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(17_940), (2019, 2, 13));
        assert!(valid_date(&today()));
    }
}
