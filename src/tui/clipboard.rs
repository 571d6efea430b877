//! The clipboard: copy through the system clipboard (arboard), else through
//! the terminal's OSC 52 sequence; and pasted lines turned into cards.
//!
//! A copy never blocks or crashes: arboard runs on a worker thread that gets
//! a short time to answer, panics there are caught, and without a display it
//! is not tried at all. OSC 52 works over SSH and in tmux, where no system
//! clipboard is reachable.

use std::fmt;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use crate::core::edit::Edit;
use crate::core::export;
use crate::core::model::{Card, Theme};

use super::app::{App, Severity};
use super::i18n::Msg;
pub use super::state::clipboard::{Clipboard, SystemClipboard, SystemError};
use crate::core::cluster::review::Group;

/// How long the system clipboard may take before the terminal is used.
const SYSTEM_TIMEOUT: Duration = Duration::from_millis(1000);

/// Which way a copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The system clipboard (arboard).
    System,
    /// The terminal's OSC 52 escape sequence.
    Terminal,
}

impl fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clipboard")
            .field("system", &self.system.is_some())
            .finish()
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Clipboard::from_env()
    }
}

/// Whether a graphical session is reachable (X11 or Wayland); elsewhere
/// (macOS, Windows) the system clipboard is always there.
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
    set("DISPLAY") || set("WAYLAND_DISPLAY")
}

impl Clipboard {
    /// The system clipboard when a display is reachable, the terminal
    /// (standard output) always.
    pub fn from_env() -> Self {
        let system: Option<Box<dyn SystemClipboard>> = if has_display() {
            Some(Box::new(Arboard::default()))
        } else {
            None
        };
        Clipboard::with(system, Box::new(std::io::stdout()))
    }

    /// A clipboard with the given parts (for tests).
    pub fn with(system: Option<Box<dyn SystemClipboard>>, terminal: Box<dyn Write + Send>) -> Self {
        Clipboard { system, terminal }
    }

    /// Copies text: to the system clipboard, else through the terminal.
    pub fn copy(&mut self, text: &str) -> Result<Via, String> {
        if let Some(system) = &mut self.system {
            match system.set_text(text) {
                Ok(()) => return Ok(Via::System),
                Err(SystemError::Gone) => self.system = None,
                Err(SystemError::Failed(_)) => {}
            }
        }
        let seq = osc52(text);
        self.terminal
            .write_all(seq.as_bytes())
            .and_then(|()| self.terminal.flush())
            .map_err(|e| e.to_string())?;
        Ok(Via::Terminal)
    }
}

/// The OSC 52 sequence that asks the terminal to put text on its clipboard.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

type Request = (String, mpsc::Sender<Result<(), String>>);

/// How long quitting waits for arboard to hand the last copy over to a
/// clipboard manager (X11 drops the text when its owner exits).
const HANDOVER: Duration = Duration::from_millis(500);

/// arboard on its own thread, kept alive so that on X11 the copied text stays
/// available to other programs while stellwand runs.
#[derive(Default)]
struct Arboard {
    worker: Option<Worker>,
}

struct Worker {
    requests: mpsc::Sender<Request>,
    /// Says when the thread has ended (and arboard was dropped).
    done: mpsc::Receiver<()>,
}

impl Arboard {
    fn spawn() -> Option<Worker> {
        let (requests, rx) = mpsc::channel::<Request>();
        let (done_tx, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("clipboard".into())
            .spawn(move || {
                let mut board: Option<arboard::Clipboard> = None;
                while let Ok((text, reply)) = rx.recv() {
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        if board.is_none() {
                            board = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
                        }
                        match &mut board {
                            Some(b) => b.set_text(text).map_err(|e| e.to_string()),
                            None => Err(String::from("no clipboard")),
                        }
                    }))
                    .unwrap_or_else(|_| Err(String::from("clipboard panicked")));
                    let _ = reply.send(result);
                }
                // Dropping arboard hands the text to a clipboard manager.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(board)));
                let _ = done_tx.send(());
            })
            .ok()
            .map(|_| Worker { requests, done })
    }
}

impl Drop for Arboard {
    fn drop(&mut self) {
        if let Some(Worker { requests, done }) = self.worker.take() {
            drop(requests);
            let _ = done.recv_timeout(HANDOVER);
        }
    }
}

impl SystemClipboard for Arboard {
    fn set_text(&mut self, text: &str) -> Result<(), SystemError> {
        if self.worker.is_none() {
            self.worker = Arboard::spawn();
        }
        let Some(worker) = &self.worker else {
            return Err(SystemError::Gone);
        };
        let (reply, answer) = mpsc::channel();
        if worker.requests.send((text.to_string(), reply)).is_err() {
            return Err(SystemError::Gone);
        }
        match answer.recv_timeout(SYSTEM_TIMEOUT) {
            Ok(result) => result.map_err(SystemError::Failed),
            // Hung or gone: the terminal takes over for good (and quitting
            // does not wait for it).
            Err(_) => {
                self.worker = None;
                Err(SystemError::Gone)
            }
        }
    }
}

