//! Whole builds of small fixture sites, checked with a real HTML parser.

use crate::support::{self, Fixture};

#[test]
fn pages_are_published_at_clean_urls_in_every_language() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    for path in [
        "index.html",
        "en/index.html",
        "workshops/sekar/index.html",
        "en/workshops/sekar/index.html",
        "motifs/kawung/index.html",
        "en/motifs/kawung/index.html",
        "events/pameran/index.html",
        "news/kabar/index.html",
        "about/index.html",
        "en/about/index.html",
        "404.html",
        "style.css",
        "workshops/sekar/cover-thumb.webp",
    ] {
        assert!(site.out(path).is_file(), "{path} is missing");
    }
    assert_eq!(site.attr("en/index.html", "html", "lang"), ["en"]);
    assert_eq!(site.attr("index.html", "html", "lang"), ["id"]);
}

#[test]
fn every_link_and_asset_carries_the_base_url_sub_path() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    for page in site.html_files() {
        for (selector, attr) in [("a", "href"), ("link", "href"), ("img", "src")] {
            for url in site.attr(&page, selector, attr) {
                if url.starts_with('/') {
                    assert!(
                        url.starts_with("/katalog/"),
                        "{page}: <{selector} {attr}=\"{url}\"> misses the sub-path"
                    );
                    let target = url.trim_start_matches("/katalog/");
                    let target = target.split(['#', '?']).next().unwrap_or_default();
                    let file = if target.is_empty() || target.ends_with('/') {
                        format!("{target}index.html")
                    } else {
                        target.to_string()
                    };
                    assert!(site.out(&file).is_file(), "{page}: {url} leads nowhere");
                }
            }
        }
    }
}

#[test]
fn base_url_can_be_overridden_for_a_preview() {
    let site = Fixture::new("two-languages-every-section")
        .build_ok_with(&["--base-url", "http://127.0.0.1:8080/"]);
    assert_eq!(
        site.attr("index.html", "link[rel=stylesheet]", "href"),
        ["/style.css"]
    );
    assert_eq!(
        site.attr("index.html", "link[rel=canonical]", "href"),
        ["http://127.0.0.1:8080/"]
    );
}

#[test]
fn markdown_extensions_and_links() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    let page = "workshops/sekar/index.html";
    assert_eq!(site.count(page, ".prose table"), 1);
    assert_eq!(site.count(page, ".prose del"), 1);
    assert_eq!(site.count(page, ".prose input[type=checkbox]"), 1);
    assert_eq!(site.count(page, ".prose .footnote-definition"), 1);
    assert_eq!(site.attr(page, ".prose h2", "id"), ["cerita"]);
    let hrefs = site.attr(page, ".prose a", "href");
    assert!(
        hrefs.contains(&"/katalog/motifs/kawung/#makna".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/katalog/districts/".to_string()),
        "{hrefs:?}"
    );
    assert_eq!(
        site.attr(page, ".prose a[href^='https://example.com']", "rel"),
        ["noopener"]
    );
    // The English page links to the Indonesian file; the reader stays in English.
    assert_eq!(
        site.attr("en/workshops/sekar/index.html", ".prose a", "href"),
        ["/katalog/en/motifs/kawung/"]
    );
}

#[test]
fn front_matter_text_is_escaped() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    let page = "workshops/sekar/index.html";
    assert_eq!(
        site.text(page, "h1"),
        ["Batik Sekar <script>alert(1)</script>"]
    );
    // The only script in the page is the structured data, and the title cannot close it (the
    // theme's scripts are files of their own).
    assert_eq!(site.count(page, "script:not([src])"), 1);
    assert_eq!(site.count(page, "script[type='application/ld+json']"), 1);
    let json = site
        .text(page, "script[type='application/ld+json']")
        .join("");
    let data: serde_json::Value = serde_json::from_str(&json).expect("valid JSON-LD");
    assert_eq!(
        data["@graph"][0]["name"],
        "Batik Sekar <script>alert(1)</script>"
    );
    for (css, attr) in [
        ("meta[name=description]", "content"),
        ("meta[property='og:description']", "content"),
    ] {
        assert_eq!(
            site.attr(page, css, attr),
            ["Rumah batik \"uji\" & teman"],
            "{css}"
        );
    }
    assert_eq!(
        site.attr(page, "meta[property='og:title']", "content"),
        ["Batik Sekar <script>alert(1)</script>"]
    );
}

