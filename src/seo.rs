//! What search engines and share previews read: structured data (JSON-LD, schema.org), the
//! sitemap with its language alternates, and `robots.txt`.
//!
//! Everything here is a pure function of the linked site that returns text; the build decides
//! where it goes. URLs are absolute throughout, so a crawler never has to guess the sub-path.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value, json};

use crate::escape;
use crate::i18n::{Strings, rupiah};
use crate::model::{EventStatus, Kind, Lang, Page, PageKey, Section, When};
use crate::site::{PageId, Site};

const CONTEXT: &str = "https://schema.org";

/// JSON-LD for one page, ready to put between `<script type="application/ld+json">` and
/// `</script>`: valid JSON, with `<`, `>` and `&` written as `\u003c`, `\u003e` and `\u0026` so no
/// text can close the script element.
///
/// An `@graph` of the page's own node (`LocalBusiness`, `VisualArtwork`, `Event`, `NewsArticle` or
/// `WebPage`) and its `BreadcrumbList` (home → section listing → page). `description` is what the
/// page shows as its description; an empty one is left out.
pub fn page_json_ld(site: &Site, id: PageId, description: &str, strings: &Strings) -> String {
    let page = &site.pages[id];
    let url = site.config.absolute(&site.url(id));
    let mut node = Obj::new(match &page.kind {
        Kind::Workshop(_) => "LocalBusiness",
        Kind::Motif(_) => "VisualArtwork",
        Kind::Event(_) => "Event",
        Kind::News(_) => "NewsArticle",
        Kind::Page(_) => "WebPage",
    });
    node.set("@id", format!("{url}#main"));
    let name_key = if matches!(page.kind, Kind::News(_)) {
        "headline"
    } else {
        "name"
    };
    node.set(name_key, page.title.as_str());
    node.opt("description", non_empty(description));
    node.set("url", url.as_str());
    node.opt("image", images(site, page));
    let lang = page.lang.as_str();
    match &page.kind {
        Kind::Workshop(w) => {
            let mut address = Obj::new("PostalAddress");
            address.opt("streetAddress", w.address.as_deref());
            address.opt("addressLocality", w.village.as_deref());
            address.opt("addressRegion", w.district.as_deref());
            if !address.is_empty() {
                address.set("addressCountry", "ID");
                node.set("address", address);
            }
            node.opt("geo", w.location.and_then(|l| geo(l.lat, l.lon)));
            node.opt(
                "telephone",
                w.phone
                    .as_ref()
                    .or(w.whatsapp.as_ref())
                    .map(|p| format!("+{}", p.digits())),
            );
            node.opt("email", w.email.as_deref());
            let mut same_as: Vec<String> = Vec::new();
            same_as.extend(
                w.instagram
                    .iter()
                    .map(|h| format!("https://www.instagram.com/{h}/")),
            );
            same_as.extend(w.facebook.iter().cloned());
            same_as.extend(
                w.tiktok
                    .iter()
                    .map(|h| format!("https://www.tiktok.com/@{h}")),
            );
            same_as.extend(w.website.iter().cloned());
            same_as.extend(w.marketplace.iter().map(|m| m.url.clone()));
            if !same_as.is_empty() {
                node.set("sameAs", same_as);
            }
            node.opt(
                "priceRange",
                w.price_range.map(|p| {
                    if p.min == p.max {
                        rupiah(p.min)
                    } else {
                        format!("{} – {}", rupiah(p.min), rupiah(p.max))
                    }
                }),
            );
            node.opt(
                "openingHours",
                w.opening_hours.as_deref().and_then(non_empty),
            );
            node.opt("foundingDate", w.founded.map(|y| y.to_string()));
        }
        Kind::Motif(m) => {
            node.set("inLanguage", lang);
            node.set("artform", "Batik");
            // The theme may word the medium in each language; the schema.org examples are English.
            let medium = strings
                .words()
                .get("art_medium")
                .map_or("Textile", String::as_str);
            node.set("artMedium", medium);
            node.opt(
                "locationCreated",
                m.origin.as_deref().and_then(non_empty).map(|o| {
                    let mut place = Obj::new("Place");
                    place.set("name", o);
                    place
                }),
            );
            node.opt("dateCreated", m.created.map(|y| y.to_string()));
            node.opt(
                "creator",
                m.creator.as_ref().and_then(|slug| {
                    linked_organization(site, Section::Workshops, slug, &page.lang)
                }),
            );
            node.opt("datePublished", page.date.map(|d| d.to_string()));
        }
        Kind::Event(e) => {
            node.set("inLanguage", lang);
            node.set("startDate", iso_when(e.start, site.config.timezone.offset));
            node.opt(
                "endDate",
                e.end.map(|w| iso_when(w, site.config.timezone.offset)),
            );
            node.set(
                "eventStatus",
                match e.status {
                    EventStatus::Scheduled => "https://schema.org/EventScheduled",
                    EventStatus::Cancelled => "https://schema.org/EventCancelled",
                    EventStatus::Postponed => "https://schema.org/EventPostponed",
                },
            );
            node.set(
                "eventAttendanceMode",
                "https://schema.org/OfflineEventAttendanceMode",
            );
            let mut place = Obj::new("Place");
            place.opt("name", e.venue.as_deref().and_then(non_empty));
            if let Some(a) = e.address.as_deref().and_then(non_empty) {
                let mut address = Obj::new("PostalAddress");
                address.set("streetAddress", a);
                address.set("addressCountry", "ID");
                place.set("address", address);
            }
            place.opt("geo", e.location.and_then(|l| geo(l.lat, l.lon)));
            if !place.is_empty() {
                node.set("location", place);
            }
            let organizer = match e.organizer.as_deref().and_then(non_empty) {
                Some(name) => {
                    let mut o = Obj::new("Organization");
                    o.set("name", name);
                    o
                }
                None => association(site, &page.lang),
            };
            node.set("organizer", organizer);
            let performers: Vec<Obj> = e
                .workshops
                .iter()
                .filter_map(|slug| linked_organization(site, Section::Workshops, slug, &page.lang))
                .collect();
            if !performers.is_empty() {
                node.set("performer", performers);
            }
            node.opt("isAccessibleForFree", e.free);
            if let Some(reg) = &e.registration {
                let mut offer = Obj::new("Offer");
                offer.set("url", reg.as_str());
                if e.free == Some(true) {
                    offer.set("price", "0");
                    offer.set("priceCurrency", "IDR");
                }
                node.set("offers", offer);
            }
        }
        Kind::News(n) => {
            node.set("inLanguage", lang);
            node.opt("datePublished", page.date.map(|d| d.to_string()));
            let author = match n.author.as_deref().and_then(non_empty) {
                Some(name) => {
                    let mut p = Obj::new("Person");
                    p.set("name", name);
                    p
                }
                None => association(site, &page.lang),
            };
            node.set("author", author);
            node.set("publisher", association(site, &page.lang));
            node.set("mainEntityOfPage", url.as_str());
        }
        Kind::Page(_) => {
            node.set("inLanguage", lang);
            node.opt("datePublished", page.date.map(|d| d.to_string()));
            let mut website = Obj::new("WebSite");
            let home = site.config.absolute(&site.config.lang_root(&page.lang));
            website.set("@id", format!("{home}#website"));
            website.set("url", home);
            node.set("isPartOf", website);
        }
    }

    let mut trail = vec![(
        strings.get("home").to_string(),
        site.config.absolute(&site.config.lang_root(&page.lang)),
    )];
    // Pages (`about`, campaigns) sit at the root and have no listing of their own.
    if page.key.section != Section::Pages {
        trail.push((
            site.section_title(&page.key.section, &page.lang, strings),
            site.config
                .absolute(&site.section_url(&page.key.section, &page.lang)),
        ));
    }
    trail.push((page.title.clone(), url));
    escape::script_json(&json!({
        "@context": CONTEXT,
        "@graph": [node.0, breadcrumb_list(&trail)],
    }))
}

