//! Export: themes into a concept repository (Markdown chapters with managed
//! blocks), a session as a protocol document, cards as CSV, and Markdown for
//! the clipboard.
//!
//! Everything is planned first ([`plan`] returns the files that would change
//! and their new content, for a preview or `--dry-run`) and written second
//! ([`Plan::apply`]): only files whose bytes differ are written, atomically.
//!
//! Safety: user text is escaped so that it only ever reads as text
//! ([`escape`]); file names come from [`safe_stem`] (slug characters only,
//! never a separator or `..`, no Windows device names). The target folder is
//! the one the user named, even when that path is itself a symbolic link; but
//! a symbolic link *inside* it (a chapter, the index, a protocol) is never
//! followed or replaced: the file is reported and left alone.

pub mod blocks;
mod clip;
mod concept;
mod csv;
pub mod escape;
mod measures;
mod protocol;
pub mod qda;
mod suggest;
mod theme;

pub use concept::UNTAGGED_FILE;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::error::{FileError, FileProblem};
use super::model::{Session, slug};
use super::store::write_atomic;
use super::template::Templates;

pub use clip::{PastedCard, board_markdown, card_markdown, split_paste, theme_markdown};
pub use measures::{CATALOGUE_FILE, MONITORING_FILE};
pub use suggest::{SUGGESTION_ID, with_suggestions};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Chapters per Handlungsfeld with managed blocks, plus `index.md`.
    Markdown,
    /// One Markdown document per session, like the photo protocol.
    Protocol,
    /// One row per card, for spreadsheets.
    Csv,
    /// The Maßnahmenkatalog and the monitoring overview.
    Measures,
    /// The REFI-QDA codebook (`.qdc`).
    Qdc,
    /// A REFI-QDA project (`.qdpx`): cards and photos as sources.
    Qdpx,
}

impl Format {
    /// Every format with the name the command line knows it by.
    pub const NAMES: [(&'static str, Format); 6] = [
        ("markdown", Format::Markdown),
        ("protocol", Format::Protocol),
        ("csv", Format::Csv),
        ("measures", Format::Measures),
        ("qdc", Format::Qdc),
        ("qdpx", Format::Qdpx),
    ];
}

/// A session to export and the name of its file (for protocol and CSV names).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub session: &'a Session,
    /// The session file's stem (or any name); made safe before use.
    pub name: &'a str,
}

/// Themes shared by several sessions (the themes file of a sessions folder),
/// whose cards are all referred to as `session/card`. Their blocks carry
/// `workspace=ID`.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    /// Id of the workspace, e.g. the slug of the sessions folder's name.
    pub id: &'a str,
    pub themes: &'a [crate::core::model::Theme],
}

/// A theme the export shows: its owner (a source's index, `None` for the
/// shared themes), the theme, and its cards as (source index, card id).
type ShownTheme<'a> = (
    Option<usize>,
    &'a crate::core::model::Theme,
    Vec<(usize, &'a str)>,
);

/// Every theme of the sources and of the shared themes that the export
/// shows (confirmed ones, and suggestions when asked for), each with its
/// cards as (index of the source, card id). A card of a session that is not
/// exported is left out.
fn shown_themes<'a>(
    sources: &[Source<'a>],
    shared: Option<Shared<'a>>,
    options: &Options,
) -> Vec<ShownTheme<'a>> {
    let index: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.session.id.as_str(), i))
        .collect();
    let groups = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (Some(i), s.session.themes.as_slice()))
        .chain(shared.map(|sh| (None, sh.themes)));
    let mut out = Vec::new();
    for (home, list) in groups {
        for t in list.iter().filter(|t| t.confirmed || options.suggestions) {
            let cards = t
                .cards
                .iter()
                .filter_map(|r| match r.rsplit_once('/') {
                    Some((sid, id)) => index.get(sid).map(|&i| (i, id)),
                    None => home.map(|h| (h, r.as_str())),
                })
                .collect();
            out.push((home, t, cards));
        }
    }
    out
}

/// What every format is asked to export.
#[derive(Clone, Copy)]
struct Job<'a> {
    sources: &'a [Source<'a>],
    shared: Option<Shared<'a>>,
    templates: &'a Templates,
    options: &'a Options,
}

/// Choices for an export.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Also export unconfirmed themes, marked as suggestions.
    pub suggestions: bool,
    /// Create the target folder when it is missing.
    pub create: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Markdown,
            suggestions: false,
            create: false,
        }
    }
}

/// How a file would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Unchanged,
}

