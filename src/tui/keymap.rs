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

/// The default key table.
pub fn bindings() -> &'static [Binding] {
    static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();
    TABLE.get_or_init(default_bindings)
}

fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    let mut t = vec![
        bind(Global, &[ch('?'), plain(K::F(1))], A::Help, Msg::KeyHelp),
        bind(Global, &[ctrl('s')], A::Save, Msg::KeySave),
        bind(Global, &[ch('q')], A::Quit, Msg::KeyQuit),
        bind(Global, &[ctrl('c')], A::Interrupt, Msg::KeyInterrupt),
        // Start screen.
        bind(Start, &[plain(K::Up), ch('k')], A::Up, Msg::KeyUp),
        bind(Start, &[plain(K::Down), ch('j')], A::Down, Msg::KeyDown),
        bind(
            Start,
            &[plain(K::Enter), plain(K::Right), ch('l')],
            A::Open,
            Msg::KeyOpen,
        ),
        bind(Start, &[ch('n')], A::NewSession, Msg::KeyNewSession),
        bind(Start, &[ch('r')], A::Reload, Msg::KeyReload),
        bind(Start, &[ch('R')], A::RepairSession, Msg::KeyRepair),
        // Board view: moving.
        bind(Board, &[plain(K::Up), ch('k')], A::Up, Msg::KeyCardUp),
        bind(Board, &[plain(K::Down), ch('j')], A::Down, Msg::KeyCardDown),
        bind(
            Board,
            &[plain(K::Left), ch('h')],
            A::Left,
            Msg::KeyColumnLeft,
        ),
        bind(
            Board,
            &[plain(K::Right), ch('l')],
            A::Right,
            Msg::KeyColumnRight,
        ),
        bind(
            Board,
            &[plain(K::PageDown), ch(']')],
            A::NextBoard,
            Msg::KeyNextBoard,
        ),
        bind(
            Board,
            &[plain(K::PageUp), ch('[')],
            A::PrevBoard,
            Msg::KeyPrevBoard,
        ),
        bind(Board, &[ch('s')], A::Sessions, Msg::KeySessions),
        bind(Board, &[plain(K::Esc)], A::Cancel, Msg::KeyDismiss),
        // Board view: cards.
        bind(Board, &[ch('a')], A::AddCard, Msg::KeyAddCard),
        bind(Board, &[ch('o')], A::InsertCardBelow, Msg::KeyInsertBelow),
        bind(
            Board,
            &[ch('e'), plain(K::Enter)],
            A::EditCard,
            Msg::KeyEditCard,
        ),
        bind(Board, &[ch('+')], A::AddSubPoint, Msg::KeySubPoint),
        bind(
            Board,
            &[ch('d'), plain(K::Delete)],
            A::DeleteCard,
            Msg::KeyDelete,
        ),
        bind(
            Board,
            &[ch('K'), shift(K::Up)],
            A::MoveCardUp,
            Msg::KeyMoveUp,
        ),
        bind(
            Board,
            &[ch('J'), shift(K::Down)],
            A::MoveCardDown,
            Msg::KeyMoveDown,
        ),
        bind(
            Board,
            &[ch('H'), shift(K::Left)],
            A::MoveCardLeft,
            Msg::KeyMoveLeft,
        ),
        bind(
            Board,
            &[ch('L'), shift(K::Right)],
            A::MoveCardRight,
            Msg::KeyMoveRight,
        ),
        bind(
            Board,
            &[ch('>')],
            A::MoveCardNextBoard,
            Msg::KeyMoveNextBoard,
        ),
        bind(
            Board,
            &[ch('<')],
            A::MoveCardPrevBoard,
            Msg::KeyMovePrevBoard,
        ),
        bind(Board, &[ch('z')], A::ToggleUncertain, Msg::KeyUncertain),
        bind(Board, &[ch('v')], A::TakeOtherVersion, Msg::KeyTakeVersion),
        bind(Board, &[ch('V')], A::KeepShownVersion, Msg::KeyKeepVersion),
        bind(Board, &[ch('~')], A::ToggleStruck, Msg::KeyStruck),
        bind(Board, &[ch('!')], A::ToggleEmphasis, Msg::KeyEmphasis),
        bind(Board, &[ch('u')], A::Undo, Msg::KeyUndo),
        bind(Board, &[ctrl('r')], A::Redo, Msg::KeyRedo),
        // Board view: boards and session.
        bind(Board, &[ch('B')], A::NewBoard, Msg::KeyNewBoard),
        bind(Board, &[ch('T')], A::EditBoard, Msg::KeyEditBoard),
        bind(Board, &[ch('D')], A::DeleteBoard, Msg::KeyDeleteBoard),
        bind(Board, &[ch('f')], A::OpenPhoto, Msg::KeyOpenPhoto),
        bind(Board, &[ch('i')], A::EditSession, Msg::KeyEditSession),
        // Reserved for later work.
        bind(Board, &[ch('/')], A::Search, Msg::KeySearch),
        bind(Board, &[ch('t')], A::TagPicker, Msg::KeyTagPicker),
        bind(Board, &[ch('c')], A::ClusterReview, Msg::KeyCluster),
        bind(Board, &[ch('M')], A::Measures, Msg::KeyMeasures),
        bind(Board, &[ch('y')], A::Copy, Msg::KeyCopy),
        bind(Board, &[ch('Y')], A::CopyBoard, Msg::KeyCopyBoard),
        bind(Board, &[ch('x')], A::Export, Msg::KeyExport),
        // Card editor.
        bind(Entry, &[plain(K::Enter)], A::Commit, Msg::KeyEntryCommit),
        bind(Entry, &[plain(K::Tab)], A::CommitNext, Msg::KeyEntryNext),
        bind(
            Entry,
            &[shift(K::BackTab), plain(K::BackTab)],
            A::CommitPrev,
            Msg::KeyEntryPrev,
        ),
        bind(Entry, &[plain(K::Esc)], A::Cancel, Msg::KeyEntryLeave),
        bind(
            Entry,
            &[alt(K::Enter), shift(K::Enter), ctrl('j')],
            A::NewLine,
            Msg::KeyEntrySubPoint,
        ),
        bind(Entry, &[ctrl('s')], A::Save, Msg::KeyEntrySave),
        bind(Entry, &[plain(K::F(1))], A::Help, Msg::KeyHelp),
        bind(Entry, &[plain(K::Left)], A::Left, Msg::KeyTextLeft),
        bind(Entry, &[plain(K::Right)], A::Right, Msg::KeyTextRight),
        bind(Entry, &[plain(K::Up)], A::Up, Msg::KeyTextUp),
        bind(Entry, &[plain(K::Down)], A::Down, Msg::KeyTextDown),
        bind(
            Entry,
            &[plain(K::Home), ctrl('a')],
            A::Home,
            Msg::KeyTextHome,
        ),
        bind(Entry, &[plain(K::End), ctrl('e')], A::End, Msg::KeyTextEnd),
        bind(
            Entry,
            &[plain(K::Backspace)],
            A::Backspace,
            Msg::KeyTextBackspace,
        ),
        bind(Entry, &[plain(K::Delete)], A::Delete, Msg::KeyTextDelete),
        bind(Entry, &[ctrl('w')], A::DeleteWord, Msg::KeyTextWord),
        bind(Entry, &[ctrl('u')], A::ClearLine, Msg::KeyTextClear),
        // Forms.
        bind(Form, &[plain(K::Enter)], A::Commit, Msg::KeyFormCommit),
        bind(
            Form,
            &[plain(K::Tab), plain(K::Down)],
            A::CommitNext,
            Msg::KeyFormNext,
        ),
        bind(
            Form,
            &[shift(K::BackTab), plain(K::BackTab), plain(K::Up)],
            A::CommitPrev,
            Msg::KeyFormPrev,
        ),
        bind(Form, &[plain(K::Left)], A::Left, Msg::KeyFormLeft),
        bind(Form, &[plain(K::Right)], A::Right, Msg::KeyFormRight),
        bind(
            Form,
            &[plain(K::Home), ctrl('a')],
            A::Home,
            Msg::KeyTextHome,
        ),
        bind(Form, &[plain(K::End), ctrl('e')], A::End, Msg::KeyTextEnd),
        bind(
            Form,
            &[plain(K::Backspace)],
            A::Backspace,
            Msg::KeyTextBackspace,
        ),
        bind(Form, &[plain(K::Delete)], A::Delete, Msg::KeyTextDelete),
        bind(Form, &[ctrl('w')], A::DeleteWord, Msg::KeyTextWord),
        bind(Form, &[ctrl('u')], A::ClearLine, Msg::KeyTextClear),
        bind(Form, &[plain(K::Esc)], A::Cancel, Msg::KeyFormCancel),
        // Help.
        bind(
            Help,
            &[plain(K::Esc), ch('?'), ch('q'), plain(K::F(1))],
            A::Cancel,
            Msg::KeyHelpClose,
        ),
        bind(Help, &[plain(K::Up), ch('k')], A::Up, Msg::KeyScrollUp),
        bind(
            Help,
            &[plain(K::Down), ch('j')],
            A::Down,
            Msg::KeyScrollDown,
        ),
    ];
    t.extend(tagging_bindings());
    t.extend(measure_bindings());
    t.extend(photo_bindings());
    t.push(bind(
        Confirm,
        &[ch('j'), ch('y'), plain(K::Enter)],
        A::Commit,
        Msg::KeyConfirmYes,
    ));
    t.push(bind(
        Confirm,
        &[ch('n'), plain(K::Esc)],
        A::Cancel,
        Msg::KeyConfirmNo,
    ));
    for n in 1..=9u8 {
        t.push(Binding {
            context: Board,
            keys: vec![ch(char::from(b'0' + n))],
            action: A::ToggleTag(n),
            help: (n == 1).then_some(Msg::KeyTags),
            label: Some("1–9"),
        });
    }
    t
}

