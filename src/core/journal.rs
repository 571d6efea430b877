//! The journal beside a session file: every edit is appended and flushed
//! before it counts, so a crash loses no committed change. A save empties it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::files;
use super::model::Session;

/// The journal file of a session file: `.NAME.journal` in the same folder.
pub fn journal_path(session: &Path) -> PathBuf {
    sibling(session, "journal")
}

/// The draft file of a session file: the card being typed.
pub fn draft_path(session: &Path) -> PathBuf {
    sibling(session, "draft")
}

pub(crate) fn sibling(session: &Path, suffix: &str) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session.with_file_name(format!(".{name}.{suffix}"))
}

/// A fingerprint of a file's bytes (FNV-1a), to tell whether a journal
/// belongs to the file as it is on disk now.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Debug, Serialize, Deserialize)]
enum Record {
    /// First line: the fingerprint of the session file the edits apply to.
    Base(u64),
    Edit(Box<Edit>),
    /// A save of the session while edits went on: once the session file has
    /// the fingerprint `base`, it holds the first `after` edits of this
    /// journal, and only the later ones are replayed onto it.
    Saved {
        base: u64,
        after: usize,
    },
}

/// An open journal that edits are appended to.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    /// Length of the whole records; a failed append is cut back to it, so
    /// that the next record never joins a torn one.
    whole: u64,
    /// A failed append could not be cut back yet.
    torn: bool,
    /// Bytes this journal may still write, to imitate a full disk in tests.
    budget: Option<u64>,
    /// Edit records in the journal.
    edits: usize,
}

impl Journal {
    /// Starts a new, empty journal for the session file whose bytes on disk
    /// have the given fingerprint.
    pub fn create(session: &Path, base: u64) -> io::Result<Journal> {
        let path = journal_path(session);
        let file = files::open_no_follow(
            &path,
            OpenOptions::new().create(true).write(true).truncate(true),
        )?;
        let mut journal = Journal {
            path,
            file,
            whole: 0,
            torn: false,
            budget: None,
            edits: 0,
        };
        let mut first = line(&Record::Base(base));
        first.push('\n');
        journal.write_limited(first.as_bytes())?;
        journal.file.sync_data()?;
        journal.whole = first.len() as u64;
        Ok(journal)
    }

    /// A journal for the session file whose bytes on disk have the given
    /// fingerprint, holding `edits` already: written beside the old one and
    /// put in its place in one step, so that a crash meanwhile leaves the
    /// old journal whole.
    pub fn create_with(session: &Path, base: u64, edits: &[Edit]) -> io::Result<Journal> {
        let path = journal_path(session);
        let mut text = line(&Record::Base(base));
        text.push('\n');
        for e in edits {
            text.push_str(&line(&Record::Edit(Box::new(e.clone()))));
            text.push('\n');
        }
        super::store::write_atomic(&path, text.as_bytes())?;
        let file = files::open_no_follow(&path, OpenOptions::new().append(true))?;
        Ok(Journal {
            path,
            file,
            whole: text.len() as u64,
            torn: false,
            budget: None,
            edits: edits.len(),
        })
    }

    /// Goes on writing a journal that was just replayed onto a session loaded
    /// from the file with fingerprint `base`: a record torn by a crash is cut
    /// off, so the next edit starts on a line of its own. Starts a new journal
    /// when there is none or it belongs to another state of the file.
    pub fn resume(session: &Path, base: u64) -> io::Result<Journal> {
        let path = journal_path(session);
        let Some(bytes) = files::read_no_follow(&path)? else {
            return Journal::create(session, base);
        };
        let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let text = String::from_utf8_lossy(&bytes[..complete]);
        if complete == 0 || skipped_for(&text, base).is_none() {
            return Journal::create(session, base);
        }
        let edits = text
            .lines()
            .skip(1)
            .filter(|l| l.starts_with("Edit("))
            .count();
        let file = files::open_no_follow(&path, OpenOptions::new().write(true))?;
        file.set_len(complete as u64)?;
        file.sync_data()?;
        drop(file);
        let file = files::open_no_follow(&path, OpenOptions::new().append(true))?;
        Ok(Journal {
            path,
            file,
            whole: complete as u64,
            torn: false,
            budget: None,
            edits,
        })
    }

