//! `stellwand [PATH]`: the terminal UI on a session file or a folder.

use std::path::PathBuf;

use stellwand::core::error::Lang;
use stellwand::core::template::Templates;

use super::CmdResult;

pub fn run(path: Option<PathBuf>, lang: Lang, templates: &Templates) -> CmdResult {
    let path = path.unwrap_or_else(|| PathBuf::from("sessions"));
    // A folder (or a name without extension) lists its sessions; a file opens directly.
    // Read once the terminal is set up, while it answers the graphics query.
    let open = || {
        let mut app = if path.is_dir() || path.extension().is_none() {
            stellwand::tui::App::new(lang, templates.clone(), &path)
        } else {
            stellwand::tui::App::open_file(lang, templates.clone(), &path)
        };
        app.recent = stellwand::core::recent::default_path();
        app.restore_place();
        app
    };
    stellwand::tui::run_opening(open).map_err(|e| e.to_string())
}
