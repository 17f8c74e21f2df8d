//! `canting serve`: builds, serves the site on this computer and tells what each rebuild did.

use std::io::Write;
use std::process::ExitCode;

use rust_i18n::t;

use canting::report;
use canting::serve::{self, Notice};

use crate::cli::ServeArgs;

/// Runs `canting serve` until it is stopped; exits with 1 when the server could not start.
pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let root = args.site.root;
    let options = serve::Options {
        root: root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
    };
    let lan = args.bind.is_unspecified();
    let result = serve::run(options, move |notice| tell(&root, lan, notice));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("{}", t!("serve.cannot_start", why = why));
            ExitCode::from(1)
        }
    }
}

fn tell(root: &std::path::Path, lan: bool, notice: Notice) {
    match notice {
        Notice::Listening(address) => {
            let port = address.port();
            let url = if address.ip().is_unspecified() {
                format!("http://127.0.0.1:{port}/")
            } else {
                format!("http://{address}/")
            };
            println!("{}", t!("serve.listening", url = url));
            if lan {
                println!("{}", t!("serve.lan", port = port));
            }
            println!("{}", t!("serve.stop"));
        }
        Notice::Built(report) => {
            eprint!("{}", report::render(root, &report.diagnostics));
            let seconds = format!("{:.2}", report.elapsed.as_secs_f64());
            match report.written {
                Some(w) => println!(
                    "{}",
                    t!(
                        "serve.built",
                        pages = w.pages,
                        photos = w.photos,
                        seconds = seconds
                    )
                ),
                None => eprintln!("{}", t!("serve.build_failed")),
            }
        }
        Notice::Updated {
            file,
            elapsed,
            pages,
            warnings,
        } => {
            eprint!("{}", report::render(root, &warnings));
            let ms = elapsed.as_millis();
            let file = file.display();
            println!(
                "{}",
                t!("serve.updated", file = file, ms = ms, pages = pages)
            );
        }
        Notice::Problem(errors) => {
            eprint!("{}", report::render(root, &errors));
            eprintln!("{}", t!("serve.problem"));
        }
        Notice::Photos { done, total } => crate::cmd::build::progress(done, total),
    }
    let _ = std::io::stdout().flush();
}
