//! The command line: what each command does, in plain words.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "canting",
    version,
    about = "Builds a batik catalogue website from Markdown files.",
    long_about = "canting turns the Markdown files in content/ (workshops, motifs, exhibitions, news and pages, \
in every language of the site) into a website in public/ that any free static host can publish.",
    after_help = "Examples:\n  canting serve                   look at the site on this computer while you edit\n  canting build                   build the site in this folder into public/\n  canting check                   find mistakes without building\n  canting new workshop \"Batik Sekar Jagad\"\n  canting init katalog            start a new site in the folder katalog/"
)]
pub struct Cli {
    /// The language of canting's messages: id (Bahasa Indonesia) or en (English).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["id", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
pub struct SiteArg {
    /// The site's folder, the one that holds site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub struct BuildArgs {
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
pub struct ServeArgs {
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
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// What to create.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The page's name, such as "Batik Sekar Jagad"; its file name is made from it.
    pub name: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum NewKind {
    Workshop,
    Motif,
    Event,
    News,
    Page,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct InitArgs {
    /// The new site's folder; it must not exist or be empty.
    pub dir: PathBuf,
}

/// The `--lang` and `--root` of the command line, read before it is parsed so that help and
/// errors about the command line itself come out in the right language.
pub fn early_lang_and_root() -> (Option<String>, Option<PathBuf>) {
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
