//! The review's kept run: opening from the last run (in memory, else the
//! cache file beside the session) when one fits, settling in what changed
//! since on a worker thread, and keeping the run when the review is left.

use std::time::Duration;

use super::*;
use crate::core::cluster::review::{Pending, Prepared};
use crate::tui::state::review::{KeptRun, Settling};

/// Actions that only move through the list: they need not wait while a
/// kept run is settled.
pub(super) fn moves_only(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::NextBoard
            | Action::PrevBoard
            | Action::Home
            | Action::End
            | Action::Left
            | Action::Right
            | Action::CommitNext
            | Action::Help
    )
}

/// Opens the listing: from the kept run when one fits (the one in memory,
/// else the cache file), else with a whole run ([`rebuild`]).
pub(super) fn start(app: &mut App, review: &mut Review, focus: Option<&str>) {
    let Some(doc) = app.doc.as_ref() else { return };
    cancel(review);
    let thesaurus = app.cluster.thesaurus.clone().unwrap_or_default();
    let path = doc.path.clone();
    let read = || {
        let request = grouping::request(
            &doc.session,
            app.cluster.threshold,
            &app.cluster.scope,
            &review.learned,
        );
        let stamp = request.stamp(&thesaurus);
        (request, stamp)
    };
    let in_memory = app
        .cluster
        .kept
        .run
        .as_ref()
        .is_some_and(|r| r.path == path);
    // The cache file is read beside the cards.
    let ((request, stamp), from_file) = if in_memory {
        (read(), None)
    } else {
        rayon::join(read, || kept::load(&path))
    };
    let fits = |r: &KeptRun| r.path == path && r.stamp.options == stamp.options;
    let mut found = None;
    let mut written = None;
    if let Some(run) = app.cluster.kept.run.take_if(|r| fits(r)) {
        if run.stamp == stamp && run.grouping.analysed() {
            let mut run = run;
            // Decisions made since (an undo on the board) are clustered in.
            if grouping::finish(&mut run.grouping, &doc.session, &[]) {
                review.grouping = run.grouping;
                review.source = Some(path);
                review.stamp = Some(stamp);
                review.written = run.written;
                return place(app, review, focus);
            }
            return rebuild(app, review, focus);
        }
        written = run.written;
        found = Some(grouping::keep(&run.grouping, run.stamp));
    }
    let found = found.or_else(|| {
        let k = from_file.or_else(|| kept::load(&path))?;
        written = Some(k.fingerprint());
        Some(k)
    });
    let Some(k) = found.filter(|k| k.stamp.options == stamp.options) else {
        return rebuild_from(app, review, focus, Some((request, stamp)));
    };
    let for_worker = request.clone();
    match grouping::resume(k, request, &stamp, &doc.session, &[]) {
        Some((listed, pending)) => {
            review.grouping = listed;
            review.source = Some(path);
            review.stamp = Some(stamp);
            review.written = written;
            settle_later(app, review, for_worker, thesaurus, pending);
            place(app, review, focus);
        }
        None => rebuild_from(app, review, focus, Some((for_worker, stamp))),
    }
}

/// Analyses the cards of a listing from a kept run and clusters in what
/// changed since: on a worker thread when there are many cards.
fn settle_later(
    app: &App,
    review: &mut Review,
    request: grouping::Request,
    thesaurus: crate::core::cluster::Thesaurus,
    pending: Pending,
) {
    let progress = Progress::default();
    if request.len() >= app.cluster.background_from {
        let settling = Settling {
            progress: progress.clone(),
            result: Arc::default(),
            pending: pending.clone(),
        };
        let slot = Arc::clone(&settling.result);
        let spawned = std::thread::Builder::new()
            .name("cluster".into())
            .spawn(move || {
                let outcome = grouping::prepare(request, &thesaurus, &progress);
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            });
        // With no thread to be had, the listing stays as kept; a decision
        // then clusters everything again.
        if spawned.is_ok() {
            review.settling = Some(settling);
        }
        return;
    }
    let outcome = grouping::prepare(request, &thesaurus, &progress);
    settled(app, review, outcome, &pending);
}

