//! Updates driven through `update`, as the keys would, one file per screen;
//! the shared helpers here.

use std::time::Duration;

use std::path::PathBuf;
use std::time::Instant;

use super::persist::write_draft;
use super::*;
use crate::core::edit::Edit;
use crate::core::error::Lang;
use crate::core::model::FORMAT_VERSION;
use crate::core::model::{Card, Session};
use crate::core::store;
use crate::core::template::Templates;
use crate::tui::i18n::Msg;
use crate::tui::tags::tests::type_text;

/// An app with a fresh district-exchange session open, in a temp folder.
pub(super) fn app_with_session() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
    update(&mut app, Action::NewSession);
    type_text(&mut app, "Stadtteilkonferenz");
    update(&mut app, Action::Commit);
    assert_eq!(app.screen, Screen::Board, "{:?}", app.status);
    (dir, app)
}

pub(super) fn session(app: &App) -> &Session {
    &app.doc.as_ref().unwrap().session
}

pub(super) fn texts(app: &App, column: usize) -> Vec<String> {
    session(app).boards[0].columns[column]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

pub(super) fn path(app: &App) -> PathBuf {
    app.doc.as_ref().unwrap().path.clone()
}

mod board;
mod entry;
mod persist;
mod start;
