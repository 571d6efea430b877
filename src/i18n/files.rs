//! Problems with files: what `stellwand check` prints, the start screen
//! shows and every command reports, always with the file and the place.

use std::fmt;

use crate::core::date::DateError;
use crate::core::error::{FileError, FileProblem, Lang};
use crate::core::files::Kind;
use crate::i18n::Msg;
use crate::i18n::text::texts;

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl FileError {
    /// The message without the place.
    pub fn message(&self, lang: Lang) -> String {
        match (&self.problem, lang) {
            (FileProblem::Io(e), Lang::De) => format!("Datei nicht lesbar oder schreibbar: {e}"),
            (FileProblem::Io(e), Lang::En) => format!("cannot read or write the file: {e}"),
            (FileProblem::Syntax(code), lang) => {
                let (de, en) = syntax_words(code);
                lang.pick(&de, &en).to_string()
            }
            (FileProblem::NotRegular(kind), lang) => {
                let (de, en) = kind.describe();
                lang.pick(de, en).to_string()
            }
            (FileProblem::DiskFull, Lang::De) => "Datenträger voll".into(),
            (FileProblem::DiskFull, Lang::En) => "the disk is full".into(),
            (FileProblem::NewerVersion { found, supported }, Lang::De) => format!(
                "Dateiversion {found} ist neuer als diese Programmversion ({supported}); nur lesend geöffnet"
            ),
            (FileProblem::NewerVersion { found, supported }, Lang::En) => format!(
                "file version {found} is newer than this program supports ({supported}); opened read-only"
            ),
            (FileProblem::NewerFile { found, supported }, Lang::De) => format!(
                "die Datei ist von einer neueren Version ({found}, diese kennt {supported})"
            ),
            (FileProblem::NewerFile { found, supported }, Lang::En) => {
                format!("the file is of a newer version ({found}, this one knows {supported})")
            }
            (FileProblem::DuplicateId(id), Lang::De) => format!(
                "die Kennung „{id}“ kommt mehrfach vor; `stellwand repair {}` gibt den Doppelten neue Kennungen",
                self.path.display()
            ),
            (FileProblem::DuplicateId(id), Lang::En) => format!(
                "the id '{id}' is used more than once; `stellwand repair {}` gives the duplicates new ids",
                self.path.display()
            ),
            (FileProblem::Date(e), lang) => e.message(lang),
            (FileProblem::TooLarge { mb, max, session }, Lang::De) => {
                let what = if *session {
                    "eine Sitzung"
                } else {
                    "einen Import"
                };
                format!("die Datei ist zu groß für {what} ({mb} MB, höchstens {max} MB)")
            }
            (FileProblem::TooLarge { mb, max, session }, Lang::En) => {
                let what = if *session { "a session" } else { "an import" };
                format!("the file is too large for {what} ({mb} MB, at most {max} MB)")
            }
            (FileProblem::NotUtf8 { binary }, Lang::De) => {
                let guess = if *binary { " (Binärdaten?)" } else { "" };
                format!("keine gültige UTF-8-Textdatei{guess}")
            }
            (FileProblem::NotUtf8 { binary }, Lang::En) => {
                let guess = if *binary { " (binary data?)" } else { "" };
                format!("not valid UTF-8 text{guess}")
            }
            (FileProblem::Empty, Lang::De) => "die Datei ist leer".into(),
            (FileProblem::Empty, Lang::En) => "the file is empty".into(),
            (FileProblem::NotText, Lang::De) => {
                "keine Textdatei (Binärdaten oder kein UTF-8); erwartet wird Text in UTF-8".into()
            }
            (FileProblem::NotText, Lang::En) => {
                "not a text file (binary data or not UTF-8); expected UTF-8 text".into()
            }
            (FileProblem::Newer, Lang::De) => "neuere Version".into(),
            (FileProblem::Newer, Lang::En) => "newer version".into(),
            (FileProblem::Locked(owner), lang) => {
                let who = owner.as_ref().map_or_else(String::new, |o| {
                    format!(" ({}@{}, {})", o.user, o.host, o.pid)
                });
                match lang {
                    Lang::De => format!(
                        "die Datei ist in einem anderen stellwand geöffnet{who}; dort schließen und erneut versuchen"
                    ),
                    Lang::En => format!(
                        "the file is open in another stellwand{who}; close it there and try again"
                    ),
                }
            }
            (FileProblem::UnknownTemplate { name, known }, Lang::De) => {
                format!(
                    "Unbekannte Vorlage „{name}“. Bekannt sind: {}",
                    known.join(", ")
                )
            }
            (FileProblem::UnknownTemplate { name, known }, Lang::En) => {
                format!(
                    "unknown template '{name}'. Known templates: {}",
                    known.join(", ")
                )
            }
            (
                FileProblem::UnknownColumn {
                    name,
                    template,
                    columns,
                },
                lang,
            ) => {
                let list: Vec<String> = columns
                    .iter()
                    .map(|(heading, key)| match lang {
                        Lang::De => format!("„{heading}“ ({key})"),
                        Lang::En => format!("'{heading}' ({key})"),
                    })
                    .collect();
                let list = list.join(", ");
                match lang {
                    Lang::De => format!(
                        "Spalte „{name}“ gibt es in der Vorlage {template} nicht. Ihre Spalten: {list}"
                    ),
                    Lang::En => {
                        format!(
                            "column '{name}' is not in template {template}. Its columns: {list}"
                        )
                    }
                }
            }
            (FileProblem::EventDate(value), Lang::De) => format!(
                "Datum „{value}“ nicht erkannt; erwartet JJJJ-MM-TT oder „13. Februar 2019“"
            ),
            (FileProblem::EventDate(value), Lang::En) => {
                format!("date '{value}' not understood; expected YYYY-MM-DD or '13. Februar 2019'")
            }
            (FileProblem::SubPointWithoutCard, Lang::De) => "Unterpunkt ohne Karte darüber".into(),
            (FileProblem::SubPointWithoutCard, Lang::En) => {
                "sub-point without a card above it".into()
            }
            (FileProblem::NoBoards { template, headings }, lang) => {
                let names: Vec<String> = headings.iter().map(|h| format!("„{h}“")).collect();
                let names = names.join(", ");
                match lang {
                    Lang::De => format!(
                        "keine Wände erkannt: weder Notation (## Wand, ### Spalte, - Karte) noch Protokolltext mit Spaltenüberschriften der Vorlage {template} ({names})"
                    ),
                    Lang::En => format!(
                        "no boards found: neither notation (## board, ### column, - card) nor protocol text with the column headings of template {template} ({names})"
                    ),
                }
            }
            (FileProblem::CannotMerge, Lang::De) => {
                "diese Art Datei kann stellwand nicht zusammenführen".into()
            }
            (FileProblem::CannotMerge, Lang::En) => {
                "stellwand cannot merge this kind of file".into()
            }
            (FileProblem::Merge(e), _) => e.clone(),
            (FileProblem::Export(p), lang) => p.message(lang),
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

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::De))
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

// What the parser expected (for `syntax_words`), and what is wrong with a
// date.
texts! {
    RonEof = ("die Datei endet mitten im Inhalt – fehlt eine schließende Klammer oder ein Anführungszeichen?", "the file ends in the middle of its content – is a closing bracket or quote missing?"),
    RonExpectedArray = ("erwartet eine Liste in „[ ]“", "expected a list in '[ ]'"),
    RonExpectedArrayEnd = ("erwartet ein Komma oder „]“ am Ende der Liste", "expected a comma or ']' at the end of the list"),
    RonExpectedBoolean = ("erwartet true oder false", "expected true or false"),
    RonExpectedComma = ("erwartet ein Komma vor dem nächsten Eintrag", "expected a comma before the next entry"),
    RonExpectedChar = ("erwartet ein Zeichen in einfachen Anführungszeichen", "expected a character in single quotes"),
    RonExpectedFloat = ("erwartet eine Zahl", "expected a number"),
    RonExpectedInteger = ("erwartet eine ganze Zahl (0, 1, 2, …)", "expected a whole number (0, 1, 2, …)"),
    RonIntegerOutOfBounds = ("die Zahl ist zu groß oder negativ", "the number is too large or negative"),
    RonExpectedOption = ("erwartet None oder Some(…)", "expected None or Some(…)"),
    RonExpectedMapColon = ("erwartet einen Doppelpunkt", "expected a colon"),
    RonNotASessionFile = ("keine Sitzungsdatei: sie beginnt nicht mit „Session(“", "not a session file: it does not start with 'Session('"),
    RonExpectedStructLike = ("erwartet „(“", "expected '('"),
    RonExpectedStructLikeEnd = ("erwartet ein Komma oder „)“", "expected a comma or ')'"),
    RonExpectedString = ("erwartet Text in Anführungszeichen (\"…\")", "expected text in double quotes (\"…\")"),
    RonExpectedStringEnd = ("der Text ist nicht geschlossen: es fehlt das Anführungszeichen am Ende", "the text is not closed: the quote at its end is missing"),
    RonExpectedIdentifier = ("erwartet einen Feldnamen", "expected the name of a field"),
    RonInvalidEscape = ("ungültiges Zeichen nach „\\“ im Text (ein „\\“ selbst wird „\\\\“ geschrieben)", "invalid character after '\\' in the text (a '\\' itself is written '\\\\')"),
    RonUnclosedBlockComment = ("ein Kommentar „/*“ ist nicht geschlossen", "a comment '/*' is not closed"),
    RonUnclosedLineComment = ("ein Kommentar am Dateiende ist nicht abgeschlossen", "a comment at the end of the file is not ended"),
    RonUtf8Error = ("kein gültiger UTF-8-Text", "not valid UTF-8 text"),
    RonTrailingCharacters = ("nach dem Ende steht noch etwas; ist eine Klammer zu früh geschlossen?", "something follows the end; is a bracket closed too early?"),
    RonExceededRecursionLimit = ("zu tief verschachtelt: mehr Klammern ineinander, als eine Datei von stellwand je hat", "nested too deeply: more brackets inside each other than a stellwand file ever has"),
    DateFormat = ("„{text}“ ist kein Datum der Form JJJJ-MM-TT", "'{text}' is not a date written YYYY-MM-DD"),
    DateNoSuchMonth = ("„{text}“: Monat {month} gibt es nicht", "'{text}': there is no month {month}"),
    DateNoSuchDay = ("„{text}“: den {day}. {name} {year} gibt es nicht ({name} {year} hat {days} Tage)", "'{text}': there is no {day} {name} {year} ({name} {year} has {days} days)"),
}

/// A parser error in words for people: what was expected at the place (the
/// place itself is given with the message), in German and English.
fn syntax_words(code: &ron::Error) -> (String, String) {
    use ron::Error as E;
    let pair = |de: &str, en: &str| (de.to_string(), en.to_string());
    let plain = |m: Msg| (m.text(Lang::De).to_string(), m.text(Lang::En).to_string());
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown_field(found, expected, outer.as_deref()),
        E::Eof => plain(Msg::RonEof),
        E::ExpectedArray => plain(Msg::RonExpectedArray),
        E::ExpectedArrayEnd => plain(Msg::RonExpectedArrayEnd),
        E::ExpectedBoolean => plain(Msg::RonExpectedBoolean),
        E::ExpectedComma => plain(Msg::RonExpectedComma),
        E::ExpectedChar => plain(Msg::RonExpectedChar),
        E::ExpectedFloat | E::FloatUnderscore => plain(Msg::RonExpectedFloat),
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } | E::UnderscoreAtBeginning => {
            plain(Msg::RonExpectedInteger)
        }
        E::IntegerOutOfBounds => plain(Msg::RonIntegerOutOfBounds),
        E::ExpectedOption | E::ExpectedOptionEnd => plain(Msg::RonExpectedOption),
        E::ExpectedMap => pair("erwartet „{“", "expected '{'"),
        E::ExpectedMapColon => plain(Msg::RonExpectedMapColon),
        E::ExpectedMapEnd => pair("erwartet „}“", "expected '}'"),
        E::ExpectedDifferentStructName { expected, found } => {
            let (de, en) = thing(expected);
            (
                format!("erwartet „{expected}(“ ({de}), gefunden „{found}“"),
                format!("expected '{expected}(' ({en}), found '{found}'"),
            )
        }
        E::ExpectedNamedStructLike("Session") => plain(Msg::RonNotASessionFile),
        E::ExpectedNamedStructLike(name) => match thing(name) {
            ("", _) => (format!("erwartet „{name}(“"), format!("expected '{name}('")),
            (de, en) => (
                format!("erwartet „{name}(“ ({de})"),
                format!("expected '{name}(' ({en})"),
            ),
        },
        E::ExpectedStructLike | E::ExpectedUnit => plain(Msg::RonExpectedStructLike),
        E::ExpectedStructLikeEnd => plain(Msg::RonExpectedStructLikeEnd),
        E::ExpectedString | E::ExpectedByteString => plain(Msg::RonExpectedString),
        E::ExpectedStringEnd => plain(Msg::RonExpectedStringEnd),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => {
            plain(Msg::RonExpectedIdentifier)
        }
        E::InvalidEscape(_) => plain(Msg::RonInvalidEscape),
        E::UnclosedBlockComment => plain(Msg::RonUnclosedBlockComment),
        E::UnclosedLineComment => plain(Msg::RonUnclosedLineComment),
        E::UnexpectedChar(c) => (
            format!("unerwartetes Zeichen „{c}“"),
            format!("unexpected character '{c}'"),
        ),
        E::Utf8Error(_) => plain(Msg::RonUtf8Error),
        E::TrailingCharacters => plain(Msg::RonTrailingCharacters),
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
        E::ExceededRecursionLimit => plain(Msg::RonExceededRecursionLimit),
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

impl Kind {
    /// "is a …", in German and English.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Link => (
                "ist ein symbolischer Link; stellwand folgt ihm nicht",
                "is a symbolic link; stellwand does not follow it",
            ),
            Kind::Dir => (
                "ist ein Ordner, keine gewöhnliche Datei",
                "is a folder, not a regular file",
            ),
            Kind::Fifo => (
                "ist eine Pipe (FIFO), keine gewöhnliche Datei",
                "is a pipe (FIFO), not a regular file",
            ),
            Kind::Device => (
                "ist ein Gerät, keine gewöhnliche Datei",
                "is a device, not a regular file",
            ),
            Kind::Socket => (
                "ist ein Socket, keine gewöhnliche Datei",
                "is a socket, not a regular file",
            ),
            Kind::Other => ("ist keine gewöhnliche Datei", "is not a regular file"),
        }
    }
}

impl DateError {
    /// The message for a person, in German or English.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DateError::Format { text } => Msg::DateFormat.fill(lang, &[("text", text)]),
            DateError::NoSuchMonth { text, month } => {
                Msg::DateNoSuchMonth.fill(lang, &[("text", text), ("month", month)])
            }
            DateError::NoSuchDay {
                text,
                year,
                month,
                day,
                days,
            } => {
                let i = (*month as usize).clamp(1, 12) - 1;
                let name = lang.pick(MONTHS_DE[i], MONTHS_EN[i]);
                let args: [(&str, &dyn fmt::Display); 5] = [
                    ("text", text),
                    ("day", day),
                    ("name", &name),
                    ("year", year),
                    ("days", days),
                ];
                Msg::DateNoSuchDay.fill(lang, &args)
            }
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
