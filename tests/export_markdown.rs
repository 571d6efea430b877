//! Exporting themes into a concept repository: sections, hand-written text,
//! idempotence, damaged markers, unsafe names and symbolic links.

mod common;
mod export_support;

use std::fs;
use std::path::Path;

use export_support::{mitte, outside_blocks, read, section, source, theme};
use stellwand::core::export::{self, Change, Options, Source};
use stellwand::core::model::{Session, Tag};
use stellwand::core::template::Templates;

fn run(session: &Session, dir: &Path, options: &Options) -> export::Plan {
    let sources = [Source {
        session,
        name: "mitte",
    }];
    let plan = export::plan(&sources, &Templates::builtin(), dir, options).expect("plan");
    plan.apply().expect("apply");
    plan
}

/// A new folder `name` in a fresh temporary one: the temporary folder and
/// the new one.
fn folder_in(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(name);
    fs::create_dir(&dir).unwrap();
    (root, dir)
}

#[test]
fn themes_land_in_the_sections_their_columns_feed() {
    let dir = tempfile::tempdir().unwrap();
    run(&mitte(), dir.path(), &Options::default());
    assert_eq!(
        common::names(dir.path()),
        [
            "bildung-ausbildung.md",
            "index.md",
            "leben-und-wohnen-im-stadtteil.md",
            "ohne-handlungsfeld.md"
        ]
    );

    // "needs" columns feed Ist-Analyse.
    let bildung = read(dir.path(), "bildung-ausbildung.md");
    let ist = section(&bildung, "Ist-Analyse");
    assert!(ist.contains("### Kita-Plätze"), "{bildung}");
    assert!(
        ist.contains(
            "### Kita-Plätze\n\n- Kita-Plätze fehlen\n- **keine bzw. zu wenig KiTa-Plätze**\n- ~~additiv~~\n\n(Altstadt, Schalke)\n"
        ),
        "{ist}"
    );
    // Ids only inside the markers.
    for line in bildung
        .lines()
        .filter(|l| !l.starts_with("<!-- stellwand:"))
    {
        assert!(!line.contains("k7") && !line.contains("t1"), "{line}");
    }
    assert!(ist.contains("~~additiv~~"), "struck text stays struck");
    assert!(ist.contains("**keine bzw. zu wenig KiTa-Plätze**"));
    for other in ["Leitziele", "Maßnahmen", "Best Practice"] {
        assert!(!section(&bildung, other).contains("###"), "{other}");
    }

    // "good" columns feed Best Practice.
    let leben = read(dir.path(), "leben-und-wohnen-im-stadtteil.md");
    assert!(section(&leben, "Best Practice").contains("### Nachbarschaft"));
    assert!(!section(&leben, "Ist-Analyse").contains("###"));

    // Two of three cards come from ideas/next steps: Maßnahmen wins.
    let ohne = read(dir.path(), "ohne-handlungsfeld.md");
    let massnahmen = section(&ohne, "Maßnahmen");
    assert!(massnahmen.contains("### Sprachkurse"));
    assert!(massnahmen.contains("Spracherwerbsförderung *(unsicher gelesen)*"));
    assert!(
        !ohne.contains("### Vernetzung"),
        "suggestions stay out by default"
    );

    let index = read(dir.path(), "index.md");
    assert!(index.contains("[Bildung/Ausbildung](bildung-ausbildung.md): 1 Thema"));
    assert!(index.contains("[Ohne Handlungsfeld](ohne-handlungsfeld.md)"));
}

#[test]
fn suggestions_are_exported_only_when_asked_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        suggestions: true,
        ..Options::default()
    };
    run(&mitte(), dir.path(), &options);
    let ohne = read(dir.path(), "ohne-handlungsfeld.md");
    let leit = section(&ohne, "Leitziele");
    assert!(leit.contains("### Vernetzung (Vorschlag)"), "{ohne}");
    assert!(leit.contains("Vorschlag, noch nicht bestätigt"));
}

#[test]
fn a_second_export_without_change_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = mitte();
    run(&s, dir.path(), &Options::default());
    let stamp = |name: &str| {
        let m = fs::metadata(dir.path().join(name)).unwrap();
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let ino = 0;
        (m.modified().unwrap(), ino)
    };
    let names = ["index.md", "bildung-ausbildung.md", "ohne-handlungsfeld.md"];
    let before: Vec<_> = names.iter().map(|n| stamp(n)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let plan = run(&s, dir.path(), &Options::default());
    assert_eq!(
        plan.changes().count(),
        0,
        "{}",
        plan.summary(Default::default())
    );
    assert!(plan.files.iter().all(|f| f.change == Change::Unchanged));
    let after: Vec<_> = names.iter().map(|n| stamp(n)).collect();
    assert_eq!(before, after);
}

