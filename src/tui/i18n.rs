//! Every text of the terminal UI, in German and English, in one place.

use crate::core::error::Lang;

/// A piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    // Help: sections.
    CtxGlobal,
    CtxStart,
    CtxBoard,
    CtxEntry,
    CtxForm,
    CtxHelp,
    // Help: keys.
    KeyHelp,
    KeySave,
    KeyQuit,
    KeyInterrupt,
    KeyUp,
    KeyDown,
    KeyOpen,
    KeyNewSession,
    KeyReload,
    KeyCardUp,
    KeyCardDown,
    KeyColumnLeft,
    KeyColumnRight,
    KeyNextBoard,
    KeyPrevBoard,
    KeySessions,
    KeyDismiss,
    KeyEntrySave,
    KeyAddCard,
    KeyInsertBelow,
    KeyEditCard,
    KeySubPoint,
    KeyDelete,
    KeyMoveUp,
    KeyMoveDown,
    KeyMoveLeft,
    KeyMoveRight,
    KeyMoveNextBoard,
    KeyMovePrevBoard,
    KeyUncertain,
    KeyStruck,
    KeyEmphasis,
    KeyUndo,
    KeyRedo,
    KeyNewBoard,
    KeyEditBoard,
    KeyDeleteBoard,
    KeyOpenPhoto,
    KeyEditSession,
    KeySearch,
    KeyTagPicker,
    KeyCluster,
    KeyCopy,
    KeyExport,
    KeyTags,
    KeyEntryCommit,
    KeyEntryNext,
    KeyEntryPrev,
    KeyEntryLeave,
    KeyEntrySubPoint,
    KeyTextLeft,
    KeyTextRight,
    KeyTextUp,
    KeyTextDown,
    KeyTextHome,
    KeyTextEnd,
    KeyTextBackspace,
    KeyTextDelete,
    KeyTextWord,
    KeyTextClear,
    KeyFormCommit,
    KeyFormNext,
    KeyFormPrev,
    KeyFormLeft,
    KeyFormRight,
    KeyFormCancel,
    KeyHelpClose,
    KeyScrollUp,
    KeyScrollDown,
    // Forms.
    FormNewSession,
    FormNewBoard,
    FormBoardInfo,
    FormSessionInfo,
    FieldTemplate,
    FieldTitle,
    FieldDate,
    FieldPlace,
    FieldOrganiser,
    FieldModeration,
    FieldBoardTitle,
    FieldPhotos,
    FormHint,
    // Status messages ("{}" is filled in).
    Saved,
    SaveFailed,
    ReadOnly,
    NothingToUndo,
    NothingToRedo,
    Undone,
    Redone,
    CardDeleted,
    NoCard,
    NoBoard,
    ComingSoon,
    TitleMissing,
    DateInvalid,
    SessionCreated,
    BoardAdded,
    BoardDeleted,
    CardMovedToBoard,
    NoOtherBoard,
    PhotoMissing,
    PhotoOpening,
    PhotoNotFound,
    PhotoViewerFailed,
    QuitUnsaved,
    NoSessionSelected,
    EditFailed,
    // Screens.
    ModeStart,
    ModeBoard,
    ModeEntry,
    ModeEdit,
    ModeForm,
    ModeHelp,
    StateSaved,
    StateUnsaved,
    StateReadOnly,
    Board,
    Column,
    Card,
    Cards,
    Boards,
    Sessions,
    Photo,
    NoPhoto,
    NoBoards,
    EmptyColumn,
    NewCardTitle,
    EditCardTitle,
    EntryHint,
    BoardHints,
    StartTitle,
    StartEmpty,
    StartNoFolder,
    StartHints,
    HeadDate,
    HeadTitle,
    TooSmall,
    TooSmallNeed,
    HelpTitle,
    HelpHint,
    MoreColumns,
}

