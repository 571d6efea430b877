//! Markdown export of arbitrary card text into a chapter that already holds
//! arbitrary hand-written text: never a panic, and card text can never damage
//! or forge a managed block.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stellwand::core::export::{self, Options, Source, blocks};
use stellwand::core::model::{Board, Card, Column, Session, Tag, Theme};
use stellwand::core::template::Templates;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::builtin)
}

fn empty_dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("stellwand-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp folder");
        d
    })
}

fuzz_target!(|input: (&str, &str, &str)| {
    let (hand_written, card_text, label) = input;
    // Hand-written chapters: the block parser never panics.
    let _ = blocks::parse(hand_written);

    let mut s = Session {
        id: "fuzz".into(),
        title: label.into(),
        tags: vec![Tag {
            key: "sprache".into(),
            name: label.into(),
        }],
        ..Session::default()
    };
    s.boards.push(Board {
        id: "b1".into(),
        title: label.into(),
        template: "district-exchange".into(),
        photos: vec![],
        columns: vec![Column {
            key: "needs".into(),
            heading: "Wo sehen wir Handlungsbedarfe…".into(),
            cards: vec![Card::new("k2", card_text), Card::new("k3", label)],
        }],
        ..Board::default()
    });
    s.themes.push(Theme {
        id: "t4".into(),
        label: label.into(),
        tag: Some("sprache".into()),
        cards: vec!["k2".into(), "k3".into()],
        rejected: vec![],
        confirmed: true,
    });
    let plan = export::plan(
        &[Source {
            session: &s,
            name: "fuzz",
        }],
        templates(),
        empty_dir(),
        &Options::default(),
    )
    .expect("export into an empty folder plans");
    for file in &plan.files {
        assert!(file.path.starts_with(empty_dir()), "{:?}", file.path);
        let text = String::from_utf8(file.content.clone()).expect("Markdown is UTF-8");
        assert!(
            blocks::parse(&text).is_ok(),
            "card text damaged a managed block in {:?}",
            file.path
        );
    }
});
