//! Reading helpers of the quality sets (all `#[ignore]`d): the clusters of
//! a tuned set, the groups it splits, the learning scenario card by card,
//! the pairs the engine gets wrong, and what the themes do with the loose
//! cards of every set.

use stellwand::core::cluster::Decisions;
use stellwand::core::model::Theme;

use super::*;

/// Figures for a range of thresholds on the tuned set (for choosing the
/// default): `cargo test --test cluster_eval threshold_sweep -- --ignored --nocapture`.
#[test]
#[ignore]
fn threshold_sweep() {
    let tuned = &listed();
    for t in [
        0.15, 0.2, 0.25, 0.3, 0.32, 0.34, 0.35, 0.36, 0.38, 0.4, 0.45, 0.5,
    ] {
        let (f, _) = plain(tuned, t);
        println!(
            "threshold {t:.2}: precision {:.3}, recall {:.3}, moves saved {} ({} of {})",
            f.precision,
            f.recall,
            percent(f.saved()),
            f.moves_before - f.moves_after,
            f.moves_before
        );
    }
}

/// The suggested clusters of the tuned set with each card's labelled group,
/// for reading: `CLUSTER_THRESHOLD=0.3 cargo test --test cluster_eval listing -- --ignored --nocapture`.
/// Only the tuned set is listed: the held-out sets are not read to tune.
#[test]
#[ignore]
fn listing_at_threshold() {
    let t: f64 = std::env::var("CLUSTER_THRESHOLD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_THRESHOLD);
    let tuned = &listed();
    let (f, result) = plain(tuned, t);
    for c in result.clusters.iter().filter(|c| c.len() > 1) {
        println!("{}", c.label);
        for m in &c.members {
            let card = &tuned.cards[m.card];
            println!("    {} [{}]", card.text, card.group);
        }
    }
    println!(
        "precision {:.3} recall {:.3} saved {}",
        f.precision,
        f.recall,
        percent(f.saved())
    );
}

/// The labelled groups of the tuned set that the suggestions split, for
/// reading: `cargo test --test cluster_eval split_groups -- --ignored --nocapture`.
#[test]
#[ignore]
fn split_groups_of_the_tuned_set() {
    let tuned = &listed();
    let (_, result) = plain(tuned, DEFAULT_THRESHOLD);
    let part = partition(&result, tuned.cards.len());
    let mut groups: std::collections::BTreeMap<(String, String), Vec<usize>> = Default::default();
    for (i, c) in tuned.cards.iter().enumerate() {
        groups
            .entry((c.column.clone(), c.group.clone()))
            .or_default()
            .push(i);
    }
    for ((col, g), ids) in groups {
        let mut ks: Vec<usize> = ids.iter().map(|&i| part[i]).collect();
        ks.sort();
        ks.dedup();
        if ids.len() > 1 && ks.len() > 1 {
            println!("{col} {g}:");
            for i in ids {
                println!("    [{}] {}", part[i], tuned.cards[i].text);
            }
        }
    }
}

/// The learning scenario on the tuned set, for reading: each theme with the
/// cards put into it (wrong ones marked), then the loose clusters.
/// `cargo test --test cluster_eval learning_listing -- --ignored --nocapture`.
#[test]
#[ignore]
fn learning_listing_of_the_tuned_set() {
    let set = &listed();
    let cards = cluster_cards(set);
    let themes = half_themes(&set.cards);
    let result = cluster_with_themes(&cards, &themes, &thesaurus(), ClusterOptions::default());
    for c in result.clusters.iter().filter(|c| c.len() > 1) {
        println!(
            "{}{}",
            if c.theme.is_some() { "THEME " } else { "" },
            c.label
        );
        for m in &c.members {
            let card = &set.cards[m.card];
            let mark = if m.new && card.group != c.label {
                "  WRONG"
            } else if m.new {
                "  new"
            } else {
                ""
            };
            println!("    {} [{}]{mark}", card.text, card.group);
        }
    }
    // Loose cards of a confirmed group left outside its theme.
    for theme in &themes {
        let held = result
            .clusters
            .iter()
            .find(|c| c.theme.as_ref() == Some(&theme.id));
        let column = column_of_theme(set, theme);
        for (i, card) in set.cards.iter().enumerate() {
            let in_it = held.is_some_and(|c| c.members.iter().any(|m| m.card == i));
            if card.group == theme.label && card.column == *column && !in_it {
                println!("MISSED {} [{}]", card.text, card.group);
            }
        }
    }
    let f = learning(set, true);
    println!("saved {} precision {:.3}", percent(f.saved()), f.precision);
    // The words the themes teach.
    let mut session = stellwand::core::model::Session {
        id: "eval".into(),
        place: set.place.into(),
        themes: themes.clone(),
        ..Default::default()
    };
    let mut board = stellwand::core::model::Board {
        id: "b".into(),
        ..Default::default()
    };
    for (i, c) in set.cards.iter().enumerate() {
        if board.columns.iter().all(|k| k.key != c.column) {
            board.columns.push(stellwand::core::model::Column {
                key: c.column.clone(),
                ..Default::default()
            });
        }
        let col = board
            .columns
            .iter_mut()
            .find(|k| k.key == c.column)
            .unwrap();
        col.cards.push(stellwand::core::model::Card::new(
            format!("k{i}"),
            c.text.clone(),
        ));
    }
    session.boards.push(board);
    let mut last = String::new();
    for w in stellwand::core::cluster::learned_words(&session, &thesaurus()) {
        if w.theme != last {
            print!("\n{}:", w.theme);
            last = w.theme.clone();
        }
        print!(" {}", w.word);
    }
    println!();
}

/// The pairs of a tuned set the engine gets wrong, for reading: the
/// strongest pairs of different groups and the weakest-linked cards of one
/// group, with the features they share.
/// `STELLWAND_EVAL_LIST=stadt-c-workshop cargo test --test cluster_eval pair_report -- --ignored --nocapture`.
#[test]
#[ignore]
fn pair_report() {
    use stellwand::core::cluster::features::FeatureKind;
    let set = &listed();
    let cards = cluster_cards(set);
    let f = stellwand::core::cluster::analyse(
        &cards,
        &ClusterOptions::default(),
        &thesaurus(),
        &Decisions::default(),
    );
    let name = |id: u32| -> String {
        match &f.kinds[id as usize] {
            FeatureKind::Stem(s) => s.clone(),
            FeatureKind::Compound(s) => format!("+{s}"),
            FeatureKind::Concept(g) => format!("<{}>", f.concept_names[*g]),
            FeatureKind::General(g) => format!("~{g}"),
            FeatureKind::Learned(l) => format!("L:{l}"),
            FeatureKind::Tag(t) => format!("#{t}"),
        }
    };
    let show = |i: usize| -> String {
        let v: Vec<String> = f.cards[i]
            .vector
            .iter()
            .map(|(id, w)| format!("{}={w:.2}", name(*id)))
            .collect();
        format!("{} [{}]", set.cards[i].text, v.join(" "))
    };
    let n = cards.len();
    let mut wrong = Vec::new();
    let mut right = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if set.cards[i].column != set.cards[j].column {
                continue;
            }
            let s = stellwand::core::cluster::graph::dot(&f.cards[i].vector, &f.cards[j].vector);
            if set.cards[i].group == set.cards[j].group {
                right.push((s, i, j));
            } else if s > 0.15 {
                wrong.push((s, i, j));
            }
        }
    }
    wrong.sort_by(|a, b| b.0.total_cmp(&a.0));
    right.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("== pairs of different groups, strongest");
    for (s, i, j) in wrong.iter().take(40) {
        println!(
            "{s:.2}\n  {}  {{{}}}\n  {}  {{{}}}",
            show(*i),
            set.cards[*i].group,
            show(*j),
            set.cards[*j].group
        );
    }
    println!(
        "== pairs of one group below 0.3: {} of {}",
        right.iter().filter(|r| r.0 < 0.3).count(),
        right.len()
    );
    for (s, i, j) in right.iter().filter(|r| r.0 < 0.3).rev().take(60) {
        println!(
            "{s:.2} {{{}}}\n  {}\n  {}",
            set.cards[*i].group,
            show(*i),
            show(*j)
        );
    }
}

