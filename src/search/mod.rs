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
//! Pagefind was measured for this and left out: `benches/search.sh` times both. It indexes the
//! built HTML after the build, on the large benchmark catalogue over a minute of CPU and 3.3 GB
//! of memory; this reads the linked site directly, in under 2 CPU seconds and under 40 MB more.

pub mod filters;
pub mod words;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

use crate::i18n::Strings;
use crate::markdown::shorten;
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
/// the output folder, contents). `body_words` gives each page's body as [`words::distinct`]
/// made it. Empty when `site.yaml` says `search: false`.
pub fn files<'a>(
    site: &Site,
    lang: &Lang,
    strings: &Strings,
    body_words: &(dyn Fn(PageId) -> &'a str + Sync),
) -> Vec<(String, String)> {
    if !site.config.search {
        return Vec::new();
    }
    let folder = site.search_url(lang);
    let file = |name: &str| site.config.base_url.output_file(&format!("{folder}{name}"));
    let docs = documents(site, lang);
    let (mut out, shards) = rayon::join(
        || {
            docs.par_chunks(CHUNK)
                .enumerate()
                .map(|(n, chunk)| {
                    let rows: Vec<Value> = chunk.iter().map(|&id| document(site, id)).collect();
                    (
                        file(&format!("docs/{n}.json")),
                        Value::Array(rows).to_string(),
                    )
                })
                .collect::<Vec<_>>()
        },
        || index(site, lang, &docs, body_words),
    );
    let names: Vec<&String> = shards.keys().collect();
    out.push((
        file("index.json"),
        json!({"chunk": CHUNK, "docs": docs.len(), "shards": names, "stem": stems(lang)})
            .to_string(),
    ));
    out.par_extend(
        shards
            .par_iter()
            .map(|(name, words)| (file(&format!("{name}.json")), shard_json(words))),
    );
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

/// The text of a page a visitor may search for besides its title and body, part by part: its
/// summary, and the fields that describe it (district, techniques, dyes, motifs, colours,
/// elements, venue…).
fn text_of(site: &Site, page: &Page, mut part: impl FnMut(&str)) {
    let title_of = |section: Section, slug: &crate::model::Slug| {
        let key = crate::model::PageKey {
            section,
            slug: slug.clone(),
        };
        site.find(&key, &page.lang)
            .or_else(|| site.find(&key, site.config.default_lang()))
            .map(|id| site.pages[id].title.as_str())
    };
    page.summary.iter().for_each(|s| part(s));
    page.tags.iter().for_each(|s| part(s));
    match &page.kind {
        Kind::Workshop(w) => {
            w.district.iter().for_each(|s| part(s));
            w.village.iter().for_each(|s| part(s));
            w.techniques.iter().for_each(|t| part(t.name()));
            w.dyes.iter().for_each(|d| {
                part(match d {
                    Dye::Natural => "natural alami",
                    Dye::Synthetic => "synthetic sintetis",
                });
            });
            w.motifs
                .iter()
                .filter_map(|m| title_of(Section::Motifs, m))
                .for_each(&mut part);
        }
        Kind::Motif(m) => {
            m.origin.iter().for_each(|s| part(s));
            m.meaning.iter().for_each(|s| part(s));
            m.colors.iter().for_each(|s| part(s));
            m.elements.iter().for_each(|s| part(s));
            m.creator
                .iter()
                .filter_map(|c| title_of(Section::Workshops, c))
                .for_each(&mut part);
        }
        Kind::Event(e) => {
            e.venue.iter().for_each(|s| part(s));
            e.organizer.iter().for_each(|s| part(s));
            e.workshops
                .iter()
                .filter_map(|w| title_of(Section::Workshops, w))
                .for_each(&mut part);
        }
        Kind::News(n) => n.author.iter().for_each(|s| part(s)),
        Kind::Page(_) => {}
    }
}

/// Every word's postings, by word: `document * 2 + title`.
type Postings = FxHashMap<String, Vec<u32>>;

/// Postings while pages are read: with each word, the last document it was met in, so that a
/// word met again on the same page is known without reading its list (which, for all words,
/// is far bigger than the cache).
type Collected = FxHashMap<String, (u32, Vec<u32>)>;

/// Adds the words of page `id`, document `n`, to `postings`: each word once, in the title when
/// it is there (the title is read first). A string is made only for a word not met before, not
/// for every word met.
fn collect(site: &Site, id: PageId, body_words: &str, n: u32, postings: &mut Collected) {
    let page = &site.pages[id];
    let mut add = |word: &str, title: bool| {
        let posting = n * 2 + u32::from(title);
        match postings.get_mut(word) {
            Some((last, _)) if *last == n => {}
            Some((last, list)) => {
                *last = n;
                list.push(posting);
            }
            None => {
                postings.insert(word.to_string(), (n, vec![posting]));
            }
        }
    };
    words::each(&page.title, |w| add(w, true));
    text_of(site, page, |text| words::each(text, |w| add(w, false)));
    // Already normalised, each word once.
    body_words.split_terminator(' ').for_each(|w| add(w, false));
}

/// Every word of a language's pages with its postings, grouped by shard and sorted.
///
/// Pages are read in parallel, straight into postings: the pages' words are never all held at
/// once. The roots of Indonesian word forms are found once per distinct word, and a root gets
/// the documents of every form it is the root of.
fn index<'a>(
    site: &Site,
    lang: &Lang,
    docs: &[PageId],
    body_words: &(dyn Fn(PageId) -> &'a str + Sync),
) -> BTreeMap<String, BTreeMap<String, Vec<u32>>> {
    let mut postings: Postings = docs
        .par_iter()
        .enumerate()
        // Few, long runs of pages: each run collects its own postings, merged at the end.
        .with_min_len(1024)
        .fold(Collected::default, |mut acc, (n, &id)| {
            // A site has far fewer than 2³¹ pages: `n * 2 + 1` fits.
            collect(site, id, body_words(id), n as u32, &mut acc);
            acc
        })
        .map(|collected| {
            collected
                .into_iter()
                .map(|(word, (_, list))| (word, list))
                .collect::<Postings>()
        })
        .reduce(Postings::default, merge);
    postings
        .par_iter_mut()
        .for_each(|(_, list)| list.sort_unstable());
    if stems(lang) {
        add_roots(&mut postings);
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (word, list) in postings {
        shards
            .entry(words::shard(&word))
            .or_default()
            .insert(word, gaps(&list));
    }
    shards
}

/// Two sets of postings as one; each document is in one of them only.
fn merge(mut a: Postings, mut b: Postings) -> Postings {
    if a.len() < b.len() {
        std::mem::swap(&mut a, &mut b);
    }
    for (word, mut list) in b {
        a.entry(word).or_default().append(&mut list);
    }
    a
}

/// Gives each root of an Indonesian word form the documents of the form, in the title when the
/// form is; a root that is a word of its own keeps its own documents too.
fn add_roots(postings: &mut Postings) {
    let found: Vec<(&String, Vec<String>)> = postings
        .par_iter()
        .map(|(word, _)| (word, words::roots_id(word)))
        .filter(|(_, roots)| !roots.is_empty())
        .collect();
    let mut extra: Postings = Postings::default();
    for (word, roots) in found {
        for root in roots {
            extra
                .entry(root)
                .or_default()
                .extend_from_slice(&postings[word]);
        }
    }
    let mut grown: Vec<(String, Vec<u32>)> = extra
        .into_iter()
        .map(|(root, mut list)| {
            if let Some(own) = postings.get(&root) {
                list.extend_from_slice(own);
            }
            (root, list)
        })
        .collect();
    grown.par_iter_mut().for_each(|(_, list)| {
        list.sort_unstable();
        // `document * 2` sorts just before `document * 2 + 1`: keep one, in the title if either is.
        list.dedup_by(|later, kept| {
            let same = *later >> 1 == *kept >> 1;
            if same {
                *kept |= *later & 1;
            }
            same
        });
    });
    postings.extend(grown);
}

/// Postings as the index writes them: the gap to the previous document, doubled, plus one when
/// the word is in the title.
fn gaps(list: &[u32]) -> Vec<u32> {
    let mut last = 0;
    list.iter()
        .map(|&v| {
            let n = v >> 1;
            let gap = (n - last) * 2 + (v & 1);
            last = n;
            gap
        })
        .collect()
}

fn shard_json(words: &BTreeMap<String, Vec<u32>>) -> String {
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

    /// Each page's body words, as the render gives them.
    fn bodies(site: &Site) -> Vec<String> {
        site.pages
            .iter()
            .map(|p| words::distinct(&p.body))
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
        let bodies = bodies(&site);
        let shards = index(&site, &id, &docs, &|id| bodies[id].as_str());
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
        let bodies = bodies(&site);
        let body_words = |id: PageId| bodies[id].as_str();
        assert!(!files(&site, &id, &strings, &body_words).is_empty());
        site.config.search = false;
        assert!(files(&site, &id, &strings, &body_words).is_empty());
    }
}
