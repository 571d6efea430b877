//! Measures made from the walls: a working-group sheet becomes one measure
//! (its topic, next steps and who takes responsibility), an idea or next
//! step card becomes one of its own. The edits that add, change and remove
//! them go through [`Edit`] like every change.

use super::edit::Edit;
use super::model::{Board, Card, Measure, Session, Status, StatusChange, TagChoice};

/// Column keys whose cards can be turned into measures.
pub const MEASURE_COLUMNS: [&str; 2] = ["ideas", "next_steps"];

/// Why no measure could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureError {
    NoBoard(String),
    /// The board is not a working-group sheet.
    NotASheet(String),
    NoCard(String),
    /// The card is not in an ideas or next-steps column.
    NotAnIdea(String),
}

fn texts<'a>(board: &'a Board, key: &str) -> Vec<&'a Card> {
    board
        .column_index(key)
        .map(|i| board.columns[i].cards.iter().collect())
        .unwrap_or_default()
}

fn one_line(card: &Card) -> String {
    super::export::escape::fold(&card.text)
}

/// Actor and partners from the owner column ("Wer hat den Hut auf"): the
/// first card names the responsible actor; further names on it after `+` or
/// `//`, and further cards, are partners.
pub fn actor_and_partners(owner: &[&Card]) -> (String, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    for (i, card) in owner.iter().enumerate() {
        let text = one_line(card);
        if i == 0 {
            names.extend(
                text.split(" // ")
                    .flat_map(|p| p.split(" + "))
                    .map(|p| p.trim().trim_start_matches('+').trim().to_string()),
            );
        } else {
            names.push(text);
        }
    }
    names.retain(|n| !n.is_empty());
    let mut it = names.into_iter();
    let actor = it.next().unwrap_or_default();
    (actor, it.collect())
}

/// A measure `id` titled `title`, planned on `date`.
fn planned(id: String, title: String, date: &str) -> Measure {
    Measure {
        id,
        title,
        status: Status::Planned,
        history: vec![StatusChange {
            date: date.to_string(),
            status: Status::Planned,
        }],
        ..Measure::default()
    }
}

/// A working-group sheet as one measure: its topic as the title, its next
/// steps, the actor and partners from who takes responsibility, the
/// Handlungsfeld its cards share; planned on `date`; linked to the cards of
/// topic, ideas, next steps and owner.
pub fn from_sheet(
    session: &Session,
    board: &str,
    id: String,
    date: &str,
) -> Result<Measure, MeasureError> {
    let Some(b) = session.boards.iter().find(|b| b.id == board) else {
        return Err(MeasureError::NoBoard(board.to_string()));
    };
    if b.template != "working-group" {
        return Err(MeasureError::NotASheet(b.title.clone()));
    }
    let topic = texts(b, "topic");
    let ideas = texts(b, "ideas");
    let steps = texts(b, "next_steps");
    let owner = texts(b, "owner");
    let title = topic
        .iter()
        .map(|c| one_line(c))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| super::export::escape::fold(&b.title));
    // Steps as one text: "; " between them, a space after a step that
    // already ends a sentence.
    let mut next_step = String::new();
    for t in steps.iter().map(|c| one_line(c)).filter(|t| !t.is_empty()) {
        if !next_step.is_empty() {
            next_step.push_str(if next_step.ends_with(['.', '!', '?', ';', ':']) {
                " "
            } else {
                "; "
            });
        }
        next_step.push_str(&t);
    }
    let (actor, partners) = actor_and_partners(&owner);
    let all = b.columns.iter().flat_map(|c| &c.cards);
    let tag = TagChoice::of(None, all).key().map(str::to_string);
    let cards = [topic, ideas, steps, owner].concat();
    Ok(Measure {
        tag,
        actor,
        partners,
        next_step,
        cards: cards.iter().map(|c| c.id.clone()).collect(),
        ..planned(id, title, date)
    })
}

/// An idea or next-step card as a measure of its own: its text as the title,
/// its Handlungsfeld (or the one its sheet's cards share), on a
/// working-group sheet the sheet's actor and partners.
pub fn from_card(
    session: &Session,
    card: &str,
    id: String,
    date: &str,
) -> Result<Measure, MeasureError> {
    let p = session
        .find_card(card)
        .ok_or_else(|| MeasureError::NoCard(card.to_string()))?;
    let b = &session.boards[p.board];
    let column = &b.columns[p.column];
    let c = &column.cards[p.card];
    if !MEASURE_COLUMNS.contains(&column.key.as_str()) {
        return Err(MeasureError::NotAnIdea(one_line(c)));
    }
    let (actor, partners) = if b.template == "working-group" {
        actor_and_partners(&texts(b, "owner"))
    } else {
        (String::new(), Vec::new())
    };
    let tag = TagChoice::of(None, [c])
        .key()
        .map(str::to_string)
        .or_else(|| {
            TagChoice::of(None, b.columns.iter().flat_map(|c| &c.cards))
                .key()
                .map(str::to_string)
        });
    let mut title = one_line(c);
    if title.is_empty() {
        title = super::export::escape::fold(&b.title);
    }
    Ok(Measure {
        tag,
        actor,
        partners,
        cards: vec![c.id.clone()],
        ..planned(id, title, date)
    })
}

