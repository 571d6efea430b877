//! `--help` speaks the interface language: German by default, English
//! with `--lang en`, for the program and every command.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stellwand"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

const ENGLISH: [&str; 7] = [
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "[default:",
    "possible values",
];

#[test]
fn help_is_german_in_german_mode_and_english_in_english_mode() {
    let top = help(&["--help"]);
    assert!(
        top.contains("Aufruf: stellwand") && top.contains("Befehle:"),
        "{top}"
    );
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Befehle:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    for page in std::iter::once(top.clone()).chain(commands.iter().map(|c| help(&[c, "--help"]))) {
        for word in ENGLISH {
            assert!(!page.contains(word), "{word:?} in German help:\n{page}");
        }
        assert!(page.contains("Hilfe anzeigen"), "{page}");
    }
    let new = help(&["new", "--help"]);
    assert!(new.contains("Datum als JJJJ-MM-TT"), "{new}");
    let en = help(&["--lang", "en", "new", "--help"]);
    assert!(
        en.contains("Usage:") && en.contains("Date as YYYY-MM-DD"),
        "{en}"
    );
    assert!(!en.contains("Aufruf"), "{en}");
}
