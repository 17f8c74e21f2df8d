//! The site's search index and the catalogue filters' data: static JSON files the theme's
//! `search.js` fetches only once a visitor starts searching or filtering.
//!
//! Per language, under `<lang>/search/`:
//! - `index.json`: the shards that exist and how many documents a chunk holds;
//! - `docs/<n>.json`: the documents (kind, title, summary, URL, thumbnail), [`CHUNK`] a file, so a
//!   first search loads only the chunks its first results are in;
//! - `<shard>.json`: every word starting with the shard's two letters ([`words::shard`]), each
//!   with its documents. A posting is `delta * 2 + title`: the gap to the previous document's
//!   number, doubled, plus one when the word is in the title — small numbers that compress well.
//!
//! Per catalogue listing, `filters.json` beside it ([`filters`]).
//!
//! Pagefind was measured for this and left out: see `benches/search.sh` and the closing note of
//! the issue. It indexes built HTML after the build, 30 s and 3.5 GB on the large benchmark
//! catalogue; this reads the linked site directly, in well under a second.

pub mod filters;
pub mod words;

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::i18n::Strings;
use crate::markdown::{plain_text, shorten};
use crate::model::{Dye, Kind, Lang, Page, Section};
use crate::site::{PageId, Site};

/// Documents per `docs/<n>.json` file.
pub const CHUNK: usize = 50;
/// Characters of summary a result shows.
const SUMMARY_CHARS: usize = 140;

/// The kinds of page, in the order their numbers have in the documents.
pub const KINDS: [&str; 6] = ["workshop", "motif", "event", "news", "page", "campaign"];

/// The pages of one language the index holds, in [`Site::pages`] order: a page's number in the
/// index is its place here.
pub fn documents(site: &Site, lang: &Lang) -> Vec<PageId> {
    (0..site.pages.len())
        .filter(|&id| &site.pages[id].lang == lang)
        .collect()
}

/// The search files of one language, and the filter data of its listings: (path relative to
/// the output folder, contents). Empty when `site.yaml` says `search: false`.
pub fn files(site: &Site, lang: &Lang, strings: &Strings) -> Vec<(String, String)> {
    if !site.config.search {
        return Vec::new();
    }
    let folder = site.search_url(lang);
    let file = |name: &str| site.config.base_url.output_file(&format!("{folder}{name}"));
    let docs = documents(site, lang);
    let mut out = Vec::new();
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<Value> = chunk.iter().map(|&id| document(site, id)).collect();
        out.push((
            file(&format!("docs/{n}.json")),
            Value::Array(rows).to_string(),
        ));
    }
    let shards = index(site, lang, &docs);
    let names: Vec<&String> = shards.keys().collect();
    out.push((
        file("index.json"),
        json!({"chunk": CHUNK, "docs": docs.len(), "shards": names, "stem": stems(lang)})
            .to_string(),
    ));
    for (name, words) in &shards {
        out.push((file(&format!("{name}.json")), shard_json(words)));
    }
    out.extend(filters::files(site, lang, &docs, strings));
    out
}

/// Whether the language has a stemmer (Indonesian has).
fn stems(lang: &Lang) -> bool {
    lang.as_str() == "id"
}

/// One result as `search.js` shows it: `[kind, title, summary, url, thumbnail or ""]`.
fn document(site: &Site, id: PageId) -> Value {
    let page = &site.pages[id];
    let kind = KINDS
        .iter()
        .position(|k| *k == page.kind.name())
        .unwrap_or(0);
    let summary = page
        .description
        .as_deref()
        .map(|s| shorten(s.trim(), SUMMARY_CHARS))
        .unwrap_or_default();
    let thumb = site
        .picture(id)
        .map(|c| match site.photos.get(&c.path.0) {
            Some(p) => site.asset_url(&p.thumb.path),
            None => site.asset_url(&c.path.0),
        })
        .unwrap_or_default();
    json!([kind, page.title, summary, site.url(id), thumb])
}

