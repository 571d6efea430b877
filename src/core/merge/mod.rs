//! Three-way merge of the files of a sessions folder by id, for two clerks'
//! copies of one concept repository: session files (cards by id, with moves
//! and edits combined), the folder's themes file and any other RON list file
//! whose entries have an `id` or `key`.
//!
//! Nothing is lost and no conflict marker is ever written: a card both
//! clerks changed differently keeps one version and carries the other in
//! [`Card::conflict`] for the clerk to pick; another field both changed
//! differently keeps "ours" and is reported.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{FileError, FileProblem};
use super::model::Session;
use super::store;

/// Something the clerk should know about a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Both sides changed this card differently; both versions are on it.
    CardConflict { card: String, text: String },
    /// Both sides changed this field differently; ours was kept.
    FieldKept {
        path: String,
        ours: String,
        theirs: String,
    },
    /// Deleted on one side and changed on the other: kept with the change.
    KeptChanged { what: String },
    /// Added on both sides with the same id and different content: the
    /// other side's gets a new id, so both stay.
    Renamed { from: String, to: String },
}

impl Note {
    /// Whether the clerk has to decide something.
    pub fn needs_decision(&self) -> bool {
        matches!(self, Note::CardConflict { .. } | Note::FieldKept { .. })
    }
}

/// A merged value and what the clerk should know about it.
#[derive(Debug, Clone)]
pub struct Merged<T> {
    pub value: T,
    pub notes: Vec<Note>,
}

impl<T> Merged<T> {
    /// Whether anything was left for the clerk to decide.
    pub fn has_conflicts(&self) -> bool {
        self.notes.iter().any(Note::needs_decision)
    }
}

/// The kinds of file the merge knows, by the name their content starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Session,
    /// The themes file of a sessions folder (`Themes(…)`).
    Themes,
    /// The learned words of a sessions folder (`Learned(…)`).
    Learned,
}

/// Merges the texts of three versions of a file (`base` may be empty: the
/// file was added on both sides) into the text to write over `ours`.
/// `path` names the file in messages. Files that cannot be read, or were
/// written by a newer program, are refused with the reason.
pub fn merge_texts(
    path: &Path,
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<Merged<String>, FileError> {
    if ours == theirs {
        return Ok(Merged {
            value: ours.to_string(),
            notes: Vec::new(),
        });
    }
    if base == ours {
        return Ok(Merged {
            value: theirs.to_string(),
            notes: Vec::new(),
        });
    }
    if base == theirs {
        return Ok(Merged {
            value: ours.to_string(),
            notes: Vec::new(),
        });
    }
    let kind = kind_of(ours).or_else(|| kind_of(theirs));
    match kind {
        Some(Kind::Session) => {
            let load = |text: &str| -> Result<Session, FileError> {
                let loaded = store::parse(path, text)?;
                if loaded.read_only {
                    return Err(loaded
                        .warning
                        .unwrap_or_else(|| FileError::new(path, 1, 1, FileProblem::Newer)));
                }
                Ok(loaded.session)
            };
            let base = if base.trim().is_empty() {
                None
            } else {
                Some(load(base)?)
            };
            let ours = load(ours)?;
            let theirs = load(theirs)?;
            let merged = merge_sessions(base.as_ref(), &ours, &theirs);
            Ok(Merged {
                value: store::to_ron(&merged.value),
                notes: merged.notes,
            })
        }
        Some(Kind::Themes) => {
            use super::cluster::themes::{ThemesFile, themes_to_ron};
            let load = |text: &str| -> Result<ThemesFile, FileError> {
                ron::from_str(text).map_err(|e| FileError::ron(path, &e))
            };
            let merged = merge_loaded(path, [base, ours, theirs], load)?;
            Ok(Merged {
                value: themes_to_ron(&merged.value.themes),
                notes: merged.notes,
            })
        }
        Some(Kind::Learned) => {
            use super::cluster::learned::{LearnedFile, learned_to_ron, parse_learned};
            let load = |text: &str| -> Result<LearnedFile, FileError> {
                Ok(LearnedFile {
                    words: parse_learned(path, text)?,
                    ..LearnedFile::default()
                })
            };
            let merged = merge_loaded(path, [base, ours, theirs], load)?;
            Ok(Merged {
                value: learned_to_ron(&merged.value.words),
                notes: merged.notes,
            })
        }
        None => Err(FileError::new(path, 1, 1, FileProblem::CannotMerge)),
    }
}

/// Reads the three texts (an empty base: added on both sides) with `load`
/// and merges them with [`merge_typed`].
fn merge_loaded<T: Serialize + DeserializeOwned>(
    path: &Path,
    [base, ours, theirs]: [&str; 3],
    load: impl Fn(&str) -> Result<T, FileError>,
) -> Result<Merged<T>, FileError> {
    let base = if base.trim().is_empty() {
        None
    } else {
        Some(load(base)?)
    };
    merge_typed(base.as_ref(), &load(ours)?, &load(theirs)?)
        .map_err(|e| FileError::new(path, 1, 1, FileProblem::Merge(e.to_string())))
}

/// What kind of file a text is, by the name its content starts with.
pub fn kind_of(text: &str) -> Option<Kind> {
    match super::template::leading_name(text) {
        "Session" => Some(Kind::Session),
        "Themes" => Some(Kind::Themes),
        "Learned" => Some(Kind::Learned),
        _ => None,
    }
}

/// Merges any value that serialises to fields and lists (the themes file,
/// the learned words): a field changed on one side takes that side's value,
/// lists of entries with an `id` or `key` merge entry by entry, other lists
/// as sets; fields both sides changed differently keep ours and are noted.
pub fn merge_typed<T: Serialize + DeserializeOwned>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
) -> Result<Merged<T>, serde_json::Error> {
    let b = base.map(serde_json::to_value).transpose()?;
    let o = serde_json::to_value(ours)?;
    let t = serde_json::to_value(theirs)?;
    let mut ctx = Ctx::default();
    let v = merge_value("", b.as_ref(), &o, &t, &mut ctx, false);
    Ok(Merged {
        value: serde_json::from_value(v)?,
        notes: ctx.field_notes(),
    })
}

pub(super) fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut s: String = line.chars().take(40).collect();
    if line.chars().count() > 40 || text.lines().nth(1).is_some() {
        s.push('…');
    }
    s
}

mod session;
mod value;

use value::{Ctx, merge_value};

pub use session::merge_sessions;

#[cfg(test)]
mod tests;
