//! The last clustering run kept, so that the review opens at once: its
//! clusters with what they were made from (a stamp of the options and of
//! every card, the themes and refusals), in memory and in a cache file
//! beside the session (`.stellwand-cache/NAME.ron.clusters`).
//!
//! The cache is only a cache: a file that is damaged, truncated, foreign,
//! of another engine or made from other options is ignored and the
//! clustering runs again; a file that cannot be written (a full disk, a
//! planted link) is left alone. Nothing is ever read or written through a
//! symbolic link, and the folder carries a `.gitignore` of its own, so the
//! cache never goes into the concept repository.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Cluster, ClusterCard, ClusterOptions, Clustering, Member, Reason, Thesaurus};
use crate::core::cluster::learned::LearnedWord;
use crate::core::files;
use crate::core::model::{Refusal, Theme};

/// Changes whenever the clustering could give another result for the same
/// input: a kept run of another engine is not used.
pub const ENGINE: u32 = 2;

/// The folder of the cache, beside the sessions.
pub const CACHE_DIR: &str = ".stellwand-cache";

const MAGIC: &[u8] = b"stellwand clusters\n";
const FORMAT: u32 = 2;
/// A larger file is not read.
const MAX_BYTES: u64 = 1 << 30;

/// What a card is to the clustering, as a number: two cards with the same
/// stamp are clustered alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStamp {
    /// Which card: its session and id, as a number.
    pub key: u64,
    /// All the clustering reads of it.
    pub hash: u64,
}

impl CardStamp {
    pub fn of(card: &ClusterCard) -> Self {
        let mut k = DefaultHasher::new();
        (&card.session, &card.id).hash(&mut k);
        let mut h = DefaultHasher::new();
        (
            &card.id,
            &card.session,
            &card.board,
            &card.column,
            &card.text,
            &card.place,
            &card.tags,
            card.people,
        )
            .hash(&mut h);
        CardStamp {
            key: k.finish(),
            hash: h.finish(),
        }
    }
}

/// The program's own file, by size and time: another build of the program
/// may cluster otherwise, even where nobody changed [`ENGINE`].
fn build() -> Option<(u64, std::time::SystemTime)> {
    static BUILD: std::sync::OnceLock<Option<(u64, std::time::SystemTime)>> =
        std::sync::OnceLock::new();
    *BUILD.get_or_init(|| {
        let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    })
}

/// What a run was made from, apart from the clerk's decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The engine, the options, the thesaurus and the words learned from
    /// other sessions: when they differ, only a whole run will do.
    pub options: u64,
    /// The words the session's own themes taught: they come from decisions
    /// the kept run reflects already.
    pub own_learned: u64,
    /// Each card, in the order clustered.
    pub cards: Vec<CardStamp>,
}

impl Stamp {
    pub fn of(
        cards: &[ClusterCard],
        options: &ClusterOptions,
        thesaurus: &Thesaurus,
        learned: &[LearnedWord],
    ) -> Self {
        let home = options.home_session.as_deref();
        let mut h = DefaultHasher::new();
        (ENGINE, env!("CARGO_PKG_VERSION"), build()).hash(&mut h);
        options.threshold.to_bits().hash(&mut h);
        (options.across_columns, &options.home_session, options.learn).hash(&mut h);
        thesaurus.general.hash(&mut h);
        for g in &thesaurus.groups {
            (&g.name, &g.words, g.broad, g.learned).hash(&mut h);
        }
        let mut own = DefaultHasher::new();
        for w in learned {
            if Some(w.session.as_str()) == home {
                w.hash(&mut own);
            } else {
                w.hash(&mut h);
            }
        }
        Stamp {
            options: h.finish(),
            own_learned: own.finish(),
            cards: cards.par_iter().map(CardStamp::of).collect(),
        }
    }
}

/// A kept run: its clusters and everything they were made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub stamp: Stamp,
    /// The themes and refusals the clusters reflect.
    pub themes: Vec<Theme>,
    pub refused: Vec<Refusal>,
    pub clustering: Clustering,
}

impl Kept {
    /// One number for everything the clusters depend on.
    pub fn fingerprint(&self) -> u64 {
        fingerprint(&self.stamp, &self.themes, &self.refused)
    }
}

/// One number for a stamp and the decisions: equal numbers, equal runs.
pub fn fingerprint(stamp: &Stamp, themes: &[Theme], refused: &[Refusal]) -> u64 {
    let mut h = DefaultHasher::new();
    (stamp.options, stamp.own_learned).hash(&mut h);
    for c in &stamp.cards {
        (c.key, c.hash).hash(&mut h);
    }
    for t in themes {
        (&t.id, &t.label, &t.tag, &t.cards, &t.rejected, t.confirmed).hash(&mut h);
    }
    for r in refused {
        r.cards.hash(&mut h);
    }
    h.finish()
}

