//! Opening files without surprises: the files stellwand keeps beside a
//! session (lock, journal, draft, temporary files) are never opened through a
//! symbolic link, and only regular files are read or written, so that a
//! planted link cannot redirect a write and a pipe or device cannot hang the
//! program.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What was found where a regular file was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Link,
    Dir,
    Fifo,
    Device,
    Socket,
    Other,
}

impl Kind {
    fn of(meta: &std::fs::Metadata) -> Option<Kind> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        if t.is_symlink() {
            return Some(Kind::Link);
        }
        if t.is_dir() {
            return Some(Kind::Dir);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Some(Kind::Fifo);
            }
            if t.is_block_device() || t.is_char_device() {
                return Some(Kind::Device);
            }
            if t.is_socket() {
                return Some(Kind::Socket);
            }
        }
        Some(Kind::Other)
    }
}

/// The error of a path that is not a regular file; carried inside an
/// [`io::Error`] so that [`super::error::FileError::io`] can word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRegular(pub Kind);

impl fmt::Display for NotRegular {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.describe().1)
    }
}

impl std::error::Error for NotRegular {}

fn not_regular(kind: Kind) -> io::Error {
    io::Error::other(NotRegular(kind))
}

/// The kind of a path that is not a regular file, from an error returned
/// by the functions here.
pub fn not_regular_kind(err: &io::Error) -> Option<Kind> {
    if let Some(NotRegular(k)) = err.get_ref().and_then(|e| e.downcast_ref::<NotRegular>()) {
        return Some(*k);
    }
    #[cfg(unix)]
    if err.raw_os_error() == Some(libc::ELOOP) {
        // What O_NOFOLLOW answers for a link.
        return Some(Kind::Link);
    }
    None
}

/// Whether an error means the disk (or the user's quota) is full.
pub fn is_disk_full(err: &io::Error) -> bool {
    #[cfg(unix)]
    if matches!(err.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT)) {
        return true;
    }
    err.kind() == io::ErrorKind::StorageFull || err.kind() == io::ErrorKind::QuotaExceeded
}

/// For tests of a full disk, in builds with the `test-hooks` feature only:
/// with `STELLWAND_TEST_DISK_LIMIT=N` the files this process writes
/// (journal, draft, session, export) fail like a full disk once N bytes are
/// written in all. Without the variable nothing is limited.
#[cfg(not(feature = "test-hooks"))]
fn process_budget() -> Option<&'static AtomicU64> {
    None
}

#[cfg(feature = "test-hooks")]
fn process_budget() -> Option<&'static AtomicU64> {
    use std::sync::OnceLock;
    static BUDGET: OnceLock<Option<AtomicU64>> = OnceLock::new();
    BUDGET
        .get_or_init(|| {
            std::env::var("STELLWAND_TEST_DISK_LIMIT")
                .ok()
                .and_then(|v| v.parse().ok())
                .map(AtomicU64::new)
        })
        .as_ref()
}

fn disk_full() -> io::Error {
    #[cfg(unix)]
    return io::Error::from_raw_os_error(libc::ENOSPC);
    #[cfg(not(unix))]
    io::Error::from(io::ErrorKind::StorageFull)
}

/// Writes all of `bytes`; or, under a test limit (`budget`, or the one of
/// the process), as much as it allows, and then fails as a full disk does.
pub(crate) fn write_limited(
    file: &mut File,
    bytes: &[u8],
    budget: Option<&mut u64>,
) -> io::Result<()> {
    let shared = process_budget();
    if budget.is_none() && shared.is_none() {
        return file.write_all(bytes);
    }
    let local = budget.as_deref().copied().unwrap_or(u64::MAX);
    let left = local.min(shared.map_or(u64::MAX, |s| s.load(Ordering::SeqCst)));
    let n = bytes.len().min(usize::try_from(left).unwrap_or(usize::MAX));
    file.write_all(&bytes[..n])?;
    if let Some(b) = budget {
        *b -= n as u64;
    }
    if let Some(s) = shared {
        let _ = s.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| {
            Some(v.saturating_sub(n as u64))
        });
    }
    if n < bytes.len() {
        return Err(disk_full());
    }
    Ok(())
}

/// Opens `path` with `options`, never through a symbolic link at its last
/// component and never blocking on a pipe; anything but a regular file is
/// refused (the check is made on the opened file, so nothing can be swapped
/// in between).
pub fn open_no_follow(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(not_regular(Kind::Link));
    }
    let file = options.open(path)?;
    check_regular(&file)?;
    Ok(file)
}

/// Opens `path` for reading, following links (the session file itself may
/// be one), never blocking on a pipe, and only when it is a regular file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    check_regular(&file)?;
    Ok(file)
}

fn check_regular(file: &File) -> io::Result<()> {
    match Kind::of(&file.metadata()?) {
        None => Ok(()),
        Some(k) => Err(not_regular(k)),
    }
}

/// The `.ron` files of the folder `dir`, sorted by name; `None` when the
/// folder cannot be read (a missing folder of user files is no error).
pub fn ron_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    Some(paths)
}

/// Reads a regular file as UTF-8 text (following links), never blocking on
/// a pipe or device in its place. A byte order mark is left out.
pub fn read_regular_to_string(path: &Path) -> io::Result<String> {
    let mut text = String::new();
    open_regular(path)?.read_to_string(&mut text)?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// Reads a file beside a session without following a link: `None` when
/// there is none.
pub fn read_no_follow(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let mut file = match open_no_follow(path, OpenOptions::new().read(true)) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// What is at `path` without following a link: `None` when nothing or a
/// regular file, else its kind.
pub fn odd_kind(path: &Path) -> Option<Kind> {
    std::fs::symlink_metadata(path)
        .ok()
        .and_then(|m| Kind::of(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = open_no_follow(&link, OpenOptions::new().read(true)).unwrap_err();
        assert_eq!(not_regular_kind(&err), Some(Kind::Link));
        assert!(open_regular(&link).is_ok(), "a link may name a session");

        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = open_regular(&fifo).unwrap_err();
        assert_eq!(not_regular_kind(&err), Some(Kind::Fifo));
        let err = open_regular(dir.path()).unwrap_err();
        assert_eq!(not_regular_kind(&err), Some(Kind::Dir));
        assert_eq!(read_no_follow(&dir.path().join("none")).unwrap(), None);
    }
}
