//! Tests of the pair search and the merging.

use super::*;

/// One node per card vector.
fn one_node_each(vectors: &[Vector]) -> Vec<Node> {
    vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut n = Node::new(None);
            n.members.push(i as u32);
            n.sum = v.clone();
            n
        })
        .collect()
}

/// Deterministic pseudo-random numbers.
fn numbers(mut seed: u64) -> impl FnMut() -> u32 {
    move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as u32
    }
}

fn unit(v: &[(u32, f32)]) -> Vector {
    let n: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    v.iter().map(|(f, w)| (*f, w / n)).collect()
}

/// How [`topic_vectors`] draws its cards: each card has a topic and
/// `words` features among the topic's `spread` features starting at
/// `topic * stride` (neighbouring topics overlap), weighing 1 to `weights`.
struct Topics {
    topics: u32,
    words: usize,
    stride: u32,
    spread: u32,
    weights: u32,
}

/// `count` unit vectors of cards drawn as `shape` says.
fn topic_vectors(mut next: impl FnMut() -> u32, count: usize, shape: Topics) -> Vec<Vector> {
    (0..count)
        .map(|_| {
            let topic = next() % shape.topics;
            let mut v: Vec<(u32, f32)> = (0..shape.words)
                .map(|_| {
                    let feature = topic * shape.stride + next() % shape.spread;
                    (feature, 1.0 + (next() % shape.weights) as f32)
                })
                .collect();
            v.sort_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            unit(&v)
        })
        .collect()
}

#[test]
fn merging_part_by_part_gives_what_merging_all_at_once_gives() {
    // Cards in a few topics, some sharing words across topics.
    let vectors = topic_vectors(
        numbers(11),
        400,
        Topics {
            topics: 12,
            words: 3,
            stride: 5,
            spread: 7,
            weights: 3,
        },
    );
    let refs: Vec<&[(u32, f32)]> = vectors.iter().map(Vec::as_slice).collect();
    let df = vec![1u32; 80];
    let rank = rank_by_rarity(&df);
    let nodes = one_node_each(&vectors);
    let edges: Vec<(u32, u32)> = similar_pairs(&refs, &rank, 0.3)
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect();
    let blocked = |_: usize, _: &[u32]| false;
    let by_parts = average_linkage(nodes.clone(), &edges, 0.3, &blocked);
    let at_once: Vec<Node> = merge_part(nodes, edges.clone(), 0.3, &blocked)
        .into_iter()
        .flatten()
        .collect();
    let members = |v: &[Node]| v.iter().map(|n| n.members.clone()).collect::<Vec<_>>();
    assert_eq!(members(&by_parts), members(&at_once));
    // Several parts and real merges, so the test can tell.
    assert!(
        by_parts.len() < 300 && by_parts.len() > 12,
        "{}",
        by_parts.len()
    );
}

#[test]
fn summing_at_once_gives_the_bits_of_adding_one_by_one() {
    let mut next = numbers(5);
    let vectors: Vec<Vector> = (0..500)
        .map(|_| {
            let mut v: Vec<(u32, f32)> = (0..6)
                .map(|_| (next() % 90, 0.1 + (next() % 1000) as f32 / 997.0))
                .collect();
            v.sort_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            v
        })
        .collect();
    let mut one_by_one: Vector = Vec::new();
    for v in &vectors {
        one_by_one = add_into(&one_by_one, v);
    }
    let mut summer = Summer::new();
    let at_once = summer.sum(vectors.iter().map(Vec::as_slice));
    let bits = |v: &[(u32, f32)]| v.iter().map(|(f, w)| (*f, w.to_bits())).collect::<Vec<_>>();
    assert_eq!(bits(&at_once), bits(&one_by_one));
    // Reused, it starts from nothing.
    assert_eq!(summer.sum([vectors[3].as_slice()]), vectors[3]);
}

#[test]
fn a_larger_cluster_needs_cards_more_alike() {
    // Two cards alike, and a third whose average similarity to them is
    // `third`: it joins only when it clears the threshold for three.
    let merged = |third: f32| -> usize {
        let rest = (1.0 - third * third).sqrt();
        let vectors: [Vector; 3] = [vec![(0, 1.0)], vec![(0, 1.0)], vec![(0, third), (1, rest)]];
        let edges = [(0, 1), (0, 2), (1, 2)];
        average_linkage(one_node_each(&vectors), &edges, 0.3, &|_, _| false).len()
    };
    assert!(grown(0.3, 3.0) > 0.305 && grown(0.3, 2.0) == 0.3);
    // Above the threshold of a pair, below that of three cards.
    assert_eq!(merged(0.303), 2);
    assert_eq!(merged(0.32), 1);
}

