//! Tagging: the fuzzy picker (tags, tag sets, new tags, filter and theme
//! choices), keys 1–9, tagging a card, column or board in one undo step, and
//! the tag filter of the board view.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::core::edit::Edit;
use crate::core::error::Lang;
use crate::core::model::{Card, Session, Tag, slug};

use super::action::Action;
use super::app::{App, Cursor, Doc, Mode, Severity};
use super::editor::Editor;
use super::i18n::Msg;
pub use super::state::picker::{Choice, Item, Picker, Purpose, Scope, Shown, TagFilter};

impl Scope {
    fn next(self) -> Scope {
        match self {
            Scope::Card => Scope::Column,
            Scope::Column => Scope::Board,
            Scope::Board => Scope::Card,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Scope::Card => Msg::ScopeCard,
            Scope::Column => Msg::ScopeColumn,
            Scope::Board => Msg::ScopeBoard,
        }
    }
}

impl TagFilter {
    pub fn matches(&self, card: &Card) -> bool {
        match self {
            TagFilter::Tag(key) => card.has_tag(key),
            TagFilter::Untagged => card.tags.is_empty(),
        }
    }
}

/// Whether a card is shown under an optional filter.
pub fn shown(filter: Option<&TagFilter>, card: &Card) -> bool {
    filter.is_none_or(|f| f.matches(card))
}

/// The key that picks the `i`th item: 1 to 9 for the first nine.
pub fn number_key(i: usize) -> String {
    if i < 9 {
        (i + 1).to_string()
    } else {
        String::new()
    }
}

/// Keys that change a one-line query (typing, pasting, deleting); true
/// when one did.
pub fn type_query(query: &mut Editor, action: &Action) -> bool {
    match action {
        Action::Input(c) => query.insert_char(*c),
        Action::Paste(s) => query.insert_str(&s.replace(['\n', '\r'], " ")),
        Action::Backspace => query.backspace(),
        Action::DeleteWord => query.delete_word(),
        Action::ClearLine => query.clear_to_line_start(),
        _ => return false,
    }
    true
}

/// What a key did in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    Chosen(Choice),
}

impl Picker {
    pub fn new(purpose: Purpose, items: Vec<Item>) -> Self {
        let mut p = Picker {
            purpose,
            query: Editor::default(),
            items,
            shown: Vec::new(),
            selected: 0,
            scope: Scope::Card,
        };
        p.refilter();
        p
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// Whether typing a name that is not in the list offers a new tag.
    fn creates(&self) -> bool {
        matches!(self.purpose, Purpose::Tag | Purpose::ThemeTag)
    }

    /// Narrows and orders the items by the typed text.
    pub fn refilter(&mut self) {
        let q = self.query.text().trim().to_string();
        self.shown.clear();
        if q.is_empty() {
            self.shown = (0..self.items.len())
                .map(|i| Shown {
                    item: Some(i),
                    indices: Vec::new(),
                })
                .collect();
        } else {
            let matcher = SkimMatcherV2::default().ignore_case();
            let mut hits: Vec<(i64, usize, Vec<usize>)> = self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, it)| {
                    matcher
                        .fuzzy_indices(&it.label, &q)
                        .map(|(score, idx)| (score, i, idx))
                })
                .collect();
            hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.shown = hits
                .into_iter()
                .map(|(_, i, indices)| Shown {
                    item: Some(i),
                    indices,
                })
                .collect();
            let exact = self.items.iter().any(|it| {
                matches!(it.choice, Choice::Tag(_)) && it.label.to_lowercase() == q.to_lowercase()
            });
            if self.creates() && !exact {
                self.shown.push(Shown {
                    item: None,
                    indices: Vec::new(),
                });
            }
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn choice(&self, shown: &Shown) -> Choice {
        shown
            .item
            .map_or(Choice::NewTag, |i| self.items[i].choice.clone())
    }

    /// Handles a key; text keys narrow the list.
    pub fn step(&mut self, action: Action) -> Outcome {
        if type_query(&mut self.query, &action) {
            self.selected = 0;
            self.refilter();
            return Outcome::Stay;
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down if self.selected + 1 < self.shown.len() => self.selected += 1,
            Action::CommitNext if self.purpose == Purpose::Tag => {
                self.scope = self.scope.next();
            }
            Action::Cancel => return Outcome::Close,
            Action::Commit => {
                return match self.shown.get(self.selected) {
                    Some(s) => Outcome::Chosen(self.choice(s)),
                    None => Outcome::Stay,
                };
            }
            _ => {}
        }
        Outcome::Stay
    }
}

/// A short label of a tag as shown on cards: its key 1–9 and a short name.
pub fn short_label(tags: &[Tag], key: &str) -> String {
    match tags.iter().position(|t| t.key == key) {
        Some(i) => {
            let short = short_name(&tags[i]);
            if i < 9 {
                format!("#{} {short}", i + 1)
            } else {
                format!("#{short}")
            }
        }
        None => format!("#{key}"),
    }
}

/// The first part of the tag's key, at most ten letters.
fn short_name(tag: &Tag) -> String {
    let first = tag.key.split('-').next().unwrap_or(&tag.key);
    let base = if first.is_empty() { &tag.name } else { first };
    base.chars().take(10).collect()
}

/// The picker items for tagging: the session's tags, then the tag sets of
/// the templates not used yet.
fn tag_items(app: &App, session: &Session, card: Option<&Card>) -> Vec<Item> {
    let mut items: Vec<Item> = session
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| Item {
            choice: Choice::Tag(t.key.clone()),
            label: t.name.clone(),
            key: number_key(i),
            hint: if card.is_some_and(|c| c.has_tag(&t.key)) {
                "✓".into()
            } else {
                String::new()
            },
        })
        .collect();
    items.extend(set_items(app, session));
    items
}

