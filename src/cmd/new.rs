use std::process::ExitCode;

use rust_i18n::t;

use canting::report;
use canting::scaffold::{self, Kind};

use crate::cli::{NewArgs, NewKind};

pub fn run(args: NewArgs) -> ExitCode {
    let root = args.site.root;
    let kind = match args.kind {
        NewKind::Workshop => Kind::Workshop,
        NewKind::Motif => Kind::Motif,
        NewKind::Event => Kind::Event,
        NewKind::News => Kind::News,
        NewKind::Page => Kind::Page,
    };
    match scaffold::new_page(&root, kind, &args.name, chrono::Utc::now()) {
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
