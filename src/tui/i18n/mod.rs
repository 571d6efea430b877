//! Every text of the terminal UI, in German and English, one file per
//! screen. Each text is a constant `Msg::Name` holding both languages side
//! by side; placeholders are named (`{file}`, `{n}`) and filled with
//! [`Msg::fill`], so each sentence reads whole in both languages.
//!
//! A new text goes into the file of the screen that shows it, inside its
//! `texts!` block: `Name = ("Deutsch {n}", "English {n}"),`.

use std::fmt::Display;

use crate::core::error::Lang;

/// A piece of interface text: its name and its German and English wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    name: &'static str,
    de: &'static str,
    en: &'static str,
}

/// Declares texts as `Msg` constants, and lists them for the tests.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = ($de:expr, $en:expr $(,)?),)*) => {
        #[allow(non_upper_case_globals)]
        impl Msg {
            $(
                $(#[$doc])*
                pub const $name: Msg = Msg { name: stringify!($name), de: $de, en: $en };
            )*
        }

        #[cfg(test)]
        pub(super) const ALL: &[Msg] = &[$(Msg::$name),*];
    };
}

mod board;
mod entry;
mod export;
mod form;
mod help;
mod measures;
mod photo;
mod review;
mod search;
mod start;
mod status;
mod tags;

