//! A session file opened for writing: its lock, its journal, the draft of the
//! card being typed, the state on disk it was read from (so that a change by
//! another program is noticed before it is overwritten) and the backup of an
//! older format version before the first save.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::error::{FileError, FileProblem};
use super::files;
use super::journal::{self, Journal, Replay};
use super::lock::{self, Lock, LockError, Owner};
use super::model::Session;
use super::store;

/// The draft is written at most this often while it changes. With the UI's
/// tick of a quarter second, at most about 0.75 s of typing is ever only in
/// memory.
pub const DRAFT_EVERY: Duration = Duration::from_millis(500);

/// How long an edit that only changes a view (see [`Edit::is_view`]) may
/// wait before it goes to the journal: a run of zoom keys costs no disk
/// write each, and a crash meanwhile only loses where the photo was.
pub const VIEW_DELAY: Duration = Duration::from_millis(300);

/// Where the card being typed goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftTarget {
    /// A new card at this place.
    New {
        board: String,
        column: String,
        index: usize,
    },
    /// An existing card being edited.
    Edit { card: String },
}

/// The card being typed, as kept in the draft file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub target: DraftTarget,
    /// The editor's text as typed, sub-points on lines of their own.
    pub text: String,
}

/// Reads the draft beside a session file, if there is a readable one.
pub fn read_draft(session: &Path) -> Option<Draft> {
    let bytes = files::read_no_follow(&journal::draft_path(session)).ok()??;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// Why a session opened read-only.
#[derive(Debug)]
pub enum ReadOnly {
    /// Written by a newer program.
    Newer(FileError),
    /// Holds fields this program does not know, which a save would drop.
    NotUnderstood(FileError),
    /// Another running stellwand has it open.
    Locked(Option<Owner>),
    /// The lock or the journal could not be written beside the file (a
    /// read-only folder, a full disk).
    Unwritable(FileError),
}

/// What was found of an earlier run that ended without saving.
#[derive(Debug, Default)]
pub struct Recovered {
    pub replay: Replay,
    /// The card that was being typed.
    pub draft: Option<Draft>,
    /// A journal that did not belong to the file as it is now, kept aside.
    pub kept_journal: Option<PathBuf>,
}

impl Recovered {
    /// Whether there is anything to tell.
    pub fn any(&self) -> bool {
        self.replay.applied > 0
            || self.replay.skipped > 0
            || self.replay.torn
            || self.draft.is_some()
            || self.kept_journal.is_some()
    }
}

/// A session read from disk, for writing or read-only.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    /// The file for writing; `None` when read-only.
    pub file: Option<SessionFile>,
    pub read_only: Option<ReadOnly>,
    pub recovered: Recovered,
    /// The older format version the file has; upgraded in memory, written
    /// (with a backup of the original) on the first save.
    pub upgraded_from: Option<u32>,
}

impl Opened {
    fn read_only(session: Session, why: ReadOnly, upgraded_from: Option<u32>) -> Opened {
        Opened {
            session,
            file: None,
            read_only: Some(why),
            recovered: Recovered::default(),
            upgraded_from,
        }
    }
}

