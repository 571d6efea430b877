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
            let mut words: Vec<&str> = Vec::new();
            for (t, f, _) in best {
                let word = card.tokens[t as usize].surface.as_str();
                if words.contains(&word) {
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
                            .and_then(|v| v.iter().find(|(o, w)| *o != m && *w != word))
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
                words.push(word);
                out.push(reason);
                if out.len() == MAX_REASONS {
                    break;
                }
            }
            out
        })
        .collect()
}

/// The label of a cluster: its most telling words, as written on the cards.
pub fn label(features: &Features, members: &[usize], cards: &[ClusterCard]) -> String {
    if members.len() == 1 {
        return short(&cards[members[0]].text);
    }
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
            return group;
        }
        return match nouns.first().or(ranked.first().as_ref()) {
            Some((t, _)) if t.cards >= 2 => best_form(&t.forms),
            _ => short(&cards[members[0]].text),
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
    picked
        .iter()
        .map(|t| best_form(&t.forms))
        .collect::<Vec<_>>()
        .join(" / ")
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
