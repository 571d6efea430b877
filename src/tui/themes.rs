//! Cluster review: runs the clustering on the open session, lists the
//! suggestions biggest first and the confirmed themes, and carries out the
//! clerk's decisions (accept, reject, remove, move, merge, rename, assign a
//! Handlungsfeld, delete) as theme edits through the history.
//!
//! Working on a suggestion other than accepting or rejecting it (removing a
//! card, renaming it, …) confirms it as a theme in the same undo step, so
//! that every decision is stored and kept by the next clustering run.

use std::path::Path;

use crate::core::cluster::review::{
    self as grouping, Grouping, dismiss_key, materialize, move_into, take_out,
};
use crate::core::cluster::themes as rules;
use crate::core::cluster::{self, Thesaurus};
use crate::core::edit::Edit;
use crate::core::model::Theme;

pub use crate::core::cluster::review::{ColumnScope, Entry, Group, column_keys};

use super::action::Action;
use super::app::{App, Doc, Mode, Severity};
use super::editor::Editor;
use super::i18n::Msg;
use super::tags::{self, Choice, Item, Outcome, Picker, Purpose};

/// Step of the threshold keys `+` and `-`.
pub const THRESHOLD_STEP: f64 = 0.05;

/// The clerk's clustering choices, kept while the program runs.
#[derive(Debug, Clone)]
pub struct ClusterSettings {
    pub threshold: f64,
    pub scope: ColumnScope,
    /// Loaded on the first review from `templates/`.
    pub thesaurus: Option<Thesaurus>,
}

impl Default for ClusterSettings {
    fn default() -> Self {
        ClusterSettings {
            threshold: cluster::DEFAULT_THRESHOLD,
            scope: ColumnScope::EachColumn,
            thesaurus: None,
        }
    }
}

/// Which side of the review has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Groups,
    Cards,
}

/// A review step, for undo inside the review.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// An edit in the history.
    Edit,
    /// A suggestion dismissed (nothing stored; it may come back next time).
    Dismiss(String),
}

/// The review screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The last clustering run and what it lists.
    pub grouping: Grouping,
    pub selected: usize,
    /// The selected card of the selected group.
    pub card: usize,
    pub pane: Pane,
    dismissed: Vec<String>,
    steps: Vec<Step>,
    redo: Vec<Step>,
    /// A choice (Handlungsfeld, move target, merge partner) being made.
    pub picker: Option<Picker>,
    /// A new name being typed.
    pub rename: Option<Editor>,
}

// No floating-point numbers inside: equality is total.
impl Eq for Review {}

impl Review {
    pub fn group(&self) -> Option<&Group> {
        self.grouping.groups.get(self.selected)
    }

