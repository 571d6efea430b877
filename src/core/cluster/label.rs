//! Names a cluster by its most telling words (as written on the cards) and
//! explains per card which shared stems or synonyms put it there.

use super::ClusterCard;
use super::features::{FeatureKind, Features};
use super::graph::FastMap;

/// Why a card is in its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A word of the card shares stems with other cards of the cluster.
    SharedStems { word: String, stems: Vec<String> },
    /// A word of the card belongs to a thesaurus group other cards share.
    Synonym { word: String, group: String },
    /// A word was read as a similar, more frequent spelling.
    Spelling { word: String, read_as: String },
    /// A word the clerk put into a confirmed theme with the others.
    Learned { word: String, theme: String },
    /// A word of the card is a general synonym of a word of another card.
    Related { word: String, like: String },
}

fn cluster_counts(features: &Features, members: &[usize]) -> FastMap<u32, u32> {
    let mut counts: FastMap<u32, u32> = FastMap::default();
    for &m in members {
        for (f, _) in &features.cards[m].vector {
            *counts.entry(*f).or_default() += 1;
        }
    }
    counts
}

/// At most this many reasons per card: its strongest links.
const MAX_REASONS: usize = 3;

/// For each member (in the given order) the reasons it belongs: for each of
/// its words that link it to the others, the strongest link once (a shared
/// word, a thesaurus group, a learned theme, a general synonym), strongest
/// first.
pub fn explain(features: &Features, members: &[usize]) -> Vec<Vec<Reason>> {
    explain_with(features, members, &[])
}

/// [`explain`] with more rows of `features` that link the members as a
/// member would (a theme's label) but get no reasons of their own.
pub fn explain_with(features: &Features, members: &[usize], also: &[usize]) -> Vec<Vec<Reason>> {
    if members.len() + also.len() < 2 {
        return vec![Vec::new(); members.len()];
    }
    let linking: Vec<usize> = members.iter().chain(also).copied().collect();
    let counts = cluster_counts(features, &linking);
    // Who carries each feature, to name the other word of a general synonym.
    let mut carried: FastMap<u32, Vec<(usize, &str)>> = FastMap::default();
    for &m in members {
        let card = &features.cards[m];
        for c in &card.carriers {
            if matches!(features.kinds[c.feature as usize], FeatureKind::General(_)) {
                carried
                    .entry(c.feature)
                    .or_default()
                    .push((m, card.tokens[c.token as usize].surface.as_str()));
            }
        }
    }
    members
        .iter()
        .map(|&m| {
            let card = &features.cards[m];
            let weight = |f: u32| -> f32 {
                card.vector
                    .binary_search_by_key(&f, |(id, _)| *id)
                    .map_or(0.0, |i| card.vector[i].1)
            };
            // The strongest shared feature of each word of the card.
            let mut best: Vec<(u32, u32, f32)> = Vec::new(); // (token, feature, weight)
            for c in &card.carriers {
                let f = c.feature as usize;
                if counts.get(&c.feature).copied().unwrap_or(0) < 2 || features.weak[f] {
                    continue;
                }
                if matches!(features.kinds[f], FeatureKind::Tag(_)) {
                    continue;
                }
                let w = weight(c.feature);
                match best.iter_mut().find(|(t, _, _)| *t == c.token) {
                    Some(b) if w > b.2 => *b = (c.token, c.feature, w),
                    Some(_) => {}
                    None => best.push((c.token, c.feature, w)),
                }
            }
            best.sort_by(|a, b| b.2.partial_cmp(&a.2).unwrap_or(std::cmp::Ordering::Equal));
            let mut out: Vec<Reason> = Vec::new();
            let mut words: Vec<String> = Vec::new();
            for (t, f, _) in best {
                let word = card.tokens[t as usize].surface.as_str();
                if words.contains(&fold(word)) {
                    continue;
                }
                let respelled = card.respelled.iter().find(|(rt, _)| *rt == t);
                let reason = match (&features.kinds[f as usize], respelled) {
                    (FeatureKind::Stem(_) | FeatureKind::Compound(_), Some((_, read_as))) => {
                        Reason::Spelling {
                            word: word.to_string(),
                            read_as: read_as.clone(),
                        }
                    }
                    (FeatureKind::Stem(s) | FeatureKind::Compound(s), None) => {
                        Reason::SharedStems {
                            word: word.to_string(),
                            stems: vec![s.clone()],
                        }
                    }
                    (FeatureKind::Concept(g), _) => Reason::Synonym {
                        word: word.to_string(),
                        group: features.concept_names[*g].clone(),
                    },
                    (FeatureKind::Learned(theme), _) => Reason::Learned {
                        word: word.to_string(),
                        theme: theme.clone(),
                    },
                    (FeatureKind::General(_), _) => {
                        let like = carried
                            .get(&f)
                            .and_then(|v| v.iter().find(|(o, w)| *o != m && fold(w) != fold(word)))
                            .map(|(_, w)| w.to_string());
                        match like {
                            Some(like) => Reason::Related {
                                word: word.to_string(),
                                like,
                            },
                            None => continue,
                        }
                    }
                    (FeatureKind::Tag(_), _) => continue,
                };
                // Each link once: two words of the card that share one stem
                // or one group show the stronger of them.
                if out.iter().any(|r| link(r) == link(&reason)) {
                    continue;
                }
                words.push(fold(word));
                out.push(reason);
                if out.len() == MAX_REASONS {
                    break;
                }
            }
            out
        })
        .collect()
}

