//! `canting check`: finds every mistake without building, as text for people or JSON for programs.

use std::process::ExitCode;

use rust_i18n::t;

use canting::check::{self, Findings, Options};
use canting::report;

use crate::cli::{CheckArgs, Format};

/// Runs `canting check`; exits with 1 when the site has errors or the JSON could not be made.
pub(crate) fn run(args: CheckArgs) -> ExitCode {
    let json = !matches!(args.format, Format::Text);
    // A program reading the JSON or the Markdown gets nothing else; people on a terminal see
    // photos counted.
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
    let shown = match args.format {
        Format::Json => print_json(&findings),
        Format::Markdown => {
            print!("{}", markdown(&findings));
            true
        }
        Format::Text => {
            print_text(&args.site.root, &findings);
            true
        }
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
    println!("{}", summary(findings));
}

/// "Errors: 0, warnings: 1.", and the notes when there are some.
fn summary(findings: &Findings) -> String {
    let mut out = t!(
        "check.summary",
        errors = findings.errors(),
        warnings = findings.warnings()
    )
    .into_owned();
    if findings.notes() > 0 {
        out.push(' ');
        out.push_str(&t!("check.summary_notes", notes = findings.notes()));
    }
    out
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

/// The findings as a Markdown page, for a CI job summary (GitHub's `$GITHUB_STEP_SUMMARY`): the
/// count, a table of the diagnostics, and the pages per language.
fn markdown(findings: &Findings) -> String {
    let mut out = format!("## {}\n\n", t!("check.markdown_title"));
    out.push_str(&format!("**{}**\n\n", summary(findings)));
    if findings.diagnostics.is_empty() {
        out.push_str(&format!("{}\n\n", t!("check.markdown_clean")));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} |\n|---|---|---|\n",
            t!("check.markdown_kind"),
            t!("check.markdown_where"),
            t!("check.markdown_message")
        ));
        for d in &findings.diagnostics {
            let kind = if d.is_error() {
                format!("**{}**", t!("report.error"))
            } else if d.is_warning() {
                t!("report.warning").into_owned()
            } else {
                t!("report.note").into_owned()
            };
            let place = match (&d.file, d.line) {
                (Some(file), Some(line)) => format!("`{}:{line}`", file.display()),
                (Some(file), None) => format!("`{}`", file.display()),
                _ => String::new(),
            };
            let mut message = match &d.field {
                Some(field) => format!("`{field}`: {}", d.message),
                None => d.message.clone(),
            };
            if let Some(hint) = &d.hint {
                message.push_str(&format!("\n*{}:* {hint}", t!("report.help")));
            }
            out.push_str(&format!(
                "| {kind} | {} | {} |\n",
                cell(&place),
                cell(&message)
            ));
        }
        out.push('\n');
    }
    match &findings.coverage {
        Some(coverage) => out.push_str(&coverage_markdown(coverage)),
        None => out.push_str(&format!("{}\n", t!("check.not_loaded"))),
    }
    out
}

fn coverage_markdown(coverage: &check::Coverage) -> String {
    let mut out = format!(
        "### {}\n\n",
        t!("check.coverage_title").trim_end_matches(':')
    );
    out.push_str(&format!(
        "| {} | {} |",
        t!("check.coverage_section"),
        t!("check.coverage_pages")
    ));
    for lang in &coverage.languages {
        out.push_str(&format!(" {lang} |"));
    }
    out.push_str("\n|---|---:|");
    out.push_str(&"---:|".repeat(coverage.languages.len()));
    out.push('\n');
    for section in &coverage.sections {
        out.push_str(&format!("| {} | {} |", section.section, section.pages));
        for lang in &coverage.languages {
            let count = section.languages.get(lang).copied().unwrap_or_default();
            out.push_str(&format!(" {count} |"));
        }
        out.push('\n');
    }
    out.push('\n');
    if coverage.missing.is_empty() {
        out.push_str(&format!("{}\n", t!("check.coverage_complete")));
    }
    for lang in &coverage.languages {
        let list = coverage.missing_in(lang);
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n{}\n\n",
            t!("check.coverage_missing", lang = lang, count = list.len())
        ));
        for m in list {
            out.push_str(&format!(
                "- `{}/{}`: {}\n",
                m.section,
                m.slug,
                t!(
                    "check.coverage_from",
                    file = format!("`{}`", m.file.display())
                )
            ));
        }
    }
    out
}

/// Text that stays inside one cell of a Markdown table.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
