//! The state each mode of the shell keeps, without the code that handles
//! its keys: the app holds these, and the modes' handlers change them.

pub mod clipboard;
pub mod export;
pub mod form;
pub mod learning;
pub mod measures;
pub mod picker;
pub mod review;
pub mod search;
