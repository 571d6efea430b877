//! A board template that is not known.

use crate::core::error::Lang;
use crate::core::template::UnknownTemplate;

impl UnknownTemplate {
    pub fn message(&self, lang: Lang) -> String {
        let known = self.known.join(", ");
        match lang {
            Lang::De => {
                format!("Unbekannte Vorlage „{}“. Bekannt sind: {known}", self.name)
            }
            Lang::En => {
                format!("unknown template '{}'. Known templates: {known}", self.name)
            }
        }
    }
}