/// A word folded for comparing: lower case, ß as ss.
fn fold(word: &str) -> String {
    word.to_lowercase().replace('ß', "ss")
}

/// What a reason links its word to: a stem, a group, a theme or another
/// word (spellings and general synonyms name words alike).
fn link(reason: &Reason) -> (u8, String) {
    match reason {
        Reason::SharedStems { stems, .. } => (0, stems.join(" ")),
        Reason::Synonym { group, .. } => (1, group.clone()),
        Reason::Spelling { read_as, .. } => (2, fold(read_as)),
        Reason::Learned { theme, .. } => (3, theme.clone()),
        Reason::Related { like, .. } => (2, fold(like)),
    }
}

/// The label of a cluster: a heading a clerk would write, made of its
/// strongest shared words as written on the cards (at most two, joined by
/// "und"), never a card's sentence; a single card keeps its text.
pub fn label(features: &Features, members: &[usize], cards: &[ClusterCard]) -> String {
    if members.len() == 1 {
        return short(&cards[members[0]].text);
    }
    let words = telling_words(features, members)
        .or_else(|| shared_link(features, members))
        .unwrap_or_else(|| strongest_nouns(features, members));
    let words = phrased(features, members, cards, words);
    let texts: Vec<&str> = members.iter().map(|&m| cards[m].text.as_str()).collect();
    let words: Vec<String> = words.iter().map(|w| as_written(w, &texts)).collect();
    heading(&words)
}

/// The words of a heading joined: each word once (a word whose stem
/// another one begins with is left out too), capitalised as a heading
/// starts, "und" between two.
fn heading(words: &[String]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for w in words {
        let w = w.trim();
        if w.is_empty() || kept.iter().any(|k| same_word(k, w)) {
            continue;
        }
        kept.push(w);
    }
    let mut out = kept.join(" und ");
    if let Some(first) = out.chars().next()
        && first.is_lowercase()
    {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(..first.len_utf8(), &upper);
    }
    out
}

/// Whether two words are one: the same letters, or one the beginning of
/// the other ("Kita", "Kitaplätze"), case and ß folded.
fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short == long || (short.chars().count() >= 4 && long.starts_with(&short))
}

