//! The build, stage by stage: load → parse → validate → link → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::config::{self, BaseUrl};
use crate::content;
use crate::diagnostic::Diagnostic;
use crate::output::{self, Staging};
use crate::render::{self, Written};
use crate::site::Site;
use crate::theme;

pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// When the build runs: "upcoming" is measured from it, in the site's time zone.
    pub now: DateTime<Utc>,
}

pub struct Report {
    /// Errors and warnings, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// What was written; `None` when the build failed and the output was left as it was.
    pub written: Option<Written>,
    pub elapsed: Duration,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.written.is_none()
    }
}

pub fn build(options: &Options) -> Report {
    let started = Instant::now();
    let mut diagnostics = Vec::new();
    let written = run(options, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), &a.file, a.line).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.file,
            b.line,
        ))
    });
    Report {
        diagnostics,
        written,
        elapsed: started.elapsed(),
    }
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

fn run(options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Option<Written> {
    let (site, theme) = load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        diagnostics,
    )?;
    write(&site, &theme, &options.output, options.now, diagnostics)
}

/// Loads, parses, validates and links a site: everything but rendering and writing. `None` when
/// there are errors, all of which are in `diagnostics`.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Site, theme::Theme)> {
    let mut config = match config::load(root) {
        Ok((config, warnings)) => {
            diagnostics.extend(warnings);
            config
        }
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    if let Some(url) = base_url {
        match BaseUrl::parse(url) {
            Ok(url) => config.base_url = url,
            Err(why) => {
                diagnostics.push(
                    Diagnostic::error(format!("--base-url `{url}` is not usable: {why}"))
                        .hint("give a full address such as https://example.org/katalog/"),
                );
                return None;
            }
        }
    }
    let (theme, theme_diagnostics) = theme::load(root, &config);
    diagnostics.extend(theme_diagnostics);
    let (content, content_diagnostics) = content::load(root, &config, drafts);
    diagnostics.extend(content_diagnostics);
    let (site, link_diagnostics) = Site::link(root, config, content);
    diagnostics.extend(link_diagnostics);
    let theme = theme?;
    if has_errors(diagnostics) {
        return None;
    }
    Some((site, theme))
}

fn write(
    site: &Site,
    theme: &theme::Theme,
    output: &Path,
    now: DateTime<Utc>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Written> {
    let fail = |why: String| {
        Diagnostic::error(format!("cannot write the site: {why}"))
            .hint("give another folder with --output, or make space on the disk")
    };
    if let Err(why) = output::check_target(&site.root, output) {
        diagnostics.push(Diagnostic::error(why).hint("give another folder with --output"));
        return None;
    }
    let staging = match Staging::create(output) {
        Ok(s) => s,
        Err(why) => {
            diagnostics.push(fail(why));
            return None;
        }
    };
    let written = match render::render(site, theme, &staging, now) {
        Ok(w) => w,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    match staging.commit() {
        Ok(()) => Some(written),
        Err(e) => {
            diagnostics.push(fail(e.to_string()));
            None
        }
    }
}
