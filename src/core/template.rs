//! Board templates and tag sets: built-in copies of `templates/*.ron`, with
//! the files of a `templates/` folder added over them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::FileError;
use super::model::{Board, Column, Session, Tag, slug};

/// The section of a concept chapter that a column's cards feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    IstAnalyse,
    Leitziele,
    Teilziele,
    Massnahmen,
    Akteure,
    BestPractice,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::IstAnalyse,
        Section::Leitziele,
        Section::Teilziele,
        Section::Massnahmen,
        Section::Akteure,
        Section::BestPractice,
    ];

    /// The heading used in the concept (German, as in the Rostock concept).
    pub fn heading(self) -> &'static str {
        match self {
            Section::IstAnalyse => "Ist-Analyse",
            Section::Leitziele => "Leitziele",
            Section::Teilziele => "Teilziele",
            Section::Massnahmen => "Maßnahmen",
            Section::Akteure => "Akteure",
            Section::BestPractice => "Best Practice",
        }
    }
}

/// A column of a board template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnTemplate {
    pub key: String,
    pub heading: String,
    /// Other ways the heading is written on walls, for forgiving matching.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the column's cards go in the concept.
    #[serde(default)]
    pub section: Option<Section>,
}

/// A field of a card besides its text, as the card editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardField {
    /// The person named on the card (Initiator*in).
    Person,
    /// The card's number, or reference numbers written on it.
    Number,
    /// Dot votes stuck on it.
    Votes,
    /// Further people named on it (Interessent*innen).
    Interested,
}

/// The layout of one kind of wall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardTemplate {
    pub key: String,
    pub name: String,
    /// The title a new board of this template starts with.
    #[serde(default)]
    pub board_title: String,
    pub columns: Vec<ColumnTemplate>,
    /// The card fields the editor offers on new cards of this kind of wall
    /// (all of them when a card is edited).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub card_fields: Vec<CardField>,
    /// The column whose first card names the board (a working group's topic):
    /// the board's title follows it while it is not set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_column: Option<String>,
}

impl BoardTemplate {
    /// A new, empty board following this template.
    pub fn new_board(&self, id: String, title: &str) -> Board {
        Board {
            id,
            title: if title.is_empty() {
                self.board_title.clone()
            } else {
                title.to_string()
            },
            template: self.key.clone(),
            photos: Vec::new(),
            view: Default::default(),
            columns: self
                .columns
                .iter()
                .map(|c| Column {
                    key: c.key.clone(),
                    heading: c.heading.clone(),
                    cards: Vec::new(),
                })
                .collect(),
        }
    }

    pub fn column(&self, key: &str) -> Option<&ColumnTemplate> {
        self.columns.iter().find(|c| c.key == key)
    }
}

impl Session {
    /// A new session holding one empty board of `template`, with the tags of
    /// `tag_set` when one is given; its id is the slug of date and title.
    pub fn from_template(
        template: &BoardTemplate,
        title: &str,
        date: &str,
        place: &str,
        tag_set: Option<&TagSet>,
    ) -> Session {
        let mut session = Session {
            id: slug(&format!("{date} {title}")),
            title: title.to_string(),
            date: date.to_string(),
            place: place.to_string(),
            ..Session::default()
        };
        let id = session.fresh_id("b");
        session.boards.push(template.new_board(id, ""));
        if let Some(set) = tag_set {
            session.tag_sets.push(set.key.clone());
            session.tags = set.tags.clone();
        }
        session
    }
}

/// A city's set of fields of action (Handlungsfelder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagSet {
    pub key: String,
    pub name: String,
    pub tags: Vec<Tag>,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "district-exchange.ron",
        include_str!("../../templates/district-exchange.ron"),
    ),
    (
        "theme-collection.ron",
        include_str!("../../templates/theme-collection.ron"),
    ),
    (
        "working-group.ron",
        include_str!("../../templates/working-group.ron"),
    ),
    (
        "theme-wall.ron",
        include_str!("../../templates/theme-wall.ron"),
    ),
    (
        "tags-rostock-2020.ron",
        include_str!("../../templates/tags-rostock-2020.ron"),
    ),
    (
        "tags-dessau-rosslau.ron",
        include_str!("../../templates/tags-dessau-rosslau.ron"),
    ),
    (
        "tags-rostock-2019.ron",
        include_str!("../../templates/tags-rostock-2019.ron"),
    ),
];

/// What a file in `templates/` holds, told by its leading name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    BoardTemplate,
    TagSet,
    /// Another kind of file (a thesaurus, say), read elsewhere.
    Other,
}

/// The first identifier of a RON text, skipping comments and blanks.
pub fn leading_name(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

pub fn kind_of(text: &str) -> TemplateKind {
    match leading_name(text) {
        "BoardTemplate" => TemplateKind::BoardTemplate,
        "TagSet" => TemplateKind::TagSet,
        _ => TemplateKind::Other,
    }
}

/// All known board templates and tag sets.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    pub boards: Vec<BoardTemplate>,
    pub tag_sets: Vec<TagSet>,
    /// Files in the folder that could not be read; the built-ins stand in.
    pub problems: Vec<FileError>,
}

