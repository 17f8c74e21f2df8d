//! The association's directory as open data other offices can reuse: per language, one JSON
//! document with everything and one CSV file per section (workshops, motifs, exhibitions).
//!
//! One flat record describes a row in both formats: every CSV column is a JSON key of the same
//! name and meaning. In JSON a list is an array, a number a number, a yes/no a boolean and a
//! missing value `null`; in CSV a list is joined with `"; "`, a yes/no is `true`/`false` and a
//! missing value is an empty cell. Only what the site publishes is included, with absolute URLs.
//! Slugs are the stable identifiers: the same in every language, and what references use.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use chrono::FixedOffset;

use crate::model::{Kind, Lang, NamedLink, Page, PageKey, Photo, Section, Slug, When};
use crate::site::{PageId, Site};

/// The sections published as open data, in the order of the JSON document.
pub const SECTIONS: [Section; 3] = [Section::Workshops, Section::Motifs, Section::Events];

/// The license stated when `site.yaml` has no `extra: {data_license: …}`.
pub const DEFAULT_LICENSE: &str = "CC BY 4.0";

const LIST_SEPARATOR: &str = "; ";

/// The columns of each section's CSV file and the keys of its JSON records, in order.
pub fn columns(section: &Section) -> &'static [&'static str] {
    match section {
        Section::Workshops => &[
            "slug",
            "name",
            "url",
            "summary",
            "district",
            "village",
            "address",
            "lat",
            "lon",
            "whatsapp",
            "whatsapp_url",
            "phone",
            "email",
            "instagram",
            "facebook",
            "tiktok",
            "website",
            "marketplace",
            "techniques",
            "dyes",
            "motifs",
            "motif_urls",
            "price_min",
            "price_max",
            "opening_hours",
            "founded",
            "accepts_visits",
            "classes",
            "cover",
        ],
        Section::Motifs => &[
            "slug",
            "name",
            "url",
            "summary",
            "origin",
            "meaning",
            "colors",
            "elements",
            "created",
            "creator",
            "creator_url",
            "workshops",
            "workshop_urls",
            "cover",
        ],
        Section::Events => &[
            "slug",
            "name",
            "url",
            "summary",
            "start",
            "end",
            "status",
            "venue",
            "address",
            "lat",
            "lon",
            "organizer",
            "workshops",
            "workshop_urls",
            "registration",
            "free",
            "cover",
        ],
        _ => &["slug", "name", "url", "summary", "date", "cover"],
    }
}

/// The open-data files of one language: (path relative to the output folder, contents).
/// `data/catalogue.json`, `data/workshops.csv`, `data/motifs.csv`, `data/events.csv`, under
/// `en/data/…` for English.
pub fn files(site: &Site, lang: &Lang) -> Vec<(String, String)> {
    let folder = folder_url(site, lang);
    let file = |name: &str| site.config.base_url.output_file(&format!("{folder}{name}"));
    let mut out = vec![(file(CATALOGUE), json(site, lang))];
    for section in &SECTIONS {
        out.push((
            file(&format!("{}.csv", section.folder())),
            csv(site, lang, section),
        ));
    }
    out
}

/// The whole directory of one language as JSON, in the folder of [`folder_url`].
pub const CATALOGUE: &str = "catalogue.json";

/// The URL path of a language's open-data folder: `/katalog/data/`, `/katalog/en/data/`.
pub fn folder_url(site: &Site, lang: &Lang) -> String {
    format!("{}data/", site.config.lang_root(lang))
}

/// The license the data is published under: `extra: {data_license: …}` in `site.yaml`, else
/// [`DEFAULT_LICENSE`].
pub fn license(site: &Site) -> String {
    site.config
        .extra
        .get("data_license")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(DEFAULT_LICENSE)
        .to_string()
}

