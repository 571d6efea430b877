//! Small sessions and edits shared by the core's unit tests.

use super::edit::Edit;
use super::model::{Board, Card, Column, Session};

/// A session with one district board whose only column is `needs`.
pub fn one_column_session() -> Session {
    let mut s = Session::default();
    s.boards.push(Board {
        id: "b1".into(),
        template: "district-exchange".into(),
        columns: vec![Column {
            key: "needs".into(),
            ..Column::default()
        }],
        ..Board::default()
    });
    s
}

/// An edit adding a card with a fresh id at the end of `needs`.
pub fn add_card(s: &mut Session, text: &str) -> Edit {
    Edit::InsertCard {
        board: "b1".into(),
        column: "needs".into(),
        index: usize::MAX,
        card: Card::new(s.fresh_id("k"), text),
    }
}