/// Where the run of the session file `session` is kept; `None` for a path
/// without a file name.
pub fn cache_path(session: &Path) -> Option<PathBuf> {
    let name = session.file_name()?;
    let dir = match session.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut file = name.to_os_string();
    file.push(".clusters");
    Some(dir.join(CACHE_DIR).join(file))
}

/// The run kept for the session file `session`, if there is a sound one.
/// Anything else (no file, a link, a damaged or foreign file) is `None`.
pub fn load(session: &Path) -> Option<Kept> {
    let path = cache_path(session)?;
    // The folder must be the program's own, not a link to elsewhere.
    let dir = path.parent()?;
    if !std::fs::symlink_metadata(dir).ok()?.file_type().is_dir() {
        return None;
    }
    let mut file = files::open_no_follow(&path, std::fs::OpenOptions::new().read(true)).ok()?;
    // A cache file of even a million cards is far smaller.
    if file.metadata().ok()?.len() > MAX_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    decode(&bytes)
}

/// Keeps a run for the session file `session` in the cache folder beside
/// it, written atomically with the session's permissions. A link or
/// anything else but a folder at the cache folder's place is left alone
/// (an error); so is a link at the file's place, which is replaced, never
/// written through.
pub fn store(session: &Path, kept: &Kept) -> io::Result<()> {
    let path = cache_path(session).ok_or_else(|| io::Error::other("no file name"))?;
    let dir = path.parent().ok_or_else(|| io::Error::other("no folder"))?;
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_dir() => {}
        Ok(_) => return Err(io::Error::other("not a folder of stellwand's")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir(dir)?;
        }
        Err(e) => return Err(e),
    }
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        let text = "# stellwand: zwischengespeicherte Cluster, nur lokal\n*\n";
        crate::core::store::write_atomic(&ignore, text.as_bytes())?;
    }
    clear_leftovers(dir);
    crate::core::store::write_atomic_with(&path, &encode(kept), Some(session), &mut || Ok(()))
}

/// Temporary files of a write that was cut off (the program killed), once
/// they are old enough that no other program can still be writing them.
fn clear_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let old = std::time::Duration::from_secs(600);
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > old);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The strings of a file, each written once.
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s);
        self.index.insert(s, i);
        i
    }
}

struct Out<'a> {
    body: Vec<u8>,
    strings: Strings<'a>,
}

