//! REFI-QDA exchange (for QualCoder, MAXQDA, ATLAS.ti, NVivo): the codebook
//! (`.qdc`: the Handlungsfelder with their themes nested inside) and a
//! project (`.qdpx`: a zip of `project.qde` and the sources: every card as a
//! text source coded with its Handlungsfelder and themes, every board photo
//! as a picture source).
//!
//! GUIDs are uuid5 of what they name (a tag key, a session and theme id, a
//! card), so the same thing has the same GUID in every export, and the
//! files hold no date: an export with nothing changed writes the same bytes.

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::escape::fold;
use super::measures::tag_name;
use super::{ExportProblem, Job, Options, Shared, Source, Target, safe_stem, shown_themes};
use crate::core::error::{FileError, FileProblem};
use crate::core::model::{Card, Session, TagChoice, Theme};
use crate::core::template::Templates;

/// What a stellwand file says in its root element, and in a project's zip
/// comment: how an earlier export is told from someone else's file.
const ORIGIN: &str = concat!("stellwand ", env!("CARGO_PKG_VERSION"));
const MARK: &str = "stellwand";

/// The namespace of stellwand's uuid5 GUIDs.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://stellwand.invalid/refi-qda")
}

/// The GUID of a named thing: upper-case, as the REFI-QDA examples write them.
pub fn guid(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes())
        .hyphenated()
        .to_string()
        .to_uppercase()
}

/// Distinct colours for the Handlungsfelder, in order.
const PALETTE: [(u8, u8, u8); 10] = [
    (0x1F, 0x77, 0xB4),
    (0xFF, 0x7F, 0x0E),
    (0x2C, 0xA0, 0x2C),
    (0xD6, 0x27, 0x28),
    (0x94, 0x67, 0xBD),
    (0x8C, 0x56, 0x4B),
    (0xE3, 0x77, 0xC2),
    (0x7F, 0x7F, 0x7F),
    (0xBC, 0xBD, 0x22),
    (0x17, 0xBE, 0xCF),
];

fn colour(i: usize, lighter: bool) -> String {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    // A theme takes its field's colour, lighter.
    let mix = |c: u8| if lighter { c + (255 - c) / 2 } else { c };
    format!("#{:02X}{:02X}{:02X}", mix(r), mix(g), mix(b))
}

/// Text for XML: folded to one line where asked, characters XML 1.0 does not
/// allow dropped, markup characters escaped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn attr(text: &str) -> String {
    xml(&fold(text))
}

/// A code of the codebook: a Handlungsfeld or a theme.
struct Code {
    guid: String,
    name: String,
    colour: String,
    children: Vec<Code>,
}

fn write_codes(out: &mut String, codes: &[Code], indent: usize) {
    for c in codes {
        let pad = "  ".repeat(indent);
        out.push_str(&format!(
            "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{}\"",
            c.guid,
            attr(&c.name),
            c.colour
        ));
        if c.children.is_empty() {
            out.push_str("/>\n");
        } else {
            out.push_str(">\n");
            write_codes(out, &c.children, indent + 1);
            out.push_str(&format!("{pad}</Code>\n"));
        }
    }
}

/// A theme as its sources' cards see it.
struct ThemeCode<'a> {
    guid: String,
    theme: &'a Theme,
    /// (source index, card id) of its cards.
    cards: Vec<(usize, String)>,
}

/// What both formats are built from: the codes, and which cards they code.
struct Book<'a> {
    codes: Vec<Code>,
    /// Tag key -> code GUID.
    tag_guid: HashMap<String, String>,
    themes: Vec<ThemeCode<'a>>,
}

fn theme_name(session_id: Option<&str>, t: &Theme) -> String {
    format!("theme:{}:{}", session_id.unwrap_or("workspace"), t.id)
}

