//! Near-identical vectors grouped under a leader before merging.

use rayon::prelude::*;

use super::{FastMap, Scatter, prefix};

/// Groups near-identical vectors in one pass: each vector joins the most
/// similar earlier group leader at `tau` or above, or leads a new group.
/// Returns the group (index of its leader) of every vector. Used before
/// average linkage on very many cards, so that thousands of "Kitaplätze"
/// cards become a few nodes.
pub fn leaders(vectors: &[&[(u32, f32)]], rank: &[u32], tau: f32) -> Vec<u32> {
    let prefixes: Vec<Vec<u32>> = vectors.par_iter().map(|v| prefix(v, rank, tau)).collect();
    let mut index: FastMap<u32, Vec<u32>> = FastMap::default();
    let mut group = vec![0u32; vectors.len()];
    // The best leader at `tau` or above among those in `index` (a leader
    // at `tau` or above shares a feature of both prefixes, see
    // [`similar_pairs`]); of equally similar ones, the first.
    let best_in = |index: &FastMap<u32, Vec<u32>>, scratch: &mut Scatter, y: usize| {
        let mut best: Option<(f32, u32)> = None;
        scratch.spread(vectors[y]);
        for f in &prefixes[y] {
            let Some(list) = index.get(f) else { continue };
            for &x in list {
                if scratch.stamp[x as usize] == y as u32 {
                    continue;
                }
                scratch.stamp[x as usize] = y as u32;
                let s = scratch.dot(vectors[x as usize]);
                if s >= tau && better(Some((s, x)), best) {
                    best = Some((s, x));
                }
            }
        }
        scratch.clear(vectors[y]);
        best
    };
    // The vectors before `y` in `lists` at `tau` or above with it (those
    // sharing a feature of both prefixes).
    let similar_before = |lists: &FastMap<u32, Vec<u32>>, scratch: &mut Scatter, y: usize| {
        let mut out = Vec::new();
        scratch.spread(vectors[y]);
        for f in &prefixes[y] {
            let Some(list) = lists.get(f) else { continue };
            let before = list.partition_point(|&x| (x as usize) < y);
            for &x in &list[..before] {
                if scratch.stamp[x as usize] == y as u32 {
                    continue;
                }
                scratch.stamp[x as usize] = y as u32;
                let s = scratch.dot(vectors[x as usize]);
                if s >= tau {
                    out.push((s, x));
                }
            }
        }
        scratch.clear(vectors[y]);
        out
    };
    fn better(a: Option<(f32, u32)>, b: Option<(f32, u32)>) -> bool {
        match (a, b) {
            (Some((s, x)), Some((bs, bx))) => s > bs || (s == bs && x < bx),
            (a, _) => a.is_some(),
        }
    }
    // Block by block: the leaders of earlier blocks are looked up on both
    // cores, then the block's own leaders one vector after the other; the
    // better of the two is the leader of one pass over all. A vector with a
    // leader in an earlier block never leads, so the block's own leaders
    // are among the others: each vector's similar ones among those are
    // found on both cores too, and the pass in order only picks the best
    // that did become a leader.
    let block = 4096;
    let cores = rayon::current_num_threads().clamp(1, 8);
    let mut pool: Vec<Scatter> = (0..cores)
        .map(|_| Scatter::new(rank.len(), vectors.len()))
        .collect();
    for start in (0..vectors.len()).step_by(block) {
        let end = (start + block).min(vectors.len());
        let per = (end - start).div_ceil(cores);
        let earlier: Vec<Option<(f32, u32)>> = pool
            .par_iter_mut()
            .enumerate()
            .flat_map_iter(|(c, scratch)| {
                let index = &index;
                let from = (start + c * per).min(end);
                let to = (from + per).min(end);
                (from..to)
                    .map(|y| best_in(index, scratch, y))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut may_lead: FastMap<u32, Vec<u32>> = FastMap::default();
        for (y, old) in (start..end).zip(&earlier) {
            if old.is_none() {
                for &f in &prefixes[y] {
                    may_lead.entry(f).or_default().push(y as u32);
                }
            }
        }
        let near: Vec<Vec<(f32, u32)>> = pool
            .par_iter_mut()
            .enumerate()
            .flat_map_iter(|(c, scratch)| {
                let may_lead = &may_lead;
                let from = (start + c * per).min(end);
                let to = (from + per).min(end);
                (from..to)
                    .map(|y| similar_before(may_lead, scratch, y))
                    .collect::<Vec<_>>()
            })
            .collect();
        drop(may_lead);
        for ((y, old), near) in (start..end).zip(earlier).zip(near) {
            let mut new = None;
            for (s, x) in near {
                if group[x as usize] == x && better(Some((s, x)), new) {
                    new = Some((s, x));
                }
            }
            match if better(new, old) { new } else { old } {
                Some((_, x)) => group[y] = x,
                None => {
                    group[y] = y as u32;
                    // Leaders ascend in each list: the block's come after
                    // the others.
                    for &f in &prefixes[y] {
                        index.entry(f).or_default().push(y as u32);
                    }
                }
            }
        }
    }
    group
}
