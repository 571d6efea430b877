//! The photo pane's machinery: which graphics the terminal can show (Kitty,
//! Sixel, iTerm2 or half-blocks), and a worker thread that reads, scales
//! and encodes photos so that the board stays live meanwhile.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use image::imageops::FilterType;
use image::{DynamicImage, RgbImage};
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui_image::Resize;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;

use crate::core::model::PhotoView;
use crate::core::photo::{self, PhotoError};

/// Photos kept decoded at once (each at most 2048 pixels on its longest
/// side, so at most about 12 MB each).
const CACHED_PHOTOS: usize = 3;

/// How long the terminal may take to answer the graphics query.
const QUERY_TIMEOUT: Duration = Duration::from_millis(500);

/// The environment variable that chooses the graphics instead of asking
/// the terminal: `halfblocks`, `kitty`, `sixel`, `iterm2` or `auto`.
pub const GRAPHICS_VAR: &str = "STELLWAND_GRAPHICS";

/// Which way of drawing pictures the terminal understands.
#[derive(Clone)]
pub struct Graphics {
    picker: Picker,
}

impl std::fmt::Debug for Graphics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Graphics({:?})", self.picker.protocol_type())
    }
}

impl Graphics {
    /// Half-blocks (`▀` in two colours): every terminal shows them.
    pub fn halfblocks() -> Self {
        Graphics {
            picker: Picker::halfblocks(),
        }
    }

    pub fn protocol(&self) -> ProtocolType {
        self.picker.protocol_type()
    }

    /// Asks the terminal which graphics it understands, unless the
    /// environment says; the answer is read on a thread of its own, so
    /// that the session opens and the first frame is drawn meanwhile. Must
    /// run in raw mode before anything else reads the terminal's input, and
    /// nothing may read it before [`Asking::answer`]. Never waits longer
    /// than [`QUERY_TIMEOUT`]: a terminal that does not answer gets
    /// half-blocks. Keys typed ahead (before the terminal answered, or read
    /// together with its answer) come back as events, to be handled first.
    pub fn ask() -> Asking {
        let forced = std::env::var(GRAPHICS_VAR).unwrap_or_default();
        let forced = match forced.trim().to_lowercase().as_str() {
            "halfblocks" | "blocks" | "none" => Some(ProtocolType::Halfblocks),
            "kitty" => Some(ProtocolType::Kitty),
            "sixel" => Some(ProtocolType::Sixel),
            "iterm2" | "iterm" => Some(ProtocolType::Iterm2),
            _ => None,
        };
        let (sent_tx, sent) = mpsc::channel();
        let reading = std::thread::spawn(move || {
            let answer = match forced {
                Some(ProtocolType::Halfblocks) => None,
                Some(p) => Some(Answer {
                    protocol: Some(p),
                    font: window_font_size(),
                    typed: Vec::new(),
                }),
                None => Some(query_terminal(&sent_tx)),
            };
            drop(sent_tx);
            answer.map_or_else(
                || (Graphics::halfblocks(), Vec::new()),
                Graphics::from_answer,
            )
        });
        Asking { reading, sent }
    }

    fn from_answer(answer: Answer) -> (Self, Vec<Event>) {
        let protocol = answer
            .protocol
            .or_else(iterm2_from_env)
            .unwrap_or(ProtocolType::Halfblocks);
        let typed = typed_ahead(&answer.typed);
        if protocol == ProtocolType::Halfblocks {
            return (Graphics::halfblocks(), typed);
        }
        #[allow(deprecated)]
        let mut picker = Picker::from_fontsize(answer.font.unwrap_or((10, 20)));
        picker.set_protocol_type(protocol);
        (Graphics { picker }, typed)
    }
}

/// The graphics query on its way: sent, its answer read on another thread.
pub struct Asking {
    reading: std::thread::JoinHandle<(Graphics, Vec<Event>)>,
    /// Closed once the query is written, so that nothing else writes to the
    /// terminal in the middle of it.
    sent: Receiver<()>,
}

impl Asking {
    /// Waits until the query is written to the terminal (at once, or after
    /// tmux was told to let it through).
    pub fn wait_sent(&self) {
        let _ = self.sent.recv();
    }

