//! Spelling variants: a misspelt long word is read as its frequent spelling
//! ("Quartierskümern" as "Quartierskümmerer").

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use rphonetic::{Cologne, Encoder};

use super::super::graph::FastMap;
use super::{Analyzer, FastSet};

impl Analyzer {
    /// Word parts that may be the same word spelled differently, mapped to the
    /// more frequent spelling. Only compared within blocks (same beginning,
    /// same ending or same sound key), never all against all; and only
    /// where one of the two is a word of the cards (`on_cards`): the
    /// thesaurus' own words are spelled right.
    pub(super) fn link_spellings(
        &mut self,
        freq: &FastMap<&str, u32>,
        on_cards: &FastSet<&str>,
    ) -> FastMap<String, String> {
        let mut words: Vec<(&str, u32)> = freq
            .iter()
            .filter(|(w, _)| w.chars().count() >= 7)
            .map(|(w, f)| (*w, *f))
            .collect();
        words.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let card_word: Vec<bool> = words.iter().map(|(w, _)| on_cards.contains(w)).collect();
        // Each word as written and as stem, with its sound key.
        let stemmer = &self.stems.stemmer;
        let info: Vec<[Spelling; 2]> = words
            .par_iter()
            .with_min_len(64)
            .map(|(w, _)| {
                let cologne = Cologne;
                let stem = stemmer.stem(w).into_owned();
                [Spelling::new(w, &cologne), Spelling::new(&stem, &cologne)]
            })
            .collect();
        let mut blocks: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, [word, _]) in info.iter().enumerate() {
            // A slip of the pen spares the beginning or the end of a word
            // of seven letters or more, or leaves its sound.
            let chars = &word.chars;
            let head: String = chars[..4].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            blocks.entry(format!("h{head}")).or_default().push(i);
            blocks.entry(format!("t{tail}")).or_default().push(i);
            blocks
                .entry(format!("c{}", word.sound))
                .or_default()
                .push(i);
        }
        let mut parent: Vec<usize> = (0..words.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        // The pairs of each block, on both cores; a pair in several blocks
        // is compared in the first (heads, then tails, then sounds).
        let quick: Vec<Quick> = info
            .iter()
            .zip(&card_word)
            .map(|([w, s], &card)| Quick::new(w, s, card))
            .collect();
        let mut keys: Vec<&String> = blocks.keys().collect();
        keys.sort();
        // Each block's words with what the pair loop reads of them side by
        // side: read in order, not fetched from all over the memory.
        let sorted: Vec<(u8, Vec<(usize, Quick)>)> = keys
            .par_iter()
            .map(|key| {
                let mut members = blocks[*key].clone();
                members.sort_by_key(|&i| (info[i][0].chars.len(), i));
                let members = members.into_iter().map(|i| (i, quick[i])).collect();
                (key.as_bytes()[0], members)
            })
            .collect();
        drop(quick);
        // A large block is split by its first words, so that one block of
        // thousands does not keep one core busy while the other waits.
        let tasks: Vec<(usize, usize)> = sorted
            .iter()
            .enumerate()
            .flat_map(|(b, (_, members))| {
                (0..members.len()).step_by(SPLIT).map(move |from| (b, from))
            })
            .collect();
        // Each piece a task of its own: the pieces of a large block lie
        // together and take the longest.
        let linked: Vec<(usize, usize)> = tasks
            .par_iter()
            .with_max_len(4)
            .map_init(
                || SkimMatcherV2::default().ignore_case(),
                |matcher, &(block, from)| {
                    let (kind, members) = (sorted[block].0, &sorted[block].1);
                    let mut out = Vec::new();
                    let to = (from + SPLIT).min(members.len());
                    for (x, &(a, ref qa)) in members.iter().enumerate().take(to).skip(from) {
                        for &(b, ref qb) in &members[x + 1..] {
                            if qb.len > qa.len + 3 {
                                break;
                            }
                            if !qa.card && !qb.card {
                                continue;
                            }
                            let earlier = match kind {
                                b't' => qa.head == qb.head,
                                b'c' => qa.head == qb.head || qa.tail == qb.tail,
                                _ => false,
                            };
                            // Most pairs are too far apart by their letters
                            // alone, as written and as stems.
                            if earlier || (qa.word.too_far(&qb.word) && qa.stem.too_far(&qb.stem)) {
                                continue;
                            }
                            let ([wa, sa], [wb, sb]) = (&info[a], &info[b]);
                            if sa.text == sb.text {
                                continue;
                            }
                            // Compared as written and as stems: "Quartierskümern" and
                            // "Quartierskümmerer" differ in three letters, their stems in one.
                            if similar_spelling(wa, wb, matcher)
                                || similar_spelling(sa, sb, matcher)
                            {
                                out.push((a, b));
                            }
                        }
                    }
                    out
                },
            )
            .flatten_iter()
            .collect();
        for (a, b) in linked {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
        // Each group is read as its most frequent spelling.
        let mut groups: FastMap<usize, Vec<usize>> = FastMap::default();
        for i in 0..words.len() {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let mut out = FastMap::default();
        for members in groups.values() {
            if members.len() < 2 {
                continue;
            }
            let canon = *members
                .iter()
                .max_by(|&&a, &&b| {
                    words[a]
                        .1
                        .cmp(&words[b].1)
                        .then_with(|| words[b].0.cmp(words[a].0))
                })
                .expect("non-empty group");
            for &m in members {
                if m != canon && words[m].1 <= words[canon].1 {
                    out.insert(words[m].0.to_string(), words[canon].0.to_string());
                }
            }
        }
        out
    }
}

/// Words of a block whose pairs with the later words are one piece of work.
const SPLIT: usize = 64;

/// A word (or stem) prepared for comparing spellings.
struct Spelling {
    text: String,
    chars: Vec<char>,
    /// Kölner Phonetik.
    sound: String,
    letters: super::super::letters::Letters,
}

impl Spelling {
    fn new(text: &str, cologne: &Cologne) -> Self {
        Spelling {
            text: text.to_string(),
            chars: text.chars().collect(),
            sound: cologne.encode(text),
            letters: super::super::letters::Letters::of(&text.chars().collect::<Vec<_>>()),
        }
    }
}

/// What the pair loop reads of a word, kept together and apart from the
/// text so that a block's pairs are ruled out without following pointers.
#[derive(Clone, Copy)]
struct Quick {
    /// Letters of the word as written.
    len: u32,
    head: [char; 4],
    tail: [char; 4],
    /// A word of the cards (not only of the thesaurus).
    card: bool,
    word: Reach,
    stem: Reach,
}

impl Quick {
    fn new(word: &Spelling, stem: &Spelling, card: bool) -> Self {
        let c = &word.chars;
        let four = |s: &[char]| [s[0], s[1], s[2], s[3]];
        Quick {
            len: c.len() as u32,
            head: four(&c[..4]),
            tail: four(&c[c.len() - 4..]),
            card,
            word: Reach::of(word),
            stem: Reach::of(stem),
        }
    }
}

/// A spelling's length and letters, for [`Reach::too_far`].
#[derive(Clone, Copy)]
struct Reach {
    len: u32,
    letters: super::super::letters::Letters,
}

impl Reach {
    fn of(s: &Spelling) -> Self {
        Reach {
            len: s.chars.len() as u32,
            letters: s.letters,
        }
    }

    /// Whether [`similar_spelling`] must refuse the two: their letters
    /// differ by more slips than any of its rules accepts at their length.
    fn too_far(&self, other: &Reach) -> bool {
        let reach = most_slips(self.len.max(other.len) as usize);
        reach == 0 || self.letters.distance_at_least(&other.letters) > reach
    }
}

/// The most slips [`similar_spelling`] accepts between words of which the
/// longer has `m` letters, whatever the words.
fn most_slips(m: usize) -> usize {
    let mut reach = if m >= 10 { 2 } else { 0 };
    if m >= 7 {
        reach = reach.max((m / 8).max(1));
    }
    if m >= 12 {
        reach = reach.max(m / 6);
    }
    reach.min(2.max(m / 6))
}

/// Whether two different words look like one word written twice, once with a
/// slip of the pen.
fn similar_spelling(a: &Spelling, b: &Spelling, matcher: &SkimMatcherV2) -> bool {
    let (ca, cb) = (&a.chars, &b.chars);
    let m = ca.len().max(cb.len());
    let prefix = ca.iter().zip(cb).take_while(|(x, y)| x == y).count();
    // The most slips any of the rules below accepts for this pair (keep in
    // step with them and with [`most_slips`]): a pair further apart is not
    // compared letter by letter.
    let mut reach = match m {
        10.. if ca.first() == cb.first() => 2,
        10.. => 1,
        _ => 0,
    };
    if m >= 7 && a.sound == b.sound {
        reach = reach.max((m / 8).max(1));
    }
    if m >= 12 && prefix * 2 >= m {
        reach = reach.max(m / 6);
    }
    let reach = reach.min(2.max(m / 6));
    debug_assert!(reach <= most_slips(m));
    if reach == 0 || a.letters.distance_at_least(&b.letters) > reach {
        return false;
    }
    let Some(d) = osa_within(ca, cb, reach) else {
        return false;
    };
    if d == 0 {
        return false;
    }
    // One slip in a long word.
    if m >= 10 && d <= 1 {
        return true;
    }
    // Sounds the same (Kölner Phonetik) with few slips.
    if m >= 7 && d <= (m / 8).max(1) && a.sound == b.sound {
        return true;
    }
    // Long compounds that only differ towards the end ("Quartierskümern").
    if m >= 12 && d <= m / 6 && prefix * 2 >= m {
        return true;
    }
    // Letters left out while writing fast: the shorter word is a fuzzy match
    // of the longer one.
    if m >= 10 && d <= 2 && ca.first() == cb.first() {
        let (short, long) = if ca.len() <= cb.len() { (a, b) } else { (b, a) };
        if matcher.fuzzy_match(&long.text, &short.text).is_some() {
            return true;
        }
    }
    false
}

/// Edit distance with swaps of neighbours (optimal string alignment), or
/// `None` as soon as it must exceed `max` (most pairs are far apart).
fn osa_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_edit_distance_agrees_with_strsim() {
        let words = [
            "quartierskümern",
            "quartierskümmerer",
            "bildung",
            "bindung",
            "kitaplätze",
            "parkplätze",
            "integration",
            "intergration",
            "ab",
            "ba",
        ];
        for a in words {
            for b in words {
                let ca: Vec<char> = a.chars().collect();
                let cb: Vec<char> = b.chars().collect();
                let d = strsim::osa_distance(a, b);
                for max in 0..5 {
                    let expect = (d <= max).then_some(d);
                    assert_eq!(osa_within(&ca, &cb, max), expect, "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn the_quick_bound_never_refuses_a_pair_the_rules_accept() {
        // Slips of every kind the rules accept, on words of 7 to 30 letters.
        let base = [
            "integration",
            "kitaplätze",
            "quartierskümmerer",
            "sprachkurse",
            "nachbarschaftszentrum",
            "bürgerbeteiligungsverfahren",
            "stadtteilmütter",
        ];
        let cologne = Cologne;
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut accepted = 0;
        for w in base {
            let c: Vec<char> = w.chars().collect();
            let mut variants: Vec<String> = Vec::new();
            for i in 0..c.len() {
                let mut v = c.clone();
                v.remove(i);
                variants.push(v.iter().collect());
                for j in i + 1..c.len() {
                    let mut v2 = v.clone();
                    v2.remove(j - 1);
                    variants.push(v2.iter().collect());
                }
                let mut v = c.clone();
                v[i] = 'x';
                variants.push(v.iter().collect());
                if i + 1 < c.len() {
                    let mut v = c.clone();
                    v.swap(i, i + 1);
                    variants.push(v.iter().collect());
                }
            }
            let a = Spelling::new(w, &cologne);
            for v in &variants {
                let b = Spelling::new(v, &cologne);
                if similar_spelling(&a, &b, &matcher) {
                    accepted += 1;
                    assert!(!Reach::of(&a).too_far(&Reach::of(&b)), "{w} {v}");
                }
            }
        }
        assert!(accepted > 100, "{accepted}");
    }

    #[test]
    fn a_misspelt_word_in_a_large_block_is_found() {
        // Two hundred words beginning alike: the block is worked on in
        // pieces, and the pair at its end is still compared.
        let filler: Vec<String> = (0..200u32)
            .map(|i| {
                let tail: String = [3, 7, 11, 13, 17, 19]
                    .iter()
                    .map(|p| char::from(b'a' + ((i * p + p) % 26) as u8))
                    .collect();
                format!("stad{tail}")
            })
            .collect();
        let mut freq: FastMap<&str, u32> = filler.iter().map(|w| (w.as_str(), 1)).collect();
        freq.insert("stadtteilmütter", 5);
        freq.insert("stadtteilmüter", 1);
        let all: FastSet<&str> = freq.keys().copied().collect();
        let map = Analyzer::new().link_spellings(&freq, &all);
        assert_eq!(
            map.get("stadtteilmüter").map(String::as_str),
            Some("stadtteilmütter")
        );
    }

    #[test]
    fn a_misspelt_long_word_is_read_as_the_frequent_one() {
        let mut a = Analyzer::new();
        let freq: FastMap<&str, u32> = [
            ("quartierskümmerer", 3),
            ("quartierskümern", 1),
            ("bildung", 3),
            ("bindung", 1),
        ]
        .into_iter()
        .collect();
        let all: FastSet<&str> = freq.keys().copied().collect();
        let map = a.link_spellings(&freq, &all);
        assert_eq!(
            map.get("quartierskümern").map(String::as_str),
            Some("quartierskümmerer")
        );
        assert!(!map.contains_key("bindung"));
        // Two words of the thesaurus alone are not compared.
        let map = a.link_spellings(&freq, &FastSet::from_iter(["bildung"]));
        assert!(!map.contains_key("quartierskümern"));
    }
}
