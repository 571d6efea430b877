//! REFI-QDA exchange: the codebook (`.qdc`) and the project (`.qdpx`)
//! validate against the published XSDs (with `xmllint --schema`), nest the
//! themes in their Handlungsfelder, code every card with its fields and
//! themes, carry the board photos, and keep their GUIDs from one export to
//! the next.

mod common;

mod export_support;

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use export_support::{mitte, source};
use stellwand::core::export::{self, Change, Format, Options};
use stellwand::core::model::Session;
use stellwand::core::template::Templates;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/refi-qda")
}

/// Validates a file against an XSD; fails the test with xmllint's words.
fn validate(file: &Path, xsd: &str) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(fixtures().join(xsd))
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint is needed for this test (apt-get install libxml2-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{} does not validate against {xsd}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run(s: &Session, dir: &Path, photos: Option<&Path>, format: Format) -> export::Plan {
    let sources = [source(s, "mitte")];
    let dirs = [photos.map(Path::to_path_buf)];
    let options = Options {
        format,
        ..Options::default()
    };
    let plan =
        export::plan_in(&sources, &dirs, None, &Templates::builtin(), dir, &options).unwrap();
    plan.apply().unwrap();
    plan
}

/// The Mitte session with a tagged card outside every theme, a theme whose
/// field comes from its cards, awkward text, and a photo on the first board.
fn session(photo_dir: &Path) -> Session {
    let mut s = mitte();
    s.boards[0].columns[0].cards[1]
        .tags
        .push("leben-und-wohnen".into());
    s.boards[0].columns[0].cards[1].text = "Kultur & <Theater> \"Bühne\" \u{1b}".into();
    let p = s.find_card("k11").unwrap();
    s.boards[p.board].columns[p.column].cards[p.card]
        .tags
        .push("bildung-ausbildung".into());
    fs::write(
        photo_dir.join("IMG_0412.jpg"),
        b"\xFF\xD8\xFF\xE0 not really a jpeg",
    )
    .unwrap();
    s.boards[0].photos = vec!["IMG_0412.jpg".into(), "fehlt.jpg".into()];
    s
}

fn guids(text: &str) -> BTreeSet<String> {
    text.split("guid=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_codebook_validates_and_nests_themes_in_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    run(&s, &out, None, Format::Qdc);
    let file = out.join("mitte.qdc");
    validate(&file, "Codebook.xsd");
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("<Sets"), "no empty sets");
    assert!(text.contains("origin=\"stellwand "));
    // "Kita-Plätze" inside "Bildung/Ausbildung"; "Sprachkurse" (no field
    // assigned, its cards untagged) at the top.
    let bildung = text.find("name=\"Bildung/Ausbildung\"").unwrap();
    let kita = text.find("name=\"Kita-Plätze\"").unwrap();
    let close = bildung + text[bildung..].find("</Code>").unwrap();
    assert!(bildung < kita && kita < close, "{text}");
    let sprach = text.find("name=\"Sprachkurse\"").unwrap();
    assert!(sprach > close);
    assert!(!text.contains("Vernetzung"), "suggestions only when asked");
    for c in text.split("color=\"").skip(1) {
        let c = &c[..7];
        assert!(
            c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit()),
            "{c}"
        );
    }
    // With suggestions, marked.
    let options = Options {
        format: Format::Qdc,
        suggestions: true,
        ..Options::default()
    };
    let sources = [source(&s, "mitte")];
    export::plan(&sources, &Templates::builtin(), &out, &options)
        .unwrap()
        .apply()
        .unwrap();
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("name=\"Vernetzung (Vorschlag)\""));
    validate(&file, "Codebook.xsd");
}

fn read_zip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

/// Exports `s` as a project into the new folder `out` in `dir`, its photos
/// read from `dir`: the folder and the problems named, as a clerk reads them.
fn project(s: &Session, dir: &Path) -> (PathBuf, Vec<String>) {
    let out = dir.join("out");
    fs::create_dir(&out).unwrap();
    let plan = run(s, &out, Some(dir), Format::Qdpx);
    let problems = plan.problems.iter().map(|p| p.render(Default::default()));
    (out, problems.collect())
}