#[test]
fn a_workshop_shows_its_contacts_prices_and_links() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    let page = "workshops/sekar/index.html";
    let whatsapp = site.attr(page, "a.whatsapp", "href");
    assert_eq!(whatsapp.len(), 1);
    // Click-to-chat with a message in the page's language that names the page.
    assert!(
        whatsapp[0].starts_with(
            "https://wa.me/6281234560001?text=Halo%2C%20saya%20melihat%20Batik%20Sekar"
        ),
        "{whatsapp:?}"
    );
    assert!(
        whatsapp[0].contains("example.org%2Fkatalog%2Fworkshops%2Fsekar%2F"),
        "{whatsapp:?}"
    );
    let en = site.attr("en/workshops/sekar/index.html", "a.whatsapp", "href");
    assert!(
        en[0].contains("text=Hello%2C%20I%20saw%20Sekar%20Batik"),
        "{en:?}"
    );
    let facts = site.text(page, ".facts dd").join(" | ");
    assert!(facts.contains("Rp 150.000 – Rp 2.500.000"), "{facts}");
    assert!(facts.contains("Batik tulis"), "{facts}");
    assert!(facts.contains("Pewarna alam"), "{facts}");
    let motifs = site.text(page, "#h-motifs ~ .cards h3");
    assert_eq!(motifs, ["Kawung", "Kendi Gandrung"]);
    let events = site.text(page, "#h-events ~ .cards h3");
    assert_eq!(events, ["Pameran Desember"]);
    let en = site
        .text("en/workshops/sekar/index.html", ".facts dd")
        .join(" | ");
    assert!(en.contains("Hand-drawn batik (tulis)"), "{en}");
}

#[test]
fn references_are_linked_back() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    let makers = site.text("motifs/kawung/index.html", "#h-makers ~ .cards h3");
    assert_eq!(makers.len(), 2, "{makers:?}");
    assert!(makers.iter().any(|m| m == "Batik Melati"));
    assert_eq!(
        site.attr("motifs/kawung/index.html", ".facts dd a", "href"),
        [
            "/katalog/colours/coklat-soga/",
            "/katalog/workshops/melati/"
        ]
    );
    let created = site.text("workshops/melati/index.html", "#h-created ~ .cards h3");
    assert_eq!(created, ["Kawung"]);
    let participants = site.text("events/pameran/index.html", "#h-participants ~ .cards h3");
    assert_eq!(participants.len(), 2);
}

#[test]
fn an_events_end_time_is_on_its_page_in_both_languages() {
    let f = Fixture::new("two-languages-every-section");
    let page = |title: &str, start: &str, end: &str| {
        format!("---\ntitle: {title}\nstart: {start}\nend: {end}\nvenue: Balai\n---\nIsi.\n")
    };
    f.write(
        "content/events/pameran.id.md",
        &page("Pameran", "2099-12-05T09:00", "2099-12-05T16:00"),
    );
    f.write(
        "content/events/pameran.en.md",
        &page("Exhibition", "2099-12-05T09:00", "2099-12-05T16:00"),
    );
    f.write(
        "content/events/pekan.id.md",
        &page("Pekan Batik", "2099-12-05T09:00", "2099-12-07T16:00"),
    );
    f.write(
        "content/events/pekan.en.md",
        &page("Batik Week", "2099-12-05T09:00", "2099-12-07T16:00"),
    );
    let site = f.build_ok();
    assert_eq!(
        site.text("events/pameran/index.html", ".facts time"),
        ["5 Desember 2099, 09.00–16.00"]
    );
    assert_eq!(
        site.text("en/events/pameran/index.html", ".facts time"),
        ["5 December 2099, 09:00–16:00"]
    );
    assert_eq!(
        site.text("events/pekan/index.html", ".facts time"),
        ["5 Desember 2099, 09.00 – 7 Desember 2099, 16.00"]
    );
    assert_eq!(
        site.text("en/events/pekan/index.html", ".facts time"),
        ["5 December 2099, 09:00 – 7 December 2099, 16:00"]
    );
}

