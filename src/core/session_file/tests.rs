use super::*;
use crate::core::error::Lang;
use crate::core::model::FORMAT_VERSION;

use crate::core::test_support::{add_card as add, one_column_session as session};

fn texts(s: &Session) -> Vec<String> {
    s.cards().map(|(_, _, k)| k.text.clone()).collect()
}

/// The one-column session saved as `name` in a new folder: the folder and
/// the file.
fn fresh(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    store::save(&path, &session()).unwrap();
    (dir, path)
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A card put into the session as an edit, not recorded anywhere.
fn added(session: &mut Session, text: &str) {
    let e = add(session, text);
    session.apply(e).unwrap();
}

/// The one-column session holding one card `text`, as another program
/// would write it.
fn with_card(text: &str) -> Session {
    let mut s = session();
    added(&mut s, text);
    s
}

#[test]
fn edits_recorded_but_not_saved_come_back_and_journalling_goes_on() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    let e = add(&mut o.session, "Kita");
    file.record(&e).unwrap();
    drop(o); // killed

    let mut o = open(&path).unwrap();
    assert_eq!(o.recovered.replay.applied, 1);
    assert!(o.recovered.any());
    assert!(o.recovered.describe(Lang::En, None).contains("1 change"));
    typed(&mut o.session, o.file.as_mut().unwrap(), "Schule");
    drop(o);

    let o = open(&path).unwrap();
    assert_eq!(texts(&o.session), ["Kita", "Schule"]);
}

#[test]
fn a_clean_close_leaves_only_the_session_file_and_an_unsaved_one_its_journal() {
    let (dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let e = add(&mut o.session, "Kita");
    o.session.apply(e.clone()).unwrap();
    let mut file = o.file.take().unwrap();
    file.record(&e).unwrap();
    file.save(&o.session).unwrap();
    assert_eq!(
        names(dir.path()),
        [".s.ron.journal", ".s.ron.lock", "s.ron"]
    );
    file.close(true);
    assert_eq!(names(dir.path()), ["s.ron"]);

    let mut o = open(&path).unwrap();
    let e = add(&mut o.session, "Schule");
    o.file.as_mut().unwrap().record(&e).unwrap();
    o.file.take().unwrap().close(false);
    assert_eq!(
        names(dir.path()),
        [".s.ron.journal", "s.ron"],
        "the unsaved change stays"
    );
}

#[test]
fn a_second_opener_gets_read_only_and_writes_nothing() {
    let (_dir, path) = fresh("s.ron");
    let first = open(&path).unwrap();
    assert!(first.read_only.is_none());
    let second = open(&path).unwrap();
    assert!(second.file.is_none());
    let text = second.read_only.unwrap().message(Lang::En);
    assert!(
        text.contains(&format!("process {}", std::process::id())),
        "{text}"
    );
    drop(first);
    assert!(open(&path).unwrap().file.is_some(), "free again");
}

#[test]
fn a_newer_file_gets_no_lock_and_no_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut s = session();
    s.version = FORMAT_VERSION + 1;
    store::save(&path, &s).unwrap();
    let o = open(&path).unwrap();
    assert!(matches!(o.read_only, Some(ReadOnly::Newer(_))));
    assert_eq!(names(dir.path()), ["s.ron"]);
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("title: \"\"", "title: \"fremd\"");
    fs::write(&path, &theirs).unwrap();
    added(&mut o.session, "meins");
    let file = o.file.as_mut().unwrap();
    let saved = file.save(&o.session).unwrap();
    let Saved::Conflict { original, side } = &saved else {
        panic!("{saved:?}")
    };
    assert_eq!(original, &path);
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert!(side.to_string_lossy().contains("s.konflikt-"));
    assert_eq!(texts(&store::load(side).unwrap().session), ["meins"]);
    assert!(
        saved
            .message(Lang::De)
            .unwrap()
            .contains("nicht überschrieben")
    );
    // Work goes on in the side file, with no further conflict.
    assert_eq!(file.path(), side);
    assert_eq!(file.save(&o.session).unwrap(), Saved::Written);
}