    /// The graphics the terminal understands and the keys typed ahead;
    /// waits for the answer or its deadline.
    pub fn answer(self) -> (Graphics, Vec<Event>) {
        self.reading
            .join()
            .unwrap_or_else(|_| (Graphics::halfblocks(), Vec::new()))
    }
}

/// What the terminal said about itself.
struct Answer {
    protocol: Option<ProtocolType>,
    font: Option<(u16, u16)>,
    /// What was read that is no answer: keys typed ahead.
    typed: Vec<u8>,
}

fn in_tmux() -> bool {
    std::env::var("TERM").is_ok_and(|t| t.starts_with("tmux"))
        || std::env::var("TERM_PROGRAM").is_ok_and(|t| t == "tmux")
}

/// Terminals that draw iTerm2 pictures but do not say so when asked.
fn iterm2_from_env() -> Option<ProtocolType> {
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    let known = ["iTerm", "WezTerm", "mintty", "vscode", "Tabby", "rio"];
    let lc = std::env::var("LC_TERMINAL").unwrap_or_default();
    (known.iter().any(|k| program.contains(k)) || lc.contains("iTerm"))
        .then_some(ProtocolType::Iterm2)
}

/// The size of a character cell in pixels, from the terminal's window size.
#[cfg(unix)]
fn window_font_size() -> Option<(u16, u16)> {
    // SAFETY: TIOCGWINSZ fills a winsize struct; nothing else is touched.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    (ok && ws.ws_col > 0 && ws.ws_row > 0 && ws.ws_xpixel > 0 && ws.ws_ypixel > 0)
        .then(|| (ws.ws_xpixel / ws.ws_col, ws.ws_ypixel / ws.ws_row))
}

#[cfg(not(unix))]
fn window_font_size() -> Option<(u16, u16)> {
    None
}

/// Sends the Kitty, device-attributes and cell-size queries, ending with a
/// status report every terminal answers, and reads the answers with a
/// deadline. Reading polls, so no thread is left waiting on the input.
#[cfg(unix)]
fn query_terminal(sent: &Sender<()>) -> Answer {
    use std::io::Write;
    use std::os::fd::AsRawFd;

    use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};

    let none = Answer {
        protocol: None,
        font: None,
        typed: Vec::new(),
    };
    let stdin = std::io::stdin();
    let fd = stdin.as_raw_fd();
    // SAFETY: isatty only reads the descriptors' state.
    if unsafe { libc::isatty(fd) != 1 || libc::isatty(libc::STDOUT_FILENO) != 1 } {
        return none;
    }
    let tmux = in_tmux();
    if tmux {
        allow_tmux_passthrough();
    }
    let query = Parser::query(tmux, QueryStdioOptions::default());
    let mut out = std::io::stdout();
    if out
        .write_all(query.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return none;
    }
    let _ = sent.send(());
    let deadline = Instant::now() + QUERY_TIMEOUT;
    let mut parser = Parser::new();
    let mut answer = Answer {
        protocol: None,
        font: None,
        typed: Vec::new(),
    };
    let mut sixel = false;
    // Answers start with Esc: what comes before the first one, and after
    // the closing status report, was typed.
    let mut answering = false;
    'read: loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a bounded timeout.
        let ready = unsafe { libc::poll(&mut poll, 1, left.as_millis().max(1) as libc::c_int) };
        if ready <= 0 {
            break;
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads into a buffer of the given length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        let bytes = &buf[..n as usize];
        for (i, &b) in bytes.iter().enumerate() {
            answering |= b == 0x1b;
            if !answering {
                answer.typed.push(b);
                continue;
            }
            for response in parser.push(char::from(b)) {
                match response {
                    Response::Kitty => answer.protocol = Some(ProtocolType::Kitty),
                    Response::Sixel => sixel = true,
                    Response::CellSize(Some(size)) => answer.font = Some(size),
                    Response::Status => {
                        answer.typed.extend_from_slice(&bytes[i + 1..]);
                        break 'read;
                    }
                    _ => {}
                }
            }
        }
    }
    if answer.protocol.is_none() && sixel {
        answer.protocol = Some(ProtocolType::Sixel);
    }
    answer.font = answer.font.or_else(window_font_size);
    answer
}