/// JSON-LD for a language's home page: the association as an `Organization` and the catalogue as
/// a `WebSite` it publishes.
pub fn home_json_ld(site: &Site, lang: &Lang) -> String {
    let org = &site.config.organization;
    let base = site.config.absolute(site.config.base_url.path());
    let home = site.config.absolute(&site.config.lang_root(lang));
    let mut organization = Obj::new("Organization");
    organization.set("@id", format!("{base}#organization"));
    organization.set("name", org.name.as_str());
    organization.set("url", base.as_str());
    organization.opt("email", org.email.as_deref());
    organization.opt(
        "telephone",
        org.whatsapp.as_ref().map(|p| format!("+{}", p.digits())),
    );
    if let Some(h) = org.instagram.as_deref().and_then(non_empty) {
        organization.set("sameAs", vec![format!("https://www.instagram.com/{h}/")]);
    }
    if let Some(a) = org.address.as_deref().and_then(non_empty) {
        let mut address = Obj::new("PostalAddress");
        address.set("streetAddress", a);
        address.set("addressCountry", "ID");
        organization.set("address", address);
    }
    let mut website = Obj::new("WebSite");
    website.set("@id", format!("{home}#website"));
    website.set("url", home.as_str());
    website.set("name", site.config.title_in(lang));
    website.set("inLanguage", lang.as_str());
    website.set(
        "publisher",
        json!({ "@id": format!("{base}#organization") }),
    );
    escape::script_json(&json!({
        "@context": CONTEXT,
        "@graph": [organization.0, website.0],
    }))
}

