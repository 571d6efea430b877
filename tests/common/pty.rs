//! The real binary in a pseudo-terminal: a parsed view of its screen,
//! everything it wrote (escape sequences included), its process id, signals
//! and a real `kill -9`. The program runs without a display, so copies go
//! through the terminal.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 35;
pub const COLS: u16 = 120;

pub const BIN: &str = env!("CARGO_BIN_EXE_stellwand");

pub struct Tty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    _state: tempfile::TempDir,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

impl Tty {
    /// Starts stellwand with arguments and extra environment.
    pub fn start(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Tty {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        Tty::spawn(cmd, cwd, env)
    }

    /// Starts stellwand on the session `file` in `dir` and waits for its
    /// first board.
    pub fn on_board(dir: &Path, file: &str) -> Tty {
        let tty = Tty::start(dir, &[file], &[]);
        tty.wait_for("Wand 1/1");
        tty
    }

    /// Starts stellwand on the session `file` in `dir` and opens rapid
    /// entry on its first board.
    pub fn entering(dir: &Path, file: &str) -> Tty {
        let mut tty = Tty::on_board(dir, file);
        tty.send("a");
        tty.wait_for("ERFASSEN");
        tty
    }

    /// A fresh folder that `setup` fills, and the program started there by
    /// `open` on `file` (e.g. [`Tty::on_board`]); the folder lives as long
    /// as the first value returned.
    pub fn fresh<T>(
        setup: impl FnOnce(&Path) -> T,
        open: fn(&Path, &str) -> Tty,
        file: &str,
    ) -> (tempfile::TempDir, T, Tty) {
        let dir = tempfile::tempdir().unwrap();
        let made = setup(dir.path());
        let tty = open(dir.path(), file);
        (dir, made, tty)
    }

    /// Fails the test, with the screen, unless the screen shows `text` now.
    pub fn assert_shows(&self, text: &str) {
        let screen = self.contents();
        assert!(screen.contains(text), "{text:?} is not shown:\n{screen}");
    }

    /// Fails the test, with the screen, if the screen shows `text` now.
    pub fn assert_hides(&self, text: &str) {
        let screen = self.contents();
        assert!(!screen.contains(text), "{text:?} is shown:\n{screen}");
    }

    /// Quits with `q` and waits for the program to end normally; the last
    /// screen.
    pub fn quit(&mut self) -> String {
        self.send("q");
        self.wait_success()
    }

    /// Starts a shell command line (to run `stty` after the program).
    pub fn shell(cwd: &Path, script: &str, env: &[(&str, &str)]) -> Tty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        Tty::spawn(cmd, cwd, env)
    }

