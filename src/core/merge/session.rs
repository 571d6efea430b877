//! Merging three versions of a session: boards and cards by id, moves and
//! edits combined, ids both sides gave to different things renamed.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::value::{Ctx, merge_order, merge_set, merge_value};
use super::{Merged, Note, short};
use crate::core::model::{Board, Card, Session, ids};

/// Where a card sits in one version of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    board: String,
    column: String,
}

struct Side<'a> {
    cards: HashMap<&'a str, (Place, &'a Card)>,
    /// Card ids of each column, in order.
    columns: HashMap<(String, String), Vec<&'a str>>,
}

impl<'a> Side<'a> {
    fn of(s: &'a Session) -> Side<'a> {
        let mut cards = HashMap::new();
        let mut columns = HashMap::new();
        for b in &s.boards {
            for c in &b.columns {
                let place = Place {
                    board: b.id.clone(),
                    column: c.key.clone(),
                };
                let ids: Vec<&str> = c.cards.iter().map(|k| k.id.as_str()).collect();
                for k in &c.cards {
                    cards.insert(k.id.as_str(), (place.clone(), k));
                }
                columns.insert((b.id.clone(), c.key.clone()), ids);
            }
        }
        Side { cards, columns }
    }

    fn column(&self, board: &str, column: &str) -> &[&'a str] {
        self.columns
            .get(&(board.to_string(), column.to_string()))
            .map_or(&[], Vec::as_slice)
    }
}

/// Merges three versions of a session by id. `base` is `None` when the file
/// was added on both sides.
pub fn merge_sessions(base: Option<&Session>, ours: &Session, theirs: &Session) -> Merged<Session> {
    let empty = Session::default();
    let base_s = base.unwrap_or(&empty);
    let mut notes = Vec::new();
    let theirs = rename_collisions(base_s, ours, theirs, &mut notes);

    let (b, o, t) = (Side::of(base_s), Side::of(ours), Side::of(&theirs));

    // Which cards stay, with what content, and where.
    let mut all: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for s in [ours, &theirs, base_s] {
        for (_, _, k) in s.cards() {
            if seen.insert(k.id.as_str()) {
                all.push(k.id.as_str());
            }
        }
    }
    let mut finals: HashMap<&str, (Place, Card)> = HashMap::new();
    for id in &all {
        let (bk, ok, tk) = (b.cards.get(id), o.cards.get(id), t.cards.get(id));
        let kept = match (bk, ok, tk) {
            (_, Some((op, oc)), Some((tp, tc))) => {
                let card = merge_card(bk.map(|x| x.1), oc, tc, &mut notes);
                let place = match bk {
                    Some((bp, _)) if op == bp => tp.clone(),
                    _ => op.clone(),
                };
                Some((place, card))
            }
            (Some((_, bc)), Some((op, oc)), None) | (Some((_, bc)), None, Some((op, oc))) => {
                (*oc != *bc).then(|| {
                    notes.push(Note::KeptChanged {
                        what: card_name(oc),
                    });
                    (op.clone(), (*oc).clone())
                })
            }
            (None, Some((p, c)), None) | (None, None, Some((p, c))) => {
                Some((p.clone(), (*c).clone()))
            }
            (_, None, None) => None,
        };
        if let Some(k) = kept {
            finals.insert(id, k);
        }
    }

    // Everything but the cards: fields, boards, columns, tags, themes.
    let strip = |s: &Session| -> Value {
        let mut s = s.clone();
        for c in s.boards.iter_mut().flat_map(|b| b.columns.iter_mut()) {
            c.cards.clear();
        }
        serde_json::to_value(&s).expect("a session always converts")
    };
    let (bv, ov, tv) = (base.map(strip), strip(ours), strip(&theirs));
    let mut ctx = Ctx::default();
    let merged = merge_value("", bv.as_ref(), &ov, &tv, &mut ctx, false);
    notes.extend(ctx.field_notes());
    let mut session: Session = match serde_json::from_value(merged) {
        Ok(s) => s,
        // Cannot happen for values made from sessions; keep ours whole.
        Err(_) => {
            let mut s = ours.clone();
            for c in s.boards.iter_mut().flat_map(|b| b.columns.iter_mut()) {
                c.cards.clear();
            }
            s
        }
    };

    // A board or column deleted on one side that still has cards from the
    // other comes back.
    for (place, _) in all.iter().filter_map(|id| finals.get(id)) {
        if session.board_index(&place.board).is_none() {
            let from = [ours, &theirs]
                .into_iter()
                .find_map(|s| s.boards.iter().find(|b| b.id == place.board));
            if let Some(board) = from {
                let mut board = Board {
                    columns: board.columns.clone(),
                    ..board.clone()
                };
                for c in &mut board.columns {
                    c.cards.clear();
                }
                notes.push(Note::KeptChanged {
                    what: board_name(&board),
                });
                let order = [ours, &theirs]
                    .into_iter()
                    .find(|s| s.board_index(&place.board).is_some())
                    .map(|s| s.boards.iter().map(|b| b.id.clone()).collect::<Vec<_>>())
                    .unwrap_or_default();
                let at = insert_position(&session, &order, &place.board);
                session.boards.insert(at, board);
            }
        }
        if let Some(bi) = session.board_index(&place.board)
            && session.boards[bi].column_index(&place.column).is_none()
        {
            let column = [ours, &theirs].into_iter().find_map(|s| {
                s.boards
                    .iter()
                    .find(|b| b.id == place.board)
                    .and_then(|b| b.columns.iter().find(|c| c.key == place.column))
            });
            if let Some(c) = column {
                let mut c = c.clone();
                c.cards.clear();
                session.boards[bi].columns.push(c);
            }
        }
    }

    // The cards of each column, in an order both sides' moves agree with.
    let mut targets: HashMap<(String, String), HashSet<&str>> = HashMap::new();
    for (id, (place, _)) in &finals {
        targets
            .entry((place.board.clone(), place.column.clone()))
            .or_default()
            .insert(id);
    }
    for board in &mut session.boards {
        for column in &mut board.columns {
            let Some(keep) = targets.get(&(board.id.clone(), column.key.clone())) else {
                continue;
            };
            let order = merge_order(
                b.column(&board.id, &column.key),
                o.column(&board.id, &column.key),
                t.column(&board.id, &column.key),
                keep,
            );
            column.cards = order
                .iter()
                .filter_map(|id| finals.get(id.as_str()).map(|(_, c)| c.clone()))
                .collect();
        }
    }
    session.version = crate::core::model::FORMAT_VERSION;
    crate::core::repair::give_duplicates_new_ids(&mut session);
    Merged {
        value: session,
        notes,
    }
}

/// Where a board missing from `session` goes: after the nearest board before
/// it in `order` that `session` has.
fn insert_position(session: &Session, order: &[String], id: &str) -> usize {
    let Some(at) = order.iter().position(|b| b == id) else {
        return session.boards.len();
    };
    order[..at]
        .iter()
        .rev()
        .find_map(|prev| session.board_index(prev))
        .map_or(0, |i| i + 1)
}

/// Ids added on both sides for different things: the other side's thing
/// gets a new id (for cards also in its themes), so both stay.
fn rename_collisions(
    base: &Session,
    ours: &Session,
    theirs: &Session,
    notes: &mut Vec<Note>,
) -> Session {
    let mut theirs = theirs.clone();
    let ours_cards: HashMap<&str, &Card> =
        ours.cards().map(|(_, _, k)| (k.id.as_str(), k)).collect();
    let ours_boards: HashMap<&str, &Board> =
        ours.boards.iter().map(|b| (b.id.as_str(), b)).collect();
    let taken = |s: &Session, id: &str| ours.uses_id(id) || base.uses_id(id) || s.uses_id(id);
    for bi in 0..theirs.boards.len() {
        let id = theirs.boards[bi].id.clone();
        if base.board_index(&id).is_none()
            && let Some(ob) = ours_boards.get(id.as_str())
            && (ob.title != theirs.boards[bi].title || ob.template != theirs.boards[bi].template)
        {
            let new = ids::random_id("b", |x| taken(&theirs, x));
            notes.push(Note::Renamed {
                from: id.clone(),
                to: new.clone(),
            });
            theirs.boards[bi].id = new;
        }
        for ci in 0..theirs.boards[bi].columns.len() {
            for ki in 0..theirs.boards[bi].columns[ci].cards.len() {
                let card = &theirs.boards[bi].columns[ci].cards[ki];
                let id = card.id.clone();
                if base.find_card(&id).is_some() {
                    continue;
                }
                let Some(oc) = ours_cards.get(id.as_str()) else {
                    continue;
                };
                if **oc == *card {
                    continue;
                }
                let new = ids::random_id("k", |x| taken(&theirs, x));
                notes.push(Note::Renamed {
                    from: id.clone(),
                    to: new.clone(),
                });
                theirs.boards[bi].columns[ci].cards[ki].id = new.clone();
                for th in &mut theirs.themes {
                    for r in th.cards.iter_mut().chain(th.rejected.iter_mut()) {
                        if *r == id {
                            *r = new.clone();
                        }
                    }
                }
                for r in theirs.refused.iter_mut().flat_map(|f| f.cards.iter_mut()) {
                    if *r == id {
                        *r = new.clone();
                    }
                }
            }
        }
    }
    for ti in 0..theirs.themes.len() {
        let id = theirs.themes[ti].id.clone();
        if base.themes.iter().any(|t| t.id == id) {
            continue;
        }
        if let Some(ot) = ours.themes.iter().find(|t| t.id == id)
            && ot.label != theirs.themes[ti].label
        {
            let new = ids::random_id("t", |x| taken(&theirs, x));
            notes.push(Note::Renamed {
                from: id,
                to: new.clone(),
            });
            theirs.themes[ti].id = new;
        }
    }
    theirs
}

fn card_name(card: &Card) -> String {
    format!("Karte/card „{}“ ({})", card.id, short(&card.text))
}

fn board_name(board: &Board) -> String {
    format!("Wand/board „{}“ ({})", board.id, short(&board.title))
}

/// Three-way merge of one card's content. Fields changed on one side take
/// that side's value; fields both changed differently leave the card with
/// ours and the version with theirs in [`Card::conflict`].
fn merge_card(base: Option<&Card>, ours: &Card, theirs: &Card, notes: &mut Vec<Note>) -> Card {
    let content = |c: &Card| {
        let mut c = c.clone();
        c.id.clear();
        c.conflict.clear();
        serde_json::to_value(&c).expect("a card always converts")
    };
    let (b, o, t) = (base.map(content), content(ours), content(theirs));
    let mut ctx = Ctx::default();
    let mine = merge_value("", b.as_ref(), &o, &t, &mut ctx, false);
    let conflicting = !ctx.conflicts.is_empty();
    let mut card: Card = serde_json::from_value(mine).unwrap_or_else(|_| ours.clone());
    card.id = ours.id.clone();
    // Versions left by earlier merges: those either side resolved go.
    let versions = |c: Option<&Card>| -> Vec<Value> {
        c.map(|c| {
            c.conflict
                .iter()
                .map(|v| serde_json::to_value(v).expect("a card always converts"))
                .collect()
        })
        .unwrap_or_default()
    };
    let mut conflict: Vec<Card> = merge_set(
        base.map(|c| versions(Some(c))).as_deref(),
        &versions(Some(ours)),
        &versions(Some(theirs)),
    )
    .into_iter()
    .filter_map(|v| serde_json::from_value(v).ok())
    .collect();
    if conflicting {
        let mut other_ctx = Ctx::default();
        let other = merge_value("", b.as_ref(), &o, &t, &mut other_ctx, true);
        if let Ok(mut other) = serde_json::from_value::<Card>(other) {
            other.id.clear();
            if !conflict.contains(&other) {
                conflict.push(other);
            }
        }
        notes.push(Note::CardConflict {
            card: card.id.clone(),
            text: short(&card.text),
        });
    }
    let shown = Card {
        id: String::new(),
        conflict: Vec::new(),
        ..card.clone()
    };
    conflict.retain(|v| *v != shown);
    card.conflict = conflict;
    card
}
