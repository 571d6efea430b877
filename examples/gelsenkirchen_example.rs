//! Makes the shipped example session the way a clerk works with the
//! program: the transcribed photo protocol of the Gelsenkirchen conference
//! is imported, then opened in the terminal UI, whose keys go through the
//! real keymap and update:
//!
//! 1. `t` on the board, the tag set „Rostock 2020“ (its seven Handlungsfelder
//!    get the keys 1–7);
//! 2. each working-group sheet tagged as a whole (`t`, Tab Tab for the
//!    board, the Handlungsfeld of its topic);
//! 3. the district walls and the Themensammlung card by card with 1–7,
//!    where a card clearly names a field (the rules in [`field_of`]); cards
//!    that do not stay untagged;
//! 4. `c`, the cluster review: each suggestion of three or more cards is
//!    accepted (`a`), smaller ones dismissed (`r`); a theme whose cards name
//!    several Handlungsfelder gets the one most of them carry (`t`, Enter:
//!    the picker lists the cards' fields first);
//! 5. `M` on each working-group sheet, `n`: the sheet as a measure (topic,
//!    next steps, who takes responsibility), planned;
//! 6. Ctrl-s, `q`.
//!
//! Run: `cargo run --example gelsenkirchen_example` (writes
//! `sessions/2019-02-13-gelsenkirchen-mitte.ron`), or give another output
//! file as the argument.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stellwand::core::error::Lang;
use stellwand::core::model::{Session, TagChoice};
use stellwand::core::store;
use stellwand::core::template::Templates;
use stellwand::tui::app::{App, Mode};
use stellwand::tui::{keymap, update};

/// The protocol text the example comes from.
pub const PROTOCOL: &str = "tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt";
/// Where the example is shipped.
pub const SHIPPED: &str = "sessions/2019-02-13-gelsenkirchen-mitte.ron";

/// The Rostock 2020 Handlungsfelder in the order of their keys 1–7.
const FIELDS: [&str; 7] = [
    "Interkulturelle Orientierung – Diversität gestalten",
    "Leben und Wohnen im Stadtteil",
    "Bildung/Ausbildung",
    "Arbeit und Qualifizierung",
    "Integration durch Sprache",
    "Beratung und Unterstützung",
    "Gesellschaftliche Teilhabe",
];

/// The Handlungsfeld (1–7) of each working-group sheet, by the start of its
/// title (the group's topic).
const SHEETS: [(&str, u8); 13] = [
    ("2 Stadtteil-Konferenzen", 7),
    ("MEDIATION", 2),
    ("Begegnungen schaffen", 7),
    ("Von Mikro zu Makro", 2),
    ("Kinder helfen Kinder", 3),
    ("Gewinnung & Organisation von Begegnungsorten", 2),
    ("Bildung | IFÖ", 3),
    ("Offene Kinder- und Jugendarbeit", 7),
    ("Religion respektieren", 1),
    ("Vernetzung von ELTERN", 7),
    ("Klimaschutz", 2),
    ("Kontakte Migranten", 1),
    ("Sprach + Alphabetisierungskurse", 5),
];

/// Word stems that make a card's Handlungsfeld plain, most specific first.
const RULES: [(u8, &[&str]); 7] = [
    (5, &["sprach", "integrationskurs", "alphabet"]),
    (
        3,
        &[
            "kita",
            "kindergarten",
            "schul",
            "bildung",
            "ifö",
            "nachhilfe",
            "betreuungsplätze",
            "elternarbeit",
            "erziehungspartnerschaft",
        ],
    ),
    (
        4,
        &[
            "arbeitsplätze",
            "berufsabschl",
            "qualifizierung",
            "praktikum",
            "existenzsicherung",
            "neugründungen von läden",
        ],
    ),
    (
        6,
        &[
            "beratung",
            "anlaufstelle",
            "clearingstelle",
            "lotse",
            "ansprechpartner",
            "behörde",
            "bürokratie",
            "koordinierungsstelle",
            "flüchtlingshilfe",
            "integrationshelfer",
            "sozialarbeit",
            "kümern",
        ],
    ),
    (
        1,
        &[
            "respekt",
            "akzeptanz",
            "vorurteil",
            "kulturen",
            "interkultur",
            "multikulti",
            "religi",
            "glauben",
            "verschiedenheit",
            "toleranz",
            "offenheit",
            "wertschätzung",
            "anerkennung",
            "fremden",
            "kopftüch",
            "ausländer",
        ],
    ),
    (
        2,
        &[
            "nachbarschaft",
            "müll",
            "sauberkeit",
            "straßenreinigung",
            "parken",
            "parkplätze",
            "wohn",
            "immobilien",
            "grün",
            "infrastruktur",
            "sicherheit",
            "ordnungsamt",
            "kriminalität",
            "mieten",
            "quartier",
            "nahverkehr",
            "prävention",
            "mediation",
            "frieden",
            "klimaschutz",
            "spielfläche",
        ],
    ),
    (
        7,
        &[
            "teilhabe",
            "beteiligung",
            "ehrenamt",
            "engagement",
            "verein",
            "freizeit",
            "sport",
            "begegnung",
            "treffpunkt",
            "kontakt",
            "austausch",
            "veranstaltung",
            "familienangebot",
            "zentrum",
            "zentren",
            "kultur",
            "markt",
            "martinszug",
        ],
    ),
];

