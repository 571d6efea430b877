//! The status line: saving, undo, copying, the window size, and the session's state.

use crate::i18n::text::texts;

texts! {
    /// Where a draft came back after a crash ("Entwurf … im Editor").
    DraftInEditor = ("im Editor", "in the editor"),
    Saved = ("Gespeichert: {file}", "Saved: {file}"),
    SaveFailed = ("Speichern fehlgeschlagen: {error}", "Saving failed: {error}"),
    NotSavedDiskFull = ("Nicht gespeichert – Datenträger voll", "Not saved – the disk is full"),
    NotSaved = ("Nicht gespeichert – {error}", "Not saved – {error}"),
    CaughtUp = ("Wieder gespeichert: {n} Änderung(en) nachgetragen", "Saved again: {n} change(s) written"),
    ReadOnly = ("Nur lesend geöffnet: Änderungen sind nicht möglich und nichts wird gespeichert", "Opened read-only: no changes, nothing is saved"),
    QuitUnsaved = ("Nicht gespeichert! q noch einmal beendet ohne zu speichern", "Not saved! Press q again to quit without saving"),
    StateSaved = ("gespeichert", "saved"),
    StateUnsaved = ("ungespeichert", "unsaved"),
    StateNotOnDisk = ("nicht gespeichert", "not saved"),
    StateReadOnly = ("nur lesend", "read-only"),
    NothingToUndo = ("Nichts rückgängig zu machen", "Nothing to undo"),
    NothingToRedo = ("Nichts wiederherzustellen", "Nothing to redo"),
    Undone = ("Rückgängig gemacht", "Undone"),
    Redone = ("Wiederhergestellt", "Redone"),
    EditFailed = ("Änderung nicht möglich: {error}", "Change not possible: {error}"),
    ComingSoon = ("Kommt bald", "Coming soon"),
    CopiedSystem = ("{what} in die Zwischenablage kopiert", "{what} copied to the clipboard"),
    CopiedTerminal = ("{what} per Terminal (OSC 52) kopiert", "{what} copied through the terminal (OSC 52)"),
    CopyFailed = ("Kopieren nicht möglich: {error}", "Could not copy: {error}"),
    TooSmall = ("Das Terminal ist zu klein.", "The terminal is too small."),
    TooSmallNeed = ("Nötig: {need_w}×{need_h} Zeichen, jetzt: {w}×{h}. Bitte das Fenster vergrößern.", "Needed: {need_w}×{need_h} characters, now: {w}×{h}. Please enlarge the window."),
}
