//! Markdown of a card, a theme or a board for the clipboard, and pasted
//! lines turned into cards.

use crate::core::model::{Board, Card, Session, Theme};

/// A card made from pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedCard {
    pub text: String,
    pub sub_points: Vec<String>,
}

pub fn card_markdown(_card: &Card) -> String {
    String::new()
}
pub fn theme_markdown(_session: &Session, _theme: &Theme) -> String {
    String::new()
}
pub fn board_markdown(_board: &Board) -> String {
    String::new()
}
pub fn split_paste(_text: &str) -> Vec<PastedCard> {
    Vec::new()
}