fn set_items(app: &App, session: &Session) -> Vec<Item> {
    app.templates
        .tag_sets
        .iter()
        .filter(|s| !session.tag_sets.contains(&s.key))
        .map(|s| Item {
            choice: Choice::TagSet(s.key.clone()),
            // The set's own name is what typing matches, the same in every
            // language; what choosing it does is said beside it.
            label: s.name.clone(),
            key: "+".into(),
            hint: Msg::UseTagSet.fill(
                app.lang,
                &[(
                    "set",
                    &Msg::count(app.lang, s.tags.len(), Msg::TagOne, Msg::TagMany),
                )],
            ),
        })
        .collect()
}

/// The items for choosing a Handlungsfeld for a theme.
/// The tags the theme's cards carry are named with their counts and listed
/// first, most first: the candidates when the cards disagree.
pub fn theme_tag_items(app: &App, session: &Session, on_cards: &[(String, usize)]) -> Vec<Item> {
    let mut items = vec![Item {
        choice: Choice::NoTag,
        label: app.t(Msg::NoTagChoice).to_string(),
        key: String::new(),
        hint: String::new(),
    }];
    let mut tags = tag_items(app, session, None);
    for it in tags.iter_mut() {
        if let Choice::Tag(k) = &it.choice
            && let Some((_, n)) = on_cards.iter().find(|(t, _)| t == k)
        {
            it.hint = Msg::TagOnCards.fill(app.lang, &[("n", n)]);
        }
    }
    let rank = |it: &Item| match &it.choice {
        Choice::Tag(k) => on_cards
            .iter()
            .position(|(t, _)| t == k)
            .unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    // Stable: the others keep their order (and their keys 1–9).
    tags.sort_by_key(rank);
    items.splice(
        0..0,
        tags.drain(
            ..on_cards
                .iter()
                .filter(|(k, _)| session.tag(k).is_some())
                .count(),
        ),
    );
    items.extend(tags);
    items
}

/// `t`: opens the tag picker for the selected card.
pub fn open_picker(app: &mut App) {
    let Some(doc) = app.doc.as_ref() else { return };
    if doc.read_only {
        return app.warn(Msg::ReadOnly);
    }
    let items = tag_items(app, &doc.session, doc.card());
    let empty = doc.session.tags.is_empty();
    app.mode = Mode::Picker(Picker::new(Purpose::Tag, items));
    if empty {
        app.info(Msg::ChooseTagSet);
    }
}

/// `F`: opens the filter picker.
pub fn open_filter(app: &mut App) {
    let Some(doc) = app.doc.as_ref() else { return };
    let mut items = vec![
        Item {
            choice: Choice::AllCards,
            label: app.t(Msg::FilterAll).to_string(),
            key: String::new(),
            hint: String::new(),
        },
        Item {
            choice: Choice::Untagged,
            label: app.t(Msg::FilterUntagged).to_string(),
            key: String::new(),
            hint: String::new(),
        },
    ];
    items.extend(doc.session.tags.iter().enumerate().map(|(i, t)| Item {
        choice: Choice::Tag(t.key.clone()),
        label: t.name.clone(),
        key: number_key(i),
        hint: String::new(),
    }));
    app.mode = Mode::Picker(Picker::new(Purpose::Filter, items));
}

/// A key for an open picker of the board: help opens over it, and it stays
/// open until something is chosen or it is closed. The picker and the
/// choice, when one was made.
pub fn step_picker(app: &mut App, mut picker: Picker, action: Action) -> Option<(Picker, Choice)> {
    if matches!(action, Action::Help) {
        app.help = Some(0);
        app.mode = Mode::Picker(picker);
        return None;
    }
    match picker.step(action) {
        Outcome::Stay => {
            app.mode = Mode::Picker(picker);
            None
        }
        Outcome::Close => None,
        Outcome::Chosen(choice) => Some((picker, choice)),
    }
}

/// Keys while the board's picker is open.
pub fn picker_action(app: &mut App, picker: Picker, action: Action) {
    let Some((picker, choice)) = step_picker(app, picker, action) else {
        return;
    };
    match picker.purpose {
        Purpose::Filter => set_filter(app, choice),
        _ => {
            let name = picker.query().trim().to_string();
            if choose_tag(app, &choice, &name, picker.scope)
                && let Some(doc) = app.doc.as_ref()
            {
                // After adding a tag set the picker stays open to pick a tag.
                let mut p = Picker::new(Purpose::Tag, tag_items(app, &doc.session, doc.card()));
                p.scope = picker.scope;
                app.mode = Mode::Picker(p);
            }
        }
    }
}

/// Carries out a choice of the tag picker; true when the picker should stay open.
fn choose_tag(app: &mut App, choice: &Choice, name: &str, scope: Scope) -> bool {
    match choice {
        Choice::Tag(key) => {
            toggle_in_scope(app, key, scope, None);
            false
        }
        Choice::NewTag => {
            if name.is_empty() {
                return true;
            }
            let Some(doc) = app.doc.as_ref() else {
                return false;
            };
            let (tag, edit) = new_tag(&doc.session, name);
            toggle_in_scope(app, &tag.key, scope, Some(edit));
            false
        }
        Choice::TagSet(key) => {
            add_tag_set(app, key);
            true
        }
        _ => false,
    }
}

/// A new tag named `name` with a key not used yet, and the edit adding it.
pub fn new_tag(session: &Session, name: &str) -> (Tag, Edit) {
    let base = match slug(name) {
        s if s.is_empty() => "handlungsfeld".to_string(),
        s => s,
    };
    let mut key = base.clone();
    let mut n = 2;
    while session.tag(&key).is_some() {
        key = format!("{base}-{n}");
        n += 1;
    }
    let tag = Tag {
        key,
        name: name.to_string(),
    };
    let mut tags = session.tags.clone();
    tags.push(tag.clone());
    let edit = Edit::SetTags {
        tag_sets: session.tag_sets.clone(),
        tags,
    };
    (tag, edit)
}

/// Adds the tags of a tag set from the templates to the session.
pub fn add_tag_set(app: &mut App, key: &str) {
    let Some(set) = app
        .templates
        .tag_sets
        .iter()
        .find(|s| s.key == key)
        .cloned()
    else {
        return;
    };
    let Some(doc) = app.doc.as_ref() else { return };
    let s = &doc.session;
    let mut tag_sets = s.tag_sets.clone();
    tag_sets.push(set.key.clone());
    let mut tags = s.tags.clone();
    for t in &set.tags {
        if !tags.iter().any(|x| x.key == t.key) {
            tags.push(t.clone());
        }
    }
    if app.apply(Edit::SetTags { tag_sets, tags }) {
        let text = Msg::TagSetAdded.fill(app.lang, &[("set", &set.name), ("n", &set.tags.len())]);
        app.set_status(Severity::Info, text);
    }
}

/// The cards a scope covers, as shown under the filter.
fn scope_cards(doc: &Doc, scope: Scope) -> Vec<Card> {
    let filter = doc.filter.as_ref();
    match scope {
        Scope::Card => doc.card().into_iter().cloned().collect(),
        Scope::Column => doc.column().map_or_else(Vec::new, |c| {
            c.cards
                .iter()
                .filter(|k| shown(filter, k))
                .cloned()
                .collect()
        }),
        Scope::Board => doc.board().map_or_else(Vec::new, |b| {
            b.columns
                .iter()
                .flat_map(|c| c.cards.iter())
                .filter(|k| shown(filter, k))
                .cloned()
                .collect()
        }),
    }
}

/// Sets a tag on every card of the scope, or clears it when all have it;
/// one undo step. `first` is applied in the same step (a new tag).
pub fn toggle_in_scope(app: &mut App, key: &str, scope: Scope, first: Option<Edit>) {
    let Some(doc) = app.doc.as_ref() else { return };
    let cards = scope_cards(doc, scope);
    if cards.is_empty() {
        return app.warn(Msg::NoCard);
    }
    let all_have = first.is_none() && cards.iter().all(|c| c.has_tag(key));
    let mut edits: Vec<Edit> = first.into_iter().collect();
    let mut n = 0;
    for card in cards.iter().filter(|c| c.has_tag(key) == all_have) {
        let mut card = card.clone();
        card.toggle_tag(key);
        edits.push(Edit::ReplaceCard { card });
        n += 1;
    }
    let name = doc
        .session
        .tag(key)
        .map_or_else(|| key.to_string(), |t| t.name.clone());
    let edit = if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    };
    if app.apply(edit) {
        let msg = if all_have {
            Msg::TagRemoved
        } else {
            Msg::TagSet
        };
        let text = msg.fill(app.lang, &[("tag", &name), ("n", &n)]);
        app.set_status(Severity::Info, text);
    }
}

