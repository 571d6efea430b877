use super::*;
use crate::core::error::Lang;
use crate::core::model::{Board, Card, Column};

fn sample() -> Session {
    let mut s = Session {
        id: "test".into(),
        title: "Integrationskonferenz Mitte".into(),
        date: "2019-02-13".into(),
        ..Session::default()
    };
    let mut card = Card::new("k2", "Kita-Plätze \"fehlen\"\nzweite Zeile");
    card.flags.uncertain = true;
    card.sub_points.push("↳ über den Tellerrand".into());
    s.boards.push(Board {
        id: "b1".into(),
        title: "Altstadt".into(),
        template: "district-exchange".into(),
        photos: vec!["fotos/IMG_0001.jpg".into()],
        view: Default::default(),
        columns: vec![Column {
            key: "needs".into(),
            heading: "Wo sehen wir Handlungsbedarfe…".into(),
            cards: vec![card, Card::new("k3", "Spracherwerbsförderung")],
        }],
    });
    s
}

/// `s` saved as `name` in a new folder: the folder and the file.
fn saved_in_new_folder(name: &str, s: &Session) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    save(&path, s).unwrap();
    (dir, path)
}

#[test]
fn save_then_load_gives_the_same_session() {
    let s = sample();
    let (_dir, path) = saved_in_new_folder("s.ron", &s);
    let loaded = load(&path).unwrap();
    assert!(!loaded.read_only);
    assert_eq!(loaded.session, s);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Session("), "{text}");
    assert!(
        text.contains("Spracherwerbsförderung"),
        "umlauts stay readable"
    );
}

#[test]
fn changing_one_card_changes_one_line_of_the_file() {
    let s = sample();
    let mut t = s.clone();
    t.boards[0].columns[0].cards[1].text = "Sprachförderung".into();
    let a = to_ron(&s);
    let b = to_ron(&t);
    let changed = a.lines().zip(b.lines()).filter(|(x, y)| x != y).count();
    assert_eq!(a.lines().count(), b.lines().count());
    assert_eq!(changed, 1);
}

#[test]
fn cards_are_one_line_each_themes_sorted_by_id_and_a_reload_writes_the_same_bytes() {
    use crate::core::model::Theme;
    let mut s = sample();
    for id in ["tz9", "t0b", "tm4"] {
        s.themes.push(Theme {
            id: id.into(),
            label: format!("Thema {id}"),
            cards: vec!["k2".into()],
            ..Theme::default()
        });
    }
    let text = to_ron(&s);
    for card in s.cards().map(|(_, _, k)| k) {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(&format!("id: \"{}\"", card.id)))
            .collect();
        assert_eq!(lines.len(), 1, "{text}");
        assert!(lines[0].trim_start().starts_with("Card(") && lines[0].ends_with("),"));
    }
    let at = |id: &str| text.find(&format!("id: \"{id}\"")).unwrap();
    assert!(at("t0b") < at("tm4") && at("tm4") < at("tz9"), "{text}");
    let again = to_ron(&parse(Path::new("s.ron"), &text).unwrap().session);
    assert_eq!(again, text, "nothing reorders on saving");
}

#[test]
fn broken_file_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.ron");
    let full = to_ron(&sample());
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.line > 1, "{err}");
    assert!(
        err.render(Lang::En)
            .starts_with(&format!("{}:", path.display()))
    );

    fs::write(&path, "Session(\n  version: 1,\n  title: 42,\n)").unwrap();
    let err = load(&path).unwrap_err();
    assert_eq!((err.line, err.column > 0), (3, true), "{err}");

    fs::write(&path, "das ist kein RON").unwrap();
    assert!(load(&path).is_err());
    fs::write(&path, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    assert!(load(&path).unwrap_err().render(Lang::En).contains("UTF-8"));
    fs::write(&path, "").unwrap();
    assert!(load(&path).unwrap_err().render(Lang::En).contains("empty"));
}

#[test]
fn newer_version_opens_read_only_or_is_refused_with_a_message() {
    let mut s = sample();
    s.version = FORMAT_VERSION + 1;
    let (_dir, path) = saved_in_new_folder("new.ron", &s);
    let l = load(&path).unwrap();
    assert!(l.read_only);
    assert!(l.warning.unwrap().render(Lang::En).contains("newer"));

    let text = to_ron(&s).replacen("title:", "future_field: Wow(1, 2),\n  title:", 1);
    let text = text.replacen(
        "title: \"Integrationskonferenz Mitte\"",
        "title: Some(3)",
        1,
    );
    fs::write(&path, text).unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.render(Lang::En).contains("newer"), "{err}");
}

#[test]
fn duplicate_ids_are_refused_with_the_place() {
    let mut s = sample();
    s.boards[0].columns[0].cards[1].id = "k2".into();
    let (_dir, path) = saved_in_new_folder("dup.ron", &s);
    let err = load(&path).unwrap_err();
    assert!(err.render(Lang::En).contains("k2"), "{err}");
    assert!(err.line > 1);
}

