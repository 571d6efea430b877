//! Unit tests of the importer: notation, flags, forgiving headings, errors,
//! and the protocol rules on small pieces of protocol text.

use std::path::Path;

use super::*;
use crate::core::error::Lang;
use crate::core::model::{Board, Card};

fn templates() -> Templates {
    Templates::builtin()
}

fn import(text: &str, template: &str) -> Result<Session, FileError> {
    let t = templates();
    let tpl = t.board(template).expect("built-in template").clone();
    import_text(Path::new("eingabe.txt"), text, &t, &tpl)
}

fn ok(text: &str) -> Session {
    import(text, "district-exchange").expect("imports")
}

fn column<'a>(board: &'a Board, key: &str) -> Vec<&'a Card> {
    board
        .columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.cards.iter().collect())
        .unwrap_or_default()
}

fn texts(board: &Board, key: &str) -> Vec<String> {
    column(board, key).iter().map(|c| c.text.clone()).collect()
}

const EXAMPLE: &str = "# Integrationskonferenz Stadtbezirk Mitte
Datum: 2019-02-13
Ort: Gelsenkirchen
Moderation: Axel Jürgens
## Altstadt
### Was läuft gut bei uns im Stadtbezirk...
- Nachbarschaftsnetzwerke (informell 9, 10, 12)
- kulturelles Angebot
  ↳ Theater
### Wo sehen wir Handlungsbedarfe...
- Spracherwerbsförderung
";

#[test]
fn the_product_example_gives_title_event_data_board_columns_and_cards() {
    let s = ok(EXAMPLE);
    assert_eq!(s.title, "Integrationskonferenz Stadtbezirk Mitte");
    assert_eq!(s.date, "2019-02-13");
    assert_eq!(s.place, "Gelsenkirchen");
    assert_eq!(s.moderation, "Axel Jürgens");
    assert_eq!(s.boards.len(), 1);
    let b = &s.boards[0];
    assert_eq!(b.title, "Altstadt");
    assert_eq!(b.template, "district-exchange");
    assert_eq!(
        texts(b, "good"),
        [
            "Nachbarschaftsnetzwerke (informell 9, 10, 12)",
            "kulturelles Angebot"
        ]
    );
    assert_eq!(column(b, "good")[0].refs, [9, 10, 12]);
    assert_eq!(column(b, "good")[1].sub_points, ["Theater"]);
    assert_eq!(texts(b, "needs"), ["Spracherwerbsförderung"]);
    assert!(texts(b, "matters").is_empty());
}

#[test]
fn every_board_and_card_gets_its_own_id() {
    let s = ok(&format!(
        "{EXAMPLE}## Schalke\n### Worauf kommt es an\n- Mut\n"
    ));
    let mut ids: Vec<&str> = s.boards.iter().map(|b| b.id.as_str()).collect();
    ids.extend(s.cards().map(|(_, _, k)| k.id.as_str()));
    assert_eq!(ids.len(), 2 + 4);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert!(s.boards.iter().all(|b| b.id.starts_with('b')));
    assert!(s.cards().all(|(_, _, k)| k.id.starts_with('k')));
    // The store hands out ids after the imported ones.
    let ids: Vec<String> = ids.into_iter().map(String::from).collect();
    let mut s = s;
    let next = s.fresh_id("k");
    assert!(!ids.contains(&next));
}

#[test]
fn sub_points_with_all_three_markers_and_indented_bullets() {
    let s =
        ok("## A\n### läuft gut\n- Karte\n  ↳ eins\n  → zwei\n  -> drei\n  - vier\n- Nächste\n");
    let b = &s.boards[0];
    assert_eq!(texts(b, "good"), ["Karte", "Nächste"]);
    assert_eq!(
        column(b, "good")[0].sub_points,
        ["eins", "zwei", "drei", "vier"]
    );
}

#[test]
fn a_line_without_bullet_continues_the_card_above_and_a_blank_line_starts_a_new_one() {
    let s = ok(
        "## A\n### läuft gut\n- Clearingstelle (Krankenversicherungs-\nschutz für EU-Ost-Zuwanderer)\n- Schalke-\nNord\n\nneue Karte\nmit zwei Zeilen\n",
    );
    let b = &s.boards[0];
    assert_eq!(
        texts(b, "good"),
        [
            "Clearingstelle (Krankenversicherungsschutz für EU-Ost-Zuwanderer)",
            "Schalke-Nord",
            "neue Karte mit zwei Zeilen"
        ]
    );
}

