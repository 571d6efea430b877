//! `stellwand cluster --json` from start to the last line of output, on
//! generated sessions: 10,000 cards (goal ≤ 0.2 s) and 100,000 cards (goal
//! ≤ 5 s) in one file each; with `STELLWAND_BENCH_MILLION=1` also
//! 1,000,000 cards in ten files of 100,000 (goal ≤ 60 s; a session file
//! holds at most 64 MB, about 800,000 cards).
//! `cargo bench --bench cluster_cli -- --quick`

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

fn write(dir: &Path, cards: usize, files: usize) -> Vec<PathBuf> {
    (0..files)
        .map(|f| {
            let mut session = synthetic::session(cards, 42 + f as u64);
            session.id = format!("land-{f}");
            let path = dir.join(format!("land-{cards}-{f}.ron"));
            stellwand::core::store::save(&path, &session).unwrap();
            path
        })
        .collect()
}

fn run(files: &[PathBuf]) {
    let status = Command::new(env!("CARGO_BIN_EXE_stellwand"))
        .arg("cluster")
        .arg("--json")
        .args(files)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("cluster --json");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let small = write(dir.path(), 10_000, 1);
    group.bench_function("10k cards", |b| b.iter(|| run(&small)));
    let large = write(dir.path(), 100_000, 1);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("100k cards", |b| b.iter(|| run(&large)));
    if std::env::var_os("STELLWAND_BENCH_MILLION").is_some() {
        let million = write(dir.path(), 100_000, 10);
        group.measurement_time(Duration::from_secs(120));
        group.bench_function("1M cards in 10 files", |b| b.iter(|| run(&million)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
