//! Learning from the clerk: the words she put together in confirmed themes
//! ("Krippe", "U3" and "Tagesmutter" in a Kita theme) become synonyms of
//! one another, in the session and, through the file `learned.ron` of the
//! sessions folder, in every later session of that folder.
//!
//! A theme teaches a word of its cards (or of its label) when the word is
//! mostly found in that theme: more often there than in all other themes
//! together, and on at least a share of all cards that carry it. Generic
//! words ("Ausbau", "Warteliste") teach nothing.
//!
//! The file holds one entry per line, sorted (theme label, word, session),
//! so that two clerks' additions merge in git line by line:
//!
//! ```ron
//! // Gelernte Wörter: …
//! Learned(
//!   version: 1,
//!   words: [
//!     (theme: "Kita-Plätze", word: "krippe", session: "2024-05-nordstadt"),
//!   ],
//! )
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::features::{FeatureKind, Features, LEARNED_WEIGHT};
use super::thesaurus::Group;
use crate::core::error::{FileError, FileProblem};
use crate::core::store::write_atomic;

/// Name of the file in a sessions folder.
pub const LEARNED_FILE: &str = "learned.ron";

/// Version of the file format.
pub const LEARNED_VERSION: u32 = 1;

/// A theme teaches a word found on at least this share of the cards that
/// carry it.
const TEACH_SHARE: f32 = 0.4;

/// One learned word: a word of a confirmed theme, named by its label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedWord {
    /// The theme's label; words of themes with the same label are one group.
    pub theme: String,
    /// The word (lower case, as the engine reads it).
    pub word: String,
    /// The session whose theme taught it.
    pub session: String,
}

/// The learned-words file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Learned", default, deny_unknown_fields)]
pub struct LearnedFile {
    pub version: u32,
    pub words: Vec<LearnedWord>,
}

impl Default for LearnedFile {
    fn default() -> Self {
        LearnedFile {
            version: LEARNED_VERSION,
            words: Vec::new(),
        }
    }
}

pub fn learned_path(dir: &Path) -> PathBuf {
    dir.join(LEARNED_FILE)
}

/// Reads the learned words of a sessions folder; no file means none. A file
/// of a newer version is refused (and so never written over), and so is a
/// pipe, device or folder in its place (never waited on).
pub fn load_learned(dir: &Path) -> Result<Vec<LearnedWord>, FileError> {
    let path = learned_path(dir);
    match read_text(&path)? {
        Some(text) => parse_learned(&path, &text),
        None => Ok(Vec::new()),
    }
}

/// The file's text, `None` when there is none.
fn read_text(path: &Path) -> Result<Option<String>, FileError> {
    match crate::core::files::read_regular_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(FileError::io(path, &e)),
    }
}

/// Parses the text of a learned-words file; `path` is only for messages.
pub fn parse_learned(path: &Path, text: &str) -> Result<Vec<LearnedWord>, FileError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let file: LearnedFile = ron::from_str(text).map_err(|e| FileError::ron(path, &e))?;
    if file.version > LEARNED_VERSION {
        return Err(FileError::new(
            path,
            1,
            1,
            FileProblem::NewerFile {
                found: file.version,
                supported: LEARNED_VERSION,
            },
        ));
    }
    Ok(file.words)
}

/// The file's text: a comment saying what it is, then one entry per line,
/// sorted and without repeats.
pub fn learned_to_ron(words: &[LearnedWord]) -> String {
    let mut words = words.to_vec();
    words.sort();
    words.dedup();
    let mut out = String::from(
        "// Gelernte Wörter: Wörter, die in bestätigten Themen zusammen stehen, gelten in\n\
         // allen Sitzungen dieses Ordners als verwandt (stellwand cluster --no-learn lässt\n\
         // sie aus). Eine Zeile je Wort: Thema (Bezeichnung), Wort, Sitzung, aus der es\n\
         // gelernt wurde. Zeilen dürfen von Hand gelöscht werden.\n\
         Learned(\n  version: 1,\n  words: [\n",
    );
    for w in &words {
        out.push_str(&format!(
            "    (theme: {}, word: {}, session: {}),\n",
            quote(&w.theme),
            quote(&w.word),
            quote(&w.session)
        ));
    }
    out.push_str("  ],\n)\n");
    out
}

