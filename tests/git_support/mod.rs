//! A concept repository under git for tests: a bare origin and clones of it,
//! with git run as a clerk would run it, cut off from the machine's own git
//! configuration.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_stellwand");

/// A temporary folder with `origin.git` and the clones made of it.
pub struct Team {
    pub root: tempfile::TempDir,
}

impl Team {
    /// An origin holding `files` (path in the repository, content), committed.
    pub fn new(files: &[(&str, &[u8])]) -> Team {
        let root = tempfile::tempdir().unwrap();
        let team = Team { root };
        ok(&git(
            team.root.path(),
            &["init", "-q", "--bare", "-b", "main", "origin.git"],
        ));
        let seed = team.clone_as("seed");
        for (path, bytes) in files {
            let p = seed.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        commit_all(&seed, "Sitzung angelegt");
        ok(&git(&seed, &["push", "-q", "origin", "main"]));
        team
    }

    /// A fresh clone of the origin in the folder `name`.
    pub fn clone_as(&self, name: &str) -> PathBuf {
        ok(&git(self.root.path(), &["clone", "-q", "origin.git", name]));
        self.root.path().join(name)
    }
}

/// Runs git in `dir` with a fixed identity and no system or user config.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Sachbearbeiterin")
        .env("GIT_AUTHOR_EMAIL", "sb@example.org")
        .env("GIT_COMMITTER_NAME", "Sachbearbeiterin")
        .env("GIT_COMMITTER_EMAIL", "sb@example.org")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .output()
        .expect("run git")
}

/// Runs stellwand in `dir`.
pub fn stellwand(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .output()
        .expect("run stellwand")
}

/// Fails the test with the output unless the command succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed ({:?}):\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn commit_all(dir: &Path, message: &str) {
    ok(&git(dir, &["add", "-A"]));
    ok(&git(dir, &["commit", "-q", "-m", message]));
}

/// `git pull` with a merge (not a rebase); its output.
pub fn pull(dir: &Path) -> Output {
    git(dir, &["pull", "--no-rebase", "--no-edit", "origin", "main"])
}

/// Files git lists as unmerged after a merge.
pub fn unmerged(dir: &Path) -> Vec<String> {
    let out = git(dir, &["diff", "--name-only", "--diff-filter=U"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}