#[test]
fn a_file_replaced_while_the_save_writes_is_not_overwritten() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    added(&mut o.session, "meins");
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("title: \"\"", "title: \"fremd\"");
    let other = theirs.clone();
    let target = path.clone();
    // The other program replaces the file after the save has checked
    // it once and while the new content is being written.
    store::test_hook::set(move |p| {
        if p == target {
            let tmp = target.with_file_name("other.tmp");
            fs::write(&tmp, &other).unwrap();
            fs::rename(&tmp, &target).unwrap();
        }
    });
    let saved = o.file.as_mut().unwrap().save(&o.session);
    store::test_hook::clear();
    let saved = saved.unwrap();
    assert!(matches!(saved, Saved::Conflict { .. }), "{saved:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    let Saved::Conflict { side, .. } = saved else {
        unreachable!()
    };
    assert_eq!(texts(&store::load(&side).unwrap().session), ["meins"]);
}

#[test]
fn an_edit_the_full_disk_refused_is_kept_and_written_when_there_is_room() {
    let (_dir, path) = fresh("s.ron");
    let before = fs::read(&path).unwrap();
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    let first = add(&mut o.session, "vorher");
    o.session.apply(first.clone()).unwrap();
    file.record(&first).unwrap();
    file.journal.as_mut().unwrap().limit_writes(Some(0));
    let mut refused = Vec::new();
    for text in ["voll 1", "voll 2"] {
        let e = add(&mut o.session, text);
        o.session.apply(e.clone()).unwrap();
        let err = file.record(&e).unwrap_err();
        assert!(crate::core::files::is_disk_full(&err), "{err}");
        refused.push(e);
    }
    assert_eq!(file.unrecorded(), 2);
    // Still full: trying again fails and damages nothing.
    assert!(file.retry().is_err());
    assert_eq!(file.unrecorded(), 2);
    assert_eq!(fs::read(&path).unwrap(), before);
    // Room again: the kept edits go to the journal, in order.
    file.journal.as_mut().unwrap().limit_writes(None);
    file.retry().unwrap();
    assert_eq!(file.unrecorded(), 0);
    drop(o); // killed
    let o = open(&path).unwrap();
    assert_eq!(texts(&o.session), ["vorher", "voll 1", "voll 2"]);
}

fn zoom(level: u8) -> Edit {
    Edit::SetPhotoView {
        board: "b1".into(),
        view: crate::core::model::PhotoView {
            zoom: level,
            ..Default::default()
        },
    }
}

fn journal_len(path: &Path) -> u64 {
    fs::metadata(journal::journal_path(path)).map_or(0, |m| m.len())
}

#[test]
fn a_change_of_view_waits_for_its_delay_before_the_journal_takes_it() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    let empty = journal_len(&path);
    let t0 = Instant::now();
    for level in 1..=3 {
        let e = zoom(level);
        o.session.apply(e.clone()).unwrap();
        file.defer(&e, t0);
    }
    assert_eq!(journal_len(&path), empty, "no disk write per zoom key");
    assert!(!file.due(t0 + VIEW_DELAY / 2));
    assert!(file.due(t0 + VIEW_DELAY));
    file.retry().unwrap();
    assert!(!file.failed());
    assert!(!file.due(t0 + VIEW_DELAY * 10), "nothing waits any more");
    drop(o); // killed
    let o = open(&path).unwrap();
    assert_eq!(o.session.boards[0].view.zoom, 3);
}

#[test]
fn a_card_written_after_a_waiting_view_takes_the_view_with_it_in_order() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    let e = zoom(2);
    o.session.apply(e.clone()).unwrap();
    file.defer(&e, Instant::now());
    let card = add(&mut o.session, "Kita");
    o.session.apply(card.clone()).unwrap();
    file.record(&card).unwrap();
    assert_eq!(file.unrecorded(), 0);
    drop(o); // killed
    let o = open(&path).unwrap();
    assert_eq!(texts(&o.session), ["Kita"]);
    assert_eq!(o.session.boards[0].view.zoom, 2);
}

#[test]
fn edits_kept_by_a_full_disk_are_retried_at_once_not_after_a_delay() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    file.journal.as_mut().unwrap().limit_writes(Some(0));
    let card = add(&mut o.session, "voll");
    o.session.apply(card.clone()).unwrap();
    assert!(file.record(&card).is_err());
    assert!(file.failed());
    let now = Instant::now();
    let e = zoom(1);
    o.session.apply(e.clone()).unwrap();
    file.defer(&e, now);
    assert!(file.due(now), "a failed write is tried again on every tick");
}