/// One file of a plan.
#[derive(Debug, Clone)]
pub struct FileChange {
    pub path: PathBuf,
    pub change: Change,
    /// The new content (empty when unchanged).
    pub content: Vec<u8>,
    /// Lines added and removed (a multiset comparison of lines).
    pub added: usize,
    pub removed: usize,
}

/// What an export would do.
#[derive(Debug, Clone)]
pub struct Plan {
    pub dir: PathBuf,
    /// The target folder does not exist yet and will be created.
    pub create_dir: bool,
    pub files: Vec<FileChange>,
    /// Files that are left alone, and why (damaged marker, symbolic link, …).
    pub problems: Vec<FileError>,
    /// What the concept holds (for the concept format).
    pub counts: Option<Counts>,
}

/// What a concept export holds, for the report after it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Confirmed themes.
    pub themes: usize,
    /// Unconfirmed themes exported as suggestions.
    pub suggestions: usize,
    /// Tagged cards listed in a chapter without a theme (once per chapter).
    pub tagged_cards: usize,
    /// Cards with neither Handlungsfeld nor theme.
    pub unsorted_cards: usize,
    /// Chapters of Handlungsfelder with any content.
    pub chapters: usize,
    /// Measures in the chapters' tables.
    pub measures: usize,
}

/// A file of the target folder the export will not write, and why
/// (worded in [`crate::i18n::export`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportProblem {
    /// A symbolic link where a file is to be written (found while planning).
    Link,
    /// A symbolic link put in place between planning and writing.
    LinkNotWritten,
    /// A folder, pipe or device.
    NotRegular,
    /// Not UTF-8 text.
    NotUtf8,
    /// A CSV file that this export did not write.
    ForeignCsv,
    /// A protocol that is not one of this session written by stellwand.
    ForeignProtocol,
    /// A symbolic link or no regular file, found when it is read.
    LinkOrNotRegular,
    /// A REFI-QDA project that stellwand did not write.
    ForeignQda,
    /// A codebook with no code: no field of action and no theme.
    NoCodes,
    /// A board's photo that could not be taken into the project.
    PhotoLeftOut { board: String, why: String },
    /// The project could not be packed (the archive's error).
    NotPacked(String),
    /// A damaged managed-block marker.
    Marker(blocks::MarkerDamage),
}

/// Why an export cannot start at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The target folder does not exist (and `create` was not chosen).
    MissingDir(PathBuf),
    /// The target exists but is not a folder.
    NotADir(PathBuf),
    /// Two of the sessions have the same id; their blocks would clash.
    DuplicateSession(String),
    /// The target folder could not be read.
    Io(FileError),
}

impl std::error::Error for ExportError {}

/// Plans an export of `sources` into `dir`; writes nothing. The result lists
/// every file with its new content and whether it is new, changed or
/// unchanged: a preview for the interface, and what `--dry-run` prints.
pub fn plan(
    sources: &[Source],
    templates: &Templates,
    dir: &Path,
    options: &Options,
) -> Result<Plan, ExportError> {
    plan_with(sources, None, templates, dir, options)
}

/// [`plan`] with the shared themes of a sessions folder added.
pub fn plan_with(
    sources: &[Source],
    shared: Option<Shared>,
    templates: &Templates,
    dir: &Path,
    options: &Options,
) -> Result<Plan, ExportError> {
    plan_in(sources, &[], shared, templates, dir, options)
}