    fn spawn(mut cmd: CommandBuilder, cwd: &Path, env: &[(&str, &str)]) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "sachbearbeiterin");
        cmd.env("RUST_BACKTRACE", "0");
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        // The test terminal answers no graphics query.
        cmd.env("STELLWAND_GRAPHICS", "halfblocks");
        // What the program remembers goes into a folder of the test's own,
        // not beside the session files.
        let state = tempfile::tempdir().expect("a folder for the program's memory");
        cmd.env("XDG_STATE_HOME", state.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start the program");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(ROWS),
            nonzero(COLS),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, bytes) = (Arc::clone(&screen), Arc::clone(&raw));
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                bytes.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tty {
            child,
            writer: Some(writer),
            screen,
            raw,
            master: Some(pair.master),
            stop_reading,
            _state: state,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// The character and colours of one cell of the screen.
    pub fn cell(&self, row: u16, col: u16) -> Option<(String, vt100::Color, vt100::Color)> {
        let p = self.screen.lock().unwrap();
        let c = p.screen().cell(row, col)?;
        Some((c.contents().to_string(), c.fgcolor(), c.bgcolor()))
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote so far, as text.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    pub fn send(&mut self, s: &str) {
        if let Some(w) = self.writer.as_mut() {
            // The program may be gone already (a kill test); that is fine.
            let _ = w.write_all(s.as_bytes());
            let _ = w.flush();
        }
        if s.ends_with('\x1b') {
            // A lone Esc read together with the next key is Alt and that key.
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The background colour of the screen cell where `text` starts.
    pub fn background_of(&self, text: &str) -> Option<vt100::Color> {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        for (row, line) in s.rows(0, COLS).enumerate() {
            if let Some(at) = line.find(text) {
                let col = line[..at].chars().count() as u16;
                return s.cell(row as u16, col).map(|c| c.bgcolor());
            }
        }
        None
    }

    /// Waits until the screen shows `text`; false on timeout.
    pub fn shows_within(&self, text: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.contents().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        false
    }

    /// Waits until the screen shows `text`, else fails the test with the
    /// screen.
    pub fn wait_for(&self, text: &str) {
        assert!(
            self.shows_within(text, Duration::from_secs(15)),
            "screen never showed {text:?}:\n{}",
            self.contents()
        );
    }

    /// Types `text` and Enter in rapid entry, and waits until the status
    /// bar counts `count` cards.
    pub fn card(&mut self, text: &str, count: usize) {
        self.send(text);
        self.send("\r");
        self.wait_for(&format!("Karten: {count} "));
    }

    /// Types each text as a card; `before` cards were there already.
    pub fn cards(&mut self, texts: &[&str], before: usize) {
        for (i, text) in texts.iter().enumerate() {
            self.card(text, before + i + 1);
        }
    }

    /// Leaves rapid entry with Esc, back on the board.
    pub fn back_to_board(&mut self) {
        self.send("\x1b");
        self.wait_for(" WAND ");
    }

    /// Waits for the program to end; its exit code (None: killed by a signal
    /// or still running at the timeout).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<Option<u32>> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Give the reader a moment for the last bytes.
                std::thread::sleep(Duration::from_millis(30));
                let code = status.exit_code();
                return Some(status.signal().is_none().then_some(code));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    /// Waits for the program to end normally (exit code 0); the last screen.
    pub fn wait_success(&mut self) -> String {
        let end = self.wait_exit(Duration::from_secs(15));
        assert_eq!(
            end,
            Some(Some(0)),
            "did not end normally:\n{}",
            self.contents()
        );
        self.contents()
    }

    /// Sends a signal with the system's `kill` (portable-pty's own kill
    /// sends SIGHUP first, which the program handles).
    pub fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args(["-s", name, &self.pid().to_string()])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -s {name} failed");
    }

    /// `kill -9` and wait until the process is gone.
    pub fn kill9(&mut self) {
        self.signal("KILL");
        let gone = self.wait_exit(Duration::from_secs(10));
        assert!(gone.is_some(), "the process did not die");
    }

    /// Closes the terminal, as closing its window does. Every handle on the
    /// terminal's side must go, the reader's too: it stops after the next
    /// output, which `wake` (keys that change the screen) brings about.
    pub fn hang_up(&mut self, wake: &str) {
        self.stop_reading
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.send(wake);
        std::thread::sleep(Duration::from_millis(200));
        self.writer = None;
        self.master = None;
    }

    /// The process ids of the children of this terminal's process (for a
    /// program started by a shell).
    pub fn children(&self) -> Vec<u32> {
        let pid = self.pid();
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Whether the terminal echoes typed characters (from its termios).
    pub fn echo_on(&self) -> Option<bool> {
        #[cfg(unix)]
        {
            let t = self.master.as_ref()?.get_termios()?;
            // ECHO is 0o10 on Linux and the BSDs.
            Some(t.local_flags.bits() & 0o10 != 0)
        }
        #[cfg(not(unix))]
        None
    }

    /// The parsed terminal state after the program ended.
    pub fn restored(&self) -> Result<(), String> {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        let mut problems = Vec::new();
        if s.alternate_screen() {
            problems.push("still on the alternate screen");
        }
        if s.hide_cursor() {
            problems.push("cursor hidden");
        }
        if s.bracketed_paste() {
            problems.push("bracketed paste on");
        }
        if s.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
            problems.push("mouse reporting on");
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join(", "))
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = std::process::Command::new("kill")
                .args(["-s", "KILL", &self.pid().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}

/// The number after `Karten: ` in the status bar, if shown.
pub fn card_count(screen: &str) -> Option<usize> {
    let at = screen.rfind("Karten: ")? + "Karten: ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// A small deterministic random source for test schedules.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}
