//! The card editor: rapid entry and editing, text keys, marks and card fields.

use crate::i18n::text::texts;

texts! {
    CtxEntry = (
        "Karteneditor (Schnellerfassung und Bearbeiten)",
        "Card editor (rapid entry and editing)",
    ),
    ModeEntry = ("ERFASSEN", "ENTRY"),
    ModeEdit = ("BEARBEITEN", "EDIT"),
    KeyEntrySave = ("Karte übernehmen und speichern", "commit the card and save"),
    KeyEntryCommit = (
        "Karte übernehmen, nächste Karte in derselben Spalte",
        "commit card, next card in the same column",
    ),
    KeyEntryNext = (
        "Karte übernehmen, weiter in der nächsten Spalte",
        "commit card, go on in the next column",
    ),
    KeyEntryPrev = (
        "Karte übernehmen, weiter in der vorherigen Spalte",
        "commit card, go on in the previous column",
    ),
    KeyEntryLeave = (
        "Erfassung beenden (Getipptes bleibt erhalten)",
        "leave entry (what was typed is kept)",
    ),
    KeyEntrySubPoint = ("neue Zeile als Unterpunkt (↳)", "new sub-point line (↳)"),
    KeyEntryUncertain = (
        "unsicher gelesen an/aus (wie [?])",
        "uncertain reading on/off (like [?])",
    ),
    KeyEntryStruck = (
        "durchgestrichen an/aus (wie ~~…~~)",
        "struck out on/off (like ~~…~~)",
    ),
    KeyEntryEmphasis = ("betont an/aus (wie !!!)", "emphasis on/off (like !!!)"),
    KeyTextLeft = ("Cursor nach links", "cursor left"),
    KeyTextRight = ("Cursor nach rechts", "cursor right"),
    KeyTextUp = ("Zeile darüber", "line above"),
    KeyTextDown = ("Zeile darunter", "line below"),
    KeyTextHome = ("Zeilenanfang", "start of line"),
    KeyTextEnd = ("Zeilenende", "end of line"),
    KeyTextBackspace = ("Zeichen vor dem Cursor löschen", "delete before cursor"),
    KeyTextDelete = ("Zeichen am Cursor löschen", "delete at cursor"),
    KeyTextWord = ("Wort löschen", "delete word"),
    KeyTextClear = ("bis Zeilenanfang löschen", "delete to start of line"),
    NewCardTitle = ("Neue Karte", "New card"),
    EditCardTitle = ("Karte bearbeiten", "Edit card"),
    EntryHint = (
        "Enter nächste Karte · Tab weiter · Alt-Enter Unterpunkt · ↓ Felder · Alt-u/d/b ? ~ ! · Esc fertig",
        "Enter next card · Tab on · Alt-Enter sub-point · ↓ fields · Alt-u/d/b ? ~ ! · Esc done",
    ),
    FieldPerson = ("Initiator*in", "Initiator"),
    FieldNumber = ("Nr.", "No."),
    FieldVotes = ("Punkte", "Votes"),
    FieldInterested = ("Interessent*innen", "Interested"),
    FlagUncertain = ("unsicher", "uncertain"),
    FlagStruck = ("gestrichen", "struck"),
    FlagEmphasis = ("betont", "emphasis"),
    VotesNotNumber = (
        "Punkte bitte als Zahl (oder leer lassen)",
        "Votes as a number please (or leave empty)",
    ),
    NumberNotNumber = (
        "Nr. bitte als Zahlen, durch Komma getrennt (oder leer lassen)",
        "No. as numbers separated by commas please (or leave empty)",
    ),
    SheetAdded = (
        "Neues Blatt angelegt (u macht es rückgängig)",
        "New sheet added (u undoes)",
    ),
    KeyPickColumn = (
        "zu einer Spalte: g und ihre Nummer (oder tippen)",
        "go to a column: g and its number (or type)",
    ),
    PickColumnTitle = (
        "Zu Spalte (Nummer oder Name)",
        "Go to column (number or name)",
    ),
}
