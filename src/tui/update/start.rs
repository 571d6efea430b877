//! The start screen: the list of sessions and the form for a new one.

use std::path::{Path, PathBuf};

use crate::core::date;
use crate::core::error::FileProblem;
use crate::core::model::{Session, slug};
use crate::core::repair;
use crate::core::store;

use super::super::action::Action;
use super::super::app::{App, Field, FieldKind, Form, FormPurpose, Mode, Severity};
use super::super::i18n::Msg;
use super::common;

pub(super) fn start_action(app: &mut App, action: Action) {
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
        Action::RepairSession => repair_selected(app),
        _ => {}
    }
}

/// Repairs the selected session when it was refused for duplicate ids, as
/// `stellwand repair` does, and says what was done.
fn repair_selected(app: &mut App) {
    let Some(s) = app.sessions.get(app.start_selected) else {
        return app.warn(Msg::NoSessionSelected);
    };
    let duplicated = s
        .error
        .as_ref()
        .is_some_and(|e| matches!(e.problem, FileProblem::DuplicateId(_)));
    if !duplicated {
        return app.warn(Msg::NothingToRepair);
    }
    let path = s.path.clone();
    match repair::repair_file(&path) {
        Ok(done) => {
            let text = done.message(&path, app.lang);
            app.reload_sessions();
            app.set_status(Severity::Info, text);
        }
        Err(e) => {
            let text = e.render(app.lang);
            app.set_status(Severity::Error, text);
        }
    }
}

fn new_session_form(app: &App) -> Form {
    Form {
        purpose: FormPurpose::NewSession,
        title: Msg::FormNewSession,
        fields: vec![
            template_field(app),
            Field::text(Msg::FieldTitle, ""),
            Field::text(Msg::FieldDate, ""),
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
    // The set chosen last time: a city's clerk uses her city's set.
    let last = app.last_tag_set();
    let index = options
        .iter()
        .position(|(k, _)| Some(k) == last.as_ref())
        .unwrap_or(0);
    Field {
        label: Msg::FieldTagSet,
        kind: FieldKind::Choice { options, index },
    }
}

/// The choice of a board template: the current board's template first
/// chosen, so that sheet after sheet of one kind is Enter each.
pub(super) fn template_field(app: &App) -> Field {
    let options: Vec<(String, String)> = app
        .templates
        .boards
        .iter()
        .map(|t| (t.key.clone(), format!("{} ({})", t.name, t.key)))
        .collect();
    let current = app
        .doc
        .as_ref()
        .filter(|_| app.screen == super::super::app::Screen::Board)
        .and_then(|d| d.board())
        .map(|b| b.template.clone());
    let index = options
        .iter()
        .position(|(k, _)| Some(k) == current.as_ref())
        .or_else(|| options.iter().position(|(k, _)| k == "district-exchange"))
        .unwrap_or(0);
    Field {
        label: Msg::FieldTemplate,
        kind: FieldKind::Choice { options, index },
    }
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

pub(super) fn create_session(app: &mut App, form: &Form) -> bool {
    let template = form.fields[0].value();
    let title = form.fields[1].value();
    let date = form.fields[2].value();
    let place = form.fields[3].value();
    if title.is_empty() {
        app.warn(Msg::TitleMissing);
        return false;
    }
    if !date.is_empty()
        && let Err(e) = date::parse(&date)
    {
        app.set_status(Severity::Warning, e.message(app.lang));
        return false;
    }
    let Some(board_template) = app.templates.board(&template).cloned() else {
        return false;
    };
    let tag_set = form.fields.get(4).map(Field::value).unwrap_or_default();
    app.remember_tag_set(&tag_set);
    let tag_set = app.templates.tag_sets.iter().find(|s| s.key == tag_set);
    let session = Session::from_template(&board_template, &title, &date, &place, tag_set);
    if let Err(e) = std::fs::create_dir_all(&app.dir) {
        let text = Msg::SaveFailed.fill(
            app.lang,
            &[("error", &format!("{}: {e}", app.dir.display()))],
        );
        app.set_status(Severity::Error, text);
        return false;
    }
    let path = free_path(&app.dir, &date, &title);
    if let Err(e) = store::save(&path, &session) {
        let text = Msg::SaveFailed.fill(app.lang, &[("error", &e.render(app.lang))]);
        app.set_status(Severity::Error, text);
        return false;
    }
    app.reload_sessions();
    if app.open(&path) {
        let text = Msg::SessionCreated.fill(app.lang, &[("file", &path.display())]);
        app.set_status(Severity::Info, text);
    }
    true
}
