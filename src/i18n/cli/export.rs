//! `stellwand export`.

use crate::i18n::text::texts;

texts! {
    ExportDryRun = ("Probelauf (--dry-run): nichts geschrieben.", "Dry run (--dry-run): nothing written."),
}
