//! From card texts to weighted feature vectors: stems, compound parts split
//! against the cards' own vocabulary, spelling variants, thesaurus groups,
//! all weighted by rarity (IDF).

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

mod compound;
mod concepts;
mod spelling;

use compound::Vocab;
use concepts::ConceptIndex;

use super::general::{self, General};
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
    stemmer: Stemmer,
    stem_cache: FastMap<String, String>,
    weak: HashSet<String>,
    /// Where the cards were written: the sessions' place fields.
    places: Vec<String>,
    /// Board titles (districts, groups): their words are weak unless the
    /// thesaurus knows them as a theme ("Wohnen" on a theme wall).
    titles: Vec<String>,
    /// Lower-case words of the places.
    place_parts: HashSet<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        let stemmer = Stemmer::create(Algorithm::German);
        let weak = WEAK_WORDS
            .split_whitespace()
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        Analyzer {
            stemmer,
            stem_cache: FastMap::default(),
            weak,
            places: Vec::new(),
            titles: Vec::new(),
            place_parts: HashSet::new(),
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
        let mut split_cache = HashMap::new();
        for place in std::mem::take(&mut self.places) {
            for token in tokenize(&place) {
                for part in &token.parts {
                    let stem = self.stem(part);
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
                let stems: Vec<String> = token
                    .parts
                    .iter()
                    .flat_map(|p| self.split_stems(p, vocab, &mut split_cache))
                    .collect();
                if concepts
                    .matches(std::slice::from_ref(&stems), &[false])
                    .is_empty()
                {
                    self.weak.extend(stems);
                }
            }
        }
    }

    fn stem(&mut self, word: &str) -> String {
        if let Some(s) = self.stem_cache.get(word) {
            return s.clone();
        }
        let s = self.stemmer.stem(word).replace('ß', "ss");
        self.stem_cache.insert(word.to_string(), s.clone());
        s
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
        texts: &[String],
        thesaurus: &Thesaurus,
        tags: &[Vec<String>],
    ) -> Features {
        let tokens: Vec<Vec<Token>> = texts.iter().map(|t| tokenize(t)).collect();
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
        let mut freq: HashMap<&str, u32> = HashMap::new();
        for card in &tokens {
            for t in card {
                for p in &t.parts {
                    *freq.entry(p.as_str()).or_default() += 1;
                }
            }
        }
        let on_cards: HashSet<&str> = freq.keys().copied().collect();
        for t in thesaurus_tokens.iter().flatten().flatten() {
            for p in &t.parts {
                *freq.entry(p.as_str()).or_default() += 2;
            }
        }
        let respell = self.link_spellings(&freq, &on_cards);

        // The vocabulary compounds are split against: the cards' own words,
        // their stems, and the thesaurus words.
        let mut vocab = Vocab::default();
        let word_parts = freq
            .keys()
            .copied()
            .chain(
                thesaurus_tokens
                    .iter()
                    .flatten()
                    .flatten()
                    .flat_map(|t| t.parts.iter().map(String::as_str)),
            )
            .collect::<Vec<_>>();
        for w in word_parts {
            let w = respell.get(w).map_or(w, String::as_str);
            if w.chars().count() >= 4 {
                vocab.words.insert(w.to_string());
                let s = self.stem(w);
                if s.chars().count() >= 4 {
                    vocab.stems.insert(s);
                }
            }
        }

        let mut split_cache: HashMap<String, Vec<String>> = HashMap::new();
        let concepts = self.concept_index(thesaurus, &thesaurus_tokens, &vocab, &mut split_cache);
        self.weaken_places(&concepts, &vocab);
        let general = thesaurus.general.then(General::shipped);

        let mut interner: FastMap<FeatureKind, u32> = FastMap::default();
        let mut kinds: Vec<FeatureKind> = Vec::new();
        let mut intern = |k: FeatureKind| -> u32 {
            if let Some(&id) = interner.get(&k) {
                return id;
            }
            let id = kinds.len() as u32;
            kinds.push(k.clone());
            interner.insert(k, id);
            id
        };
        let learned_group: Vec<bool> = thesaurus.groups.iter().map(|g| g.learned).collect();

        let mut cards = Vec::with_capacity(tokens.len());
        // Which words carry each general set: kept only where it links
        // different words.
        let mut general_words: FastMap<u32, Vec<String>> = FastMap::default();
        for (ci, card_tokens) in tokens.into_iter().enumerate() {
            let mut weights: FastMap<u32, f32> = FastMap::default();
            let mut carriers = Vec::new();
            let mut respelled = Vec::new();
            let mut token_stems: Vec<Vec<String>> = Vec::with_capacity(card_tokens.len());
            // Each token's place among the card's words that are not generic.
            let mut places_of: Vec<usize> = Vec::with_capacity(card_tokens.len());
            let mut place = 0usize;
            let capitals = card_tokens
                .iter()
                .any(|t| t.surface.chars().next().is_some_and(char::is_uppercase));
            let lower_tokens: Vec<bool> = card_tokens
                .iter()
                .enumerate()
                .map(|(ti, t)| {
                    capitals && ti > 0 && t.surface.chars().next().is_some_and(char::is_lowercase)
                })
                .collect();
            for (ti, token) in card_tokens.iter().enumerate() {
                let mut stems = Vec::new();
                let mut changed = None;
                for part in &token.parts {
                    let part = match respell.get(part.as_str()) {
                        Some(c) => {
                            changed = Some(c.clone());
                            c.as_str()
                        }
                        None => part.as_str(),
                    };
                    if self.place_parts.contains(part) {
                        stems.push(self.stem(part));
                    } else {
                        stems.extend(self.split_stems(part, &vocab, &mut split_cache));
                    }
                }
                if let Some(c) = changed {
                    respelled.push((ti as u32, c));
                }
                let mut add = |id: u32, w: f32| {
                    let e = weights.entry(id).or_insert(0.0);
                    if w > *e {
                        *e = w;
                    }
                    carriers.push(Carrier {
                        feature: id,
                        token: ti as u32,
                    });
                };
                // A compound is one word: its parts share the word's weight.
                let lower = lower_tokens[ti];
                let share = aside_factor(token) * position_factor(place)
                    / (stems.len().max(1) as f32).sqrt()
                    * if lower { LOWER_CASE_WEIGHT } else { 1.0 };
                for s in &stems {
                    let w = share
                        * if token.generic || self.weak.contains(s) {
                            WEAK_WEIGHT
                        } else {
                            1.0
                        };
                    add(intern(FeatureKind::Stem(s.clone())), w);
                }
                if stems.len() >= 2 {
                    add(
                        intern(FeatureKind::Compound(stems.concat())),
                        COMPOUND_WEIGHT * aside_factor(token) * position_factor(place),
                    );
                }
                places_of.push(place);
                // Generic abbreviations ("gem.") do not push the theme's word back.
                if !token.generic {
                    place += 1;
                }
                token_stems.push(stems);
            }
            let matched = concepts.matches(&token_stems, &lower_tokens);
            // A word the thesaurus knows is carried mostly by its group, so
            // that cards meaning the same in other words come close.
            {
                let share = MATCHED_STEM_SHARE;
                let mut scaled: Vec<u32> = Vec::new();
                for &(_, ti) in &matched {
                    for st in &token_stems[ti] {
                        let id = intern(FeatureKind::Stem(st.clone()));
                        if !scaled.contains(&id) {
                            scaled.push(id);
                            if let Some(w) = weights.get_mut(&id) {
                                *w *= share;
                            }
                        }
                    }
                }
            }
            for &(group, ti) in &matched {
                let (kind, weight) = if learned_group[group] {
                    (
                        FeatureKind::Learned(thesaurus.groups[group].name.clone()),
                        LEARNED_WEIGHT,
                    )
                } else {
                    let broad = if thesaurus.groups[group].broad {
                        BROAD_SHARE
                    } else {
                        1.0
                    };
                    (FeatureKind::Concept(group), CONCEPT_WEIGHT * broad)
                };
                let id = intern(kind);
                let e = weights.entry(id).or_insert(0.0);
                *e =
                    e.max(weight * aside_factor(&card_tokens[ti]) * position_factor(places_of[ti]));
                carriers.push(Carrier {
                    feature: id,
                    token: ti as u32,
                });
            }
            if let Some(general) = general {
                for (ti, stems) in token_stems.iter().enumerate() {
                    // The domain thesaurus knows the word better.
                    if matched.iter().any(|&(_, t)| t == ti) {
                        continue;
                    }
                    let Some(head) = stems.last() else { continue };
                    if self.weak.contains(head) {
                        continue;
                    }
                    let whole = general::key(&card_tokens[ti].parts.concat());
                    let head = general::key(head);
                    let (mut sets, mut word) = (general.sets_of(&whole), &whole);
                    if sets.is_empty() && stems.len() > 1 {
                        (sets, word) = (general.sets_of(&head), &head);
                    }
                    for &set in sets {
                        let id = intern(FeatureKind::General(set));
                        let words = general_words.entry(id).or_default();
                        if !words.contains(word) {
                            words.push(word.clone());
                        }
                        let e = weights.entry(id).or_insert(0.0);
                        *e = e.max(GENERAL_WEIGHT * aside_factor(&card_tokens[ti]));
                        carriers.push(Carrier {
                            feature: id,
                            token: ti as u32,
                        });
                    }
                }
            }
            for tag in tags.get(ci).into_iter().flatten() {
                let id = intern(FeatureKind::Tag(tag.clone()));
                weights.insert(id, TAG_WEIGHT);
            }
            let mut vector: Vec<(u32, f32)> = weights.into_iter().collect();
            vector.sort_unstable_by_key(|(id, _)| *id);
            cards.push(CardFeatures {
                tokens: card_tokens,
                respelled,
                vector,
                carriers,
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

/// Words in brackets are an aside to the card's point.
fn aside_factor(token: &Token) -> f32 {
    if token.aside { ASIDE_WEIGHT } else { 1.0 }
}

/// Weight of a card's word after `place` others that are not generic: a
/// card names its theme first
/// ("Kita schließt um 14 Uhr", "Müll an den Containern"); the words after
/// say more about it.
fn position_factor(place: usize) -> f32 {
    (1.0 - POSITION_DECAY * place as f32).max(POSITION_FLOOR)
}

#[cfg(test)]
mod tests {
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
