//! Search as you type over every card of the open session: fuzzy matches,
//! best first, with the matched letters; Enter jumps to the card.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::core::model::Session;

use super::action::Action;
use super::app::{App, Mode, Severity};
use super::editor::Editor;
use super::i18n::Msg;

/// Most hits listed; more only make the list longer, not better.
pub const MAX_HITS: usize = 200;

/// One card that matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub card: String,
    pub board: usize,
    pub column: usize,
    /// Text and sub-points, as matched.
    pub text: String,
    /// Char positions of the matched letters in `text`.
    pub indices: Vec<usize>,
}

/// The search screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: Editor,
    pub hits: Vec<Hit>,
    /// How many cards matched in all (more than shown when many match).
    pub matched: usize,
    pub selected: usize,
}

/// The cards matching `query`, best first (ties in board order), at most
/// `limit`; and how many matched in all.
pub fn find(session: &Session, query: &str, limit: usize) -> (Vec<Hit>, usize) {
    let q = query.trim();
    if q.is_empty() {
        return (Vec::new(), 0);
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    // (score, order, board, column, card id, text)
    let mut scored: Vec<(i64, usize, usize, usize, &str, String)> = Vec::new();
    let mut order = 0;
    for (b, board) in session.boards.iter().enumerate() {
        for (c, column) in board.columns.iter().enumerate() {
            for card in &column.cards {
                let text = card.full_text();
                if let Some(score) = matcher.fuzzy_match(&text, q) {
                    scored.push((score, order, b, c, &card.id, text));
                }
                order += 1;
            }
        }
    }
    let matched = scored.len();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    // Matched letters only for the hits listed: the costly part.
    let hits = scored
        .into_iter()
        .map(|(_, _, board, column, id, text)| {
            let indices = matcher
                .fuzzy_indices(&text, q)
                .map(|(_, i)| i)
                .unwrap_or_default();
            Hit {
                card: id.to_string(),
                board,
                column,
                text,
                indices,
            }
        })
        .collect();
    (hits, matched)
}

/// `/`: opens the search.
pub fn open(app: &mut App) {
    if app.doc.is_some() {
        app.mode = Mode::Search(Search {
            query: Editor::default(),
            hits: Vec::new(),
            matched: 0,
            selected: 0,
        });
    }
}

/// Keys on the search screen.
pub fn search_action(app: &mut App, mut search: Search, action: Action) {
    let mut typed = true;
    match &action {
        Action::Input(c) => search.query.insert_char(*c),
        Action::Paste(s) => search.query.insert_str(&s.replace(['\n', '\r'], " ")),
        Action::Backspace => search.query.backspace(),
        Action::DeleteWord => search.query.delete_word(),
        Action::ClearLine => search.query.clear_to_line_start(),
        _ => typed = false,
    }
    if typed {
        if let Some(doc) = app.doc.as_ref() {
            let (hits, matched) = find(&doc.session, search.query.text(), MAX_HITS);
            search.hits = hits;
            search.matched = matched;
        }
        search.selected = 0;
        app.mode = Mode::Search(search);
        return;
    }
    match action {
        Action::Up => search.selected = search.selected.saturating_sub(1),
        Action::Down if search.selected + 1 < search.hits.len() => search.selected += 1,
        Action::NextBoard => {
            search.selected = (search.selected + 10).min(search.hits.len().saturating_sub(1))
        }
        Action::PrevBoard => search.selected = search.selected.saturating_sub(10),
        Action::Help => app.help = Some(0),
        Action::Cancel => return,
        Action::Commit => {
            if let Some(hit) = search.hits.get(search.selected) {
                return jump(app, &hit.card);
            }
        }
        _ => {}
    }
    app.mode = Mode::Search(search);
}

/// Shows a card on its board; a filter that hides it is switched off.
pub fn jump(app: &mut App, card: &str) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    doc.select(card);
    let hidden = doc
        .card()
        .zip(doc.filter.as_ref())
        .is_some_and(|(c, f)| !f.matches(c));
    if hidden {
        doc.filter = None;
        app.set_status(Severity::Info, Msg::FilterOff.text(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Screen;
    use crate::tui::tags::tests::{app, type_text};
    use crate::tui::update::update;

    #[test]
    fn typing_finds_cards_despite_typos_and_enter_jumps_to_the_card() {
        let (_dir, mut app) = app();
        update(&mut app, Action::Search);
        type_text(&mut app, "stdtfst");
        let Mode::Search(s) = &app.mode else {
            panic!("search screen")
        };
        assert_eq!(s.hits.len(), 1);
        assert_eq!(s.hits[0].text, "Stadtteilfest");
        // The matched letters: S, t, d, t, f, s, t.
        let marked: String = s.hits[0]
            .indices
            .iter()
            .map(|&i| s.hits[0].text.chars().nth(i).unwrap())
            .collect();
        assert_eq!(marked.to_lowercase(), "stdtfst");
        update(&mut app, Action::Commit);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(app.screen, Screen::Board);
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.card().unwrap().text, "Stadtteilfest");
        assert_eq!((doc.cursor.column, doc.cursor.card), (1, 1));
    }

    #[test]
    fn esc_returns_to_where_the_cursor_was() {
        let (_dir, mut app) = app();
        update(&mut app, Action::Down);
        update(&mut app, Action::Search);
        type_text(&mut app, "sport");
        update(&mut app, Action::Cancel);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(
            app.doc.as_ref().unwrap().card().unwrap().text,
            "Sprachkurse"
        );
    }

    #[test]
    fn a_jump_to_a_card_hidden_by_the_filter_turns_the_filter_off() {
        let (_dir, mut app) = app();
        app.doc.as_mut().unwrap().filter = Some(crate::tui::tags::TagFilter::Tag("x".into()));
        update(&mut app, Action::Search);
        type_text(&mut app, "wohnraum");
        update(&mut app, Action::Commit);
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.filter, None);
        assert_eq!(doc.card().unwrap().text, "Wohnraum");
    }

    #[test]
    fn best_matches_come_first() {
        let (_dir, app) = app();
        let s = &app.doc.as_ref().unwrap().session;
        let (hits, matched) = find(s, "sport", 10);
        assert_eq!(matched, hits.len());
        assert_eq!(hits[0].text, "Sportverein");
        assert!(find(s, "   ", 10).0.is_empty());
        let (hits, matched) = find(s, "e", 2);
        assert_eq!(hits.len(), 2);
        assert!(matched > 2);
    }
}
