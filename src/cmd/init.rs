//! `canting init`: starts a new site in a new folder and lists the files it made.

use std::process::ExitCode;

use rust_i18n::t;

use canting::report;
use canting::scaffold;

use crate::cli::InitArgs;

/// Runs `canting init`; exits with 1 when no site was made.
pub(crate) fn run(args: InitArgs) -> ExitCode {
    let dir = args.dir;
    match scaffold::init(&dir, chrono::Utc::now()) {
        Ok(files) => {
            for file in files {
                let file = dir.join(file).display().to_string();
                println!("{}", t!("scaffold.created", file = file));
            }
            let shown = dir.display().to_string();
            println!("{}", t!("scaffold.init_done", dir = shown));
            println!("{}", t!("scaffold.init_next", dir = shown));
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{}", report::render(&dir, &diagnostics));
            ExitCode::from(1)
        }
    }
}
