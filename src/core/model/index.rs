//! Where each card of a session sits, by id: built on the first lookup and
//! kept current by the edits that move cards, so that finding a card never
//! means reading all of them.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// Seeded at random in each program, so that a file cannot be made to put
/// all its ids into one slot; several times faster than the standard
/// library's hash on these short keys.
type RandomState = foldhash::fast::RandomState;
use std::sync::RwLock;

use super::session::{Board, CardPos};

/// A card's place in compact form (a session holds millions of them).
/// Ordered as the cards are in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    board: u32,
    column: u32,
    card: u32,
}

impl Place {
    fn of(board: usize, column: usize, card: usize) -> Self {
        Place {
            board: board as u32,
            column: column as u32,
            card: card as u32,
        }
    }

    fn pos(self) -> CardPos {
        CardPos {
            board: self.board as usize,
            column: self.column as usize,
            card: self.card as usize,
        }
    }
}

/// An id of at most 15 bytes, kept in place of a string of its own: the
/// ids stellwand hands out have nine, and a million of them would
/// otherwise be a million small allocations. The last byte holds the
/// length, so that no two ids share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Short([u8; 16]);

impl Short {
    fn of(id: &str) -> Option<Short> {
        let bytes = id.as_bytes();
        if bytes.len() > 15 {
            return None;
        }
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        key[15] = bytes.len() as u8;
        Some(Short(key))
    }
}

impl Hash for Short {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u128(u128::from_le_bytes(self.0));
    }
}

#[derive(Debug, Default)]
struct Places {
    short: HashMap<Short, Place, RandomState>,
    /// Ids too long for [`Short`] (written by hand or by other programs).
    long: HashMap<Box<str>, Place>,
    /// Cards counted when built and kept by the edits: a lookup that finds
    /// nothing while the session holds another number of cards means the
    /// boards were changed around the edits, and the index is built again.
    cards: usize,
}

impl Places {
    fn get(&self, id: &str) -> Option<Place> {
        match Short::of(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Puts the card of this id at `place`.
    fn set(&mut self, id: &str, place: Place) {
        match Short::of(id) {
            Some(key) => {
                self.short.insert(key, place);
            }
            None => match self.long.get_mut(id) {
                Some(p) => *p = place,
                None => {
                    self.long.insert(id.into(), place);
                }
            },
        }
    }

    fn remove(&mut self, id: &str) {
        match Short::of(id) {
            Some(key) => self.short.remove(&key),
            None => self.long.remove(id),
        };
    }

    /// The number of different ids.
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    #[cfg(test)]
    fn same_as(&self, other: &Places) -> bool {
        self.cards == other.cards && self.short == other.short && self.long == other.long
    }
}

/// The card index of a session. It is not stored in the file, compares
/// equal to any other, and a copy of a session starts without one.
///
/// Code that changes `Session::boards` directly rather than through an edit
/// (building or upgrading a session) calls `Session::reindex` afterwards if
/// it looked up a card before.
#[derive(Default)]
pub struct CardIndex {
    /// Built on the first lookup. A lock rather than a cell, so that a
    /// lookup that finds the index stale can build it again.
    places: RwLock<Option<Places>>,
    /// Counts the edits that changed cards, boards or the event data, so
    /// that what was worked out from the cards (a clustering) knows when it
    /// is out of date.
    generation: u64,
}

impl Clone for CardIndex {
    fn clone(&self) -> Self {
        CardIndex {
            places: RwLock::default(),
            generation: self.generation,
        }
    }
}

impl PartialEq for CardIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for CardIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.places.read().as_deref() {
            Ok(Some(p)) => write!(f, "CardIndex({} cards)", p.len()),
            _ => f.write_str("CardIndex"),
        }
    }
}

fn count(boards: &[Board]) -> usize {
    boards.iter().map(Board::card_count).sum()
}

/// One card for [`build`]: the low bits of its key's hash, the key, the place.
type Entry = (u32, Short, Place);

