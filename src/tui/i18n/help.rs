//! The help screen, and the keys that work on every screen.

use crate::i18n::text::texts;

texts! {
    CtxGlobal = ("Überall", "Everywhere"),
    CtxHelp = ("Hilfe", "Help"),
    ModeHelp = ("HILFE", "HELP"),
    HelpTitle = ("Tasten", "Keys"),
    HelpHint = ("↑/↓ blättern · Esc oder ? schließt", "↑/↓ scroll · Esc or ? closes"),
    KeyHelp = ("diese Hilfe", "this help"),
    KeySave = ("speichern", "save"),
    KeyQuit = ("speichern und beenden", "save and quit"),
    KeyInterrupt = ("Getipptes übernehmen, speichern und beenden", "keep what was typed, save and quit"),
    KeyUndo = ("rückgängig", "undo"),
    KeyRedo = ("wiederherstellen", "redo"),
    KeyHelpClose = ("Hilfe schließen", "close help"),
    KeyScrollUp = ("nach oben blättern", "scroll up"),
    KeyScrollDown = ("nach unten blättern", "scroll down"),
    KeyPageDown = ("zehn Einträge weiter", "ten entries down"),
    KeyPageUp = ("zehn Einträge zurück", "ten entries up"),
    KeyListFirst = ("an den Anfang der Liste", "to the start of the list"),
    KeyListLast = ("ans Ende der Liste (die bestätigten Themen)", "to the end of the list (the confirmed themes)"),
}
