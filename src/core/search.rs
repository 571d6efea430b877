//! Search as you type over all cards of the open sessions: fuzzy matching
//! (fuzzy-matcher's Skim algorithm), best first, with the matched letters
//! for highlighting.
//!
//! Speed: every card's text is lower-cased once; a query first keeps the
//! cards that contain its letters in order (cheap), and only the most
//! promising of those are scored by the fuzzy matcher. A [`Searcher`]
//! narrows the previous result when the query grows by a letter.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::model::Session;

/// At most this many cards are scored by the fuzzy matcher per query; more
/// candidates (a one-letter query) are first ranked by a cheap score.
const SCORED: usize = 200;

/// A card that can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchItem {
    /// Index of the session in the list the index was built from.
    pub session: usize,
    pub board: String,
    pub card: String,
    /// The text searched and shown: card text and sub-points.
    pub text: String,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The text with each char replaced by its first lower-case char (so
    /// char positions agree with the text). The matcher is given this,
    /// since its own case folding only knows ASCII ("Ö" would miss "ö").
    lower_text: Box<str>,
    /// Which bytes occur (each byte sets bit `byte % 64`): a card missing a
    /// query byte is passed over without reading its text.
    bytes: u64,
}

fn byte_mask(text: &[u8]) -> u64 {
    text.iter().fold(0u64, |m, &b| m | 1 << (b % 64))
}

/// A found card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`SearchIndex::items`].
    pub item: usize,
    pub score: i64,
    /// Char positions in the item's text that matched the query.
    pub indices: Vec<usize>,
}

/// The cards to search, prepared once.
pub struct SearchIndex {
    items: Vec<SearchItem>,
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.items.len())
            .finish()
    }
}

fn lower_chars(text: &str) -> Box<[char]> {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Whether the bytes of `q` occur in `text` in order: true whenever the
/// letters do (cheap, on bytes; the matcher decides the rest).
fn is_subsequence(q: &[u8], text: &[u8]) -> bool {
    let mut rest = text;
    for &b in q {
        match rest.iter().position(|&t| t == b) {
            Some(p) => rest = &rest[p + 1..],
            None => return false,
        }
    }
    true
}

/// A rough score for ranking many candidates: whole query as a piece of the
/// text, at a word start, early, in a short text (on bytes, for speed).
fn cheap_score(q: &[u8], text: &[u8]) -> i64 {
    let mut best = 0i64;
    let mut from = 0;
    while let Some(p) = text[from..].iter().position(|&b| b == q[0]) {
        let pos = from + p;
        from = pos + 1;
        if !text[pos..].starts_with(q) {
            continue;
        }
        // Non-ASCII before counts as a letter (umlauts).
        let word_start = pos == 0 || {
            let b = text[pos - 1];
            b.is_ascii() && !b.is_ascii_alphanumeric()
        };
        let score = 1000 + if word_start { 500 } else { 0 } - pos.min(200) as i64;
        best = best.max(score);
        if word_start {
            break;
        }
    }
    best - text.len().min(500) as i64 / 4
}

/// Runs `f` over the ranges of `0..n` on two threads when `n` is large.
fn split_work<T: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    const PARALLEL_FROM: usize = 20_000;
    if n < PARALLEL_FROM {
        return f(0..n);
    }
    let mid = n / 2;
    std::thread::scope(|scope| {
        let f = &f;
        let second = scope.spawn(move || f(mid..n));
        let mut out = f(0..mid);
        out.extend(second.join().unwrap_or_default());
        out
    })
}

