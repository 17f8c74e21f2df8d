//! RSS and Atom feeds of real fixture sites, read back with feed-rs (as a feed reader would) and
//! roxmltree (for what feed-rs does not show: namespaces, `rel="self"`, `isPermaLink`).

use canting::feeds;
use canting::model::Section;
use canting::site::Site;
use canting::theme::Theme;
use chrono::{DateTime, TimeZone, Utc};

use crate::support::{lang, load_site, load_with_theme};

struct Feeds {
    rss: String,
    atom: String,
    rss_parsed: feed_rs::model::Feed,
    atom_parsed: feed_rs::model::Feed,
}

fn feeds_of(site: &Site, theme: &Theme, code: &str, section: Section) -> Feeds {
    let l = lang(code);
    let strings = &theme.strings[&l];
    let rss = feeds::rss(site, &l, &section, strings);
    let atom = feeds::atom(site, &l, &section, strings);
    let rss_parsed = feed_rs::parser::parse(rss.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs cannot read the RSS ({e}):\n{rss}"));
    let atom_parsed = feed_rs::parser::parse(atom.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs cannot read the Atom ({e}):\n{atom}"));
    assert_eq!(rss_parsed.feed_type, feed_rs::model::FeedType::RSS2);
    assert_eq!(atom_parsed.feed_type, feed_rs::model::FeedType::Atom);
    check_rss_xml(&rss);
    check_atom_xml(&atom);
    Feeds {
        rss,
        atom,
        rss_parsed,
        atom_parsed,
    }
}

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// What feed-rs does not check: `rss version`, the `atom:link rel="self"`, permalink guids and
/// RFC 2822 dates.
fn check_rss_xml(xml: &str) {
    let doc = roxmltree::Document::parse(xml).expect("the RSS is XML");
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = rss
        .children()
        .find(|n| n.has_tag_name("channel"))
        .expect("a channel");
    let self_link = channel
        .children()
        .find(|n| n.tag_name().name() == "link" && n.tag_name().namespace() == Some(ATOM_NS))
        .expect("an atom:link");
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(self_link.attribute("type"), Some("application/rss+xml"));
    let href = self_link.attribute("href").expect("href");
    assert!(
        href.starts_with("https://") && href.ends_with("/rss.xml"),
        "{href}"
    );
    for name in ["title", "link", "description", "language"] {
        assert!(
            channel.children().any(|n| n.has_tag_name(name)),
            "channel has no <{name}>"
        );
    }
    for item in channel.children().filter(|n| n.has_tag_name("item")) {
        let text = |name: &str| {
            item.children()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
        };
        let guid = item
            .children()
            .find(|n| n.has_tag_name("guid"))
            .expect("a guid");
        assert_eq!(guid.attribute("isPermaLink"), Some("true"));
        assert_eq!(guid.text(), text("link"), "the guid is the permalink");
        if let Some(date) = text("pubDate") {
            DateTime::parse_from_rfc2822(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        }
    }
}

/// The Atom namespace on every element, RFC 3339 dates, a self link.
fn check_atom_xml(xml: &str) {
    let doc = roxmltree::Document::parse(xml).expect("the Atom is XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    for el in doc.descendants().filter(|n| n.is_element()) {
        assert_eq!(
            el.tag_name().namespace(),
            Some(ATOM_NS),
            "{:?}",
            el.tag_name()
        );
        if el.has_tag_name((ATOM_NS, "updated")) {
            let date = el.text().expect("a date");
            DateTime::parse_from_rfc3339(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        }
    }
    let self_link = feed
        .children()
        .find(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some("self"))
        .expect("a self link");
    assert!(
        self_link
            .attribute("href")
            .is_some_and(|h| h.starts_with("https://") && h.ends_with("/atom.xml"))
    );
    for name in ["id", "title", "updated", "author"] {
        assert!(
            feed.children().any(|n| n.has_tag_name((ATOM_NS, name))),
            "feed has no <{name}>"
        );
    }
}

fn title(t: &Option<feed_rs::model::Text>) -> &str {
    t.as_ref().map_or("", |t| t.content.as_str())
}

fn links(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| e.links.first().map(|l| l.href.clone()).unwrap_or_default())
        .collect()
}

fn titles(feed: &feed_rs::model::Feed) -> Vec<&str> {
    feed.entries.iter().map(|e| title(&e.title)).collect()
}

#[test]
fn feeds_go_beside_their_listing() {
    let (site, _) = load_with_theme("two-languages-every-section");
    assert_eq!(
        feeds::files(&site, &lang("id"), &Section::News),
        ("news/rss.xml".to_string(), "news/atom.xml".to_string())
    );
    assert_eq!(
        feeds::files(&site, &lang("en"), &Section::News),
        (
            "en/news/rss.xml".to_string(),
            "en/news/atom.xml".to_string()
        )
    );
    assert_eq!(
        feeds::files(&site, &lang("en"), &Section::Events),
        (
            "en/events/rss.xml".to_string(),
            "en/events/atom.xml".to_string()
        )
    );
    // The self links name the same files under base_url.
    let (site, theme) = load_with_theme("two-languages-every-section");
    let f = feeds_of(&site, &theme, "en", Section::News);
    assert!(
        f.rss
            .contains("href=\"https://example.org/katalog/en/news/rss.xml\" rel=\"self\"")
    );
    assert!(
        f.atom
            .contains("rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/katalog/en/news/atom.xml\"")
    );
}

#[test]
fn news_feeds_list_published_news_with_absolute_links_and_dates() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let f = feeds_of(&site, &theme, "id", Section::News);
    for feed in [&f.rss_parsed, &f.atom_parsed] {
        assert_eq!(title(&feed.title), "Katalog Uji — Berita");
        assert_eq!(titles(feed), ["Kabar Baik"], "drafts stay out");
        assert_eq!(links(feed), ["https://example.org/katalog/news/kabar/"]);
        assert_eq!(
            feed.entries[0].id,
            "https://example.org/katalog/news/kabar/"
        );
        assert_eq!(
            feed.entries[0].summary.as_ref().map(|s| s.content.as_str()),
            Some("Isi kabar.")
        );
        assert!(
            feed.links
                .iter()
                .any(|l| l.href == "https://example.org/katalog/news/")
        );
    }
    // Midnight in Blitar (WIB, +07:00).
    let day = Utc.with_ymd_and_hms(2026, 10, 31, 17, 0, 0).single();
    assert_eq!(f.rss_parsed.entries[0].published, day);
    assert_eq!(f.atom_parsed.entries[0].updated, day);
    assert_eq!(f.atom_parsed.updated, day);
    assert_eq!(f.rss_parsed.language.as_deref(), Some("id"));
    assert_eq!(f.atom_parsed.language.as_deref(), Some("id"));
    assert_eq!(
        f.atom_parsed.entries[0].authors[0].name.as_deref(),
        Some("Bu Ani")
    );

    // No English news: the feeds are empty but valid.
    let f = feeds_of(&site, &theme, "en", Section::News);
    assert_eq!(title(&f.rss_parsed.title), "Test Catalogue — News");
    assert!(f.rss_parsed.entries.is_empty() && f.atom_parsed.entries.is_empty());
    assert!(f.atom_parsed.updated.is_some());
}

#[test]
fn event_feeds_show_status_and_dates() {
    let (site, theme) = load_with_theme("two-languages-every-section");
    let f = feeds_of(&site, &theme, "id", Section::Events);
    for feed in [&f.rss_parsed, &f.atom_parsed] {
        assert_eq!(title(&feed.title), "Katalog Uji — Pameran & acara");
        // Newest first: the exhibition in 2099, then the cancelled one of 2020.
        assert_eq!(
            titles(feed),
            ["Pameran Desember", "Dibatalkan: Pameran Lama"]
        );
        assert_eq!(
            links(feed),
            [
                "https://example.org/katalog/events/pameran/",
                "https://example.org/katalog/events/lama/"
            ]
        );
        let summaries: Vec<&str> = feed
            .entries
            .iter()
            .map(|e| e.summary.as_ref().map_or("", |s| s.content.as_str()))
            .collect();
        assert!(
            summaries[0].starts_with("5–7 Desember 2099"),
            "{summaries:?}"
        );
        assert!(summaries[0].contains("Balai Desa"), "{summaries:?}");
        assert!(summaries[0].contains("Pameran besar."), "{summaries:?}");
        assert!(
            summaries[1].starts_with("30 Januari 2020, 09.00"),
            "{summaries:?}"
        );
    }
    // A time without an offset is in the site's zone.
    assert_eq!(
        f.rss_parsed.entries[1].published,
        Utc.with_ymd_and_hms(2020, 1, 30, 2, 0, 0).single()
    );

    let f = feeds_of(&site, &theme, "en", Section::Events);
    assert_eq!(titles(&f.rss_parsed), ["December Exhibition"]);
    assert!(
        f.rss_parsed.entries[0]
            .summary
            .as_ref()
            .is_some_and(|s| s.content.starts_with("5–7 December 2099"))
    );

    // Postponed, with its own offset, in a site in another zone.
    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let f = feeds_of(&site, &theme, "id", Section::Events);
    for feed in [&f.rss_parsed, &f.atom_parsed] {
        assert_eq!(
            titles(feed),
            ["Pasar Batik", "Ditunda: Festival <Batik> & Musik"]
        );
    }
    assert_eq!(
        f.atom_parsed.entries[1].updated,
        Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).single()
    );
    assert_eq!(
        f.rss_parsed.entries[0].published,
        Utc.with_ymd_and_hms(2026, 6, 10, 1, 0, 0).single()
    );
}

#[test]
fn text_with_markup_characters_round_trips() {
    let (site, theme) = load_with_theme("host-root-every-field-and-markup");
    let f = feeds_of(&site, &theme, "id", Section::News);
    for feed in [&f.rss_parsed, &f.atom_parsed] {
        assert_eq!(title(&feed.title), "Katalog Batik & <Uji> — Berita");
        assert_eq!(titles(feed), ["Batik & <Co>", "Kabar Lama"]);
        assert_eq!(
            feed.entries[0].summary.as_ref().map(|s| s.content.as_str()),
            Some("Ringkasan </script><script>alert(1)</script> & 'kutip'")
        );
        // From the first paragraph, as plain text.
        assert_eq!(
            feed.entries[1].summary.as_ref().map(|s| s.content.as_str()),
            Some("Paragraf pertama.")
        );
    }
    assert_eq!(
        f.atom_parsed.entries[0].authors[0].name.as_deref(),
        Some("Bu \"Ani\" & Co")
    );
    assert_eq!(
        f.atom_parsed.authors[0].name.as_deref(),
        Some("Asosiasi \"Batik\" & Co")
    );
    assert!(!f.rss.contains("<script>") && !f.atom.contains("<script>"));

    // roxmltree reads the same text back.
    let doc = roxmltree::Document::parse(&f.rss).expect("XML");
    let item_title = doc
        .descendants()
        .find(|n| n.has_tag_name("item"))
        .and_then(|i| i.children().find(|n| n.has_tag_name("title")))
        .and_then(|t| t.text());
    assert_eq!(item_title, Some("Batik & <Co>"));

    let f = feeds_of(&site, &theme, "en", Section::News);
    assert_eq!(
        f.rss_parsed.entries[0]
            .summary
            .as_ref()
            .map(|s| s.content.as_str()),
        Some("The first paragraph & more.")
    );

    // Any section works; the workshop whose title is a script tag stays text.
    let (site, theme) = load_with_theme("two-languages-every-section");
    let f = feeds_of(&site, &theme, "id", Section::Workshops);
    assert!(titles(&f.rss_parsed).contains(&"Batik Sekar <script>alert(1)</script>"));
    assert!(titles(&f.atom_parsed).contains(&"Batik Sekar <script>alert(1)</script>"));
}

#[test]
fn at_most_fifty_items_newest_first() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        "title: Banyak\nbase_url: https://example.org/\ndefault_language: id\n\
         languages:\n  id: { name: Bahasa Indonesia }\n",
    )
    .expect("site.yaml");
    let news = root.join("content/news");
    std::fs::create_dir_all(&news).expect("content/news");
    for n in 1..=60 {
        // Day n of 2026, so item 60 is the newest.
        let date = chrono::NaiveDate::from_yo_opt(2026, n).expect("date");
        std::fs::write(
            news.join(format!("kabar-{n}.md")),
            format!("---\ntitle: Kabar {n}\ndate: {date}\n---\nIsi {n}.\n"),
        )
        .expect("news file");
    }
    let (site, theme) = load_site(root, None);
    let f = feeds_of(&site, &theme, "id", Section::News);
    for feed in [&f.rss_parsed, &f.atom_parsed] {
        assert_eq!(feed.entries.len(), feeds::MAX_ITEMS);
        assert_eq!(title(&feed.entries[0].title), "Kabar 60");
        assert_eq!(title(&feed.entries[49].title), "Kabar 11");
        let dates: Vec<_> = feed
            .entries
            .iter()
            .map(|e| e.published.or(e.updated))
            .collect();
        assert!(dates.windows(2).all(|w| w[0] > w[1]), "newest first");
    }
}