/// Opens a session file: takes its lock, replays a journal left by a crash,
/// reads the draft and starts journalling. Read-only (with the reason) when
/// the file is newer than this program, another stellwand has it, or nothing
/// can be written beside it; the file, its lock and its journal are then
/// never written.
pub fn open(path: &Path) -> Result<Opened, FileError> {
    // One file is one session, however it is reached: the lock, journal and
    // draft sit beside the file itself, and saving through a link writes
    // the file it points to. Messages about the content name the path as
    // given.
    let given = path;
    let real = fs::canonicalize(given).map_err(|e| FileError::io(given, &e))?;
    let path = real.as_path();
    let named = |mut e: FileError| {
        if e.path == real {
            e.path = given.to_path_buf();
        }
        e
    };
    let bytes = store::read_limited(path).map_err(named)?;
    let loaded = store::load_bytes_viewable(given, &bytes)?;
    if loaded.read_only {
        let why = loaded
            .warning
            .clone()
            .unwrap_or_else(|| FileError::new(path, 0, 0, FileProblem::Newer));
        let why = if matches!(why.problem, FileProblem::NewerVersion { .. }) {
            ReadOnly::Newer(why)
        } else {
            ReadOnly::NotUnderstood(why)
        };
        return Ok(Opened::read_only(loaded.session, why, None));
    }
    let lock = match lock::acquire(path) {
        Ok(l) => l,
        Err(LockError::Held(owner)) => {
            return Ok(Opened::read_only(
                loaded.session,
                ReadOnly::Locked(owner),
                loaded.upgraded_from,
            ));
        }
        Err(LockError::Io(e)) => {
            let err = FileError::io(&lock::lock_path(path), &e);
            return Ok(Opened::read_only(
                loaded.session,
                ReadOnly::Unwritable(err),
                loaded.upgraded_from,
            ));
        }
    };
    // Under the lock, what a killed save left in the folder can go.
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        super::tidy::remove_stale_temp_files(dir);
    }
    // Read again under the lock: the one who held it before may have saved
    // on the way out. Parsed again only when it did.
    let first = bytes;
    let bytes = store::read_limited(path).map_err(named)?;
    let loaded = if bytes == first {
        loaded
    } else {
        store::load_bytes_viewable(given, &bytes)?
    };
    if loaded.read_only {
        drop(lock);
        return open(given);
    }
    let base = journal::fingerprint(&bytes);
    let mut session = loaded.session;
    let unwritable = |session: Session, e: io::Error| {
        let err = FileError::io(&journal::journal_path(path), &e);
        Opened::read_only(session, ReadOnly::Unwritable(err), loaded.upgraded_from)
    };
    // The draft is read and replaced, never written through: a link or
    // anything else odd in its place is refused like an unwritable journal.
    let draft_file = journal::draft_path(path);
    if let Some(kind) = files::odd_kind(&draft_file) {
        let err = FileError::new(&draft_file, 0, 0, FileProblem::NotRegular(kind));
        return Ok(Opened::read_only(
            session,
            ReadOnly::Unwritable(err),
            loaded.upgraded_from,
        ));
    }
    let mut recovered = Recovered::default();
    match journal::replay(path, base, &mut session) {
        Ok(r) => recovered.replay = r,
        // A journal that cannot be read must not be started over.
        Err(e) => return Ok(unwritable(session, e)),
    }
    if recovered.replay.stale {
        recovered.kept_journal = keep_stale_journal(path);
        recovered.replay.stale = false;
    }
    let journal = match Journal::resume(path, base) {
        Ok(j) => j,
        Err(e) => return Ok(unwritable(session, e)),
    };
    recovered.draft = read_draft(path);
    let draft_on_disk = draft_file.exists();
    let backup = loaded.upgraded_from.map(|v| (v, bytes));
    let bom = loaded.bom;
    Ok(Opened {
        session,
        file: Some(SessionFile {
            path: path.to_path_buf(),
            base,
            journal: Some(journal),
            lock: Some(lock),
            backup,
            draft_written: None,
            draft_at: None,
            draft_on_disk,
            unrecorded: Vec::new(),
            views_since: None,
            failed: false,
            bom,
        }),
        read_only: None,
        recovered,
        upgraded_from: loaded.upgraded_from,
    })
}

/// A journal made for another state of the file: kept under a dated name
/// when it holds edits (the file was changed while they were unsaved),
/// else left to be started over.
fn keep_stale_journal(path: &Path) -> Option<PathBuf> {
    let jp = journal::journal_path(path);
    let text = files::read_no_follow(&jp).ok()??;
    if text.iter().filter(|b| **b == b'\n').count() < 2 {
        return None;
    }
    let kept = journal::sibling(path, &format!("journal-{}", timestamp()));
    fs::rename(&jp, &kept).ok()?;
    Some(kept)
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Written,
    /// The file had been changed by another program since it was read; it
    /// was left alone and the session written to `side`, which is the file
    /// from now on.
    Conflict {
        original: PathBuf,
        side: PathBuf,
    },
}

/// A session file held for writing.
#[derive(Debug)]
pub struct SessionFile {
    path: PathBuf,
    /// Fingerprint of the file's bytes as last read or written.
    base: u64,
    journal: Option<Journal>,
    lock: Option<Lock>,
    /// The original bytes of an older format version, written as a backup
    /// before the first save.
    backup: Option<(u32, Vec<u8>)>,
    draft_written: Option<Draft>,
    draft_at: Option<Instant>,
    draft_on_disk: bool,
    /// Edits applied in memory that the journal could not take yet (a full
    /// disk) or that wait on purpose (views), oldest first; written before
    /// any later one.
    unrecorded: Vec<Edit>,
    /// Since when only views wait, if so: they are due [`VIEW_DELAY`] later.
    views_since: Option<Instant>,
    /// The last write to the journal failed.
    failed: bool,
    /// The file started with a byte order mark: it is written again.
    bom: bool,
}