/// Takes in the analysed cards (nothing when the work was cancelled).
fn settled(app: &App, review: &mut Review, outcome: Option<Prepared>, pending: &Pending) {
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(prepared) = outcome else { return };
    if !grouping::settle(&mut review.grouping, prepared, pending, &doc.session, &[]) {
        return rebuild(app, review, None);
    }
    if !pending.is_empty() {
        write_later(app, review);
    }
    place(app, review, None);
}

fn take_settled(settling: &Settling) -> Option<Option<Prepared>> {
    settling
        .result
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
}

/// Takes in a kept run's settling when it is done; true when it was.
pub(super) fn poll_settling(app: &mut App) -> bool {
    let Mode::Review(review) = &app.mode else {
        return false;
    };
    let Some(outcome) = review.settling.as_ref().and_then(take_settled) else {
        return false;
    };
    let Mode::Review(mut review) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return false;
    };
    if let Some(s) = review.settling.take() {
        settled(app, &mut review, outcome, &s.pending);
    }
    app.mode = Mode::Review(review);
    true
}

/// Before a decision: waits for the settling of a kept run, if one goes on.
pub(super) fn settle_now(app: &App, review: &mut Review) {
    let Some(s) = review.settling.take() else {
        return;
    };
    let outcome = loop {
        if let Some(outcome) = take_settled(&s) {
            break outcome;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    settled(app, review, outcome, &s.pending);
}

/// Writes the review's run to the cache file on a worker thread, unless
/// the file holds it already. Errors (a full disk, a planted link) are
/// left alone: it is only a cache.
pub(super) fn write_later(app: &App, review: &mut Review) {
    let (Some(path), Some(stamp)) = (review.source.clone(), review.stamp.clone()) else {
        return;
    };
    if !review.grouping.analysed() || review.settling.is_some() {
        return;
    }
    let run = grouping::keep(&review.grouping, stamp);
    let print = run.fingerprint();
    if review.written == Some(print) {
        return;
    }
    review.written = Some(print);
    let mut writer = app
        .cluster
        .kept
        .writer
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let before = writer.take();
    let spawned = std::thread::Builder::new()
        .name("cluster cache".into())
        .spawn(move || {
            // One write after the other: they share a temporary file.
            if let Some(b) = before {
                let _ = b.join();
            }
            let _ = kept::store(&path, &run);
        });
    *writer = spawned.ok();
}

/// Leaves the review: its run is kept for the next opening (unless it is
/// not finished), and written to the cache file when it changed; with
/// `wait`, until the file is written.
pub fn put_away(app: &mut App, review: Box<Review>, wait: bool) {
    let mut review = *review;
    let unfinished =
        review.job.is_some() || review.settling.is_some() || !review.grouping.analysed();
    cancel(&mut review);
    if !unfinished && let (Some(path), Some(stamp)) = (review.source.clone(), review.stamp.clone())
    {
        write_later(app, &mut review);
        app.cluster.kept.run = Some(KeptRun {
            path,
            stamp,
            grouping: std::mem::take(&mut review.grouping),
            written: review.written,
        });
    }
    if wait {
        wait_for_writer(app);
    }
}

/// Before the program ends: leaves the review, if it is open, and waits
/// until its run is written.
pub fn leave(app: &mut App) {
    let review = match std::mem::replace(&mut app.mode, Mode::Normal) {
        Mode::Review(review) => review,
        other => {
            app.mode = other;
            return wait_for_writer(app);
        }
    };
    put_away(app, review, true);
}

/// Waits for a cache file being written.
fn wait_for_writer(app: &mut App) {
    let writer = app
        .cluster
        .kept
        .writer
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    if let Some(w) = writer {
        let _ = w.join();
    }
}

#[cfg(test)]
mod tests;
