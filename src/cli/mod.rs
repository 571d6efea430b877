//! The commands of the command line, one file each.

pub mod check;
pub mod cluster;
pub mod export;
pub mod import;
pub mod new;
pub mod tui;

/// What a command ends with: nothing, or the message for stderr.
pub type CmdResult = Result<(), String>;