/// Keys 1–9: toggles the n-th tag on the selected card. Without tags the
/// picker opens with the tag sets to choose from.
pub fn toggle_nth(app: &mut App, n: u8) {
    let Some(doc) = app.doc.as_ref() else { return };
    let tags = &doc.session.tags;
    if tags.is_empty() {
        return open_picker(app);
    }
    let Some(tag) = tags.get(usize::from(n).saturating_sub(1)) else {
        let text = Msg::NoSuchTag.fill(app.lang, &[("key", &n), ("n", &tags.len())]);
        return app.set_status(Severity::Warning, text);
    };
    let key = tag.key.clone();
    toggle_in_scope(app, &key, Scope::Card, None);
}

fn set_filter(app: &mut App, choice: Choice) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    doc.filter = match choice {
        Choice::Tag(key) => Some(TagFilter::Tag(key)),
        Choice::Untagged => Some(TagFilter::Untagged),
        _ => None,
    };
    snap_to_filter(doc);
    let text = match &doc.filter {
        Some(f) => Msg::FilterOn.fill(lang, &[("filter", &filter_label(&doc.session, f, lang))]),
        None => Msg::FilterOff.text(lang).to_string(),
    };
    app.set_status(Severity::Info, text);
}

/// How a filter is named on screen.
pub fn filter_label(session: &Session, filter: &TagFilter, lang: Lang) -> String {
    match filter {
        TagFilter::Tag(key) => session
            .tag(key)
            .map_or_else(|| key.clone(), |t| short_label(&session.tags, &t.key)),
        TagFilter::Untagged => Msg::FilterUntagged.text(lang).to_string(),
    }
}

