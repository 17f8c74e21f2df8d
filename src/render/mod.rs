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
mod templates;
mod view;

pub use jobs::short_path;

use std::collections::HashMap;

use rayon::prelude::*;
use rust_i18n::t;
use tera::{Tera, Value};

use crate::diagnostic::{Diagnostic, io_reason};
use crate::model::{Kind, Lang, Section};
use crate::output::Staging;
use crate::site::{PageId, Site};
use crate::theme::Theme;
use globals::Globals;
use jobs::Job;
use links::{Body, intro_bodies, markdown, markdown_bodies};
use pages::PageRenderer;
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
/// Markdown and card. A build uses it once; `canting serve` keeps it, so that after an edit of
/// one page's text only that page is rendered again.
pub struct Prepared {
    tera: Tera,
    bodies: Vec<Body>,
    intros: HashMap<(Option<Section>, Lang), String>,
    cards: Vec<Value>,
    globals: HashMap<Lang, Globals>,
    share_cards: preview::ShareCards,
    now: chrono::DateTime<chrono::Utc>,
}

/// What an edit of one page's text changed, as far as the rest of the site can see.
#[derive(Debug, PartialEq, Eq)]
pub enum Reach {
    /// Only the page's own files (its page, its flyer).
    Page,
    /// Its card or description too, shown in listings, feeds and calendars: render everything.
    Site,
}

impl Prepared {
    /// Compiles the theme's templates and renders every page's Markdown and card; errors in the
    /// templates or in the Markdown are returned instead.
    pub fn new(
        site: &Site,
        theme: &Theme,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Prepared, Vec<Diagnostic>> {
        let tera = templates(theme)?;
        let strings = &theme.strings;
        let bodies = markdown_bodies(site);
        let mut errors: Vec<Diagnostic> = bodies.iter().flat_map(|b| b.errors.clone()).collect();
        let intros = intro_bodies(site, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let share_cards = preview::ShareCards::for_jobs(site, &jobs::all(site));
        let cards: Vec<Value> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| page_card(site, theme, id, &bodies[id], share_cards))
            .collect();
        let globals = site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    Globals::new(site, &l.code, &strings[&l.code]),
                )
            })
            .collect();
        Ok(Prepared {
            tera,
            bodies,
            intros,
            cards,
            globals,
            share_cards,
            now,
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

    /// Renders and writes the whole site.
    pub fn write(
        &self,
        site: &Site,
        theme: &Theme,
        staging: &Staging,
    ) -> Result<Written, Vec<Diagnostic>> {
        let renderer = self.renderer(site, theme);
        let jobs = jobs::all(site);
        jobs::check_unique_paths(site, &jobs)?;
        let results: Vec<Result<_, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let (html, card) = renderer.render_with_card(job)?;
                staging
                    .write(&job.output_path(site), html.as_bytes())
                    .map_err(|e| {
                        Diagnostic::error(t!("render.cannot_write_output", why = io_reason(&e)))
                    })?;
                Ok(card)
            })
            .collect();
        let mut cards = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(card) => cards.extend(card),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut files = copy_files(site, theme, staging)?;
        files += preview::write(site, theme, staging, cards)?;
        files += promotion::write(site, &theme.strings, staging, self.now)?;
        Ok(Written {
            pages: jobs.len(),
            files,
            photos: 0,
            bytes: 0,
        })
    }

    /// Takes in a new text of page `id` (whose front matter did not change) and tells how far the
    /// change reaches. Broken links in the new text are errors, and nothing is taken in.
    pub fn update_text(
        &mut self,
        site: &Site,
        theme: &Theme,
        id: PageId,
        old_description: Option<String>,
    ) -> Result<Reach, Vec<Diagnostic>> {
        let page = &site.pages[id];
        let (rendered, errors) = markdown(
            site,
            &page.body,
            &page.dir,
            &page.lang,
            &page.file,
            page.body_line,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        self.bodies[id] = Body {
            html: rendered.html,
            first_paragraph: rendered.first_paragraph,
            errors: Vec::new(),
        };
        let card = page_card(site, theme, id, &self.bodies[id], self.share_cards);
        let same = card == self.cards[id] && page.description == old_description;
        self.cards[id] = card;
        Ok(if same { Reach::Page } else { Reach::Site })
    }

    /// The files of page `id` alone, as (path in the output, HTML): its page and, for a
    /// workshop, its flyer.
    pub fn page_files(
        &self,
        site: &Site,
        theme: &Theme,
        id: PageId,
    ) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
        let renderer = self.renderer(site, theme);
        let mut jobs = vec![Job::Page(id)];
        if matches!(site.pages[id].kind, Kind::Workshop(_)) {
            jobs.push(Job::Flyer(id));
        }
        jobs.iter()
            .map(|job| Ok((job.output_path(site), renderer.render(job)?)))
            .collect::<Result<_, Diagnostic>>()
            .map_err(|e| vec![e])
    }
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
    errors.extend(markdown_bodies(site).into_iter().flat_map(|b| b.errors));
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
