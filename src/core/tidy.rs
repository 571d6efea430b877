//! Leftovers of killed programs beside session files: the temporary files
//! of saves that never reached their rename (`.NAME.PID.tmp`). Removed on
//! the next start, so that nothing of the program's own lands in a
//! concept repository.

use std::fs;
use std::path::{Path, PathBuf};

/// Removes the temporary files in `dir` whose program is no longer
/// running; returns what was removed. Only where running programs can be
/// told (a `/proc` file system); elsewhere nothing is removed.
pub fn remove_stale_temp_files(dir: &Path) -> Vec<PathBuf> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_file_pid(&name) else {
            continue;
        };
        if pid == std::process::id() || proc.join(pid.to_string()).exists() {
            continue;
        }
        // Only plain files: a link or folder at such a name is not ours.
        let path = entry.path();
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && fs::remove_file(&path).is_ok()
        {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

/// The process id in a temporary file name `.NAME.PID.tmp`.
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (stem, pid) = rest.rsplit_once('.')?;
    if stem.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_of_ended_programs_go_and_the_rest_stays() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // A process id far above any Linux pid_max: never running.
        let dead = ".s.ron.4294967290.tmp";
        let draft = "..s.ron.draft.4294967290.tmp";
        let mine = format!(".s.ron.{}.tmp", std::process::id());
        for name in [
            dead,
            draft,
            mine.as_str(),
            "s.ron",
            "notiz.tmp",
            ".s.ron.x.tmp",
        ] {
            fs::write(d.join(name), "x").unwrap();
        }
        let removed = remove_stale_temp_files(d);
        if !Path::new("/proc/self").exists() {
            assert!(removed.is_empty());
            return;
        }
        assert_eq!(removed, [d.join(draft), d.join(dead)]);
        let mut left: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [mine.as_str(), ".s.ron.x.tmp", "notiz.tmp", "s.ron"]);
    }
}
