//! Diagnostics as text for a terminal: the file, the line with its source, and what to do.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rust_i18n::t;

use crate::diagnostic::{Diagnostic, Severity};

/// Renders every diagnostic, then a count, as one text.
pub fn render(root: &Path, diagnostics: &[Diagnostic]) -> String {
    let renderer = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut sources = Sources::default();
    for d in diagnostics {
        out.push_str(&one(&renderer, root, d, &mut sources));
        out.push_str("\n\n");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.iter().filter(|d| d.is_warning()).count();
    if !diagnostics.is_empty() {
        out.push_str(&summary(errors, warnings));
        out.push('\n');
    }
    out
}

/// "3 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    let errors = if errors == 1 {
        t!("report.errors_one", count = errors)
    } else {
        t!("report.errors_other", count = errors)
    };
    let warnings = if warnings == 1 {
        t!("report.warnings_one", count = warnings)
    } else {
        t!("report.warnings_other", count = warnings)
    };
    t!("report.summary", errors = errors, warnings = warnings).into_owned()
}

fn one(renderer: &Renderer, root: &Path, d: &Diagnostic, sources: &mut Sources) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(t!("report.error")),
        Severity::Warning => Level::WARNING.with_name(t!("report.warning")),
        Severity::Note => Level::NOTE.with_name(t!("report.note")),
    };
    let title = match &d.field {
        Some(field) if !d.message.contains(&format!("`{field}`")) => {
            t!("report.with_field", message = d.message, field = field).into_owned()
        }
        Some(_) => d.message.clone(),
        None => d.message.clone(),
    };
    let path = d.file.as_ref().map(|f| f.display().to_string());
    let source_line = d
        .file
        .as_ref()
        .zip(d.line)
        .and_then(|(f, line)| sources.line(&root.join(f), line).map(|text| (text, line)));
    let head = level.primary_title(title.as_str());
    let group = match (&path, &source_line) {
        (Some(path), Some((text, line))) => {
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len().max(start);
            head.element(
                Snippet::source(text.as_str())
                    .line_start(*line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        (Some(path), None) => head.element(annotate_snippets::Origin::path(path.as_str())),
        _ => Group::with_title(head),
    };
    let mut report = vec![group];
    if let Some(hint) = &d.hint {
        report.push(Group::with_title(
            Level::HELP
                .with_name(t!("report.help"))
                .secondary_title(hint.as_str()),
        ));
    }
    renderer.render(&report).to_string()
}

/// The lines of each file named, read once: a file with thousands of mistakes is not read again
/// for each.
#[derive(Default)]
struct Sources(HashMap<PathBuf, Option<Vec<String>>>);

impl Sources {
    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        let lines = self.0.entry(path.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(path).ok()?;
            Some(text.lines().map(String::from).collect())
        });
        lines.as_ref()?.get(line.checked_sub(1)?).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_both_languages() {
        assert_eq!(summary(3, 1), "3 errors, 1 warning");
        assert_eq!(summary(1, 0), "1 error, 0 warnings");
        assert_eq!(
            t!(
                "report.summary",
                locale = "id",
                errors = t!("report.errors_other", locale = "id", count = 3),
                warnings = t!("report.warnings_one", locale = "id", count = 1)
            ),
            "3 kesalahan, 1 peringatan"
        );
    }
}