/// The column of a theme of the learning scenario (that of its first card).
fn column_of_theme<'a>(set: &'a Set, t: &Theme) -> &'a String {
    &set.cards[t.cards[0][1..].parse::<usize>().unwrap()].column
}

/// Per set, what the themes of the learning scenario do with the loose
/// cards: those of a confirmed group put into their theme, into another,
/// or left out; those of the other groups put into a theme.
/// `cargo test --test cluster_eval learning_stats -- --ignored --nocapture`.
#[test]
#[ignore]
fn learning_stats() {
    let mut total = [0usize; 5];
    for set in sets().into_iter().filter(|s| !s.held_out) {
        let cards = cluster_cards(&set);
        let themes = half_themes(&set.cards);
        let options = ClusterOptions {
            threshold: threshold(),
            ..ClusterOptions::default()
        };
        let result = cluster_with_themes(&cards, &themes, &thesaurus(), options);
        let mut theme_of_card: Vec<Option<usize>> = vec![None; cards.len()];
        for c in &result.clusters {
            if let Some(id) = &c.theme {
                let t = themes.iter().position(|t| &t.id == id).unwrap();
                for m in &c.members {
                    theme_of_card[m.card] = Some(t);
                }
            }
        }
        let mut confirmed: Vec<bool> = vec![false; cards.len()];
        let mut group_theme: HashMap<(String, String), usize> = HashMap::new();
        for (t, theme) in themes.iter().enumerate() {
            for r in &theme.cards {
                let i: usize = r[1..].parse().unwrap();
                confirmed[i] = true;
                group_theme.insert((set.cards[i].column.clone(), theme.label.clone()), t);
            }
        }
        let (mut right, mut other, mut missed, mut wrong_in, mut loose_u) = (0, 0, 0, 0, 0);
        for (i, c) in set.cards.iter().enumerate() {
            if confirmed[i] {
                continue;
            }
            match group_theme.get(&(c.column.clone(), c.group.clone())) {
                Some(&t) => match theme_of_card[i] {
                    Some(x) if x == t => right += 1,
                    Some(_) => other += 1,
                    None => missed += 1,
                },
                None => {
                    loose_u += 1;
                    if theme_of_card[i].is_some() {
                        wrong_in += 1;
                    }
                }
            }
        }
        // Pairs with a loose card: in themes and in free clusters.
        let (mut tp, mut tg, mut fp, mut fg) = (0, 0, 0, 0);
        for c in &result.clusters {
            for (x, a) in c.members.iter().enumerate() {
                for b in &c.members[x + 1..] {
                    if confirmed[a.card] && confirmed[b.card] {
                        continue;
                    }
                    let good = set.cards[a.card].group == set.cards[b.card].group;
                    if c.theme.is_some() {
                        tp += 1;
                        tg += usize::from(good);
                    } else {
                        fp += 1;
                        fg += usize::from(good);
                    }
                }
            }
        }
        // Free clusters of two or more cards: of a confirmed group (they
        // belong into its theme) or not.
        let (mut of_theme, mut of_theme_cards, mut others) = (0, 0, 0);
        for c in result
            .clusters
            .iter()
            .filter(|c| c.theme.is_none() && c.len() > 1)
        {
            let g = &set.cards[c.members[0].card];
            let all = c.members.iter().all(|m| set.cards[m.card].group == g.group);
            if all && group_theme.contains_key(&(g.column.clone(), g.group.clone())) {
                of_theme += 1;
                of_theme_cards += c.len();
            } else {
                others += 1;
            }
        }
        println!(
            "{:26} free clusters of a theme's group {of_theme} ({of_theme_cards} cards), others {others}",
            set.name
        );
        println!(
            "{:26} pairs in themes {tg}/{tp}, in free clusters {fg}/{fp}",
            set.name
        );
        for (k, v) in [right, other, missed, wrong_in, loose_u].iter().enumerate() {
            total[k] += v;
        }
        println!(
            "{:26} theme-group loose: right {right:3} other {other:3} missed {missed:3} | other loose {loose_u:3}, into a theme {wrong_in:3}",
            set.name
        );
    }
    println!("total {total:?}");
}

