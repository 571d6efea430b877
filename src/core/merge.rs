//! Three-way merge of the files of a sessions folder by id, for two clerks'
//! copies of one concept repository: session files (cards by id, with moves
//! and edits combined), the folder's themes file and any other RON list file
//! whose entries have an `id` or `key`.
//!
//! Nothing is lost and no conflict marker is ever written: a card both
//! clerks changed differently keeps one version and carries the other in
//! [`Card::conflict`] for the clerk to pick; another field both changed
//! differently keeps "ours" and is reported.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::{FileError, FileProblem};
use super::model::{Board, Card, Session, ids};
use super::store;

/// Something the clerk should know about a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Both sides changed this card differently; both versions are on it.
    CardConflict { card: String, text: String },
    /// Both sides changed this field differently; ours was kept.
    FieldKept {
        path: String,
        ours: String,
        theirs: String,
    },
    /// Deleted on one side and changed on the other: kept with the change.
    KeptChanged { what: String },
    /// Added on both sides with the same id and different content: the
    /// other side's gets a new id, so both stay.
    Renamed { from: String, to: String },
}

impl Note {
    /// Whether the clerk has to decide something.
    pub fn needs_decision(&self) -> bool {
        matches!(self, Note::CardConflict { .. } | Note::FieldKept { .. })
    }
}

/// A merged value and what the clerk should know about it.
#[derive(Debug, Clone)]
pub struct Merged<T> {
    pub value: T,
    pub notes: Vec<Note>,
}

impl<T> Merged<T> {
    /// Whether anything was left for the clerk to decide.
    pub fn has_conflicts(&self) -> bool {
        self.notes.iter().any(Note::needs_decision)
    }
}

/// The kinds of file the merge knows, by the name their content starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Session,
    /// The themes file of a sessions folder (`Themes(…)`).
    Themes,
    /// The learned words of a sessions folder (`Learned(…)`).
    Learned,
}

/// Merges the texts of three versions of a file (`base` may be empty: the
/// file was added on both sides) into the text to write over `ours`.
/// `path` names the file in messages. Files that cannot be read, or were
/// written by a newer program, are refused with the reason.
pub fn merge_texts(
    path: &Path,
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<Merged<String>, FileError> {
    if ours == theirs {
        return Ok(Merged {
            value: ours.to_string(),
            notes: Vec::new(),
        });
    }
    if base == ours {
        return Ok(Merged {
            value: theirs.to_string(),
            notes: Vec::new(),
        });
    }
    if base == theirs {
        return Ok(Merged {
            value: ours.to_string(),
            notes: Vec::new(),
        });
    }
    let kind = kind_of(ours).or_else(|| kind_of(theirs));
    match kind {
        Some(Kind::Session) => {
            let load = |text: &str| -> Result<Session, FileError> {
                let loaded = store::parse(path, text)?;
                if loaded.read_only {
                    return Err(loaded
                        .warning
                        .unwrap_or_else(|| FileError::new(path, 1, 1, FileProblem::Newer)));
                }
                Ok(loaded.session)
            };
            let base = if base.trim().is_empty() {
                None
            } else {
                Some(load(base)?)
            };
            let ours = load(ours)?;
            let theirs = load(theirs)?;
            let merged = merge_sessions(base.as_ref(), &ours, &theirs);
            Ok(Merged {
                value: store::to_ron(&merged.value),
                notes: merged.notes,
            })
        }
        Some(Kind::Themes) => {
            use super::cluster::themes::{ThemesFile, themes_to_ron};
            let load = |text: &str| -> Result<ThemesFile, FileError> {
                ron::from_str(text).map_err(|e| FileError::ron(path, &e))
            };
            let base = if base.trim().is_empty() {
                None
            } else {
                Some(load(base)?)
            };
            let merged = merge_typed(base.as_ref(), &load(ours)?, &load(theirs)?)
                .map_err(|e| FileError::new(path, 1, 1, FileProblem::Merge(e.to_string())))?;
            Ok(Merged {
                value: themes_to_ron(&merged.value.themes),
                notes: merged.notes,
            })
        }
        Some(Kind::Learned) => {
            use super::cluster::learned::{LearnedFile, learned_to_ron, parse_learned};
            let load = |text: &str| -> Result<LearnedFile, FileError> {
                Ok(LearnedFile {
                    words: parse_learned(path, text)?,
                    ..LearnedFile::default()
                })
            };
            let base = if base.trim().is_empty() {
                None
            } else {
                Some(load(base)?)
            };
            let merged = merge_typed(base.as_ref(), &load(ours)?, &load(theirs)?)
                .map_err(|e| FileError::new(path, 1, 1, FileProblem::Merge(e.to_string())))?;
            Ok(Merged {
                value: learned_to_ron(&merged.value.words),
                notes: merged.notes,
            })
        }
        None => Err(FileError::new(path, 1, 1, FileProblem::CannotMerge)),
    }
}

/// What kind of file a text is, by the name its content starts with.
pub fn kind_of(text: &str) -> Option<Kind> {
    match super::template::leading_name(text) {
        "Session" => Some(Kind::Session),
        "Themes" => Some(Kind::Themes),
        "Learned" => Some(Kind::Learned),
        _ => None,
    }
}

/// Merges any value that serialises to fields and lists (the themes file,
/// the learned words): a field changed on one side takes that side's value,
/// lists of entries with an `id` or `key` merge entry by entry, other lists
/// as sets; fields both sides changed differently keep ours and are noted.
pub fn merge_typed<T: Serialize + DeserializeOwned>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
) -> Result<Merged<T>, serde_json::Error> {
    let b = base.map(serde_json::to_value).transpose()?;
    let o = serde_json::to_value(ours)?;
    let t = serde_json::to_value(theirs)?;
    let mut ctx = Ctx::default();
    let v = merge_value("", b.as_ref(), &o, &t, &mut ctx, false);
    Ok(Merged {
        value: serde_json::from_value(v)?,
        notes: ctx.field_notes(),
    })
}

