//! Tags reach the concept: tagged cards without a theme land in their
//! Handlungsfeld's chapter, a theme without an assigned Handlungsfeld takes
//! the one its cards share, and what has neither lands in the chapter
//! without Handlungsfeld, by wall.

mod export_support;

use std::path::Path;

use export_support::{mitte, read, section, source};
use stellwand::core::export::Source;
use stellwand::core::model::{Session, TagChoice};

fn run(session: &Session, dir: &Path) {
    let sources = [Source {
        session,
        name: "mitte",
    }];
    let plan = export_support::plan(&sources, dir).unwrap();
    assert!(plan.problems.is_empty());
    plan.apply().unwrap();
}

fn tag(s: &mut Session, card: &str, key: &str) {
    let p = s.find_card(card).unwrap();
    s.boards[p.board].columns[p.column].cards[p.card]
        .tags
        .push(key.into());
}

#[test]
fn tagged_cards_without_a_theme_reach_their_chapter_and_no_other() {
    let mut s = mitte();
    tag(&mut s, "k2", "leben-und-wohnen"); // "kulturelles Angebot", good, Altstadt
    tag(&mut s, "k11", "bildung-ausbildung"); // "Integrationsbüro", owner
    tag(&mut s, "k5", "bildung-ausbildung"); // "Vernetzung der Träger", matters
    tag(&mut s, "k5", "leben-und-wohnen");
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path());

    let leben = read(dir.path(), "leben-und-wohnen-im-stadtteil.md");
    let best = section(&leben, "Best Practice");
    assert!(best.contains("### Karten ohne Thema"), "{leben}");
    assert!(best.contains("- kulturelles Angebot (Altstadt)\n  - Theater\n"));
    assert!(section(&leben, "Leitziele").contains("- Vernetzung der Träger (Altstadt)"));
    assert!(
        !leben.contains("Integrationsbüro"),
        "a card of another field"
    );

    let bildung = read(dir.path(), "bildung-ausbildung.md");
    assert!(
        section(&bildung, "Akteure").contains("- Integrationsbüro (Gesprächsgruppe Sprache)"),
        "{bildung}"
    );
    assert!(section(&bildung, "Leitziele").contains("Vernetzung der Träger"));
    assert!(!bildung.contains("kulturelles Angebot"));
    // Cards in a theme of this chapter are not repeated on their own.
    assert_eq!(bildung.matches("Kita-Plätze fehlen").count(), 1);

    let index = read(dir.path(), "index.md");
    assert!(
        index.contains("[Bildung/Ausbildung](bildung-ausbildung.md): 1 Thema, 2 Karten ohne Thema"),
        "{index}"
    );

    // Nothing changed: nothing written.
    let sources = [source(&s, "mitte")];
    let again = export_support::plan(&sources, dir.path()).unwrap();
    assert_eq!(again.changes().count(), 0);
}

#[test]
fn a_card_in_a_theme_of_another_field_still_reaches_its_own_chapter() {
    let mut s = mitte();
    // k1 is in the theme "Nachbarschaft" (Leben und Wohnen) and tagged Bildung.
    tag(&mut s, "k1", "bildung-ausbildung");
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path());
    let bildung = read(dir.path(), "bildung-ausbildung.md");
    assert!(section(&bildung, "Best Practice").contains("- Nachbarschaftsnetzwerke (Altstadt)"));
    let leben = read(dir.path(), "leben-und-wohnen-im-stadtteil.md");
    assert_eq!(
        leben.matches("Nachbarschaftsnetzwerke").count(),
        1,
        "{leben}"
    );
    assert!(!leben.contains("Karten ohne Thema"));
}

#[test]
fn a_theme_takes_the_handlungsfeld_its_cards_share() {
    let mut s = mitte();
    // "Sprachkurse" (t3: k9, k10, k4) has no Handlungsfeld; two of its cards
    // are tagged "sprache" (a Rostock 2020 field the session does not list).
    tag(&mut s, "k9", "sprache");
    tag(&mut s, "k10", "sprache");
    assert_eq!(
        s.theme_tag(&s.themes[2]),
        TagChoice::Shared("sprache".into())
    );
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path());
    let sprache = read(dir.path(), "integration-durch-sprache.md");
    assert!(
        section(&sprache, "Maßnahmen").contains("### Sprachkurse"),
        "{sprache}"
    );
    let ohne = read(dir.path(), "ohne-handlungsfeld.md");
    assert!(!ohne.contains("### Sprachkurse"), "{ohne}");
}

#[test]
fn cards_that_disagree_leave_the_theme_open_and_say_so() {
    let mut s = mitte();
    tag(&mut s, "k9", "sprache");
    tag(&mut s, "k10", "sprache");
    tag(&mut s, "k4", "bildung-ausbildung");
    assert_eq!(
        s.theme_tag(&s.themes[2]),
        TagChoice::Disputed(vec![
            ("sprache".into(), 2),
            ("bildung-ausbildung".into(), 1)
        ])
    );
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path());
    let ohne = read(dir.path(), "ohne-handlungsfeld.md");
    let m = section(&ohne, "Maßnahmen");
    assert!(m.contains("### Sprachkurse"), "{ohne}");
    assert!(
        m.contains("Integration durch Sprache (2 Karten), Bildung/Ausbildung (1 Karte)"),
        "{m}"
    );
    let sprache = read(dir.path(), "integration-durch-sprache.md");
    assert!(!sprache.contains("### Sprachkurse"));
    // The clerk picks one: the theme moves.
    s.themes[2].tag = Some("sprache".into());
    run(&s, dir.path());
    assert!(read(dir.path(), "integration-durch-sprache.md").contains("### Sprachkurse"));
    assert!(!read(dir.path(), "ohne-handlungsfeld.md").contains("### Sprachkurse"));
}

#[test]
fn untagged_cards_without_a_theme_are_listed_by_wall() {
    let mut s = mitte();
    // A second wall of the same district.
    let mut wall = s.boards[1].clone();
    wall.id = "b9".into();
    for c in &mut wall.columns {
        c.cards.clear();
    }
    wall.columns[0]
        .cards
        .push(stellwand::core::model::Card::new("k30", "Spielplatz"));
    s.boards.insert(2, wall);
    let dir = tempfile::tempdir().unwrap();
    run(&s, dir.path());
    let ohne = read(dir.path(), "ohne-handlungsfeld.md");
    let cards = section(&ohne, "Karten ohne Handlungsfeld");
    // Altstadt: "kulturelles Angebot" (good) and the suggestion's card k5
    // (suggestions are not exported by default); the group's owner card.
    let altstadt = &cards[cards.find("### Altstadt\n").expect(cards)..];
    assert!(altstadt.starts_with(
        "### Altstadt\n\n*Was läuft gut bei uns im Stadtbezirk…*\n\n- kulturelles Angebot\n  - Theater\n\n*Worauf kommt es bei der weiteren Integrationsarbeit besonders an…*\n\n- Vernetzung der Träger\n"
    ), "{cards}");
    assert!(cards.contains(
        "### Schalke (2. Wand)\n\n*Was läuft gut bei uns im Stadtbezirk…*\n\n- Spielplatz\n"
    ));
    assert!(cards.contains("### Gesprächsgruppe Sprache\n"));
    assert!(cards.contains("- Integrationsbüro\n"));
    // Cards in themes are not listed again.
    assert!(!cards.contains("Nachbarschaftsnetzwerke"));
    assert!(!cards.contains("Kita"));
}
