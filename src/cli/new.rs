//! `stellwand new`: a new session holding one empty board of a template.

use std::path::Path;

use stellwand::core::date;
use stellwand::core::error::Lang;
use stellwand::core::model::Session;
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::i18n::Msg;

use super::CmdResult;

pub fn run(
    templates: &Templates,
    lang: Lang,
    template: &str,
    title: &str,
    date: Option<String>,
    place: Option<String>,
    file: &Path,
) -> CmdResult {
    let board_template = templates
        .require_board(template)
        .map_err(|e| e.message(lang))?;
    let date = date.unwrap_or_default();
    if !date.is_empty()
        && let Err(e) = date::parse(&date)
    {
        return Err(format!("--date: {}", e.message(lang)));
    }
    if file.exists() {
        return Err(Msg::NewFileExists.fill(lang, &[("file", &file.display())]));
    }
    let place = place.unwrap_or_default();
    let session = Session::from_template(board_template, title, &date, &place, None);
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    store::save(file, &session).map_err(|e| e.render(lang))?;
    say!(
        "{}",
        Msg::NewCreated.fill(lang, &[("file", &file.display())])
    );
    Ok(())
}