impl Templates {
    /// Only the templates compiled into the program.
    pub fn builtin() -> Self {
        let mut t = Templates::default();
        for (name, text) in BUILTIN {
            t.add_text(Path::new(name), text)
                .expect("built-in templates are valid");
        }
        t
    }

    /// The built-ins, with the RON files of `dir` added over them (a file with
    /// the key of a built-in replaces it). A missing folder is not an error.
    pub fn load(dir: &Path) -> Self {
        let mut t = Templates::builtin();
        let Some(paths) = super::files::ron_files(dir) else {
            return t;
        };
        for path in paths {
            match super::files::read_regular_to_string(&path) {
                Ok(text) => {
                    if let Err(e) = t.add_text(&path, &text) {
                        t.problems.push(e);
                    }
                }
                Err(e) => t.problems.push(FileError::io(&path, &e)),
            }
        }
        t
    }

    fn add_text(&mut self, path: &Path, text: &str) -> Result<(), FileError> {
        match kind_of(text) {
            TemplateKind::BoardTemplate => {
                let b: BoardTemplate = ron::from_str(text).map_err(|e| FileError::ron(path, &e))?;
                self.boards.retain(|x| x.key != b.key);
                self.boards.push(b);
            }
            TemplateKind::TagSet => {
                let s: TagSet = ron::from_str(text).map_err(|e| FileError::ron(path, &e))?;
                self.tag_sets.retain(|x| x.key != s.key);
                self.tag_sets.push(s);
            }
            TemplateKind::Other => {}
        }
        Ok(())
    }

    pub fn board(&self, key: &str) -> Option<&BoardTemplate> {
        self.boards.iter().find(|b| b.key == key)
    }

    pub fn tag_set(&self, key: &str) -> Option<&TagSet> {
        self.tag_sets.iter().find(|b| b.key == key)
    }

    /// The board template, or an error listing the known ones.
    pub fn require_board(&self, key: &str) -> Result<&BoardTemplate, UnknownTemplate> {
        self.board(key).ok_or_else(|| UnknownTemplate {
            name: key.to_string(),
            known: self.boards.iter().map(|b| b.key.clone()).collect(),
        })
    }

    /// The section a column of a board template feeds, if any.
    pub fn section(&self, template: &str, column: &str) -> Option<Section> {
        self.board(template)?.column(column)?.section
    }
}

/// A template name that is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTemplate {
    pub name: String,
    pub known: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_hold_the_four_board_templates_and_three_tag_sets() {
        let t = Templates::builtin();
        for key in [
            "district-exchange",
            "theme-collection",
            "working-group",
            "theme-wall",
        ] {
            assert!(t.board(key).is_some(), "{key}");
        }
        let d = t.board("district-exchange").unwrap();
        let keys: Vec<_> = d.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["good", "needs", "matters"]);
        let w = t.board("working-group").unwrap();
        let keys: Vec<_> = w.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "topic",
                "challenge",
                "affected",
                "outcome",
                "ideas",
                "next_steps",
                "owner",
                "participants"
            ]
        );
        assert_eq!(t.tag_set("rostock-2020").unwrap().tags.len(), 7);
        assert_eq!(t.tag_set("dessau-rosslau").unwrap().tags.len(), 6);
        assert_eq!(t.tag_set("rostock-2019").unwrap().tags.len(), 6);
        assert_eq!(
            t.section("district-exchange", "good"),
            Some(Section::BestPractice)
        );
        assert_eq!(t.section("working-group", "owner"), Some(Section::Akteure));
    }

    #[test]
    fn a_user_template_is_added_and_a_broken_one_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "feedback.ron",
                "BoardTemplate(key: \"feedback\", name: \"Feedback\", columns: [(key: \"plus\", heading: \"Plus\")])",
            ),
            (
                "broken.ron",
                "TagSet(\n  key: \"x\",\n  tags: [(key: 1)],\n)",
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let t = Templates::load(dir.path());
        assert!(t.board("feedback").is_some());
        assert!(t.board("district-exchange").is_some());
        assert_eq!(t.problems.len(), 1);
        let msg = t.problems[0].render(super::super::error::Lang::En);
        assert!(msg.contains("broken.ron:3:"), "{msg}");
    }

    #[test]
    fn headings_are_the_sheets_own_words() {
        // The protocol's lines, joined where a heading runs over several.
        let protocol =
            include_str!("../../tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt")
                .replace("...", "…")
                .replace('\n', " ");
        let t = Templates::builtin();
        for key in ["working-group", "district-exchange"] {
            for c in &t.board(key).unwrap().columns {
                assert!(
                    protocol.contains(&c.heading),
                    "{key}/{}: „{}“ is not on the sheet",
                    c.key,
                    c.heading
                );
            }
        }
        let owner = t.board("working-group").unwrap().column("owner").unwrap();
        assert!(owner.heading.contains("Wer hat den Hut auf"));
    }

    #[test]
    fn unknown_template_lists_the_known_ones() {
        let t = Templates::builtin();
        let err = t.require_board("district").unwrap_err();
        let msg = err.message(super::super::error::Lang::De);
        assert!(
            msg.contains("district-exchange") && msg.contains("theme-wall"),
            "{msg}"
        );
    }
}
