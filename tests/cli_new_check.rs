//! `stellwand new` and `stellwand check` as a script or a clerk would call them.

mod common;

use std::ffi::OsStr;
use std::process::Command;

use stellwand::core::store;

fn stellwand() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stellwand"))
}

/// `stellwand new --template TEMPLATE --title TITLE [EXTRA…] FILE`.
fn new(template: &str, title: &str, extra: &[&str], file: &std::path::Path) -> common::cli::Out {
    let head = ["new", "--template", template, "--title", title];
    let mut args: Vec<&std::ffi::OsStr> = head.iter().chain(extra).map(OsStr::new).collect();
    args.push(file.as_os_str());
    common::cli::run(&args, None)
}

#[test]
fn new_creates_a_session_with_one_empty_board_of_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mitte.ron");
    let extra = ["--date", "2024-05-06", "--place", "Rostock"];
    new("working-group", "Werkstatt Süd", &extra, &file).ok();
    let s = store::load(&file).unwrap().session;
    assert_eq!(s.title, "Werkstatt Süd");
    assert_eq!(
        (s.date.as_str(), s.place.as_str()),
        ("2024-05-06", "Rostock")
    );
    assert_eq!(s.boards.len(), 1);
    assert_eq!(s.boards[0].template, "working-group");
    assert_eq!(s.boards[0].columns.len(), 8);
    assert_eq!(s.card_count(), 0);
    cli!["check", &file].ok();
}

#[test]
fn new_with_an_unknown_template_lists_the_known_ones_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.ron");
    let err = new("district", "X", &[], &file).fails(1).stderr;
    assert!(
        err.contains("district-exchange") && err.contains("working-group"),
        "{err}"
    );
    assert!(!file.exists());
}

#[test]
fn new_never_overwrites_an_existing_file() {
    let (_dir, file) = common::file_with("x.ron", "meine Notizen");
    new("theme-wall", "X", &[], &file).fails(1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "meine Notizen");
}

#[test]
fn check_names_file_line_and_column_of_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    let bad = dir.path().join("bad.ron");
    new("district-exchange", "A", &[], &good).ok();
    std::fs::write(&bad, "Session(\n  version: 1,\n  title: [1, 2],\n)\n").unwrap();
    let err = cli!["--lang", "en", "check", &good, &bad].fails(1).stderr;
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!("{}:3:", bad.display())),
        "{err}"
    );
    cli!["check", &good].ok();
}

#[test]
fn check_reports_a_file_of_a_newer_version() {
    let (_dir, file) = common::file_with("future.ron", "Session(version: 99, title: \"Zukunft\")");
    let err = cli!["check", &file].fails(1).stderr;
    assert!(
        err.contains("future.ron:1:1") && err.contains("99"),
        "{err}"
    );
}

#[test]
fn new_creates_the_sessions_folder_when_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessions").join("a.ron");
    new("theme-wall", "Open Space", &[], &file).ok();
    assert!(store::load(&file).is_ok());
}

#[test]
fn new_refuses_a_day_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.ron");
    for (date, says) in [
        ("2019-02-31", "31. Februar 2019 gibt es nicht"),
        ("2019-13-01", "Monat 13 gibt es nicht"),
        ("2019-2-3", "JJJJ-MM-TT"),
    ] {
        let out = new("theme-wall", "X", &["--date", date], &file);
        assert_ne!(out.code, Some(0), "{date} accepted");
        let err = out.stderr;
        assert!(err.contains(says) && err.contains(date), "{date}: {err}");
        assert!(!file.exists());
    }
    let leap = new("theme-wall", "X", &["--date", "2020-02-29"], &file);
    assert_eq!(leap.code, Some(0), "a leap day exists: {}", leap.stderr);
}

/// `stellwand --lang LANG check` on a file `name` holding `text`, which
/// must fail: the folder, the file and what the command said.
fn check_fails(
    name: &str,
    text: &str,
    lang: &str,
) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, file) = common::file_with(name, text);
    let err = cli!["--lang", lang, "check", &file].fails(1).stderr;
    (dir, file, err)
}

#[test]
fn check_names_the_place_of_a_day_that_does_not_exist() {
    let (_dir, file, err) = check_fails(
        "februar.ron",
        "Session(\n  version: 1,\n  title: \"Konferenz\",\n  date: \"2019-02-31\",\n)\n",
        "de",
    );
    assert!(
        err.starts_with(&format!("{}:4:9: ", file.display())),
        "{err}"
    );
    assert!(err.contains("31. Februar 2019 gibt es nicht"), "{err}");
    let err = cli!["--lang", "en", "check", &file].stderr;
    assert!(err.contains("there is no 31 February 2019"), "{err}");
}

#[test]
fn check_refuses_an_unknown_field_and_suggests_the_known_one() {
    let (_dir, file, err) = check_fails(
        "karte.ron",
        "Session(\n  version: 1,\n  boards: [Board(id: \"b1\", columns: [Column(key: \"needs\", cards: [\n    Card(id: \"k9\", txt: \"Karte\"),\n  ])])],\n)\n",
        "de",
    );
    assert_eq!(
        err.trim_end(),
        format!(
            "{}:4:20: unbekanntes Feld „txt“ – meinten Sie „text“?",
            file.display()
        )
    );
}

/// Runs `stellwand ARGS`, killing it when it has not ended in 10 s.
fn run_briefly(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = stellwand()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            child.wait().unwrap();
            return (None, "still running after 10 s".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn check_refuses_a_pipe_or_a_device_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = common::fifo(dir.path(), "f.ron");
    let (code, err) = run_briefly(&["check".as_ref(), fifo.as_os_str()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("{}:", fifo.display())) && err.contains("Pipe"),
        "{err}"
    );
    let (code, err) = run_briefly(&["check".as_ref(), "/dev/zero".as_ref()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("Gerät"), "{err}");
    let (code, err) = run_briefly(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("Ordner"), "{err}");
}

#[test]
fn check_accepts_a_file_with_a_byte_order_mark() {
    let (_dir, file) = common::file_with(
        "windows.ron",
        "\u{feff}Session(version: 1, title: \"Notepad\")\n",
    );
    cli!["check", &file].ok();
}

#[test]
fn check_names_every_unknown_field_of_a_file() {
    let (_dir, file, err) = check_fails(
        "zwei.ron",
        "Session(\n  titel: \"A\",\n  boards: [Board(id: \"b1\", columns: [Column(key: \"needs\", cards: [Card(id: \"k2\", txt: \"B\")])])],\n)\n",
        "en",
    );
    let name = file.display();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("{name}:2:3: unknown field 'titel' – did you mean 'title'?"),
            format!("{name}:3:82: unknown field 'txt' – did you mean 'text'?"),
        ]
    );
}