/// Up and down under a filter: to the previous or next shown card.
pub fn move_filtered(doc: &mut Doc, down: bool) {
    doc.clamp();
    let Some(column) = doc.column() else { return };
    let filter = doc.filter.as_ref();
    let at = doc.cursor.card;
    let next = if down {
        (at + 1..column.cards.len()).find(|&i| shown(filter, &column.cards[i]))
    } else {
        (0..at).rev().find(|&i| shown(filter, &column.cards[i]))
    };
    if let Some(i) = next {
        doc.cursor.card = i;
    }
}

/// Keeps the cursor on a shown card: the nearest one below, else above.
pub fn snap_to_filter(doc: &mut Doc) {
    doc.clamp();
    let Some(filter) = doc.filter.as_ref() else {
        return;
    };
    let Some(column) = doc.column() else { return };
    let at = doc.cursor.card;
    if column.cards.get(at).is_some_and(|c| filter.matches(c)) {
        return;
    }
    let below = (at..column.cards.len()).find(|&i| filter.matches(&column.cards[i]));
    let above = (0..at.min(column.cards.len()))
        .rev()
        .find(|&i| filter.matches(&column.cards[i]));
    if let Some(i) = below.or(above) {
        doc.cursor = Cursor {
            card: i,
            ..doc.cursor
        };
    }
}

#[cfg(test)]
pub(crate) mod tests;
