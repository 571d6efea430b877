//! `stellwand check`.

use crate::i18n::text::texts;

texts! {
    CheckConflictNote = ("Hinweis: Karte „{card}“ auf „{board}“ hat {n} Fassungen aus einem Zusammenführen; in stellwand mit „v“ eine wählen", "note: card '{card}' on '{board}' has {n} versions from a merge; pick one in stellwand with 'v'"),
}
