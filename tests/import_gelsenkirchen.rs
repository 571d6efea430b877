//! Importing the Gelsenkirchen photo protocol: boards of each kind, cards in
//! their columns. The expected texts are copied from the protocol's pages,
//! and the shipped example session is held to the same facts.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use stellwand::core::import::import_file;
use stellwand::core::model::{Board, Card, Session};
use stellwand::core::store;
use stellwand::core::template::Templates;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The protocol imported once for all tests of this file.
fn imported() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let templates = Templates::builtin();
        let template = templates.board("district-exchange").unwrap();
        import_file(
            &root().join("tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt"),
            &templates,
            template,
        )
        .expect("the protocol imports")
    })
}

fn boards<'a>(s: &'a Session, template: &str) -> Vec<&'a Board> {
    s.boards.iter().filter(|b| b.template == template).collect()
}

fn cards<'a>(b: &'a Board, column: &str) -> &'a [Card] {
    &b.columns[b.column_index(column).expect("column exists")].cards
}

fn has_card(b: &Board, column: &str, text: &str) -> bool {
    cards(b, column).iter().any(|k| k.text == text)
}

#[test]
fn the_event_data_comes_from_the_front_pages() {
    let s = imported();
    assert_eq!(s.title, "Integrationskonferenz für den Stadtbezirk Mitte");
    assert_eq!(s.date, "2019-02-13");
    assert_eq!(s.place, "Gelsenkirchen");
    assert_eq!(s.moderation, "Axel Jürgens, Peters & Helbig GmbH, Essen");
    assert!(
        s.notes
            .contains("Teilhabe gestalten und Gemeinschaft stärken")
    );
}

#[test]
fn every_page_of_the_protocol_becomes_a_board_of_its_kind() {
    let s = imported();
    // The protocol shows 15 district walls (Schalke four times, Bismarck
    // twice, two without a district name), one Themensammlung over four
    // pages, and 13 working-group sheets, one per topic.
    let district = boards(s, "district-exchange");
    assert_eq!(district.len(), 15);
    assert_eq!(boards(s, "theme-collection").len(), 1);
    assert_eq!(boards(s, "working-group").len(), 13);
    assert_eq!(s.boards.len(), 29);
    for b in &district {
        let keys: Vec<&str> = b.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["good", "needs", "matters"], "{}", b.title);
    }
    let titles: Vec<&str> = district.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Altstadt",
            "Hiltstadt",
            "Bismarck",
            "Bismarck",
            "Bulmke-Hüllen",
            "Bulmke-Hülken",
            "Feldmark",
            "Heßler",
            "Schalke",
            "Schalke",
            "Schalke",
            "Schalke",
            "Schalke-Nord",
            "Stadtteil (ohne Titel) 14",
            "Stadtteil (ohne Titel) 15",
        ]
    );
}

#[test]
fn the_themensammlung_holds_the_13_numbered_topics_with_their_initiators() {
    let s = imported();
    let tc = boards(s, "theme-collection")[0];
    let topics = cards(tc, "topics");
    assert_eq!(topics.len(), 13);
    let numbers: Vec<u32> = topics.iter().map(|k| k.refs[0]).collect();
    assert_eq!(numbers, (1..=13).collect::<Vec<_>>());
    let people: Vec<&str> = topics
        .iter()
        .map(|k| k.person.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        people,
        [
            "SB Haus der Jugend",
            "JAGMAR MÜLLER",
            "Michael Niehaus",
            "Vanessa Keller",
            "Fr. Mansour",
            "Marlina Mail Generationennetz",
            "U. Hardering",
            "M. Plum",
            "Dr. Aljanaby",
            "Eltern für Eltern-Brücke e.V.",
            "Sybille Hellier",
            "Susanne Behm",
            "F. Mansour",
        ]
    );
    assert_eq!(topics[0].text, "Stadtteil Konferenz 2x pro Jahr");
    assert_eq!(
        topics[1].text,
        "Mediation im Stadtteil → Ziel friedliches Zusammenleben"
    );
    assert_eq!(topics[3].sub_points, ["Von Mikro zu Makro"]);
    assert_eq!(topics[12].interested, ["Ti. Eckart"]);
    // The field labels are not part of any text.
    assert!(
        topics
            .iter()
            .all(|k| !k.full_text().contains("Initiator") && !k.text.starts_with("Thema"))
    );
}

