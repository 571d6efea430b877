//! Importing any text never panics: it gives a session that saves and loads
//! again, or an error with a place in the file.

use std::path::Path;

use proptest::prelude::*;
use stellwand::core::import::import_text;
use stellwand::core::store;
use stellwand::core::template::Templates;

/// Pieces of notation and protocol text, so that the generated input reaches
/// the interesting paths and not only the "no boards found" error.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \t]{0,3}(#|##|###)[ ]?[a-zäöüß .…]{0,20}",
        "[ ]{0,4}(- |\u{21b3} |→ |-> |• |\\* )?[A-Za-zäöü~!?()\\[\\],./„“0-9 -]{0,30}",
        Just("Integrationskonferenz „Teilhabe gestalten und Gemeinschaft stärken“".to_string()),
        Just("Austausch zu Entwicklungen im Stadtbezirk".to_string()),
        Just("Was läuft gut bei uns im Stadtbezirk...".to_string()),
        Just("Wo sehen wir Handlungsbedarfe...".to_string()),
        Just("Themensammlung".to_string()),
        Just("Thema:".to_string()),
        Just("Kurz: Was ist die Herausforderung / das Problem".to_string()),
        Just("Initiator*in".to_string()),
        Just("Datum: 13. Februar 2019".to_string()),
        Just("Vorlage: working-group".to_string()),
        Just("Anhang".to_string()),
        "[0-9]{1,4}",
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn importing_arbitrary_text_never_panics(lines in prop::collection::vec(line(), 0..40)) {
        let text = lines.join("\n");
        let templates = Templates::builtin();
        for key in ["district-exchange", "working-group", "theme-collection"] {
            let template = templates.board(key).unwrap();
            match import_text(Path::new("x.txt"), &text, &templates, template) {
                Ok(session) => {
                    let ron = store::to_ron(&session);
                    let back = store::parse(Path::new("x.ron"), &ron);
                    prop_assert!(back.is_ok(), "{:?}", back.err());
                }
                Err(e) => prop_assert!(e.line >= 1 && e.column >= 1, "{e}"),
            }
        }
    }
}
