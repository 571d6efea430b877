//! What the command line prints, one file per command; its help texts in
//! [`help`]. The texts are `Msg` constants like the screens' (see
//! [`crate::i18n::text`]), named after their command.

pub mod help;

mod check;
mod cluster;
mod export;
mod git_setup;
mod import;
mod merge;
mod new;
mod progress;

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        let all = [
            super::check::ALL,
            super::cluster::ALL,
            super::export::ALL,
            super::git_setup::ALL,
            super::import::ALL,
            super::merge::ALL,
            super::new::ALL,
            super::progress::ALL,
            crate::i18n::session::ALL,
            crate::i18n::export::ALL,
            crate::i18n::files::ALL,
        ];
        let count = crate::i18n::text::check(all.into_iter().flatten().copied());
        assert!(count > 10, "only {count} texts found");
    }
}
