//! A session as one Markdown document that mirrors the photo protocol.

use super::{Options, Source, Target};
use crate::core::template::Templates;

pub(super) fn plan(
    _target: &mut Target,
    _sources: &[Source],
    _templates: &Templates,
    _options: &Options,
) {
}
