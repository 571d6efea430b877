//! Keys to actions: the default key table, one place for every binding, from
//! which the help screen is drawn too.

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode, Screen};
use super::export::Stage;
use super::i18n::Msg;

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere except while typing.
    Global,
    Start,
    Board,
    /// The card editor (rapid entry and editing).
    Entry,
    Form,
    Help,
    /// The fuzzy picker (tags, filter, choices in the cluster review).
    Picker,
    /// The search screen.
    Search,
    /// The cluster review.
    Review,
    /// The export preview.
    Export,
    /// The export's question whether to create the folder.
    ExportAsk,
    /// The list of measures.
    Measures,
    /// A yes-or-no question.
    Confirm,
}

/// One key with its modifiers (Shift is ignored for characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// A line of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    /// What the help screen says; `None` hides the line (e.g. tags 2–9).
    pub help: Option<Msg>,
    /// Shown instead of the keys in help (e.g. "1–9").
    pub label: Option<&'static str>,
}

fn bind(context: Context, keys: &[Key], action: Action, help: Msg) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        help: Some(help),
        label: None,
    }
}

/// A line of a context's key table: keys, action and help text.
type Line<'a> = (&'a [Key], Action, Msg);

/// Keys that edit the line being typed, in the card editor and in forms.
const LINE_EDITING: &[Line] = &[
    (
        &[plain(KeyCode::Home), ctrl('a')],
        Action::Home,
        Msg::KeyTextHome,
    ),
    (
        &[plain(KeyCode::End), ctrl('e')],
        Action::End,
        Msg::KeyTextEnd,
    ),
    (
        &[plain(KeyCode::Backspace)],
        Action::Backspace,
        Msg::KeyTextBackspace,
    ),
    (
        &[plain(KeyCode::Delete)],
        Action::Delete,
        Msg::KeyTextDelete,
    ),
    (&[ctrl('w')], Action::DeleteWord, Msg::KeyTextWord),
    (&[ctrl('u')], Action::ClearLine, Msg::KeyTextClear),
];

/// Keys that edit what is looked for, in the picker and in search.
const QUERY_EDITING: &[Line] = &[
    (
        &[plain(KeyCode::Backspace)],
        Action::Backspace,
        Msg::KeyTextBackspace,
    ),
    (&[ctrl('w')], Action::DeleteWord, Msg::KeyTextWord),
    (&[ctrl('u')], Action::ClearLine, Msg::KeyTextClear),
    (&[plain(KeyCode::F(1))], Action::Help, Msg::KeyHelp),
];

/// The lines of one context.
fn keys_of(context: Context, lines: &[Line]) -> Vec<Binding> {
    lines
        .iter()
        .map(|(keys, action, help)| bind(context, keys, action.clone(), *help))
        .collect()
}

/// The digits 1 to `last` for `action(n)`, shown in help as one line `label`.
fn digits(
    context: Context,
    (last, label): (u8, &'static str),
    action: fn(u8) -> Action,
    help: Msg,
) -> Vec<Binding> {
    (1..=last)
        .map(|n| Binding {
            context,
            keys: vec![ch(char::from(b'0' + n))],
            action: action(n),
            help: (n == 1).then_some(help),
            label: Some(label),
        })
        .collect()
}

/// The default key table.
pub fn bindings() -> &'static [Binding] {
    static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();
    TABLE.get_or_init(default_bindings)
}

fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    use Msg as M;
    let global: &[Line] = &[
        (&[ch('?'), plain(K::F(1))], A::Help, M::KeyHelp),
        (&[ctrl('s')], A::Save, M::KeySave),
        (&[ch('q')], A::Quit, M::KeyQuit),
        (&[ctrl('c')], A::Interrupt, M::KeyInterrupt),
    ];
    // Start screen.
    let start: &[Line] = &[
        (&[plain(K::Up), ch('k')], A::Up, M::KeyUp),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyDown),
        (
            &[plain(K::Enter), plain(K::Right), ch('l')],
            A::Open,
            M::KeyOpen,
        ),
        (&[ch('n')], A::NewSession, M::KeyNewSession),
        (&[ch('r')], A::Reload, M::KeyReload),
        (&[ch('R')], A::RepairSession, M::KeyRepair),
    ];
    // Board view: moving.
    let board: &[Line] = &[
        (&[plain(K::Up), ch('k')], A::Up, M::KeyCardUp),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyCardDown),
        (&[plain(K::Left), ch('h')], A::Left, M::KeyColumnLeft),
        (&[plain(K::Right), ch('l')], A::Right, M::KeyColumnRight),
        (
            &[plain(K::PageDown), ch(']')],
            A::NextBoard,
            M::KeyNextBoard,
        ),
        (&[plain(K::PageUp), ch('[')], A::PrevBoard, M::KeyPrevBoard),
        (&[ch('s')], A::Sessions, M::KeySessions),
        (&[plain(K::Esc)], A::Cancel, M::KeyDismiss),
        // Board view: cards.
        (&[ch('a')], A::AddCard, M::KeyAddCard),
        (&[ch('o')], A::InsertCardBelow, M::KeyInsertBelow),
        (&[ch('e'), plain(K::Enter)], A::EditCard, M::KeyEditCard),
        (&[ch('+')], A::AddSubPoint, M::KeySubPoint),
        (&[ch('d'), plain(K::Delete)], A::DeleteCard, M::KeyDelete),
        (&[ch('K'), shift(K::Up)], A::MoveCardUp, M::KeyMoveUp),
        (&[ch('J'), shift(K::Down)], A::MoveCardDown, M::KeyMoveDown),
        (&[ch('H'), shift(K::Left)], A::MoveCardLeft, M::KeyMoveLeft),
        (
            &[ch('L'), shift(K::Right)],
            A::MoveCardRight,
            M::KeyMoveRight,
        ),
        (&[ch('>')], A::MoveCardNextBoard, M::KeyMoveNextBoard),
        (&[ch('<')], A::MoveCardPrevBoard, M::KeyMovePrevBoard),
        (&[ch('z')], A::ToggleUncertain, M::KeyUncertain),
        (&[ch('v')], A::TakeOtherVersion, M::KeyTakeVersion),
        (&[ch('V')], A::KeepShownVersion, M::KeyKeepVersion),
        (&[ch('~')], A::ToggleStruck, M::KeyStruck),
        (&[ch('!')], A::ToggleEmphasis, M::KeyEmphasis),
        (&[ch('u')], A::Undo, M::KeyUndo),
        (&[ctrl('r')], A::Redo, M::KeyRedo),
        // Board view: boards and session.
        (&[ch('B')], A::NewBoard, M::KeyNewBoard),
        (&[ch('T')], A::EditBoard, M::KeyEditBoard),
        (&[ch('D')], A::DeleteBoard, M::KeyDeleteBoard),
        (&[ch('f')], A::OpenPhoto, M::KeyOpenPhoto),
        (&[ch('i')], A::EditSession, M::KeyEditSession),
        // Reserved for later work.
        (&[ch('/')], A::Search, M::KeySearch),
        (&[ch('t')], A::TagPicker, M::KeyTagPicker),
        (&[ch('c')], A::ClusterReview, M::KeyCluster),
        (&[ch('M')], A::Measures, M::KeyMeasures),
        (&[ch('y')], A::Copy, M::KeyCopy),
        (&[ch('Y')], A::CopyBoard, M::KeyCopyBoard),
        (&[ch('x')], A::Export, M::KeyExport),
    ];
    // Card editor.
    let entry: &[Line] = &[
        (&[plain(K::Enter)], A::Commit, M::KeyEntryCommit),
        (&[plain(K::Tab)], A::CommitNext, M::KeyEntryNext),
        (
            &[shift(K::BackTab), plain(K::BackTab)],
            A::CommitPrev,
            M::KeyEntryPrev,
        ),
        (&[plain(K::Esc)], A::Cancel, M::KeyEntryLeave),
        (
            &[alt(K::Enter), shift(K::Enter), ctrl('j')],
            A::NewLine,
            M::KeyEntrySubPoint,
        ),
        (&[ctrl('s')], A::Save, M::KeyEntrySave),
        (&[plain(K::F(1))], A::Help, M::KeyHelp),
        (&[plain(K::Left)], A::Left, M::KeyTextLeft),
        (&[plain(K::Right)], A::Right, M::KeyTextRight),
        (&[plain(K::Up)], A::Up, M::KeyTextUp),
        (&[plain(K::Down)], A::Down, M::KeyTextDown),
    ];
    // Forms.
    let form: &[Line] = &[
        (&[plain(K::Enter)], A::Commit, M::KeyFormCommit),
        (
            &[plain(K::Tab), plain(K::Down)],
            A::CommitNext,
            M::KeyFormNext,
        ),
        (
            &[shift(K::BackTab), plain(K::BackTab), plain(K::Up)],
            A::CommitPrev,
            M::KeyFormPrev,
        ),
        (&[plain(K::Left)], A::Left, M::KeyFormLeft),
        (&[plain(K::Right)], A::Right, M::KeyFormRight),
    ];
    let form_end: &[Line] = &[(&[plain(K::Esc)], A::Cancel, M::KeyFormCancel)];
    // Help.
    let help: &[Line] = &[
        (
            &[plain(K::Esc), ch('?'), ch('q'), plain(K::F(1))],
            A::Cancel,
            M::KeyHelpClose,
        ),
        (&[plain(K::Up), ch('k')], A::Up, M::KeyScrollUp),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyScrollDown),
    ];
    let mut t = [
        keys_of(Global, global),
        keys_of(Start, start),
        keys_of(Board, board),
        keys_of(Entry, &[entry, LINE_EDITING].concat()),
        keys_of(Form, &[form, LINE_EDITING, form_end].concat()),
        keys_of(Help, help),
    ]
    .concat();
    t.extend(tagging_bindings());
    t.extend(measure_bindings());
    t.extend(photo_bindings());
    let confirm: &[Line] = &[
        (
            &[ch('j'), ch('y'), plain(K::Enter)],
            A::Commit,
            M::KeyConfirmYes,
        ),
        (&[ch('n'), plain(K::Esc)], A::Cancel, M::KeyConfirmNo),
    ];
    t.extend(keys_of(Confirm, confirm));
    t.extend(digits(Board, (9, "1–9"), A::ToggleTag, M::KeyTags));
    t
}

