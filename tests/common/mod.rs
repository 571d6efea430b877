//! Helpers shared by end-to-end tests: the real binary in a pseudo-terminal.

pub mod pty;
