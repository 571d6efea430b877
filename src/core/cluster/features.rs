//! From card texts to weighted feature vectors: stems, compound parts split
//! against the cards' own vocabulary, spelling variants, thesaurus groups,
//! all weighted by rarity (IDF).

use rayon::prelude::*;
use rustc_hash::FxHashSet as FastSet;

mod card;
mod compound;
mod concepts;
mod spelling;

use compound::{Stems, Vocab};
use concepts::ConceptIndex;

use super::general::General;
use super::graph::FastMap;
use super::normalise::{Token, tokenize};
use super::thesaurus::Thesaurus;

/// What a feature stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    /// A word stem, also a part of a compound ("kita" in "Kitaplätze").
    Stem(String),
    /// A whole compound ("kitaplatz"), so that equal compounds count more
    /// than compounds sharing one part.
    Compound(String),
    /// A thesaurus group (index into the thesaurus' groups).
    Concept(usize),
    /// A set of general synonyms (index into [`General::sets`]).
    General(u32),
    /// Words the clerk put together in a confirmed theme, named by the
    /// theme's label (learned in this folder).
    Learned(String),
    /// A Handlungsfeld set on the card.
    Tag(String),
}

/// Why a card has a feature: the word on the card that carries it.
#[derive(Debug, Clone)]
pub struct Carrier {
    pub feature: u32,
    pub token: u32,
}

/// The features of one card.
#[derive(Debug, Clone, Default)]
pub struct CardFeatures {
    /// The words of the card.
    pub tokens: Vec<Token>,
    /// Tokens whose spelling was read as another word ("Quartierskümern" as
    /// "Quartierskümmerer"): token index and the word it was read as.
    pub respelled: Vec<(u32, String)>,
    /// Feature ids with weights, sorted by id, of unit length (empty when the
    /// card has no words).
    pub vector: Vec<(u32, f32)>,
    pub carriers: Vec<Carrier>,
}

/// Features of a set of cards.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub cards: Vec<CardFeatures>,
    pub kinds: Vec<FeatureKind>,
    /// In how many cards a feature occurs.
    pub df: Vec<u32>,
    pub idf: Vec<f32>,
    /// Whether a feature is a generic word (weighted down).
    pub weak: Vec<bool>,
    /// Names of the thesaurus groups (for explanations).
    pub concept_names: Vec<String>,
    /// Feature ids by kind.
    pub index: FastMap<FeatureKind, u32>,
    /// The rows (after the cards) of the labels of confirmed themes, by
    /// theme id, when the labels were analysed with the cards.
    pub labels: Vec<(String, usize)>,
}

impl Features {
    /// The id of a feature, made on first use.
    pub fn intern(&mut self, kind: FeatureKind) -> u32 {
        if let Some(&id) = self.index.get(&kind) {
            return id;
        }
        let id = self.kinds.len() as u32;
        self.kinds.push(kind.clone());
        self.index.insert(kind, id);
        id
    }

    /// Adds a feature to a card's raw vector (before [`Features::finish`]),
    /// keeping the larger weight when the card has it already.
    pub fn add(&mut self, card: usize, kind: FeatureKind, weight: f32, token: Option<u32>) {
        let id = self.intern(kind);
        let c = &mut self.cards[card];
        match c.vector.binary_search_by_key(&id, |(f, _)| *f) {
            Ok(i) => c.vector[i].1 = c.vector[i].1.max(weight),
            Err(i) => c.vector.insert(i, (id, weight)),
        }
        if let Some(token) = token {
            c.carriers.push(Carrier { feature: id, token });
        }
    }

    /// Weighs the raw vectors by rarity and makes them unit length.
    pub fn finish(&mut self) {
        // Rarity: a word on few cards tells more than one on many.
        let n = self.cards.len() as f32;
        let mut df = vec![0u32; self.kinds.len()];
        for c in &self.cards {
            for (id, _) in &c.vector {
                df[*id as usize] += 1;
            }
        }
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((n + BACKGROUND_CARDS) / (d as f32 + 0.5)).ln().max(0.0) + 0.5)
            .collect();
        for c in &mut self.cards {
            let mut norm = 0.0f32;
            for (id, w) in &mut c.vector {
                *w *= idf[*id as usize];
                norm += *w * *w;
            }
            let norm = norm.sqrt();
            if norm > 0.0 {
                for (_, w) in &mut c.vector {
                    *w /= norm;
                }
            }
        }
        self.weak.resize(self.kinds.len(), false);
        self.df = df;
        self.idf = idf;
    }
}

