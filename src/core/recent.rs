//! What the program remembers for its user between runs, outside the
//! session files (which stay the same for everyone who shares them): the
//! board and card each session was left at, and the tag set chosen last.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Session files remembered, at most.
const MAX_PLACES: usize = 200;

/// Where a session was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub file: PathBuf,
    pub board: String,
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub card: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recent {
    /// The tag set chosen for the last new session (empty: none).
    pub tag_set: Option<String>,
    /// The newest first.
    pub places: Vec<Place>,
}

/// The file the memory is kept in: `$XDG_STATE_HOME/stellwand/recent.ron`,
/// else `~/.local/state/stellwand/recent.ron`; `None` without a home.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(base.join("stellwand").join("recent.ron"))
}

/// The memory in `path`; a missing or unreadable file remembers nothing
/// (it is a convenience, never a reason to stop).
pub fn load(path: &Path) -> Recent {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| ron::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the memory whole or not at all.
pub fn save(path: &Path, recent: &Recent) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = ron::ser::to_string_pretty(recent, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The same file however it was named.
fn key(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

impl Recent {
    pub fn place(&self, file: &Path) -> Option<&Place> {
        let k = key(file);
        self.places.iter().find(|p| p.file == k)
    }

    pub fn remember(&mut self, mut place: Place) {
        place.file = key(&place.file);
        self.places.retain(|p| p.file != place.file);
        self.places.insert(0, place);
        self.places.truncate(MAX_PLACES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_kept_per_file_newest_first_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state/recent.ron");
        assert_eq!(load(&state), Recent::default());
        let file = dir.path().join("mitte.ron");
        std::fs::write(&file, "").unwrap();
        let mut r = Recent::default();
        for i in 0..MAX_PLACES + 5 {
            r.remember(Place {
                file: dir.path().join(format!("{i}.ron")),
                board: "b1".into(),
                column: None,
                card: None,
            });
        }
        r.remember(Place {
            file: dir.path().join("./mitte.ron"),
            board: "b2".into(),
            column: Some("needs".into()),
            card: Some("k7".into()),
        });
        r.tag_set = Some("rostock-2020".into());
        save(&state, &r).unwrap();
        let back = load(&state);
        assert_eq!(back.places.len(), MAX_PLACES);
        assert_eq!(back.place(&file).unwrap().card.as_deref(), Some("k7"));
        assert_eq!(back.tag_set.as_deref(), Some("rostock-2020"));
        std::fs::write(&state, "kaputt(").unwrap();
        assert_eq!(load(&state), Recent::default());
    }
}
