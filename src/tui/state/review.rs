//! The cluster review's state: the clerk's clustering choices, the
//! grouping shown, the selection, a background run and the keys waiting
//! for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::Event;

use crate::core::cluster::kept::Stamp;
use crate::core::cluster::learned::LearnedWord;
use crate::core::cluster::review::{ColumnScope, Grouping, Pending, Prepared};
use crate::core::cluster::{self, Progress, Thesaurus};
use crate::core::model::TagChoice;

use super::super::editor::Editor;
use super::learning::Learning;
use super::picker::Picker;

/// From this many cards a whole clustering run goes to a worker thread, so
/// that the screen stays live; fewer are clustered at once.
pub const BACKGROUND_FROM: usize = 3_000;

/// The clerk's clustering choices, kept while the program runs.
#[derive(Debug, Clone)]
pub struct ClusterSettings {
    pub threshold: f64,
    pub scope: ColumnScope,
    /// Loaded on the first review from `templates/`.
    pub thesaurus: Option<Thesaurus>,
    /// See [`BACKGROUND_FROM`].
    pub background_from: usize,
    /// The words confirmed themes teach, written on saving.
    pub learning: Learning,
    /// The last run, kept while the program runs (and in the cache file).
    pub kept: Kept,
}

/// The last clustering run of the review, taken up again when it opens.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub(crate) run: Option<KeptRun>,
    /// The thread writing the cache file, if one is.
    pub(crate) writer: Arc<Mutex<Option<std::thread::JoinHandle<()>>>>,
}

/// A review's run as it was left.
#[derive(Debug, Clone)]
pub struct KeptRun {
    /// The session file it is of.
    pub(crate) path: PathBuf,
    pub(crate) stamp: Stamp,
    pub(crate) grouping: Grouping,
    /// The fingerprint of what the cache file holds, when it holds this run.
    pub(crate) written: Option<u64>,
}

impl Default for ClusterSettings {
    fn default() -> Self {
        ClusterSettings {
            threshold: cluster::DEFAULT_THRESHOLD,
            scope: ColumnScope::EachColumn,
            thesaurus: None,
            background_from: BACKGROUND_FROM,
            learning: Default::default(),
            kept: Kept::default(),
        }
    }
}

/// A clustering run on a worker thread; clones share it.
#[derive(Clone)]
pub struct Job {
    pub(crate) progress: Progress,
    /// Filled by the worker: the run, or nothing when it was cancelled.
    pub(crate) result: Arc<Mutex<Option<Option<Grouping>>>>,
    /// The theme to select when it is done.
    pub(crate) focus: Option<String>,
}

impl Job {
    /// How far the run got, in per cent.
    pub fn percent(&self) -> u32 {
        (self.progress.fraction() * 100.0).floor() as u32
    }
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.result, &other.result)
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({} %)", self.percent())
    }
}

/// The cards being analysed on a worker thread for a listing that started
/// from a kept run; clones share it.
#[derive(Clone)]
pub struct Settling {
    pub(crate) progress: Progress,
    pub(crate) result: Arc<Mutex<Option<Option<Prepared>>>>,
    /// What is to be clustered again when they are.
    pub(crate) pending: Pending,
}

impl PartialEq for Settling {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.result, &other.result)
    }
}

impl std::fmt::Debug for Settling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Settling({} cards changed)",
            self.pending.changed_cards()
        )
    }
}

/// Which side of the review has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Groups,
    Cards,
}

/// A review step, for undo inside the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An edit in the history.
    Edit,
}

/// The review screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The last clustering run and what it lists.
    pub grouping: Grouping,
    pub selected: usize,
    /// The selected card of the selected group.
    pub card: usize,
    pub pane: Pane,
    /// The words learned in the session's folder, read when the review opens.
    pub(crate) learned: Vec<LearnedWord>,
    pub(crate) steps: Vec<Step>,
    pub(crate) redo: Vec<Step>,
    /// A choice (Handlungsfeld, move target, merge partner) being made.
    pub picker: Option<Picker>,
    /// A new name being typed.
    pub rename: Option<Editor>,
    /// Whether rows name the column of their cards (suggestions of
    /// different columns may share a label).
    pub show_column: bool,
    /// The clustering running in the background, if one is.
    pub job: Option<Job>,
    /// Keys and pastes that came while it runs, in order: they act on its
    /// outcome.
    pub waiting: Vec<Event>,
    /// The listing came from a kept run and its cards are being analysed,
    /// to cluster in what changed since; decisions wait for it.
    pub settling: Option<Settling>,
    /// The session file, the stamp of the run listed (its cards and
    /// options), and the fingerprint of what the cache file holds.
    pub(crate) source: Option<PathBuf>,
    pub(crate) stamp: Option<Stamp>,
    pub(crate) written: Option<u64>,
    /// The Handlungsfeld of each group drawn so far, for the listing and
    /// the session's cards as they were then: a group of a thousand cards
    /// is read once, not at every frame.
    pub(crate) tags: TagMemo,
}

/// The Handlungsfeld hint of groups by number, worked out while drawing.
#[derive(Debug, Default)]
pub struct TagMemo(RefCell<(u64, u64, HashMap<usize, TagChoice>)>);

impl TagMemo {
    /// The hint of group `i` of listing `listing` with the session's cards
    /// at `generation`, worked out by `of` the first time.
    pub fn get(
        &self,
        (listing, generation): (u64, u64),
        i: usize,
        of: impl FnOnce() -> TagChoice,
    ) -> TagChoice {
        let mut memo = self.0.borrow_mut();
        if (memo.0, memo.1) != (listing, generation) {
            *memo = (listing, generation, HashMap::new());
        }
        memo.2.entry(i).or_insert_with(of).clone()
    }
}

impl Clone for TagMemo {
    fn clone(&self) -> Self {
        TagMemo::default()
    }
}

impl PartialEq for TagMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Review {
    /// Whether work runs in the background: the per cent of a whole run,
    /// 100 while a kept run is being settled.
    pub fn busy(&self) -> Option<u32> {
        match (&self.job, &self.settling) {
            (Some(job), _) => Some(job.percent()),
            (None, Some(_)) => Some(100),
            (None, None) => None,
        }
    }
}