#[test]
fn cards_land_in_the_right_column_of_the_right_board() {
    let s = imported();
    let district = boards(s, "district-exchange");
    let by_title =
        |t: &str| -> Vec<&Board> { district.iter().copied().filter(|b| b.title == t).collect() };
    assert!(
        by_title("Schalke")
            .iter()
            .any(|b| has_card(b, "needs", "Kita-Plätze"))
    );
    let huelken = by_title("Bulmke-Hülken")[0];
    assert!(has_card(huelken, "needs", "fehlende Kitaplätze"));
    assert!(has_card(huelken, "good", "der Martinszug"));

    let altstadt = by_title("Altstadt")[0];
    let tellerrand = cards(altstadt, "matters")
        .iter()
        .find(|k| k.text == "gemeinsame Ziele finden => Gleichheit in der Unterschiedlichkeit")
        .expect("card on Altstadt's matters");
    assert_eq!(tellerrand.sub_points, ["über den Tellerrand gucken"]);
    let netz = &cards(altstadt, "good")[0];
    assert_eq!(
        netz.text,
        "Nachbarschaftsnetzwerke (informell 9, 10, 12, 3, 13, 14, 15)"
    );
    assert_eq!(netz.refs, [9, 10, 12, 3, 13, 14, 15]);
    assert!(has_card(altstadt, "needs", "„Mehrsprache“ fehlt!"));
    assert!(cards(altstadt, "matters").last().unwrap().flags.emphasis);

    // Paragraphs that wrap over several lines are one card each.
    let huellen = by_title("Bulmke-Hüllen")[0];
    let good: Vec<&str> = cards(huellen, "good")
        .iter()
        .map(|k| k.text.as_str())
        .collect();
    assert_eq!(
        good,
        [
            "Verein „Hüllen aktiv“",
            "Jugendzentrum Tosschop (Schule, KITA), Ferdinand Lasalle-Haus",
            "Clearingstelle (Krankenversicherungsschutz für EU-Ost-Zuwanderer, Beratungsstelle)",
            "Alfred Zingler-Haus (Treffpunkt für alle im Quartier (Kultur, Selbsthilfegruppen, Jugendfußball)",
        ]
    );
    assert_eq!(
        cards(huellen, "good")[0].sub_points,
        ["Aktivierung von Hüllener Bürgern zu Gemeinschaften"]
    );

    // Indented cards with sub-points of their own stay cards.
    let schalke3 = by_title("Schalke")[2];
    let praevention = cards(schalke3, "needs")
        .iter()
        .find(|k| k.text.starts_with("Präventive Arbeit"))
        .expect("own card");
    assert_eq!(
        praevention.sub_points,
        ["vorschulisch", "schulisch", "Jugendliche"]
    );

    let untitled = by_title("Stadtteil (ohne Titel) 14")[0];
    assert!(has_card(untitled, "good", "Bürokratie !"));
    assert!(has_card(untitled, "needs", "Kindergartenplätze"));
}

#[test]
fn working_group_sheets_keep_topic_number_and_fields() {
    let s = imported();
    let wg = boards(s, "working-group");
    let mediation = wg
        .iter()
        .find(|b| b.title.starts_with("MEDIATION"))
        .expect("sheet");
    assert_eq!(
        cards(mediation, "topic")[0].text,
        "MEDIATION im Stadtteil → Ziel friedliches Zusammenleben"
    );
    assert_eq!(
        cards(mediation, "ideas")[0].sub_points,
        ["Weiterverfolgung des Themas", "Budget für Mediatoren"]
    );
    assert!(cards(mediation, "next_steps").is_empty());
    assert_eq!(
        cards(mediation, "participants")[0].text,
        "Dagmar Müller, A.-J. Oelbein-32, André Böker-Warner (zust.)"
    );
    // Sheet numbers written on the pages end up as references of the topic.
    let offene = wg
        .iter()
        .find(|b| b.title == "Offene Kinder- und Jugendarbeit")
        .unwrap();
    assert_eq!(cards(offene, "topic")[0].refs, [8]);
    let sprache = wg
        .iter()
        .find(|b| b.title == "Sprach + Alphabetisierungskurse")
        .unwrap();
    assert_eq!(cards(sprache, "topic")[0].refs, [13]);
    let additiv = &cards(sprache, "outcome")[0];
    assert!(additiv.flags.struck, "{}", additiv.text);
    assert!(cards(sprache, "challenge")[0].flags.uncertain);
}

#[test]
fn no_page_header_heading_or_program_line_becomes_a_card() {
    let s = imported();
    let templates = Templates::builtin();
    for (b, _, k) in s.cards() {
        let t = k.full_text();
        assert!(!t.contains("Teilhabe gestalten"), "{}: {t}", b.title);
        assert!(!t.contains("Gesprächsgruppen"), "{}: {t}", b.title);
        assert!(!t.contains("Abschlussrunde"), "{}: {t}", b.title);
        let tpl = templates.board(&b.template).unwrap();
        assert!(
            tpl.columns.iter().all(|c| c.heading != k.text),
            "{}: {t}",
            b.title
        );
    }
}

