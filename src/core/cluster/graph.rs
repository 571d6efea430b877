//! Similar pairs above a threshold without comparing all pairs (prefix
//! filtering on rare features), and exact average-linkage merging on them.

use rayon::prelude::*;

/// A hash map with a fast, deterministic hasher (rustc-hash's Fx) for the
/// engine's small keys (ids, stems); the default hasher's protection
/// against crafted keys is not needed here.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

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

/// The sum of two sparse vectors.
pub fn add_into(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vector {
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

/// Sums many sparse vectors into one in time proportional to their
/// entries (adding them one by one with [`add_into`] copies the growing sum
/// each time). Each feature's weights are added in the order the vectors
/// come, so the sum is the same, to the bit, as adding them one by one.
#[derive(Debug, Default)]
pub struct Summer {
    weight: Vec<f32>,
    seen: Vec<bool>,
    features: Vec<u32>,
}

impl Summer {
    pub fn new() -> Self {
        Summer::default()
    }

    /// Adds one vector to the sum being made.
    pub fn add(&mut self, v: &[(u32, f32)]) {
        for &(f, w) in v {
            let i = f as usize;
            if i >= self.seen.len() {
                self.seen.resize(i + 1, false);
                self.weight.resize(i + 1, 0.0);
            }
            if self.seen[i] {
                self.weight[i] += w;
            } else {
                self.seen[i] = true;
                self.weight[i] = w;
                self.features.push(f);
            }
        }
    }

    /// The sum of the vectors added since the last call, feature ids
    /// ascending; the summer is empty again.
    pub fn take(&mut self) -> Vector {
        self.features.sort_unstable();
        let out = self
            .features
            .iter()
            .map(|&f| {
                self.seen[f as usize] = false;
                (f, self.weight[f as usize])
            })
            .collect();
        self.features.clear();
        out
    }

    /// The sum of `vectors`, in their order.
    pub fn sum<'a>(&mut self, vectors: impl IntoIterator<Item = &'a [(u32, f32)]>) -> Vector {
        for v in vectors {
            self.add(v);
        }
        self.take()
    }
}

/// Sets each node's sum to the sum of its members' vectors (in member
/// order).
pub fn sum_members<'a>(nodes: &mut [Node], vector: impl Fn(u32) -> &'a [(u32, f32)]) {
    let mut summer = Summer::new();
    for node in nodes {
        node.sum = summer.sum(node.members.iter().map(|&m| vector(m)));
    }
}

/// All pairs `(i, j, cosine)` with `i < j` and cosine ≥ `threshold` among unit
/// vectors. `rank` orders features from rarest to most common; only the rare
/// prefix of each vector is indexed and looked up, which is enough to find
/// every pair above the threshold while common words never fan out: the
/// prefixes end at a rank, so a pair sharing no feature in both prefixes
/// shares features only where one of the two has less than the threshold
/// of its weight left. The vectors are split between the cores.
pub fn similar_pairs(
    vectors: &[&[(u32, f32)]],
    rank: &[u32],
    threshold: f32,
) -> Vec<(u32, u32, f32)> {
    let n = vectors.len();
    let prefixes: Vec<Vec<u32>> = vectors
        .par_iter()
        .map(|v| prefix(v, rank, threshold))
        .collect();
    let mut index: FastMap<u32, Vec<u32>> = FastMap::default();
    for (i, p) in prefixes.iter().enumerate() {
        for &f in p {
            index.entry(f).or_default().push(i as u32);
        }
    }
    let index = &index;
    let chunk = 256;
    let features = rank.len();
    let mut out: Vec<(u32, u32, f32)> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map_init(
            || Scatter::new(features, n),
            |scratch, c| {
                let (start, end) = (c * chunk, ((c + 1) * chunk).min(n));
                let mut found = Vec::new();
                for y in start..end {
                    let mut seen = std::mem::take(&mut scratch.seen);
                    seen.clear();
                    for f in &prefixes[y] {
                        let Some(list) = index.get(f) else { continue };
                        // Postings ascend: only the earlier vectors.
                        let before = list.partition_point(|&x| (x as usize) < y);
                        for &x in &list[..before] {
                            if scratch.stamp[x as usize] != y as u32 {
                                scratch.stamp[x as usize] = y as u32;
                                seen.push(x);
                            }
                        }
                    }
                    if !seen.is_empty() {
                        scratch.spread(vectors[y]);
                        for &x in &seen {
                            let s = scratch.dot(vectors[x as usize]);
                            if s >= threshold {
                                found.push((x, y as u32, s));
                            }
                        }
                        scratch.clear(vectors[y]);
                    }
                    scratch.seen = seen;
                }
                found
            },
        )
        .flatten_iter()
        .collect();
    out.par_sort_unstable_by_key(|&(a, b, _)| (a, b));
    out
}

