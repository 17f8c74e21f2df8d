//! Structured data, sitemap and robots.txt of real fixture sites, read back with real parsers:
//! serde_json and scraper for the JSON-LD, roxmltree for the sitemap.
//!
//! `two-languages-every-section` is served from a sub-path (`https://example.org/katalog/`, WIB);
//! `host-root-every-field-and-markup` from the root of its host in WITA (+08:00), with every
//! optional field filled and `&`, `<`, `"` in titles, names and summaries.

use std::collections::{BTreeMap, BTreeSet};

use canting::model::{Kind, Lang, Section};
use canting::seo;
use canting::site::{PageId, Site};
use canting::theme::Theme;
use serde_json::Value;

use crate::support::{lang, load_with_theme, page};

/// The page's JSON-LD as the theme would embed it, checked to be inert inside `<script>`, parsed.
fn page_ld(site: &Site, theme: &Theme, id: PageId) -> (Value, Value) {
    let page = &site.pages[id];
    let description = page.summary.clone().unwrap_or_default();
    let text = seo::page_json_ld(site, id, &description, &theme.strings[&page.lang]);
    let value = parse_script(&text);
    let graph = value["@graph"].as_array().expect("an @graph").clone();
    assert_eq!(value["@context"], "https://schema.org", "{text}");
    assert_eq!(graph.len(), 2, "{text}");
    (graph[0].clone(), graph[1].clone())
}

/// Checks that `text` cannot end its script element, that an HTML parser hands it back unchanged
/// from inside `<script type="application/ld+json">`, and that it is JSON.
fn parse_script(text: &str) -> Value {
    assert!(
        !text.to_ascii_lowercase().contains("</script"),
        "can close the script: {text}"
    );
    assert!(
        !text.contains(['<', '>', '&']),
        "raw markup characters: {text}"
    );
    let html = format!(
        "<!doctype html><html><head><script type=\"application/ld+json\">{text}</script>\
         <script>var after = 1;</script></head><body></body></html>"
    );
    let doc = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse("script").expect("selector");
    let scripts: Vec<String> = doc
        .select(&selector)
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(scripts.len(), 2, "the JSON-LD swallowed or split a script");
    assert_eq!(scripts[0], text, "the HTML parser changed the JSON-LD");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Every string under `key` anywhere in `value`.
fn strings_under<'a>(value: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    match v {
                        Value::String(s) => out.push(s),
                        Value::Array(items) => out.extend(items.iter().filter_map(Value::as_str)),
                        _ => {}
                    }
                }
                strings_under(v, key, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_under(v, key, out)),
        _ => {}
    }
}

#[test]
fn every_page_has_json_ld_of_its_kind_that_cannot_close_its_script() {
    for fixture in [
        "two-languages-every-section",
        "host-root-every-field-and-markup",
    ] {
        let (site, theme) = load_with_theme(fixture);
        for id in 0..site.pages.len() {
            let page = &site.pages[id];
            let (node, crumbs) = page_ld(&site, &theme, id);
            let expected = match page.kind {
                Kind::Workshop(_) => "LocalBusiness",
                Kind::Motif(_) => "VisualArtwork",
                Kind::Event(_) => "Event",
                Kind::News(_) => "NewsArticle",
                Kind::Page(_) => "WebPage",
            };
            assert_eq!(node["@type"], expected, "{}", page.file.display());
            let url = site.config.absolute(&site.url(id));
            assert_eq!(node["url"], url.as_str());
            let name = if expected == "NewsArticle" {
                "headline"
            } else {
                "name"
            };
            assert_eq!(node[name], page.title.as_str(), "titles round-trip");
            if let Some(summary) = &page.summary {
                assert_eq!(node["description"], summary.as_str());
            }

            assert_eq!(crumbs["@type"], "BreadcrumbList");
            let items = crumbs["itemListElement"].as_array().expect("items");
            let expected_len = if page.key.section == Section::Pages {
                2
            } else {
                3
            };
            assert_eq!(items.len(), expected_len, "{}", page.file.display());
            for (i, item) in items.iter().enumerate() {
                assert_eq!(item["@type"], "ListItem");
                assert_eq!(item["position"], i + 1);
            }
            assert_eq!(
                items[0]["item"],
                site.config
                    .absolute(&site.config.lang_root(&page.lang))
                    .as_str()
            );
            assert_eq!(items[expected_len - 1]["item"], url.as_str());
            assert_eq!(items[expected_len - 1]["name"], page.title.as_str());
            if expected_len == 3 {
                assert_eq!(
                    items[1]["item"],
                    site.config
                        .absolute(&site.section_url(&page.key.section, &page.lang))
                        .as_str()
                );
            }

            let origin = site.config.absolute(site.config.base_url.path());
            let both = serde_json::json!([node, crumbs]);
            let mut own = Vec::new();
            for key in ["item", "image", "@id"] {
                strings_under(&both, key, &mut own);
            }
            for u in own {
                assert!(u.starts_with(&origin), "not absolute on the site: {u}");
            }
            // `url` may lead off the site (registration), but is always absolute.
            let mut any = Vec::new();
            strings_under(&both, "url", &mut any);
            for u in any {
                assert!(u.starts_with("https://") || u.starts_with("http://"), "{u}");
            }
        }
    }
}

