//! Rendering: Markdown bodies, then every page of the site through the theme's Tera templates,
//! in parallel, straight into the staging folder.

mod view;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rust_i18n::t;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::diagnostic::{Diagnostic, io_reason};
use crate::i18n::{Strings, rupiah};
use crate::markdown::{self, Link};
use crate::model::{Kind, Lang, Section, Slug};
use crate::output::Staging;
use crate::site::{PageId, Site, TaxonomyKind};
use crate::theme::Theme;
use view::{Cards, LanguageLink, card, language_links, page_view, section_title};

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
    pub photos: usize,
}

/// One HTML file to write.
#[derive(Debug, Clone)]
enum Job {
    Page(PageId),
    Home(Lang),
    Listing {
        section: Section,
        lang: Lang,
        number: usize,
    },
    Taxonomy(usize),
    Term {
        taxonomy: usize,
        term: Slug,
        number: usize,
    },
    NotFound,
    /// An old path (`aliases`) or a short link (`w/<slug>/`) that redirects to a page.
    Alias(PageId, String),
    /// The exhibition calendar of one language.
    Calendar(Lang),
    /// The printable catalogue of one language: every workshop and motif on A4.
    Catalogue(Lang),
    /// A one-page printable flyer for a workshop.
    Flyer(PageId),
}

/// What every page of a site is rendered from, worked out once: the templates, every page's
/// Markdown and card. A build uses it once; `canting serve` keeps it, so that after an edit of
/// one page's text only that page is rendered again.
pub struct Prepared {
    tera: Tera,
    bodies: Vec<Body>,
    intros: HashMap<(Option<Section>, Lang), String>,
    cards: Vec<Value>,
    globals: HashMap<Lang, (Value, Value)>,
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
    pub fn new(
        site: &Site,
        theme: &Theme,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Prepared, Vec<Diagnostic>> {
        let tera = templates(theme)?;
        let strings = &theme.strings;
        let bodies = markdown_bodies(site);
        let mut errors: Vec<Diagnostic> = bodies.iter().flat_map(|b| b.2.clone()).collect();
        let intros = intro_bodies(site, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let cards: Vec<Value> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| page_card(site, theme, id, &bodies[id]))
            .collect();
        let globals = site
            .config
            .languages
            .iter()
            .map(|l| {
                let s = &strings[&l.code];
                let words = Value::from_serializable(&s.to_json());
                (l.code.clone(), (site_value(site, &l.code, s), words))
            })
            .collect();
        Ok(Prepared {
            tera,
            bodies,
            intros,
            cards,
            globals,
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
        let jobs = renderer.jobs();
        check_unique_paths(site, &renderer, &jobs)?;
        let results: Vec<Result<(), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let html = renderer.render(job)?;
                staging
                    .write(&renderer.output_path(job), html.as_bytes())
                    .map_err(|e| {
                        Diagnostic::error(t!("render.cannot_write_output", why = io_reason(&e)))
                    })
            })
            .collect();
        let errors: Vec<Diagnostic> = results.into_iter().filter_map(Result::err).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut files = copy_files(site, theme, staging)?;
        files += write_promotion(site, &theme.strings, staging, self.now)?;
        Ok(Written {
            pages: jobs.len(),
            files,
            photos: 0,
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
        self.bodies[id] = (rendered.html, rendered.first_paragraph, Vec::new());
        let card = page_card(site, theme, id, &self.bodies[id]);
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
            .map(|job| Ok((renderer.output_path(job), renderer.render(job)?)))
            .collect::<Result<_, Diagnostic>>()
            .map_err(|e| vec![e])
    }
}

fn page_card(site: &Site, theme: &Theme, id: PageId, body: &Body) -> Value {
    let s = &theme.strings[&site.pages[id].lang];
    Value::from_serializable(&card(site, id, body.1.as_deref(), s))
}

/// What rendering would find wrong, without rendering: templates that do not compile and broken
/// links in Markdown bodies. For `canting check`.
pub fn validate(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let mut errors = templates(theme).err().unwrap_or_default();
    errors.extend(markdown_bodies(site).into_iter().flat_map(|b| b.2));
    intro_bodies(site, &mut errors);
    errors
}

/// Everything besides HTML pages that promotes the catalogue: QR codes, calendars, feeds, the
/// sitemap and the open data, written in parallel.
fn write_promotion(
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    staging: &Staging,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if view::has_qr(&page.kind) {
            match crate::qr::svg(&crate::qr::target(site, id)) {
                Ok(svg) => files.push((crate::qr::file(site, id), svg)),
                Err(why) => errors.push(
                    Diagnostic::error(t!("render.no_qr", why = why))
                        .file(&page.file)
                        .hint(t!("render.no_qr_hint")),
                ),
            }
        }
        if matches!(page.kind, Kind::Event(_)) {
            files.push((
                crate::calendar::event_file(site, id),
                crate::calendar::event_ics(site, id, now),
            ));
        }
    }
    for lang in &site.config.languages {
        let lang = &lang.code;
        files.push((
            crate::calendar::feed_file(site, lang),
            crate::calendar::feed_ics(site, lang, now),
        ));
        for section in [Section::News, Section::Events] {
            let (rss, atom) = crate::feeds::files(site, lang, &section);
            files.push((rss, crate::feeds::rss(site, lang, &section, &strings[lang])));
            files.push((
                atom,
                crate::feeds::atom(site, lang, &section, &strings[lang]),
            ));
        }
        files.extend(crate::opendata::files(site, lang));
    }
    files.push(("sitemap.xml".into(), crate::seo::sitemap(site)));
    files.push(("robots.txt".into(), crate::seo::robots(site)));
    errors.extend(
        files
            .par_iter()
            .filter_map(|(path, text)| {
                staging
                    .write(path, text.as_bytes())
                    .err()
                    .map(|e| (path, e))
            })
            .map(|(path, e)| {
                Diagnostic::error(t!("render.cannot_write", path = path, why = io_reason(&e)))
            })
            .collect::<Vec<_>>(),
    );
    if errors.is_empty() {
        Ok(files.len())
    } else {
        Err(errors)
    }
}

type Body = (String, Option<String>, Vec<Diagnostic>);

/// Every page's Markdown to HTML, in parallel, with its links resolved.
fn markdown_bodies(site: &Site) -> Vec<Body> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            let p = &site.pages[id];
            let (rendered, errors) = markdown(site, &p.body, &p.dir, &p.lang, &p.file, p.body_line);
            (rendered.html, rendered.first_paragraph, errors)
        })
        .collect()
}

