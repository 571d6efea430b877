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
        let (de, en) = syntax_words(&err.code);
        FileError::other(path, line, column, de, en)
    }

    /// The message without the place.
    pub fn message(&self, lang: Lang) -> String {
        match (&self.problem, lang) {
            (FileProblem::Io(e), Lang::De) => format!("Datei nicht lesbar oder schreibbar: {e}"),
            (FileProblem::Io(e), Lang::En) => format!("cannot read or write the file: {e}"),
            (FileProblem::DiskFull, Lang::De) => "Datenträger voll".into(),
            (FileProblem::DiskFull, Lang::En) => "the disk is full".into(),
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

/// What a thing of the session file is called, for messages.
fn thing(name: &str) -> (&'static str, &'static str) {
    match name {
        "Session" => ("eine Sitzung", "a session"),
        "Board" => ("eine Wand", "a board"),
        "Column" => ("eine Spalte", "a column"),
        "Card" => ("eine Karte", "a card"),
        "Flags" => ("die Markierungen einer Karte", "the flags of a card"),
        "Tag" => ("ein Handlungsfeld", "a field of action"),
        "Theme" => ("ein Thema", "a theme"),
        _ => ("", ""),
    }
}

/// A parser error in words for people: what was expected at the place (the
/// place itself is given with the message), in German and English.
fn syntax_words(code: &ron::Error) -> (String, String) {
    use ron::Error as E;
    let pair = |de: &str, en: &str| (de.to_string(), en.to_string());
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown_field(found, expected, outer.as_deref()),
        E::Eof => pair(
            "die Datei endet mitten im Inhalt – fehlt eine schließende Klammer oder ein Anführungszeichen?",
            "the file ends in the middle of its content – is a closing bracket or quote missing?",
        ),
        E::ExpectedArray => pair("erwartet eine Liste in „[ ]“", "expected a list in '[ ]'"),
        E::ExpectedArrayEnd => pair(
            "erwartet ein Komma oder „]“ am Ende der Liste",
            "expected a comma or ']' at the end of the list",
        ),
        E::ExpectedBoolean => pair("erwartet true oder false", "expected true or false"),
        E::ExpectedComma => pair(
            "erwartet ein Komma vor dem nächsten Eintrag",
            "expected a comma before the next entry",
        ),
        E::ExpectedChar => pair(
            "erwartet ein Zeichen in einfachen Anführungszeichen",
            "expected a character in single quotes",
        ),
        E::ExpectedFloat | E::FloatUnderscore => pair("erwartet eine Zahl", "expected a number"),
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } | E::UnderscoreAtBeginning => pair(
            "erwartet eine ganze Zahl (0, 1, 2, …)",
            "expected a whole number (0, 1, 2, …)",
        ),
        E::IntegerOutOfBounds => pair(
            "die Zahl ist zu groß oder negativ",
            "the number is too large or negative",
        ),
        E::ExpectedOption | E::ExpectedOptionEnd => {
            pair("erwartet None oder Some(…)", "expected None or Some(…)")
        }
        E::ExpectedMap => pair("erwartet „{“", "expected '{'"),
        E::ExpectedMapColon => pair("erwartet einen Doppelpunkt", "expected a colon"),
        E::ExpectedMapEnd => pair("erwartet „}“", "expected '}'"),
        E::ExpectedDifferentStructName { expected, found } => {
            let (de, en) = thing(expected);
            (
                format!("erwartet „{expected}(“ ({de}), gefunden „{found}“"),
                format!("expected '{expected}(' ({en}), found '{found}'"),
            )
        }
        E::ExpectedNamedStructLike("Session") => pair(
            "keine Sitzungsdatei: sie beginnt nicht mit „Session(“",
            "not a session file: it does not start with 'Session('",
        ),
        E::ExpectedNamedStructLike(name) => match thing(name) {
            ("", _) => (format!("erwartet „{name}(“"), format!("expected '{name}('")),
            (de, en) => (
                format!("erwartet „{name}(“ ({de})"),
                format!("expected '{name}(' ({en})"),
            ),
        },
        E::ExpectedStructLike | E::ExpectedUnit => pair("erwartet „(“", "expected '('"),
        E::ExpectedStructLikeEnd => pair("erwartet ein Komma oder „)“", "expected a comma or ')'"),
        E::ExpectedString | E::ExpectedByteString => pair(
            "erwartet Text in Anführungszeichen (\"…\")",
            "expected text in double quotes (\"…\")",
        ),
        E::ExpectedStringEnd => pair(
            "der Text ist nicht geschlossen: es fehlt das Anführungszeichen am Ende",
            "the text is not closed: the quote at its end is missing",
        ),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => {
            pair("erwartet einen Feldnamen", "expected the name of a field")
        }
        E::InvalidEscape(_) => pair(
            "ungültiges Zeichen nach „\\“ im Text (ein „\\“ selbst wird „\\\\“ geschrieben)",
            "invalid character after '\\' in the text (a '\\' itself is written '\\\\')",
        ),
        E::UnclosedBlockComment => pair(
            "ein Kommentar „/*“ ist nicht geschlossen",
            "a comment '/*' is not closed",
        ),
        E::UnclosedLineComment => pair(
            "ein Kommentar am Dateiende ist nicht abgeschlossen",
            "a comment at the end of the file is not ended",
        ),
        E::UnexpectedChar(c) => (
            format!("unerwartetes Zeichen „{c}“"),
            format!("unexpected character '{c}'"),
        ),
        E::Utf8Error(_) => pair("kein gültiger UTF-8-Text", "not valid UTF-8 text"),
        E::TrailingCharacters => pair(
            "nach dem Ende steht noch etwas; ist eine Klammer zu früh geschlossen?",
            "something follows the end; is a bracket closed too early?",
        ),
        E::InvalidValueForType { expected, found } => (
            format!("falscher Wert: erwartet {expected}, gefunden {found}"),
            format!("wrong value: expected {expected}, found {found}"),
        ),
        E::ExpectedDifferentLength { expected, found } => (
            format!("erwartet {expected}, gefunden {found} Einträge"),
            format!("expected {expected}, found {found} entries"),
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let known = expected.join(", ");
            (
                format!("unbekannter Wert „{found}“ (möglich sind: {known})"),
                format!("unknown value '{found}' (possible are: {known})"),
            )
        }
        E::MissingStructField { field, .. } => (
            format!("das Feld „{field}“ fehlt"),
            format!("the field '{field}' is missing"),
        ),
        E::DuplicateStructField { field, .. } => (
            format!("das Feld „{field}“ steht zweimal da"),
            format!("the field '{field}' is given twice"),
        ),
        E::ExceededRecursionLimit => pair(
            "zu tief verschachtelt: mehr Klammern ineinander, als eine Datei von stellwand je hat",
            "nested too deeply: more brackets inside each other than a stellwand file ever has",
        ),
        E::Message(m) => (
            format!("ungültiger Inhalt: {m}"),
            format!("invalid content: {m}"),
        ),
        _ => pair(
            "ungültiger Inhalt an dieser Stelle",
            "invalid content at this place",
        ),
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
