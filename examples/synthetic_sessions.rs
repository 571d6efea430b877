//! Writes synthetic session files for measuring the command line at scale:
//! `cargo run --release --example synthetic_sessions -- CARDS FILES DIR`
//! writes FILES sessions of CARDS cards each into DIR (a state's collection
//! of workshops), e.g. `100000 1 /tmp/land` or `100000 10 /tmp/land`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let cards: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let files: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "synthetic".into()));
    std::fs::create_dir_all(&dir).expect("create the folder");
    for f in 0..files {
        let mut session = synthetic::session(cards, 42 + f as u64);
        session.id = format!("land-{f}");
        let path = dir.join(format!("land-{f}.ron"));
        stellwand::core::store::save(&path, &session).expect("write the session");
        println!("{}", path.display());
    }
}
