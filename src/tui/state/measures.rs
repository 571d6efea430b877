//! The list of measures: which one is selected.

/// The list's state: which measure is selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeasureList {
    pub selected: usize,
}
