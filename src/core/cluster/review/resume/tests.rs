use super::super::*;
use crate::core::cluster::kept;
use crate::core::model::{Board, Card, Column};

/// Texts of several themes, a few cards each.
pub(crate) const TEXTS: &[&str] = &[
    "Kita-Plätze fehlen",
    "fehlende Kitaplätze im Viertel",
    "mehr Kitaplätze für alle",
    "Ausbau der Kitaplätze",
    "Sprachkurse für Eltern",
    "Sprachkurse am Abend",
    "mehr Sprachkurse anbieten",
    "Müll auf den Straßen",
    "Müll im Park",
    "Müllabfuhr öfter",
    "Spielplatz erneuern",
    "neuer Spielplatz am Markt",
    "Busverbindung abends",
    "Busverbindung zum Bahnhof",
    "Nachbarschaftsfest",
];

/// A session with one needs column of cards `k0`, `k1`, … with these texts.
pub(crate) fn session(texts: &[(usize, &str)]) -> Session {
    let cards = texts
        .iter()
        .map(|(i, t)| Card::new(format!("k{i}"), *t))
        .collect();
    Session {
        id: "mitte".into(),
        boards: vec![Board {
            id: "b1".into(),
            title: "Altstadt".into(),
            columns: vec![Column {
                key: "needs".into(),
                cards,
                ..Column::default()
            }],
            ..Board::default()
        }],
        ..Session::default()
    }
}

fn numbered<'a>(texts: &[&'a str]) -> Vec<(usize, &'a str)> {
    texts.iter().copied().enumerate().collect()
}

fn full(s: &Session) -> Grouping {
    let mut g = run(req(s), &Thesaurus::default(), &Progress::default()).unwrap();
    assert!(finish(&mut g, s, &[]));
    g
}

fn req(s: &Session) -> Request {
    request(s, 0.3, &ColumnScope::EachColumn, &[])
}

/// The kept run of a whole run of `s`, as the cache file gives it back.
fn kept_of(s: &Session) -> kept::Kept {
    let g = full(s);
    let stamp = req(s).stamp(&Thesaurus::default());
    kept::decode(&kept::encode(&keep(&g, stamp))).expect("a sound file")
}

/// The review of `now` from the kept run of `before`, settled.
fn resumed(before: &kept::Kept, now: &Session) -> Option<(Grouping, Pending)> {
    let stamp = req(now).stamp(&Thesaurus::default());
    let (mut g, pending) = resume(before.clone(), req(now), &stamp, now, &[])?;
    let prepared = prepare(req(now), &Thesaurus::default(), &Progress::default()).unwrap();
    assert!(settle(&mut g, prepared, &pending, now, &[]));
    Some((g, pending))
}

/// The cards of each group, sorted, in the order listed.
fn listed(g: &Grouping) -> Vec<(String, Vec<String>)> {
    g.groups
        .iter()
        .map(|g| {
            let mut ids: Vec<String> = g.entries().map(|e| e.card.clone()).collect();
            ids.sort();
            (g.label.clone(), ids)
        })
        .collect()
}

/// The ids of the cards listed with `card`.
fn group_of(g: &Grouping, card: &str) -> Vec<String> {
    listed(g)
        .into_iter()
        .map(|(_, ids)| ids)
        .find(|ids| ids.iter().any(|i| i == card))
        .unwrap_or_default()
}

#[test]
fn a_review_opened_from_the_kept_run_lists_what_a_whole_run_lists() {
    let mut s = session(&numbered(TEXTS));
    s.themes.push(super::super::super::tests::theme(
        "t1",
        "Sprachkurse",
        &["k4", "k5"],
    ));
    let whole = full(&s);
    assert!(whole.suggestions >= 3, "{:?}", listed(&whole));
    let before = kept_of(&s);
    let stamp = req(&s).stamp(&Thesaurus::default());
    // Listed at once, before the cards are analysed.
    let (at_once, pending) = resume(before.clone(), req(&s), &stamp, &s, &[]).unwrap();
    assert!(pending.is_empty());
    assert!(!at_once.analysed());
    assert_eq!(at_once.groups, whole.groups);
    assert_eq!(at_once.clustering, whole.clustering);
    let (settled, _) = resumed(&before, &s).unwrap();
    assert_eq!(settled.groups, whole.groups);
    assert_eq!(settled.suggestions, whole.suggestions);
}