impl Msg {
    /// German and English wording.
    fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            CtxGlobal => ("Überall", "Everywhere"),
            CtxStart => ("Startbildschirm (Sitzungen)", "Start screen (sessions)"),
            CtxBoard => ("Wand-Ansicht", "Board view"),
            CtxEntry => (
                "Karteneditor (Schnellerfassung und Bearbeiten)",
                "Card editor (rapid entry and editing)",
            ),
            CtxForm => ("Dialoge", "Dialogs"),
            CtxHelp => ("Hilfe", "Help"),
            KeyHelp => ("diese Hilfe", "this help"),
            KeySave => ("speichern", "save"),
            KeyQuit => ("speichern und beenden", "save and quit"),
            KeyInterrupt => (
                "Getipptes übernehmen, speichern und beenden",
                "keep what was typed, save and quit",
            ),
            KeyUp => ("vorherige Sitzung", "previous session"),
            KeyDown => ("nächste Sitzung", "next session"),
            KeyOpen => ("Sitzung öffnen", "open session"),
            KeyNewSession => (
                "neue Sitzung aus einer Vorlage",
                "new session from a template",
            ),
            KeyReload => ("Liste neu einlesen", "reload the list"),
            KeyCardUp => ("Karte darüber", "card above"),
            KeyCardDown => ("Karte darunter", "card below"),
            KeyColumnLeft => ("Spalte links", "column to the left"),
            KeyColumnRight => ("Spalte rechts", "column to the right"),
            KeyNextBoard => ("nächste Wand", "next board"),
            KeyPrevBoard => ("vorherige Wand", "previous board"),
            KeySessions => (
                "zur Sitzungsliste (speichert)",
                "to the session list (saves)",
            ),
            KeyDismiss => ("Meldung ausblenden", "dismiss the message"),
            KeyEntrySave => ("Karte übernehmen und speichern", "commit the card and save"),
            KeyAddCard => (
                "Karte am Ende der Spalte erfassen (Schnellerfassung)",
                "add a card at the end of the column (rapid entry)",
            ),
            KeyInsertBelow => (
                "Karte unter der gewählten einfügen",
                "insert a card below the selected one",
            ),
            KeyEditCard => ("Karte bearbeiten", "edit card"),
            KeySubPoint => ("Unterpunkt (↳) anfügen", "add a sub-point (↳)"),
            KeyDelete => ("Karte löschen", "delete card"),
            KeyMoveUp => ("Karte nach oben schieben", "move card up"),
            KeyMoveDown => ("Karte nach unten schieben", "move card down"),
            KeyMoveLeft => (
                "Karte in die Spalte links schieben",
                "move card to the column on the left",
            ),
            KeyMoveRight => (
                "Karte in die Spalte rechts schieben",
                "move card to the column on the right",
            ),
            KeyMoveNextBoard => (
                "Karte auf die nächste Wand schieben",
                "move card to the next board",
            ),
            KeyMovePrevBoard => (
                "Karte auf die vorherige Wand schieben",
                "move card to the previous board",
            ),
            KeyUncertain => (
                "Markierung „unsicher gelesen“ [?] an/aus",
                "toggle 'uncertain reading' [?]",
            ),
            KeyStruck => (
                "Markierung „durchgestrichen“ [~] an/aus",
                "toggle 'struck out' [~]",
            ),
            KeyEmphasis => (
                "Markierung „hervorgehoben“ [!] an/aus",
                "toggle 'emphasis' [!]",
            ),
            KeyUndo => ("rückgängig", "undo"),
            KeyRedo => ("wiederherstellen", "redo"),
            KeyNewBoard => (
                "neue Wand (beliebige Vorlage) anlegen",
                "add a board (any template)",
            ),
            KeyEditBoard => (
                "Wandtitel und Fotoreferenz bearbeiten",
                "edit board title and photo reference",
            ),
            KeyDeleteBoard => ("Wand löschen", "delete board"),
            KeyOpenPhoto => (
                "Foto der Wand im Bildbetrachter öffnen",
                "open the board's photo in the image viewer",
            ),
            KeyEditSession => (
                "Sitzungsdaten (Titel, Datum, Ort, Veranstalter, Moderation)",
                "session data (title, date, place, organiser, moderation)",
            ),
            KeySearch => ("Suche (kommt bald)", "search (coming soon)"),
            KeyTagPicker => (
                "Handlungsfeld wählen (kommt bald)",
                "tag picker (coming soon)",
            ),
            KeyCluster => (
                "Cluster prüfen (kommt bald)",
                "cluster review (coming soon)",
            ),
            KeyCopy => ("kopieren (kommt bald)", "copy (coming soon)"),
            KeyExport => ("exportieren (kommt bald)", "export (coming soon)"),
            KeyTags => (
                "Handlungsfeld 1–9 an/aus (kommt bald)",
                "toggle tag 1–9 (coming soon)",
            ),
            KeyEntryCommit => (
                "Karte übernehmen, nächste Karte in derselben Spalte",
                "commit card, next card in the same column",
            ),
            KeyEntryNext => (
                "Karte übernehmen, weiter in der nächsten Spalte",
                "commit card, go on in the next column",
            ),
            KeyEntryPrev => (
                "Karte übernehmen, weiter in der vorherigen Spalte",
                "commit card, go on in the previous column",
            ),
            KeyEntryLeave => (
                "Erfassung beenden (Getipptes bleibt erhalten)",
                "leave entry (what was typed is kept)",
            ),
            KeyEntrySubPoint => ("neue Zeile als Unterpunkt (↳)", "new sub-point line (↳)"),
            KeyTextLeft => ("Cursor nach links", "cursor left"),
            KeyTextRight => ("Cursor nach rechts", "cursor right"),
            KeyTextUp => ("Zeile darüber", "line above"),
            KeyTextDown => ("Zeile darunter", "line below"),
            KeyTextHome => ("Zeilenanfang", "start of line"),
            KeyTextEnd => ("Zeilenende", "end of line"),
            KeyTextBackspace => ("Zeichen vor dem Cursor löschen", "delete before cursor"),
            KeyTextDelete => ("Zeichen am Cursor löschen", "delete at cursor"),
            KeyTextWord => ("Wort löschen", "delete word"),
            KeyTextClear => ("bis Zeilenanfang löschen", "delete to start of line"),
            KeyFormCommit => ("bestätigen", "confirm"),
            KeyFormNext => ("nächstes Feld", "next field"),
            KeyFormPrev => ("vorheriges Feld", "previous field"),
            KeyFormLeft => (
                "Cursor links / vorherige Auswahl",
                "cursor left / previous choice",
            ),
            KeyFormRight => (
                "Cursor rechts / nächste Auswahl",
                "cursor right / next choice",
            ),
            KeyFormCancel => ("abbrechen", "cancel"),
            KeyHelpClose => ("Hilfe schließen", "close help"),
            KeyScrollUp => ("nach oben blättern", "scroll up"),
            KeyScrollDown => ("nach unten blättern", "scroll down"),
            FormNewSession => ("Neue Sitzung", "New session"),
            FormNewBoard => ("Neue Wand", "New board"),
            FormBoardInfo => ("Wand", "Board"),
            FormSessionInfo => ("Sitzungsdaten", "Session data"),
            FieldTemplate => ("Vorlage", "Template"),
            FieldTitle => ("Titel", "Title"),
            FieldDate => ("Datum (JJJJ-MM-TT)", "Date (YYYY-MM-DD)"),
            FieldPlace => ("Ort", "Place"),
            FieldOrganiser => ("Veranstalter", "Organiser"),
            FieldModeration => ("Moderation", "Moderation"),
            FieldBoardTitle => ("Titel der Wand", "Board title"),
            FieldPhotos => ("Fotos (durch Komma getrennt)", "Photos (comma separated)"),
            FormHint => (
                "Enter OK · Tab/↓ nächstes Feld · ←/→ Auswahl · Esc abbrechen",
                "Enter OK · Tab/↓ next field · ←/→ choose · Esc cancel",
            ),
            Saved => ("Gespeichert: {}", "Saved: {}"),
            SaveFailed => ("Speichern fehlgeschlagen: {}", "Saving failed: {}"),
            ReadOnly => (
                "Nur lesend geöffnet: Änderungen sind nicht möglich und nichts wird gespeichert",
                "Opened read-only: no changes, nothing is saved",
            ),
            NothingToUndo => ("Nichts rückgängig zu machen", "Nothing to undo"),
            NothingToRedo => ("Nichts wiederherzustellen", "Nothing to redo"),
            Undone => ("Rückgängig gemacht", "Undone"),
            Redone => ("Wiederhergestellt", "Redone"),
            CardDeleted => (
                "Karte gelöscht (u macht es rückgängig)",
                "Card deleted (u undoes)",
            ),
            NoCard => ("Keine Karte ausgewählt", "No card selected"),
            NoBoard => (
                "Keine Wand vorhanden: B legt eine an",
                "No board: B adds one",
            ),
            ComingSoon => ("Kommt bald", "Coming soon"),
            TitleMissing => ("Bitte einen Titel eingeben", "Please enter a title"),
            DateInvalid => (
                "Datum bitte als JJJJ-MM-TT (oder leer lassen)",
                "Date as YYYY-MM-DD please (or leave it empty)",
            ),
            SessionCreated => ("Neue Sitzung angelegt: {}", "New session created: {}"),
            BoardAdded => ("Neue Wand angelegt", "Board added"),
            BoardDeleted => (
                "Wand gelöscht (u macht es rückgängig)",
                "Board deleted (u undoes)",
            ),
            CardMovedToBoard => ("Karte verschoben auf Wand: {}", "Card moved to board: {}"),
            NoOtherBoard => (
                "Keine Wand in dieser Richtung",
                "No board in that direction",
            ),
            PhotoMissing => (
                "Diese Wand hat keine Fotoreferenz: b setzt eine",
                "This board has no photo reference: b sets one",
            ),
            PhotoOpening => ("Öffne Foto: {}", "Opening photo: {}"),
            PhotoNotFound => ("Foto nicht gefunden: {}", "Photo not found: {}"),
            PhotoViewerFailed => (
                "Bildbetrachter konnte nicht gestartet werden: {}",
                "Could not start the image viewer: {}",
            ),
            QuitUnsaved => (
                "Nicht gespeichert! q noch einmal beendet ohne zu speichern",
                "Not saved! Press q again to quit without saving",
            ),
            NoSessionSelected => ("Keine Sitzung ausgewählt", "No session selected"),
            EditFailed => ("Änderung nicht möglich: {}", "Change not possible: {}"),
            ModeStart => ("START", "START"),
            ModeBoard => ("WAND", "BOARD"),
            ModeEntry => ("ERFASSEN", "ENTRY"),
            ModeEdit => ("BEARBEITEN", "EDIT"),
            ModeForm => ("DIALOG", "DIALOG"),
            ModeHelp => ("HILFE", "HELP"),
            StateSaved => ("gespeichert", "saved"),
            StateUnsaved => ("ungespeichert", "unsaved"),
            StateReadOnly => ("nur lesend", "read-only"),
            Board => ("Wand", "Board"),
            Column => ("Spalte", "Column"),
            Card => ("Karte", "Card"),
            Cards => ("Karten", "Cards"),
            Boards => ("Wände", "Boards"),
            Sessions => ("Sitzungen", "Sessions"),
            Photo => ("Foto", "Photo"),
            NoPhoto => ("kein Foto (b setzt eins)", "no photo (b sets one)"),
            NoBoards => (
                "Diese Sitzung hat keine Wand. B legt eine an.",
                "This session has no board. B adds one.",
            ),
            EmptyColumn => ("(leer – Taste a)", "(empty – press a)"),
            NewCardTitle => ("Neue Karte", "New card"),
            EditCardTitle => ("Karte bearbeiten", "Edit card"),
            EntryHint => (
                "Enter nächste Karte · Tab nächste Spalte · Alt-Enter Unterpunkt · Esc fertig",
                "Enter next card · Tab next column · Alt-Enter sub-point · Esc done",
            ),
            BoardHints => (
                "a erfassen · e bearbeiten · d löschen · u rückgängig · ]/[ Wand · ? Hilfe · q beenden",
                "a add · e edit · d delete · u undo · ]/[ board · ? help · q quit",
            ),
            StartTitle => ("Sitzungen in {}", "Sessions in {}"),
            StartEmpty => (
                "Noch keine Sitzung in diesem Ordner. n legt eine neue an.",
                "No session in this folder yet. n creates one.",
            ),
            StartNoFolder => (
                "Den Ordner {} gibt es noch nicht. n legt eine neue Sitzung (und den Ordner) an.",
                "The folder {} does not exist yet. n creates a new session (and the folder).",
            ),
            StartHints => (
                "Enter öffnen · n neue Sitzung · r neu einlesen · ? Hilfe · q beenden",
                "Enter open · n new session · r reload · ? help · q quit",
            ),
            HeadDate => ("Datum", "Date"),
            HeadTitle => ("Titel", "Title"),
            TooSmall => ("Das Terminal ist zu klein.", "The terminal is too small."),
            TooSmallNeed => (
                "Nötig: {}×{} Zeichen, jetzt: {}×{}. Bitte das Fenster vergrößern.",
                "Needed: {}×{} characters, now: {}×{}. Please enlarge the window.",
            ),
            HelpTitle => ("Tasten", "Keys"),
            HelpHint => (
                "↑/↓ blättern · Esc oder ? schließt",
                "↑/↓ scroll · Esc or ? closes",
            ),
            MoreColumns => ("Spalten {}–{} von {}", "columns {}–{} of {}"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = self.pair();
        lang.pick(de, en)
    }

    /// The text with each `{}` replaced by the next argument.
    pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.text(lang).split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some()
                && let Some(a) = args.next()
            {
                out.push_str(&a.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_order() {
        let s = Msg::TooSmallNeed.fill(Lang::En, &[&60, &15, &40, &10]);
        assert_eq!(
            s,
            "Needed: 60×15 characters, now: 40×10. Please enlarge the window."
        );
        assert!(Msg::Saved.fill(Lang::De, &[&"a.ron"]).ends_with("a.ron"));
    }
}
