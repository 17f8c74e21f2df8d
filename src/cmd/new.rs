//! `canting new`: creates one page in every language of the site from its section's archetype.

use std::process::ExitCode;

use rust_i18n::t;

use canting::report;
use canting::scaffold;

use crate::cli::NewArgs;

/// Runs `canting new`; exits with 1 when no page was created.
pub(crate) fn run(args: NewArgs) -> ExitCode {
    let root = args.site.root;
    match scaffold::new_page(&root, args.kind, &args.name, chrono::Utc::now()) {
        Ok(files) => {
            for file in files {
                let file = root.join(file).display().to_string();
                println!("{}", t!("scaffold.created", file = file));
            }
            println!("{}", t!("scaffold.new_next"));
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{}", report::render(&root, &diagnostics));
            eprintln!("{}", t!("scaffold.none_created"));
            ExitCode::from(1)
        }
    }
}