/// Keys of the list of measures.
fn measure_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    let mut t = vec![
        bind(Measures, &[plain(K::Up), ch('k')], A::Up, Msg::KeyPickUp),
        bind(
            Measures,
            &[plain(K::Down), ch('j')],
            A::Down,
            Msg::KeyPickDown,
        ),
        bind(Measures, &[plain(K::Home)], A::Home, Msg::KeyListFirst),
        bind(
            Measures,
            &[plain(K::End), ch('G')],
            A::End,
            Msg::KeyListLast,
        ),
        bind(
            Measures,
            &[ch('n')],
            A::MeasureFromSheet,
            Msg::KeyMeasureFromSheet,
        ),
        bind(
            Measures,
            &[ch('c')],
            A::MeasureFromCard,
            Msg::KeyMeasureFromCard,
        ),
        bind(
            Measures,
            &[plain(K::Enter), ch('e')],
            A::EditCard,
            Msg::KeyMeasureEdit,
        ),
        bind(
            Measures,
            &[ch(' ')],
            A::NextStatus,
            Msg::KeyMeasureNextStatus,
        ),
        bind(
            Measures,
            &[ch('d'), plain(K::Delete)],
            A::DeleteCard,
            Msg::KeyMeasureDelete,
        ),
        bind(Measures, &[ch('u')], A::Undo, Msg::KeyUndo),
        bind(Measures, &[ctrl('r')], A::Redo, Msg::KeyRedo),
        bind(
            Measures,
            &[plain(K::Esc), ch('M')],
            A::Cancel,
            Msg::KeyMeasureBack,
        ),
    ];
    for n in 1..=4u8 {
        t.push(Binding {
            context: Measures,
            keys: vec![ch(char::from(b'0' + n))],
            action: A::SetStatus(n),
            help: (n == 1).then_some(Msg::KeyMeasureStatus),
            label: Some("1–4"),
        });
    }
    t
}

