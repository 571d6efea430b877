//! The plain-text notation: `# title`, `Key: value`, `## board`, `### column`,
//! `- card`, indented `↳`/`→`/`->` sub-points, continuation lines.

use std::path::Path;

use super::super::error::{FileError, FileProblem};
use super::super::model::{Board, Session};
use super::super::template::{BoardTemplate, Templates};
use super::Text;
use super::card::CardLines;
use super::{
    EventField, bullet, event_field, indent_of, key_value, match_column, new_board, parse_date,
    push_note, sub_point,
};

struct Reader<'a> {
    path: &'a Path,
    templates: &'a Templates,
    default: &'a BoardTemplate,
    session: Session,
    board: Option<(Board, &'a BoardTemplate)>,
    column: Option<usize>,
    card: Option<CardLines>,
    blank: bool,
}

pub(super) fn parse(text: &Text) -> Result<Session, FileError> {
    let mut r = Reader {
        path: text.path,
        templates: text.templates,
        default: text.default,
        session: Session::default(),
        board: None,
        column: None,
        card: None,
        blank: true,
    };
    for (i, raw) in text.lines.iter().enumerate() {
        r.line(i + 1, raw)?;
    }
    r.finish_board();
    Ok(r.session)
}

impl<'a> Reader<'a> {
    fn error(&self, line: usize, column: usize, problem: FileProblem) -> FileError {
        FileError::new(self.path, line, column, problem)
    }

    fn line(&mut self, n: usize, raw: &str) -> Result<(), FileError> {
        let indent = indent_of(raw);
        let t = raw.trim();
        if t.is_empty() {
            self.blank = true;
            return Ok(());
        }
        let col = indent + 1;
        if let Some(rest) = heading(t, "###") {
            self.finish_card();
            return self.column_heading(n, col + (t.len() - rest.len()), rest);
        }
        if let Some(rest) = heading(t, "##") {
            self.finish_board();
            let title = rest.to_string();
            let b = new_board(&mut self.session, self.default, &title);
            self.board = Some((b, self.default));
            self.column = None;
            self.blank = true;
            return Ok(());
        }
        if let Some(rest) = heading(t, "#") {
            self.finish_card();
            self.session.title = rest.to_string();
            self.blank = true;
            return Ok(());
        }
        if self.board.is_none()
            && self.card.is_none()
            && bullet(t).is_none()
            && sub_point(t).is_none()
        {
            return self.event_line(n, col, t);
        }
        if self.column.is_none()
            && self.card.is_none()
            && let Some((key, value)) = key_value(t)
            && self.board_field(n, col, key, value)?
        {
            return Ok(());
        }
        self.card_line(n, indent, t)
    }

    fn event_line(&mut self, n: usize, col: usize, t: &str) -> Result<(), FileError> {
        let Some((key, value)) = key_value(t) else {
            // Text before the first board is kept as a note.
            push_note(&mut self.session, t);
            return Ok(());
        };
        match event_field(key) {
            Some(EventField::Title) => self.session.title = value.to_string(),
            Some(EventField::Date) => match parse_date(value) {
                Some(d) => self.session.date = d,
                None => {
                    let at = col + t.find(value).map_or(0, |i| t[..i].chars().count());
                    return Err(self.error(n, at, FileProblem::EventDate(value.to_string())));
                }
            },
            Some(EventField::Place) => self.session.place = value.to_string(),
            Some(EventField::Moderation) => self.session.moderation = value.to_string(),
            Some(EventField::Organiser) => self.session.organiser = value.to_string(),
            Some(EventField::Notes) => push_note(&mut self.session, value),
            None => push_note(&mut self.session, t),
        }
        Ok(())
    }

    /// `Foto: …` and `Vorlage: …` right under a board heading.
    fn board_field(
        &mut self,
        n: usize,
        col: usize,
        key: &str,
        value: &str,
    ) -> Result<bool, FileError> {
        let k = super::normalize(key);
        let templates = self.templates;
        let Some((board, template)) = self.board.as_mut() else {
            return Ok(false);
        };
        match k.as_str() {
            "foto" | "fotos" | "photo" | "photos" | "bild" => {
                board.photos.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(String::from),
                );
                Ok(true)
            }
            "vorlage" | "template" => {
                let Some(t) = templates.board(value) else {
                    let known = templates.boards.iter().map(|b| b.key.clone()).collect();
                    return Err(FileError::new(
                        self.path,
                        n,
                        col,
                        FileProblem::UnknownTemplate {
                            name: value.to_string(),
                            known,
                        },
                    ));
                };
                let fresh = t.new_board(board.id.clone(), &board.title);
                board.template = fresh.template;
                board.columns = fresh.columns;
                *template = t;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn column_heading(&mut self, n: usize, col: usize, text: &str) -> Result<(), FileError> {
        if self.board.is_none() {
            let b = new_board(&mut self.session, self.default, "");
            self.board = Some((b, self.default));
        }
        let Some((_, template)) = self.board.as_ref() else {
            return Ok(());
        };
        match match_column(template, text) {
            Some(i) => {
                self.column = Some(i);
                self.blank = true;
                Ok(())
            }
            None => {
                let columns = template
                    .columns
                    .iter()
                    .map(|c| (c.heading.clone(), c.key.clone()))
                    .collect();
                Err(self.error(
                    n,
                    col,
                    FileProblem::UnknownColumn {
                        name: text.to_string(),
                        template: template.key.clone(),
                        columns,
                    },
                ))
            }
        }
    }

    fn card_line(&mut self, n: usize, indent: usize, t: &str) -> Result<(), FileError> {
        if let Some(sub) = sub_point(t) {
            let Some(card) = self.card.as_mut() else {
                return Err(self.error(n, indent + 1, FileProblem::SubPointWithoutCard));
            };
            card.sub_point(sub);
            self.blank = false;
            return Ok(());
        }
        if let Some(text) = bullet(t) {
            if indent >= 2 && self.card.is_some() && !self.blank {
                if let Some(card) = self.card.as_mut() {
                    card.sub_point(text);
                }
            } else {
                self.start_card(text);
            }
            self.blank = false;
            return Ok(());
        }
        if let Some(card) = self.card.as_mut()
            && !self.blank
        {
            card.line(t);
            return Ok(());
        }
        self.start_card(t);
        self.blank = false;
        Ok(())
    }

    fn start_card(&mut self, text: &str) {
        self.finish_card();
        if self.board.is_none() {
            let b = new_board(&mut self.session, self.default, "");
            self.board = Some((b, self.default));
        }
        self.card = Some(CardLines::new(text));
    }

    fn finish_card(&mut self) {
        let Some(lines) = self.card.take() else {
            return;
        };
        let card = lines.into_card(self.session.fresh_id("k"));
        let column = self.column.unwrap_or(0);
        if let Some((board, _)) = self.board.as_mut()
            && let Some(c) = board.columns.get_mut(column)
        {
            c.cards.push(card);
        }
    }

    fn finish_board(&mut self) {
        self.finish_card();
        if let Some((board, _)) = self.board.take() {
            self.session.boards.push(board);
        }
        self.column = None;
    }
}

/// The text after a heading marker of exactly this level.
fn heading<'t>(t: &'t str, marker: &str) -> Option<&'t str> {
    let rest = t.strip_prefix(marker)?;
    if rest.starts_with('#') {
        return None;
    }
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}
