//! The state of the terminal UI: the session list, the open session with its
//! history, where the cursor is, the current mode and the status message.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::core::edit::{Edit, History};
use crate::core::error::Lang;
use crate::core::model::{Board, Card, Column, Session};
use crate::core::recent;
use crate::core::session_file::{self, Draft, DraftTarget, SessionFile};
use crate::core::store::{self, SessionSummary};
use crate::core::template::Templates;

use super::editor::Editor;
pub use super::entry::{Entry, EntryTarget};
use super::i18n::Msg;
use super::photo::Photos;
use super::state::clipboard::Clipboard;
use super::state::export::{ExportDialog, ExportSettings};
pub use super::state::form::{Field, FieldKind, Form, FormPurpose};
use super::state::measures::MeasureList;
use super::state::picker::{Picker, TagFilter};
use super::state::review::{ClusterSettings, Review};
use super::state::search::Search;

/// Undo steps kept per open session.
pub const HISTORY_STEPS: usize = 1000;

/// Seconds after a change before it is saved automatically.
pub const AUTOSAVE_AFTER_SECS: f32 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Board,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub severity: Severity,
    pub text: String,
}

/// Which card the cursor is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub board: usize,
    pub column: usize,
    /// Index of the selected card in the column (clamped when drawn or used).
    pub card: usize,
}

/// The boards copied so far for a save, and the count of changes they
/// hold: a change meanwhile makes the copy worthless.
#[derive(Debug)]
pub struct SaveCopy {
    pub boards: Vec<Board>,
    pub changes: u64,
}

/// The open session.
#[derive(Debug)]
pub struct Doc {
    pub path: PathBuf,
    pub session: Session,
    pub history: History,
    /// The file with its lock, journal and draft; `None` when read-only.
    pub file: Option<SessionFile>,
    /// A newer file version, or another stellwand has it: shown, never written.
    pub read_only: bool,
    /// Changed since the last save.
    pub dirty: bool,
    pub changed_at: Option<Instant>,
    /// Counts the changes, so that a save on another thread knows whether
    /// more came while it was written.
    pub changes: u64,
    /// The count of changes the save under way holds.
    pub saving: Option<u64>,
    /// The copy of a large session for the next save, made a few boards at
    /// a time between keys.
    pub copying: Option<SaveCopy>,
    pub cursor: Cursor,
    /// Where the cursor was before each change that can be undone, so that
    /// undo shows the place it changes; kept in step with the history.
    pub undo_places: Vec<Cursor>,
    pub redo_places: Vec<Cursor>,
    /// Shows only the cards with a tag, or the untagged ones.
    pub filter: Option<TagFilter>,
    /// The themes the folder's learned words were last taken from.
    pub taught: Vec<crate::core::model::Theme>,
}

impl Doc {
    /// A document; read-only when there is no file to write.
    pub fn new(path: PathBuf, session: Session, file: Option<SessionFile>) -> Self {
        let session_themes = session.themes.clone();
        Doc {
            path,
            session,
            history: History::new(HISTORY_STEPS),
            read_only: file.is_none(),
            file,
            dirty: false,
            changed_at: None,
            changes: 0,
            saving: None,
            copying: None,
            cursor: Cursor::default(),
            undo_places: Vec::new(),
            redo_places: Vec::new(),
            filter: None,
            taught: session_themes,
        }
    }

    pub fn board(&self) -> Option<&Board> {
        self.session.boards.get(self.cursor.board)
    }

    pub fn column(&self) -> Option<&Column> {
        self.board()?.columns.get(self.cursor.column)
    }

    /// Index of the selected card, if the column has any.
    pub fn card_index(&self) -> Option<usize> {
        let n = self.column()?.cards.len();
        (n > 0).then(|| self.cursor.card.min(n - 1))
    }

    pub fn card(&self) -> Option<&Card> {
        self.column()?.cards.get(self.card_index()?)
    }

