//! The search screen's state: the query, the hits, the prepared cards.

use std::sync::{Arc, Mutex};

use crate::core::model::Session;
use crate::core::search::{SearchIndex, Searcher};

use super::super::editor::Editor;

/// Most hits listed; more only make the list longer, not better.
pub const MAX_HITS: usize = 200;

/// One card that matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub card: String,
    pub board: usize,
    pub column: usize,
    /// Text and sub-points, as matched.
    pub text: String,
    /// Char positions of the matched letters in `text`.
    pub indices: Vec<usize>,
}

/// The session's cards prepared for searching, built when the search opens
/// (the session does not change while it is open).
#[derive(Debug, Clone)]
pub struct Cards {
    searcher: Arc<Mutex<Searcher>>,
    /// Board and column of each searched card, in the index's order.
    places: Arc<Vec<(usize, usize)>>,
}

impl Cards {
    pub fn new(session: &Session) -> Self {
        let mut places = Vec::with_capacity(session.card_count());
        for (b, board) in session.boards.iter().enumerate() {
            for (c, column) in board.columns.iter().enumerate() {
                places.extend(std::iter::repeat_n((b, c), column.cards.len()));
            }
        }
        let index = SearchIndex::from_sessions(std::slice::from_ref(session));
        Cards {
            searcher: Arc::new(Mutex::new(Searcher::new(index))),
            places: Arc::new(places),
        }
    }

    /// The cards matching `query`, best first, at most `limit`.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Ok(mut searcher) = self.searcher.lock() else {
            return Vec::new();
        };
        let matches = searcher.search(query, limit);
        let items = searcher.index().items();
        matches
            .into_iter()
            .filter_map(|m| {
                let item = items.get(m.item)?;
                let (board, column) = *self.places.get(m.item)?;
                Some(Hit {
                    card: item.card.clone(),
                    board,
                    column,
                    text: item.text.clone(),
                    indices: m.indices,
                })
            })
            .collect()
    }
}

// The prepared cards are the same whenever the session is.
impl PartialEq for Cards {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.searcher, &other.searcher)
    }
}

impl Eq for Cards {}

/// The search screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: Editor,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub(crate) cards: Cards,
}
