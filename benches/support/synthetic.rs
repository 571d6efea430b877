//! Realistic synthetic workshop cards (German, short, handwritten style) for
//! benchmarks: themes written many ways, fillers, places, abbreviations,
//! slips of the pen and a long tail of rare words. Deterministic per seed.

#![allow(dead_code)]

/// A small deterministic random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TOPICS: &[&[&str]] = &[
    &[
        "Kita-Plätze",
        "Kitaplätze",
        "KiTA-Plätze",
        "Kindergartenplätze",
        "Betreuungsplätze für Kinder",
        "Kinderbetreuung",
        "Plätze in Kitas",
    ],
    &[
        "Parkplätze",
        "Parken",
        "wildes Parken",
        "Parksituation",
        "Falschparker",
    ],
    &[
        "Müll",
        "Vermüllung",
        "Sauberkeit",
        "Straßenreinigung",
        "Sperrmüll",
        "Müll auf den Straßen",
        "Mülltrennung",
    ],
    &[
        "Sprachkurse",
        "Sprachkurs",
        "Integrationskurse",
        "Deutschkurse",
        "Spracherwerb",
        "Sprachförderung",
        "Deutsch lernen",
    ],
    &[
        "Vernetzung",
        "Netzwerk",
        "Vernetzung der Akteure",
        "Kooperation",
        "Zusammenarbeit der Träger",
    ],
    &[
        "Begegnung",
        "Begegnungsorte",
        "Treffpunkte",
        "Räume der Begegnung",
        "Begegnungscafé",
    ],
    &[
        "Arbeitsplätze",
        "Arbeit",
        "Beschäftigung",
        "Jobs für Zugewanderte",
        "Arbeitsmarkt",
    ],
    &[
        "Wohnungen",
        "Wohnraum",
        "bezahlbarer Wohnraum",
        "Wohnungsmarkt",
        "Mieten",
    ],
    &[
        "Ehrenamt",
        "Ehrenamtliche",
        "Engagement",
        "ehrenamtl. Helfer",
        "Freiwillige",
    ],
    &[
        "Sicherheit",
        "Sicherheitsgefühl",
        "Kriminalität",
        "Polizei vor Ort",
        "Ordnungsamt",
    ],
    &[
        "Schulplätze",
        "Schule",
        "Beschulung",
        "Grundschule",
        "Schulsozialarbeit",
    ],
    &[
        "Freizeitangebote",
        "Freizeit",
        "Angebote für Jugendliche",
        "Jugendtreff",
        "Jugendzentrum",
    ],
    &[
        "Sportangebote",
        "Sportvereine",
        "Sportplätze",
        "Fußball für alle",
    ],
    &[
        "Information",
        "Öffentlichkeitsarbeit",
        "Informationsfluss",
        "Transparenz",
        "Infos mehrsprachig",
    ],
    &[
        "Beteiligung",
        "Bürgerbeteiligung",
        "Teilhabe",
        "Partizipation",
        "Beteiligungsmöglichkeiten",
    ],
    &[
        "Akzeptanz",
        "Respekt",
        "Toleranz",
        "Offenheit",
        "Wertschätzung",
    ],
    &["Vorurteile", "Diskriminierung", "Rassismus", "Ausgrenzung"],
    &[
        "Elternarbeit",
        "Eltern",
        "Familien",
        "Familienzentren",
        "Elterncafé",
    ],
    &["Senioren", "ältere Menschen", "Seniorentreff", "Pflege"],
    &[
        "Gesundheit",
        "Ärzte",
        "Krankenversicherung",
        "Gesundheitsversorgung",
    ],
    &[
        "Beratung",
        "Beratungsstellen",
        "Anlaufstellen",
        "Lotsen",
        "Integrationslotsen",
    ],
    &[
        "Finanzierung",
        "Geld",
        "finanzielle Unterstützung",
        "Fördermittel",
        "Planungssicherheit",
    ],
    &[
        "Personal",
        "Fachkräfte",
        "mehr Personal",
        "Personalschlüssel",
    ],
    &[
        "Räume",
        "Räumlichkeiten",
        "Raumangebot",
        "Räume für Vereine",
    ],
    &[
        "Schrottimmobilien",
        "Leerstand",
        "leerstehende Immobilien",
        "Problemimmobilien",
    ],
    &[
        "Quartiersmanagement",
        "Quartiersbüro",
        "Quartierszentrum",
        "Stadtteilbüro",
        "Quartierskümmerer",
    ],
    &[
        "Grünflächen",
        "Begrünung",
        "Klimaschutz",
        "Umweltschutz",
        "Spielplätze",
    ],
    &["Nahverkehr", "Bus und Bahn", "ÖPNV", "Busverbindung"],
    &[
        "Nachbarschaft",
        "Zusammenleben",
        "Nachbarschaftshilfe",
        "Miteinander",
    ],
    &["Kultur", "Kulturangebote", "kulturelle Angebote", "Theater"],
    &[
        "Religion",
        "interreligiöser Austausch",
        "Glauben respektieren",
        "Moscheegemeinden",
    ],
    &[
        "Bürokratie",
        "Behörden",
        "Ausländerbehörde",
        "Verwaltung",
        "Termine beim Amt",
    ],
    &[
        "Geflüchtete",
        "Flüchtlingshilfe",
        "Flüchtlinge",
        "Asylbewerber",
    ],
    &["Frauen", "Frauengruppen", "Mädchen", "Frauencafé"],
    &[
        "Ausbildung",
        "Praktikum",
        "Ausbildungsplätze",
        "Berufsorientierung",
    ],
    &[
        "Mediation",
        "Konflikte",
        "Streitschlichtung",
        "sozialer Frieden",
    ],
    &[
        "Streetwork",
        "aufsuchende Sozialarbeit",
        "Sozialarbeit",
        "Streetworking",
    ],
    &["Barrierefreiheit", "barrierefrei", "Inklusion", "Rollstuhl"],
    &["Internetplattform", "Homepage", "digitale Angebote", "App"],
    &["Nachhilfe", "Hausaufgabenhilfe", "Lernförderung"],
    &[
        "Mehrsprachigkeit",
        "Muttersprache",
        "Dolmetscher",
        "Übersetzung",
    ],
    &[
        "Koordinierungsstelle",
        "Koordination",
        "Ressourcen bündeln",
        "Abstimmung",
    ],
    &["Wertevermittlung", "Demokratie", "Werte"],
    &[
        "Stadtteilfest",
        "Feste",
        "Nachbarschaftsfest",
        "Weihnachtsmarkt",
    ],
];