impl SearchIndex {
    pub fn new(items: Vec<SearchItem>) -> Self {
        let entries = items
            .iter()
            .map(|i| {
                let lower_text: Box<str> = lower_chars(&i.text).iter().collect::<String>().into();
                Entry {
                    bytes: byte_mask(lower_text.as_bytes()),
                    lower_text,
                }
            })
            .collect();
        SearchIndex {
            items,
            entries,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// All cards of the sessions, in session, board, column and card order.
    pub fn from_sessions(sessions: &[Session]) -> Self {
        let mut items = Vec::new();
        for (s, session) in sessions.iter().enumerate() {
            for (board, _, card) in session.cards() {
                items.push(SearchItem {
                    session: s,
                    board: board.id.clone(),
                    card: card.id.clone(),
                    text: card.full_text(),
                });
            }
        }
        SearchIndex::new(items)
    }

    pub fn items(&self) -> &[SearchItem] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The best `limit` matches for `query`, best first (ties in card order).
    /// An empty query matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Match> {
        let q = lower_chars(query.trim());
        let candidates = self.candidates(&q, None);
        self.rank(&q, &candidates, limit)
    }

    fn candidates(&self, q: &[char], within: Option<&[u32]>) -> Vec<u32> {
        if q.is_empty() {
            return Vec::new();
        }
        let q: String = q.iter().collect();
        let q = q.as_bytes();
        let mask = byte_mask(q);
        let keep = |i: u32| {
            let e = &self.entries[i as usize];
            mask & !e.bytes == 0 && is_subsequence(q, e.lower_text.as_bytes())
        };
        match within {
            Some(c) => split_work(c.len(), |r| {
                c[r].iter().copied().filter(|&i| keep(i)).collect()
            }),
            None => split_work(self.entries.len(), |r| {
                (r.start as u32..r.end as u32)
                    .filter(|&i| keep(i))
                    .collect()
            }),
        }
    }

    fn rank(&self, q: &[char], candidates: &[u32], limit: usize) -> Vec<Match> {
        if limit == 0 || candidates.is_empty() {
            return Vec::new();
        }
        let query: String = q.iter().collect();
        let query = query.as_str();
        let shortlist: Vec<u32> = if candidates.len() <= SCORED {
            candidates.to_vec()
        } else {
            let mut scored: Vec<(i64, u32)> = split_work(candidates.len(), |r| {
                candidates[r]
                    .iter()
                    .map(|&i| {
                        let text = self.entries[i as usize].lower_text.as_bytes();
                        (cheap_score(query.as_bytes(), text), i)
                    })
                    .collect()
            });
            scored.select_nth_unstable_by(SCORED - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(SCORED);
            scored.into_iter().map(|(_, i)| i).collect()
        };
        let mut scored: Vec<(i64, u32)> = shortlist
            .iter()
            .filter_map(|&i| {
                self.matcher
                    .fuzzy_match(&self.entries[i as usize].lower_text, query)
                    .map(|s| (s, i))
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .filter_map(|(score, i)| {
                let (_, indices) = self
                    .matcher
                    .fuzzy_indices(&self.entries[i as usize].lower_text, query)?;
                Some(Match {
                    item: i as usize,
                    score,
                    indices,
                })
            })
            .collect()
    }
}

/// Search as you type: remembers the cards that matched the last query and
/// only looks at those when the query grows.
#[derive(Debug)]
pub struct Searcher {
    index: SearchIndex,
    last: Option<(Box<[char]>, Vec<u32>)>,
}

impl Searcher {
    pub fn new(index: SearchIndex) -> Self {
        Searcher { index, last: None }
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// The best `limit` matches, like [`SearchIndex::search`].
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Match> {
        let query = query.trim();
        let q = lower_chars(query);
        let within = match &self.last {
            Some((prev, cands)) if !prev.is_empty() && q.starts_with(prev) => {
                Some(cands.as_slice())
            }
            _ => None,
        };
        let candidates = self.index.candidates(&q, within);
        let out = self.index.rank(&q, &candidates, limit);
        self.last = Some((q, candidates));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| SearchItem {
                    session: 0,
                    board: "b1".into(),
                    card: format!("k{i}"),
                    text: t.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn finds_fuzzy_best_first_with_positions() {
        let idx = index(&[
            "zu wenig Parkplätze",
            "Kita-Plätze",
            "fehlende Kitaplätze",
            "Müll auf den Straßen",
        ]);
        let hits = idx.search("kitapl", 10);
        let found: Vec<usize> = hits.iter().map(|m| m.item).collect();
        assert_eq!(found.len(), 2);
        assert!(found.contains(&1) && found.contains(&2));
        assert!(hits[0].score >= hits[1].score);
        let text: Vec<char> = idx.items()[hits[0].item].text.chars().collect();
        let matched: String = hits[0].indices.iter().map(|&i| text[i]).collect();
        assert_eq!(matched.to_lowercase(), "kitapl");
        assert!(idx.search("", 10).is_empty());
        assert!(idx.search("xyzzy", 10).is_empty());
    }

    #[test]
    fn umlauts_and_case_positions_agree() {
        let idx = index(&["ÄRZTE und Öffnungszeiten"]);
        let hits = idx.search("öff", 5);
        assert_eq!(hits[0].indices, vec![10, 11, 12]);
    }

    #[test]
    fn growing_query_gives_the_same_as_a_fresh_search() {
        let texts = [
            "Kita-Plätze",
            "Kitaplätze + IFÖ-Schulplätze",
            "Sprachkurs + Kinderbetreuung",
            "Kindergartenplätze",
            "Wildes Parken / Rücksichtnahme",
        ];
        let mut s = Searcher::new(index(&texts));
        let fresh = index(&texts);
        for q in ["k", "ki", "kin", "kind", "kin", "p", "pl", "plä"] {
            assert_eq!(s.search(q, 10), fresh.search(q, 10), "{q}");
        }
    }
}
