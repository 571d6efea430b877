//! `stellwand check`: one line per problem, `FILE:LINE:COLUMN: message`.
//! Every later use of a duplicate id is named, with the repair to run.
//! Cards a merge left with two versions are pointed out, without failing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stellwand::core::date;
use stellwand::core::error::{FileError, FileProblem, Lang};
use stellwand::core::model::Session;
use stellwand::core::{repair, store};
use stellwand::i18n::Msg;

pub fn run(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut ok = true;
    for file in files {
        match check(file, lang) {
            Ok(notes) => {
                for n in notes {
                    tell!("{n}");
                }
            }
            Err(problems) => {
                for p in problems {
                    tell!("{}", p.render(lang));
                }
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The problems of a file, or the notes about a valid one.
fn check(file: &Path, lang: Lang) -> Result<Vec<String>, Vec<FileError>> {
    let bytes = store::read_limited(file).map_err(|e| vec![e])?;
    match store::load_bytes(file, &bytes) {
        Ok(l) => match l.warning {
            Some(w) => Err(vec![w]),
            None => {
                let text = String::from_utf8_lossy(&bytes);
                match date::check_session(file, &text, &l.session) {
                    Some(e) => Err(vec![e]),
                    None => Ok(conflict_notes(file, &bytes, &l.session, lang)),
                }
            }
        },
        Err(e) if matches!(e.problem, FileProblem::DuplicateId(_)) => {
            let text = String::from_utf8_lossy(&bytes);
            let all: Vec<FileError> = store::load_bytes_allowing_duplicates(file, &bytes)
                .map(|l| {
                    repair::duplicates(&text, &l.session)
                        .iter()
                        .map(|d| d.error(file))
                        .collect()
                })
                .unwrap_or_default();
            Err(if all.is_empty() { vec![e] } else { all })
        }
        // Every unknown field of the file, each with its place.
        Err(e) => {
            let all = store::problems(file, &bytes);
            Err(if all.is_empty() { vec![e] } else { all })
        }
    }
}

/// `FILE:LINE:COLUMN: Hinweis: …` for each card with versions to choose from.
fn conflict_notes(file: &Path, bytes: &[u8], session: &Session, lang: Lang) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    session
        .cards()
        .filter(|(_, _, k)| k.in_conflict())
        .map(|(b, _, k)| {
            let (line, column) = repair::place_of_id(&text, &k.id);
            let what = Msg::CheckConflictNote.fill(
                lang,
                &[
                    ("card", &k.id),
                    ("board", &b.title),
                    ("n", &(k.conflict.len() + 1)),
                ],
            );
            format!("{}:{line}:{column}: {what}", file.display())
        })
        .collect()
}
