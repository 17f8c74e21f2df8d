//! The promotion outputs of a whole build, read back with real parsers: share previews, structured
//! data, QR codes, calendars, feeds, the sitemap, short links, print pages and open data.

use crate::support::{Build, Fixture, build_site, decode_qr, sample_root};

fn every_section() -> Build {
    Fixture::new("two-languages-every-section").build_ok()
}

#[test]
fn share_previews_have_absolute_urls_locale_and_image() {
    let site = every_section();
    let page = "workshops/sekar/index.html";
    let meta = |property: &str| site.attr(page, &format!("meta[property='{property}']"), "content");
    assert_eq!(
        meta("og:url"),
        ["https://example.org/katalog/workshops/sekar/"]
    );
    assert_eq!(
        meta("og:image"),
        ["https://example.org/katalog/workshops/sekar/cover-share.jpg"]
    );
    assert_eq!(meta("og:locale"), ["id_ID"]);
    assert_eq!(meta("og:locale:alternate"), ["en_US"]);
    assert_eq!(meta("og:site_name"), ["Katalog Uji"]);
    assert_eq!(
        site.attr(page, "meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    // Without a summary the first paragraph describes the page; without a cover, a share card
    // drawn by canting.
    let news = "news/kabar/index.html";
    assert_eq!(
        site.attr(news, "meta[property='og:description']", "content"),
        ["Isi kabar."]
    );
    assert_eq!(
        site.attr(news, "meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    assert_eq!(
        site.attr(news, "meta[property='og:image']", "content"),
        ["https://example.org/katalog/news/kabar/share.png"]
    );
    assert_eq!(
        site.attr(
            "en/workshops/sekar/index.html",
            "meta[property='og:locale']",
            "content"
        ),
        ["en_US"]
    );
}

#[test]
fn every_page_carries_valid_structured_data() {
    let site = every_section();
    for page in site.catalogue_pages() {
        let scripts = site.text(&page, "script[type='application/ld+json']");
        if page.contains("bengkel/") || page.starts_with("w/") {
            continue; // redirect pages
        }
        assert_eq!(scripts.len(), 1, "{page}");
        let data: serde_json::Value = serde_json::from_str(&scripts[0])
            .unwrap_or_else(|e| panic!("{page}: invalid JSON-LD: {e}"));
        assert_eq!(data["@context"], "https://schema.org", "{page}");
    }
    let types = |page: &str| -> Vec<String> {
        let json = site
            .text(page, "script[type='application/ld+json']")
            .join("");
        let data: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD");
        let nodes = match data["@graph"].as_array() {
            Some(graph) => graph.clone(),
            None => vec![data],
        };
        nodes
            .iter()
            .map(|n| n["@type"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(types("workshops/sekar/index.html").contains(&"LocalBusiness".to_string()));
    assert!(types("motifs/kawung/index.html").contains(&"VisualArtwork".to_string()));
    assert!(types("events/pameran/index.html").contains(&"Event".to_string()));
    assert!(types("news/kabar/index.html").contains(&"NewsArticle".to_string()));
    assert!(types("workshops/index.html").contains(&"BreadcrumbList".to_string()));
    assert!(types("index.html").contains(&"Organization".to_string()));
}

#[test]
fn qr_codes_decode_to_the_page_and_campaigns_carry_utm_tags() {
    let site = every_section();
    for (page, url) in [
        (
            "workshops/sekar/",
            "https://example.org/katalog/workshops/sekar/",
        ),
        (
            "en/motifs/kawung/",
            "https://example.org/katalog/en/motifs/kawung/",
        ),
        (
            "events/pameran/",
            "https://example.org/katalog/events/pameran/",
        ),
    ] {
        assert_eq!(
            site.attr(&format!("{page}index.html"), ".qr img", "src"),
            [format!("/katalog/{page}qr.svg")]
        );
        assert_eq!(decode_qr(&site.read(&format!("{page}qr.svg"))), url);
    }
    assert!(!site.out("news/kabar/qr.svg").exists());

    let campaign = Fixture::new("campaign-page-with-utm-tags").build_ok();
    assert_eq!(
        decode_qr(&campaign.read("pameran-desember/qr.svg")),
        "https://batik.example.org/katalog-batik-blitar/pameran-desember/\
         ?utm_source=qr&utm_medium=print&utm_campaign=pameran-desember-2026"
    );
}

#[test]
fn a_campaign_page_has_its_call_to_action_featured_cards_and_qr_code() {
    let site = Fixture::new("campaign-page-with-utm-tags").build_ok();
    let page = "pameran-desember/index.html";
    let cta = site.attr(page, ".campaign-hero a.whatsapp", "href");
    assert_eq!(cta.len(), 1);
    assert!(
        cta[0].starts_with("https://wa.me/6281234560001?text=Halo"),
        "{cta:?}"
    );
    assert_eq!(site.count(page, "#h-featured ~ .cards .card"), 1);
    assert_eq!(site.count(page, ".qr img"), 1);
    // An outbound call to action carries the campaign's name.
    let f = Fixture::new("campaign-page-with-utm-tags");
    f.write(
        "content/pages/pameran-desember.id.md",
        "---\ntitle: Pameran\nlayout: campaign\ncampaign: pameran-desember-2026\ncta: {label: Daftar, url: \"https://example.com/daftar?x=1\"}\n---\nIsi\n",
    );
    let site = f.build_ok();
    assert_eq!(
        site.attr(page, ".campaign-hero a.button", "href"),
        [
            "https://example.com/daftar?x=1&utm_source=website&utm_medium=campaign&utm_campaign=pameran-desember-2026"
        ]
    );
}

#[test]
fn share_links_are_plain_links_with_the_page() {
    let site = every_section();
    let links = site.attr("motifs/kawung/index.html", ".share a", "href");
    assert_eq!(links.len(), 4, "{links:?}");
    let encoded = "https%3A%2F%2Fexample.org%2Fkatalog%2Fmotifs%2Fkawung%2F";
    for (link, start) in links.iter().zip([
        "https://wa.me/?text=",
        "https://www.facebook.com/sharer/sharer.php?u=",
        "https://x.com/intent/post?",
        "https://t.me/share/url?",
    ]) {
        assert!(link.starts_with(start) && link.contains(encoded), "{link}");
    }
}

#[test]
fn events_can_be_added_to_calendars() {
    let site = every_section();
    let page = "events/pameran/index.html";
    assert_eq!(
        site.attr(page, ".add-calendar a[download]", "href"),
        ["/katalog/events/pameran/event.ics"]
    );
    let google = site.attr(page, ".add-calendar a[rel=noopener]", "href");
    assert!(
        google[0].starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE")
            && google[0].contains("dates=20991205/20991208"),
        "{google:?}"
    );
    let ics = site.read("events/pameran/event.ics");
    let mut calendars = ical::IcalParser::new(ics.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("parses");
    assert_eq!(calendar.events.len(), 1);
    // The whole calendar, for phones to subscribe to, in each language.
    let calendar_page = "calendar/index.html";
    assert_eq!(
        site.attr(calendar_page, ".subscribe a.button", "href"),
        ["webcal://example.org/katalog/calendar.ics"]
    );
    let feed = site.read("calendar.ics");
    let calendar = ical::IcalParser::new(feed.as_bytes())
        .next()
        .expect("one calendar")
        .expect("parses");
    assert_eq!(calendar.events.len(), 2, "both Indonesian events");
    let en = site.read("en/calendar.ics");
    let calendar = ical::IcalParser::new(en.as_bytes())
        .next()
        .expect("one calendar")
        .expect("parses");
    assert_eq!(calendar.events.len(), 1, "the English event");
}

#[test]
fn the_calendar_page_lists_upcoming_then_past_and_months() {
    let site = every_section();
    let page = "calendar/index.html";
    assert_eq!(
        site.text(page, "#upcoming-list .card-title"),
        ["Pameran Desember"]
    );
    assert_eq!(
        site.attr(page, "#upcoming-list .calendar-item", "data-last-day"),
        ["2099-12-07"]
    );
    assert_eq!(site.text(page, "#h-past ~ h3"), ["2020"]);
    let captions = site.text(page, "table.month caption");
    assert_eq!(captions, ["Januari 2020", "Desember 2099"]);
    // Cancelled events say so in the month view too.
    let january = site.text(page, "table.month td.has-events a");
    assert!(
        january.iter().any(|t| t == "Pameran Lama (Dibatalkan)"),
        "{january:?}"
    );
    assert_eq!(
        site.text("en/calendar/index.html", "table.month caption"),
        ["December 2099"]
    );
}

#[test]
fn cancelled_events_are_marked_in_listings_feeds_and_calendars() {
    let site = every_section();
    let listing = site.text("events/index.html", ".card-cancelled .status");
    assert_eq!(listing, ["Dibatalkan"]);
    let ics = site.read("events/lama/event.ics");
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    let rss = site.read("events/rss.xml");
    let feed = feed_rs::parser::parse(rss.as_bytes()).expect("RSS parses");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("Dibatalkan")),
        "{titles:?}"
    );
}

#[test]
fn feeds_and_the_sitemap_are_published_and_linked() {
    let site = every_section();
    assert_eq!(
        site.attr("index.html", "link[type='application/rss+xml']", "href"),
        ["/katalog/news/rss.xml", "/katalog/events/rss.xml"]
    );
    for feed in [
        "news/rss.xml",
        "news/atom.xml",
        "en/events/rss.xml",
        "en/events/atom.xml",
    ] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes())
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
        for entry in &parsed.entries {
            for link in &entry.links {
                assert!(
                    link.href.starts_with("https://example.org/katalog/"),
                    "{feed}: {}",
                    link.href
                );
            }
        }
    }
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/katalog/workshops/sekar/"));
    assert!(locs.contains(&"https://example.org/katalog/en/workshops/sekar/"));
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/katalog/sitemap.xml")
    );
}

#[test]
fn workshops_get_short_links_flyers_and_a_place_in_the_printable_catalogue() {
    let site = every_section();
    assert_eq!(
        site.attr("w/sekar/index.html", "meta[http-equiv=refresh]", "content"),
        ["0; url=https://example.org/katalog/workshops/sekar/"]
    );
    assert_eq!(
        site.attr(
            "workshops/sekar/index.html",
            ".contact dd a[href*='/w/']",
            "href"
        ),
        ["https://example.org/katalog/w/sekar/"]
    );
    for slug in ["sekar", "melati", "anggrek"] {
        let flyer = format!("workshops/{slug}/flyer/index.html");
        assert_eq!(site.count(&flyer, ".flyer-qr img"), 1, "{flyer}");
    }
    assert_eq!(
        site.text("workshops/sekar/flyer/index.html", ".flyer-qr figcaption"),
        ["https://example.org/katalog/w/sekar/"]
    );
    let print = "print/index.html";
    assert_eq!(site.count(print, ".print-workshop"), 3);
    assert_eq!(site.count(print, ".print-workshop img.print-qr"), 3);
    assert_eq!(site.count(print, ".print-motif"), 2);
    assert_eq!(site.count("en/print/index.html", ".print-workshop"), 1);
}

#[test]
fn open_data_is_published_in_every_language() {
    let site = every_section();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("data/catalogue.json")).expect("valid JSON");
    assert_eq!(json["workshops"].as_array().map(Vec::len), Some(3));
    let english = site.read("en/data/workshops.csv");
    let mut reader = csv::Reader::from_reader(english.as_bytes());
    assert_eq!(reader.records().count(), 1);
    assert_eq!(
        site.attr(
            "index.html",
            ".site-footer a[href$='catalogue.json']",
            "href"
        ),
        ["/katalog/data/catalogue.json"]
    );
}

/// Every HTML page of `site` but redirects, with the file its `og:image` names under the output
/// folder; each also has a large Twitter card with the same picture.
fn share_pictures(site: &Build, base: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for page in site.catalogue_pages() {
        if site.count(&page, "meta[http-equiv='refresh']") > 0 {
            continue; // a redirect
        }
        let image = site.attr(&page, "meta[property='og:image']", "content");
        assert_eq!(image.len(), 1, "{page}: {image:?}");
        assert_eq!(
            site.attr(&page, "meta[name='twitter:card']", "content"),
            ["summary_large_image"],
            "{page}"
        );
        assert_eq!(
            site.attr(&page, "meta[name='twitter:image']", "content"),
            image,
            "{page}"
        );
        let file = image[0]
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{page}: {} is not under {base}", image[0]));
        found.push((page, file.to_string()));
    }
    assert!(!found.is_empty());
    found
}

#[test]
fn every_page_shares_a_picture_and_pages_without_a_photo_get_a_drawn_card() {
    let site = every_section();
    let mut cards = 0;
    for (page, file) in share_pictures(&site, "https://example.org/katalog/") {
        let picture = image::open(site.out(&file))
            .unwrap_or_else(|e| panic!("{page}: {file} does not decode: {e}"));
        let size = (picture.width(), picture.height());
        if file.ends_with("share.png") {
            cards += 1;
            assert_eq!(size, (1200, 630), "{page}: {file}");
        } else {
            // A cover's share picture, cropped to the same shape and never enlarged (this
            // fixture's cover is tiny).
            assert!(file.ends_with("-share.jpg"), "{page}: {file}");
            assert!(share_shaped(size), "{file}: {size:?}");
        }
    }
    assert!(cards > 5, "{cards} cards");
    // The pages of a listing after the first share the first one's picture.
    let og_image = |page: &str| site.attr(page, "meta[property='og:image']", "content");
    assert_eq!(
        og_image("workshops/page/2/index.html"),
        og_image("workshops/index.html")
    );
    assert!(!site.out("workshops/page/2/share.png").exists());
}

#[test]
fn a_page_without_a_photo_shares_the_photo_of_a_page_it_is_linked_with() {
    let site = every_section();
    let sekar = "https://example.org/katalog/workshops/sekar/cover-share.jpg";
    let og_image = |page: &str| site.attr(page, "meta[property='og:image']", "content");
    assert_eq!(og_image("workshops/sekar/index.html"), [sekar]);
    // Kawung is made by Sekar; the exhibition shows Sekar; the workshops listing starts with it.
    assert_eq!(og_image("motifs/kawung/index.html"), [sekar]);
    assert_eq!(og_image("events/pameran/index.html"), [sekar]);
    assert_eq!(og_image("workshops/index.html"), [sekar]);
    // News links to nothing with a photo: a card with its title.
    assert_eq!(
        og_image("news/kabar/index.html"),
        ["https://example.org/katalog/news/kabar/share.png"]
    );
}

#[test]
fn a_large_catalogue_shares_one_card_per_kind_of_page() {
    let f = Fixture::new("two-languages-every-section");
    // More pages without a photo than get a card of their own.
    for n in 0..1_001 {
        f.write(
            &format!("content/news/kabar-{n}.id.md"),
            &format!("---\ntitle: Kabar nomor {n}\ndate: 2024-01-01\n---\nIsi.\n"),
        );
    }
    let site = f.build_ok();
    let og_image = |page: &str| site.attr(page, "meta[property='og:image']", "content");
    let news_card = "https://example.org/katalog/share-news.png";
    assert_eq!(og_image("news/kabar-7/index.html"), [news_card]);
    assert_eq!(og_image("news/kabar-900/index.html"), [news_card]);
    assert_eq!(
        og_image("en/about/index.html"),
        ["https://example.org/katalog/en/share-site.png"]
    );
    // Pages with a picture keep it.
    assert_eq!(
        og_image("motifs/kawung/index.html"),
        ["https://example.org/katalog/workshops/sekar/cover-share.jpg"]
    );
    let cards: Vec<_> = site
        .files_with_extension("png")
        .into_iter()
        .filter(|f| f.ends_with("share.png") || f.contains("/share-") || f.starts_with("share-"))
        .collect();
    assert!(cards.len() < 30, "{} cards: {cards:?}", cards.len());
    let card = image::open(site.out("share-news.png")).expect("the news card decodes");
    assert_eq!((card.width(), card.height()), (1200, 630));
}

/// Whether `size` is the 1200×630 shape of share pictures, give or take rounding.
fn share_shaped((w, h): (u32, u32)) -> bool {
    w <= 1200 && (w * 630).abs_diff(h * 1200) <= 1200
}

#[test]
fn the_sample_shares_pictures_of_1200_by_630_under_a_sub_path() {
    let site = build_site(
        &sample_root(),
        &["--base-url", "https://example.org/katalog/"],
    );
    site.assert_success();
    let mut cards = 0;
    for (page, file) in share_pictures(&site, "https://example.org/katalog/") {
        let size = image::image_dimensions(site.out(&file))
            .unwrap_or_else(|e| panic!("{page}: {file} does not decode: {e}"));
        if file.ends_with("/share.png") || file == "share.png" || file.ends_with("-share.png") {
            cards += 1;
            assert_eq!(size, (1200, 630), "{page}: {file}");
        } else {
            // A photo is never enlarged: a cover narrower than 1200 pixels gives a share picture
            // of its own width, still wide enough (600) for the large preview.
            assert!(
                share_shaped(size) && size.0 >= 600,
                "{page}: {file}: {size:?}"
            );
        }
    }
    assert!(cards > 100, "{cards}");
}

#[test]
fn the_404_page_is_noindex_without_language_alternates() {
    let site = every_section();
    let page = "404.html";
    assert_eq!(
        site.attr(page, "meta[name='robots']", "content"),
        ["noindex"]
    );
    assert_eq!(site.count(page, "link[hreflang]"), 0);
    assert_eq!(site.count(page, "link[rel='canonical']"), 0);
    assert_eq!(site.count(page, "meta[property='og:locale:alternate']"), 0);
    assert_eq!(site.count("index.html", "meta[name='robots']"), 0);
    assert!(!site.read("sitemap.xml").contains("404"));
}

#[test]
fn the_site_has_icons_and_a_manifest_under_its_sub_path() {
    let site = every_section();
    for page in ["index.html", "en/calendar/index.html", "404.html"] {
        let href = |rel: &str| site.attr(page, &format!("link[rel='{rel}']"), "href");
        assert_eq!(
            href("icon"),
            ["/katalog/icon.svg", "/katalog/icon-192.png"],
            "{page}"
        );
        assert_eq!(href("apple-touch-icon"), ["/katalog/apple-touch-icon.png"]);
        assert_eq!(href("manifest"), ["/katalog/manifest.webmanifest"]);
    }
    assert_eq!(
        image::image_dimensions(site.out("apple-touch-icon.png")).expect("a PNG"),
        (180, 180)
    );
    assert!(site.read("icon.svg").starts_with("<svg"));
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("manifest.webmanifest")).expect("JSON");
    assert_eq!(manifest["name"], "Katalog Uji");
    assert_eq!(manifest["start_url"], "/katalog/");
    assert_eq!(manifest["scope"], "/katalog/");
    assert_eq!(manifest["theme_color"], "#6b3a1f");
    assert_eq!(manifest["background_color"], "#fbf6ec");
    let icons = manifest["icons"].as_array().expect("icons");
    assert!(icons.len() >= 2);
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let file = site.out(src.strip_prefix("/katalog/").expect("under the sub-path"));
        assert!(file.exists(), "{src}");
        if icon["type"] == "image/png" {
            let (w, h) = image::image_dimensions(&file).expect("a PNG");
            assert_eq!(icon["sizes"], format!("{w}x{h}"), "{src}");
        }
    }
}

