//! Cluster review: runs the clustering on the open session, lists the
//! suggestions biggest first and the confirmed themes, and carries out the
//! clerk's decisions (accept, reject, remove, move, merge, rename, assign a
//! Handlungsfeld, delete) as theme edits through the history.
//!
//! Working on a suggestion other than accepting or rejecting it (removing a
//! card, renaming it, …) confirms it as a theme in the same undo step, so
//! that every decision is stored and kept by the next clustering run.

use std::path::Path;
use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::core::cluster::kept;
use crate::core::cluster::learned::load_learned;
use crate::core::cluster::review::{
    self as grouping, Grouping, add_card, materialize, move_into, refuse, take_out,
};
use crate::core::cluster::themes as rules;
use crate::core::cluster::{Progress, Thesaurus};
use crate::core::edit::Edit;
use crate::core::model::Theme;

pub use crate::core::cluster::review::{ColumnScope, Entry, Group, column_keys};

use super::action::Action;
use super::app::{App, Doc, Mode, Severity};
use super::editor::Editor;
use super::i18n::Msg;
use super::tags::{self, Choice, Item, Outcome, Picker, Purpose};

mod decide;
mod keep;
use decide::*;
pub use keep::{leave, put_away};
use keep::{settle_now, start};

use super::state::review::Step;
pub use super::state::review::{
    BACKGROUND_FROM, ClusterSettings, Job, Kept, Pane, Review, Settling,
};

impl Job {
    fn take(&self) -> Option<Option<Grouping>> {
        self.result.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Step of the threshold keys `+` and `-`.
pub const THRESHOLD_STEP: f64 = 0.05;

// No floating-point numbers inside: equality is total.
impl Eq for Review {}

impl Review {
    pub fn group(&self) -> Option<&Group> {
        self.grouping.groups.get(self.selected)
    }

    pub fn entry(&self) -> Option<&Entry> {
        self.group()?.entry(self.card)
    }
}

/// `c`: opens the review of the open session.
pub fn open(app: &mut App) {
    let Some(doc) = app.doc.as_ref() else { return };
    if doc.read_only {
        return app.warn(Msg::ReadOnly);
    }
    if app.cluster.thesaurus.is_none() {
        let (thesaurus, problems) = Thesaurus::load(Path::new("templates"));
        app.cluster.thesaurus = Some(thesaurus);
        if let Some(p) = problems.first() {
            let text = p.render(app.lang);
            app.set_status(Severity::Warning, text);
        }
    }
    let folder = app
        .doc
        .as_ref()
        .and_then(|d| d.path.parent().map(Path::to_path_buf));
    let learned = match folder.as_deref().map(load_learned) {
        Some(Ok(words)) => {
            app.standing = None;
            words
        }
        Some(Err(e)) => {
            let text = e.render(app.lang);
            app.set_standing(text);
            Vec::new()
        }
        None => Vec::new(),
    };
    let mut review = Review {
        grouping: Grouping::default(),
        selected: 0,
        card: 0,
        pane: Pane::Groups,
        learned,
        steps: Vec::new(),
        redo: Vec::new(),
        picker: None,
        rename: None,
        show_column: false,
        job: None,
        waiting: Vec::new(),
        settling: None,
        source: None,
        stamp: None,
        written: None,
        tags: Default::default(),
    };
    start(app, &mut review, None);
    app.mode = Mode::Review(Box::new(review));
}

/// Runs the whole clustering again (opening, another threshold or other
/// columns): on a worker thread when there are many cards. Selects the
/// theme `focus` when given, else keeps the place in the list.
fn rebuild(app: &App, review: &mut Review, focus: Option<&str>) {
    rebuild_from(app, review, focus, None);
}

/// [`rebuild`] with the session's cards read already, and their stamp.
fn rebuild_from(
    app: &App,
    review: &mut Review,
    focus: Option<&str>,
    read_before: Option<(grouping::Request, kept::Stamp)>,
) {
    let Some(doc) = app.doc.as_ref() else { return };
    cancel(review);
    let read = || {
        grouping::request(
            &doc.session,
            app.cluster.threshold,
            &app.cluster.scope,
            &review.learned,
        )
    };
    let thesaurus = || app.cluster.thesaurus.clone().unwrap_or_default();
    let words = thesaurus();
    let (request, stamp) = read_before.unwrap_or_else(|| {
        let request = read();
        let stamp = request.stamp(&words);
        (request, stamp)
    });
    review.source = Some(doc.path.clone());
    review.stamp = Some(stamp);
    review.written = None;
    if request.len() >= app.cluster.background_from {
        let progress = Progress::default();
        let job = Job {
            progress: progress.clone(),
            result: Arc::default(),
            focus: focus.map(str::to_string),
        };
        let slot = Arc::clone(&job.result);
        let spawned = std::thread::Builder::new()
            .name("cluster".into())
            .spawn(move || {
                let outcome = grouping::run(request, &words, &progress);
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            });
        if spawned.is_ok() {
            review.job = Some(job);
            return;
        }
        // No thread to be had: cluster here.
        let outcome = grouping::run(read(), &thesaurus(), &Progress::default());
        return install(app, review, outcome.unwrap_or_default(), focus);
    }
    let outcome = grouping::run(request, &words, &Progress::default());
    install(app, review, outcome.unwrap_or_default(), focus);
}

/// Stops the background work, if any is going.
fn cancel(review: &mut Review) {
    if let Some(job) = review.job.take() {
        job.progress.cancel();
    }
    if let Some(s) = review.settling.take() {
        s.progress.cancel();
    }
}

/// Puts a finished run on screen, with the decisions made since it started.
fn install(app: &App, review: &mut Review, mut run: Grouping, focus: Option<&str>) {
    let Some(doc) = app.doc.as_ref() else { return };
    if !grouping::finish(&mut run, &doc.session, &[]) {
        // The cards changed while it ran.
        return rebuild(app, review, focus);
    }
    review.grouping = run;
    keep::write_later(app, review);
    place(app, review, focus);
}

/// After a decision: clusters again only what it touched (everything, when
/// the cards themselves changed).
fn refresh(app: &App, review: &mut Review, focus: Option<&str>) {
    settle_now(app, review);
    let Some(doc) = app.doc.as_ref() else { return };
    if review.job.is_some() || !grouping::regroup(&mut review.grouping, &doc.session, &[]) {
        return rebuild(app, review, focus);
    }
    place(app, review, focus);
}

/// Selects the theme `focus` when given, else keeps the place in the list.
fn place(app: &App, review: &mut Review, focus: Option<&str>) {
    let Some(doc) = app.doc.as_ref() else { return };
    if let Some(id) = focus
        && let Some(i) = review
            .grouping
            .groups
            .iter()
            .position(|g| g.theme.as_deref() == Some(id))
    {
        review.selected = i;
    }
    review.show_column =
        !matches!(app.cluster.scope, ColumnScope::Column(_)) && column_keys(&doc.session).len() > 1;
    review.selected = review
        .selected
        .min(review.grouping.groups.len().saturating_sub(1));
    let n = review.group().map_or(0, |g| g.len());
    review.card = review.card.min(n.saturating_sub(1));
}

/// While the review clusters in the background, keys and pastes wait for
/// it, in order, rather than act on a list about to change. Esc with
/// nothing waiting leaves at once; Ctrl-c is never held. Returns whether
/// the event was held.
pub fn hold(app: &mut App, event: &Event) -> bool {
    if app.help.is_some() {
        return false;
    }
    let Mode::Review(review) = &app.mode else {
        return false;
    };
    if review.job.is_none() && review.settling.is_none() {
        return false;
    }
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Release => return false,
        Event::Key(k) if k.code == KeyCode::Esc && review.waiting.is_empty() => return false,
        Event::Key(k)
            if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            return false;
        }
        // While a kept run is settled, the list is on screen: moving
        // through it need not wait, unless keys wait already.
        Event::Key(k)
            if review.job.is_none()
                && review.waiting.is_empty()
                && review.picker.is_none()
                && review.rename.is_none()
                && super::keymap::lookup(app, *k).is_some_and(keep::moves_only) =>
        {
            return false;
        }
        Event::Key(_) | Event::Paste(_) => {}
        _ => return false,
    }
    let Mode::Review(review) = &mut app.mode else {
        return false;
    };
    review.waiting.push(event.clone());
    true
}

