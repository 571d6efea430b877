//! The photo pane beside the board: opening it, zooming and panning the
//! photo while the cursor stays on the cards, switching between a board's
//! photos, and adding one with the fuzzy picker over the session's folder.

use crate::core::edit::Edit;
use crate::core::model::PhotoView;
use crate::core::photo;

use super::super::action::Action;
use super::super::app::{App, Doc, Mode, Screen};
use super::super::i18n::Msg;
use super::super::photo::{Want, picture_area, split};
use super::super::tags::{Choice, Item, Picker, Purpose, step_picker};
use super::super::ui::board::body_area;

/// Carries out a photo key; false when the action is not one.
pub(super) fn photo_action(app: &mut App, action: &Action) -> bool {
    match action {
        Action::TogglePhotoPane => {
            app.photos.open = !app.photos.open;
            if app.photos.open
                && app
                    .doc
                    .as_ref()
                    .and_then(Doc::board)
                    .is_some_and(|b| b.photos.is_empty())
            {
                app.info(Msg::PhotoPaneEmpty);
            }
        }
        Action::ZoomIn => change_view(app, |v, _| photo::zoomed(v, 1)),
        Action::ZoomOut => change_view(app, |v, _| photo::zoomed(v, -1)),
        Action::ZoomReset => change_view(app, |v, _| PhotoView {
            photo: v.photo,
            ..PhotoView::default()
        }),
        Action::Pan(dx, dy) => {
            let (dx, dy) = (*dx, *dy);
            change_view(app, move |v, size| photo::panned(v, dx, dy, size))
        }
        Action::NextPhoto => {
            let count = app
                .doc
                .as_ref()
                .and_then(Doc::board)
                .map_or(0, |b| b.photos.len());
            if count < 2 {
                app.info(Msg::OnlyOnePhoto);
                return true;
            }
            change_view(app, |v, _| PhotoView {
                photo: (v.photo + 1) % count,
                ..PhotoView::default()
            });
        }
        Action::PickPhoto => open_picker(app),
        _ => return false,
    }
    true
}

/// Sets the board's view through an edit, so that it is saved with the
/// session; steps in a row undo as one.
fn change_view(
    app: &mut App,
    f: impl FnOnce(&PhotoView, Option<(u32, u32, u32, u32)>) -> PhotoView,
) {
    if !app.photos.open {
        app.photos.open = true;
    }
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(board) = doc.board() else {
        return app.warn(Msg::NoBoard);
    };
    if board.photos.is_empty() {
        return app.info(Msg::PhotoPaneEmpty);
    }
    let size = want(app).and_then(|w| {
        let (pw, ph) = app.photos.size_of(&w.path)?;
        let (fw, fh) = app.photos.font_size();
        Some((
            pw,
            ph,
            u32::from(w.cells.0) * u32::from(fw),
            u32::from(w.cells.1) * u32::from(fh),
        ))
    });
    let view = f(&board.view, size);
    if view == board.view {
        return;
    }
    let edit = Edit::SetPhotoView {
        board: board.id.clone(),
        view,
    };
    app.apply(edit);
}

/// The picture the pane should show now, if it is open on a board.
fn want(app: &App) -> Option<Want> {
    if !app.photos.open || app.screen != Screen::Board {
        return None;
    }
    if matches!(app.mode, Mode::Search(_) | Mode::Review(_)) {
        return None;
    }
    let doc = app.doc.as_ref()?;
    let board = doc.board()?;
    let reference = board
        .photos
        .get(board.view.photo)
        .or(board.photos.first())?;
    let (_, pane) = split(body_area(app.size));
    let area = picture_area(pane);
    (area.width > 0 && area.height > 0).then(|| Want {
        path: photo::resolve(&doc.path, reference),
        view: board.view,
        cells: (area.width, area.height),
    })
}

/// Asks the photo worker for what the pane shows after an action.
pub fn sync(app: &mut App) {
    let w = want(app);
    app.photos.want(w);
}

/// `b`: the image files in the session's folder, fuzzy to pick from.
fn open_picker(app: &mut App) {
    if !app.writable() {
        return;
    }
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(board) = doc.board() else {
        return app.warn(Msg::NoBoard);
    };
    let files = photo::candidates(&doc.path);
    if files.is_empty() {
        let dir = doc
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| ".".to_string(), |d| d.display().to_string());
        let text = Msg::NoImagesInFolder.fill(app.lang, &[("dir", &dir)]);
        return app.set_status(super::super::app::Severity::Warning, text);
    }
    let on_board = app.t(Msg::PhotoOnBoard).to_string();
    let items = files
        .into_iter()
        .map(|f| Item {
            hint: if board.photos.contains(&f) {
                on_board.clone()
            } else {
                String::new()
            },
            choice: Choice::Photo(f.clone()),
            label: f,
            key: String::new(),
        })
        .collect();
    app.mode = Mode::Picker(Picker::new(Purpose::Photo, items));
}

/// Keys in the photo picker.
pub(super) fn picker_action(app: &mut App, picker: Picker, action: Action) {
    if let Some((_, Choice::Photo(reference))) = step_picker(app, picker, action) {
        add_photo(app, &reference);
    }
}

/// Shows a photo on the board: adds it to the board's photos when new, and
/// makes it the one the pane shows.
fn add_photo(app: &mut App, reference: &str) {
    let Some(board) = app.doc.as_ref().and_then(Doc::board) else {
        return;
    };
    let mut photos = board.photos.clone();
    let index = match photos.iter().position(|p| p == reference) {
        Some(i) => i,
        None => {
            photos.push(reference.to_string());
            photos.len() - 1
        }
    };
    let mut edits = Vec::new();
    if photos != board.photos {
        edits.push(Edit::SetBoardInfo {
            board: board.id.clone(),
            title: board.title.clone(),
            photos,
        });
    }
    let view = PhotoView {
        photo: index,
        ..PhotoView::default()
    };
    if view != board.view {
        edits.push(Edit::SetPhotoView {
            board: board.id.clone(),
            view,
        });
    }
    app.photos.open = true;
    if !edits.is_empty() && app.apply(Edit::Batch(edits)) {
        let text = Msg::PhotoAdded.fill(app.lang, &[("photo", &reference)]);
        app.set_status(super::super::app::Severity::Info, text);
    }
}
