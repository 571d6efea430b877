//! Why the clustering put a card with the others.

use crate::core::cluster::label::Reason;
use crate::core::error::Lang;

impl Reason {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Reason::SharedStems { word, stems } => format!(
                "„{word}“ ({} {})",
                lang.pick("gemeinsamer Wortstamm", "shared stem"),
                stems.join(", ")
            ),
            Reason::Synonym { word, group } => format!(
                "„{word}“ ({} {group})",
                lang.pick("Synonymgruppe", "synonym group")
            ),
            Reason::Spelling { word, read_as } => format!(
                "„{word}“ ({} „{read_as}“)",
                lang.pick("gelesen als", "read as")
            ),
            Reason::Learned { word, theme } => format!(
                "„{word}“ ({} „{theme}“)",
                lang.pick("gelernt aus dem Thema", "learned from the theme")
            ),
            Reason::Related { word, like } => format!(
                "„{word}“ ({} „{like}“)",
                lang.pick("sinnverwandt mit", "related to")
            ),
        }
    }
}

/// All reasons of a card in one line.
pub fn describe_all(reasons: &[Reason], lang: Lang) -> String {
    reasons
        .iter()
        .map(|r| r.describe(lang))
        .collect::<Vec<_>>()
        .join("; ")
}
