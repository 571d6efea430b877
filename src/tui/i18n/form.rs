//! Dialogs: new session, session and board details; their fields and keys.

use crate::i18n::text::texts;

texts! {
    CtxForm = ("Dialoge", "Dialogs"),
    ModeForm = ("DIALOG", "DIALOG"),
    KeyFormCommit = ("bestätigen", "confirm"),
    KeyFormNext = ("nächstes Feld", "next field"),
    KeyFormPrev = ("vorheriges Feld", "previous field"),
    KeyFormLeft = ("Cursor links / vorherige Auswahl", "cursor left / previous choice"),
    KeyFormRight = ("Cursor rechts / nächste Auswahl", "cursor right / next choice"),
    KeyFormCancel = ("abbrechen", "cancel"),
    FormHint = ("Enter OK · Tab/↓ nächstes Feld · ←/→ Auswahl · Esc abbrechen", "Enter OK · Tab/↓ next field · ←/→ choose · Esc cancel"),
    FormNewSession = ("Neue Sitzung", "New session"),
    FormSessionInfo = ("Sitzungsdaten", "Session data"),
    FormNewBoard = ("Neue Wand", "New board"),
    FormBoardInfo = ("Wand", "Board"),
    FieldTemplate = ("Vorlage", "Template"),
    FieldTitle = ("Titel", "Title"),
    FieldDate = ("Datum (JJJJ-MM-TT)", "Date (YYYY-MM-DD)"),
    FieldPlace = ("Ort", "Place"),
    FieldOrganiser = ("Veranstalter", "Organiser"),
    FieldModeration = ("Moderation", "Moderation"),
    FieldBoardTitle = ("Titel der Wand", "Board title"),
    FieldPhotos = ("Fotos (durch Komma getrennt)", "Photos (comma separated)"),
    TitleMissing = ("Bitte einen Titel eingeben", "Please enter a title"),
    Yes = ("ja", "yes"),
    No = ("nein", "no"),
}