/// One JSON document with the whole directory in `lang`.
pub fn json(site: &Site, lang: &Lang) -> String {
    let title = site.config.title_in(lang);
    let records = |section: &Section| -> Vec<Record> {
        pages(site, section, lang)
            .into_iter()
            .map(|id| record(site, id))
            .collect()
    };
    let document = Document {
        generated_by: "canting",
        language: lang.as_str(),
        site: json!({
            "title": title,
            "url": site.config.absolute(&site.config.lang_root(lang)),
        }),
        license: license(site),
        workshops: records(&Section::Workshops),
        motifs: records(&Section::Motifs),
        events: records(&Section::Events),
    };
    // Serialising strings, numbers and booleans into memory cannot fail.
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// One CSV file (RFC 4180: header row, commas, CRLF, quotes where needed; UTF-8) with the pages of
/// `section` in `lang`.
pub fn csv(site: &Site, lang: &Lang, section: &Section) -> String {
    let columns = columns(section);
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a `Vec` cannot fail; a row that somehow did would be left out, not panic.
    let _ = writer.write_record(columns);
    for id in pages(site, section, lang) {
        let record = record(site, id);
        let row = columns.iter().map(|column| {
            record
                .0
                .iter()
                .find(|(key, _)| key == column)
                .map_or_else(String::new, |(_, value)| cell(value))
        });
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[derive(serde::Serialize)]
struct Document<'a> {
    generated_by: &'a str,
    language: &'a str,
    site: Value,
    license: String,
    workshops: Vec<Record>,
    motifs: Vec<Record>,
    events: Vec<Record>,
}

/// A row: its fields in column order (serde_json's own map would sort them).
struct Record(Vec<(&'static str, Value)>);

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Published pages of `section` in `lang`, in listing order. Drafts are left out even in a
/// preview build: open data gets copied elsewhere.
fn pages(site: &Site, section: &Section, lang: &Lang) -> Vec<PageId> {
    site.section_pages(section, lang)
        .into_iter()
        .filter(|&id| !site.pages[id].draft)
        .collect()
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                // A marketplace: `Shopee: https://…`.
                Value::Object(link) => {
                    let part = |k: &str| link.get(k).map(cell).unwrap_or_default();
                    format!("{}: {}", part("name"), part("url"))
                }
                other => cell(other),
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        other => other.to_string(),
    }
}

/// Text as written, without the spaces and line breaks around it (YAML's `|` leaves one at the
/// end); empty text is a missing value.
fn text(value: Option<&str>) -> Value {
    match value.map(str::trim) {
        Some(s) if !s.is_empty() => Value::String(s.to_string()),
        _ => Value::Null,
    }
}

fn strings<S: AsRef<str>>(items: &[S]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|s| Value::String(s.as_ref().to_string()))
            .collect(),
    )
}

fn number<N: Into<serde_json::Number>>(value: Option<N>) -> Value {
    value.map_or(Value::Null, |n| Value::Number(n.into()))
}

fn float(value: Option<f64>) -> Value {
    value
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn boolean(value: Option<bool>) -> Value {
    value.map_or(Value::Null, Value::Bool)
}

/// The photo's published original, else its widest variant.
fn photo(site: &Site, photo: Option<&Photo>) -> Value {
    photo.map_or(Value::Null, |p| {
        Value::String(
            site.config
                .absolute(&site.asset_url(site.photo_file(&p.path.0))),
        )
    })
}

/// The slugs and absolute URLs of the published pages `slugs` name in `section`; references to
/// pages that are missing or drafts are left out, as the site leaves them out.
fn references(site: &Site, section: &Section, slugs: &[Slug], lang: &Lang) -> (Value, Value) {
    let mut names = Vec::new();
    let mut urls = Vec::new();
    for slug in slugs {
        let key = PageKey {
            section: section.clone(),
            slug: slug.clone(),
        };
        if let Some(id) = site.find(&key, lang).filter(|&id| !site.pages[id].draft) {
            names.push(slug.as_str().to_string());
            urls.push(site.config.absolute(&site.url(id)));
        }
    }
    (strings(&names), strings(&urls))
}

fn iso(when: When, zone: FixedOffset) -> String {
    match when {
        When::Day(d) => d.format("%Y-%m-%d").to_string(),
        // A time without an offset is in the site's zone; say which, so the value is unambiguous.
        When::At(t, offset) => {
            let offset = offset.unwrap_or(zone);
            format!("{}{offset}", t.format("%Y-%m-%dT%H:%M:%S"))
        }
    }
}

fn record(site: &Site, id: PageId) -> Record {
    let page: &Page = &site.pages[id];
    let lang = &page.lang;
    let mut fields: Vec<(&'static str, Value)> = vec![
        ("slug", Value::String(page.key.slug.as_str().to_string())),
        ("name", Value::String(page.title.trim().to_string())),
        ("url", Value::String(site.config.absolute(&site.url(id)))),
        ("summary", text(page.summary.as_deref())),
    ];
    let slug = &page.key.slug;
    match &page.kind {
        Kind::Workshop(w) => {
            let (motifs, motif_urls) = references(site, &Section::Motifs, &w.motifs, lang);
            let marketplace = w
                .marketplace
                .iter()
                .map(|NamedLink { name, url }| json!({"name": name, "url": url}))
                .collect();
            fields.extend([
                ("district", text(w.district.as_deref())),
                ("village", text(w.village.as_deref())),
                ("address", text(w.address.as_deref())),
                ("lat", float(w.location.map(|l| l.lat))),
                ("lon", float(w.location.map(|l| l.lon))),
                ("whatsapp", text(w.whatsapp.as_ref().map(|p| p.digits()))),
                (
                    "whatsapp_url",
                    text(w.whatsapp.as_ref().map(|p| p.whatsapp_url()).as_deref()),
                ),
                ("phone", text(w.phone.as_ref().map(|p| p.digits()))),
                ("email", text(w.email.as_deref())),
                (
                    "instagram",
                    text(
                        w.instagram
                            .as_ref()
                            .map(|h| format!("https://www.instagram.com/{h}/"))
                            .as_deref(),
                    ),
                ),
                ("facebook", text(w.facebook.as_deref())),
                (
                    "tiktok",
                    text(
                        w.tiktok
                            .as_ref()
                            .map(|h| format!("https://www.tiktok.com/@{h}"))
                            .as_deref(),
                    ),
                ),
                ("website", text(w.website.as_deref())),
                ("marketplace", Value::Array(marketplace)),
                (
                    "techniques",
                    strings(&w.techniques.iter().map(|t| t.name()).collect::<Vec<_>>()),
                ),
                (
                    "dyes",
                    Value::Array(
                        w.dyes
                            .iter()
                            .map(|d| serde_json::to_value(d).unwrap_or_default())
                            .collect(),
                    ),
                ),
                ("motifs", motifs),
                ("motif_urls", motif_urls),
                ("price_min", number(w.price_range.map(|p| p.min))),
                ("price_max", number(w.price_range.map(|p| p.max))),
                ("opening_hours", text(w.opening_hours.as_deref())),
                ("founded", number(w.founded)),
                ("accepts_visits", boolean(w.accepts_visits)),
                ("classes", boolean(w.classes)),
            ]);
        }
        Kind::Motif(m) => {
            let makers = site.links.made_by.get(slug).map_or(&[][..], Vec::as_slice);
            let (workshops, workshop_urls) = references(site, &Section::Workshops, makers, lang);
            let creator: Vec<Slug> = m.creator.iter().cloned().collect();
            let (creator, creator_url) = references(site, &Section::Workshops, &creator, lang);
            let first = |v: Value| match v {
                Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
                _ => Value::Null,
            };
            fields.extend([
                ("origin", text(m.origin.as_deref())),
                ("meaning", text(m.meaning.as_deref())),
                ("colors", strings(&m.colors)),
                ("elements", strings(&m.elements)),
                ("created", number(m.created)),
                ("creator", first(creator)),
                ("creator_url", first(creator_url)),
                ("workshops", workshops),
                ("workshop_urls", workshop_urls),
            ]);
        }
        Kind::Event(e) => {
            let (workshops, workshop_urls) =
                references(site, &Section::Workshops, &e.workshops, lang);
            let zone = site.config.timezone.offset;
            fields.extend([
                ("start", Value::String(iso(e.start, zone))),
                ("end", text(e.end.map(|w| iso(w, zone)).as_deref())),
                (
                    "status",
                    serde_json::to_value(e.status).unwrap_or(Value::Null),
                ),
                ("venue", text(e.venue.as_deref())),
                ("address", text(e.address.as_deref())),
                ("lat", float(e.location.map(|l| l.lat))),
                ("lon", float(e.location.map(|l| l.lon))),
                ("organizer", text(e.organizer.as_deref())),
                ("workshops", workshops),
                ("workshop_urls", workshop_urls),
                ("registration", text(e.registration.as_deref())),
                ("free", boolean(e.free)),
            ]);
        }
        Kind::News(_) | Kind::Page(_) => {
            fields.push(("date", text(page.date.map(|d| d.to_string()).as_deref())));
        }
    }
    fields.push(("cover", photo(site, page.cover.as_ref())));
    Record(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn every_section_has_its_columns_once() {
        for section in SECTIONS {
            let columns = columns(&section);
            let mut sorted = columns.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), columns.len(), "{section:?}");
            assert_eq!(&columns[..3], ["slug", "name", "url"]);
        }
    }

    /// The columns the content model's description calls for: the page's identity, then each of
    /// the section's own fields in the order `schema` lists them (a map point as `lat` and
    /// `lon`, a price range as its two ends, a WhatsApp number with its link, a reference with
    /// the URLs of the pages it names), then the back-links, then the cover.
    fn described(section: &Section) -> Vec<String> {
        use crate::schema::{self, Type};
        let mut out: Vec<String> = ["slug", "name", "url", "summary"].map(String::from).into();
        for f in schema::own(section) {
            let name = f.name.to_string();
            match (f.name, f.ty) {
                ("title" | "summary", _) => {}
                (_, Type::Location) => out.extend(["lat".into(), "lon".into()]),
                ("price_range", _) => out.extend(["price_min".into(), "price_max".into()]),
                ("whatsapp", _) => out.extend([name.clone(), format!("{name}_url")]),
                (_, Type::References(folder)) => {
                    let url = format!("{}_urls", folder.trim_end_matches('s'));
                    out.extend([name, url]);
                }
                (_, Type::Reference(_)) => {
                    out.extend([format!("{name}_url"), name].into_iter().rev())
                }
                _ => out.push(name),
            }
        }
        if *section == Section::Motifs {
            out.extend(["workshops".into(), "workshop_urls".into()]);
        }
        out.push("cover".into());
        out
    }

    #[test]
    fn the_columns_are_the_described_fields() {
        // A field added to `schema` needs its column (and its value in `record`) here.
        for section in SECTIONS {
            assert_eq!(columns(&section), described(&section), "{section:?}");
        }
    }

    #[test]
    fn cells_join_lists_and_leave_missing_values_empty() {
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(cell(&json!(["tulis", "cap"])), "tulis; cap");
        assert_eq!(cell(&json!(true)), "true");
        assert_eq!(cell(&json!(150000)), "150000");
        assert_eq!(cell(&json!(-8.0954)), "-8.0954");
        assert_eq!(
            cell(&json!([{"name": "Shopee", "url": "https://shopee.co.id/x"}])),
            "Shopee: https://shopee.co.id/x"
        );
        assert_eq!(float(Some(f64::NAN)), Value::Null);
    }

    #[test]
    fn dates_and_times_are_iso_8601_with_an_offset() {
        let wib = FixedOffset::east_opt(7 * 3600).expect("offset");
        let wita = FixedOffset::east_opt(8 * 3600).expect("offset");
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let at = day.and_hms_opt(9, 30, 0).expect("time");
        assert_eq!(iso(When::Day(day), wib), "2026-12-05");
        assert_eq!(iso(When::At(at, None), wib), "2026-12-05T09:30:00+07:00");
        assert_eq!(
            iso(When::At(at, Some(wita)), wib),
            "2026-12-05T09:30:00+08:00"
        );
    }
}
