//! The list of everything a build renders, one [`Job`] per HTML file, with each job's URL, file
//! and language, and the check that no two jobs claim the same file.

use std::collections::HashMap;

use rayon::prelude::*;
use rust_i18n::t;

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Lang, PageKey, Section, Slug};
use crate::site::{PageId, Site};

/// One HTML file to write.
#[derive(Debug, Clone)]
pub(super) enum Job {
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
    /// The search page of one language.
    Search(Lang),
}

/// A job with the file it writes, worked out once.
pub(super) struct Planned {
    pub job: Job,
    /// Relative to the output folder ([`Job::output_path`]).
    pub path: String,
}

/// Every HTML file of the site, in a stable order.
pub(super) fn all(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for lang in &site.config.languages {
        jobs.push(Job::Home(lang.code.clone()));
        for section in site.sections() {
            if section == Section::Pages {
                continue;
            }
            let count = site.section_pages(&section, &lang.code).len();
            for number in 1..=page_count(site, count) {
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
            for number in 1..=page_count(site, term.pages.len()) {
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
        if site.config.search {
            jobs.push(Job::Search(lang.code.clone()));
        }
    }
    for (id, page) in site.pages.iter().enumerate() {
        if matches!(page.kind, Kind::Workshop(_)) {
            jobs.push(Job::Flyer(id));
        }
    }
    jobs.extend(redirects(site));
    jobs
}

/// Old addresses (`aliases`) and the short links for print, each leading to a page.
fn redirects(site: &Site) -> Vec<Job> {
    struct Alias<'a> {
        path: &'a str,
        to: PageId,
    }
    // Translations usually repeat their page's old address: it leads to the default language.
    let mut aliases: Vec<Alias> = Vec::new();
    let mut seen: HashMap<(&str, &PageKey), usize> = HashMap::new();
    for (id, page) in site.pages.iter().enumerate() {
        for path in &page.aliases {
            match seen.get(&(path.as_str(), &page.key)) {
                Some(&i) if &page.lang == site.config.default_lang() => aliases[i].to = id,
                Some(_) => {}
                None => {
                    seen.insert((path, &page.key), aliases.len());
                    aliases.push(Alias { path, to: id });
                }
            }
        }
    }
    let mut jobs: Vec<Job> = aliases
        .into_iter()
        .map(|a| Job::Alias(a.to, a.path.to_string()))
        .collect();
    // Short links for print, one per workshop, leading to its default-language page.
    for key in site.keys().filter(|k| k.section == Section::Workshops) {
        if let Some(id) = site.find(key, site.config.default_lang()) {
            jobs.push(Job::Alias(id, short_path(key)));
        }
    }
    jobs
}

/// How many pages a listing of `items` takes.
pub(super) fn page_count(site: &Site, items: usize) -> usize {
    items.div_ceil(site.config.paginate).max(1)
}

/// A workshop's short link for print, inside the site: `w/<slug>/`.
pub fn short_path(key: &PageKey) -> String {
    format!("w/{}/", key.slug)
}

/// The URL of page `number` of a paginated listing.
pub(super) fn paged(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

impl Job {
    /// The page whose own file this is: its page, its flyer, a redirect to it.
    pub(super) fn page(&self) -> Option<PageId> {
        match self {
            Job::Page(id) | Job::Flyer(id) | Job::Alias(id, _) => Some(*id),
            _ => None,
        }
    }

    /// The URL path of the job's page.
    pub(super) fn url(&self, site: &Site) -> String {
        match self {
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
            Job::Calendar(lang) => site.calendar_url(lang),
            Job::Catalogue(lang) => site.print_url(lang),
            Job::Flyer(id) => format!("{}flyer/", site.url(*id)),
            Job::Search(lang) => site.search_url(lang),
        }
    }

    /// Where the job's HTML goes, relative to the output folder.
    pub(super) fn output_path(&self, site: &Site) -> String {
        site.config.base_url.output_file(&self.url(site))
    }

    /// The language the job's page is in.
    pub(super) fn lang(&self, site: &Site) -> Lang {
        match self {
            Job::Page(id) | Job::Alias(id, _) | Job::Flyer(id) => site.pages[*id].lang.clone(),
            Job::Home(lang) | Job::Listing { lang, .. } => lang.clone(),
            Job::Calendar(lang) | Job::Catalogue(lang) | Job::Search(lang) => lang.clone(),
            Job::Taxonomy(i) | Job::Term { taxonomy: i, .. } => site.taxonomies[*i].lang.clone(),
            Job::NotFound => site.config.default_lang().clone(),
        }
    }

    /// The same page in another language, where there is one.
    pub(super) fn url_in(&self, site: &Site, other: &Lang) -> Option<String> {
        match self {
            Job::Page(id) | Job::Flyer(id) => {
                let key = &site.pages[*id].key;
                let url = site
                    .translations(key)
                    .iter()
                    .find(|&&i| &site.pages[i].lang == other)
                    .map(|&i| site.url(i))?;
                Some(match self {
                    Job::Flyer(_) => format!("{url}flyer/"),
                    _ => url,
                })
            }
            Job::Calendar(_) => Some(site.calendar_url(other)),
            Job::Catalogue(_) => Some(site.print_url(other)),
            Job::Search(_) => Some(site.search_url(other)),
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
}

/// The error for two jobs that claim the same file: on the later page's file, at its `slug`
/// line when it has one, naming the other page's file and line too.
fn same_path(site: &Site, path: &str, first: &Job, second: &Job) -> Diagnostic {
    let place = |job: &Job| match job {
        Job::Page(id) => {
            let page = &site.pages[*id];
            let line = crate::site::line_of(&site.root, page, "slug", page.url_slug.as_str());
            Some((page.file.clone(), line))
        }
        _ => None,
    };
    let mut d = match place(first) {
        Some((file, line)) => {
            let other = match line {
                Some(line) => format!("{}:{line}", file.display()),
                None => file.display().to_string(),
            };
            Diagnostic::error(t!("render.same_path_as", path = path, other = other))
        }
        None => Diagnostic::error(t!("render.same_path", path = path)),
    };
    if let Some((file, line)) = place(second) {
        d = d.file(file).line(line);
    }
    d.hint(t!("render.same_path_hint"))
}

/// `jobs` with the files they write; two jobs that would write the same file are an error.
pub(super) fn plan(site: &Site, jobs: Vec<Job>) -> Result<Vec<Planned>, Vec<Diagnostic>> {
    let planned: Vec<Planned> = jobs
        .into_par_iter()
        .map(|job| Planned {
            path: job.output_path(site),
            job,
        })
        .collect();
    let mut seen: HashMap<&str, &Job> = HashMap::with_capacity(planned.len());
    let mut errors = Vec::new();
    for p in &planned {
        if let Some(first) = seen.insert(&p.path, &p.job) {
            errors.push(same_path(site, &p.path, first, &p.job));
        }
    }
    if errors.is_empty() {
        Ok(planned)
    } else {
        Err(errors)
    }
}
