//! `stellwand merge` (git's merge driver).

use crate::i18n::text::texts;

texts! {
    MergeNotMerged = ("{file}: nicht zusammengeführt; die eigene Fassung bleibt, die andere zeigt `git diff`", "{file}: not merged; your version stays, `git diff` shows the other"),
}
