//! Search-as-you-type over 100,000 synthetic cards: the time per key while a
//! query is typed letter by letter (goal < 16 ms per key), fresh and with the
//! incremental searcher. `cargo bench --bench search`.

#[path = "support/synthetic.rs"]
mod synthetic;

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::search::{SearchIndex, SearchItem, Searcher};

fn index(n: usize) -> SearchIndex {
    SearchIndex::new(
        synthetic::cards(n, 7)
            .into_iter()
            .enumerate()
            .map(|(i, (_, text))| SearchItem {
                session: 0,
                board: format!("b{}", i / 30),
                card: format!("k{i}"),
                text,
            })
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("search 100k cards");
    let idx = index(100_000);
    for q in ["k", "ki", "kit", "kitap", "kitaplätze", "müll stra", "xq"] {
        group.bench_function(format!("fresh '{q}'"), |b| b.iter(|| idx.search(q, 50)));
    }
    // Typing "sprachkurs" one key at a time: the whole sequence, per key
    // is this divided by 10.
    let mut searcher = Searcher::new(index(100_000));
    group.bench_function("typing 'sprachkurs' (10 keys)", |b| {
        b.iter(|| {
            let mut q = String::new();
            for ch in "sprachkurs".chars() {
                q.push(ch);
                searcher.search(&q, 50);
            }
            searcher.search("", 50);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