/// The home page's and the sections' introductions.
fn intro_bodies(
    site: &Site,
    errors: &mut Vec<Diagnostic>,
) -> HashMap<(Option<Section>, Lang), String> {
    site.indexes
        .iter()
        .map(|(key, i)| {
            let (rendered, broken) = markdown(site, &i.body, &i.dir, &i.lang, &i.file, i.body_line);
            errors.extend(broken);
            (key.clone(), rendered.html)
        })
        .collect()
}

/// One Markdown body, its links resolved from the folder of its file; broken links are errors on
/// their line of that file.
fn markdown(
    site: &Site,
    body: &str,
    dir: &str,
    lang: &Lang,
    file: &std::path::Path,
    body_line: usize,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let resolve = |url: &str| resolve_link(site, dir, lang, url);
    let (rendered, broken) = markdown::render(body, &resolve);
    let errors = broken
        .into_iter()
        .map(|b| {
            Diagnostic::error(b.message)
                .file(file)
                .line(Some(body_line + b.line))
                .hint(b.hint)
        })
        .collect();
    (rendered, errors)
}

/// A link written in Markdown: to another content file, to a file under `content/`, to a path of
/// the site, or off the site.
fn resolve_link(site: &Site, dir: &str, lang: &Lang, url: &str) -> Link {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Link::External;
    }
    if url.starts_with('#') || url.contains(':') || url.is_empty() {
        return Link::Unchanged;
    }
    let (path, anchor) = match url.find(['#', '?']) {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    if path.ends_with(".md") {
        let Some(target) = crate::content::resolve(dir, path) else {
            return Link::outside(url, true);
        };
        if let Some(url) = index_url(site, &target, lang) {
            return Link::Internal(format!("{url}{anchor}"));
        }
        return match site.by_file(&target) {
            Some(id) => {
                // The same page in the reader's language, where it has been translated.
                let id = site.find(&site.pages[id].key, lang).unwrap_or(id);
                Link::Internal(format!("{}{anchor}", site.url(id)))
            }
            None => {
                let files: Vec<String> = site
                    .pages
                    .iter()
                    .map(|p| p.file.to_string_lossy().replace('\\', "/"))
                    .collect();
                let known: std::collections::HashSet<&str> = files
                    .iter()
                    .map(|f| f.strip_prefix("content/").unwrap_or(f))
                    .collect();
                let (message, hint) = crate::content::missing_file(path, &target, &known);
                Link::Broken(message, hint)
            }
        };
    }
    if let Some(rooted) = path.strip_prefix('/') {
        // A path of the site: it gains the sub-path the site is published under.
        return Link::Internal(format!("{}{rooted}{anchor}", site.config.base_url.path()));
    }
    // A file beside the page (a PDF, a photo): published at the same path under the output.
    match crate::content::resolve(dir, path) {
        Some(target) if site.assets.iter().any(|a| a.0 == target) => {
            Link::Internal(format!("{}{anchor}", site.asset_url(&target)))
        }
        Some(target) => {
            let known = site.assets.iter().map(|a| a.0.as_str()).collect();
            let (message, hint) = crate::content::missing_file(path, &target, &known);
            Link::Broken(message, hint)
        }
        None => Link::outside(url, false),
    }
}

