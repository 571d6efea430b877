//! The cluster review's state: the clerk's clustering choices, the
//! grouping shown, the selection, a background run and the keys waiting
//! for it.

use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::Event;

use crate::core::cluster::learned::LearnedWord;
use crate::core::cluster::review::{ColumnScope, Grouping};
use crate::core::cluster::{self, Progress, Thesaurus};

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
}

impl Default for ClusterSettings {
    fn default() -> Self {
        ClusterSettings {
            threshold: cluster::DEFAULT_THRESHOLD,
            scope: ColumnScope::EachColumn,
            thesaurus: None,
            background_from: BACKGROUND_FROM,
            learning: Default::default(),
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
}
