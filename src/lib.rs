//! stellwand: transcribe, tag, cluster and export workshop walls.
//!
//! The [`core`] knows sessions, templates, files, clustering and export; the
//! [`tui`] is the terminal shell on top of it.

pub mod core;
pub mod tui;
