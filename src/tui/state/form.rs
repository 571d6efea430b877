//! The form the shell shows: a small dialog of labelled fields.

use super::super::editor::Editor;
use super::super::i18n::Msg;

/// What a form does when confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewSession,
    NewBoard,
    BoardInfo {
        board: String,
    },
    SessionInfo,
    Export,
    /// A measure's fields; back to the list at `selected` afterwards.
    Measure {
        id: String,
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text(Editor),
    /// A choice among keys, shown by their labels.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: Msg,
    pub kind: FieldKind,
}

impl Field {
    pub fn text(label: Msg, value: &str) -> Self {
        Field {
            label,
            kind: FieldKind::Text(Editor::new(value)),
        }
    }

    /// The value typed or the key chosen.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text(e) => e.text().trim().to_string(),
            FieldKind::Choice { options, index } => options
                .get(*index)
                .map(|(k, _)| k.clone())
                .unwrap_or_default(),
        }
    }
}

/// A small dialog of labelled fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub purpose: FormPurpose,
    pub title: Msg,
    pub fields: Vec<Field>,
    pub focus: usize,
}