/// Suggestions of at least this many cards are accepted as themes.
const ACCEPT_FROM: usize = 3;

/// The Handlungsfeld key 1–7 a card's text clearly names, if any.
pub fn field_of(text: &str) -> Option<u8> {
    let t = text.to_lowercase();
    RULES
        .iter()
        .find(|(_, stems)| stems.iter().any(|s| t.contains(s)))
        .map(|(n, _)| *n)
}

/// The terminal UI driven key by key.
struct Clerk {
    app: App,
}

impl Clerk {
    fn press(&mut self, code: KeyCode, mods: KeyModifiers) {
        let ev = KeyEvent::new(code, mods);
        let action = keymap::lookup(&self.app, ev)
            .unwrap_or_else(|| panic!("no action for {ev:?} in {:?}", self.app.mode));
        update(&mut self.app, action);
    }

    fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    fn ch(&mut self, c: char) {
        self.key(KeyCode::Char(c));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.ch(c);
        }
    }

    fn session(&self) -> &Session {
        &self.app.doc.as_ref().expect("a session is open").session
    }

    /// Moves the cursor with the board keys (`]`, `[`, `l`, `h`, `j`, `k`).
    fn go_to(&mut self, board: usize, column: usize, card: usize) {
        for _ in 0..10_000 {
            let c = self.app.doc.as_ref().expect("open").cursor;
            let (b, col, k) = (c.board, c.column, c.card);
            let key = if b < board {
                ']'
            } else if b > board {
                '['
            } else if col < column {
                'l'
            } else if col > column {
                'h'
            } else if k < card {
                'j'
            } else if k > card {
                'k'
            } else {
                return;
            };
            self.ch(key);
        }
        panic!("cursor does not reach board {board}, column {column}, card {card}");
    }

    fn review(&self) -> &stellwand::tui::themes::Review {
        match &self.app.mode {
            Mode::Review(r) => r,
            other => panic!("not in the review: {other:?}"),
        }
    }

    /// Selects the review's group at `index` (Home, then Down).
    fn select_group(&mut self, index: usize) {
        self.key(KeyCode::Home);
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        assert_eq!(self.review().selected, index);
    }
}