#[cfg(not(unix))]
fn query_terminal(_sent: &Sender<()>) -> Answer {
    Answer {
        protocol: None,
        font: None,
        typed: Vec::new(),
    }
}

/// Keys typed ahead, as the terminal sent them, made into events: text,
/// Enter, Tab, Backspace and Ctrl with a letter.
pub fn typed_ahead(bytes: &[u8]) -> Vec<Event> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    String::from_utf8_lossy(bytes)
        .chars()
        .filter_map(|c| match c {
            '\r' | '\n' => Some(key(KeyCode::Enter, KeyModifiers::NONE)),
            '\t' => Some(key(KeyCode::Tab, KeyModifiers::NONE)),
            '\x7f' | '\x08' => Some(key(KeyCode::Backspace, KeyModifiers::NONE)),
            '\x01'..='\x1a' => {
                let letter = char::from(b'a' + (c as u8) - 1);
                Some(key(KeyCode::Char(letter), KeyModifiers::CONTROL))
            }
            c if c.is_control() || c == char::REPLACEMENT_CHARACTER => None,
            c => Some(key(KeyCode::Char(c), KeyModifiers::NONE)),
        })
        .collect()
}

/// Lets picture sequences through tmux to the terminal around it; gives up
/// after a moment rather than wait on a tmux that does not answer.
#[cfg(unix)]
fn allow_tmux_passthrough() {
    let child = std::process::Command::new("tmux")
        .args(["set", "-p", "allow-passthrough", "on"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return };
    let until = Instant::now() + Duration::from_millis(300);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    std::thread::spawn(move || child.wait());
}

/// What the pane asks to be drawn: a photo file, the part of it, and the
/// size of the pane in character cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Want {
    pub path: PathBuf,
    pub view: PhotoView,
    pub cells: (u16, u16),
}

/// A photo encoded for the terminal.
pub struct Rendered {
    pub want: Want,
    pub protocol: Protocol,
    /// The photo's size in pixels as kept (after scaling once).
    pub size: (u32, u32),
}

enum Done {
    Rendered(Rendered),
    Failed(Want, PhotoError),
}

/// What the pane shows.
pub enum Pane<'a> {
    /// The photo (perhaps of the last view while the next one is encoded).
    Picture(&'a Rendered),
    Loading,
    Failed(&'a PhotoError),
}

/// The photo pane's state: open or not, the worker, the last picture.
pub struct Photos {
    pub open: bool,
    graphics: Graphics,
    worker: Option<(Sender<Want>, Receiver<Done>)>,
    asked: Option<Want>,
    shown: Option<Rendered>,
    failed: Option<(Want, PhotoError)>,
}

impl std::fmt::Debug for Photos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Photos")
            .field("open", &self.open)
            .field("graphics", &self.graphics)
            .field("asked", &self.asked)
            .finish_non_exhaustive()
    }
}

impl Default for Photos {
    fn default() -> Self {
        Photos::new(Graphics::halfblocks())
    }
}

impl Photos {
    pub fn new(graphics: Graphics) -> Self {
        Photos {
            open: false,
            graphics,
            worker: None,
            asked: None,
            shown: None,
            failed: None,
        }
    }

    pub fn set_graphics(&mut self, graphics: Graphics) {
        *self = Photos {
            open: self.open,
            ..Photos::new(graphics)
        };
    }

    pub fn graphics(&self) -> &Graphics {
        &self.graphics
    }

    /// Asks for a picture unless it is shown or on its way already.
    pub fn want(&mut self, want: Option<Want>) {
        let Some(want) = want else {
            self.asked = None;
            return;
        };
        if self.asked.as_ref() == Some(&want) {
            return;
        }
        self.asked = Some(want.clone());
        if self.shown.as_ref().is_some_and(|r| r.want == want)
            || self.failed.as_ref().is_some_and(|(w, _)| *w == want)
        {
            return;
        }
        let picker = self.graphics.picker.clone();
        let (jobs, _) = self.worker.get_or_insert_with(|| spawn_worker(picker));
        if jobs.send(want).is_err() {
            // The worker is gone (it cannot panic, but be safe): a new one.
            self.worker = None;
            let want = self.asked.take();
            self.want(want);
        }
    }

