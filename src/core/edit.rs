//! Every change to a session is an [`Edit`]; applying one returns its inverse,
//! which makes undo, redo and the journal one mechanism.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::model::{Board, Card, CardPos, Measure, PhotoView, Refusal, Session, Tag, Theme};

/// A change to a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Inserts a card into a column at an index (clamped to the column's length).
    InsertCard {
        board: String,
        column: String,
        index: usize,
        card: Card,
    },
    RemoveCard {
        card: String,
    },
    /// Replaces a card's content; the card keeps its place and id.
    ReplaceCard {
        card: Card,
    },
    MoveCard {
        card: String,
        board: String,
        column: String,
        index: usize,
    },
    InsertBoard {
        index: usize,
        board: Board,
    },
    RemoveBoard {
        board: String,
    },
    /// Sets a board's title and photo references.
    SetBoardInfo {
        board: String,
        title: String,
        photos: Vec<String>,
    },
    /// Sets which part of which photo the photo pane shows for a board.
    SetPhotoView {
        board: String,
        view: PhotoView,
    },
    /// Sets the event data of the session.
    SetSessionInfo(SessionInfo),
    SetTags {
        tag_sets: Vec<String>,
        tags: Vec<Tag>,
    },
    SetThemes(Vec<Theme>),
    /// Adds a measure at an index of the catalogue (clamped).
    InsertMeasure {
        index: usize,
        measure: Measure,
    },
    RemoveMeasure {
        measure: String,
    },
    /// Replaces a measure's content (a status change too); it keeps its place
    /// and id.
    ReplaceMeasure {
        measure: Measure,
    },
    /// Sets the suggestions the clerk refused.
    SetRefused(Vec<Refusal>),
    /// Several edits that undo as one step.
    Batch(Vec<Edit>),
}

/// The event data of a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub title: String,
    pub date: String,
    pub place: String,
    pub organiser: String,
    pub moderation: String,
    pub notes: String,
}

impl SessionInfo {
    pub fn of(s: &Session) -> Self {
        SessionInfo {
            title: s.title.clone(),
            date: s.date.clone(),
            place: s.place.clone(),
            organiser: s.organiser.clone(),
            moderation: s.moderation.clone(),
            notes: s.notes.clone(),
        }
    }
}

impl Edit {
    /// Whether the edit only changes how something is shown (the part of a
    /// photo in view), so that losing it in a crash loses no work.
    pub fn is_view(&self) -> bool {
        matches!(self, Edit::SetPhotoView { .. })
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("no card with id {0}")]
    NoCard(String),
    #[error("no board with id {0}")]
    NoBoard(String),
    #[error("board {board} has no column {column}")]
    NoColumn { board: String, column: String },
    #[error("id {0} is already in use")]
    DuplicateId(String),
    #[error("no measure with id {0}")]
    NoMeasure(String),
}

