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

/// A site built and kept in memory, so that `canting serve` can take in an edit of one file by
/// rendering again only what shows it.
pub struct Built {
    /// The linked site.
    pub site: Site,
    /// The theme the site was rendered with.
    pub theme: theme::Theme,
    /// Templates, bodies and cards worked out for the whole site, and the record of what each
    /// HTML file shows.
    pub prepared: render::Prepared,
}

/// What became of an edit given to [`Built::update`].
pub enum Updated {
    /// Taken in: the HTML files that show it were written again, with the warnings about the
    /// edited file. The other files (feeds, calendars, search index…) follow with
    /// [`Built::promote`].
    Done(Built, render::Update, Vec<Diagnostic>),
    /// The edit left errors, and nothing was written. The site kept in memory comes back when
    /// the errors were found before it was changed (a mistake in the edited file); else it is
    /// gone and the next change builds the whole site.
    Failed(Vec<Diagnostic>, Option<Built>),
    /// Not an edit one file at a time can take in (a file beside the pages that came or went):
    /// build the whole site.
    Whole(Built),
}

impl Built {
    /// Takes in the change of one file, added, changed or removed, writing straight into the built
    /// output `options.output`. `file` is its path from the site root, `/`-separated: under
    /// `content/`, a page, a section's `_index`, a photo or another file; under the theme's
    /// `i18n/`, its words in a language. Anything else needs a whole build.
    ///
    /// `visitors` learn which pages are about to change, and ask for those they want first.
    pub fn update(self, options: &Options, file: &str, visitors: &dyn render::Visitors) -> Updated {
        let words = format!(
            "{}/{}/i18n/",
            crate::folders::THEMES,
            self.site.config.theme
        );
        if file.starts_with(&words) {
            return self.update_words(options, visitors);
        }
        let Some(rel) = file.strip_prefix(&format!("{}/", crate::folders::CONTENT)) else {
            return Updated::Whole(self);
        };
        let content_dir = self.site.root.join(crate::folders::CONTENT);
        if !rel.ends_with(".md") {
            return self.update_file(rel, &content_dir.join(rel), options, visitors);
        }
        let mut steps = crate::timing::Steps::start();
        let file = Path::new(crate::folders::CONTENT).join(rel);
        let known = self.site.assets.iter().map(|a| a.0.as_str()).collect();
        if let Some(Err(errors)) =
            content::reload_page(&self.site.root, &self.site.config, rel, &known)
        {
            return Updated::Failed(errors, Some(self));
        }
        steps.step("read the file");
        let mut built = self;
        let before = built.prepared.outline_before(&built.site);
        steps.step("outline before");
        let Built {
            site,
            theme,
            prepared,
        } = built;
        let root = site.root.clone();
        let (config, mut content, photos) = site.unlink();
        let mut warnings = match content::reload(&root, &config, options.drafts, &mut content, rel)
        {
            Ok(warnings) => warnings,
            Err(errors) => return Updated::Failed(errors, None),
        };
        steps.step("content reloaded");
        let (mut site, linked) = Site::link(&root, config, content);
        steps.step("linked");
        if has_errors(&linked) {
            let errors = linked.into_iter().filter(Diagnostic::is_error).collect();
            return Updated::Failed(errors, None);
        }
        // The other files' warnings were told by the build before.
        warnings.extend(
            linked
                .into_iter()
                .filter(|d| d.file.as_ref() == Some(&file)),
        );
        site.photos = photos;
        let built = Built {
            site,
            theme,
            prepared,
        };
        let staging = Staging::in_place(&options.output);
        built.render_again(&before, &[file], &staging, visitors, warnings)
    }

    /// The theme's words changed: every file of a language whose words changed is rendered again.
    /// When the templates or other files of the theme changed too, a whole build.
    fn update_words(self, options: &Options, visitors: &dyn render::Visitors) -> Updated {
        let (theme, diagnostics) = theme::load(&self.site.root, &self.site.config);
        let Some(theme) = theme else {
            return Updated::Whole(self);
        };
        if has_errors(&diagnostics) {
            return Updated::Failed(diagnostics, Some(self));
        }
        let same_files = theme.templates == self.theme.templates
            && theme.static_files == self.theme.static_files
            && theme.share == self.theme.share;
        if !same_files {
            return Updated::Whole(self);
        }
        let mut built = Built { theme, ..self };
        let before = built.prepared.outline_before(&built.site);
        let staging = Staging::in_place(&options.output);
        built.render_again(&before, &[], &staging, visitors, diagnostics)
    }