// ---------------------------------------------------------------------------
// Sessions

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
    session.version = super::model::FORMAT_VERSION;
    super::repair::give_duplicates_new_ids(&mut session);
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

fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut s: String = line.chars().take(40).collect();
    if line.chars().count() > 40 || text.lines().nth(1).is_some() {
        s.push('…');
    }
    s
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

// ---------------------------------------------------------------------------
// Values

#[derive(Default)]
struct Ctx {
    /// Fields both sides changed differently: path, ours, theirs.
    conflicts: Vec<(String, Value, Value)>,
}

impl Ctx {
    fn field_notes(&self) -> Vec<Note> {
        self.conflicts
            .iter()
            .map(|(path, o, t)| Note::FieldKept {
                path: path.clone(),
                ours: short_value(o),
                theirs: short_value(t),
            })
            .collect()
    }
}

fn short_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("„{}“", short(s)),
        other => short(&other.to_string()),
    }
}

/// Fields whose value is one piece of text even though it is a list.
const WHOLE: &[&str] = &["sub_points"];

/// Three-way merge of two values; `prefer_theirs` decides fields both sides
/// changed differently (which are recorded in `ctx`).
fn merge_value(
    path: &str,
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
    ctx: &mut Ctx,
    prefer_theirs: bool,
) -> Value {
    if ours == theirs {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    if base == Some(theirs) {
        return ours.clone();
    }
    let field = path.rsplit('.').next().unwrap_or(path);
    match (ours, theirs) {
        (Value::Object(o), Value::Object(t)) => {
            let b = base.and_then(Value::as_object);
            Value::Object(merge_object(path, b, o, t, ctx, prefer_theirs))
        }
        (Value::Array(o), Value::Array(t)) if !WHOLE.contains(&field) => {
            let b = base.and_then(Value::as_array).map(Vec::as_slice);
            Value::Array(merge_array(path, b, o, t, ctx, prefer_theirs))
        }
        _ => {
            ctx.conflicts
                .push((path.to_string(), ours.clone(), theirs.clone()));
            if prefer_theirs {
                theirs.clone()
            } else {
                ours.clone()
            }
        }
    }
}

fn merge_object(
    path: &str,
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    ctx: &mut Ctx,
    prefer_theirs: bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    let keys: Vec<&String> = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)))
        .chain(
            base.into_iter()
                .flat_map(|b| b.keys())
                .filter(|k| !ours.contains_key(*k) && !theirs.contains_key(*k)),
        )
        .collect();
    for k in keys {
        let sub = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        // A field left out of a side is its empty value: an empty list for
        // lists, else nothing (a field written only when set).
        let list = [base.and_then(|b| b.get(k)), ours.get(k), theirs.get(k)]
            .into_iter()
            .flatten()
            .any(Value::is_array);
        let fill = |v: Option<&Value>| match v {
            Some(v) => v.clone(),
            None if list => Value::Array(Vec::new()),
            None => Value::Null,
        };
        let b = base.map(|b| fill(b.get(k)));
        let (o, t) = (fill(ours.get(k)), fill(theirs.get(k)));
        let merged = merge_value(&sub, b.as_ref(), &o, &t, ctx, prefer_theirs);
        if !merged.is_null() {
            out.insert(k.clone(), merged);
        }
    }
    out
}

/// The field that names the entries of a list: `id` or `key`.
fn key_of(v: &Value) -> Option<&'static str> {
    let obj = v.as_object()?;
    ["id", "key"]
        .into_iter()
        .find(|k| obj.get(*k).is_some_and(Value::is_string))
}

