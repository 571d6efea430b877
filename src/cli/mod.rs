//! The commands of the command line, one file each.

pub mod check;
pub mod cluster;
pub mod export;
pub mod git_setup;
pub mod import;
pub mod merge;
pub mod new;
pub mod repair;
pub mod tui;

/// What a command ends with: nothing, or the message for stderr.
pub type CmdResult = Result<(), String>;
