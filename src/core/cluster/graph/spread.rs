//! One node's sum spread out for the merging's dot products.

use super::{Node, dot};

/// From this many nodes on, a part's dot products read the node merged into
/// spread out.
pub(super) const SPREAD_FROM: usize = 64;

/// One node's sum spread out over the features, so that its dot products
/// with many others read each of theirs once, giving what [`dot`] gives to
/// the bit (see [`Scatter::dot`]).
pub(super) struct Spread {
    /// Empty when not used.
    weight: Vec<f32>,
    /// The node spread out, if any.
    node: Option<usize>,
    features: Vec<u32>,
}

impl Spread {
    pub(super) fn new(nodes: &[Node], used: bool) -> Self {
        let len = if used {
            nodes
                .iter()
                .filter_map(|n| n.sum.last())
                .map(|&(f, _)| f as usize + 1)
                .max()
                .unwrap_or(0)
        } else {
            0
        };
        Spread {
            weight: vec![0.0; len],
            node: None,
            features: Vec::new(),
        }
    }

    /// A spread of the same size with no node spread out, for another core.
    pub(super) fn empty_copy(&self) -> Self {
        Spread {
            weight: vec![0.0; self.weight.len()],
            node: None,
            features: Vec::new(),
        }
    }

    /// [`dot`] of node `x`'s sum `a` with `b`.
    pub(super) fn dot(&mut self, x: usize, a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
        self.load(x, a);
        self.dot_loaded(a, b)
    }

    /// Spreads out node `x`'s sum `a` (if it is not already).
    pub(super) fn load(&mut self, x: usize, a: &[(u32, f32)]) {
        if self.weight.is_empty() || self.node == Some(x) {
            return;
        }
        for &f in &self.features {
            self.weight[f as usize] = 0.0;
        }
        self.features.clear();
        for &(f, w) in a {
            self.weight[f as usize] = w;
            self.features.push(f);
        }
        self.node = Some(x);
    }

    /// [`dot`] of `a`, the sum last loaded, with `b`.
    pub(super) fn dot_loaded(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
        if self.weight.is_empty() {
            return dot(a, b);
        }
        let mut s = 0.0;
        for &(f, w) in b {
            s += w * self.weight[f as usize];
        }
        s
    }

    /// Node `x`'s sum changed.
    pub(super) fn forget(&mut self, x: usize) {
        if self.node == Some(x) {
            self.node = None;
        }
    }
}
