//! `stellwand cluster`: group similar cards; every card in exactly one
//! cluster.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stellwand::core::cluster::{self, ClusterOptions, Thesaurus, label::describe_all};
use stellwand::core::error::Lang;
use stellwand::core::workspace::Workspace;

/// `stellwand cluster`: every card of the files in exactly one cluster.
///
/// Without `--column` each column key is clustered on its own; one `--column`
/// takes only that column; several `--column` keys are clustered together
/// (their cards may share a cluster). Confirmed themes of the sessions and
/// the shared themes file (the rule of [`Workspace`]) are kept, and refused
/// suggestions are not made again. With `learn`, confirmed themes attract
/// the cards that resemble them, and the words learned in the sessions
/// folder (`learned.ron`) link cards.
/// In `--json`, `session` is the session id and `board` the board title (the
/// board id when the board has no title).
pub fn run(
    files: &[PathBuf],
    columns: &[String],
    threshold: Option<f64>,
    json: bool,
    learn: bool,
    lang: Lang,
) -> ExitCode {
    if let Some(t) = threshold
        && !(0.0..=1.0).contains(&t)
    {
        tell!(
            "stellwand: {} {t}",
            lang.pick(
                "--threshold erwartet eine Zahl von 0 bis 1, nicht",
                "--threshold expects a number from 0 to 1, not"
            )
        );
        return ExitCode::FAILURE;
    }
    let (workspace, problems) = Workspace::load(files);
    for e in &problems {
        tell!("{}", e.render(lang));
    }
    if !problems.is_empty() {
        return ExitCode::FAILURE;
    }
    let sessions = workspace.session_list();
    let (thesaurus, problems) = Thesaurus::load(Path::new("templates"));
    for p in problems {
        tell!(
            "{} ({})",
            p.render(lang),
            lang.pick("Thesaurus-Datei ausgelassen", "thesaurus file left out")
        );
    }
    let themes = workspace.all_themes();
    let refused = workspace.all_refused();
    let learned = match workspace.learned_dir() {
        Some(dir) if learn => cluster::learned::load_learned(&dir).unwrap_or_else(|e| {
            eprintln!(
                "{} ({})",
                e.render(lang),
                lang.pick("gelernte Wörter ausgelassen", "learned words left out")
            );
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let cards = cluster::cards_of(&sessions, columns);
    let options = ClusterOptions {
        threshold: threshold.unwrap_or(cluster::DEFAULT_THRESHOLD),
        across_columns: columns.len() > 1,
        home_session: None,
        learn,
    };
    let decisions = cluster::Decisions {
        themes: &themes,
        refused: &refused,
        learned: &learned,
    };
    let result = cluster::cluster_decided(&cards, &options, &thesaurus, &decisions);
    // The card text as written (the clustering also reads the sub-points).
    let main_text = |i: usize| -> String {
        let c = &cards[i];
        sessions
            .iter()
            .find(|s| s.id == c.session)
            .and_then(|s| s.card(&c.id))
            .map_or_else(|| c.text.clone(), |k| k.text.clone())
    };
    if json {
        let clusters: Vec<serde_json::Value> = result
            .clusters
            .iter()
            .map(|k| {
                let cards: Vec<serde_json::Value> = k
                    .members
                    .iter()
                    .map(|m| {
                        let c = &cards[m.card];
                        serde_json::json!({
                            "id": c.id,
                            "text": main_text(m.card),
                            "session": c.session,
                            "board": c.board,
                            "column": c.column,
                        })
                    })
                    .collect();
                serde_json::json!({ "label": k.label, "cards": cards })
            })
            .collect();
        let json = serde_json::json!({ "clusters": clusters }).to_string();
        // serde_json escapes C0 but leaves C1 (U+009B starts a sequence).
        println!("{}", stellwand::core::sanitize::json(&json));
        return ExitCode::SUCCESS;
    }
    let several = result.clusters.iter().filter(|k| k.len() > 1).count();
    say!(
        "{} {} {} {} ({} {}, {} {})",
        cards.len(),
        lang.pick("Karten in", "cards in"),
        result.clusters.len(),
        lang.pick("Clustern", "clusters"),
        several,
        lang.pick("mit mehreren Karten", "with several cards"),
        lang.pick("Schwelle", "threshold"),
        match lang {
            Lang::De => format!("{:.2}", options.threshold).replace('.', ","),
            Lang::En => format!("{:.2}", options.threshold),
        }
    );
    for (n, k) in result.clusters.iter().enumerate() {
        say!();
        let theme = k
            .theme
            .as_ref()
            .map(|t| {
                format!(
                    " [{} {t}]",
                    lang.pick("bestätigtes Thema", "confirmed theme")
                )
            })
            .unwrap_or_default();
        say!(
            "{}. {} — {} {}{theme}",
            n + 1,
            k.label,
            k.len(),
            if k.len() == 1 {
                lang.pick("Karte", "card")
            } else {
                lang.pick("Karten", "cards")
            }
        );
        for m in &k.members {
            let c = &cards[m.card];
            let new = if m.new {
                lang.pick(" (neu vorgeschlagen)", " (newly suggested)")
            } else {
                ""
            };
            say!(
                "   - {}  [{} · {} · {}]{new}",
                main_text(m.card)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                c.board,
                c.column,
                c.id
            );
            if !m.reasons.is_empty() {
                say!(
                    "     {}: {}",
                    lang.pick("weil", "because"),
                    describe_all(&m.reasons, lang)
                );
            }
        }
    }
    ExitCode::SUCCESS
}
