//! Rendering: Markdown bodies, then every page of the site through the theme's Tera templates,
//! in parallel, straight into the staging folder.
//!
//! - [`jobs`]: the list of HTML files to write, their URLs and files;
//! - [`pages`]: one function per kind of page, each naming its template and its head;
//! - [`view`] and [`globals`]: the small serialisable values templates see;
//! - [`links`]: Markdown bodies with their links rewritten;
//! - [`templates`]: Tera and canting's filters;
//! - [`promotion`]: QR codes, calendars, feeds, sitemap and open data;
//! - [`preview`]: share cards for pages without a photo, the site's icons and manifest.

mod globals;
mod jobs;
mod links;
mod pages;
mod preview;
mod promotion;
mod record;
mod templates;
mod update;
mod view;

pub use jobs::short_path;
pub use promotion::Stop;
pub use update::{Outline, Update, Visitors};

use std::collections::HashMap;

use rayon::prelude::*;
use rust_i18n::t;
use tera::{Tera, Value};

use crate::diagnostic::{Diagnostic, io_reason};
use crate::model::{Lang, Section};
use crate::output::Staging;
use crate::site::{PageId, Site};
use crate::theme::Theme;
use globals::Globals;
use jobs::Planned;
use links::{Body, intro_bodies, markdown_bodies};
use pages::PageRenderer;
use record::{Record, Urls};
use templates::templates;
use view::card;

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    /// HTML pages rendered, redirects included.
    pub pages: usize,
    /// Other files written: content and theme files copied as they are, and the promotion outputs
    /// (feeds, calendars, sitemap, open data…).
    pub files: usize,
    /// Photos published; filled in by the build, which processes them before rendering.
    pub photos: usize,
    /// Bytes published, photos included; filled in by the build.
    pub bytes: u64,
}

/// What every page of a site is rendered from, worked out once: the templates, every page's
/// Markdown and card. A build uses it once; `canting serve` keeps it with the record of what each
/// file shows, so that after an edit only the files that show the change are rendered again.
pub struct Prepared {
    tera: Tera,
    bodies: Vec<Body>,
    intros: HashMap<(Option<Section>, Lang), String>,
    cards: Vec<Value>,
    globals: HashMap<Lang, Globals>,
    share_cards: preview::ShareCards,
    now: chrono::DateTime<chrono::Utc>,
    /// Every page's source file, by id: an edit renumbers pages, files stay.
    files: Vec<std::path::PathBuf>,
    record: Record,
    /// Whether the render notes what each file shows in `record`: only for a build that is kept
    /// to be updated. An update without a record renders every file again.
    recording: bool,
    /// The files besides HTML pages written last, by what they follow from, so that those of a
    /// page that is gone go too.
    promoted: HashMap<promotion::Part, Vec<String>>,
    /// What the next [`Prepared::promote`] makes again.
    due: promotion::Scope,
    /// The outline of the site the last update was for: the site before the next edit.
    outline: Option<Outline>,
}

