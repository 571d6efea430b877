//! What a three-way merge tells the clerk.

use crate::core::error::Lang;
use crate::core::merge::Note;

impl Note {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::CardConflict { card, text }, Lang::De) => format!(
                "Karte „{card}“ ({text}) wurde auf beiden Seiten verschieden geändert: beide Fassungen sind auf der Karte, in stellwand eine wählen"
            ),
            (Note::CardConflict { card, text }, Lang::En) => format!(
                "card '{card}' ({text}) was changed differently on both sides: both versions are on the card, pick one in stellwand"
            ),
            (Note::FieldKept { path, ours, theirs }, Lang::De) => format!(
                "{path} wurde auf beiden Seiten verschieden geändert: {ours} behalten, die andere Seite hatte {theirs}"
            ),
            (Note::FieldKept { path, ours, theirs }, Lang::En) => format!(
                "{path} was changed differently on both sides: kept {ours}, the other side had {theirs}"
            ),
            (Note::KeptChanged { what }, Lang::De) => format!(
                "{what} wurde auf einer Seite gelöscht und auf der anderen geändert: behalten"
            ),
            (Note::KeptChanged { what }, Lang::En) => {
                format!("{what} was deleted on one side and changed on the other: kept")
            }
            (Note::Renamed { from, to }, Lang::De) => format!(
                "Kennung „{from}“ wurde auf beiden Seiten für Verschiedenes vergeben: die andere Seite hat jetzt „{to}“"
            ),
            (Note::Renamed { from, to }, Lang::En) => format!(
                "the id '{from}' was given to different things on both sides: the other side's is now '{to}'"
            ),
        }
    }
}