const PREFIXES: &[&str] = &[
    "zu wenig",
    "fehlende",
    "mehr",
    "Ausbau",
    "bessere",
    "keine / bzw. zu wenig",
    "dringend",
    "Ausbau von",
    "Förderung der",
    "Stärkung der",
    "mehr Angebote für",
    "Problem:",
    "gute",
    "viele",
    "Verbesserung der",
    "+",
];

const SUFFIXES: &[&str] = &[
    "in GE",
    "im Stadtteil",
    "!!!",
    "für Familien",
    "u. Jugendliche",
    "für alle",
    "vor Ort",
    "(z.B. Schule)",
    "im Quartier",
    "schaffen",
    "stärken",
    "bereitstellen",
    "?!",
    "fehlt",
    "zw. Deutschen & Zugewanderten",
    "für Migrant*innen",
    "für Bürger:innen",
];

const PLACES: &[&str] = &[
    "Schalke",
    "Bismarck",
    "Altstadt",
    "Feldmark",
    "Heßler",
    "Bulmke-Hüllen",
    "Schalke-Nord",
    "Rotthausen",
    "Ückendorf",
    "Horst",
    "Buer",
    "Erle",
    "Hassel",
    "Resse",
];

const SYLLABLES: &[&str] = &[
    "ver", "an", "schul", "heit", "ung", "stadt", "teil", "bau", "kraft", "werk", "land", "haus",
    "netz", "amt", "hof", "wald", "berg", "feld", "markt", "kunst", "licht", "fahrt", "zeit",
    "sinn", "spiel", "raum", "rad", "gang", "stein", "burg", "mann", "kind", "lern", "sprach",
    "bund", "brück", "hilf", "treff", "bild", "kreis", "platz", "weg", "dorf", "stift",
];

