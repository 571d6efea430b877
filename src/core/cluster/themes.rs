//! Rules for confirmed themes: the clerk's decisions as [`Edit::SetThemes`]
//! edits (so undo works), and the themes file shared by several sessions.
//!
//! A theme refers to its cards by id (`k12`) inside its own session, or as
//! `session/card` in the themes file of a sessions folder. A card the clerk
//! removed from a theme goes to its `rejected` list and is never suggested
//! into it again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Cluster, ClusterCard};
use crate::core::edit::Edit;
use crate::core::error::FileError;
use crate::core::model::{FORMAT_VERSION, Theme};
use crate::core::store::write_atomic;

/// Name of the themes file in a sessions folder.
pub const THEMES_FILE: &str = "themes.ron";

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ThemeError {
    #[error("no theme with id {0}")]
    NoTheme(String),
    #[error("card {card} is not in theme {theme}")]
    NotInTheme { theme: String, card: String },
}

/// How a card is referred to from a theme: its id inside `home`, else
/// `session/card`.
pub fn card_ref(card: &ClusterCard, home: Option<&str>) -> String {
    if home == Some(card.session.as_str()) {
        card.id.clone()
    } else {
        card.qualified()
    }
}

fn find(themes: &[Theme], id: &str) -> Result<usize, ThemeError> {
    themes
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| ThemeError::NoTheme(id.to_string()))
}

/// Accepts a suggestion: a new confirmed theme with id `new_id` (from
/// `Session::fresh_id("t")`), or, for a suggestion into an existing theme,
/// that theme with the suggested cards added.
pub fn accept(
    themes: &[Theme],
    suggestion: &Cluster,
    cards: &[ClusterCard],
    home: Option<&str>,
    new_id: &str,
) -> Edit {
    let mut out = themes.to_vec();
    let refs: Vec<String> = suggestion
        .members
        .iter()
        .map(|m| card_ref(&cards[m.card], home))
        .collect();
    if let Some(i) = suggestion
        .theme
        .as_deref()
        .and_then(|id| out.iter().position(|t| t.id == id))
    {
        let t = &mut out[i];
        for r in refs {
            if !t.cards.contains(&r) && !t.rejected.contains(&r) {
                t.cards.push(r);
            }
        }
        t.confirmed = true;
    } else {
        out.push(Theme {
            id: new_id.to_string(),
            label: suggestion.label.clone(),
            tag: None,
            cards: refs,
            rejected: Vec::new(),
            confirmed: true,
        });
    }
    Edit::SetThemes(out)
}

/// Rejects the new cards suggested into an existing theme: they are never
/// suggested into it again. A suggestion of a new cluster is simply
/// dismissed (nothing to store): `None`.
pub fn reject(
    themes: &[Theme],
    suggestion: &Cluster,
    cards: &[ClusterCard],
    home: Option<&str>,
) -> Option<Edit> {
    let id = suggestion.theme.as_deref()?;
    let i = themes.iter().position(|t| t.id == id)?;
    let mut out = themes.to_vec();
    for m in suggestion.members.iter().filter(|m| m.new) {
        let r = card_ref(&cards[m.card], home);
        if !out[i].rejected.contains(&r) {
            out[i].rejected.push(r);
        }
    }
    Some(Edit::SetThemes(out))
}

/// Takes a card out of a theme; it is never suggested into it again.
pub fn remove_card(themes: &[Theme], theme: &str, card: &str) -> Result<Edit, ThemeError> {
    let i = find(themes, theme)?;
    let mut out = themes.to_vec();
    let pos =
        out[i]
            .cards
            .iter()
            .position(|c| c == card)
            .ok_or_else(|| ThemeError::NotInTheme {
                theme: theme.to_string(),
                card: card.to_string(),
            })?;
    out[i].cards.remove(pos);
    if !out[i].rejected.iter().any(|c| c == card) {
        out[i].rejected.push(card.to_string());
    }
    Ok(Edit::SetThemes(out))
}

