//! Tagging: the picker for Handlungsfelder and tag sets, and the board's filter.

use crate::i18n::text::texts;

texts! {
    CtxPicker = (
        "Auswahlliste (Handlungsfelder, Filter, Ziele)",
        "Picker (tags, filter, targets)",
    ),
    ModePicker = ("AUSWAHL", "PICK"),
    KeyTagFilter = (
        "Filter: nur Karten mit einem Handlungsfeld oder ohne",
        "filter: only cards with a tag, or untagged ones",
    ),
    KeyPickChoose = (
        "auswählen (Handlungsfeld an/aus, neues anlegen, Tag-Set übernehmen)",
        "choose (toggle tag, create it, use a tag set)",
    ),
    KeyPickScope = (
        "für Karte / ganze Spalte / ganze Wand",
        "for card / whole column / whole board",
    ),
    KeyPickUp = ("Eintrag darüber", "entry above"),
    KeyPickDown = ("Eintrag darunter", "entry below"),
    KeyPickCancel = ("schließen", "close"),
    ScopeCard = ("Karte", "card"),
    ScopeColumn = ("ganze Spalte", "whole column"),
    ScopeBoard = ("ganze Wand", "whole board"),
    ScopeFor = ("Für:", "For:"),
    ScopeSwitch = ("(Tab wechselt)", "(Tab switches)"),
    UseTagSet = ("Tag-Set übernehmen ({set})", "use this tag set ({set})"),
    NoTagChoice = ("(kein Handlungsfeld)", "(no tag)"),
    ChooseTagSet = (
        "Noch keine Handlungsfelder: ein Tag-Set wählen oder ein neues eintippen",
        "No tags yet: choose a tag set or type a new tag",
    ),
    FieldTagSet = ("Handlungsfelder", "Tags"),
    NoTagSet = (
        "(keine – später mit t wählen)",
        "(none – choose later with t)",
    ),
    TagSetAdded = (
        "Tag-Set „{set}“ übernommen: {n} Handlungsfelder (Tasten 1–9)",
        "Tag set “{set}” added: {n} tags (keys 1–9)",
    ),
    TagSet = ("„{tag}“ gesetzt: {n} Karte(n)", "“{tag}” set on {n} card(s)"),
    TagRemoved = ("„{tag}“ entfernt: {n} Karte(n)", "“{tag}” removed from {n} card(s)"),
    NoSuchTag = (
        "Kein Handlungsfeld {key} (die Sitzung hat {n}): t öffnet die Auswahl",
        "No tag {key} (the session has {n}): t opens the picker",
    ),
    TagOne = ("Handlungsfeld", "tag"),
    TagMany = ("Handlungsfelder", "tags"),
    FilterAll = ("alle Karten (Filter aus)", "all cards (filter off)"),
    FilterUntagged = ("ohne Handlungsfeld", "untagged"),
    FilterOn = ("Filter: {filter}", "Filter: {filter}"),
    FilterOff = ("Filter aus: alle Karten", "Filter off: all cards"),
    FilterEmpty = (
        "(keine Karte passt zum Filter)",
        "(no card matches the filter)",
    ),
    PickTagTitle = ("Handlungsfeld", "Tag"),
    PickFilterTitle = ("Filter", "Filter"),
    PickThemeTagTitle = ("Handlungsfeld des Themas", "Tag of the theme"),
    PickMoveTitle = ("Karte verschieben nach", "Move card to"),
    PickMergeTitle = ("Zusammenführen mit", "Merge with"),
    PickHint = (
        "tippen filtert · ↑/↓ · Enter wählt · Esc schließt",
        "type to narrow · ↑/↓ · Enter chooses · Esc closes",
    ),
    PickNothing = ("(nichts gefunden)", "(nothing found)"),
    NewTagChoice = ("neues Handlungsfeld „{tag}“ anlegen", "create tag “{tag}”"),
}
