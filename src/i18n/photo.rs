//! Why a photo cannot be shown.

use crate::core::error::Lang;
use crate::core::photo::{MAX_DECODE_BYTES, PhotoError};

impl PhotoError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PhotoError::NotFound(p), Lang::De) => format!("Foto nicht gefunden: {}", p.display()),
            (PhotoError::NotFound(p), Lang::En) => format!("Photo not found: {}", p.display()),
            (PhotoError::Unreadable { path, reason }, Lang::De) => {
                format!("Foto nicht lesbar: {}: {reason}", path.display())
            }
            (PhotoError::Unreadable { path, reason }, Lang::En) => {
                format!("Photo cannot be read: {}: {reason}", path.display())
            }
            (PhotoError::NotAnImage { path, reason }, Lang::De) => format!(
                "{} ist kein lesbares Bild (PNG oder JPEG erwartet): {reason}",
                path.display()
            ),
            (PhotoError::NotAnImage { path, reason }, Lang::En) => format!(
                "{} is not a readable image (PNG or JPEG expected): {reason}",
                path.display()
            ),
            (PhotoError::TooLarge { path }, Lang::De) => format!(
                "{} ist zu groß zum Anzeigen (mehr als {} MB im Speicher)",
                path.display(),
                MAX_DECODE_BYTES >> 20
            ),
            (PhotoError::TooLarge { path }, Lang::En) => format!(
                "{} is too large to show (more than {} MB in memory)",
                path.display(),
                MAX_DECODE_BYTES >> 20
            ),
        }
    }
}
