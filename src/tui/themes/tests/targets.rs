//! Where a card can be moved or a group merged: the other groups, each
//! theme once, told apart where two have one name.

use super::*;

#[test]
fn groups_of_one_name_are_told_apart_where_a_card_can_go() {
    let (_dir, mut app) = crate::tui::tags::tests::app_with(&[
        (
            "needs",
            "Handlungsbedarf",
            &[
                "Sprachkurse für Eltern",
                "Sprachkurse am Abend",
                "Müll auf den Straßen",
                "Vermüllung im Viertel",
            ],
        ),
        (
            "good",
            "Läuft gut",
            &["Sprachkurse im Stadtteil", "Sprachkurse für Frauen"],
        ),
    ]);
    update(&mut app, Action::ClusterReview);
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::Right);
    update(&mut app, Action::MoveToTheme);
    let picker = review(&app).picker.as_ref().expect("the targets");
    let same: Vec<&str> = picker
        .items
        .iter()
        .filter(|i| i.label.contains("Sprachkurs"))
        .map(|i| i.hint.as_str())
        .collect();
    assert_eq!(same.len(), 2, "{:?}", picker.items);
    assert_ne!(same[0], same[1]);
    assert!(same.iter().any(|h| h.contains("Läuft gut")), "{same:?}");
}

#[test]
fn a_theme_with_a_card_suggested_into_it_is_one_place_a_card_can_go() {
    let (_dir, mut app) = with_kita_theme(&[
        "Kitaplätze für alle",
        "Müll auf den Straßen",
        "Vermüllung im Viertel",
    ]);
    assert!(
        review(&app)
            .grouping
            .groups
            .iter()
            .any(|g| g.adds.is_some()),
        "no card suggested into the theme"
    );
    select(&mut app, "Sauberkeit");
    update(&mut app, Action::Right);
    update(&mut app, Action::MoveToTheme);
    let picker = review(&app).picker.as_ref().expect("the targets");
    let kita: Vec<_> = picker
        .items
        .iter()
        .filter(|i| i.label == "Kita-Plätze")
        .collect();
    assert_eq!(kita.len(), 1, "{:?}", picker.items);
}