fn book<'a>(
    sources: &[Source<'a>],
    shared: Option<Shared<'a>>,
    templates: &Templates,
    options: &Options,
) -> Book<'a> {
    // Handlungsfelder: those the sessions list, then those only cards name.
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut see = |key: &str, s: &Session| {
        if !keys.iter().any(|(k, _)| k == key) {
            keys.push((key.to_string(), tag_name(s, templates, key)));
        }
    };
    for s in sources {
        for t in &s.session.tags {
            see(&t.key, s.session);
        }
    }
    for s in sources {
        for (_, _, c) in s.session.cards() {
            for k in &c.tags {
                see(k, s.session);
            }
        }
    }
    // Themes with their cards and their Handlungsfeld.
    let mut themes: Vec<(ThemeCode, Option<String>)> = Vec::new();
    for (home, t, cards) in shown_themes(sources, shared, options) {
        if t.cards.is_empty() {
            continue;
        }
        let cards: Vec<(usize, String)> = cards
            .into_iter()
            .filter(|(i, id)| sources[*i].session.card(id).is_some())
            .map(|(i, id)| (i, id.to_string()))
            .collect();
        let choice = TagChoice::of(
            t.tag.as_deref(),
            cards
                .iter()
                .filter_map(|(i, id)| sources[*i].session.card(id)),
        );
        let key = choice.key().map(str::to_string);
        if let (Some(k), Some(&i)) = (&key, home.as_ref()) {
            see(k, sources[i].session);
        } else if let Some(k) = &key
            && let Some(s) = sources.first()
        {
            see(k, s.session);
        }
        let sid = home.map(|i| sources[i].session.id.as_str());
        themes.push((
            ThemeCode {
                guid: guid(&theme_name(sid, t)),
                theme: t,
                cards,
            },
            key,
        ));
    }
    let mut codes: Vec<Code> = keys
        .iter()
        .enumerate()
        .map(|(i, (k, name))| Code {
            guid: guid(&format!("tag:{k}")),
            name: name.clone(),
            colour: colour(i, false),
            children: Vec::new(),
        })
        .collect();
    let tag_guid: HashMap<String, String> = keys
        .iter()
        .zip(&codes)
        .map(|((k, _), c)| (k.clone(), c.guid.clone()))
        .collect();
    let mut loose: Vec<Code> = Vec::new();
    for (tc, key) in &themes {
        let label = if tc.theme.confirmed {
            tc.theme.label.clone()
        } else {
            format!("{} (Vorschlag)", tc.theme.label)
        };
        match key
            .as_ref()
            .and_then(|k| keys.iter().position(|(x, _)| x == k))
        {
            Some(i) => codes[i].children.push(Code {
                guid: tc.guid.clone(),
                name: label,
                colour: colour(i, true),
                children: Vec::new(),
            }),
            None => loose.push(Code {
                guid: tc.guid.clone(),
                name: label,
                colour: "#BBBBBB".into(),
                children: Vec::new(),
            }),
        }
    }
    codes.extend(loose);
    Book {
        codes,
        tag_guid,
        themes: themes.into_iter().map(|(t, _)| t).collect(),
    }
}

/// The file stem: the one session's name, else "sitzungen".
fn stem(sources: &[Source]) -> String {
    match sources {
        [one] => {
            let raw = if one.name.is_empty() {
                one.session.title.as_str()
            } else {
                one.name
            };
            safe_stem(raw, "sitzung", &["index"])
        }
        _ => "sitzungen".to_string(),
    }
}

/// Writes a file stellwand made before, or a new one; someone else's file
/// of that name is reported and left alone.
fn put_ours(target: &mut Target, name: &str, new: Vec<u8>, ours: impl Fn(&[u8]) -> bool) {
    match target.read_bytes(name) {
        None => {}
        Some(None) => target.put_bytes(name, None, new),
        Some(Some(old)) if ours(&old) => target.put_bytes(name, Some(&old), new),
        Some(Some(_)) => {
            let path = target.path(name);
            target.plan.problems.push(FileError::new(
                &path,
                1,
                1,
                FileProblem::Export(ExportProblem::ForeignQda),
            ));
        }
    }
}

fn no_codes(target: &mut Target, name: &str) {
    let path = target.path(name);
    target.plan.problems.push(FileError::new(
        &path,
        0,
        0,
        FileProblem::Export(ExportProblem::NoCodes),
    ));
}

/// `--format qdc`: the codebook.
pub(super) fn plan_codebook(target: &mut Target, job: Job) {
    let name = format!("{}.qdc", stem(job.sources));
    let book = book(job.sources, job.shared, job.templates, job.options);
    if book.codes.is_empty() {
        return no_codes(target, &name);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{ORIGIN}\">\n  <Codes>\n"
    ));
    write_codes(&mut out, &book.codes, 2);
    // No sets: the element is left out rather than written empty.
    out.push_str("  </Codes>\n</CodeBook>\n");
    put_ours(target, &name, out.into_bytes(), |old| {
        let head = &old[..old.len().min(300)];
        String::from_utf8_lossy(head).contains(&format!("origin=\"{MARK}"))
    });
}

