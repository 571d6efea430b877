//! A test hook for crash tests, compiled only with the `test-hooks` feature
//! (which `cargo test` switches on; release builds never have it): with
//! `STELLWAND_TEST_PANIC=<point>` set, the program panics at that point, so
//! tests can check that the terminal is restored and the data written.
//! `start` fires right after the terminal is set up; `update`, `draw`,
//! `tick` and `save` fire once, at their next occurrence after F12 was
//! pressed. Without the variable nothing happens.

#[cfg(feature = "test-hooks")]
mod hook {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicBool, Ordering};

    static ARMED: AtomicBool = AtomicBool::new(false);

    fn point() -> Option<&'static str> {
        static POINT: OnceLock<Option<String>> = OnceLock::new();
        POINT
            .get_or_init(|| std::env::var("STELLWAND_TEST_PANIC").ok())
            .as_deref()
    }

    /// F12 was pressed: arms the hook. False when no hook is set.
    pub fn arm() -> bool {
        if point().is_some() {
            ARMED.store(true, Ordering::SeqCst);
            true
        } else {
            false
        }
    }

    /// With `STELLWAND_TEST_SAVE_PAUSE=<ms>`, waits that long at each step
    /// of a save on another thread, so that tests can act while it runs.
    pub fn pause(_step: &str) {
        static MS: OnceLock<u64> = OnceLock::new();
        let ms = *MS.get_or_init(|| {
            std::env::var("STELLWAND_TEST_SAVE_PAUSE")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        });
        if ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }

    /// Panics when `name` is the point set and the hook is armed.
    pub fn check(name: &str) {
        if point() == Some(name) && (name == "start" || ARMED.swap(false, Ordering::SeqCst)) {
            panic!("STELLWAND_TEST_PANIC: panic at {name}");
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
mod hook {
    /// Without the feature F12 is an ordinary key.
    pub fn arm() -> bool {
        false
    }

    /// Without the feature saves never wait.
    #[inline(always)]
    pub fn pause(_step: &str) {}

    /// Without the feature nothing panics.
    #[inline(always)]
    pub fn check(_name: &str) {}
}

pub use hook::{arm, check, pause};
