//! Helpers shared by the integration tests.
// Each test crate uses only some of the helpers.
#![allow(dead_code)]

pub mod pty;
