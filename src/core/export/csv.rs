//! Cards as CSV, one row per card, for spreadsheet programs.

use super::{Options, Source, Target};

pub(super) fn plan(_target: &mut Target, _sources: &[Source], _options: &Options) {}
