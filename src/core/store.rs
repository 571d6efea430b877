//! Session files: RON load and save, format versions, atomic writes.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::{FileError, FileProblem};
use super::model::{FORMAT_VERSION, Session};

mod boards;

/// File name extension of session files.
pub const EXTENSION: &str = "ron";

/// A session read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub session: Session,
    /// Written by a newer program: shown, never saved over.
    pub read_only: bool,
    /// Why the file opened read-only.
    pub warning: Option<FileError>,
    /// The format version the file had when it was older than this
    /// program's; the session is upgraded in memory, the file is not touched.
    pub upgraded_from: Option<u32>,
    /// The file starts with a byte order mark (Windows editors write one);
    /// it is kept on saving.
    pub bom: bool,
}

/// The UTF-8 byte order mark.
pub const BOM: char = '\u{feff}';

/// Session files above this size are refused rather than read into memory:
/// a session of a million generated cards is about 80 MB, so this holds two
/// to three million, and a mistaken or hostile file of gigabytes is refused
/// before anything is read (opening one at the limit takes about 1.5 GB of
/// memory).
pub const MAX_SESSION_BYTES: u64 = 256 * 1024 * 1024;

/// Other files read whole (text to import) above this size are refused.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Only the version of a session file, read before the whole file.
#[derive(Deserialize)]
#[serde(rename = "Session")]
struct VersionProbe {
    #[serde(default)]
    version: u32,
}

/// Reads a session file. Errors name the file, line and column.
pub fn load(path: &Path) -> Result<Loaded, FileError> {
    load_bytes(path, &read_limited(path)?)
}

/// Reads a session file of at most [`MAX_SESSION_BYTES`]. A folder, pipe or
/// device is refused at once: it is opened without waiting and looked at
/// through the opened file, so nothing can be swapped in between.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    read_at_most(path, MAX_SESSION_BYTES, true)
}

/// [`read_limited`], with the file's state (device, inode, size and
/// modification time) as it was opened, before a byte was read: a save
/// that replaced or wrote it since shows in that state.
pub fn read_limited_seen(path: &Path) -> Result<(Vec<u8>, fs::Metadata), FileError> {
    let file = super::files::open_regular(path).map_err(|e| FileError::io(path, &e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, &e))?;
    let bytes = read_open(path, file, meta.len(), MAX_SESSION_BYTES, true)?;
    Ok((bytes, meta))
}

/// Reads a regular file of at most `max` bytes, as [`read_limited`]; a file
/// that grows beyond it while it is read is refused as well. `session`
/// tells which message names a file too large.
pub fn read_at_most(path: &Path, max: u64, session: bool) -> Result<Vec<u8>, FileError> {
    let file = super::files::open_regular(path).map_err(|e| FileError::io(path, &e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, &e))?;
    read_open(path, file, meta.len(), max, session)
}

/// The rest of [`read_at_most`] for a file found `len` bytes long.
fn read_open(
    path: &Path,
    file: fs::File,
    len: u64,
    max: u64,
    session: bool,
) -> Result<Vec<u8>, FileError> {
    let too_large = |len: u64| {
        // Rounded up, so a file just above the limit is not called as
        // large as the limit.
        let mib = 1024 * 1024;
        let problem = FileProblem::TooLarge {
            mb: len.div_ceil(mib),
            max: max / mib,
            session,
        };
        FileError::new(path, 0, 0, problem)
    };
    if len > max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // One byte more than allowed tells a file that grew meanwhile.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, max + 1), &mut bytes)
        .map_err(|e| FileError::io(path, &e))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Parses the bytes of a session file; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    parse(path, utf8(path, bytes)?)
}

/// [`load_bytes`] for a file whose ids may be used more than once (to
/// repair it).
pub fn load_bytes_allowing_duplicates(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    parse_allowing_duplicates(path, utf8(path, bytes)?)
}

fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, FileError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of_byte(&bytes[..e.valid_up_to()]);
        FileError::new(path, line, column, FileProblem::NotUtf8 { binary: true })
    })
}

/// Parses the text of a session file; `path` is only used in messages.
/// A file using an id twice is refused, naming the place and the repair. A
/// field this program does not know is an error: saving would drop it.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, FileError> {
    parse_checked(path, text, true)
}

/// [`parse`] without refusing ids used twice.
pub fn parse_allowing_duplicates(path: &Path, text: &str) -> Result<Loaded, FileError> {
    parse_checked(path, text, false)
}

