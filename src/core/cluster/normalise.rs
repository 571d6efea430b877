//! Turns short handwritten card texts into comparable words: gender forms,
//! abbreviations of notes, punctuation, case and filler words.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// One word of a card as written, with its lower-case parts (split at hyphens,
/// abbreviations expanded, filler parts dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word as it stands on the card (for labels and explanations).
    pub surface: String,
    /// Lower-case parts; `Kita-Plätze` has two.
    pub parts: Vec<String>,
    /// Written in brackets: an aside to the card's point.
    pub aside: bool,

    /// A short form of a generic word ("gem.", "versch."): weak, so that
    /// an abbreviation never makes a theme.
    pub generic: bool,
}

/// Longest word looked at; longer runs of letters are cut (a pasted URL or a
/// 10,000-letter "word" must not slow the engine down).
pub const MAX_WORD_CHARS: usize = 48;

/// Words that carry no topic: articles, pronouns, prepositions, and the
/// fillers of need cards ("mehr", "zu wenig", "fehlende", "bessere").
const STOP_WORDS: &str = "
a ab aber alle allem allen aller alles als also am an and andere anderem anderen anderer anderes
auch auf aus b bei beide beiden beim bereits besonders bis bisher bitte bzw c ca d da dabei dadurch
dafür dagegen daher damit danach dann daran darauf darf darin darum darüber das dass daß davon dazu
dem den denen denn der deren des deshalb dessen die dies diese diesem diesen dieser dieses doch dort
durch e eben eher ein eine einem einen einer eines einige einigen einzelne einzelnen er es etc etwa
etwas euch f für g gar gegen ggf gibt h hat hatte haben hier i ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer im immer in ins ist j ja je jede jedem jeden jeder jedes jetzt jeweilige jeweiligen jeweils k
kann kein keine keinem keinen keiner kaum können könnte l m man manche mehr mein meine mich mir mit
möglichst muss müssen n nach neben nein nicht nichts noch nun nur o ob oder oft ohne p q r s sehr
sein seine seinen seiner seit selbst sich sie siehe sind so sog sogar solche soll sollen sollte
sondern sonst statt t u um und uns unser unsere unter usw v vgl viel viele vielen vieler vom von
vor w wann war waren was weil weiter weitere weiteren welche welchen wenig weniger wenn wer werden
wie wieder wir wird wo wurde x y z zu zum zur zwar zwischen
fehlt fehlen fehlend fehlende fehlenden fehlender gut gute guten guter gutes besser bessere besseren
besserer bzw ausreichend ausreichende ausreichenden ausreichender genug zuwenig dringend dringende
endlich ganz gerade bisschen überhaupt vorhanden vorhandene vorhandener vorhandenen schon ebenso
bzgl inkl evtl ggfs beziehungsweise teilweise circa bezüglich insbesondere mindestens u.a o.ä zb z.b ua oä usf e.v ev eg o
über gegenüber nix rum raus drin mal halt los eigentlich wirklich natürlich total echt bloß lediglich
quasi irgendwie irgendwo nirgends nirgendwo überall hin her drauf drüber heute wer wem wen jemand
niemand vieles wenige mehrere mehreren verschiedene verschiedenen unterschiedliche unterschiedlichen
sowie sowohl weder trotz wegen während innerhalb außerhalb pro per via super toll schön prima okay ok
ständig manchmal selten nie kaum fast wenigstens zumindest allerdings trotzdem jedoch deswegen
";

/// Abbreviations of handwritten notes, written with a dot, and what they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("zw", "zwischen"),
    ("d", "der"),
    ("u", "und"),
    ("m", "mit"),
    ("v", "von"),
    ("bzw", "beziehungsweise"),
    ("tw", "teilweise"),
    ("versch", "verschiedene"),
    ("verschied", "verschiedene"),
    ("ehrenamtl", "ehrenamtlich"),
    ("öffentl", "öffentlich"),
    ("unterschiedl", "unterschiedlich"),
    ("gem", "gemeinsam"),
    ("gemeins", "gemeinsam"),
    ("bzgl", "bezüglich"),
    ("sog", "sogenannte"),
    ("prof", "professionelle"),
    ("päd", "pädagogisch"),
    ("soz", "sozial"),
    ("kult", "kulturell"),
    ("ges", "gesellschaft"),
    ("gesellsch", "gesellschaftlich"),
    ("wirtsch", "wirtschaftlich"),
    ("allg", "allgemein"),
    ("ausl", "ausländisch"),
    ("kath", "katholisch"),
    ("ev", "evangelisch"),
    ("int", "international"),
    ("pers", "persönlich"),
    ("fam", "familie"),
    ("jugendl", "jugendliche"),
    ("jug", "jugend"),
    ("max", "maximal"),
    ("min", "mindestens"),
    ("std", "stunde"),
    ("abt", "abteilung"),
    ("verw", "verwaltung"),
    ("mitgl", "mitglieder"),
    ("ehrenamtl", "ehrenamtlich"),
    ("hauptamtl", "hauptamtlich"),
    ("schul", "schulisch"),
    ("bes", "besonders"),
    ("insb", "insbesondere"),
    ("mind", "mindestens"),
    ("ca", "circa"),
    ("nr", "nummer"),
    ("str", "straße"),
    ("stadtt", "stadtteil"),
    ("quart", "quartier"),
    ("beratungsst", "beratungsstelle"),
    ("ki", "kinder"),
    ("kiga", "kindergarten"),
    ("whg", "wohnung"),
    ("wohn", "wohnung"),
    ("jgdl", "jugendliche"),
    ("jgd", "jugend"),
    ("med", "medizinisch"),
    ("psych", "psychisch"),
    ("dolm", "dolmetscher"),
    ("anerk", "anerkennung"),
    ("mitarb", "mitarbeiter"),
    ("integr", "integration"),
    ("inf", "information"),
    ("info", "information"),
    ("ausb", "ausbildung"),
    ("qualif", "qualifizierung"),
    ("arb", "arbeit"),
    ("beh", "behörde"),
    ("sprachk", "sprachkurs"),
    ("elt", "eltern"),
    ("gesch", "geschäft"),
    ("fr", "frauen"),
];

