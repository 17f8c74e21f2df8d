//! The files besides HTML pages that promote the catalogue: QR codes, calendars, feeds, the
//! sitemap, robots.txt, the open data and the search index. Each comes from a pure function of its own module;
//! this writes them all, in parallel.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_i18n::t;

use super::view;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::i18n::Strings;
use crate::model::{Kind, Lang, Section};
use crate::output::Staging;
use crate::site::Site;

/// Everything besides HTML pages that promotes the catalogue: QR codes, calendars, feeds, the
/// sitemap, the open data and the search index, written in parallel.
pub(super) fn write(
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    staging: &Staging,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, Vec<Diagnostic>> {
    // The search index is the biggest of these: it is made while the rest are, every language
    // at once.
    let (search, (mut files, mut errors)) = rayon::join(
        || {
            site.config
                .languages
                .par_iter()
                .flat_map_iter(|lang| crate::search::files(site, &lang.code, &strings[&lang.code]))
                .collect::<Vec<_>>()
        },
        || others(site, strings, now),
    );
    files.extend(search);
    errors.extend(
        files
            .par_iter()
            .filter_map(|(path, text)| {
                staging
                    .write(path, text.as_bytes())
                    .err()
                    .map(|e| (path, e))
            })
            .map(|(path, e)| {
                Diagnostic::error(t!("render.cannot_write", path = path, why = io_reason(&e)))
            })
            .collect::<Vec<_>>(),
    );
    if errors.is_empty() {
        Ok(files.len())
    } else {
        Err(errors)
    }
}

/// The files besides the search index, with the QR codes that could not be made.
fn others(
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    now: chrono::DateTime<chrono::Utc>,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if view::has_qr(&page.kind) {
            match crate::qr::svg(&crate::qr::target(site, id)) {
                Ok(svg) => files.push((crate::qr::file(site, id), svg)),
                Err(why) => errors.push(
                    Diagnostic::error(t!("render.no_qr", why = why))
                        .file(&page.file)
                        .hint(t!("render.no_qr_hint")),
                ),
            }
        }
        if matches!(page.kind, Kind::Event(_)) {
            files.push((
                crate::calendar::event_file(site, id),
                crate::calendar::event_ics(site, id, now),
            ));
        }
    }
    for lang in &site.config.languages {
        let lang = &lang.code;
        files.push((
            crate::calendar::feed_file(site, lang),
            crate::calendar::feed_ics(site, lang, now),
        ));
        for section in [Section::News, Section::Events] {
            let (rss, atom) = crate::feeds::files(site, lang, &section);
            files.push((rss, crate::feeds::rss(site, lang, &section, &strings[lang])));
            files.push((
                atom,
                crate::feeds::atom(site, lang, &section, &strings[lang]),
            ));
        }
        files.extend(crate::opendata::files(site, lang));
    }
    files.push(("sitemap.xml".into(), crate::seo::sitemap(site)));
    files.push(("robots.txt".into(), crate::seo::robots(site)));
    files.extend(crate::editor::files(&site.config));
    (files, errors)
}