/// The cluster's most telling words: the nouns most of its cards use, else
/// the thesaurus group most of them share, else a word at least two cards
/// use. `None` when no word is on two cards.
fn telling_words(features: &Features, members: &[usize]) -> Option<Vec<String>> {
    let counts = cluster_counts(features, members);
    let n = members.len() as f32;
    // Candidate terms: each word of a member, keyed by its stem features.
    struct Term {
        features: Vec<u32>,
        cards: u32,
        forms: FastMap<String, u32>,
        first: usize,
    }
    let mut terms: FastMap<Vec<u32>, Term> = FastMap::default();
    let mut order = 0usize;
    for &m in members {
        let card = &features.cards[m];
        let mut by_token: FastMap<u32, Vec<u32>> = FastMap::default();
        for c in &card.carriers {
            if matches!(features.kinds[c.feature as usize], FeatureKind::Stem(_)) {
                by_token.entry(c.token).or_default().push(c.feature);
            }
        }
        let mut seen_here: Vec<Vec<u32>> = Vec::new();
        let mut tokens: Vec<_> = by_token.into_iter().collect();
        tokens.sort_by_key(|(t, _)| *t);
        for (t, mut fs) in tokens {
            fs.sort_unstable();
            fs.dedup();
            let surface = card.tokens[t as usize].surface.clone();
            let term = terms.entry(fs.clone()).or_insert_with(|| {
                order += 1;
                Term {
                    features: fs.clone(),
                    cards: 0,
                    forms: FastMap::default(),
                    first: order,
                }
            });
            *term.forms.entry(surface).or_default() += 1;
            if !seen_here.contains(&fs) {
                term.cards += 1;
                seen_here.push(fs);
            }
        }
    }
    let weight = |f: u32| -> f32 {
        let idf = features.idf[f as usize];
        let cover = counts.get(&f).copied().unwrap_or(0) as f32 / n;
        cover * idf
    };
    let score = |t: &Term| -> f32 {
        let s: f32 = t.features.iter().map(|&f| weight(f)).sum();
        s / (t.features.len() as f32).sqrt() * (0.5 + t.cards as f32 / n)
    };
    let mut ranked: Vec<(&Term, f32)> = terms.values().map(|t| (t, score(t))).collect();
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.0.first.cmp(&b.0.first))
    });
    // A heading is a noun a clerk would write ("Sprache", not
    // "Sprachliche"; "Kitaplätze", not "finden"): words of the cards first,
    // while one names enough of them, else the thesaurus group most cards
    // share.
    let half = (n / 2.0).ceil() as u32;
    let nouns: Vec<&(&Term, f32)> = ranked
        .iter()
        .filter(|(t, _)| {
            noun_like(&best_form(&t.forms))
                && t.features.iter().any(|&f| !features.weak[f as usize])
        })
        .collect();
    let first = nouns.first().filter(|(t, _)| t.cards >= half.max(2));
    let Some(&&(first, first_score)) = first else {
        if let Some(group) = shared_group(features, &counts, half.max(2)) {
            return Some(vec![group]);
        }
        return match nouns.first().or(ranked.first().as_ref()) {
            Some((t, _)) if t.cards >= 2 => Some(vec![best_form(&t.forms)]),
            _ => None,
        };
    };
    let mut picked: Vec<&Term> = vec![first];
    for (t, s) in &nouns[1..] {
        if *s < first_score * 0.5 {
            break;
        }
        if t.cards < 2 || t.features.iter().any(|f| first.features.contains(f)) {
            continue;
        }
        picked.push(t);
        break;
    }
    Some(picked.iter().map(|t| best_form(&t.forms)).collect())
}

