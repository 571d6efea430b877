//! The export dialog: choose folder, format and suggestions, see which files
//! would be new, changed or unchanged (with their content or a diff), then
//! write them, or nothing.

use std::path::{Path, PathBuf};

use crate::core::export::{self, Change, ExportError, FileChange, Format, Options, Plan};

use super::action::Action;
use super::app::{App, Field, FieldKind, Form, FormPurpose, Mode, Severity};
use super::i18n::Msg;

/// What the export dialog remembers between uses while the program runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSettings {
    /// The last target folder, as typed.
    pub dir: Option<String>,
    pub format: usize,
    pub suggestions: bool,
}

/// The formats in the order the dialog offers them.
const FORMATS: [(Format, &str, Msg); 3] = [
    (Format::Markdown, "markdown", Msg::FormatMarkdown),
    (Format::Protocol, "protocol", Msg::FormatProtocol),
    (Format::Csv, "csv", Msg::FormatCsv),
];

/// How a line of the view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Same,
    Added,
    Removed,
    /// A gap between hunks, or a note.
    Note,
}

/// The export dialog after the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    /// The form, to go back to.
    pub form: Form,
    /// The folder as typed (shown), and as a path.
    pub dir_label: String,
    pub dir: PathBuf,
    pub options: ExportOptions,
    pub stage: Stage,
}

/// [`Options`] without the folder question, comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: usize,
    pub suggestions: bool,
}

impl ExportOptions {
    fn options(self, create: bool) -> Options {
        Options {
            format: FORMATS[self.format.min(FORMATS.len() - 1)].0,
            suggestions: self.suggestions,
            create,
        }
    }

    pub fn format_label(self) -> Msg {
        FORMATS[self.format.min(FORMATS.len() - 1)].2
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// The folder does not exist: create it?
    AskCreate,
    Preview(Box<Preview>),
}

/// The planned files and what is shown of them.
#[derive(Debug, Clone)]
pub struct Preview {
    pub plan: Plan,
    pub selected: usize,
    /// First line of the view shown.
    pub scroll: usize,
    /// For a changed file: the whole new content instead of the diff.
    pub whole: bool,
    /// The lines of the selected file's view.
    pub view: Vec<(LineKind, String)>,
}

impl PartialEq for Preview {
    fn eq(&self, other: &Self) -> bool {
        self.selected == other.selected
            && self.scroll == other.scroll
            && self.whole == other.whole
            && self.view == other.view
            && self.plan.dir == other.plan.dir
            && self.plan.files.len() == other.plan.files.len()
    }
}

impl Eq for Preview {}

impl Preview {
    pub fn file(&self) -> Option<&FileChange> {
        self.plan.files.get(self.selected)
    }

    /// Counts of new, changed and unchanged files.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |c| self.plan.files.iter().filter(|f| f.change == c).count();
        (n(Change::Added), n(Change::Changed), n(Change::Unchanged))
    }

    /// Recomputes the view of the selected file.
    fn refresh(&mut self, lang: crate::core::error::Lang) {
        self.scroll = 0;
        self.view = match self.file() {
            None => Vec::new(),
            Some(f) => view_of(f, self.whole, lang),
        };
        // Start at the first change.
        if let Some(i) = self.view.iter().position(|(k, _)| *k != LineKind::Same) {
            self.scroll = i.saturating_sub(3);
        }
        if self.whole || self.file().is_some_and(|f| f.change != Change::Changed) {
            self.scroll = 0;
        }
    }
}

/// The default target: `konzept/` beside the sessions folder.
pub fn default_dir(sessions: &Path) -> String {
    let parent = sessions
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && sessions.file_name().is_some());
    match parent {
        Some(p) => p.join("konzept").display().to_string(),
        None => "konzept".to_string(),
    }
}

/// `x`: the export form.
pub fn open(app: &mut App) {
    if app.doc.is_none() {
        return app.warn(Msg::NoSessionSelected);
    }
    let dir = app
        .export
        .dir
        .clone()
        .unwrap_or_else(|| default_dir(&app.dir));
    let formats = FORMATS
        .iter()
        .map(|(_, key, label)| (key.to_string(), app.t(*label).to_string()))
        .collect();
    let yes_no = vec![
        ("no".to_string(), app.t(Msg::No).to_string()),
        ("yes".to_string(), app.t(Msg::Yes).to_string()),
    ];
    app.mode = Mode::Form(Form {
        purpose: FormPurpose::Export,
        title: Msg::FormExport,
        fields: vec![
            Field::text(Msg::FieldExportDir, &dir),
            Field {
                label: Msg::FieldExportFormat,
                kind: FieldKind::Choice {
                    options: formats,
                    index: app.export.format,
                },
            },
            Field {
                label: Msg::FieldSuggestions,
                kind: FieldKind::Choice {
                    options: yes_no,
                    index: usize::from(app.export.suggestions),
                },
            },
        ],
        focus: 0,
    });
}