/// Keys of the photo pane: on the board, and with Alt while typing a card,
/// so that the cursor never leaves the cards.
fn photo_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
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
                help: (i == 0).then_some(Msg::KeyPan),
                label: (i == 0).then_some(label),
            });
        }
        out
    };
    let mut t = vec![
        bind(Board, &[ch('p')], A::TogglePhotoPane, Msg::KeyPhotoPane),
        bind(Board, &[ch('g')], A::PickColumn, Msg::KeyPickColumn),
        bind(Board, &[ch('b')], A::PickPhoto, Msg::KeyPickPhoto),
        bind(Board, &[ch('P')], A::NextPhoto, Msg::KeyNextPhoto),
        bind(
            Board,
            &[ch('='), alt(K::Char('+'))],
            A::ZoomIn,
            Msg::KeyZoomIn,
        ),
        bind(
            Board,
            &[ch('-'), alt(K::Char('-'))],
            A::ZoomOut,
            Msg::KeyZoomOut,
        ),
        bind(Board, &[ch('0')], A::ZoomReset, Msg::KeyZoomReset),
        bind(
            Entry,
            &[alt(K::Char('p'))],
            A::TogglePhotoPane,
            Msg::KeyPhotoPane,
        ),
        bind(
            Entry,
            &[alt(K::Char('u')), alt(K::Char('z'))],
            A::ToggleUncertain,
            Msg::KeyEntryUncertain,
        ),
        bind(
            Entry,
            &[alt(K::Char('d')), alt(K::Char('~'))],
            A::ToggleStruck,
            Msg::KeyEntryStruck,
        ),
        bind(
            Entry,
            &[alt(K::Char('b')), alt(K::Char('!'))],
            A::ToggleEmphasis,
            Msg::KeyEntryEmphasis,
        ),
        bind(
            Entry,
            &[alt(K::Char('+')), alt(K::Char('='))],
            A::ZoomIn,
            Msg::KeyZoomIn,
        ),
        bind(Entry, &[alt(K::Char('-'))], A::ZoomOut, Msg::KeyZoomOut),
        bind(Entry, &[alt(K::Char('0'))], A::ZoomReset, Msg::KeyZoomReset),
        bind(Entry, &[alt(K::Char('n'))], A::NextPhoto, Msg::KeyNextPhoto),
    ];
    t.extend(pan(Board, "Alt-←↑↓→ / Alt-h j k l", false));
    t.extend(pan(Entry, "Alt-←↑↓→", true));
    t
}

