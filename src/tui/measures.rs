//! The list of measures (`M` on the board): a measure is made from the
//! working-group sheet or the idea card under the board's cursor, edited in
//! a form, and given its status with one key. Every change is one edit
//! through the history, so `u` takes it back.

use crate::core::date::today;
use crate::core::edit::Edit;
use crate::core::measures::{self, MeasureError};
use crate::core::model::{Measure, Status};

use super::action::Action;
use super::app::{App, Field, FieldKind, Form, FormPurpose, Mode, Severity};
use super::i18n::Msg;
pub use super::state::measures::MeasureList;

/// `M`: opens the list.
pub fn open(app: &mut App) {
    if app.doc.is_some() {
        app.mode = Mode::Measures(MeasureList::default());
    }
}

fn selected(app: &App, list: &MeasureList) -> Option<Measure> {
    app.doc
        .as_ref()?
        .session
        .measures
        .get(list.selected)
        .cloned()
}

/// Keys in the list.
pub fn list_action(app: &mut App, mut list: MeasureList, action: Action) {
    match action {
        Action::Cancel | Action::Measures => return,
        Action::Help => app.help = Some(0),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Down => list.selected += 1,
        Action::Home => list.selected = 0,
        Action::End => list.selected = usize::MAX,
        Action::MeasureFromSheet | Action::MeasureFromCard => {
            if let Some(i) = create(app, action == Action::MeasureFromSheet) {
                list.selected = i;
            }
        }
        Action::NextStatus => {
            if let Some(m) = selected(app, &list) {
                set_status(app, &m, m.status.next());
            }
        }
        Action::SetStatus(n) => {
            if let (Some(m), Some(s)) = (
                selected(app, &list),
                Status::ALL.get(usize::from(n).wrapping_sub(1)),
            ) {
                set_status(app, &m, *s);
            }
        }
        Action::EditCard | Action::Commit => {
            if let Some(m) = selected(app, &list) {
                app.mode = Mode::Form(form(app, &m, list.selected));
                return;
            }
        }
        Action::DeleteCard => {
            if let Some(m) = selected(app, &list)
                && app.apply(Edit::RemoveMeasure {
                    measure: m.id.clone(),
                })
            {
                let text = Msg::MeasureDeleted.fill(app.lang, &[("measure", &m.title)]);
                app.set_status(Severity::Info, text);
            }
        }
        Action::Undo | Action::Redo => app.undo_redo(action == Action::Undo),
        _ => {}
    }
    let n = app.doc.as_ref().map_or(0, |d| d.session.measures.len());
    list.selected = list.selected.min(n.saturating_sub(1));
    app.mode = Mode::Measures(list);
}

/// Makes a measure from the sheet (or the card) under the board's cursor;
/// returns its place in the list.
fn create(app: &mut App, from_sheet: bool) -> Option<usize> {
    if !app.writable() {
        return None;
    }
    let doc = app.doc.as_mut()?;
    let id = doc.session.fresh_id("m");
    let made = if from_sheet {
        let board = doc.board().map(|b| b.id.clone()).unwrap_or_default();
        measures::from_sheet(&doc.session, &board, id, &today())
    } else {
        match doc.card().map(|c| c.id.clone()) {
            Some(card) => measures::from_card(&doc.session, &card, id, &today()),
            None => Err(MeasureError::NoCard(String::new())),
        }
    };
    let m = match made {
        Ok(m) => m,
        Err(e) => {
            let text = match e {
                MeasureError::NoCard(_) => app.t(Msg::NoCard).to_string(),
                e => e.message(app.lang),
            };
            app.set_status(Severity::Warning, text);
            return None;
        }
    };
    // The same cards make the same measure: not twice.
    if let Some(old) = doc
        .session
        .measures
        .iter()
        .position(|o| !o.cards.is_empty() && o.cards == m.cards)
    {
        let text =
            Msg::MeasureExists.fill(app.lang, &[("measure", &doc.session.measures[old].title)]);
        app.set_status(Severity::Warning, text);
        return Some(old);
    }
    let edit = measures::add(&doc.session, m.clone());
    let at = doc.session.measures.len();
    if app.apply(edit) {
        let text = Msg::MeasureCreated.fill(app.lang, &[("measure", &m.title)]);
        app.set_status(Severity::Info, text);
        Some(at)
    } else {
        None
    }
}