/// Enter in the export form: plan, then ask for the folder or show the
/// preview. Returns false to keep the form open.
pub fn confirm_form(app: &mut App, form: &Form) -> bool {
    let dir_label = form.fields[0].value();
    if dir_label.is_empty() {
        app.warn(Msg::ExportDirMissing);
        return false;
    }
    let choice = |i: usize| match &form.fields[i].kind {
        FieldKind::Choice { index, .. } => *index,
        FieldKind::Text(_) => 0,
    };
    let options = ExportOptions {
        format: choice(1),
        suggestions: choice(2) == 1,
    };
    app.export = ExportSettings {
        dir: Some(dir_label.clone()),
        format: options.format,
        suggestions: options.suggestions,
    };
    let mut dialog = ExportDialog {
        form: form.clone(),
        dir: PathBuf::from(&dir_label),
        dir_label,
        options,
        stage: Stage::AskCreate,
    };
    match plan(app, &dialog, false) {
        Ok(plan) => {
            dialog.stage = Stage::Preview(Box::new(preview(app, plan)));
            app.mode = Mode::Export(Box::new(dialog));
            true
        }
        Err(ExportError::MissingDir(_)) => {
            app.mode = Mode::Export(Box::new(dialog));
            true
        }
        Err(e) => {
            let text = e.message(app.lang);
            app.set_status(Severity::Error, text);
            false
        }
    }
}

fn plan(app: &App, dialog: &ExportDialog, create: bool) -> Result<Plan, ExportError> {
    let Some(doc) = app.doc.as_ref() else {
        return Err(ExportError::MissingDir(dialog.dir.clone()));
    };
    let name = doc
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sources = [export::Source {
        session: &doc.session,
        name: &name,
    }];
    export::plan(
        &sources,
        &app.templates,
        &dialog.dir,
        &dialog.options.options(create),
    )
}

fn preview(app: &App, plan: Plan) -> Preview {
    let mut p = Preview {
        // The first file that would be written, else the first.
        selected: plan
            .files
            .iter()
            .position(|f| f.change != Change::Unchanged)
            .unwrap_or(0),
        plan,
        scroll: 0,
        whole: false,
        view: Vec::new(),
    };
    p.refresh(app.lang);
    p
}

/// Keys in the export dialog.
pub fn dialog_action(app: &mut App, mut dialog: Box<ExportDialog>, action: Action) {
    if action == Action::Help {
        app.help = Some(0);
        app.mode = Mode::Export(dialog);
        return;
    }
    match &mut dialog.stage {
        Stage::AskCreate => match action {
            Action::Commit => match plan(app, &dialog, true) {
                Ok(plan) => dialog.stage = Stage::Preview(Box::new(preview(app, plan))),
                Err(e) => {
                    let text = e.message(app.lang);
                    app.set_status(Severity::Error, text);
                    app.mode = Mode::Form(dialog.form);
                    return;
                }
            },
            Action::Cancel => {
                app.mode = Mode::Form(dialog.form);
                return;
            }
            _ => {}
        },
        Stage::Preview(p) => match action {
            Action::Cancel => {
                app.info(Msg::ExportCancelled);
                return;
            }
            Action::Commit => return write(app, &p.plan, &dialog.dir_label),
            Action::Up if p.selected > 0 => {
                p.selected -= 1;
                p.refresh(app.lang);
            }
            Action::Down if p.selected + 1 < p.plan.files.len() => {
                p.selected += 1;
                p.refresh(app.lang);
            }
            Action::ScrollUp => p.scroll = p.scroll.saturating_sub(10),
            Action::ScrollDown => {
                p.scroll = (p.scroll + 10).min(p.view.len().saturating_sub(1));
            }
            Action::ToggleDiff => {
                p.whole = !p.whole;
                p.refresh(app.lang);
            }
            _ => {}
        },
    }
    app.mode = Mode::Export(dialog);
}

