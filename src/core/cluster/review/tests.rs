use super::*;
use crate::core::model::{Board, Card, Column};

/// A confirmed theme labelled with its id.
fn theme(id: &str, cards: &[&str]) -> Theme {
    super::super::tests::theme(id, id, cards)
}

#[test]
fn a_card_taken_out_is_rejected_whether_member_or_only_suggested() {
    let themes = vec![theme("t1", &["k1", "k2"])];
    let out = take_out(&themes, "t1", "k1");
    assert_eq!(out[0].cards, ["k2"]);
    assert_eq!(out[0].rejected, ["k1"]);
    // k9 was only suggested into t1: it is kept out for good.
    let out = take_out(&themes, "t1", "k9");
    assert_eq!(out[0].cards, ["k1", "k2"]);
    assert_eq!(out[0].rejected, ["k9"]);
}

#[test]
fn a_moved_card_leaves_one_theme_for_good_and_is_welcome_in_the_other() {
    let mut other = theme("t2", &[]);
    other.rejected = vec!["k1".into()];
    let out = move_into(&[theme("t1", &["k1"]), other], "t1", "t2", "k1");
    assert_eq!((out[0].cards.len(), out[0].rejected.len()), (0, 1));
    assert_eq!(out[1].cards, ["k1"]);
    assert!(out[1].rejected.is_empty());
}

#[test]
fn suggestions_come_first_and_a_dismissed_one_stays_away() {
    let mut s = Session {
        id: "mitte".into(),
        ..Session::default()
    };
    let cards = ["Kita-Plätze", "fehlende Kitaplätze", "Parkplätze am Markt"]
        .iter()
        .map(|t| Card::new(s.fresh_id("k"), *t))
        .collect();
    s.boards.push(Board {
        id: "b1".into(),
        columns: vec![Column {
            key: "needs".into(),
            cards,
            ..Column::default()
        }],
        ..Board::default()
    });
    s.themes.push(theme("t9", &["k3"]));
    let thesaurus = Thesaurus::default();
    let g = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[]);
    assert_eq!(g.suggestions, 1, "{:?}", g.groups);
    assert_eq!(g.groups[0].members.len(), 2);
    assert_eq!(g.groups[1].theme.as_deref(), Some("t9"));
    let key = dismiss_key(
        &g.clustering.clusters[g.groups[0].cluster.unwrap()],
        &g.cards,
    );
    let again = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[key]);
    assert_eq!(again.suggestions, 0);
    assert_eq!(again.groups.len(), 1);
}
fn every_card_once(g: &Grouping) {
    let mut seen = vec![0u8; g.cards.len()];
    for c in &g.clustering.clusters {
        for m in &c.members {
            seen[m.card] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1));
}

/// Each card's cluster as the set of its cards, with the theme.
fn homes(g: &Grouping) -> HashMap<String, (Option<String>, Vec<String>)> {
    let mut out = HashMap::new();
    for c in &g.clustering.clusters {
        let mut ids: Vec<String> = c
            .members
            .iter()
            .map(|m| g.cards[m.card].id.clone())
            .collect();
        ids.sort();
        for id in &ids {
            out.insert(id.clone(), (c.theme.clone(), ids.clone()));
        }
    }
    out
}

#[test]
fn decisions_cluster_only_near_what_they_touched_and_agree_with_a_new_run() {
    let path = std::path::Path::new("sessions/2019-02-13-gelsenkirchen-mitte.ron");
    let mut s = crate::core::store::load(path).unwrap().session;
    let thesaurus = Thesaurus::builtin();
    let scope = ColumnScope::EachColumn;
    let mut g = group(&s, 0.3, &scope, &thesaurus, &[]);
    let steps = 12;
    let (mut agree, mut all) = (0, 0);
    for step in 0..steps {
        let mut themes = s.themes.clone();
        let theme = g
            .groups
            .iter()
            .position(|x| x.theme.is_some() && x.members.len() > 1);
        let (themes, card) = match (step % 3, theme) {
            (2, Some(t)) => {
                // Take the first card out of a theme.
                let id = materialize(&mut s, &g, &mut themes, t).unwrap();
                let card = g.groups[t].members[0].card.clone();
                (take_out(&themes, &id, &card), Some((id, card)))
            }
            _ => {
                let id = materialize(&mut s, &g, &mut themes, 0).unwrap();
                (themes, Some((id, String::new())))
            }
        };
        s.apply(Edit::SetThemes(themes)).unwrap();
        let kept = g.clustering.clusters.len();
        assert!(regroup(&mut g, &s, &[]));
        every_card_once(&g);
        assert!(g.clustering.clusters.len().abs_diff(kept) < 10);
        // The decision shows: the theme is listed with its cards, a card
        // taken out is not among them.
        let (id, out) = card.unwrap();
        let listed = g
            .groups
            .iter()
            .find(|x| x.theme.as_deref() == Some(id.as_str()));
        let listed = listed.expect("the theme is listed");
        let theme = s.themes.iter().find(|t| t.id == id).unwrap();
        for c in &theme.cards {
            assert!(listed.members.iter().any(|m| &m.card == c), "step {step}");
        }
        assert!(!listed.members.iter().any(|m| m.card == out), "step {step}");
        // Against a new run (which also learns from the new theme).
        let full = group(&s, 0.3, &scope, &thesaurus, &[]);
        every_card_once(&full);
        let (mine, theirs) = (homes(&g), homes(&full));
        all += mine.len();
        agree += mine
            .iter()
            .filter(|(k, v)| theirs.get(*k) == Some(v))
            .count();
    }
    let share = agree as f64 / all as f64;
    assert!(share >= 0.95, "{agree} of {all} cards as in a new run");
}

#[test]
fn changed_cards_need_a_new_run() {
    let path = std::path::Path::new("sessions/2019-02-13-gelsenkirchen-mitte.ron");
    let mut s = crate::core::store::load(path).unwrap().session;
    let thesaurus = Thesaurus::builtin();
    let mut g = group(&s, 0.3, &ColumnScope::EachColumn, &thesaurus, &[]);
    let mut card = s.boards[0].columns[0].cards[0].clone();
    card.text = "Kitaplätze".into();
    s.apply(Edit::ReplaceCard { card }).unwrap();
    assert!(!regroup(&mut g, &s, &[]));
}