    pub fn entry(&self) -> Option<&Entry> {
        self.group()?.members.get(self.card)
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
    let mut review = Review {
        grouping: Grouping::default(),
        selected: 0,
        card: 0,
        pane: Pane::Groups,
        dismissed: Vec::new(),
        steps: Vec::new(),
        redo: Vec::new(),
        picker: None,
        rename: None,
    };
    rebuild(app, &mut review, None);
    app.mode = Mode::Review(Box::new(review));
}

/// Runs the clustering again; selects the theme `focus` when given, else
/// keeps the place in the list.
fn rebuild(app: &App, review: &mut Review, focus: Option<&str>) {
    let Some(doc) = app.doc.as_ref() else { return };
    let thesaurus = app.cluster.thesaurus.clone().unwrap_or_default();
    review.grouping = grouping::group(
        &doc.session,
        app.cluster.threshold,
        &app.cluster.scope,
        &thesaurus,
        &review.dismissed,
    );
    if let Some(id) = focus
        && let Some(i) = review
            .grouping
            .groups
            .iter()
            .position(|g| g.theme.as_deref() == Some(id))
    {
        review.selected = i;
    }
    review.selected = review
        .selected
        .min(review.grouping.groups.len().saturating_sub(1));
    let n = review.group().map_or(0, |g| g.members.len());
    review.card = review.card.min(n.saturating_sub(1));
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
    match action {
        Action::Cancel | Action::ClusterReview => return,
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
                let n = review.group().map_or(0, |g| g.members.len());
                if review.card + 1 < n {
                    review.card += 1;
                }
            }
        },
        Action::NextBoard | Action::PrevBoard | Action::Home | Action::End => {
            let (n, at) = match review.pane {
                Pane::Groups => (review.grouping.groups.len(), review.selected),
                Pane::Cards => (review.group().map_or(0, |g| g.members.len()), review.card),
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
            let text =
                Msg::ThresholdNow.fill(app.lang, &[&format!("{:.2}", app.cluster.threshold)]);
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
                let items = tags::theme_tag_items(app, &doc.session);
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

/// The other groups, as targets of a move or merge.
fn target_items(app: &App, review: &Review) -> Vec<Item> {
    review
        .grouping
        .groups
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != review.selected)
        .map(|(i, g)| Item {
            choice: Choice::Target(i),
            label: g.label.clone(),
            key: g.members.len().to_string(),
            hint: app
                .t(if g.theme.is_some() {
                    Msg::ThemeConfirmed
                } else {
                    Msg::ThemeSuggestion
                })
                .to_string(),
        })
        .collect()
}

/// Applies new themes as one undo step and runs the clustering again.
fn commit(app: &mut App, review: &mut Review, themes: Vec<Theme>, focus: Option<&str>) -> bool {
    if !app.apply(Edit::SetThemes(themes)) {
        return false;
    }
    review.steps.push(Step::Edit);
    review.redo.clear();
    rebuild(app, review, focus);
    true
}

fn accept(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    if group.theme.is_some() && group.new_cards() == 0 {
        return app.info(Msg::AlreadyConfirmed);
    }
    let Some(doc) = app.doc.as_mut() else { return };
    let mut themes = doc.session.themes.clone();
    let Some(id) = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    ) else {
        return;
    };
    // A confirmed theme takes in its suggested new cards.
    if group.theme.is_some()
        && let Some(cluster) = group
            .cluster
            .and_then(|c| review.grouping.clustering.clusters.get(c))
    {
        let home = doc.session.id.clone();
        if let Edit::SetThemes(t) =
            rules::accept(&themes, cluster, &review.grouping.cards, Some(&home), &id)
        {
            themes = t;
        }
    }
    let n = themes
        .iter()
        .find(|t| t.id == id)
        .map_or(0, |t| t.cards.len());
    // The next suggestion moves up into this place.
    let focus = group.theme.as_deref();
    if commit(app, review, themes, focus) {
        let text = Msg::ThemeAccepted.fill(app.lang, &[&group.label, &n]);
        app.set_status(Severity::Info, text);
    }
}

fn reject(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    match &group.theme {
        None => {
            let Some(cluster) = group
                .cluster
                .and_then(|c| review.grouping.clustering.clusters.get(c))
            else {
                return;
            };
            let key = dismiss_key(cluster, &review.grouping.cards);
            review.dismissed.push(key.clone());
            review.steps.push(Step::Dismiss(key));
            review.redo.clear();
            rebuild(app, review, None);
            let text = Msg::SuggestionDismissed.fill(app.lang, &[&group.label]);
            app.set_status(Severity::Info, text);
        }
        Some(id) => {
            let cluster = group
                .cluster
                .and_then(|c| review.grouping.clustering.clusters.get(c));
            let Some(cluster) = cluster.filter(|_| group.new_cards() > 0) else {
                return app.info(Msg::NothingToReject);
            };
            let Some(doc) = app.doc.as_ref() else { return };
            let home = doc.session.id.clone();
            let Some(Edit::SetThemes(themes)) = rules::reject(
                &doc.session.themes,
                cluster,
                &review.grouping.cards,
                Some(&home),
            ) else {
                return;
            };
            let id = id.clone();
            if commit(app, review, themes, Some(&id)) {
                let text =
                    Msg::NewCardsRejected.fill(app.lang, &[&group.new_cards(), &group.label]);
                app.set_status(Severity::Info, text);
            }
        }
    }
}

fn remove_card(app: &mut App, review: &mut Review) {
    let (Some(group), Some(entry)) = (review.group().cloned(), review.entry().cloned()) else {
        return app.warn(Msg::NoCard);
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let mut themes = doc.session.themes.clone();
    let Some(id) = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    ) else {
        return;
    };
    let themes = take_out(&themes, &id, &entry.card);
    let text = card_text(doc, &entry.card);
    if commit(app, review, themes, Some(&id)) {
        let msg = if group.theme.is_some() {
            Msg::CardRemoved
        } else {
            Msg::CardRemovedConfirmed
        };
        let text = msg.fill(app.lang, &[&text, &group.label]);
        app.set_status(Severity::Info, text);
    }
}

fn card_text(doc: &Doc, id: &str) -> String {
    doc.session
        .card(id)
        .map_or_else(|| id.to_string(), |c| super::ui::truncate(&c.text, 40))
}

fn delete(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    let Some(id) = group.theme else {
        return app.info(Msg::DeleteOnlyThemes);
    };
    let Some(doc) = app.doc.as_ref() else { return };
    let Ok(Edit::SetThemes(themes)) = rules::delete(&doc.session.themes, &id) else {
        return;
    };
    if commit(app, review, themes, None) {
        let text = Msg::ThemeDeleted.fill(app.lang, &[&group.label]);
        app.set_status(Severity::Info, text);
    }
}

fn rename(app: &mut App, review: &mut Review, name: &str) {
    let Some(doc) = app.doc.as_mut() else { return };
    let mut themes = doc.session.themes.clone();
    let Some(id) = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    ) else {
        return;
    };
    let Ok(Edit::SetThemes(themes)) = rules::rename(&themes, &id, name) else {
        return;
    };
    if commit(app, review, themes, Some(&id)) {
        let text = Msg::ThemeRenamed.fill(app.lang, &[&name]);
        app.set_status(Severity::Info, text);
    }
}

