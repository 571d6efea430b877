//! How far a long clustering run got, read from another thread (the
//! review's screen, the command line's progress line), and a way to stop
//! it early.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

#[derive(Debug, Default)]
struct Shared {
    /// Done so far, in millionths.
    done: AtomicU32,
    cancelled: AtomicBool,
}

/// A handle on a run's progress; clones share it. A part of a run reports
/// through [`Progress::part`], which maps its own 0–1 onto a stretch of the
/// whole.
#[derive(Debug, Clone)]
pub struct Progress {
    shared: Arc<Shared>,
    from: f32,
    span: f32,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            shared: Arc::default(),
            from: 0.0,
            span: 1.0,
        }
    }
}

impl Progress {
    /// Sets how far this part got (0–1); progress never goes back.
    pub fn set(&self, fraction: f32) {
        let whole = self.from + self.span * fraction.clamp(0.0, 1.0);
        let n = (whole * 1_000_000.0) as u32;
        self.shared.done.fetch_max(n, Ordering::Relaxed);
    }

    /// How far the whole run got (0–1).
    pub fn fraction(&self) -> f32 {
        self.shared.done.load(Ordering::Relaxed) as f32 / 1_000_000.0
    }

    /// The stretch `from`–`to` (0–1) of this part, as a part of its own.
    pub fn part(&self, from: f32, to: f32) -> Progress {
        Progress {
            shared: Arc::clone(&self.shared),
            from: self.from + self.span * from,
            span: self.span * (to - from).max(0.0),
        }
    }

    /// Asks the run to stop; it ends soon with nothing.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_to_the_whole_and_never_go_back() {
        let p = Progress::default();
        let second = p.part(0.4, 1.0);
        p.part(0.0, 0.4).set(1.0);
        assert!((p.fraction() - 0.4).abs() < 1e-4);
        second.part(0.5, 1.0).set(0.0);
        assert!((p.fraction() - 0.7).abs() < 1e-4);
        second.set(0.1);
        assert!((p.fraction() - 0.7).abs() < 1e-4, "went back");
        second.set(1.0);
        assert!((p.fraction() - 1.0).abs() < 1e-4);
        assert!(!p.cancelled());
        second.cancel();
        assert!(p.cancelled());
    }
}
