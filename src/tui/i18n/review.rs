//! The cluster review: suggested and confirmed themes, and what each key did.

use crate::i18n::text::texts;

texts! {
    CtxReview = ("Cluster prüfen", "Cluster review"),
    ModeReview = ("CLUSTER", "CLUSTER"),
    KeyReviewGroups = (
        "zur Liste der Vorschläge und Themen",
        "to the list of suggestions and themes",
    ),
    KeyReviewCards = (
        "zu den Karten des gewählten Clusters",
        "to the cards of the selected cluster",
    ),
    KeyReviewPane = (
        "zwischen Liste und Karten wechseln",
        "switch between list and cards",
    ),
    KeyAccept = (
        "Vorschlag als Thema bestätigen (bei Themen: neue Karten aufnehmen)",
        "confirm the suggestion as a theme (themes: take in the new cards)",
    ),
    KeyReject = (
        "Vorschlag verwerfen (bei Themen: neue Karten ablehnen)",
        "reject the suggestion (themes: reject the new cards)",
    ),
    KeyRemoveCard = (
        "Karte herausnehmen (ein Vorschlag wird dabei bestätigt)",
        "take the card out (confirms a suggestion)",
    ),
    KeyMoveCardTo = (
        "Karte in ein anderes Cluster/Thema verschieben",
        "move the card to another cluster/theme",
    ),
    KeyMerge = (
        "mit einem anderen Cluster/Thema zusammenführen",
        "merge with another cluster/theme",
    ),
    KeyRename = ("umbenennen", "rename"),
    KeyThemeTag = ("Handlungsfeld zuordnen", "assign a tag (Handlungsfeld)"),
    KeyDeleteTheme = (
        "Thema auflösen (Karten werden wieder frei)",
        "dissolve the theme (its cards become free)",
    ),
    KeyThresholdUp = (
        "Schwelle höher: strengere, kleinere Cluster",
        "higher threshold: stricter, smaller clusters",
    ),
    KeyThresholdDown = (
        "Schwelle niedriger: größere Cluster",
        "lower threshold: bigger clusters",
    ),
    KeyClusterScope = (
        "Spalten: jede für sich / eine Spalte / alle zusammen",
        "columns: each on its own / one column / all together",
    ),
    KeyGoToCard = ("Karte auf ihrer Wand zeigen", "show the card on its board"),
    KeyReviewClose = ("zurück zur Wand", "back to the board"),
    ReviewTitle = ("Cluster prüfen", "Cluster review"),
    ScopeEach = ("jede Spalte für sich", "each column on its own"),
    ScopeOnly = ("nur Spalte „{column}“", "only column “{column}”"),
    ScopeTogether = ("alle Spalten zusammen", "all columns together"),
    ReviewSettings = (
        "Spalten: {columns} (s) · Schwelle {threshold} (+/−)",
        "Columns: {columns} (s) · threshold {threshold} (+/−)",
    ),
    ReviewCounts = (
        "Vorschläge: {suggestions} · Themen: {themes} · Einzelkarten: {single}",
        "suggestions: {suggestions} · themes: {themes} · single cards: {single}",
    ),
    ReviewSuggestions = ("Vorschläge (größte zuerst)", "Suggestions (biggest first)"),
    ReviewThemes = ("Bestätigte Themen", "Confirmed themes"),
    ReviewNone = (
        "Keine Vorschläge: Schwelle mit − senken oder Spalten mit s wählen.",
        "No suggestions: lower the threshold with − or choose columns with s.",
    ),
    ReviewNoThemes = ("(noch keine)", "(none yet)"),
    ReviewNew = ("neu", "new"),
    ReviewWhy = ("warum", "why"),
    ReviewHints = (
        "a bestätigen · r verwerfen · d Karte raus · m verschieben · M zusammenführen · n umbenennen · t Handlungsfeld · u rückgängig · Esc zurück",
        "a accept · r reject · d take out · m move · M merge · n rename · t tag · u undo · Esc back",
    ),
    ReviewRename = (
        "Neuer Name (Enter übernimmt, Esc bricht ab)",
        "New name (Enter keeps, Esc cancels)",
    ),
    ThemeConfirmed = ("Thema", "theme"),
    ThemeSuggestion = ("Vorschlag", "suggestion"),
    /// A theme's Handlungsfeld taken from its cards' tags.
    TagFromCards = ("nach den Karten", "from the cards"),
    /// How many cards of a theme carry a tag (picker hint).
    TagOnCards = ("an {n} Karte(n)", "on {n} card(s)"),
    /// The cards of a theme name several Handlungsfelder.
    TagDisputed = (
        "Handlungsfeld offen, t wählt",
        "field of action open, t picks",
    ),
    ThresholdNow = ("Schwelle {threshold}", "Threshold {threshold}"),
    NoTheme = ("Kein Thema ausgewählt", "No theme selected"),
    NoOtherTheme = (
        "Kein anderes Cluster oder Thema",
        "No other cluster or theme",
    ),
    NoThemeSelected = ("Kein Cluster ausgewählt", "No cluster selected"),
    AlreadyConfirmed = ("Schon bestätigt", "Already confirmed"),
    ThemeAccepted = (
        "Thema „{theme}“ bestätigt ({n} Karten)",
        "Theme “{theme}” confirmed ({n} cards)",
    ),
    SuggestionDismissed = (
        "Vorschlag „{theme}“ verworfen: diese Karten werden nicht wieder zusammen vorgeschlagen (u nimmt es zurück)",
        "Suggestion “{theme}” refused: these cards are not suggested together again (u takes it back)",
    ),
    CardAdded = (
        "„{card}“ ist jetzt im Thema „{theme}“",
        "“{card}” is now in the theme “{theme}”",
    ),
    CardRefused = (
        "„{card}“ wird nicht wieder für „{theme}“ vorgeschlagen (u nimmt es zurück)",
        "“{card}” is not suggested for “{theme}” again (u takes it back)",
    ),
    ThemeAddition = ("Karte ins Thema?", "card into the theme?"),
    NothingToReject = ("Keine neuen Karten zum Ablehnen", "No new cards to reject"),
    NewCardsRejected = (
        "{n} neue Karte(n) für „{theme}“ abgelehnt: nie wieder vorgeschlagen",
        "{n} new card(s) rejected for “{theme}”: never suggested again",
    ),
    CardRemoved = (
        "„{card}“ aus „{theme}“ herausgenommen: nie wieder vorgeschlagen",
        "“{card}” taken out of “{theme}”: never suggested again",
    ),
    CardRemovedConfirmed = (
        "„{card}“ herausgenommen, „{theme}“ als Thema bestätigt",
        "“{card}” taken out, “{theme}” confirmed as a theme",
    ),
    DeleteOnlyThemes = (
        "Nur bestätigte Themen lassen sich auflösen (r verwirft einen Vorschlag)",
        "Only confirmed themes can be dissolved (r rejects a suggestion)",
    ),
    ThemeDeleted = (
        "Thema „{theme}“ aufgelöst (u macht es rückgängig)",
        "Theme “{theme}” dissolved (u undoes)",
    ),
    ThemeRenamed = ("Umbenannt in „{theme}“", "Renamed to “{theme}”"),
    ThemeTagged = ("Handlungsfeld: {tag}", "Tag: {tag}"),
    CardMoved = ("„{card}“ verschoben nach „{theme}“", "“{card}” moved to “{theme}”"),
    ThemesMerged = ("„{theme}“ zusammengeführt", "“{theme}” merged"),
}
