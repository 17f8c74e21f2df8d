//! Rendering one HTML file: the context every page shares, then one function per kind of page
//! (a content page or flyer, a home page, a listing, a taxonomy, a term, the calendar, the
//! printable catalogue, the 404 page), each naming its template and its head.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tera::{Context, Tera, Value};

use super::globals::Globals;
use super::jobs::{Job, page_count, paged};
use super::links::Body;
use super::templates::template_error;
use super::view::{self, Cards, LanguageLink, language_links, page_view};
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::model::{Kind, Lang, Section, Slug};
use crate::site::{PageId, Site, TaxonomyKind};

/// Everything a page is rendered from, borrowed from [`super::Prepared`].
pub(super) struct PageRenderer<'a> {
    pub site: &'a Site,
    pub tera: &'a Tera,
    pub strings: &'a BTreeMap<Lang, Strings>,
    pub bodies: &'a [Body],
    pub intros: &'a HashMap<(Option<Section>, Lang), String>,
    pub cards: &'a [Value],
    pub globals: &'a HashMap<Lang, Globals>,
    pub today: NaiveDate,
    /// How pages without a picture get their share card.
    pub share_cards: super::preview::ShareCards,
}

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<(usize, String)>,
}

/// How a page presents itself, worked out in one place for its `<title>`, its description, its
/// share preview (Open Graph, Twitter cards) and its structured data.
#[derive(Serialize)]
struct Head {
    /// The page's own name: the share preview's title and the last breadcrumb.
    title: String,
    /// What `<title>` shows: the name with the site's (or the flyer's) after it.
    document_title: String,
    /// The description for search results and share previews.
    description: String,
    /// The absolute URL of the share picture.
    image: Option<String>,
    /// Open Graph's `og:type`: `website` or `article`.
    kind: &'static str,
    /// Kept out of search engines (`noindex`), with no language alternates: the 404 page.
    noindex: bool,
    /// JSON-LD; `None` gives a breadcrumb list from the home page to this one.
    #[serde(skip)]
    json_ld: Option<String>,
}

impl Head {
    /// A page of the site's own (not a content page): named `title`, described by `description`.
    fn new(title: String, site_title: &str, description: String) -> Head {
        Head {
            document_title: format!("{title} · {site_title}"),
            title,
            description,
            image: None,
            kind: "website",
            noindex: false,
            json_ld: None,
        }
    }

    /// A page of the site's own that is described by its name and the site's.
    fn named(title: String, site_title: &str) -> Head {
        let description = format!("{title} · {site_title}");
        Head::new(title, site_title, description)
    }
}

