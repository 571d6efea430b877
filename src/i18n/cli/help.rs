//! The command line's help, in German and English, and the German words
//! that replace clap's English headings.

use crate::core::error::Lang;

/// The command line's help, in German and English: the program, each
/// command (by name) and each argument (`command.argument`, or the
/// argument alone for the program's own and global ones).
#[rustfmt::skip]
pub const CLI_HELP: &[(&str, &str, &str)] = &[
    ("", "Workshop-Wände erfassen, verschlagworten, clustern und exportieren", "Capture, tag, cluster and export workshop walls"),
    ("lang", "Sprache der Oberfläche: de (Vorgabe) oder en", "Interface language: de (default) or en"),
    ("path", "Eine Sitzungsdatei oder ein Ordner mit Sitzungen (Vorgabe: sessions/)", "A session file or a folder of sessions (default: sessions/)"),
    ("new", "Neue Sitzung mit einer leeren Wand einer Vorlage anlegen", "Create a new session holding one empty board of a template"),
    ("new.template", "Schlüssel der Vorlage (z. B. district-exchange)", "Template key (e.g. district-exchange)"),
    ("new.title", "Titel der Veranstaltung", "Title of the event"),
    ("new.date", "Datum als JJJJ-MM-TT (darf fehlen)", "Date as YYYY-MM-DD (optional)"),
    ("new.place", "Ort der Veranstaltung", "Place of the event"),
    ("new.file", "Die neue Sitzungsdatei", "The new session file"),
    ("import", "Text in der Notation oder Protokolltext in eine Sitzung übernehmen", "Turn plain text or protocol text into a session"),
    ("import.template", "Vorlage für Wände, deren Art der Text nicht nennt", "Template for boards whose kind the text does not tell"),
    ("import.textfile", "Die Textdatei", "The text file"),
    ("import.output", "Die Sitzungsdatei, die entsteht", "The session file to write"),
    ("check", "Sitzungsdateien prüfen; je Problem eine Zeile DATEI:ZEILE:SPALTE: Meldung", "Check session files; one line per problem as FILE:LINE:COLUMN: message"),
    ("check.files", "Die Sitzungsdateien", "The session files"),
    ("repair", "Mehrfach vergebene Ids neu vergeben (mit Sicherungskopie); keine Karte geht verloren", "Give ids used more than once new ones (after a backup); no card is lost"),
    ("repair.file", "Die Sitzungsdatei", "The session file"),
    ("merge", "Drei-Wege-Zusammenführung von Sitzungsdateien nach Id, als git-Merge-Treiber (%O %A %B %P); schreibt nach OURS; Ende 0 zusammengeführt, 1 Konflikte an Karten behalten, 2 nicht zusammengeführt", "Three-way merge of session files by id, as a git merge driver (%O %A %B %P); writes to OURS; exit 0 merged, 1 conflicts kept on cards, 2 not merged"),
    ("merge.base", "Der gemeinsame Stand", "The common ancestor"),
    ("merge.ours", "Der eigene Stand (wird überschrieben)", "Our version (written to)"),
    ("merge.theirs", "Der Stand der anderen", "Their version"),
    ("merge.path", "Name der Datei im Repository, für Meldungen", "The file's name in the repository, for messages"),
    ("git-setup", "Ein git-Repository für mehrere Sachbearbeiter*innen einrichten: .gitattributes, Merge-Treiber, .gitignore", "Set up a git repository for several clerks: .gitattributes, the merge driver, .gitignore"),
    ("git-setup.dir", "Der Ordner des Repositorys (Vorgabe: hier)", "The repository's folder (default: here)"),
    ("cluster", "Ähnliche Karten gruppieren; jede Karte landet in genau einem Cluster", "Group similar cards; every card lands in exactly one cluster"),
    ("cluster.files", "Die Sitzungsdateien", "The session files"),
    ("cluster.columns", "Nur Karten dieser Spalten (mehrfach möglich); Cluster mischen Spalten nur, wenn mehrere genannt sind", "Only cards of these columns (repeatable); clusters never mix columns unless several are given"),
    ("cluster.threshold", "Schwelle der Ähnlichkeit (0 bis 1)", "Similarity threshold (0 to 1)"),
    ("cluster.json", "Ausgabe als JSON", "Output as JSON"),
    ("cluster.no_learn", "Ohne Lernen: bestätigte Themen nehmen keine ähnlichen Karten auf, gelernte Wörter zählen nicht", "Without learning: confirmed themes take in no resembling cards, learned words do not count"),
    ("export", "Themen und Karten in ein Konzept-Repository, ein Protokoll oder CSV schreiben", "Write themes and cards to a concept repository, a protocol or CSV"),
    ("export.files", "Die Sitzungsdateien", "The session files"),
    ("export.to", "Der Zielordner", "The target folder"),
    ("export.format", "Das Format", "The format"),
    ("export.dry_run", "Nur zeigen, was sich ändern würde", "Print what would change without writing"),
    ("export.suggestions", "Auch unbestätigte Vorschläge, als solche markiert", "Also export unconfirmed suggestions, marked as such"),
    ("export.create", "Den Zielordner anlegen, wenn es ihn nicht gibt", "Create the target folder when it does not exist"),
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
/// Headings and words of clap's help, in German (clap writes English).
pub mod de {
    pub const COMMANDS: &str = "Befehle";
    pub const COMMAND: &str = "BEFEHL";
    pub const OPTIONS: &str = "OPTIONEN";
    pub const ARGUMENTS_HEADING: &str = "Argumente";
    pub const OPTIONS_HEADING: &str = "Optionen";
    pub const DEFAULT: &str = "Vorgabe";
    pub const POSSIBLE: &str = "möglich";
    pub const USAGE: &str = "Aufruf";
}
