//! `stellwand merge BASE OURS THEIRS [PATH]`: git's merge driver for the
//! files of a sessions folder (`%O %A %B %P`). The result goes to OURS.
//! Exit 0: merged; 1: merged, with cards (or fields) left for the clerk to
//! decide; 2: not merged (a file that cannot be read), OURS untouched, so
//! git reports the conflict and nothing is lost.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stellwand::core::error::{FileError, FileProblem, Lang};
use stellwand::core::{merge, store};
use stellwand::i18n::Msg;

pub fn run(base: &Path, ours: &Path, theirs: &Path, name: Option<PathBuf>, lang: Lang) -> ExitCode {
    let shown = name.unwrap_or_else(|| ours.to_path_buf());
    match merge_files(base, ours, theirs, &shown) {
        Ok(m) => {
            for n in &m.notes {
                tell!("{}: {}", shown.display(), n.message(lang));
            }
            if m.has_conflicts() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            tell!("{}", e.render(lang));
            tell!(
                "{}",
                Msg::MergeNotMerged.fill(lang, &[("file", &shown.display())])
            );
            ExitCode::from(2)
        }
    }
}

fn text(path: &Path, shown: &Path) -> Result<String, FileError> {
    let bytes = match store::read_limited(path) {
        Ok(b) => b,
        Err(e) => {
            return Err(FileError {
                path: shown.to_path_buf(),
                ..e
            });
        }
    };
    String::from_utf8(bytes)
        .map_err(|_| FileError::new(shown, 1, 1, FileProblem::NotUtf8 { binary: false }))
}

fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    shown: &Path,
) -> Result<merge::Merged<String>, FileError> {
    // An empty or missing base: the file was added on both sides.
    let base = if base.exists() {
        text(base, shown)?
    } else {
        String::new()
    };
    let o = text(ours, shown)?;
    let t = text(theirs, shown)?;
    let merged = merge::merge_texts(shown, &base, &o, &t)?;
    if merged.value != o {
        store::write_atomic(ours, merged.value.as_bytes()).map_err(|e| FileError::io(ours, &e))?;
    }
    Ok(merged)
}