/// A photo of a board, read for the project.
struct Photo {
    guid: String,
    name: String,
    file: String,
    bytes: Vec<u8>,
}

/// Photos above this size are left out of the project (and reported).
const MAX_PHOTO_BYTES: u64 = 64 * 1024 * 1024;

fn read_photo(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("keine Datei".into());
    }
    // Only images go into a project that may be passed on: a session file
    // naming some other file as a photo does not smuggle it in.
    if crate::core::photo::image_kind(path).is_none() {
        return Err(format!(
            "kein Bild ({}; Name und Inhalt müssen passen)",
            crate::core::photo::KNOWN
        ));
    }
    if meta.len() > MAX_PHOTO_BYTES {
        return Err(format!("größer als {} MB", MAX_PHOTO_BYTES / 1024 / 1024));
    }
    fs::read(path).map_err(|e| e.to_string())
}

/// The text of a card as a source: its text, then each sub-point on a line.
fn card_text(card: &Card) -> String {
    let mut s = card.text.clone();
    for p in &card.sub_points {
        s.push('\n');
        s.push_str(p);
    }
    s
}

/// `--format qdpx`: the project with the cards and photos as sources.
pub(super) fn plan_project(target: &mut Target, job: Job, dirs: &[Option<PathBuf>]) {
    let name = format!("{}.qdpx", stem(job.sources));
    let book = book(job.sources, job.shared, job.templates, job.options);
    // Which theme codes each card carries.
    let mut theme_codes: HashMap<(usize, &str), Vec<&str>> = HashMap::new();
    for t in &book.themes {
        for (si, id) in &t.cards {
            theme_codes
                .entry((*si, id.as_str()))
                .or_default()
                .push(t.guid.as_str());
        }
    }
    let project_name = match job.sources {
        [one] if !one.session.title.trim().is_empty() => one.session.title.clone(),
        _ => "stellwand".to_string(),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"{ORIGIN}\">\n",
        attr(&project_name)
    ));
    if !book.codes.is_empty() {
        out.push_str("  <CodeBook>\n    <Codes>\n");
        write_codes(&mut out, &book.codes, 3);
        out.push_str("    </Codes>\n  </CodeBook>\n");
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut sources_xml = String::new();
    let mut sets_xml = String::new();
    for (si, s) in job.sources.iter().enumerate() {
        let session = s.session;
        for board in &session.boards {
            let mut members: Vec<String> = Vec::new();
            for column in &board.columns {
                for card in &column.cards {
                    let base = format!("{}:{}", session.id, card.id);
                    let g = guid(&format!("card:{base}"));
                    let text = card_text(card);
                    let file = format!("{g}.txt");
                    let short: String = fold(&card.text).chars().take(60).collect();
                    sources_xml.push_str(&format!(
                        "    <TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{file}\">\n",
                        attr(&format!("{} · {short}", board.title))
                    ));
                    sources_xml.push_str(&format!(
                        "      <Description>{}</Description>\n",
                        xml(&format!(
                            "{} · {} · {}",
                            fold(&session.title),
                            fold(&board.title),
                            fold(&column.heading)
                        ))
                    ));
                    let mut codes: Vec<&str> = Vec::new();
                    for k in &card.tags {
                        if let Some(c) = book.tag_guid.get(k)
                            && !codes.contains(&c.as_str())
                        {
                            codes.push(c);
                        }
                    }
                    if let Some(t) = theme_codes.get(&(si, card.id.as_str())) {
                        for c in t {
                            if !codes.contains(c) {
                                codes.push(c);
                            }
                        }
                    }
                    let len = text.chars().count();
                    if !codes.is_empty() && len > 0 {
                        sources_xml.push_str(&format!(
                            "      <PlainTextSelection guid=\"{}\" startPosition=\"0\" endPosition=\"{len}\">\n",
                            guid(&format!("selection:{base}"))
                        ));
                        for c in codes {
                            sources_xml.push_str(&format!(
                                "        <Coding guid=\"{}\">\n          <CodeRef targetGUID=\"{c}\"/>\n        </Coding>\n",
                                guid(&format!("coding:{base}:{c}"))
                            ));
                        }
                        sources_xml.push_str("      </PlainTextSelection>\n");
                    }
                    sources_xml.push_str("    </TextSource>\n");
                    files.push((file, text.into_bytes()));
                    members.push(g);
                }
            }
            let mut photos: Vec<Photo> = Vec::new();
            for (pi, p) in board.photos.iter().enumerate() {
                let rel = Path::new(p);
                let path = match dirs.get(si).and_then(|d| d.as_deref()) {
                    Some(d) if rel.is_relative() => d.join(rel),
                    _ => rel.to_path_buf(),
                };
                match read_photo(&path) {
                    Ok(bytes) => {
                        let g = guid(&format!("photo:{}:{}:{pi}", session.id, board.id));
                        let ext = rel
                            .extension()
                            .map(|e| e.to_string_lossy().to_lowercase())
                            .filter(|e| {
                                !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric())
                            })
                            .unwrap_or_else(|| "jpg".into());
                        photos.push(Photo {
                            file: format!("{g}.{ext}"),
                            name: format!("{} · Foto {}", board.title, pi + 1),
                            guid: g,
                            bytes,
                        });
                    }
                    Err(why) => target.plan.problems.push(FileError::new(
                        &path,
                        0,
                        0,
                        FileProblem::Export(ExportProblem::PhotoLeftOut {
                            board: board.title.clone(),
                            why: why.to_string(),
                        }),
                    )),
                }
            }
            for p in photos {
                sources_xml.push_str(&format!(
                    "    <PictureSource guid=\"{}\" name=\"{}\" path=\"internal://{}\"/>\n",
                    p.guid,
                    attr(&p.name),
                    p.file
                ));
                members.push(p.guid.clone());
                files.push((p.file, p.bytes));
            }
            if !members.is_empty() {
                sets_xml.push_str(&format!(
                    "    <Set guid=\"{}\" name=\"{}\">\n",
                    guid(&format!("board:{}:{}", session.id, board.id)),
                    attr(&format!("{} · {}", session.title, board.title))
                ));
                for m in members {
                    sets_xml.push_str(&format!("      <MemberSource targetGUID=\"{m}\"/>\n"));
                }
                sets_xml.push_str("    </Set>\n");
            }
        }
    }
    if !sources_xml.is_empty() {
        out.push_str("  <Sources>\n");
        out.push_str(&sources_xml);
        out.push_str("  </Sources>\n");
    }
    if !sets_xml.is_empty() {
        out.push_str("  <Sets>\n");
        out.push_str(&sets_xml);
        out.push_str("  </Sets>\n");
    }
    out.push_str("</Project>\n");
    let zipped = match zip_project(&out, &files) {
        Ok(z) => z,
        Err(e) => {
            let path = target.path(&name);
            target.plan.problems.push(FileError::new(
                &path,
                0,
                0,
                FileProblem::Export(ExportProblem::NotPacked(e.to_string())),
            ));
            return;
        }
    };
    put_ours(target, &name, zipped, |old| {
        // The zip comment at the very end names stellwand.
        let tail = &old[old.len().saturating_sub(64)..];
        String::from_utf8_lossy(tail).contains(MARK)
    });
}