    /// Takes what the worker finished; true when the pane changed.
    pub fn receive(&mut self) -> bool {
        let Some((_, done)) = &self.worker else {
            return false;
        };
        let mut changed = false;
        while let Ok(d) = done.try_recv() {
            changed = true;
            match d {
                Done::Rendered(r) => {
                    self.failed = None;
                    self.shown = Some(r);
                }
                Done::Failed(w, e) => self.failed = Some((w, e)),
            }
        }
        changed
    }

    /// Whether a picture was asked for and has not come yet.
    pub fn busy(&self) -> bool {
        let Some(asked) = &self.asked else {
            return false;
        };
        !(self.shown.as_ref().is_some_and(|r| &r.want == asked)
            || self.failed.as_ref().is_some_and(|(w, _)| w == asked))
    }

    /// Waits until the picture asked for has come, at most `timeout`
    /// (for tests and benchmarks; the program never waits).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let until = Instant::now() + timeout;
        loop {
            self.receive();
            if !self.busy() {
                return true;
            }
            if Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// What the pane shows for the picture asked for last.
    pub fn pane(&self) -> Pane<'_> {
        let asked = self.asked.as_ref();
        if let Some((w, e)) = &self.failed
            && Some(w) == asked
        {
            return Pane::Failed(e);
        }
        match &self.shown {
            // While the next view is encoded the last one of the same
            // photo stays, so zooming does not flicker.
            Some(r) if asked.is_some_and(|a| a.path == r.want.path) => Pane::Picture(r),
            _ => Pane::Loading,
        }
    }

    /// The size in pixels of the photo at `path`, when known.
    pub fn size_of(&self, path: &Path) -> Option<(u32, u32)> {
        self.shown
            .as_ref()
            .filter(|r| r.want.path == path)
            .map(|r| r.size)
    }

    /// Pixels of a character cell as the pictures are made.
    pub fn font_size(&self) -> (u16, u16) {
        self.graphics.picker.font_size()
    }
}

fn spawn_worker(picker: Picker) -> (Sender<Want>, Receiver<Done>) {
    let (jobs_tx, jobs) = mpsc::channel::<Want>();
    let (done, done_rx) = mpsc::channel::<Done>();
    std::thread::Builder::new()
        .name("photos".into())
        .spawn(move || work(&picker, &jobs, &done))
        .expect("start the photo thread");
    (jobs_tx, done_rx)
}