/// One vector spread out over all features, so that its dot product with
/// many others reads each of theirs once; and which vectors were looked at
/// for it.
struct Scatter {
    weight: Vec<f32>,
    stamp: Vec<u32>,
    seen: Vec<u32>,
}

impl Scatter {
    fn new(features: usize, vectors: usize) -> Self {
        Scatter {
            weight: vec![0.0; features],
            stamp: vec![u32::MAX; vectors],
            seen: Vec::new(),
        }
    }

    fn spread(&mut self, v: &[(u32, f32)]) {
        for &(f, w) in v {
            self.weight[f as usize] = w;
        }
    }

    fn clear(&mut self, v: &[(u32, f32)]) {
        for &(f, _) in v {
            self.weight[f as usize] = 0.0;
        }
    }

    /// [`dot`] of `a` with the spread vector, to the bit: the shared
    /// features' products are added in the same (ascending) order, and
    /// the others add zero.
    fn dot(&self, a: &[(u32, f32)]) -> f32 {
        let mut s = 0.0;
        for &(f, w) in a {
            s += w * self.weight[f as usize];
        }
        s
    }
}

/// Features ranked from rarest to most common (by document frequency,
/// then id), as [`similar_pairs`] and [`PrefixIndex`] take them.
pub fn rank_by_rarity(df: &[u32]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..df.len() as u32).collect();
    order.sort_by_key(|&f| (df[f as usize], f));
    let mut rank = vec![0u32; df.len()];
    for (r, f) in order.iter().enumerate() {
        rank[*f as usize] = r as u32;
    }
    rank
}

/// The rare prefix of every vector, by feature: two unit vectors at the
/// threshold or above share a feature of the prefix of each of them, so a
/// vector's neighbours are found without reading all vectors.
#[derive(Debug, Default)]
pub struct PrefixIndex {
    postings: FastMap<u32, Vec<u32>>,
    threshold: f32,
}

impl PrefixIndex {
    pub fn new(vectors: &[&[(u32, f32)]], rank: &[u32], threshold: f32) -> Self {
        let mut postings: FastMap<u32, Vec<u32>> = FastMap::default();
        for (i, v) in vectors.iter().enumerate() {
            for f in prefix(v, rank, threshold) {
                postings.entry(f).or_default().push(i as u32);
            }
        }
        PrefixIndex {
            postings,
            threshold,
        }
    }

    /// Every vector with one of the features `f` in its prefix, ascending.
    pub fn postings(&self, features: &[(u32, f32)]) -> Vec<u32> {
        let mut out: Vec<u32> = features
            .iter()
            .filter_map(|(f, _)| self.postings.get(f))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The vectors at the threshold or above with `v` for which `keep`
    /// holds, strongest first (then by index), at most `limit`.
    pub fn near<'a>(
        &self,
        v: &[(u32, f32)],
        vector: impl Fn(u32) -> &'a [(u32, f32)],
        keep: impl Fn(u32) -> bool,
        limit: usize,
    ) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = self
            .postings(v)
            .into_iter()
            .filter(|&x| keep(x))
            .map(|x| (x, dot(vector(x), v)))
            .filter(|&(_, s)| s >= self.threshold)
            .collect();
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }
}

