//! The export dialog and its preview: formats, files and what was written.

use crate::i18n::text::texts;

texts! {
    CtxExport = ("Export: Vorschau", "Export: preview"),
    CtxExportAsk = (
        "Export: Zielordner anlegen?",
        "Export: create the target folder?",
    ),
    ModeExport = ("EXPORT", "EXPORT"),
    KeyExportWrite = (
        "schreiben (nur neue und geänderte Dateien)",
        "write (only new and changed files)",
    ),
    KeyExportPrevFile = ("vorherige Datei", "previous file"),
    KeyExportNextFile = ("nächste Datei", "next file"),
    KeyExportDiff = (
        "Änderungen / ganzer Inhalt der Datei",
        "changes / whole content of the file",
    ),
    KeyExportCancel = ("abbrechen, nichts schreiben", "cancel, write nothing"),
    KeyExportCreate = ("ja, Ordner anlegen", "yes, create the folder"),
    KeyExportBack = ("nein, zurück zum Dialog", "no, back to the dialog"),
    FormExport = ("Exportieren", "Export"),
    FieldExportDir = ("Zielordner", "Target folder"),
    FieldExportFormat = ("Format", "Format"),
    FieldSuggestions = (
        "Unbestätigte Vorschläge mit",
        "Include unconfirmed suggestions",
    ),
    FormatMarkdown = (
        "Konzept (Markdown je Handlungsfeld)",
        "Concept (Markdown per field of action)",
    ),
    FormatProtocol = (
        "Protokoll (ein Markdown-Dokument)",
        "Protocol (one Markdown document)",
    ),
    FormatCsv = ("CSV (eine Zeile je Karte)", "CSV (one row per card)"),
    FormatMeasures = (
        "Maßnahmenkatalog und Monitoring",
        "catalogue of measures and monitoring",
    ),
    FormatQdc = ("REFI-QDA-Codebuch (.qdc)", "REFI-QDA codebook (.qdc)"),
    FormatQdpx = (
        "REFI-QDA-Projekt mit Karten und Fotos (.qdpx)",
        "REFI-QDA project with cards and photos (.qdpx)",
    ),
    ExportDirMissing = (
        "Bitte einen Zielordner angeben",
        "Please name a target folder",
    ),
    ExportCancelled = (
        "Export abgebrochen, nichts geschrieben",
        "Export cancelled, nothing written",
    ),
    ExportWritten = (
        "{n} Dateien nach {dir} geschrieben, {same} unverändert",
        "{n} files written to {dir}, {same} unchanged",
    ),
    ExportWrittenOne = (
        "1 Datei nach {dir} geschrieben, {same} unverändert",
        "1 file written to {dir}, {same} unchanged",
    ),
    ExportNothing = (
        "Nichts zu schreiben: {same} Dateien in {dir} unverändert",
        "Nothing to write: {same} files in {dir} unchanged",
    ),
    ExportProblems = ("{n} nicht geschrieben: {first}", "{n} not written: {first}"),
    ExportFailed = ("Export fehlgeschlagen: {error}", "Export failed: {error}"),
    LinesSkipped = ("… {n} unveränderte Zeilen", "… {n} unchanged lines"),
    ExportTitle = ("Export: Vorschau", "Export: preview"),
    ExportAskCreate = (
        "Den Zielordner {dir} gibt es nicht. Anlegen?",
        "The target folder {dir} does not exist. Create it?",
    ),
    ExportAskHint = (
        "y/j ja, anlegen · n/Esc nein, zurück",
        "y yes, create it · n/Esc no, back",
    ),
    ExportCreateDir = (
        "Ordner wird beim Schreiben angelegt",
        "the folder is created when writing",
    ),
    ExportTarget = (
        "Ziel: {dir} · Format: {format} · Vorschläge: {suggestions}",
        "Target: {dir} · Format: {format} · Suggestions: {suggestions}",
    ),
    ExportCounts = (
        "{new} neu · {changed} geändert · {same} unverändert",
        "{new} new · {changed} changed · {same} unchanged",
    ),
    ExportFiles = ("Dateien", "Files"),
    ExportNew = ("neu", "new"),
    ExportChanged = ("geändert", "changed"),
    ExportUnchanged = ("unverändert", "unchanged"),
    ExportViewDiff = (
        "Änderungen (Tab: ganzer Inhalt)",
        "changes (Tab: whole content)",
    ),
    ExportViewWhole = (
        "neuer Inhalt (Tab: Änderungen)",
        "new content (Tab: changes)",
    ),
    ExportViewNew = ("neue Datei", "new file"),
    ExportViewSame = (
        "unverändert, bleibt wie sie ist",
        "unchanged, left as it is",
    ),
    ExportNoFiles = ("Nichts zu exportieren", "Nothing to export"),
    ExportProblemsHead = (
        "Probleme – diese Dateien werden nicht geschrieben:",
        "Problems – these files are not written:",
    ),
    ExportHint = (
        "Enter schreiben · ↑/↓ Datei · Bild↑/↓ blättern · Tab Änderungen/Inhalt · Esc abbrechen",
        "Enter write · ↑/↓ file · PgUp/PgDn scroll · Tab changes/content · Esc cancel",
    ),
}
