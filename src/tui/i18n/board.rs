//! The board view: columns and cards, moving them, boards, and deleting a board.

use crate::i18n::text::texts;

texts! {
    CtxBoard = ("Wand-Ansicht", "Board view"),
    ModeBoard = ("WAND", "BOARD"),
    KeyCardUp = ("Karte darüber", "card above"),
    KeyCardDown = ("Karte darunter", "card below"),
    KeyColumnLeft = ("Spalte links", "column to the left"),
    KeyColumnRight = ("Spalte rechts", "column to the right"),
    KeyNextBoard = ("nächste Wand", "next board"),
    KeyPrevBoard = ("vorherige Wand", "previous board"),
    KeySessions = (
        "zur Sitzungsliste (speichert)",
        "to the session list (saves)",
    ),
    KeyDismiss = ("Meldung ausblenden", "dismiss the message"),
    KeyAddCard = (
        "Karte am Ende der Spalte erfassen (Schnellerfassung)",
        "add a card at the end of the column (rapid entry)",
    ),
    KeyInsertBelow = (
        "Karte unter der gewählten einfügen",
        "insert a card below the selected one",
    ),
    KeyEditCard = ("Karte bearbeiten", "edit card"),
    KeySubPoint = ("Unterpunkt (↳) anfügen", "add a sub-point (↳)"),
    KeyDelete = ("Karte löschen", "delete card"),
    KeyMoveUp = ("Karte nach oben schieben", "move card up"),
    KeyMoveDown = ("Karte nach unten schieben", "move card down"),
    KeyMoveLeft = (
        "Karte in die Spalte links schieben",
        "move card to the column on the left",
    ),
    KeyMoveRight = (
        "Karte in die Spalte rechts schieben",
        "move card to the column on the right",
    ),
    KeyMoveNextBoard = (
        "Karte auf die nächste Wand schieben",
        "move card to the next board",
    ),
    KeyMovePrevBoard = (
        "Karte auf die vorherige Wand schieben",
        "move card to the previous board",
    ),
    KeyUncertain = (
        "Markierung „unsicher gelesen“ [?] an/aus",
        "toggle 'uncertain reading' [?]",
    ),
    KeyStruck = (
        "Markierung „durchgestrichen“ [~] an/aus",
        "toggle 'struck out' [~]",
    ),
    KeyEmphasis = (
        "Markierung „hervorgehoben“ [!] an/aus",
        "toggle 'emphasis' [!]",
    ),
    KeyNewBoard = (
        "neue Wand (beliebige Vorlage) anlegen",
        "add a board (any template)",
    ),
    KeyEditBoard = (
        "Wandtitel und Fotoreferenz bearbeiten",
        "edit board title and photo reference",
    ),
    KeyDeleteBoard = ("Wand löschen", "delete board"),
    KeyEditSession = (
        "Sitzungsdaten (Titel, Datum, Ort, Veranstalter, Moderation)",
        "session data (title, date, place, organiser, moderation)",
    ),
    KeySearch = ("alle Karten durchsuchen", "search all cards"),
    KeyTagPicker = (
        "Handlungsfeld wählen oder neu anlegen (auch für Spalte/Wand)",
        "tag picker, also creates tags (card, column or board)",
    ),
    KeyCluster = (
        "Cluster prüfen: Vorschläge zu Themen bestätigen",
        "cluster review: confirm suggestions as themes",
    ),
    KeyExport = (
        "exportieren: Konzept, Protokoll oder CSV, mit Vorschau",
        "export: concept, protocol or CSV, with a preview",
    ),
    KeyTags = ("Handlungsfeld 1–9 an/aus", "toggle tag 1–9"),
    KeyCopy = (
        "Karte als Markdown in die Zwischenablage kopieren",
        "copy the card as Markdown to the clipboard",
    ),
    KeyCopyBoard = (
        "ganze Wand als Markdown kopieren",
        "copy the whole board as Markdown",
    ),
    KeyCopyTheme = (
        "Thema mit seinen Karten als Markdown kopieren",
        "copy the theme with its cards as Markdown",
    ),
    Board = ("Wand", "Board"),
    Column = ("Spalte", "Column"),
    Card = ("Karte", "Card"),
    Theme = ("Thema", "Theme"),
    Cards = ("Karten", "Cards"),
    Boards = ("Wände", "Boards"),
    NoBoards = (
        "Diese Sitzung hat keine Wand. B legt eine an.",
        "This session has no board. B adds one.",
    ),
    EmptyColumn = ("(leer – Taste a)", "(empty – press a)"),
    BoardHints = (
        "a erfassen · e bearbeiten · d löschen · u rückgängig · ]/[ Wand · ? Hilfe · q beenden",
        "a add · e edit · d delete · u undo · ]/[ board · ? help · q quit",
    ),
    MoreColumns = ("Spalten {first}–{last} von {total}", "columns {first}–{last} of {total}"),
    CardDeleted = (
        "Karte gelöscht (u macht es rückgängig)",
        "Card deleted (u undoes)",
    ),
    NoCard = ("Keine Karte ausgewählt", "No card selected"),
    NoBoard = (
        "Keine Wand vorhanden: B legt eine an",
        "No board: B adds one",
    ),
    BoardAdded = ("Neue Wand angelegt", "Board added"),
    BoardDeleted = (
        "Wand gelöscht (u macht es rückgängig)",
        "Board deleted (u undoes)",
    ),
    CardMovedToBoard = ("Karte verschoben auf Wand: {board}", "Card moved to board: {board}"),
    NoOtherBoard = (
        "Keine Wand in dieser Richtung",
        "No board in that direction",
    ),
    AskDeleteBoard = (
        "Die Wand „{board}“ mit {cards} löschen?",
        "Delete the board “{board}” with its {cards}?",
    ),
    ConfirmHint = (
        "j/Enter: ja, löschen · n/Esc: nein (u macht es später rückgängig)",
        "y/Enter: yes, delete · n/Esc: no (u undoes it later)",
    ),
    KeyConfirmYes = ("ja", "yes"),
    KeyConfirmNo = ("nein", "no"),
    CardsPasted = (
        "{n} Karten eingefügt (u macht es rückgängig)",
        "{n} cards pasted (u undoes)",
    ),
}
