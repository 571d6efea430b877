//! Names a cluster by its most telling words (as written on the cards) and
//! explains per card which shared stems or synonyms put it there.

use std::collections::HashMap;

use super::ClusterCard;
use super::features::{FeatureKind, Features};
use crate::core::error::Lang;

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
}

impl Reason {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Reason::SharedStems { word, stems } => format!(
                "„{word}“ ({} {})",
                lang.pick("gemeinsamer Wortstamm", "shared stem"),
                stems.join(", ")
            ),
            Reason::Synonym { word, group } => format!(
                "„{word}“ ({} {group})",
                lang.pick("Synonymgruppe", "synonym group")
            ),
            Reason::Spelling { word, read_as } => format!(
                "„{word}“ ({} „{read_as}“)",
                lang.pick("gelesen als", "read as")
            ),
            Reason::Learned { word, theme } => format!(
                "„{word}“ ({} „{theme}“)",
                lang.pick("gelernt aus dem Thema", "learned from the theme")
            ),
        }
    }
}

/// All reasons of a card in one line.
pub fn describe_all(reasons: &[Reason], lang: Lang) -> String {
    reasons
        .iter()
        .map(|r| r.describe(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

fn cluster_counts(features: &Features, members: &[usize]) -> HashMap<u32, u32> {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for &m in members {
        for (f, _) in &features.cards[m].vector {
            *counts.entry(*f).or_default() += 1;
        }
    }
    counts
}

/// For each member (in the given order) the reasons it belongs.
pub fn explain(features: &Features, members: &[usize]) -> Vec<Vec<Reason>> {
    if members.len() < 2 {
        return vec![Vec::new(); members.len()];
    }
    let counts = cluster_counts(features, members);
    members
        .iter()
        .map(|&m| {
            let card = &features.cards[m];
            let mut stems_by_token: Vec<(u32, Vec<String>)> = Vec::new();
            let mut reasons = Vec::new();
            for c in &card.carriers {
                if counts.get(&c.feature).copied().unwrap_or(0) < 2 {
                    continue;
                }
                let word = card.tokens[c.token as usize].surface.clone();
                match &features.kinds[c.feature as usize] {
                    // Generic words ("Ausbau") are shared but explain nothing.
                    FeatureKind::Stem(_) if features.weak[c.feature as usize] => {}
                    FeatureKind::Stem(s) => {
                        match stems_by_token.iter_mut().find(|(t, _)| *t == c.token) {
                            Some((_, v)) => {
                                if !v.contains(s) {
                                    v.push(s.clone());
                                }
                            }
                            None => stems_by_token.push((c.token, vec![s.clone()])),
                        }
                    }
                    FeatureKind::Compound(_) | FeatureKind::General(_) | FeatureKind::Tag(_) => {}
                    FeatureKind::Learned(theme) => {
                        let r = Reason::Learned {
                            word,
                            theme: theme.clone(),
                        };
                        if !reasons.contains(&r) {
                            reasons.push(r);
                        }
                    }
                    FeatureKind::Concept(g) => {
                        let r = Reason::Synonym {
                            word,
                            group: features.concept_names[*g].clone(),
                        };
                        if !reasons.contains(&r) {
                            reasons.push(r);
                        }
                    }
                }
            }
            let mut out: Vec<Reason> = Vec::new();
            for (t, stems) in stems_by_token {
                let word = card.tokens[t as usize].surface.clone();
                if let Some((_, read_as)) = card.respelled.iter().find(|(rt, _)| *rt == t) {
                    out.push(Reason::Spelling {
                        word: word.clone(),
                        read_as: read_as.clone(),
                    });
                }
                out.push(Reason::SharedStems { word, stems });
            }
            out.extend(reasons);
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
        forms: HashMap<String, u32>,
        first: usize,
    }
    let mut terms: HashMap<Vec<u32>, Term> = HashMap::new();
    let mut order = 0usize;
    for &m in members {
        let card = &features.cards[m];
        let mut by_token: HashMap<u32, Vec<u32>> = HashMap::new();
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
                    forms: HashMap::new(),
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
    let mut picked: Vec<&Term> = Vec::new();
    for (t, s) in &ranked {
        if picked.len() == 2 {
            break;
        }
        if t.cards < 2 && !picked.is_empty() {
            continue;
        }
        if let Some((_, best)) = ranked.first()
            && *s < best * 0.5
        {
            break;
        }
        if picked
            .iter()
            .any(|p| p.features.iter().any(|f| t.features.contains(f)))
        {
            continue;
        }
        picked.push(t);
    }
    if picked.is_empty() {
        return short(&cards[members[0]].text);
    }
    picked
        .iter()
        .map(|t| best_form(&t.forms))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The spelling most cards use; ties go to a normally capitalised, shorter form.
fn best_form(forms: &HashMap<String, u32>) -> String {
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