impl SessionFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an edit to the journal, on disk before this returns. When
    /// that fails the edit is kept and written by the next [`record`] or
    /// [`retry`], or with the session by the next save.
    ///
    /// [`record`]: SessionFile::record
    /// [`retry`]: SessionFile::retry
    pub fn record(&mut self, edit: &Edit) -> io::Result<()> {
        self.unrecorded.push(edit.clone());
        self.retry()
    }

    /// Keeps an edit that only changes a view for [`VIEW_DELAY`]; the next
    /// [`record`], or [`retry`] once [`due`], writes it in its place.
    ///
    /// [`record`]: SessionFile::record
    /// [`retry`]: SessionFile::retry
    /// [`due`]: SessionFile::due
    pub fn defer(&mut self, edit: &Edit, now: Instant) {
        if self.unrecorded.is_empty() {
            self.views_since = Some(now);
        }
        self.unrecorded.push(edit.clone());
    }

    /// Whether waiting edits should be written now: after a failed write at
    /// once, views when their delay has passed.
    pub fn due(&self, now: Instant) -> bool {
        !self.unrecorded.is_empty()
            && self
                .views_since
                .is_none_or(|since| now.duration_since(since) >= VIEW_DELAY)
    }

    /// Whether the last write to the journal failed.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Writes the edits the journal could not take before.
    pub fn retry(&mut self) -> io::Result<()> {
        if self.unrecorded.is_empty() {
            return Ok(());
        }
        if self.journal.is_none() {
            let j = Journal::create(&self.path, self.base)?;
            self.journal = Some(j);
        }
        let journal = self.journal.as_mut().expect("just made");
        let mut done = 0;
        let result = self.unrecorded.iter().try_for_each(|e| {
            journal.append(e)?;
            done += 1;
            Ok(())
        });
        self.unrecorded.drain(..done);
        self.views_since = None;
        self.failed = result.is_err();
        result
    }

    /// How many edits are only in memory, not yet in the journal.
    pub fn unrecorded(&self) -> usize {
        self.unrecorded.len()
    }

    /// Saves the session atomically and starts a fresh journal. A file
    /// changed on disk since it was read is never overwritten: the session
    /// goes to a side file instead, which becomes this file.
    pub fn save(&mut self, session: &Session) -> Result<Saved, FileError> {
        let mut text = store::to_ron(session);
        if self.bom {
            text.insert(0, store::BOM);
        }
        let bytes = text.as_bytes();
        if let Some((version, original)) = &self.backup {
            let backup = free_name(backup_path(&self.path, *version));
            store::write_atomic_with(&backup, original, Some(&self.path), &mut || Ok(()))
                .map_err(|e| FileError::io(&backup, &e))?;
            self.backup = None;
        }
        // Compared when the new content is on disk and just before it
        // replaces the file: a change made while a large session was
        // being written is seen too.
        let (path, base) = (self.path.clone(), self.base);
        let mut changed = false;
        let written = store::write_atomic_with(&self.path, bytes, None, &mut || {
            changed = changed_since(&path, base)?;
            if changed {
                return Err(io::Error::other("changed on disk"));
            }
            Ok(())
        });
        match written {
            Err(_) if changed => return self.save_aside(bytes),
            Err(e) => return Err(FileError::io(&self.path, &e)),
            Ok(()) => {}
        }
        self.base = journal::fingerprint(bytes);
        self.unrecorded.clear();
        self.views_since = None;
        self.failed = false;
        self.restart_journal()?;
        Ok(Saved::Written)
    }

    fn restart_journal(&mut self) -> Result<(), FileError> {
        self.journal = None;
        let j = Journal::create(&self.path, self.base)
            .map_err(|e| FileError::io(&journal::journal_path(&self.path), &e))?;
        self.journal = Some(j);
        Ok(())
    }

    fn save_aside(&mut self, bytes: &[u8]) -> Result<Saved, FileError> {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "sitzung".into());
        let side = free_name(self.path.with_file_name(format!(
            "{stem}.konflikt-{}.{}",
            timestamp(),
            store::EXTENSION
        )));
        store::write_atomic_with(&side, bytes, Some(&self.path), &mut || Ok(()))
            .map_err(|e| FileError::io(&side, &e))?;
        let original = std::mem::replace(&mut self.path, side.clone());
        // The journal and draft of the original file now belong to the side
        // file, where everything they hold is saved.
        if let Some(j) = self.journal.take() {
            let _ = j.remove();
        }
        let _ = fs::remove_file(journal::draft_path(&original));
        self.draft_on_disk = false;
        self.draft_written = None;
        if let Some(old) = self.lock.take() {
            old.remove();
        }
        self.lock = lock::acquire(&side).ok();
        self.base = journal::fingerprint(bytes);
        self.backup = None;
        self.unrecorded.clear();
        self.views_since = None;
        self.failed = false;
        self.restart_journal()?;
        Ok(Saved::Conflict { original, side })
    }

    /// Keeps the draft file in step with the card being typed: written when
    /// it changed and the last write is [`DRAFT_EVERY`] ago, removed when
    /// there is no card being typed.
    pub fn update_draft(&mut self, draft: Option<&Draft>, now: Instant) -> io::Result<()> {
        match draft {
            None => {
                if self.draft_on_disk {
                    match fs::remove_file(journal::draft_path(&self.path)) {
                        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                        _ => {}
                    }
                    self.draft_on_disk = false;
                }
                self.draft_written = None;
                Ok(())
            }
            Some(d) => {
                if self.draft_written.as_ref() == Some(d) {
                    return Ok(());
                }
                if self
                    .draft_at
                    .is_some_and(|at| now.saturating_duration_since(at) < DRAFT_EVERY)
                {
                    return Ok(());
                }
                self.write_draft(d)?;
                self.draft_at = Some(now);
                Ok(())
            }
        }
    }

    /// Writes the draft at once (on the way out of a failing program).
    pub fn write_draft(&mut self, draft: &Draft) -> io::Result<()> {
        let text = ron::to_string(draft).map_err(io::Error::other)?;
        store::write_atomic(&journal::draft_path(&self.path), text.as_bytes())?;
        self.draft_written = Some(draft.clone());
        self.draft_on_disk = true;
        Ok(())
    }

    /// Lets go of the file and removes its lock file. When everything was
    /// saved, the journal and the draft are removed too, so nothing of the
    /// program stays beside the session; else they stay for the next start
    /// to recover.
    pub fn close(mut self, saved: bool) {
        if saved {
            if let Some(j) = self.journal.take() {
                let _ = j.remove();
            }
            let _ = fs::remove_file(journal::draft_path(&self.path));
        }
        if let Some(lock) = self.lock.take() {
            lock.remove();
        }
    }
}

