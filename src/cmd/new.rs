use std::process::ExitCode;

use rust_i18n::t;

use canting::report;
use canting::scaffold;

use crate::cli::NewArgs;

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