#[test]
fn a_workshop_is_a_local_business() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let (sekar, _) = page_ld(
        &site,
        &theme,
        page(&site, Section::Workshops, "sekar", "id"),
    );
    assert_eq!(sekar["name"], "Batik Sekar <script>alert(1)</script>");
    assert_eq!(sekar["description"], "Rumah batik \"uji\" & teman");
    assert_eq!(
        sekar["image"],
        "https://example.org/katalog/workshops/sekar/cover.png"
    );
    assert_eq!(sekar["telephone"], "+6281234560001");
    assert_eq!(sekar["priceRange"], "Rp 150.000 – Rp 2.500.000");
    assert_eq!(sekar["address"]["@type"], "PostalAddress");
    assert_eq!(sekar["address"]["addressRegion"], "Sanankulon");
    assert_eq!(sekar["address"]["addressCountry"], "ID");
    assert_eq!(
        sekar["sameAs"],
        serde_json::json!(["https://example.com/sekar"])
    );
    for absent in ["geo", "email", "openingHours", "foundingDate"] {
        assert!(sekar.get(absent).is_none(), "{absent} should be left out");
    }

    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let (full, _) = page_ld(
        &site,
        &theme,
        page(&site, Section::Workshops, "lengkap", "id"),
    );
    assert_eq!(full["name"], "Batik Lengkap & Putra");
    assert_eq!(
        full["image"],
        serde_json::json!([
            "https://batik.example/workshops/lengkap/cover.png",
            "https://batik.example/workshops/lengkap/proses.png"
        ])
    );
    assert_eq!(
        full["address"],
        serde_json::json!({
            "@type": "PostalAddress",
            "streetAddress": "Jl. Mawar 2",
            "addressLocality": "Bendosari",
            "addressRegion": "Sanankulon",
            "addressCountry": "ID",
        })
    );
    assert_eq!(full["geo"]["@type"], "GeoCoordinates");
    assert_eq!(full["geo"]["latitude"], -8.1);
    assert_eq!(full["geo"]["longitude"], 112.2);
    // The phone number wins over WhatsApp, written with the country code.
    assert_eq!(full["telephone"], "+62342123456");
    assert_eq!(full["email"], "lengkap@batik.example");
    assert_eq!(
        full["sameAs"],
        serde_json::json!([
            "https://www.instagram.com/batiklengkap/",
            "https://www.facebook.com/batiklengkap",
            "https://www.tiktok.com/@batiklengkap",
            "https://lengkap.example",
            "https://shop.example/lengkap?ref=a&b=c",
        ])
    );
    assert_eq!(full["openingHours"], "Senin–Sabtu 08.00–16.00");
    assert_eq!(full["foundingDate"], "1998");
    assert_eq!(full["priceRange"], "Rp 150.000 – Rp 2.500.000");
}

#[test]
fn a_motif_is_a_visual_artwork_by_its_workshop() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let (kawung, crumbs) = page_ld(&site, &theme, page(&site, Section::Motifs, "kawung", "id"));
    assert_eq!(kawung["artform"], "Batik");
    assert!(kawung["artMedium"].is_string());
    assert_eq!(kawung["inLanguage"], "id");
    assert_eq!(kawung["locationCreated"]["@type"], "Place");
    assert_eq!(kawung["locationCreated"]["name"], "Jawa");
    assert_eq!(
        kawung["creator"],
        serde_json::json!({
            "@type": "Organization",
            "name": "Batik Melati",
            "url": "https://example.org/katalog/workshops/melati/",
        })
    );
    assert_eq!(crumbs["itemListElement"][1]["name"], "Motif");

    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let (lotus, _) = page_ld(&site, &theme, page(&site, Section::Motifs, "teratai", "en"));
    assert_eq!(lotus["dateCreated"], "1990");
    // The creator in the reader's language.
    assert_eq!(lotus["creator"]["name"], "Lengkap & Sons Batik");
    assert_eq!(
        lotus["creator"]["url"],
        "https://batik.example/en/workshops/lengkap/"
    );
}