fn quote(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Writes the learned words of a folder (atomically), when they changed;
/// returns whether the file was written.
pub fn save_learned(dir: &Path, words: &[LearnedWord]) -> Result<bool, FileError> {
    let path = learned_path(dir);
    let text = learned_to_ron(words);
    match read_text(&path)? {
        Some(old) if old == text => return Ok(false),
        Some(old) => {
            // Never write over a file this version cannot read fully.
            parse_learned(&path, &old)?;
        }
        None if words.is_empty() => return Ok(false),
        None => {}
    }
    write_atomic(&path, text.as_bytes()).map_err(|e| FileError::io(&path, &e))?;
    Ok(true)
}

/// Reads the folder's learned words, changes them with `change` and writes
/// them back, while no other program (or thread) does the same in that
/// folder: two programs learning at once both keep their words. Returns
/// whether the file was written.
pub fn update_learned(
    dir: &Path,
    change: impl FnOnce(Vec<LearnedWord>) -> Vec<LearnedWord>,
) -> Result<bool, FileError> {
    let _lock = FolderLock::take(dir);
    let words = change(load_learned(dir)?);
    save_learned(dir, &words)
}

/// An advisory lock on the sessions folder itself (no lock file is left
/// behind), held while the learned words are read, changed and written.
/// Where a folder cannot be locked, writing goes on without it.
struct FolderLock(Option<std::fs::File>);

impl FolderLock {
    fn take(dir: &Path) -> FolderLock {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        FolderLock(std::fs::File::open(dir).ok().filter(|f| f.lock().is_ok()))
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}

/// The words of `all` with those of session `session` replaced by `taught`.
pub fn replace_session(
    all: &[LearnedWord],
    session: &str,
    taught: Vec<LearnedWord>,
) -> Vec<LearnedWord> {
    let mut out: Vec<LearnedWord> = all
        .iter()
        .filter(|w| w.session != session)
        .cloned()
        .collect();
    out.extend(taught);
    out.sort();
    out.dedup();
    out
}

/// The learned words as thesaurus groups, one per theme label.
pub fn groups(words: &[LearnedWord]) -> Vec<Group> {
    let mut by_theme: Vec<Group> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for w in words {
        let i = *index.entry(w.theme.as_str()).or_insert_with(|| {
            by_theme.push(Group {
                name: w.theme.clone(),
                words: Vec::new(),
                broad: false,
                learned: true,
            });
            by_theme.len() - 1
        });
        if !by_theme[i].words.contains(&w.word) {
            by_theme[i].words.push(w.word.clone());
        }
    }
    by_theme
}

/// The stems each theme teaches, from raw features (before rarity):
/// `theme_of` gives each analysed card's theme, if any.
pub fn taught(features: &Features, theme_of: &[Option<usize>], themes: usize) -> Vec<Vec<u32>> {
    let mut per_theme: Vec<HashMap<u32, u32>> = vec![HashMap::new(); themes];
    let mut in_themes: HashMap<u32, u32> = HashMap::new();
    let mut df: HashMap<u32, u32> = HashMap::new();
    for (i, card) in features.cards.iter().enumerate() {
        for (f, _) in &card.vector {
            let FeatureKind::Stem(s) = &features.kinds[*f as usize] else {
                continue;
            };
            if s.chars().count() < 3 && !s.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            *df.entry(*f).or_default() += 1;
            if let Some(t) = theme_of.get(i).copied().flatten() {
                *per_theme[t].entry(*f).or_default() += 1;
                *in_themes.entry(*f).or_default() += 1;
            }
        }
    }
    per_theme
        .iter()
        .map(|counts| {
            let mut stems: Vec<u32> = counts
                .iter()
                .filter(|&(f, &n)| {
                    let elsewhere = in_themes[f] - n;
                    let weak = features.weak.get(*f as usize).copied().unwrap_or(false);
                    n > elsewhere && n as f32 >= TEACH_SHARE * df[f] as f32 && !weak
                })
                .map(|(f, _)| *f)
                .collect();
            stems.sort_unstable();
            stems
        })
        .collect()
}

/// Gives every card carrying a taught stem the learned feature of its
/// theme (named by `labels[t]`), before [`Features::finish`].
pub fn apply(features: &mut Features, taught: &[Vec<u32>], labels: &[String]) {
    let mut teaches: HashMap<u32, Vec<usize>> = HashMap::new();
    for (t, stems) in taught.iter().enumerate() {
        for f in stems {
            teaches.entry(*f).or_default().push(t);
        }
    }
    if teaches.is_empty() {
        return;
    }
    for i in 0..features.cards.len() {
        let mut hits: Vec<(usize, Option<u32>)> = Vec::new();
        for c in &features.cards[i].carriers {
            if let Some(ts) = teaches.get(&c.feature) {
                for &t in ts {
                    if !hits.iter().any(|(x, _)| *x == t) {
                        hits.push((t, Some(c.token)));
                    }
                }
            }
        }
        for (t, token) in hits {
            features.add(
                i,
                FeatureKind::Learned(labels[t].clone()),
                LEARNED_WEIGHT,
                token,
            );
        }
    }
}

/// Words that end a street's name ("Hauptstraße", "Grillostr.",
/// "Lindenallee") or, written on their own, follow one ("Bochumer Straße").
const STREET_HEADS: [&str; 5] = ["straße", "strasse", "str", "allee", "gasse"];
const STREET_WORDS: [&str; 9] = [
    "straße", "strasse", "str", "allee", "gasse", "weg", "platz", "ring", "damm",
];
/// Heads of a hyphenated name of a building or place after a first name
/// ("Alfred Zingler-Haus").
const NAME_HEADS: [&str; 8] = [
    "haus", "straße", "strasse", "str", "platz", "weg", "hof", "zentrum",
];

/// Which tokens of a card are part of the name of a street or a building:
/// a word ending in a street's head, the capitalised words before a street
/// word, and a capitalised word with the hyphenated name after it.
fn place_like(tokens: &[super::normalise::Token]) -> Vec<bool> {
    let capital =
        |t: &super::normalise::Token| t.surface.chars().next().is_some_and(char::is_uppercase);
    let mut out = vec![false; tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        let Some(last) = t.parts.last() else { continue };
        if STREET_HEADS.iter().any(|h| last.ends_with(h))
            && (t.parts.len() > 1 || last.chars().count() > 6)
        {
            out[i] = true;
        }
        // "Bochumer Straße", "Hohen Zollern Straße": a street word after a
        // capitalised word of a name's form.
        let name_before = i > 0 && {
            let p = &tokens[i - 1];
            capital(p)
                && p.parts
                    .last()
                    .is_some_and(|w| ["er", "ern", "en"].iter().any(|e| w.ends_with(e)))
        };
        if t.parts.len() == 1 && STREET_WORDS.contains(&last.as_str()) && name_before {
            out[i] = true;
            for j in (i.saturating_sub(2)..i).rev() {
                if !capital(&tokens[j]) {
                    break;
                }
                out[j] = true;
            }
        }
        if t.parts.len() > 1
            && NAME_HEADS.contains(&last.as_str())
            && i > 0
            && capital(&tokens[i - 1])
        {
            out[i] = true;
            out[i - 1] = true;
        }
    }
    out
}

/// The words the cards of a theme (`rows`, its label among them) write and
/// that stand for its taught `stems`: a whole word or a part of a
/// hyphenated one ("Kita" of "Kita-Plätze") that is one taught stem, and a
/// compound all of whose pieces are taught ("Akzeptanz", however it was
/// split), never a piece that only comes from splitting a compound ("tanz"
/// of "Akzeptanz") and never a stem ("kirch"). Names of streets and
/// buildings are left out, and so are words written in lower case among
/// capitalised ones (verbs and adjectives say less about a theme than its
/// nouns). Of the spellings of one stem the shortest is kept.
pub fn words_of(features: &Features, stems: &[u32], rows: &[usize]) -> Vec<String> {
    let mut alone: HashMap<u32, String> = HashMap::new();
    let mut compounds: Vec<String> = Vec::new();
    let mut stem_of: HashMap<String, String> = HashMap::new();
    for &r in rows {
        let Some(card) = features.cards.get(r) else {
            continue;
        };
        let capitals = card
            .tokens
            .iter()
            .any(|t| t.surface.chars().next().is_some_and(char::is_uppercase));
        let place = place_like(&card.tokens);
        for (ti, token) in card.tokens.iter().enumerate() {
            let lower =
                capitals && ti > 0 && token.surface.chars().next().is_some_and(char::is_lowercase);
            if place[ti] || lower || token.generic {
                continue;
            }
            for part in &token.parts {
                let stem = stem_of
                    .entry(part.clone())
                    .or_insert_with(|| super::features::word_stem(part));
                let Some(&f) = features.index.get(&FeatureKind::Stem(stem.clone())) else {
                    continue;
                };
                if !stems.contains(&f)
                    || card.vector.binary_search_by_key(&f, |(id, _)| *id).is_err()
                {
                    continue;
                }
                let e = alone.entry(f).or_insert_with(|| part.clone());
                if (part.chars().count(), part.as_str()) < (e.chars().count(), e.as_str()) {
                    *e = part.clone();
                }
            }
            if let [word] = token.parts.as_slice() {
                let mut pieces: Vec<u32> = card
                    .carriers
                    .iter()
                    .filter(|c| c.token as usize == ti)
                    .map(|c| c.feature)
                    .filter(|&f| matches!(features.kinds[f as usize], FeatureKind::Stem(_)))
                    .collect();
                pieces.sort_unstable();
                pieces.dedup();
                if pieces.len() >= 2 && pieces.iter().all(|f| stems.contains(f)) {
                    compounds.push(word.clone());
                }
            }
        }
    }
    let mut out: Vec<String> = alone.into_values().chain(compounds).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    use super::*;

    fn word(theme: &str, word: &str, session: &str) -> LearnedWord {
        LearnedWord {
            theme: theme.into(),
            word: word.into(),
            session: session.into(),
        }
    }

    #[test]
    fn the_file_has_one_sorted_line_per_word_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_learned(dir.path()).unwrap().is_empty());
        let words = vec![
            word("Kita-Plätze", "u3", "nord"),
            word("Kita-Plätze", "krippe", "nord"),
            word("Wohnen \"günstig\"", "miete", "süd"),
            word("Kita-Plätze", "krippe", "nord"),
        ];
        assert!(save_learned(dir.path(), &words).unwrap());
        let text = std::fs::read_to_string(learned_path(dir.path())).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| l.contains("theme:")).collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("\"krippe\"") && lines[1].contains("\"u3\""));
        let mut expect = words.clone();
        expect.sort();
        expect.dedup();
        assert_eq!(load_learned(dir.path()).unwrap(), expect);
        // The same words again: nothing is written.
        assert!(!save_learned(dir.path(), &expect).unwrap());
    }

    #[test]
    fn a_broken_or_newer_file_is_reported_and_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = learned_path(dir.path());
        std::fs::write(&path, "Learned(\n  version: 1,\n  words: [(theme: \"a\"").unwrap();
        let err = load_learned(dir.path()).unwrap_err();
        assert!(
            err.render(crate::core::error::Lang::De)
                .contains("learned.ron:3:"),
            "{}",
            err.render(crate::core::error::Lang::De)
        );
        assert!(save_learned(dir.path(), &[word("a", "b", "c")]).is_err());
        std::fs::write(&path, "Learned(version: 9, words: [])").unwrap();
        assert!(load_learned(dir.path()).is_err());
        assert!(save_learned(dir.path(), &[word("a", "b", "c")]).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Learned(version: 9, words: [])"
        );
    }

    #[test]
    fn a_session_replaces_only_its_own_words() {
        let all = vec![word("Kita", "krippe", "nord"), word("Kita", "u3", "süd")];
        let out = replace_session(&all, "süd", vec![word("Kita", "hort", "süd")]);
        assert_eq!(
            out,
            vec![word("Kita", "hort", "süd"), word("Kita", "krippe", "nord")]
        );
        let g = groups(&out);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].words, ["hort", "krippe"]);
        assert!(g[0].learned);
    }

    #[test]
    fn two_clerks_words_merge_line_by_line() {
        let base = learned_to_ron(&[word("Kita", "krippe", "nord")]);
        let ours = learned_to_ron(&[word("Kita", "krippe", "nord"), word("Kita", "u3", "nord")]);
        let theirs = learned_to_ron(&[
            word("Kita", "krippe", "nord"),
            word("Müll", "sperrmüll", "süd"),
        ]);
        let merged =
            crate::core::merge::merge_texts(Path::new("learned.ron"), &base, &ours, &theirs)
                .unwrap();
        let words = parse_learned(Path::new("learned.ron"), &merged.value).unwrap();
        assert_eq!(
            words,
            vec![
                word("Kita", "krippe", "nord"),
                word("Kita", "u3", "nord"),
                word("Müll", "sperrmüll", "süd"),
            ]
        );
    }

    #[test]
    fn a_word_with_a_field_this_version_does_not_know_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = learned_path(dir.path());
        let text =
            "Learned(version: 1, words: [(theme: \"a\", word: \"b\", session: \"c\", weight: 2)])";
        std::fs::write(&path, text).unwrap();
        let err = load_learned(dir.path()).unwrap_err();
        assert!(err.render(crate::core::error::Lang::En).contains("weight"));
        assert!(save_learned(dir.path(), &[word("a", "b", "c")]).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_folder_in_place_of_the_file_is_reported_at_once_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = learned_path(dir.path());
        let fifo = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let d = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let read = load_learned(&d).map_err(|e| e.render(crate::core::error::Lang::De));
            let saved = save_learned(&d, &[word("a", "b", "c")]).is_ok();
            let _ = tx.send((read, saved));
        });
        let (read, saved) = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("waited on the pipe");
        let message = read.unwrap_err();
        assert!(message.contains("learned.ron"), "{message}");
        assert!(!saved);
        assert!(
            std::fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(load_learned(dir.path()).is_err());
        assert!(save_learned(dir.path(), &[word("a", "b", "c")]).is_err());
        assert!(path.is_dir());
    }

    #[test]
    fn two_writers_at_once_both_keep_their_words() {
        let dir = tempfile::tempdir().unwrap();
        let writers: Vec<_> = ["nord", "süd"]
            .into_iter()
            .map(|session| {
                let d = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    for n in 0..40 {
                        let taught: Vec<LearnedWord> = (0..=n)
                            .map(|i| word("Kita", &format!("w{i}"), session))
                            .collect();
                        update_learned(&d, |all| replace_session(&all, session, taught)).unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let words = load_learned(dir.path()).unwrap();
        for session in ["nord", "süd"] {
            let n = words.iter().filter(|w| w.session == session).count();
            assert_eq!(n, 40, "{session}: {words:?}");
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != LEARNED_FILE)
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
