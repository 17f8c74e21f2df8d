//! `canting check`: everything a build validates, without writing, and more.
//!
//! The build's own validation runs first (`build::load`: settings, content, references and
//! translations; then `render::validate`: templates and links in Markdown; then every photo is
//! decoded as the build would). Then the checks a build does not make, because the site still
//! works with these mistakes but visitors would hit them:
//!
//! - [`anchors`]: links to `page.md#heading` or `#heading` whose heading does not exist;
//! - [`coverage`]: how many pages of each section exist in each language, and which are missing;
//! - [`events`]: exhibition dates that look like typos;
//! - [`contacts`]: WhatsApp numbers, emails and links that cannot work.
//!
//! Nothing here prints and nothing is written: the command line shows the [`Findings`].

mod anchors;
mod contacts;
pub mod coverage;
mod events;
mod lines;
mod photos;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
pub use coverage::{Coverage, Missing, SectionCount};

/// What `canting check` is asked to do; the command line fills it from its flags.
pub struct Options<'a> {
    /// The site's folder, the one that holds `site.yaml`.
    pub root: &'a Path,
    /// Check pages marked `draft: true` too.
    pub drafts: bool,
    /// When the check runs: event dates are judged from it, in the site's time zone.
    pub now: DateTime<Utc>,
    /// Told how many photos of how many are decoded.
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
}

/// What a check found.
pub struct Findings {
    /// Errors first, then by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the site has errors that keep it from loading at all.
    pub coverage: Option<Coverage>,
}

impl Findings {
    /// How many of the diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many of the diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_warning()).count()
    }

    /// Notes: information such as "replace the sample data", neither errors nor warnings.
    pub fn notes(&self) -> usize {
        self.diagnostics.len() - self.errors() - self.warnings()
    }

    /// The findings as the JSON document `canting check --format json` prints (README.md
    /// describes its shape; programs rely on it, so fields are only ever added).
    pub fn to_json(&self) -> serde_json::Result<String> {
        #[derive(Serialize)]
        struct Json<'a> {
            errors: usize,
            warnings: usize,
            notes: usize,
            diagnostics: &'a [Diagnostic],
            coverage: Option<&'a Coverage>,
        }
        serde_json::to_string_pretty(&Json {
            errors: self.errors(),
            warnings: self.warnings(),
            notes: self.notes(),
            diagnostics: &self.diagnostics,
            coverage: self.coverage.as_ref(),
        })
    }
}

/// Loads the site as a build would and checks what a build does not reach: templates and links in
/// Markdown, photos, in-page anchors, event dates, contacts and translation coverage. Writes nothing.
pub fn check(options: &Options) -> Findings {
    let mut diagnostics = Vec::new();
    let mut coverage = None;
    if let Some((site, theme)) =
        crate::build::load(options.root, None, options.drafts, &mut diagnostics)
    {
        let today = options
            .now
            .with_timezone(&site.config.timezone.offset)
            .date_naive();
        diagnostics.extend(crate::render::validate(&site, &theme));
        diagnostics.extend(photos::check(&site, options.progress));
        diagnostics.extend(anchors::check(&site, &theme));
        diagnostics.extend(events::check(&site, today));
        diagnostics.extend(contacts::check(&site));
        coverage = Some(Coverage::of(&site));
    }
    crate::diagnostic::sort(&mut diagnostics);
    Findings {
        diagnostics,
        coverage,
    }
}
