//! The export: why it cannot start, what it will write, what the concept
//! holds, and the files of the target folder it leaves alone.

use crate::core::error::Lang;
use crate::core::export::blocks::MarkerDamage;
use crate::core::export::{Change, ExportError, ExportProblem, Plan, UNTAGGED_FILE};
use crate::i18n::Msg;
use crate::i18n::text::texts;

texts! {
    ConceptReport = ("Im Konzept: {chapters} mit Inhalt; {themes}{suggestions}, {tagged} ohne Thema in ihrem Handlungsfeld, {untagged} ohne Handlungsfeld ({file}).\n", "In the concept: {chapters} with content; {themes}{suggestions}, {tagged} without a theme in their field of action, {untagged} without a field of action ({file}).\n"),
}

impl ExportProblem {
    /// What is wrong with the file (the file and place are given with it).
    pub fn message(&self, lang: Lang) -> String {
        let (de, en) = match self {
            ExportProblem::Link => (
                "ist ein symbolischer Link; stellwand folgt ihm nicht und schreibt die Datei nicht",
                "is a symbolic link; stellwand does not follow it and does not write the file",
            ),
            ExportProblem::LinkNotWritten => (
                "ist ein symbolischer Link; wird nicht geschrieben",
                "is a symbolic link; not written",
            ),
            ExportProblem::NotRegular => (
                "ist keine gewöhnliche Datei; wird nicht geschrieben",
                "is not a regular file; not written",
            ),
            ExportProblem::NotUtf8 => (
                "ist keine UTF-8-Textdatei; wird nicht geschrieben",
                "is not UTF-8 text; not written",
            ),
            ExportProblem::ForeignCsv => (
                "gibt es schon und stammt nicht aus diesem Export; wird nicht überschrieben",
                "exists and does not come from this export; not overwritten",
            ),
            ExportProblem::ForeignProtocol => (
                "gibt es schon und ist kein von stellwand geschriebenes Protokoll dieser Sitzung; wird nicht überschrieben",
                "exists and is not a protocol of this session written by stellwand; not overwritten",
            ),
            ExportProblem::LinkOrNotRegular => (
                "ist ein symbolischer Link oder keine gewöhnliche Datei; wird nicht geschrieben",
                "is a symbolic link or not a regular file; not written",
            ),
            ExportProblem::ForeignQda => (
                "gibt es schon und ist nicht von stellwand geschrieben; wird nicht überschrieben",
                "exists and was not written by stellwand; not overwritten",
            ),
            ExportProblem::NoCodes => (
                "nichts zu schreiben: kein Handlungsfeld und kein Thema (ein Codebuch braucht mindestens einen Code)",
                "nothing to write: no field of action and no theme (a codebook needs at least one code)",
            ),
            ExportProblem::PhotoLeftOut { board, why } => {
                return match lang {
                    Lang::De => format!("Foto der Wand „{board}“ nicht im Projekt: {why}"),
                    Lang::En => format!("photo of board '{board}' left out of the project: {why}"),
                };
            }
            ExportProblem::NotPacked(e) => {
                return match lang {
                    Lang::De => format!("Projekt nicht gepackt: {e}"),
                    Lang::En => format!("project not packed: {e}"),
                };
            }
            ExportProblem::Marker(damage) => return damage.message(lang),
        };
        lang.pick(de, en).to_string()
    }
}

impl MarkerDamage {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MarkerDamage::Unreadable, Lang::De) => {
                "beschädigte stellwand-Markierung (von Hand geändert?); die Datei wird nicht geschrieben".into()
            }
            (MarkerDamage::Unreadable, Lang::En) => {
                "damaged stellwand marker (edited by hand?); the file is not written".into()
            }
            (MarkerDamage::GeneratedNotFirst, Lang::De) => {
                "Markierung „stellwand:generated“ gehört in die erste Zeile".into()
            }
            (MarkerDamage::GeneratedNotFirst, Lang::En) => {
                "marker 'stellwand:generated' belongs on the first line".into()
            }
            (MarkerDamage::Unclosed { section }, Lang::De) => {
                format!("Anfangsmarkierung ({section}) ohne Endmarkierung")
            }
            (MarkerDamage::Unclosed { section }, Lang::En) => {
                format!("begin marker ({section}) without an end marker")
            }
            (MarkerDamage::Twice { section, first }, Lang::De) => {
                format!("Block „{section}“ kommt doppelt vor (zuerst in Zeile {first})")
            }
            (MarkerDamage::Twice { section, first }, Lang::En) => {
                format!("block '{section}' appears twice (first on line {first})")
            }
            (
                MarkerDamage::Mismatch {
                    section,
                    line,
                    column,
                },
                Lang::De,
            ) => format!(
                "Endmarkierung passt nicht zur Anfangsmarkierung ({section}) in Zeile {line}, Spalte {column}"
            ),
            (
                MarkerDamage::Mismatch {
                    section,
                    line,
                    column,
                },
                Lang::En,
            ) => format!(
                "end marker does not match the begin marker ({section}) on line {line}, column {column}"
            ),
            (MarkerDamage::EndWithoutBegin, Lang::De) => {
                "Endmarkierung ohne Anfangsmarkierung".into()
            }
            (MarkerDamage::EndWithoutBegin, Lang::En) => {
                "end marker without a begin marker".into()
            }
        }
    }
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::MissingDir(d), Lang::De) => format!(
                "Zielordner {} gibt es nicht. Mit --create anlegen lassen oder vorher anlegen: mkdir -p {}",
                d.display(),
                d.display()
            ),
            (ExportError::MissingDir(d), Lang::En) => format!(
                "target folder {} does not exist. Add --create to create it, or create it first: mkdir -p {}",
                d.display(),
                d.display()
            ),
            (ExportError::NotADir(d), Lang::De) => {
                format!("{} ist kein Ordner", d.display())
            }
            (ExportError::NotADir(d), Lang::En) => format!("{} is not a folder", d.display()),
            (ExportError::DuplicateSession(id), Lang::De) => format!(
                "zwei Sitzungen haben dieselbe Kennung „{id}“; bitte nur eine davon exportieren"
            ),
            (ExportError::DuplicateSession(id), Lang::En) => {
                format!("two sessions have the same id '{id}'; export only one of them")
            }
            (ExportError::Io(e), lang) => e.render(lang),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::De))
    }
}