impl PageRenderer<'_> {
    /// The HTML of one job and, for a page with no photo of its own, the share card its preview
    /// shows: (path in the output, what the card says).
    pub(super) fn render_with_card(
        &self,
        job: &Job,
    ) -> Result<(String, Option<(String, crate::share::Card)>), Diagnostic> {
        let site = self.site;
        let lang = job.lang(site);
        let strings = &self.strings[&lang];
        let globals = &self.globals[&lang];
        let mut ctx = Context::new();
        ctx.insert_value("site", globals.site.clone());
        ctx.insert_value("t", globals.words.clone());
        let languages: Vec<LanguageLink> = language_links(site, &lang, |l| job.url_in(site, l));
        ctx.insert("languages", &languages);
        let url = job.url(site);
        ctx.insert("url", &url);
        ctx.insert("permalink", &site.config.absolute(&url));
        let site_title = site.config.title_in(&lang);
        let (template, head) = match job {
            Job::Page(id) => self.page(&mut ctx, *id, strings, site_title, false),
            Job::Flyer(id) => self.page(&mut ctx, *id, strings, site_title, true),
            Job::Home(lang) => self.home(&mut ctx, lang, site_title),
            Job::Listing {
                section,
                lang,
                number,
            } => self.listing_page(&mut ctx, section, lang, *number, strings, site_title),
            Job::Taxonomy(i) => self.taxonomy(&mut ctx, *i, strings, site_title),
            Job::Term {
                taxonomy,
                term,
                number,
            } => self.term(&mut ctx, *taxonomy, term, *number, strings, site_title),
            Job::Calendar(lang) => {
                self.calendar_context(&mut ctx, lang);
                let head = Head::named(strings.get("calendar").to_string(), site_title);
                ("calendar.html".to_string(), head)
            }
            Job::Catalogue(lang) => {
                self.catalogue_context(&mut ctx, lang, strings);
                let head = Head::named(strings.get("print_catalogue").to_string(), site_title);
                ("catalogue.html".to_string(), head)
            }
            Job::Search(lang) => {
                self.search_context(&mut ctx, lang, strings);
                // Indexable, as a way into the catalogue; a page of results (`?q=`) names the
                // search page as its canonical address, so results are not kept one by one.
                let head = Head::named(strings.get("search").to_string(), site_title);
                ("search.html".to_string(), head)
            }
            Job::NotFound => {
                let name = strings.get("not_found_title").to_string();
                let mut head = Head::new(name, site_title, site_title.to_string());
                head.noindex = true;
                ("404.html".to_string(), head)
            }
            Job::Alias(id, _) => {
                return Ok((redirect(&lang, &site.config.absolute(&site.url(*id))), None));
            }
        };
        let mut head = head;
        let mut card = None;
        match super::preview::picture(site, job) {
            Some(photo) => head.image = Some(super::view::share_image(site, photo)),
            None => {
                let (url, drawn) =
                    super::preview::card(site, job, strings, self.share_cards, &head.title);
                head.image = Some(site.config.absolute(&url));
                card = Some((site.config.base_url.output_file(&url), drawn));
            }
        }
        let json_ld = head.json_ld.clone().unwrap_or_else(|| {
            crate::seo::breadcrumbs_json_ld(&[
                (
                    strings.get("home").to_string(),
                    site.config.absolute(&site.config.lang_root(&lang)),
                ),
                (head.title.clone(), site.config.absolute(&url)),
            ])
        });
        ctx.insert("meta", &head);
        ctx.insert("json_ld", &json_ld);
        self.tera
            .render(&template, &ctx)
            .map(|html| (html, card))
            .map_err(|e| template_error(&template, &e))
    }

    /// A workshop, motif, exhibition, news item or page, or a workshop's printable flyer.
    fn page(
        &self,
        ctx: &mut Context,
        id: PageId,
        strings: &Strings,
        site_title: &str,
        flyer: bool,
    ) -> (String, Head) {
        let site = self.site;
        let body = &self.bodies[id];
        let cards = Cards {
            site,
            cards: self.cards,
        };
        let view = page_view(
            site,
            id,
            body.html.clone(),
            body.first_paragraph.as_deref(),
            strings,
            &cards,
            self.today,
        );
        let (template, document_title) = if flyer {
            (
                "flyer.html".to_string(),
                format!("{} · {}", view.title, strings.get("flyer")),
            )
        } else {
            (
                format!("{}.html", view.kind),
                format!("{} · {site_title}", view.title),
            )
        };
        let description = if view.description.is_empty() {
            view.title.to_string()
        } else {
            view.description.clone()
        };
        let head = Head {
            title: view.title.to_string(),
            document_title,
            json_ld: Some(crate::seo::page_json_ld(
                site,
                id,
                &view.description,
                strings,
            )),
            description,
            image: None,
            kind: if view.kind == "news" {
                "article"
            } else {
                "website"
            },
            noindex: false,
        };
        ctx.insert("page", &view);
        (template, head)
    }

    fn home(&self, ctx: &mut Context, lang: &Lang, site_title: &str) -> (String, Head) {
        self.home_context(ctx, lang);
        let description = self
            .site
            .indexes
            .get(&(None, lang.clone()))
            .and_then(|i| i.summary.clone())
            .unwrap_or_else(|| site_title.to_string());
        let head = Head {
            title: site_title.to_string(),
            document_title: site_title.to_string(),
            description,
            image: None,
            kind: "website",
            noindex: false,
            json_ld: Some(crate::seo::home_json_ld(self.site, lang)),
        };
        ("index.html".to_string(), head)
    }

    fn listing_page(
        &self,
        ctx: &mut Context,
        section: &Section,
        lang: &Lang,
        number: usize,
        strings: &Strings,
        site_title: &str,
    ) -> (String, Head) {
        let site = self.site;
        let ids = self.listing(section, lang);
        let key = (Some(section.clone()), lang.clone());
        let summary = site.indexes.get(&key).and_then(|i| i.summary.clone());
        let title = site.section_title(section, lang, strings);
        let mut head = Head::new(
            title.clone(),
            site_title,
            summary.clone().unwrap_or_else(|| title.clone()),
        );
        head.document_title = format!("{title}{} · {site_title}", page_number(number, strings));
        ctx.insert(
            "section",
            &serde_json::json!({
                "name": section.folder(),
                "title": title,
                "intro": self.intros.get(&key),
                "summary": summary,
                "url": site.section_url(section, lang),
                "filters_url": crate::search::filters::url(site, section, lang),
                "index_url": site.search_url(lang),
            }),
        );
        self.paginate(ctx, &ids, number, &site.section_url(section, lang));
        ("section.html".to_string(), head)
    }

    fn taxonomy(
        &self,
        ctx: &mut Context,
        i: usize,
        strings: &Strings,
        site_title: &str,
    ) -> (String, Head) {
        let site = self.site;
        let t = &site.taxonomies[i];
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
        let title = strings.get(t.kind.name()).to_string();
        ctx.insert(
            "taxonomy",
            &serde_json::json!({
                "name": t.kind.name(),
                "title": title,
                "url": site.taxonomy_url(t.kind, &t.lang, None),
                "terms": terms,
            }),
        );
        ("taxonomy.html".to_string(), Head::named(title, site_title))
    }

    fn term(
        &self,
        ctx: &mut Context,
        taxonomy: usize,
        term: &Slug,
        number: usize,
        strings: &Strings,
        site_title: &str,
    ) -> (String, Head) {
        let site = self.site;
        let t = &site.taxonomies[taxonomy];
        let entry = &t.terms[term];
        let base = site.taxonomy_url(t.kind, &t.lang, Some(term));
        let name = term_name(t.kind, &entry.name, strings);
        let taxonomy_title = strings.get(t.kind.name());
        ctx.insert(
            "term",
            &serde_json::json!({
                "name": name,
                "taxonomy": t.kind.name(),
                "taxonomy_title": taxonomy_title,
                "taxonomy_url": site.taxonomy_url(t.kind, &t.lang, None),
                "url": base,
            }),
        );
        self.paginate(ctx, &entry.pages, number, &base);
        let title = format!("{taxonomy_title}: {name}");
        let mut head = Head::named(title.clone(), site_title);
        head.document_title = format!("{title}{} · {site_title}", page_number(number, strings));
        ("term.html".to_string(), head)
    }

    fn paginate(&self, ctx: &mut Context, ids: &[PageId], number: usize, base: &str) {
        let per = self.site.config.paginate;
        let total = page_count(self.site, ids.len());
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
        let https = site.config.absolute(&crate::calendar::feed_url(site, lang));
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

    /// The search page: where its index is, the names of the kinds of result, and the site's
    /// address for the search-engine form shown without JavaScript.
    fn search_context(&self, ctx: &mut Context, lang: &Lang, strings: &Strings) {
        let site = self.site;
        let kinds: Vec<String> = crate::search::KINDS
            .iter()
            .map(|k| strings.get(&format!("kind_{k}")).to_string())
            .collect();
        let base = site.config.absolute(site.config.base_url.path());
        let address = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest)
            .trim_end_matches('/')
            .to_string();
        ctx.insert(
            "search",
            &serde_json::json!({
                "index": site.search_url(lang),
                "kinds": kinds,
                "site_address": address,
            }),
        );
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
        // The home page opens with a photo: the first workshop's (by weight), else a motif's.
        let hero = [Section::Workshops, Section::Motifs]
            .iter()
            .find_map(|section| {
                let mut ids = site.section_pages(section, lang);
                ids.sort_by_key(|&id| site.pages[id].weight);
                ids.into_iter().find_map(|id| {
                    let page = &site.pages[id];
                    page.cover.as_ref().map(|cover| {
                        serde_json::json!({
                            "photo": super::view::photo(site, cover),
                            "title": page.title,
                            "url": site.url(id),
                        })
                    })
                })
            });
        let index = site.indexes.get(&(None, lang.clone()));
        ctx.insert("hero", &hero);
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

/// " (Halaman 2)" after the title of every page of a listing but the first.
fn page_number(number: usize, strings: &Strings) -> String {
    if number > 1 {
        format!(" ({} {number})", strings.get("page"))
    } else {
        String::new()
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
