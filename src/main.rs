//! The command line: the terminal UI and the `new`, `import`, `check`,
//! `cluster` and `export` commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use stellwand::core::error::Lang;
use stellwand::core::export;
use stellwand::core::model::{Session, slug};
use stellwand::core::store;
use stellwand::core::template::Templates;

#[derive(Parser)]
#[command(
    name = "stellwand",
    version,
    about = "Workshop-Wände erfassen, verschlagworten, clustern und exportieren"
)]
struct Cli {
    /// Interface language: de (default) or en.
    #[arg(long, global = true, value_enum, default_value = "de")]
    lang: LangArg,
    /// A session file or a folder of sessions (default: sessions/).
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    De,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new session holding one empty board of a template.
    New {
        #[arg(long)]
        template: String,
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        file: PathBuf,
    },
    /// Turn plain text or protocol text into a session.
    Import {
        #[arg(long)]
        template: String,
        textfile: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Check session files; one line per problem as FILE:LINE:COLUMN: message.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Group similar cards; every card lands in exactly one cluster.
    Cluster {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only cards of these columns (repeatable); clusters never mix columns unless several are given.
        #[arg(long = "column")]
        columns: Vec<String>,
        #[arg(long)]
        threshold: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// Write themes and cards to a concept repository, a protocol or CSV.
    Export {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        to: PathBuf,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Print what would change without writing.
        #[arg(long)]
        dry_run: bool,
        /// Also export unconfirmed suggestions, marked as such.
        #[arg(long)]
        suggestions: bool,
        /// Create the target folder when it does not exist.
        #[arg(long)]
        create: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Markdown,
    Protocol,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::De => Lang::De,
        LangArg::En => Lang::En,
    };
    let templates = Templates::load(Path::new("templates"));
    let result = match cli.command {
        None => run_tui(cli.path, lang, &templates),
        Some(Command::New {
            template,
            title,
            date,
            place,
            file,
        }) => cmd_new(&templates, lang, &template, &title, date, place, &file),
        Some(Command::Check { files }) => return cmd_check(&files, lang),
        Some(Command::Import {
            template,
            textfile,
            output,
        }) => cmd_import(&templates, lang, &template, &textfile, &output),
        Some(Command::Cluster {
            files,
            columns,
            threshold,
            json,
        }) => return cmd_cluster(&files, &columns, threshold, json, lang),
        Some(Command::Export {
            files,
            to,
            format,
            dry_run,
            suggestions,
            create,
        }) => {
            let options = export::Options {
                format: match format {
                    ExportFormat::Markdown => export::Format::Markdown,
                    ExportFormat::Protocol => export::Format::Protocol,
                    ExportFormat::Csv => export::Format::Csv,
                },
                suggestions,
                create,
            };
            return cmd_export(&templates, lang, &files, &to, &options, dry_run);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("stellwand: {msg}");
            ExitCode::FAILURE
        }
    }
}

type CmdResult = Result<(), String>;

fn run_tui(path: Option<PathBuf>, lang: Lang, templates: &Templates) -> CmdResult {
    let path = path.unwrap_or_else(|| PathBuf::from("sessions"));
    // A folder (or a name without extension) lists its sessions; a file opens directly.
    let app = if path.is_dir() || path.extension().is_none() {
        stellwand::tui::App::new(lang, templates.clone(), &path)
    } else {
        stellwand::tui::App::open_file(lang, templates.clone(), &path)
    };
    stellwand::tui::run(app).map_err(|e| e.to_string())
}

fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}

fn cmd_new(
    templates: &Templates,
    lang: Lang,
    template: &str,
    title: &str,
    date: Option<String>,
    place: Option<String>,
    file: &Path,
) -> CmdResult {
    let board_template = templates
        .require_board(template)
        .map_err(|e| e.message(lang))?;
    let date = date.unwrap_or_default();
    if !date.is_empty() && !valid_date(&date) {
        return Err(format!(
            "{} „{date}“",
            lang.pick(
                "--date erwartet JJJJ-MM-TT, nicht",
                "--date expects YYYY-MM-DD, not"
            )
        ));
    }
    if file.exists() {
        return Err(format!(
            "{}: {}",
            file.display(),
            lang.pick(
                "Datei gibt es schon; sie wird nicht überschrieben",
                "file exists already; it is not overwritten"
            )
        ));
    }
    let mut session = Session {
        id: slug(&format!("{date} {title}")),
        title: title.to_string(),
        date,
        place: place.unwrap_or_default(),
        ..Session::default()
    };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let id = session.fresh_id("b");
    session.boards.push(board_template.new_board(id, ""));
    store::save(file, &session).map_err(|e| e.render(lang))?;
    println!(
        "{} {}",
        lang.pick("Neue Sitzung angelegt:", "New session created:"),
        file.display()
    );
    Ok(())
}

fn cmd_import(
    templates: &Templates,
    lang: Lang,
    template: &str,
    textfile: &Path,
    output: &Path,
) -> CmdResult {
    let board_template = templates
        .require_board(template)
        .map_err(|e| e.message(lang))?;
    // Checked before reading, and never overwritten: an earlier import may
    // already hold the clerk's corrections.
    if output.exists() {
        return Err(format!(
            "{}: {}",
            output.display(),
            lang.pick(
                "Datei gibt es schon; sie wird nicht überschrieben (anderen Namen mit -o wählen)",
                "file exists already; it is not overwritten (choose another name with -o)"
            )
        ));
    }
    let session = stellwand::core::import::import_file(textfile, templates, board_template)
        .map_err(|e| e.render(lang))?;
    store::save(output, &session).map_err(|e| e.render(lang))?;
    let boards = session.boards.len();
    let cards = session.card_count();
    println!(
        "{}",
        match lang {
            Lang::De => format!(
                "Importiert: {boards} Wände, {cards} Karten → {}",
                output.display()
            ),
            Lang::En => format!(
                "Imported: {boards} boards, {cards} cards → {}",
                output.display()
            ),
        }
    );
    Ok(())
}

fn cmd_check(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut ok = true;
    for file in files {
        match store::load(file) {
            Ok(l) => {
                if let Some(w) = l.warning {
                    eprintln!("{}", w.render(lang));
                    ok = false;
                }
            }
            Err(e) => {
                eprintln!("{}", e.render(lang));
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Exports sessions; problems go to stderr one per line (FILE:LINE:COLUMN:
/// message where there is a place) and make the exit code 1.
fn cmd_export(
    templates: &Templates,
    lang: Lang,
    files: &[PathBuf],
    to: &Path,
    options: &export::Options,
    dry_run: bool,
) -> ExitCode {
    let mut sessions = Vec::new();
    let mut ok = true;
    // The themes file shared by several sessions: named on the command line,
    // or next to the session files when several are exported (as `cluster`).
    let is_themes_file = |f: &PathBuf| {
        f.file_name()
            .is_some_and(|n| n == stellwand::core::cluster::themes::THEMES_FILE)
    };
    let mut themes_dir = files
        .iter()
        .find(|f| is_themes_file(f))
        .map(|f| f.parent().unwrap_or(Path::new(".")).to_path_buf());
    for file in files.iter().filter(|f| !is_themes_file(f)) {
        match store::load(file) {
            Ok(l) => sessions.push((file, l.session)),
            Err(e) => {
                eprintln!("{}", e.render(lang));
                ok = false;
            }
        }
    }
    if themes_dir.is_none() && sessions.len() > 1 {
        themes_dir = Some(files[0].parent().unwrap_or(Path::new(".")).to_path_buf());
    }
    let shared_themes = match &themes_dir {
        Some(dir) => match stellwand::core::cluster::themes::load_themes(dir) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}", e.render(lang));
                ok = false;
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    if !ok {
        return ExitCode::FAILURE;
    }
    // The workspace id in markers: the sessions folder's name.
    let workspace = themes_dir
        .as_ref()
        .and_then(|d| std::fs::canonicalize(d).ok())
        .and_then(|d| d.file_name().map(|n| slug(&n.to_string_lossy())))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "sitzungen".to_string());
    let shared = (!shared_themes.is_empty()).then(|| export::Shared {
        id: &workspace,
        themes: &shared_themes,
    });
    let names: Vec<String> = sessions
        .iter()
        .map(|(f, _)| {
            f.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let sources: Vec<export::Source> = sessions
        .iter()
        .zip(&names)
        .map(|((_, session), name)| export::Source { session, name })
        .collect();
    let plan = match export::plan_with(&sources, shared, templates, to, options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("stellwand: {}", e.message(lang));
            return ExitCode::FAILURE;
        }
    };
    print!("{}", plan.summary(lang));
    if dry_run {
        println!(
            "{}",
            lang.pick(
                "Probelauf (--dry-run): nichts geschrieben.",
                "Dry run (--dry-run): nothing written."
            )
        );
    } else if let Err(e) = plan.apply() {
        eprintln!("{}", e.render(lang));
        return ExitCode::FAILURE;
    }
    for p in &plan.problems {
        eprintln!("{}", p.render(lang));
    }
    if plan.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `stellwand cluster`: every card of the files in exactly one cluster.
///
/// Without `--column` each column key is clustered on its own; one `--column`
/// takes only that column; several `--column` keys are clustered together
/// (their cards may share a cluster). Confirmed themes of the sessions (and
/// of `themes.ron` next to them when several files are given) are kept.
/// In `--json`, `session` is the session id and `board` the board title (the
/// board id when the board has no title).
fn cmd_cluster(
    files: &[PathBuf],
    columns: &[String],
    threshold: Option<f64>,
    json: bool,
    lang: Lang,
) -> ExitCode {
    use stellwand::core::cluster::{self, ClusterOptions, Thesaurus, label::describe_all};

    if let Some(t) = threshold
        && !(0.0..=1.0).contains(&t)
    {
        eprintln!(
            "stellwand: {} {t}",
            lang.pick(
                "--threshold erwartet eine Zahl von 0 bis 1, nicht",
                "--threshold expects a number from 0 to 1, not"
            )
        );
        return ExitCode::FAILURE;
    }
    let mut sessions = Vec::new();
    let mut failed = false;
    for file in files {
        match store::load(file) {
            Ok(l) => sessions.push(l.session),
            Err(e) => {
                eprintln!("{}", e.render(lang));
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    let (thesaurus, problems) = Thesaurus::load(Path::new("templates"));
    for p in problems {
        eprintln!(
            "{} ({})",
            p.render(lang),
            lang.pick("Thesaurus-Datei ausgelassen", "thesaurus file left out")
        );
    }
    // Themes of every session, with card references made unique across sessions.
    let mut themes = Vec::new();
    for s in &sessions {
        for t in &s.themes {
            let mut t = t.clone();
            let qualify = |r: &String| {
                if r.contains('/') {
                    r.clone()
                } else {
                    format!("{}/{r}", s.id)
                }
            };
            t.cards = t.cards.iter().map(qualify).collect();
            t.rejected = t.rejected.iter().map(qualify).collect();
            themes.push(t);
        }
    }
    if files.len() > 1 {
        let dir = files[0].parent().unwrap_or(Path::new("."));
        match cluster::themes::load_themes(dir) {
            Ok(t) => themes.extend(t),
            Err(e) => eprintln!("{}", e.render(lang)),
        }
    }
    let cards = cluster::cards_of(&sessions, columns);
    let options = ClusterOptions {
        threshold: threshold.unwrap_or(cluster::DEFAULT_THRESHOLD),
        across_columns: columns.len() > 1,
        home_session: None,
    };
    let result = cluster::cluster(&cards, &options, &thesaurus, &themes);
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
        println!("{}", serde_json::json!({ "clusters": clusters }));
        return ExitCode::SUCCESS;
    }
    let several = result.clusters.iter().filter(|k| k.len() > 1).count();
    println!(
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
        println!();
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
        println!(
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
            println!(
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
                println!(
                    "     {}: {}",
                    lang.pick("weil", "because"),
                    describe_all(&m.reasons, lang)
                );
            }
        }
    }
    ExitCode::SUCCESS
}