#[test]
fn a_card_edited_since_the_kept_run_moves_where_a_whole_run_puts_it() {
    let before = session(&numbered(TEXTS));
    let kept = kept_of(&before);
    let mut texts = numbered(TEXTS);
    // The festival card now speaks of rubbish.
    texts[14].1 = "Müll nach dem Fest";
    let now = session(&texts);
    let (g, pending) = resumed(&kept, &now).unwrap();
    assert_eq!(pending.changed_cards(), 1);
    let whole = full(&now);
    assert!(group_of(&whole, "k14").contains(&"k7".to_string()));
    assert_eq!(group_of(&g, "k14"), group_of(&whole, "k14"));
    assert_eq!(listed(&g), listed(&whole));
}

#[test]
fn cards_added_and_deleted_since_the_kept_run_are_placed_and_gone() {
    let before = session(&numbered(TEXTS));
    let kept = kept_of(&before);
    let mut texts = numbered(TEXTS);
    texts.remove(3); // "Ausbau der Kitaplätze"
    texts.push((40, "Busverbindung nachts"));
    let now = session(&texts);
    let (g, _) = resumed(&kept, &now).unwrap();
    assert!(
        listed(&g)
            .iter()
            .all(|(_, ids)| !ids.contains(&"k3".into()))
    );
    let buses = group_of(&g, "k40");
    assert!(buses.contains(&"k12".to_string()), "{:?}", listed(&g));
    assert_eq!(listed(&g), listed(&full(&now)));
}

#[test]
fn a_decision_made_since_the_kept_run_is_clustered_in() {
    let before = session(&numbered(TEXTS));
    let kept = kept_of(&before);
    let mut now = before.clone();
    now.themes.push(super::super::super::tests::theme(
        "t1",
        "Müll",
        &["k7", "k8", "k9"],
    ));
    let (g, pending) = resumed(&kept, &now).unwrap();
    assert!(pending.is_empty());
    let theme = g.groups.iter().find(|g| g.theme.as_deref() == Some("t1"));
    assert_eq!(theme.map(|t| t.members.len()), Some(3), "{:?}", listed(&g));
    // No suggestion holds its cards any more.
    assert!(g.groups[..g.suggestions].iter().all(|s| {
        s.entries()
            .all(|e| !["k7", "k8", "k9"].contains(&e.card.as_str()))
    }));
}

#[test]
fn a_kept_run_of_other_options_or_with_many_changes_is_not_used() {
    let before = session(&numbered(TEXTS));
    let kept = kept_of(&before);
    let other = request(&before, 0.5, &ColumnScope::EachColumn, &[]);
    let stamp = other.stamp(&Thesaurus::default());
    assert!(resume(kept.clone(), other, &stamp, &before, &[]).is_none());
    let thesaurus = Thesaurus {
        general: true,
        ..Thesaurus::default()
    };
    let stamp = req(&before).stamp(&thesaurus);
    assert!(resume(kept.clone(), req(&before), &stamp, &before, &[]).is_none());
    // Most cards edited.
    let texts: Vec<(usize, String)> = (0..TEXTS.len())
        .map(|i| (i, format!("{} neu", TEXTS[i])))
        .collect();
    let now = session(
        &texts
            .iter()
            .map(|(i, t)| (*i, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let stamp = req(&now).stamp(&Thesaurus::default());
    assert!(resume(kept, req(&now), &stamp, &now, &[]).is_none());
}
