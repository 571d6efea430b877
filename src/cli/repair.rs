//! `stellwand repair FILE`: gives ids used more than once new ones, after
//! a backup of the file; every card stays.

use std::path::Path;

use stellwand::core::error::Lang;
use stellwand::core::repair;

use super::CmdResult;

pub fn run(file: &Path, lang: Lang) -> CmdResult {
    let done = repair::repair_file(file).map_err(|e| e.render(lang))?;
    say!("{}", done.message(file, lang));
    Ok(())
}