impl<'a> Out<'a> {
    fn u8(&mut self, v: u8) {
        self.body.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.body.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.body.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn str(&mut self, s: &'a str) {
        let i = self.strings.id(s);
        self.u32(i);
    }
    fn opt(&mut self, s: &'a Option<String>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    fn strs(&mut self, v: &'a [String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
}

/// The bytes of a kept run.
pub fn encode(kept: &Kept) -> Vec<u8> {
    let mut out = Out {
        body: Vec::new(),
        strings: Strings::default(),
    };
    let o = &mut out;
    o.u64(kept.stamp.options);
    o.u64(kept.stamp.own_learned);
    o.len(kept.stamp.cards.len());
    for c in &kept.stamp.cards {
        o.u64(c.key);
        o.u64(c.hash);
    }
    o.len(kept.themes.len());
    for t in &kept.themes {
        o.str(&t.id);
        o.str(&t.label);
        o.opt(&t.tag);
        o.strs(&t.cards);
        o.strs(&t.rejected);
        o.u8(t.confirmed as u8);
    }
    o.len(kept.refused.len());
    for r in &kept.refused {
        o.strs(&r.cards);
    }
    o.len(kept.clustering.clusters.len());
    for c in &kept.clustering.clusters {
        o.str(&c.label);
        o.opt(&c.theme);
        o.len(c.members.len());
        for m in &c.members {
            o.u32(m.card as u32);
            o.u8(m.new as u8);
            o.len(m.reasons.len());
            for r in m.reasons.iter() {
                match r {
                    Reason::SharedStems { word, stems } => {
                        o.u8(0);
                        o.str(word);
                        o.strs(stems);
                    }
                    Reason::Synonym { word, group } => {
                        o.u8(1);
                        o.str(word);
                        o.str(group);
                    }
                    Reason::Spelling { word, read_as } => {
                        o.u8(2);
                        o.str(word);
                        o.str(read_as);
                    }
                    Reason::Learned { word, theme } => {
                        o.u8(3);
                        o.str(word);
                        o.str(theme);
                    }
                    Reason::Related { word, like } => {
                        o.u8(4);
                        o.str(word);
                        o.str(like);
                    }
                }
            }
        }
    }
    let Out { body, strings } = out;
    let mut rest = Vec::with_capacity(body.len() + strings.list.len() * 12);
    rest.extend_from_slice(&(strings.list.len() as u32).to_le_bytes());
    for s in &strings.list {
        rest.extend_from_slice(&(s.len() as u32).to_le_bytes());
        rest.extend_from_slice(s.as_bytes());
    }
    rest.extend_from_slice(&body);
    let mut bytes = Vec::with_capacity(rest.len() + 40);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&(rest.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(&rest).to_le_bytes());
    bytes.extend_from_slice(&rest);
    bytes
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

struct In<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: Vec<&'a str>,
}

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count of things of at least `size` bytes each: never more than the
    /// bytes left could hold.
    fn len(&mut self, size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(size)? <= self.bytes.len() - self.at).then_some(n)
    }
    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn str(&mut self) -> Option<String> {
        let i = self.u32()? as usize;
        self.strings.get(i).map(|s| s.to_string())
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.bool()? {
            false => Some(None),
            true => Some(Some(self.str()?)),
        }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// A kept run from its bytes; `None` unless they are whole and sound:
/// every card in exactly one cluster, the clusters in the order of a run.
pub fn decode(bytes: &[u8]) -> Option<Kept> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let mut head = In {
        bytes: rest,
        at: 0,
        strings: Vec::new(),
    };
    if head.u32()? != FORMAT {
        return None;
    }
    let len = usize::try_from(head.u64()?).ok()?;
    let sum = head.u64()?;
    let rest = &rest[head.at..];
    if rest.len() != len || checksum(rest) != sum {
        return None;
    }
    let mut r = In {
        bytes: rest,
        at: 0,
        strings: Vec::new(),
    };
    let n = r.len(4)?;
    let mut strings = Vec::with_capacity(n);
    for _ in 0..n {
        let l = r.u32()? as usize;
        strings.push(std::str::from_utf8(r.take(l)?).ok()?);
    }
    r.strings = strings;
    let options = r.u64()?;
    let own_learned = r.u64()?;
    let n = r.len(16)?;
    let mut cards = Vec::with_capacity(n);
    for _ in 0..n {
        cards.push(CardStamp {
            key: r.u64()?,
            hash: r.u64()?,
        });
    }
    let n = r.len(18)?;
    let mut themes = Vec::with_capacity(n);
    for _ in 0..n {
        themes.push(Theme {
            id: r.str()?,
            label: r.str()?,
            tag: r.opt()?,
            cards: r.strs()?,
            rejected: r.strs()?,
            confirmed: r.bool()?,
        });
    }
    let n = r.len(4)?;
    let mut refused = Vec::with_capacity(n);
    for _ in 0..n {
        refused.push(Refusal { cards: r.strs()? });
    }
    let n = r.len(9)?;
    let mut clusters = Vec::with_capacity(n);
    let mut seen = vec![false; cards.len()];
    for _ in 0..n {
        let label = r.str()?;
        let theme = r.opt()?;
        let k = r.len(9)?;
        let mut members = Vec::with_capacity(k);
        for _ in 0..k {
            let card = r.u32()? as usize;
            if std::mem::replace(seen.get_mut(card)?, true) {
                return None;
            }
            let new = r.bool()?;
            let k = r.len(5)?;
            let mut reasons = Vec::with_capacity(k);
            for _ in 0..k {
                reasons.push(match r.u8()? {
                    0 => Reason::SharedStems {
                        word: r.str()?,
                        stems: r.strs()?,
                    },
                    1 => Reason::Synonym {
                        word: r.str()?,
                        group: r.str()?,
                    },
                    2 => Reason::Spelling {
                        word: r.str()?,
                        read_as: r.str()?,
                    },
                    3 => Reason::Learned {
                        word: r.str()?,
                        theme: r.str()?,
                    },
                    4 => Reason::Related {
                        word: r.str()?,
                        like: r.str()?,
                    },
                    _ => return None,
                });
            }
            members.push(Member {
                card,
                new,
                reasons: Arc::from(reasons),
            });
        }
        if members.is_empty() {
            return None;
        }
        clusters.push(Cluster {
            label,
            theme,
            members,
        });
    }
    let ordered = clusters
        .windows(2)
        .all(|w| super::cluster_order(&w[0], &w[1]) == std::cmp::Ordering::Less);
    if r.at != rest.len() || !seen.iter().all(|&s| s) || !ordered {
        return None;
    }
    Some(Kept {
        stamp: Stamp {
            options,
            own_learned,
            cards,
        },
        themes,
        refused,
        clustering: Clustering { clusters },
    })
}

#[cfg(test)]
mod tests;
