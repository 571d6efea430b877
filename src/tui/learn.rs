//! The words confirmed themes teach, written to the learned-words file of
//! the session's folder when the session is saved.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::core::cluster::{self, Thesaurus, learned};
use crate::core::error::FileError;
use crate::core::model::Session;

use super::app::{App, Severity};

/// The runs of one program: a run writes only while it is the newest, runs
/// on worker threads are waited for before the program ends, and what went
/// wrong in one is told on the status line. Clones share it.
#[derive(Debug, Clone, Default)]
pub struct Learning(Arc<Shared>);

#[derive(Debug, Default)]
struct Shared {
    runs: AtomicU64,
    problem: Mutex<Option<String>>,
    /// One run writes the file at a time.
    file: Mutex<()>,
    pending: Mutex<Vec<JoinHandle<()>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Learning {
    /// Waits for the runs on worker threads.
    pub fn finish(&self) {
        let pending = std::mem::take(&mut *lock(&self.0.pending));
        for run in pending {
            let _ = run.join();
        }
    }

    /// What went wrong in a run on a worker thread since the last time.
    pub fn problem(&self) -> Option<String> {
        lock(&self.0.problem).take()
    }

    fn write(
        &self,
        dir: &Path,
        session: &Session,
        thesaurus: &Thesaurus,
        run: u64,
    ) -> Result<(), FileError> {
        let taught = cluster::learned_words(session, thesaurus);
        let _file = lock(&self.0.file);
        if self.0.runs.load(Ordering::SeqCst) != run {
            // A newer run has the newer themes.
            return Ok(());
        }
        let all = learned::load_learned(dir)?;
        let words = learned::replace_session(&all, &session.id, taught);
        learned::save_learned(dir, &words).map(|_| ())
    }
}

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
        if let Err(e) = learning.write(&dir, &doc.session, &thesaurus, run) {
            let text = e.render(app.lang);
            app.set_status(Severity::Warning, text);
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
