//! The fuzzy picker's state (tags, tag sets, the filter, themes to move
//! to, photos, columns) and the board's tag filter.

use super::super::editor::Editor;

/// Which cards a tag picked in the picker goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Card,
    Column,
    Board,
}

/// What the board view shows when filtered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagFilter {
    Tag(String),
    Untagged,
}

/// What the picker is choosing for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Toggle a tag on the selected card, column or board.
    Tag,
    /// Filter the board view.
    Filter,
    /// Assign a Handlungsfeld to a theme (cluster review).
    ThemeTag,
    /// Move a card to another cluster (cluster review).
    MoveTo,
    /// Merge another cluster into the selected one (cluster review).
    MergeWith,
    /// A photo file for the board.
    Photo,
    /// A column of the board to go to.
    Column,
}

/// One entry of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Tag(String),
    /// Adds the tags of a tag set from the templates to the session.
    TagSet(String),
    /// Creates a tag named by the typed text.
    NewTag,
    Untagged,
    AllCards,
    /// No Handlungsfeld (clears a theme's tag).
    NoTag,
    /// A cluster of the review, by index.
    Target(usize),
    /// A photo file, relative to the session's folder.
    Photo(String),
    /// A column of the current board, by index.
    Column(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub choice: Choice,
    pub label: String,
    /// Shown to the left of the label (e.g. the key 1–9).
    pub key: String,
    /// Shown dimmed after the label.
    pub hint: String,
}

/// An entry in the filtered list: the item (`None` for "new tag") and the
/// matched letters of its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub item: Option<usize>,
    pub indices: Vec<usize>,
}

/// A fuzzy picker: typed text narrows a list of choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub purpose: Purpose,
    pub query: Editor,
    pub items: Vec<Item>,
    pub shown: Vec<Shown>,
    pub selected: usize,
    pub scope: Scope,
}
