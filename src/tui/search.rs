//! The search screen: search as you type over every card of the open
//! session (the core's fuzzy search), best first, with the matched letters;
//! Enter jumps to the card.

use super::action::Action;
use super::app::{App, Mode, Severity};
use super::editor::Editor;
use super::i18n::Msg;

pub use super::state::search::{Cards, Hit, MAX_HITS, Search};

/// `/`: opens the search.
pub fn open(app: &mut App) {
    if let Some(doc) = app.doc.as_ref() {
        app.mode = Mode::Search(Search {
            query: Editor::default(),
            hits: Vec::new(),
            selected: 0,
            cards: Cards::new(&doc.session),
        });
    }
}

/// Keys on the search screen.
pub fn search_action(app: &mut App, mut search: Search, action: Action) {
    let typed = super::tags::type_query(&mut search.query, &action);
    if typed {
        search.hits = search.cards.find(search.query.text(), MAX_HITS);
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
    use crate::tui::tags::tests::{act, app, type_text, type_then};
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
        act(&mut app, &[Action::Down, Action::Search]);
        type_then(&mut app, "sport", Action::Cancel);
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
        type_then(&mut app, "wohnraum", Action::Commit);
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(doc.filter, None);
        assert_eq!(doc.card().unwrap().text, "Wohnraum");
    }

    #[test]
    fn hits_know_their_board_and_column() {
        let (_dir, app) = app();
        let cards = Cards::new(&app.doc.as_ref().unwrap().session);
        let hits = cards.find("sport", 10);
        assert_eq!(hits[0].text, "Sportverein");
        assert_eq!((hits[0].board, hits[0].column), (0, 1));
        assert!(cards.find("   ", 10).is_empty());
        assert_eq!(cards.find("e", 2).len(), 2);
        // Narrowing and widening the query again gives the same hits.
        let before = cards.find("kita", 10);
        cards.find("kitap", 10);
        assert_eq!(cards.find("kita", 10), before);
    }
}
