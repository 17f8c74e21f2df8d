//! The data the catalogue listings' filters work from: per listing, one small `filters.json`
//! beside it (`/katalog/workshops/filters.json`) with each facet's values and, per page of the
//! listing, its document number in the search index and its values.
//!
//! ```json
//! {"facets": [{"key": "district", "label": "District", "values": [["kanigoro", "Kanigoro"]]}],
//!  "items": [[0, [0]], [3, []]]}
//! ```
//!
//! An item is its document number, then for each facet the numbers of its values. The
//! exhibitions' one facet, `when`, is a date instead (the last day): upcoming or past depends on
//! the visitor's day, not the build's.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::i18n::Strings;
use crate::model::{Dye, Kind, Lang, Page, PageKey, Section, Slug};
use crate::site::{PageId, Site};

/// The file beside a listing that holds its filters' data.
pub const FILE: &str = "filters.json";

/// The listings that have filters.
pub const SECTIONS: [Section; 3] = [Section::Workshops, Section::Motifs, Section::Events];

/// The URL of a listing's filter data, when the listing has filters: `/katalog/en/motifs/filters.json`.
pub fn url(site: &Site, section: &Section, lang: &Lang) -> Option<String> {
    (site.config.search && SECTIONS.contains(section))
        .then(|| format!("{}{FILE}", site.section_url(section, lang)))
}

/// One facet while it is collected: its key in URLs, its heading, its values by key.
struct Facet {
    key: &'static str,
    label: String,
    values: BTreeMap<String, String>,
}

/// The values one page has for each facet of its section, as (key, name) pairs.
fn values(site: &Site, page: &Page, strings: &Strings) -> Vec<Vec<(String, String)>> {
    let named = |name: &str| (Slug::from_name(name).to_string(), name.to_string());
    let yes = |b: Option<bool>| -> Vec<(String, String)> {
        if b == Some(true) {
            vec![("yes".into(), strings.get("yes").to_string())]
        } else {
            Vec::new()
        }
    };
    match &page.kind {
        Kind::Workshop(w) => vec![
            w.district.iter().map(|d| named(d)).collect(),
            w.techniques
                .iter()
                .map(|t| (t.name().to_string(), strings.technique(t.name())))
                .collect(),
            w.dyes
                .iter()
                .map(|d| match d {
                    Dye::Natural => ("natural".into(), strings.get("dye_natural").to_string()),
                    Dye::Synthetic => {
                        ("synthetic".into(), strings.get("dye_synthetic").to_string())
                    }
                })
                .collect(),
            w.motifs
                .iter()
                .map(|slug| {
                    let key = PageKey {
                        section: Section::Motifs,
                        slug: slug.clone(),
                    };
                    let title = site
                        .find(&key, &page.lang)
                        .map_or_else(|| slug.to_string(), |id| site.pages[id].title.clone());
                    (slug.to_string(), title)
                })
                .collect(),
            yes(w.accepts_visits),
            yes(w.classes),
        ],
        Kind::Motif(m) => vec![
            m.colors.iter().map(|c| named(c)).collect(),
            m.elements.iter().map(|e| named(e)).collect(),
        ],
        _ => Vec::new(),
    }
}

/// The facets of a section: (key in URLs, key of its heading in the theme's words).
fn facets_of(section: &Section) -> &'static [(&'static str, &'static str)] {
    match section {
        Section::Workshops => &[
            ("district", "district"),
            ("technique", "techniques"),
            ("dye", "dyes"),
            ("motif", "motifs"),
            ("visits", "accepts_visits"),
            ("classes", "classes"),
        ],
        Section::Motifs => &[("colour", "colours"), ("element", "elements")],
        Section::Events => &[("when", "when")],
        _ => &[],
    }
}

/// The filter data of every listing of one language that has filters.
pub fn files(
    site: &Site,
    lang: &Lang,
    docs: &[PageId],
    strings: &Strings,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for section in &SECTIONS {
        let pages = site.section_pages(section, lang);
        if pages.is_empty() {
            continue;
        }
        let Some(url) = url(site, section, lang) else {
            continue;
        };
        out.push((
            site.config.base_url.output_file(&url),
            data(site, section, &pages, docs, strings).to_string(),
        ));
    }
    out
}

/// One listing's `filters.json`.
fn data(
    site: &Site,
    section: &Section,
    pages: &[PageId],
    docs: &[PageId],
    strings: &Strings,
) -> Value {
    let mut facets: Vec<Facet> = facets_of(section)
        .iter()
        .map(|(key, label)| Facet {
            key,
            label: strings.get(label).to_string(),
            values: BTreeMap::new(),
        })
        .collect();
    let page_values: Vec<Vec<Vec<(String, String)>>> = pages
        .iter()
        .map(|&id| values(site, &site.pages[id], strings))
        .collect();
    for vals in &page_values {
        for (facet, vals) in facets.iter_mut().zip(vals) {
            for (k, name) in vals {
                facet
                    .values
                    .entry(k.clone())
                    .or_insert_with(|| name.clone());
            }
        }
    }
    // Each value's number: its place among its facet's values, which are sorted by key.
    let numbers: Vec<std::collections::HashMap<&str, usize>> = facets
        .iter()
        .map(|f| {
            f.values
                .keys()
                .enumerate()
                .map(|(n, k)| (k.as_str(), n))
                .collect()
        })
        .collect();
    let items: Vec<Value> = pages
        .iter()
        .zip(&page_values)
        .map(|(&id, vals)| {
            let doc = docs.binary_search(&id).unwrap_or_default();
            let mut row = vec![json!(doc)];
            if let Kind::Event(e) = &site.pages[id].kind {
                row.push(json!(e.last_day().to_string()));
            }
            for (numbers, vals) in numbers.iter().zip(vals) {
                let mut own: Vec<usize> = vals
                    .iter()
                    .filter_map(|(k, _)| numbers.get(k.as_str()).copied())
                    .collect();
                own.sort_unstable();
                own.dedup();
                row.push(json!(own));
            }
            Value::Array(row)
        })
        .collect();
    let facets: Vec<Value> = facets
        .iter()
        .map(|f| {
            let values: Vec<Value> = if f.key == "when" {
                vec![
                    json!(["upcoming", strings.get("upcoming")]),
                    json!(["past", strings.get("past")]),
                ]
            } else {
                f.values.iter().map(|(k, v)| json!([k, v])).collect()
            };
            json!({"key": f.key, "label": f.label, "values": values})
        })
        .collect();
    json!({"facets": facets, "items": items})
}
