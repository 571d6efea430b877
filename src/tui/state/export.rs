//! The export dialog's state: its form, the folder, the options, and the
//! question or preview it shows.

use std::path::PathBuf;

use crate::core::export::Plan;

use super::form::Form;

/// What the export dialog remembers between uses while the program runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSettings {
    /// The last target folder, as typed.
    pub dir: Option<String>,
    pub format: usize,
    pub suggestions: bool,
}

/// How a line of the view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Same,
    Added,
    Removed,
    /// A gap between hunks, or a note.
    Note,
}

/// The export dialog after the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    /// The form, to go back to.
    pub form: Form,
    /// The folder as typed (shown), and as a path.
    pub dir_label: String,
    pub dir: PathBuf,
    pub options: ExportOptions,
    pub stage: Stage,
}

/// [`Options`] without the folder question, comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: usize,
    pub suggestions: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// The folder does not exist: create it?
    AskCreate,
    Preview(Box<Preview>),
}

/// The planned files and what is shown of them.
#[derive(Debug, Clone)]
pub struct Preview {
    pub plan: Plan,
    pub selected: usize,
    /// First line of the view shown.
    pub scroll: usize,
    /// For a changed file: the whole new content instead of the diff.
    pub whole: bool,
    /// The lines of the selected file's view.
    pub view: Vec<(LineKind, String)>,
}
