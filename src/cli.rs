//! The command line: what each command does, in plain words.
//!
//! The doc comments below are the English texts clap would show; what canting shows comes from
//! the message catalogue (`src/messages/cli.yml`), in the language chosen before parsing, so that
//! `--help` and mistakes in the command line read in Indonesian or English like everything else.

use std::path::PathBuf;

use clap::builder::styling::Styles;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use rust_i18n::t;

#[derive(Parser)]
// About, descriptions and examples come from the catalogue (`cli.about`, `cli.long_about`,
// `cli.examples`): see `command()`.
#[command(name = "canting", version)]
pub(crate) struct Cli {
    /// The language of canting's messages: id (Bahasa Indonesia) or en (English).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["id", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the website into the output folder (public/ unless --output says otherwise).
    ///
    /// Every problem in the content is listed with its file and line. When there is an error the
    /// previous output is left exactly as it was.
    Build(BuildArgs),
    /// Show the site on this computer and reload the browser after every change.
    Serve(ServeArgs),
    /// Create a new page from its section's template, in every language of the site.
    New(NewArgs),
    /// Find every mistake in the site without building it.
    Check(CheckArgs),
    /// Start a new site in a new folder, with example pages and a publishing workflow.
    Init(InitArgs),
}

#[derive(Args)]
pub(crate) struct SiteArg {
    /// The site's folder, the one that holds site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// Where to write the website [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish for another address than site.yaml's base_url (for a preview copy).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// The port to serve on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to serve on; 0.0.0.0 opens the preview to every computer of the network.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Args)]
pub(crate) struct NewArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// What to create.
    #[arg(value_enum)]
    pub kind: canting::scaffold::Kind,
    /// The page's name, such as "Batik Sekar Jagad"; its file name is made from it.
    pub name: String,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// `text` for people, `json` for programs, `markdown` for a page such as a CI job summary.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub(crate) struct InitArgs {
    /// The new site's folder; it must not exist or be empty.
    pub dir: PathBuf,
}

/// The `--lang` and `--root` of the command line, read before it is parsed so that help and
/// errors about the command line itself come out in the right language.
pub(crate) fn early_lang_and_root() -> (Option<String>, Option<PathBuf>) {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{name}="))
                .map(str::to_string)
                .or_else(|| (a == name).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    (value("--lang"), value("--root").map(PathBuf::from))
}

/// Parses the command line with every text in the chosen language. Help and the version go to
/// standard output (exit 0); a mistake is explained on standard error (exit 2).
pub(crate) fn parse() -> Cli {
    let matches = command().try_get_matches().unwrap_or_else(|e| exit_with(e));
    if let Some(("help", sub)) = matches.subcommand() {
        let mut args = vec!["canting".to_string()];
        args.extend(sub.get_one::<String>("command").cloned());
        args.push("--help".into());
        let e = match command().try_get_matches_from(args) {
            Ok(_) => std::process::exit(0),
            Err(e) => e,
        };
        exit_with(e);
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit_with(e))
}

/// The command line as clap sees it, its texts taken from the catalogue.
pub(crate) fn command() -> clap::Command {
    let dir = || name(t!("cli.value.dir"));
    let root = |a: Arg| a.help(t!("cli.arg.root").into_owned()).value_name(dir());
    let cmd = Cli::command()
        .about(t!("cli.about").into_owned())
        .long_about(t!("cli.long_about").into_owned())
        .after_help(t!("cli.examples").into_owned())
        .subcommand_value_name(name(t!("cli.value.command")))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli.arg.version").into_owned()),
        )
        .disable_help_subcommand(true)
        .subcommand(
            clap::Command::new("help")
                .about(t!("cli.help.about").into_owned())
                .arg(
                    Arg::new("command")
                        .value_name(name(t!("cli.value.command")))
                        .help(t!("cli.help.command").into_owned()),
                ),
        )
        .mut_arg("lang", |a| {
            a.help(t!("cli.lang").into_owned())
                .value_name(name(t!("cli.value.lang")))
        })
        .mut_subcommand("build", |c| {
            c.about(t!("cli.build.about").into_owned())
                .long_about(t!("cli.build.long_about").into_owned())
                .mut_arg("root", root)
                .mut_arg("output", |a| {
                    a.help(t!("cli.arg.output").into_owned()).value_name(dir())
                })
                .mut_arg("base_url", |a| a.help(t!("cli.arg.base_url").into_owned()))
                .mut_arg("drafts", |a| a.help(t!("cli.arg.drafts").into_owned()))
        })
        .mut_subcommand("serve", |c| {
            c.about(t!("cli.serve.about").into_owned())
                .mut_arg("root", root)
                .mut_arg("port", |a| a.help(t!("cli.arg.port").into_owned()))
                .mut_arg("bind", |a| {
                    a.help(t!("cli.arg.bind").into_owned())
                        .value_name(name(t!("cli.value.address")))
                })
                .mut_arg("drafts", |a| a.help(t!("cli.arg.drafts").into_owned()))
        })
        .mut_subcommand("new", |c| {
            c.about(t!("cli.new.about").into_owned())
                .mut_arg("root", root)
                .mut_arg("kind", |a| {
                    a.help(t!("cli.arg.kind").into_owned())
                        .value_name(name(t!("cli.value.kind")))
                })
                .mut_arg("name", |a| {
                    a.help(t!("cli.arg.name").into_owned())
                        .value_name(name(t!("cli.value.name")))
                })
        })
        .mut_subcommand("check", |c| {
            c.about(t!("cli.check.about").into_owned())
                .mut_arg("root", root)
                .mut_arg("format", |a| a.help(t!("cli.arg.format").into_owned()))
                .mut_arg("drafts", |a| {
                    a.help(t!("cli.arg.check_drafts").into_owned())
                })
        })
        .mut_subcommand("init", |c| {
            c.about(t!("cli.init.about").into_owned())
                .mut_arg("dir", |a| {
                    a.help(t!("cli.arg.dir").into_owned()).value_name(dir())
                })
        });
    translate_layout(cmd, "canting")
}

