//! The thesaurus: groups of words that mean the same theme on a card
//! (`templates/thesaurus.ron`, extendable by the user's own `Thesaurus(` files).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::error::FileError;
use crate::core::template::leading_name;

/// The thesaurus shipped with the program.
const BUILTIN: &str = include_str!("../../../templates/thesaurus.ron");

/// A group of words that stand for one theme. A word written with a leading
/// `=` only matches as a whole word, never as part of a compound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub words: Vec<String>,
    /// A field as wide as a Handlungsfeld ("Gesundheit", "Wohnen"): cards
    /// of one field are often of different themes, so the group weighs
    /// less than a theme's words; narrower groups inside it carry the
    /// themes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub broad: bool,
    /// Learned from the clerk's themes (see [`super::learned`]), not part
    /// of a thesaurus file.
    #[serde(skip)]
    pub learned: bool,
}

/// Synonym groups of the domain, and whether the general German synonyms
/// ([`super::general`]) are used beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Thesaurus")]
pub struct Thesaurus {
    pub groups: Vec<Group>,
    /// Use the shipped OpenThesaurus sets (weighed far below the groups).
    #[serde(skip)]
    pub general: bool,
}

impl Thesaurus {
    /// The built-in thesaurus: the domain groups and the general synonyms.
    pub fn builtin() -> Self {
        let mut t =
            Thesaurus::parse(Path::new("templates/thesaurus.ron"), BUILTIN).unwrap_or_default();
        t.general = true;
        t
    }

    /// Parses a thesaurus file; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        ron::from_str(text).map_err(|e| FileError::ron(path, &e))
    }

    /// The built-in thesaurus with the `Thesaurus(` files of `dir` added.
    /// Groups with the same name are joined. A broken file is reported and
    /// left out; the rest still works.
    pub fn load(dir: &Path) -> (Self, Vec<FileError>) {
        let mut thesaurus = Thesaurus::builtin();
        let mut problems = Vec::new();
        let Some(paths) = crate::core::files::ron_files(dir) else {
            return (thesaurus, problems);
        };
        for path in paths {
            let Ok(text) = crate::core::files::read_regular_to_string(&path) else {
                continue;
            };
            if leading_name(&text) != "Thesaurus" {
                continue;
            }
            match Thesaurus::parse(&path, &text) {
                Ok(t) => thesaurus.extend(t),
                Err(e) => problems.push(e),
            }
        }
        (thesaurus, problems)
    }

    /// Adds the groups of another thesaurus, joining groups of the same name.
    pub fn extend(&mut self, other: Thesaurus) {
        for group in other.groups {
            match self
                .groups
                .iter_mut()
                .find(|g| g.name.to_lowercase() == group.name.to_lowercase())
            {
                Some(g) => {
                    for w in group.words {
                        if !g.words.contains(&w) {
                            g.words.push(w);
                        }
                    }
                }
                None => self.groups.push(group),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_thesaurus_parses_and_is_general() {
        let t = Thesaurus::parse(Path::new("thesaurus.ron"), BUILTIN).expect("valid");
        assert!(t.groups.len() >= 30, "{} groups", t.groups.len());
        assert!(
            t.groups
                .iter()
                .any(|g| g.words.iter().any(|w| w == "Kindergarten"))
        );
    }

    /// The thesaurus of a folder holding one file of the user's, `mine.ron`.
    fn with_user_file(text: &str) -> (Thesaurus, Vec<FileError>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.ron"), text).unwrap();
        Thesaurus::load(dir.path())
    }

    #[test]
    fn broken_user_file_is_reported_with_place_and_builtin_stays() {
        let (t, problems) = with_user_file(
            "Thesaurus(\n  groups: [\n    (name: \"X\", words: [\"a\" \"b\"]),\n  ],\n)\n",
        );
        assert_eq!(problems.len(), 1);
        let msg = problems[0].render(crate::core::error::Lang::En);
        assert!(msg.contains("mine.ron:3:"), "{msg}");
        assert_eq!(t, Thesaurus::builtin());
    }

    #[test]
    fn user_words_join_a_group() {
        let (t, problems) = with_user_file(
            "// eigene Wörter\nThesaurus(groups: [(name: \"Kinderbetreuung\", words: [\"Kinderhaus\"])])",
        );
        assert!(problems.is_empty());
        let g = t
            .groups
            .iter()
            .find(|g| g.name == "Kinderbetreuung")
            .unwrap();
        assert!(g.words.contains(&"Kinderhaus".to_string()));
        assert!(g.words.contains(&"Kita".to_string()));
    }
}
