//! Why the clustering put a card with the others.

use crate::core::cluster::label::Reason;
use crate::core::error::Lang;

impl Reason {
    pub fn describe(&self, lang: Lang) -> String {
        let (word, how, what) = match self {
            Reason::SharedStems { word, stems } => (
                word,
                lang.pick("gemeinsamer Wortstamm", "shared stem"),
                stems.join(", "),
            ),
            Reason::Synonym { word, group } => (
                word,
                lang.pick("Synonymgruppe", "synonym group"),
                group.to_string(),
            ),
            Reason::Spelling { word, read_as } => {
                (word, lang.pick("gelesen als", "read as"), quoted(read_as))
            }
            Reason::Learned { word, theme } => (
                word,
                lang.pick("gelernt aus dem Thema", "learned from the theme"),
                quoted(theme),
            ),
            Reason::Related { word, like } => (
                word,
                lang.pick("sinnverwandt mit", "related to"),
                quoted(like),
            ),
        };
        format!("„{word}“ ({how} {what})")
    }
}

fn quoted(text: &str) -> String {
    format!("„{text}“")
}

/// All reasons of a card in one line.
pub fn describe_all(reasons: &[Reason], lang: Lang) -> String {
    reasons
        .iter()
        .map(|r| r.describe(lang))
        .collect::<Vec<_>>()
        .join("; ")
}