    /// Keeps the cursor inside the session after boards or cards went away.
    pub fn clamp(&mut self) {
        let boards = self.session.boards.len();
        self.cursor.board = self.cursor.board.min(boards.saturating_sub(1));
        let columns = self.board().map_or(0, |b| b.columns.len());
        self.cursor.column = self.cursor.column.min(columns.saturating_sub(1));
        let cards = self.column().map_or(0, |c| c.cards.len());
        self.cursor.card = self.cursor.card.min(cards.saturating_sub(1));
    }

    /// Marks a change: unsaved, autosaved after the delay, cursor kept inside.
    fn touch(&mut self) {
        self.dirty = true;
        self.changes += 1;
        self.changed_at = Some(Instant::now());
        self.clamp();
    }

    /// Moves the cursor onto a card by id, wherever it is now.
    pub fn select(&mut self, card_id: &str) {
        if let Some(p) = self.session.find_card(card_id) {
            self.cursor = Cursor {
                board: p.board,
                column: p.column,
                card: p.card,
            };
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Entry(Entry),
    Form(Form),
    /// The fuzzy picker over the board (tags, tag sets, filter).
    Picker(Picker),
    /// Search over all cards, drawn instead of the board.
    Search(Search),
    /// The cluster review, drawn instead of the board.
    Review(Box<Review>),
    /// The export dialog after its form: folder question or preview.
    Export(Box<ExportDialog>),
    /// The list of measures, drawn instead of the board.
    Measures(MeasureList),
    /// A yes-or-no question before something that loses work.
    Confirm(Confirm),
}

/// What a yes answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmable {
    DeleteBoard { board: String },
}

/// A question waiting for yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Confirmable,
}

/// See [`App::tick_view`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickView {
    status: Option<Status>,
    standing: Option<Status>,
    doc: Option<(bool, bool, PathBuf)>,
    quit: bool,
    /// A background run's progress in per cent.
    busy: Option<u32>,
}

/// The whole state of the terminal UI.
#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub templates: Templates,
    /// The folder of session files.
    pub dir: PathBuf,
    /// How the folder is named on screen.
    pub dir_label: String,
    pub sessions: Vec<SessionSummary>,
    pub start_selected: usize,
    pub doc: Option<Doc>,
    pub screen: Screen,
    pub mode: Mode,
    /// The help overlay with its scroll offset.
    pub help: Option<usize>,
    pub status: Option<Status>,
    /// A warning about something that stays wrong until it is mended (the
    /// folder's learned-words file cannot be read or written): shown on the
    /// status line whenever nothing newer is said there, so that it never
    /// hides what a key did and comes back after that message.
    pub standing: Option<Status>,
    /// Set when a save failed on quit: the next quit leaves without saving.
    pub quit_anyway: bool,
    pub quit: bool,
    /// Threshold and columns of the cluster review.
    pub cluster: ClusterSettings,
    /// Where copies go (system clipboard or terminal).
    pub clipboard: Clipboard,
    /// The export dialog's last choices.
    pub export: ExportSettings,
    /// The photo pane beside the board.
    pub photos: Photos,
    /// The terminal's size in cells, for the layout of the photo pane.
    pub size: (u16, u16),
    /// The file where this user's places and last tag set are remembered;
    /// `None`: nothing is remembered (tests).
    pub recent: Option<PathBuf>,
}

impl App {
    /// An app showing the sessions of a folder.
    pub fn new(lang: Lang, templates: Templates, dir: &Path) -> Self {
        let mut app = App::bare(lang, templates, dir);
        app.reload_sessions();
        app
    }

    /// An app with one session file open. The folder's other sessions are
    /// read only when the start screen is shown, or when the file cannot be
    /// opened.
    pub fn open_file(lang: Lang, templates: Templates, file: &Path) -> Self {
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut app = App::bare(lang, templates, &dir);
        if !app.open(file) {
            app.reload_sessions();
            // The refused file is the one selected, so its repair is one key away.
            if let Some(i) = app
                .sessions
                .iter()
                .position(|s| s.path.file_name() == file.file_name())
            {
                app.start_selected = i;
            }
        }
        app
    }