/// A `BreadcrumbList` from (name, absolute URL) pairs, for listing pages.
pub fn breadcrumbs_json_ld(items: &[(String, String)]) -> String {
    let mut list = breadcrumb_list(items);
    if let Value::Object(map) = &mut list {
        map.insert("@context".into(), CONTEXT.into());
    }
    escape::script_json(&list)
}

/// `sitemap.xml`: every page a search engine may index — every content page and workshop flyer,
/// each language's home, the first page of the section listings and of every taxonomy term, the
/// taxonomy indexes, the calendar, the printable catalogue and the search page — with `<lastmod>` where a page has
/// a date and an `xhtml:link` alternate for each of its languages (itself included), plus
/// `x-default` for the default language's version. The 404 page (`noindex`), redirects and the
/// later pages of a listing are left out.
pub fn sitemap(site: &Site) -> String {
    let config = &site.config;
    // The default language first (`x-default`), then the order of `site.yaml`.
    let languages: Vec<&Lang> = config.languages.iter().map(|l| &l.code).collect();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Pages that exist in every language: the homes, listings and taxonomy indexes.
    let everywhere = |out: &mut String, url_in: &dyn Fn(&Lang) -> String| {
        let versions: Vec<(&Lang, String)> = config
            .languages
            .iter()
            .map(|l| (&l.code, config.absolute(&url_in(&l.code))))
            .collect();
        for (_, loc) in &versions {
            url_entry(out, loc, None, &versions, &languages);
        }
    };
    everywhere(&mut out, &|l| config.lang_root(l));
    for section in site.sections() {
        // Pages (`about`…) sit at the root; they have no listing.
        if section != Section::Pages {
            everywhere(&mut out, &|l| site.section_url(&section, l));
        }
    }
    let mut kinds: Vec<crate::site::TaxonomyKind> = Vec::new();
    for t in &site.taxonomies {
        if !kinds.contains(&t.kind) {
            kinds.push(t.kind);
        }
    }
    for &kind in &kinds {
        everywhere(&mut out, &|l| site.taxonomy_url(kind, l, None));
    }
    everywhere(&mut out, &|l| site.calendar_url(l));
    everywhere(&mut out, &|l| site.print_url(l));
    if config.search {
        everywhere(&mut out, &|l| site.search_url(l));
    }
    // A term's first page; the pages after it list nothing that is not listed here already.
    for t in &site.taxonomies {
        for slug in t.terms.keys() {
            let versions: Vec<(&Lang, String)> = site
                .taxonomies
                .iter()
                .filter(|o| o.kind == t.kind && o.terms.contains_key(slug))
                .map(|o| {
                    (
                        &o.lang,
                        config.absolute(&site.taxonomy_url(o.kind, &o.lang, Some(slug))),
                    )
                })
                .collect();
            let loc = config.absolute(&site.taxonomy_url(t.kind, &t.lang, Some(slug)));
            url_entry(&mut out, &loc, None, &versions, &languages);
        }
    }
    for (id, page) in site.pages.iter().enumerate() {
        let translations = site.translations(&page.key);
        let versions: Vec<(&Lang, String)> = translations
            .iter()
            .map(|&i| (&site.pages[i].lang, config.absolute(&site.url(i))))
            .collect();
        url_entry(
            &mut out,
            &config.absolute(&site.url(id)),
            page.date,
            &versions,
            &languages,
        );
        // A workshop's printable flyer, beside its page.
        if matches!(page.kind, Kind::Workshop(_)) {
            let flyers: Vec<(&Lang, String)> = versions
                .iter()
                .map(|(l, url)| (*l, format!("{url}flyer/")))
                .collect();
            let loc = format!("{}flyer/", config.absolute(&site.url(id)));
            url_entry(&mut out, &loc, page.date, &flyers, &languages);
        }
    }
    out.push_str("</urlset>\n");
    out
}