/// Keys of tagging, search and cluster review.
fn tagging_bindings() -> Vec<Binding> {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    vec![
        bind(Board, &[ch('F')], A::TagFilter, Msg::KeyTagFilter),
        bind(Picker, &[plain(K::Enter)], A::Commit, Msg::KeyPickChoose),
        bind(Picker, &[plain(K::Tab)], A::CommitNext, Msg::KeyPickScope),
        bind(Picker, &[plain(K::Up)], A::Up, Msg::KeyPickUp),
        bind(Picker, &[plain(K::Down)], A::Down, Msg::KeyPickDown),
        bind(
            Picker,
            &[plain(K::Backspace)],
            A::Backspace,
            Msg::KeyTextBackspace,
        ),
        bind(Picker, &[ctrl('w')], A::DeleteWord, Msg::KeyTextWord),
        bind(Picker, &[ctrl('u')], A::ClearLine, Msg::KeyTextClear),
        bind(Picker, &[plain(K::F(1))], A::Help, Msg::KeyHelp),
        bind(Picker, &[plain(K::Esc)], A::Cancel, Msg::KeyPickCancel),
        bind(Search, &[plain(K::Enter)], A::Commit, Msg::KeySearchJump),
        bind(Search, &[plain(K::Up)], A::Up, Msg::KeyPickUp),
        bind(Search, &[plain(K::Down)], A::Down, Msg::KeyPickDown),
        bind(
            Search,
            &[plain(K::PageDown)],
            A::NextBoard,
            Msg::KeyPageDown,
        ),
        bind(Search, &[plain(K::PageUp)], A::PrevBoard, Msg::KeyPageUp),
        bind(
            Search,
            &[plain(K::Backspace)],
            A::Backspace,
            Msg::KeyTextBackspace,
        ),
        bind(Search, &[ctrl('w')], A::DeleteWord, Msg::KeyTextWord),
        bind(Search, &[ctrl('u')], A::ClearLine, Msg::KeyTextClear),
        bind(Search, &[plain(K::F(1))], A::Help, Msg::KeyHelp),
        bind(Search, &[plain(K::Esc)], A::Cancel, Msg::KeySearchBack),
        bind(Review, &[plain(K::Up), ch('k')], A::Up, Msg::KeyPickUp),
        bind(
            Review,
            &[plain(K::Down), ch('j')],
            A::Down,
            Msg::KeyPickDown,
        ),
        bind(
            Review,
            &[plain(K::Left), ch('h')],
            A::Left,
            Msg::KeyReviewGroups,
        ),
        bind(
            Review,
            &[plain(K::Right), ch('l')],
            A::Right,
            Msg::KeyReviewCards,
        ),
        bind(Review, &[plain(K::Tab)], A::CommitNext, Msg::KeyReviewPane),
        bind(
            Review,
            &[plain(K::PageDown)],
            A::NextBoard,
            Msg::KeyPageDown,
        ),
        bind(Review, &[plain(K::PageUp)], A::PrevBoard, Msg::KeyPageUp),
        bind(Review, &[plain(K::Home)], A::Home, Msg::KeyListFirst),
        bind(Review, &[plain(K::End), ch('G')], A::End, Msg::KeyListLast),
        bind(Review, &[ch('a')], A::AcceptTheme, Msg::KeyAccept),
        bind(Review, &[ch('r')], A::RejectTheme, Msg::KeyReject),
        bind(
            Review,
            &[ch('d'), plain(K::Delete)],
            A::RemoveFromTheme,
            Msg::KeyRemoveCard,
        ),
        bind(Review, &[ch('m')], A::MoveToTheme, Msg::KeyMoveCardTo),
        bind(Review, &[ch('M')], A::MergeThemes, Msg::KeyMerge),
        bind(Review, &[ch('n')], A::RenameTheme, Msg::KeyRename),
        bind(Review, &[ch('t')], A::TagPicker, Msg::KeyThemeTag),
        bind(Review, &[ch('D')], A::DeleteTheme, Msg::KeyDeleteTheme),
        bind(
            Review,
            &[ch('+'), ch('=')],
            A::ThresholdUp,
            Msg::KeyThresholdUp,
        ),
        bind(Review, &[ch('-')], A::ThresholdDown, Msg::KeyThresholdDown),
        bind(Review, &[ch('s')], A::ClusterScope, Msg::KeyClusterScope),
        bind(
            Review,
            &[ch('g'), plain(K::Enter)],
            A::GoToCard,
            Msg::KeyGoToCard,
        ),
        bind(Review, &[ch('y')], A::Copy, Msg::KeyCopyTheme),
        bind(Review, &[ch('u')], A::Undo, Msg::KeyUndo),
        bind(Review, &[ctrl('r')], A::Redo, Msg::KeyRedo),
        bind(
            Review,
            &[plain(K::Esc), ch('c')],
            A::Cancel,
            Msg::KeyReviewClose,
        ),
        // Export dialog.
        bind(Export, &[plain(K::Enter)], A::Commit, Msg::KeyExportWrite),
        bind(
            Export,
            &[plain(K::Up), ch('k')],
            A::Up,
            Msg::KeyExportPrevFile,
        ),
        bind(
            Export,
            &[plain(K::Down), ch('j')],
            A::Down,
            Msg::KeyExportNextFile,
        ),
        bind(
            Export,
            &[plain(K::PageUp), ch('K')],
            A::ScrollUp,
            Msg::KeyScrollUp,
        ),
        bind(
            Export,
            &[plain(K::PageDown), ch('J'), ch(' ')],
            A::ScrollDown,
            Msg::KeyScrollDown,
        ),
        bind(
            Export,
            &[plain(K::Tab), ch('d')],
            A::ToggleDiff,
            Msg::KeyExportDiff,
        ),
        bind(Export, &[ch('?'), plain(K::F(1))], A::Help, Msg::KeyHelp),
        bind(
            Export,
            &[plain(K::Esc), ch('q')],
            A::Cancel,
            Msg::KeyExportCancel,
        ),
        bind(
            ExportAsk,
            &[ch('y'), ch('j'), plain(K::Enter)],
            A::Commit,
            Msg::KeyExportCreate,
        ),
        bind(
            ExportAsk,
            &[ch('n'), plain(K::Esc)],
            A::Cancel,
            Msg::KeyExportBack,
        ),
    ]
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
