//! The hand-labelled card sets of `tests/eval/` as they are read.

use serde::Deserialize;

/// A card of an evaluation set: where it hangs, its text, and the group a
/// person put it in.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalCard {
    pub board: String,
    pub column: String,
    pub text: String,
    #[serde(default)]
    pub group: String,
}

/// An evaluation set file.
#[derive(Deserialize)]
#[serde(rename = "EvalSet")]
pub struct EvalSet {
    pub cards: Vec<EvalCard>,
}