fn id_str<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn merge_array(
    path: &str,
    base: Option<&[Value]>,
    ours: &[Value],
    theirs: &[Value],
    ctx: &mut Ctx,
    prefer_theirs: bool,
) -> Vec<Value> {
    let key = ours
        .first()
        .or(theirs.first())
        .or(base.and_then(|b| b.first()))
        .and_then(key_of);
    let keyed = key.is_some_and(|k| {
        ours.iter()
            .chain(theirs)
            .chain(base.unwrap_or_default())
            .all(|v| key_of(v) == Some(k))
    });
    let Some(key) = key.filter(|_| keyed) else {
        return merge_set(base, ours, theirs);
    };
    let index = |items: &[Value]| -> HashMap<String, Value> {
        items
            .iter()
            .map(|v| (id_str(v, key).to_string(), v.clone()))
            .collect()
    };
    let ids = |items: &[Value]| -> Vec<String> {
        items.iter().map(|v| id_str(v, key).to_string()).collect()
    };
    let (bi, oi, ti) = (index(base.unwrap_or_default()), index(ours), index(theirs));
    let mut values: HashMap<String, Value> = HashMap::new();
    let mut all = ids(ours);
    all.extend(ids(theirs));
    all.extend(ids(base.unwrap_or_default()));
    let mut seen = HashSet::new();
    all.retain(|id| seen.insert(id.clone()));
    for id in &all {
        let sub = format!("{path}[{id}]");
        let (b, o, t) = (bi.get(id), oi.get(id), ti.get(id));
        let v = match (b, o, t) {
            (_, Some(o), Some(t)) => Some(merge_value(&sub, b, o, t, ctx, prefer_theirs)),
            (Some(b), Some(x), None) | (Some(b), None, Some(x)) => (x != b).then(|| x.clone()),
            (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
            (_, None, None) => None,
        };
        if let Some(v) = v {
            values.insert(id.clone(), v);
        }
    }
    let keep: HashSet<&str> = values.keys().map(String::as_str).collect();
    let (b, o, t) = (ids(base.unwrap_or_default()), ids(ours), ids(theirs));
    merge_order(&as_refs(&b), &as_refs(&o), &as_refs(&t), &keep)
        .into_iter()
        .filter_map(|id| values.remove(&id))
        .collect()
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Three-way merge of a list as a set: what either side removed goes, what
/// either side added comes, in ours' order with theirs' additions after.
fn merge_set(base: Option<&[Value]>, ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let base = base.unwrap_or_default();
    let mut out: Vec<Value> = ours
        .iter()
        // Kept unless theirs removed it.
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// The order of the entries in `keep`: ours' order, with what theirs added
/// or moved put after the entry it follows on theirs' side.
pub(crate) fn merge_order(
    base: &[&str],
    ours: &[&str],
    theirs: &[&str],
    keep: &HashSet<&str>,
) -> Vec<String> {
    let in_all: HashSet<&str> = {
        let b: HashSet<&str> = base.iter().copied().collect();
        let t: HashSet<&str> = theirs.iter().copied().collect();
        ours.iter()
            .copied()
            .filter(|id| b.contains(id) && t.contains(id) && keep.contains(id))
            .collect()
    };
    // The nearest entry before `id` that all three have.
    let before = |seq: &[&str], id: &str| -> Option<String> {
        let at = seq.iter().position(|x| *x == id)?;
        seq[..at]
            .iter()
            .rev()
            .find(|x| in_all.contains(**x))
            .map(|x| x.to_string())
    };
    let moved_by_theirs = |id: &str| {
        in_all.contains(id) && {
            let b = before(base, id);
            before(theirs, id) != b && before(ours, id) == b
        }
    };
    let mut out: Vec<String> = ours
        .iter()
        .filter(|id| keep.contains(**id) && !moved_by_theirs(id))
        .map(|id| id.to_string())
        .collect();
    let mut placed: HashSet<String> = out.iter().cloned().collect();
    for (i, id) in theirs.iter().enumerate() {
        if !keep.contains(id) || placed.contains(*id) {
            continue;
        }
        let mut at = theirs[..i]
            .iter()
            .rev()
            .find_map(|prev| out.iter().position(|x| x == prev))
            .map_or(0, |p| p + 1);
        // What ours added at the same place comes first.
        while at < out.len()
            && !base.contains(&out[at].as_str())
            && !theirs.contains(&out[at].as_str())
        {
            at += 1;
        }
        out.insert(at, id.to_string());
        placed.insert(id.to_string());
    }
    // Entries only base placed (kept for a change on one side that lost its
    // place on both) go at the end.
    let mut rest: Vec<&str> = keep
        .iter()
        .copied()
        .filter(|id| !placed.contains(*id))
        .collect();
    rest.sort_unstable();
    out.extend(rest.into_iter().map(String::from));
    out
}

#[cfg(test)]
mod tests;
