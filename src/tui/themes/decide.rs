//! What the review's keys decide: accepting and rejecting suggestions and
//! cards, taking a card out, moving it, merging, renaming, tagging and
//! deleting themes, and undoing those decisions.

use super::*;
use crate::core::model::Session;

/// The tags the cards of a group carry, with how many carry each, most first.
pub(super) fn card_tags(doc: &Doc, group: &Group) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for card in group
        .entries()
        .filter(|m| !m.new)
        .filter_map(|m| doc.session.card(&m.card))
    {
        for (i, k) in card.tags.iter().enumerate() {
            if card.tags[..i].contains(k) {
                continue;
            }
            match counts.iter_mut().find(|(t, _)| t == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k.clone(), 1)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The other groups, as targets of a move or merge, each theme once. Where
/// two have one name, the column of their cards says which is which.
pub(super) fn target_items(app: &App, review: &Review) -> Vec<Item> {
    let groups = &review.grouping.groups;
    let others = || {
        groups
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != review.selected)
            // A card suggested into a theme: the theme is listed itself.
            .filter(|(_, g)| g.adds.is_none())
    };
    let session = app.doc.as_ref().map(|d| &d.session);
    let column = |g: &Group| -> Option<String> {
        let s = session?;
        let p = g.entries().next().and_then(|m| s.find_card(&m.card))?;
        let heading = &s.boards[p.board].columns[p.column].heading;
        Some(crate::core::text::truncate(heading, 30))
    };
    // Counted once: a state's review lists thousands of groups.
    let mut names: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, g) in others() {
        *names.entry(g.label.as_str()).or_default() += 1;
    }
    others()
        .map(|(i, g)| {
            let kind = app.t(if g.theme.is_some() {
                Msg::ThemeConfirmed
            } else {
                Msg::ThemeSuggestion
            });
            let twice = names.get(g.label.as_str()).is_some_and(|n| *n > 1);
            let hint = match column(g).filter(|_| twice) {
                Some(c) => format!("{kind} · {c}"),
                None => kind.to_string(),
            };
            Item {
                choice: Choice::Target(i),
                label: g.label.clone(),
                key: g.len().to_string(),
                hint,
            }
        })
        .collect()
}

/// Applies new themes as one undo step and runs the clustering again.
pub(super) fn commit(
    app: &mut App,
    review: &mut Review,
    themes: Vec<Theme>,
    focus: Option<&str>,
) -> bool {
    apply(app, review, Edit::SetThemes(themes), focus)
}

/// The themes with the selected group a confirmed theme (a suggestion is
/// confirmed first), and its id.
fn selected_theme(doc: &mut Doc, review: &Review) -> Option<(Vec<Theme>, String)> {
    let mut themes = doc.session.themes.clone();
    let id = materialize(
        &mut doc.session,
        &review.grouping,
        &mut themes,
        review.selected,
    )?;
    Some((themes, id))
}

/// Applies an edit as one undo step and runs the clustering again.
fn apply(app: &mut App, review: &mut Review, edit: Edit, focus: Option<&str>) -> bool {
    if !app.apply(edit) {
        return false;
    }
    review.steps.push(Step::Edit);
    review.redo.clear();
    refresh(app, review, focus);
    true
}

/// A card suggested into a theme, added to it or kept out of it for good
/// (`change` gives the themes after), with the status line `done`.
fn decide_card(
    app: &mut App,
    review: &mut Review,
    group: &Group,
    change: fn(&[Theme], &str, &str) -> Vec<Theme>,
    done: Msg,
) {
    let (Some((theme, card)), Some(doc)) = (&group.adds, app.doc.as_ref()) else {
        return;
    };
    let themes = change(&doc.session.themes, theme, card);
    let text = card_text(doc, card);
    if commit(app, review, themes, None) {
        let text = done.fill(app.lang, &[("card", &text), ("theme", &group.label)]);
        app.set_status(Severity::Info, text);
    }
}