/// The text of a page a visitor may search for besides its title: summary, body, and the
/// fields that describe it (district, techniques, dyes, motifs, colours, elements, venue…).
fn text_of(site: &Site, page: &Page) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(page.summary.clone());
    parts.extend(page.tags.iter().cloned());
    let title_of = |section: Section, slug: &crate::model::Slug| {
        let key = crate::model::PageKey {
            section,
            slug: slug.clone(),
        };
        site.find(&key, &page.lang)
            .or_else(|| site.find(&key, site.config.default_lang()))
            .map(|id| site.pages[id].title.clone())
    };
    match &page.kind {
        Kind::Workshop(w) => {
            parts.extend(w.district.clone());
            parts.extend(w.village.clone());
            parts.extend(w.techniques.iter().map(|t| t.name().to_string()));
            parts.extend(w.dyes.iter().map(|d| match d {
                Dye::Natural => "natural alami".to_string(),
                Dye::Synthetic => "synthetic sintetis".to_string(),
            }));
            parts.extend(w.motifs.iter().filter_map(|m| title_of(Section::Motifs, m)));
        }
        Kind::Motif(m) => {
            parts.extend(m.origin.clone());
            parts.extend(m.meaning.clone());
            parts.extend(m.colors.iter().cloned());
            parts.extend(m.elements.iter().cloned());
            parts.extend(
                m.creator
                    .iter()
                    .filter_map(|c| title_of(Section::Workshops, c)),
            );
        }
        Kind::Event(e) => {
            parts.extend(e.venue.clone());
            parts.extend(e.organizer.clone());
            parts.extend(
                e.workshops
                    .iter()
                    .filter_map(|w| title_of(Section::Workshops, w)),
            );
        }
        Kind::News(n) => parts.extend(n.author.clone()),
        Kind::Page(_) => {}
    }
    parts.push(plain_text(&page.body));
    parts.join(" ")
}

/// The words of one page, each once, with whether it is in the title; roots of word forms too.
fn terms(site: &Site, page: &Page, stem: bool) -> Vec<(String, bool)> {
    let mut found: HashMap<String, bool> = HashMap::new();
    let mut add = |word: String, title: bool| {
        if stem {
            for root in words::roots_id(&word) {
                let t = found.entry(root).or_insert(false);
                *t |= title;
            }
        }
        let t = found.entry(word).or_insert(false);
        *t |= title;
    };
    for w in words::words(&page.title) {
        add(w, true);
    }
    for w in words::words(&text_of(site, page)) {
        add(w, false);
    }
    found.into_iter().collect()
}

/// Every word of a language's pages with its postings, grouped by shard and sorted.
fn index(
    site: &Site,
    lang: &Lang,
    docs: &[PageId],
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<u32>>> {
    let stem = stems(lang);
    let per_doc: Vec<Vec<(String, bool)>> = docs
        .par_iter()
        .map(|&id| terms(site, &site.pages[id], stem))
        .collect();
    let mut postings: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
    for (n, terms) in per_doc.into_iter().enumerate() {
        let n = n as u32;
        for (word, title) in terms {
            let (last, list) = postings.entry(word).or_insert((0, Vec::new()));
            list.push((n - *last) * 2 + u32::from(title));
            *last = n;
        }
    }
    let mut shards: std::collections::BTreeMap<_, std::collections::BTreeMap<_, _>> =
        Default::default();
    for (word, (_, list)) in postings {
        shards
            .entry(words::shard(&word))
            .or_default()
            .insert(word, list);
    }
    shards
}

fn shard_json(words: &std::collections::BTreeMap<String, Vec<u32>>) -> String {
    serde_json::to_string(words).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes one word's postings back into (document, in title).
    fn decode(list: &[u32]) -> Vec<(u32, bool)> {
        let mut n = 0;
        list.iter()
            .map(|v| {
                n += v / 2;
                (n, v % 2 == 1)
            })
            .collect()
    }

    fn fixture() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/two-languages-every-section");
        let mut diagnostics = Vec::new();
        crate::build::load(&root, None, false, &mut diagnostics)
            .expect("the fixture loads")
            .0
    }

    #[test]
    fn words_lead_to_their_pages_with_title_matches_marked() {
        let site = fixture();
        let id = Lang::parse("id").expect("lang");
        let docs = documents(&site, &id);
        let shards = index(&site, &id, &docs);
        let kendi = decode(&shards["ke"]["kendi"]);
        let page = docs
            .iter()
            .position(|&d| site.pages[d].key.slug.as_str() == "kendi-gandrung")
            .expect("the motif is a document") as u32;
        assert!(kendi.contains(&(page, true)), "{kendi:?}");
        // The district of a workshop is searchable, and a technique's name.
        let words: Vec<&String> = shards.values().flat_map(|w| w.keys()).collect();
        assert!(words.iter().any(|w| *w == "tulis"), "{words:?}");
        // Every word is in the shard of its first two letters, and documents only grow.
        for (name, words) in &shards {
            for (word, list) in words {
                assert_eq!(&words::shard(word), name);
                let ids: Vec<u32> = decode(list).into_iter().map(|(d, _)| d).collect();
                assert!(ids.windows(2).all(|w| w[0] < w[1]), "{word}: {ids:?}");
                assert!(ids.iter().all(|&d| (d as usize) < docs.len()));
            }
        }
    }

    #[test]
    fn search_false_writes_nothing() {
        let mut site = fixture();
        let id = Lang::parse("id").expect("lang");
        let strings = Strings::default();
        assert!(!files(&site, &id, &strings).is_empty());
        site.config.search = false;
        assert!(files(&site, &id, &strings).is_empty());
    }
}
