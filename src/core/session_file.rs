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
    let (bytes, seen) = store::read_limited_seen(path).map_err(named)?;
    // The journal's fingerprint of the file is worked out on the other
    // core while the file is parsed (both take long for a state's
    // collection).
    let (loaded, printed) = std::thread::scope(|s| {
        let print = s.spawn(|| journal::fingerprint(&bytes));
        let loaded = store::load_bytes_viewable(given, &bytes);
        (loaded, print.join().ok())
    });
    let loaded = loaded?;
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
    // The one who held the lock before may have saved on the way out: a
    // save replaces the file (another inode) and a program writing it in
    // place changes its size or time. Read again under the lock only then,
    // and parsed again only when the bytes differ. A write that left all of
    // that alone is still caught by the fingerprint before the next save.
    let (bytes, loaded, printed) = if still_as(path, Some(&seen)) {
        (bytes, loaded, printed)
    } else {
        let again = store::read_limited(path).map_err(named)?;
        if again == bytes {
            (bytes, loaded, printed)
        } else {
            let loaded = store::load_bytes_viewable(given, &again)?;
            (again, loaded, None)
        }
    };
    if loaded.read_only {
        drop(lock);
        return open(given);
    }
    let base = printed.unwrap_or_else(|| journal::fingerprint(&bytes));
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
            saving: None,
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
    /// A save being written on another thread.
    saving: Option<Saving>,
}

/// A save under way on another thread (see [`SessionFile::save_in_background`]).
#[derive(Debug)]
struct Saving {
    job: std::thread::JoinHandle<io::Result<Prepared>>,
    /// Edits in the journal when the session was copied: the file holds
    /// them once this save is done.
    after: usize,
    /// Edits written to the journal since: the next journal starts with them.
    since: Vec<Edit>,
}

/// What the saving thread left ready.
#[derive(Debug)]
enum Prepared {
    /// The new content in a temporary file, flushed, with its fingerprint,
    /// and the state of the file when it was last found unchanged (`None`:
    /// there was none).
    Ready {
        tmp: PathBuf,
        base: u64,
        seen: Option<Box<fs::Metadata>>,
    },
    /// The file was changed on disk by another program meanwhile.
    Changed,
}

/// How a save on another thread ended.
#[derive(Debug)]
pub enum Background {
    Saved(Saved),
    Failed(FileError),
    /// The file was changed on disk meanwhile: nothing was written; a save
    /// in the foreground writes the session beside it.
    Changed,
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
        let mut since = self.saving.as_mut().map(|s| &mut s.since);
        let result = self.unrecorded.iter().try_for_each(|e| {
            journal.append(e)?;
            if let Some(since) = since.as_mut() {
                since.push(e.clone());
            }
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
        // This save writes everything; one under way is given up.
        self.abandon_background();
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

    /// Starts saving a copy of the session on another thread: the screen
    /// stays live while a large session is written, and edits made
    /// meanwhile go to the journal as always. `pause` is called between the
    /// steps on that thread (a hook for tests). Returns `false` when this
    /// save must be made in the foreground instead: one is under way
    /// already, the backup of an older version is still to be written, or
    /// the journal does not take every edit yet.
    pub fn save_in_background(&mut self, snapshot: Session, pause: fn(&str)) -> bool {
        if self.saving.is_some() || self.backup.is_some() {
            return false;
        }
        // The copy holds the edits waiting for their delay: into the journal
        // with them, so that it counts everything the copy holds.
        if self.retry().is_err() || !self.unrecorded.is_empty() {
            return false;
        }
        let Some(journal) = self.journal.as_ref() else {
            return false;
        };
        let after = journal.edits();
        let (path, base, bom) = (self.path.clone(), self.base, self.bom);
        let job = std::thread::spawn(move || {
            // The screen's thread goes first when both want the processor.
            #[cfg(target_os = "linux")]
            // SAFETY: changes only this thread's priority (Linux keeps one
            // per thread); a failure leaves it as it was.
            unsafe {
                libc::setpriority(libc::PRIO_PROCESS, 0, 10);
            }
            let mut text = store::to_ron(&snapshot);
            drop(snapshot);
            if bom {
                text.insert(0, store::BOM);
            }
            pause("serialised");
            let bytes = text.as_bytes();
            let new = journal::fingerprint(bytes);
            let tmp = store::write_temp(&path, bytes, None)?;
            pause("written");
            match changed_since(&path, base) {
                Ok(false) => Ok(Prepared::Ready {
                    tmp,
                    base: new,
                    seen: fs::metadata(&path).ok().map(Box::new),
                }),
                changed => {
                    let _ = fs::remove_file(&tmp);
                    changed.map(|_| Prepared::Changed)
                }
            }
        });
        self.saving = Some(Saving {
            job,
            after,
            since: Vec::new(),
        });
        true
    }

    /// Whether a save is under way on another thread.
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Finishes the save under way on another thread once its file is
    /// written (or waits for it with `wait`): the journal notes what the
    /// new file holds, the file is replaced, and a new journal starts with
    /// the edits made meanwhile. A crash at any step loses nothing: before
    /// the file is replaced the old one and the whole journal stand; after
    /// it, the journal's note tells which of its edits the new file lacks.
    /// `None` while it is still being written, or when none runs.
    pub fn finish_background(&mut self, wait: bool) -> Option<Background> {
        if !wait && !self.saving.as_ref()?.job.is_finished() {
            return None;
        }
        let saving = self.saving.take()?;
        let prepared = saving
            .job
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the saving thread failed")));
        let (tmp, new) = match prepared {
            // Looked at again just before the file is replaced: another
            // program may have written it since the saving thread did.
            Ok(Prepared::Ready { tmp, seen, .. }) if !still_as(&self.path, seen.as_deref()) => {
                let _ = fs::remove_file(&tmp);
                return Some(Background::Changed);
            }
            Ok(Prepared::Ready { tmp, base, .. }) => (tmp, base),
            Ok(Prepared::Changed) => return Some(Background::Changed),
            Err(e) => return Some(Background::Failed(FileError::io(&self.path, &e))),
        };
        let marked = match self.journal.as_mut() {
            Some(j) => j
                .mark_saved(new, saving.after)
                .map_err(|e| FileError::io(j.path(), &e)),
            None => Err(FileError::io(
                &journal::journal_path(&self.path),
                &io::Error::other("no journal"),
            )),
        };
        if let Err(e) = marked.and_then(|()| {
            store::replace_with(&tmp, &self.path).map_err(|e| FileError::io(&self.path, &e))
        }) {
            let _ = fs::remove_file(&tmp);
            return Some(Background::Failed(e));
        }
        self.base = new;
        // The old journal stays good for the new file through its note,
        // should the new one not be written.
        if let Ok(j) = Journal::create_with(&self.path, new, &saving.since) {
            self.journal = Some(j);
        }
        Some(Background::Saved(Saved::Written))
    }

    /// Waits for a save under way on another thread and throws its work
    /// away: the file and the journal stay as they are.
    fn abandon_background(&mut self) {
        if let Some(saving) = self.saving.take()
            && let Ok(Ok(Prepared::Ready { tmp, .. })) = saving.job.join()
        {
            let _ = fs::remove_file(tmp);
        }
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
        self.abandon_background();
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

/// Whether the file at `path` is in the state `seen` (`None`: absent).
fn still_as(path: &Path, seen: Option<&fs::Metadata>) -> bool {
    match (seen, fs::metadata(path).ok()) {
        (Some(then), Some(now)) => same_state(then, &now),
        (None, None) => true,
        _ => false,
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
mod tests;