#[test]
fn a_continuation_after_a_sub_point_continues_the_sub_point() {
    let s = ok("## A\n### läuft gut\n- Verein\n  → Aktivierung von Bürgern\n  zu Gemeinschaften\n");
    let k = column(&s.boards[0], "good")[0];
    assert_eq!(k.sub_points, ["Aktivierung von Bürgern zu Gemeinschaften"]);
}

#[test]
fn flags_come_from_the_text_which_is_kept_as_written() {
    let s = ok(
        "## A\n### läuft gut\n- Sprach[?]kurse\n- ? unleserlich\n- ~~additiv~~\n- ~~bauen~~ öffnen\n- €!!!\n- ausbilden!\n- Warum?\n",
    );
    let cards = column(&s.boards[0], "good");
    let t: Vec<&str> = cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        t,
        [
            "Sprach[?]kurse",
            "? unleserlich",
            "~~additiv~~",
            "~~bauen~~ öffnen",
            "€!!!",
            "ausbilden!",
            "Warum?"
        ]
    );
    let flags: Vec<(bool, bool, bool)> = cards
        .iter()
        .map(|c| (c.flags.uncertain, c.flags.struck, c.flags.emphasis))
        .collect();
    assert_eq!(
        flags,
        [
            (true, false, false),
            (true, false, false),
            (false, true, false),
            // Only a word struck and replaced: the card itself stands.
            (false, false, false),
            (false, false, true),
            (false, false, true),
            (false, false, false),
        ]
    );
}

#[test]
fn reference_numbers_are_read_but_other_numbers_are_not() {
    assert_eq!(
        refs_of("Netzwerke (informell 9, 10, 12, 3)"),
        [9, 10, 12, 3]
    );
    assert_eq!(refs_of("siehe (4)"), [4]);
    assert!(refs_of("Auslandsbehörde (Termine nach 1 Jahr)").is_empty());
    assert!(refs_of("2 bis 3 Jahre in IFÖ Klassen").is_empty());
    assert!(refs_of("(geplant AWB ab dem 4.03)").is_empty());
}

#[test]
fn column_headings_match_forgivingly() {
    let t = templates();
    let d = t.board("district-exchange").unwrap();
    let key = |line: &str| match_column(d, line).map(|i| d.columns[i].key.as_str());
    assert_eq!(key("Was läuft gut bei uns im Stadtbezirk..."), Some("good"));
    assert_eq!(key("WAS LÄUFT GUT BEI UNS IM STADTBEZIRK…"), Some("good"));
    assert_eq!(key("was laeuft gut bei uns im stadtbezirk"), Some("good"));
    // small typos
    assert_eq!(key("Wo sehen wir Handlungsbedarfe"), Some("needs"));
    assert_eq!(key("Wo sehn wir Handlungsbedarf..."), Some("needs"));
    assert_eq!(
        key("Worauf komt es bei der weiteren Integrationsarbeit besonders an"),
        Some("matters")
    );
    // aliases of the template
    assert_eq!(key("Handlungsbedarfe"), Some("needs"));
    assert_eq!(key("Worauf kommt es an?"), Some("matters"));
    // not a heading
    assert_eq!(key("Kita-Plätze"), None);
    assert_eq!(key("gute Vernetzung"), None);

    let w = t.board("working-group").unwrap();
    let key = |line: &str| match_column(w, line).map(|i| w.columns[i].key.as_str());
    assert_eq!(
        key("? Kurz: Was ist die Herausforderung / das Problem"),
        Some("challenge")
    );
    assert_eq!(
        key("360° Rundum-Blick: Wer ist davon betroffen"),
        Some("affected")
    );
    assert_eq!(key("Von der Zukunft her gedacht:"), Some("outcome"));
    assert_eq!(
        key(
            "Abschließend: Wer sollte die (Prozess-)Verantwortung übernehmen („Wer hat den Hut auf...“)"
        ),
        Some("owner")
    );
    assert_eq!(key("im"), None);
}