#[test]
fn an_event_has_its_dates_place_status_and_workshops() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let (pameran, crumbs) = page_ld(&site, &theme, page(&site, Section::Events, "pameran", "id"));
    assert_eq!(pameran["name"], "Pameran Desember");
    assert_eq!(pameran["startDate"], "2099-12-05");
    assert_eq!(pameran["endDate"], "2099-12-07");
    assert_eq!(pameran["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        pameran["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    assert_eq!(pameran["location"]["@type"], "Place");
    assert_eq!(pameran["location"]["name"], "Balai Desa");
    assert_eq!(pameran["organizer"]["@type"], "Organization");
    assert_eq!(pameran["organizer"]["name"], "Asosiasi Uji");
    let performers = pameran["performer"].as_array().expect("performers");
    let names: Vec<&str> = performers
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Batik Sekar <script>alert(1)</script>", "Batik Melati"]
    );
    assert!(performers.iter().all(|p| p["@type"] == "Organization"));
    assert_eq!(
        performers[1]["url"],
        "https://example.org/katalog/workshops/melati/"
    );
    assert!(pameran.get("isAccessibleForFree").is_none());
    assert_eq!(crumbs["itemListElement"][1]["name"], "Pameran & acara");

    // A time without an offset is in the site's zone (WIB here).
    let (lama, _) = page_ld(&site, &theme, page(&site, Section::Events, "lama", "id"));
    assert_eq!(lama["eventStatus"], "https://schema.org/EventCancelled");
    assert_eq!(lama["startDate"], "2020-01-30T09:00:00+07:00");
    assert!(
        chrono::DateTime::parse_from_rfc3339(lama["startDate"].as_str().expect("text")).is_ok()
    );
    assert!(lama.get("location").is_none() && lama.get("endDate").is_none());

    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let (festival, _) = page_ld(
        &site,
        &theme,
        page(&site, Section::Events, "festival", "id"),
    );
    assert_eq!(festival["eventStatus"], "https://schema.org/EventPostponed");
    // Its own offset is kept although the site is in WITA.
    assert_eq!(festival["startDate"], "2026-05-01T19:00:00+07:00");
    assert_eq!(festival["endDate"], "2026-05-01T22:00:00+07:00");
    assert_eq!(festival["isAccessibleForFree"], true);
    assert_eq!(festival["organizer"]["name"], "Dinas & <Pariwisata>");
    assert_eq!(festival["location"]["name"], "Alun-alun \"Blitar\"");
    assert_eq!(
        festival["location"]["address"]["streetAddress"],
        "Jl. Merdeka 1, Blitar"
    );
    assert_eq!(festival["location"]["geo"]["latitude"], -8.0983);
    assert_eq!(
        festival["offers"]["url"],
        "https://example.org/daftar?a=1&b=2"
    );
    let (pasar, _) = page_ld(&site, &theme, page(&site, Section::Events, "pasar", "en"));
    assert_eq!(pasar["startDate"], "2026-06-10T09:00:00+08:00");
    assert_eq!(pasar["endDate"], "2026-06-12");
}

#[test]
fn news_is_a_news_article_and_other_pages_web_pages() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let (kabar, _) = page_ld(&site, &theme, page(&site, Section::News, "kabar", "id"));
    assert_eq!(kabar["headline"], "Kabar Baik");
    assert_eq!(kabar["datePublished"], "2026-11-01");
    assert_eq!(
        kabar["author"],
        serde_json::json!({"@type": "Person", "name": "Bu Ani"})
    );
    assert_eq!(kabar["publisher"]["@type"], "Organization");
    assert_eq!(kabar["publisher"]["name"], "Asosiasi Uji");
    assert_eq!(kabar["inLanguage"], "id");
    assert_eq!(kabar["url"], "https://example.org/katalog/news/kabar/");

    let (about, crumbs) = page_ld(&site, &theme, page(&site, Section::Pages, "about", "en"));
    assert_eq!(about["@type"], "WebPage");
    assert_eq!(about["inLanguage"], "en");
    assert_eq!(about["url"], "https://example.org/katalog/en/about/");
    assert_eq!(crumbs["itemListElement"][0]["name"], "Home");

    // Without an author the association is the author.
    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let (lama, _) = page_ld(&site, &theme, page(&site, Section::News, "lama", "id"));
    assert_eq!(lama["author"]["@type"], "Organization");
    assert_eq!(lama["author"]["name"], "Asosiasi \"Batik\" & Co");
    let (co, _) = page_ld(&site, &theme, page(&site, Section::News, "batik-co", "id"));
    assert_eq!(co["headline"], "Batik & <Co>");
    assert_eq!(
        co["description"],
        "Ringkasan </script><script>alert(1)</script> & 'kutip'"
    );
    assert_eq!(co["author"]["name"], "Bu \"Ani\" & Co");
}