fn url_entry(
    out: &mut String,
    loc: &str,
    lastmod: Option<NaiveDate>,
    versions: &[(&Lang, String)],
    languages: &[&Lang],
) {
    out.push_str("  <url>\n    <loc>");
    out.push_str(&escape::xml(loc));
    out.push_str("</loc>\n");
    if let Some(d) = lastmod {
        out.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
    }
    let mut versions: Vec<&(&Lang, String)> = versions.iter().collect();
    versions.sort_by_key(|(l, _)| languages.iter().position(|c| *c == *l));
    for (lang, href) in &versions {
        alternate(out, lang.as_str(), href);
    }
    if let Some((_, href)) = versions.iter().find(|(l, _)| Some(l) == languages.first()) {
        alternate(out, "x-default", href);
    }
    out.push_str("  </url>\n");
}

fn alternate(out: &mut String, hreflang: &str, href: &str) {
    out.push_str(&format!(
        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
        escape::xml(hreflang),
        escape::xml(href)
    ));
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute address.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config
            .absolute(&format!("{}sitemap.xml", site.config.base_url.path()))
    )
}

/// A point in time of an event, in its own offset or else the site's zone.
pub(crate) fn zoned(when: When, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let (time, offset) = match when {
        When::Day(d) => (d.and_hms_opt(0, 0, 0)?, zone),
        When::At(t, o) => (t, o.unwrap_or(zone)),
    };
    at(time, offset)
}

pub(crate) fn at(time: NaiveDateTime, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    time.and_local_timezone(offset).single()
}

/// ISO 8601: `2026-12-05` for a whole day, `2026-12-05T09:00:00+07:00` for a time.
fn iso_when(when: When, zone: FixedOffset) -> String {
    match when {
        When::Day(d) => d.to_string(),
        When::At(t, _) => zoned(when, zone).map_or_else(
            || t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            |z| z.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        ),
    }
}

/// The association, as publisher or organiser.
fn association(site: &Site, lang: &Lang) -> Obj {
    let base = site.config.absolute(site.config.base_url.path());
    let mut o = Obj::new("Organization");
    o.set("@id", format!("{base}#organization"));
    o.set("name", site.config.organization.name.as_str());
    o.set("url", site.config.absolute(&site.config.lang_root(lang)));
    o
}