pub(super) fn accept(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    if group.adds.is_some() {
        return decide_card(app, review, &group, add_card, Msg::CardAdded);
    }
    if group.theme.is_some() && group.new_cards() == 0 {
        return app.info(Msg::AlreadyConfirmed);
    }
    let Some(doc) = app.doc.as_mut() else { return };
    let Some((mut themes, id)) = selected_theme(doc, review) else {
        return;
    };
    // A confirmed theme takes in its suggested new cards.
    if group.theme.is_some()
        && let Some(cluster) = group
            .cluster
            .and_then(|c| review.grouping.clustering.clusters.get(c))
    {
        let home = doc.session.id.clone();
        if let Edit::SetThemes(t) =
            rules::accept(&themes, cluster, &review.grouping.cards, Some(&home), &id)
        {
            themes = t;
        }
    }
    let n = themes
        .iter()
        .find(|t| t.id == id)
        .map_or(0, |t| t.cards.len());
    // The next suggestion moves up into this place.
    let focus = group.theme.as_deref();
    if commit(app, review, themes, focus) {
        let text = Msg::ThemeAccepted.fill(app.lang, &[("theme", &group.label), ("n", &n)]);
        app.set_status(Severity::Info, text);
    }
}

pub(super) fn reject(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    if group.adds.is_some() {
        // Kept out of the theme for good.
        return decide_card(app, review, &group, take_out, Msg::CardRefused);
    }
    match &group.theme {
        None => {
            let Some(cluster) = group
                .cluster
                .and_then(|c| review.grouping.clustering.clusters.get(c))
            else {
                return;
            };
            let Some(doc) = app.doc.as_ref() else { return };
            let refused = refuse(&doc.session.refused, cluster, &review.grouping.cards);
            if apply(app, review, Edit::SetRefused(refused), None) {
                let text = Msg::SuggestionDismissed.fill(app.lang, &[("theme", &group.label)]);
                app.set_status(Severity::Info, text);
            }
        }
        Some(id) => {
            let cluster = group
                .cluster
                .and_then(|c| review.grouping.clustering.clusters.get(c));
            let Some(cluster) = cluster.filter(|_| group.new_cards() > 0) else {
                return app.info(Msg::NothingToReject);
            };
            let Some(doc) = app.doc.as_ref() else { return };
            let home = doc.session.id.clone();
            let Some(Edit::SetThemes(themes)) = rules::reject(
                &doc.session.themes,
                cluster,
                &review.grouping.cards,
                Some(&home),
            ) else {
                return;
            };
            let id = id.clone();
            if commit(app, review, themes, Some(&id)) {
                let text = Msg::NewCardsRejected.fill(
                    app.lang,
                    &[("n", &group.new_cards()), ("theme", &group.label)],
                );
                app.set_status(Severity::Info, text);
            }
        }
    }
}

pub(super) fn remove_card(app: &mut App, review: &mut Review) {
    let (Some(group), Some(entry)) = (review.group().cloned(), review.entry().cloned()) else {
        return app.warn(Msg::NoCard);
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let Some((themes, id)) = selected_theme(doc, review) else {
        return;
    };
    let themes = take_out(&themes, &id, &entry.card);
    let text = card_text(doc, &entry.card);
    if commit(app, review, themes, Some(&id)) {
        let msg = if group.theme.is_some() {
            Msg::CardRemoved
        } else {
            Msg::CardRemovedConfirmed
        };
        let text = msg.fill(app.lang, &[("card", &text), ("theme", &group.label)]);
        app.set_status(Severity::Info, text);
    }
}

pub(super) fn card_text(doc: &Doc, id: &str) -> String {
    doc.session.card(id).map_or_else(
        || id.to_string(),
        |c| crate::core::text::truncate(&c.text, 40),
    )
}

pub(super) fn delete(app: &mut App, review: &mut Review) {
    let Some(group) = review.group().cloned() else {
        return app.warn(Msg::NoThemeSelected);
    };
    let Some(id) = group.theme else {
        return app.info(Msg::DeleteOnlyThemes);
    };
    let Some(doc) = app.doc.as_ref() else { return };
    let Ok(Edit::SetThemes(themes)) = rules::delete(&doc.session.themes, &id) else {
        return;
    };
    if commit(app, review, themes, None) {
        let text = Msg::ThemeDeleted.fill(app.lang, &[("theme", &group.label)]);
        app.set_status(Severity::Info, text);
    }
}

pub(super) fn rename(app: &mut App, review: &mut Review, name: &str) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some((themes, id)) = selected_theme(doc, review) else {
        return;
    };
    let Ok(Edit::SetThemes(themes)) = rules::rename(&themes, &id, name) else {
        return;
    };
    if commit(app, review, themes, Some(&id)) {
        let text = Msg::ThemeRenamed.fill(app.lang, &[("theme", &name)]);
        app.set_status(Severity::Info, text);
    }
}

