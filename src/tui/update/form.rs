//! Forms: new session, new board, board and session details.

use crate::core::date;
use crate::core::edit::{Edit, SessionInfo};

use super::super::action::Action;
use super::super::app::{App, FieldKind, Form, FormPurpose, Mode, Severity};
use super::super::editor::Editor;
use super::super::export;
use super::super::i18n::Msg;
use super::start::create_session;

pub(super) fn form_action(app: &mut App, mut form: Form, action: Action) {
    let n = form.fields.len();
    let field = &mut form.fields[form.focus];
    match (&mut field.kind, action) {
        (_, Action::Cancel) => {
            // A measure's form goes back to the list.
            if let FormPurpose::Measure { selected, .. } = form.purpose {
                app.mode = Mode::Measures(super::super::measures::MeasureList { selected });
            }
            return;
        }
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
        // A form field holds one line.
        (FieldKind::Text(e), a) => {
            edit_text(e, &a, true);
        }
        _ => {}
    }
    app.mode = Mode::Form(form);
}

/// Applies a key that edits text to `e`; with `one_line` pasted line breaks
/// become spaces. False when the key edits no text.
pub(super) fn edit_text(e: &mut Editor, action: &Action, one_line: bool) -> bool {
    match action {
        Action::Input(c) => e.insert_char(*c),
        Action::Paste(s) if one_line => e.insert_str(&s.replace(['\n', '\r'], " ")),
        Action::Paste(s) => e.insert_str(s),
        Action::Backspace => e.backspace(),
        Action::Delete => e.delete(),
        Action::DeleteWord => e.delete_word(),
        Action::ClearLine => e.clear_to_line_start(),
        Action::Left => e.left(),
        Action::Right => e.right(),
        Action::Home => e.home(),
        Action::End => e.end(),
        _ => return false,
    }
    true
}

fn confirm_form(app: &mut App, form: &Form) -> bool {
    match &form.purpose {
        FormPurpose::Export => export::confirm_form(app, form),
        FormPurpose::Measure { id, selected } => {
            super::super::measures::confirm_form(app, form, id, *selected)
        }
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
            if app.apply(Edit::InsertBoard { index, board })
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
                app.apply(edit);
            }
            true
        }
        FormPurpose::SessionInfo => {
            let date = form.fields[1].value();
            if !date.is_empty()
                && let Err(e) = date::parse(&date)
            {
                app.set_status(Severity::Warning, e.message(app.lang));
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
                app.apply(Edit::SetSessionInfo(info));
            }
            true
        }
    }
}
