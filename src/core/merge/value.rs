//! Merging three versions of any value as JSON: fields one side changed,
//! lists of entries by `id` or `key`, other lists as sets.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Note, short};

#[derive(Default)]
/// What a merge of values found on the way.
pub(super) struct Ctx {
    /// Fields both sides changed differently: path, ours, theirs.
    pub(super) conflicts: Vec<(String, Value, Value)>,
}

impl Ctx {
    pub(super) fn field_notes(&self) -> Vec<Note> {
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
pub(super) fn merge_value(
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
pub(super) fn merge_set(base: Option<&[Value]>, ours: &[Value], theirs: &[Value]) -> Vec<Value> {
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
