//! How the suggested clusters are named and explained, measured on the
//! tuned sets (`#[ignore]`d, for reading): how often a label of a cluster of
//! two or more cards is a question, a card's whole text, ends in
//! punctuation, has a function word at an edge, repeats a word, is longer
//! than a heading, and how often it shares a word with the heading the
//! clerk gave the group most of its cards are in; and how often a card's
//! reasons name one word or one link twice.
//!
//! `cargo test --release --test cluster_eval label_report -- --ignored --nocapture`
//! (`STELLWAND_EVAL_LIST=name` for one tuned set, with the labels listed).
//! Held-out sets are never measured here: they are not read to tune.

use stellwand::core::cluster::Reason;

use super::*;

/// German function words: articles, pronouns, prepositions, conjunctions,
/// particles. A heading neither starts nor ends with one.
const FUNCTION_WORDS: &str = "
der die das dem den des ein eine einer eines einem einen kein keine keiner keinen keinem
und oder aber sondern denn doch bzw sowie als wie wenn weil dass ob damit
in im ins an am auf aus bei beim mit nach von vom vor zu zum zur für über unter um durch
gegen ohne bis seit zwischen neben hinter trotz wegen statt
ich du er sie es wir ihr man sich mein dein sein unser euer ihre ihren ihrem ihrer
was wer wo wie warum wann welche welcher welches dies diese dieser dieses
nicht nur auch noch schon sehr mehr viel viele ganz so da dann hier dort mal
ist sind war hat haben wird werden kann können muss müssen soll sollen gibt
";

fn is_function_word(word: &str) -> bool {
    let w = word.to_lowercase();
    FUNCTION_WORDS.split_whitespace().any(|f| f == w)
}

/// The words of a text, without the punctuation around them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word folded for comparing: lower case, ß as ss.
fn fold(word: &str) -> String {
    word.to_lowercase().replace('ß', "ss")
}

/// Whether two folded words are the same word or one begins with the
/// other (a stem written twice: "Kita" and "Kitaplätze").
fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short == long || (short.chars().count() >= 4 && long.starts_with(short))
}

#[derive(Default)]
struct Tally {
    clusters: usize,
    question: usize,
    card_text: usize,
    punctuation: usize,
    function_edge: usize,
    repeated: usize,
    long: usize,
    lower_case: usize,
    clerk_word: usize,
    members: usize,
    reason_word_twice: usize,
    reason_link_twice: usize,
    reason_self: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.clusters += o.clusters;
        self.question += o.question;
        self.card_text += o.card_text;
        self.punctuation += o.punctuation;
        self.function_edge += o.function_edge;
        self.repeated += o.repeated;
        self.long += o.long;
        self.lower_case += o.lower_case;
        self.clerk_word += o.clerk_word;
        self.members += o.members;
        self.reason_word_twice += o.reason_word_twice;
        self.reason_link_twice += o.reason_link_twice;
        self.reason_self += o.reason_self;
    }

    fn print(&self, name: &str) {
        let c = self.clusters.max(1) as f64;
        let m = self.members.max(1) as f64;
        let p = |n: usize, of: f64| format!("{n} ({:.1} %)", n as f64 * 100.0 / of);
        println!(
            "{name}: {} clusters of 2+ cards; question {}, card text {}, trailing punctuation {}, \
             function word at an edge {}, word repeated {}, more than 5 words {}, lower case {}, \
             a word of the clerk's heading {}; {} cards: a word twice in the reasons {}, \
             one link twice {}, a word linked to itself {}",
            self.clusters,
            p(self.question, c),
            p(self.card_text, c),
            p(self.punctuation, c),
            p(self.function_edge, c),
            p(self.repeated, c),
            p(self.long, c),
            p(self.lower_case, c),
            p(self.clerk_word, c),
            self.members,
            p(self.reason_word_twice, m),
            p(self.reason_link_twice, m),
            p(self.reason_self, m),
        );
    }
}

/// The word of a reason and what it links to.
fn reason_parts(r: &Reason) -> (&str, String) {
    match r {
        Reason::SharedStems { word, stems } => (word, format!("stem {}", stems.join(","))),
        Reason::Synonym { word, group } => (word, format!("group {group}")),
        Reason::Spelling { word, read_as } => (word, format!("word {}", fold(read_as))),
        Reason::Learned { word, theme } => (word, format!("theme {theme}")),
        Reason::Related { word, like } => (word, format!("word {}", fold(like))),
    }
}

/// What is wrong with a label, for the listing.
fn label_faults(label: &str, texts: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let ws = words(label);
    let folded: Vec<String> = ws.iter().map(|w| fold(w)).collect();
    if label.contains('?') {
        out.push("question");
    }
    let line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.ends_with('…') || texts.iter().any(|t| ws.len() >= 3 && line(t) == label) {
        out.push("card text");
    }
    if label
        .chars()
        .last()
        .is_some_and(|c| !c.is_alphanumeric() && !matches!(c, ')' | '"' | '“'))
    {
        out.push("punctuation");
    }
    if ws.first().is_some_and(|w| is_function_word(w))
        || ws.last().is_some_and(|w| is_function_word(w))
    {
        out.push("function word at an edge");
    }
    let repeated =
        (0..folded.len()).any(|i| (i + 1..folded.len()).any(|j| same_stem(&folded[i], &folded[j])));
    if repeated {
        out.push("word repeated");
    }
    if ws.len() > 5 {
        out.push("long");
    }
    if label.chars().next().is_some_and(char::is_lowercase) {
        out.push("lower case");
    }
    out
}

