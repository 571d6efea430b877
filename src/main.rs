//! The command line: parses the arguments and hands them to the terminal
//! UI or to one of the commands in [`cli`].

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use stellwand::core::error::Lang;
use stellwand::core::export;
use stellwand::core::template::Templates;

#[derive(Parser)]
#[command(
    name = "stellwand",
    version,
    about = "Workshop-Wände erfassen, verschlagworten, clustern und exportieren"
)]
pub(crate) struct Cli {
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
    /// Give ids used more than once new ones (after a backup); no card is lost.
    Repair { file: PathBuf },
    /// Three-way merge of session files by id, as a git merge driver (%O %A %B %P).
    /// Writes the result to OURS; exit 0 merged, 1 conflicts kept on cards, 2 not merged.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's name in the repository, for messages.
        path: Option<PathBuf>,
    },
    /// Set up a git repository for several clerks: .gitattributes, the merge
    /// driver in the git config, .gitignore for lock, journal, draft and temporary files.
    GitSetup { dir: Option<PathBuf> },
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
        /// Cluster as if nothing was learned: no words learned from confirmed
        /// themes, and themes only grow as any cluster would.
        #[arg(long = "no-learn")]
        no_learn: bool,
    },
    /// Write themes and cards to a concept repository, a protocol, CSV or the Maßnahmenkatalog.
    Export {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        to: PathBuf,
        #[arg(long, default_value = "markdown", value_parser = export_format())]
        format: export::Format,
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

/// `--format`: the names of [`export::Format::NAMES`], the less obvious ones
/// with a word of help.
fn export_format() -> impl clap::builder::TypedValueParser<Value = export::Format> {
    let help = |name| match name {
        "measures" => Some("The Maßnahmenkatalog and monitoring.md."),
        "qdc" => Some("REFI-QDA codebook."),
        "qdpx" => Some("REFI-QDA project with the cards and photos."),
        _ => None,
    };
    let values = export::Format::NAMES.map(|(name, _)| PossibleValue::new(name).help(help(name)));
    PossibleValuesParser::new(values).map(|name| {
        let known = export::Format::NAMES.iter().find(|(n, _)| *n == name);
        known.expect("clap accepts only the names listed").1
    })
}

fn main() -> ExitCode {
    // The help speaks the language asked for.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches =
        cli::help::localize(Cli::command(), cli::help::lang_of(&raw)).get_matches_from(raw);
    let args = match Cli::from_arg_matches(&matches) {
        Ok(a) => a,
        Err(e) => e.exit(),
    };
    let lang = match args.lang {
        LangArg::De => Lang::De,
        LangArg::En => Lang::En,
    };
    let templates = Templates::load(Path::new("templates"));
    let result = match args.command {
        None => cli::tui::run(args.path, lang, &templates),
        Some(Command::New {
            template,
            title,
            date,
            place,
            file,
        }) => cli::new::run(&templates, lang, &template, &title, date, place, &file),
        Some(Command::Check { files }) => return cli::check::run(&files, lang),
        Some(Command::Repair { file }) => cli::repair::run(&file, lang),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            path,
        }) => return cli::merge::run(&base, &ours, &theirs, path, lang),
        Some(Command::GitSetup { dir }) => cli::git_setup::run(dir, lang),
        Some(Command::Import {
            template,
            textfile,
            output,
        }) => cli::import::run(&templates, lang, &template, &textfile, &output),
        Some(Command::Cluster {
            files,
            columns,
            threshold,
            json,
            no_learn,
        }) => return cli::cluster::run(&files, &columns, threshold, json, !no_learn, lang),
        Some(Command::Export {
            files,
            to,
            format,
            dry_run,
            suggestions,
            create,
        }) => {
            let options = export::Options {
                format,
                suggestions,
                create,
            };
            return cli::export::run(&templates, lang, &files, &to, &options, dry_run);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("stellwand: {}", stellwand::core::sanitize::terminal(&msg));
            ExitCode::FAILURE
        }
    }
}
