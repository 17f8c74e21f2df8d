//! The open-data files read back with ordinary JSON and CSV readers, as a partner office would.

use std::collections::HashMap;

use canting::model::Section;
use canting::opendata;
use canting::site::Site;
use serde_json::{Value, json};

use crate::support::{lang, load};

fn document(site: &Site, code: &str) -> Value {
    serde_json::from_str(&opendata::json(site, &lang(code))).expect("valid JSON")
}

/// The header and the rows of a CSV file, each row by column name.
fn table(text: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            assert_eq!(r.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

fn row<'a>(rows: &'a [HashMap<String, String>], slug: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["slug"] == slug)
        .unwrap_or_else(|| panic!("no row {slug}"))
}

fn record<'a>(doc: &'a Value, section: &str, slug: &str) -> &'a Value {
    doc[section]
        .as_array()
        .expect("a list")
        .iter()
        .find(|r| r["slug"] == slug)
        .unwrap_or_else(|| panic!("no {section} record {slug}"))
}

fn is_url_field(key: &str) -> bool {
    key == "url" || key == "cover" || key.ends_with("_url") || key.ends_with("_urls")
}

#[test]
fn rows_are_the_published_pages_of_each_section_and_language() {
    for fixture in [
        "two-languages-every-section",
        "open-data-every-field-and-licence",
    ] {
        let site = load(fixture);
        for language in &site.config.languages {
            let code = language.code.as_str();
            let doc = document(&site, code);
            assert_eq!(doc["generated_by"], "canting");
            assert_eq!(doc["language"], code);
            assert_eq!(doc["site"]["title"], language.title.as_str());
            for section in opendata::SECTIONS {
                let expected = site.section_pages(&section, &language.code).len();
                let name = section.folder();
                assert_eq!(
                    doc[name].as_array().expect("a list").len(),
                    expected,
                    "{fixture} {code} {name}.json"
                );
                let (header, rows) = table(&opendata::csv(&site, &language.code, &section));
                assert_eq!(header, opendata::columns(&section), "{name}.csv");
                assert_eq!(rows.len(), expected, "{fixture} {code} {name}.csv");
                for record in doc[name].as_array().expect("a list") {
                    // serde_json's map sorts the keys; compare them as sets.
                    let mut keys: Vec<&str> = record
                        .as_object()
                        .expect("a record")
                        .keys()
                        .map(String::as_str)
                        .collect();
                    let mut columns = opendata::columns(&section).to_vec();
                    keys.sort_unstable();
                    columns.sort_unstable();
                    assert_eq!(keys, columns, "JSON keys are the CSV columns");
                }
            }
        }
    }
    // The draft motif is in neither language's data; the Indonesian-only workshop only in `id`.
    let site = load("open-data-every-field-and-licence");
    let counts = |code: &str| {
        let doc = document(&site, code);
        ["workshops", "motifs", "events"].map(|s| doc[s].as_array().map_or(0, Vec::len))
    };
    assert_eq!(counts("id"), [2, 1, 1]);
    assert_eq!(counts("en"), [1, 1, 1]);
}