/// Keys of the list of measures.
fn measure_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    use Msg as M;
    let measures: &[Line] = &[
        (&[plain(K::Up), ch('k')], A::Up, M::KeyPickUp),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyPickDown),
        (&[plain(K::Home)], A::Home, M::KeyListFirst),
        (&[plain(K::End), ch('G')], A::End, M::KeyListLast),
        (&[ch('n')], A::MeasureFromSheet, M::KeyMeasureFromSheet),
        (&[ch('c')], A::MeasureFromCard, M::KeyMeasureFromCard),
        (&[plain(K::Enter), ch('e')], A::EditCard, M::KeyMeasureEdit),
        (&[ch(' ')], A::NextStatus, M::KeyMeasureNextStatus),
        (
            &[ch('d'), plain(K::Delete)],
            A::DeleteCard,
            M::KeyMeasureDelete,
        ),
        (&[ch('u')], A::Undo, M::KeyUndo),
        (&[ctrl('r')], A::Redo, M::KeyRedo),
        (&[plain(K::Esc), ch('M')], A::Cancel, M::KeyMeasureBack),
    ];
    let mut t = keys_of(Measures, measures);
    t.extend(digits(
        Measures,
        (4, "1–4"),
        A::SetStatus,
        M::KeyMeasureStatus,
    ));
    t
}

/// Keys of the photo pane: on the board, and with Alt while typing a card,
/// so that the cursor never leaves the cards.
fn photo_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    use Msg as M;
    let pan = |context, label: &'static str, alt_only: bool| {
        let mut out = Vec::new();
        for (i, (arrow, letter, dx, dy)) in [
            (K::Left, 'h', -1, 0),
            (K::Right, 'l', 1, 0),
            (K::Up, 'k', 0, -1),
            (K::Down, 'j', 0, 1),
        ]
        .into_iter()
        .enumerate()
        {
            let keys = if alt_only {
                vec![alt(arrow)]
            } else {
                vec![alt(arrow), alt(K::Char(letter))]
            };
            out.push(Binding {
                context,
                keys,
                action: A::Pan(dx, dy),
                help: (i == 0).then_some(M::KeyPan),
                label: (i == 0).then_some(label),
            });
        }
        out
    };
    let board: &[Line] = &[
        (&[ch('p')], A::TogglePhotoPane, M::KeyPhotoPane),
        (&[ch('g')], A::PickColumn, M::KeyPickColumn),
        (&[ch('b')], A::PickPhoto, M::KeyPickPhoto),
        (&[ch('P')], A::NextPhoto, M::KeyNextPhoto),
        (&[ch('='), alt(K::Char('+'))], A::ZoomIn, M::KeyZoomIn),
        (&[ch('-'), alt(K::Char('-'))], A::ZoomOut, M::KeyZoomOut),
        (&[ch('0')], A::ZoomReset, M::KeyZoomReset),
    ];
    let entry: &[Line] = &[
        (&[alt(K::Char('p'))], A::TogglePhotoPane, M::KeyPhotoPane),
        (
            &[alt(K::Char('u')), alt(K::Char('z'))],
            A::ToggleUncertain,
            M::KeyEntryUncertain,
        ),
        (
            &[alt(K::Char('d')), alt(K::Char('~'))],
            A::ToggleStruck,
            M::KeyEntryStruck,
        ),
        (
            &[alt(K::Char('b')), alt(K::Char('!'))],
            A::ToggleEmphasis,
            M::KeyEntryEmphasis,
        ),
        (
            &[alt(K::Char('+')), alt(K::Char('='))],
            A::ZoomIn,
            M::KeyZoomIn,
        ),
        (&[alt(K::Char('-'))], A::ZoomOut, M::KeyZoomOut),
        (&[alt(K::Char('0'))], A::ZoomReset, M::KeyZoomReset),
        (&[alt(K::Char('n'))], A::NextPhoto, M::KeyNextPhoto),
    ];
    let mut t = [keys_of(Board, board), keys_of(Entry, entry)].concat();
    t.extend(pan(Board, "Alt-←↑↓→ / Alt-h j k l", false));
    t.extend(pan(Entry, "Alt-←↑↓→", true));
    t
}