/// The strongest link at least two cards share when no whole word is on
/// two of them: a stem inside their words ("WG-Zimmer", "Zimmern"), a
/// thesaurus group, a theme the clerk taught, or two words of one set of
/// general synonyms. The shared words are given as written on a card,
/// the shortest first.
fn shared_link(features: &Features, members: &[usize]) -> Option<Vec<String>> {
    let counts = cluster_counts(features, members);
    let n = members.len() as f32;
    let mut best: Option<(f32, u32)> = None;
    for (&f, &k) in &counts {
        let i = f as usize;
        if k < 2 || features.weak[i] || matches!(features.kinds[i], FeatureKind::Tag(_)) {
            continue;
        }
        let w = k as f32 / n * features.idf[i];
        if best.is_none_or(|(bw, bf)| w > bw || (w == bw && f < bf)) {
            best = Some((w, f));
        }
    }
    let (_, f) = best?;
    // The words that carry it, by card; of a word joined by hyphens the
    // part that holds a shared stem ("Zimmer" of "WG-Zimmer").
    let stem = match &features.kinds[f as usize] {
        FeatureKind::Stem(s) | FeatureKind::Compound(s) => Some(s.as_str()),
        _ => None,
    };
    let mut forms: Vec<&str> = Vec::new();
    for &m in members {
        let card = &features.cards[m];
        for c in card.carriers.iter().filter(|c| c.feature == f) {
            let token = &card.tokens[c.token as usize];
            if token.generic {
                continue;
            }
            let part = stem.and_then(|stem| {
                token
                    .surface
                    .split(['-', '‐', '‑'])
                    .skip(1)
                    .find(|p| p.to_lowercase().starts_with(stem))
            });
            let form = part.unwrap_or(&token.surface);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    let by_length = |forms: &mut Vec<&str>| {
        forms.sort_by(|a, b| {
            noun_like(b)
                .cmp(&noun_like(a))
                .then_with(|| a.chars().count().cmp(&b.chars().count()))
                .then_with(|| a.cmp(b))
        })
    };
    match &features.kinds[f as usize] {
        FeatureKind::Concept(g) => Some(vec![features.concept_names[*g].clone()]),
        FeatureKind::Learned(theme) => Some(vec![theme.clone()]),
        FeatureKind::General(_) => {
            by_length(&mut forms);
            (!forms.is_empty()).then(|| forms.iter().take(2).map(|s| s.to_string()).collect())
        }
        _ => {
            by_length(&mut forms);
            forms.first().map(|s| vec![s.to_string()])
        }
    }
}

/// When the cards share nothing: the strongest noun of each of the first
/// two cards that have one, else the first card's strongest word.
fn strongest_nouns(features: &Features, members: &[usize]) -> Vec<String> {
    let strongest = |m: usize, nouns: bool| -> Option<String> {
        let card = &features.cards[m];
        card.carriers
            .iter()
            .filter(|c| matches!(features.kinds[c.feature as usize], FeatureKind::Stem(_)))
            .map(|c| {
                (
                    &card.tokens[c.token as usize],
                    features.idf[c.feature as usize],
                )
            })
            .filter(|(t, _)| !t.generic && (!nouns || noun_like(&t.surface)))
            .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
            .map(|(t, _)| t.surface.clone())
    };
    let nouns: Vec<String> = members
        .iter()
        .filter_map(|&m| strongest(m, true))
        .take(2)
        .collect();
    if !nouns.is_empty() {
        return nouns;
    }
    members
        .iter()
        .find_map(|&m| strongest(m, false))
        .into_iter()
        .collect()
}

/// A heading of one word that is no noun ("gleiche", "junge") takes the
/// noun it stands before on a card ("Gleiche Chancen").
fn phrased(
    features: &Features,
    members: &[usize],
    cards: &[ClusterCard],
    words: Vec<String>,
) -> Vec<String> {
    let [word] = words.as_slice() else {
        return words;
    };
    if noun_like(word) || word.chars().next().is_some_and(char::is_uppercase) {
        return words;
    }
    for &m in members {
        let tokens = &features.cards[m].tokens;
        for pair in tokens.windows(2) {
            let phrase = format!("{} {}", pair[0].surface, pair[1].surface);
            if same_word(&pair[0].surface, word)
                && pair[0]
                    .surface
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && noun_like(&pair[1].surface)
                && cards[m].text.contains(&phrase)
            {
                return vec![phrase];
            }
        }
    }
    words
}

/// A word of a heading as the cards write it: with the gender ending a
/// card gives it ("Migrant*innen" where the analysis reads "Migrant").
fn as_written(word: &str, texts: &[&str]) -> String {
    const MARKS: [&str; 10] = [
        "*innen", ":innen", "_innen", "/innen", "Innen", "*in", ":in", "_in", "/in", "In",
    ];
    for text in texts {
        for (at, _) in text.match_indices(word) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let rest = &text[at + word.len()..];
            for mark in MARKS {
                if let Some(after) = rest.strip_prefix(mark)
                    && !after.chars().next().is_some_and(char::is_alphanumeric)
                {
                    return format!("{word}{mark}");
                }
            }
        }
    }
    word.to_string()
}

/// Whether a word as written looks like a noun: capitalised, not shouted,
/// without the ending of an adjective.
fn noun_like(form: &str) -> bool {
    const ADJECTIVE: [&str; 25] = [
        "lich", "liche", "lichen", "licher", "liches", "isch", "ische", "ischen", "ischer",
        "isches", "ig", "ige", "igen", "iger", "iges", "elle", "ellen", "eller", "elles", "ive",
        "iven", "iver", "ives", "bare", "baren",
    ];
    let mut chars = form.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let upper = form.chars().filter(|c| c.is_uppercase()).count();
    let lower = form.to_lowercase();
    first.is_uppercase()
        && form.chars().count() >= 3
        && upper * 2 <= form.chars().count()
        && !ADJECTIVE.iter().any(|e| lower.ends_with(e))
}

/// The name of the domain thesaurus group most members carry, if at least
/// `at_least` do.
fn shared_group(features: &Features, counts: &FastMap<u32, u32>, at_least: u32) -> Option<String> {
    counts
        .iter()
        .filter_map(|(&f, &n)| match &features.kinds[f as usize] {
            FeatureKind::Concept(g) if n >= at_least => Some((n, *g)),
            _ => None,
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(_, g)| features.concept_names[g].clone())
}

/// The spelling most cards use; ties go to a normally capitalised, shorter form.
fn best_form(forms: &FastMap<String, u32>) -> String {
    let mut v: Vec<(&String, &u32)> = forms.iter().collect();
    v.sort_by(|a, b| {
        let shouting = |s: &str| s.chars().filter(|c| c.is_uppercase()).count() > 1;
        b.1.cmp(a.1)
            .then_with(|| shouting(a.0).cmp(&shouting(b.0)))
            .then_with(|| {
                let lower = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
                lower(a.0).cmp(&lower(b.0))
            })
            .then_with(|| a.0.len().cmp(&b.0.len()))
            .then_with(|| a.0.cmp(b.0))
    });
    v.first().map(|(s, _)| (*s).clone()).unwrap_or_default()
}

/// A card text cut to a label's length.
fn short(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 60 {
        return line;
    }
    let mut s: String = line.chars().take(59).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::super::{ClusterOptions, Thesaurus, cluster};
    use super::*;

    fn clustered(texts: &[&str]) -> super::super::Clustering {
        let cards: Vec<ClusterCard> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ClusterCard {
                id: format!("k{i}"),
                column: "needs".into(),
                text: t.to_string(),
                ..ClusterCard::default()
            })
            .collect();
        // Loose enough that every card of one theme is in one cluster:
        // these tests are about the labels, not the threshold.
        let options = ClusterOptions {
            threshold: 0.3,
            ..ClusterOptions::default()
        };
        cluster(&cards, &options, &Thesaurus::builtin(), &[])
    }

    #[test]
    fn labels_are_headings_a_clerk_would_write() {
        let c = clustered(&[
            "Spracherwerbsförderung",
            "Sprachliche Barrieren",
            "Deutsche Sprache fehlt",
            "Müll auf den Straßen",
        ]);
        assert_eq!(c.clusters[0].len(), 3, "{c:?}");
        assert_eq!(c.clusters[0].label, "Sprache");
        assert!(noun_like("Kitaplätze") && noun_like("Sauberkeit"));
        for word in [
            "finanzielle",
            "Finanzielle",
            "Sprachliche",
            "GE",
            "finden",
            "ÖPNV",
        ] {
            assert!(!noun_like(word), "{word}");
        }
    }

    /// The label of the one cluster the texts make.
    fn label_of(texts: &[&str]) -> String {
        let c = clustered(texts);
        assert_eq!(c.clusters[0].len(), texts.len(), "{c:?}");
        c.clusters[0].label.clone()
    }

    #[test]
    fn cards_sharing_no_whole_word_get_a_heading_not_a_card_text() {
        // Before: the first card's text, question marks and all.
        let label = label_of(&["WG-Zimmer 650 € warm?!", "12 Leute in 2 Zimmern"]);
        assert_eq!(label, "Zimmer");
        let label = label_of(&[
            "junge Mütter brechen Ausbildung ab, keine Betreuung",
            "junge Ehrenamtliche kaum zu gewinnen",
        ]);
        assert_eq!(label, "Junge Mütter");
    }

    #[test]
    fn a_heading_starts_with_a_capital_and_takes_the_noun_after_an_adjective() {
        // Before: "gleiche Chancen für unsere Kinder wie für deutsche Kinder".
        assert_eq!(
            label_of(&[
                "gleiche Chancen für unsere Kinder wie für deutsche Kinder",
                "wir wollen gleich behandelt werden",
            ]),
            "Gleiche Chancen"
        );
        // Before: "reden".
        assert_eq!(
            label_of(&["nicht nur reden, machen", "nicht immer über uns reden"]),
            "Reden"
        );
    }

    #[test]
    fn a_heading_keeps_the_gender_form_of_the_cards() {
        // Before: "Migrantenvereine mit ins Boot".
        let label = label_of(&[
            "Migrantenvereine mit ins Boot",
            "Migrant*innen in die Gremien",
        ]);
        assert_eq!(label, "Migrant*innen");
    }

    #[test]
    fn two_words_of_a_heading_are_joined_by_und_and_never_repeat() {
        assert_eq!(
            heading(&["Hotline".into(), "Jobcenter".into()]),
            "Hotline und Jobcenter"
        );
        assert_eq!(heading(&["Kita".into(), "Kitaplätze".into()]), "Kita");
        assert_eq!(heading(&["Straße".into(), "strasse".into()]), "Straße");
        assert_eq!(heading(&["gemeinsam".into()]), "Gemeinsam");
        assert_eq!(as_written("Bürger", &["alle Bürger:innen"]), "Bürger:innen");
        assert_eq!(as_written("Bürger", &["Bürgerinitiative"]), "Bürger");
    }

    #[test]
    fn a_reason_names_each_link_once() {
        // "Eltern" and "Elternabend" share one stem with the other cards:
        // the card shows it once.
        let c = clustered(&[
            "Eltern kommen nicht zum Elternabend",
            "Elternabend nur auf Deutsch",
            "Eltern erreichen",
        ]);
        let cluster = c.clusters.iter().find(|c| c.len() >= 2).expect("a cluster");
        for m in &cluster.members {
            let links: Vec<_> = m.reasons.iter().map(link).collect();
            let mut unique = links.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(links.len(), unique.len(), "{:?}", m.reasons);
        }
    }

    #[test]
    fn each_word_shows_its_strongest_link_once() {
        let c = clustered(&[
            "Kita-Plätze",
            "fehlende Kitaplätze",
            "Kitaplätze Kitaplätze!",
        ]);
        assert_eq!(c.clusters[0].len(), 3);
        for m in &c.clusters[0].members {
            let words: Vec<&str> = m
                .reasons
                .iter()
                .map(|r| match r {
                    Reason::SharedStems { word, .. }
                    | Reason::Synonym { word, .. }
                    | Reason::Spelling { word, .. }
                    | Reason::Learned { word, .. }
                    | Reason::Related { word, .. } => word.as_str(),
                })
                .collect();
            let mut unique = words.clone();
            unique.dedup();
            assert_eq!(words, unique, "{:?}", m.reasons);
            assert_eq!(words.len(), 1, "{:?}", m.reasons);
        }
    }
}
