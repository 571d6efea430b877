//! `stellwand git-setup [DIR]`: prepares a concept repository under git for
//! several clerks: `.gitattributes` sends the RON files through stellwand's
//! merge driver, the repository's git config names the driver (the absolute
//! path of this program), and `.gitignore` keeps the program's own
//! bookkeeping (lock, journal, draft, temporary files, backups) out of git.
//! Says what it did; running it again changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use stellwand::core::error::Lang;
use stellwand::core::store;
use stellwand::i18n::Msg;

use super::CmdResult;

/// The lines `.gitattributes` needs.
pub const ATTRIBUTES: &[&str] = &[
    "# stellwand: Sitzungen und Themen nach Kennung zusammenführen",
    "*.ron merge=stellwand",
];

/// The lines `.gitignore` needs: the names stellwand gives its lock,
/// journal (and journals kept aside), draft, temporary files and backups.
pub const IGNORED: &[&str] = &[
    "# stellwand: Sperre, Journal, Entwurf, Zwischendateien und Sicherungen bleiben lokal",
    ".*.ron.lock",
    ".*.ron.journal",
    ".*.ron.journal-*",
    ".*.ron.draft",
    ".*.tmp",
    "*.v[0-9]*.bak",
    "*.vor-reparatur*.bak",
];

pub fn run(dir: Option<PathBuf>, lang: Lang) -> CmdResult {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let root = top_level(&dir, lang)?;
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Msg::GitExeUnknown.fill(lang, &[("error", &e)]))?;

    let attributes = root.join(".gitattributes");
    let added = ensure_lines(&attributes, ATTRIBUTES, lang)?;
    report(&attributes, added, lang);
    let ignore = root.join(".gitignore");
    let added = ensure_lines(&ignore, IGNORED, lang)?;
    report(&ignore, added, lang);

    let driver = format!("{} merge %O %A %B %P", shell_quote(&exe.to_string_lossy()));
    let name = Msg::GitDriverName.text(lang);
    git_config(&root, "merge.stellwand.name", name, lang)?;
    git_config(&root, "merge.stellwand.driver", &driver, lang)?;
    say!("git config merge.stellwand.driver: {driver}");
    let config = root.join(".git").join("config");
    say!(
        "{}",
        Msg::GitDone.fill(lang, &[("config", &config.display())])
    );
    Ok(())
}

fn report(path: &Path, added: usize, lang: Lang) {
    let file = path.display();
    match added {
        0 => say!("{}", Msg::GitAlreadySetUp.fill(lang, &[("file", &file)])),
        n => say!(
            "{}",
            Msg::GitLinesAdded.fill(lang, &[("file", &file), ("n", &n)])
        ),
    }
}

/// The root of the git repository `dir` is in.
fn top_level(dir: &Path, lang: Lang) -> Result<PathBuf, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|e| Msg::GitCannotRun.fill(lang, &[("error", &e)]))?;
    if !out.status.success() {
        return Err(Msg::GitNotARepo.fill(lang, &[("dir", &dir.display())]));
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']),
    ))
}

fn git_config(root: &Path, key: &str, value: &str, lang: Lang) -> Result<(), String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["config", "--local", key, value])
        .output()
        .map_err(|e| format!("git config {key}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let error = String::from_utf8_lossy(&out.stderr);
        Err(Msg::GitConfigFailed.fill(lang, &[("key", &key), ("error", &error.trim())]))
    }
}

/// Adds the lines a file lacks at its end; the number added.
fn ensure_lines(path: &Path, lines: &[&str], lang: Lang) -> Result<usize, String> {
    let text = match std::fs::read(path) {
        Ok(b) => String::from_utf8(b)
            .map_err(|_| Msg::GitNotUtf8.fill(lang, &[("file", &path.display())]))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !have.contains(l))
        .filter(|l| !l.starts_with('#'))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if let Some(comment) = lines.iter().find(|l| l.starts_with('#'))
        && !have.contains(comment)
    {
        out.push_str(comment);
        out.push('\n');
    }
    for l in &missing {
        out.push_str(l);
        out.push('\n');
    }
    store::write_atomic(path, out.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(missing.len())
}

/// The text in single quotes for the shell git runs the driver with.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
