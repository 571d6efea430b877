//! Searching the cards of a session.

use crate::i18n::text::texts;

texts! {
    CtxSearch = ("Suche", "Search"),
    ModeSearch = ("SUCHE", "SEARCH"),
    KeySearchJump = ("zur Karte auf ihrer Wand springen", "jump to the card on its board"),
    KeySearchBack = ("zurück ohne zu springen", "back without jumping"),
    SearchTitle = ("Suche in „{session}“", "Search in “{session}”"),
    SearchEmpty = ("Tippen durchsucht alle Karten (Text und Unterpunkte), auch ungenau.", "Type to search all cards (text and sub-points), forgiving typos."),
    SearchNone = ("Keine Karte passt.", "No card matches."),
    SearchCount = ("{hits} Treffer von {cards} Karten", "{hits} hits of {cards} cards"),
    SearchMore = ("(die besten {n} gezeigt)", "(best {n} shown)"),
    SearchHint = ("tippen sucht · ↑/↓ wählen · Enter springt zur Karte · Esc zurück", "type to search · ↑/↓ choose · Enter jumps to the card · Esc back"),
}