fn build(boards: &[Board]) -> Places {
    let cards = count(boards);
    let hasher = RandomState::default();
    let mut entries: Vec<Entry> = Vec::with_capacity(cards);
    let mut long = HashMap::new();
    for (b, board) in boards.iter().enumerate() {
        for (c, column) in board.columns.iter().enumerate() {
            for (k, card) in column.cards.iter().enumerate() {
                let place = Place::of(b, c, k);
                match Short::of(&card.id) {
                    Some(key) => entries.push((hasher.hash_one(key) as u32, key, place)),
                    // The first card of an id wins, as a search in board
                    // order would.
                    None => {
                        long.entry(card.id.as_str().into()).or_insert(place);
                    }
                }
            }
        }
    }
    Places {
        short: table(entries, hasher),
        long,
        cards,
    }
}

/// The table of short ids. Filled in the order of the slots the keys land
/// in, so that a million inserts walk through the table's memory once
/// rather than jumping about in it (five times faster).
fn table(entries: Vec<Entry>, hasher: RandomState) -> HashMap<Short, Place, RandomState> {
    let mut short = HashMap::with_capacity_and_hasher(entries.len(), hasher);
    for (_, key, place) in in_slot_order(entries) {
        short
            .entry(key)
            // The first card of an id wins, as a search in board order would.
            .and_modify(|p: &mut Place| *p = (*p).min(place))
            .or_insert(place);
    }
    short
}

/// A table this small stays in the processor's cache however it is filled.
const CACHED_SLOTS: usize = 1 << 15;

/// How many stretches of slots [`in_slot_order`] sorts the keys into: each
/// of a table of a million is small enough to stay in the cache.
const STRETCH_BITS: u32 = 11;

