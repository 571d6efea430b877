//! Key-to-screen times of the real program in a pseudo-terminal, and its
//! CPU while the review sits idle:
//! `cargo build --release && cargo run --release --example pty_keys -- FILE`
//! opens FILE with `target/release/stellwand`, opens the cluster review
//! (`c`) and waits for the suggestions (a second start of the program lists
//! the run kept in the cache file), then times cursor moves (`j`) and
//! accepting a suggestion (`a`, undone with `u` each time) from writing the
//! key until the screen shows the change.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let file = std::env::args().nth(1).expect("a session file");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 35,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let here = std::env::current_dir().expect("the working folder");
    let mut cmd = CommandBuilder::new(here.join("target/release/stellwand"));
    cmd.arg(&file);
    cmd.cwd(&here);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("start stellwand");
    let pid = child.process_id().unwrap_or(0);
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("above zero");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(size(35), size(120), 0)));
    let bytes = Arc::new(Mutex::new(0usize));
    let (sink, count) = (Arc::clone(&parser), Arc::clone(&bytes));
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
            *count.lock().unwrap() += n;
        }
    });
    let screen = || parser.lock().unwrap().screen().contents();
    let wait = |what: &dyn Fn(&str) -> bool, limit: Duration| -> Duration {
        let start = Instant::now();
        while !what(&screen()) {
            assert!(start.elapsed() < limit, "timed out:\n{}", screen());
            std::thread::sleep(Duration::from_micros(200));
        }
        start.elapsed()
    };
    let opened = wait(&|s| s.contains("Wand 1/"), Duration::from_secs(60));
    println!("start to the first frame of the board: {opened:.2?} (with process start)");
    let mut send = |s: &str| {
        writer.write_all(s.as_bytes()).unwrap();
        writer.flush().unwrap();
    };
    std::thread::sleep(Duration::from_millis(500));
    let cache = std::path::Path::new(&file)
        .parent()
        .map(|d| d.join(".stellwand-cache"))
        .filter(|d| d.is_dir())
        .is_some();
    send("c");
    let start = Instant::now();
    let mut progress = None;
    while !screen().contains("Vorschläge (größte") {
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "timed out:\n{}",
            screen()
        );
        if progress.is_none() && screen().contains("Cluster werden") {
            progress = Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let listed = start.elapsed();
    let settled = wait(
        &|s| !s.contains("Karten werden gelesen"),
        Duration::from_secs(600),
    );
    println!(
        "c to the suggestions: {listed:.2?} ({}; a cache folder beside the session: {}); \
         cards read for decisions {:.2?} after c",
        match progress {
            Some(p) => format!("progress on screen after {p:.2?}"),
            None => "no progress screen".to_string(),
        },
        if cache { "yes" } else { "no" },
        listed + settled
    );
    std::thread::sleep(Duration::from_millis(500));

    let mut downs = Vec::new();
    for _ in 0..30 {
        let before = screen();
        let start = Instant::now();
        send("j");
        wait(&|s| s != before, Duration::from_secs(10));
        downs.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(30));
    }
    let (m, lo, hi) = {
        let mut v = downs.clone();
        v.sort();
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    println!("j (cursor down) key to screen: median {m:.2?} ({lo:.2?}–{hi:.2?})");
    let mut accepts = Vec::new();
    for _ in 0..5 {
        std::thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        send("a");
        wait(&|s| s.contains("bestätigt"), Duration::from_secs(60));
        accepts.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(300));
        let accepted = screen();
        send("u");
        wait(&|s| s != accepted, Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1500));
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let (m, lo, hi) = median(&mut accepts);
    println!("a (accept) key to screen: median {m:.2?} ({lo:.2?}–{hi:.2?})");

    // Idle: CPU time of the process over ten seconds of nothing.
    std::thread::sleep(Duration::from_secs(1));
    let ticks = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let rest = stat.rsplit(')').next().unwrap_or("");
        let f: Vec<&str> = rest.split_whitespace().collect();
        f.get(11).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0)
            + f.get(12).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0)
    };
    let (t0, b0) = (ticks(), *bytes.lock().unwrap());
    std::thread::sleep(Duration::from_secs(10));
    let (t1, b1) = (ticks(), *bytes.lock().unwrap());
    println!(
        "idle review for 10 s: {} ms of CPU, {} bytes written to the terminal",
        (t1 - t0) * 10,
        b1 - b0
    );
    send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    send("q");
    let _ = child.wait();
}
