//! The command line: what each command does, in plain words.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "canting",
    version,
    about = "Builds a batik catalogue website from Markdown files.",
    long_about = "canting turns the Markdown files in content/ (workshops, motifs, exhibitions, news and pages, \
in every language of the site) into a website in public/ that any free static host can publish.",
    after_help = "Examples:\n  canting build                   build the site in this folder into public/\n  canting build --drafts          include pages marked `draft: true`\n  canting build --root katalog    build the site in the folder katalog/"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the website into the output folder (public/ unless --output says otherwise).
    ///
    /// Every problem in the content is listed with its file and line. When there is an error the
    /// previous output is left exactly as it was.
    Build {
        /// The site's folder, the one that holds site.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Where to write the website [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Publish for another address than site.yaml's base_url (for a preview copy).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}