/// A link to `_index.<lang>.md`: the home page or a section's listing, in the reader's language.
/// The listing exists whether or not the section has an `_index` file of its own.
fn index_url(site: &Site, target: &str, lang: &Lang) -> Option<String> {
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    if name != "_index.md" && !(name.starts_with("_index.") && name.ends_with(".md")) {
        return None;
    }
    if folder.is_empty() {
        return Some(site.config.lang_root(lang));
    }
    let section = Section::from_folder(folder).ok()?;
    site.sections()
        .contains(&section)
        .then(|| site.section_url(&section, lang))
}

/// Site-wide values for one language: title, menu, sections, organisation.
fn site_value(site: &Site, lang: &Lang, strings: &Strings) -> Value {
    #[derive(Serialize)]
    struct MenuItem {
        title: String,
        url: String,
    }
    let language = site.config.language(lang.as_str());
    let mut menu: Vec<(i64, MenuItem)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| &p.lang == lang)
        .filter_map(|(id, p)| match &p.kind {
            Kind::Page(plain) => plain.menu.map(|w| {
                (
                    w,
                    MenuItem {
                        title: p.title.clone(),
                        url: site.url(id),
                    },
                )
            }),
            _ => None,
        })
        .collect();
    menu.sort_by_key(|(w, _)| *w);
    let sections: Vec<MenuItem> = [
        Section::Workshops,
        Section::Motifs,
        Section::Events,
        Section::News,
    ]
    .iter()
    .filter(|s| {
        site.pages
            .iter()
            .any(|p| &p.key.section == *s && &p.lang == lang)
    })
    .map(|s| MenuItem {
        title: section_title(site, s, lang, strings),
        url: site.section_url(s, lang),
    })
    .collect();
    let org = &site.config.organization;
    let base = site.config.base_url.path();
    let value = serde_json::json!({
        "title": language.map_or(site.config.title.as_str(), |l| l.title.as_str()),
        "lang": lang.as_str(),
        "lang_name": language.map_or(lang.as_str(), |l| l.name.as_str()),
        "locale": view::og_locale(lang),
        "base_path": base,
        "base_url": site.config.absolute(base),
        "origin": site.config.base_url.origin(),
        "home_url": site.config.lang_root(lang),
        "css_url": format!("{base}style.css"),
        "menu": menu.into_iter().map(|(_, m)| m).collect::<Vec<_>>(),
        "sections": sections,
        "organization": {
            "name": org.name,
            "whatsapp_url": org.whatsapp.as_ref().map(|p| p.whatsapp_url()),
            "whatsapp": org.whatsapp.as_ref().map(|p| p.display()),
            "email": org.email,
            "instagram": org.instagram,
            "address": org.address,
        },
        "extra": site.config.extra,
    });
    Value::from_serializable(&value)
}

struct PageRenderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    strings: &'a BTreeMap<Lang, Strings>,
    bodies: &'a [Body],
    intros: &'a HashMap<(Option<Section>, Lang), String>,
    cards: &'a [Value],
    globals: &'a HashMap<Lang, (Value, Value)>,
    today: NaiveDate,
}

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<(usize, String)>,
}

