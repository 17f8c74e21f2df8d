//! What a shared link and a phone's home screen show: the share card of every page that has no
//! photo of its own, the site's icon at the sizes phones ask for, and the web app manifest.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_i18n::t;

use super::jobs::Job;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::i18n::Strings;
use crate::model::{Photo, Section};
use crate::output::Staging;
use crate::share::{Card, Drawer};
use crate::site::{PageId, Site};
use crate::theme::Theme;

/// The theme's icon, published as it is and drawn to PNG at the sizes below.
const ICON: &str = "icon.svg";

/// The PNG icons: (file under the base path, size in pixels).
const ICONS: [(&str, u32); 3] = [
    ("icon-192.png", 192),
    ("icon-512.png", 512),
    ("apple-touch-icon.png", 180),
];

/// The web app manifest, under the base path.
const MANIFEST: &str = "manifest.webmanifest";

/// More pages than this without a picture of their own, and share cards are drawn one per kind
/// of page and language instead of one per page. Measured on the large benchmark catalogue, a
/// card per page was 17,371 cards: 592 MB of PNG (over half of what a GitHub Pages site may
/// hold) and more than five CPU minutes of drawing on a cold build. An association's real
/// catalogue stays far below this and keeps a card with each page's title.
pub(super) const TITLE_CARDS_MAX: usize = 1_000;

/// What the share cards of pages without a picture show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ShareCards {
    /// Each page its own card, with its title.
    Titles,
    /// One card per kind of page and language, shared by every page of that kind.
    Kinds,
}

impl ShareCards {
    /// Titles while at most [`TITLE_CARDS_MAX`] of `jobs` need a card of their own, else kinds.
    pub(super) fn for_jobs<'a>(site: &Site, jobs: impl Iterator<Item = &'a Job>) -> ShareCards {
        // Counting stops once the titles are too many: after an edit in `serve`, this is asked
        // of every job again.
        let needed = jobs
            .filter(|job| own_card(job) && picture(site, job).is_none())
            .take(TITLE_CARDS_MAX + 1)
            .count();
        if needed <= TITLE_CARDS_MAX {
            ShareCards::Titles
        } else {
            ShareCards::Kinds
        }
    }
}

/// Whether a job's card is its own: the later pages of a listing share the first one's, a flyer
/// shares its workshop's, and a redirect shows none.
fn own_card(job: &Job) -> bool {
    match job {
        Job::Listing { number, .. } | Job::Term { number, .. } => *number == 1,
        Job::Flyer(_) | Job::Alias(..) => false,
        _ => true,
    }
}

/// The photo a job's share preview shows: a page's picture (its own or a linked page's), the
/// first picture among a listing's or a term's pages; `None` when the job gets a share card.
pub(super) fn picture<'a>(site: &'a Site, job: &Job) -> Option<&'a Photo> {
    let first = |ids: &[PageId]| ids.iter().find_map(|&id| site.pages[id].cover.as_ref());
    match job {
        Job::Page(id) | Job::Flyer(id) => site.picture(*id),
        Job::Listing { section, lang, .. } => first(&site.section_pages(section, lang)),
        Job::Term { taxonomy, term, .. } => site.taxonomies[*taxonomy]
            .terms
            .get(term)
            .and_then(|t| first(&t.pages)),
        _ => None,
    }
}

/// Where the share card of a job that has no picture is published.
pub(super) fn card_url(site: &Site, job: &Job, cards: ShareCards) -> String {
    match cards {
        ShareCards::Titles => {
            let url = own_card_job(job).url(site);
            match url.strip_suffix(".html") {
                Some(stem) => format!("{stem}-share.png"),
                None => format!("{url}share.png"),
            }
        }
        ShareCards::Kinds => {
            let lang = job.lang(site);
            format!(
                "{}share-{}.png",
                site.config.lang_root(&lang),
                kind_key(site, job)
            )
        }
    }
}

/// The share card of a job that has no picture: where it is published, and what it shows.
pub(super) fn card(
    site: &Site,
    job: &Job,
    strings: &Strings,
    cards: ShareCards,
    title: &str,
) -> (String, Card) {
    let lang = job.lang(site);
    let kind = kind_name(site, job, strings);
    let (title, kind) = match cards {
        ShareCards::Titles => (title.to_string(), kind),
        ShareCards::Kinds => (kind, String::new()),
    };
    let card = Card {
        title,
        kind,
        site: site.config.title_in(&lang).to_string(),
        lang: lang.as_str().to_string(),
    };
    (card_url(site, job, cards), card)
}

/// The job whose card `job` shows: itself, or the one it shares with (see [`own_card`]).
fn own_card_job(job: &Job) -> Job {
    match job {
        Job::Listing { section, lang, .. } => Job::Listing {
            section: section.clone(),
            lang: lang.clone(),
            number: 1,
        },
        Job::Term { taxonomy, term, .. } => Job::Term {
            taxonomy: *taxonomy,
            term: term.clone(),
            number: 1,
        },
        Job::Flyer(id) => Job::Page(*id),
        other => other.clone(),
    }
}

/// What kind of page a card says a job is, for file names: a section's folder, a taxonomy's
/// name, else `site`.
fn kind_key<'a>(site: &'a Site, job: &Job) -> &'a str {
    match job {
        Job::Page(id) | Job::Flyer(id) => match &site.pages[*id].key.section {
            Section::Pages => "site",
            section => section.folder(),
        },
        Job::Term { taxonomy, .. } => site.taxonomies[*taxonomy].kind.name(),
        _ => "site",
    }
}