/// The stem of one word as the analysis reads a word that is not split
/// (`ß` written `ss`).
pub fn word_stem(word: &str) -> String {
    compound::Stems::default().stem(word).to_string()
}

/// Rarity is measured as if this many unrelated cards were added: in a
/// small set (one board) a word on half the cards is not therefore common.
const BACKGROUND_CARDS: f32 = 50.0;
/// Relative weights of the kinds of features.
const COMPOUND_WEIGHT: f32 = 0.3;
const CONCEPT_WEIGHT: f32 = 1.1;
/// Share of the concept weight left to a broad group (a whole field).
const BROAD_SHARE: f32 = 0.6;
/// Weight of words in brackets ("Kitaplätze (Personalschlüssel)").
const ASIDE_WEIGHT: f32 = 0.6;
/// Words learned from the clerk's themes: below the domain groups, for the
/// clerk may have put a card in a theme for one word of several.
pub const LEARNED_WEIGHT: f32 = 0.7;
/// A Handlungsfeld set on the card.
const TAG_WEIGHT: f32 = 0.8;
/// Share of its own weight left to a word whose thesaurus group it carries.
const MATCHED_STEM_SHARE: f32 = 0.7;
/// A general synonym set: far below a word of the card, so that it links
/// words but never makes two cards similar on its own.
const GENERAL_WEIGHT: f32 = 0.4;
/// German writes nouns with a capital: a word in lower case among
/// capitalised ones is a verb or adjective ("explodieren", "komplett") and
/// says less about the theme than the nouns.
const LOWER_CASE_WEIGHT: f32 = 0.4;
/// Each word after the first weighs this much less, down to the floor.
const POSITION_DECAY: f32 = 0.25;
const POSITION_FLOOR: f32 = 0.4;
/// Weight of generic words that say what to do, not about what.
const WEAK_WEIGHT: f32 = 0.3;

/// Generic words of cards ("Ausbau", "Förderung", "Angebote schaffen"), the
/// complaints every theme shares ("lange Wartezeiten", "zu teuer"), and the
/// heads of many compounds ("-platz", "-stelle", "-kurs"): kept, but they
/// alone never make two cards similar.
const WEAK_WORDS: &str =
    "ausbau aufbau abbau abbauen förderung fördern schaffen schaffung stärken stärkung
verbesserung verbessern angebot angebote möglichkeit möglichkeiten problem probleme thema themen
bereich bereiche bereitstellen ermöglichen unterstützung unterstützen erhöhen erhöhung
ausbauen aufbauen entwickeln entwicklung sichern sicherung verstärkt stärker neue neu
machen finden erreichen herstellen gestalten nutzen nutzung arbeit arbeiten
integration maßnahme maßnahmen projekt projekte wichtig notwendig bedarf
menschen leute stadt stadtteil quartier quartiere viertel kiez bezirk stadtbezirk ort vor
brauchen braucht gibt geben fehlen mangel mangelnd schwierig schwierigkeit schwierigkeiten
schwer lang lange warten wartezeit wartezeiten warteliste wartelisten teuer kosten kostenlos
günstig zugang hilfe helfen platz plätze stelle stellen kurs kurse zeit termin termine
zentrum gruppe gruppen haus dienst amt verein vereine leben situation frage fragen
bessere besser mehr weniger keine kein
gehen geht klappt klappen laufen läuft kommen kommt bringen bringt nehmen nimmt stehen steht sagen
sagt sehen sieht wissen weiß kennen kennt lassen lässt bleiben bleibt tun tut passiert bekommen
bekommt kriegen kriegt halten hält zeigen dauert dauern versuchen wollen will möchten dürfen
monat monate jahr jahre woche wochen tag tage stunde stunden minute minuten uhr abend abends
morgen morgens nacht nachts wochenende
können kann müssen muss sollen soll haben hat sein ist sind bieten bietet gibt gab macht";