impl PageRenderer<'_> {
    fn per_page(&self) -> usize {
        self.site.config.paginate
    }

    fn page_count(&self, items: usize) -> usize {
        items.div_ceil(self.per_page()).max(1)
    }

    fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
        for lang in &site.config.languages {
            jobs.push(Job::Home(lang.code.clone()));
            for section in site.sections() {
                if section == Section::Pages {
                    continue;
                }
                let count = site.section_pages(&section, &lang.code).len();
                for number in 1..=self.page_count(count) {
                    jobs.push(Job::Listing {
                        section: section.clone(),
                        lang: lang.code.clone(),
                        number,
                    });
                }
            }
        }
        // Every taxonomy has its index in every language, empty or not: the theme links to them.
        for (i, taxonomy) in site.taxonomies.iter().enumerate() {
            jobs.push(Job::Taxonomy(i));
            for (slug, term) in &taxonomy.terms {
                for number in 1..=self.page_count(term.pages.len()) {
                    jobs.push(Job::Term {
                        taxonomy: i,
                        term: slug.clone(),
                        number,
                    });
                }
            }
        }
        jobs.push(Job::NotFound);
        for lang in &site.config.languages {
            jobs.push(Job::Calendar(lang.code.clone()));
            jobs.push(Job::Catalogue(lang.code.clone()));
        }
        for (id, page) in site.pages.iter().enumerate() {
            if matches!(page.kind, Kind::Workshop(_)) {
                jobs.push(Job::Flyer(id));
            }
        }
        // Translations usually repeat their page's old address: it leads to the default language.
        let mut aliases: Vec<(&str, &crate::model::PageKey, PageId)> = Vec::new();
        for (id, page) in site.pages.iter().enumerate() {
            for alias in &page.aliases {
                match aliases
                    .iter_mut()
                    .find(|(a, key, _)| *a == alias && *key == &page.key)
                {
                    Some(entry) if &page.lang == site.config.default_lang() => entry.2 = id,
                    Some(_) => {}
                    None => aliases.push((alias, &page.key, id)),
                }
            }
        }
        jobs.extend(
            aliases
                .into_iter()
                .map(|(a, _, id)| Job::Alias(id, a.to_string())),
        );
        // Short links for print, one per workshop, leading to its default-language page.
        for key in site.keys().filter(|k| k.section == Section::Workshops) {
            if let Some(id) = site.find(key, site.config.default_lang()) {
                jobs.push(Job::Alias(id, short_path(key)));
            }
        }
        jobs
    }

    /// The URL path of a job's page.
    fn url(&self, job: &Job) -> String {
        let site = self.site;
        match job {
            Job::Page(id) => site.url(*id),
            Job::Home(lang) => site.config.lang_root(lang),
            Job::Listing {
                section,
                lang,
                number,
            } => paged(&site.section_url(section, lang), *number),
            Job::Taxonomy(i) => {
                let t = &site.taxonomies[*i];
                site.taxonomy_url(t.kind, &t.lang, None)
            }
            Job::Term {
                taxonomy,
                term,
                number,
            } => {
                let t = &site.taxonomies[*taxonomy];
                paged(&site.taxonomy_url(t.kind, &t.lang, Some(term)), *number)
            }
            Job::NotFound => format!("{}404.html", site.config.base_url.path()),
            Job::Alias(_, path) => format!("{}{path}", site.config.base_url.path()),
            Job::Calendar(lang) => format!("{}calendar/", site.config.lang_root(lang)),
            Job::Catalogue(lang) => format!("{}print/", site.config.lang_root(lang)),
            Job::Flyer(id) => format!("{}flyer/", site.url(*id)),
        }
    }

    /// Where the job's HTML goes, relative to the output folder.
    fn output_path(&self, job: &Job) -> String {
        self.site.config.base_url.output_file(&self.url(job))
    }

    fn lang_of(&self, job: &Job) -> Lang {
        match job {
            Job::Page(id) => self.site.pages[*id].lang.clone(),
            Job::Home(lang) | Job::Listing { lang, .. } => lang.clone(),
            Job::Taxonomy(i) | Job::Term { taxonomy: i, .. } => {
                self.site.taxonomies[*i].lang.clone()
            }
            Job::NotFound => self.site.config.default_lang().clone(),
            Job::Alias(id, _) | Job::Flyer(id) => self.site.pages[*id].lang.clone(),
            Job::Calendar(lang) | Job::Catalogue(lang) => lang.clone(),
        }
    }

    /// The same page in another language, where there is one.
    fn url_in(&self, job: &Job, other: &Lang) -> Option<String> {
        let site = self.site;
        match job {
            Job::Page(id) | Job::Flyer(id) => {
                let key = &site.pages[*id].key;
                let url = site
                    .translations(key)
                    .iter()
                    .find(|&&i| &site.pages[i].lang == other)
                    .map(|&i| site.url(i))?;
                Some(match job {
                    Job::Flyer(_) => format!("{url}flyer/"),
                    _ => url,
                })
            }
            Job::Calendar(_) => Some(format!("{}calendar/", site.config.lang_root(other))),
            Job::Catalogue(_) => Some(format!("{}print/", site.config.lang_root(other))),
            Job::Home(_) | Job::NotFound | Job::Alias(..) => Some(site.config.lang_root(other)),
            Job::Listing { section, .. } => Some(site.section_url(section, other)),
            Job::Taxonomy(i) => Some(site.taxonomy_url(site.taxonomies[*i].kind, other, None)),
            Job::Term { taxonomy, term, .. } => {
                let kind = site.taxonomies[*taxonomy].kind;
                site.taxonomies
                    .iter()
                    .find(|t| t.kind == kind && &t.lang == other)
                    .filter(|t| t.terms.contains_key(term))
                    .map(|_| site.taxonomy_url(kind, other, Some(term)))
            }
        }
    }

    fn render(&self, job: &Job) -> Result<String, Diagnostic> {
        let site = self.site;

        let lang = self.lang_of(job);
        let strings = &self.strings[&lang];
        let (site_value, words) = &self.globals[&lang];
        let mut ctx = Context::new();
        ctx.insert_value("site", site_value.clone());
        ctx.insert_value("t", words.clone());
        let languages: Vec<LanguageLink> = language_links(site, &lang, |l| self.url_in(job, l));
        ctx.insert("languages", &languages);
        let url = self.url(job);
        ctx.insert("url", &url);
        ctx.insert("permalink", &site.config.absolute(&url));
        let site_title = site
            .config
            .language(lang.as_str())
            .map_or(site.config.title.as_str(), |l| l.title.as_str());
        let mut meta = view::Meta {
            title: site_title.to_string(),
            description: site
                .indexes
                .get(&(None, lang.clone()))
                .and_then(|i| i.summary.clone())
                .unwrap_or_else(|| site_title.to_string()),
            image: None,
            kind: "website",
        };
        let home_url = site.config.absolute(&site.config.lang_root(&lang));
        let mut json_ld = crate::seo::breadcrumbs_json_ld(&[
            (strings.get("home").to_string(), home_url.clone()),
            (meta.title.clone(), site.config.absolute(&url)),
        ]);
        let template = match job {
            Job::Page(id) | Job::Flyer(id) => {
                let (html, first, _) = &self.bodies[*id];
                let cards = Cards {
                    site,
                    cards: self.cards,
                };
                let view = page_view(
                    site,
                    *id,
                    html.clone(),
                    first.as_deref(),
                    strings,
                    &cards,
                    self.today,
                );
                let template = match job {
                    Job::Flyer(_) => "flyer.html".to_string(),
                    _ => format!("{}.html", view.kind),
                };
                json_ld = crate::seo::page_json_ld(site, *id, &view.description, strings);
                meta = view::Meta {
                    title: view.title.to_string(),
                    description: view.description.clone(),
                    image: view.image.clone(),
                    kind: if view.kind == "news" {
                        "article"
                    } else {
                        "website"
                    },
                };
                ctx.insert("page", &view);
                template
            }
            Job::Calendar(lang) => {
                self.calendar_context(&mut ctx, lang);
                "calendar.html".into()
            }
            Job::Catalogue(lang) => {
                self.catalogue_context(&mut ctx, lang, strings);
                "catalogue.html".into()
            }
            Job::Home(lang) => {
                json_ld = crate::seo::home_json_ld(site, lang);
                self.home_context(&mut ctx, lang);
                "index.html".into()
            }
            Job::Listing {
                section,
                lang,
                number,
            } => {
                let ids = self.listing(section, lang);
                let intro = self.intros.get(&(Some(section.clone()), lang.clone()));
                let summary = site
                    .indexes
                    .get(&(Some(section.clone()), lang.clone()))
                    .and_then(|i| i.summary.clone());
                meta.title = format!(
                    "{} · {site_title}",
                    section_title(site, section, lang, strings)
                );
                if let Some(summary) = &summary {
                    meta.description = summary.clone();
                }
                ctx.insert(
                    "section",
                    &serde_json::json!({
                        "name": section.folder(),
                        "title": section_title(site, section, lang, strings),
                        "intro": intro,
                        "summary": summary,
                        "url": site.section_url(section, lang),
                    }),
                );
                self.paginate(&mut ctx, &ids, *number, &site.section_url(section, lang));
                "section.html".into()
            }
            Job::Taxonomy(i) => {
                let t = &site.taxonomies[*i];
                let terms: Vec<serde_json::Value> = t
                    .terms
                    .iter()
                    .map(|(slug, term)| {
                        serde_json::json!({
                            "name": term_name(t.kind, &term.name, strings),
                            "url": site.taxonomy_url(t.kind, &t.lang, Some(slug)),
                            "count": term.pages.len(),
                        })
                    })
                    .collect();
                ctx.insert(
                    "taxonomy",
                    &serde_json::json!({
                        "name": t.kind.name(),
                        "title": strings.get(t.kind.name()),
                        "url": site.taxonomy_url(t.kind, &t.lang, None),
                        "terms": terms,
                    }),
                );
                "taxonomy.html".into()
            }
            Job::Term {
                taxonomy,
                term,
                number,
            } => {
                let t = &site.taxonomies[*taxonomy];
                let entry = &t.terms[term];
                let base = site.taxonomy_url(t.kind, &t.lang, Some(term));
                ctx.insert(
                    "term",
                    &serde_json::json!({
                        "name": term_name(t.kind, &entry.name, strings),
                        "taxonomy": t.kind.name(),
                        "taxonomy_title": strings.get(t.kind.name()),
                        "taxonomy_url": site.taxonomy_url(t.kind, &t.lang, None),
                        "url": base,
                    }),
                );
                self.paginate(&mut ctx, &entry.pages, *number, &base);
                "term.html".into()
            }
            Job::NotFound => "404.html".into(),
            Job::Alias(id, _) => {
                return Ok(redirect(&lang, &site.config.absolute(&site.url(*id))));
            }
        };
        ctx.insert("meta", &meta);
        ctx.insert("json_ld", &json_ld);
        self.tera
            .render(&template, &ctx)
            .map_err(|e| template_error(&template, &e))
    }

    fn paginate(&self, ctx: &mut Context, ids: &[PageId], number: usize, base: &str) {
        let per = self.per_page();
        let total = self.page_count(ids.len());
        let slice = &ids[((number - 1) * per).min(ids.len())..(number * per).min(ids.len())];
        let cards: Vec<Value> = slice.iter().map(|&id| self.cards[id].clone()).collect();
        ctx.insert_value("pages", Value::from(cards));
        let url = |n: usize| paged(base, n);
        ctx.insert(
            "pagination",
            &Pagination {
                number,
                total,
                previous: (number > 1).then(|| url(number - 1)),
                next: (number < total).then(|| url(number + 1)),
                pages: (1..=total).map(|n| (n, url(n))).collect(),
            },
        );
    }

    /// A section's pages in the order visitors want: exhibitions still to come first, soonest
    /// first, then past ones, latest first; other sections newest first.
    fn listing(&self, section: &Section, lang: &Lang) -> Vec<PageId> {
        let ids = self.site.section_pages(section, lang);
        if section != &Section::Events {
            return ids;
        }
        let (mut upcoming, past): (Vec<PageId>, Vec<PageId>) =
            ids.into_iter()
                .partition(|&id| match &self.site.pages[id].kind {
                    Kind::Event(e) => e.last_day() >= self.today,
                    _ => false,
                });
        upcoming.reverse();
        upcoming.extend(past);
        upcoming
    }

    /// Exhibitions to come (soonest first) and past ones grouped by year (latest first), as of the
    /// build; a small script in the theme moves events that end later to "past".
    fn calendar_context(&self, ctx: &mut Context, lang: &Lang) {
        let site = self.site;
        let ids = self.listing(&Section::Events, lang);
        let (upcoming, past): (Vec<PageId>, Vec<PageId>) = ids.into_iter().partition(
            |&id| matches!(&site.pages[id].kind, Kind::Event(e) if e.last_day() >= self.today),
        );
        let mut years: Vec<(i32, Vec<Value>)> = Vec::new();
        for id in past {
            let Kind::Event(e) = &site.pages[id].kind else {
                continue;
            };
            let year = e.start.date().year();
            match years.last_mut() {
                Some((y, cards)) if *y == year => cards.push(self.cards[id].clone()),
                _ => years.push((year, vec![self.cards[id].clone()])),
            }
        }
        let years: Vec<Value> = years
            .into_iter()
            .map(|(year, cards)| {
                let mut map = BTreeMap::new();
                map.insert("year", Value::from(year));
                map.insert("pages", Value::from(cards));
                Value::from(map)
            })
            .collect();
        let upcoming: Vec<Value> = upcoming.iter().map(|&id| self.cards[id].clone()).collect();
        ctx.insert_value("upcoming", Value::from(upcoming));
        ctx.insert_value("past_years", Value::from(years));
        ctx.insert("today", &self.today.to_string());
        let feed = format!("{}calendar.ics", site.config.lang_root(lang));
        let https = site.config.absolute(&feed);
        let webcal = https
            .split_once("://")
            .map_or(https.clone(), |(_, rest)| format!("webcal://{rest}"));
        ctx.insert("calendar_https", &https);
        ctx.insert("calendar_webcal", &webcal);
        let strings = &self.strings[lang];
        let months: Vec<serde_json::Value> = crate::calendar::months(site, lang, self.today)
            .into_iter()
            .map(|m| {
                let weeks: Vec<Vec<serde_json::Value>> = m
                    .weeks
                    .iter()
                    .map(|week| {
                        week.iter()
                            .map(|day| match day {
                                None => serde_json::Value::Null,
                                Some(d) => serde_json::json!({
                                    "day": d.day,
                                    "today": d.today,
                                    "events": d.events.iter().map(|&id| serde_json::json!({
                                        "title": site.pages[id].title,
                                        "url": site.url(id),
                                        "status": self.cards[id].get_from_path("status_label"),
                                    })).collect::<Vec<_>>(),
                                }),
                            })
                            .collect()
                    })
                    .collect();
                serde_json::json!({
                    "name": strings.month(m.month),
                    "year": m.year,
                    "weeks": weeks,
                })
            })
            .collect();
        ctx.insert("months", &months);
    }

    /// Every workshop with what a visitor at a stand needs, and every motif with its picture.
    fn catalogue_context(&self, ctx: &mut Context, lang: &Lang, strings: &Strings) {
        let site = self.site;
        let workshops: Vec<view::PrintWorkshop> = site
            .section_pages(&Section::Workshops, lang)
            .into_iter()
            .map(|id| view::print_workshop(site, id, strings))
            .collect();
        let motifs: Vec<Value> = site
            .section_pages(&Section::Motifs, lang)
            .into_iter()
            .map(|id| self.cards[id].clone())
            .collect();
        ctx.insert("workshops", &workshops);
        ctx.insert_value("motifs", Value::from(motifs));
    }

    fn home_context(&self, ctx: &mut Context, lang: &Lang) {
        let site = self.site;
        let pick = |section: Section, n: usize, filter: &dyn Fn(PageId) -> bool| -> Value {
            let mut ids: Vec<PageId> = site
                .section_pages(&section, lang)
                .into_iter()
                .filter(|&id| filter(id))
                .collect();
            if section == Section::Workshops || section == Section::Motifs {
                // Weight first (lower comes first), so the association chooses what leads.
                ids.sort_by_key(|&id| site.pages[id].weight);
            }
            Value::from(
                ids.into_iter()
                    .take(n)
                    .map(|id| self.cards[id].clone())
                    .collect::<Vec<_>>(),
            )
        };
        let upcoming = |id: PageId| match &site.pages[id].kind {
            Kind::Event(e) => e.last_day() >= self.today,
            _ => false,
        };
        let mut events: Vec<PageId> = site
            .section_pages(&Section::Events, lang)
            .into_iter()
            .filter(|&id| upcoming(id))
            .collect();
        events.sort_by_key(|&id| match &site.pages[id].kind {
            Kind::Event(e) => e.start.date(),
            _ => NaiveDate::MAX,
        });
        let events: Vec<Value> = events
            .into_iter()
            .take(3)
            .map(|id| self.cards[id].clone())
            .collect();
        let index = site.indexes.get(&(None, lang.clone()));
        ctx.insert(
            "home",
            &serde_json::json!({
                "title": index.map(|i| i.title.clone()),
                "summary": index.and_then(|i| i.summary.clone()),
                "intro": self.intros.get(&(None, lang.clone())),
            }),
        );
        ctx.insert_value("workshops", pick(Section::Workshops, 6, &|_| true));
        ctx.insert_value("motifs", pick(Section::Motifs, 6, &|_| true));
        ctx.insert_value("events", Value::from(events));
        ctx.insert_value("news", pick(Section::News, 3, &|_| true));
    }
}