const UNKNOWN: &str = "Session(\n  version: 1,\n  notizen: \"WICHTIG\",\n  boards: [Board(id: \"b1\", title: \"Süd\", columns: [Column(key: \"needs\", cards: [Card(id: \"k9\", txt: \"Karte\")])])],\n)\n";

/// 1-based column of `needle` on its line, counted in characters.
fn column_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

#[test]
fn an_unknown_field_is_refused_naming_it_and_the_nearest_known_one() {
    let path = Path::new("u.ron");
    let err = parse(path, UNKNOWN).unwrap_err();
    assert_eq!((err.line, err.column), (3, 3), "{err}");
    assert_eq!(
        err.message(Lang::De),
        "unbekanntes Feld „notizen“ – meinten Sie „notes“?"
    );
    let all = problems(path, UNKNOWN.as_bytes());
    let rendered: Vec<String> = all.iter().map(|e| e.render(Lang::De)).collect();
    let (line, column) = column_of(UNKNOWN, "txt:");
    assert_eq!(
        rendered,
        [
            "u.ron:3:3: unbekanntes Feld „notizen“ – meinten Sie „notes“?".to_string(),
            format!("u.ron:{line}:{column}: unbekanntes Feld „txt“ – meinten Sie „text“?"),
        ]
    );
    assert_eq!(
        all[1].message(Lang::En),
        "unknown field 'txt' – did you mean 'text'?"
    );
    // Nothing close: the known fields are listed instead.
    let err = parse(path, "Session(zzz: 1)").unwrap_err();
    assert!(err.message(Lang::En).contains("title"), "{err}");
}

#[test]
fn refused_suggestions_load_and_an_unknown_field_in_one_is_refused() {
    let path = Path::new("r.ron");
    let ok = "Session(version: 2, id: \"s\", refused: [(cards: [\"k1\", \"k2\"])])";
    let loaded = parse(path, ok).unwrap();
    assert_eq!(loaded.session.refused[0].cards, ["k1", "k2"]);
    let odd = "Session(version: 2, id: \"s\", refused: [(cards: [\"k1\"], grund: \"x\")])";
    let err = parse(path, odd).unwrap_err();
    assert!(err.message(Lang::De).contains("grund"), "{err}");
}

#[test]
fn the_start_screen_lists_a_file_with_unknown_fields_with_its_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("u.ron"), UNKNOWN).unwrap();
    let list = list_sessions(dir.path());
    assert_eq!((list.len(), list[0].cards), (1, 1));
    let warning = list[0].error.as_ref().unwrap().message(Lang::De);
    assert!(
        warning.starts_with("unbekanntes Feld „notizen“"),
        "{warning}"
    );
}

#[test]
fn a_file_with_unknown_fields_can_be_viewed_but_opens_read_only() {
    let l = parse_viewable(Path::new("u.ron"), UNKNOWN).unwrap();
    assert!(l.read_only);
    assert!(
        l.warning
            .unwrap()
            .message(Lang::De)
            .contains("unbekanntes Feld „notizen“")
    );
    assert_eq!(l.session.card("k9").map(|k| k.id.as_str()), Some("k9"));
    assert_eq!(l.session.boards[0].title, "Süd");
    // A sound file is the same either way.
    let text = to_ron(&sample());
    let l = parse_viewable(Path::new("s.ron"), &text).unwrap();
    assert!(!l.read_only && l.warning.is_none());
}

#[test]
fn parser_messages_say_in_plain_words_what_was_expected_where() {
    let path = Path::new("s.ron");
    let message = |text: &str, lang: Lang| {
        let e = parse(path, text).unwrap_err();
        (e.line, e.column, e.message(lang))
    };
    assert_eq!(
        message("Session(\n  title: 42,\n)", Lang::De),
        (2, 10, "erwartet Text in Anführungszeichen (\"…\")".into())
    );
    assert_eq!(
        message("Session(\n  title: 42,\n)", Lang::En),
        (2, 10, "expected text in double quotes (\"…\")".into())
    );
    let (_, _, m) = message("Session(title: \"x\", boards: [Board(", Lang::De);
    assert!(m.contains("endet"), "{m}");
    let (line, column, m) = message("Sitzung(title: \"x\")", Lang::De);
    assert_eq!((line, column), (1, 1));
    assert!(m.contains("„Session(“") && m.contains("„Sitzung“"), "{m}");
    let (_, _, m) = message("Session(title: \"x\" place: \"y\")", Lang::De);
    assert!(m.contains("Komma"), "{m}");
    let (_, _, m) = message("Session(votes: 3)", Lang::De);
    assert!(m.starts_with("unbekanntes Feld"), "{m}");
    for text in [
        "Session(title: 42)",
        "Session(boards: [Board(columns: [Column(cards: [Card(votes: -1)])])])",
        "Session(boards: [Board(columns: [Column(cards: [Card(votes: \"drei\")])])])",
        "Session(title: \"a\nb)",
        "Session(title: \"x\") Session()",
        "Session(boards: [Karte()])",
        "Session(title: \"\\q\")",
    ] {
        for lang in [Lang::De, Lang::En] {
            let (_, _, m) = message(text, lang);
            assert!(
                !m.contains('`') && !m.contains("ron::") && !m.contains("Expected"),
                "{text}: {m}"
            );
        }
    }
}

