//! The session file shown in the README is a real file: the sample in the
//! README is `tests/fixtures/readme-session.ron` word for word, the program
//! reads it without upgrading, and writes it back unchanged.

use std::path::Path;

use stellwand::core::store;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the README's ```ron block.
fn readme_sample() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```ron\n").expect("a RON sample in the README") + 7;
    let end = start + readme[start..].find("```").expect("the sample ends");
    readme[start..end].to_string()
}

#[test]
fn the_readme_sample_is_the_fixture_and_a_real_session_file() {
    let file = root().join("tests/fixtures/readme-session.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(readme_sample(), text, "README and fixture differ");
    let loaded = store::load(&file).expect("the sample loads");
    assert_eq!(
        loaded.upgraded_from, None,
        "the sample is in the present format"
    );
    assert!(!loaded.read_only);
    let s = &loaded.session;
    assert_eq!(s.boards[0].columns[0].cards.len(), 3);
    assert!(s.boards[0].columns[0].cards[1].flags.uncertain);
    // Written back, the file is the same: the sample shows the real format.
    assert_eq!(store::to_ron(s), text);
}
