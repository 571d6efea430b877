//! Saving: explicit saves, autosave, the draft of the card being typed,
//! and the ways out (quit, interrupt, shutdown, rescue after a panic).

use std::time::Instant;

use crate::core::error::{FileError, FileProblem};
use crate::core::model::Session;
use crate::core::session_file::{Background, Draft, DraftTarget, Saved};
use crate::core::store;

use super::super::app::{AUTOSAVE_AFTER_SECS, App, EntryTarget, Mode, SaveCopy, Severity};
use super::super::i18n::Msg;
use super::super::learn::learn;

/// Saves the open session if it changed. Returns whether it is safe to leave
/// it (saved, unchanged, or read-only and never written).
pub fn save(app: &mut App, quiet: bool) -> bool {
    // A save under way on another thread is finished first: it may have
    // written everything already.
    finish_background(app, true);
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    // This save writes everything: a copy begun for the next one can go.
    doc.copying = None;
    let Some(file) = doc.file.as_mut().filter(|_| !doc.read_only) else {
        if !quiet {
            app.warn(Msg::ReadOnly);
        }
        return true;
    };
    if !doc.dirty && quiet {
        return true;
    }
    super::super::testhook::check("save");
    let outcome = file.save(&doc.session);
    doc.saving = None;
    saved(app, outcome, quiet, true)
}

/// After a save: the saved mark, the message, the learned words; or why
/// not. `all` tells whether the file holds every change made so far.
fn saved(app: &mut App, outcome: Result<Saved, FileError>, quiet: bool, all: bool) -> bool {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    match outcome {
        Ok(saved) => {
            if all {
                doc.dirty = false;
                doc.changed_at = None;
            }
            if let Some(text) = saved.message(lang) {
                if let Saved::Conflict { side, .. } = &saved {
                    doc.path = side.clone();
                }
                app.set_status(Severity::Warning, text);
            } else if !quiet {
                let text = Msg::Saved.fill(lang, &[("file", &doc.path.display())]);
                app.set_status(Severity::Info, text);
            }
            learn(app);
            true
        }
        Err(e) => {
            // Autosave tries again after the delay, not on every tick.
            doc.changed_at = Some(Instant::now());
            if matches!(e.problem, FileProblem::DiskFull) {
                let text = Msg::NotSavedDiskFull.text(lang).to_string();
                app.set_status(Severity::Error, text);
            } else {
                let text = Msg::SaveFailed.fill(lang, &[("error", &e.render(lang))]);
                app.set_status(Severity::Error, text);
            }
            false
        }
    }
}

/// The periodic work: edits the journal could not take yet, the draft of
/// the card being typed, then autosave.
pub fn tick(app: &mut App, now: Instant) {
    if let Some(text) = app.cluster.learning.problem() {
        app.set_standing(text);
    }
    retry_journal(app, now);
    write_draft(app, now);
    autosave(app, now);
}

/// Writes the edits a full disk kept out of the journal, once there is room,
/// and changes of view when their delay has passed.
fn retry_journal(app: &mut App, now: Instant) {
    let Some(file) = app.doc.as_mut().and_then(|d| d.file.as_mut()) else {
        return;
    };
    let waiting = file.unrecorded();
    if !file.due(now) {
        return;
    }
    let after_failure = file.failed();
    match file.retry() {
        Ok(()) if !after_failure => {}
        Ok(()) => {
            let text = Msg::CaughtUp.fill(app.lang, &[("n", &waiting)]);
            app.set_status(Severity::Info, text);
        }
        Err(e) => {
            // Said again only when something else has been said since.
            if app
                .status
                .as_ref()
                .is_none_or(|s| s.severity != Severity::Error)
            {
                app.not_written_io(&e);
            }
        }
    }
}

/// The card being typed, as it would be recovered after a crash.
fn current_draft(app: &App) -> Option<Draft> {
    let Mode::Entry(entry) = &app.mode else {
        return None;
    };
    let doc = app.doc.as_ref()?;
    if entry.editor.is_blank() {
        return None;
    }
    let target = match &entry.target {
        EntryTarget::New { index } => DraftTarget::New {
            board: doc.board()?.id.clone(),
            column: doc.column()?.key.clone(),
            index: *index,
        },
        EntryTarget::Edit { card } => {
            let (text, subs) = entry.editor.to_card_parts();
            let old = doc.session.card(card)?;
            if old.text == text && old.sub_points == subs {
                return None;
            }
            DraftTarget::Edit { card: card.clone() }
        }
    };
    Some(Draft {
        target,
        text: entry.editor.text().to_string(),
    })
}

/// Keeps the draft file in step with the editor (throttled in the core).
pub(super) fn write_draft(app: &mut App, now: Instant) {
    let draft = current_draft(app);
    let lang = app.lang;
    let Some(file) = app.doc.as_mut().and_then(|d| d.file.as_mut()) else {
        return;
    };
    if let Err(e) = file.update_draft(draft.as_ref(), now) {
        if crate::core::files::is_disk_full(&e) {
            app.not_written_io(&e);
        } else {
            let text = Msg::SaveFailed.fill(lang, &[("error", &e)]);
            app.set_status(Severity::Error, text);
        }
    }
}

