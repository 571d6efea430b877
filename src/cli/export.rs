//! `stellwand export`: themes and cards into a concept repository, a
//! protocol or CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stellwand::core::cluster::{DEFAULT_THRESHOLD, Progress, Thesaurus};
use stellwand::core::error::Lang;
use stellwand::core::export;
use stellwand::core::template::Templates;
use stellwand::i18n::Msg;

use super::progress;

/// Exports sessions; problems go to stderr one per line (FILE:LINE:COLUMN:
/// message where there is a place) and make the exit code 1.
pub fn run(
    templates: &Templates,
    lang: Lang,
    files: &[PathBuf],
    to: &Path,
    options: &export::Options,
    dry_run: bool,
) -> ExitCode {
    let progress = Progress::default();
    let (mut workspace, line) = match progress::read_files(files, &progress, lang) {
        Ok(read) => read,
        Err(code) => return code,
    };
    progress.set(0.3);
    if options.suggestions {
        line.stage(Msg::StageClustering.text(lang));
        // What the cluster review would offer, as unconfirmed themes.
        let (thesaurus, problems) = Thesaurus::load(Path::new("templates"));
        for e in &problems {
            tell!("{}", e.render(lang));
        }
        for (_, session) in workspace.sessions.iter_mut() {
            *session = export::with_suggestions(session, &thesaurus, DEFAULT_THRESHOLD);
        }
    }
    let workspace_id = workspace.id();
    let shared = (!workspace.shared.is_empty()).then(|| export::Shared {
        id: &workspace_id,
        themes: &workspace.shared,
    });
    let names: Vec<String> = workspace
        .sessions
        .iter()
        .map(|(f, _)| {
            f.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let sources: Vec<export::Source> = workspace
        .sessions
        .iter()
        .zip(&names)
        .map(|((_, session), name)| export::Source { session, name })
        .collect();
    // Photo paths are read against each session file's folder.
    let dirs: Vec<Option<std::path::PathBuf>> = workspace
        .sessions
        .iter()
        .map(|(f, _)| f.parent().map(Path::to_path_buf))
        .collect();
    progress.set(0.6);
    line.stage(Msg::StageChapters.text(lang));
    let plan = export::plan_in(&sources, &dirs, shared, templates, to, options);
    if let Ok(plan) = &plan
        && !dry_run
    {
        progress.set(0.8);
        line.stage(Msg::StageWriting.text(lang));
        let applied = plan.apply().map(|_| ());
        line.finish();
        return report(plan, applied, false, lang);
    }
    line.finish();
    match plan {
        Ok(plan) => report(&plan, Ok(()), dry_run, lang),
        Err(e) => {
            tell!("stellwand: {}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}

/// What an export did, on stdout; its problems on stderr.
fn report(
    plan: &export::Plan,
    applied: Result<(), stellwand::core::error::FileError>,
    dry_run: bool,
    lang: Lang,
) -> ExitCode {
    for text in [plan.summary(lang), plan.report(lang)] {
        print!("{}", stellwand::core::sanitize::terminal(&text));
    }
    if dry_run {
        say!("{}", Msg::ExportDryRun.text(lang));
    } else if let Err(e) = applied {
        tell!("{}", e.render(lang));
        return ExitCode::FAILURE;
    }
    for p in &plan.problems {
        tell!("{}", p.render(lang));
    }
    if plan.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
