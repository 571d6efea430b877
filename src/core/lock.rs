//! Who has a session open: an OS file lock beside the session file, with the
//! owner written into it. The OS releases the lock when the process dies, so
//! a killed stellwand never blocks the next start.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::files;
use super::journal::sibling;

/// The lock file of a session file: `.NAME.lock` in the same folder.
pub fn lock_path(session: &Path) -> PathBuf {
    sibling(session, "lock")
}

/// The name of the account this program runs as, from the system's user
/// database (not `$USER`, which may be unset or another user's).
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getpwuid_r writes into the buffers given, of the sizes given;
    // the name is read only when it reports success.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy();
        (!name.is_empty()).then(|| name.into_owned())
    }
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// Who holds a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub user: String,
    pub host: String,
    pub pid: u32,
}

impl Owner {
    pub fn current() -> Owner {
        let user = account_name()
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "?".into());
        // The system's own name for the host (uname on Unix), also where
        // there is no /etc/hostname or it was never updated.
        let host = gethostname::gethostname()
            .to_string_lossy()
            .trim()
            .to_string();
        let host = if host.is_empty() { "?".into() } else { host };
        Owner {
            user,
            host,
            pid: std::process::id(),
        }
    }

    /// False only when the owner is known to be gone: a process of this
    /// host that `/proc` does not list.
    fn may_be_running(&self) -> bool {
        let proc = Path::new("/proc");
        self.host != Owner::current().host
            || !proc.join("self").exists()
            || proc.join(self.pid.to_string()).exists()
    }

    fn to_line(&self) -> String {
        format!("{}\t{}\t{}\n", self.user, self.host, self.pid)
    }

    fn parse(text: &str) -> Option<Owner> {
        let mut parts = text.trim_end().split('\t');
        Some(Owner {
            user: parts.next()?.to_string(),
            host: parts.next()?.to_string(),
            pid: parts.next()?.parse().ok()?,
        })
    }
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Removes the lock file and lets go of the lock (a clean end), so
    /// that nothing of the program stays beside the session. A program
    /// waiting on the removed file notices it is gone and takes a new one.
    pub fn remove(self) {
        if is_same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the open `file` (it was not removed or
/// replaced since it was opened).
fn is_same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another running program has the session open.
    Held(Option<Owner>),
    Io(io::Error),
}

/// Takes the lock of a session file without waiting.
pub fn acquire(session: &Path) -> Result<Lock, LockError> {
    // The lock file of a program that just ended cleanly may be removed
    // between opening and locking it: then the lock is on a file nobody
    // else sees, and the lock is taken again on the new file.
    for _ in 0..10 {
        match acquire_once(session) {
            Ok(lock) if !is_same_file(&lock.file, &lock.path) => continue,
            other => return other,
        }
    }
    acquire_once(session)
}

fn acquire_once(session: &Path) -> Result<Lock, LockError> {
    let path = lock_path(session);
    // Never through a link: a planted `.NAME.lock -> victim` would be
    // truncated and overwritten with the owner line.
    let mut file = files::open_no_follow(
        &path,
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true),
    )
    .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => {
            let line = Owner::current().to_line();
            file.set_len(0).map_err(LockError::Io)?;
            file.seek(SeekFrom::Start(0)).map_err(LockError::Io)?;
            file.write_all(line.as_bytes()).map_err(LockError::Io)?;
            let _ = file.sync_data();
            Ok(Lock { file, path })
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            // The holder writes its name just after taking the lock; a start
            // at the same moment may find the file still empty, or still
            // naming the holder before it.
            let mut owner = None;
            for _ in 0..40 {
                let mut text = String::new();
                let _ = file.seek(SeekFrom::Start(0));
                let _ = file.read_to_string(&mut text);
                owner = Owner::parse(&text);
                if owner.as_ref().is_some_and(Owner::may_be_running) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(LockError::Held(owner))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_owner_is_named_by_the_host_name_the_system_reports() {
        let out = std::process::Command::new("uname").arg("-n").output();
        let Ok(out) = out else {
            eprintln!("skipped: uname not found");
            return;
        };
        let uname = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert_eq!(Owner::current().host, uname);
    }

    #[test]
    fn a_second_opener_learns_who_holds_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let first = acquire(&path).unwrap();
        match acquire(&path) {
            Err(LockError::Held(Some(owner))) => {
                assert_eq!(owner.pid, std::process::id());
                assert!(!owner.host.is_empty());
            }
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        drop(first);
        assert!(acquire(&path).is_ok(), "released on drop");
    }

    #[test]
    fn a_removed_lock_leaves_nothing_and_can_be_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let first = acquire(&path).unwrap();
        // Another program opened the lock file before it was removed.
        let stale = OpenOptions::new()
            .read(true)
            .write(true)
            .open(lock_path(&path))
            .unwrap();
        first.remove();
        assert!(!lock_path(&path).exists());
        assert!(
            stale.try_lock().is_ok(),
            "the old file is free, but nobody sees it"
        );
        let second = acquire(&path).unwrap();
        assert!(lock_path(&path).exists());
        assert!(matches!(acquire(&path), Err(LockError::Held(_))));
        drop(second);
    }
}
