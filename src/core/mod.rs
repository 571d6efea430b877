//! The domain core: everything stellwand knows, without any terminal code.

pub mod cluster;
pub mod date;
pub mod edit;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod journal;
pub mod lock;
pub mod measures;
pub mod merge;
pub mod model;
pub mod photo;
pub mod recent;
pub mod repair;
pub mod sanitize;
pub mod search;
pub mod session_file;
pub mod store;
pub mod template;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text;
pub mod tidy;
pub mod workspace;