impl Prepared {
    /// Compiles the theme's templates and renders every page's Markdown and card; errors in the
    /// templates or in the Markdown are returned instead. With `record`, the render notes what
    /// each file shows, for [`Prepared::update`]; a build that is not kept need not.
    pub fn new(
        site: &Site,
        theme: &Theme,
        now: chrono::DateTime<chrono::Utc>,
        record: bool,
    ) -> Result<Prepared, Vec<Diagnostic>> {
        let tera = templates(theme)?;
        let urls = record.then(|| Urls::of(site));
        let bodies = markdown_bodies(site, urls.as_ref());
        let mut errors: Vec<Diagnostic> = bodies.iter().flat_map(|b| b.errors.clone()).collect();
        let intros = intro_bodies(site, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let share_cards = preview::ShareCards::for_jobs(site, jobs::all(site).iter());
        Ok(Prepared {
            tera,
            cards: all_cards(site, theme, &bodies, share_cards),
            bodies,
            intros,
            globals: all_globals(site, theme),
            share_cards,
            now,
            files: site.pages.iter().map(|p| p.file.clone()).collect(),
            record: Record::default(),
            recording: record,
            promoted: HashMap::new(),
            due: promotion::Scope::All,
            outline: None,
        })
    }

    fn renderer<'a>(&'a self, site: &'a Site, theme: &'a Theme) -> PageRenderer<'a> {
        PageRenderer {
            site,
            tera: &self.tera,
            strings: &theme.strings,
            bodies: &self.bodies,
            intros: &self.intros,
            cards: &self.cards,
            globals: &self.globals,
            share_cards: self.share_cards,
            today: self
                .now
                .with_timezone(&site.config.timezone.offset)
                .date_naive(),
        }
    }

    /// Renders and writes the whole site, and records what each page shows.
    pub fn write(
        &mut self,
        site: &Site,
        theme: &Theme,
        staging: &Staging,
    ) -> Result<Written, Vec<Diagnostic>> {
        let mut steps = crate::timing::Steps::start();
        let jobs = jobs::plan(site, jobs::all(site))?;
        let urls = self.recording.then(|| Urls::of(site));
        let cards = self.render_jobs(site, theme, &jobs, urls.as_ref(), staging)?;
        steps.step("pages rendered");
        let mut files = copy_files(site, theme, staging)?;
        steps.step("files copied");
        files += preview::write_cards(site, theme, staging, cards)?;
        files += preview::write_icons(site, theme, staging)?;
        steps.step("share cards and icons");
        files += self
            .promote(site, theme, staging, &|| false)?
            .unwrap_or_default();
        steps.step("promoted");
        Ok(Written {
            pages: jobs.len(),
            files,
            photos: 0,
            bytes: 0,
        })
    }

    /// Writes the files besides HTML pages that follow from the pages (QR codes, calendars,
    /// feeds, the sitemap, open data, the search index): all of them after a build, those the
    /// edits since the last promotion reached after [`Prepared::update`], removing those of pages
    /// that are gone; how many were written. `None`, with all of it still due, when `stop` said so:
    /// then only pages' own files (QR codes, an exhibition's calendar file) may have been written.
    pub fn promote(
        &mut self,
        site: &Site,
        theme: &Theme,
        staging: &Staging,
        stop: Stop,
    ) -> Result<Option<usize>, Vec<Diagnostic>> {
        let due = std::mem::replace(&mut self.due, promotion::Scope::none());
        let bodies = &self.bodies;
        let body_words = |id: PageId| bodies[id].words.as_str();
        let written = promotion::write(
            site,
            &body_words,
            &theme.strings,
            staging,
            self.now,
            (&due, stop),
        )?;
        let Some(written) = written else {
            self.due = due;
            return Ok(None);
        };
        let count = written.values().map(Vec::len).sum();
        for (part, paths) in written {
            let old = self.promoted.remove(&part).unwrap_or_default();
            remove_unless(staging, old, &paths);
            self.promoted.insert(part, paths);
        }
        let pages: std::collections::HashSet<&std::path::PathBuf> =
            site.pages.iter().map(|p| &p.file).collect();
        let gone: Vec<promotion::Part> = self
            .promoted
            .keys()
            .filter(|part| matches!(part, promotion::Part::Page(f) if !pages.contains(f)))
            .cloned()
            .collect();
        for part in gone {
            let old = self.promoted.remove(&part).unwrap_or_default();
            remove_unless(staging, old, &[]);
        }
        Ok(Some(count))
    }

    /// Every file besides HTML pages that the last [`Prepared::promote`] wrote.
    pub fn promoted(&self) -> Vec<String> {
        self.promoted.values().flatten().cloned().collect()
    }

    /// Renders and writes `jobs` in parallel and records what each shows; the share cards their
    /// previews need, by path in the output.
    fn render_jobs(
        &mut self,
        site: &Site,
        theme: &Theme,
        jobs: &[Planned],
        urls: Option<&Urls>,
        staging: &Staging,
    ) -> Result<Vec<(String, crate::share::Card)>, Vec<Diagnostic>> {
        let renderer = self.renderer(site, theme);
        let results: Vec<Result<_, Diagnostic>> = jobs
            .par_iter()
            .map(|Planned { job, path }| {
                let (html, card) = renderer.render_with_card(job)?;
                staging.write(path, html.as_bytes()).map_err(|e| {
                    Diagnostic::error(t!("render.cannot_write_output", why = io_reason(&e)))
                })?;
                // What the file shows, for the record; `None` when nothing is recorded.
                let shows = urls.map(|urls| {
                    let mut shows = urls.linked(site, &html);
                    shows.extend(job.page());
                    shows
                });
                Ok((path.clone(), shows, card))
            })
            .collect();
        let mut cards = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok((path, shows, card)) => {
                    let card_path = card.as_ref().map(|(path, _)| path.as_str());
                    if let Some(shows) = shows
                        && let Some(unused) = self.record.note(site, path, &shows, card_path)
                    {
                        // A card no page shows any more, as a whole build would not write it.
                        let _ = staging.remove(&unused);
                    }
                    cards.extend(card);
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(cards)
        } else {
            Err(errors)
        }
    }
}