/// A rare word: a compound of German syllables.
fn rare_word(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut w = String::new();
    for _ in 0..n {
        w.push_str(rng.pick(SYLLABLES));
    }
    let mut c = w.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => w,
    }
}

/// A slip of the pen: a letter left out, doubled or swapped.
fn misspell(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 6 {
        return word.to_string();
    }
    let i = 2 + rng.below(chars.len() - 3);
    match rng.below(3) {
        0 => {
            chars.remove(i);
        }
        1 => {
            let c = chars[i];
            chars.insert(i, c);
        }
        _ => chars.swap(i, i - 1),
    }
    chars.into_iter().collect()
}

/// The text of one card.
pub fn card_text(rng: &mut Rng) -> String {
    let mut words: Vec<String> = Vec::new();
    if rng.chance(80) {
        if rng.chance(55) {
            words.push(rng.pick(PREFIXES).to_string());
        }
        let topic = TOPICS[rng.below(TOPICS.len())];
        words.push(rng.pick(topic).to_string());
        if rng.chance(12) {
            words.push(rng.pick(&["+", "/", "und", "&"]).to_string());
            let other = TOPICS[rng.below(TOPICS.len())];
            words.push(rng.pick(other).to_string());
        }
        if rng.chance(30) {
            words.push(rng.pick(SUFFIXES).to_string());
        }
    } else {
        for _ in 0..1 + rng.below(3) {
            let topic = TOPICS[rng.below(TOPICS.len())];
            words.push(rng.pick(topic).to_string());
        }
    }
    if rng.chance(15) {
        words.push(rng.pick(PLACES).to_string());
    }
    if rng.chance(25) {
        words.push(rare_word(rng));
    }
    if rng.chance(8) {
        let i = rng.below(words.len());
        words[i] = misspell(&words[i], rng);
    }
    if rng.chance(6) {
        words.push(format!("↳ {}", rare_word(rng)));
    }
    words.join(" ")
}

/// `n` cards as (column key, text).
pub fn cards(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let column = match rng.below(4) {
                0 => "good",
                1 => "matters",
                _ => "needs",
            };
            (column.to_string(), card_text(&mut rng))
        })
        .collect()
}

/// Cards on one board of a synthetic session.
pub const CARDS_PER_BOARD: usize = 100;

/// A session of `n` synthetic cards on district-exchange boards of
/// [`CARDS_PER_BOARD`] cards each, as a state's collection of workshops.
pub fn session(n: usize, seed: u64) -> stellwand::core::model::Session {
    use stellwand::core::model::{Card, Session};
    let templates = stellwand::core::template::Templates::builtin();
    let template = templates
        .board("district-exchange")
        .expect("built-in template");
    let mut s = Session {
        id: format!("synthetic-{n}"),
        title: format!("{n} Karten"),
        date: "2019-02-13".into(),
        ..Session::default()
    };
    // Ids as the program makes them, remembered here: asking the session
    // whether an id is taken reads all of it, once per card.
    let mut taken = std::collections::HashSet::new();
    let mut fresh = |prefix: &str| {
        let id = stellwand::core::model::ids::random_id(prefix, |id| taken.contains(id));
        taken.insert(id.clone());
        id
    };
    for (i, (column, text)) in cards(n, seed).into_iter().enumerate() {
        if i % CARDS_PER_BOARD == 0 {
            let id = fresh("b");
            let title = format!("Stadtteil {}", i / CARDS_PER_BOARD + 1);
            s.boards.push(template.new_board(id, &title));
        }
        let id = fresh("k");
        let board = s.boards.last_mut().expect("a board");
        if let Some(c) = board.columns.iter_mut().find(|c| c.key == column) {
            c.cards.push(Card::new(id, text));
        }
    }
    s
}

/// [`cards`] as cards for the clustering: ids `k0`, `k1`, … of session
/// `session`, thirty to a board.
pub fn cluster_cards(
    n: usize,
    seed: u64,
    session: &str,
) -> Vec<stellwand::core::cluster::ClusterCard> {
    cards(n, seed)
        .into_iter()
        .enumerate()
        .map(
            |(i, (column, text))| stellwand::core::cluster::ClusterCard {
                id: format!("k{i}"),
                session: session.into(),
                board: format!("b{}", i / 30),
                column,
                text,
                ..Default::default()
            },
        )
        .collect()
}
