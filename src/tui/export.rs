//! The export dialog: choose folder, format and suggestions, see which files
//! would be new, changed or unchanged (with their content or a diff), then
//! write them, or nothing.

use std::path::{Path, PathBuf};

use crate::core::export::{self, Change, ExportError, FileChange, Format, Options, Plan};

use super::action::Action;
use super::app::{App, Field, FieldKind, Form, FormPurpose, Mode, Severity};
use super::i18n::Msg;
pub use super::state::export::{
    ExportDialog, ExportOptions, ExportSettings, LineKind, Preview, Stage,
};

/// The formats in the order the dialog offers them.
const FORMATS: [(Format, &str, Msg); 6] = [
    (Format::Markdown, "markdown", Msg::FormatMarkdown),
    (Format::Protocol, "protocol", Msg::FormatProtocol),
    (Format::Csv, "csv", Msg::FormatCsv),
    (Format::Measures, "measures", Msg::FormatMeasures),
    (Format::Qdc, "qdc", Msg::FormatQdc),
    (Format::Qdpx, "qdpx", Msg::FormatQdpx),
];

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
    // With suggestions: what the cluster review offers, unconfirmed.
    let with;
    let session = if dialog.options.suggestions {
        let thesaurus = app
            .cluster
            .thesaurus
            .clone()
            .unwrap_or_else(|| crate::core::cluster::Thesaurus::load(Path::new("templates")).0);
        with = export::with_suggestions(&doc.session, &thesaurus, app.cluster.threshold);
        &with
    } else {
        &doc.session
    };
    let sources = [export::Source {
        session,
        name: &name,
    }];
    let dirs = [doc.path.parent().map(Path::to_path_buf)];
    export::plan_in(
        &sources,
        &dirs,
        None,
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
                0 => Msg::ExportNothing.fill(app.lang, &[("same", &same), ("dir", &dir)]),
                1 => Msg::ExportWrittenOne.fill(app.lang, &[("dir", &dir), ("same", &same)]),
                n => {
                    Msg::ExportWritten.fill(app.lang, &[("n", &n), ("dir", &dir), ("same", &same)])
                }
            };
            let severity = match plan.problems.first() {
                Some(first) => {
                    text.push_str(" · ");
                    text.push_str(&Msg::ExportProblems.fill(
                        app.lang,
                        &[
                            ("n", &plan.problems.len()),
                            ("first", &first.render(app.lang)),
                        ],
                    ));
                    Severity::Warning
                }
                None => Severity::Info,
            };
            app.set_status(severity, text);
        }
        Err(e) => {
            let text = Msg::ExportFailed.fill(app.lang, &[("error", &e.render(app.lang))]);
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

/// Time the diff of one file may take; after it the rest is compared
/// roughly (still correct, maybe not the smallest).
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(500);

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
    let changes = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(DIFF_TIME)
        .diff_slices(&a, &b);
    let all: Vec<(LineKind, &str)> = changes
        .iter_all_changes()
        .map(|c| {
            let kind = match c.tag() {
                similar::ChangeTag::Equal => LineKind::Same,
                similar::ChangeTag::Delete => LineKind::Removed,
                similar::ChangeTag::Insert => LineKind::Added,
            };
            (kind, c.value())
        })
        .collect();
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
                out.push((
                    LineKind::Note,
                    Msg::LinesSkipped.fill(lang, &[("n", &skipped)]),
                ));
                skipped = 0;
            }
            out.push((kind, line.to_string()));
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        out.push((
            LineKind::Note,
            Msg::LinesSkipped.fill(lang, &[("n", &skipped)]),
        ));
    }
    out
}

#[cfg(test)]
mod tests;