impl Session {
    /// Applies an edit and returns the edit that undoes it. On error the
    /// session is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        // Decisions about themes, refusals, tag sets and measures leave the
        // cards as they are; a batch counts by its parts.
        if !matches!(
            edit,
            Edit::SetThemes(_)
                | Edit::SetRefused(_)
                | Edit::SetTags { .. }
                | Edit::InsertMeasure { .. }
                | Edit::RemoveMeasure { .. }
                | Edit::ReplaceMeasure { .. }
                | Edit::Batch(_)
        ) {
            self.index.touch();
        }
        match edit {
            Edit::InsertCard {
                board,
                column,
                index,
                card,
            } => {
                if self.find_card(&card.id).is_some() {
                    return Err(EditError::DuplicateId(card.id));
                }
                let id = card.id.clone();
                let (b, c) = self.column_at(&board, &column)?;
                let cards = &mut self.boards[b].columns[c].cards;
                let index = index.min(cards.len());
                cards.insert(index, card);
                self.index.added(1);
                self.index.reseat(&self.boards, b, c, index);
                Ok(Edit::RemoveCard { card: id })
            }
            Edit::RemoveCard { card } => {
                let p = self.find_card(&card).ok_or(EditError::NoCard(card))?;
                let board = &mut self.boards[p.board];
                let column = &mut board.columns[p.column];
                let removed = column.cards.remove(p.card);
                let (board_id, column_key) = (board.id.clone(), column.key.clone());
                self.index.removed(&removed.id);
                self.index.reseat(&self.boards, p.board, p.column, p.card);
                Ok(Edit::InsertCard {
                    board: board_id,
                    column: column_key,
                    index: p.card,
                    card: removed,
                })
            }
            Edit::ReplaceCard { card } => {
                let p = self.card_at(&card.id)?;
                let slot = &mut self.boards[p.board].columns[p.column].cards[p.card];
                let old = std::mem::replace(slot, card);
                Ok(Edit::ReplaceCard { card: old })
            }
            Edit::MoveCard {
                card,
                board,
                column,
                index,
            } => {
                let p = self.card_at(&card)?;
                // Check the target before touching anything.
                let (b, c) = self.column_at(&board, &column)?;
                let from_board = self.boards[p.board].id.clone();
                let from_column = self.boards[p.board].columns[p.column].key.clone();
                let moved = self.boards[p.board].columns[p.column].cards.remove(p.card);
                self.index.reseat(&self.boards, p.board, p.column, p.card);
                let cards = &mut self.boards[b].columns[c].cards;
                let index = index.min(cards.len());
                cards.insert(index, moved);
                self.index.reseat(&self.boards, b, c, index);
                Ok(Edit::MoveCard {
                    card,
                    board: from_board,
                    column: from_column,
                    index: p.card,
                })
            }
            Edit::InsertBoard { index, board } => {
                if self.board_index(&board.id).is_some() {
                    return Err(EditError::DuplicateId(board.id));
                }
                let id = board.id.clone();
                let index = index.min(self.boards.len());
                self.index.added(board.card_count());
                self.boards.insert(index, board);
                self.index.reseat_boards(&self.boards, index);
                Ok(Edit::RemoveBoard { board: id })
            }
            Edit::RemoveBoard { board } => {
                let i = self.board_index(&board).ok_or(EditError::NoBoard(board))?;
                let removed = self.boards.remove(i);
                for card in removed.columns.iter().flat_map(|c| &c.cards) {
                    self.index.removed(&card.id);
                }
                self.index.reseat_boards(&self.boards, i);
                Ok(Edit::InsertBoard {
                    index: i,
                    board: removed,
                })
            }
            Edit::SetBoardInfo {
                board,
                title,
                photos,
            } => {
                let i = self.board_at(&board)?;
                let b = &mut self.boards[i];
                let old_title = std::mem::replace(&mut b.title, title);
                let old_photos = std::mem::replace(&mut b.photos, photos);
                Ok(Edit::SetBoardInfo {
                    board,
                    title: old_title,
                    photos: old_photos,
                })
            }
            Edit::SetPhotoView { board, view } => {
                let i = self.board_at(&board)?;
                let old = std::mem::replace(&mut self.boards[i].view, view);
                Ok(Edit::SetPhotoView { board, view: old })
            }
            Edit::SetSessionInfo(info) => {
                let old = SessionInfo::of(self);
                self.title = info.title;
                self.date = info.date;
                self.place = info.place;
                self.organiser = info.organiser;
                self.moderation = info.moderation;
                self.notes = info.notes;
                Ok(Edit::SetSessionInfo(old))
            }
            Edit::SetTags { tag_sets, tags } => {
                let old_sets = std::mem::replace(&mut self.tag_sets, tag_sets);
                let old_tags = std::mem::replace(&mut self.tags, tags);
                Ok(Edit::SetTags {
                    tag_sets: old_sets,
                    tags: old_tags,
                })
            }
            Edit::SetThemes(themes) => {
                let old = std::mem::replace(&mut self.themes, themes);
                Ok(Edit::SetThemes(old))
            }
            Edit::InsertMeasure { index, measure } => {
                if self.measure(&measure.id).is_some() {
                    return Err(EditError::DuplicateId(measure.id));
                }
                let id = measure.id.clone();
                let index = index.min(self.measures.len());
                self.measures.insert(index, measure);
                Ok(Edit::RemoveMeasure { measure: id })
            }
            Edit::RemoveMeasure { measure } => {
                let i = self
                    .measures
                    .iter()
                    .position(|m| m.id == measure)
                    .ok_or(EditError::NoMeasure(measure))?;
                let removed = self.measures.remove(i);
                Ok(Edit::InsertMeasure {
                    index: i,
                    measure: removed,
                })
            }
            Edit::ReplaceMeasure { measure } => {
                let slot = self
                    .measures
                    .iter_mut()
                    .find(|m| m.id == measure.id)
                    .ok_or_else(|| EditError::NoMeasure(measure.id.clone()))?;
                let old = std::mem::replace(slot, measure);
                Ok(Edit::ReplaceMeasure { measure: old })
            }
            Edit::SetRefused(refused) => {
                let old = std::mem::replace(&mut self.refused, refused);
                Ok(Edit::SetRefused(old))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inv in inverses.into_iter().rev() {
                                let _ = self.apply(inv);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// Where the card `id` is.
    fn card_at(&self, id: &str) -> Result<CardPos, EditError> {
        self.find_card(id)
            .ok_or_else(|| EditError::NoCard(id.to_string()))
    }

    /// Index of the board `id`.
    fn board_at(&self, id: &str) -> Result<usize, EditError> {
        self.board_index(id)
            .ok_or_else(|| EditError::NoBoard(id.to_string()))
    }

    /// Board and column index of a board id and column key.
    fn column_at(&self, board: &str, column: &str) -> Result<(usize, usize), EditError> {
        let b = self.board_at(board)?;
        let c = self.boards[b]
            .column_index(column)
            .ok_or_else(|| EditError::NoColumn {
                board: board.to_string(),
                column: column.to_string(),
            })?;
        Ok((b, c))
    }
}

/// Undo and redo stacks of inverse edits.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(1000)
    }
}

impl History {
    pub fn new(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Applies a new edit, records its inverse and clears the redo stack.
    /// Returns whether the edit joined the last undo step instead of making
    /// one of its own: moving around a board's photo step by step undoes as
    /// one step, so that undo reaches the cards.
    pub fn apply(&mut self, session: &mut Session, edit: Edit) -> Result<bool, EditError> {
        let joins = self.redo.is_empty()
            && matches!(
                (&edit, self.undo.last()),
                (Edit::SetPhotoView { board, .. }, Some(Edit::SetPhotoView { board: last, .. }))
                    if board == last
            );
        let inverse = session.apply(edit)?;
        if !joins {
            self.undo.push(inverse);
            if self.undo.len() > self.limit {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        Ok(joins)
    }

    /// Undoes the last edit; returns false when there is nothing to undo.
    pub fn undo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        replay(&mut self.undo, &mut self.redo, session)
    }

    pub fn redo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        replay(&mut self.redo, &mut self.undo, session)
    }

    /// The edit the next undo applies (for the journal).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// The edit the next redo applies.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Applies the last edit of `from` and keeps its inverse in `to`; false when
/// `from` is empty.
fn replay(
    from: &mut Vec<Edit>,
    to: &mut Vec<Edit>,
    session: &mut Session,
) -> Result<bool, EditError> {
    let Some(edit) = from.pop() else {
        return Ok(false);
    };
    to.push(session.apply(edit)?);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Column;

    fn session() -> Session {
        let mut s = Session::default();
        s.boards.push(Board {
            id: "b1".into(),
            title: "Altstadt".into(),
            template: "district-exchange".into(),
            photos: vec![],
            view: Default::default(),
            columns: ["good", "needs"]
                .iter()
                .map(|k| Column {
                    key: k.to_string(),
                    heading: k.to_string(),
                    cards: vec![],
                })
                .collect(),
        });
        s
    }

    fn insert(s: &mut Session, column: &str, text: &str) -> Edit {
        let id = s.fresh_id("k");
        Edit::InsertCard {
            board: "b1".into(),
            column: column.into(),
            index: usize::MAX,
            card: Card::new(id, text),
        }
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_over_every_kind_of_edit() {
        let mut s = session();
        let mut h = History::default();
        let mut states = vec![s.clone()];
        let e = insert(&mut s, "good", "Feierabendmarkt");
        h.apply(&mut s, e).unwrap();
        states.push(s.clone());
        let e = insert(&mut s, "good", "Kita");
        h.apply(&mut s, e).unwrap();
        states.push(s.clone());
        let mut changed = s.boards[0].columns[0].cards[1].clone();
        changed.text = "Kita-Plätze".into();
        changed.flags.uncertain = true;
        h.apply(&mut s, Edit::ReplaceCard { card: changed })
            .unwrap();
        states.push(s.clone());
        let moved = Edit::MoveCard {
            card: s.boards[0].columns[0].cards[1].id.clone(),
            board: "b1".into(),
            column: "needs".into(),
            index: 0,
        };
        h.apply(&mut s, moved).unwrap();
        states.push(s.clone());
        let first = s.boards[0].columns[0].cards[0].id.clone();
        h.apply(&mut s, Edit::RemoveCard { card: first }).unwrap();
        states.push(s.clone());
        h.apply(
            &mut s,
            Edit::SetBoardInfo {
                board: "b1".into(),
                title: "Schalke".into(),
                photos: vec!["IMG_1.jpg".into()],
            },
        )
        .unwrap();
        states.push(s.clone());

        for expected in states.iter().rev().skip(1) {
            assert!(h.undo(&mut s).unwrap());
            assert_eq!(&s, expected);
        }
        assert!(!h.undo(&mut s).unwrap());
        for expected in states.iter().skip(1) {
            assert!(h.redo(&mut s).unwrap());
            assert_eq!(&s, expected);
        }
        assert!(!h.redo(&mut s).unwrap());
    }

    #[test]
    fn measures_are_added_changed_and_removed_with_undo() {
        use crate::core::model::Status;
        let mut s = session();
        let mut h = History::default();
        let m = Measure {
            id: "m1".into(),
            title: "Sprachcafé".into(),
            ..Measure::default()
        };
        h.apply(
            &mut s,
            Edit::InsertMeasure {
                index: 9,
                measure: m.clone(),
            },
        )
        .unwrap();
        let done = m.with_status(Status::Done, "2019-05-02");
        h.apply(
            &mut s,
            Edit::ReplaceMeasure {
                measure: done.clone(),
            },
        )
        .unwrap();
        assert_eq!(s.measures, std::slice::from_ref(&done));
        assert!(
            s.apply(Edit::InsertMeasure {
                index: 0,
                measure: m.clone()
            })
            .is_err(),
            "ids stay unique"
        );
        h.apply(
            &mut s,
            Edit::RemoveMeasure {
                measure: "m1".into(),
            },
        )
        .unwrap();
        assert!(s.measures.is_empty());
        h.undo(&mut s).unwrap();
        assert_eq!(s.measures, [done]);
        h.undo(&mut s).unwrap();
        assert_eq!(s.measures, [m]);
        h.undo(&mut s).unwrap();
        assert!(s.measures.is_empty());
        assert!(
            s.apply(Edit::RemoveMeasure {
                measure: "m1".into()
            })
            .is_err()
        );
    }

    #[test]
    fn history_keeps_at_least_a_hundred_steps() {
        let mut s = session();
        let mut h = History::default();
        for i in 0..150 {
            let e = insert(&mut s, "needs", &format!("Karte {i}"));
            h.apply(&mut s, e).unwrap();
        }
        for _ in 0..150 {
            assert!(h.undo(&mut s).unwrap());
        }
        assert_eq!(s.card_count(), 0);
    }

    #[test]
    fn moving_about_a_photo_undoes_as_one_step() {
        let mut s = session();
        let mut h = History::default();
        let e = insert(&mut s, "good", "Feierabendmarkt");
        h.apply(&mut s, e).unwrap();
        let before = s.clone();
        for zoom in 1..=5 {
            let view = PhotoView {
                zoom,
                ..PhotoView::default()
            };
            let joined = h
                .apply(
                    &mut s,
                    Edit::SetPhotoView {
                        board: "b1".into(),
                        view,
                    },
                )
                .unwrap();
            assert_eq!(joined, zoom > 1);
        }
        assert_eq!(s.boards[0].view.zoom, 5);
        assert!(h.undo(&mut s).unwrap());
        assert_eq!(s, before, "one undo takes back all five steps");
        assert!(h.undo(&mut s).unwrap());
        assert_eq!(s.card_count(), 0, "the next undo reaches the card");
        // After a redo the next step is a new one.
        assert!(h.redo(&mut s).unwrap());
        assert!(h.redo(&mut s).unwrap());
        assert_eq!(s.boards[0].view.zoom, 5);
    }

    #[test]
    fn failed_batch_leaves_the_session_unchanged() {
        let mut s = session();
        let before = s.clone();
        let e = insert(&mut s, "good", "a");
        let bad = Edit::RemoveCard {
            card: "k999".into(),
        };
        assert!(s.apply(Edit::Batch(vec![e, bad])).is_err());
        assert_eq!(s, before);
    }
}
