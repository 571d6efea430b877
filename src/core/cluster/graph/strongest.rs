//! The strongest candidate pairs of very many vectors: each node keeps only
//! its `k` most similar neighbours while the pairs are found, so the pairs
//! above the threshold (hundreds of millions on a million cards) never
//! stand in memory at once.

use rayon::prelude::*;

use super::Scatter;

/// How far below a node's weakest kept similarity its rare features are
/// still read: room for the rounding of the remaining weights.
const MARGIN: f32 = 1e-4;

/// The node pairs `(a, b)`, `a < b`, ascending, that are among the `k`
/// strongest pairs above `threshold` of `a` or of `b`: the same pairs as
/// taking every pair of [`super::similar_pairs`] (vector `x` stands for
/// node `owner[x]`; pairs within a node left out) and keeping those among
/// the first `k` of one of their nodes, strongest first, then by the other
/// node. A node of several vectors counts each of its pairs.
///
/// Each node looks for its own strongest pairs, the nodes spread over the
/// cores. It reads the nodes that share its features rarest first; once it
/// holds `k` pairs, the weakest at `t`, a vector at `t` or above must share
/// one of the features whose remaining weight reaches `t` (the argument of
/// [`super::similar_pairs`], with `t` for the threshold), so the common
/// features, with their long lists, are mostly never read. Each feature's
/// list holds its vectors by the weight they have left from it on, most
/// first: the first feature two vectors meet at is the rarest they share,
/// so their similarity is at most the product of what both have left there,
/// and a list is read only while that can still reach `t`.
pub fn strongest_pairs(
    vectors: &[&[(u32, f32)]],
    owner: &[u32],
    rank: &[u32],
    threshold: f32,
    k: usize,
) -> Vec<(u32, u32)> {
    let n = vectors.len();
    if n == 0 || k == 0 {
        return Vec::new();
    }
    let prefixes: Vec<Vec<(u32, f32)>> = vectors
        .par_iter()
        .map(|v| prefix_with_rest(v, rank, threshold))
        .collect();
    // Each feature's vectors (by rank) with the weight they have left from
    // it on, most left first, all lists in one array.
    let mut start = vec![0u32; rank.len() + 1];
    for p in &prefixes {
        for &(f, _) in p {
            start[rank[f as usize] as usize + 1] += 1;
        }
    }
    for r in 0..rank.len() {
        start[r + 1] += start[r];
    }
    let mut lists: Vec<(f32, u32)> = vec![(0.0, 0); start[rank.len()] as usize];
    let mut fill = start.clone();
    for (i, p) in prefixes.iter().enumerate() {
        for &(f, rest) in p {
            let r = rank[f as usize] as usize;
            lists[fill[r] as usize] = (rest, i as u32);
            fill[r] += 1;
        }
    }
    drop(fill);
    let mut parts: Vec<&mut [(f32, u32)]> = Vec::new();
    let mut rest_of: &mut [(f32, u32)] = &mut lists;
    for w in start.windows(2) {
        let (list, after) = rest_of.split_at_mut((w[1] - w[0]) as usize);
        if list.len() > 1 {
            parts.push(list);
        }
        rest_of = after;
    }
    parts
        .par_iter_mut()
        .for_each(|list| list.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))));
    drop(parts);
    let list_of = |f: u32| -> &[(f32, u32)] {
        let r = rank[f as usize] as usize;
        &lists[start[r] as usize..start[r + 1] as usize]
    };
    // The vectors side by side, features named by their rank (in their
    // own order, so that the dot products add up as with the vectors):
    // a dot product reads one place of memory, and the common features'
    // weights lie together.
    let packed = Packed::new(vectors, rank);
    // The vectors of each node.
    let mut by_node: Vec<(u32, u32)> = owner
        .iter()
        .enumerate()
        .map(|(x, &o)| (o, x as u32))
        .collect();
    by_node.sort_unstable();
    let groups: Vec<&[(u32, u32)]> = by_node.chunk_by(|a, b| a.0 == b.0).collect();
    let mut out: Vec<(u32, u32)> = groups
        .par_iter()
        .map_init(
            || Scatter::new(rank.len(), n),
            |scratch, group| {
                let me = group[0].0;
                // Strongest first, then by node; at most `k`.
                let mut best: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
                for &(_, y) in group.iter() {
                    let y = y as usize;
                    scratch.spread(packed.get(y));
                    for &(f, rest) in &prefixes[y] {
                        let floor = if best.len() == k {
                            best[k - 1].0
                        } else {
                            threshold
                        } - MARGIN;
                        if rest < floor {
                            break;
                        }
                        for &(left, x) in list_of(f) {
                            // The first feature two vectors share in both
                            // prefixes is their rarest shared one: their
                            // similarity is at most what both have left.
                            if left * rest < floor {
                                break;
                            }
                            let xu = x as usize;
                            if scratch.stamp[xu] == y as u32 || owner[xu] == me {
                                continue;
                            }
                            scratch.stamp[xu] = y as u32;
                            let s = scratch.dot(packed.get(xu));
                            if s >= threshold {
                                offer(&mut best, k, s, owner[xu]);
                            }
                        }
                    }
                    scratch.clear(packed.get(y));
                }
                best.into_iter()
                    .map(|(_, o)| (me.min(o), me.max(o)))
                    .collect::<Vec<_>>()
            },
        )
        .flatten_iter()
        .collect();
    out.par_sort_unstable();
    out.dedup();
    out
}

/// Sparse vectors in one array, each feature id replaced by its rank.
struct Packed {
    start: Vec<u32>,
    entries: Vec<(u32, f32)>,
}

impl Packed {
    fn new(vectors: &[&[(u32, f32)]], rank: &[u32]) -> Self {
        let mut start = Vec::with_capacity(vectors.len() + 1);
        start.push(0u32);
        let mut entries = Vec::with_capacity(vectors.iter().map(|v| v.len()).sum());
        for v in vectors {
            entries.extend(v.iter().map(|&(f, w)| (rank[f as usize], w)));
            start.push(entries.len() as u32);
        }
        Packed { start, entries }
    }

    fn get(&self, x: usize) -> &[(u32, f32)] {
        &self.entries[self.start[x] as usize..self.start[x + 1] as usize]
    }
}

/// Puts neighbour `other` at similarity `s` into `best` (strongest first,
/// then by node) if it is among the `k` strongest.
fn offer(best: &mut Vec<(f32, u32)>, k: usize, s: f32, other: u32) {
    let before = |e: &(f32, u32)| e.0 > s || (e.0 == s && e.1 <= other);
    if best.len() == k && before(&best[k - 1]) {
        return;
    }
    let i = best.partition_point(before);
    best.insert(i, (s, other));
    best.truncate(k);
}

/// [`super::prefix`] with the weight left from each feature on (the length of the
/// rest of the vector, that feature included).
fn prefix_with_rest(v: &[(u32, f32)], rank: &[u32], threshold: f32) -> Vec<(u32, f32)> {
    let mut by_rank: Vec<(u32, f32)> = v.to_vec();
    by_rank.sort_by_key(|(f, _)| rank[*f as usize]);
    let mut suffix: f32 = by_rank.iter().map(|(_, w)| w * w).sum();
    let mut out = Vec::new();
    for (f, w) in by_rank {
        let rest = suffix.sqrt();
        if rest < threshold {
            break;
        }
        out.push((f, rest));
        suffix -= w * w;
    }
    out
}