/// Writes the plan; the result goes to the status bar.
fn write(app: &mut App, plan: &Plan, dir: &str) {
    let same = plan
        .files
        .iter()
        .filter(|f| f.change == Change::Unchanged)
        .count();
    match plan.apply() {
        Ok(written) => {
            let mut text = match written.len() {
                0 => Msg::ExportNothing.fill(app.lang, &[&same, &dir]),
                1 => Msg::ExportWrittenOne.fill(app.lang, &[&dir, &same]),
                n => Msg::ExportWritten.fill(app.lang, &[&n, &dir, &same]),
            };
            let severity = match plan.problems.first() {
                Some(first) => {
                    text.push_str(" · ");
                    text.push_str(
                        &Msg::ExportProblems
                            .fill(app.lang, &[&plan.problems.len(), &first.render(app.lang)]),
                    );
                    Severity::Warning
                }
                None => Severity::Info,
            };
            app.set_status(severity, text);
        }
        Err(e) => {
            let text = Msg::ExportFailed.fill(app.lang, &[&e.render(app.lang)]);
            app.set_status(Severity::Error, text);
        }
    }
}

/// The lines shown for a file: a new file's content, a changed file's diff
/// (or its whole new content), an unchanged file as it is on disk.
fn view_of(f: &FileChange, whole: bool, lang: crate::core::error::Lang) -> Vec<(LineKind, String)> {
    let lines = |t: &str, kind| t.lines().map(|l| (kind, l.to_string())).collect::<Vec<_>>();
    match f.change {
        Change::Added => lines(&String::from_utf8_lossy(&f.content), LineKind::Added),
        Change::Changed if whole => lines(&String::from_utf8_lossy(&f.content), LineKind::Same),
        Change::Changed => {
            let old = std::fs::read_to_string(&f.path).unwrap_or_default();
            diff(&old, &String::from_utf8_lossy(&f.content), 3, lang)
        }
        Change::Unchanged => match std::fs::read_to_string(&f.path) {
            Ok(t) => lines(&t, LineKind::Same),
            Err(e) => vec![(LineKind::Note, e.to_string())],
        },
    }
}

/// Largest diff worked out line by line; beyond it the middle is shown as
/// removed and added.
const DIFF_CELLS: usize = 4_000_000;

