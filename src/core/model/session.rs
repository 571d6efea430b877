//! Sessions, boards, columns, tags and themes.

use serde::{Deserialize, Serialize};

use super::index::CardIndex;
use super::{Card, FORMAT_VERSION, Measure};

/// One workshop (Veranstaltung) with its photographed walls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Session {
    /// File format version; a file without one is version 0 (hand-written
    /// or from before versions were written) and is upgraded on load.
    #[serde(default)]
    pub version: u32,
    /// Stable id of the session, used in export markers and cross-session themes.
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`, empty when unknown.
    pub date: String,
    pub place: String,
    pub organiser: String,
    pub moderation: String,
    pub notes: String,
    /// Keys of the tag sets (Handlungsfelder) this session uses.
    pub tag_sets: Vec<String>,
    /// The tags available in this session: those of its tag sets plus own ones.
    pub tags: Vec<Tag>,
    pub boards: Vec<Board>,
    /// Confirmed themes (clusters) and the clerk's decisions about them.
    /// Written sorted by id, so that themes added by two clerks land in
    /// different places of the file and the order never changes on saving.
    #[serde(serialize_with = "themes_by_id")]
    pub themes: Vec<Theme>,
    /// The Maßnahmenkatalog: measures made from the cards.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Suggestions the clerk refused: their cards are never suggested
    /// together again. Absent in older files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<Refusal>,
    /// The id counter of format versions 0 and 1, read so that it is not
    /// taken for an unknown field, and never written: ids are random now
    /// (see [`super::ids`]), so no line of the file changes with every edit.
    #[serde(default, skip_serializing)]
    pub next_id: u64,
    /// Where each card is, by id (not stored; see [`CardIndex`]).
    #[serde(skip)]
    pub index: CardIndex,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: FORMAT_VERSION,
            id: String::new(),
            title: String::new(),
            date: String::new(),
            place: String::new(),
            organiser: String::new(),
            moderation: String::new(),
            notes: String::new(),
            tag_sets: Vec::new(),
            tags: Vec::new(),
            boards: Vec::new(),
            themes: Vec::new(),
            measures: Vec::new(),
            refused: Vec::new(),
            next_id: 0,
            index: CardIndex::default(),
        }
    }
}

/// Writes themes in the order of their ids.
pub fn themes_by_id<S: serde::Serializer>(themes: &[Theme], s: S) -> Result<S::Ok, S::Error> {
    let mut sorted: Vec<&Theme> = themes.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    sorted.serialize(s)
}

/// One photographed wall or sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Board {
    pub id: String,
    pub title: String,
    /// Key of the board template this board follows.
    pub template: String,
    /// Photo files or references (relative to the session file or absolute).
    pub photos: Vec<String>,
    pub columns: Vec<Column>,
    /// How the photo pane last showed this board's photo.
    #[serde(skip_serializing_if = "PhotoView::is_whole")]
    pub view: PhotoView,
}

/// Which photo of a board is shown, how far zoomed in and where: kept in the
/// session so that reopening a board shows the same part of the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoView {
    /// Index into the board's photos.
    pub photo: usize,
    /// Zoom steps above the whole photo (each step a factor of √2).
    pub zoom: u8,
    /// Centre of the view across and down the photo, in thousandths.
    pub x: u16,
    pub y: u16,
}

impl Default for PhotoView {
    fn default() -> Self {
        PhotoView {
            photo: 0,
            zoom: 0,
            x: 500,
            y: 500,
        }
    }
}

impl PhotoView {
    /// The first photo, whole: nothing worth writing into the file.
    pub fn is_whole(&self) -> bool {
        *self == PhotoView::default()
    }
}

/// A heading on a board under which cards hang.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Column {
    /// Template key of the column (`good`, `needs`, …).
    pub key: String,
    pub heading: String,
    pub cards: Vec<Card>,
}

/// A field of action (Handlungsfeld).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tag {
    pub key: String,
    pub name: String,
}

/// A named group of similar cards (Thema / Cluster).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: String,
    /// Key of the Handlungsfeld the theme is assigned to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Ids of the member cards, as `card` or `session/card` for other sessions.
    pub cards: Vec<String>,
    /// Cards the clerk removed from this theme: never suggested into it again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<String>,
    pub confirmed: bool,
}

/// A suggestion the clerk refused: no two of its cards are suggested
/// together again (ids as in themes: `card`, or `session/card`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Refusal {
    pub cards: Vec<String>,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Board,
    Card,
    Theme,
    Measure,
}

impl IdKind {
    /// The prefix of ids of this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Board => "b",
            IdKind::Card => "k",
            IdKind::Theme => "t",
            IdKind::Measure => "m",
        }
    }
}

/// Where a card sits: indices of board, column and card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardPos {
    pub board: usize,
    pub column: usize,
    pub card: usize,
}

impl Session {
    /// Hands out a new id with the given prefix (`k` card, `b` board, `t`
    /// theme, `m` measure): random, and not used in this session.
    pub fn fresh_id(&mut self, prefix: &str) -> String {
        super::ids::random_id(prefix, |id| self.uses_id(id))
    }

    /// Whether a board, card or theme of this session has the id.
    pub fn uses_id(&self, id: &str) -> bool {
        self.ids().any(|(_, used)| used == id)
    }

    /// Every id of the session with what it names, in file order: each
    /// board, then its cards, then the themes and the measures.
    pub fn ids(&self) -> impl Iterator<Item = (IdKind, &str)> {
        self.boards
            .iter()
            .flat_map(|b| {
                std::iter::once((IdKind::Board, b.id.as_str())).chain(
                    b.columns
                        .iter()
                        .flat_map(|c| c.cards.iter().map(|k| (IdKind::Card, k.id.as_str()))),
                )
            })
            .chain(self.themes.iter().map(|t| (IdKind::Theme, t.id.as_str())))
            .chain(
                self.measures
                    .iter()
                    .map(|m| (IdKind::Measure, m.id.as_str())),
            )
    }

    pub fn card_count(&self) -> usize {
        self.boards.iter().map(Board::card_count).sum()
    }

    pub fn board_index(&self, id: &str) -> Option<usize> {
        self.boards.iter().position(|b| b.id == id)
    }

    /// Where the card with this id is, through the session's card index.
    pub fn find_card(&self, id: &str) -> Option<CardPos> {
        self.index.find(&self.boards, id)
    }

    /// Builds the card index again after `boards` were changed directly
    /// rather than through an edit.
    pub fn reindex(&mut self) {
        self.index.clear();
    }

    /// A number that changes with every edit of cards, boards or the event
    /// data (not with theme or tag set edits): what was worked out from the
    /// cards is current while it stays the same.
    pub fn generation(&self) -> u64 {
        self.index.generation()
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        let p = self.find_card(id)?;
        Some(&self.boards[p.board].columns[p.column].cards[p.card])
    }

    /// Every card with its board and column, in board order.
    pub fn cards(&self) -> impl Iterator<Item = (&Board, &Column, &Card)> {
        self.boards.iter().flat_map(|b| {
            b.columns
                .iter()
                .flat_map(move |c| c.cards.iter().map(move |k| (b, c, k)))
        })
    }

    /// Every card, to change, in board order.
    pub fn cards_mut(&mut self) -> impl Iterator<Item = &mut Card> {
        self.boards
            .iter_mut()
            .flat_map(|b| b.columns.iter_mut().flat_map(|c| c.cards.iter_mut()))
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn tag(&self, key: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.key == key)
    }
}

impl Board {
    pub fn card_count(&self) -> usize {
        self.columns.iter().map(|c| c.cards.len()).sum()
    }

    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_random_and_not_used_in_the_session() {
        let mut s = Session::default();
        s.boards.push(Board {
            id: "b41".into(),
            ..Board::default()
        });
        let a = s.fresh_id("k");
        let b = s.fresh_id("k");
        assert_ne!(a, b);
        assert!(super::super::ids::is_random_id(&a), "{a}");
        assert!(s.uses_id("b41") && !s.uses_id(&a));
        assert!(!crate::core::store::to_ron(&s).contains("next_id"));
    }

    #[test]
    fn a_board_keeps_its_photo_view_and_old_boards_load_without_one() {
        let old: Board =
            ron::from_str(r#"(id: "b1", title: "Altstadt", photos: ["a.jpg"])"#).unwrap();
        assert!(old.view.is_whole());
        let mut b = old.clone();
        assert!(!ron::to_string(&b).unwrap().contains("view"));
        b.view = PhotoView {
            photo: 0,
            zoom: 3,
            x: 120,
            y: 880,
        };
        let text = ron::to_string(&b).unwrap();
        let back: Board = ron::from_str(&text).unwrap();
        assert_eq!(back.view, b.view);
    }
}