#[test]
fn event_dates_are_written_in_the_page_language() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    assert_eq!(
        site.text("events/pameran/index.html", ".facts time"),
        ["5–7 Desember 2099"]
    );
    assert_eq!(
        site.text("en/events/pameran/index.html", ".facts time"),
        ["5–7 December 2099"]
    );
    assert_eq!(
        site.text("events/lama/index.html", ".status"),
        ["Dibatalkan"]
    );
    assert_eq!(
        site.text("events/lama/index.html", ".facts time"),
        ["30 Januari 2020, 09.00"]
    );
}

#[test]
fn the_language_switcher_leads_to_the_same_page_or_that_languages_home() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    assert_eq!(
        site.attr("workshops/sekar/index.html", ".langs a", "href"),
        ["/katalog/en/workshops/sekar/"]
    );
    assert_eq!(
        site.attr("en/workshops/sekar/index.html", ".langs a", "href"),
        ["/katalog/workshops/sekar/"]
    );
    // Batik Anggrek has no English version.
    assert_eq!(
        site.attr("workshops/anggrek/index.html", ".langs a", "href"),
        ["/katalog/en/"]
    );
    assert_eq!(
        site.attr(
            "workshops/sekar/index.html",
            "link[rel=alternate][hreflang]:not([hreflang=x-default])",
            "href"
        ),
        [
            "https://example.org/katalog/workshops/sekar/",
            "https://example.org/katalog/en/workshops/sekar/"
        ]
    );
    assert_eq!(
        site.attr(
            "workshops/anggrek/index.html",
            "link[rel=alternate][hreflang]",
            "hreflang"
        ),
        ["id", "x-default"]
    );
    assert_eq!(
        site.attr(
            "en/workshops/sekar/index.html",
            "link[rel=alternate][hreflang=x-default]",
            "href"
        ),
        ["https://example.org/katalog/workshops/sekar/"]
    );
}

#[test]
fn listings_are_paginated_and_taxonomies_listed() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    // paginate: 2 and three workshops in Indonesian.
    assert_eq!(site.count("workshops/index.html", ".cards .card"), 2);
    assert_eq!(site.count("workshops/page/2/index.html", ".cards .card"), 1);
    assert_eq!(
        site.attr("workshops/index.html", ".pagination a[rel=next]", "href"),
        ["/katalog/workshops/page/2/"]
    );
    assert_eq!(site.count("en/workshops/index.html", ".cards .card"), 1);
    assert_eq!(
        site.count("districts/kademangan/index.html", ".cards .card"),
        2
    );
    assert_eq!(site.count("techniques/tulis/index.html", ".cards .card"), 1);
    assert_eq!(
        site.count("en/colours/soga-brown/index.html", ".cards .card"),
        1
    );
    assert_eq!(
        site.count("tags/pewarna-alam/index.html", ".cards .card"),
        1
    );
    assert!(
        site.text("districts/index.html", ".terms a")
            .contains(&"Kademangan".to_string())
    );
}

#[test]
fn the_menu_lists_pages_with_menu() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    let menu = site.text("index.html", ".menu a");
    assert!(menu.contains(&"Tentang".to_string()), "{menu:?}");
    let en = site.text("en/index.html", ".menu a");
    assert!(en.contains(&"About".to_string()), "{en:?}");
}