/// What the protocol's pages say, copied from them by hand: the event, the
/// walls of each kind with their districts, and the whole Altstadt wall.
fn assert_says_what_the_protocol_says(s: &Session) {
    assert_eq!(s.title, "Integrationskonferenz für den Stadtbezirk Mitte");
    assert_eq!(
        (s.date.as_str(), s.place.as_str()),
        ("2019-02-13", "Gelsenkirchen")
    );
    assert_eq!(boards(s, "district-exchange").len(), 15);
    assert_eq!(boards(s, "theme-collection").len(), 1);
    assert_eq!(boards(s, "working-group").len(), 13);
    let altstadt = boards(s, "district-exchange")[0];
    assert_eq!(altstadt.title, "Altstadt");
    let texts = |column: &str| -> Vec<&str> {
        cards(altstadt, column)
            .iter()
            .map(|k| k.text.as_str())
            .collect()
    };
    assert_eq!(
        texts("good"),
        [
            "Nachbarschaftsnetzwerke (informell 9, 10, 12, 3, 13, 14, 15)",
            "Feiersabendmarkt",
            "behördliche Vernetzung",
            "gute Versorgung mit Dienstleistungen",
            "kulturelles Angebot",
            "kindliche / Familienangebote (Kita, Schule)",
        ]
    );
    assert_eq!(
        texts("needs"),
        [
            "geringe Teilhabechancen",
            "Spracherwerbsförderung",
            "Elternarbeit bei Migrationshintergrund",
            "Freizeitangebote Kinder / Familien",
            "direkte Nachbarschaftsvernetzung",
            "Quartiersbüro (Räume der Begegnung)",
            "subjektives Sicherheitsgefühl",
            "sportliche Angebote",
            "Räume schaffen für unterschiedliche Zielgruppen (z.B. Kontaktzentrum Drogencafe)",
            "„Mehrsprache“ fehlt!",
        ]
    );
    assert_eq!(
        texts("matters"),
        [
            "Akzeptanz der Verschiedenheit / Respekt",
            "verknüpfte Verwaltungsprozesse \"schnellere Reaktionen auf Aktionen\"",
            "unterschiedliche Maßnahmen zur Öffentlichkeitsarbeit",
            "gemeinsame Ziele finden => Gleichheit in der Unterschiedlichkeit",
            "\"Langer Atem\" => Veränderungen brauchen Zeit; Stolpersteine",
            "offene Kommunikation => sprachliche Barrieren überwinden",
            "personelle Ressourcen => Haupt- & Ehrenamt",
            "€!!!",
        ]
    );
    assert_eq!(
        cards(altstadt, "matters")[5].sub_points,
        ["Sprachkurse müssen barrierefrei sein => Kinderbetreuung für Familien"]
    );
    let topics = cards(boards(s, "theme-collection")[0], "topics");
    assert_eq!(topics.len(), 13);
    assert_eq!(topics[0].text, "Stadtteil Konferenz 2x pro Jahr");
}

#[test]
fn the_import_says_what_the_protocol_says() {
    assert_says_what_the_protocol_says(imported());
}

#[test]
fn the_shipped_example_session_says_what_the_protocol_says() {
    let shipped = store::load(&root().join("sessions/2019-02-13-gelsenkirchen-mitte.ron"))
        .expect("the shipped example loads");
    assert!(!shipped.read_only);
    assert_eq!(shipped.upgraded_from, None, "shipped in the present format");
    assert_says_what_the_protocol_says(&shipped.session);
}

/// The shipped example is this import with a clerk's work on top (made by
/// `examples/gelsenkirchen_example.rs`): without its Handlungsfelder, themes,
/// measures and ids (new ids are random) it is the import, card for card.
#[test]
fn the_import_equals_the_shipped_example_session_without_the_clerks_work() {
    let shipped = store::load(&root().join("sessions/2019-02-13-gelsenkirchen-mitte.ron"))
        .expect("the shipped example loads");
    let strip = |s: &Session| {
        let mut s = s.clone();
        s.tag_sets.clear();
        s.tags.clear();
        s.themes.clear();
        s.next_id = 0;
        s.measures.clear();
        for b in &mut s.boards {
            b.id.clear();
            for k in b.columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
                k.id.clear();
                k.tags.clear();
            }
        }
        s
    };
    assert!(!shipped.session.tags.is_empty() && !shipped.session.themes.is_empty());
    assert_eq!(strip(imported()), strip(&shipped.session));
}

#[test]
fn ids_are_unique_over_the_whole_session() {
    let s = imported();
    let mut ids: Vec<&str> = s.boards.iter().map(|b| b.id.as_str()).collect();
    ids.extend(s.cards().map(|(_, _, k)| k.id.as_str()));
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert!(Path::new(&root().join("sessions")).is_dir());
}
