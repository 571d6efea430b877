//! Opening, recovering, saving and repairing a session file: why it is
//! read-only, what came back after a crash, where a conflicting save went.

use std::path::Path;

use crate::core::error::Lang;
use crate::core::model::FORMAT_VERSION;
use crate::core::repair::Repaired;
use crate::core::session_file::{Opened, ReadOnly, Recovered, Saved, backup_path};
use crate::i18n::Msg;
use crate::i18n::text::texts;

impl ReadOnly {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadOnly::Newer(e) => e.render(lang),
            ReadOnly::NotUnderstood(e) => match lang {
                Lang::De => format!(
                    "{} – nur lesend geöffnet, damit beim Speichern nichts verloren geht",
                    e.render(lang)
                ),
                Lang::En => format!(
                    "{} – opened read-only, so that saving loses nothing",
                    e.render(lang)
                ),
            },
            ReadOnly::Locked(Some(o)) => match lang {
                Lang::De => format!(
                    "Schon geöffnet von {} auf {} (Prozess {}) – nur lesend",
                    o.user, o.host, o.pid
                ),
                Lang::En => format!(
                    "Already open by {} on {} (process {}) – read-only",
                    o.user, o.host, o.pid
                ),
            },
            ReadOnly::Locked(None) => lang
                .pick(
                    "Schon in einem anderen stellwand geöffnet – nur lesend",
                    "Already open in another stellwand – read-only",
                )
                .to_string(),
            ReadOnly::Unwritable(e) => match lang {
                Lang::De => format!("{} – nur lesend geöffnet", e.render(lang)),
                Lang::En => format!("{} – opened read-only", e.render(lang)),
            },
        }
    }
}

impl Recovered {
    /// What to tell the clerk; `draft` says how the draft came back (e.g.
    /// "in the editor"), `None` when it was not used.
    pub fn describe(&self, lang: Lang, draft: Option<&str>) -> String {
        let r = &self.replay;
        let mut parts = Vec::new();
        if r.applied > 0 {
            parts.push(match lang {
                Lang::De => format!("{} Änderung(en)", r.applied),
                Lang::En => format!("{} change(s)", r.applied),
            });
        }
        if let Some(how) = draft {
            parts.push(match lang {
                Lang::De => format!("angefangene Karte {how}"),
                Lang::En => format!("card being typed {how}"),
            });
        }
        let mut text = if parts.is_empty() {
            String::new()
        } else {
            format!(
                "{} {}.",
                lang.pick("Wiederhergestellt:", "Recovered:"),
                parts.join(lang.pick(" und ", " and "))
            )
        };
        let mut add = |s: String| {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&s);
        };
        if r.skipped > 0 {
            add(match lang {
                Lang::De => format!(
                    "{} Journaleintrag/-einträge passte(n) nicht mehr und wurde(n) übergangen.",
                    r.skipped
                ),
                Lang::En => format!(
                    "{} journal record(s) no longer fitted and were left out.",
                    r.skipped
                ),
            });
        }
        if r.torn {
            add(lang
                .pick(
                    "Ein unvollständiger letzter Journaleintrag wurde verworfen.",
                    "An incomplete last journal record was dropped.",
                )
                .to_string());
        }
        if let Some(p) = &self.kept_journal {
            add(match lang {
                Lang::De => format!(
                    "Ein Journal zu einer anderen Fassung der Datei liegt unter {}.",
                    p.display()
                ),
                Lang::En => format!(
                    "A journal of another version of the file was kept as {}.",
                    p.display()
                ),
            });
        }
        text
    }
}

impl Opened {
    /// The note about an upgrade, naming the backup to come.
    pub fn upgrade_note(&self, lang: Lang) -> Option<String> {
        let from = self.upgraded_from?;
        let file = self.file.as_ref()?;
        let backup = backup_path(file.path(), from);
        Some(match lang {
            Lang::De => format!(
                "Älteres Dateiformat (Version {from}): wird beim Speichern auf Version {} gebracht, das Original bleibt als {} erhalten.",
                FORMAT_VERSION,
                backup.display()
            ),
            Lang::En => format!(
                "Older file format (version {from}): upgraded to version {} on saving, the original is kept as {}.",
                FORMAT_VERSION,
                backup.display()
            ),
        })
    }
}

impl Saved {
    pub fn message(&self, lang: Lang) -> Option<String> {
        match self {
            Saved::Written => None,
            Saved::Conflict { original, side } => Some(match lang {
                Lang::De => format!(
                    "{} wurde von einem anderen Programm geändert und nicht überschrieben. Ihre Fassung ist in {} gespeichert; es geht dort weiter.",
                    original.display(),
                    side.display()
                ),
                Lang::En => format!(
                    "{} was changed by another program and was not overwritten. Your version is saved as {}; work goes on there.",
                    original.display(),
                    side.display()
                ),
            }),
        }
    }
}

texts! {
    RepairNothing = ("{file}: keine doppelten Kennungen, nichts zu tun", "{file}: no duplicate ids, nothing to do"),
    Repaired = ("{file}: alle {cards} Karten erhalten, {renamed} doppelte Kennung(en) neu vergeben ({pairs}); das Original liegt unter {backup}", "{file}: all {cards} cards kept, {renamed} duplicate id(s) renewed ({pairs}); the original is kept as {backup}"),
}

impl Repaired {
    pub fn message(&self, path: &Path, lang: Lang) -> String {
        let file = path.display();
        let Some(backup) = &self.backup else {
            return Msg::RepairNothing.fill(lang, &[("file", &file)]);
        };
        let args: [(&str, &dyn std::fmt::Display); 5] = [
            ("file", &file),
            ("cards", &self.cards),
            ("renamed", &self.renamed.len()),
            ("pairs", &self.pairs()),
            ("backup", &backup.display()),
        ];
        Msg::Repaired.fill(lang, &args)
    }

    fn pairs(&self) -> String {
        self.renamed
            .iter()
            .map(|(a, b)| format!("{a} → {b}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