/// A value's name in help (`<FOLDER>`): clap keeps these for the whole run, as `&'static str`; a
/// few short words, made once per run.
fn name(text: std::borrow::Cow<'static, str>) -> &'static str {
    match text {
        std::borrow::Cow::Borrowed(s) => s,
        std::borrow::Cow::Owned(s) => Box::leak(s.into_boxed_str()),
    }
}

/// What clap would write in English around the texts: the headings, the usage line, the
/// `-h`/`--help` flag, `[default: …]` and `[possible values: …]`; for a command and its
/// subcommands.
fn translate_layout(mut cmd: clap::Command, path: &str) -> clap::Command {
    let long = cmd.get_long_about().is_some();
    cmd = cmd.mut_args(|a| {
        if !a.get_action().takes_values() {
            return a;
        }
        let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            help.push(' ');
            help.push_str(&t!("cli.arg.default", value = defaults.join(" ")));
        }
        let possible: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !possible.is_empty() {
            help.push(' ');
            help.push_str(&t!("cli.arg.possible", values = possible.join(", ")));
        }
        a.help(help.trim().to_string())
            .hide_default_value(true)
            .hide_possible_values(true)
    });
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(false);
    let help = if long {
        help.help(t!("cli.arg.help_more").into_owned())
            .long_help(t!("cli.arg.help_less").into_owned())
    } else {
        help.help(t!("cli.arg.help").into_owned())
    };
    cmd = cmd.disable_help_flag(true).arg(help);

    let header = Styles::default().get_header().to_owned();
    let heading = |text: &str| format!("{header}{text}{header:#}");
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n",
        heading(&t!("cli.heading.usage"))
    );
    if cmd.has_subcommands() {
        template.push_str(&heading(&t!("cli.heading.commands")));
        template.push_str("\n{subcommands}\n\n");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str(&heading(&t!("cli.heading.arguments")));
        template.push_str("\n{positionals}\n\n");
    }
    template.push_str(&heading(&t!("cli.heading.options")));
    template.push_str("\n{options}{after-help}");

    let mut usage = format!("{path} [{}]", t!("cli.value.options"));
    for p in cmd.get_positionals() {
        let name = p
            .get_value_names()
            .and_then(|n| n.first())
            .map_or_else(|| p.get_id().as_str().to_uppercase(), |n| n.to_string());
        if p.is_required_set() {
            usage.push_str(&format!(" <{name}>"));
        } else {
            usage.push_str(&format!(" [{name}]"));
        }
    }
    if cmd.has_subcommands() {
        usage.push_str(&format!(" <{}>", t!("cli.value.command")));
    }
    cmd = cmd.help_template(template).override_usage(usage);

    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |c| translate_layout(c, &sub_path));
    }
    cmd
}

