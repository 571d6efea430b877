//! Where copies go: the system clipboard or the terminal.

use std::io::Write;

/// Why the system clipboard did not take a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemError {
    /// This copy failed (e.g. no display); the next one tries again.
    Failed(String),
    /// It hung or is gone: not tried again while the program runs.
    Gone,
}

/// A system clipboard that can take text (arboard, or a stand-in in tests).
pub trait SystemClipboard: Send {
    fn set_text(&mut self, text: &str) -> Result<(), SystemError>;
}

/// Where copies go: the system clipboard if there is one, else the terminal.
pub struct Clipboard {
    pub(crate) system: Option<Box<dyn SystemClipboard>>,
    pub(crate) terminal: Box<dyn Write + Send>,
}
