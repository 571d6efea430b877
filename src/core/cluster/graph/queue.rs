//! The nodes waiting to merge, by their best merge: one entry per node,
//! moved when its best merge changes, so that the merging never reads
//! entries that no longer hold.

/// A node's place in the queue: its best similarity (bits of a positive
/// number order like the number) and the node; the higher similarity
/// first, then the lower node.
type Key = (u32, u32);

fn before(a: Key, b: Key) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// A binary heap of nodes that knows where each node stands in it.
#[derive(Debug, Default)]
pub(super) struct Queue {
    heap: Vec<Key>,
    /// Each node's index in `heap`, `u32::MAX` when it is not queued.
    at: Vec<u32>,
}

const ABSENT: u32 = u32::MAX;

impl Queue {
    /// A queue for nodes `0..n` holding those with a best similarity.
    pub(super) fn new(best: &[Option<(f32, u32)>]) -> Self {
        let mut q = Queue {
            heap: Vec::new(),
            at: vec![ABSENT; best.len()],
        };
        for (x, b) in best.iter().enumerate() {
            if let Some((s, _)) = b {
                q.heap.push((s.to_bits(), x as u32));
            }
        }
        for i in (0..q.heap.len() / 2).rev() {
            q.down(i);
        }
        for (i, &(_, x)) in q.heap.iter().enumerate() {
            q.at[x as usize] = i as u32;
        }
        q
    }

    /// Queues node `x` by `best`, moves it if it is queued, or takes it out
    /// when it has no best merge.
    pub(super) fn set(&mut self, x: usize, best: Option<(f32, u32)>) {
        match (best, self.at[x]) {
            (None, ABSENT) => {}
            (None, _) => self.remove(x),
            (Some((s, _)), ABSENT) => {
                self.heap.push((s.to_bits(), x as u32));
                let i = self.heap.len() - 1;
                self.at[x] = i as u32;
                self.up(i);
            }
            (Some((s, _)), i) => {
                let i = i as usize;
                let old = self.heap[i];
                self.heap[i] = (s.to_bits(), x as u32);
                if before(self.heap[i], old) {
                    self.up(i);
                } else {
                    self.down(i);
                }
            }
        }
    }

    /// Takes node `x` out, if it is queued.
    pub(super) fn remove(&mut self, x: usize) {
        let i = self.at[x];
        if i == ABSENT {
            return;
        }
        let i = i as usize;
        self.at[x] = ABSENT;
        let last = self.heap.pop().expect("a queued node");
        if i < self.heap.len() {
            let moved = before(last, self.heap[i]);
            self.heap[i] = last;
            self.at[last.1 as usize] = i as u32;
            if moved {
                self.up(i);
            } else {
                self.down(i);
            }
        }
    }

    /// The node with the best merge, taken out of the queue.
    pub(super) fn pop(&mut self) -> Option<usize> {
        let &(_, x) = self.heap.first()?;
        self.remove(x as usize);
        Some(x as usize)
    }

    fn up(&mut self, mut i: usize) {
        let key = self.heap[i];
        while i > 0 {
            let parent = (i - 1) / 2;
            if !before(key, self.heap[parent]) {
                break;
            }
            self.heap[i] = self.heap[parent];
            self.at[self.heap[i].1 as usize] = i as u32;
            i = parent;
        }
        self.heap[i] = key;
        self.at[key.1 as usize] = i as u32;
    }

    fn down(&mut self, mut i: usize) {
        let key = self.heap[i];
        let n = self.heap.len();
        loop {
            let mut child = 2 * i + 1;
            if child >= n {
                break;
            }
            if child + 1 < n && before(self.heap[child + 1], self.heap[child]) {
                child += 1;
            }
            if !before(self.heap[child], key) {
                break;
            }
            self.heap[i] = self.heap[child];
            self.at[self.heap[i].1 as usize] = i as u32;
            i = child;
        }
        self.heap[i] = key;
        self.at[key.1 as usize] = i as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers.
    fn numbers(mut seed: u64) -> impl FnMut() -> u32 {
        move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        }
    }

    #[test]
    fn nodes_come_out_best_first_after_any_changes() {
        let mut next = numbers(7);
        let n = 300;
        // Few distinct similarities, so that ties are decided by the node.
        let mut best: Vec<Option<(f32, u32)>> = (0..n)
            .map(|_| (!next().is_multiple_of(4)).then(|| ((next() % 20) as f32 / 20.0 + 0.05, 0)))
            .collect();
        let mut q = Queue::new(&best);
        for _ in 0..2000 {
            let x = (next() % n) as usize;
            match next() % 3 {
                0 => best[x] = None,
                _ => best[x] = Some(((next() % 20) as f32 / 20.0 + 0.05, 0)),
            }
            q.set(x, best[x]);
            if next().is_multiple_of(5) {
                // The best queued node is the one a full scan finds.
                let expect = (0..n as usize)
                    .filter_map(|y| best[y].map(|(s, _)| (s, y)))
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map(|(_, y)| y);
                let got = q.pop();
                assert_eq!(got, expect);
                if let Some(y) = got {
                    best[y] = None;
                }
            }
        }
        let mut order = Vec::new();
        while let Some(x) = q.pop() {
            order.push(x);
        }
        let mut expect: Vec<usize> = (0..n as usize).filter(|&y| best[y].is_some()).collect();
        expect.sort_by(|&a, &b| {
            let (sa, sb) = (best[a].unwrap().0, best[b].unwrap().0);
            sb.total_cmp(&sa).then(a.cmp(&b))
        });
        assert_eq!(order, expect);
    }
}