/// Moves a card from one theme to another (the clerk's decision: it stays
/// rejected from the first and is welcome in the second).
pub fn move_card(themes: &[Theme], from: &str, to: &str, card: &str) -> Result<Edit, ThemeError> {
    let j = find(themes, to)?;
    let Edit::SetThemes(mut out) = remove_card(themes, from, card)? else {
        unreachable!("remove_card returns SetThemes")
    };
    out[j].rejected.retain(|c| c != card);
    if !out[j].cards.iter().any(|c| c == card) {
        out[j].cards.push(card.to_string());
    }
    Ok(Edit::SetThemes(out))
}

/// Merges theme `from` into theme `into` (label and tag of `into` stay).
pub fn merge(themes: &[Theme], into: &str, from: &str) -> Result<Edit, ThemeError> {
    let i = find(themes, into)?;
    let j = find(themes, from)?;
    if i == j {
        return Ok(Edit::SetThemes(themes.to_vec()));
    }
    let mut out = themes.to_vec();
    let other = out[j].clone();
    let target = &mut out[i];
    for c in other.cards {
        if !target.cards.contains(&c) {
            target.cards.push(c);
        }
    }
    for r in other.rejected {
        if !target.cards.contains(&r) && !target.rejected.contains(&r) {
            target.rejected.push(r);
        }
    }
    target.confirmed = target.confirmed || other.confirmed;
    if target.tag.is_none() {
        target.tag = other.tag;
    }
    out.remove(j);
    Ok(Edit::SetThemes(out))
}

pub fn rename(themes: &[Theme], theme: &str, label: &str) -> Result<Edit, ThemeError> {
    let i = find(themes, theme)?;
    let mut out = themes.to_vec();
    out[i].label = label.trim().to_string();
    Ok(Edit::SetThemes(out))
}

/// Assigns a Handlungsfeld (tag key) to a theme, or clears it.
pub fn assign_tag(themes: &[Theme], theme: &str, tag: Option<&str>) -> Result<Edit, ThemeError> {
    let i = find(themes, theme)?;
    let mut out = themes.to_vec();
    out[i].tag = tag.map(str::to_string);
    Ok(Edit::SetThemes(out))
}

/// Deletes a theme (its cards become free again).
pub fn delete(themes: &[Theme], theme: &str) -> Result<Edit, ThemeError> {
    let i = find(themes, theme)?;
    let mut out = themes.to_vec();
    out.remove(i);
    Ok(Edit::SetThemes(out))
}

/// The themes file of a sessions folder: themes whose cards come from
/// several sessions (`session/card` references).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Themes", default)]
pub struct ThemesFile {
    pub version: u32,
    /// Sorted by id in the file, as in a session file.
    #[serde(serialize_with = "crate::core::model::themes_by_id")]
    pub themes: Vec<Theme>,
}

impl Default for ThemesFile {
    fn default() -> Self {
        ThemesFile {
            version: FORMAT_VERSION,
            themes: Vec::new(),
        }
    }
}

pub fn themes_path(dir: &Path) -> PathBuf {
    dir.join(THEMES_FILE)
}

/// Reads the themes file of a sessions folder; no file means no themes.
pub fn load_themes(dir: &Path) -> Result<Vec<Theme>, FileError> {
    let path = themes_path(dir);
    let text = match crate::core::files::read_regular_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(FileError::io(&path, &e)),
    };
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let file: ThemesFile = ron::from_str(&text).map_err(|e| FileError::ron(&path, &e))?;
    Ok(file.themes)
}

/// Writes the themes file atomically.
pub fn save_themes(dir: &Path, themes: &[Theme]) -> Result<(), FileError> {
    let path = themes_path(dir);
    let text = themes_to_ron(themes);
    write_atomic(&path, text.as_bytes()).map_err(|e| FileError::io(&path, &e))
}

