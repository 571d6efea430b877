//! The words confirmed themes teach, written to the learned-words file of
//! the session's folder when the session is saved.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use crate::core::cluster::Thesaurus;

use super::app::App;

pub use super::state::learning::Learning;
use super::state::learning::lock;

/// When the session's themes changed since the last time, the words its
/// confirmed themes teach go to the learned-words file of its folder, for
/// every later session there. A file that cannot be read is left alone.
/// Working them out reads every card: from [`BACKGROUND_FROM`] cards on it
/// runs on a worker thread, so that saving never freezes the screen.
///
/// [`BACKGROUND_FROM`]: super::themes::BACKGROUND_FROM
pub fn learn(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    if doc.session.themes == doc.taught {
        return;
    }
    doc.taught = doc.session.themes.clone();
    let dir: PathBuf = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let thesaurus = app
        .cluster
        .thesaurus
        .get_or_insert_with(|| Thesaurus::load(Path::new("templates")).0)
        .clone();
    let Some(doc) = app.doc.as_ref() else { return };
    let learning = app.cluster.learning.clone();
    let run = learning.0.runs.fetch_add(1, Ordering::SeqCst) + 1;
    if doc.session.card_count() < app.cluster.background_from {
        match learning.write(&dir, &doc.session, &thesaurus, run) {
            Ok(()) => app.standing = None,
            Err(e) => {
                let text = e.render(app.lang);
                app.set_standing(text);
            }
        }
        return;
    }
    let session = doc.session.clone();
    let lang = app.lang;
    let worker = learning.clone();
    let handle = std::thread::spawn(move || {
        if let Err(e) = worker.write(&dir, &session, &thesaurus, run) {
            *lock(&worker.0.problem) = Some(e.render(lang));
        }
    });
    let mut pending = lock(&learning.0.pending);
    pending.retain(|h| !h.is_finished());
    pending.push(handle);
}
