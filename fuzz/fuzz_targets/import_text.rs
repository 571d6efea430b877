//! The text importer on arbitrary text: an error or a session that saves and
//! loads back unchanged, never a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stellwand::core::import::import_text;
use stellwand::core::store;
use stellwand::core::template::Templates;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::builtin)
}

fuzz_target!(|text: &str| {
    let t = templates();
    let template = t.board("district-exchange").expect("built-in template");
    if let Ok(session) = import_text(Path::new("fuzz.txt"), text, t, template) {
        let again = store::parse(Path::new("fuzz.ron"), &store::to_ron(&session))
            .expect("an imported session saves and loads");
        assert_eq!(again.session, session);
    }
});