#[test]
fn hand_written_text_survives_byte_for_byte() {
    for crlf in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = mitte();
        run(&s, dir.path(), &Options::default());
        let path = dir.path().join("bildung-ausbildung.md");
        let mut text = read(dir.path(), "bildung-ausbildung.md");
        // Inside a section before its block, between sections, after a block.
        text = text.replacen(
            "## Ist-Analyse\n\n",
            "## Ist-Analyse\n\nVon Hand: Die Lage in den Kitas ist *angespannt*.\n\n",
            1,
        );
        text = text.replacen(
            "## Leitziele\n",
            "Absatz zwischen den Abschnitten.\n\n## Leitziele\n",
            1,
        );
        text.push_str("\nSchlusswort ohne Zeilenende");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        fs::write(&path, &text).unwrap();

        s.boards[0].columns[1].cards[0].text = "Kita-Plätze fehlen überall".into();
        s.themes[0].cards.push("k4".into());
        let plan = run(&s, dir.path(), &Options::default());
        let changed: Vec<_> = plan.changes().map(|f| f.path.clone()).collect();
        assert!(changed.contains(&path), "{changed:?}");

        let new = fs::read_to_string(&path).unwrap();
        assert_eq!(outside_blocks(&new), outside_blocks(&text), "crlf={crlf}");
        assert!(new.contains("Kita-Plätze fehlen überall"));
        assert!(new.contains("- Spracherwerbsförderung *(unsicher gelesen)*"));
        assert!(new.ends_with("Schlusswort ohne Zeilenende"));
        if crlf {
            assert!(
                !new.replace("\r\n", "").contains('\n'),
                "only CRLF line ends"
            );
        }
        // And again: nothing to do.
        let plan = run(&s, dir.path(), &Options::default());
        assert_eq!(plan.changes().count(), 0);
    }
}

#[test]
fn a_missing_section_heading_gets_heading_and_block_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mitte();
    run(&s, dir.path(), &Options::default());
    let hand = "# Leben und Wohnen\n\nNur von Hand geschrieben.\n";
    fs::write(dir.path().join("leben-und-wohnen-im-stadtteil.md"), hand).unwrap();
    s.themes[1].label = "Nachbarschaft lebt".into();
    run(&s, dir.path(), &Options::default());
    let text = read(dir.path(), "leben-und-wohnen-im-stadtteil.md");
    assert!(text.starts_with(hand));
    let tail = &text[hand.len()..];
    assert!(
        tail.starts_with("\n## Best Practice\n\n<!-- stellwand:begin"),
        "{tail}"
    );
    assert!(tail.contains("### Nachbarschaft lebt"));
    // Empty blocks are not added to a hand-written file.
    assert!(!text.contains("section=leitziele"));
}

#[test]
fn a_damaged_marker_is_reported_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mitte();
    run(&s, dir.path(), &Options::default());
    let path = dir.path().join("bildung-ausbildung.md");
    let text = read(dir.path(), "bildung-ausbildung.md");
    let end = "<!-- stellwand:end session=2019-02-13-mitte section=ist_analyse -->\n";
    let line = text[..text
        .find("<!-- stellwand:begin session=2019-02-13-mitte section=ist_analyse")
        .unwrap()]
        .matches('\n')
        .count()
        + 1;
    let damaged = text.replacen(end, "", 1);
    fs::write(&path, &damaged).unwrap();

    s.themes[0].label = "Kita".into();
    s.themes[1].label = "Nachbarn".into();
    let sources = [source(&s, "mitte")];
    let plan = export_support::plan(&sources, dir.path()).unwrap();
    plan.apply().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), damaged);
    let msgs: Vec<String> = plan
        .problems
        .iter()
        .map(|p| p.render(stellwand::core::error::Lang::En))
        .collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].starts_with(&format!("{}:{line}:1: ", path.display())),
        "{msgs:?}"
    );
    assert!(msgs[0].contains("without an end marker"));
    // The other chapters were still written.
    assert!(read(dir.path(), "leben-und-wohnen-im-stadtteil.md").contains("### Nachbarn"));

    // A mangled and a duplicated marker are reported too.
    for bad in [
        text.replacen(
            "<!-- stellwand:end session=2019-02-13-mitte section=leitziele -->",
            "<!-- stellwand:end session=2019-02-13-mitte section=leitziele",
            1,
        ),
        text.replacen("## Akteure\n", &format!("## Akteure\n\n{end}"), 1),
    ] {
        fs::write(&path, &bad).unwrap();
        let plan = export_support::plan(&sources, dir.path()).unwrap();
        plan.apply().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), bad);
        assert!(plan.problems.iter().any(|p| p.path == path && p.line > 1));
    }
}