/// Abbreviations of words that say little about a theme.
const GENERIC_ABBREVIATIONS: &[&str] = &[
    "zw",
    "d",
    "u",
    "m",
    "v",
    "bzw",
    "tw",
    "versch",
    "verschied",
    "unterschiedl",
    "gem",
    "gemeins",
    "bzgl",
    "sog",
    "allg",
    "max",
    "min",
    "bes",
    "insb",
    "mind",
    "ca",
    "nr",
    "int",
];

/// Short forms written without a dot, as they stand on cards of municipal
/// integration work.
const ACRONYMS: &[(&str, &str)] = &[
    ("KiGa", "Kindergarten"),
    ("KIGA", "Kindergarten"),
    ("OGS", "Ganztagsschule"),
    ("GS", "Grundschule"),
    ("ÖPNV", "Nahverkehr"),
    ("OPNV", "Nahverkehr"),
    ("ABH", "Ausländerbehörde"),
    ("JC", "Jobcenter"),
    ("ARGE", "Jobcenter"),
    ("AfA", "Arbeitsagentur"),
    ("VHS", "Volkshochschule"),
    ("DaZ", "Sprachförderung"),
    ("DAZ", "Sprachförderung"),
    ("DaF", "Sprachförderung"),
    ("IK", "Integrationskurs"),
    ("MBE", "Migrationsberatung"),
    ("JMD", "Jugendmigrationsdienst"),
    ("WBS", "Wohnberechtigungsschein"),
    ("BuT", "Bildungspaket"),
    ("ALG", "Arbeitslosengeld"),
    ("UMF", "Flüchtlinge"),
    ("UMA", "Flüchtlinge"),
    ("BAMF", "Bundesamt"),
    ("Azubi", "Auszubildende"),
    ("Azubis", "Auszubildende"),
    ("GU", "Gemeinschaftsunterkunft"),
    ("GUs", "Gemeinschaftsunterkunft"),
    ("EAE", "Erstaufnahme"),
    ("ZUE", "Erstaufnahme"),
    ("AsylbLG", "Asylbewerberleistungsgesetz"),
    ("BAföG", "Ausbildungsförderung"),
    ("SGB", "Sozialgesetzbuch"),
    ("ALG2", "Arbeitslosengeld"),
    ("KdU", "Miete"),
    ("IHK", "Handwerkskammer"),
    ("HWK", "Handwerkskammer"),
    ("ZAB", "Anerkennungsstelle"),
    ("BBS", "Berufsschule"),
    ("BVB", "Berufsvorbereitung"),
    ("MSO", "Migrantenorganisation"),
    ("MSOs", "Migrantenorganisation"),
    ("ÖGD", "Gesundheitsamt"),
    ("ASD", "Sozialdienst"),
    ("FSJ", "Freiwilligendienst"),
    ("BFD", "Freiwilligendienst"),
    ("HzE", "Erziehungshilfe"),
];

fn stop_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect())
}

/// Whether a lower-case word carries no topic.
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

fn abbreviation(lower: &str) -> Option<&'static str> {
    ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == lower)
        .map(|(_, full)| *full)
}