#[test]
fn a_version_0_file_is_upgraded_with_a_backup_on_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alt.ron");
    let v0 = "Session(title: \"Alt\", boards: [Board(template: \"district-exchange\", columns: [Column(key: \"needs\", cards: [Card(text: \"Kita\"), Card(text: \"Schule\")])])])\n";
    fs::write(&path, v0).unwrap();
    let mut o = open(&path).unwrap();
    assert_eq!(o.upgraded_from, Some(0));
    assert!(o.upgrade_note(Lang::En).unwrap().contains("alt.v0.bak"));
    let ids: Vec<_> = o.session.cards().map(|(_, _, k)| k.id.clone()).collect();
    assert_eq!(ids, ["k2", "k3"]);
    assert_eq!(o.session.boards[0].id, "b1");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        v0,
        "opening writes nothing"
    );
    let file = o.file.as_mut().unwrap();
    file.save(&o.session).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("alt.v0.bak")).unwrap(),
        v0
    );
    let now = store::load(&path).unwrap();
    assert_eq!(now.session.version, FORMAT_VERSION);
    assert_eq!(now.upgraded_from, None);
    assert_eq!(texts(&now.session), ["Kita", "Schule"]);
}

#[test]
fn a_version_1_file_keeps_its_ids_replays_its_journal_and_loses_the_counter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eins.ron");
    let v1 = "Session(version: 1, id: \"s\", boards: [Board(id: \"b1\", template: \"district-exchange\", columns: [Column(key: \"needs\", cards: [Card(id: \"k2\", text: \"Kita\")])])], next_id: 3)\n";
    fs::write(&path, v1).unwrap();
    let mut o = open(&path).unwrap();
    assert_eq!(o.upgraded_from, Some(1));
    assert!(o.upgrade_note(Lang::En).unwrap().contains("eins.v1.bak"));
    typed(&mut o.session, o.file.as_mut().unwrap(), "Schule");
    drop(o); // killed before saving

    let mut o = open(&path).unwrap();
    assert_eq!(
        o.recovered.replay.applied, 1,
        "the journal fits the upgraded file"
    );
    assert_eq!(texts(&o.session), ["Kita", "Schule"]);
    let file = o.file.as_mut().unwrap();
    file.save(&o.session).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("eins.v1.bak")).unwrap(),
        v1
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("next_id"), "{text}");
    assert!(text.contains("id: \"k2\""), "old ids stay: {text}");
    let now = store::load(&path).unwrap();
    assert_eq!(now.session.version, FORMAT_VERSION);
    assert_eq!(now.upgraded_from, None);
}

#[test]
fn the_draft_is_written_at_most_every_half_second_and_removed_when_done() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    let draft = |text: &str| Draft {
        target: DraftTarget::New {
            board: "b1".into(),
            column: "needs".into(),
            index: 0,
        },
        text: text.into(),
    };
    let t0 = Instant::now();
    file.update_draft(Some(&draft("Ki")), t0).unwrap();
    assert_eq!(read_draft(&path).unwrap().text, "Ki");
    file.update_draft(Some(&draft("Kita")), t0 + Duration::from_millis(100))
        .unwrap();
    assert_eq!(read_draft(&path).unwrap().text, "Ki", "not yet");
    file.update_draft(Some(&draft("Kita")), t0 + DRAFT_EVERY)
        .unwrap();
    assert_eq!(read_draft(&path).unwrap().text, "Kita");
    drop(o);
    let mut o = open(&path).unwrap();
    assert_eq!(o.recovered.draft.as_ref().unwrap().text, "Kita");
    let file = o.file.as_mut().unwrap();
    file.update_draft(None, Instant::now()).unwrap();
    assert!(read_draft(&path).is_none());
}

/// A link planted at `name` beside the session (as a shared repository
/// could hold one): the session opens read-only naming the link, and
/// neither the victim nor the session file is written.
#[cfg(unix)]
fn planted_link_is_refused(name: &str) {
    let (dir, path) = fresh("v.ron");
    let before = fs::read(&path).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "unberührt\n").unwrap();
    let link = dir.path().join(name);
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let o = open(&path).unwrap();
    assert!(
        o.file.is_none(),
        "{name}: opened for writing through a link"
    );
    let text = o.read_only.unwrap().message(Lang::De);
    assert!(text.contains(name), "{text}");
    assert!(text.contains("symbolischer Link"), "{text}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "unberührt\n");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn a_link_planted_as_the_lock_is_not_written_through() {
    planted_link_is_refused(".v.ron.lock");
}

#[cfg(unix)]
#[test]
fn a_link_planted_as_the_journal_is_not_written_through() {
    planted_link_is_refused(".v.ron.journal");
}