/// A line diff of `old` and `new` with `context` unchanged lines around each
/// change; gaps are marked with a note line.
pub fn diff(
    old: &str,
    new: &str,
    context: usize,
    lang: crate::core::error::Lang,
) -> Vec<(LineKind, String)> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let post = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - post], &b[pre..b.len() - post]);
    let mut all: Vec<(LineKind, &str)> = a[..pre].iter().map(|l| (LineKind::Same, *l)).collect();
    if am.len().saturating_mul(bm.len()) <= DIFF_CELLS {
        // Longest common subsequence, table from the end.
        let w = bm.len() + 1;
        let mut t = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                t[i * w + j] = if am[i] == bm[j] {
                    t[(i + 1) * w + j + 1] + 1
                } else {
                    t[(i + 1) * w + j].max(t[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                all.push((LineKind::Same, am[i]));
                i += 1;
                j += 1;
            } else if i < am.len() && (j == bm.len() || t[(i + 1) * w + j] >= t[i * w + j + 1]) {
                all.push((LineKind::Removed, am[i]));
                i += 1;
            } else {
                all.push((LineKind::Added, bm[j]));
                j += 1;
            }
        }
    } else {
        all.extend(am.iter().map(|l| (LineKind::Removed, *l)));
        all.extend(bm.iter().map(|l| (LineKind::Added, *l)));
    }
    all.extend(a[a.len() - post..].iter().map(|l| (LineKind::Same, *l)));
    // Keep the changes and their context.
    let near: Vec<bool> = {
        let mut keep = vec![false; all.len()];
        for (i, (k, _)) in all.iter().enumerate() {
            if *k != LineKind::Same {
                let from = i.saturating_sub(context);
                let to = (i + context + 1).min(all.len());
                keep[from..to].iter_mut().for_each(|x| *x = true);
            }
        }
        keep
    };
    let mut out = Vec::new();
    let mut skipped = 0;
    for ((kind, line), keep) in all.into_iter().zip(near) {
        if keep {
            if skipped > 0 {
                out.push((LineKind::Note, Msg::LinesSkipped.fill(lang, &[&skipped])));
                skipped = 0;
            }
            out.push((kind, line.to_string()));
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        out.push((LineKind::Note, Msg::LinesSkipped.fill(lang, &[&skipped])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;
    use crate::core::model::{Card, Session, Theme};
    use crate::core::store;
    use crate::core::template::Templates;
    use crate::tui::update;

    /// A session with a confirmed theme of two Kita cards, opened in an app.
    fn app_with_theme(dir: &Path) -> App {
        let templates = Templates::builtin();
        let mut s = Session {
            id: "2019-02-13-mitte".into(),
            title: "Integrationskonferenz Mitte".into(),
            date: "2019-02-13".into(),
            ..Session::default()
        };
        let b = s.fresh_id("b");
        let mut board = templates
            .board("district-exchange")
            .unwrap()
            .new_board(b, "Altstadt");
        for t in ["Kita-Plätze", "fehlende Kitaplätze", "Sportvereine"] {
            let id = s.fresh_id("k");
            board.columns[1].cards.push(Card::new(id, t));
        }
        s.boards.push(board);
        let id = s.fresh_id("t");
        s.themes.push(Theme {
            id,
            label: "Kita-Plätze fehlen".into(),
            cards: vec!["k2".into(), "k3".into()],
            confirmed: true,
            ..Theme::default()
        });
        let sessions = dir.join("sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        let file = sessions.join("mitte.ron");
        store::save(&file, &s).unwrap();
        let mut app = App::new(Lang::De, templates, &sessions);
        assert!(app.open(&file), "{:?}", app.status);
        app
    }

    fn preview(app: &App) -> &Preview {
        match &app.mode {
            Mode::Export(d) => match &d.stage {
                Stage::Preview(p) => p,
                Stage::AskCreate => panic!("asks for the folder"),
            },
            other => panic!("no export dialog: {other:?} {:?}", app.status),
        }
    }

    #[test]
    fn the_default_folder_is_beside_the_sessions() {
        assert_eq!(default_dir(Path::new("sessions")), "konzept");
        assert_eq!(default_dir(Path::new(".")), "konzept");
        assert_eq!(
            default_dir(Path::new("/srv/ik/sessions")),
            Path::new("/srv/ik/konzept").display().to_string()
        );
    }

    #[test]
    fn export_asks_for_the_folder_previews_writes_and_then_has_nothing_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_theme(dir.path());
        let target = dir.path().join("konzept");
        update(&mut app, Action::Export);
        let Mode::Form(form) = &app.mode else {
            panic!("no form")
        };
        assert_eq!(form.fields[0].value(), target.display().to_string());
        // The folder is missing: asked, "no" goes back to the form.
        update(&mut app, Action::Commit);
        assert!(matches!(&app.mode, Mode::Export(d) if d.stage == Stage::AskCreate));
        update(&mut app, Action::Cancel);
        assert!(matches!(app.mode, Mode::Form(_)));
        assert!(!target.exists());
        update(&mut app, Action::Commit);
        update(&mut app, Action::Commit);
        let p = preview(&app);
        assert!(p.plan.create_dir);
        let (added, changed, same) = p.counts();
        assert!(
            added >= 2 && changed == 0 && same == 0,
            "{:?}",
            p.plan.files
        );
        assert!(!target.exists(), "nothing written before Enter");
        // The selected file's content is shown; some file holds the theme.
        assert!(!p.view.is_empty());
        let holder = p
            .plan
            .files
            .iter()
            .position(|f| String::from_utf8_lossy(&f.content).contains("Kita-Plätze fehlen"))
            .expect("a chapter with the theme");
        while preview(&app).selected != holder {
            let before = preview(&app).selected;
            update(
                &mut app,
                if before < holder {
                    Action::Down
                } else {
                    Action::Up
                },
            );
        }
        assert!(
            preview(&app)
                .view
                .iter()
                .any(|(k, l)| *k == LineKind::Added && l.contains("Kita-Plätze fehlen"))
        );
        update(&mut app, Action::Commit);
        assert_eq!(app.mode, Mode::Normal);
        let status = app.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Info);
        assert_eq!(
            status.text,
            format!(
                "{added} Dateien nach {} geschrieben, 0 unverändert",
                target.display()
            )
        );
        let written = std::fs::read_dir(&target).unwrap().count();
        assert_eq!(written, added);

        // A second export: everything unchanged, nothing written.
        let times: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
            .collect();
        update(&mut app, Action::Export);
        update(&mut app, Action::Commit);
        assert_eq!(preview(&app).counts(), (0, 0, added));
        update(&mut app, Action::Commit);
        assert_eq!(
            app.status.as_ref().unwrap().text,
            format!(
                "Nichts zu schreiben: {added} Dateien in {} unverändert",
                target.display()
            )
        );
        let again: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
            .collect();
        assert_eq!(times, again);
    }

    #[test]
    fn a_changed_chapter_shows_a_diff_and_esc_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_theme(dir.path());
        update(&mut app, Action::Export);
        update(&mut app, Action::Commit);
        update(&mut app, Action::Commit);
        update(&mut app, Action::Commit);
        // A card of the theme changes: its chapter changes.
        let card = {
            let doc = app.doc.as_mut().unwrap();
            let mut c = doc.session.card("k2").unwrap().clone();
            c.text = "zu wenig Kita-Plätze".into();
            c
        };
        let doc = app.doc.as_mut().unwrap();
        doc.session
            .apply(crate::core::edit::Edit::ReplaceCard { card })
            .unwrap();
        update(&mut app, Action::Export);
        update(&mut app, Action::Commit);
        let p = preview(&app);
        let f = p.file().unwrap();
        assert_eq!(f.change, Change::Changed);
        let before = std::fs::read(&f.path).unwrap();
        assert!(
            p.view
                .iter()
                .any(|(k, l)| *k == LineKind::Removed && l.contains("Kita-Plätze"))
        );
        assert!(
            p.view
                .iter()
                .any(|(k, l)| *k == LineKind::Added && l.contains("zu wenig"))
        );
        let path = f.path.clone();
        update(&mut app, Action::ToggleDiff);
        assert!(preview(&app).view.iter().all(|(k, _)| *k == LineKind::Same));
        update(&mut app, Action::Cancel);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_damaged_marker_is_reported_with_its_place_and_the_file_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_theme(dir.path());
        update(&mut app, Action::Export);
        update(&mut app, Action::Commit);
        update(&mut app, Action::Commit);
        update(&mut app, Action::Commit);
        let target = dir.path().join("konzept");
        // Damage the end marker of a block in every chapter by hand.
        let mut damaged = Vec::new();
        for e in std::fs::read_dir(&target).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains("stellwand:end") {
                let bad = text.replacen("stellwand:end", "stellwand:ende", 1);
                std::fs::write(&path, &bad).unwrap();
                damaged.push((path, bad));
            }
        }
        assert!(!damaged.is_empty());
        update(&mut app, Action::Export);
        update(&mut app, Action::Commit);
        let p = preview(&app);
        assert!(!p.plan.problems.is_empty());
        let shown = p.plan.problems[0].render(Lang::De);
        assert!(shown.contains(".md:"), "{shown}");
        update(&mut app, Action::Commit);
        let status = app.status.clone().unwrap();
        assert_eq!(status.severity, Severity::Warning, "{}", status.text);
        assert!(status.text.contains(&shown), "{}", status.text);
        for (path, bad) in damaged {
            assert_eq!(std::fs::read_to_string(path).unwrap(), bad);
        }
    }

    #[test]
    fn protocol_and_csv_are_chosen_in_the_form_and_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_theme(dir.path());
        std::fs::create_dir(dir.path().join("konzept")).unwrap();
        for (steps, ext) in [(1, "md"), (2, "csv")] {
            update(&mut app, Action::Export);
            update(&mut app, Action::CommitNext);
            if let Mode::Form(f) = &mut app.mode
                && let FieldKind::Choice { index, .. } = &mut f.fields[1].kind
            {
                *index = 0;
            }
            for _ in 0..steps {
                update(&mut app, Action::Right);
            }
            update(&mut app, Action::Commit);
            let p = preview(&app);
            assert_eq!(p.plan.files.len(), 1, "{:?}", p.plan.files);
            let f = p.file().unwrap();
            assert_eq!(f.path.extension().unwrap(), ext);
            assert!(String::from_utf8_lossy(&f.content).contains("fehlende Kitaplätze"));
            let path = f.path.clone();
            update(&mut app, Action::Commit);
            assert_eq!(app.mode, Mode::Normal);
            assert!(path.is_file());
        }
        // The choices come back the next time.
        update(&mut app, Action::Export);
        let Mode::Form(form) = &app.mode else {
            panic!("no form")
        };
        assert_eq!(form.fields[1].value(), "csv");
    }

    #[test]
    fn the_diff_keeps_context_and_marks_gaps() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\n";
        let d = diff(old, new, 1, Lang::En);
        let kinds: Vec<_> = d.iter().map(|(k, l)| (*k, l.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (LineKind::Note, "… 3 unchanged lines"),
                (LineKind::Same, "d"),
                (LineKind::Removed, "e"),
                (LineKind::Added, "E"),
                (LineKind::Same, "f"),
                (LineKind::Note, "… 1 unchanged lines"),
                (LineKind::Same, "h"),
                (LineKind::Added, "i"),
            ]
        );
    }
}
