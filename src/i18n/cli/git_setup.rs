//! `stellwand git-setup`.

use crate::i18n::text::texts;

texts! {
    GitExeUnknown = ("Programmpfad unbekannt: {error}", "program path unknown: {error}"),
    GitDriverName = ("stellwand: Sitzungen nach Kennung zusammenführen", "stellwand: merge sessions by id"),
    GitDone = ("Fertig. .gitattributes und .gitignore einchecken (git add .gitattributes .gitignore; git commit). Der Treiber steht nur in {config}: jede Kollegin und jeder Kollege führt `stellwand git-setup` einmal im eigenen Klon aus.", "Done. Commit .gitattributes and .gitignore (git add .gitattributes .gitignore; git commit). The driver is only in {config}: every colleague runs `stellwand git-setup` once in their own clone."),
    GitAlreadySetUp = ("{file}: schon eingerichtet", "{file}: already set up"),
    GitLinesAdded = ("{file}: {n} Zeile(n) ergänzt", "{file}: {n} line(s) added"),
    GitCannotRun = ("git lässt sich nicht starten (installiert?): {error}", "cannot run git (installed?): {error}"),
    GitNotARepo = ("{dir} ist kein git-Repository: zuerst `git clone …` oder `git init`", "{dir} is not a git repository: run `git clone …` or `git init` first"),
    GitConfigFailed = ("git config {key}: fehlgeschlagen: {error}", "git config {key}: failed: {error}"),
    GitNotUtf8 = ("{file}: keine UTF-8-Textdatei, nicht verändert", "{file}: not UTF-8 text, left alone"),
}
