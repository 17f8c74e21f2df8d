//! Links to a heading (`kawung.id.md#makna`, `#cara-pesan`) whose heading does not exist: the link
//! still opens the page, but at its top, and the reader has to look for what was promised.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_i18n::t;

use crate::diagnostic::{Diagnostic, closest};
use crate::markdown::{self, Link};
use crate::model::{Lang, Section};
use crate::site::{PageId, Site};
use crate::theme::Theme;

/// A Markdown body with where it comes from.
struct Body<'a> {
    text: &'a str,
    dir: &'a str,
    lang: &'a Lang,
    file: &'a Path,
    body_line: usize,
}

/// The ids a reader can jump to on each page: its headings (as the build makes them) and the ids
/// the theme's templates write on every page (`#main`, `#h-contact`…).
struct Targets {
    pages: Vec<HashSet<String>>,
    indexes: HashMap<(Option<Section>, Lang), HashSet<String>>,
    theme: HashSet<String>,
}

pub(crate) fn check(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let targets = Targets {
        pages: site.pages.iter().map(|p| ids_in(&p.body)).collect(),
        indexes: site
            .indexes
            .iter()
            .map(|(k, i)| (k.clone(), ids_in(&i.body)))
            .collect(),
        theme: theme
            .templates
            .values()
            .flat_map(|t| literal_ids(t))
            .collect(),
    };
    let pages = site.pages.iter().enumerate().map(|(id, p)| {
        let body = Body {
            text: &p.body,
            dir: &p.dir,
            lang: &p.lang,
            file: &p.file,
            body_line: p.body_line,
        };
        (body, targets.pages.get(id))
    });
    let indexes = site.indexes.iter().map(|(key, i)| {
        let body = Body {
            text: &i.body,
            dir: &i.dir,
            lang: &i.lang,
            file: &i.file,
            body_line: i.body_line,
        };
        (body, targets.indexes.get(key))
    });
    pages
        .chain(indexes)
        .flat_map(|(body, own)| broken_anchors(site, &targets, &body, own))
        .collect()
}

/// The heading ids of a Markdown text, read from the HTML the build makes of it, so that they are
/// exactly the build's (its own id algorithm, `{#custom}` ids, numbering of repeated headings).
/// Raw HTML with an `id` counts too: a browser jumps to it all the same.
fn ids_in(markdown_text: &str) -> HashSet<String> {
    let (rendered, _) = markdown::render(markdown_text, &|_| Link::Unchanged);
    literal_ids(&rendered.html).collect()
}

/// The values of ` id="…"` attributes in HTML; template expressions (`{{ … }}`) are left out, as
/// they are not known before rendering.
fn literal_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !id.is_empty() && !id.contains(['{', '}']))
        .map(unescape)
}

/// pulldown-cmark escapes attribute values; links are written unescaped.
fn unescape(id: &str) -> String {
    id.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The links of one body whose anchor is not on the page they lead to. The build's Markdown
/// renderer finds the links and their lines; each link is judged on its own here.
fn broken_anchors(
    site: &Site,
    targets: &Targets,
    body: &Body,
    own: Option<&HashSet<String>>,
) -> Vec<Diagnostic> {
    let judge = |url: &str| match target_ids(site, targets, body, own, url) {
        Some((anchor, ids)) if !targets.theme.contains(anchor) && !ids.contains(anchor) => {
            let hint = match closest(anchor, ids.iter().map(String::as_str)) {
                Some(near) => t!("check.anchor_did_you_mean", anchor = near),
                None => t!("check.anchor_hint"),
            };
            Link::Broken(
                t!("check.anchor_missing", url = url, anchor = anchor).into_owned(),
                hint.into_owned(),
            )
        }
        _ => Link::Unchanged,
    };
    let (_, broken) = markdown::render(body.text, &judge);
    broken
        .into_iter()
        .map(|b| {
            Diagnostic::warning(b.message)
                .file(body.file)
                .line(Some(body.body_line + b.line))
                .hint(b.hint)
        })
        .collect()
}

/// For a link with an anchor to a page of the site, the anchor and the ids of the page a reader
/// of this body's language lands on (the build links to the translation in their language).
/// `None` for every other link: off the site, to a file, without an anchor, or broken (which
/// `render::validate` reports).
fn target_ids<'a, 'u>(
    site: &Site,
    targets: &'a Targets,
    body: &Body,
    own: Option<&'a HashSet<String>>,
    url: &'u str,
) -> Option<(&'u str, &'a HashSet<String>)> {
    let (path, anchor) = url.split_once('#')?;
    let path = path.split('?').next().unwrap_or(path);
    if anchor.is_empty() || path.contains(':') || path.starts_with("//") {
        return None;
    }
    if path.is_empty() {
        return Some((anchor, own?));
    }
    if !path.ends_with(".md") {
        return None;
    }
    let target = crate::content::resolve(body.dir, path)?;
    if let Some(index) = index_key(&target) {
        return Some((anchor, targets.indexes.get(&(index, body.lang.clone()))?));
    }
    let id: PageId = site.by_file(&target)?;
    let id = site.find(&site.pages[id].key, body.lang).unwrap_or(id);
    Some((anchor, targets.pages.get(id)?))
}

/// `_index.id.md` → the home page (`None`), `motifs/_index.md` → the motifs' listing.
fn index_key(target: &str) -> Option<Option<Section>> {
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    if !(name.starts_with("_index.") && name.ends_with(".md")) {
        return None;
    }
    if folder.is_empty() {
        return Some(None);
    }
    Section::from_folder(folder).ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_the_builds() {
        let ids = ids_in(
            "## Warna Soga\n\n## Warna Soga\n\n## Cara Pesan {#pesan}\n\n<p id=\"peta\">x</p>\n",
        );
        for id in ["warna-soga", "warna-soga-1", "pesan", "peta"] {
            assert!(ids.contains(id), "{id} in {ids:?}");
        }
        assert!(!ids.contains("cara-pesan"), "{ids:?}");
    }

    #[test]
    fn template_expressions_are_not_ids() {
        let ids: Vec<String> =
            literal_ids("<main id=\"main\"><h2 id=\"{{ slug }}\">x</h2><a id=\"a&amp;b\">")
                .collect();
        assert_eq!(ids, ["main", "a&b"]);
    }

    #[test]
    fn index_files_name_listings() {
        assert_eq!(index_key("_index.id.md"), Some(None));
        assert_eq!(index_key("motifs/_index.md"), Some(Some(Section::Motifs)));
        assert_eq!(index_key("motifs/kawung.id.md"), None);
    }
}