/// The project as a zip: `project.qde`, then the sources; no dates, so the
/// same project gives the same bytes.
fn zip_project(qde: &str, files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime};
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    // Pictures are compressed already.
    let stored = deflated.compression_method(CompressionMethod::Stored);
    w.start_file("project.qde", deflated)?;
    w.write_all(qde.as_bytes())?;
    for (name, bytes) in files {
        let o = if name.ends_with(".txt") {
            deflated
        } else {
            stored
        };
        w.start_file(format!("Sources/{name}"), o)?;
        w.write_all(bytes)?;
    }
    w.set_comment(MARK)?;
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_uuid5_of_the_name_and_do_not_change() {
        let a = guid("tag:sprache");
        assert_eq!(a, guid("tag:sprache"));
        assert_ne!(a, guid("tag:bildung"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "5", "version 5");
        assert_eq!(a, a.to_uppercase());
    }

    #[test]
    fn colours_are_six_hex_digits() {
        for i in 0..25 {
            for lighter in [false, true] {
                let c = colour(i, lighter);
                assert!(
                    c.len() == 7
                        && c.starts_with('#')
                        && c[1..].chars().all(|c| c.is_ascii_hexdigit()),
                    "{c}"
                );
            }
        }
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            xml("a < b & \"c\" \u{1b}x"),
            "a &lt; b &amp; &quot;c&quot; x"
        );
    }
}