#[test]
fn an_unknown_column_heading_is_an_error_with_its_place_and_the_known_columns() {
    let err = import(
        "# T\n## Altstadt\n### Was läuft gut\n- a\n### Sonstiges\n- b\n",
        "district-exchange",
    )
    .unwrap_err();
    assert_eq!((err.line, err.column), (5, 5));
    let msg = err.render(Lang::De);
    assert!(msg.starts_with("eingabe.txt:5:5: "), "{msg}");
    assert!(msg.contains("Sonstiges"), "{msg}");
    for heading in [
        "Was läuft gut",
        "Wo sehen wir Handlungsbedarfe",
        "Worauf kommt es",
    ] {
        assert!(msg.contains(heading), "{msg}");
    }
    let en = err.render(Lang::En);
    assert!(en.contains("not in template district-exchange"), "{en}");
}

#[test]
fn other_errors_name_line_and_column() {
    let err = import("Datum: gestern\n## A\n", "district-exchange").unwrap_err();
    assert_eq!((err.line, err.column), (1, 8));
    let err = import(
        "## A\n### läuft gut\n\n   ↳ ohne Karte\n",
        "district-exchange",
    )
    .unwrap_err();
    assert_eq!((err.line, err.column), (4, 4));
    let err = import("## A\nVorlage: gibtsnicht\n", "district-exchange").unwrap_err();
    assert_eq!(err.line, 2);
    assert!(err.render(Lang::De).contains("working-group"));
    let err = import("\n\n  \n", "district-exchange").unwrap_err();
    assert_eq!(err.line, 1);
}

#[test]
fn event_fields_dates_and_board_fields() {
    let s = ok(
        "# Konferenz\nDatum: 13. Februar 2019\nVeranstalter: Stadt\nRaum: Aula\n## Thema A\nVorlage: working-group\nFoto: fotos/a.jpg\n### Kurz: Was ist die Herausforderung\n- zu wenig Räume\n",
    );
    assert_eq!(s.date, "2019-02-13");
    assert_eq!(s.organiser, "Stadt");
    assert_eq!(s.notes, "Raum: Aula");
    let b = &s.boards[0];
    assert_eq!(b.template, "working-group");
    assert_eq!(b.photos, ["fotos/a.jpg"]);
    assert_eq!(texts(b, "challenge"), ["zu wenig Räume"]);
    assert_eq!(parse_date("13.02.2019").as_deref(), Some("2019-02-13"));
    assert_eq!(parse_date("2019-13-01"), None);
}

#[test]
fn a_person_line_under_a_card_names_initiator_and_interested() {
    let s = import(
        "## Themen\n- Sprachkurse mit Praxis\nInitiator*in F. Mansour\nInteressent*innen Ti. Eckart, A. B.\n",
        "theme-collection",
    )
    .unwrap();
    let k = &s.boards[0].columns[0].cards[0];
    assert_eq!(k.text, "Sprachkurse mit Praxis");
    assert_eq!(k.person.as_deref(), Some("F. Mansour"));
    assert_eq!(k.interested, ["Ti. Eckart", "A. B."]);
}

// --- protocol text -------------------------------------------------------

const HEADER: &str = "Integrationskonferenz „Teilhabe gestalten und Gemeinschaft stärken“";

fn page(body: &str) -> String {
    format!("{HEADER}\n\n{body}\n")
}

fn protocol(pages: &[&str]) -> Session {
    let mut text = String::from("Fotoprotokoll\n13. Februar 2019\n\nKonferenz Mitte\n\n");
    for p in pages {
        text.push_str(&page(p));
    }
    import(&text, "district-exchange").expect("imports")
}