/// Imports the protocol, does the clerk's work in the terminal UI and
/// saves the session to `out`. Returns it.
pub fn prepare(root: &Path, out: &Path) -> Session {
    let templates = Templates::builtin();
    let board = templates.board("district-exchange").expect("built in");
    let session = stellwand::core::import::import_file(&root.join(PROTOCOL), &templates, board)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let work = tempfile::tempdir().expect("a temporary folder");
    let file = work.path().join(out.file_name().expect("a file name"));
    store::save(&file, &session).expect("saved");

    let mut clerk = Clerk {
        app: App::open_file(Lang::De, templates, &file),
    };
    assert!(clerk.app.doc.is_some(), "{:?}", clerk.app.status);

    // 1. The Handlungsfelder of Rostock 2020.
    clerk.ch('t');
    clerk.type_text("Rostock 2020");
    clerk.key(KeyCode::Enter);
    clerk.key(KeyCode::Esc);
    let names: Vec<&str> = clerk
        .session()
        .tags
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, FIELDS, "the keys 1–7");

    // 2. Working-group sheets as a whole; 3. the other walls card by card.
    let boards: Vec<(String, String)> = clerk
        .session()
        .boards
        .iter()
        .map(|b| (b.template.clone(), b.title.clone()))
        .collect();
    for (bi, (template, title)) in boards.iter().enumerate() {
        if template == "working-group" {
            let n = SHEETS
                .iter()
                .find(|(start, _)| title.starts_with(start))
                .map(|(_, n)| *n)
                .unwrap_or_else(|| panic!("no Handlungsfeld for the sheet {title}"));
            let column = clerk.session().boards[bi]
                .columns
                .iter()
                .position(|c| !c.cards.is_empty())
                .expect("a sheet with cards");
            clerk.go_to(bi, column, 0);
            clerk.ch('t');
            clerk.key(KeyCode::Tab);
            clerk.key(KeyCode::Tab);
            clerk.type_text(FIELDS[usize::from(n) - 1]);
            clerk.key(KeyCode::Enter);
            let key = &clerk.session().tags[usize::from(n) - 1].key;
            assert!(
                clerk.session().boards[bi]
                    .columns
                    .iter()
                    .flat_map(|c| &c.cards)
                    .all(|c| c.has_tag(key)),
                "sheet {title} tagged"
            );
            continue;
        }
        let cards: Vec<(usize, usize, Option<u8>)> = clerk.session().boards[bi]
            .columns
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| {
                c.cards
                    .iter()
                    .enumerate()
                    .map(move |(ki, k)| (ci, ki, field_of(&k.full_text())))
            })
            .collect();
        for (ci, ki, field) in cards {
            if let Some(n) = field {
                clerk.go_to(bi, ci, ki);
                clerk.ch(char::from(b'0' + n));
            }
        }
    }

    // 4. The cluster review.
    clerk.ch('c');
    let mut steps = 0;
    while clerk.review().grouping.suggestions > 0 {
        steps += 1;
        assert!(steps < 2_000, "the review does not come to an end");
        clerk.select_group(0);
        let big = clerk.review().group().expect("a suggestion").members.len() >= ACCEPT_FROM;
        clerk.ch(if big { 'a' } else { 'r' });
    }
    // Themes whose cards disagree: the Handlungsfeld most of them carry.
    loop {
        let review = clerk.review();
        let disputed = review
            .grouping
            .groups
            .iter()
            .enumerate()
            .skip(review.grouping.suggestions)
            .find(|(_, g)| {
                let theme = clerk
                    .session()
                    .themes
                    .iter()
                    .find(|t| Some(&t.id) == g.theme.as_ref())
                    .expect("a confirmed theme");
                matches!(clerk.session().theme_tag(theme), TagChoice::Disputed(_))
            })
            .map(|(i, _)| i);
        let Some(i) = disputed else { break };
        clerk.select_group(i);
        clerk.ch('t');
        clerk.key(KeyCode::Enter);
    }
    clerk.key(KeyCode::Esc);

    // 5. Each working-group sheet as a measure.
    for (bi, (template, title)) in boards.iter().enumerate() {
        if template != "working-group" {
            continue;
        }
        clerk.go_to(bi, 0, 0);
        clerk.ch('M');
        clerk.ch('n');
        clerk.key(KeyCode::Esc);
        assert!(
            clerk.session().measures.iter().any(|m| m
                .cards
                .iter()
                .any(|c| clerk.session().find_card(c).is_some_and(|p| p.board == bi))),
            "no measure from {title}"
        );
    }

    // 6. Save and quit.
    clerk.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    clerk.ch('q');
    assert!(clerk.app.quit, "{:?}", clerk.app.status);
    drop(clerk);

    let done = store::load(&file).expect("the saved session loads").session;
    std::fs::copy(&file, out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    done
}

#[allow(dead_code)]
fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| root.join(SHIPPED), PathBuf::from);
    let s = prepare(&root, &out);
    let tagged = s.cards().filter(|(_, _, c)| !c.tags.is_empty()).count();
    println!(
        "{}: {} cards, {tagged} with a Handlungsfeld, {} confirmed themes, {} measures",
        out.display(),
        s.card_count(),
        s.themes.iter().filter(|t| t.confirmed).count(),
        s.measures.len()
    );
}
