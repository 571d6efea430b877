//! `stellwand import`.

use crate::i18n::text::texts;

texts! {
    ImportFileExists = ("{file}: Datei gibt es schon; sie wird nicht überschrieben (anderen Namen mit -o wählen)", "{file}: file exists already; it is not overwritten (choose another name with -o)"),
    ImportDone = ("Importiert: {boards} Wände, {cards} Karten → {file}", "Imported: {boards} boards, {cards} cards → {file}"),
}
