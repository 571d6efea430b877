//! Opening a board's photo in the system's viewer.

use std::path::Path;

use crate::core::photo;

use super::super::app::{App, Severity};
use super::super::i18n::Msg;

pub(super) fn open_photo(app: &mut App) {
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
    // Absolute, so that a name starting with `-` never reads as an option
    // of the viewer (xdg-open knows no `--`); links resolved, so that the
    // file looked at below is the one opened.
    let Ok(path) = std::fs::canonicalize(&path) else {
        let text = Msg::PhotoNotFound.fill(app.lang, &[("file", &path.display())]);
        return app.set_status(Severity::Error, text);
    };
    // The opener runs whatever it is given: a `.desktop` file, a program.
    if photo::image_kind(&path).is_none() {
        let text = Msg::PhotoNotImage.fill(
            app.lang,
            &[("file", &path.display()), ("known", &photo::KNOWN)],
        );
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
            let text = Msg::PhotoOpening.fill(app.lang, &[("file", &path.display())]);
            app.set_status(Severity::Info, text);
        }
        Err(e) => {
            let text =
                Msg::PhotoViewerFailed.fill(app.lang, &[("error", &format!("{viewer}: {e}"))]);
            app.set_status(Severity::Error, text);
        }
    }
}