fn set_status(app: &mut App, m: &Measure, status: Status) {
    let date = today();
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(edit) = measures::set_status(&doc.session, &m.id, status, &date) else {
        return;
    };
    if app.apply(edit) {
        let text = Msg::MeasureStatusSet.fill(
            app.lang,
            &[
                ("status", &status.label(app.lang)),
                ("date", &date),
                ("measure", &m.title),
            ],
        );
        app.set_status(Severity::Info, text);
    }
}

/// The form of a measure's fields.
fn form(app: &App, m: &Measure, selected: usize) -> Form {
    let mut options = vec![(String::new(), app.t(Msg::NoFieldChoice).to_string())];
    let mut index = 0;
    if let Some(doc) = app.doc.as_ref() {
        for t in &doc.session.tags {
            if m.tag.as_deref() == Some(t.key.as_str()) {
                index = options.len();
            }
            options.push((t.key.clone(), t.name.clone()));
        }
    }
    // A field the session no longer lists stays choosable.
    if let Some(k) = m.tag.as_ref().filter(|_| index == 0) {
        index = options.len();
        options.push((k.clone(), k.clone()));
    }
    Form {
        purpose: FormPurpose::Measure {
            id: m.id.clone(),
            selected,
        },
        title: Msg::FormMeasure,
        fields: vec![
            Field::text(Msg::FieldTitle, &m.title),
            Field {
                label: Msg::FieldField,
                kind: FieldKind::Choice { options, index },
            },
            Field::text(Msg::FieldActor, &m.actor),
            Field::text(Msg::FieldPartners, &m.partners.join(", ")),
            Field::text(Msg::FieldNextStep, &m.next_step),
            Field::text(Msg::FieldIndicator, m.indicator.as_deref().unwrap_or("")),
            Field::text(Msg::FieldTarget, m.target.as_deref().unwrap_or("")),
        ],
        focus: 0,
    }
}