#[test]
fn commas_quotes_and_line_breaks_round_trip() {
    let site = load("open-data-every-field-and-licence");
    let id = lang("id");
    let text = opendata::csv(&site, &id, &Section::Workshops);
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let (_, rows) = table(&text);
    let doc = document(&site, "id");
    let kenanga = row(&rows, "kenanga");
    let record = record(&doc, "workshops", "kenanga");
    // As written, but for the line break YAML's `|` leaves at the end.
    let summary =
        "Batik tulis, cap; pewarna alam.\nBaris kedua dengan \"kutip\" dan koma, di sini.";
    for (field, value) in [
        ("name", "Batik \"Kenanga\", Kademangan"),
        ("summary", summary),
        ("address", "Jl. Melati No. 5, RT 02/RW 01, Kademangan"),
        ("opening_hours", "Senin–Sabtu, 08.00–16.00"),
    ] {
        assert_eq!(kenanga[field], value, "CSV {field}");
        assert_eq!(record[field], value, "JSON {field}");
    }
    assert_eq!(
        kenanga["marketplace"],
        "Shopee, toko resmi: https://shopee.co.id/kenanga; Tokopedia: https://www.tokopedia.com/kenanga"
    );
    assert_eq!(
        record["marketplace"],
        json!([
            {"name": "Shopee, toko resmi", "url": "https://shopee.co.id/kenanga"},
            {"name": "Tokopedia", "url": "https://www.tokopedia.com/kenanga"},
        ])
    );

    let (_, motifs) = table(&opendata::csv(&site, &id, &Section::Motifs));
    let kawung = row(&motifs, "kawung");
    assert_eq!(
        kawung["meaning"],
        "Kesucian, umur panjang;\ndan \"keadilan\"."
    );
    assert_eq!(kawung["colors"], "coklat soga; biru, tua");
    let doc_kawung = &document(&site, "id")["motifs"][0];
    assert_eq!(doc_kawung["colors"], json!(["coklat soga", "biru, tua"]));

    // The two-language site's workshop has markup and an ampersand in its text: kept as written.
    let every_section = load("two-languages-every-section");
    let (_, rows) = table(&opendata::csv(&every_section, &id, &Section::Workshops));
    let sekar = row(&rows, "sekar");
    assert_eq!(sekar["name"], "Batik Sekar <script>alert(1)</script>");
    assert_eq!(sekar["summary"], "Rumah batik \"uji\" & teman");
}

#[test]
fn workshop_fields_are_machine_readable() {
    let site = load("open-data-every-field-and-licence");
    let doc = document(&site, "id");
    let w = record(&doc, "workshops", "kenanga");
    let expected = json!({
        "url": "https://data.example.org/katalog/workshops/kenanga/",
        "district": "Kademangan",
        "village": "Desa Plosorejo",
        "lat": -8.1234567,
        "lon": 112.1765,
        "whatsapp": "6281234560001",
        "whatsapp_url": "https://wa.me/6281234560001",
        "phone": "62342801234",
        "email": "kenanga@example.org",
        "instagram": "https://www.instagram.com/batik.kenanga/",
        "facebook": "https://www.facebook.com/batikkenanga",
        "tiktok": "https://www.tiktok.com/@batikkenanga",
        "website": "https://kenanga.example.org/",
        "techniques": ["tulis", "cap"],
        "dyes": ["natural", "synthetic"],
        // `rahasia` is a draft: left out, as the site leaves it out.
        "motifs": ["kawung"],
        "motif_urls": ["https://data.example.org/katalog/motifs/kawung/"],
        "price_min": 150000,
        "price_max": 2500000,
        "founded": 1998,
        "accepts_visits": true,
        "classes": false,
        "cover": "https://data.example.org/katalog/workshops/kenanga/cover.png",
    });
    for (key, value) in expected.as_object().expect("an object") {
        assert_eq!(&w[key], value, "{key}");
    }
    let (_, rows) = table(&opendata::csv(&site, &lang("id"), &Section::Workshops));
    let kenanga = row(&rows, "kenanga");
    assert_eq!(kenanga["lat"], "-8.1234567");
    assert_eq!(kenanga["techniques"], "tulis; cap");
    assert_eq!(kenanga["accepts_visits"], "true");
    assert_eq!(kenanga["price_min"], "150000");
    // Missing values are empty cells and JSON nulls.
    let mawar = row(&rows, "mawar");
    assert_eq!(mawar["lat"], "");
    assert_eq!(mawar["motifs"], "");
    let m = record(&doc, "workshops", "mawar");
    assert_eq!(m["lat"], Value::Null);
    assert_eq!(m["accepts_visits"], Value::Null);
    assert_eq!(m["motifs"], json!([]));
}