#[test]
fn the_project_validates_and_codes_every_card_with_its_fields_and_themes() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let (out, problems) = project(&s, dir.path());
    // The missing photo is named; the rest is written.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("fehlt.jpg"), "{problems:?}");

    let files = read_zip(&out.join("mitte.qdpx"));
    assert_eq!(files[0].0, "project.qde");
    let qde = String::from_utf8(files[0].1.clone()).unwrap();
    let qde_file = dir.path().join("project.qde");
    fs::write(&qde_file, &qde).unwrap();
    validate(&qde_file, "Project.xsd");

    // A text source per card, its text in the sources folder.
    assert_eq!(qde.matches("<TextSource ").count(), s.card_count());
    let texts: Vec<String> = files
        .iter()
        .filter(|(n, _)| n.starts_with("Sources/") && n.ends_with(".txt"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    assert_eq!(texts.len(), s.card_count());
    assert!(texts.contains(&"Kultur & <Theater> \"Bühne\" \u{1b}\n↳ Theater".to_string()));
    // The photo as a picture source, its bytes in the zip.
    assert_eq!(qde.matches("<PictureSource ").count(), 1);
    assert!(
        files
            .iter()
            .any(|(n, b)| n.ends_with(".jpg") && b.starts_with(b"\xFF\xD8"))
    );

    // Coded: k3 ("Kita-Plätze fehlen") with the Kita theme; the tagged card
    // k2 with its field though in no theme; k11 with its field.
    let codebook = &qde[qde.find("<CodeBook>").unwrap()..qde.find("</CodeBook>").unwrap()];
    let code_guid = |name: &str| {
        let at = codebook.find(&format!("name=\"{name}\"")).unwrap();
        let start = codebook[..at].rfind("guid=\"").unwrap() + 6;
        codebook[start..start + 36].to_string()
    };
    let source_of = |text_start: &str| {
        let at = qde.find(&format!("name=\"{text_start}")).expect(text_start);
        let end = at + qde[at..].find("</TextSource>").unwrap();
        qde[at..end].to_string()
    };
    let kita = source_of("Altstadt · Kita-Plätze fehlen");
    assert!(kita.contains(&format!(
        "<CodeRef targetGUID=\"{}\"/>",
        code_guid("Kita-Plätze")
    )));
    let kultur = source_of("Altstadt · Kultur &amp; &lt;Theater&gt;");
    assert!(kultur.contains(&format!(
        "<CodeRef targetGUID=\"{}\"/>",
        code_guid("Leben und Wohnen im Stadtteil")
    )));
    assert!(kultur.contains("endPosition=\"38\""), "{kultur}");
    let hilfe = source_of("Schalke · Nachbarschaftshilfe");
    assert!(hilfe.contains(&code_guid("Nachbarschaft")), "{hilfe}");
    // Only in a suggestion, untagged: a source without codes.
    let vernetzung = source_of("Altstadt · Vernetzung der Träger");
    assert!(!vernetzung.contains("<Coding"), "{vernetzung}");
    // Every coding points at a code of the codebook.
    let codes = guids(codebook);
    for r in qde.split("targetGUID=\"").skip(1) {
        let g = &r[..36];
        assert!(
            codes.contains(g) || qde.contains(&format!("guid=\"{g}\"")),
            "{g}"
        );
    }
}

#[test]
fn only_images_go_into_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    fs::write(dir.path().join("geheim.txt"), "Passwort: 1234").unwrap();
    fs::write(dir.path().join("getarnt.jpg"), "Passwort: 1234").unwrap();
    s.boards[0].photos = vec![
        "geheim.txt".into(),
        "getarnt.jpg".into(),
        "IMG_0412.jpg".into(),
    ];
    let (out, problems) = project(&s, dir.path());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("kein Bild")),
        "{problems:?}"
    );
    let files = read_zip(&out.join("mitte.qdpx"));
    assert!(files.iter().all(|(_, b)| b != b"Passwort: 1234"));
    assert_eq!(files.iter().filter(|(n, _)| n.ends_with(".jpg")).count(), 1);
}

#[test]
fn guids_stay_the_same_from_one_export_to_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.boards[0].photos.pop();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    run(&s, &out, Some(dir.path()), Format::Qdpx);
    run(&s, &out, None, Format::Qdc);
    let qdc = fs::read_to_string(out.join("mitte.qdc")).unwrap();
    let qdpx = fs::read(out.join("mitte.qdpx")).unwrap();

    // Nothing changed: the same bytes, nothing written.
    let again = run(&s, &out, Some(dir.path()), Format::Qdpx);
    assert!(again.files.iter().all(|f| f.change == Change::Unchanged));
    assert_eq!(fs::read(out.join("mitte.qdpx")).unwrap(), qdpx);

    // A card's text and a theme's label change; every GUID stays.
    let before = guids(&String::from_utf8(read_zip(&out.join("mitte.qdpx"))[0].1.clone()).unwrap());
    s.boards[0].columns[1].cards[0].text = "Kita-Plätze fehlen überall".into();
    s.themes[0].label = "Kitaplätze".into();
    run(&s, &out, Some(dir.path()), Format::Qdpx);
    run(&s, &out, None, Format::Qdc);
    let after = guids(&String::from_utf8(read_zip(&out.join("mitte.qdpx"))[0].1.clone()).unwrap());
    assert_eq!(before, after);
    assert_eq!(
        guids(&qdc),
        guids(&fs::read_to_string(out.join("mitte.qdc")).unwrap())
    );
    assert!(
        fs::read_to_string(out.join("mitte.qdc"))
            .unwrap()
            .contains("name=\"Kitaplätze\"")
    );
}

#[test]
fn a_file_stellwand_did_not_write_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    fs::write(
        dir.path().join("mitte.qdc"),
        "<CodeBook origin=\"MAXQDA\"/>",
    )
    .unwrap();
    fs::write(dir.path().join("mitte.qdpx"), b"PK not ours").unwrap();
    let plan = run(&s, dir.path(), None, Format::Qdc);
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("mitte.qdc")).unwrap(),
        "<CodeBook origin=\"MAXQDA\"/>"
    );
    let plan = run(&s, dir.path(), None, Format::Qdpx);
    assert!(plan.problems.iter().any(|p| p.path.ends_with("mitte.qdpx")));
    assert_eq!(
        fs::read(dir.path().join("mitte.qdpx")).unwrap(),
        b"PK not ours"
    );
}

#[test]
fn the_shipped_example_exports_valid_files_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for format in ["qdc", "qdpx"] {
        let shipped = "sessions/2019-02-13-gelsenkirchen-mitte.ron";
        cli_in![root; "export", shipped, "--to", dir.path(), "--format", format].ok();
    }
    validate(
        &dir.path().join("2019-02-13-gelsenkirchen-mitte.qdc"),
        "Codebook.xsd",
    );
    let files = read_zip(&dir.path().join("2019-02-13-gelsenkirchen-mitte.qdpx"));
    let qde = dir.path().join("project.qde");
    fs::write(&qde, &files[0].1).unwrap();
    validate(&qde, "Project.xsd");
}