/// Enter in a measure's form: the changes as one edit, back to the list.
pub fn confirm_form(app: &mut App, form: &Form, id: &str, selected: usize) -> bool {
    let Some(old) = app
        .doc
        .as_ref()
        .and_then(|d| d.session.measure(id))
        .cloned()
    else {
        return true;
    };
    let v = |i: usize| form.fields[i].value();
    let optional = |s: String| (!s.is_empty()).then_some(s);
    let title = v(0);
    let m = Measure {
        title: if title.is_empty() {
            old.title.clone()
        } else {
            title
        },
        tag: optional(v(1)),
        actor: v(2),
        partners: v(3)
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        next_step: v(4),
        indicator: optional(v(5)),
        target: optional(v(6)),
        ..old.clone()
    };
    if m != old && app.apply(Edit::ReplaceMeasure { measure: m.clone() }) {
        let text = Msg::MeasureChanged.fill(app.lang, &[("measure", &m.title)]);
        app.set_status(Severity::Info, text);
    }
    app.mode = Mode::Measures(MeasureList { selected });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;
    use crate::core::model::{Card, Session};
    use crate::core::store;
    use crate::core::template::Templates;
    use crate::tui::tags::tests::{act, assert_warning};
    use crate::tui::update::update;

    /// A session with one working-group sheet; the cursor on its idea card.
    fn app() -> (tempfile::TempDir, App) {
        let templates = Templates::builtin();
        let mut s = Session {
            id: "mitte".into(),
            title: "Mitte".into(),
            tags: templates.tag_set("rostock-2020").unwrap().tags.clone(),
            ..Session::default()
        };
        let mut b = templates
            .board("working-group")
            .unwrap()
            .new_board("b1".into(), "Gesprächsgruppe Sprache");
        let put = |b: &mut crate::core::model::Board, key: &str, id: &str, text: &str| {
            let i = b.column_index(key).unwrap();
            let mut c = Card::new(id, text);
            c.tags.push("sprache".into());
            b.columns[i].cards.push(c);
        };
        put(&mut b, "topic", "k1", "Sprach + Alphabetisierungskurse");
        put(&mut b, "ideas", "k2", "Sprachcafé im Quartier");
        put(&mut b, "next_steps", "k3", "Träger suchen");
        put(&mut b, "owner", "k4", "Integrationsbüro + VHS");
        s.boards.push(b);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mitte.ron");
        store::save(&file, &s).unwrap();
        let mut app = App::new(Lang::De, templates, dir.path());
        assert!(app.open(&file));
        let doc = app.doc.as_mut().unwrap();
        doc.select("k2");
        (dir, app)
    }

    fn measures(app: &App) -> Vec<Measure> {
        app.doc.as_ref().unwrap().session.measures.clone()
    }

    #[test]
    fn a_sheet_and_a_card_become_measures_whose_status_one_key_sets() {
        let (_dir, mut app) = app();
        update(&mut app, Action::Measures);
        assert!(matches!(app.mode, Mode::Measures(_)));
        update(&mut app, Action::MeasureFromSheet);
        let m = measures(&app);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].title, "Sprach + Alphabetisierungskurse");
        assert_eq!(m[0].actor, "Integrationsbüro");
        assert_eq!(m[0].partners, ["VHS"]);
        assert_eq!(m[0].tag.as_deref(), Some("sprache"));
        // Not twice from the same cards.
        update(&mut app, Action::MeasureFromSheet);
        assert_eq!(measures(&app).len(), 1);
        assert_eq!(app.status.as_ref().unwrap().severity, Severity::Warning);

        update(&mut app, Action::MeasureFromCard);
        let m = measures(&app);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].title, "Sprachcafé im Quartier");
        assert!(matches!(
            app.mode,
            Mode::Measures(MeasureList { selected: 1 })
        ));

        update(&mut app, Action::SetStatus(2));
        assert_eq!(measures(&app)[1].status, Status::InProgress);
        assert_eq!(measures(&app)[1].since(), Some(today().as_str()));
        update(&mut app, Action::NextStatus);
        assert_eq!(measures(&app)[1].status, Status::Done);
        update(&mut app, Action::Undo);
        assert_eq!(measures(&app)[1].status, Status::InProgress);
        update(&mut app, Action::Undo);
        assert_eq!(measures(&app)[1].status, Status::Planned);
        assert!(
            matches!(app.mode, Mode::Measures(_)),
            "undo stays in the list"
        );

        update(&mut app, Action::DeleteCard);
        assert_eq!(measures(&app).len(), 1);
        update(&mut app, Action::Undo);
        assert_eq!(measures(&app).len(), 2);
        update(&mut app, Action::Cancel);
        assert!(matches!(app.mode, Mode::Normal));
    }

    #[test]
    fn a_card_outside_ideas_and_next_steps_is_refused_with_a_reason() {
        let (_dir, mut app) = app();
        app.doc.as_mut().unwrap().select("k4");
        act(&mut app, &[Action::Measures, Action::MeasureFromCard]);
        assert!(measures(&app).is_empty());
        assert_warning(&app, "Lösungsideen");
    }

    #[test]
    fn the_form_changes_a_measure_in_one_step_and_returns_to_the_list() {
        let (_dir, mut app) = app();
        act(
            &mut app,
            &[Action::Measures, Action::MeasureFromSheet, Action::Commit],
        );
        assert!(matches!(app.mode, Mode::Form(_)));
        // Actor: clear and type; partners; indicator; field: next choice.
        for _ in 0..2 {
            update(&mut app, Action::CommitNext);
        }
        update(&mut app, Action::ClearLine);
        for c in "Referat Zuwanderung".chars() {
            update(&mut app, Action::Input(c));
        }
        act(&mut app, &[Action::CommitNext, Action::ClearLine]);
        for c in "VHS, Jobcenter".chars() {
            update(&mut app, Action::Input(c));
        }
        act(&mut app, &[Action::CommitNext, Action::CommitNext]);
        for c in "Teilnehmende je Kurs".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Commit);
        assert!(matches!(app.mode, Mode::Measures(_)));
        let m = &measures(&app)[0];
        assert_eq!(m.actor, "Referat Zuwanderung");
        assert_eq!(m.partners, ["VHS", "Jobcenter"]);
        assert_eq!(m.indicator.as_deref(), Some("Teilnehmende je Kurs"));
        assert_eq!(m.tag.as_deref(), Some("sprache"), "the field kept");
        update(&mut app, Action::Undo);
        assert_eq!(measures(&app)[0].actor, "Integrationsbüro");
        // Esc in the form: back to the list, nothing changed.
        act(
            &mut app,
            &[Action::Commit, Action::Input('x'), Action::Cancel],
        );
        assert!(matches!(app.mode, Mode::Measures(_)));
        assert_eq!(measures(&app)[0].title, "Sprach + Alphabetisierungskurse");
    }
}
