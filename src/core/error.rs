//! Errors about files, always naming the file and the place in it. The
//! words for them are in [`crate::i18n`].

use std::path::{Path, PathBuf};

/// Interface language for messages that reach the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    /// Picks the German or English text.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// What went wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// The file could not be read or written (the OS error text).
    Io(String),
    /// The text is not valid for its format (the parser's finding).
    Syntax(ron::Error),
    /// Something other than a regular file where one was expected.
    NotRegular(super::files::Kind),
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// The file was written by a newer stellwand.
    NewerVersion { found: u32, supported: u32 },
    /// A side file (learned words) of a newer format version.
    NewerFile { found: u32, supported: u32 },
    /// An id used a second time (the place is its second use); the file
    /// can be repaired with `stellwand repair`.
    DuplicateId(String),
    /// A date that is no day of the calendar.
    Date(crate::core::date::DateError),
    /// Larger than the program reads (sizes in MB, rounded up for the
    /// file); `session` when the file was to be read as a session.
    TooLarge { mb: u64, max: u64, session: bool },
    /// Not UTF-8; `binary` adds the guess that it is binary data.
    NotUtf8 { binary: bool },
    /// Nothing but white space.
    Empty,
    /// An import that is no text (a NUL byte or invalid UTF-8).
    NotText,
    /// A newer file whose version could not be named.
    Newer,
    /// Held by another running stellwand (its owner when known).
    Locked(Option<crate::core::lock::Owner>),
    /// `Vorlage: name` names no template; the known keys.
    UnknownTemplate { name: String, known: Vec<String> },
    /// A column heading the board's template does not have; the template
    /// and its columns as (heading, key).
    UnknownColumn {
        name: String,
        template: String,
        columns: Vec<(String, String)>,
    },
    /// The date of an event in the notation, not understood.
    EventDate(String),
    /// A sub-point before any card.
    SubPointWithoutCard,
    /// An import in which no board was recognised: the default template and
    /// its column headings.
    NoBoards {
        template: String,
        headings: Vec<String>,
    },
    /// A file the merge driver does not know.
    CannotMerge,
    /// The merge of two themes files failed (the serializer's text).
    Merge(String),
    /// A file of an export's target folder that is not written.
    Export(super::export::ExportProblem),
}

/// A problem with a file at a place (1-based line and column; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub problem: FileProblem,
}

impl FileError {
    pub fn new(path: &Path, line: usize, column: usize, problem: FileProblem) -> Self {
        FileError {
            path: path.to_path_buf(),
            line,
            column,
            problem,
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        if let Some(kind) = super::files::not_regular_kind(err) {
            return FileError::new(path, 0, 0, FileProblem::NotRegular(kind));
        }
        if super::files::is_disk_full(err) {
            return FileError::new(path, 0, 0, FileProblem::DiskFull);
        }
        FileError::new(path, 0, 0, FileProblem::Io(err.to_string()))
    }

    /// Turns a RON parse error into a file error with its position.
    pub fn ron(path: &Path, err: &ron::error::SpannedError) -> Self {
        let (line, column) = (err.span.start.line, err.span.start.col);
        FileError::new(path, line, column, FileProblem::Syntax(err.code.clone()))
    }
}

impl std::error::Error for FileError {}