/// Removes the files `old` of a group from the output, except those it still writes (`new`).
fn remove_unless(staging: &Staging, old: Vec<String>, new: &[String]) {
    let new: std::collections::HashSet<&String> = new.iter().collect();
    for path in old {
        if !new.contains(&path) {
            // Left behind, it is only a file the preview serves by mistake.
            let _ = staging.remove(&path);
        }
    }
}

/// Every page's card, in parallel.
fn all_cards(
    site: &Site,
    theme: &Theme,
    bodies: &[Body],
    share_cards: preview::ShareCards,
) -> Vec<Value> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|id| page_card(site, theme, id, &bodies[id], share_cards))
        .collect()
}

/// Every language's globals.
fn all_globals(site: &Site, theme: &Theme) -> HashMap<Lang, Globals> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let globals = Globals::new(site, &l.code, &theme.strings[&l.code]);
            (l.code.clone(), globals)
        })
        .collect()
}

fn page_card(
    site: &Site,
    theme: &Theme,
    id: PageId,
    body: &Body,
    cards: preview::ShareCards,
) -> Value {
    let s = &theme.strings[&site.pages[id].lang];
    Value::from_serializable(&card(site, id, body.first_paragraph.as_deref(), s, cards))
}

/// What rendering would find wrong, without rendering: templates that do not compile and broken
/// links in Markdown bodies. For `canting check`.
pub fn validate(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let mut errors = templates(theme).err().unwrap_or_default();
    let bodies = markdown_bodies(site, None);
    errors.extend(bodies.into_iter().flat_map(|b| b.errors));
    intro_bodies(site, &mut errors);
    errors
}

/// The theme's static files and every non-Markdown file under `content/`.
fn copy_files(site: &Site, theme: &Theme, staging: &Staging) -> Result<usize, Vec<Diagnostic>> {
    let content = site.root.join(crate::folders::CONTENT);
    let mut errors: Vec<Diagnostic> = theme
        .static_files
        .par_iter()
        .filter_map(|(path, bytes)| staging.write(path, bytes).err().map(|e| (path, e)))
        .map(|(path, e)| {
            Diagnostic::error(t!("render.cannot_write", path = path, why = io_reason(&e)))
        })
        .collect();
    // Photos are published by the photo pipeline, without their metadata.
    let files: Vec<&crate::model::AssetPath> =
        site.assets.iter().filter(|a| !a.is_photo()).collect();
    errors.extend(
        files
            .par_iter()
            .filter_map(|a| {
                staging.copy(&a.0, &content.join(&a.0)).err().map(|e| {
                    Diagnostic::error(t!("render.cannot_copy", why = io_reason(&e)))
                        .file(format!("content/{}", a.0))
                })
            })
            .collect::<Vec<_>>(),
    );
    if errors.is_empty() {
        Ok(theme.static_files.len() + files.len())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_promotion_writes_nothing_and_leaves_it_all_due() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/two-languages-every-section");
        let mut diagnostics = Vec::new();
        let (site, theme) =
            crate::build::load(&root, None, false, &mut diagnostics).expect("the fixture loads");
        let mut prepared =
            Prepared::new(&site, &theme, chrono::Utc::now(), true).expect("prepared");
        let tmp = tempfile::tempdir().expect("tempdir");
        let staging = Staging::create(&tmp.path().join("public")).expect("staging");
        let stopped = prepared
            .promote(&site, &theme, &staging, &|| true)
            .expect("no errors");
        assert_eq!(stopped, None);
        assert!(prepared.promoted().is_empty());
        // What was due is made by the next promotion that is let through.
        let written = prepared
            .promote(&site, &theme, &staging, &|| false)
            .expect("no errors")
            .expect("not stopped");
        assert!(written > 0);
        staging.commit().expect("commit");
        for file in ["sitemap.xml", "calendar.ics", "search/index.json"] {
            assert!(
                tmp.path().join("public").join(file).is_file(),
                "{file} is written"
            );
        }
    }
}