#[test]
fn the_home_page_shows_upcoming_exhibitions_and_news() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    assert_eq!(
        site.text("index.html", "#h-events ~ .cards h3"),
        ["Pameran Desember"]
    );
    assert_eq!(
        site.text("index.html", "#h-news ~ .cards h3"),
        ["Kabar Baik"]
    );
    assert_eq!(site.text("index.html", "h1"), ["Beranda Uji"]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new("two-languages-every-section").build_ok();
    assert!(!site.out("news/rahasia/index.html").exists());
    let site = Fixture::new("two-languages-every-section").build_ok_with(&["--drafts"]);
    assert!(site.out("news/rahasia/index.html").is_file());
}

#[test]
fn a_site_without_a_themes_folder_uses_the_built_in_theme_and_its_own_templates_win() {
    let fixture = Fixture::new("two-languages-every-section");
    assert!(!fixture.root().join("themes").exists());
    fixture.write(
        "themes/batik/templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{% endblock content %}",
    );
    let site = fixture.build_ok();
    assert_eq!(site.text("news/kabar/index.html", ".mine"), ["Kabar Baik"]);
    assert_eq!(site.count("workshops/sekar/index.html", ".contact"), 1);
}

#[test]
fn a_deleted_page_disappears_from_the_next_build() {
    let fixture = Fixture::new("two-languages-every-section");
    let site = fixture.build_ok();
    assert!(site.out("workshops/anggrek/index.html").exists());
    fixture.remove("content/workshops/anggrek.id.md");
    let site = fixture.build_ok();
    assert!(!site.out("workshops/anggrek/index.html").exists());
    assert!(!site.out("workshops/anggrek").exists());
}

#[test]
fn other_files_are_published_at_their_path() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.write("content/pages/brosur.txt", "brosur");
    fixture.write(
        "content/pages/about.id.md",
        "---\ntitle: Tentang\n---\nUnduh [brosur](brosur.txt).\n",
    );
    let site = fixture.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.out("pages/brosur.txt"))
            .ok()
            .as_deref(),
        Some("brosur")
    );
    assert_eq!(
        site.attr("about/index.html", ".prose a", "href"),
        ["/katalog/pages/brosur.txt"]
    );
}

#[test]
fn a_wrong_invocation_exits_with_2() {
    let out = support::canting(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = support::canting(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("build"), "{help}");
}

#[test]
fn the_sample_catalogue_builds_without_warnings() {
    let site = support::build_site(&support::sample_root(), &[]);
    let stderr = &site.stderr;
    assert_eq!(site.code, Some(0), "{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "the sample should build cleanly:\n{stderr}"
    );
    let html = site.html_files().len();
    assert!(html > 150, "only {html} pages");
}

#[test]
fn old_addresses_redirect_to_the_page() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.write(
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\naliases: [/bengkel/melati/]\n---\nIsi\n",
    );
    let site = fixture.build_ok();
    assert_eq!(
        site.attr(
            "bengkel/melati/index.html",
            "meta[http-equiv=refresh]",
            "content"
        ),
        ["0; url=https://example.org/katalog/workshops/melati/"]
    );
    assert_eq!(
        site.attr("bengkel/melati/index.html", "link[rel=canonical]", "href"),
        ["https://example.org/katalog/workshops/melati/"]
    );
}

#[test]
fn themes_have_the_filters_tera_2_dropped() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.write(
        "themes/batik/templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"f\">{{ page.title | slugify }}|{{ \"Halo, kamu & aku\" | urlencode }}|{{ \"2026-12-05\" | date(lang=\"en\") }}|{{ \"2026-12-05\" | date(lang=\"id\") }}|{{ 1500000 | rupiah }}</p>{% endblock content %}",
    );
    let site = fixture.build_ok();
    assert_eq!(
        site.text("news/kabar/index.html", ".f"),
        ["kabar-baik|Halo%2C%20kamu%20%26%20aku|5 December 2026|5 Desember 2026|Rp 1.500.000"]
    );
}