/// Takes in a finished background run; the keys that waited for it, for the
/// caller to hand on. Called on every tick.
pub fn poll(app: &mut App) -> Vec<Event> {
    if keep::poll_settling(app) {
        return match &mut app.mode {
            Mode::Review(review) => std::mem::take(&mut review.waiting),
            _ => Vec::new(),
        };
    }
    let Mode::Review(review) = &app.mode else {
        return Vec::new();
    };
    let Some(outcome) = review.job.as_ref().and_then(Job::take) else {
        return Vec::new();
    };
    let Mode::Review(mut review) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return Vec::new();
    };
    let focus = review.job.take().and_then(|j| j.focus);
    if let Some(run) = outcome {
        install(app, &mut review, run, focus.as_deref());
    }
    // A kept run may be settling now; keys still wait for it.
    let waiting = if review.settling.is_none() {
        std::mem::take(&mut review.waiting)
    } else {
        Vec::new()
    };
    app.mode = Mode::Review(review);
    waiting
}

/// Keys on the review screen.
pub fn review_action(app: &mut App, mut review: Box<Review>, action: Action) {
    if let Some(editor) = review.rename.as_mut() {
        match action {
            Action::Input(c) => editor.insert_char(c),
            Action::Paste(s) => editor.insert_str(&s.replace(['\n', '\r'], " ")),
            Action::Backspace => editor.backspace(),
            Action::DeleteWord => editor.delete_word(),
            Action::ClearLine => editor.clear_to_line_start(),
            Action::Left => editor.left(),
            Action::Right => editor.right(),
            Action::Cancel => review.rename = None,
            Action::Commit => {
                let name = editor.text().trim().to_string();
                review.rename = None;
                if !name.is_empty() {
                    rename(app, &mut review, &name);
                }
            }
            _ => {}
        }
        app.mode = Mode::Review(review);
        return;
    }
    if let Some(mut picker) = review.picker.take() {
        let name = picker.query().trim().to_string();
        match picker.step(action) {
            Outcome::Stay => review.picker = Some(picker),
            Outcome::Close => {}
            Outcome::Chosen(choice) => chosen(app, &mut review, picker.purpose, choice, &name),
        }
        app.mode = Mode::Review(review);
        return;
    }
    if review.job.is_some() {
        // Keys wait for the run (see `hold`); only leaving and help act now.
        match action {
            Action::Cancel | Action::ClusterReview => put_away(app, review, false),
            Action::Help => {
                app.help = Some(0);
                app.mode = Mode::Review(review);
            }
            _ => app.mode = Mode::Review(review),
        }
        return;
    }
    match action {
        Action::Cancel | Action::ClusterReview => return put_away(app, review, false),
        Action::Help => app.help = Some(0),
        Action::Up => match review.pane {
            Pane::Groups => {
                review.selected = review.selected.saturating_sub(1);
                review.card = 0;
            }
            Pane::Cards => review.card = review.card.saturating_sub(1),
        },
        Action::Down => match review.pane {
            Pane::Groups => {
                if review.selected + 1 < review.grouping.groups.len() {
                    review.selected += 1;
                    review.card = 0;
                }
            }
            Pane::Cards => {
                let n = review.group().map_or(0, |g| g.len());
                if review.card + 1 < n {
                    review.card += 1;
                }
            }
        },
        Action::NextBoard | Action::PrevBoard | Action::Home | Action::End => {
            let (n, at) = match review.pane {
                Pane::Groups => (review.grouping.groups.len(), review.selected),
                Pane::Cards => (review.group().map_or(0, |g| g.len()), review.card),
            };
            let last = n.saturating_sub(1);
            let to = match action {
                Action::NextBoard => (at + 10).min(last),
                Action::PrevBoard => at.saturating_sub(10),
                Action::Home => 0,
                _ => last,
            };
            match review.pane {
                Pane::Groups => {
                    review.selected = to;
                    review.card = 0;
                }
                Pane::Cards => review.card = to,
            }
        }
        Action::Left => review.pane = Pane::Groups,
        Action::Right => review.pane = Pane::Cards,
        Action::CommitNext => {
            review.pane = match review.pane {
                Pane::Groups => Pane::Cards,
                Pane::Cards => Pane::Groups,
            }
        }
        Action::ThresholdUp | Action::ThresholdDown => {
            let step = if action == Action::ThresholdUp {
                THRESHOLD_STEP
            } else {
                -THRESHOLD_STEP
            };
            let t = ((app.cluster.threshold + step) * 100.0).round() / 100.0;
            app.cluster.threshold = t.clamp(THRESHOLD_STEP, 1.0 - THRESHOLD_STEP);
            rebuild(app, &mut review, None);
            let text = Msg::ThresholdNow.fill(
                app.lang,
                &[("threshold", &format!("{:.2}", app.cluster.threshold))],
            );
            app.set_status(Severity::Info, text);
        }
        Action::ClusterScope => {
            if let Some(doc) = app.doc.as_ref() {
                let keys = column_keys(&doc.session);
                app.cluster.scope = grouping::next_scope(&app.cluster.scope, &keys);
            }
            review.selected = 0;
            review.card = 0;
            rebuild(app, &mut review, None);
        }
        Action::AcceptTheme => accept(app, &mut review),
        Action::RejectTheme => reject(app, &mut review),
        Action::RemoveFromTheme => remove_card(app, &mut review),
        Action::DeleteTheme => delete(app, &mut review),
        Action::RenameTheme => {
            if let Some(g) = review.group() {
                review.rename = Some(Editor::new(&g.label));
            }
        }
        Action::TagPicker => {
            if review.group().is_some()
                && let Some(doc) = app.doc.as_ref()
            {
                let on_cards = review.group().map_or_else(Vec::new, |g| card_tags(doc, g));
                let items = tags::theme_tag_items(app, &doc.session, &on_cards);
                review.picker = Some(Picker::new(Purpose::ThemeTag, items));
            }
        }
        Action::MoveToTheme | Action::MergeThemes => {
            let moving = action == Action::MoveToTheme;
            if moving && review.entry().is_none() {
                app.warn(Msg::NoCard);
            } else if review.grouping.groups.len() < 2 {
                app.warn(Msg::NoOtherTheme);
            } else {
                let purpose = if moving {
                    Purpose::MoveTo
                } else {
                    Purpose::MergeWith
                };
                review.picker = Some(Picker::new(purpose, target_items(app, &review)));
            }
        }
        Action::GoToCard => {
            if let Some(e) = review.entry() {
                let id = e.card.clone();
                put_away(app, review, false);
                super::search::jump(app, &id);
                return;
            }
        }
        Action::Undo | Action::Redo => review_undo(app, &mut review, action == Action::Undo),
        Action::Copy => super::clipboard::copy_group(app, review.group()),
        _ => {}
    }
    app.mode = Mode::Review(review);
}

#[cfg(test)]
mod tests;