    /// A file under `content/` that is not a page: a photo is processed again and the pages that
    /// show it rendered again; another file is copied.
    fn update_file(
        mut self,
        rel: &str,
        source: &Path,
        options: &Options,
        visitors: &dyn render::Visitors,
    ) -> Updated {
        let Some(asset) = self.site.assets.iter().find(|a| a.0 == rel).cloned() else {
            return Updated::Whole(self);
        };
        if !source.is_file() {
            return Updated::Whole(self);
        }
        let staging = Staging::in_place(&options.output);
        if !asset.is_photo() {
            return match staging.copy(rel, source) {
                Ok(()) => {
                    // No page shows it differently; a page that links to it may be open.
                    visitors.expect(&[]);
                    Updated::Done(self, render::Update::default(), Vec::new())
                }
                Err(e) => {
                    let error = Diagnostic::error(t!("build.cannot_write", why = io_reason(&e)))
                        .hint(t!("build.cannot_write_hint"));
                    Updated::Failed(vec![error], Some(self))
                }
            };
        }
        let Some(job) = photo_jobs(&self.site).into_iter().find(|j| j.path == rel) else {
            return Updated::Whole(self);
        };
        let cache = self.site.root.join(crate::folders::CACHE).join("images");
        let (processed, diagnostics) =
            images::update(&job, &self.site.config.images, &cache, &staging);
        if has_errors(&diagnostics) {
            return Updated::Failed(diagnostics, Some(self));
        }
        let before = self.prepared.outline_before(&self.site);
        // A photo of another size may make fewer variants: those it no longer makes go.
        if let (Some(old), Some(new)) = (self.site.photos.get(rel), processed.get(rel)) {
            let kept = new.files();
            for gone in old.files().into_iter().filter(|f| !kept.contains(f)) {
                let _ = staging.remove(gone);
            }
        }
        self.site.photos.extend(processed);
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let showing: Vec<PathBuf> = self
            .site
            .pages
            .iter()
            .filter(|p| {
                let shows = |photo: &crate::model::Photo| photo.path == asset;
                p.cover.as_ref().is_some_and(shows)
                    || p.images.iter().any(shows)
                    || p.body.contains(name)
            })
            .map(|p| p.file.clone())
            .collect();
        self.render_again(&before, &showing, &staging, visitors, diagnostics)
    }

    /// Renders again what shows the pages whose files are `edited` (`before` is the outline of
    /// the site before the change), keeping what was built for the next change.
    fn render_again(
        self,
        before: &render::Outline,
        edited: &[PathBuf],
        staging: &Staging,
        visitors: &dyn render::Visitors,
        warnings: Vec<Diagnostic>,
    ) -> Updated {
        let Built {
            site,
            theme,
            mut prepared,
        } = self;
        match prepared.update(before, &site, &theme, edited, staging, visitors) {
            Ok(update) => Updated::Done(
                Built {
                    site,
                    theme,
                    prepared,
                },
                update,
                warnings,
            ),
            Err(errors) => Updated::Failed(errors, None),
        }
    }

    /// Writes again, straight into the built output, the files besides HTML pages that the
    /// edits since the last call reached (feeds, calendars, QR codes, the sitemap, open data, the
    /// search index). `None`, with all of it still due, when `stop` said so: then only pages' own
    /// files (QR codes, an exhibition's calendar file) may have been written.
    pub fn promote(
        &mut self,
        options: &Options,
        stop: render::Stop,
    ) -> Result<Option<usize>, Vec<Diagnostic>> {
        let staging = Staging::in_place(&options.output);
        self.prepared
            .promote(&self.site, &self.theme, &staging, stop)
    }

    /// The files besides HTML pages that [`Built::promote`] writes again, as far as the last
    /// one wrote them.
    pub fn promoted(&self) -> Vec<String> {
        self.prepared.promoted()
    }
}

/// Builds the site into `options.output`, replacing what was there only when there are no errors.
pub fn build(options: &Options) -> Report {
    build_with(options, false).0
}

/// Builds, and keeps what was built when the build succeeded, with the record of what each file
/// shows that [`Built::update`] needs.
pub fn build_keeping(options: &Options) -> (Report, Option<Built>) {
    build_with(options, true)
}

fn build_with(options: &Options, keep: bool) -> (Report, Option<Built>) {
    let started = Instant::now();
    let mut diagnostics = Vec::new();
    let (written, built) = match run(options, keep, &mut diagnostics) {
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

/// Builds; with `keep`, the render records what each file shows, for [`Built::update`].
fn run(
    options: &Options,
    keep: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Written, Built)> {
    let mut steps = crate::timing::Steps::start();
    let (site, theme) = load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        diagnostics,
    )?;
    steps.step("loaded and linked");
    write(site, theme, options, keep, diagnostics)
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
    keep: bool,
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
    let mut steps = crate::timing::Steps::start();
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
    steps.step("photos");
    let rendered =
        render::Prepared::new(&site, &theme, options.now, keep).and_then(|mut prepared| {
            steps.step("bodies and cards prepared");
            Ok((prepared.write(&site, &theme, &staging)?, prepared))
        });
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