#[test]
fn protocol_text_is_told_from_notation_and_boards_are_found_by_their_headings() {
    let district = "Austausch zu Entwicklungen im Stadtbezirk\n\nSchalke-\nNord\n\nWas läuft gut bei uns im Stadtbezirk...\n\n- gute Vernetzung\n\nWo sehen wir Handlungsbedarfe...\n\n- Kita-Plätze\n\nWorauf kommt es bei der weiteren Integrationsarbeit besonders an...\n\n- Mut";
    let untitled = "Austausch zu Entwicklungen im Stadtbezirk\n\nWas läuft gut bei uns im Stadtbezirk...\n\nBürokratie !\n\nWo sehen wir Handlungsbedarfe...\n\nWorauf kommt es bei der weiteren Integrationsarbeit besonders an...";
    let s = protocol(&[district, district, untitled]);
    assert_eq!(s.title, "Konferenz Mitte");
    assert_eq!(s.date, "2019-02-13");
    assert_eq!(s.boards.len(), 3);
    assert_eq!(s.boards[0].title, "Schalke-Nord");
    assert_eq!(s.boards[2].title, "Stadtteil (ohne Titel) 3");
    assert_eq!(texts(&s.boards[0], "needs"), ["Kita-Plätze"]);
    assert_eq!(texts(&s.boards[2], "good"), ["Bürokratie !"]);
    // The page header is never a card.
    assert!(
        s.cards()
            .all(|(_, _, k)| !k.text.contains("Teilhabe gestalten"))
    );
}

#[test]
fn protocol_cards_without_bullets_continuations_and_paragraphs() {
    let body = "Austausch zu Entwicklungen im Stadtbezirk\n\nBulmke\n\nWas läuft gut bei uns im Stadtbezirk...\n\nVerein „Hüllen aktiv“\n→ Aktivierung von Bürgern\nzu Gemeinschaften\n\nClearingstelle (Krankenversicherungs-\nschutz für EU-Ost-Zuwanderer, Beratungs-\nstelle)\n\nWo sehen wir Handlungsbedarfe...\n\nViele Grün + Spielflächen\ndie Familienzentren\nMüllproblematik (Geplant Aktion\nangewendet)\nIntegrationskurse\n(geplant ab dem 4.03)\n\nWorauf kommt es bei der weiteren Integrationsarbeit besonders an...\n\n- Segregation\n„beginnend in Schule“\n- Kinder, die neu nach\nDeutschland gekommen\nsind";
    let s = protocol(&[body]);
    let b = &s.boards[0];
    assert_eq!(
        texts(b, "good"),
        [
            "Verein „Hüllen aktiv“",
            "Clearingstelle (Krankenversicherungsschutz für EU-Ost-Zuwanderer, Beratungsstelle)"
        ]
    );
    assert_eq!(
        column(b, "good")[0].sub_points,
        ["Aktivierung von Bürgern zu Gemeinschaften"]
    );
    assert_eq!(
        texts(b, "needs"),
        [
            "Viele Grün + Spielflächen",
            "die Familienzentren",
            "Müllproblematik (Geplant Aktion angewendet)",
            "Integrationskurse (geplant ab dem 4.03)"
        ]
    );
    assert_eq!(
        texts(b, "matters"),
        [
            "Segregation „beginnend in Schule“",
            "Kinder, die neu nach Deutschland gekommen sind"
        ]
    );
}

#[test]
fn continuation_rules() {
    assert!(continues(
        "Stadt lädt ein + organisiert mit angetragener",
        "Unterstützung."
    ));
    assert!(continues(
        "Fehlverhalten / Straftaten / Clans",
        "beeinträchtigen das Leben"
    ));
    assert!(continues("Kinder begegnen sich", "und helfen sich"));
    assert!(continues("Akteure, Referenten,", "Bürger-Treff"));
    assert!(!continues(
        "Viele Grün + Spielflächen",
        "die Familienzentren"
    ));
    assert!(!continues(
        "zu viel Umweltverschmutzung",
        "zu wenige Konsequenzen"
    ));
    assert!(!continues(
        "Arbeitsplätze für alle",
        "Klimaschutz / Umweltschutz"
    ));
    assert!(!continues(
        "Begegnungszentren schaffen.",
        "unterschiedliche Religionen"
    ));
    let mut s = String::from("Parallelstruk-");
    join_line(&mut s, "turen");
    assert_eq!(s, "Parallelstrukturen");
    let mut s = String::from("Offene Kinder-");
    join_line(&mut s, "und Jugendarbeit");
    assert_eq!(s, "Offene Kinder- und Jugendarbeit");
}