/// A second workshop in the same folder: the first half of every group's
/// cards is a first session whose groups were all confirmed as themes; the
/// words they teach are the folder's learned words, and the other cards, a
/// second session, are clustered from nothing with and without them.
/// `STELLWAND_EVAL_TUNED=1 cargo test --test cluster_eval second_session -- --ignored --nocapture`
#[test]
#[ignore]
fn second_session() {
    use stellwand::core::cluster::{cluster_decided, learned_words};
    use stellwand::core::model::{Board, Card, Column, Session};
    let th = thesaurus();
    let (mut sum_on, mut sum_off, mut n) = ((0.0, 0.0), (0.0, 0.0), 0.0);
    for set in sets().into_iter().filter(|s| !s.held_out) {
        let mut members: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, c) in set.cards.iter().enumerate() {
            members
                .entry((c.column.clone(), c.group.clone()))
                .or_default()
                .push(i);
        }
        let mut first = vec![false; set.cards.len()];
        let mut themes = Vec::new();
        let mut keys: Vec<_> = members.keys().cloned().collect();
        keys.sort();
        for key in keys {
            let ids = &members[&key];
            if ids.len() < 2 {
                continue;
            }
            let half = &ids[..ids.len() / 2];
            for &i in half {
                first[i] = true;
            }
            themes.push(Theme {
                id: format!("t{}", themes.len() + 1),
                label: key.1.clone(),
                cards: half.iter().map(|i| format!("k{i}")).collect(),
                confirmed: true,
                ..Theme::default()
            });
        }
        let mut columns: Vec<Column> = Vec::new();
        for (i, c) in set.cards.iter().enumerate() {
            if !first[i] {
                continue;
            }
            let col = match columns.iter().position(|x| x.key == c.column) {
                Some(p) => p,
                None => {
                    columns.push(Column {
                        key: c.column.clone(),
                        ..Column::default()
                    });
                    columns.len() - 1
                }
            };
            columns[col].cards.push(Card::new(format!("k{i}"), &c.text));
        }
        let session = Session {
            id: "first".into(),
            place: set.place.to_string(),
            boards: vec![Board {
                id: "b".into(),
                columns,
                ..Board::default()
            }],
            themes,
            ..Session::default()
        };
        let words = learned_words(&session, &th);
        let rest: Vec<usize> = (0..set.cards.len()).filter(|&i| !first[i]).collect();
        let cards: Vec<ClusterCard> = rest
            .iter()
            .map(|&i| {
                let c = &set.cards[i];
                ClusterCard {
                    place: set.place.to_string(),
                    ..common::cluster_card(i, "second", &c.board, &c.column, &c.text)
                }
            })
            .collect();
        let all_gold = gold(&set);
        let g: Vec<usize> = rest.iter().map(|&i| all_gold[i]).collect();
        let singles: Vec<usize> = (0..cards.len()).collect();
        let mut row = Vec::new();
        for learned in [&words[..], &[][..]] {
            let decisions = Decisions {
                learned,
                ..Decisions::default()
            };
            let r = cluster_decided(&cards, &ClusterOptions::default(), &th, &decisions);
            let f = figures(&partition(&r, cards.len()), &g, &singles, &|_, _| true);
            row.push(f);
        }
        println!(
            "{}: {} learned words; with them {} at {:.3}, without {} at {:.3}",
            set.name,
            words.len(),
            percent(row[0].saved()),
            row[0].precision,
            percent(row[1].saved()),
            row[1].precision
        );
        sum_on.0 += row[0].saved();
        sum_on.1 += row[0].precision;
        sum_off.0 += row[1].saved();
        sum_off.1 += row[1].precision;
        n += 1.0;
    }
    println!(
        "average: with learned words {} at {:.3}, without {} at {:.3}",
        percent(sum_on.0 / n),
        sum_on.1 / n,
        percent(sum_off.0 / n),
        sum_off.1 / n
    );
}
