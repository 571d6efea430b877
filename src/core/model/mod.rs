//! The domain model: sessions, boards, columns, cards, tags and themes.

mod card;
mod session;
mod tag_choice;

pub use card::{Card, Flags};
pub use session::{Board, CardPos, Column, Session, Tag, Theme};
pub use tag_choice::TagChoice;

pub use crate::core::text::slug;

/// File format version written by this program. Older files are upgraded on
/// load, newer ones open read-only.
pub const FORMAT_VERSION: u32 = 1;
