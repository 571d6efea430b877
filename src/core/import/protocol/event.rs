//! The event data of a protocol: title, date, place, moderation, organiser.

use std::path::Path;

use super::super::{EventField, event_field, key_value, normalize, parse_date, push_note};
use super::{DOCUMENT_WORDS, Line};
use crate::core::model::Session;

/// Title, date, place, moderation and organiser from the pages before the first board.
pub(super) fn event_data(session: &mut Session, preamble: &[Line]) {
    let texts: Vec<String> = preamble
        .iter()
        .map(|(_, l)| l.replace("**", "").trim().to_string())
        .collect();
    let mut subtitle_done = false;
    let mut i = 0;
    while i < texts.len() {
        let t = texts[i].as_str();
        i += 1;
        if t.is_empty() {
            continue;
        }
        if let Some((key, value)) = key_value(t)
            && let Some(field) = event_field(key)
        {
            let mut value = value.to_string();
            if value.is_empty() {
                // The value is on the next line ("Moderation:" / "Axel Jürgens").
                while i < texts.len() && texts[i].is_empty() {
                    i += 1;
                }
                if i < texts.len() {
                    value = texts[i].clone();
                    i += 1;
                }
            }
            let slot = match field {
                EventField::Title => &mut session.title,
                EventField::Date => {
                    if session.date.is_empty()
                        && let Some(d) = parse_date(&value)
                    {
                        session.date = d;
                    }
                    continue;
                }
                EventField::Place => &mut session.place,
                EventField::Moderation => &mut session.moderation,
                EventField::Organiser => &mut session.organiser,
                EventField::Notes => {
                    push_note(session, &value);
                    continue;
                }
            };
            if slot.is_empty() {
                *slot = value;
            }
            continue;
        }
        if let Some(d) = parse_date(t) {
            if session.date.is_empty() {
                session.date = d;
            }
            continue;
        }
        if DOCUMENT_WORDS.contains(&normalize(t).as_str()) {
            continue;
        }
        if session.title.is_empty() {
            session.title = t.to_string();
        } else if !subtitle_done && t != session.title {
            push_note(session, t);
            subtitle_done = true;
        }
    }
}

/// The place from a file name like `gelsenkirchen-mitte-2019-….txt`, when
/// the text names it too (written as in the text).
pub(super) fn place_from_file_name(path: &Path, lines: &[&str]) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let word = stem.split(['-', '_', ' ', '.']).next()?.to_lowercase();
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    for l in lines {
        for w in l.split(|c: char| !c.is_alphanumeric()) {
            if w.to_lowercase() == word && w.chars().next().is_some_and(char::is_uppercase) {
                return Some(w.to_string());
            }
        }
    }
    None
}