/// A decoded photo, with what its file looked like when read.
struct Cached {
    path: PathBuf,
    stamp: Option<(SystemTime, u64)>,
    picture: Arc<RgbImage>,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn work(picker: &Picker, jobs: &Receiver<Want>, done: &Sender<Done>) {
    let mut cache: VecDeque<Cached> = VecDeque::new();
    while let Ok(mut want) = jobs.recv() {
        // Only the newest wish counts: fast zooming skips the views between.
        while let Ok(newer) = jobs.try_recv() {
            want = newer;
        }
        let result =
            std::panic::catch_unwind(AssertUnwindSafe(|| render(picker, &mut cache, &want)));
        let message = match result {
            Ok(Ok(r)) => Done::Rendered(r),
            Ok(Err(e)) => Done::Failed(want, e),
            Err(_) => {
                let path = want.path.clone();
                Done::Failed(
                    want,
                    PhotoError::NotAnImage {
                        path,
                        reason: "Dekodierfehler / decoder failure".into(),
                    },
                )
            }
        };
        if done.send(message).is_err() {
            return;
        }
    }
}

fn picture(cache: &mut VecDeque<Cached>, path: &Path) -> Result<Arc<RgbImage>, PhotoError> {
    let now = stamp(path);
    if let Some(i) = cache.iter().position(|c| c.path == path) {
        let c = cache.remove(i).expect("index from position");
        if c.stamp == now && now.is_some() {
            let picture = Arc::clone(&c.picture);
            cache.push_back(c);
            return Ok(picture);
        }
    }
    let picture = Arc::new(photo::load(path)?);
    cache.push_back(Cached {
        path: path.to_path_buf(),
        stamp: now,
        picture: Arc::clone(&picture),
    });
    while cache.len() > CACHED_PHOTOS {
        cache.pop_front();
    }
    Ok(picture)
}

fn render(
    picker: &Picker,
    cache: &mut VecDeque<Cached>,
    want: &Want,
) -> Result<Rendered, PhotoError> {
    let picture = picture(cache, &want.path)?;
    let (fw, fh) = picker.font_size();
    let (cols, rows) = (want.cells.0.max(1), want.cells.1.max(1));
    let (pw, ph) = (
        u32::from(cols) * u32::from(fw),
        u32::from(rows) * u32::from(fh),
    );
    let (w, h) = picture.dimensions();
    let c = photo::crop(&want.view, w, h, pw, ph);
    let part = image::imageops::crop_imm(&*picture, c.x, c.y, c.width, c.height).to_image();
    // Scale the part to the pane's pixels, keeping its shape.
    let scale = (f64::from(pw) / f64::from(c.width)).min(f64::from(ph) / f64::from(c.height));
    let tw = ((f64::from(c.width) * scale) as u32).clamp(1, pw);
    let th = ((f64::from(c.height) * scale) as u32).clamp(1, ph);
    let part = DynamicImage::ImageRgb8(part);
    let part = if tw < c.width {
        part.thumbnail_exact(tw, th)
    } else {
        part.resize_exact(tw, th, FilterType::Triangle)
    };
    let protocol = picker
        .new_protocol(part, Rect::new(0, 0, cols, rows), Resize::Fit(None))
        .map_err(|e| PhotoError::NotAnImage {
            path: want.path.clone(),
            reason: e.to_string(),
        })?;
    Ok(Rendered {
        want: want.clone(),
        protocol,
        size: (w, h),
    })
}

/// Where the photo pane goes in the board's body: beside the columns on a
/// wide terminal, below them on a narrow one. Returns the columns' area and
/// the pane's.
pub fn split(body: Rect) -> (Rect, Rect) {
    if body.width >= 100 {
        let pane = (body.width * 2 / 5).clamp(36, 90);
        let cols = body.width - pane;
        let (x, y, h) = (body.x, body.y, body.height);
        (Rect::new(x, y, cols, h), Rect::new(x + cols, y, pane, h))
    } else {
        let pane = (body.height * 2 / 5)
            .max(6)
            .min(body.height.saturating_sub(8));
        let cols = body.height - pane;
        let (x, y, w) = (body.x, body.y, body.width);
        (Rect::new(x, y, w, cols), Rect::new(x, y + cols, w, pane))
    }
}

/// The cells inside the pane's frame where the picture goes (one row is
/// kept for the keys).
pub fn picture_area(pane: Rect) -> Rect {
    Rect {
        x: pane.x + 1,
        y: pane.y + 1,
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let path = dir.join(name);
        let img = RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                image::Rgb([220, 30, 30])
            } else {
                image::Rgb([30, 30, 220])
            }
        });
        img.save(&path).unwrap();
        path
    }

    #[test]
    fn the_worker_draws_a_photo_and_reports_a_broken_one() {
        let dir = tempfile::tempdir().unwrap();
        let good = png(dir.path(), "wand.png", 400, 300);
        let mut photos = Photos::default();
        let want = Want {
            path: good.clone(),
            view: PhotoView::default(),
            cells: (40, 15),
        };
        photos.want(Some(want.clone()));
        assert!(matches!(photos.pane(), Pane::Loading));
        assert!(photos.wait(Duration::from_secs(20)));
        let Pane::Picture(r) = photos.pane() else {
            panic!("no picture")
        };
        assert_eq!(r.size, (400, 300));
        assert!(r.protocol.area().width <= 40 && r.protocol.area().height <= 15);
        let bad = dir.path().join("kaputt.png");
        std::fs::write(&bad, "kein Bild").unwrap();
        photos.want(Some(Want { path: bad, ..want }));
        assert!(photos.wait(Duration::from_secs(20)));
        assert!(matches!(photos.pane(), Pane::Failed(_)));
    }

    #[test]
    fn the_pane_goes_beside_wide_boards_and_below_narrow_ones() {
        let (cols, pane) = split(Rect::new(0, 2, 200, 46));
        assert_eq!((cols.width, pane.x, pane.width), (120, 120, 80));
        let (cols, pane) = split(Rect::new(0, 2, 80, 20));
        assert_eq!(cols.width, 80);
        assert_eq!((cols.height, pane.y, pane.height), (12, 14, 8));
    }
}
