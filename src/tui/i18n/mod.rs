//! Every text of the terminal UI, in German and English, one file per
//! screen. Each text is a constant `Msg::Name` holding both languages side
//! by side (see [`crate::i18n::text`]); placeholders are named (`{file}`,
//! `{n}`) and filled with [`Msg::fill`].
//!
//! A new text goes into the file of the screen that shows it, inside its
//! `texts!` block, one text per line: `Name = ("Deutsch {n}", "English {n}"),`.

use crate::core::error::Lang;
pub use crate::i18n::Msg;

mod board;
mod entry;
mod export;
mod form;
mod help;
mod measures;
mod photo;
mod review;
mod search;
mod start;
mod status;
mod tags;

impl Msg {
    /// A number with its noun, in the singular for one: "1 Karte",
    /// "3 Karten".
    pub fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
        let noun = if n == 1 { one } else { many };
        format!("{n} {}", noun.text(lang))
    }

    /// "1 Karte", "3 Karten".
    pub fn cards(lang: Lang, n: usize) -> String {
        let s = Msg::count(lang, n, Msg::Card, Msg::Cards);
        match lang {
            Lang::De => s,
            Lang::En => s.to_lowercase(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of every screen.
    fn all() -> impl Iterator<Item = Msg> {
        [
            board::ALL,
            entry::ALL,
            export::ALL,
            form::ALL,
            help::ALL,
            measures::ALL,
            photo::ALL,
            review::ALL,
            search::ALL,
            start::ALL,
            status::ALL,
            tags::ALL,
        ]
        .into_iter()
        .flatten()
        .copied()
    }

    #[test]
    fn one_card_is_singular() {
        assert_eq!(Msg::cards(Lang::De, 1), "1 Karte");
        assert_eq!(Msg::cards(Lang::De, 0), "0 Karten");
        assert_eq!(Msg::cards(Lang::En, 1), "1 card");
        assert_eq!(Msg::cards(Lang::En, 2), "2 cards");
        assert_eq!(
            Msg::count(Lang::De, 1, Msg::TagOne, Msg::TagMany),
            "1 Handlungsfeld"
        );
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let s = Msg::TooSmallNeed.fill(
            Lang::En,
            &[("need_w", &60), ("need_h", &15), ("w", &40), ("h", &10)],
        );
        assert_eq!(
            s,
            "Needed: 60×15 characters, now: 40×10. Please enlarge the window."
        );
        // The German sentence puts the values in another order than the call.
        let s = Msg::ExportNothing.fill(Lang::De, &[("dir", &"out/"), ("same", &3)]);
        assert_eq!(s, "Nichts zu schreiben: 3 Dateien in out/ unverändert");
        assert!(
            Msg::Saved
                .fill(Lang::De, &[("file", &"a.ron")])
                .ends_with("a.ron")
        );
    }

    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        let count = crate::i18n::text::check(all());
        assert!(count > 300, "only {count} texts found");
    }
}