    fn bare(lang: Lang, templates: Templates, dir: &Path) -> Self {
        let mut app = App {
            lang,
            templates,
            dir: dir.to_path_buf(),
            dir_label: dir.display().to_string(),
            sessions: Vec::new(),
            start_selected: 0,
            doc: None,
            screen: Screen::Start,
            mode: Mode::Normal,
            help: None,
            status: None,
            standing: None,
            quit_anyway: false,
            quit: false,
            cluster: ClusterSettings::default(),
            clipboard: Clipboard::from_env(),
            export: ExportSettings::default(),
            photos: Photos::default(),
            size: (120, 35),
            recent: None,
        };
        if let Some(problem) = app.templates.problems.first() {
            let text = problem.render(lang);
            app.set_status(Severity::Warning, text);
        }
        app
    }

    pub fn reload_sessions(&mut self) {
        self.sessions = store::list_sessions(&self.dir);
        self.start_selected = self
            .start_selected
            .min(self.sessions.len().saturating_sub(1));
    }

    /// Opens a session file for writing (read-only when another stellwand
    /// has it or it is newer than this program), recovering what a crash
    /// left in its journal and draft; problems go to the status bar.
    pub fn open(&mut self, path: &Path) -> bool {
        self.remember_place();
        if let Some(old) = self.doc.take()
            && let Some(file) = old.file
        {
            file.close(!old.dirty);
        }
        let opened = match session_file::open(path) {
            Ok(o) => o,
            Err(e) => {
                let text = e.render(self.lang);
                self.set_status(Severity::Error, text);
                return false;
            }
        };
        let lang = self.lang;
        let mut notes: Vec<(Severity, String)> = Vec::new();
        if let Some(why) = &opened.read_only {
            notes.push((Severity::Warning, why.message(lang)));
        }
        if let Some(note) = opened.upgrade_note(lang) {
            notes.push((Severity::Info, note));
        }
        let recovered_changes = opened.recovered.replay.applied > 0;
        let mut doc = Doc::new(path.to_path_buf(), opened.session, opened.file);
        if recovered_changes {
            // Saved at the next tick, so the recovered state is in the file.
            doc.dirty = true;
        }
        doc.clamp();
        self.doc = Some(doc);
        self.screen = Screen::Board;
        self.mode = Mode::Normal;
        self.restore_place();
        let draft = opened
            .recovered
            .draft
            .as_ref()
            .is_some_and(|d| self.reopen_draft(d));
        if opened.recovered.any() {
            let how = draft.then(|| Msg::DraftInEditor.text(lang));
            let text = opened.recovered.describe(lang, how);
            if !text.is_empty() {
                notes.insert(0, (Severity::Warning, text));
            }
        }
        self.status = None;
        if let Some(severity) = notes.iter().map(|(s, _)| *s).max() {
            let text: Vec<String> = notes.into_iter().map(|(_, t)| t).collect();
            self.set_status(severity, text.join(" · "));
        }
        true
    }

    /// Goes back to the board and card where the open session was left.
    pub fn restore_place(&mut self) {
        let (Some(state), Some(doc)) = (&self.recent, self.doc.as_mut()) else {
            return;
        };
        let recent = recent::load(state);
        let Some(place) = recent.place(&doc.path) else {
            return;
        };
        if let Some(card) = place.card.as_deref()
            && doc.session.find_card(card).is_some()
        {
            doc.select(card);
            return;
        }
        if let Some(b) = doc.session.board_index(&place.board) {
            doc.cursor.board = b;
            let column = place.column.as_deref();
            doc.cursor.column = column
                .and_then(|c| doc.session.boards[b].column_index(c))
                .unwrap_or(0);
            doc.cursor.card = 0;
            doc.clamp();
        }
    }

    /// Notes where the open session is left, for the next time it opens.
    pub fn remember_place(&self) {
        let (Some(state), Some(doc)) = (&self.recent, self.doc.as_ref()) else {
            return;
        };
        let Some(board) = doc.board() else { return };
        let mut recent = recent::load(state);
        recent.remember(recent::Place {
            file: doc.path.clone(),
            board: board.id.clone(),
            column: doc.column().map(|c| c.key.clone()),
            card: doc.card().map(|c| c.id.clone()),
        });
        // Remembering is a convenience: a failure is not worth a message.
        let _ = recent::save(state, &recent);
    }

