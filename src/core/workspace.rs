//! Several session files read together, as `cluster` and `export` do: the
//! themes file they share and how their themes refer to each other's cards.
//!
//! The one rule for the shared themes file: the themes file named among the
//! files, else the one next to the first session file when several session
//! files are read together. A single session file stands alone.

use std::path::{Path, PathBuf};

use super::cluster::themes::{THEMES_FILE, load_themes};
use super::error::FileError;
use super::model::{Refusal, Session, Theme, slug};
use super::store;

/// Session files read together, with the themes they share.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The sessions read, with their files, in the order given.
    pub sessions: Vec<(PathBuf, Session)>,
    /// The folder of the shared themes file, when one applies.
    pub themes_dir: Option<PathBuf>,
    /// The shared themes; their cards are referred to as `session/card`.
    pub shared: Vec<Theme>,
}

fn is_themes_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == THEMES_FILE)
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).to_path_buf()
}

impl Workspace {
    /// Reads the files. Every file that cannot be read is one problem, in
    /// the order given, the shared themes file last; what could be read is
    /// kept.
    pub fn load(files: &[PathBuf]) -> (Workspace, Vec<FileError>) {
        let mut problems = Vec::new();
        let mut sessions = Vec::new();
        let session_files: Vec<&PathBuf> = files.iter().filter(|f| !is_themes_file(f)).collect();
        for file in &session_files {
            match store::load(file) {
                Ok(l) => sessions.push(((*file).clone(), l.session)),
                Err(e) => problems.push(e),
            }
        }
        let themes_dir = match files.iter().find(|f| is_themes_file(f)) {
            Some(f) => Some(folder_of(f)),
            None if session_files.len() > 1 => Some(folder_of(session_files[0])),
            None => None,
        };
        let shared = match &themes_dir {
            Some(dir) => load_themes(dir).unwrap_or_else(|e| {
                problems.push(e);
                Vec::new()
            }),
            None => Vec::new(),
        };
        let workspace = Workspace {
            sessions,
            themes_dir,
            shared,
        };
        (workspace, problems)
    }

    /// The id of the workspace in export markers: the slug of the themes
    /// folder's name, `sitzungen` when there is none.
    pub fn id(&self) -> String {
        self.themes_dir
            .as_ref()
            .and_then(|d| std::fs::canonicalize(d).ok())
            .and_then(|d| d.file_name().map(|n| slug(&n.to_string_lossy())))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "sitzungen".to_string())
    }

    /// The sessions alone, in the order given.
    pub fn session_list(&self) -> Vec<Session> {
        self.sessions.iter().map(|(_, s)| s.clone()).collect()
    }

    /// Every theme that applies: those of each session, with their card
    /// references made unique across sessions (`session/card`), then the
    /// shared ones.
    pub fn all_themes(&self) -> Vec<Theme> {
        let mut themes: Vec<Theme> = self
            .sessions
            .iter()
            .flat_map(|(_, s)| qualified_themes(s))
            .collect();
        themes.extend(self.shared.iter().cloned());
        themes
    }

    /// Every refused suggestion of the sessions, with card references
    /// written `session/card`.
    pub fn all_refused(&self) -> Vec<Refusal> {
        self.sessions
            .iter()
            .flat_map(|(_, s)| {
                s.refused.iter().map(move |r| Refusal {
                    cards: r.cards.iter().map(|c| qualify(s, c)).collect(),
                })
            })
            .collect()
    }

    /// The folder whose learned words apply: that of the shared themes
    /// file, else that of the first session file (a single session uses
    /// what was learned in its folder too).
    pub fn learned_dir(&self) -> Option<PathBuf> {
        self.themes_dir
            .clone()
            .or_else(|| self.sessions.first().map(|(p, _)| folder_of(p)))
    }
}

fn qualify(session: &Session, r: &str) -> String {
    if r.contains('/') {
        r.to_string()
    } else {
        format!("{}/{r}", session.id)
    }
}

/// The themes of a session with every card reference written
/// `session/card`, as the themes of several sessions must be.
pub fn qualified_themes(session: &Session) -> Vec<Theme> {
    let qualify = |r: &String| {
        if r.contains('/') {
            r.clone()
        } else {
            format!("{}/{r}", session.id)
        }
    };
    session
        .themes
        .iter()
        .map(|t| {
            let mut t = t.clone();
            t.cards = t.cards.iter().map(qualify).collect();
            t.rejected = t.rejected.iter().map(qualify).collect();
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cluster::themes::save_themes;

    fn session(id: &str) -> Session {
        Session {
            id: id.into(),
            themes: vec![Theme {
                id: "t1".into(),
                cards: vec!["k1".into(), "andere/k2".into()],
                rejected: vec!["k3".into()],
                confirmed: true,
                ..Theme::default()
            }],
            ..Session::default()
        }
    }

    fn shared() -> Vec<Theme> {
        vec![Theme {
            id: "w1".into(),
            cards: vec!["mitte/k1".into()],
            confirmed: true,
            ..Theme::default()
        }]
    }

    #[test]
    fn own_references_are_qualified_with_the_session_id() {
        let t = qualified_themes(&session("mitte"));
        assert_eq!(t[0].cards, ["mitte/k1", "andere/k2"]);
        assert_eq!(t[0].rejected, ["mitte/k3"]);
    }

    #[test]
    fn the_shared_themes_file_applies_to_several_sessions_or_when_named() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        store::save(&a, &session("a")).unwrap();
        store::save(&b, &session("b")).unwrap();
        save_themes(dir.path(), &shared()).unwrap();
        let themes_file = dir.path().join(THEMES_FILE);

        let (one, problems) = Workspace::load(std::slice::from_ref(&a));
        assert!(problems.is_empty());
        assert!(one.themes_dir.is_none() && one.shared.is_empty());

        let (two, _) = Workspace::load(&[a.clone(), b.clone()]);
        assert_eq!(two.shared, shared());
        assert_eq!(two.all_themes().len(), 3);

        let (named, _) = Workspace::load(&[a.clone(), themes_file]);
        assert_eq!(named.sessions.len(), 1, "the themes file is no session");
        assert_eq!(named.shared, shared());
    }

    #[test]
    fn an_unreadable_file_is_a_problem_and_the_rest_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        store::save(&a, &session("a")).unwrap();
        let missing = dir.path().join("fehlt.ron");
        std::fs::write(dir.path().join(THEMES_FILE), "kaputt(").unwrap();
        let (w, problems) = Workspace::load(&[a, missing]);
        assert_eq!(w.sessions.len(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[1].path.ends_with(THEMES_FILE));
    }
}
