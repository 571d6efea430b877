//! The command line's help in the interface language: every text from
//! [`stellwand::i18n::cli::help::CLI_HELP`], with German headings and flags
//! in German mode.

use clap::{Arg, ArgAction, Command};

use stellwand::core::error::Lang;
use stellwand::i18n::cli::help::{cli_help, de};

/// The language asked for on the command line (`--lang en`, `--lang=en`),
/// read before the arguments are parsed so that `--help` speaks it.
pub fn lang_of(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().map(|v| v.to_string()),
            None => None,
        };
        if value.as_deref() == Some("en") {
            return Lang::En;
        }
    }
    Lang::De
}

/// The command with its help in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let cmd = localize_one(cmd, "", lang, true);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd;
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| localize_one(s, &name, lang, false));
    }
    if lang == Lang::De {
        cmd = cmd
            .subcommand_help_heading(de::COMMANDS)
            .subcommand_value_name(de::COMMAND)
            .disable_help_subcommand(true);
    }
    cmd
}

/// clap's own `--help` or `--version`, worded in German.
fn german_flag(name: &'static str, short: char, action: ArgAction) -> Arg {
    Arg::new(name)
        .short(short)
        .long(name)
        .action(action)
        .help(cli_help(name, Lang::De).unwrap_or_default())
        .help_heading(de::OPTIONS_HEADING)
}

fn localize_one(mut cmd: Command, name: &str, lang: Lang, top: bool) -> Command {
    if let Some(about) = cli_help(name, lang) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{name}.{id}");
        let text = cli_help(&key, lang).or_else(|| cli_help(&id, lang));
        cmd = cmd.mut_arg(&id, |a| {
            let a = match text {
                Some(t) => a.help(t).long_help(None::<&str>),
                None => a,
            };
            if lang == Lang::De {
                let heading = if a.is_positional() {
                    de::ARGUMENTS_HEADING
                } else {
                    de::OPTIONS_HEADING
                };
                // Default and choices in German words, not clap's English.
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                let choices = a.get_possible_values();
                let choices = choices.iter().map(|v| v.get_name().to_string()).collect();
                let mut extra = String::new();
                for (label, values) in [(de::DEFAULT, defaults), (de::POSSIBLE, choices)] {
                    if !values.is_empty() && a.get_action().takes_values() {
                        extra.push_str(&format!(" [{label}: {}]", values.join(", ")));
                    }
                }
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                let a = a.help_heading(heading);
                if extra.is_empty() {
                    a
                } else {
                    a.hide_default_value(true)
                        .hide_possible_values(true)
                        .help(format!("{help}{extra}"))
                }
            } else {
                a
            }
        });
    }
    if lang == Lang::De {
        cmd = cmd
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
                de::USAGE
            ))
            .disable_help_flag(true)
            .arg(german_flag("help", 'h', ArgAction::Help));
        if top {
            cmd =
                cmd.disable_version_flag(true)
                    .arg(german_flag("version", 'V', ArgAction::Version));
        }
        let bin = if top {
            "stellwand".to_string()
        } else {
            format!("stellwand {name}")
        };
        let usage = cmd
            .clone()
            .bin_name(&bin)
            .render_usage()
            .to_string()
            .trim_start_matches("Usage:")
            .trim()
            .replace("[OPTIONS]", &format!("[{}]", de::OPTIONS))
            .replace("<COMMAND>", &format!("<{}>", de::COMMAND))
            .replace("[COMMAND]", &format!("[{}]", de::COMMAND));
        cmd = cmd.override_usage(usage);
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let cmd = crate::Cli::command();
        let mut missing = Vec::new();
        for id in cmd.get_arguments().map(|a| a.get_id().to_string()) {
            if cli_help(&id, Lang::De).is_none() {
                missing.push(id);
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            if cli_help(name, Lang::De).is_none() {
                missing.push(name.to_string());
            }
            for a in sub.get_arguments() {
                let id = a.get_id().to_string();
                let key = format!("{name}.{id}");
                if cli_help(&key, Lang::De).is_none() && cli_help(&id, Lang::De).is_none() {
                    missing.push(key);
                }
            }
        }
        assert!(missing.is_empty(), "no help text for {missing:?}");
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["stellwand", "--help"])), Lang::De);
        assert_eq!(
            lang_of(&args(&["stellwand", "--lang", "en", "new"])),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["stellwand", "new", "--lang=en"])), Lang::En);
    }
}