/// Turns card texts into feature vectors.
pub struct Analyzer {
    stems: Stems,
    weak: FastSet<String>,
    /// Where the cards were written: the sessions' place fields.
    places: Vec<String>,
    /// Board titles (districts, groups): their words are weak unless the
    /// thesaurus knows them as a theme ("Wohnen" on a theme wall).
    titles: Vec<String>,
    /// Lower-case words of the places.
    place_parts: FastSet<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        let stems = Stems::default();
        let weak = WEAK_WORDS
            .split_whitespace()
            .map(|w| stems.stemmer.stem(w).into_owned())
            .collect();
        Analyzer {
            stems,
            weak,
            places: Vec::new(),
            titles: Vec::new(),
            place_parts: FastSet::default(),
        }
    }

    /// The places and board titles of the cards: the session says where it
    /// was, so these words say nothing about a card's theme.
    pub fn with_places(mut self, places: Vec<String>, titles: Vec<String>) -> Self {
        self.places = places;
        self.titles = titles;
        self
    }

    /// Makes the words of places and board titles weak.
    fn weaken_places(&mut self, concepts: &ConceptIndex, vocab: &Vocab) {
        for place in std::mem::take(&mut self.places) {
            for token in tokenize(&place) {
                for part in &token.parts {
                    let stem = self.stems.stem(part).to_string();
                    self.weak.insert(stem);
                    // Never split ("Gelsen|kirchen" is no church).
                    self.place_parts.insert(part.clone());
                    // The short form of a place, as on number plates ("GE").
                    let chars: Vec<char> = part.chars().collect();
                    if chars.len() >= 4 {
                        self.weak.insert(chars[..2].iter().collect());
                    }
                }
            }
        }
        for title in std::mem::take(&mut self.titles) {
            for token in tokenize(&title) {
                let mut stems: Vec<String> = Vec::new();
                for p in &token.parts {
                    stems.extend_from_slice(self.stems.split_stems(p, vocab));
                }
                if concepts
                    .matches(std::slice::from_ref(&stems), &[false])
                    .is_empty()
                {
                    self.weak.extend(stems);
                }
            }
        }
    }

    /// Analyses the texts of a set of cards together (vocabulary and rarity
    /// come from the set itself).
    pub fn analyse(&mut self, texts: &[String], thesaurus: &Thesaurus) -> Features {
        let mut f = self.analyse_raw(texts, thesaurus, &[]);
        f.finish();
        f
    }

    /// [`Analyzer::analyse`] with the Handlungsfelder of each card (by
    /// index, may be shorter than `texts`), before rarity weighs the
    /// vectors: learned words can still be added, then
    /// [`Features::finish`].
    pub fn analyse_raw(
        &mut self,
        texts: &[impl AsRef<str> + Sync],
        thesaurus: &Thesaurus,
        tags: &[&[String]],
    ) -> Features {
        let tokens: Vec<Vec<Token>> = texts.par_iter().map(|t| tokenize(t.as_ref())).collect();
        let thesaurus_tokens: Vec<Vec<Vec<Token>>> = thesaurus
            .groups
            .iter()
            .map(|g| {
                g.words
                    .iter()
                    .map(|w| tokenize(w.trim_start_matches('=')))
                    .collect()
            })
            .collect();

        // How often each word part occurs: rare spellings lean on frequent
        // ones, and on the thesaurus' spelling ("Quartierskümern").
        let mut freq: FastMap<&str, u32> = FastMap::default();
        for card in &tokens {
            for t in card {
                for p in &t.parts {
                    *freq.entry(p.as_str()).or_default() += 1;
                }
            }
        }
        let on_cards: FastSet<&str> = freq.keys().copied().collect();
        for t in thesaurus_tokens.iter().flatten().flatten() {
            for p in &t.parts {
                *freq.entry(p.as_str()).or_default() += 2;
            }
        }
        let respell = self.link_spellings(&freq, &on_cards);

        // The vocabulary compounds are split against: the cards' own words,
        // their stems, and the thesaurus words (all of which are counted
        // in `freq`).
        let mut words: Vec<&str> = freq
            .keys()
            .map(|&w| respell.get(w).map_or(w, String::as_str))
            .filter(|w| w.chars().count() >= 4)
            .collect();
        words.par_sort_unstable();
        words.dedup();
        let chunk = words
            .len()
            .div_ceil(rayon::current_num_threads().max(1))
            .max(1);
        let word_stems: Vec<String> = words
            .par_chunks(chunk)
            .flat_map_iter(|ws| {
                let mut stems = Stems::default();
                ws.iter().map(move |w| stems.stem(w).to_string())
            })
            .collect();
        let mut vocab = Vocab::default();
        vocab.words.reserve(words.len());
        vocab.stems.reserve(words.len());
        for (w, s) in words.iter().zip(word_stems) {
            vocab.words.insert((*w).to_string());
            if s.chars().count() >= 4 {
                vocab.stems.insert(s);
            }
        }

        let concepts = concepts::concept_index(thesaurus, &thesaurus_tokens, &vocab);
        self.weaken_places(&concepts, &vocab);
        let general = thesaurus.general.then(General::shipped);
        let learned_group: Vec<bool> = thesaurus.groups.iter().map(|g| g.learned).collect();

        // The stems of each word part of the cards, as read: each worked
        // out once, on both cores. Words of places are never split
        // ("Gelsen|kirchen" is no church).
        let mut parts: Vec<&str> = on_cards
            .iter()
            .map(|&p| respell.get(p).map_or(p, String::as_str))
            .collect();
        parts.par_sort_unstable();
        parts.dedup();
        let chunk = parts
            .len()
            .div_ceil(4 * rayon::current_num_threads().max(1))
            .max(1);
        let (place_parts, vocab) = (&self.place_parts, &vocab);
        let part_stems: Vec<Vec<String>> = parts
            .par_chunks(chunk)
            .flat_map_iter(|ps| {
                let mut stems = Stems::default();
                ps.iter().map(move |p| {
                    if place_parts.contains(*p) {
                        vec![stems.stem(p).to_string()]
                    } else {
                        stems.split_stems(p, vocab).to_vec()
                    }
                })
            })
            .collect();
        let stems_of: FastMap<&str, Vec<String>> = parts.into_iter().zip(part_stems).collect();

        // Each card on its own, on both cores.
        let context = card::Context {
            respell: &respell,
            stems_of: &stems_of,
            weak: &self.weak,
            concepts: &concepts,
            thesaurus,
            learned_group: &learned_group,
            general,
        };
        let drafts: Vec<card::Draft> = tokens
            .par_iter()
            .enumerate()
            .with_min_len(64)
            .map(|(ci, card_tokens)| {
                let tags = tags.get(ci).copied().unwrap_or_default();
                context.draft(card_tokens, tags)
            })
            .collect();

        // Then the features get their ids in the order the cards name them.
        let mut interner: FastMap<FeatureKind, u32> = FastMap::default();
        let mut kinds: Vec<FeatureKind> = Vec::new();
        // Which words carry each general set: kept only where it links
        // different words.
        let mut general_words: FastMap<u32, Vec<String>> = FastMap::default();
        let mut cards = Vec::with_capacity(drafts.len());
        let mut ids: Vec<u32> = Vec::new();
        for (draft, card_tokens) in drafts.into_iter().zip(tokens) {
            ids.clear();
            for kind in draft.kinds {
                let id = match interner.get(&kind) {
                    Some(&id) => id,
                    None => {
                        let id = kinds.len() as u32;
                        kinds.push(kind.clone());
                        interner.insert(kind, id);
                        id
                    }
                };
                ids.push(id);
            }
            for (f, word) in draft.general {
                let words = general_words.entry(ids[f as usize]).or_default();
                if !words.contains(&word) {
                    words.push(word);
                }
            }
            let mut vector: Vec<(u32, f32)> = ids.iter().copied().zip(draft.weights).collect();
            vector.sort_unstable_by_key(|(id, _)| *id);
            cards.push(CardFeatures {
                tokens: card_tokens,
                respelled: draft.respelled,
                vector,
                carriers: draft
                    .carriers
                    .iter()
                    .map(|&(f, token)| Carrier {
                        feature: ids[f as usize],
                        token,
                    })
                    .collect(),
            });
        }
        // A general set carried by one word only links nothing: it would
        // only dilute the cards' vectors.
        let mut idle = vec![false; kinds.len()];
        for (id, words) in &general_words {
            idle[*id as usize] = words.len() < 2;
        }
        for c in &mut cards {
            let before = c.vector.len();
            c.vector.retain(|(id, _)| !idle[*id as usize]);
            if c.vector.len() != before {
                c.carriers.retain(|k| !idle[k.feature as usize]);
            }
        }

        let weak = kinds
            .iter()
            .map(|k| matches!(k, FeatureKind::Stem(s) if self.weak.contains(s)))
            .collect();
        Features {
            cards,
            kinds,
            df: Vec::new(),
            idf: Vec::new(),
            weak,
            concept_names: thesaurus.groups.iter().map(|g| g.name.clone()).collect(),
            index: interner,
            labels: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn stems_of(texts: &[&str], i: usize) -> Vec<String> {
        let texts: Vec<String> = texts.iter().map(|s| s.to_string()).collect();
        let f = Analyzer::new().analyse(&texts, &Thesaurus::default());
        f.cards[i]
            .vector
            .iter()
            .filter_map(|(id, _)| match &f.kinds[*id as usize] {
                FeatureKind::Stem(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }

    fn similarity(texts: &[&str], thesaurus: &Thesaurus) -> f32 {
        let texts: Vec<String> = texts.iter().map(|s| s.to_string()).collect();
        let f = Analyzer::new().analyse(&texts, thesaurus);
        super::super::graph::dot(&f.cards[0].vector, &f.cards[1].vector)
    }

    /// The weight of each stem of card `i`.
    fn weights(texts: &[&str], i: usize, thesaurus: &Thesaurus) -> HashMap<String, f32> {
        let texts: Vec<String> = texts.iter().map(|s| s.to_string()).collect();
        let f = Analyzer::new().analyse(&texts, thesaurus);
        f.cards[i]
            .vector
            .iter()
            .filter_map(|(id, w)| match &f.kinds[*id as usize] {
                FeatureKind::Stem(s) => Some((s.clone(), *w)),
                FeatureKind::Concept(g) => Some((format!("<{}>", f.concept_names[*g]), *w)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_first_words_of_a_card_name_its_theme() {
        let th = Thesaurus::default();
        // Both cards share both words with the third; the one that names
        // the rent first is about the rent.
        let rent_first = similarity(&["Miete zu hoch, Nachbarn laut", "Miete steigt"], &th);
        let rent_later = similarity(&["Nachbarn laut, Miete zu hoch", "Miete steigt"], &th);
        assert!(rent_first > rent_later + 0.1, "{rent_first} {rent_later}");
        // A generic short form in front does not push the theme's word back.
        let w = weights(&["gem. Sprachkurse Abend", "Sprachkurse"], 0, &th);
        let plain = weights(&["Sprachkurse Abend", "Sprachkurse"], 0, &th);
        let ratio = |w: &HashMap<String, f32>| w["sprachkurs"] / w["abend"];
        assert!((ratio(&w) - ratio(&plain)).abs() < 1e-3, "{w:?} {plain:?}");
    }

    #[test]
    fn lower_case_words_among_capitalised_ones_are_no_nouns() {
        let th = Thesaurus::default();
        // The verb weighs less than a noun in the same place.
        let verb = weights(&["Mieten explodieren", "Wohnung Fenster"], 0, &th);
        let noun = weights(&["Mieten Explosion", "Wohnung Fenster"], 0, &th);
        let ratio = |w: &HashMap<String, f32>, second: &str| w[second] / w["miet"];
        assert!(
            ratio(&verb, "explodi") < 0.6 * ratio(&noun, "explosion"),
            "{verb:?} {noun:?}"
        );
        // A card written all in lower case is read as it is.
        let lower = weights(&["mieten explodieren", "Wohnung Fenster"], 0, &th);
        assert!(
            (ratio(&lower, "explodi") - ratio(&noun, "explosion")).abs() < 0.05,
            "{lower:?} {noun:?}"
        );
        // And matches no noun of the thesaurus: "hört" is not the "Hort",
        // "festen" not the "Feste".
        let th = Thesaurus::builtin();
        let doctor = weights(&["Hausarzt hört auf", "Kita"], 0, &th);
        assert!(doctor.contains_key("<Gesundheit>"), "{doctor:?}");
        assert!(!doctor.contains_key("<Kinderbetreuung>"), "{doctor:?}");
        let office = weights(&["Stadtteilbüro mit festen Sprechzeiten", "Fest"], 0, &th);
        assert!(!office.contains_key("<Feste>"), "{office:?}");
        let fest = weights(&["Feste im Sommer", "Fest"], 0, &th);
        assert!(fest.contains_key("<Feste>"), "{fest:?}");
    }

    #[test]
    fn general_synonyms_link_words_but_never_merge_alone() {
        let with = Thesaurus {
            general: true,
            ..Thesaurus::default()
        };
        let without = Thesaurus::default();
        // "Mediziner" and "Doktor" are general synonyms of one another.
        let cards = ["Mediziner fehlen im Viertel", "kein Doktor im Viertel"];
        let (linked, plain) = (similarity(&cards, &with), similarity(&cards, &without));
        assert!(linked > plain + 0.05, "{linked} vs {plain}");
        let alone = similarity(&["Mediziner", "Doktor"], &with);
        assert!(
            alone > 0.0 && alone < crate::core::cluster::DEFAULT_THRESHOLD as f32,
            "{alone}"
        );
        // A set only one word carries adds nothing.
        let same = similarity(&["Doktor fehlt", "Doktor gesucht"], &with);
        assert!((same - similarity(&["Doktor fehlt", "Doktor gesucht"], &without)).abs() < 1e-6);
    }

    #[test]
    fn places_and_board_titles_are_weak_words() {
        let texts: Vec<String> = [
            "Kitaplätze in Gelsenkirchen",
            "Müll in Gelsenkirchen",
            "Sauberkeit Hassel",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let plain = Analyzer::new().analyse(&texts, &Thesaurus::default());
        let placed = Analyzer::new()
            .with_places(
                vec!["Gelsenkirchen".into()],
                vec!["Hassel".into(), "Wohnen".into()],
            )
            .analyse(&texts, &Thesaurus::builtin());
        let dot = |f: &Features| super::super::graph::dot(&f.cards[0].vector, &f.cards[1].vector);
        assert!(dot(&plain) > 0.3, "{}", dot(&plain));
        assert!(dot(&placed) < 0.1, "{}", dot(&placed));
        let weak_stem = |f: &Features, s: &str| {
            f.kinds
                .iter()
                .position(|k| *k == FeatureKind::Stem(s.into()))
                .is_some_and(|i| f.weak[i])
        };
        assert!(weak_stem(&placed, "hassel"));
        assert!(!weak_stem(&plain, "hassel"));
        // The short form of the place, as on number plates.
        let texts: Vec<String> = vec!["Kitaplätze GE".into(), "Müll GE".into()];
        let placed = Analyzer::new()
            .with_places(vec!["Gelsenkirchen".into()], Vec::new())
            .analyse(&texts, &Thesaurus::builtin());
        assert!(dot(&placed) < 0.1, "{}", dot(&placed));
    }

    #[test]
    fn words_in_brackets_and_generic_abbreviations_weigh_less() {
        let th = Thesaurus::default();
        let main = similarity(&["Personalschlüssel", "Personalschlüssel erhöhen"], &th);
        let aside = similarity(
            &["Personalschlüssel", "Kitaplätze (Personalschlüssel)"],
            &th,
        );
        let spelled = similarity(&["Personalschlüssel", "Kitaplätze Personalschlüssel"], &th);
        assert!(
            aside < spelled && spelled <= main,
            "{aside} {spelled} {main}"
        );
        // "gem." says nothing about a theme; "gemeinsam" written out does.
        let short = similarity(&["gem. Feste", "gem. Sprachkurse"], &th);
        let long = similarity(&["gemeinsame Feste", "gemeinsame Sprachkurse"], &th);
        assert!(short < long && short < 0.1, "{short} {long}");
    }

    #[test]
    fn cards_of_one_field_are_less_alike_than_cards_of_one_theme() {
        let th = Thesaurus::builtin();
        // Both about doctors' appointments, in other words.
        let theme = similarity(&["Hausarzt fehlt", "Kinderärztin nimmt niemanden"], &th);
        // Both about health, but one about doctors, one about insurance.
        let field = similarity(&["Hausarzt fehlt", "Krankenkasse zahlt nicht"], &th);
        let t = crate::core::cluster::DEFAULT_THRESHOLD as f32;
        assert!(theme >= t && field < t, "theme {theme}, field {field}");
    }

    #[test]
    fn compounds_split_against_the_cards_vocabulary() {
        let texts = [
            "Kita-Plätze",
            "fehlende Kitaplätze",
            "Parkplätze",
            "Wildes Parken",
        ];
        let mut s = stems_of(&texts, 1);
        s.sort();
        assert_eq!(s, vec!["kita", "platz"]);
        let mut p = stems_of(&texts, 2);
        p.sort();
        assert_eq!(p, vec!["park", "platz"]);
    }
}