/// The entries sorted by the stretch of the table their slot is in. The
/// slot of a key is its hash masked to the table's size, a power of two
/// with room for an eighth more; the order only speeds things up.
fn in_slot_order(entries: Vec<Entry>) -> Vec<Entry> {
    let slots = (entries.len().saturating_mul(8) / 7).next_power_of_two();
    if slots <= CACHED_SLOTS {
        return entries;
    }
    let bits = slots.trailing_zeros().min(32);
    let shift = bits - STRETCH_BITS;
    let mask = ((1u64 << bits) - 1) as u32;
    let stretch = |e: &Entry| ((e.0 & mask) >> shift) as usize;
    // Counted, then each put in its place: two passes over the entries.
    let mut next = vec![0usize; (1 << STRETCH_BITS) + 1];
    for e in &entries {
        next[stretch(e) + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut sorted = vec![(0, Short([0; 16]), Place::of(0, 0, 0)); entries.len()];
    for e in entries {
        let at = &mut next[stretch(&e)];
        sorted[*at] = e;
        *at += 1;
    }
    sorted
}

fn holds(boards: &[Board], p: Place, id: &str) -> bool {
    boards
        .get(p.board as usize)
        .and_then(|b| b.columns.get(p.column as usize))
        .and_then(|c| c.cards.get(p.card as usize))
        .is_some_and(|k| k.id == id)
}

impl CardIndex {
    /// Where the card with this id is.
    pub(crate) fn find(&self, boards: &[Board], id: &str) -> Option<CardPos> {
        {
            let places = self.places.read().unwrap_or_else(|e| e.into_inner());
            if let Some(places) = places.as_ref() {
                match places.get(id) {
                    Some(p) if holds(boards, p, id) => return Some(p.pos()),
                    None if places.cards == count(boards) => return None,
                    // The boards changed behind the index's back.
                    _ => {}
                }
            }
        }
        let fresh = build(boards);
        let found = fresh.get(id);
        *self.places.write().unwrap_or_else(|e| e.into_inner()) = Some(fresh);
        found.map(Place::pos)
    }

    /// Builds the index now, for a session just read: the check for ids
    /// used twice and the first lookup share it. The number of different
    /// card ids.
    pub(crate) fn build_now(&self, boards: &[Board]) -> usize {
        let fresh = build(boards);
        let distinct = fresh.len();
        *self.places.write().unwrap_or_else(|e| e.into_inner()) = Some(fresh);
        distinct
    }

    /// Whether the index, as built, holds a card of this id (without a
    /// look at the boards: just after [`CardIndex::build_now`]).
    pub(crate) fn holds_id(&self, id: &str) -> bool {
        let places = self.places.read().unwrap_or_else(|e| e.into_inner());
        places.as_ref().is_some_and(|p| p.contains(id))
    }

    /// Forgets everything; built again on the next lookup.
    pub(crate) fn clear(&mut self) {
        *self.slot() = None;
        self.generation += 1;
    }

    /// See [`Session::generation`](super::Session::generation).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Cards, boards or the event data changed.
    pub(crate) fn touch(&mut self) {
        self.generation += 1;
    }

    fn slot(&mut self) -> &mut Option<Places> {
        self.places.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// After the cards of column `column` of board `board` from index `from`
    /// on changed places (a card inserted or removed there).
    pub(crate) fn reseat(&mut self, boards: &[Board], board: usize, column: usize, from: usize) {
        let Some(places) = self.slot() else {
            return;
        };
        let cards = &boards[board].columns[column].cards;
        for (k, card) in cards.iter().enumerate().skip(from) {
            places.set(&card.id, Place::of(board, column, k));
        }
    }

    /// After boards from index `from` on changed places.
    pub(crate) fn reseat_boards(&mut self, boards: &[Board], from: usize) {
        if self.slot().is_none() {
            return;
        }
        for b in from..boards.len() {
            for c in 0..boards[b].columns.len() {
                self.reseat(boards, b, c, 0);
            }
        }
    }

    /// A card was added: counted, placed by the following `reseat`.
    pub(crate) fn added(&mut self, n: usize) {
        if let Some(places) = self.slot() {
            places.cards += n;
        }
    }

    /// Whether the index was built and matches the boards exactly (for
    /// tests: a lookup would quietly build a stale index again).
    #[cfg(test)]
    pub(crate) fn matches(&self, boards: &[Board]) -> bool {
        let places = self.places.read().unwrap();
        let Some(places) = places.as_ref() else {
            return false;
        };
        places.same_as(&build(boards))
    }

    /// A card left the session.
    pub(crate) fn removed(&mut self, id: &str) {
        if let Some(places) = self.slot() {
            places.remove(id);
            places.cards = places.cards.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::edit::{Edit, History};
    use crate::core::model::{Board, Card, CardPos, Column, Session};

    /// Every card's place found by reading all boards, as a check.
    fn scan(s: &Session, id: &str) -> Option<CardPos> {
        for (b, board) in s.boards.iter().enumerate() {
            for (c, column) in board.columns.iter().enumerate() {
                if let Some(k) = column.cards.iter().position(|k| k.id == id) {
                    return Some(CardPos {
                        board: b,
                        column: c,
                        card: k,
                    });
                }
            }
        }
        None
    }

    fn board(id: &str, cards: usize, s: &mut Session) -> Board {
        Board {
            id: id.into(),
            columns: ["good", "needs"]
                .iter()
                .map(|k| Column {
                    key: k.to_string(),
                    cards: (0..cards)
                        .map(|_| Card::new(s.fresh_id("k"), "x"))
                        .collect(),
                    ..Column::default()
                })
                .collect(),
            ..Board::default()
        }
    }

    #[test]
    fn lookups_stay_right_through_every_edit_undo_and_redo() {
        let mut s = Session::default();
        for b in 0..3 {
            let board = board(&format!("b{b}"), 4, &mut s);
            s.boards.push(board);
        }
        let mut h = History::default();
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        let mut ids: Vec<String> = s.cards().map(|(_, _, k)| k.id.clone()).collect();
        for step in 0..400 {
            // Build the index before each edit, so the edit has to keep it.
            assert_eq!(s.find_card(&ids[0]), scan(&s, &ids[0]));
            let boards: Vec<String> = s.boards.iter().map(|b| b.id.clone()).collect();
            let column = ["good", "needs"][next(2)].to_string();
            let edit = match next(7) {
                0 | 1 => {
                    let id = s.fresh_id("k");
                    ids.push(id.clone());
                    Edit::InsertCard {
                        board: boards[next(boards.len())].clone(),
                        column,
                        index: next(6),
                        card: Card::new(id, "neu"),
                    }
                }
                2 => Edit::RemoveCard {
                    card: ids[next(ids.len())].clone(),
                },
                3 | 4 => Edit::MoveCard {
                    card: ids[next(ids.len())].clone(),
                    board: boards[next(boards.len())].clone(),
                    column,
                    index: next(6),
                },
                5 => {
                    let id = format!("b{}", 10 + step);
                    let board = board(&id, next(3), &mut s);
                    ids.extend(
                        board
                            .columns
                            .iter()
                            .flat_map(|c| c.cards.iter().map(|k| k.id.clone())),
                    );
                    Edit::InsertBoard {
                        index: next(boards.len() + 1),
                        board,
                    }
                }
                _ if boards.len() > 1 => Edit::RemoveBoard {
                    board: boards[next(boards.len())].clone(),
                },
                _ => continue,
            };
            let _ = h.apply(&mut s, edit);
            if next(5) == 0 {
                let _ = h.undo(&mut s);
            }
            if next(7) == 0 {
                let _ = h.redo(&mut s);
            }
            assert!(s.index.matches(&s.boards), "step {step}");
            for id in &ids {
                assert_eq!(s.find_card(id), scan(&s, id), "step {step}, card {id}");
            }
        }
    }

    #[test]
    fn a_board_changed_directly_is_read_again() {
        let mut s = Session::default();
        let b = board("b1", 3, &mut s);
        s.boards.push(b);
        let first = s.boards[0].columns[0].cards[0].id.clone();
        assert!(s.find_card(&first).is_some());
        // Renamed without an edit: the old id is gone, the new one found.
        s.boards[0].columns[0].cards[0].id = "neu".into();
        assert_eq!(s.find_card(&first), None);
        assert_eq!(s.find_card("neu"), scan(&s, "neu"));
        // Added without an edit.
        s.boards[0].columns[1].cards.push(Card::new("k99", "dazu"));
        assert_eq!(s.find_card("k99"), scan(&s, "k99"));
        assert!(s.find_card("k99").is_some());
    }

    #[test]
    fn ids_of_every_length_are_found_and_the_first_card_of_an_id_wins() {
        let mut s = Session::default();
        // Short and long ids, ids one is the start of the other, ids with
        // a zero byte or umlauts, and one id on many cards.
        let ids = [
            "k1",
            "k1\0",
            "k10",
            "",
            "ä",
            "karte-15-zeichn",
            "karte-16-zeichen",
            "karte-16-zeichen-und-mehr",
            "karte-15-zeichä",
        ];
        for b in 0..40 {
            let mut board = board(&format!("b{b}"), 0, &mut s);
            for (c, column) in board.columns.iter_mut().enumerate() {
                for (i, id) in ids.iter().enumerate() {
                    if (b + c + i) % 3 != 0 {
                        column.cards.push(Card::new(*id, "x"));
                    }
                }
                column.cards.push(Card::new("doppelt", "x"));
                column.cards.push(Card::new(format!("k{b}-{c}"), "x"));
            }
            s.boards.push(board);
        }
        for id in ids.iter().copied().chain(["doppelt", "k7-1", "k39-0"]) {
            assert_eq!(s.find_card(id), scan(&s, id), "{id:?}");
            assert!(s.find_card(id).is_some(), "{id:?}");
        }
        for id in ["k1\0\0", "karte-16-zeiche", "karte-16-zeichen-", "k40-0"] {
            assert_eq!(s.find_card(id), None, "{id:?}");
        }
        // One distinct id per name: the check for ids used twice relies on it.
        assert_eq!(s.index.build_now(&s.boards), ids.len() + 1 + 80);
    }
}
