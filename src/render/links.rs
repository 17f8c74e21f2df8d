//! Markdown bodies rendered with their links rewritten: a link to another content file becomes
//! that page's URL in the reader's language, a `/`-path gains the site's sub-path, a file beside
//! the page its published address; a link that leads nowhere is an error on its line.

use std::collections::HashMap;

use rayon::prelude::*;

use super::record::Urls;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Link};
use crate::model::{Lang, PageKey, Section};
use crate::site::{PageId, Site};

/// A page's Markdown turned into HTML, with what the rest of the site needs from it.
pub(super) struct Body {
    /// The text as HTML, links rewritten.
    pub html: String,
    /// The first paragraph as plain text, for cards.
    pub first_paragraph: Option<String>,
    /// The distinct words of the text, for the search index ([`crate::search::words::distinct`]);
    /// empty when the site has no search.
    pub words: String,
    /// Links that lead nowhere, each an error on its line.
    pub errors: Vec<Diagnostic>,
    /// The pages the text links to, which decide where its links lead: when one of them comes or
    /// goes, the text is rendered again. Empty unless the build records ([`super::Prepared`]).
    pub links: Vec<PageKey>,
}

/// Every page's Markdown to HTML, in parallel, with its links resolved; the pages each links to
/// are noted when `urls` are given (for `serve`, which renders a text again when one of them
/// comes or goes).
pub(super) fn markdown_bodies(site: &Site, urls: Option<&Urls>) -> Vec<Body> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|id| body(site, urls, id))
        .collect()
}

/// Page `id`'s Markdown to HTML, with its links resolved, and the pages it links to when `urls`
/// are given.
pub(super) fn body(site: &Site, urls: Option<&Urls>, id: PageId) -> Body {
    let p = &site.pages[id];
    let (rendered, errors) = markdown(site, &p.body, &p.dir, &p.lang, &p.file, p.body_line);
    let links = urls
        .map(|urls| urls.linked(site, &rendered.html))
        .unwrap_or_default()
        .into_iter()
        .map(|id| site.pages[id].key.clone())
        .collect();
    let words = if site.config.search {
        crate::search::words::distinct(&rendered.text)
    } else {
        String::new()
    };
    Body {
        html: rendered.html,
        first_paragraph: rendered.first_paragraph,
        words,
        errors,
        links,
    }
}

/// The home page's and the sections' introductions.
pub(super) fn intro_bodies(
    site: &Site,
    errors: &mut Vec<Diagnostic>,
) -> HashMap<(Option<Section>, Lang), String> {
    site.indexes
        .iter()
        .map(|(key, i)| {
            let (rendered, broken) = markdown(site, &i.body, &i.dir, &i.lang, &i.file, i.body_line);
            errors.extend(broken);
            (key.clone(), rendered.html)
        })
        .collect()
}

/// One Markdown body, its links resolved from the folder of its file; broken links are errors on
/// their line of that file.
pub(super) fn markdown(
    site: &Site,
    body: &str,
    dir: &str,
    lang: &Lang,
    file: &std::path::Path,
    body_line: usize,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let resolve = |url: &str| resolve_link(site, dir, lang, url);
    let (rendered, broken) = markdown::render(body, &resolve);
    let errors = broken
        .into_iter()
        .map(|b| {
            Diagnostic::error(b.message)
                .file(file)
                .line(Some(body_line + b.line))
                .hint(b.hint)
        })
        .collect();
    (rendered, errors)
}

/// A link written in Markdown: to another content file, to a file under `content/`, to a path of
/// the site, or off the site.
fn resolve_link(site: &Site, dir: &str, lang: &Lang, url: &str) -> Link {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Link::External;
    }
    if url.starts_with('#') || url.contains(':') || url.is_empty() {
        return Link::Unchanged;
    }
    let (path, anchor) = match url.find(['#', '?']) {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    if path.ends_with(".md") {
        let Some(target) = crate::content::resolve(dir, path) else {
            return Link::outside(url, true);
        };
        if let Some(url) = index_url(site, &target, lang) {
            return Link::Internal(format!("{url}{anchor}"));
        }
        return match site.by_file(&target) {
            Some(id) => {
                // The same page in the reader's language, where it has been translated.
                let id = site.find(&site.pages[id].key, lang).unwrap_or(id);
                Link::Internal(format!("{}{anchor}", site.url(id)))
            }
            None => {
                let files: Vec<String> = site
                    .pages
                    .iter()
                    .map(|p| p.file.to_string_lossy().replace('\\', "/"))
                    .collect();
                let known: std::collections::HashSet<&str> = files
                    .iter()
                    .map(|f| f.strip_prefix("content/").unwrap_or(f))
                    .collect();
                let (message, hint) = crate::content::missing_file(path, &target, dir, &known);
                Link::Broken(message, hint)
            }
        };
    }
    if let Some(rooted) = path.strip_prefix('/') {
        // A path of the site: it gains the sub-path the site is published under.
        return Link::Internal(format!("{}{rooted}{anchor}", site.config.base_url.path()));
    }
    // A file beside the page (a PDF, a photo): published at the same path under the output.
    match crate::content::resolve(dir, path) {
        Some(target) if site.assets.iter().any(|a| a.0 == target) => Link::Internal(format!(
            "{}{anchor}",
            site.asset_url(site.photo_file(&target))
        )),
        Some(target) => {
            let known = site.assets.iter().map(|a| a.0.as_str()).collect();
            let (message, hint) = crate::content::missing_file(path, &target, dir, &known);
            Link::Broken(message, hint)
        }
        None => Link::outside(url, false),
    }
}

/// A link to `_index.<lang>.md`: the home page or a section's listing, in the reader's language.
/// The listing exists whether or not the section has an `_index` file of its own.
fn index_url(site: &Site, target: &str, lang: &Lang) -> Option<String> {
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    if name != "_index.md" && !(name.starts_with("_index.") && name.ends_with(".md")) {
        return None;
    }
    if folder.is_empty() {
        return Some(site.config.lang_root(lang));
    }
    let section = Section::from_folder(folder).ok()?;
    site.sections()
        .contains(&section)
        .then(|| site.section_url(&section, lang))
}
