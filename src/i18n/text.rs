//! The shape of a piece of interface text: a constant `Msg::Name` with its
//! German and English wording side by side, and named placeholders
//! (`{file}`, `{n}`) filled with [`Msg::fill`]. The texts themselves are
//! declared with `texts!` in the file of the screen ([`crate::tui::i18n`])
//! or command ([`crate::i18n::cli`]) that shows them.

use std::fmt::Display;

use crate::core::error::Lang;

/// A piece of interface text: its name and its German and English wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    name: &'static str,
    de: &'static str,
    en: &'static str,
}

/// Declares texts as `Msg` constants, and lists them (as `ALL`) for the
/// tests: `texts! { Saved = ("Gespeichert: {file}", "Saved: {file}"), }`.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = ($de:expr, $en:expr $(,)?),)*) => {
        #[allow(non_upper_case_globals)]
        impl $crate::i18n::Msg {
            $(
                $(#[$doc])*
                pub const $name: $crate::i18n::Msg =
                    $crate::i18n::Msg::new(stringify!($name), $de, $en);
            )*
        }

        #[cfg(test)]
        pub(super) const ALL: &[$crate::i18n::Msg] = &[$($crate::i18n::Msg::$name),*];
    };
}
pub(crate) use texts;

impl Msg {
    #[doc(hidden)]
    pub const fn new(name: &'static str, de: &'static str, en: &'static str) -> Msg {
        Msg { name, de, en }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.de, self.en)
    }

    /// The text with each `{name}` replaced by the value given for `name`.
    /// A placeholder without a value stays as it is (and fails in tests).
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        let text = self.text(lang);
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (close, v))
            });
            match value {
                Some((close, v)) => {
                    out.push_str(&v.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    debug_assert!(
                        false,
                        "{}: no value for a placeholder in {text:?}",
                        self.name
                    );
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The `{name}`s of a text, in order.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Checks a list of texts: both languages written, with the same plain
/// placeholder names. Returns how many there were.
#[cfg(test)]
pub(crate) fn check(all: impl IntoIterator<Item = Msg>) -> usize {
    let mut count = 0;
    for m in all {
        count += 1;
        assert!(!m.de.is_empty() && !m.en.is_empty(), "{} is empty", m.name);
        let (mut de, mut en) = (placeholders(m.de), placeholders(m.en));
        for name in de.iter().chain(&en) {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}: placeholder {{{name}}} is not a plain name",
                m.name
            );
        }
        de.sort();
        en.sort();
        assert_eq!(
            de, en,
            "{}: German and English differ in placeholders",
            m.name
        );
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: Msg = Msg::new("Sample", "{n} Dateien in {dir}", "{dir}: {n} files");

    #[test]
    fn placeholders_are_filled_by_name_in_each_language_order() {
        let args: &[(&str, &dyn Display)] = &[("dir", &"out/"), ("n", &3)];
        assert_eq!(SAMPLE.fill(Lang::De, args), "3 Dateien in out/");
        assert_eq!(SAMPLE.fill(Lang::En, args), "out/: 3 files");
    }

    #[test]
    fn a_text_with_other_placeholders_in_one_language_is_caught() {
        let bad = Msg::new("Bad", "{n} Dateien", "{count} files");
        let caught = std::panic::catch_unwind(|| check([bad]));
        assert!(caught.is_err());
        assert_eq!(check([SAMPLE]), 1);
    }
}