#[test]
fn the_built_sitemap_lists_the_calendar_and_terms_with_alternates() {
    let site = every_section();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    let alternates = |loc: &str| -> Vec<(String, String)> {
        let url = doc
            .descendants()
            .find(|n| n.has_tag_name("loc") && n.text() == Some(loc))
            .and_then(|n| n.parent())
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"));
        url.children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap_or_default().to_string(),
                    n.attribute("href").unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let calendar = alternates("https://example.org/katalog/calendar/");
    assert!(calendar.contains(&(
        "en".to_string(),
        "https://example.org/katalog/en/calendar/".to_string()
    )));
    assert!(calendar.iter().any(|(l, _)| l == "x-default"));
    let terms: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .filter(|loc| loc.matches('/').count() > 5 && site_taxonomy(loc))
        .collect();
    assert!(!terms.is_empty(), "no term pages in\n{xml}");
    for loc in terms {
        assert!(!alternates(loc).is_empty(), "{loc}");
    }
}

/// Whether `loc` is a taxonomy term's page of the fixture.
fn site_taxonomy(loc: &str) -> bool {
    ["/districts/", "/techniques/", "/colours/", "/tags/"]
        .iter()
        .any(|t| loc.contains(t))
}

#[test]
fn site_pages_name_themselves_in_previews_and_breadcrumbs() {
    let site = every_section();
    let home_description = site.attr("index.html", "meta[property='og:description']", "content");
    for (page, title) in [
        ("calendar/index.html", "Kalender pameran"),
        ("print/index.html", "Katalog cetak"),
        ("workshops/index.html", "Rumah batik"),
        ("workshops/page/2/index.html", "Rumah batik"),
        ("districts/index.html", "Kecamatan"),
        ("en/calendar/index.html", "Exhibition calendar"),
        ("en/colours/index.html", "Colours"),
    ] {
        assert_eq!(
            site.attr(page, "meta[property='og:title']", "content"),
            [title],
            "{page}"
        );
        assert_ne!(
            site.attr(page, "meta[property='og:description']", "content"),
            home_description,
            "{page}"
        );
        let json = site
            .text(page, "script[type='application/ld+json']")
            .join("");
        let data: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD");
        assert_eq!(data["@type"], "BreadcrumbList", "{page}");
        let items = data["itemListElement"].as_array().expect("items");
        assert_eq!(items.last().expect("an item")["name"], title, "{page}");
    }
    // A term's page is named by its taxonomy and term, in its preview and its card alike.
    let term = site
        .html_files()
        .into_iter()
        .find(|p| p.starts_with("districts/") && p.matches('/').count() == 2)
        .expect("a district's page");
    let title = site.attr(&term, "meta[property='og:title']", "content");
    assert!(title[0].starts_with("Kecamatan: "), "{term}: {title:?}");
}

#[test]
fn a_site_can_replace_the_share_card_template() {
    let f = Fixture::new("two-languages-every-section");
    f.write(
        "themes/batik/share/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\">\
         <rect width=\"1200\" height=\"630\" fill=\"#ff0000\"/>\
         <text x=\"40\" y=\"300\" font-size=\"{{title_size}}\">{{title_1}} {{kind}} {{site}}</text></svg>",
    );
    let site = f.build_ok();
    let card = image::open(site.out("calendar/share.png"))
        .expect("a PNG")
        .to_rgba8();
    assert_eq!(card.dimensions(), (1200, 630));
    assert_eq!(card.get_pixel(5, 5).0, [255, 0, 0, 255]);
}
