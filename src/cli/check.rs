//! `stellwand check`: one line per problem, `FILE:LINE:COLUMN: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use stellwand::core::date;
use stellwand::core::error::Lang;
use stellwand::core::store;

pub fn run(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut ok = true;
    for file in files {
        match store::load(file) {
            Ok(l) => {
                if let Some(w) = l.warning {
                    eprintln!("{}", w.render(lang));
                    ok = false;
                }
                let text = std::fs::read_to_string(file).unwrap_or_default();
                if let Some(e) = date::check_session(file, &text, &l.session) {
                    eprintln!("{}", e.render(lang));
                    ok = false;
                }
            }
            Err(e) => {
                eprintln!("{}", e.render(lang));
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
