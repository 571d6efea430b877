//! What a key means: every user intent the terminal UI knows, independent of
//! the key that triggers it.

/// A user intent. The keymap turns keys into actions; `update` carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Everywhere.
    Quit,
    /// Ctrl-c: commit what is being typed, save, quit.
    Interrupt,
    Save,
    Help,
    Undo,
    Redo,
    /// Time passes (autosave).
    Tick,

    // Moving around.
    Up,
    Down,
    Left,
    Right,
    NextBoard,
    PrevBoard,
    /// Back to the list of sessions.
    Sessions,

    // Start screen.
    Open,
    NewSession,
    Reload,
    /// Give the duplicate ids of the selected (refused) session new ones.
    RepairSession,

    // Cards.
    AddCard,
    InsertCardBelow,
    EditCard,
    AddSubPoint,
    DeleteCard,
    MoveCardUp,
    MoveCardDown,
    MoveCardLeft,
    MoveCardRight,
    MoveCardNextBoard,
    MoveCardPrevBoard,
    ToggleUncertain,
    ToggleStruck,
    ToggleEmphasis,
    /// A card a merge left with two versions: take the other version.
    TakeOtherVersion,
    /// … or keep the version shown.
    KeepShownVersion,

    // Boards and session.
    NewBoard,
    EditBoard,
    DeleteBoard,
    OpenPhoto,
    EditSession,

    // The photo pane.
    TogglePhotoPane,
    ZoomIn,
    ZoomOut,
    /// The whole photo again.
    ZoomReset,
    /// Moves the view across and down the photo by a quarter of what it shows.
    Pan(i8, i8),
    /// The board's next photo.
    NextPhoto,
    /// Picks a photo file from the session's folder.
    PickPhoto,
    /// Goes to a column of the board chosen by number or name.
    PickColumn,

    // Text input (card editor and form fields).
    Input(char),
    Paste(String),
    Backspace,
    Delete,
    DeleteWord,
    ClearLine,
    Home,
    End,
    NewLine,
    /// Enter: commit (and in rapid entry open the next card).
    Commit,
    /// Tab: commit and go on in the next column / field.
    CommitNext,
    /// Shift-Tab: commit and go back one column / field.
    CommitPrev,
    /// Esc: leave the editor, form or help.
    Cancel,

    // Reserved for tagging, clustering and export.
    Search,
    TagPicker,
    ToggleTag(u8),
    ClusterReview,
    Copy,
    Export,
    /// Copy the whole board as Markdown.
    CopyBoard,
    /// Export preview: scroll the file view, switch between diff and content.
    ScrollUp,
    ScrollDown,
    ToggleDiff,

    // Tagging, search and cluster review.
    /// Shows only cards with a tag, or untagged cards.
    TagFilter,
    /// Cluster review: confirm the selected suggestion as a theme.
    AcceptTheme,
    RejectTheme,
    RemoveFromTheme,
    MoveToTheme,
    MergeThemes,
    RenameTheme,
    DeleteTheme,
    ThresholdUp,
    ThresholdDown,
    /// Which columns are clustered: each on its own, one, all together.
    ClusterScope,
    /// Shows the selected card on its board.
    GoToCard,

    // Measures.
    /// `M` on the board: the list of measures.
    Measures,
    /// A measure from the working-group sheet under the cursor.
    MeasureFromSheet,
    /// A measure from the idea or next-step card under the cursor.
    MeasureFromCard,
    /// The next status of the selected measure.
    NextStatus,
    /// Status 1–4 (geplant, in Umsetzung, umgesetzt, zurückgestellt).
    SetStatus(u8),
}