fn tally(set: &Set, result: &Clustering, list: bool) -> Tally {
    let mut t = Tally::default();
    for c in result.clusters.iter().filter(|c| c.len() > 1) {
        t.clusters += 1;
        let texts: Vec<&str> = c
            .members
            .iter()
            .map(|m| set.cards[m.card].text.as_str())
            .collect();
        let faults = label_faults(&c.label, &texts);
        for f in &faults {
            match *f {
                "question" => t.question += 1,
                "card text" => t.card_text += 1,
                "punctuation" => t.punctuation += 1,
                "function word at an edge" => t.function_edge += 1,
                "word repeated" => t.repeated += 1,
                "long" => t.long += 1,
                "lower case" => t.lower_case += 1,
                _ => {}
            }
        }
        // The heading of the group most of the cluster's cards are in.
        let mut groups: HashMap<&str, usize> = HashMap::new();
        for m in &c.members {
            *groups.entry(set.cards[m.card].group.as_str()).or_default() += 1;
        }
        let heading = groups
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(g, _)| g)
            .unwrap_or_default();
        let heading_words: Vec<String> = words(heading).iter().map(|w| fold(w)).collect();
        let head = |w: &str| w.chars().take(5).collect::<String>();
        let shares = words(&c.label).iter().any(|w| {
            let w = fold(w);
            heading_words.iter().any(|h| {
                same_stem(&w, h)
                    || (w.chars().count() >= 5 && h.chars().count() >= 5 && head(&w) == head(h))
            })
        });
        if shares {
            t.clerk_word += 1;
        }
        if list {
            println!(
                "{:<40} [{heading}] {}",
                c.label,
                if faults.is_empty() {
                    String::new()
                } else {
                    format!("<- {}", faults.join(", "))
                }
            );
            if !faults.is_empty() {
                for text in &texts {
                    println!("    | {text}");
                }
            }
        }
        for m in &c.members {
            t.members += 1;
            let parts: Vec<(&str, String)> = m.reasons.iter().map(reason_parts).collect();
            let mut word_twice = false;
            let mut link_twice = false;
            for i in 0..parts.len() {
                for j in i + 1..parts.len() {
                    word_twice |= fold(parts[i].0) == fold(parts[j].0);
                    link_twice |= parts[i].1 == parts[j].1;
                }
            }
            let itself = m.reasons.iter().any(|r| match r {
                Reason::Spelling { word, read_as } => fold(word) == fold(read_as),
                Reason::Related { word, like } => fold(word) == fold(like),
                _ => false,
            });
            t.reason_word_twice += word_twice as usize;
            t.reason_link_twice += link_twice as usize;
            t.reason_self += itself as usize;
            if list && (word_twice || link_twice || itself) {
                println!(
                    "    reasons of „{}“: {}",
                    set.cards[m.card].text,
                    stellwand::i18n::cluster::describe_all(
                        &m.reasons,
                        stellwand::core::error::Lang::De
                    )
                );
            }
        }
    }
    t
}

/// The figures above per tuned set and over all of them; with
/// `STELLWAND_EVAL_LIST=name` one set with every label, the clerk's
/// heading beside it and what is wrong with it.
#[test]
#[ignore]
fn label_report() {
    let one = std::env::var("STELLWAND_EVAL_LIST").ok();
    let sets: Vec<Set> = match &one {
        Some(name) if name == "all" => sets().into_iter().filter(|s| !s.held_out).collect(),
        Some(_) => vec![listed()],
        None => sets().into_iter().filter(|s| !s.held_out).collect(),
    };
    let mut all = Tally::default();
    let mut learned = Tally::default();
    for set in &sets {
        let (_, result) = plain(set, DEFAULT_THRESHOLD);
        let t = tally(set, &result, one.is_some());
        t.print(&set.name);
        all.add(&t);
        // With half of the groups confirmed: the reasons of the cards the
        // themes hold and take in (the themes' labels are the clerk's).
        let cards = cluster_cards(set);
        let themes = half_themes(&set.cards);
        let result = cluster_with_themes(&cards, &themes, &thesaurus(), ClusterOptions::default());
        let mut t = tally(set, &result, false);
        t.clusters = 0;
        learned.add(&t);
    }
    all.print("all tuned sets");
    println!(
        "all tuned sets, half the groups confirmed: {} cards; a word twice in the reasons {}, \
         one link twice {}, a word linked to itself {}",
        learned.members, learned.reason_word_twice, learned.reason_link_twice, learned.reason_self
    );
}