#[test]
fn a_themensammlung_gives_numbered_cards_with_people() {
    let tc = "Themensammlung\n\n1\n\nThema\nStadtteil Konferenz\n2x pro Jahr\n\nInitiator*in SB Haus der Jugend\nInteressent*innen\n\n2\n\n→ Von Mikro zu Makro\nThema Vernetzung\n\nInitiator*in Vanessa Keller\nInteressent*innen A, B";
    let s = protocol(&[
        tc,
        "3\n\nThema\n\nSprachkurse\n\nInitiator*in F. Mansour\nInteressent*innen",
        "4\n\nThema Kultur\n\nInitiator*in\nInteressent*innen",
    ]);
    assert_eq!(s.boards.len(), 1);
    let b = &s.boards[0];
    assert_eq!(b.template, "theme-collection");
    let cards = &b.columns[0].cards;
    assert_eq!(cards.len(), 4);
    assert_eq!(cards[3].person, None);
    assert_eq!(cards[0].text, "Stadtteil Konferenz 2x pro Jahr");
    assert_eq!(cards[0].refs, [1]);
    assert_eq!(cards[0].person.as_deref(), Some("SB Haus der Jugend"));
    assert_eq!(cards[1].text, "Vernetzung");
    assert_eq!(cards[1].sub_points, ["Von Mikro zu Makro"]);
    assert_eq!(cards[1].interested, ["A", "B"]);
    assert_eq!(cards[2].refs, [3]);
}

#[test]
fn working_group_sheets_are_found_by_their_field_headings() {
    let sheet = "Thema: Begegnungen schaffen\n\n2\n\nKurz: Was ist die Herausforderung / das Problem\n\nwas bringt es?\n\n360°\n\nRundum-Blick: Wer ist davon betroffen\n\n- Sport\n\nVon der Zukunft her gedacht:\n\nWas soll im Prinzip das Ergebnis sein\n(Realitäts-Check!)\n\nim\ngespräch kommen\n\nTeilnehmende der Arbeitsgruppe (für Nachfragen)\n\nUwe Gerwin";
    let s = protocol(&[sheet, sheet, sheet]);
    assert_eq!(s.boards.len(), 3);
    let b = &s.boards[0];
    assert_eq!(b.template, "working-group");
    assert_eq!(b.title, "Begegnungen schaffen");
    assert_eq!(texts(b, "topic"), ["Begegnungen schaffen"]);
    assert_eq!(column(b, "topic")[0].refs, [2]);
    assert_eq!(texts(b, "challenge"), ["was bringt es?"]);
    assert_eq!(texts(b, "affected"), ["Sport"]);
    assert_eq!(texts(b, "outcome"), ["im gespräch kommen"]);
    assert_eq!(texts(b, "participants"), ["Uwe Gerwin"]);
}

#[test]
fn text_without_any_structure_is_an_error_not_an_empty_session() {
    let err = import("Kita\nSchule\n", "district-exchange").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.render(Lang::En).contains("no boards found"));
}

#[test]
fn binary_input_is_refused_with_its_place() {
    let err = text_of(Path::new("x.txt"), b"ab\ncd\0ef").unwrap_err();
    assert_eq!((err.line, err.column), (2, 3));
    let err = text_of(Path::new("x.txt"), b"ok\n\xff\xfe").unwrap_err();
    assert_eq!((err.line, err.column), (2, 1));
}

#[test]
fn boards_follow_each_other_without_page_headers_when_the_columns_start_over() {
    let text = "Konferenz Nord\n\nAltstadt\n\nWas läuft gut bei uns im Stadtbezirk...\n- Markt\n\nWo sehen wir Handlungsbedarfe...\n- Kitaplätze\n\nSchalke\n\nWas läuft gut bei uns im Stadtbezirk...\n- Vereine\n\nWorauf kommt es bei der weiteren Integrationsarbeit besonders an...\n- Mut\n";
    let s = ok(text);
    let titles: Vec<&str> = s.boards.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["Altstadt", "Schalke"]);
    assert_eq!(texts(&s.boards[0], "needs"), ["Kitaplätze"]);
    assert_eq!(texts(&s.boards[1], "good"), ["Vereine"]);
    assert_eq!(texts(&s.boards[1], "matters"), ["Mut"]);
    assert_eq!(s.title, "Konferenz Nord");
}