impl Msg {
    /// A number with its noun, in the singular for one: "1 Karte",
    /// "3 Karten".
    pub fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
        let noun = if n == 1 { one } else { many };
        format!("{n} {}", noun.text(lang))
    }

    /// "1 Karte", "3 Karten".
    pub fn cards(lang: Lang, n: usize) -> String {
        let s = Msg::count(lang, n, Msg::Card, Msg::Cards);
        match lang {
            Lang::De => s,
            Lang::En => s.to_lowercase(),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.de, self.en)
    }

    /// The text with each `{name}` replaced by the value given for `name`.
    /// A placeholder without a value stays as it is (and fails in tests).
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        let text = self.text(lang);
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (close, v))
            });
            match value {
                Some((close, v)) => {
                    out.push_str(&v.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    debug_assert!(
                        false,
                        "{}: no value for a placeholder in {text:?}",
                        self.name
                    );
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The command line's help, in German and English: the program, each
/// command (by name) and each argument (`command.argument`, or the
/// argument alone for the program's own and global ones).
pub const CLI_HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "Workshop-Wände erfassen, verschlagworten, clustern und exportieren",
        "Capture, tag, cluster and export workshop walls",
    ),
    (
        "lang",
        "Sprache der Oberfläche: de (Vorgabe) oder en",
        "Interface language: de (default) or en",
    ),
    (
        "path",
        "Eine Sitzungsdatei oder ein Ordner mit Sitzungen (Vorgabe: sessions/)",
        "A session file or a folder of sessions (default: sessions/)",
    ),
    (
        "new",
        "Neue Sitzung mit einer leeren Wand einer Vorlage anlegen",
        "Create a new session holding one empty board of a template",
    ),
    (
        "new.template",
        "Schlüssel der Vorlage (z. B. district-exchange)",
        "Template key (e.g. district-exchange)",
    ),
    ("new.title", "Titel der Veranstaltung", "Title of the event"),
    (
        "new.date",
        "Datum als JJJJ-MM-TT (darf fehlen)",
        "Date as YYYY-MM-DD (optional)",
    ),
    ("new.place", "Ort der Veranstaltung", "Place of the event"),
    ("new.file", "Die neue Sitzungsdatei", "The new session file"),
    (
        "import",
        "Text in der Notation oder Protokolltext in eine Sitzung übernehmen",
        "Turn plain text or protocol text into a session",
    ),
    (
        "import.template",
        "Vorlage für Wände, deren Art der Text nicht nennt",
        "Template for boards whose kind the text does not tell",
    ),
    ("import.textfile", "Die Textdatei", "The text file"),
    (
        "import.output",
        "Die Sitzungsdatei, die entsteht",
        "The session file to write",
    ),
    (
        "check",
        "Sitzungsdateien prüfen; je Problem eine Zeile DATEI:ZEILE:SPALTE: Meldung",
        "Check session files; one line per problem as FILE:LINE:COLUMN: message",
    ),
    ("check.files", "Die Sitzungsdateien", "The session files"),
    (
        "repair",
        "Mehrfach vergebene Ids neu vergeben (mit Sicherungskopie); keine Karte geht verloren",
        "Give ids used more than once new ones (after a backup); no card is lost",
    ),
    ("repair.file", "Die Sitzungsdatei", "The session file"),
    (
        "merge",
        "Drei-Wege-Zusammenführung von Sitzungsdateien nach Id, als git-Merge-Treiber (%O %A %B %P); schreibt nach OURS; Ende 0 zusammengeführt, 1 Konflikte an Karten behalten, 2 nicht zusammengeführt",
        "Three-way merge of session files by id, as a git merge driver (%O %A %B %P); writes to OURS; exit 0 merged, 1 conflicts kept on cards, 2 not merged",
    ),
    ("merge.base", "Der gemeinsame Stand", "The common ancestor"),
    (
        "merge.ours",
        "Der eigene Stand (wird überschrieben)",
        "Our version (written to)",
    ),
    ("merge.theirs", "Der Stand der anderen", "Their version"),
    (
        "merge.path",
        "Name der Datei im Repository, für Meldungen",
        "The file's name in the repository, for messages",
    ),
    (
        "git-setup",
        "Ein git-Repository für mehrere Sachbearbeiter*innen einrichten: .gitattributes, Merge-Treiber, .gitignore",
        "Set up a git repository for several clerks: .gitattributes, the merge driver, .gitignore",
    ),
    (
        "git-setup.dir",
        "Der Ordner des Repositorys (Vorgabe: hier)",
        "The repository's folder (default: here)",
    ),
    (
        "cluster",
        "Ähnliche Karten gruppieren; jede Karte landet in genau einem Cluster",
        "Group similar cards; every card lands in exactly one cluster",
    ),
    ("cluster.files", "Die Sitzungsdateien", "The session files"),
    (
        "cluster.columns",
        "Nur Karten dieser Spalten (mehrfach möglich); Cluster mischen Spalten nur, wenn mehrere genannt sind",
        "Only cards of these columns (repeatable); clusters never mix columns unless several are given",
    ),
    (
        "cluster.threshold",
        "Schwelle der Ähnlichkeit (0 bis 1)",
        "Similarity threshold (0 to 1)",
    ),
    ("cluster.json", "Ausgabe als JSON", "Output as JSON"),
    (
        "cluster.no_learn",
        "Ohne Lernen: bestätigte Themen nehmen keine ähnlichen Karten auf, gelernte Wörter zählen nicht",
        "Without learning: confirmed themes take in no resembling cards, learned words do not count",
    ),
    (
        "export",
        "Themen und Karten in ein Konzept-Repository, ein Protokoll oder CSV schreiben",
        "Write themes and cards to a concept repository, a protocol or CSV",
    ),
    ("export.files", "Die Sitzungsdateien", "The session files"),
    ("export.to", "Der Zielordner", "The target folder"),
    ("export.format", "Das Format", "The format"),
    (
        "export.dry_run",
        "Nur zeigen, was sich ändern würde",
        "Print what would change without writing",
    ),
    (
        "export.suggestions",
        "Auch unbestätigte Vorschläge, als solche markiert",
        "Also export unconfirmed suggestions, marked as such",
    ),
    (
        "export.create",
        "Den Zielordner anlegen, wenn es ihn nicht gibt",
        "Create the target folder when it does not exist",
    ),
    ("help", "Hilfe anzeigen", "Print help"),
    ("version", "Version anzeigen", "Print version"),
];

/// The command line's help text for a key, if there is one.
pub fn cli_help(key: &str, lang: Lang) -> Option<&'static str> {
    CLI_HELP
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, de, en)| lang.pick(de, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of every screen.
    fn all() -> impl Iterator<Item = Msg> {
        [
            board::ALL,
            entry::ALL,
            export::ALL,
            form::ALL,
            help::ALL,
            measures::ALL,
            photo::ALL,
            review::ALL,
            search::ALL,
            start::ALL,
            status::ALL,
            tags::ALL,
        ]
        .into_iter()
        .flatten()
        .copied()
    }

    /// The `{name}`s of a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn one_card_is_singular() {
        assert_eq!(Msg::cards(Lang::De, 1), "1 Karte");
        assert_eq!(Msg::cards(Lang::De, 0), "0 Karten");
        assert_eq!(Msg::cards(Lang::En, 1), "1 card");
        assert_eq!(Msg::cards(Lang::En, 2), "2 cards");
        assert_eq!(
            Msg::count(Lang::De, 1, Msg::TagOne, Msg::TagMany),
            "1 Handlungsfeld"
        );
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let s = Msg::TooSmallNeed.fill(
            Lang::En,
            &[("need_w", &60), ("need_h", &15), ("w", &40), ("h", &10)],
        );
        assert_eq!(
            s,
            "Needed: 60×15 characters, now: 40×10. Please enlarge the window."
        );
        // The German sentence puts the values in another order than the call.
        let s = Msg::ExportNothing.fill(Lang::De, &[("dir", &"out/"), ("same", &3)]);
        assert_eq!(s, "Nichts zu schreiben: 3 Dateien in out/ unverändert");
        assert!(
            Msg::Saved
                .fill(Lang::De, &[("file", &"a.ron")])
                .ends_with("a.ron")
        );
    }

    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        let mut count = 0;
        for m in all() {
            count += 1;
            assert!(!m.de.is_empty() && !m.en.is_empty(), "{} is empty", m.name);
            let (mut de, mut en) = (placeholders(m.de), placeholders(m.en));
            for name in de.iter().chain(&en) {
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{}: placeholder {{{name}}} is not a plain name",
                    m.name
                );
            }
            de.sort();
            en.sort();
            assert_eq!(
                de, en,
                "{}: German and English differ in placeholders",
                m.name
            );
        }
        assert!(count > 300, "only {count} texts found");
    }
}