/// The titles of the walls a measure's cards hang on, each once, in the
/// order of its cards.
pub fn walls<'a>(session: &'a Session, m: &Measure) -> Vec<&'a str> {
    let mut titles: Vec<&str> = Vec::new();
    for id in &m.cards {
        if let Some(p) = session.find_card(id) {
            let t = session.boards[p.board].title.as_str();
            if !titles.contains(&t) {
                titles.push(t);
            }
        }
    }
    titles
}

/// The edit adding a measure at the end of the catalogue.
pub fn add(session: &Session, measure: Measure) -> Edit {
    Edit::InsertMeasure {
        index: session.measures.len(),
        measure,
    }
}

/// The edit setting a measure's status on `date` (`None`: unknown measure
/// or no change).
pub fn set_status(session: &Session, id: &str, status: Status, date: &str) -> Option<Edit> {
    let m = session.measure(id)?;
    let changed = m.with_status(status, date);
    (changed != *m).then_some(Edit::ReplaceMeasure { measure: changed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Column;

    fn card(id: &str, text: &str, tag: Option<&str>) -> Card {
        let mut c = Card::new(id, text);
        c.tags = tag.into_iter().map(String::from).collect();
        c
    }

    fn sheet() -> Session {
        let col = |key: &str, cards: Vec<Card>| Column {
            key: key.into(),
            heading: key.into(),
            cards,
        };
        let mut s = Session {
            id: "mitte".into(),
            ..Session::default()
        };
        s.boards.push(Board {
            id: "b1".into(),
            title: "Gesprächsgruppe Sprache".into(),
            template: "working-group".into(),
            photos: vec![],
            view: Default::default(),
            columns: vec![
                col(
                    "topic",
                    vec![card(
                        "k1",
                        "Sprach + Alphabetisierungskurse",
                        Some("sprache"),
                    )],
                ),
                col(
                    "ideas",
                    vec![card("k2", "Sprachcafé im Quartier", Some("sprache"))],
                ),
                col(
                    "next_steps",
                    vec![
                        card("k3", "Träger suchen", None),
                        card("k4", "Stiftung ansprechen.", None),
                        card("k9", "Kurse planen", None),
                    ],
                ),
                col(
                    "owner",
                    vec![
                        card("k5", "Stadt - Ordnungsamt // Eltern + Schule", None),
                        card("k6", "VHS", None),
                    ],
                ),
                col("participants", vec![card("k7", "A. Muster", None)]),
            ],
        });
        s.boards.push(Board {
            id: "b2".into(),
            title: "Altstadt".into(),
            template: "district-exchange".into(),
            photos: vec![],
            view: Default::default(),
            columns: vec![col("good", vec![card("k8", "Feierabendmarkt", None)])],
        });
        s
    }

    #[test]
    fn a_sheet_becomes_a_measure_with_actor_next_steps_and_field() {
        let s = sheet();
        let m = from_sheet(&s, "b1", "m1".into(), "2019-02-13").unwrap();
        assert_eq!(m.title, "Sprach + Alphabetisierungskurse");
        assert_eq!(m.actor, "Stadt - Ordnungsamt");
        assert_eq!(m.partners, ["Eltern", "Schule", "VHS"]);
        assert_eq!(
            m.next_step,
            "Träger suchen; Stiftung ansprechen. Kurse planen"
        );
        assert_eq!(m.tag.as_deref(), Some("sprache"));
        assert_eq!(m.status, Status::Planned);
        assert_eq!(m.since(), Some("2019-02-13"));
        assert_eq!(m.cards, ["k1", "k2", "k3", "k4", "k9", "k5", "k6"]);
        assert_eq!(
            from_sheet(&s, "b2", "m2".into(), "2019-02-13"),
            Err(MeasureError::NotASheet("Altstadt".into()))
        );
    }

    #[test]
    fn an_idea_card_becomes_a_measure_of_its_own() {
        let s = sheet();
        let m = from_card(&s, "k2", "m1".into(), "2019-02-13").unwrap();
        assert_eq!(m.title, "Sprachcafé im Quartier");
        assert_eq!(m.actor, "Stadt - Ordnungsamt");
        assert_eq!(m.tag.as_deref(), Some("sprache"));
        assert_eq!(m.cards, ["k2"]);
        // Next steps take the sheet's field when they have none.
        let m = from_card(&s, "k3", "m2".into(), "2019-02-13").unwrap();
        assert_eq!(m.tag.as_deref(), Some("sprache"));
        assert!(matches!(
            from_card(&s, "k8", "m3".into(), "2019-02-13"),
            Err(MeasureError::NotAnIdea(_))
        ));
    }

    #[test]
    fn a_status_change_is_one_edit_that_undoes() {
        let mut s = sheet();
        let m = from_sheet(&s, "b1", "m1".into(), "2019-02-13").unwrap();
        let add = add(&s, m);
        let undo_add = s.apply(add).unwrap();
        let e = set_status(&s, "m1", Status::InProgress, "2019-04-01").unwrap();
        let undo = s.apply(e).unwrap();
        assert_eq!(s.measures[0].status, Status::InProgress);
        assert_eq!(s.measures[0].since(), Some("2019-04-01"));
        assert!(set_status(&s, "m1", Status::InProgress, "2019-04-02").is_none());
        s.apply(undo).unwrap();
        assert_eq!(s.measures[0].status, Status::Planned);
        s.apply(undo_add).unwrap();
        assert!(s.measures.is_empty());
    }
}
