//! From card texts to weighted feature vectors: stems, compound parts split
//! against the cards' own vocabulary, spelling variants, thesaurus groups,
//! all weighted by rarity (IDF).

use std::collections::{HashMap, HashSet};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use rphonetic::{Cologne, Encoder};
use rust_stemmers::{Algorithm, Stemmer};

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
const COMPOUND_WEIGHT: f32 = 0.5;
const CONCEPT_WEIGHT: f32 = 1.1;
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
bessere besser mehr weniger keine kein";

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
                if concepts.matches(std::slice::from_ref(&stems)).is_empty() {
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
        for t in thesaurus_tokens.iter().flatten().flatten() {
            for p in &t.parts {
                *freq.entry(p.as_str()).or_default() += 2;
            }
        }
        let respell = self.link_spellings(&freq);

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
                let share = aside_factor(token) / (stems.len().max(1) as f32).sqrt();
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
                        COMPOUND_WEIGHT * aside_factor(token),
                    );
                }
                token_stems.push(stems);
            }
            let matched = concepts.matches(&token_stems);
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
                    (FeatureKind::Concept(group), CONCEPT_WEIGHT)
                };
                let id = intern(kind);
                let e = weights.entry(id).or_insert(0.0);
                *e = e.max(weight * aside_factor(&card_tokens[ti]));
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
        }
    }

    /// The stems of a word part, split into compound parts where the pieces
    /// are words of the vocabulary.
    fn split_stems(
        &mut self,
        word: &str,
        vocab: &Vocab,
        cache: &mut HashMap<String, Vec<String>>,
    ) -> Vec<String> {
        if let Some(s) = cache.get(word) {
            return s.clone();
        }
        let pieces = self.split(word, vocab);
        let stems: Vec<String> = pieces.iter().map(|p| self.stem(p)).collect();
        cache.insert(word.to_string(), stems.clone());
        stems
    }

    /// Splits a compound into known pieces: the finest split with at most one
    /// unknown piece, linking `s`/`n`/`en`/`e` removed from the pieces.
    fn split(&mut self, word: &str, vocab: &Vocab) -> Vec<String> {
        const MIN_PIECE: usize = 4;
        const MIN_UNKNOWN: usize = 5;
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        if !(2 * MIN_PIECE..=super::normalise::MAX_WORD_CHARS).contains(&n) {
            return vec![word.to_string()];
        }
        // best[i]: (unknown pieces, -pieces, letters in unknown pieces,
        // pieces) for word[i..].
        // A piece known only as a stem ("park" of "parken") is taken where
        // no piece is unknown: with an unknown piece beside it, it is too
        // likely a chance match ("saub|erkeit").
        type Split = (u8, i8, usize, bool, Vec<String>);
        let mut best: Vec<Option<Split>> = vec![None; n + 1];
        best[n] = Some((0, 0, 0, false, Vec::new()));
        for i in (0..n).rev() {
            let mut choice: Option<Split> = None;
            for j in (i + MIN_PIECE)..=n {
                let Some((unknown, neg_parts, unknown_len, stem_used, rest)) = &best[j] else {
                    continue;
                };
                if i == 0 && j == n {
                    continue;
                }
                let piece = &word[bounds[i]..bounds[j]];
                if i > 0 && !may_begin_piece(piece) {
                    continue;
                }
                let known = if j == n {
                    self.known_head(piece, vocab)
                } else {
                    known_modifier(piece, vocab)
                        .map(|p| (p, false))
                        .or_else(|| {
                            vocab
                                .stems
                                .contains(piece)
                                .then(|| (piece.to_string(), true))
                        })
                };
                let (piece, unknown, unknown_len, stem_used) = match known {
                    Some((p, by_stem)) => {
                        if by_stem && *unknown > 0 {
                            continue;
                        }
                        (p, *unknown, *unknown_len, *stem_used || by_stem)
                    }
                    None if j - i >= MIN_UNKNOWN
                        && *unknown == 0
                        && !*stem_used
                        && (i == 0 || word_like(piece)) =>
                    {
                        (piece.to_string(), 1, j - i, false)
                    }
                    None => continue,
                };
                // Fewest unknown pieces, then most pieces, then the fewest
                // letters left unknown ("Teilhabe|chancen", not
                // "Teilhab|echancen").
                let key = (unknown, *neg_parts - 1, unknown_len);
                if choice.as_ref().is_none_or(|c| key < (c.0, c.1, c.2)) {
                    let mut pieces = Vec::with_capacity(rest.len() + 1);
                    pieces.push(piece);
                    pieces.extend(rest.iter().cloned());
                    choice = Some((key.0, key.1, key.2, stem_used, pieces));
                }
            }
            best[i] = choice;
        }
        match best[0].take() {
            Some((unknown, _, _, _, pieces))
                if pieces.len() >= 2 && pieces.len() > unknown as usize =>
            {
                pieces
            }
            _ => vec![word.to_string()],
        }
    }

    /// The last piece of a compound, if known: `(piece, known only as a
    /// stem)`.
    fn known_head(&mut self, piece: &str, vocab: &Vocab) -> Option<(String, bool)> {
        if vocab.words.contains(piece) {
            return Some((piece.to_string(), false));
        }
        if vocab.stems.contains(piece) {
            return Some((piece.to_string(), true));
        }
        let s = self.stem(piece);
        if s.chars().count() < 4 {
            return None;
        }
        if vocab.words.contains(&s) {
            Some((piece.to_string(), false))
        } else {
            vocab.stems.contains(&s).then(|| (piece.to_string(), true))
        }
    }

    /// Word parts that may be the same word spelled differently, mapped to the
    /// more frequent spelling. Only compared within blocks (same beginning,
    /// same ending or same sound key), never all against all.
    fn link_spellings(&mut self, freq: &HashMap<&str, u32>) -> HashMap<String, String> {
        let cologne = Cologne;
        let mut words: Vec<(&str, u32)> = freq
            .iter()
            .filter(|(w, _)| w.chars().count() >= 7)
            .map(|(w, f)| (*w, *f))
            .collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        // Each word as written and as stem, with its sound key.
        let info: Vec<[Spelling; 2]> = words
            .iter()
            .map(|(w, _)| {
                let stem = self.stemmer.stem(w).into_owned();
                [Spelling::new(w, &cologne), Spelling::new(&stem, &cologne)]
            })
            .collect();
        let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, [word, _]) in info.iter().enumerate() {
            // A slip of the pen spares the beginning or the end of a word
            // of seven letters or more, or leaves its sound.
            let chars = &word.chars;
            let head: String = chars[..4].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            blocks.entry(format!("h{head}")).or_default().push(i);
            blocks.entry(format!("t{tail}")).or_default().push(i);
            blocks
                .entry(format!("c{}", word.sound))
                .or_default()
                .push(i);
        }
        let mut parent: Vec<usize> = (0..words.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        // The pairs of each block, on both cores; a pair in several blocks
        // is compared in the first (heads, then tails, then sounds).
        let heads: Vec<&[char]> = info.iter().map(|[w, _]| &w.chars[..4]).collect();
        let tails: Vec<&[char]> = info
            .iter()
            .map(|[w, _]| &w.chars[w.chars.len() - 4..])
            .collect();
        let mut keys: Vec<&String> = blocks.keys().collect();
        keys.sort();
        let linked: Vec<(usize, usize)> = keys
            .par_iter()
            .map_init(
                || SkimMatcherV2::default().ignore_case(),
                |matcher, key| {
                    let mut members = blocks[*key].clone();
                    members.sort_by_key(|&i| (info[i][0].chars.len(), i));
                    let kind = key.as_bytes()[0];
                    let mut out = Vec::new();
                    for (x, &a) in members.iter().enumerate() {
                        for &b in &members[x + 1..] {
                            let ([wa, sa], [wb, sb]) = (&info[a], &info[b]);
                            if wb.chars.len() > wa.chars.len() + 3 {
                                break;
                            }
                            let earlier = match kind {
                                b't' => heads[a] == heads[b],
                                b'c' => heads[a] == heads[b] || tails[a] == tails[b],
                                _ => false,
                            };
                            if earlier || sa.text == sb.text {
                                continue;
                            }
                            // Compared as written and as stems: "Quartierskümern" and
                            // "Quartierskümmerer" differ in three letters, their stems in one.
                            if similar_spelling(wa, wb, matcher)
                                || similar_spelling(sa, sb, matcher)
                            {
                                out.push((a, b));
                            }
                        }
                    }
                    out
                },
            )
            .flatten_iter()
            .collect();
        for (a, b) in linked {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
        // Each group is read as its most frequent spelling.
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..words.len() {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let mut out = HashMap::new();
        for members in groups.values() {
            if members.len() < 2 {
                continue;
            }
            let canon = *members
                .iter()
                .max_by(|&&a, &&b| {
                    words[a]
                        .1
                        .cmp(&words[b].1)
                        .then_with(|| words[b].0.cmp(words[a].0))
                })
                .expect("non-empty group");
            for &m in members {
                if m != canon && words[m].1 <= words[canon].1 {
                    out.insert(words[m].0.to_string(), words[canon].0.to_string());
                }
            }
        }
        out
    }

    fn concept_index(
        &mut self,
        thesaurus: &Thesaurus,
        tokens: &[Vec<Vec<Token>>],
        vocab: &Vocab,
        cache: &mut HashMap<String, Vec<String>>,
    ) -> ConceptIndex {
        let mut index = ConceptIndex::default();
        for (g, (group, words)) in thesaurus.groups.iter().zip(tokens).enumerate() {
            for (raw, word_tokens) in group.words.iter().zip(words) {
                if word_tokens.is_empty() {
                    continue;
                }
                let whole = raw.starts_with('=');
                let seqs: Vec<Vec<String>> = word_tokens
                    .iter()
                    .map(|t| {
                        t.parts
                            .iter()
                            .flat_map(|p| self.split_stems(p, vocab, cache))
                            .collect()
                    })
                    .collect();
                if seqs.iter().any(Vec::is_empty) {
                    continue;
                }
                // Also the unsplit stem: a card may split a compound
                // differently ("Kindergartenplätze" keeps "kindergarten").
                let unsplit: Vec<Vec<String>> = word_tokens
                    .iter()
                    .map(|t| vec![self.stem(&t.parts.concat())])
                    .collect();
                let mut variants = vec![seqs];
                if unsplit != variants[0] {
                    variants.push(unsplit);
                }
                for seqs in variants {
                    let first = seqs[0][0].clone();
                    index.by_first.entry(first).or_default().push(Entry {
                        group: g,
                        seqs,
                        whole,
                    });
                }
            }
        }
        index
    }
}

/// Words in brackets are an aside to the card's point.
fn aside_factor(token: &Token) -> f32 {
    if token.aside { ASIDE_WEIGHT } else { 1.0 }
}

/// Whether a piece can follow another in a compound: no derivational
/// ending begins a word ("Öffentlich|keit" is one word).
fn may_begin_piece(piece: &str) -> bool {
    const ENDINGS: [&str; 13] = [
        "keit", "heit", "ung", "schaft", "chaft", "lich", "isch", "tät", "ität", "ismus", "nis",
        "igung", "igkeit",
    ];
    !ENDINGS.iter().any(|e| piece.starts_with(e))
}

/// Whether an unknown piece after another looks like the start of a word:
/// not a linking "s" before a consonant ("Migration|shintergrund"), not a
/// consonant pair no German word begins with ("Info|rmationsfluss").
fn word_like(piece: &str) -> bool {
    let mut chars = piece.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    let vowel = |c: char| "aeiouäöüy".contains(c);
    if vowel(a) || vowel(b) {
        return true;
    }
    const STARTS: [&str; 24] = [
        "bl", "br", "ch", "dr", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "pf", "ph", "pl",
        "pr", "sc", "sk", "sp", "st", "sw", "tr", "wr", "zw",
    ];
    STARTS.iter().any(|s| piece.starts_with(s))
}

/// Words a compound is split against: the words of the cards and the
/// thesaurus, and their stems. A stem alone may end a compound (its head,
/// inflected: "-plätze"), but only a word may begin one: otherwise the stem
/// "saub" of "sauber" would split "Sauberkeit" into "saub|erkeit".
#[derive(Debug, Default)]
pub struct Vocab {
    words: HashSet<String>,
    stems: HashSet<String>,
}

fn known_modifier(piece: &str, vocab: &Vocab) -> Option<String> {
    if vocab.words.contains(piece) {
        return Some(piece.to_string());
    }
    for link in ["s", "es", "n", "en", "e", "er"] {
        if let Some(stripped) = piece.strip_suffix(link)
            && stripped.chars().count() >= 4
            && vocab.words.contains(stripped)
        {
            return Some(stripped.to_string());
        }
    }
    // "Schul-" of "Schule": a word without its last "e".
    if piece.chars().count() >= 4 && vocab.words.contains(&format!("{piece}e")) {
        return Some(format!("{piece}e"));
    }
    None
}

/// A word (or stem) prepared for comparing spellings.
struct Spelling {
    text: String,
    chars: Vec<char>,
    /// Kölner Phonetik.
    sound: String,
    letters: super::letters::Letters,
}

impl Spelling {
    fn new(text: &str, cologne: &Cologne) -> Self {
        Spelling {
            text: text.to_string(),
            chars: text.chars().collect(),
            sound: cologne.encode(text),
            letters: super::letters::Letters::of(&text.chars().collect::<Vec<_>>()),
        }
    }
}

/// Whether two different words look like one word written twice, once with a
/// slip of the pen.
fn similar_spelling(a: &Spelling, b: &Spelling, matcher: &SkimMatcherV2) -> bool {
    let (ca, cb) = (&a.chars, &b.chars);
    let m = ca.len().max(cb.len());
    let prefix = ca.iter().zip(cb).take_while(|(x, y)| x == y).count();
    // The most slips any of the rules below accepts for this pair (keep in
    // step with them): a pair further apart is not compared letter by
    // letter.
    let mut reach = match m {
        10.. if ca.first() == cb.first() => 2,
        10.. => 1,
        _ => 0,
    };
    if m >= 7 && a.sound == b.sound {
        reach = reach.max((m / 8).max(1));
    }
    if m >= 12 && prefix * 2 >= m {
        reach = reach.max(m / 6);
    }
    let reach = reach.min(2.max(m / 6));
    if reach == 0 || a.letters.distance_at_least(&b.letters) > reach {
        return false;
    }
    let Some(d) = osa_within(ca, cb, reach) else {
        return false;
    };
    if d == 0 {
        return false;
    }
    // One slip in a long word.
    if m >= 10 && d <= 1 {
        return true;
    }
    // Sounds the same (Kölner Phonetik) with few slips.
    if m >= 7 && d <= (m / 8).max(1) && a.sound == b.sound {
        return true;
    }
    // Long compounds that only differ towards the end ("Quartierskümern").
    if m >= 12 && d <= m / 6 && prefix * 2 >= m {
        return true;
    }
    // Letters left out while writing fast: the shorter word is a fuzzy match
    // of the longer one.
    if m >= 10 && d <= 2 && ca.first() == cb.first() {
        let (short, long) = if ca.len() <= cb.len() { (a, b) } else { (b, a) };
        if matcher.fuzzy_match(&long.text, &short.text).is_some() {
            return true;
        }
    }
    false
}

/// Edit distance with swaps of neighbours (optimal string alignment), or
/// `None` as soon as it must exceed `max` (most pairs are far apart).
fn osa_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[derive(Debug, Clone)]
struct Entry {
    group: usize,
    /// Stem sequences of the words of the entry (several for "sozialer Frieden").
    seqs: Vec<Vec<String>>,
    whole: bool,
}

#[derive(Debug, Default)]
struct ConceptIndex {
    by_first: HashMap<String, Vec<Entry>>,
}

impl ConceptIndex {
    /// Groups matched by a card's words: (group, token that carries it).
    fn matches(&self, tokens: &[Vec<String>]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (ti, stems) in tokens.iter().enumerate() {
            for k in 0..stems.len() {
                let Some(entries) = self.by_first.get(&stems[k]) else {
                    continue;
                };
                for e in entries {
                    let first = &e.seqs[0];
                    let hit = if e.whole {
                        k == 0 && stems == first
                    } else {
                        stems[k..].starts_with(first)
                    };
                    if !hit {
                        continue;
                    }
                    let rest_ok = e.seqs[1..].iter().all(|seq| {
                        tokens
                            .iter()
                            .any(|t| (0..t.len()).any(|j| t[j..].starts_with(seq)))
                    });
                    if rest_ok && !out.iter().any(|(g, _)| *g == e.group) {
                        out.push((e.group, ti));
                    }
                }
            }
        }
        out
    }
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

    #[test]
    fn bounded_edit_distance_agrees_with_strsim() {
        let words = [
            "quartierskümern",
            "quartierskümmerer",
            "bildung",
            "bindung",
            "kitaplätze",
            "parkplätze",
            "integration",
            "intergration",
            "ab",
            "ba",
        ];
        for a in words {
            for b in words {
                let ca: Vec<char> = a.chars().collect();
                let cb: Vec<char> = b.chars().collect();
                let d = strsim::osa_distance(a, b);
                for max in 0..5 {
                    let expect = (d <= max).then_some(d);
                    assert_eq!(osa_within(&ca, &cb, max), expect, "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn a_misspelt_long_word_is_read_as_the_frequent_one() {
        let mut a = Analyzer::new();
        let freq: HashMap<&str, u32> = [
            ("quartierskümmerer", 3),
            ("quartierskümern", 1),
            ("bildung", 3),
            ("bindung", 1),
        ]
        .into_iter()
        .collect();
        let map = a.link_spellings(&freq);
        assert_eq!(
            map.get("quartierskümern").map(String::as_str),
            Some("quartierskümmerer")
        );
        assert!(!map.contains_key("bindung"));
    }
}