/// A choice made in the review's picker.
fn chosen(app: &mut App, review: &mut Review, purpose: Purpose, choice: Choice, name: &str) {
    match (purpose, choice) {
        (Purpose::ThemeTag, Choice::TagSet(key)) => {
            tags::add_tag_set(app, &key);
            review.steps.push(Step::Edit);
            review.redo.clear();
            if let Some(doc) = app.doc.as_ref() {
                let items = tags::theme_tag_items(app, &doc.session);
                review.picker = Some(Picker::new(Purpose::ThemeTag, items));
            }
        }
        (Purpose::ThemeTag, choice) => {
            let Some(doc) = app.doc.as_mut() else { return };
            let mut themes = doc.session.themes.clone();
            let Some(id) = materialize(
                &mut doc.session,
                &review.grouping,
                &mut themes,
                review.selected,
            ) else {
                return;
            };
            let (tag, first) = match choice {
                Choice::Tag(k) => (Some(k), None),
                Choice::NewTag if !name.is_empty() => {
                    let (tag, edit) = tags::new_tag(&doc.session, name);
                    (Some(tag.key), Some(edit))
                }
                _ => (None, None),
            };
            let Ok(Edit::SetThemes(themes)) = rules::assign_tag(&themes, &id, tag.as_deref())
            else {
                return;
            };
            let edit = match first {
                Some(e) => Edit::Batch(vec![e, Edit::SetThemes(themes)]),
                None => Edit::SetThemes(themes),
            };
            if app.apply(edit) {
                review.steps.push(Step::Edit);
                review.redo.clear();
                rebuild(app, review, Some(&id));
                let label = match (&tag, app.doc.as_ref()) {
                    (Some(k), Some(d)) => d.session.tag(k).map_or(k.clone(), |t| t.name.clone()),
                    _ => app.t(Msg::NoTagChoice).to_string(),
                };
                let text = Msg::ThemeTagged.fill(app.lang, &[&label]);
                app.set_status(Severity::Info, text);
            }
        }
        (Purpose::MoveTo, Choice::Target(to)) => move_card(app, review, to),
        (Purpose::MergeWith, Choice::Target(other)) => merge(app, review, other),
        _ => {}
    }
}

fn move_card(app: &mut App, review: &mut Review, to: usize) {
    let (Some(entry), Some(target)) = (
        review.entry().cloned(),
        review.grouping.groups.get(to).cloned(),
    ) else {
        return;
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let mut themes = doc.session.themes.clone();
    let Some(from) = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    ) else {
        return;
    };
    let Some(to_id) = materialize(&mut doc.session, &review.grouping, &mut themes, to) else {
        return;
    };
    let themes = move_into(&themes, &from, &to_id, &entry.card);
    let text = card_text(doc, &entry.card);
    if commit(app, review, themes, Some(&from)) {
        let text = Msg::CardMoved.fill(app.lang, &[&text, &target.label]);
        app.set_status(Severity::Info, text);
    }
}