#[test]
fn the_home_page_describes_the_association_and_the_site() {
    let (site, _) = load_with_theme("host-root-every-field-and-markup");
    for (code, title, url) in [
        ("id", "Katalog Batik & <Uji>", "https://batik.example/"),
        ("en", "Batik Catalogue", "https://batik.example/en/"),
    ] {
        let value = parse_script(&seo::home_json_ld(&site, &lang(code)));
        assert_eq!(value["@context"], "https://schema.org");
        let graph = value["@graph"].as_array().expect("graph");
        let org = graph
            .iter()
            .find(|n| n["@type"] == "Organization")
            .expect("an Organization");
        assert_eq!(org["name"], "Asosiasi \"Batik\" & Co");
        assert_eq!(org["url"], "https://batik.example/");
        assert_eq!(org["email"], "info@batik.example");
        assert_eq!(org["telephone"], "+6281200000000");
        assert_eq!(
            org["sameAs"],
            serde_json::json!(["https://www.instagram.com/batikblitar/"])
        );
        assert_eq!(org["address"]["streetAddress"], "Blitar, Jawa Timur");
        let web = graph
            .iter()
            .find(|n| n["@type"] == "WebSite")
            .expect("a WebSite");
        assert_eq!(web["name"], title);
        assert_eq!(web["url"], url);
        assert_eq!(web["inLanguage"], code);
        assert_eq!(web["publisher"]["@id"], org["@id"]);
    }

    // What site.yaml leaves out is left out.
    let (site, _) = load_with_theme("two-languages-every-section");
    let value = parse_script(&seo::home_json_ld(&site, &lang("id")));
    let org = &value["@graph"][0];
    assert_eq!(org["url"], "https://example.org/katalog/");
    assert!(org.get("sameAs").is_none() && org.get("address").is_none());
}

#[test]
fn breadcrumbs_for_listings() {
    let items = vec![
        (
            "Beranda".to_string(),
            "https://example.org/katalog/".to_string(),
        ),
        (
            "Motif </script> & <b>".to_string(),
            "https://example.org/katalog/motifs/".to_string(),
        ),
    ];
    let value = parse_script(&seo::breadcrumbs_json_ld(&items));
    assert_eq!(value["@context"], "https://schema.org");
    assert_eq!(value["@type"], "BreadcrumbList");
    let list = value["itemListElement"].as_array().expect("items");
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["position"], 2);
    assert_eq!(list[1]["name"], "Motif </script> & <b>");
    assert_eq!(list[1]["item"], "https://example.org/katalog/motifs/");
    assert_eq!(
        parse_script(&seo::breadcrumbs_json_ld(&[]))["itemListElement"],
        serde_json::json!([])
    );
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

struct Entry {
    lastmod: Option<String>,
    /// hreflang → href
    alternates: BTreeMap<String, String>,
}