/// A workshop's short link for print, inside the site: `w/<slug>/`.
pub fn short_path(key: &crate::model::PageKey) -> String {
    format!("w/{}/", key.slug)
}

/// The URL of page `number` of a paginated listing.
fn paged(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// A page that sends visitors (and search engines) from an old address to the new one; it works
/// without JavaScript on any static host.
fn redirect(lang: &Lang, to: &str) -> String {
    let to = crate::escape::html(to);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{to}</title>\n\
         <link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n\
         <body><p><a href=\"{to}\">{to}</a></p></body>\n</html>\n"
    )
}

/// Techniques have fixed names (`tulis`) that the theme translates; other terms are as written.
fn term_name(kind: TaxonomyKind, name: &str, strings: &Strings) -> String {
    match kind {
        TaxonomyKind::Technique => strings.technique(name),
        _ => name.to_string(),
    }
}

fn template_error(template: &str, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic::error(t!(
        "render.template_failed",
        template = template,
        why = message
    ))
    .file(format!("{}/templates/{template}", crate::folders::THEMES))
    .hint(t!("render.template_failed_hint"))
}

/// Two pages that would be written to the same place.
fn check_unique_paths(site: &Site, r: &PageRenderer, jobs: &[Job]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: HashMap<String, &Job> = HashMap::new();
    let mut errors = Vec::new();
    for job in jobs {
        let path = r.output_path(job);
        if let Some(first) = seen.insert(path.clone(), job) {
            let file = match (job, first) {
                (Job::Page(id), _) | (_, Job::Page(id)) => Some(site.pages[*id].file.clone()),
                _ => None,
            };
            let mut d = Diagnostic::error(t!("render.same_path", path = path))
                .hint(t!("render.same_path_hint"));
            if let Some(f) = file {
                d = d.file(f);
            }
            errors.push(d);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
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

/// Tera with the theme's templates and canting's filters.
fn templates(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    register_filters(&mut tera, Arc::new(theme.strings.clone()));
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        vec![
            Diagnostic::error(t!("render.templates_unreadable", why = e))
                .file(crate::folders::THEMES)
                .hint(t!("render.templates_unreadable_hint")),
        ]
    })?;
    Ok(tera)
}

/// The filters Tera 2 dropped that themes want, and a few of canting's own.
fn register_filters(tera: &mut Tera, strings: Arc<BTreeMap<Lang, Strings>>) {
    tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| {
        Slug::from_name(s).to_string()
    });
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| {
        crate::escape::urlencode(s)
    });
    tera.register_filter("rupiah", |n: u64, _: Kwargs, _: &State| rupiah(n));
    tera.register_filter(
        "date",
        move |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let lang: Option<&str> = kwargs.get("lang")?;
            let date = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
                .map_err(|_| tera::Error::message(t!("render.not_a_date", value = s)))?;
            let strings = lang
                .and_then(|l| strings.iter().find(|(k, _)| k.as_str() == l))
                .or_else(|| strings.iter().next())
                .map(|(_, s)| s);
            Ok(strings.map_or_else(|| date.to_string(), |s| s.date(date)))
        },
    );
}
