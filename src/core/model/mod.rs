//! The domain model: sessions, boards, columns, cards, tags, themes and
//! measures.

mod card;
pub mod ids;
mod index;
mod measure;
mod session;
mod tag_choice;

pub use card::{Card, Flags};
pub use index::CardIndex;
pub use measure::{Measure, Status, StatusChange};
pub use session::{
    Board, CardPos, Column, IdKind, PhotoView, Refusal, Session, Tag, Theme, themes_by_id,
};
pub use tag_choice::TagChoice;

pub use crate::core::text::slug;

/// File format version written by this program. Older files are upgraded on
/// load, newer ones open read-only.
///
/// - 0: no `version` field; boards, cards and themes may lack ids.
/// - 1: ids from a counter kept in a `next_id` line.
/// - 2: random ids and no counter line, so that files of two clerks merge.
pub const FORMAT_VERSION: u32 = 2;