    /// The tag set chosen for the last new session, if one is remembered.
    pub fn last_tag_set(&self) -> Option<String> {
        recent::load(self.recent.as_ref()?).tag_set
    }

    /// Notes the tag set chosen for a new session.
    pub fn remember_tag_set(&self, key: &str) {
        let Some(state) = &self.recent else { return };
        let mut recent = recent::load(state);
        recent.tag_set = Some(key.to_string());
        let _ = recent::save(state, &recent);
    }

    /// Puts the card that was being typed when the program ended back into
    /// the editor, at its place. Not when it was committed after all (the
    /// journal holds it) or its card is unchanged.
    fn reopen_draft(&mut self, draft: &Draft) -> bool {
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        let editor = Editor::new(&draft.text);
        if editor.is_blank() {
            return false;
        }
        let (text, subs) = editor.to_card_parts();
        let templates = &self.templates;
        let same = |k: &Card| k.text == text && k.sub_points == subs;
        let target = match &draft.target {
            DraftTarget::Edit { card } if doc.session.card(card).is_some() => {
                if doc.session.card(card).is_some_and(same) {
                    return false;
                }
                doc.select(card);
                EntryTarget::Edit { card: card.clone() }
            }
            DraftTarget::Edit { .. } => {
                let index = doc.column().map_or(0, |c| c.cards.len());
                EntryTarget::New { index }
            }
            DraftTarget::New {
                board,
                column,
                index,
            } => {
                if doc.session.cards().any(|(_, _, k)| same(k)) {
                    return false;
                }
                if let Some(b) = doc.session.board_index(board) {
                    doc.cursor.board = b;
                    if let Some(c) = doc.session.boards[b].column_index(column) {
                        doc.cursor.column = c;
                    }
                }
                doc.clamp();
                let len = doc.column().map_or(0, |c| c.cards.len());
                EntryTarget::New {
                    index: (*index).min(len),
                }
            }
        };
        if doc.column().is_none() {
            return false;
        }
        let shown = doc
            .board()
            .and_then(|b| templates.board(&b.template))
            .map_or(&[][..], |t| &t.card_fields[..]);
        self.mode = Mode::Entry(Entry::with_text(target, &draft.text, shown));
        true
    }

    /// Whether the open session may be changed; warns when it is read-only.
    pub fn writable(&mut self) -> bool {
        match &self.doc {
            Some(doc) if doc.read_only => {
                self.warn(Msg::ReadOnly);
                false
            }
            Some(_) => true,
            None => false,
        }
    }

    /// Applies an edit through the history; the one way the session changes.
    pub fn apply(&mut self, edit: Edit) -> bool {
        if !self.writable() {
            return false;
        }
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        let before = doc.cursor;
        let journaled = edit.clone();
        match doc.history.apply(&mut doc.session, edit) {
            Ok(joined) => {
                if !joined {
                    doc.undo_places.push(before);
                    if doc.undo_places.len() > HISTORY_STEPS {
                        doc.undo_places.remove(0);
                    }
                }
                doc.redo_places.clear();
                doc.touch();
                if journaled.is_view() {
                    if let Some(file) = doc.file.as_mut() {
                        file.defer(&journaled, Instant::now());
                    }
                } else {
                    self.record(&journaled);
                }
                true
            }
            Err(e) => {
                let text = Msg::EditFailed.fill(self.lang, &[("error", &e)]);
                self.set_status(Severity::Error, text);
                false
            }
        }
    }