#[test]
fn motifs_and_events_link_to_their_workshops() {
    let site = load("open-data-every-field-and-licence");
    let id = document(&site, "id");
    let kawung = record(&id, "motifs", "kawung");
    assert_eq!(kawung["creator"], "kenanga");
    assert_eq!(
        kawung["creator_url"],
        "https://data.example.org/katalog/workshops/kenanga/"
    );
    assert_eq!(kawung["workshops"], json!(["kenanga"]));
    assert_eq!(kawung["created"], 1980);
    assert_eq!(kawung["elements"], json!(["bulatan", "bunga"]));

    let pameran = record(&id, "events", "pameran");
    assert_eq!(pameran["start"], "2026-12-05T09:00:00+07:00");
    assert_eq!(pameran["end"], "2026-12-07T16:00:00+07:00");
    assert_eq!(pameran["status"], "scheduled");
    assert_eq!(pameran["free"], true);
    assert_eq!(pameran["organizer"], "Dinas Koperasi dan UMKM");
    assert_eq!(pameran["workshops"], json!(["kenanga", "mawar"]));
    assert_eq!(
        pameran["registration"],
        "https://example.org/daftar?acara=pameran&tahun=2026"
    );

    let en = document(&site, "en");
    let pameran = record(&en, "events", "pameran");
    assert_eq!(
        pameran["url"],
        "https://data.example.org/katalog/en/events/pameran/"
    );
    assert_eq!(pameran["start"], "2026-12-05T09:00:00+08:00");
    assert_eq!(pameran["end"], "2026-12-07");
    assert_eq!(pameran["status"], "postponed");
    // `mawar` has no English page: the link goes to the Indonesian one, as on the site.
    assert_eq!(
        pameran["workshop_urls"],
        json!([
            "https://data.example.org/katalog/en/workshops/kenanga/",
            "https://data.example.org/katalog/workshops/mawar/",
        ])
    );
}

#[test]
fn every_url_is_absolute() {
    for fixture in [
        "two-languages-every-section",
        "open-data-every-field-and-licence",
    ] {
        let site = load(fixture);
        for language in &site.config.languages {
            let doc = document(&site, language.code.as_str());
            assert!(
                doc["site"]["url"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("https://")),
                "{}",
                doc["site"]["url"]
            );
            for section in opendata::SECTIONS {
                for record in doc[section.folder()].as_array().expect("a list") {
                    for (key, value) in record.as_object().expect("a record") {
                        if !is_url_field(key) {
                            continue;
                        }
                        let urls: Vec<&Value> = match value {
                            Value::Array(items) => items.iter().collect(),
                            Value::Null => Vec::new(),
                            other => vec![other],
                        };
                        for url in urls {
                            let url = url.as_str().expect("a string");
                            assert!(url.starts_with("https://"), "{fixture} {key}: {url}");
                        }
                    }
                }
                let (_, rows) = table(&opendata::csv(&site, &language.code, &section));
                for row in &rows {
                    for (key, value) in row {
                        if is_url_field(key) && !value.is_empty() {
                            for url in value.split("; ") {
                                assert!(url.starts_with("https://"), "{fixture} {key}: {url}");
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_license_comes_from_the_site_or_defaults_to_cc_by() {
    assert_eq!(
        document(&load("open-data-every-field-and-licence"), "id")["license"],
        "CC0 1.0"
    );
    assert_eq!(
        document(&load("two-languages-every-section"), "en")["license"],
        "CC BY 4.0"
    );
    assert_eq!(opendata::DEFAULT_LICENSE, "CC BY 4.0");
}

#[test]
fn files_are_named_per_language() {
    let site = load("two-languages-every-section");
    let paths = |code: &str| -> Vec<String> {
        opendata::files(&site, &lang(code))
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    };
    assert_eq!(
        paths("id"),
        [
            "data/catalogue.json",
            "data/workshops.csv",
            "data/motifs.csv",
            "data/events.csv"
        ]
    );
    assert_eq!(
        paths("en"),
        [
            "en/data/catalogue.json",
            "en/data/workshops.csv",
            "en/data/motifs.csv",
            "en/data/events.csv"
        ]
    );
    for (path, contents) in opendata::files(&site, &lang("en")) {
        assert!(!contents.is_empty(), "{path}");
    }
    // The JSON keys come in the order of the CSV columns, so the two read alike.
    let text = opendata::json(&load("open-data-every-field-and-licence"), &lang("id"));
    let at = |key: &str| text.find(&format!("\"{key}\":")).expect(key);
    assert!(at("slug") < at("name") && at("name") < at("district") && at("district") < at("cover"));
}

#[test]
fn any_section_and_language_give_a_file_not_a_panic() {
    let site = load("two-languages-every-section");
    for code in ["id", "en", "jv"] {
        let l = lang(code);
        assert!(serde_json::from_str::<Value>(&opendata::json(&site, &l)).is_ok());
        for section in site.sections() {
            let (header, _) = table(&opendata::csv(&site, &l, &section));
            assert_eq!(header[0], "slug");
        }
    }
}
