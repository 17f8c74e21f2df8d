//! RSS 2.0 and Atom 1.0 feeds of a section in one language: news by date, exhibitions by their
//! first day, newest first.
//!
//! Pure functions returning text; [`files`] says where the build writes them. Items carry absolute
//! links and plain-text descriptions, every piece of text escaped for XML.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::escape;
use crate::i18n::Strings;
use crate::model::{EventStatus, Kind, Lang, Section};
use crate::seo::{at, zoned};
use crate::site::{PageId, Site};

/// At most this many items in a feed: the newest.
pub const MAX_ITEMS: usize = 50;

const RSS_DATE: &str = "%a, %d %b %Y %H:%M:%S %z";
const ATOM_DATE: &str = "%Y-%m-%dT%H:%M:%S%:z";

/// Where the section's feeds go, relative to the output folder: beside its listing,
/// `("news/rss.xml", "news/atom.xml")`, `("en/news/rss.xml", "en/news/atom.xml")`.
pub fn files(site: &Site, lang: &Lang, section: &Section) -> (String, String) {
    let (rss, atom) = urls(site, lang, section);
    let file = |url: &str| site.config.base_url.output_file(url);
    (file(&rss), file(&atom))
}

/// The URL paths of a listing's RSS and Atom feeds: `/katalog/en/news/rss.xml` and `…/atom.xml`.
pub fn urls(site: &Site, lang: &Lang, section: &Section) -> (String, String) {
    let folder = site.section_url(section, lang);
    (format!("{folder}rss.xml"), format!("{folder}atom.xml"))
}

