//! `stellwand import`: plain text or protocol text to a session file.

use std::path::Path;

use stellwand::core::error::Lang;
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::i18n::Msg;

use super::CmdResult;

pub fn run(
    templates: &Templates,
    lang: Lang,
    template: &str,
    textfile: &Path,
    output: &Path,
) -> CmdResult {
    let board_template = templates
        .require_board(template)
        .map_err(|e| e.message(lang))?;
    // Checked before reading, and never overwritten: an earlier import may
    // already hold the clerk's corrections.
    if output.exists() {
        return Err(Msg::ImportFileExists.fill(lang, &[("file", &output.display())]));
    }
    let session = stellwand::core::import::import_file(textfile, templates, board_template)
        .map_err(|e| e.render(lang))?;
    store::save(output, &session).map_err(|e| e.render(lang))?;
    let boards = session.boards.len();
    let cards = session.card_count();
    let done = Msg::ImportDone.fill(
        lang,
        &[
            ("boards", &boards),
            ("cards", &cards),
            ("file", &output.display()),
        ],
    );
    say!("{done}");
    Ok(())
}