/// Removes the draft file when nothing is being typed and the journal holds
/// every change: the text it kept is a card now, and a crash must not bring
/// it back as a second one.
pub(super) fn drop_stale_draft(app: &mut App) {
    if current_draft(app).is_some() {
        return;
    }
    if let Some(file) = app.doc.as_mut().and_then(|d| d.file.as_mut())
        && file.unrecorded() == 0
    {
        let _ = file.update_draft(None, Instant::now());
    }
}

/// On the way out of a failing program: the card being typed goes to the
/// draft at once; the session is saved when it still makes a whole file,
/// else the journal keeps every change.
pub fn rescue(app: &mut App) {
    let draft = current_draft(app);
    if let (Some(d), Some(file)) = (draft, app.doc.as_mut().and_then(|d| d.file.as_mut())) {
        let _ = file.write_draft(&d);
    }
    let whole = app
        .doc
        .as_ref()
        .is_some_and(|d| store::parse(&d.path, &store::to_ron(&d.session)).is_ok());
    if whole {
        save(app, true);
    }
    drop_stale_draft(app);
    app.cluster.learning.finish();
}

/// Lets go of the open session file; its journal stays when not all is saved.
pub fn close(app: &mut App) {
    finish_background(app, true);
    app.cluster.learning.finish();
    app.remember_place();
    if let Some(doc) = app.doc.as_mut()
        && let Some(file) = doc.file.take()
    {
        file.close(!doc.dirty);
    }
}

/// Saves when the last change is older than the autosave delay: on
/// another thread, so that the screen stays live while a large session is
/// written; in the foreground when that cannot be. A large session is
/// first copied a few boards per tick, keys handled in between.
pub fn autosave(app: &mut App, now: Instant) {
    finish_background(app, false);
    if app.doc.as_ref().is_some_and(|d| d.copying.is_some()) {
        go_on_copying(app);
        return;
    }
    let due = app.doc.as_ref().is_some_and(|d| {
        d.dirty
            && !d.read_only
            && d.saving.is_none()
            && d.changed_at
                .is_none_or(|t| now.duration_since(t).as_secs_f32() >= AUTOSAVE_AFTER_SECS)
    });
    if !due {
        return;
    }
    let Some(doc) = app.doc.as_mut() else { return };
    let boards = doc.session.boards.len();
    if doc.session.card_count() < COPY_AT_ONCE || boards < 2 {
        let snapshot = doc.session.clone();
        start_background(app, snapshot);
        return;
    }
    doc.copying = Some(SaveCopy {
        boards: Vec::with_capacity(boards),
        changes: doc.changes,
    });
    go_on_copying(app);
}

/// Sessions with fewer cards are copied for saving in one go.
const COPY_AT_ONCE: usize = 50_000;
/// Cards copied per tick (a few milliseconds' work).
const COPY_PER_TICK: usize = 25_000;

/// Copies the next boards for the save; once all are copied, the save
/// starts. A change made meanwhile throws the copy away: the autosave
/// begins again after its delay.
fn go_on_copying(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some(copy) = doc.copying.as_mut() else {
        return;
    };
    if copy.changes != doc.changes {
        doc.copying = None;
        return;
    }
    let mut cards = 0;
    while cards < COPY_PER_TICK
        && let Some(board) = doc.session.boards.get(copy.boards.len())
    {
        cards += board.card_count();
        copy.boards.push(board.clone());
    }
    if copy.boards.len() < doc.session.boards.len() {
        return;
    }
    let Some(copy) = doc.copying.take() else {
        return;
    };
    // All but the boards, then the boards as copied.
    let boards = std::mem::take(&mut doc.session.boards);
    let mut snapshot = doc.session.clone();
    doc.session.boards = boards;
    snapshot.boards = copy.boards;
    start_background(app, snapshot);
}

fn start_background(app: &mut App, snapshot: Session) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some(file) = doc.file.as_mut() else {
        return;
    };
    if file.save_in_background(snapshot, super::super::testhook::pause) {
        doc.saving = Some(doc.changes);
    } else {
        save(app, true);
    }
}

/// Ends the save on another thread once it is written (or waits for it).
fn finish_background(app: &mut App, wait: bool) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some(held) = doc.saving else { return };
    let Some(file) = doc.file.as_mut() else {
        doc.saving = None;
        return;
    };
    let Some(outcome) = file.finish_background(wait) else {
        return;
    };
    doc.saving = None;
    let all = doc.changes == held;
    match outcome {
        Background::Saved(s) => {
            saved(app, Ok(s), true, all);
        }
        Background::Failed(e) => {
            saved(app, Err(e), true, false);
        }
        // Changed on disk by another program: the foreground save puts the
        // session beside it.
        Background::Changed => {
            save(app, true);
        }
    }
}

pub(super) fn quit(app: &mut App) {
    if save(app, true) || app.quit_anyway {
        app.quit = true;
    } else {
        app.quit_anyway = true;
        let mut text = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        text.push_str(" · ");
        text.push_str(app.t(Msg::QuitUnsaved));
        app.set_status(Severity::Error, text);
    }
}
