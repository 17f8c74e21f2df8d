//! Problems found in a site, as values.
//!
//! Every stage reports what is wrong with the volunteers' files as a [`Diagnostic`]: the file, the
//! line in that file, the field, what is wrong and what to do about it. Nothing below the command
//! line prints; `report` turns diagnostics into text at the edge.

use std::fmt;
use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::Serialize;

/// How bad a [`Diagnostic`] is; errors sort after warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that needs no change now, such as a site that still holds sample data.
    Note,
    /// Worth fixing, but the site is still built.
    Warning,
    /// The build fails and the output is left as it was.
    Error,
}

/// One problem in a site: where it is, what is wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning: whether it stops the build.
    pub severity: Severity,
    /// Relative to the site root, so messages read the same on every machine.
    pub file: Option<PathBuf>,
    /// 1-based, counted in the file itself (front matter included).
    pub line: Option<usize>,
    /// The front-matter or `site.yaml` field at fault, dotted for nested ones (`organization.email`).
    pub field: Option<String>,
    /// What is wrong, in the volunteer's language.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with this message, not yet tied to a file.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A warning with this message, not yet tied to a file.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    /// A diagnostic that informs: it counts neither as an error nor as a warning.
    pub fn note(message: impl Into<String>) -> Self {
        Self::new(Severity::Note, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Diagnostic {
            severity,
            file: None,
            line: None,
            field: None,
            message,
            hint: None,
        }
    }

    /// Sets the file, relative to the site root.
    pub fn file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Sets the line, 1-based; `None` when it could not be found.
    pub fn line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Sets the field at fault.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this is a warning (not an error, not a note).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => t!("report.error"),
            Severity::Warning => t!("report.warning"),
            Severity::Note => t!("report.note"),
        };
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{label}: ")?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Errors first, then by file and line: the order every command lists them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), &a.file, a.line).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.file,
            b.line,
        ))
    });
}

/// The closest of `candidates` to a mistyped `name`, close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for a typo, or a fallback hint when nothing is close.
pub fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    match closest(name, candidates) {
        Some(c) => t!("report.did_you_mean", name = c).into_owned(),
        None => otherwise.to_string(),
    }
}

/// Why a file could not be read or written, in the volunteer's language where the system's own
/// words (always English) can be said more plainly.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => t!("report.io_not_found"),
        ErrorKind::PermissionDenied => t!("report.io_permission"),
        ErrorKind::InvalidData => t!("report.io_not_text"),
        ErrorKind::IsADirectory => t!("report.io_is_folder"),
        ErrorKind::AlreadyExists => t!("report.io_exists"),
        _ => t!("report.io_other", why = e),
    }
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_slug() {
        let slugs = ["kendi-gandrung", "kawung", "parang-rusak"];
        assert_eq!(closest("kendi-gandrng", slugs), Some("kendi-gandrung"));
        assert_eq!(closest("zzzzzz", slugs), None);
    }

    #[test]
    fn display_names_file_line_field_and_hint() {
        let d = Diagnostic::error("unknown motif `kendi-gandrng`")
            .file("content/workshops/a.id.md")
            .line(Some(7))
            .field("motifs")
            .hint("did you mean `kendi-gandrung`?");
        assert_eq!(
            d.to_string(),
            "content/workshops/a.id.md:7: error: `motifs`: unknown motif `kendi-gandrng` (did you mean `kendi-gandrung`?)"
        );
    }

    #[test]
    fn suggestions_and_labels_exist_in_indonesian() {
        assert_eq!(
            t!("report.did_you_mean", locale = "id", name = "kawung"),
            "apakah maksud Anda `kawung`?"
        );
        assert_eq!(t!("report.error", locale = "id"), "kesalahan");
        assert_eq!(suggest("kawng", ["kawung"], "x"), "did you mean `kawung`?");
    }
}
