//! The review opened again: from the run kept in memory, from the cache
//! file in a new program, with cards changed since; a broken cache file or
//! one that cannot be written changes nothing for the clerk.

use super::*;
use crate::core::cluster::review::{ColumnScope, group};
use crate::core::edit::Edit;
use crate::core::template::Templates;
use crate::tui::themes::tests::{review, wait};
use crate::tui::update::update;

const NEEDS: &[&str] = &[
    "Kita-Plätze",
    "fehlende Kitaplätze",
    "Ausbau Kitaplätze",
    "Müll auf den Straßen",
    "Vermüllung im Viertel",
    "Müll im Park",
    "Sprachkurse für Eltern",
    "Sprachkurse am Abend",
    "Parkplätze am Markt",
];

/// A session open on the board whose reviews cluster in the background.
fn app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = crate::tui::tags::tests::app_with(&[("needs", "Handlungsbedarf", NEEDS)]);
    app.cluster.background_from = 0;
    (dir, app)
}

/// The same folder's session in a new program.
fn again(dir: &tempfile::TempDir) -> App {
    let mut app = App::open_file(
        crate::core::error::Lang::De,
        Templates::builtin(),
        &dir.path().join("mitte.ron"),
    );
    app.cluster.background_from = 0;
    app
}

/// What a whole run lists for the session as it is.
fn whole(app: &App) -> Vec<Group> {
    let session = &app.doc.as_ref().unwrap().session;
    group(
        session,
        app.cluster.threshold,
        &ColumnScope::EachColumn,
        app.cluster.thesaurus.as_ref().unwrap(),
        &[],
    )
    .groups
}

fn cache(dir: &tempfile::TempDir) -> std::path::PathBuf {
    kept::cache_path(&dir.path().join("mitte.ron")).unwrap()
}

#[test]
fn the_review_opened_again_lists_the_kept_run_at_once() {
    let (_dir, mut app) = app();
    update(&mut app, Action::ClusterReview);
    assert!(review(&app).job.is_some(), "the first opening clusters");
    wait(&mut app);
    let first = review(&app).grouping.groups.clone();
    assert!(review(&app).grouping.suggestions >= 2, "{first:?}");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::ClusterReview);
    let r = review(&app);
    assert!(r.job.is_none() && r.settling.is_none(), "{r:?}");
    assert_eq!(r.grouping.groups, first);
    assert_eq!(first, whole(&app));
}

#[test]
fn a_new_program_opens_the_review_from_the_cache_file() {
    let (dir, mut app) = app();
    update(&mut app, Action::ClusterReview);
    wait(&mut app);
    // A decision, then the program ends from the review.
    update(&mut app, Action::AcceptTheme);
    let listed = review(&app).grouping.groups.clone();
    update(&mut app, Action::Quit);
    assert!(app.quit);
    drop(app);
    assert!(cache(&dir).exists());

    let mut app = again(&dir);
    update(&mut app, Action::ClusterReview);
    let r = review(&app);
    assert!(r.job.is_none(), "clustered again");
    assert_eq!(r.grouping.groups, listed);
    wait(&mut app);
    assert_eq!(review(&app).grouping.groups, listed);
    // A decision right after works on the kept run.
    update(&mut app, Action::AcceptTheme);
    assert_eq!(app.doc.as_ref().unwrap().session.themes.len(), 2);
}

#[test]
fn a_card_edited_on_the_board_since_is_clustered_in_where_a_whole_run_puts_it() {
    let (_dir, mut app) = app();
    update(&mut app, Action::ClusterReview);
    wait(&mut app);
    update(&mut app, Action::Cancel);
    let doc = app.doc.as_ref().unwrap();
    let (_, _, card) = doc
        .session
        .cards()
        .find(|(_, _, c)| c.text == "Parkplätze am Markt")
        .unwrap();
    let mut card = card.clone();
    let id = card.id.clone();
    card.text = "Müll am Markt".into();
    assert!(app.apply(Edit::ReplaceCard { card }));
    update(&mut app, Action::ClusterReview);
    assert!(review(&app).job.is_none(), "clustered again as a whole");
    wait(&mut app);
    let with = |groups: &[Group]| -> Vec<String> {
        let mut ids: Vec<String> = groups
            .iter()
            .find(|g| g.entries().any(|e| e.card == id))
            .map(|g| g.entries().map(|e| e.card.clone()).collect())
            .unwrap_or_default();
        ids.sort();
        ids
    };
    let expected = with(&whole(&app));
    assert!(expected.len() >= 3, "{expected:?}");
    assert_eq!(with(&review(&app).grouping.groups), expected);
    assert_eq!(review(&app).grouping.groups, whole(&app));
}

#[test]
fn a_broken_cache_file_is_ignored_and_made_again() {
    let (dir, mut app) = app();
    update(&mut app, Action::ClusterReview);
    wait(&mut app);
    let listed = review(&app).grouping.groups.clone();
    update(&mut app, Action::Quit);
    drop(app);
    let path = cache(&dir);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&path, &bytes).unwrap();

    let mut app = again(&dir);
    update(&mut app, Action::ClusterReview);
    assert!(review(&app).job.is_some(), "a broken file was trusted");
    wait(&mut app);
    assert_eq!(review(&app).grouping.groups, listed);
    assert!(app.status.is_none(), "{:?}", app.status);
    update(&mut app, Action::Quit);
    drop(app);
    assert!(kept::load(&dir.path().join("mitte.ron")).is_some());
}

#[test]
fn a_cache_that_cannot_be_written_changes_nothing_for_the_clerk() {
    let (dir, mut app) = app();
    // Something else where the cache folder would go.
    std::fs::write(dir.path().join(kept::CACHE_DIR), "no folder").unwrap();
    update(&mut app, Action::ClusterReview);
    wait(&mut app);
    update(&mut app, Action::AcceptTheme);
    assert_eq!(app.doc.as_ref().unwrap().session.themes.len(), 1);
    assert!(
        app.status
            .as_ref()
            .is_none_or(|s| s.severity == Severity::Info),
        "{:?}",
        app.status
    );
    update(&mut app, Action::Quit);
    assert!(app.quit);
    let saved = crate::core::store::load(&dir.path().join("mitte.ron")).unwrap();
    assert_eq!(saved.session.themes.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(kept::CACHE_DIR)).unwrap(),
        "no folder"
    );
}