/// Whether the file on disk is no longer the one with fingerprint `base`:
/// its bytes differ, or it was replaced or written while being read.
/// Deleted or moved away is no change: writing it anew overwrites nobody's
/// work.
fn changed_since(path: &Path, base: u64) -> io::Result<bool> {
    let mut file = match files::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let before = file.metadata()?;
    let mut now = Vec::with_capacity(before.len() as usize);
    io::Read::read_to_end(&mut file, &mut now)?;
    if journal::fingerprint(&now) != base {
        return Ok(true);
    }
    match fs::metadata(path) {
        Ok(after) => Ok(!same_state(&before, &after)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// The same file, unchanged: same inode, size and modification time.
fn same_state(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino()) != (b.dev(), b.ino()) {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// The backup name of a file of an older format version: `NAME.vN.bak`.
pub fn backup_path(path: &Path, version: u32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.v{version}.bak"))
}

/// `path`, or with `-2`, `-3`, … before the extension when it exists.
pub(crate) fn free_name(path: PathBuf) -> PathBuf {
    if !path.exists() {
        return path;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(path)
}

/// The present time as `YYYYMMDD-HHMMSS` (UTC).
fn timestamp() -> String {
    super::date::now_utc("%Y%m%d-%H%M%S")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;
    use crate::core::model::FORMAT_VERSION;

    use crate::core::test_support::{add_card as add, one_column_session as session};

    fn texts(s: &Session) -> Vec<String> {
        s.cards().map(|(_, _, k)| k.text.clone()).collect()
    }

    #[test]
    fn edits_recorded_but_not_saved_come_back_and_journalling_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        let e = add(&mut o.session, "Kita");
        file.record(&e).unwrap();
        drop(o); // killed

        let mut o = open(&path).unwrap();
        assert_eq!(o.recovered.replay.applied, 1);
        assert!(o.recovered.any());
        assert!(o.recovered.describe(Lang::En, None).contains("1 change"));
        let e = add(&mut o.session, "Schule");
        o.session.apply(e.clone()).unwrap();
        o.file.as_mut().unwrap().record(&e).unwrap();
        drop(o);

        let o = open(&path).unwrap();
        assert_eq!(texts(&o.session), ["Kita", "Schule"]);
    }

    #[test]
    fn a_clean_close_leaves_only_the_session_file_and_an_unsaved_one_its_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let names = || -> Vec<String> {
            let mut n: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            n.sort();
            n
        };
        let mut o = open(&path).unwrap();
        let e = add(&mut o.session, "Kita");
        o.session.apply(e.clone()).unwrap();
        let mut file = o.file.take().unwrap();
        file.record(&e).unwrap();
        file.save(&o.session).unwrap();
        assert_eq!(names(), [".s.ron.journal", ".s.ron.lock", "s.ron"]);
        file.close(true);
        assert_eq!(names(), ["s.ron"]);

        let mut o = open(&path).unwrap();
        let e = add(&mut o.session, "Schule");
        o.file.as_mut().unwrap().record(&e).unwrap();
        o.file.take().unwrap().close(false);
        assert_eq!(
            names(),
            [".s.ron.journal", "s.ron"],
            "the unsaved change stays"
        );
    }

    #[test]
    fn a_second_opener_gets_read_only_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let first = open(&path).unwrap();
        assert!(first.read_only.is_none());
        let second = open(&path).unwrap();
        assert!(second.file.is_none());
        let text = second.read_only.unwrap().message(Lang::En);
        assert!(
            text.contains(&format!("process {}", std::process::id())),
            "{text}"
        );
        drop(first);
        assert!(open(&path).unwrap().file.is_some(), "free again");
    }

    #[test]
    fn a_newer_file_gets_no_lock_and_no_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut s = session();
        s.version = FORMAT_VERSION + 1;
        store::save(&path, &s).unwrap();
        let o = open(&path).unwrap();
        assert!(matches!(o.read_only, Some(ReadOnly::Newer(_))));
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["s.ron"]);
    }

    #[test]
    fn a_file_changed_by_another_program_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let theirs = fs::read_to_string(&path)
            .unwrap()
            .replace("title: \"\"", "title: \"fremd\"");
        fs::write(&path, &theirs).unwrap();
        let e = add(&mut o.session, "meins");
        o.session.apply(e).unwrap();
        let file = o.file.as_mut().unwrap();
        let saved = file.save(&o.session).unwrap();
        let Saved::Conflict { original, side } = &saved else {
            panic!("{saved:?}")
        };
        assert_eq!(original, &path);
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
        assert!(side.to_string_lossy().contains("s.konflikt-"));
        assert_eq!(texts(&store::load(side).unwrap().session), ["meins"]);
        assert!(
            saved
                .message(Lang::De)
                .unwrap()
                .contains("nicht überschrieben")
        );
        // Work goes on in the side file, with no further conflict.
        assert_eq!(file.path(), side);
        assert_eq!(file.save(&o.session).unwrap(), Saved::Written);
    }

    #[test]
    fn a_file_replaced_while_the_save_writes_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let e = add(&mut o.session, "meins");
        o.session.apply(e).unwrap();
        let theirs = fs::read_to_string(&path)
            .unwrap()
            .replace("title: \"\"", "title: \"fremd\"");
        let other = theirs.clone();
        let target = path.clone();
        // The other program replaces the file after the save has checked
        // it once and while the new content is being written.
        store::test_hook::set(move |p| {
            if p == target {
                let tmp = target.with_file_name("other.tmp");
                fs::write(&tmp, &other).unwrap();
                fs::rename(&tmp, &target).unwrap();
            }
        });
        let saved = o.file.as_mut().unwrap().save(&o.session);
        store::test_hook::clear();
        let saved = saved.unwrap();
        assert!(matches!(saved, Saved::Conflict { .. }), "{saved:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
        let Saved::Conflict { side, .. } = saved else {
            unreachable!()
        };
        assert_eq!(texts(&store::load(&side).unwrap().session), ["meins"]);
    }

    #[test]
    fn an_edit_the_full_disk_refused_is_kept_and_written_when_there_is_room() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let before = fs::read(&path).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        let first = add(&mut o.session, "vorher");
        o.session.apply(first.clone()).unwrap();
        file.record(&first).unwrap();
        file.journal.as_mut().unwrap().limit_writes(Some(0));
        let mut refused = Vec::new();
        for text in ["voll 1", "voll 2"] {
            let e = add(&mut o.session, text);
            o.session.apply(e.clone()).unwrap();
            let err = file.record(&e).unwrap_err();
            assert!(crate::core::files::is_disk_full(&err), "{err}");
            refused.push(e);
        }
        assert_eq!(file.unrecorded(), 2);
        // Still full: trying again fails and damages nothing.
        assert!(file.retry().is_err());
        assert_eq!(file.unrecorded(), 2);
        assert_eq!(fs::read(&path).unwrap(), before);
        // Room again: the kept edits go to the journal, in order.
        file.journal.as_mut().unwrap().limit_writes(None);
        file.retry().unwrap();
        assert_eq!(file.unrecorded(), 0);
        drop(o); // killed
        let o = open(&path).unwrap();
        assert_eq!(texts(&o.session), ["vorher", "voll 1", "voll 2"]);
    }

    fn zoom(level: u8) -> Edit {
        Edit::SetPhotoView {
            board: "b1".into(),
            view: crate::core::model::PhotoView {
                zoom: level,
                ..Default::default()
            },
        }
    }

    fn journal_len(path: &Path) -> u64 {
        fs::metadata(journal::journal_path(path)).map_or(0, |m| m.len())
    }

    #[test]
    fn a_change_of_view_waits_for_its_delay_before_the_journal_takes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        let empty = journal_len(&path);
        let t0 = Instant::now();
        for level in 1..=3 {
            let e = zoom(level);
            o.session.apply(e.clone()).unwrap();
            file.defer(&e, t0);
        }
        assert_eq!(journal_len(&path), empty, "no disk write per zoom key");
        assert!(!file.due(t0 + VIEW_DELAY / 2));
        assert!(file.due(t0 + VIEW_DELAY));
        file.retry().unwrap();
        assert!(!file.failed());
        assert!(!file.due(t0 + VIEW_DELAY * 10), "nothing waits any more");
        drop(o); // killed
        let o = open(&path).unwrap();
        assert_eq!(o.session.boards[0].view.zoom, 3);
    }

    #[test]
    fn a_card_written_after_a_waiting_view_takes_the_view_with_it_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        let e = zoom(2);
        o.session.apply(e.clone()).unwrap();
        file.defer(&e, Instant::now());
        let card = add(&mut o.session, "Kita");
        o.session.apply(card.clone()).unwrap();
        file.record(&card).unwrap();
        assert_eq!(file.unrecorded(), 0);
        drop(o); // killed
        let o = open(&path).unwrap();
        assert_eq!(texts(&o.session), ["Kita"]);
        assert_eq!(o.session.boards[0].view.zoom, 2);
    }

    #[test]
    fn edits_kept_by_a_full_disk_are_retried_at_once_not_after_a_delay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        file.journal.as_mut().unwrap().limit_writes(Some(0));
        let card = add(&mut o.session, "voll");
        o.session.apply(card.clone()).unwrap();
        assert!(file.record(&card).is_err());
        assert!(file.failed());
        let now = Instant::now();
        let e = zoom(1);
        o.session.apply(e.clone()).unwrap();
        file.defer(&e, now);
        assert!(file.due(now), "a failed write is tried again on every tick");
    }

    #[test]
    fn a_version_0_file_is_upgraded_with_a_backup_on_the_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alt.ron");
        let v0 = "Session(title: \"Alt\", boards: [Board(template: \"district-exchange\", columns: [Column(key: \"needs\", cards: [Card(text: \"Kita\"), Card(text: \"Schule\")])])])\n";
        fs::write(&path, v0).unwrap();
        let mut o = open(&path).unwrap();
        assert_eq!(o.upgraded_from, Some(0));
        assert!(o.upgrade_note(Lang::En).unwrap().contains("alt.v0.bak"));
        let ids: Vec<_> = o.session.cards().map(|(_, _, k)| k.id.clone()).collect();
        assert_eq!(ids, ["k2", "k3"]);
        assert_eq!(o.session.boards[0].id, "b1");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            v0,
            "opening writes nothing"
        );
        let file = o.file.as_mut().unwrap();
        file.save(&o.session).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("alt.v0.bak")).unwrap(),
            v0
        );
        let now = store::load(&path).unwrap();
        assert_eq!(now.session.version, FORMAT_VERSION);
        assert_eq!(now.upgraded_from, None);
        assert_eq!(texts(&now.session), ["Kita", "Schule"]);
    }

    #[test]
    fn a_version_1_file_keeps_its_ids_replays_its_journal_and_loses_the_counter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("eins.ron");
        let v1 = "Session(version: 1, id: \"s\", boards: [Board(id: \"b1\", template: \"district-exchange\", columns: [Column(key: \"needs\", cards: [Card(id: \"k2\", text: \"Kita\")])])], next_id: 3)\n";
        fs::write(&path, v1).unwrap();
        let mut o = open(&path).unwrap();
        assert_eq!(o.upgraded_from, Some(1));
        assert!(o.upgrade_note(Lang::En).unwrap().contains("eins.v1.bak"));
        let e = add(&mut o.session, "Schule");
        o.session.apply(e.clone()).unwrap();
        o.file.as_mut().unwrap().record(&e).unwrap();
        drop(o); // killed before saving

        let mut o = open(&path).unwrap();
        assert_eq!(
            o.recovered.replay.applied, 1,
            "the journal fits the upgraded file"
        );
        assert_eq!(texts(&o.session), ["Kita", "Schule"]);
        let file = o.file.as_mut().unwrap();
        file.save(&o.session).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("eins.v1.bak")).unwrap(),
            v1
        );
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("next_id"), "{text}");
        assert!(text.contains("id: \"k2\""), "old ids stay: {text}");
        let now = store::load(&path).unwrap();
        assert_eq!(now.session.version, FORMAT_VERSION);
        assert_eq!(now.upgraded_from, None);
    }

    #[test]
    fn the_draft_is_written_at_most_every_half_second_and_removed_when_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let mut o = open(&path).unwrap();
        let file = o.file.as_mut().unwrap();
        let draft = |text: &str| Draft {
            target: DraftTarget::New {
                board: "b1".into(),
                column: "needs".into(),
                index: 0,
            },
            text: text.into(),
        };
        let t0 = Instant::now();
        file.update_draft(Some(&draft("Ki")), t0).unwrap();
        assert_eq!(read_draft(&path).unwrap().text, "Ki");
        file.update_draft(Some(&draft("Kita")), t0 + Duration::from_millis(100))
            .unwrap();
        assert_eq!(read_draft(&path).unwrap().text, "Ki", "not yet");
        file.update_draft(Some(&draft("Kita")), t0 + DRAFT_EVERY)
            .unwrap();
        assert_eq!(read_draft(&path).unwrap().text, "Kita");
        drop(o);
        let mut o = open(&path).unwrap();
        assert_eq!(o.recovered.draft.as_ref().unwrap().text, "Kita");
        let file = o.file.as_mut().unwrap();
        file.update_draft(None, Instant::now()).unwrap();
        assert!(read_draft(&path).is_none());
    }

    /// A link planted at `name` beside the session (as a shared repository
    /// could hold one): the session opens read-only naming the link, and
    /// neither the victim nor the session file is written.
    #[cfg(unix)]
    fn planted_link_is_refused(name: &str) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.ron");
        store::save(&path, &session()).unwrap();
        let before = fs::read(&path).unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "unberührt\n").unwrap();
        let link = dir.path().join(name);
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let o = open(&path).unwrap();
        assert!(
            o.file.is_none(),
            "{name}: opened for writing through a link"
        );
        let text = o.read_only.unwrap().message(Lang::De);
        assert!(text.contains(name), "{text}");
        assert!(text.contains("symbolischer Link"), "{text}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "unberührt\n");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_as_the_lock_is_not_written_through() {
        planted_link_is_refused(".v.ron.lock");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_as_the_journal_is_not_written_through() {
        planted_link_is_refused(".v.ron.journal");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_as_the_draft_is_not_read_or_written_through() {
        planted_link_is_refused(".v.ron.draft");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_draft_elsewhere_is_not_recovered() {
        // The link points at a valid draft: following it would put someone
        // else's text into the editor.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.ron");
        store::save(&path, &session()).unwrap();
        let other = dir.path().join("other.ron");
        let draft = Draft {
            target: DraftTarget::Edit { card: "k1".into() },
            text: "fremder Text".into(),
        };
        fs::write(&other, ron::to_string(&draft).unwrap()).unwrap();
        std::os::unix::fs::symlink(&other, journal::draft_path(&path)).unwrap();
        assert!(read_draft(&path).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_and_a_link_to_it_are_one_session_with_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/r.ron");
        store::save(&real, &session()).unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real/r.ron", &link).unwrap();

        let mut first = open(&link).unwrap();
        assert!(first.file.is_some());
        let second = open(&real).unwrap();
        assert!(
            matches!(second.read_only, Some(ReadOnly::Locked(_))),
            "the file behind the link opened for writing a second time"
        );
        // Saving through the link writes the file it points to.
        let e = add(&mut first.session, "durch den Link");
        first.session.apply(e).unwrap();
        let file = first.file.as_mut().unwrap();
        assert_eq!(file.save(&first.session).unwrap(), Saved::Written);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            texts(&store::load(&real).unwrap().session),
            ["durch den Link"]
        );
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(
            beside.is_empty(),
            "lock or journal beside the link: {beside:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn saving_keeps_the_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let mut o = open(&path).unwrap();
        let e = add(&mut o.session, "Name einer Person");
        o.session.apply(e).unwrap();
        o.file.as_mut().unwrap().save(&o.session).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }

    #[test]
    fn a_file_with_an_unknown_field_opens_read_only_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let text =
            store::to_ron(&session()).replacen("Session(", "Session(\n  notizen: \"WICHTIG\",", 1);
        fs::write(&path, &text).unwrap();
        let o = open(&path).unwrap();
        assert!(o.file.is_none());
        let why = o.read_only.unwrap().message(Lang::De);
        assert!(why.contains("unbekanntes Feld „notizen“"), "{why}");
        assert!(why.contains("nur lesend"), "{why}");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["s.ron"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn stale_temporary_files_beside_the_session_are_removed_on_opening() {
        // A process id no system hands out (above the largest pid_max).
        const DEAD: u32 = 4_194_305;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        let stale = [
            format!(".s.ron.{DEAD}.tmp"),
            format!("..s.ron.draft.{DEAD}.tmp"),
            format!(".s.v0.bak.{DEAD}.tmp"),
        ];
        let kept = [
            format!(".s.ron.{}.tmp", std::process::id()),
            format!("s.ron.{DEAD}.tmp"),
            ".s.ron.tmp".to_string(),
            format!(".s.ron.{DEAD}x.tmp"),
        ];
        for n in stale.iter().chain(&kept) {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        let _o = open(&path).unwrap();
        for n in &stale {
            assert!(!dir.path().join(n).exists(), "{n} left");
        }
        for n in &kept {
            assert!(dir.path().join(n).exists(), "{n} removed");
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted_and_kept_on_saving() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("windows.ron");
        let text = format!("\u{feff}{}", store::to_ron(&session()));
        fs::write(&path, &text).unwrap();
        let mut o = open(&path).unwrap();
        assert!(
            o.read_only.is_none(),
            "{:?}",
            o.read_only.map(|r| r.message(Lang::En))
        );
        let e = add(&mut o.session, "Kita");
        o.session.apply(e).unwrap();
        o.file.as_mut().unwrap().save(&o.session).unwrap();
        let saved = fs::read_to_string(&path).unwrap();
        assert!(saved.starts_with('\u{feff}'), "the mark was dropped");
        assert!(!saved[3..].contains('\u{feff}'));
        assert_eq!(texts(&store::load(&path).unwrap().session), ["Kita"]);
    }

    #[test]
    fn a_journal_that_cannot_be_written_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &session()).unwrap();
        // A folder where the journal goes: works for root as well.
        fs::create_dir_all(journal::journal_path(&path).join("x")).unwrap();
        let o = open(&path).unwrap();
        assert!(o.file.is_none());
        let text = o.read_only.unwrap().message(Lang::En);
        assert!(text.contains(".s.ron.journal"), "{text}");
    }
}