/// What kind of page a card says a job is, in the page's language.
fn kind_name(site: &Site, job: &Job, strings: &Strings) -> String {
    match (job, kind_key(site, job)) {
        (Job::Page(id) | Job::Flyer(id), key) if key != "site" => {
            let page = &site.pages[*id];
            site.section_title(&page.key.section, &page.lang, strings)
        }
        (Job::Term { .. }, key) => strings.get(key).to_string(),
        _ => strings.get("share_kind_site").to_string(),
    }
}

/// Draws the share cards (in parallel, through the cache in `.canting-cache/share`) into the
/// staging folder; how many files were written.
pub(super) fn write_cards(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
    cards: Vec<(String, Card)>,
) -> Result<usize, Vec<Diagnostic>> {
    let cards: BTreeMap<String, Card> = cards.into_iter().collect();
    let template = theme
        .share
        .get("card.svg")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let fonts: Vec<&[u8]> = theme
        .share
        .iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            name.ends_with(".ttf") || name.ends_with(".otf")
        })
        .map(|(_, bytes)| bytes.as_slice())
        .collect();
    let drawer = Drawer::new(&template, &fonts);
    let cache = site.root.join(crate::folders::CACHE).join("share");
    let errors: Vec<Diagnostic> = cards
        .par_iter()
        .filter_map(|(path, card)| {
            let png = match drawer.cached_png(card, &cache) {
                Ok(png) => png,
                Err(why) => {
                    return Some(
                        Diagnostic::error(t!("render.no_share_card", path = path, why = why))
                            .file(format!("themes/{}/share/card.svg", site.config.theme))
                            .hint(t!("render.no_share_card_hint")),
                    );
                }
            };
            staging.write(path, &png).err().map(|e| {
                Diagnostic::error(t!("render.cannot_write", path = path, why = io_reason(&e)))
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(cards.len())
    } else {
        Err(errors)
    }
}

/// Draws the site's icons and writes the manifest into the staging folder; how many files were
/// written.
pub(super) fn write_icons(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
) -> Result<usize, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(svg) = theme.static_files.get(ICON) {
        for (name, size) in ICONS {
            match crate::share::icon_png(svg, size) {
                Ok(png) => files.push((name.to_string(), png)),
                Err(why) => errors.push(
                    Diagnostic::error(t!("render.no_icon", why = why))
                        .file(format!("themes/{}/static/{ICON}", site.config.theme)),
                ),
            }
        }
    }
    files.push((MANIFEST.to_string(), manifest(site, theme).into_bytes()));
    for (path, bytes) in &files {
        if let Err(e) = staging.write(path, bytes) {
            errors.push(Diagnostic::error(t!(
                "render.cannot_write",
                path = path,
                why = io_reason(&e)
            )));
        }
    }
    if errors.is_empty() {
        Ok(files.len())
    } else {
        Err(errors)
    }
}

/// The web app manifest: the site's name, its icons, and its colours from the theme's stylesheet
/// (`--soga` and `--cream`), everything under the base path.
fn manifest(site: &Site, theme: &Theme) -> String {
    let base = site.config.base_url.path();
    let lang = site.config.default_lang();
    let name = site.config.title_in(lang);
    let css = theme
        .static_files
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut icons: Vec<serde_json::Value> = ICONS[..2]
        .iter()
        .map(|(file, size)| {
            serde_json::json!({
                "src": format!("{base}{file}"),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
            })
        })
        .collect();
    if theme.static_files.contains_key(ICON) {
        icons.push(serde_json::json!({
            "src": format!("{base}{ICON}"),
            "sizes": "any",
            "type": "image/svg+xml",
        }));
    }
    let manifest = serde_json::json!({
        "name": name,
        "short_name": short_name(name),
        "lang": lang.as_str(),
        "start_url": site.config.lang_root(lang),
        "scope": base,
        "display": "standalone",
        "theme_color": css_colour(&css, "--soga").unwrap_or("#6b3a1f"),
        "background_color": css_colour(&css, "--cream").unwrap_or("#fbf6ec"),
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// The site's name cut to whole words of at most 12 characters, which fit under a home-screen icon.
fn short_name(name: &str) -> String {
    let mut short = String::new();
    for word in name.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if longer.chars().count() > 12 {
            break;
        }
        short = longer;
    }
    if short.is_empty() {
        name.chars().take(12).collect()
    } else {
        short
    }
}

/// The value of the custom property `name` (`--soga: #6b3a1f;`) when it is a hex colour.
fn css_colour<'a>(css: &'a str, name: &str) -> Option<&'a str> {
    let at = css.find(&format!("{name}:"))?;
    let value = css[at + name.len() + 1..].split(';').next()?.trim();
    let hex = value.strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_whole_words() {
        assert_eq!(short_name("Batik Blitar"), "Batik Blitar");
        assert_eq!(short_name("Katalog Batik Blitar"), "Katalog");
        assert_eq!(short_name("Paguyubanpembatik Blitar"), "Paguyubanpem");
    }

    #[test]
    fn colours_come_from_the_stylesheet() {
        let css = ":root {\n  --soga: #6b3a1f;      /* soga */\n  --soga-dark: #4a2714;\n}";
        assert_eq!(css_colour(css, "--soga"), Some("#6b3a1f"));
        assert_eq!(css_colour(css, "--cream"), None);
        assert_eq!(css_colour("--soga: var(--x);", "--soga"), None);
    }
}