/// RSS 2.0, with an `atom:link rel="self"` to its own address.
pub fn rss(site: &Site, lang: &Lang, section: &Section, strings: &Strings) -> String {
    let feed = Feed::new(site, lang, section, strings);
    let (rss_file, _) = files(site, lang, section);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    element(&mut out, 1, "title", &feed.title);
    element(&mut out, 1, "link", &feed.link);
    element(&mut out, 1, "description", &feed.description);
    element(&mut out, 1, "language", lang.as_str());
    element(&mut out, 1, "generator", "canting");
    if let Some(updated) = feed.newest() {
        element(
            &mut out,
            1,
            "lastBuildDate",
            &updated.format(RSS_DATE).to_string(),
        );
    }
    out.push_str(&format!(
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape::xml(&feed.absolute_file(&rss_file))
    ));
    for item in &feed.items {
        out.push_str("  <item>\n");
        element(&mut out, 2, "title", &item.title);
        element(&mut out, 2, "link", &item.link);
        out.push_str(&format!(
            "    <guid isPermaLink=\"true\">{}</guid>\n",
            escape::xml(&item.link)
        ));
        if let Some(when) = item.when {
            element(&mut out, 2, "pubDate", &when.format(RSS_DATE).to_string());
        }
        if !item.description.is_empty() {
            element(&mut out, 2, "description", &item.description);
        }
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// Atom 1.0.
pub fn atom(site: &Site, lang: &Lang, section: &Section, strings: &Strings) -> String {
    let feed = Feed::new(site, lang, section, strings);
    let (_, atom_file) = files(site, lang, section);
    let self_url = feed.absolute_file(&atom_file);
    // Atom requires `updated`: the newest item, else the newest date in the site, else 1970.
    let updated = feed
        .newest()
        .or_else(|| {
            let zone = site.config.timezone.offset;
            site.pages
                .iter()
                .filter_map(|p| p.date)
                .max()
                .and_then(|d| midnight(d, zone))
        })
        .unwrap_or_default();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape::xml(lang.as_str())
    );
    element(&mut out, 1, "title", &feed.title);
    if feed.description != feed.title {
        element(&mut out, 1, "subtitle", &feed.description);
    }
    link(&mut out, 1, "self", "application/atom+xml", &self_url);
    link(&mut out, 1, "alternate", "text/html", &feed.link);
    element(&mut out, 1, "id", &self_url);
    element(
        &mut out,
        1,
        "updated",
        &updated.format(ATOM_DATE).to_string(),
    );
    out.push_str("  <author>\n");
    element(&mut out, 2, "name", &site.config.organization.name);
    out.push_str("  </author>\n");
    element(&mut out, 1, "generator", "canting");
    for item in &feed.items {
        out.push_str("  <entry>\n");
        element(&mut out, 2, "title", &item.title);
        link(&mut out, 2, "alternate", "text/html", &item.link);
        element(&mut out, 2, "id", &item.link);
        let when = item.when.unwrap_or(updated);
        element(&mut out, 2, "updated", &when.format(ATOM_DATE).to_string());
        if let Some(author) = &item.author {
            out.push_str("    <author>\n");
            element(&mut out, 3, "name", author);
            out.push_str("    </author>\n");
        }
        if !item.description.is_empty() {
            element(&mut out, 2, "summary", &item.description);
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// What both formats say, gathered once.
struct Feed {
    title: String,
    /// The section's listing, absolute.
    link: String,
    description: String,
    items: Vec<Item>,
    origin_and_base: String,
}

struct Item {
    title: String,
    link: String,
    when: Option<DateTime<FixedOffset>>,
    description: String,
    author: Option<String>,
}

impl Feed {
    fn new(site: &Site, lang: &Lang, section: &Section, strings: &Strings) -> Feed {
        let heading = site.section_title(section, lang, strings);
        let title = format!("{} — {heading}", site.config.title_in(lang));
        let description = site
            .indexes
            .get(&(Some(section.clone()), lang.clone()))
            .and_then(|i| i.summary.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| title.clone());
        let mut items: Vec<Item> = site
            .section_pages(section, lang)
            .into_iter()
            .map(|id| item(site, id, strings))
            .collect();
        if matches!(section, Section::News | Section::Events) {
            // Stable: pages of the same moment keep the site's order (weight, then title).
            items.sort_by_key(|i| std::cmp::Reverse(i.when));
        }
        items.truncate(MAX_ITEMS);
        Feed {
            title,
            link: site.config.absolute(&site.section_url(section, lang)),
            description,
            items,
            origin_and_base: site.config.absolute(site.config.base_url.path()),
        }
    }

    fn newest(&self) -> Option<DateTime<FixedOffset>> {
        self.items.iter().filter_map(|i| i.when).max()
    }

    /// A path relative to the output folder, as an absolute URL.
    fn absolute_file(&self, rel: &str) -> String {
        format!("{}{rel}", self.origin_and_base)
    }
}

fn item(site: &Site, id: PageId, strings: &Strings) -> Item {
    let page = &site.pages[id];
    let zone = site.config.timezone.offset;
    let summary = page.description.clone().unwrap_or_default();
    let mut item = Item {
        title: page.title.clone(),
        link: site.config.absolute(&site.url(id)),
        when: page.date.and_then(|d| midnight(d, zone)),
        description: summary,
        author: None,
    };
    match &page.kind {
        Kind::Event(e) => {
            let label = match e.status {
                EventStatus::Scheduled => None,
                EventStatus::Cancelled => Some(strings.get("status_cancelled")),
                EventStatus::Postponed => Some(strings.get("status_postponed")),
            };
            if let Some(label) = label {
                item.title = format!("{label}: {}", page.title);
            }
            item.when = zoned(e.start, zone);
            let mut when = strings.when(e.start, e.end);
            if let Some(venue) = e.venue.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                when = format!("{when} · {venue}");
            }
            item.description = if item.description.is_empty() {
                when
            } else {
                format!("{when} — {}", item.description)
            };
        }
        Kind::News(n) => {
            item.author = n
                .author
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string);
        }
        _ => {}
    }
    item
}

fn midnight(d: NaiveDate, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    at(d.and_hms_opt(0, 0, 0)?, zone)
}

/// The listing's folder relative to the output folder: `news/`, `en/news/`.
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&format!(
        "{}<{name}>{}</{name}>\n",
        "  ".repeat(depth),
        escape::xml(text)
    ));
}

fn link(out: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    out.push_str(&format!(
        "{}<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
        "  ".repeat(depth),
        escape::xml(href)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_escape_their_text() {
        let mut out = String::new();
        element(&mut out, 1, "title", "Batik & <Co> \u{1}");
        assert_eq!(out, "  <title>Batik &amp; &lt;Co&gt; </title>\n");
        let doc = roxmltree::Document::parse(out.trim()).expect("well-formed");
        assert_eq!(doc.root_element().text(), Some("Batik & <Co> "));
    }

    #[test]
    fn dates_in_each_format() {
        let zone = FixedOffset::east_opt(7 * 3600).expect("offset");
        let d =
            midnight(NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"), zone).expect("midnight");
        assert_eq!(
            d.format(RSS_DATE).to_string(),
            "Sun, 01 Nov 2026 00:00:00 +0700"
        );
        assert_eq!(d.format(ATOM_DATE).to_string(), "2026-11-01T00:00:00+07:00");
        assert!(DateTime::parse_from_rfc2822(&d.format(RSS_DATE).to_string()).is_ok());
        assert!(DateTime::parse_from_rfc3339(&d.format(ATOM_DATE).to_string()).is_ok());
    }
}