#[test]
fn unsafe_names_never_write_outside_the_folder() {
    let (root, dir) = folder_in("konzept");
    let mut s = mitte();
    s.tags = [
        "../../etc/passwd",
        "CON",
        "index",
        "..",
        "a/../../b",
        "NUL.md",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| Tag {
        key: format!("t{i}"),
        name: name.to_string(),
    })
    .collect();
    s.themes = (0..6)
        .map(|i| {
            theme(
                &format!("t{}", 10 + i),
                "../../x",
                Some(&format!("t{i}")),
                &["k1"],
            )
        })
        .collect();
    run(&s, &dir, &Options::default());
    let outside: Vec<_> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside, ["konzept"]);
    assert_eq!(
        common::names(&dir),
        [
            "a-b.md",
            "etc-passwd.md",
            "handlungsfeld-con.md",
            "handlungsfeld-index.md",
            "handlungsfeld.md",
            "index.md",
            "nul-md.md",
            "ohne-handlungsfeld.md"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_the_folder_is_not_followed() {
    let (root, dir) = folder_in("konzept");
    let secret = root.path().join("geheim.md");
    fs::write(&secret, "nicht anfassen\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("bildung-ausbildung.md")).unwrap();
    let session = mitte();
    let sources = [source(&session, "mitte")];
    let plan = export_support::plan(&sources, &dir).unwrap();
    plan.apply().unwrap();
    assert_eq!(fs::read_to_string(&secret).unwrap(), "nicht anfassen\n");
    assert!(
        fs::symlink_metadata(dir.join("bildung-ausbildung.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let msg = plan.problems[0].render(stellwand::core::error::Lang::En);
    assert!(
        msg.contains("bildung-ausbildung.md") && msg.contains("symbolic link"),
        "{msg}"
    );
    assert!(dir.join("index.md").is_file());
}

#[test]
fn a_missing_folder_is_named_and_created_only_when_asked() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("neu");
    let s = mitte();
    let sources = [source(&s, "mitte")];
    let err = export_support::plan(&sources, &dir).unwrap_err();
    let msg = err.message(stellwand::core::error::Lang::De);
    assert!(
        msg.contains("neu") && msg.contains("--create") && msg.contains("mkdir"),
        "{msg}"
    );
    assert!(!dir.exists());
    let options = Options {
        create: true,
        ..Options::default()
    };
    let plan = export::plan(&sources, &Templates::builtin(), &dir, &options).unwrap();
    assert!(plan.changes().all(|f| f.change == Change::Added));
    plan.apply().unwrap();
    assert!(dir.join("index.md").is_file());
}

/// A second session, for exports of several sessions.
fn schalke() -> Session {
    let mut s = mitte();
    s.id = "2019-03-20-sued".into();
    s.title = "Integrationskonferenz Süd".into();
    s.themes = vec![theme(
        "t1",
        "Kita-Ausbau",
        Some("bildung-ausbildung"),
        &["k3"],
    )];
    s
}

#[test]
fn sessions_exported_one_at_a_time_keep_each_others_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let a = mitte();
    let b = schalke();
    run(&a, dir.path(), &Options::default());
    let sources = [source(&b, "sued")];
    export_support::plan(&sources, dir.path())
        .unwrap()
        .apply()
        .unwrap();
    let text = read(dir.path(), "bildung-ausbildung.md");
    let ist = section(&text, "Ist-Analyse");
    assert!(
        ist.contains("### Kita-Plätze") && ist.contains("### Kita-Ausbau"),
        "{text}"
    );
    assert!(ist.contains("session=2019-02-13-mitte") && ist.contains("session=2019-03-20-sued"));
    let index = read(dir.path(), "index.md");
    assert!(index.contains("Integrationskonferenz Stadtbezirk Mitte"));
    assert!(index.contains("Integrationskonferenz Süd"));
    // Both again together: nothing changes.
    let both = [source(&a, "mitte"), source(&b, "sued")];
    let plan = export_support::plan(&both, dir.path()).unwrap();
    assert_eq!(
        plan.changes().count(),
        0,
        "{}",
        plan.summary(Default::default())
    );
}

#[test]
fn shared_themes_get_workspace_blocks_and_name_cards_of_both_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let a = mitte();
    let b = schalke();
    let shared = [theme(
        "t90",
        "Kita in der ganzen Stadt",
        Some("bildung-ausbildung"),
        &["2019-02-13-mitte/k7", "2019-03-20-sued/k3", "anderswo/k1"],
    )];
    let both = [source(&a, "mitte"), source(&b, "sued")];
    let shared_themes = export::Shared {
        id: "sessions",
        themes: &shared,
    };
    let plan = export::plan_with(
        &both,
        Some(shared_themes),
        &Templates::builtin(),
        dir.path(),
        &Options::default(),
    )
    .unwrap();
    plan.apply().unwrap();
    let text = read(dir.path(), "bildung-ausbildung.md");
    let ist = section(&text, "Ist-Analyse");
    let block = &ist[ist.find("workspace=sessions").unwrap()..];
    assert!(block.contains("### Kita in der ganzen Stadt"));
    // Cards of two sessions: each session named with its walls.
    assert!(
        block.contains(
            "(Integrationskonferenz Stadtbezirk Mitte: Schalke; Integrationskonferenz Süd: Altstadt; 1 Karte aus einer Sitzung, die nicht mit exportiert wurde)"
        ),
        "{block}"
    );

    let options = Options {
        format: export::Format::Protocol,
        ..Options::default()
    };
    export::plan_with(
        &both,
        Some(shared_themes),
        &Templates::builtin(),
        dir.path(),
        &options,
    )
    .unwrap()
    .apply()
    .unwrap();
    assert!(read(dir.path(), "mitte.md").contains("### Kita in der ganzen Stadt"));
}

/// The folder named on the command line may itself be a link (a chosen
/// place); only links inside it are refused.
#[cfg(unix)]
#[test]
fn a_target_folder_that_is_a_link_is_used_as_named() {
    let (root, real) = folder_in("echt");
    let link = root.path().join("konzept");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let plan = run(&mitte(), &link, &Options::default());
    assert!(plan.problems.is_empty());
    assert!(real.join("index.md").is_file());
}

#[test]
fn a_renamed_handlungsfeld_leaves_its_old_chapter_with_empty_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mitte();
    run(&s, dir.path(), &Options::default());
    s.tags[0].name = "Bildung und Ausbildung".into();
    let plan = run(&s, dir.path(), &Options::default());
    assert!(plan.problems.is_empty());
    let old = read(dir.path(), "bildung-ausbildung.md");
    assert!(!old.contains("### Kita-Plätze"), "{old}");
    assert!(
        old.contains("section=ist_analyse"),
        "its markers stay for the hand-written rest"
    );
    let new = read(dir.path(), "bildung-und-ausbildung.md");
    assert!(section(&new, "Ist-Analyse").contains("### Kita-Plätze"));
}

#[test]
fn blocks_added_to_a_crlf_file_use_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let hand = "# Leben\r\n\r\n## Best Practice\r\n\r\nVon Hand.\r\n\r\n## Akteure\r\n\r\nEnde";
    fs::write(dir.path().join("leben-und-wohnen-im-stadtteil.md"), hand).unwrap();
    run(&mitte(), dir.path(), &Options::default());
    let text = read(dir.path(), "leben-und-wohnen-im-stadtteil.md");
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    // Without the added block, the file is the hand-written one again.
    let begin = "<!-- stellwand:begin session=2019-02-13-mitte section=best_practice -->";
    let end = "<!-- stellwand:end session=2019-02-13-mitte section=best_practice -->\r\n\r\n";
    let b = text.find(begin).unwrap();
    let e = text.find(end).unwrap() + end.len();
    assert_eq!(format!("{}{}", &text[..b], &text[e..]), hand);
    let best = text.find("## Best Practice").unwrap();
    let akteure = text.find("## Akteure").unwrap();
    let block = text
        .find("<!-- stellwand:begin session=2019-02-13-mitte section=best_practice -->")
        .unwrap();
    assert!(
        best < block && block < akteure,
        "the block ends its section"
    );
    assert!(text[best..block].contains("Von Hand."));
    assert!(text.ends_with("Ende"));
    let plan = run(&mitte(), dir.path(), &Options::default());
    assert_eq!(plan.changes().count(), 0);
}