/// [`plan_with`], with the folder of each source's session file, against
/// which the boards' photo paths are read (for a project with photos).
pub fn plan_in(
    sources: &[Source],
    dirs: &[Option<PathBuf>],
    shared: Option<Shared>,
    templates: &Templates,
    dir: &Path,
    options: &Options,
) -> Result<Plan, ExportError> {
    let create_dir = match fs::metadata(dir) {
        Ok(m) if m.is_dir() => false,
        Ok(_) => return Err(ExportError::NotADir(dir.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if options.create {
                true
            } else {
                return Err(ExportError::MissingDir(dir.to_path_buf()));
            }
        }
        Err(e) => return Err(ExportError::Io(FileError::io(dir, &e))),
    };
    let mut seen = HashMap::new();
    for s in sources {
        let owner = owner_of(s);
        if seen.insert(owner, ()).is_some() {
            return Err(ExportError::DuplicateSession(s.session.id.clone()));
        }
    }
    let mut target = Target {
        dir: dir.to_path_buf(),
        missing: create_dir,
        plan: Plan {
            dir: dir.to_path_buf(),
            create_dir,
            files: Vec::new(),
            problems: Vec::new(),
            counts: None,
        },
    };
    let job = Job {
        sources,
        shared,
        templates,
        options,
    };
    match options.format {
        Format::Markdown => concept::plan(&mut target, job)?,
        Format::Protocol => protocol::plan(&mut target, job),
        Format::Csv => csv::plan(&mut target, job),
        Format::Measures => measures::plan(&mut target, job),
        Format::Qdc => qda::plan_codebook(&mut target, job),
        Format::Qdpx => qda::plan_project(&mut target, job, dirs),
    }
    Ok(target.plan)
}

/// The marker owner attribute of a source (`session=ID`).
fn owner_of(s: &Source) -> String {
    let id = if s.session.id.is_empty() {
        slug(s.name)
    } else {
        s.session.id.clone()
    };
    blocks::owner_attr("session", &id)
}

/// Windows refuses these as file names, with any extension.
fn reserved(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(n.as_str(), "con" | "prn" | "aux" | "nul" | "clock$")
        || ((n.starts_with("com") || n.starts_with("lpt"))
            && n.len() == 4
            && n.as_bytes()[3].is_ascii_digit())
}

/// [`safe_stem`] made unique among `taken` with `-2`, `-3`, …, and added
/// to them.
pub(crate) fn unique_stem(raw: &str, prefix: &str, taken: &mut Vec<String>) -> String {
    let refs: Vec<&str> = taken.iter().map(String::as_str).collect();
    let base = safe_stem(raw, prefix, &refs);
    let mut stem = base.clone();
    let mut n = 2;
    while taken.contains(&stem) {
        stem = format!("{base}-{n}");
        n += 1;
    }
    taken.push(stem.clone());
    stem
}

/// The name of a Handlungsfeld: the session's own, else the one of a tag
/// set of the templates.
pub(crate) fn known_tag_name<'a>(
    session: &'a Session,
    templates: &'a Templates,
    key: &str,
) -> Option<&'a str> {
    session.tag(key).map(|t| t.name.as_str()).or_else(|| {
        templates
            .tag_sets
            .iter()
            .flat_map(|s| s.tags.iter())
            .find(|t| t.key == key)
            .map(|t| t.name.as_str())
    })
}

/// A file stem made from user text that can never leave the folder: slug
/// characters only (no separator, no `..`), not empty, not a name Windows
/// reserves, not one of `taken`, at most 80 characters.
pub fn safe_stem(raw: &str, prefix: &str, taken: &[&str]) -> String {
    let mut s = slug(raw);
    if s.len() > 80 {
        s.truncate(80);
        while s.ends_with('-') {
            s.pop();
        }
    }
    if s.is_empty() {
        s = prefix.to_string();
    } else if reserved(&s) || taken.contains(&s.as_str()) {
        s = format!("{prefix}-{s}");
    }
    s
}

/// What is at a path in the target folder.
enum Existing {
    Missing,
    Text(String),
}

/// The target folder while planning.
struct Target {
    dir: PathBuf,
    missing: bool,
    plan: Plan,
}

