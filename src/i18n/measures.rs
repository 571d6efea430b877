//! Measures: the names of their status, and why a measure could not be made.

use crate::core::error::Lang;
use crate::core::measures::MeasureError;
use crate::core::model::Status;

impl Status {
    /// As the concept and the monitoring name it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Planned, Lang::De) => "geplant",
            (Status::InProgress, Lang::De) => "in Umsetzung",
            (Status::Done, Lang::De) => "umgesetzt",
            (Status::Deferred, Lang::De) => "zurückgestellt",
            (Status::Planned, Lang::En) => "planned",
            (Status::InProgress, Lang::En) => "in progress",
            (Status::Done, Lang::En) => "done",
            (Status::Deferred, Lang::En) => "deferred",
        }
    }
}

impl MeasureError {
    pub fn message(&self, lang: Lang) -> String {
        use Lang::*;
        match (self, lang) {
            (MeasureError::NoBoard(b), De) => format!("keine Wand {b}"),
            (MeasureError::NoBoard(b), En) => format!("no board {b}"),
            (MeasureError::NotASheet(t), De) => format!(
                "„{t}“ ist kein Blatt einer Gesprächsgruppe; eine Karte aus „Lösungsideen“ oder „nächste Schritte“ wählen"
            ),
            (MeasureError::NotASheet(t), En) => format!(
                "'{t}' is not a working-group sheet; choose a card of 'ideas' or 'next steps'"
            ),
            (MeasureError::NoCard(c), De) => format!("keine Karte {c}"),
            (MeasureError::NoCard(c), En) => format!("no card {c}"),
            (MeasureError::NotAnIdea(t), De) => {
                format!("„{t}“ steht nicht unter Lösungsideen oder nächsten Schritten")
            }
            (MeasureError::NotAnIdea(t), En) => {
                format!("'{t}' is not under ideas or next steps")
            }
        }
    }
}