#[test]
fn a_broken_template_is_reported_with_its_name() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.write("themes/batik/templates/news.html", "{% extends \"base.html\" %}{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}");
    let err = fixture.build_fails();
    assert!(err.contains("news.html"), "{err}");
}

#[test]
fn exhibitions_to_come_are_listed_first_soonest_first() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.write(
        "content/events/later.id.md",
        "---\ntitle: Lebih Jauh\nstart: 2100-03-01\n---\n",
    );
    fixture.write(
        "content/events/older.id.md",
        "---\ntitle: Lebih Lama\nstart: 2019-03-01\n---\n",
    );
    let site = fixture.build_ok_with(&[]);
    let first: Vec<String> = site.text("events/index.html", ".card-title");
    let second: Vec<String> = site.text("events/page/2/index.html", ".card-title");
    let all: Vec<&str> = first.iter().chain(&second).map(String::as_str).collect();
    assert_eq!(
        all,
        [
            "Pameran Desember",
            "Lebih Jauh",
            "Pameran Lama",
            "Lebih Lama"
        ]
    );
}

#[test]
fn phone_photos_are_published_upright_responsive_and_without_their_gps_position() {
    let fixture = Fixture::new("two-languages-every-section");
    // Stored 1200×800 on its side (orientation 6): upright it is 800 wide and 1200 high.
    fixture.write_bytes(
        "content/workshops/sekar/cover.jpg",
        &support::phone_jpeg(1200, 800, 6),
    );
    fixture.remove("content/workshops/sekar/cover.png");
    assert!(support::has_exif(&support::phone_jpeg(1200, 800, 6)));
    for lang in ["id", "en"] {
        let path = format!("content/workshops/sekar/index.{lang}.md");
        let text = std::fs::read_to_string(fixture.root().join(&path)).expect("read");
        let text = text.replace("cover: cover.png", "cover: cover.jpg");
        fixture.write(&path, &format!("{text}\n![Kain batik](cover.jpg)\n"));
    }
    let site = fixture.build_ok();
    let page = "workshops/sekar/index.html";
    // The build says how much it published.
    let bytes: u64 = walkdir::WalkDir::new(&site.output)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".canting-output")
        .map(|e| e.metadata().expect("size").len())
        .sum();
    let size = format!("({:.1} MB)", bytes as f64 / 1e6);
    assert!(site.stdout.contains(&size), "{size} in {}", site.stdout);
    assert_eq!(
        site.attr(page, "picture source[type='image/webp']", "srcset")[0],
        "/katalog/workshops/sekar/cover-480.webp 480w, /katalog/workshops/sekar/cover-800.webp 800w"
    );
    let img = |attr: &str| site.attr(page, "img.cover", attr);
    assert_eq!(img("src"), ["/katalog/workshops/sekar/cover-800.jpg"]);
    assert_eq!(
        (img("width"), img("height")),
        (vec!["800".to_string()], vec!["1200".to_string()])
    );
    assert_eq!(
        site.attr(page, "meta[property='og:image']", "content"),
        ["https://example.org/katalog/workshops/sekar/cover-share.jpg"]
    );
    let share = image::load_from_memory(
        &std::fs::read(site.out("workshops/sekar/cover-share.jpg")).expect("share"),
    )
    .expect("decodes");
    // 1200×630 where the photo is wide enough; never enlarged, always that shape.
    assert_eq!((share.width(), share.height()), (800, 420));
    // Cards show the small crop.
    assert!(
        site.attr("workshops/page/2/index.html", ".card img", "src")
            .contains(&"/katalog/workshops/sekar/cover-thumb.jpg".to_string())
    );
    // No published file of the photo keeps EXIF, the original included.
    let published: Vec<_> = std::fs::read_dir(site.out("workshops/sekar"))
        .expect("read")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("cover"))
        .collect();
    assert!(published.len() >= 6, "{published:?}");
    for file in published {
        let bytes = std::fs::read(file.path()).expect("read");
        assert!(
            !support::has_exif(&bytes),
            "{:?} keeps EXIF",
            file.file_name()
        );
    }
    // The photo itself is not published: search engines and the open data get the widest copy.
    assert!(!site.out("workshops/sekar/cover.jpg").exists());
    let json_ld = site
        .text(page, "script[type='application/ld+json']")
        .join("");
    assert!(
        json_ld
            .contains("\"image\":\"https://example.org/katalog/workshops/sekar/cover-800.webp\""),
        "{json_ld}"
    );
    assert_eq!(
        site.attr(page, "img[alt='Kain batik']", "src"),
        ["/katalog/workshops/sekar/cover-800.webp"]
    );
    let open_data = site.read("data/catalogue.json");
    assert!(open_data.contains("https://example.org/katalog/workshops/sekar/cover-800.webp"));
    assert!(!open_data.contains("sekar/cover.jpg"));

    // A site that wants downloadable photos publishes them, no larger than it asks.
    let yaml = std::fs::read_to_string(fixture.root().join("site.yaml")).expect("read");
    fixture.write("site.yaml", &format!("{yaml}\nimages:\n  originals: 900\n"));
    let site = fixture.build_ok();
    let original = image::load_from_memory(
        &std::fs::read(site.out("workshops/sekar/cover.jpg")).expect("read"),
    )
    .expect("decodes");
    assert_eq!((original.width(), original.height()), (600, 900));
    assert!(!support::has_exif(
        &std::fs::read(site.out("workshops/sekar/cover.jpg")).expect("read")
    ));
    let json_ld = site
        .text(page, "script[type='application/ld+json']")
        .join("");
    assert!(
        json_ld.contains("\"image\":\"https://example.org/katalog/workshops/sekar/cover.jpg\""),
        "{json_ld}"
    );
}