/// Keys of tagging, search and cluster review.
fn tagging_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    use Msg as M;
    let board: &[Line] = &[(&[ch('F')], A::TagFilter, M::KeyTagFilter)];
    let picker: &[Line] = &[
        (&[plain(K::Enter)], A::Commit, M::KeyPickChoose),
        (&[plain(K::Tab)], A::CommitNext, M::KeyPickScope),
        (&[plain(K::Up)], A::Up, M::KeyPickUp),
        (&[plain(K::Down)], A::Down, M::KeyPickDown),
    ];
    let picker_end: &[Line] = &[(&[plain(K::Esc)], A::Cancel, M::KeyPickCancel)];
    let search: &[Line] = &[
        (&[plain(K::Enter)], A::Commit, M::KeySearchJump),
        (&[plain(K::Up)], A::Up, M::KeyPickUp),
        (&[plain(K::Down)], A::Down, M::KeyPickDown),
        (&[plain(K::PageDown)], A::NextBoard, M::KeyPageDown),
        (&[plain(K::PageUp)], A::PrevBoard, M::KeyPageUp),
    ];
    let search_end: &[Line] = &[(&[plain(K::Esc)], A::Cancel, M::KeySearchBack)];
    let review: &[Line] = &[
        (&[plain(K::Up), ch('k')], A::Up, M::KeyPickUp),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyPickDown),
        (&[plain(K::Left), ch('h')], A::Left, M::KeyReviewGroups),
        (&[plain(K::Right), ch('l')], A::Right, M::KeyReviewCards),
        (&[plain(K::Tab)], A::CommitNext, M::KeyReviewPane),
        (&[plain(K::PageDown)], A::NextBoard, M::KeyPageDown),
        (&[plain(K::PageUp)], A::PrevBoard, M::KeyPageUp),
        (&[plain(K::Home)], A::Home, M::KeyListFirst),
        (&[plain(K::End), ch('G')], A::End, M::KeyListLast),
        (&[ch('a')], A::AcceptTheme, M::KeyAccept),
        (&[ch('r')], A::RejectTheme, M::KeyReject),
        (
            &[ch('d'), plain(K::Delete)],
            A::RemoveFromTheme,
            M::KeyRemoveCard,
        ),
        (&[ch('m')], A::MoveToTheme, M::KeyMoveCardTo),
        (&[ch('M')], A::MergeThemes, M::KeyMerge),
        (&[ch('n')], A::RenameTheme, M::KeyRename),
        (&[ch('t')], A::TagPicker, M::KeyThemeTag),
        (&[ch('D')], A::DeleteTheme, M::KeyDeleteTheme),
        (&[ch('+'), ch('=')], A::ThresholdUp, M::KeyThresholdUp),
        (&[ch('-')], A::ThresholdDown, M::KeyThresholdDown),
        (&[ch('s')], A::ClusterScope, M::KeyClusterScope),
        (&[ch('g'), plain(K::Enter)], A::GoToCard, M::KeyGoToCard),
        (&[ch('y')], A::Copy, M::KeyCopyTheme),
        (&[ch('u')], A::Undo, M::KeyUndo),
        (&[ctrl('r')], A::Redo, M::KeyRedo),
        (&[plain(K::Esc), ch('c')], A::Cancel, M::KeyReviewClose),
    ];
    // Export dialog.
    let export: &[Line] = &[
        (&[plain(K::Enter)], A::Commit, M::KeyExportWrite),
        (&[plain(K::Up), ch('k')], A::Up, M::KeyExportPrevFile),
        (&[plain(K::Down), ch('j')], A::Down, M::KeyExportNextFile),
        (&[plain(K::PageUp), ch('K')], A::ScrollUp, M::KeyScrollUp),
        (
            &[plain(K::PageDown), ch('J'), ch(' ')],
            A::ScrollDown,
            M::KeyScrollDown,
        ),
        (&[plain(K::Tab), ch('d')], A::ToggleDiff, M::KeyExportDiff),
        (&[ch('?'), plain(K::F(1))], A::Help, M::KeyHelp),
        (&[plain(K::Esc), ch('q')], A::Cancel, M::KeyExportCancel),
    ];
    let export_ask: &[Line] = &[
        (
            &[ch('y'), ch('j'), plain(K::Enter)],
            A::Commit,
            M::KeyExportCreate,
        ),
        (&[ch('n'), plain(K::Esc)], A::Cancel, M::KeyExportBack),
    ];
    [
        keys_of(Board, board),
        keys_of(Picker, &[picker, QUERY_EDITING, picker_end].concat()),
        keys_of(Search, &[search, QUERY_EDITING, search_end].concat()),
        keys_of(Review, review),
        keys_of(Export, export),
        keys_of(ExportAsk, export_ask),
    ]
    .concat()
}

