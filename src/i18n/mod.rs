//! The words for everything the core reports and the command line prints,
//! in German and English, one file per subject; the command line's in
//! [`cli`], one file per command. The terminal screens' own texts are in
//! [`crate::tui::i18n`], one file per screen; both use [`Msg`] ([`text`]).
//!
//! The core hands out typed values (a [`FileProblem`](crate::core::error::FileProblem),
//! a [`DateError`](crate::core::date::DateError), ...); the `message` and
//! `render` methods here turn them into sentences. Placeholders are named
//! (`{mb}`, `{id}`), so each sentence reads whole in both languages.

pub mod cli;
pub mod cluster;
pub mod export;
pub mod files;
pub mod measures;
pub mod merge;
pub mod photo;
pub mod session;
pub mod template;
pub mod text;

pub use crate::core::error::Lang;
pub use text::Msg;