/// Another page (a workshop) as an `Organization` with its name and URL, in `lang` where it has
/// been translated.
fn linked_organization(
    site: &Site,
    section: Section,
    slug: &crate::model::Slug,
    lang: &Lang,
) -> Option<Obj> {
    let key = PageKey {
        section,
        slug: slug.clone(),
    };
    let id = site.find(&key, lang)?;
    let mut o = Obj::new("Organization");
    o.set("name", site.pages[id].title.as_str());
    o.set("url", site.config.absolute(&site.url(id)));
    Some(o)
}

/// The cover, then the other photos: one URL, or a list when there are several. Each is the
/// photo's published original, else its widest variant.
fn images(site: &Site, page: &Page) -> Option<Value> {
    let mut urls: Vec<String> = Vec::new();
    for photo in page.cover.iter().chain(&page.images) {
        let u = site
            .config
            .absolute(&site.asset_url(site.photo_file(&photo.path.0)));
        if !urls.contains(&u) {
            urls.push(u);
        }
    }
    match urls.len() {
        0 => None,
        1 => urls.pop().map(Value::from),
        _ => Some(Value::from(urls)),
    }
}

/// `None` for NaN or infinity, which JSON cannot hold (serde_json would write `null`).
fn geo(lat: f64, lon: f64) -> Option<Obj> {
    if !(lat.is_finite() && lon.is_finite()) {
        return None;
    }
    let mut g = Obj::new("GeoCoordinates");
    g.set("latitude", lat);
    g.set("longitude", lon);
    Some(g)
}

fn breadcrumb_list(items: &[(String, String)]) -> Value {
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": url,
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": elements })
}

fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// A schema.org node under construction: `@type` first, absent properties left out.
struct Obj(Value);

impl Obj {
    fn new(kind: &str) -> Obj {
        let mut map = Map::new();
        map.insert("@type".into(), kind.into());
        Obj(Value::Object(map))
    }

    fn set(&mut self, key: &str, value: impl Into<Value>) {
        if let Value::Object(map) = &mut self.0 {
            map.insert(key.into(), value.into());
        }
    }

    fn opt(&mut self, key: &str, value: Option<impl Into<Value>>) {
        if let Some(v) = value {
            self.set(key, v);
        }
    }

    /// Nothing but its `@type`.
    fn is_empty(&self) -> bool {
        matches!(&self.0, Value::Object(map) if map.len() <= 1)
    }
}

impl From<Obj> for Value {
    fn from(o: Obj) -> Value {
        o.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_times_carry_an_offset() {
        let zone = FixedOffset::east_opt(7 * 3600).expect("offset");
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let nine = day.and_hms_opt(9, 0, 0).expect("time");
        assert_eq!(iso_when(When::Day(day), zone), "2026-12-05");
        assert_eq!(
            iso_when(When::At(nine, None), zone),
            "2026-12-05T09:00:00+07:00"
        );
        let wita = FixedOffset::east_opt(8 * 3600).expect("offset");
        assert_eq!(
            iso_when(When::At(nine, Some(wita)), zone),
            "2026-12-05T09:00:00+08:00"
        );
    }

    #[test]
    fn absent_properties_are_left_out() {
        let mut o = Obj::new("Place");
        assert!(o.is_empty());
        o.opt("name", None::<&str>);
        assert!(o.is_empty());
        o.opt("name", Some("Balai Desa"));
        assert!(!o.is_empty());
        assert!(geo(f64::NAN, 1.0).is_none());
        let g: Value = geo(-8.1, 112.2).expect("finite").into();
        assert_eq!(
            g,
            json!({"@type": "GeoCoordinates", "latitude": -8.1, "longitude": 112.2})
        );
    }
}
