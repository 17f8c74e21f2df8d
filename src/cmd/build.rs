//! `canting build`: builds the site once and says what was written, or why nothing was.

use std::process::ExitCode;

use rust_i18n::t;

use canting::build::{self, Options};
use canting::report;

use crate::cli::BuildArgs;

/// "Photos 12/200" on one line of a terminal; nothing in CI logs or when output is redirected.
pub(crate) fn progress(done: usize, total: usize) {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr();
    if !err.is_terminal() || std::env::var_os("CI").is_some() {
        return;
    }
    let _ = write!(
        err,
        "\r{}",
        t!("build.progress_photos", done = done, total = total)
    );
    if done == total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

/// Runs `canting build`; exits with 1 when the build failed and the output was left as it was.
pub(crate) fn run(args: BuildArgs) -> ExitCode {
    let root = args.site.root;
    let output = args
        .output
        .unwrap_or_else(|| root.join(canting::folders::OUTPUT));
    let options = Options {
        root,
        output,
        base_url: args.base_url,
        drafts: args.drafts,
        now: chrono::Utc::now(),
        progress: Box::new(progress),
    };
    let result = build::build(&options);
    eprint!("{}", report::render(&options.root, &result.diagnostics));
    let output = options.output.display().to_string();
    match result.written {
        Some(w) => {
            let seconds = format!("{:.2}", result.elapsed.as_secs_f64());
            println!(
                "{}",
                t!(
                    "build.done",
                    pages = w.pages,
                    photos = w.photos,
                    files = w.files,
                    size = build::megabytes(w.bytes),
                    output = output,
                    seconds = seconds
                )
            );
            println!("{}", t!("build.publish"));
            ExitCode::SUCCESS
        }
        None => {
            if options.output.exists() {
                eprintln!("{}", t!("build.failed_kept", output = output));
            } else {
                eprintln!("{}", t!("build.failed"));
            }
            ExitCode::from(1)
        }
    }
}