#[cfg(unix)]
#[test]
fn a_link_planted_as_the_draft_is_not_read_or_written_through() {
    planted_link_is_refused(".v.ron.draft");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_draft_elsewhere_is_not_recovered() {
    // The link points at a valid draft: following it would put someone
    // else's text into the editor.
    let (dir, path) = fresh("v.ron");
    let other = dir.path().join("other.ron");
    let draft = Draft {
        target: DraftTarget::Edit { card: "k1".into() },
        text: "fremder Text".into(),
    };
    fs::write(&other, ron::to_string(&draft).unwrap()).unwrap();
    std::os::unix::fs::symlink(&other, journal::draft_path(&path)).unwrap();
    assert!(read_draft(&path).is_none());
}

#[cfg(unix)]
#[test]
fn a_file_and_a_link_to_it_are_one_session_with_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/r.ron");
    store::save(&real, &session()).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real/r.ron", &link).unwrap();

    let mut first = open(&link).unwrap();
    assert!(first.file.is_some());
    let second = open(&real).unwrap();
    assert!(
        matches!(second.read_only, Some(ReadOnly::Locked(_))),
        "the file behind the link opened for writing a second time"
    );
    // Saving through the link writes the file it points to.
    added(&mut first.session, "durch den Link");
    let file = first.file.as_mut().unwrap();
    assert_eq!(file.save(&first.session).unwrap(), Saved::Written);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        texts(&store::load(&real).unwrap().session),
        ["durch den Link"]
    );
    let beside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        beside.is_empty(),
        "lock or journal beside the link: {beside:?}"
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = fresh("s.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut o = open(&path).unwrap();
    added(&mut o.session, "Name einer Person");
    o.file.as_mut().unwrap().save(&o.session).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
}

