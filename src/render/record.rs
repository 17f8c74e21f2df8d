//! The dependency record a build keeps for `canting serve`: which pages each HTML file shows, so
//! that after an edit only the files that show what changed are rendered again.
//!
//! A file shows a page when its main content links to it: a card, a reference, an entry of the
//! calendar or of a listing always links to its page, in the default theme and in any theme built
//! on the same values. What is around the main content (menu, language links, the head) comes from
//! the site-wide values and the page's own data, which an update compares on their own.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::site::{PageId, Site};

/// Every page's URL, for reading links back into pages.
pub(super) struct Urls(HashMap<String, PageId>);

impl Urls {
    /// The URLs of `site`'s pages.
    pub(super) fn of(site: &Site) -> Urls {
        Urls((0..site.pages.len()).map(|id| (site.url(id), id)).collect())
    }

    /// The pages the main content of `html` links to (`<main>…</main>`, else the whole file),
    /// each once, in the order of their first link.
    pub(super) fn linked(&self, site: &Site, html: &str) -> Vec<PageId> {
        let main = match (html.find("<main"), html.rfind("</main>")) {
            (Some(start), Some(end)) if start < end => &html[start..end],
            _ => html,
        };
        let origin = site.config.base_url.origin();
        let mut ids = Vec::new();
        for link in hrefs(main) {
            let link = link.strip_prefix(origin).unwrap_or(link);
            let path = link.split(['#', '?']).next().unwrap_or(link);
            if let Some(&id) = self.0.get(path)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }
}

/// The values of the `href` attributes in `html`, as written.
fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(value, _)| value))
}

/// Which pages each HTML file of the last build shows, by the file's path in the output, and the
/// share card its preview shows when it has no photo. Pages are named by their source file, which
/// an edit does not renumber as it does page ids.
#[derive(Default)]
pub(super) struct Record {
    shows: HashMap<String, Entry>,
    files: Vec<PathBuf>,
    numbers: HashMap<PathBuf, u32>,
    /// How many HTML files show each share card: one per kind of page is shared by many.
    card_users: HashMap<String, usize>,
}

struct Entry {
    pages: Box<[u32]>,
    card: Option<String>,
}

impl Record {
    /// Notes that the HTML file `path` shows `pages` of `site` and the share card `card`; the
    /// share card it no longer shows, if no other file does.
    pub(super) fn note(
        &mut self,
        site: &Site,
        path: String,
        pages: &[PageId],
        card: Option<&str>,
    ) -> Option<String> {
        let pages = pages
            .iter()
            .map(|&id| self.number(&site.pages[id].file))
            .collect();
        let card = card.map(str::to_string);
        if let Some(card) = &card {
            *self.card_users.entry(card.clone()).or_default() += 1;
        }
        let old = self.shows.insert(path, Entry { pages, card })?;
        self.drop_card(old.card)
    }

    /// One file fewer shows `card`: the card itself when no file shows it any more.
    fn drop_card(&mut self, card: Option<String>) -> Option<String> {
        let card = card?;
        let users = self.card_users.get_mut(&card)?;
        *users -= 1;
        if *users > 0 {
            return None;
        }
        self.card_users.remove(&card);
        Some(card)
    }

    fn number(&mut self, file: &PathBuf) -> u32 {
        if let Some(&n) = self.numbers.get(file) {
            return n;
        }
        let n = self.files.len() as u32;
        self.files.push(file.clone());
        self.numbers.insert(file.clone(), n);
        n
    }

    /// Forgets the HTML file `path`, which the site no longer has; its share card when no other
    /// file shows it.
    pub(super) fn forget(&mut self, path: &str) -> Option<String> {
        let old = self.shows.remove(path)?;
        self.drop_card(old.card)
    }

    /// Whether the last build wrote the HTML file `path`.
    pub(super) fn has(&self, path: &str) -> bool {
        self.shows.contains_key(path)
    }

    /// The HTML files of the last build, by their path in the output.
    pub(super) fn paths(&self) -> impl Iterator<Item = &String> {
        self.shows.keys()
    }

    /// The pages shown beside any of the pages whose source files are `files`: on the files that
    /// show them, their own files included.
    pub(super) fn around(&self, files: &[PathBuf]) -> std::collections::HashSet<PathBuf> {
        let wanted: std::collections::HashSet<u32> = files
            .iter()
            .filter_map(|f| self.numbers.get(f).copied())
            .collect();
        let mut near = std::collections::HashSet::new();
        for entry in self.shows.values() {
            if entry.pages.iter().any(|n| wanted.contains(n)) {
                near.extend(entry.pages.iter().map(|&n| self.files[n as usize].clone()));
            }
        }
        near
    }

    /// The HTML files that show any of the pages whose source files are `files`.
    pub(super) fn showing<'a>(
        &'a self,
        files: impl IntoIterator<Item = &'a PathBuf>,
    ) -> impl Iterator<Item = &'a String> {
        let wanted: std::collections::HashSet<u32> = files
            .into_iter()
            .filter_map(|f| self.numbers.get(f).copied())
            .collect();
        self.shows
            .iter()
            .filter(move |(_, entry)| entry.pages.iter().any(|n| wanted.contains(n)))
            .map(|(path, _)| path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_from_href_attributes_as_written() {
        let html =
            r#"<a href="/a/">A</a> <link href="/style.css"><a class="x" href="/b/#top">B</a>"#;
        assert_eq!(
            hrefs(html).collect::<Vec<_>>(),
            ["/a/", "/style.css", "/b/#top"]
        );
    }
}