fn read_sitemap(xml: &str) -> BTreeMap<String, Entry> {
    let doc = roxmltree::Document::parse(xml).expect("the sitemap is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let mut entries = BTreeMap::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        assert_eq!(url.tag_name().namespace(), Some(SITEMAP_NS));
        let child = |name: &str| {
            url.children()
                .find(|n| {
                    n.tag_name().name() == name && n.tag_name().namespace() == Some(SITEMAP_NS)
                })
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        let loc = child("loc").expect("a <loc>");
        let mut alternates = BTreeMap::new();
        for link in url
            .children()
            .filter(|n| n.tag_name().name() == "link" && n.tag_name().namespace() == Some(XHTML_NS))
        {
            assert_eq!(link.attribute("rel"), Some("alternate"));
            let previous = alternates.insert(
                link.attribute("hreflang").expect("hreflang").to_string(),
                link.attribute("href").expect("href").to_string(),
            );
            assert!(previous.is_none(), "{loc}: a language listed twice");
        }
        let entry = Entry {
            lastmod: child("lastmod"),
            alternates,
        };
        assert!(
            entries.insert(loc.clone(), entry).is_none(),
            "{loc} listed twice"
        );
    }
    entries
}

#[test]
fn the_sitemap_lists_every_page_with_its_translations() {
    for fixture in [
        "two-languages-every-section",
        "host-root-every-field-and-markup",
    ] {
        let (site, _) = load_with_theme(fixture);
        let xml = seo::sitemap(&site);
        let entries = read_sitemap(&xml);
        let config = &site.config;
        let origin = config.absolute(config.base_url.path());
        let codes: Vec<&Lang> = config.languages.iter().map(|l| &l.code).collect();
        let default = config.default_lang();

        let mut expected: BTreeSet<String> = BTreeSet::new();
        for l in &codes {
            expected.insert(config.absolute(&config.lang_root(l)));
            for section in site.sections() {
                if section != Section::Pages {
                    expected.insert(config.absolute(&site.section_url(&section, l)));
                }
            }
            for t in &site.taxonomies {
                expected.insert(config.absolute(&site.taxonomy_url(t.kind, l, None)));
            }
            expected.insert(config.absolute(&site.calendar_url(l)));
            expected.insert(config.absolute(&site.print_url(l)));
            if config.search {
                expected.insert(config.absolute(&site.search_url(l)));
            }
        }
        // Every term's first page, with the same term in the other languages as alternates.
        for t in &site.taxonomies {
            for slug in t.terms.keys() {
                let loc = config.absolute(&site.taxonomy_url(t.kind, &t.lang, Some(slug)));
                expected.insert(loc.clone());
                let entry = &entries[&loc];
                for o in site.taxonomies.iter().filter(|o| o.kind == t.kind) {
                    let there = config.absolute(&site.taxonomy_url(o.kind, &o.lang, Some(slug)));
                    assert_eq!(
                        entry.alternates.get(o.lang.as_str()),
                        o.terms.contains_key(slug).then_some(&there),
                        "{loc}"
                    );
                }
                assert!(!loc.contains("/page/"), "{loc}");
            }
        }
        for (id, page) in site.pages.iter().enumerate() {
            let loc = config.absolute(&site.url(id));
            expected.insert(loc.clone());
            if matches!(page.kind, Kind::Workshop(_)) {
                expected.insert(format!("{loc}flyer/"));
            }
            let entry = &entries[&loc];
            assert_eq!(entry.lastmod, page.date.map(|d| d.to_string()), "{loc}");
            // Every translation, itself included, and x-default to the default language.
            let mut want: BTreeMap<String, String> = site
                .translations(&page.key)
                .iter()
                .map(|&i| {
                    (
                        site.pages[i].lang.to_string(),
                        config.absolute(&site.url(i)),
                    )
                })
                .collect();
            assert_eq!(want.get(page.lang.as_str()), Some(&loc));
            if let Some(d) = want.get(default.as_str()).cloned() {
                want.insert("x-default".into(), d);
            }
            assert_eq!(entry.alternates, want, "{loc}");
        }
        let found: BTreeSet<String> = entries.keys().cloned().collect();
        assert_eq!(found, expected, "{fixture}");

        for (loc, entry) in &entries {
            assert!(loc.starts_with(&origin), "{loc}");
            // x-default leads to the default language's version, where there is one (a term
            // used only on English pages has none).
            assert_eq!(
                entry.alternates.contains_key("x-default"),
                entry.alternates.contains_key(default.as_str()),
                "{loc}"
            );
            // Alternates point to listed URLs that list them back.
            for (hreflang, href) in &entry.alternates {
                let other = entries
                    .get(href)
                    .unwrap_or_else(|| panic!("{loc}: alternate {href} is not in the sitemap"));
                if hreflang != "x-default" {
                    assert!(
                        other.alternates.values().any(|h| h == loc),
                        "{href} ↛ {loc}"
                    );
                }
            }
        }
        assert!(!xml.contains("404"), "the 404 page stays out");
        if fixture == "two-languages-every-section" {
            assert!(!xml.contains("rahasia"), "drafts stay out");
            let calendar = &entries[&config.absolute(&site.calendar_url(default))];
            assert_eq!(
                calendar.alternates.len(),
                codes.len() + 1,
                "every language and x-default"
            );
            assert!(entries.contains_key("https://example.org/katalog/en/events/pameran/"));
            assert_eq!(
                entries["https://example.org/katalog/news/kabar/"]
                    .alternates
                    .len(),
                2,
                "id and x-default only"
            );
        }
    }
}

#[test]
fn robots_allows_everything_and_names_the_sitemap() {
    let (site, _) = load_with_theme("two-languages-every-section");
    let text = seo::robots(&site);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{text}");
    assert!(lines.contains(&"Allow: /"), "{text}");
    assert!(!text.contains("Disallow: /"), "{text}");
    assert!(
        lines.contains(&"Sitemap: https://example.org/katalog/sitemap.xml"),
        "{text}"
    );
    let (site, _) = load_with_theme("host-root-every-field-and-markup");
    assert!(seo::robots(&site).contains("Sitemap: https://batik.example/sitemap.xml\n"));
}