fn parse_checked(path: &Path, text: &str, refuse_duplicates: bool) -> Result<Loaded, FileError> {
    let (loaded, unknown) = parse_all(path, text, refuse_duplicates)?;
    match unknown.into_iter().next() {
        Some(first) if !loaded.read_only => Err(first),
        _ => Ok(loaded),
    }
}

/// [`parse`] for showing a file: one with unknown fields is read without
/// them and marked read-only, with the first one as the warning, so that
/// it is never saved over.
pub fn parse_viewable(path: &Path, text: &str) -> Result<Loaded, FileError> {
    let (mut loaded, unknown) = parse_all(path, text, true)?;
    if let Some(first) = unknown.into_iter().next()
        && !loaded.read_only
    {
        loaded.read_only = true;
        loaded.warning = Some(first);
    }
    Ok(loaded)
}

/// [`load_bytes`] for showing a file, as [`parse_viewable`].
pub fn load_bytes_viewable(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    parse_viewable(path, utf8(path, bytes)?)
}

/// Every unknown field of a session file, each with its place; or the one
/// error that stops reading; or why it is read-only. Ids used twice are
/// not looked for here.
pub fn problems(path: &Path, bytes: &[u8]) -> Vec<FileError> {
    let text = match utf8(path, bytes) {
        Ok(t) => t,
        Err(e) => return vec![e],
    };
    match parse_all(path, text, false) {
        Err(e) => vec![e],
        Ok((loaded, unknown)) => match loaded.warning {
            Some(w) => vec![w],
            None => unknown,
        },
    }
}

/// Parses a session, leaving out (and listing) the fields it does not know.
fn parse_all(
    path: &Path,
    text: &str,
    refuse_duplicates: bool,
) -> Result<(Loaded, Vec<FileError>), FileError> {
    let bom = text.starts_with(BOM);
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::new(path, 1, 1, FileProblem::Empty));
    }
    let newer = |found: u32| {
        FileError::new(
            path,
            1,
            1,
            FileProblem::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            },
        )
    };
    match without_unknown_fields(path, text) {
        Ok((mut session, unknown)) => {
            if session.version > FORMAT_VERSION {
                let warning = newer(session.version);
                let loaded = Loaded {
                    session,
                    read_only: true,
                    warning: Some(warning),
                    upgraded_from: None,
                    bom,
                };
                return Ok((loaded, unknown));
            }
            if refuse_duplicates && let Some(d) = super::repair::duplicates(text, &session).first()
            {
                return Err(d.error(path));
            }
            let upgraded_from = (session.version < FORMAT_VERSION).then_some(session.version);
            upgrade(&mut session);
            let loaded = Loaded {
                session,
                read_only: false,
                warning: None,
                upgraded_from,
                bom,
            };
            Ok((loaded, unknown))
        }
        Err(err) => {
            // A newer file may not parse at all; say so rather than show a
            // parser message about something this version does not know.
            if let Ok(probe) = ron::from_str::<VersionProbe>(text)
                && probe.version > FORMAT_VERSION
            {
                return Err(newer(probe.version));
            }
            Err(err)
        }
    }
}

/// At most this many unknown fields are left out of one file.
const MAX_UNKNOWN_FIELDS: usize = 1000;

/// Reads a session, cutting out each field the model does not know (the
/// parser refuses them) and noting it with its place in `text`. Any other
/// error ends it, with its place in `text`.
fn without_unknown_fields(path: &Path, text: &str) -> Result<(Session, Vec<FileError>), FileError> {
    // A large file that reads without a fault is read on all cores.
    if let Some(session) = boards::parse(text) {
        return Ok((session, Vec::new()));
    }
    // Copied only when a field is cut out: a state's collection is tens of
    // megabytes.
    let mut current = std::borrow::Cow::Borrowed(text);
    // Byte ranges cut out so far, as (start in `text`, length), in order.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut unknown = Vec::new();
    let original = |cut: &[(usize, usize)], at: usize| {
        let mut o = at;
        for (start, len) in cut {
            if *start <= o {
                o += len;
            } else {
                break;
            }
        }
        o
    };
    let placed = |mut e: FileError, at: usize| {
        // The parser places some errors on the blank before the thing it
        // did not expect; a person looks for the thing.
        let at = at.min(text.len());
        let at = at + (text[at..].len() - text[at..].trim_start().len());
        let (line, column) = position_of_byte(&text.as_bytes()[..at]);
        e.line = line;
        e.column = column;
        e
    };
    loop {
        let err = match ron::from_str::<Session>(&current) {
            Ok(session) => return Ok((session, unknown)),
            Err(err) => err,
        };
        let start = byte_of(&current, err.span.start);
        let at = original(&cut, start);
        let error = placed(FileError::ron(path, &err), at);
        let is_unknown = matches!(err.code, ron::Error::NoSuchStructField { .. });
        if !is_unknown {
            return Err(error);
        }
        let end = byte_of(&current, err.span.end);
        let Some(stop) = field_end(&current, end) else {
            return Err(unknown.into_iter().next().unwrap_or(error));
        };
        unknown.push(error);
        if unknown.len() > MAX_UNKNOWN_FIELDS {
            return Err(unknown.swap_remove(0));
        }
        current.to_mut().replace_range(start..stop, "");
        let pos = cut.partition_point(|(s, _)| *s < at);
        cut.insert(pos, (at, stop - start));
    }
}