    /// Writes an applied edit to the journal, on disk before the screen shows
    /// it. When that fails (a full disk) the edit stays in memory and in the
    /// session file's queue, is written again on every tick, and the
    /// session is saved as soon as possible; the status line says so in red.
    fn record(&mut self, edit: &Edit) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(file) = doc.file.as_mut() else {
            return;
        };
        if let Err(e) = file.record(edit) {
            doc.changed_at = None;
            self.not_written_io(&e);
        }
    }

    /// Says in red that something could not be written: a full disk in so
    /// many words, anything else with its reason.
    pub fn not_written(&mut self, err: &dyn std::fmt::Display) {
        let text = Msg::NotSaved.fill(self.lang, &[("error", err)]);
        self.set_status(Severity::Error, text);
    }

    /// [`App::not_written`] for an error of the operating system.
    pub fn not_written_io(&mut self, err: &std::io::Error) {
        if crate::core::files::is_disk_full(err) {
            let text = Msg::NotSavedDiskFull.text(self.lang).to_string();
            self.set_status(Severity::Error, text);
        } else {
            self.not_written(err);
        }
    }

    /// Undoes (or redoes) the last change and shows its place.
    pub fn undo_redo(&mut self, undo: bool) {
        if !self.writable() {
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        let next = if undo {
            doc.history.next_undo()
        } else {
            doc.history.next_redo()
        };
        let journaled = next.cloned();
        let result = if undo {
            doc.history.undo(&mut doc.session)
        } else {
            doc.history.redo(&mut doc.session)
        };
        match result {
            Ok(true) => {
                // Show the place of the change.
                let (from, to) = if undo {
                    (&mut doc.undo_places, &mut doc.redo_places)
                } else {
                    (&mut doc.redo_places, &mut doc.undo_places)
                };
                let place = from.pop();
                to.push(doc.cursor);
                if let Some(place) = place {
                    doc.cursor = place;
                }
                doc.touch();
                self.info(if undo { Msg::Undone } else { Msg::Redone });
                if let Some(edit) = &journaled {
                    self.record(edit);
                }
            }
            Ok(false) => self.info(if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            }),
            Err(e) => {
                let text = Msg::EditFailed.fill(self.lang, &[("error", &e)]);
                self.set_status(Severity::Error, text);
            }
        }
    }

    /// Whether a background run of the review is going (the event loop
    /// then looks in more often) and how far it got, in per cent.
    pub fn busy(&self) -> Option<u32> {
        match &self.mode {
            Mode::Review(r) => r.busy(),
            _ => None,
        }
    }

    /// Whether the session is being saved on another thread (the event
    /// loop then looks in often, to finish the save soon).
    pub fn saving(&self) -> bool {
        self.doc
            .as_ref()
            .is_some_and(|d| d.saving.is_some() || d.copying.is_some())
    }

    /// What the periodic tick may change on screen (the status line, the
    /// saved mark, the file shown). The event loop draws after a tick only
    /// when this changed, so an idle screen costs nothing.
    pub fn tick_view(&self) -> TickView {
        TickView {
            status: self.status.clone(),
            standing: self.standing.clone(),
            doc: self
                .doc
                .as_ref()
                .map(|d| (d.dirty, d.read_only, d.path.clone())),
            quit: self.quit,
            busy: self.busy(),
        }
    }

    pub fn set_status(&mut self, severity: Severity, text: impl Into<String>) {
        self.status = Some(Status {
            severity,
            text: text.into(),
        });
    }

    /// What the status line shows: the last message, else the standing
    /// warning.
    pub fn shown_status(&self) -> Option<&Status> {
        self.status.as_ref().or(self.standing.as_ref())
    }

    /// Sets the standing warning (see [`App::standing`]).
    pub fn set_standing(&mut self, text: impl Into<String>) {
        self.standing = Some(Status {
            severity: Severity::Warning,
            text: text.into(),
        });
    }

    pub fn info(&mut self, msg: Msg) {
        let text = msg.text(self.lang).to_string();
        self.set_status(Severity::Info, text);
    }

    pub fn warn(&mut self, msg: Msg) {
        let text = msg.text(self.lang).to_string();
        self.set_status(Severity::Warning, text);
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }

    /// The name of a board template as shown to users.
    pub fn template_name(&self, key: &str) -> String {
        self.templates
            .board(key)
            .map_or_else(|| key.to_string(), |t| t.name.clone())
    }
}
