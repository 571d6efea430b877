//! Similar pairs above a threshold without comparing all pairs (prefix
//! filtering on rare features), and exact average-linkage merging on them.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// A sparse vector: feature ids ascending, with weights.
pub type Vector = Vec<(u32, f32)>;

pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn add_into(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vector {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

/// All pairs `(i, j, cosine)` with `i < j` and cosine ≥ `threshold` among unit
/// vectors. `rank` orders features from rarest to most common; only the rare
/// prefix of each vector is indexed, which is enough to find every pair above
/// the threshold while common words never fan out.
pub fn similar_pairs(
    vectors: &[&[(u32, f32)]],
    rank: &[u32],
    threshold: f32,
) -> Vec<(u32, u32, f32)> {
    let n = vectors.len();
    let mut index: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let mut by_rank: Vec<(u32, f32)> = v.to_vec();
        by_rank.sort_by_key(|(f, _)| rank[*f as usize]);
        let mut suffix: f32 = by_rank.iter().map(|(_, w)| w * w).sum();
        for (f, w) in by_rank {
            if suffix.sqrt() < threshold {
                break;
            }
            index.entry(f).or_default().push(i as u32);
            suffix -= w * w;
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 8);
    let chunk = n.div_ceil(threads).max(1);
    let index = &index;
    let mut out: Vec<(u32, u32, f32)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(n);
                scope.spawn(move || {
                    let mut found = Vec::new();
                    let mut stamp = vec![u32::MAX; n];
                    for y in start..end {
                        for (f, _) in vectors[y] {
                            let Some(list) = index.get(f) else { continue };
                            for &x in list {
                                let x = x as usize;
                                if x >= y || stamp[x] == y as u32 {
                                    continue;
                                }
                                stamp[x] = y as u32;
                                let s = dot(vectors[x], vectors[y]);
                                if s >= threshold {
                                    found.push((x as u32, y as u32, s));
                                }
                            }
                        }
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    out.sort_unstable_by_key(|&(a, b, _)| (a, b));
    out
}

/// A pair to merge: similarity bits, the two nodes, their versions when pushed.
type Candidate = (u32, Reverse<u32>, Reverse<u32>, u32, u32);

/// A cluster while merging.
#[derive(Debug, Clone)]
pub struct Node {
    /// Card indices.
    pub members: Vec<u32>,
    /// Sum of the members' unit vectors.
    pub sum: Vector,
    /// Index of the confirmed theme this node is; such nodes never merge with
    /// each other.
    pub theme: Option<usize>,
}

/// Average-linkage clustering: repeatedly merges the two clusters whose
/// cards are most similar on average, while that average is at least
/// `threshold`. `edges` are node pairs that may reach the threshold (any
/// pair that can must contain a card pair above it); `blocked` says when a
/// node may not join a theme.
pub fn average_linkage(
    mut nodes: Vec<Node>,
    edges: &[(u32, u32)],
    threshold: f32,
    blocked: &dyn Fn(usize, &[u32]) -> bool,
) -> Vec<Node> {
    let n = nodes.len();
    let mut alive = vec![true; n];
    let mut version = vec![0u32; n];
    let mut neighbours: Vec<HashSet<u32>> = vec![HashSet::new(); n];
    let size = |node: &Node| node.members.len() as f32;
    let sim = |a: &Node, b: &Node| dot(&a.sum, &b.sum) / (size(a) * size(b));
    let mut heap: BinaryHeap<Candidate> = BinaryHeap::new();
    let allowed = |nodes: &[Node], a: usize, b: usize| -> bool {
        match (nodes[a].theme, nodes[b].theme) {
            (Some(_), Some(_)) => false,
            (Some(t), None) => !blocked(t, &nodes[b].members),
            (None, Some(t)) => !blocked(t, &nodes[a].members),
            (None, None) => true,
        }
    };
    for &(a, b) in edges {
        let (a, b) = (a.min(b), a.max(b));
        if a == b || !neighbours[a as usize].insert(b) {
            continue;
        }
        neighbours[b as usize].insert(a);
        let s = sim(&nodes[a as usize], &nodes[b as usize]);
        if s >= threshold && allowed(&nodes, a as usize, b as usize) {
            heap.push((s.to_bits(), Reverse(a), Reverse(b), 0, 0));
        }
    }
    while let Some((_, Reverse(a), Reverse(b), va, vb)) = heap.pop() {
        let (a, b) = (a as usize, b as usize);
        if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
            continue;
        }
        if !allowed(&nodes, a, b) {
            continue;
        }
        // Merge b into a (a is the smaller index, so results do not depend
        // on the order of equal similarities).
        let taken = std::mem::replace(
            &mut nodes[b],
            Node {
                members: Vec::new(),
                sum: Vec::new(),
                theme: None,
            },
        );
        alive[b] = false;
        let merged_sum = add_into(&nodes[a].sum, &taken.sum);
        nodes[a].sum = merged_sum;
        nodes[a].members.extend(taken.members);
        nodes[a].theme = nodes[a].theme.or(taken.theme);
        version[a] += 1;
        let nb = std::mem::take(&mut neighbours[b]);
        let mut around: Vec<u32> = neighbours[a].iter().copied().chain(nb).collect();
        around.sort_unstable();
        around.dedup();
        let mut kept = HashSet::new();
        for c in around {
            let c = c as usize;
            if c == a || c == b || !alive[c] {
                continue;
            }
            neighbours[c].remove(&(b as u32));
            let s = sim(&nodes[a], &nodes[c]);
            // Average linkage never rises above the better of the two parts,
            // so a pair below the threshold now stays below it for good.
            if s >= threshold {
                kept.insert(c as u32);
                neighbours[c].insert(a as u32);
                if allowed(&nodes, a, c) {
                    let (x, y) = (a.min(c), a.max(c));
                    heap.push((
                        s.to_bits(),
                        Reverse(x as u32),
                        Reverse(y as u32),
                        version[x],
                        version[y],
                    ));
                }
            } else {
                neighbours[c].remove(&(a as u32));
            }
        }
        neighbours[a] = kept;
    }
    nodes
        .into_iter()
        .zip(alive)
        .filter_map(|(n, a)| a.then_some(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[(u32, f32)]) -> Vector {
        let n: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        v.iter().map(|(f, w)| (*f, w / n)).collect()
    }

    #[test]
    fn prefix_filtering_finds_the_same_pairs_as_all_pairs() {
        // Deterministic pseudo-random sparse vectors.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let vectors: Vec<Vector> = (0..300)
            .map(|_| {
                let mut v: Vec<(u32, f32)> = (0..4)
                    .map(|_| (next() % 40, 1.0 + (next() % 3) as f32))
                    .collect();
                v.sort_by_key(|x| x.0);
                v.dedup_by_key(|x| x.0);
                unit(&v)
            })
            .collect();
        let mut df = [0u32; 40];
        for v in &vectors {
            for (f, _) in v {
                df[*f as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..40).collect();
        order.sort_by_key(|&f| (df[f as usize], f));
        let mut rank = vec![0u32; 40];
        for (r, f) in order.iter().enumerate() {
            rank[*f as usize] = r as u32;
        }
        let refs: Vec<&[(u32, f32)]> = vectors.iter().map(|v| v.as_slice()).collect();
        let fast = similar_pairs(&refs, &rank, 0.5);
        let mut slow = Vec::new();
        for i in 0..refs.len() {
            for j in i + 1..refs.len() {
                let s = dot(refs[i], refs[j]);
                if s >= 0.5 {
                    slow.push((i as u32, j as u32));
                }
            }
        }
        let fast: Vec<(u32, u32)> = fast.iter().map(|&(a, b, _)| (a, b)).collect();
        assert_eq!(fast, slow);
        assert!(!slow.is_empty());
    }
}
