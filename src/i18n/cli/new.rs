//! `stellwand new`.

use crate::i18n::text::texts;

texts! {
    NewFileExists = ("{file}: Datei gibt es schon; sie wird nicht überschrieben", "{file}: file exists already; it is not overwritten"),
    NewCreated = ("Neue Sitzung angelegt: {file}", "New session created: {file}"),
}
