//! Helpers shared by the integration tests.
// Each test crate uses only some of the helpers.
#![allow(dead_code)]

pub mod pty;

/// Says on the terminal, past the test harness's capture, that a test did
/// not run and why.
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}