/// Prints help or the version as clap made them, and any other outcome of parsing as a
/// translated message with clap's suggestions, then ends canting.
fn exit_with(e: clap::Error) -> ! {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            std::process::exit(0);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            std::process::exit(2);
        }
        _ => {}
    }
    let text = |kind: ContextKind| e.get(kind).map(context_text).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => t!("cli.error.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            t!(
                "cli.error.unknown_command",
                command = text(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => t!("cli.error.missing_value", arg = arg),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            t!("cli.error.invalid_value", value = value, arg = arg)
        }
        ErrorKind::MissingRequiredArgument => t!("cli.error.missing_argument", args = arg),
        ErrorKind::MissingSubcommand => t!("cli.error.missing_command"),
        ErrorKind::ArgumentConflict if text(ContextKind::PriorArg) == arg => {
            t!("cli.error.twice", arg = arg)
        }
        ErrorKind::ArgumentConflict => {
            t!(
                "cli.error.conflict",
                arg = arg,
                other = text(ContextKind::PriorArg)
            )
        }
        ErrorKind::TooManyValues => t!("cli.error.too_many", value = value, arg = arg),
        _ => {
            let _ = e.print();
            std::process::exit(e.exit_code());
        }
    };
    let mut tips = Vec::new();
    if let Some(v) = e.get(ContextKind::SuggestedArg) {
        tips.push(t!("cli.tip.similar_argument", arg = context_text(v)));
    }
    if let Some(v) = e.get(ContextKind::SuggestedSubcommand) {
        tips.push(t!("cli.tip.similar_command", command = context_text(v)));
    }
    if let Some(v) = e.get(ContextKind::SuggestedValue) {
        tips.push(t!("report.did_you_mean", name = context_text(v)));
    } else if let Some(v) = e.get(ContextKind::ValidValue) {
        tips.push(t!("cli.tip.possible_values", values = context_text(v)));
    }
    // clap's usage starts with its own "Usage: "; the line after it is canting's.
    let usage = text(ContextKind::Usage);
    let usage = usage
        .split_once(": ")
        .map_or(usage.as_str(), |(_, u)| u)
        .trim()
        .to_string();
    // The command the mistake is in, for `canting build --help`: from the usage, else the first
    // word of the command line that names a command.
    let mut command: String = usage
        .split(' ')
        .take_while(|w| !w.starts_with(['[', '<']))
        .collect::<Vec<_>>()
        .join(" ");
    if command.is_empty() {
        let commands = ["build", "serve", "new", "check", "init"];
        command = match std::env::args()
            .skip(1)
            .find(|a| commands.contains(&a.as_str()))
        {
            Some(sub) => format!("canting {sub}"),
            None => "canting".into(),
        };
    }

    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let styles = Styles::default();
    let paint = |style: &clap::builder::styling::Style, text: &str| {
        if colour {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let mut out = format!(
        "{}: {message}\n",
        paint(styles.get_error(), &t!("report.error"))
    );
    for tip in tips {
        out.push_str(&format!(
            "\n  {}: {tip}\n",
            paint(styles.get_valid(), &t!("cli.tip_label"))
        ));
    }
    if !usage.is_empty() {
        out.push_str(&format!(
            "\n{} {usage}\n",
            paint(styles.get_usage(), &t!("cli.heading.usage"))
        ));
    }
    out.push_str(&format!("\n{}\n", t!("cli.error.more", command = command)));
    eprint!("{out}");
    std::process::exit(2);
}

/// One value of a clap error's context as plain text: `--lang <BAHASA>`, `id, en`.
fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