impl Target {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Reads a file of the target folder, refusing symbolic links and
    /// anything that is not a regular UTF-8 file (reported as a problem).
    fn read(&mut self, name: &str) -> Option<Existing> {
        if self.missing {
            return Some(Existing::Missing);
        }
        let path = self.path(name);
        let problem = |p: ExportProblem| FileError::new(&path, 0, 0, FileProblem::Export(p));
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Existing::Missing),
            Err(e) => {
                self.plan.problems.push(FileError::io(&path, &e));
                None
            }
            Ok(m) if m.file_type().is_symlink() => {
                self.plan.problems.push(problem(ExportProblem::Link));
                None
            }
            Ok(m) if !m.is_file() => {
                self.plan.problems.push(problem(ExportProblem::NotRegular));
                None
            }
            Ok(_) => match fs::read(&path) {
                Err(e) => {
                    self.plan.problems.push(FileError::io(&path, &e));
                    None
                }
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => Some(Existing::Text(t)),
                    Err(_) => {
                        self.plan.problems.push(problem(ExportProblem::NotUtf8));
                        None
                    }
                },
            },
        }
    }

    /// Reads a file of the target folder as bytes, with the same refusals
    /// as [`Target::read`]: `Some(None)` when it is missing.
    fn read_bytes(&mut self, name: &str) -> Option<Option<Vec<u8>>> {
        if self.missing {
            return Some(None);
        }
        let path = self.path(name);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(None),
            Err(e) => {
                self.plan.problems.push(FileError::io(&path, &e));
                None
            }
            Ok(m) if m.file_type().is_symlink() || !m.is_file() => {
                self.plan.problems.push(FileError::new(
                    &path,
                    0,
                    0,
                    FileProblem::Export(ExportProblem::LinkOrNotRegular),
                ));
                None
            }
            Ok(_) => match fs::read(&path) {
                Ok(b) => Some(Some(b)),
                Err(e) => {
                    self.plan.problems.push(FileError::io(&path, &e));
                    None
                }
            },
        }
    }

    /// Records the new bytes of a file that is not line text (a zip).
    fn put_bytes(&mut self, name: &str, old: Option<&[u8]>, new: Vec<u8>) {
        let path = self.path(name);
        let change = match old {
            None => Change::Added,
            Some(old) if old == new.as_slice() => Change::Unchanged,
            Some(_) => Change::Changed,
        };
        if let Ok(text) = std::str::from_utf8(&new)
            && change != Change::Unchanged
        {
            let old_text = old.and_then(|o| std::str::from_utf8(o).ok());
            return self.put(name, old_text, text.to_string());
        }
        self.plan.files.push(FileChange {
            path,
            change,
            content: if change == Change::Unchanged {
                Vec::new()
            } else {
                new
            },
            added: 0,
            removed: 0,
        });
    }

    /// Records the new content of a file, comparing it with the old one.
    fn put(&mut self, name: &str, old: Option<&str>, new: String) {
        let path = self.path(name);
        let change = match old {
            None => {
                let added = new.lines().count();
                FileChange {
                    path,
                    change: Change::Added,
                    content: new.into_bytes(),
                    added,
                    removed: 0,
                }
            }
            Some(old) if old == new => FileChange {
                path,
                change: Change::Unchanged,
                content: Vec::new(),
                added: 0,
                removed: 0,
            },
            Some(old) => {
                let (added, removed) = line_diff(old, &new);
                FileChange {
                    path,
                    change: Change::Changed,
                    content: new.into_bytes(),
                    added,
                    removed,
                }
            }
        };
        self.plan.files.push(change);
    }

    fn damaged(&mut self, name: &str, damage: Vec<blocks::Damage>) {
        let path = self.path(name);
        for d in damage {
            self.plan.problems.push(FileError::new(
                &path,
                d.line,
                d.column,
                FileProblem::Export(ExportProblem::Marker(d.what)),
            ));
        }
    }
}

/// Lines only in `new` and lines only in `old`, counted as multisets.
fn line_diff(old: &str, new: &str) -> (usize, usize) {
    let mut count: HashMap<&str, isize> = HashMap::new();
    for l in old.lines() {
        *count.entry(l).or_default() += 1;
    }
    for l in new.lines() {
        *count.entry(l).or_default() -= 1;
    }
    let mut added = 0;
    let mut removed = 0;
    for v in count.values() {
        if *v > 0 {
            removed += *v as usize;
        } else {
            added += (-*v) as usize;
        }
    }
    (added, removed)
}

impl Plan {
    /// The files that would be written.
    pub fn changes(&self) -> impl Iterator<Item = &FileChange> {
        self.files.iter().filter(|f| f.change != Change::Unchanged)
    }

    /// Writes the changed files (atomically), creating the folder if planned.
    /// Returns the paths written.
    pub fn apply(&self) -> Result<Vec<PathBuf>, FileError> {
        if self.create_dir {
            fs::create_dir_all(&self.dir).map_err(|e| FileError::io(&self.dir, &e))?;
        }
        // Left by an export that was killed while writing; git would pick
        // them up in a concept repository.
        super::tidy::remove_stale_temp_files(&self.dir);
        let mut written = Vec::new();
        for f in self.changes() {
            // Checked again right before writing: a link placed meanwhile is
            // still not followed.
            if fs::symlink_metadata(&f.path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(FileError::new(
                    &f.path,
                    0,
                    0,
                    FileProblem::Export(ExportProblem::LinkNotWritten),
                ));
            }
            write_atomic(&f.path, &f.content).map_err(|e| FileError::io(&f.path, &e))?;
            written.push(f.path.clone());
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_stems_never_leave_the_folder() {
        assert_eq!(safe_stem("../../etc/passwd", "x", &[]), "etc-passwd");
        assert_eq!(safe_stem("CON", "handlungsfeld", &[]), "handlungsfeld-con");
        assert_eq!(safe_stem("com1", "h", &[]), "h-com1");
        assert_eq!(safe_stem("..", "h", &[]), "h");
        assert_eq!(safe_stem("Index", "h", &["index"]), "h-index");
        assert!(safe_stem(&"ä".repeat(100), "h", &[]).len() <= 80);
    }
}