/// Removes gender marks: `Migrant*innen`, `Bürger:innen`, `Bürger_innen`,
/// `Bürger/innen`, `BürgerInnen` and `Partner/in` become the base word.
pub fn strip_gender(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at_word_end = |j: usize| j >= chars.len() || !chars[j].is_alphanumeric();
    let follows = |j: usize, s: &str| {
        let s: Vec<char> = s.chars().collect();
        j + s.len() <= chars.len() && chars[j..j + s.len()] == s[..]
    };
    while i < chars.len() {
        let c = chars[i];
        let after_letter = i > 0 && chars[i - 1].is_alphabetic();
        // The gender star and its kin ("Bürger*innen"), and the Binnen-I
        // ("BürgerInnen", "LehrerIn") after a lower-case letter: the ending
        // after the mark is left out.
        let endings: &[&str] = if after_letter && matches!(c, '*' | ':' | '_' | '/' | '·') {
            &["innen", "in"]
        } else if c == 'I' && i > 0 && chars[i - 1].is_lowercase() {
            &["nnen", "n"]
        } else {
            &[]
        };
        if let Some(e) = endings
            .iter()
            .find(|e| follows(i + 1, e) && at_word_end(i + 1 + e.chars().count()))
        {
            i += 1 + e.chars().count();
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Plain feminine plurals ("Migrantinnen", "Kolleginnen") to the base word.
fn strip_feminine_plural(word: &str) -> &str {
    if let Some(base) = word.strip_suffix("innen")
        && base.chars().count() >= 4
        && !base.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        return base;
    }
    word
}

/// Splits a card text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let text = strip_gender(text);
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            match chars[i] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
            continue;
        }
        // A word: letters and digits, hyphens between them joining parts.
        let start = i;
        let mut parts: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut current_len = 0;
        loop {
            if i < chars.len() && chars[i].is_alphanumeric() {
                if current_len < MAX_WORD_CHARS {
                    current.push(chars[i]);
                    current_len += 1;
                }
                i += 1;
            } else if i + 1 < chars.len()
                && matches!(chars[i], '-' | '‐' | '‑')
                && chars[i + 1].is_alphanumeric()
                && !current.is_empty()
            {
                parts.push(std::mem::take(&mut current));
                current_len = 0;
                i += 1;
            } else {
                break;
            }
        }
        parts.push(current);
        let dotted = i < chars.len() && chars[i] == '.';
        let surface: String = chars[start..i].iter().collect();
        if let Some(mut t) = make_token(surface, parts, dotted) {
            t.aside = depth > 0;
            tokens.push(t);
        }
    }
    tokens
}

fn make_token(surface: String, raw_parts: Vec<String>, dotted: bool) -> Option<Token> {
    let mut parts = Vec::with_capacity(raw_parts.len());
    let single = raw_parts.len() == 1;
    let mut generic = false;
    for raw in raw_parts {
        if let Some((_, full)) = ACRONYMS.iter().find(|(a, _)| *a == raw) {
            parts.push(full.to_lowercase());
            continue;
        }
        let lower = raw.to_lowercase();
        if single && dotted {
            if let Some(full) = abbreviation(&lower) {
                generic = GENERIC_ABBREVIATIONS.contains(&lower.as_str());
                parts.push(full.to_string());
                continue;
            }
            // "ehrenamtl.", "öffentl.", "unterschiedl." stand for "-lich".
            if lower.ends_with('l') && lower.chars().count() >= 5 {
                parts.push(format!("{lower}ich"));
                continue;
            }
        }
        if lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = strip_feminine_plural(&lower).to_string();
        if lower.chars().count() < 2 || is_stop_word(&lower) {
            continue;
        }
        parts.push(lower);
    }
    parts.retain(|p| !is_stop_word(p));
    if parts.is_empty() {
        return None;
    }
    Some(Token {
        surface,
        parts,
        aside: false,
        generic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<Vec<String>> {
        tokenize(text).into_iter().map(|t| t.parts).collect()
    }

    #[test]
    fn gender_forms_become_the_base_word() {
        for text in [
            "Migrant*innen",
            "Migrant:innen",
            "Migrant_innen",
            "MigrantInnen",
            "Migrant/innen",
            "Migrantinnen",
        ] {
            assert_eq!(parts(text), vec![vec!["migrant".to_string()]], "{text}");
        }
        assert_eq!(strip_gender("Ansprechpartner/in"), "Ansprechpartner");
    }

    #[test]
    fn abbreviations_and_fillers() {
        assert_eq!(
            parts("Ausgeglichenheit zw. ehrenamtl. Akteuren"),
            vec![
                vec!["ausgeglichenheit".to_string()],
                vec!["ehrenamtlich".to_string()],
                vec!["akteuren".to_string()]
            ]
        );
        assert_eq!(
            parts("keine / bzw. zu wenig KiTA-Plätze"),
            vec![vec!["kita".to_string(), "plätze".to_string()]]
        );
        assert_eq!(parts("ABH nicht erreichbar")[0], vec!["ausländerbehörde"]);
        assert_eq!(parts("Whg. zu teuer")[0], vec!["wohnung"]);
        assert_eq!(
            parts("tw. guter öffentl. Nahverkehr")[0],
            vec!["öffentlich"]
        );
    }

    #[test]
    fn punctuation_emoji_and_numbers_give_no_words() {
        assert!(tokenize("!!! ?! … 💡 👥 €").is_empty());
        assert!(tokenize("").is_empty());
        assert!(tokenize("2 bis 3").is_empty());
    }

    #[test]
    fn a_huge_word_is_cut() {
        let word = "a".repeat(10_000);
        let t = tokenize(&word);
        assert_eq!(t[0].parts[0].chars().count(), MAX_WORD_CHARS);
    }
}
