use std::process::ExitCode;

use clap::Parser;

use canting::build::{self, Options};
use canting::report;

mod cli;

/// "Photos 12/200" on one line of a terminal; nothing in CI logs or when output is redirected.
fn progress(done: usize, total: usize) {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr();
    if !err.is_terminal() || std::env::var_os("CI").is_some() {
        return;
    }
    let _ = write!(err, "\rPhotos {done}/{total}");
    if done == total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = Options {
                root,
                output,
                base_url,
                drafts,
                now: chrono::Utc::now(),
                progress: Box::new(progress),
            };
            let result = build::build(&options);
            eprint!("{}", report::render(&options.root, &result.diagnostics));
            match result.written {
                Some(w) => {
                    println!(
                        "Built {} pages, {} photos and {} other files into {} in {:.2} s.",
                        w.pages,
                        w.photos,
                        w.files,
                        options.output.display(),
                        result.elapsed.as_secs_f64()
                    );
                    println!(
                        "Publish that folder at the site's address; README.md explains how to look at it on this computer first."
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    if options.output.exists() {
                        eprintln!(
                            "The site was not built; {} was left as it was.",
                            options.output.display()
                        );
                    } else {
                        eprintln!("The site was not built.");
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}