/// The text of a themes file holding `themes`, sorted by id.
pub fn themes_to_ron(themes: &[Theme]) -> String {
    let file = ThemesFile {
        version: FORMAT_VERSION,
        themes: themes.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_string());
    let mut text = ron::ser::to_string_pretty(&file, config).expect("themes always serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cluster::tests::{card, theme_cluster};
    use crate::core::cluster::{ClusterOptions, Thesaurus, cluster};
    use crate::core::model::Session;

    fn themes_after(edit: Edit) -> Vec<Theme> {
        let mut s = Session::default();
        s.apply(edit).unwrap();
        s.themes
    }

    #[test]
    fn new_cards_join_a_confirmed_theme_but_never_a_rejected_one() {
        let home = Some("s");
        let opts = ClusterOptions {
            home_session: Some("s".into()),
            ..ClusterOptions::default()
        };
        let th = Thesaurus::builtin();
        let mut cards = vec![
            card(1, "Kita-Plätze"),
            card(2, "fehlende Kitaplätze"),
            card(3, "Sauberkeit in der Stadt"),
        ];
        let first = cluster(&cards, &opts, &th, &[]);
        let kita = first
            .clusters
            .iter()
            .find(|c| c.len() == 2)
            .expect("kita pair")
            .clone();
        let themes = themes_after(accept(&[], &kita, &cards, home, "t1"));
        assert_eq!(themes[0].cards, vec!["k1", "k2"]);

        cards.push(card(4, "Ausbau Kitaplätze"));
        cards.push(card(5, "mehr Kitaplätze bitte"));
        let again = cluster(&cards, &opts, &th, &themes);
        let t = theme_cluster(&again, "t1");
        let new: Vec<usize> = t.members.iter().filter(|m| m.new).map(|m| m.card).collect();
        assert_eq!(new, vec![3, 4]);
        assert_eq!(t.label, themes[0].label);

        // The clerk takes card k4 out; a rerun never suggests it back.
        let themes = themes_after(accept(&themes, t, &cards, home, "t9"));
        let themes = themes_after(remove_card(&themes, "t1", "k4").unwrap());
        let third = cluster(&cards, &opts, &th, &themes);
        let t = theme_cluster(&third, "t1");
        assert!(t.members.iter().all(|m| m.card != 3));
        assert!(t.members.iter().any(|m| m.card == 4));
    }

    #[test]
    fn theme_edits_undo() {
        let mut s = Session {
            themes: vec![
                Theme {
                    id: "t1".into(),
                    label: "Kita".into(),
                    cards: vec!["k1".into(), "k2".into()],
                    confirmed: true,
                    ..Theme::default()
                },
                Theme {
                    id: "t2".into(),
                    label: "Müll".into(),
                    cards: vec!["k3".into()],
                    confirmed: true,
                    ..Theme::default()
                },
            ],
            ..Session::default()
        };
        let before = s.themes.clone();
        let mut h = crate::core::edit::History::default();
        let e = move_card(&s.themes, "t1", "t2", "k2").unwrap();
        h.apply(&mut s, e).unwrap();
        assert_eq!(s.themes[1].cards, vec!["k3", "k2"]);
        assert_eq!(s.themes[0].rejected, vec!["k2"]);
        let e = merge(&s.themes, "t1", "t2").unwrap();
        h.apply(&mut s, e).unwrap();
        assert_eq!(s.themes.len(), 1);
        let e = rename(&s.themes, "t1", "Betreuung").unwrap();
        h.apply(&mut s, e).unwrap();
        let e = assign_tag(&s.themes, "t1", Some("fruehe-bildung")).unwrap();
        h.apply(&mut s, e).unwrap();
        assert_eq!(s.themes[0].tag.as_deref(), Some("fruehe-bildung"));
        while h.undo(&mut s).unwrap() {}
        assert_eq!(s.themes, before);
        assert!(rename(&before, "t7", "x").is_err());
    }

    #[test]
    fn themes_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_themes(dir.path()).unwrap().is_empty());
        let themes = vec![Theme {
            id: "t1".into(),
            label: "Kita-Plätze".into(),
            cards: vec!["mitte/k1".into(), "nord/k7".into()],
            rejected: vec!["mitte/k9".into()],
            confirmed: true,
            ..Theme::default()
        }];
        save_themes(dir.path(), &themes).unwrap();
        let text = std::fs::read_to_string(themes_path(dir.path())).unwrap();
        assert!(text.trim_start().starts_with("Themes("), "{text}");
        assert_eq!(load_themes(dir.path()).unwrap(), themes);
        std::fs::write(themes_path(dir.path()), "Themes(themes: [oops").unwrap();
        let err = load_themes(dir.path()).unwrap_err();
        assert!(
            err.render(crate::core::error::Lang::De)
                .contains("themes.ron:1:")
        );
    }
}