fn merge(app: &mut App, review: &mut Review, other: usize) {
    let Some(target) = review.grouping.groups.get(other).cloned() else {
        return;
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let mut themes = doc.session.themes.clone();
    let Some(into) = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    ) else {
        return;
    };
    let Some(from) = materialize(&mut doc.session, &review.grouping, &mut themes, other) else {
        return;
    };
    let Ok(Edit::SetThemes(themes)) = rules::merge(&themes, &into, &from) else {
        return;
    };
    if commit(app, review, themes, Some(&into)) {
        let text = Msg::ThemesMerged.fill(app.lang, &[&target.label]);
        app.set_status(Severity::Info, text);
    }
}

/// Undo and redo in the review: dismissed suggestions come back, edits go
/// through the history.
fn review_undo(app: &mut App, review: &mut Review, undo: bool) {
    let step = if undo {
        review.steps.pop()
    } else {
        review.redo.pop()
    };
    match &step {
        Some(Step::Dismiss(key)) => {
            if undo {
                review.dismissed.retain(|k| k != key);
                app.info(Msg::Undone);
            } else {
                review.dismissed.push(key.clone());
                app.info(Msg::Redone);
            }
        }
        _ => app.undo_redo(undo),
    }
    if let Some(step) = step {
        if undo {
            review.redo.push(step);
        } else {
            review.steps.push(step);
        }
    }
    rebuild(app, review, None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;
    use crate::core::model::{Board, Card, Column, Session};
    use crate::core::store;
    use crate::core::template::Templates;
    use crate::tui::tags::tests::type_text;
    use crate::tui::update::update;

    const NEEDS: &[&str] = &[
        "Kita-Plätze",
        "fehlende Kitaplätze",
        "Ausbau Kitaplätze",
        "Müll auf den Straßen",
        "Vermüllung im Viertel",
        "Parkplätze fehlen",
        "Sprachkurse für Eltern",
        "Sprachkurse am Abend",
    ];

    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session {
            id: "mitte".into(),
            title: "Mitte".into(),
            ..Session::default()
        };
        let b = s.fresh_id("b");
        let needs = NEEDS
            .iter()
            .map(|t| Card::new(s.fresh_id("k"), *t))
            .collect();
        let good = vec![Card::new(s.fresh_id("k"), "Kitaplätze am Markt")];
        s.boards.push(Board {
            id: b,
            title: "Altstadt".into(),
            template: "district-exchange".into(),
            photos: vec![],
            columns: vec![
                Column {
                    key: "needs".into(),
                    heading: "Handlungsbedarf".into(),
                    cards: needs,
                },
                Column {
                    key: "good".into(),
                    heading: "Läuft gut".into(),
                    cards: good,
                },
            ],
        });
        let file = dir.path().join("mitte.ron");
        store::save(&file, &s).unwrap();
        let mut app = App::new(Lang::De, Templates::builtin(), dir.path());
        assert!(app.open(&file));
        update(&mut app, Action::ClusterReview);
        (dir, app)
    }

    fn review(app: &App) -> &Review {
        match &app.mode {
            Mode::Review(r) => r,
            other => panic!("not in the review: {other:?}"),
        }
    }

    fn themes(app: &App) -> Vec<Theme> {
        app.doc.as_ref().unwrap().session.themes.clone()
    }

    /// The card ids whose text is given.
    fn ids(app: &App, texts: &[&str]) -> Vec<String> {
        let s = &app.doc.as_ref().unwrap().session;
        texts
            .iter()
            .map(|t| {
                s.cards()
                    .find(|(_, _, c)| c.text == *t)
                    .unwrap()
                    .2
                    .id
                    .clone()
            })
            .collect()
    }

    fn select(app: &mut App, label_part: &str) {
        let i = review(app)
            .grouping
            .groups
            .iter()
            .position(|g| g.label.contains(label_part))
            .unwrap_or_else(|| panic!("no group {label_part}: {:?}", review(app).grouping.groups));
        if let Mode::Review(r) = &mut app.mode {
            r.selected = i;
            r.card = 0;
        }
    }

    #[test]
    fn suggestions_come_biggest_first_within_each_column() {
        let (_dir, app) = app();
        let r = review(&app);
        assert!(r.grouping.suggestions >= 2, "{:?}", r.grouping.groups);
        let first: Vec<String> = r.grouping.groups[0]
            .members
            .iter()
            .map(|m| m.card.clone())
            .collect();
        let mut kita = ids(
            &app,
            &["Kita-Plätze", "fehlende Kitaplätze", "Ausbau Kitaplätze"],
        );
        kita.sort();
        let mut first_sorted = first.clone();
        first_sorted.sort();
        assert_eq!(
            first_sorted, kita,
            "the good column's Kita card stays apart"
        );
        let sizes: Vec<usize> = r.grouping.groups.iter().map(|g| g.members.len()).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        assert!(
            r.grouping.groups[0]
                .members
                .iter()
                .all(|m| !m.reasons.is_empty())
        );
    }

    #[test]
    fn accept_and_reject_undo_and_redo() {
        let (_dir, mut app) = app();
        let before = review(&app).grouping.suggestions;
        update(&mut app, Action::AcceptTheme);
        let t = themes(&app);
        assert_eq!(t.len(), 1);
        assert!(t[0].confirmed);
        assert_eq!(t[0].cards.len(), 3);
        assert_eq!(review(&app).grouping.suggestions, before - 1);
        // The confirmed theme is listed after the suggestions.
        assert_eq!(
            review(&app)
                .grouping
                .groups
                .last()
                .unwrap()
                .theme
                .as_deref(),
            Some(t[0].id.as_str())
        );
        update(&mut app, Action::Undo);
        assert!(themes(&app).is_empty());
        assert_eq!(review(&app).grouping.suggestions, before);
        update(&mut app, Action::Redo);
        assert_eq!(themes(&app).len(), 1);
        // Rejecting a suggestion hides it; undo brings it back.
        let label = review(&app).grouping.groups[0].label.clone();
        update(&mut app, Action::RejectTheme);
        assert!(
            review(&app)
                .grouping
                .groups
                .iter()
                .all(|g| g.label != label)
        );
        assert_eq!(themes(&app).len(), 1, "nothing stored for a dismissal");
        update(&mut app, Action::Undo);
        assert_eq!(review(&app).grouping.groups[0].label, label);
        update(&mut app, Action::Undo);
        assert!(themes(&app).is_empty());
    }

    #[test]
    fn rename_merge_move_and_assign_each_undo_in_one_step() {
        let (_dir, mut app) = app();
        select(&mut app, "Müll");
        update(&mut app, Action::RenameTheme);
        update(&mut app, Action::ClearLine);
        type_text(&mut app, "Sauberkeit");
        update(&mut app, Action::Commit);
        let t = themes(&app);
        assert_eq!((t.len(), t[0].label.as_str()), (1, "Sauberkeit"));
        assert!(t[0].confirmed, "renaming confirms the suggestion");
        update(&mut app, Action::Undo);
        assert!(themes(&app).is_empty());
        update(&mut app, Action::Redo);

        // Merge the Sprachkurse suggestion into the Sauberkeit theme (a wrong
        // merge on purpose), then undo it.
        select(&mut app, "Sauberkeit");
        update(&mut app, Action::MergeThemes);
        type_text(&mut app, "Sprachkurs");
        update(&mut app, Action::Commit);
        let t = themes(&app);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cards.len(), 4);
        update(&mut app, Action::Undo);
        assert_eq!(themes(&app)[0].cards.len(), 2);

        // Move one card of the theme into the Kita suggestion.
        select(&mut app, "Sauberkeit");
        update(&mut app, Action::Right);
        update(&mut app, Action::MoveToTheme);
        type_text(&mut app, "Kita");
        update(&mut app, Action::Commit);
        let t = themes(&app);
        assert_eq!(t.len(), 2, "{t:?}");
        let moved = ids(&app, &["Müll auf den Straßen"])[0].clone();
        assert!(t[0].rejected.contains(&moved));
        assert!(t[1].cards.contains(&moved));
        update(&mut app, Action::Undo);
        assert_eq!(themes(&app).len(), 1);

        // Assign a Handlungsfeld: the session has none yet, so a tag set first.
        select(&mut app, "Sauberkeit");
        update(&mut app, Action::TagPicker);
        type_text(&mut app, "Rostock 2020");
        update(&mut app, Action::Commit);
        assert_eq!(app.doc.as_ref().unwrap().session.tags.len(), 7);
        type_text(&mut app, "Leben und Wohnen");
        update(&mut app, Action::Commit);
        assert_eq!(themes(&app)[0].tag.as_deref(), Some("leben-und-wohnen"));
        update(&mut app, Action::Undo);
        assert_eq!(themes(&app)[0].tag, None);
    }

    #[test]
    fn a_rerun_keeps_decisions_and_never_suggests_a_removed_card_again() {
        let (_dir, mut app) = app();
        update(&mut app, Action::AcceptTheme);
        let id = themes(&app)[0].id.clone();
        select(&mut app, "Kita");
        update(&mut app, Action::Right);
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        let removed = review(&app).entry().unwrap().card.clone();
        assert_eq!(removed, ids(&app, &["Ausbau Kitaplätze"])[0]);
        update(&mut app, Action::RemoveFromTheme);
        let t = &themes(&app)[0];
        assert_eq!(t.rejected, std::slice::from_ref(&removed));
        assert_eq!(t.cards.len(), 2);
        update(&mut app, Action::Undo);
        assert!(themes(&app)[0].rejected.is_empty());
        assert_eq!(themes(&app)[0].cards.len(), 3);
        update(&mut app, Action::Redo);
        assert_eq!(themes(&app)[0].rejected, std::slice::from_ref(&removed));

        // New Kita cards arrive; the review runs again (from the board).
        update(&mut app, Action::Cancel);
        update(&mut app, Action::AddCard);
        type_text(&mut app, "mehr Kitaplätze");
        update(&mut app, Action::Cancel);
        update(&mut app, Action::ClusterReview);
        // Running again at another threshold and back changes nothing decided.
        update(&mut app, Action::ThresholdDown);
        update(&mut app, Action::ThresholdUp);
        let g = review(&app)
            .grouping
            .groups
            .iter()
            .find(|g| g.theme.as_deref() == Some(id.as_str()))
            .unwrap()
            .clone();
        let new: Vec<&str> = g
            .members
            .iter()
            .filter(|m| m.new)
            .map(|m| m.card.as_str())
            .collect();
        assert_eq!(new, ids(&app, &["mehr Kitaplätze"]));
        assert!(
            g.members.iter().all(|m| m.card != removed),
            "removed card stays out"
        );
        assert!(
            review(&app).grouping.groups[..review(&app).grouping.suggestions]
                .iter()
                .all(|s| s
                    .members
                    .iter()
                    .all(|m| !themes(&app)[0].cards.contains(&m.card)))
        );
        // Accepting the theme takes in the new card; earlier decisions stay.
        select(&mut app, "Kita");
        let i = review(&app).selected;
        assert_eq!(
            review(&app).grouping.groups[i].theme.as_deref(),
            Some(id.as_str())
        );
        update(&mut app, Action::AcceptTheme);
        let t = &themes(&app)[0];
        assert_eq!(t.cards.len(), 3);
        assert_eq!(t.rejected, [removed]);
        // Saved in the session file.
        assert!(crate::tui::update::save(&mut app, true));
        let path = app.doc.as_ref().unwrap().path.clone();
        assert_eq!(store::load(&path).unwrap().session.themes, themes(&app));
    }

    #[test]
    fn threshold_and_column_scope_change_the_suggestions() {
        let (_dir, mut app) = app();
        update(&mut app, Action::ThresholdUp);
        assert!((app.cluster.threshold - 0.35).abs() < 1e-9);
        // Scope: each column → needs → good → together → each.
        update(&mut app, Action::ClusterScope);
        assert_eq!(app.cluster.scope, ColumnScope::Column("needs".into()));
        update(&mut app, Action::ClusterScope);
        update(&mut app, Action::ClusterScope);
        assert_eq!(app.cluster.scope, ColumnScope::Together);
        update(&mut app, Action::ThresholdDown);
        let kita = review(&app)
            .grouping
            .groups
            .iter()
            .find(|g| g.label.contains("Kita"))
            .unwrap()
            .clone();
        assert_eq!(
            kita.members.len(),
            4,
            "with all columns together the good card joins"
        );
        update(&mut app, Action::ClusterScope);
        assert_eq!(app.cluster.scope, ColumnScope::EachColumn);
    }
}