#[test]
fn a_rebuild_reuses_processed_photos_from_the_cache() {
    let fixture = Fixture::new("two-languages-every-section");
    fixture.build_ok();
    let cache = fixture.root().join(".canting-cache/images");
    let entries = |dir: &std::path::Path| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    assert!(entries(&cache) > 0, "the cache is kept at the site root");
    // Photos only: calendars carry the time of the build.
    let photos = |dir: &std::path::Path| {
        support::snapshot(dir)
            .into_iter()
            .filter(|(p, _)| {
                p.extension()
                    .is_some_and(|e| e == "jpg" || e == "webp" || e == "png")
            })
            .collect::<Vec<_>>()
    };
    let first = photos(&fixture.output());
    assert!(!first.is_empty());
    fixture.build_ok();
    assert!(
        first == photos(&fixture.output()),
        "a rebuild publishes the same photos"
    );
}

#[test]
fn a_words_file_with_one_word_keeps_the_themes_other_words_in_that_language() {
    // A volunteer renames "Kontak" and nothing else (the month names are always needed): the
    // other Indonesian words stay Indonesian.
    let site = support::with(
        "two-languages-every-section",
        "themes/batik/i18n/id.yaml",
        "months: [Januari, Februari, Maret, April, Mei, Juni, Juli, Agustus, September, Oktober, \
         November, Desember]\ncontact: Hubungi kami\n",
    )
    .build_ok();
    let page = std::fs::read_to_string(site.out("workshops/sekar/index.html"))
        .expect("the workshop's page");
    assert!(page.contains("Hubungi kami"), "the site's own word");
    assert!(
        page.contains("Langsung ke isi"),
        "the theme's Indonesian words"
    );
    assert!(!page.contains("Skip to"), "no English word borrowed");
}
