//! The learned words' writer: runs that write the words confirmed themes
//! teach, one after the other, and the problem the last one had.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::core::cluster::{self, Thesaurus, learned};
use crate::core::error::FileError;
use crate::core::model::Session;

/// The runs of one program: a run writes only while it is the newest, runs
/// on worker threads are waited for before the program ends, and what went
/// wrong in one is told on the status line. Clones share it.
#[derive(Debug, Clone, Default)]
pub struct Learning(pub(crate) Arc<Shared>);

#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) runs: AtomicU64,
    pub(crate) problem: Mutex<Option<String>>,
    /// One run writes the file at a time.
    pub(crate) file: Mutex<()>,
    pub(crate) pending: Mutex<Vec<JoinHandle<()>>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
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

    pub(crate) fn write(
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
        learned::update_learned(dir, |all| {
            learned::replace_session(&all, &session.id, taught)
        })
        .map(|_| ())
    }
}