/// The byte offset of a parser position (1-based line and column, the
/// column counted in characters).
fn byte_of(text: &str, pos: ron::error::Position) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line {
            return offset
                + line
                    .char_indices()
                    .nth(pos.col.saturating_sub(1))
                    .map_or(line.len(), |(b, _)| b);
        }
        offset += line.len();
    }
    text.len()
}

/// Where a field whose name ends at `name_end` ends: after its value and a
/// comma following it. `None` when its value cannot be read.
fn field_end(text: &str, name_end: usize) -> Option<usize> {
    let rest = &text[name_end..];
    let colon = rest.len() - rest.trim_start().len();
    if !rest[colon..].starts_with(':') {
        return None;
    }
    let value_at = name_end + colon + 1;
    let mut de = ron::Deserializer::from_str(&text[value_at..]).ok()?;
    serde::de::IgnoredAny::deserialize(&mut de).ok()?;
    let after = text.len() - de.remainder().len();
    let tail = &text[after..];
    let trimmed = tail.trim_start();
    Some(if trimmed.starts_with(',') {
        text.len() - trimmed.len() + 1
    } else {
        after
    })
}

/// Brings a session of an older format version up to the present one.
///
/// - Version 0 is a file without a `version` field, as written by hand or by
///   the earliest builds: boards, cards and themes may lack ids and the
///   session its id. The missing ids are numbered in file order after the
///   highest number in use, so the same file always gets the same ids (a
///   journal recorded against them replays after a crash, and two clerks
///   upgrading the same file agree).
/// - Version 1 kept a counter in `next_id`; it is read and no longer
///   written. The ids stay as they are.
fn upgrade(session: &mut Session) {
    if session.version == 0 {
        number_missing_ids(session);
    }
    session.next_id = 0;
    session.version = FORMAT_VERSION;
}

fn number_missing_ids(session: &mut Session) {
    if session.id.is_empty() {
        session.id = super::model::slug(&format!("{} {}", session.date, session.title));
    }
    let highest = session
        .ids()
        .filter_map(|(_, id)| {
            let digits: String = id.chars().skip_while(|c| !c.is_ascii_digit()).collect();
            digits.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0);
    let mut next = session.next_id.max(highest + 1).max(1);
    let mut number = |prefix: &str| {
        let id = format!("{prefix}{next}");
        next += 1;
        id
    };
    for board in &mut session.boards {
        if board.id.is_empty() {
            board.id = number("b");
        }
        for card in board.columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
            if card.id.is_empty() {
                card.id = number("k");
            }
        }
    }
    for theme in &mut session.themes {
        if theme.id.is_empty() {
            theme.id = number("t");
        }
    }
    // The index built by the check for ids used twice knows the old ids.
    session.reindex();
}

/// 1-based line and column of the end of `before`.
fn position_of_byte(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The session as pretty RON: fields in a fixed order, one line per card, so
/// that a change to one card is a one-line diff.
pub fn to_ron(session: &Session) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(6)
        .indentor("  ".to_string());
    let mut text =
        ron::ser::to_string_pretty(session, config).expect("a session always serialises");
    text.push('\n');
    text
}

/// Saves a session atomically.
pub fn save(path: &Path, session: &Session) -> Result<(), FileError> {
    write_atomic(path, to_ron(session).as_bytes()).map_err(|e| FileError::io(path, &e))
}

/// Writes a file so that a crash at any moment leaves either the old or the
/// new content: temporary file in the same folder, flushed, renamed, folder
/// flushed. The file keeps its mode (a session naming people may be 0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, None, &mut || Ok(()))
}

