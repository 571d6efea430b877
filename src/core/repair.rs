//! Ids used more than once (two copies merged without stellwand's merge
//! driver, a hand-edited file): where they are, and a repair that gives
//! every later use a new id and keeps every card.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::error::{FileError, FileProblem};
use super::lock::{self, LockError};
use super::model::{IdKind, Session, ids};
use super::store;

/// A later use of an id that an earlier board, card or theme has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub id: String,
    pub kind: IdKind,
    /// 1-based place of this use in the file (0 when not found).
    pub line: usize,
    pub column: usize,
}

impl Duplicate {
    /// `FILE:LINE:COLUMN: message`, with the repair to run.
    pub fn error(&self, path: &Path) -> FileError {
        FileError::new(
            path,
            self.line,
            self.column,
            FileProblem::DuplicateId(self.id.clone()),
        )
    }
}

/// Every use of an id after its first, in file order, with its place in
/// `text` (the file the session was read from).
pub fn duplicates(text: &str, session: &Session) -> Vec<Duplicate> {
    if none_twice(session) {
        return Vec::new();
    }
    // How often each id was used so far (one look-up per id: a state's
    // collection has hundreds of thousands).
    let mut uses: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut out = Vec::new();
    for (kind, id) in session.ids() {
        if id.is_empty() {
            continue;
        }
        let n = uses.entry(id).or_insert(0);
        *n += 1;
        if *n > 1 {
            let (line, column) = id_positions(text, id)
                .get(*n - 1)
                .map_or((0, 0), |&at| line_column(text, at));
            out.push(Duplicate {
                id: id.to_string(),
                kind,
                line,
                column,
            });
        }
    }
    out
}

/// Whether no id is used twice, told through the session's card index (built
/// here, so the first lookup after opening finds it ready): as many card ids
/// as cards, and no other id among them or used twice itself. `false` also
/// when in doubt (cards without an id), for [`duplicates`] to look closer.
fn none_twice(session: &Session) -> bool {
    if session.index.build_now(&session.boards) != session.card_count() {
        return false;
    }
    let mut others = HashSet::new();
    session
        .ids()
        .filter(|(kind, _)| *kind != IdKind::Card)
        .all(|(_, id)| id.is_empty() || (others.insert(id) && !session.index.holds_id(id)))
}

/// Line and column of the first `id: "ID"` in the text (1, 1 when absent).
pub fn place_of_id(text: &str, id: &str) -> (usize, usize) {
    id_positions(text, id)
        .first()
        .map_or((1, 1), |&at| line_column(text, at))
}

/// Byte offsets of `id: "ID"` (any spacing) in the text, in order.
fn id_positions(text: &str, id: &str) -> Vec<usize> {
    let quoted = format!("\"{id}\"");
    text.match_indices(&quoted)
        .filter_map(|(at, _)| {
            let before = text[..at].trim_end().strip_suffix(':')?.trim_end();
            let name_start = before.len().checked_sub(2)?;
            let is_id = before.ends_with("id")
                && !before[..name_start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            is_id.then_some(name_start)
        })
        .collect()
}

fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Gives every later use of an id a new id (the first keeps it), so that
/// no card, board or theme is lost. Theme references keep pointing at the
/// first. Returns the (old, new) pairs.
pub fn give_duplicates_new_ids(session: &mut Session) -> Vec<(String, String)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut renamed = Vec::new();
    let mut all: HashSet<String> = session.ids().map(|(_, id)| id.to_string()).collect();
    let mut fresh = |kind: IdKind, old: &str, all: &mut HashSet<String>| -> String {
        let new = ids::random_id(kind.prefix(), |x| all.contains(x));
        all.insert(new.clone());
        renamed.push((old.to_string(), new.clone()));
        new
    };
    for board in &mut session.boards {
        if !board.id.is_empty() && !seen.insert(board.id.clone()) {
            board.id = fresh(IdKind::Board, &board.id, &mut all);
        }
        for card in board.columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
            if !card.id.is_empty() && !seen.insert(card.id.clone()) {
                card.id = fresh(IdKind::Card, &card.id, &mut all);
            }
        }
    }
    for theme in &mut session.themes {
        if !theme.id.is_empty() && !seen.insert(theme.id.clone()) {
            theme.id = fresh(IdKind::Theme, &theme.id, &mut all);
        }
    }
    for measure in &mut session.measures {
        if !measure.id.is_empty() && !seen.insert(measure.id.clone()) {
            measure.id = fresh(IdKind::Measure, &measure.id, &mut all);
        }
    }
    renamed
}

/// What a repair did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// (old, new) ids.
    pub renamed: Vec<(String, String)>,
    /// The original file, kept before writing; `None` when nothing was to do.
    pub backup: Option<PathBuf>,
    pub cards: usize,
}