    /// Edit records in the journal so far.
    pub fn edits(&self) -> usize {
        self.edits
    }

    /// Notes that the session file is about to get the fingerprint `base`
    /// with the first `after` edits of this journal in it; on disk before
    /// this returns.
    pub fn mark_saved(&mut self, base: u64, after: usize) -> io::Result<()> {
        self.write_record(&Record::Saved { base, after })
    }

    /// Appends an edit and flushes it to disk before returning. When that
    /// fails (a full disk), the journal is cut back to its last whole
    /// record: what is on disk stays readable, and the edit can be
    /// appended again later.
    pub fn append(&mut self, edit: &Edit) -> io::Result<()> {
        self.write_record(&Record::Edit(Box::new(edit.clone())))?;
        self.edits += 1;
        Ok(())
    }

    fn write_record(&mut self, record: &Record) -> io::Result<()> {
        if self.torn {
            self.cut_back()?;
        }
        let mut text = line(record);
        text.push('\n');
        let written = self
            .write_limited(text.as_bytes())
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.whole += text.len() as u64;
                Ok(())
            }
            Err(e) => {
                self.torn = true;
                let _ = self.cut_back();
                Err(e)
            }
        }
    }

    fn cut_back(&mut self) -> io::Result<()> {
        self.file.set_len(self.whole)?;
        // A journal just created is not opened for appending: the next
        // write must go to the new end, not leave a hole.
        self.file.seek(io::SeekFrom::Start(self.whole))?;
        self.file.sync_data()?;
        self.torn = false;
        Ok(())
    }

    fn write_limited(&mut self, bytes: &[u8]) -> io::Result<()> {
        files::write_limited(&mut self.file, bytes, self.budget.as_mut())
    }

    /// Lets this journal write only `bytes` more before it fails like a
    /// full disk (`None`: no limit).
    #[cfg(test)]
    pub(crate) fn limit_writes(&mut self, bytes: Option<u64>) {
        self.budget = bytes;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the journal (after the session was saved).
    pub fn remove(self) -> io::Result<()> {
        drop(self.file);
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn line(record: &Record) -> String {
    // Compact RON escapes newlines in strings, so a record is one line.
    ron::to_string(record).expect("edits always serialise")
}

/// How many of a journal's edits the session file with fingerprint `base`
/// holds already: none when the journal was started on it, the number a
/// save marked in it when that save made it; `None` when the journal
/// belongs to another state of the file.
fn skipped_for(text: &str, base: u64) -> Option<usize> {
    let mut lines = text.lines();
    let first = ron::from_str::<Record>(lines.next()?).ok()?;
    if matches!(first, Record::Base(b) if b == base) {
        return Some(0);
    }
    lines
        .rev()
        .filter(|l| l.starts_with("Saved("))
        .filter_map(|l| match ron::from_str::<Record>(l) {
            Ok(Record::Saved { base: b, after }) if b == base => Some(after),
            _ => None,
        })
        .next()
}

/// What replaying a journal found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replay {
    /// Edits applied to the session.
    pub applied: usize,
    /// Edits that no longer fit the session and were left out.
    pub skipped: usize,
    /// A last record cut short by a crash, ignored.
    pub torn: bool,
    /// The journal was made for another state of the file and was ignored.
    pub stale: bool,
}

/// Replays the journal of `session_path` onto `session`, which was loaded
/// from file bytes with the fingerprint `base`. No journal: nothing to do.
pub fn replay(session_path: &Path, base: u64, session: &mut Session) -> io::Result<Replay> {
    let path = journal_path(session_path);
    // A link is not followed; a device or pipe in its place is refused
    // rather than read forever.
    let Some(bytes) = files::read_no_follow(&path)? else {
        return Ok(Replay::default());
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Replay::default();
    let complete = text.ends_with('\n');
    // The edits the file holds already, when a save marked in the journal
    // made it.
    let skip = skipped_for(&text, base).unwrap_or(0);
    let mut edits = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let last = i + 1 == lines.len();
        match ron::from_str::<Record>(l) {
            Ok(Record::Base(b)) if i == 0 => {
                if b != base && skipped_for(&text, base).is_none() {
                    out.stale = true;
                    return Ok(out);
                }
            }
            Ok(Record::Edit(_)) if i > 0 && edits < skip => edits += 1,
            Ok(Record::Edit(e)) if i > 0 => {
                edits += 1;
                match session.apply(*e) {
                    Ok(_) => out.applied += 1,
                    Err(_) => out.skipped += 1,
                }
            }
            Ok(Record::Saved { .. }) if i > 0 => {}
            _ if last && !complete => out.torn = true,
            _ if i == 0 => {
                out.stale = true;
                return Ok(out);
            }
            _ => out.skipped += 1,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    use crate::core::store;

    use crate::core::test_support::{add_card as add, one_column_session as session};

    /// A saved session `s.ron` in a temporary folder and a journal started
    /// for it: the folder, the path, the session, its fingerprint, the
    /// journal.
    fn journalled() -> (tempfile::TempDir, PathBuf, Session, u64, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let s = session();
        store::save(&path, &s).unwrap();
        let base = fingerprint(&fs::read(&path).unwrap());
        let j = Journal::create(&path, base).unwrap();
        (dir, path, s, base, j)
    }

    #[test]
    fn edits_since_the_last_save_come_back_after_a_crash() {
        let (_dir, path, mut s, base, mut j) = journalled();
        for text in ["Kita-Plätze", "Sprachkurs\nmit Praxis"] {
            let e = add(&mut s, text);
            j.append(&e).unwrap();
            s.apply(e).unwrap();
        }
        drop(j); // the process dies here, nothing saved

        let mut loaded = store::load(&path).unwrap().session;
        let r = replay(&path, base, &mut loaded).unwrap();
        assert_eq!(r.applied, 2);
        assert!(!r.torn && !r.stale);
        let texts: Vec<_> = loaded.cards().map(|(_, _, k)| k.text.clone()).collect();
        assert_eq!(texts, ["Kita-Plätze", "Sprachkurs\nmit Praxis"]);
    }

    #[test]
    fn a_torn_last_record_is_ignored_and_the_rest_kept() {
        let (_dir, path, mut s, base, mut j) = journalled();
        let e = add(&mut s, "ganz");
        j.append(&e).unwrap();
        let e2 = add(&mut s, "halb");
        drop(j);
        let mut f = OpenOptions::new()
            .append(true)
            .open(journal_path(&path))
            .unwrap();
        let rec = line(&Record::Edit(Box::new(e2)));
        f.write_all(&rec.as_bytes()[..rec.len() / 2]).unwrap();
        drop(f);

        let mut loaded = store::load(&path).unwrap().session;
        let r = replay(&path, base, &mut loaded).unwrap();
        assert_eq!((r.applied, r.torn), (1, true));
        assert_eq!(loaded.card_count(), 1);
    }

    #[test]
    fn a_write_that_fails_halfway_is_cut_back_to_the_last_whole_record() {
        let (_dir, path, mut s, base, mut j) = journalled();
        let e = add(&mut s, "ganz");
        j.append(&e).unwrap();
        let whole = fs::read(journal_path(&path)).unwrap();
        // The disk fills up in the middle of the next record.
        j.limit_writes(Some(10));
        let e2 = add(&mut s, "halb geschrieben");
        let err = j.append(&e2).unwrap_err();
        assert!(crate::core::files::is_disk_full(&err), "{err}");
        assert_eq!(fs::read(journal_path(&path)).unwrap(), whole);
        // Space again: the same record goes on a line of its own.
        j.limit_writes(None);
        j.append(&e2).unwrap();
        drop(j);
        let mut loaded = store::load(&path).unwrap().session;
        let r = replay(&path, base, &mut loaded).unwrap();
        assert_eq!((r.applied, r.skipped, r.torn), (2, 0, false));
    }

    #[test]
    fn a_journal_of_an_older_file_state_is_not_replayed() {
        let (_dir, path, mut s, _, mut j) = journalled();
        let e = add(&mut s, "Karte");
        j.append(&e).unwrap();
        s.apply(e).unwrap();
        // Saved, but the crash came before the journal was removed.
        store::save(&path, &s).unwrap();
        let now = fingerprint(&fs::read(&path).unwrap());
        let mut loaded = store::load(&path).unwrap().session;
        let r = replay(&path, now, &mut loaded).unwrap();
        assert!(r.stale);
        assert_eq!(loaded.card_count(), 1);
    }
}