#[test]
fn a_file_with_an_unknown_field_opens_read_only_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let text =
        store::to_ron(&session()).replacen("Session(", "Session(\n  notizen: \"WICHTIG\",", 1);
    fs::write(&path, &text).unwrap();
    let o = open(&path).unwrap();
    assert!(o.file.is_none());
    let why = o.read_only.unwrap().message(Lang::De);
    assert!(why.contains("unbekanntes Feld „notizen“"), "{why}");
    assert!(why.contains("nur lesend"), "{why}");
    assert_eq!(names(dir.path()), ["s.ron"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn stale_temporary_files_beside_the_session_are_removed_on_opening() {
    // A process id no system hands out (above the largest pid_max).
    const DEAD: u32 = 4_194_305;
    let (dir, path) = fresh("s.ron");
    let stale = [
        format!(".s.ron.{DEAD}.tmp"),
        format!("..s.ron.draft.{DEAD}.tmp"),
        format!(".s.v0.bak.{DEAD}.tmp"),
    ];
    let kept = [
        format!(".s.ron.{}.tmp", std::process::id()),
        format!("s.ron.{DEAD}.tmp"),
        ".s.ron.tmp".to_string(),
        format!(".s.ron.{DEAD}x.tmp"),
    ];
    for n in stale.iter().chain(&kept) {
        fs::write(dir.path().join(n), "x").unwrap();
    }
    let _o = open(&path).unwrap();
    for n in &stale {
        assert!(!dir.path().join(n).exists(), "{n} left");
    }
    for n in &kept {
        assert!(dir.path().join(n).exists(), "{n} removed");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept_on_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("windows.ron");
    let text = format!("\u{feff}{}", store::to_ron(&session()));
    fs::write(&path, &text).unwrap();
    let mut o = open(&path).unwrap();
    assert!(
        o.read_only.is_none(),
        "{:?}",
        o.read_only.map(|r| r.message(Lang::En))
    );
    added(&mut o.session, "Kita");
    o.file.as_mut().unwrap().save(&o.session).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with('\u{feff}'), "the mark was dropped");
    assert!(!saved[3..].contains('\u{feff}'));
    assert_eq!(texts(&store::load(&path).unwrap().session), ["Kita"]);
}

#[test]
fn a_journal_that_cannot_be_written_opens_read_only() {
    let (_dir, path) = fresh("s.ron");
    // A folder where the journal goes: works for root as well.
    fs::create_dir_all(journal::journal_path(&path).join("x")).unwrap();
    let o = open(&path).unwrap();
    assert!(o.file.is_none());
    let text = o.read_only.unwrap().message(Lang::En);
    assert!(text.contains(".s.ron.journal"), "{text}");
}

/// The state a crash would leave at the given step of a save on another
/// thread, after "Kita" was saved in the copy and "Schule" typed while it
/// was written; the next start must have both.
fn killed_during_background_save(step: u8) {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    typed(&mut o.session, file, "Kita");
    assert!(file.save_in_background(o.session.clone(), |_| {}));
    typed(&mut o.session, file, "Schule");
    let saving = file.saving.take().unwrap();
    let Ok(Prepared::Ready { tmp, base, .. }) = saving.job.join().unwrap() else {
        panic!("the save was not prepared");
    };
    if step >= 1 {
        let j = file.journal.as_mut().unwrap();
        j.mark_saved(base, saving.after).unwrap();
    }
    if step >= 2 {
        store::replace_with(&tmp, &path).unwrap();
        assert_eq!(texts(&store::load(&path).unwrap().session), ["Kita"]);
    }
    drop(o); // killed

    let mut o = open(&path).unwrap();
    assert_eq!(texts(&o.session), ["Kita", "Schule"], "step {step}");
    let replayed = if step >= 2 { 1 } else { 2 };
    assert_eq!(o.recovered.replay.applied, replayed, "step {step}");
    assert!(!o.recovered.replay.stale);
    // The journal goes on from there.
    typed(&mut o.session, o.file.as_mut().unwrap(), "Markt");
    drop(o);
    let o = open(&path).unwrap();
    assert_eq!(
        texts(&o.session),
        ["Kita", "Schule", "Markt"],
        "step {step}"
    );
}

#[test]
fn a_kill_at_any_step_of_a_save_on_another_thread_loses_nothing() {
    // While the file is written; once the journal notes the save; after
    // the file is replaced, before the new journal.
    for step in 0..3 {
        killed_during_background_save(step);
    }
}

#[test]
fn a_save_on_another_thread_keeps_the_edits_made_while_it_ran() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    typed(&mut o.session, file, "Kita");
    assert!(file.save_in_background(o.session.clone(), |_| {}));
    assert!(file.saving());
    // A second one waits for the first.
    assert!(!file.save_in_background(o.session.clone(), |_| {}));
    typed(&mut o.session, file, "Schule");
    let done = file.finish_background(true);
    assert!(
        matches!(done, Some(Background::Saved(Saved::Written))),
        "{done:?}"
    );
    assert!(!file.saving());
    assert_eq!(texts(&store::load(&path).unwrap().session), ["Kita"]);
    // The new journal holds what came while it was written, and nothing
    // else: the file and it make the session.
    let journal = fs::read_to_string(journal::journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 2, "{journal}");
    drop(o); // killed
    let o = open(&path).unwrap();
    assert_eq!(texts(&o.session), ["Kita", "Schule"]);
    assert_eq!(o.recovered.replay.applied, 1);
}

#[test]
fn a_file_changed_while_a_save_runs_on_another_thread_is_left_alone() {
    let (dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    typed(&mut o.session, file, "Kita");
    // Another program writes the file while this save is prepared.
    let theirs = with_card("Fremd");
    store::save(&path, &theirs).unwrap();
    assert!(file.save_in_background(o.session.clone(), |_| {}));
    let done = file.finish_background(true);
    assert!(matches!(done, Some(Background::Changed)), "{done:?}");
    assert_eq!(texts(&store::load(&path).unwrap().session), ["Fremd"]);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // The foreground save then puts the session beside it.
    let saved = file.save(&o.session).unwrap();
    assert!(matches!(saved, Saved::Conflict { .. }), "{saved:?}");
}

#[test]
fn a_file_changed_after_a_background_save_was_written_is_left_alone() {
    let (_dir, path) = fresh("s.ron");
    let mut o = open(&path).unwrap();
    let file = o.file.as_mut().unwrap();
    typed(&mut o.session, file, "Kita");
    assert!(file.save_in_background(o.session.clone(), |_| {}));
    // The saving thread is done; another program writes the file before
    // the screen's thread puts the new one in its place.
    while !file.saving.as_ref().unwrap().job.is_finished() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let theirs = with_card("Fremd");
    store::save(&path, &theirs).unwrap();
    let done = file.finish_background(true);
    assert!(matches!(done, Some(Background::Changed)), "{done:?}");
    assert_eq!(texts(&store::load(&path).unwrap().session), ["Fremd"]);
    let saved = file.save(&o.session).unwrap();
    assert!(matches!(saved, Saved::Conflict { .. }), "{saved:?}");
}

/// A card typed into the session and recorded in its journal, as the
/// program does for each edit.
fn typed(session: &mut Session, file: &mut SessionFile, text: &str) {
    let e = add(session, text);
    session.apply(e.clone()).unwrap();
    file.record(&e).unwrap();
}