/// The backup name before a repair: `NAME.vor-reparatur.bak` (or with `-2`,
/// … when that exists).
pub fn backup_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    super::session_file::free_name(path.with_file_name(format!("{stem}.vor-reparatur.bak")))
}

/// Repairs a session file in place: the original is written to a backup
/// first, then the file with new ids for the duplicates. Refused while
/// another stellwand has the file open, and for files that cannot be read
/// fully (nothing is written then).
pub fn repair_file(path: &Path) -> Result<Repaired, FileError> {
    let bytes = store::read_limited(path)?;
    let loaded = store::load_bytes_allowing_duplicates(path, &bytes)?;
    if loaded.read_only {
        return Err(loaded
            .warning
            .unwrap_or_else(|| FileError::new(path, 1, 1, FileProblem::Newer)));
    }
    let mut session = loaded.session;
    let cards = session.card_count();
    let _lock = match lock::acquire(path) {
        Ok(l) => l,
        Err(LockError::Held(owner)) => {
            return Err(FileError::new(path, 0, 0, FileProblem::Locked(owner)));
        }
        Err(LockError::Io(e)) => return Err(FileError::io(&lock::lock_path(path), &e)),
    };
    let renamed = give_duplicates_new_ids(&mut session);
    if renamed.is_empty() {
        let _ = std::fs::remove_file(lock::lock_path(path));
        return Ok(Repaired {
            renamed,
            backup: None,
            cards,
        });
    }
    let backup = backup_path(path);
    store::write_atomic(&backup, &bytes).map_err(|e| FileError::io(&backup, &e))?;
    store::save(path, &session)?;
    let _ = std::fs::remove_file(lock::lock_path(path));
    Ok(Repaired {
        renamed,
        backup: Some(backup),
        cards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;

    const DUPLICATED: &str = "Session(\n  version: 2,\n  id: \"s\",\n  boards: [\n    Board(\n      id: \"b1\",\n      columns: [\n        Column(key: \"needs\", cards: [\n          Card(id: \"k5\", text: \"Kita-Plätze\"),\n          Card(id: \"k6\", text: \"Sprachkurse\"),\n          Card(id: \"k5\", text: \"Sportvereine\"),\n          Card(id:\"k6\", text: \"Jugendtreff\"),\n        ]),\n      ],\n    ),\n  ],\n  themes: [\n    Theme(id: \"t1\", label: \"Kita\", cards: [\"k5\"]),\n  ],\n)\n";

    #[test]
    fn every_later_use_of_an_id_is_named_with_its_line_and_column() {
        let s = store::parse_allowing_duplicates(Path::new("d.ron"), DUPLICATED)
            .unwrap()
            .session;
        let d = duplicates(DUPLICATED, &s);
        let places: Vec<(&str, usize, usize)> = d
            .iter()
            .map(|d| (d.id.as_str(), d.line, d.column))
            .collect();
        assert_eq!(places, [("k5", 11, 16), ("k6", 12, 16)]);
        let msg = d[0].error(Path::new("d.ron")).render(Lang::De);
        assert!(msg.starts_with("d.ron:11:16: die Kennung „k5“"), "{msg}");
        assert!(msg.contains("stellwand repair d.ron"), "{msg}");
    }

    #[test]
    fn repair_keeps_every_card_and_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, DUPLICATED).unwrap();
        assert!(store::load(&path).is_err(), "refused before");
        let r = repair_file(&path).unwrap();
        assert_eq!(r.renamed.len(), 2);
        assert_eq!(
            std::fs::read_to_string(r.backup.as_ref().unwrap()).unwrap(),
            DUPLICATED
        );
        let s = store::load(&path).unwrap().session;
        let texts: Vec<&str> = s.cards().map(|(_, _, k)| k.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Kita-Plätze", "Sprachkurse", "Sportvereine", "Jugendtreff"]
        );
        assert_eq!(
            s.card("k5").unwrap().text,
            "Kita-Plätze",
            "the first keeps its id"
        );
        assert_eq!(s.themes[0].cards, ["k5"]);
        assert!(
            r.message(&path, Lang::De)
                .contains("alle 4 Karten erhalten")
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".lock")), "{names:?}");
        // Again: nothing to do, nothing written.
        let again = repair_file(&path).unwrap();
        assert_eq!(again.backup, None);
    }

    #[test]
    fn a_file_open_in_another_stellwand_is_not_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, DUPLICATED).unwrap();
        let held = lock::acquire(&path).unwrap();
        let err = repair_file(&path).unwrap_err();
        assert!(err.render(Lang::En).contains("open in another stellwand"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DUPLICATED);
        drop(held);
    }
}
