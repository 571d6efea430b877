//! The commands of the command line, one file each.

/// `println!` for text that may come from files (card text, file names):
/// control characters are shown (`␛`), never sent to the terminal as such.
macro_rules! say {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", stellwand::core::sanitize::terminal(&format!($($arg)*)))
    };
}

/// `eprintln!` made safe as [`say!`] is.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", stellwand::core::sanitize::terminal(&format!($($arg)*)))
    };
}

pub mod check;
pub mod cluster;
pub mod export;
pub mod git_setup;
pub mod help;
pub mod import;
pub mod merge;
pub mod new;
pub mod progress;
pub mod repair;
pub mod tui;

/// What a command ends with: nothing, or the message for stderr.
pub type CmdResult = Result<(), String>;