#[test]
fn deep_nesting_gets_a_plain_message() {
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let err = ron::from_str::<ron::Value>(&deep).unwrap_err();
    let e = FileError::ron(Path::new("tief.ron"), &err);
    let m = e.message(Lang::De);
    assert!(m.contains("zu tief verschachtelt"), "{m}");
    assert!(!e.message(Lang::En).contains("recursion_limit"));
    // In a session such nesting sits in a field it does not know.
    let text = format!("Session(notizen: {deep})");
    let m = parse(Path::new("tief.ron"), &text)
        .unwrap_err()
        .message(Lang::De);
    assert!(!m.contains("recursion"), "{m}");
}

#[cfg(unix)]
#[test]
fn a_link_at_the_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "unberührt").unwrap();
    let tmp = dir
        .path()
        .join(format!(".s.ron.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    save(&path, &sample()).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "unberührt");
    assert!(load(&path).is_ok());
}

#[test]
fn failed_write_leaves_the_old_file_whole() {
    let (dir, path) = saved_in_new_folder("s.ron", &sample());
    let before = fs::read(&path).unwrap();
    // A folder in place of the temporary file's target makes the rename fail.
    let blocked = dir.path().join("blocked");
    fs::create_dir(&blocked).unwrap();
    fs::create_dir(blocked.join("x")).unwrap();
    assert!(write_atomic(&blocked, b"new").is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A file of `len` bytes that takes no disk space (sparse).
fn sparse(path: &Path, len: u64) {
    fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn a_session_just_above_the_limit_is_refused_naming_file_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("land.ron");
    sparse(&path, MAX_SESSION_BYTES + 1);
    let err = load(&path).unwrap_err();
    let text = err.render(Lang::De);
    assert!(text.contains("land.ron"), "{text}");
    assert!(
        text.contains("zu groß für eine Sitzung (257 MB, höchstens 256 MB)"),
        "{text}"
    );
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_SESSION_BYTES + 1);
}

#[test]
fn a_session_of_more_than_64_mb_opens() {
    // A state's collection is larger than the limit for other files; the
    // blank lines make it large cheaply.
    let mut text = to_ron(&sample());
    let pad = 65 * 1024 * 1024;
    text.reserve(pad);
    text.extend(std::iter::repeat_n('\n', pad));
    assert!(text.len() as u64 > MAX_FILE_BYTES);
    let (_dir, path) = saved_in_new_folder("land.ron", &sample());
    fs::write(&path, &text).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.session.card_count(), 2);
}

#[test]
fn a_file_that_grows_beyond_the_limit_while_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    fs::write(&path, "Session()").unwrap();
    let file = crate::core::files::open_regular(&path).unwrap();
    let len = file.metadata().unwrap().len();
    // Another program appends after the length was looked at.
    let mut other = fs::OpenOptions::new().append(true).open(&path).unwrap();
    std::io::Write::write_all(&mut other, &[b' '; 4096]).unwrap();
    let err = read_open(&path, file, len, 1024, true).unwrap_err();
    assert!(
        matches!(err.problem, FileProblem::TooLarge { .. }),
        "{err:?}"
    );
    assert_eq!(err.path, path);
    // Within the limit, the grown file is read whole.
    let file = crate::core::files::open_regular(&path).unwrap();
    let bytes = read_open(&path, file, len, 1024 * 1024, true).unwrap();
    assert_eq!(bytes.len(), 9 + 4096);
}

#[test]
fn an_import_keeps_the_smaller_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("protokoll.txt");
    sparse(&path, MAX_FILE_BYTES + 1);
    let templates = crate::core::template::Templates::builtin();
    let template = templates.board("district-exchange").unwrap();
    let err = crate::core::import::import_file(&path, &templates, template).unwrap_err();
    let text = err.render(Lang::De);
    assert!(text.contains("protokoll.txt"), "{text}");
    assert!(
        text.contains("zu groß für einen Import (65 MB, höchstens 64 MB)"),
        "{text}"
    );
}

#[test]
fn an_id_of_a_board_that_a_card_has_is_refused() {
    let mut s = sample();
    s.boards[0].id = "k3".into();
    let (_dir, path) = saved_in_new_folder("s.ron", &s);
    let err = load(&path).unwrap_err();
    assert_eq!(err.problem, FileProblem::DuplicateId("k3".into()));
    assert!(err.line > 0, "{err:?}");
}

#[test]
fn cards_numbered_when_upgraded_are_found_by_id() {
    let text = "Session(title: \"Alt\", boards: [Board(title: \"A\", columns: [Column(key: \"needs\", cards: [Card(text: \"Kita\"), Card(text: \"Schule\")])])])";
    let loaded = parse(Path::new("alt.ron"), text).unwrap();
    let s = &loaded.session;
    let id = s.boards[0].columns[0].cards[1].id.clone();
    assert!(!id.is_empty());
    assert_eq!(s.card(&id).unwrap().text, "Schule");
}
