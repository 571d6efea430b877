//! The session loader on arbitrary bytes: an error or a session, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stellwand::core::store;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(loaded) = store::parse(std::path::Path::new("fuzz.ron"), text)
        // A file of a newer format is only shown, never saved.
        && !loaded.read_only
    {
        // What loads to be edited must save and load back to the same session.
        let again = store::parse(
            std::path::Path::new("fuzz.ron"),
            &store::to_ron(&loaded.session),
        )
        .expect("a saved session loads");
        assert_eq!(again.session, loaded.session);
    }
});
