use std::process::ExitCode;

use rust_i18n::t;

use canting::check::{self, Findings, Options};
use canting::report;

use crate::cli::{CheckArgs, Format};

pub fn run(args: CheckArgs) -> ExitCode {
    let json = matches!(args.format, Format::Json);
    // A program reading the JSON gets nothing else; people on a terminal see photos counted.
    let quiet = |_: usize, _: usize| {};
    let progress: &(dyn Fn(usize, usize) + Sync) = if json {
        &quiet
    } else {
        &crate::cmd::build::progress
    };
    let findings = check::check(&Options {
        root: &args.site.root,
        drafts: args.drafts,
        now: chrono::Utc::now(),
        progress,
    });
    let shown = if json {
        print_json(&findings)
    } else {
        print_text(&args.site.root, &findings);
        true
    };
    if findings.errors() > 0 || !shown {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The diagnostics on stderr, as `build` shows them; the translation table and the count on
/// stdout.
fn print_text(root: &std::path::Path, findings: &Findings) {
    eprint!("{}", report::render(root, &findings.diagnostics));
    match &findings.coverage {
        Some(coverage) => print!("{}", coverage.table()),
        None => println!("{}", t!("check.not_loaded")),
    }
    println!(
        "{}",
        t!(
            "check.summary",
            errors = findings.errors(),
            warnings = findings.warnings()
        )
    );
}

fn print_json(findings: &Findings) -> bool {
    match findings.to_json() {
        Ok(text) => {
            println!("{text}");
            true
        }
        Err(e) => {
            eprintln!("{}", t!("check.json_failed", error = e));
            false
        }
    }
}
