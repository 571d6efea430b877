//! `stellwand cluster`.

use crate::i18n::text::texts;

texts! {
    ClusterBadThreshold = ("--threshold erwartet eine Zahl von 0 bis 1, nicht {value}", "--threshold expects a number from 0 to 1, not {value}"),
    ClusterThesaurusSkipped = ("{error} (Thesaurus-Datei ausgelassen)", "{error} (thesaurus file left out)"),
    ClusterLearnedSkipped = ("{error} (gelernte Wörter ausgelassen)", "{error} (learned words left out)"),
    ClusterSummary = ("{cards} Karten in {clusters} Clustern ({several} mit mehreren Karten, Schwelle {threshold})", "{cards} cards in {clusters} clusters ({several} with several cards, threshold {threshold})"),
    ClusterOneCard = ("{n} Karte", "{n} card"),
    ClusterCards = ("{n} Karten", "{n} cards"),
    ClusterConfirmed = (" [bestätigtes Thema {theme}]", " [confirmed theme {theme}]"),
    ClusterNewlySuggested = (" (neu vorgeschlagen)", " (newly suggested)"),
    ClusterBecause = ("weil: {reasons}", "because: {reasons}"),
}