#[test]
fn prefix_filtering_finds_the_same_pairs_as_all_pairs() {
    // Deterministic pseudo-random sparse vectors.
    let mut next = numbers(7);
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
    // Each similarity to the bit as the dot product gives it.
    for &(a, b, s) in &fast {
        assert_eq!(
            s.to_bits(),
            dot(refs[a as usize], refs[b as usize]).to_bits()
        );
    }
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

/// Every pair above the threshold, then those among the first `k` of one
/// of their nodes, strongest first: what [`strongest_pairs`] must give.
fn strongest_by_all_pairs(
    refs: &[&[(u32, f32)]],
    owner: &[u32],
    rank: &[u32],
    threshold: f32,
    k: usize,
) -> Vec<(u32, u32)> {
    let mut edges: Vec<(u32, u32, f32)> = similar_pairs(refs, rank, threshold)
        .into_iter()
        .map(|(x, y, s)| (owner[x as usize], owner[y as usize], s))
        .filter(|(a, b, _)| a != b)
        .map(|(a, b, s)| (a.min(b), a.max(b), s))
        .collect();
    edges.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut taken = vec![0usize; refs.len()];
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (a, b, _) in edges {
        if taken[a as usize] < k || taken[b as usize] < k {
            out.push((a, b));
        }
        taken[a as usize] += 1;
        taken[b as usize] += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn each_nodes_strongest_pairs_are_those_of_all_pairs() {
    let mut next = numbers(5);
    // Many cards on few topics, so that most have far more than `k`
    // neighbours; some with equal vectors, so that similarities tie.
    let mut vectors: Vec<Vector> = (0..1500)
        .map(|_| {
            let topic = next() % 4;
            let mut v: Vec<(u32, f32)> = (0..5)
                .map(|_| {
                    let f = if next().is_multiple_of(3) {
                        next() % 300
                    } else {
                        topic * 8 + next() % 8
                    };
                    (f, 1.0 + (next() % 3) as f32)
                })
                .collect();
            v.sort_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            unit(&v)
        })
        .collect();
    for i in 0..100 {
        vectors[1400 + i] = vectors[i * 7].clone();
    }
    let mut df = vec![0u32; 300];
    for v in &vectors {
        for (f, _) in v {
            df[*f as usize] += 1;
        }
    }
    let rank = rank_by_rarity(&df);
    let refs: Vec<&[(u32, f32)]> = vectors.iter().map(Vec::as_slice).collect();
    // Most nodes one vector; a few (themes) many, not in order.
    let owner: Vec<u32> = (0..refs.len() as u32)
        .map(|x| if x % 50 == 3 { 7 + x % 3 } else { x })
        .collect();
    for (threshold, k) in [(0.3, 5), (0.3, 40), (0.5, 3), (0.2, 12)] {
        let fast = strongest_pairs(&refs, &owner, &rank, threshold, k);
        let slow = strongest_by_all_pairs(&refs, &owner, &rank, threshold, k);
        assert_eq!(fast, slow, "threshold {threshold}, k {k}");
        // Bounded: fewer than all pairs above the threshold.
        let all = similar_pairs(&refs, &rank, threshold).len();
        assert!(fast.len() < all / 2, "{} of {all}", fast.len());
    }
}

#[test]
fn leaders_block_by_block_are_those_of_one_pass() {
    // More vectors than one block, near-identical ones far apart.
    let vectors = topic_vectors(
        numbers(17),
        9000,
        Topics {
            topics: 30,
            words: 4,
            stride: 6,
            spread: 9,
            weights: 2,
        },
    );
    let refs: Vec<&[(u32, f32)]> = vectors.iter().map(Vec::as_slice).collect();
    let rank = rank_by_rarity(&[1u32; 200]);
    let fast = leaders(&refs, &rank, 0.5);
    // One vector after the other, against every leader so far.
    let mut slow = vec![0u32; refs.len()];
    let mut led: Vec<u32> = Vec::new();
    for y in 0..refs.len() {
        let mut best: Option<(f32, u32)> = None;
        for &x in &led {
            let s = dot(refs[y], refs[x as usize]);
            if s >= 0.5 && best.is_none_or(|(bs, bx)| s > bs || (s == bs && x < bx)) {
                best = Some((s, x));
            }
        }
        slow[y] = match best {
            Some((_, x)) => x,
            None => {
                led.push(y as u32);
                y as u32
            }
        };
    }
    assert_eq!(fast, slow);
    assert!(led.len() > 200 && led.len() < 8000, "{}", led.len());
}

#[test]
fn merging_on_both_cores_gives_what_merging_on_one_gives() {
    let vectors = topic_vectors(
        numbers(5),
        600,
        Topics {
            topics: 6,
            words: 3,
            stride: 5,
            spread: 9,
            weights: 3,
        },
    );
    let refs: Vec<&[(u32, f32)]> = vectors.iter().map(Vec::as_slice).collect();
    let df = vec![1u32; 80];
    let rank = rank_by_rarity(&df);
    let mut nodes = one_node_each(&vectors);
    // Handlungsfelder on some cards, so that some merges are not allowed.
    for (i, node) in nodes.iter_mut().enumerate().filter(|(i, _)| i % 7 == 0) {
        node.tags.push(vec![(i % 3) as u32]);
    }
    let edges: Vec<(u32, u32)> = similar_pairs(&refs, &rank, 0.3)
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect();
    let blocked = |_: usize, _: &[u32]| false;
    // Each node's members and the bits of its sum.
    type Merged = Vec<(Vec<u32>, Vec<(u32, u32)>)>;
    let run = |parallel_from: usize| -> Merged {
        merge_part_with(nodes.clone(), edges.clone(), 0.3, &blocked, parallel_from)
            .into_iter()
            .flatten()
            .map(|n| {
                let sum = n.sum.iter().map(|&(f, w)| (f, w.to_bits())).collect();
                (n.members, sum)
            })
            .collect()
    };
    let one = run(usize::MAX);
    assert_eq!(one, run(1));
    assert_eq!(one, run(8));
    // Real merges, some of them large, so the test can tell.
    assert!(one.len() < 300, "{}", one.len());
    assert!(one.iter().any(|(m, _)| m.len() >= 20));
}
