//! Helpers shared by end-to-end tests: the real binary in a pseudo-terminal.
// Each test crate uses only some of the helpers.
#![allow(dead_code)]

pub mod pty;
