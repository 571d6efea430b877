//! A measure (Maßnahme) of the concept: what is to be done, who is
//! responsible, and how far it has got.

use serde::{Deserialize, Serialize};

/// How far a measure has got. Written into the file in German.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    #[serde(rename = "geplant")]
    Planned,
    #[serde(rename = "in_umsetzung")]
    InProgress,
    #[serde(rename = "umgesetzt")]
    Done,
    #[serde(rename = "zurueckgestellt")]
    Deferred,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::Deferred,
    ];

    /// The next one in the order above, after the last the first.
    pub fn next(self) -> Status {
        let i = Status::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Status::ALL[(i + 1) % Status::ALL.len()]
    }
}

/// A change of status on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatusChange {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub status: Status,
}

/// One measure of the Maßnahmenkatalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub title: String,
    /// Key of its Handlungsfeld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Who takes responsibility ("Wer hat den Hut auf").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub actor: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    pub status: Status,
    /// Every status with the day it was set, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// What is measured to see progress, and the value aimed at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Ids of the cards it was made from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<String>,
}

impl Measure {
    /// The day the present status was set, when known.
    pub fn since(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find(|c| c.status == self.status)
            .map(|c| c.date.as_str())
            .filter(|d| !d.is_empty())
    }

    /// The measure with a new status set on `date`; the same measure when the
    /// status does not change.
    pub fn with_status(&self, status: Status, date: &str) -> Measure {
        let mut m = self.clone();
        if m.status != status {
            m.status = status;
            m.history.push(StatusChange {
                date: date.to_string(),
                status,
            });
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_change_is_dated_and_kept() {
        let m = Measure {
            id: "m1".into(),
            title: "Sprachcafé".into(),
            history: vec![StatusChange {
                date: "2019-02-13".into(),
                status: Status::Planned,
            }],
            ..Measure::default()
        };
        assert_eq!(m.since(), Some("2019-02-13"));
        let m2 = m.with_status(Status::InProgress, "2019-05-02");
        assert_eq!(m2.status, Status::InProgress);
        assert_eq!(m2.since(), Some("2019-05-02"));
        assert_eq!(m2.history.len(), 2);
        assert_eq!(m2.with_status(Status::InProgress, "2019-06-01"), m2);
        assert_eq!(Status::Deferred.next(), Status::Planned);
    }

    #[test]
    fn a_measure_reads_and_writes_with_german_status_words() {
        let m = Measure {
            id: "m1".into(),
            title: "Sprachcafé".into(),
            status: Status::InProgress,
            ..Measure::default()
        };
        let text = ron::to_string(&m).unwrap();
        assert!(text.contains("status:in_umsetzung"), "{text}");
        assert!(!text.contains("actor"), "empty fields are left out: {text}");
        let back: Measure = ron::from_str(&text).unwrap();
        assert_eq!(back, m);
        let old: Measure = ron::from_str("(id: \"m2\", title: \"x\")").unwrap();
        assert_eq!(old.status, Status::Planned);
    }
}