/// The features of a unit vector, rarest first, up to where the rest can
/// no longer reach `threshold` on its own.
fn prefix(v: &[(u32, f32)], rank: &[u32], threshold: f32) -> Vec<u32> {
    let mut by_rank: Vec<(u32, f32)> = v.to_vec();
    by_rank.sort_by_key(|(f, _)| rank[*f as usize]);
    let mut suffix: f32 = by_rank.iter().map(|(_, w)| w * w).sum();
    let mut out = Vec::new();
    for (f, w) in by_rank {
        if suffix.sqrt() < threshold {
            break;
        }
        out.push(f);
        suffix -= w * w;
    }
    out
}

/// A neighbour of a merged node while it is brought up to date on another
/// core: the node, its neighbours, its best neighbour.
type Neighbour = (u32, FastMap<u32, f32>, Option<(f32, u32)>);

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
    /// Refusals (ids, sorted) some member is in: two nodes sharing one
    /// never merge.
    pub apart: Vec<u32>,
    /// The distinct sets of Handlungsfelder (tag ids, sorted) of tagged
    /// members: two nodes merge only when each set of one shares a tag with
    /// each set of the other.
    pub tags: Vec<Vec<u32>>,
}

impl Node {
    pub fn new(theme: Option<usize>) -> Self {
        Node {
            members: Vec::new(),
            sum: Vec::new(),
            theme,
            apart: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Whether the cards of the two nodes may be suggested together as far
    /// as refusals and Handlungsfelder go.
    pub fn compatible(&self, other: &Node) -> bool {
        let shares = |a: &[u32], b: &[u32]| {
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                match a[i].cmp(&b[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => return true,
                }
            }
            false
        };
        !shares(&self.apart, &other.apart)
            && self
                .tags
                .iter()
                .all(|a| other.tags.iter().all(|b| shares(a, b)))
    }

    /// Takes the constraints of another node into this one.
    pub fn absorb_constraints(&mut self, other: &Node) {
        self.apart.extend_from_slice(&other.apart);
        self.apart.sort_unstable();
        self.apart.dedup();
        for t in &other.tags {
            if !self.tags.contains(t) {
                self.tags.push(t.clone());
            }
        }
    }
}

/// Average-linkage clustering: repeatedly merges the two clusters whose
/// cards are most similar on average, while that average is at least
/// `threshold` (a little more for larger clusters, see [`GROWTH`]). `edges` are node pairs that may reach the threshold (any
/// pair that can must contain a card pair above it); `blocked` says when a
/// node may not join a theme. Returns the nodes left, in the order of
/// their first node.
///
/// Nodes no edge connects never merge, so each connected part of the
/// graph is merged on its own, the parts spread over the cores; within a
/// part the nodes keep their order, so the outcome is the same as merging
/// all at once.
pub fn average_linkage(
    nodes: Vec<Node>,
    edges: &[(u32, u32)],
    threshold: f32,
    blocked: &(dyn Fn(usize, &[u32]) -> bool + Sync),
) -> Vec<Node> {
    average_linkage_of(nodes, edges.to_vec(), threshold, blocked)
}

/// [`average_linkage`], freeing the edges as soon as each part's similarities
/// are known (on a million cards they are hundreds of megabytes).
pub fn average_linkage_of(
    nodes: Vec<Node>,
    edges: Vec<(u32, u32)>,
    threshold: f32,
    blocked: &(dyn Fn(usize, &[u32]) -> bool + Sync),
) -> Vec<Node> {
    let n = nodes.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            p[x as usize] = p[p[x as usize] as usize];
            x = p[x as usize];
        }
        x
    }
    for &(a, b) in &edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    // Each part: its nodes ascending (numbered from 0 within the part).
    let mut part_of = vec![u32::MAX; n];
    let mut parts: Vec<Vec<u32>> = Vec::new();
    let mut local = vec![0u32; n];
    for x in 0..n as u32 {
        let r = root(&mut parent, x) as usize;
        if part_of[r] == u32::MAX {
            part_of[r] = parts.len() as u32;
            parts.push(Vec::new());
        }
        let p = &mut parts[part_of[r] as usize];
        local[x as usize] = p.len() as u32;
        p.push(x);
    }
    let mut counts = vec![0usize; parts.len()];
    for &(a, _) in &edges {
        counts[part_of[root(&mut parent, a) as usize] as usize] += 1;
    }
    let mut part_edges: Vec<Vec<(u32, u32)>> = counts.into_iter().map(Vec::with_capacity).collect();
    for &(a, b) in &edges {
        let p = part_of[root(&mut parent, a) as usize] as usize;
        part_edges[p].push((local[a as usize], local[b as usize]));
    }
    drop(edges);
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    let mut work: Vec<Part> = parts
        .into_iter()
        .zip(part_edges)
        .map(|(members, e)| {
            let part_nodes = members
                .iter()
                .map(|&x| slots[x as usize].take().expect("each node in one part"))
                .collect();
            (members, part_nodes, e)
        })
        .collect();
    // The parts with the most edges first, each a task of its own: the
    // largest parts take most of the time, and a core that is done with
    // one takes the next instead of waiting on a run of parts another core
    // works through one after the other.
    work.sort_by_key(|(_, _, e)| std::cmp::Reverse(e.len()));
    let mut out: Vec<(u32, Node)> = work
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|(members, part_nodes, e)| {
            let merged = if e.is_empty() {
                part_nodes.into_iter().map(Some).collect()
            } else {
                merge_part(part_nodes, e, threshold, blocked)
            };
            members
                .into_iter()
                .zip(merged)
                .filter_map(|(x, node)| node.map(|node| (x, node)))
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable_by_key(|(x, _)| *x);
    out.into_iter().map(|(_, node)| node).collect()
}

/// One connected part: its nodes' numbers, the nodes, its edges numbered
/// within it.
type Part = (Vec<u32>, Vec<Node>, Vec<(u32, u32)>);

/// [`average_linkage`] of one connected part: every node, `None` where it
/// went into another.
///
/// Each node keeps its neighbours above the threshold with their average
/// similarity and its best neighbour; a queue holds each node by its best.
/// After a merge, averages follow from the parts (Lance–Williams) where both
/// are known and from the vector sums otherwise, so the result is exact.
/// How much more alike the cards of a larger cluster must be: a cluster of
/// `n` cards needs an average similarity of `threshold · (1 + GROWTH ·
/// ln(n / 2))`. Loosely linked cards chain into large clusters that are
/// wrong in many pairs; a pair of cards is held to the threshold itself.
const GROWTH: f32 = 0.05;

/// The average similarity a cluster of `n` cards needs.
fn grown(threshold: f32, n: f32) -> f32 {
    if n <= 2.0 {
        threshold
    } else {
        threshold * (1.0 + GROWTH * (n / 2.0).ln())
    }
}

fn merge_part(
    nodes: Vec<Node>,
    edges: Vec<(u32, u32)>,
    threshold: f32,
    blocked: &(dyn Fn(usize, &[u32]) -> bool + Sync),
) -> Vec<Option<Node>> {
    merge_part_with(nodes, edges, threshold, blocked, PARALLEL_FROM)
}

/// From this many neighbours on, the neighbours of a merged node are
/// brought up to date on both cores; from this many nodes on, a part's
/// first similarities and best neighbours too.
const PARALLEL_FROM: usize = 256;

/// [`merge_part`], with the size from which the work is split between the
/// cores (the outcome is the same, to the bit, either way).
fn merge_part_with(
    mut nodes: Vec<Node>,
    edges: Vec<(u32, u32)>,
    threshold: f32,
    blocked: &(dyn Fn(usize, &[u32]) -> bool + Sync),
    parallel_from: usize,
) -> Vec<Option<Node>> {
    let n = nodes.len();
    let mut alive = vec![true; n];
    let mut neighbours: Vec<FastMap<u32, f32>> = vec![FastMap::default(); n];
    let size = |node: &Node| node.members.len() as f32;
    let needed = |a: &Node, b: &Node| -> f32 { grown(threshold, size(a) + size(b)) };
    let allowed = |nodes: &[Node], a: usize, b: usize| -> bool {
        nodes[a].compatible(&nodes[b])
            && match (nodes[a].theme, nodes[b].theme) {
                (Some(_), Some(_)) => false,
                (Some(t), None) => !blocked(t, &nodes[b].members),
                (None, Some(t)) => !blocked(t, &nodes[a].members),
                (None, None) => true,
            }
    };
    // The best allowed neighbour: highest similarity, then lowest id.
    let best_of = |nodes: &[Node], nb: &FastMap<u32, f32>, x: usize| -> Option<(f32, u32)> {
        let mut out: Option<(f32, u32)> = None;
        for (&c, &s) in nb {
            let better = match out {
                None => true,
                Some((bs, bc)) => s > bs || (s == bs && c < bc),
            };
            // The constraints are dearer to check than the similarity.
            if better && s >= needed(&nodes[x], &nodes[c as usize]) && allowed(nodes, x, c as usize)
            {
                out = Some((s, c));
            }
        }
        out
    };
    // Dot products with one node's sum read it once, spread out (on large
    // parts; a small part has too few to pay for the spreading).
    let mut spread = Spread::new(&nodes, n >= SPREAD_FROM);
    let large = n >= parallel_from;
    // The similarity of each edge; on a large part, on both cores.
    let similarity = |spread: &mut Spread, (a, b): (u32, u32)| -> f32 {
        let (a, b) = (a.min(b) as usize, a.max(b) as usize);
        spread.dot(a, &nodes[a].sum, &nodes[b].sum) / (size(&nodes[a]) * size(&nodes[b]))
    };
    let sims: Vec<f32> = if large {
        let chunk = edges
            .len()
            .div_ceil(4 * rayon::current_num_threads().max(1));
        edges
            .par_chunks(chunk.max(1))
            .flat_map_iter(|part| {
                let mut spread = spread.empty_copy();
                part.iter()
                    .map(|&e| similarity(&mut spread, e))
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        Vec::new()
    };
    for (i, &(a, b)) in edges.iter().enumerate() {
        let (a, b) = (a.min(b) as usize, a.max(b) as usize);
        if a == b || neighbours[a].contains_key(&(b as u32)) {
            continue;
        }
        let s = if large {
            sims[i]
        } else {
            similarity(&mut spread, (a as u32, b as u32))
        };
        if s >= threshold {
            neighbours[a].insert(b as u32, s);
            neighbours[b].insert(a as u32, s);
        }
    }
    drop(sims);
    drop(edges);
    let mut best: Vec<Option<(f32, u32)>> = if large {
        (0..n)
            .into_par_iter()
            .map(|x| best_of(&nodes, &neighbours[x], x))
            .collect()
    } else {
        (0..n).map(|x| best_of(&nodes, &neighbours[x], x)).collect()
    };
    // Each node with a best merge, best first (then by node).
    let mut queue = Queue::new(&best);
    while let Some(x) = queue.pop() {
        let Some((_, y)) = best[x] else { continue };
        let y = y as usize;
        let (a, b) = (x.min(y), x.max(y));
        let (na, nb) = (size(&nodes[a]), size(&nodes[b]));
        // Merge b into a.
        let taken = std::mem::replace(&mut nodes[b], Node::new(None));
        alive[b] = false;
        queue.remove(b);
        nodes[a].absorb_constraints(&taken);
        nodes[a].sum = add_into(&nodes[a].sum, &taken.sum);
        spread.forget(a);
        nodes[a].members.extend(taken.members);
        nodes[a].theme = nodes[a].theme.or(taken.theme);
        let n_new = na + nb;
        let from_a = std::mem::take(&mut neighbours[a]);
        let from_b = std::mem::take(&mut neighbours[b]);
        let mut around: Vec<u32> = from_a
            .keys()
            .chain(from_b.keys())
            .copied()
            .filter(|&c| c as usize != a && c as usize != b && alive[c as usize])
            .collect();
        around.sort_unstable();
        around.dedup();
        // The similarity of the merged node with a neighbour.
        let merged_with = |spread: &Spread, c: u32| -> f32 {
            match (from_a.get(&c), from_b.get(&c)) {
                (Some(&sa), Some(&sb)) => (na * sa + nb * sb) / n_new,
                // One part was below the threshold: compute from the sums.
                _ => {
                    spread.dot_loaded(&nodes[a].sum, &nodes[c as usize].sum)
                        / (n_new * size(&nodes[c as usize]))
                }
            }
        };
        // A neighbour's similarity with the merged node, and whether its
        // best neighbour changed.
        // Neighbours are mutual: `c` holds `a` (`b`) when `a` (`b`) held `c`.
        let update = |c: u32, s: f32, nb: &mut FastMap<u32, f32>, bc: &mut Option<(f32, u32)>| {
            let cu = c as usize;
            if from_b.contains_key(&c) {
                nb.remove(&(b as u32));
            }
            // Average linkage never rises above the better of the two parts,
            // so a pair below the threshold stays below it for good.
            match (nb.get_mut(&(a as u32)), s >= threshold) {
                (Some(old), true) => *old = s,
                (Some(_), false) => {
                    nb.remove(&(a as u32));
                }
                (None, true) => {
                    nb.insert(a as u32, s);
                }
                (None, false) => {}
            }
            let stale = bc.is_some_and(|(_, t)| t as usize == a || t as usize == b);
            let improves = s >= needed(&nodes[cu], &nodes[a])
                && allowed(&nodes, cu, a)
                && bc.is_none_or(|(bs, c)| s > bs || (s == bs && (a as u32) < c));
            if stale || improves {
                *bc = if stale {
                    best_of(&nodes, nb, cu)
                } else {
                    Some((s, a as u32))
                };
            }
            stale || improves
        };
        spread.load(a, &nodes[a].sum);
        let mut changes: Vec<(u32, f32, bool)> = Vec::with_capacity(around.len());
        if around.len() >= parallel_from {
            let mut work: Vec<Neighbour> = around
                .iter()
                .map(|&c| {
                    (
                        c,
                        std::mem::take(&mut neighbours[c as usize]),
                        best[c as usize],
                    )
                })
                .collect();
            let spread = &spread;
            work.par_iter_mut()
                .map(|(c, nb, bc)| {
                    let s = merged_with(spread, *c);
                    (*c, s, update(*c, s, nb, bc))
                })
                .collect_into_vec(&mut changes);
            for (c, nb, bc) in work {
                neighbours[c as usize] = nb;
                best[c as usize] = bc;
            }
        } else {
            for &c in &around {
                let s = merged_with(&spread, c);
                let cu = c as usize;
                let changed = update(c, s, &mut neighbours[cu], &mut best[cu]);
                changes.push((c, s, changed));
            }
        }
        let mut merged: FastMap<u32, f32> = FastMap::default();
        for (c, s, changed) in changes {
            let cu = c as usize;
            if s >= threshold {
                merged.insert(c, s);
            }
            if changed {
                queue.set(cu, best[cu]);
            }
        }
        neighbours[a] = merged;
        best[a] = best_of(&nodes, &neighbours[a], a);
        queue.set(a, best[a]);
    }
    nodes
        .into_iter()
        .zip(alive)
        .map(|(n, a)| a.then_some(n))
        .collect()
}

mod leaders;
mod queue;
mod spread;
mod strongest;
pub use leaders::leaders;
use queue::Queue;
use spread::{SPREAD_FROM, Spread};
pub use strongest::strongest_pairs;

#[cfg(test)]
mod tests;