/// The contexts whose keys apply in the app's present state, most specific first.
pub fn contexts(app: &App) -> &'static [Context] {
    if app.help.is_some() {
        return &[Context::Help];
    }
    match (&app.mode, app.screen) {
        (Mode::Entry(_), _) => &[Context::Entry],
        (Mode::Form(_), _) => &[Context::Form],
        (Mode::Picker(_), _) => &[Context::Picker],
        (Mode::Search(_), _) => &[Context::Search],
        (Mode::Review(r), _) if r.picker.is_some() || r.rename.is_some() => &[Context::Picker],
        (Mode::Review(_), _) => &[Context::Review, Context::Global],
        (Mode::Confirm(_), _) => &[Context::Confirm],
        (Mode::Export(d), _) if d.stage == Stage::AskCreate => &[Context::ExportAsk],
        (Mode::Export(_), _) => &[Context::Export],
        (Mode::Measures(_), _) => &[Context::Measures, Context::Global],
        (Mode::Normal, Screen::Start) => &[Context::Start, Context::Global],
        (Mode::Normal, Screen::Board) => &[Context::Board, Context::Global],
    }
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    if key.code != ev.code {
        return false;
    }
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_)) {
        // Upper-case letters and symbols come with Shift set or not,
        // depending on the terminal.
        mods.remove(KeyModifiers::SHIFT);
    }
    if ev.code == KeyCode::BackTab {
        mods.remove(KeyModifiers::SHIFT);
        return key.mods - KeyModifiers::SHIFT == mods;
    }
    key.mods == mods
}

/// The action of a key press in the app's present state.
pub fn lookup(app: &App, ev: KeyEvent) -> Option<Action> {
    // Ctrl-c always saves and quits, even while typing.
    if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Action::Interrupt);
    }
    let contexts = contexts(app);
    for ctx in contexts {
        for b in bindings().iter().filter(|b| b.context == *ctx) {
            if b.keys.iter().any(|k| matches(k, &ev)) {
                return Some(b.action.clone());
            }
        }
    }
    let typing = matches!(
        contexts.first(),
        Some(Context::Entry | Context::Form | Context::Picker | Context::Search)
    );
    if typing
        && let KeyCode::Char(c) = ev.code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Action::Input(c));
    }
    None
}

/// How a key is written in help.
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Entf/Del".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Pos1/Home".into(),
        KeyCode::End => "Ende/End".into(),
        KeyCode::PageUp => "Bild↑/PgUp".into(),
        KeyCode::PageDown => "Bild↓/PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.code == KeyCode::BackTab {
        return name;
    }
    let mut prefix = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) {
        prefix.push_str("Shift-");
    }
    prefix + &name
}

/// The keys of a binding as one help column entry.
pub fn binding_label(b: &Binding) -> String {
    if let Some(l) = b.label {
        return l.to_string();
    }
    let mut labels: Vec<String> = Vec::new();
    for k in &b.keys {
        let l = key_label(k);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join(" / ")
}

#[cfg(test)]
mod tests;