// ---------------------------------------------------------------- copying

/// Copies Markdown and says in the status bar which way it went; `what` names
/// what was copied ("Karte", "Wand", "Thema").
pub fn copy_markdown(app: &mut App, what: Msg, markdown: &str) {
    let what = app.t(what);
    match app.clipboard.copy(markdown) {
        Ok(Via::System) => {
            let text = Msg::CopiedSystem.fill(app.lang, &[("what", &what)]);
            app.set_status(Severity::Info, text);
        }
        Ok(Via::Terminal) => {
            let text = Msg::CopiedTerminal.fill(app.lang, &[("what", &what)]);
            app.set_status(Severity::Info, text);
        }
        Err(e) => {
            let text = Msg::CopyFailed.fill(app.lang, &[("error", &e)]);
            app.set_status(Severity::Error, text);
        }
    }
}

/// `y` on the board: the selected card as Markdown.
pub fn copy_card(app: &mut App) {
    let Some(card) = app.doc.as_ref().and_then(|d| d.card()) else {
        return app.warn(Msg::NoCard);
    };
    let md = export::card_markdown(card);
    copy_markdown(app, Msg::Card, &md);
}

/// `Y` on the board: the whole board as Markdown.
pub fn copy_board(app: &mut App) {
    let Some(board) = app.doc.as_ref().and_then(|d| d.board()) else {
        return app.warn(Msg::NoBoard);
    };
    let md = export::board_markdown(board);
    copy_markdown(app, Msg::Board, &md);
}

/// A theme of the open session (by id) as Markdown, with its cards and their
/// sources; for the cluster review and the theme list.
pub fn copy_theme(app: &mut App, theme_id: &str) {
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(theme) = doc.session.themes.iter().find(|t| t.id == theme_id) else {
        return app.warn(Msg::NoTheme);
    };
    let md = export::theme_markdown(&doc.session, theme);
    copy_markdown(app, Msg::Theme, &md);
}

/// `y` in the cluster review: the selected group as Markdown, a confirmed
/// theme as stored, a suggestion as an unconfirmed theme.
pub fn copy_group(app: &mut App, group: Option<&Group>) {
    let Some(group) = group else {
        return app.warn(Msg::NoTheme);
    };
    if let Some(id) = &group.theme {
        return copy_theme(app, id);
    }
    let Some(doc) = app.doc.as_ref() else { return };
    let theme = Theme {
        label: group.label.clone(),
        tag: group.tag.clone(),
        cards: group.entries().map(|m| m.card.clone()).collect(),
        ..Theme::default()
    };
    let md = export::theme_markdown(&doc.session, &theme);
    copy_markdown(app, Msg::Theme, &md);
}

// ---------------------------------------------------------------- pasting

/// Whether a paste on the board should become cards at once (several lines)
/// rather than open the card editor.
pub fn is_multi_line(text: &str) -> bool {
    text.trim().contains(['\n', '\r'])
}

