//! The build, stage by stage: load → parse → validate → link → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rust_i18n::t;

use crate::config::{self, BaseUrl};
use crate::content;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::images;
use crate::output::{self, Staging};
use crate::render::{self, Written};
use crate::site::Site;
use crate::theme;

/// What one build is asked to do; the command line fills it from its flags.
pub struct Options {
    /// The site's folder, the one that holds `site.yaml`.
    pub root: PathBuf,
    /// Where the built site goes; it is replaced whole, and only when the build succeeds.
    pub output: PathBuf,
    /// Replaces `base_url` from `site.yaml` (`--base-url`); an unusable one is an error.
    pub base_url: Option<String>,
    /// Build pages marked `draft: true` too.
    pub drafts: bool,
    /// When the build runs: "upcoming" is measured from it, in the site's time zone.
    pub now: DateTime<Utc>,
    /// Told how many photos of how many are done (the command line shows it on a terminal).
    pub progress: Box<dyn Fn(usize, usize) + Send + Sync>,
}

/// What a build did: its messages, what it wrote and how long it took.
pub struct Report {
    /// Errors and warnings, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// What was written; `None` when the build failed and the output was left as it was.
    pub written: Option<Written>,
    /// Wall-clock time of the whole build.
    pub elapsed: Duration,
}

impl Report {
    /// Whether the build failed, in which case the output was left as it was.
    pub fn failed(&self) -> bool {
        self.written.is_none()
    }
}

/// A site built and kept in memory, so that `canting serve` can render one page again after an
/// edit without rebuilding the rest.
pub struct Built {
    /// The linked site.
    pub site: Site,
    /// The theme the site was rendered with.
    pub theme: theme::Theme,
    /// Templates, bodies and cards worked out for the whole site, reused to render one page again.
    pub prepared: render::Prepared,
}

/// Builds the site into `options.output`, replacing what was there only when there are no errors.
pub fn build(options: &Options) -> Report {
    build_keeping(options).0
}

/// Builds, and keeps what was built when the build succeeded.
pub fn build_keeping(options: &Options) -> (Report, Option<Built>) {
    let started = Instant::now();
    let mut diagnostics = Vec::new();
    let (written, built) = match run(options, &mut diagnostics) {
        Some((written, built)) => (Some(written), Some(built)),
        None => (None, None),
    };
    crate::diagnostic::sort(&mut diagnostics);
    let report = Report {
        diagnostics,
        written,
        elapsed: started.elapsed(),
    };
    (report, built)
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

fn run(options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Option<(Written, Built)> {
    let (site, theme) = load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        diagnostics,
    )?;
    write(site, theme, options, diagnostics)
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
                    Diagnostic::error(t!("build.base_url_unusable", url = url, why = why))
                        .hint(t!("build.base_url_hint")),
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
    mut site: Site,
    theme: theme::Theme,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Written, Built)> {
    let output = &options.output;
    let fail = |why: String| {
        Diagnostic::error(t!("build.cannot_write", why = why)).hint(t!("build.cannot_write_hint"))
    };
    if let Err(why) = output::check_target(&site.root, output) {
        diagnostics.push(Diagnostic::error(why).hint(t!("build.output_hint")));
        return None;
    }
    let staging = match Staging::create(output) {
        Ok(s) => s,
        Err(why) => {
            diagnostics.push(fail(why));
            return None;
        }
    };
    let cache = site.root.join(crate::folders::CACHE).join("images");
    let (photos, photo_diagnostics) = images::process(
        &photo_jobs(&site),
        &site.config.images,
        &cache,
        &staging,
        &*options.progress,
    );
    diagnostics.extend(photo_diagnostics);
    if has_errors(diagnostics) {
        return None;
    }
    site.photos = photos;
    let rendered = render::Prepared::new(&site, &theme, options.now)
        .and_then(|prepared| Ok((prepared.write(&site, &theme, &staging)?, prepared)));
    let (mut written, prepared) = match rendered {
        Ok(r) => r,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    written.photos = site.photos.len();
    written.bytes = staging.bytes();
    diagnostics.extend(size_warning(written.bytes));
    match staging.commit() {
        Ok(leftover) => {
            if let Some(left) = leftover {
                diagnostics.push(
                    Diagnostic::warning(t!(
                        "build.old_output_left",
                        path = left.path.display(),
                        why = left.why
                    ))
                    .hint(t!("build.old_output_left_hint")),
                );
            }
            Some((
                written,
                Built {
                    site,
                    theme,
                    prepared,
                },
            ))
        }
        Err(e) => {
            diagnostics.push(fail(io_reason(&e)));
            None
        }
    }
}

/// Above this many bytes the build warns that the output nears a host's limit: GitHub Pages takes
/// at most 1 GB per site, and every publish uploads all of it.
pub const SIZE_WARNING: u64 = 800_000_000;

/// A warning when `bytes` published are above [`SIZE_WARNING`].
fn size_warning(bytes: u64) -> Option<Diagnostic> {
    (bytes > SIZE_WARNING).then(|| {
        Diagnostic::warning(t!("build.size_near_limit", mb = megabytes(bytes)))
            .file(crate::folders::SITE_FILE)
            .field("images")
            .hint(t!("build.size_near_limit_hint"))
    })
}

/// Bytes as megabytes (1,000,000 bytes, as hosts count them) with one decimal: `12.3`.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// Every photo under `content/`, so that none is published with its metadata; covers also get a
/// share picture, cropped around the page's focal point.
pub fn photo_jobs(site: &Site) -> Vec<images::Job> {
    let content = site.root.join(crate::folders::CONTENT);
    site.assets
        .iter()
        .filter(|a| a.is_photo())
        .map(|a| {
            let cover_of = site
                .pages
                .iter()
                .find(|p| p.cover.as_ref().is_some_and(|c| c.path == *a));
            images::Job {
                source: content.join(&a.0),
                path: a.0.clone(),
                focus: cover_of.and_then(|p| p.focus),
                share: cover_of.is_some(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_near_a_hosts_limit_is_warned_about() {
        assert!(size_warning(SIZE_WARNING).is_none());
        let warning = size_warning(850_000_000).expect("a warning");
        assert!(!warning.is_error());
        assert_eq!(megabytes(850_000_000), "850.0");
        assert_eq!(megabytes(54_321_000), "54.3");
    }
}