impl Plan {
    /// A short report: one line per new or changed file, then a count of
    /// unchanged ones.
    pub fn summary(&self, lang: Lang) -> String {
        let mut out = String::new();
        if self.create_dir {
            out.push_str(&format!(
                "{} {}\n",
                lang.pick("Ordner anlegen:", "create folder:"),
                self.dir.display()
            ));
        }
        for f in self.changes() {
            let what = match f.change {
                Change::Added => lang.pick("neu     ", "new     "),
                _ => lang.pick("geändert", "changed "),
            };
            out.push_str(&format!(
                "{what} {} (+{} -{})\n",
                f.path.display(),
                f.added,
                f.removed
            ));
        }
        let same = self.files.len() - self.changes().count();
        if same > 0 || self.files.is_empty() {
            out.push_str(&match lang {
                Lang::De => format!("{same} Datei(en) unverändert\n"),
                Lang::En => format!("{same} file(s) unchanged\n"),
            });
        }
        out
    }

    /// What the concept holds, in words, and how to make themes when there
    /// are none. Empty for other formats.
    pub fn report(&self, lang: Lang) -> String {
        let Some(c) = self.counts else {
            return String::new();
        };
        let [chapter, theme, suggestion, card] = match lang {
            Lang::De => [
                ("Kapitel", "Kapitel"),
                ("Thema", "Themen"),
                ("Vorschlag", "Vorschläge"),
                ("Karte", "Karten"),
            ],
            Lang::En => [
                ("chapter", "chapters"),
                ("theme", "themes"),
                ("suggestion", "suggestions"),
                ("card", "cards"),
            ],
        };
        let n = |n: usize, (one, many): (&str, &str)| {
            format!("{n} {}", if n == 1 { one } else { many })
        };
        let suggestions = if c.suggestions > 0 {
            let and = lang.pick("und", "and");
            format!(" {and} {}", n(c.suggestions, suggestion))
        } else {
            String::new()
        };
        let args: [(&str, &dyn std::fmt::Display); 6] = [
            ("chapters", &n(c.chapters, chapter)),
            ("themes", &n(c.themes, theme)),
            ("suggestions", &suggestions),
            ("tagged", &n(c.tagged_cards, card)),
            ("untagged", &n(c.unsorted_cards, card)),
            ("file", &UNTAGGED_FILE),
        ];
        let mut out = Msg::ConceptReport.fill(lang, &args);
        if c.chapters == 0 {
            out.push_str(lang.pick(
                "Noch keine Karte mit Handlungsfeld. Auf der Wand wählt t eines (beim ersten Mal einen Satz wie „Rostock 2020“), danach setzen die Tasten 1–9 sie.\n",
                "No card has a field of action yet. On the board, t picks one (the first time a set such as 'Rostock 2020'); after that the keys 1–9 set them.\n",
            ));
        }
        if c.themes + c.suggestions == 0 {
            out.push_str(lang.pick(
                "Noch keine Themen. So entstehen sie: die Sitzung mit stellwand öffnen, c öffnet die Clusterprüfung, a nimmt einen Vorschlag als Thema an, t ordnet ihm ein Handlungsfeld zu. \
                 Die Vorschläge zeigt auch `stellwand cluster DATEI`; mit --suggestions kommen sie unbestätigt ins Konzept.\n",
                "No themes yet. To make them: open the session in stellwand, c opens the cluster review, a accepts a suggestion as a theme, t assigns it a field of action. \
                 `stellwand cluster FILE` lists the suggestions too; with --suggestions they go into the concept unconfirmed.\n",
            ));
        }
        out
    }
}
