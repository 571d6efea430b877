//! A progress line on stderr for commands that run long: it appears once a
//! run has taken a second, only when stderr is a terminal, and is cleared
//! when the run ends, so that short runs and redirected output look as
//! before.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use stellwand::core::cluster::Progress;
use stellwand::core::error::Lang;
use stellwand::core::workspace::Workspace;
use stellwand::i18n::Msg;

/// Starts the progress line of a command and reads its session files: the
/// folder's workspace and the line, or the exit code once the problems of
/// the files are told.
pub fn read_files(
    files: &[PathBuf],
    progress: &Progress,
    lang: Lang,
) -> Result<(Workspace, Line), ExitCode> {
    let line = Line::start(progress);
    line.stage(Msg::StageReading.text(lang));
    let (workspace, problems) = Workspace::load(files);
    if problems.is_empty() {
        return Ok((workspace, line));
    }
    line.finish();
    for e in &problems {
        tell!("{}", e.render(lang));
    }
    Err(ExitCode::FAILURE)
}

/// After this long a run shows its progress line.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often the line is drawn again.
const REDRAW: Duration = Duration::from_millis(100);

/// The progress line of one run; stages name what it is doing.
pub struct Line {
    stage: Arc<Mutex<String>>,
    done: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl Line {
    /// Starts watching `progress`; nothing is drawn when stderr is not a
    /// terminal.
    pub fn start(progress: &Progress) -> Line {
        let stage = Arc::new(Mutex::new(String::new()));
        let done = Arc::new(AtomicBool::new(false));
        let drawer = std::io::stderr().is_terminal().then(|| {
            let (progress, stage, done) = (progress.clone(), Arc::clone(&stage), Arc::clone(&done));
            std::thread::spawn(move || draw(&progress, &stage, &done))
        });
        Line {
            stage,
            done,
            drawer,
        }
    }

    /// What the run does now ("Cluster werden gebildet").
    pub fn stage(&self, text: &str) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = text.to_string();
    }

    /// Clears the line; the run's own output follows.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        self.stop();
    }
}

fn draw(progress: &Progress, stage: &Mutex<String>, done: &AtomicBool) {
    let start = Instant::now();
    while start.elapsed() < SHOW_AFTER {
        if done.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(REDRAW.min(SHOW_AFTER));
    }
    let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {msg} {percent:>3} % [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    while !done.load(Ordering::SeqCst) {
        let text = stage.lock().unwrap_or_else(|e| e.into_inner()).clone();
        bar.set_message(stellwand::core::sanitize::terminal(&text).into_owned());
        bar.set_position((progress.fraction() * 1000.0) as u64);
        std::thread::sleep(REDRAW);
    }
    bar.finish_and_clear();
}