/// [`write_atomic`] with the mode taken from `mode_of` (else from the file
/// being replaced) and `before_rename` run when the new content is on disk
/// and just before it replaces the file: an error from it leaves the file
/// as it is.
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    mode_of: Option<&Path>,
    before_rename: &mut dyn FnMut() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = write_temp(path, bytes, mode_of)?;
    #[cfg(test)]
    test_hook::while_writing(path);
    let result = before_rename().and_then(|()| replace_with(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The first half of [`write_atomic_with`]: the new content in a temporary
/// file beside `path`, flushed to disk; its name is returned. The file is
/// removed again when writing fails.
pub(crate) fn write_temp(
    path: &Path,
    bytes: &[u8],
    mode_of: Option<&Path>,
) -> std::io::Result<PathBuf> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stellwand".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        // A leftover of a crashed run (or a link planted at this name) is
        // removed, and create_new never follows a link.
        let _ = fs::remove_file(&tmp);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        let keep = fs::metadata(mode_of.unwrap_or(path)).ok();
        #[cfg(unix)]
        if let Some(meta) = &keep {
            // Created with the mode already, so the content is never
            // readable by more people than before, even for a moment.
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(meta.permissions().mode() & 0o777);
        }
        let mut file = super::files::open_no_follow(&tmp, &mut options)?;
        if let Some(meta) = &keep {
            // The umask may have taken bits away.
            file.set_permissions(meta.permissions())?;
        }
        super::files::write_limited(&mut file, bytes, None)?;
        file.sync_all()?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The second half of [`write_atomic_with`]: the temporary file replaces
/// `path`, and the folder is flushed.
pub(crate) fn replace_with(tmp: &Path, path: &Path) -> std::io::Result<()> {
    fs::rename(tmp, path)?;
    if let Ok(d) = fs::File::open(folder_of(path)) {
        // Flushing a folder is not possible on every platform; the rename
        // itself already happened.
        let _ = d.sync_all();
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// For tests: something done by "another program" while a write is under
/// way, after the temporary file is written and before it replaces the file.
#[cfg(test)]
pub(crate) mod test_hook {
    use std::cell::RefCell;
    use std::path::Path;

    type Hook = Box<dyn FnMut(&Path)>;

    thread_local! {
        static WHILE_WRITING: RefCell<Option<Hook>> = RefCell::new(None);
    }

    pub fn set(hook: impl FnMut(&Path) + 'static) {
        WHILE_WRITING.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
    }

    pub fn clear() {
        WHILE_WRITING.with(|h| *h.borrow_mut() = None);
    }

    pub(super) fn while_writing(path: &Path) {
        WHILE_WRITING.with(|h| {
            if let Some(f) = h.borrow_mut().as_mut() {
                f(path);
            }
        });
    }
}

/// What the start screen shows of a session file.
#[derive(Debug, Clone)]
pub struct SessionSummary {
    pub path: PathBuf,
    pub title: String,
    pub date: String,
    pub boards: usize,
    pub cards: usize,
    /// Why the file could not be read, if it could not.
    pub error: Option<FileError>,
}

/// Session files of a folder, newest date first, unreadable ones included with their error.
pub fn list_sessions(dir: &Path) -> Vec<SessionSummary> {
    let mut out = Vec::new();
    for path in session_files(dir) {
        // A file with unknown fields is listed with its counts and the
        // warning, and opens read-only.
        match read_limited(&path).and_then(|b| load_bytes_viewable(&path, &b)) {
            Ok(l) => out.push(SessionSummary {
                title: l.session.title.clone(),
                date: l.session.date.clone(),
                boards: l.session.boards.len(),
                cards: l.session.card_count(),
                path,
                error: l.warning,
            }),
            Err(e) => out.push(SessionSummary {
                title: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                date: String::new(),
                boards: 0,
                cards: 0,
                path,
                error: Some(e),
            }),
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    out
}

/// The `.ron` files of a folder that look like sessions (not themes or templates).
pub fn session_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| e == EXTENSION)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter(|p| {
            // The kind is told by the first name in the file: its start is
            // enough (a huge file is not read for this).
            let mut head = Vec::new();
            super::files::open_regular(p)
                .and_then(|f| {
                    std::io::Read::read_to_end(&mut std::io::Read::take(f, 16 * 1024), &mut head)
                })
                .map(|_| {
                    let text = String::from_utf8_lossy(&head);
                    let name = super::template::leading_name(&text);
                    name == "Session" || name.is_empty()
                })
                .unwrap_or(true)
        })
        .collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests;
