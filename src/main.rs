//! The `canting` command: picks the language of its messages before anything else, parses the
//! command line and hands it to the command's module in `cmd`.

use std::process::ExitCode;

mod cli;
mod cmd;

rust_i18n::i18n!("src/messages", fallback = "en");

fn main() -> ExitCode {
    let (lang, root) = cli::early_lang_and_root();
    let root = root.unwrap_or_else(|| ".".into());
    canting::messages::set(canting::messages::choose(
        lang.as_deref(),
        |v| std::env::var(v).ok(),
        Some(&root),
    ));
    let cli = cli::parse();
    match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
    }
}
