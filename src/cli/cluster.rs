//! `stellwand cluster`: group similar cards; every card in exactly one
//! cluster.

use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;
use stellwand::core::cluster::{
    self, Cluster, ClusterCard, ClusterOptions, Clustering, Progress, Thesaurus,
};
use stellwand::core::error::Lang;
use stellwand::core::model::Session;
use stellwand::i18n::Msg;
use stellwand::i18n::cluster::describe_all;

use super::progress;

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
            "stellwand: {}",
            Msg::ClusterBadThreshold.fill(lang, &[("value", &t)])
        );
        return ExitCode::FAILURE;
    }
    share_freed_memory();
    let progress = Progress::default();
    let (workspace, line) = match progress::read_files(files, &progress, lang) {
        Ok(read) => read,
        Err(code) => return code,
    };
    progress.set(0.15);
    let sessions: Vec<&Session> = workspace.sessions.iter().map(|(_, s)| s).collect();
    let (thesaurus, problems) = Thesaurus::load(Path::new("templates"));
    for p in problems {
        let error = p.render(lang);
        tell!(
            "{}",
            Msg::ClusterThesaurusSkipped.fill(lang, &[("error", &error)])
        );
    }
    let themes = workspace.all_themes();
    let refused = workspace.all_refused();
    let learned = match workspace.learned_dir() {
        Some(dir) if learn => cluster::learned::load_learned(&dir).unwrap_or_else(|e| {
            let error = e.render(lang);
            tell!(
                "{}",
                Msg::ClusterLearnedSkipped.fill(lang, &[("error", &error)])
            );
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let cards = cluster::cards_of_each(sessions.iter().copied(), columns);
    // The card text as written (the clustering also reads the sub-points),
    // through the sessions' card indexes: kept where it differs, so that
    // the sessions are freed before the analysis (a million cards are
    // hundreds of megabytes).
    let written_texts: Vec<Option<String>> = {
        let mut by_id: HashMap<&str, &Session> = HashMap::with_capacity(sessions.len());
        for s in &sessions {
            by_id.entry(s.id.as_str()).or_insert(s);
        }
        cards
            .par_iter()
            .map(|c| {
                by_id
                    .get(c.session.as_str())
                    .and_then(|s| s.card(&c.id))
                    .filter(|k| k.text != c.text)
                    .map(|k| k.text.clone())
            })
            .collect()
    };
    drop(sessions);
    // Freed beside the analysis, on the other core.
    let freeing = std::thread::spawn(move || drop(workspace));
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
    line.stage(Msg::StageAnalysing.text(lang));
    let mut features = cluster::analyse(&cards, &options, &thesaurus, &decisions);
    // The lookup of feature ids by kind is for adding features; the
    // clustering only reads them.
    drop(std::mem::take(&mut features.index));
    let _ = freeing.join();
    give_back_memory();
    progress.set(0.45);
    line.stage(Msg::StageClustering.text(lang));
    let result = cluster::cluster_analysed(
        &cards,
        &features,
        &options,
        &decisions,
        &progress.part(0.45, 0.95),
    );
    // Freed beside the output, on the other core.
    std::thread::spawn(move || drop(features));
    line.stage(Msg::StageOutput.text(lang));
    let main_text = |i: usize| -> &str { written_texts[i].as_deref().unwrap_or(&cards[i].text) };
    if std::io::stdout().is_terminal() {
        // The listing goes to the same screen: the line makes room for it.
        line.finish();
    } else {
        progress.set(0.95);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = if json {
        write_json(&mut out, &result, &cards, &main_text)
    } else {
        write_text(
            &mut out,
            &result,
            &cards,
            &main_text,
            options.threshold,
            lang,
        )
    };
    // A closed pipe (`| head`) is not an error of the clustering.
    let code = match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            tell!("stellwand: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    };
    // The program ends here: the operating system takes the memory back at
    // once, freeing each of a million cards first would only keep the
    // caller waiting.
    std::mem::forget((result, cards, written_texts));
    code
}

/// Lets the threads reuse the memory others freed: the C library otherwise
/// keeps a pool per thread, and memory freed on one (the sessions, the
/// analysis' working data) is not reused by the next step's threads. Two
/// pools are as fast as one per thread on two cores (a million cards:
/// 1.86 GB at the most instead of 2.06 GB; one pool is slower).
fn share_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: only sets how many pools the allocator makes from now on.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Gives the memory freed so far (the sessions, the analysis' working
/// data) back to the system: the C library keeps it for the thread that
/// freed it, while the clustering allocates on the other threads.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused memory of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A card as `--json` prints it (fields in the order written since the
/// first version: sorted by name).
#[derive(Serialize)]
struct JsonCard<'a> {
    board: &'a str,
    column: &'a str,
    id: &'a str,
    session: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    cards: Vec<JsonCard<'a>>,
    label: &'a str,
}

/// Clusters rendered together on both cores, then written in order.
const JSON_BATCH: usize = 2048;

/// `{"clusters":[{"cards":[…],"label":"…"}]}`, written a batch of clusters
/// at a time so that a million cards never stand in memory twice.
fn write_json<'a>(
    out: &mut impl Write,
    result: &'a Clustering,
    cards: &'a [ClusterCard],
    main_text: &(dyn Fn(usize) -> &'a str + Sync),
) -> std::io::Result<()> {
    out.write_all(b"{\"clusters\":[")?;
    let render = |k: &'a Cluster| -> std::io::Result<String> {
        let cluster = JsonCluster {
            cards: k
                .members
                .iter()
                .map(|m| {
                    let c = &cards[m.card];
                    JsonCard {
                        board: &c.board,
                        column: &c.column,
                        id: &c.id,
                        session: &c.session,
                        text: main_text(m.card),
                    }
                })
                .collect(),
            label: &k.label,
        };
        let text = serde_json::to_string(&cluster).map_err(std::io::Error::other)?;
        // serde_json escapes C0 but leaves C1 (U+009B starts a sequence).
        Ok(match stellwand::core::sanitize::json(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(safe) => safe,
        })
    };
    for (b, batch) in result.clusters.chunks(JSON_BATCH).enumerate() {
        let texts: Vec<String> = batch
            .par_iter()
            .map(render)
            .collect::<std::io::Result<_>>()?;
        for (n, text) in texts.iter().enumerate() {
            if b > 0 || n > 0 {
                out.write_all(b",")?;
            }
            out.write_all(text.as_bytes())?;
        }
    }
    out.write_all(b"]}\n")
}

fn write_text<'a>(
    out: &mut impl Write,
    result: &'a Clustering,
    cards: &'a [ClusterCard],
    main_text: &dyn Fn(usize) -> &'a str,
    threshold: f64,
    lang: Lang,
) -> std::io::Result<()> {
    // Every line made safe for a terminal, as `say!` does.
    macro_rules! put {
        ($($arg:tt)*) => {
            writeln!(out, "{}", stellwand::core::sanitize::terminal(&format!($($arg)*)))
        };
    }
    let several = result.clusters.iter().filter(|k| k.len() > 1).count();
    let threshold = match lang {
        Lang::De => format!("{threshold:.2}").replace('.', ","),
        Lang::En => format!("{threshold:.2}"),
    };
    let summary = Msg::ClusterSummary.fill(
        lang,
        &[
            ("cards", &cards.len()),
            ("clusters", &result.clusters.len()),
            ("several", &several),
            ("threshold", &threshold),
        ],
    );
    put!("{summary}")?;
    for (n, k) in result.clusters.iter().enumerate() {
        writeln!(out)?;
        let theme = k
            .theme
            .as_ref()
            .map(|t| Msg::ClusterConfirmed.fill(lang, &[("theme", t)]))
            .unwrap_or_default();
        let count = if k.len() == 1 {
            Msg::ClusterOneCard
        } else {
            Msg::ClusterCards
        };
        let count = count.fill(lang, &[("n", &k.len())]);
        put!("{}. {} — {count}{theme}", n + 1, k.label)?;
        for m in &k.members {
            let c = &cards[m.card];
            let new = if m.new {
                Msg::ClusterNewlySuggested.text(lang)
            } else {
                ""
            };
            put!(
                "   - {}  [{} · {} · {}]{new}",
                main_text(m.card)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                c.board,
                c.column,
                c.id
            )?;
            if !m.reasons.is_empty() {
                let reasons = describe_all(&m.reasons, lang);
                put!(
                    "     {}",
                    Msg::ClusterBecause.fill(lang, &[("reasons", &reasons)])
                )?;
            }
        }
    }
    Ok(())
}
