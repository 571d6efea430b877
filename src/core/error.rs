//! Errors about files, always naming the file and the place in it.

use std::fmt;
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
    /// The text is not valid for its format (parser message).
    Syntax(String),
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// The file was written by a newer stellwand.
    NewerVersion { found: u32, supported: u32 },
    /// An id used a second time (the place is its second use); the file
    /// can be repaired with `stellwand repair`.
    DuplicateId(String),
    /// Any other problem, already worded in both languages.
    Other { de: String, en: String },
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
            let (de, en) = kind.describe();
            return FileError::other(path, 0, 0, de.into(), en.into());
        }
        if super::files::is_disk_full(err) {
            return FileError::new(path, 0, 0, FileProblem::DiskFull);
        }
        FileError::new(path, 0, 0, FileProblem::Io(err.to_string()))
    }

    pub fn other(path: &Path, line: usize, column: usize, de: String, en: String) -> Self {
        FileError::new(path, line, column, FileProblem::Other { de, en })
    }

    /// Turns a RON parse error into a file error with its position.
    pub fn ron(path: &Path, err: &ron::error::SpannedError) -> Self {
        let (line, column) = (err.span.start.line, err.span.start.col);
        if let ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } = &err.code
        {
            let (de, en) = unknown_field(found, expected, outer.as_deref());
            return FileError::other(path, line, column, de, en);
        }
        FileError::new(
            path,
            line,
            column,
            FileProblem::Syntax(err.code.to_string()),
        )
    }

    /// The message without the place.
    pub fn message(&self, lang: Lang) -> String {
        match (&self.problem, lang) {
            (FileProblem::Io(e), Lang::De) => format!("Datei nicht lesbar oder schreibbar: {e}"),
            (FileProblem::Io(e), Lang::En) => format!("cannot read or write the file: {e}"),
            (FileProblem::DiskFull, Lang::De) => "Datenträger voll".into(),
            (FileProblem::DiskFull, Lang::En) => "the disk is full".into(),
            (FileProblem::Syntax(e), Lang::De) => format!("Fehler im Dateiinhalt: {e}"),
            (FileProblem::Syntax(e), Lang::En) => format!("invalid file content: {e}"),
            (FileProblem::NewerVersion { found, supported }, Lang::De) => format!(
                "Dateiversion {found} ist neuer als diese Programmversion ({supported}); nur lesend geöffnet"
            ),
            (FileProblem::NewerVersion { found, supported }, Lang::En) => format!(
                "file version {found} is newer than this program supports ({supported}); opened read-only"
            ),
            (FileProblem::DuplicateId(id), Lang::De) => format!(
                "die Kennung „{id}“ kommt mehrfach vor; `stellwand repair {}` gibt den Doppelten neue Kennungen",
                self.path.display()
            ),
            (FileProblem::DuplicateId(id), Lang::En) => format!(
                "the id '{id}' is used more than once; `stellwand repair {}` gives the duplicates new ids",
                self.path.display()
            ),
            (FileProblem::Other { de, .. }, Lang::De) => de.clone(),
            (FileProblem::Other { en, .. }, Lang::En) => en.clone(),
        }
    }

    /// `FILE:LINE:COLUMN: message`, as printed by `stellwand check`.
    pub fn render(&self, lang: Lang) -> String {
        let line = self.line.max(1);
        let column = self.column.max(1);
        format!(
            "{}:{line}:{column}: {}",
            self.path.display(),
            self.message(lang)
        )
    }
}

/// The wording for a field this program does not know: the nearest known
/// one when there is a close one (a typo, a German name), else the list.
fn unknown_field(found: &str, expected: &[&str], outer: Option<&str>) -> (String, String) {
    let lower = found.to_lowercase();
    let nearest = expected
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    match nearest {
        Some(near) => (
            format!("unbekanntes Feld „{found}“ – meinten Sie „{near}“?"),
            format!("unknown field '{found}' – did you mean '{near}'?"),
        ),
        None => {
            let (where_de, where_en) = match outer {
                Some("Session") => ("der Sitzung", "the session"),
                Some("Board") => ("einer Wand", "a board"),
                Some("Column") => ("einer Spalte", "a column"),
                Some("Card") => ("einer Karte", "a card"),
                Some("Flags") => ("den Markierungen einer Karte", "the flags of a card"),
                Some("Tag") => ("einem Handlungsfeld", "a field of action"),
                Some("Theme") => ("einem Thema", "a theme"),
                _ => ("", ""),
            };
            let known = expected.join(", ");
            if where_de.is_empty() {
                (
                    format!("unbekanntes Feld „{found}“ (bekannt sind: {known})"),
                    format!("unknown field '{found}' (known are: {known})"),
                )
            } else {
                (
                    format!("unbekanntes Feld „{found}“ in {where_de} (bekannt sind: {known})"),
                    format!("unknown field '{found}' in {where_en} (known are: {known})"),
                )
            }
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::De))
    }
}

impl std::error::Error for FileError {}
