//! The cards of a protocol board: paragraphs, bullets and sub-points, and
//! the numbered cards of a Themensammlung.

use super::super::{
    PersonLine, bullet, continues, indent_of, is_heading_part, join_line, lone_number, make_card,
    new_board, normalize, person_line, split_people, sub_point,
};
use super::{BoardSource, Line, TOPIC, heading_of};
use crate::core::model::{Board, Card, Session};
use crate::core::template::BoardTemplate;

/// One card as read: main text and sub-points.
struct Unit {
    text: String,
    subs: Vec<String>,
    /// The text ended with a colon: plain lines after it are its sub-points.
    colon: bool,
}

impl Unit {
    fn new(text: &str) -> Self {
        Unit {
            text: text.to_string(),
            subs: Vec::new(),
            colon: text.ends_with(':'),
        }
    }
}

/// Splits lines (with blank lines) into paragraphs.
fn paragraphs<'a>(lines: &[Line<'a>]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for (_, l) in lines {
        if l.trim().is_empty() {
            if out.last().is_some_and(|p| !p.is_empty()) {
                out.push(Vec::new());
            }
        } else if let Some(p) = out.last_mut() {
            p.push(l);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Whether blank lines separate the cards of a section: several paragraphs,
/// and most of the unbulleted ones read as wrapped text.
fn paragraph_mode(pars: &[Vec<&str>]) -> bool {
    if pars.len() < 2 {
        return false;
    }
    let (mut counted, mut wrapped) = (0, 0);
    for p in pars {
        if p.len() < 2 || p.iter().any(|l| bullet(l).is_some()) {
            continue;
        }
        let (mut total, mut cont) = (0, 0);
        let mut prev = p[0].trim();
        for l in &p[1..] {
            if let Some(s) = sub_point(l) {
                prev = s;
                continue;
            }
            total += 1;
            if continues(prev, l.trim()) {
                cont += 1;
            }
            prev = l.trim();
        }
        if total > 0 {
            counted += 1;
            if cont * 2 >= total {
                wrapped += 1;
            }
        }
    }
    counted > 0 && wrapped * 2 >= counted
}

/// Indented bullets are sub-points, unless one of them has sub-points of its
/// own: then they are cards (sub-points do not nest).
fn indented_bullets_are_cards(par: &[&str]) -> bool {
    par.windows(2).any(|w| {
        indent_of(w[0]) > 0
            && bullet(w[0]).is_some()
            && sub_point(w[0]).is_none()
            && sub_point(w[1]).is_some()
    })
}

/// The cards of one column section.
fn units(lines: &[Line], force_paragraphs: bool) -> Vec<Unit> {
    let pars = paragraphs(lines);
    let par_mode = force_paragraphs || paragraph_mode(&pars);
    let mut out: Vec<Unit> = Vec::new();
    for par in &pars {
        let indented_cards = indented_bullets_are_cards(par);
        let mut first = true;
        let mut last_is_sub = false;
        let mut bulleted = false;
        let mut prev = String::new();
        for raw in par {
            let t = raw.trim();
            let read = if let Some(s) = sub_point(raw) {
                match out.last_mut() {
                    Some(u) => {
                        u.subs.push(s.to_string());
                        last_is_sub = true;
                    }
                    None => {
                        out.push(Unit::new(t));
                        last_is_sub = false;
                    }
                }
                s
            } else if let Some(b) = bullet(raw) {
                if indent_of(raw) > 0 && !indented_cards && !first && !out.is_empty() {
                    if let Some(u) = out.last_mut() {
                        u.subs.push(b.to_string());
                    }
                    last_is_sub = true;
                } else {
                    out.push(Unit::new(b));
                    bulleted = true;
                    last_is_sub = false;
                }
                b
            } else {
                // A plain line: a sub-point of a card ending in a colon, more
                // of the card (or its last sub-point), or a card of its own.
                let joined = match out.last_mut().filter(|_| !first) {
                    Some(u) if u.colon && !par_mode && !bulleted => {
                        u.subs.push(t.to_string());
                        last_is_sub = true;
                        true
                    }
                    Some(u)
                        if par_mode
                            || bulleted
                            || continues(&prev, t)
                            || super::super::unbalanced(&u.text) =>
                    {
                        match (last_is_sub, u.subs.last_mut()) {
                            (true, Some(s)) => join_line(s, t),
                            _ => {
                                join_line(&mut u.text, t);
                                u.colon = u.text.ends_with(':');
                            }
                        }
                        true
                    }
                    _ => false,
                };
                if !joined {
                    out.push(Unit::new(t));
                    bulleted = false;
                    last_is_sub = false;
                }
                t
            };
            prev = read.to_string();
            first = false;
        }
    }
    out
}

/// A trailing sheet number after a sentence: "… Alle machen mit. 1".
fn split_trailing_number(text: &mut String) -> Option<u32> {
    let (head, last) = text.rsplit_once(' ')?;
    let n = lone_number(last)?;
    if !head.ends_with('.') {
        return None;
    }
    *text = head.to_string();
    Some(n)
}

pub(super) fn build_board(
    session: &mut Session,
    template: &BoardTemplate,
    src: &BoardSource,
    ordinal: usize,
) -> Board {
    if template.columns.len() == 1 && src.lines.iter().any(|(_, l)| lone_number(l).is_some()) {
        let title = src
            .divider
            .clone()
            .unwrap_or_else(|| template.board_title.clone());
        let mut board = new_board(session, template, &title);
        let cards = numbered_cards(session, &src.lines);
        board.columns[0].cards = cards;
        return board;
    }
    let topic = template.columns.iter().position(|c| c.key == TOPIC);
    let mut numbers = src.numbers.clone();
    let mut title_lines: Vec<&str> = Vec::new();
    let mut sections: Vec<(usize, Vec<Line>)> = Vec::new();
    let mut just_headed = false;
    for &(n, raw) in &src.lines {
        let t = raw.trim();
        if t.is_empty() {
            if let Some((_, s)) = sections.last_mut() {
                s.push((n, raw));
            }
            continue;
        }
        if let Some((c, inline)) = heading_of(template, t) {
            if let Some((_, s)) = sections.last_mut() {
                // A short line of signs right above a heading is its icon ("360°").
                while s.last().is_some_and(|(_, l)| l.trim().is_empty()) {
                    s.pop();
                }
                if let Some(&(pn, pl)) = s.last()
                    && pn + 3 >= n
                    && pl.trim().chars().count() <= 5
                    && !pl.chars().any(char::is_alphabetic)
                {
                    s.pop();
                }
            }
            sections.push((c, Vec::new()));
            just_headed = true;
            if let Some(text) = inline
                && let Some((_, s)) = sections.last_mut()
            {
                s.push((n, text));
                just_headed = false;
            }
            continue;
        }
        if just_headed
            && let Some(&(c, _)) = sections.last()
            && is_heading_part(t, &template.columns[c])
        {
            continue;
        }
        if topic.is_some()
            && let Some(num) = lone_number(t)
        {
            numbers.push(num);
            continue;
        }
        just_headed = false;
        match sections.last_mut() {
            Some((_, s)) => s.push((n, raw)),
            None => match topic {
                Some(c) => sections.push((c, vec![(n, raw)])),
                None => title_lines.push(t),
            },
        }
    }

    let mut title = String::new();
    for l in &title_lines {
        join_line(&mut title, l);
    }
    let mut columns: Vec<Vec<Card>> = vec![Vec::new(); template.columns.len()];
    let board_id = session.fresh_id("b");
    for (c, lines) in &sections {
        if Some(*c) == topic {
            let mut us = units(lines, true).into_iter();
            let Some(mut first) = us.next() else { continue };
            for u in us {
                first.subs.push(u.text);
                first.subs.extend(u.subs);
            }
            let trailing = split_trailing_number(&mut first.text);
            let mut card = make_card(session, &first.text, first.subs);
            card.refs.extend(trailing);
            columns[*c].push(card);
        } else {
            for u in units(lines, false) {
                let card = make_card(session, &u.text, u.subs);
                columns[*c].push(card);
            }
        }
    }
    if let Some(c) = topic {
        if let Some(card) = columns[c].first_mut() {
            if title.is_empty() {
                title = card.text.clone();
            }
            for n in numbers {
                if !card.refs.contains(&n) {
                    card.refs.push(n);
                }
            }
        } else if !numbers.is_empty() {
            let text = numbers
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let mut card = make_card(session, &text, Vec::new());
            card.refs = numbers;
            columns[c].push(card);
        }
    }
    if title.is_empty() {
        title = format!("{} (ohne Titel) {ordinal}", template.board_title);
    }
    let mut board = template.new_board(board_id, &title);
    for (col, cards) in board.columns.iter_mut().zip(columns) {
        col.cards = cards;
    }
    board
}

/// Parts of a numbered topic card in the order written.
enum Piece {
    Topic(String),
    Other(String),
    Sub(String),
}

#[derive(Default)]
struct TopicCard {
    number: Option<u32>,
    pieces: Vec<Piece>,
    person: Option<String>,
    interested: Vec<String>,
    in_topic: bool,
    /// The last piece is an open paragraph that the next line continues.
    open: bool,
}

/// Cards of a Themensammlung: a number, `Thema`, the topic, `Initiator*in`,
/// `Interessent*innen`.
fn numbered_cards(session: &mut Session, lines: &[Line]) -> Vec<Card> {
    let mut cards: Vec<TopicCard> = Vec::new();
    for &(_, raw) in lines {
        let t = raw.trim();
        if t.is_empty() {
            if let Some(c) = cards.last_mut() {
                c.open = false;
            }
            continue;
        }
        if let Some(n) = lone_number(t) {
            cards.push(TopicCard {
                number: Some(n),
                ..TopicCard::default()
            });
            continue;
        }
        if cards.is_empty() {
            cards.push(TopicCard::default());
        }
        let Some(card) = cards.last_mut() else {
            continue;
        };
        let first_word = t.split([' ', ':']).next().unwrap_or("");
        if normalize(first_word) == "thema" {
            card.in_topic = true;
            card.open = false;
            let rest = t[first_word.len()..].trim_start_matches(':').trim();
            if !rest.is_empty() {
                card.pieces.push(Piece::Topic(rest.to_string()));
                card.open = true;
            }
            continue;
        }
        if let Some(p) = person_line(t) {
            match p {
                PersonLine::Initiator(name) => {
                    card.person = (!name.is_empty()).then(|| name.to_string());
                }
                PersonLine::Interested(names) => card.interested.extend(split_people(names)),
            }
            card.in_topic = false;
            card.open = false;
            continue;
        }
        if let Some(s) = sub_point(t).or_else(|| bullet(t)) {
            card.pieces.push(Piece::Sub(s.to_string()));
            card.open = true;
            continue;
        }
        if card.open
            && let Some(Piece::Topic(s) | Piece::Other(s) | Piece::Sub(s)) = card.pieces.last_mut()
        {
            join_line(s, t);
            continue;
        }
        card.pieces.push(if card.in_topic {
            Piece::Topic(t.to_string())
        } else {
            Piece::Other(t.to_string())
        });
        card.open = true;
    }
    cards
        .into_iter()
        .map(|c| {
            let main = c
                .pieces
                .iter()
                .position(|p| matches!(p, Piece::Topic(_)))
                .or_else(|| c.pieces.iter().position(|p| matches!(p, Piece::Other(_))));
            let mut text = String::new();
            let mut subs = Vec::new();
            for (i, p) in c.pieces.into_iter().enumerate() {
                let (Piece::Topic(s) | Piece::Other(s) | Piece::Sub(s)) = p;
                if Some(i) == main {
                    text = s;
                } else {
                    subs.push(s);
                }
            }
            let mut card = make_card(session, &text, subs);
            if let Some(n) = c.number
                && !card.refs.contains(&n)
            {
                card.refs.insert(0, n);
            }
            card.person = c.person;
            card.interested = c.interested;
            card
        })
        .collect()
}