/// A choice made in the review's picker.
pub(super) fn chosen(
    app: &mut App,
    review: &mut Review,
    purpose: Purpose,
    choice: Choice,
    name: &str,
) {
    match (purpose, choice) {
        (Purpose::ThemeTag, Choice::TagSet(key)) => {
            tags::add_tag_set(app, &key);
            review.steps.push(Step::Edit);
            review.redo.clear();
            if let Some(doc) = app.doc.as_ref() {
                let on_cards = review.group().map_or_else(Vec::new, |g| card_tags(doc, g));
                let items = tags::theme_tag_items(app, &doc.session, &on_cards);
                review.picker = Some(Picker::new(Purpose::ThemeTag, items));
            }
        }
        (Purpose::ThemeTag, choice) => {
            let Some(doc) = app.doc.as_mut() else { return };
            let Some((themes, id)) = selected_theme(doc, review) else {
                return;
            };
            let (tag, first) = match choice {
                Choice::Tag(k) => (Some(k), None),
                Choice::NewTag if !name.is_empty() => {
                    let (tag, edit) = tags::new_tag(&doc.session, name);
                    (Some(tag.key), Some(edit))
                }
                _ => (None, None),
            };
            let Ok(Edit::SetThemes(themes)) = rules::assign_tag(&themes, &id, tag.as_deref())
            else {
                return;
            };
            let edit = match first {
                Some(e) => Edit::Batch(vec![e, Edit::SetThemes(themes)]),
                None => Edit::SetThemes(themes),
            };
            if apply(app, review, edit, Some(&id)) {
                let label = match (&tag, app.doc.as_ref()) {
                    (Some(k), Some(d)) => d.session.tag(k).map_or(k.clone(), |t| t.name.clone()),
                    _ => app.t(Msg::NoTagChoice).to_string(),
                };
                let text = Msg::ThemeTagged.fill(app.lang, &[("tag", &label)]);
                app.set_status(Severity::Info, text);
            }
        }
        (Purpose::MoveTo, Choice::Target(to)) => move_card(app, review, to),
        (Purpose::MergeWith, Choice::Target(other)) => merge(app, review, other),
        _ => {}
    }
}

/// The session's themes with the selected group and group `other` as
/// themes (a suggestion confirmed first), and both their ids.
fn materialize_pair(
    session: &mut Session,
    review: &Review,
    other: usize,
) -> Option<(Vec<Theme>, String, String)> {
    let mut themes = session.themes.clone();
    let selected = materialize(session, &review.grouping, &mut themes, review.selected)?;
    let other = materialize(session, &review.grouping, &mut themes, other)?;
    Some((themes, selected, other))
}

pub(super) fn move_card(app: &mut App, review: &mut Review, to: usize) {
    let (Some(entry), Some(target)) = (
        review.entry().cloned(),
        review.grouping.groups.get(to).cloned(),
    ) else {
        return;
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let Some((themes, from, to_id)) = materialize_pair(&mut doc.session, review, to) else {
        return;
    };
    let themes = move_into(&themes, &from, &to_id, &entry.card);
    let text = card_text(doc, &entry.card);
    if commit(app, review, themes, Some(&from)) {
        let text = Msg::CardMoved.fill(app.lang, &[("card", &text), ("theme", &target.label)]);
        app.set_status(Severity::Info, text);
    }
}

pub(super) fn merge(app: &mut App, review: &mut Review, other: usize) {
    let Some(target) = review.grouping.groups.get(other).cloned() else {
        return;
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let Some((themes, into, from)) = materialize_pair(&mut doc.session, review, other) else {
        return;
    };
    let Ok(Edit::SetThemes(themes)) = rules::merge(&themes, &into, &from) else {
        return;
    };
    if commit(app, review, themes, Some(&into)) {
        let text = Msg::ThemesMerged.fill(app.lang, &[("theme", &target.label)]);
        app.set_status(Severity::Info, text);
    }
}

/// Undo and redo in the review: every decision is an edit in the history.
pub(super) fn review_undo(app: &mut App, review: &mut Review, undo: bool) {
    let step = if undo {
        review.steps.pop()
    } else {
        review.redo.pop()
    };
    app.undo_redo(undo);
    if let Some(step) = step {
        if undo {
            review.redo.push(step);
        } else {
            review.steps.push(step);
        }
    }
    refresh(app, review, None);
}