/// Pasted lines as cards below the selected card (or at the end of an empty
/// column), all in one undo step.
pub fn paste_cards(app: &mut App, text: &str) {
    let pasted = export::split_paste(text);
    if pasted.is_empty() {
        return;
    }
    let Some(doc) = app.doc.as_mut() else { return };
    let (Some(board), Some(column)) = (doc.board(), doc.column()) else {
        return app.warn(Msg::NoBoard);
    };
    let (board, column, len) = (board.id.clone(), column.key.clone(), column.cards.len());
    let start = doc.card_index().map_or(len, |i| i + 1);
    let mut edits = Vec::with_capacity(pasted.len());
    let mut last = String::new();
    for (i, p) in pasted.into_iter().enumerate() {
        let mut card = Card::new(doc.session.fresh_id("k"), p.text);
        card.sub_points = p.sub_points;
        card.flags = p.flags;
        last = card.id.clone();
        edits.push(Edit::InsertCard {
            board: board.clone(),
            column: column.clone(),
            index: start + i,
            card,
        });
    }
    let n = edits.len();
    if app.apply(Edit::Batch(edits)) {
        if let Some(doc) = app.doc.as_mut() {
            doc.select(&last);
        }
        let text = Msg::CardsPasted.fill(app.lang, &[("n", &n)]);
        app.set_status(Severity::Info, text);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::tui::tags::tests::act;

    /// A terminal that keeps what was written to it.
    #[derive(Clone, Default)]
    pub(crate) struct Captured(pub Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    struct Broken;

    impl SystemClipboard for Broken {
        fn set_text(&mut self, _: &str) -> Result<(), SystemError> {
            Err(SystemError::Failed("no display".into()))
        }
    }

    #[derive(Clone, Default)]
    struct Working(Arc<Mutex<Vec<String>>>);

    impl SystemClipboard for Working {
        fn set_text(&mut self, text: &str) -> Result<(), SystemError> {
            self.0.lock().unwrap().push(text.to_string());
            Ok(())
        }
    }

    /// An app with a fresh district-exchange session open, copying into `term`.
    fn app(term: &Captured) -> (tempfile::TempDir, App) {
        use crate::core::error::Lang;
        use crate::core::template::Templates;
        use crate::tui::{Action, update};
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
        app.clipboard = Clipboard::with(None, Box::new(term.clone()));
        update(&mut app, Action::NewSession);
        for c in "Stadtteilkonferenz".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Commit);
        assert!(app.doc.is_some(), "{:?}", app.status);
        (dir, app)
    }

    fn column(app: &App, i: usize) -> Vec<(String, Vec<String>)> {
        app.doc.as_ref().unwrap().session.boards[0].columns[i]
            .cards
            .iter()
            .map(|c| (c.text.clone(), c.sub_points.clone()))
            .collect()
    }

    #[test]
    fn a_multi_line_paste_on_the_board_makes_cards_and_one_undo_takes_them_back() {
        use crate::tui::{Action, update};
        let term = Captured::default();
        let (_dir, mut app) = app(&term);
        update(&mut app, Action::AddCard);
        for c in "Kita".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Cancel);
        update(
            &mut app,
            Action::Paste(
                "- Sportvereine\r\n• kulturelles Angebot\n  ↳ Theater\n\n* Wohnraum\n".into(),
            ),
        );
        let s = |t: &str| t.to_string();
        assert_eq!(
            column(&app, 0),
            [
                (s("Kita"), vec![]),
                (s("Sportvereine"), vec![]),
                (s("kulturelles Angebot"), vec![s("Theater")]),
                (s("Wohnraum"), vec![]),
            ]
        );
        assert_eq!(app.doc.as_ref().unwrap().card().unwrap().text, "Wohnraum");
        assert!(app.status.as_ref().unwrap().text.starts_with("3 Karten"));
        update(&mut app, Action::Undo);
        assert_eq!(column(&app, 0), [(s("Kita"), vec![])]);
        update(&mut app, Action::Redo);
        assert_eq!(column(&app, 0).len(), 4);
        // Pasted below the selected card, not at the end.
        act(
            &mut app,
            &[
                Action::Up,
                Action::Up,
                Action::Up,
                Action::Paste("a\nb".into()),
            ],
        );
        let texts: Vec<String> = column(&app, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(
            texts,
            [
                "Kita",
                "a",
                "b",
                "Sportvereine",
                "kulturelles Angebot",
                "Wohnraum"
            ]
        );
        // One line still opens the editor, holding the text.
        update(&mut app, Action::Paste("Sprachcafé".into()));
        assert!(matches!(app.mode, crate::tui::app::Mode::Entry(_)));
    }

    #[test]
    fn copying_without_a_display_goes_through_the_terminal_and_says_so() {
        use crate::tui::{Action, update};
        let term = Captured::default();
        let (_dir, mut app) = app(&term);
        update(&mut app, Action::Copy);
        assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);
        act(
            &mut app,
            &[
                Action::Paste("Kita-Plätze\n↳ zu wenig".into()),
                Action::Copy,
            ],
        );
        let status = app.status.clone().unwrap();
        assert_eq!(status.text, "Karte per Terminal (OSC 52) kopiert");
        let out = String::from_utf8(term.0.lock().unwrap().clone()).unwrap();
        let card = app.doc.as_ref().unwrap().card().unwrap();
        assert_eq!(card.sub_points, ["zu wenig"]);
        assert!(
            out.starts_with("\x1b]52;c;") && out.ends_with('\x07'),
            "{out:?}"
        );
        assert_eq!(out, osc52(&export::card_markdown(card)));

        let system = Working::default();
        app.clipboard = Clipboard::with(Some(Box::new(system.clone())), Box::new(term.clone()));
        update(&mut app, Action::CopyBoard);
        assert_eq!(
            app.status.as_ref().unwrap().text,
            "Wand in die Zwischenablage kopiert"
        );
        let copied = system.0.lock().unwrap().clone();
        assert!(copied[0].contains("- Kita-Plätze"), "{copied:?}");
        assert!(copied[0].starts_with("## "), "{copied:?}");
    }

    /// The text of the one OSC 52 sequence the terminal got, decoded.
    fn copied(term: &Captured) -> String {
        use base64::Engine;
        let out = String::from_utf8(std::mem::take(&mut *term.0.lock().unwrap())).unwrap();
        let payload = out
            .strip_prefix("\x1b]52;c;")
            .and_then(|r| r.strip_suffix('\x07'))
            .unwrap_or_else(|| panic!("not one OSC 52 sequence: {out:?}"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn y_in_the_cluster_review_copies_the_theme() {
        use crate::tui::app::Mode;
        use crate::tui::{Action, update};
        let term = Captured::default();
        let (_dir, mut app) = app(&term);
        update(
            &mut app,
            Action::Paste(
                "Kita-Plätze\nfehlende Kitaplätze\nkeine Kita-Plätze\nSportverein".into(),
            ),
        );
        update(&mut app, Action::ClusterReview);
        let Mode::Review(review) = &app.mode else {
            panic!("no review: {:?}", app.status);
        };
        let group = review.group().unwrap().clone();
        assert!(
            group.theme.is_none() && group.members.len() == 3,
            "{group:?}"
        );
        update(&mut app, Action::Copy);
        assert_eq!(
            app.status.as_ref().unwrap().text,
            "Thema per Terminal (OSC 52) kopiert"
        );
        let session = &app.doc.as_ref().unwrap().session;
        let theme = Theme {
            label: group.label.clone(),
            cards: group.members.iter().map(|m| m.card.clone()).collect(),
            ..Theme::default()
        };
        let md = export::theme_markdown(session, &theme);
        assert!(md.contains("fehlende Kitaplätze"), "{md}");
        assert_eq!(copied(&term), md);

        update(&mut app, Action::AcceptTheme);
        let Mode::Review(review) = &app.mode else {
            panic!("review closed");
        };
        let confirmed = review
            .grouping
            .groups
            .iter()
            .position(|g| g.theme.is_some())
            .unwrap();
        if let Mode::Review(r) = &mut app.mode {
            r.selected = confirmed;
        }
        update(&mut app, Action::Copy);
        let session = &app.doc.as_ref().unwrap().session;
        let md = export::theme_markdown(session, &session.themes[0]);
        assert!(session.themes[0].confirmed);
        assert_eq!(copied(&term), md);
    }

    #[test]
    fn without_a_system_clipboard_the_terminal_gets_osc_52() {
        let term = Captured::default();
        let mut cb = Clipboard::with(None, Box::new(term.clone()));
        assert_eq!(cb.copy("- Kita"), Ok(Via::Terminal));
        let out = String::from_utf8(term.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out, "\x1b]52;c;LSBLaXRh\x07");
        assert_eq!(osc52("Kita-Plätze"), "\x1b]52;c;S2l0YS1QbMOkdHpl\x07");

        term.0.lock().unwrap().clear();
        let mut cb = Clipboard::with(Some(Box::new(Broken)), Box::new(term.clone()));
        assert_eq!(cb.copy("x"), Ok(Via::Terminal));
        assert!(!term.0.lock().unwrap().is_empty());
    }

    /// A system clipboard that hung: counted, never asked again.
    #[derive(Clone, Default)]
    struct Hung(Arc<Mutex<usize>>);

    impl SystemClipboard for Hung {
        fn set_text(&mut self, _: &str) -> Result<(), SystemError> {
            *self.0.lock().unwrap() += 1;
            Err(SystemError::Gone)
        }
    }

    /// A clipboard with the `system` one, if any, and a terminal whose
    /// output is captured.
    fn captured(system: Option<Box<dyn SystemClipboard>>) -> (Captured, Clipboard) {
        let term = Captured::default();
        (term.clone(), Clipboard::with(system, Box::new(term)))
    }

    #[test]
    fn a_hung_system_clipboard_is_not_asked_again() {
        let hung = Hung::default();
        let (term, mut cb) = captured(Some(Box::new(hung.clone())));
        assert_eq!(cb.copy("a"), Ok(Via::Terminal));
        assert_eq!(cb.copy("b"), Ok(Via::Terminal));
        assert_eq!(*hung.0.lock().unwrap(), 1);
        let out = String::from_utf8(term.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out, format!("{}{}", osc52("a"), osc52("b")));
    }

    #[test]
    fn a_working_system_clipboard_is_used_and_the_terminal_left_alone() {
        let system = Working::default();
        let (term, mut cb) = captured(Some(Box::new(system.clone())));
        assert_eq!(cb.copy("- Kita"), Ok(Via::System));
        assert_eq!(*system.0.lock().unwrap(), ["- Kita"]);
        assert!(term.0.lock().unwrap().is_empty());
    }
}
