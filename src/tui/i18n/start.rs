//! The start screen: the list of sessions, new sessions, repair and save conflicts.

use crate::i18n::text::texts;

texts! {
    CtxStart = ("Startbildschirm (Sitzungen)", "Start screen (sessions)"),
    ModeStart = ("START", "START"),
    KeyUp = ("vorherige Sitzung", "previous session"),
    KeyDown = ("nächste Sitzung", "next session"),
    KeyOpen = ("Sitzung öffnen", "open session"),
    KeyNewSession = ("neue Sitzung aus einer Vorlage", "new session from a template"),
    KeyReload = ("Liste neu einlesen", "reload the list"),
    KeyRepair = ("doppelte Kennungen der gewählten Sitzung reparieren", "repair the duplicate ids of the selected session"),
    KeyTakeVersion = ("Karte mit zwei Fassungen: die andere übernehmen", "card with two versions: take the other one"),
    KeyKeepVersion = ("Karte mit zwei Fassungen: die gezeigte behalten", "card with two versions: keep the one shown"),
    RepairHint = ("R: doppelte Kennungen reparieren (vorher Sicherung, keine Karte geht verloren)", "R: repair the duplicate ids (a backup first, no card is lost)"),
    NothingToRepair = ("Hier gibt es keine doppelten Kennungen zu reparieren", "There are no duplicate ids to repair here"),
    ConflictOther = ("⚠ andere Fassung (v übernehmen, V diese behalten): ", "⚠ other version (v take it, V keep this one): "),
    ConflictResolved = ("Fassung gewählt", "Version chosen"),
    NoConflict = ("Diese Karte hat nur eine Fassung", "This card has only one version"),
    StartTitle = ("Sitzungen in {dir}", "Sessions in {dir}"),
    StartEmpty = ("Noch keine Sitzung in diesem Ordner. n legt eine neue an.", "No session in this folder yet. n creates one."),
    StartNoFolder = ("Den Ordner {dir} gibt es noch nicht. n legt eine neue Sitzung (und den Ordner) an.", "The folder {dir} does not exist yet. n creates a new session (and the folder)."),
    StartHints = ("Enter öffnen · n neue Sitzung · r neu einlesen · R reparieren · ? Hilfe · q beenden", "Enter open · n new session · r reload · R repair · ? help · q quit"),
    HeadDate = ("Datum", "Date"),
    HeadTitle = ("Titel", "Title"),
    Sessions = ("Sitzungen", "Sessions"),
    NoSessionSelected = ("Keine Sitzung ausgewählt", "No session selected"),
    SessionCreated = ("Neue Sitzung angelegt: {file}", "New session created: {file}"),
}
