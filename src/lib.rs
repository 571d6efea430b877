//! stellwand: transcribe, tag, cluster and export workshop walls.
//!
//! The [`core`] knows sessions, templates, files, clustering and export; the
//! [`tui`] is the terminal shell on top of it; [`i18n`] words what the core
//! reports.

pub mod core;
pub mod i18n;
pub mod tui;
