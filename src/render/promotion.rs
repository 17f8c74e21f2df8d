//! The files besides HTML pages that promote the catalogue: QR codes, calendars, feeds, the
//! sitemap, robots.txt, the open data and the search index. Each comes from a pure function of its
//! own module; this writes them, in parallel, grouped by what they follow from, so that after an
//! edit only the groups it reaches are made again.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use rust_i18n::t;

use super::view;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::i18n::Strings;
use crate::model::{Kind, Lang, Section};
use crate::output::Staging;
use crate::site::{PageId, Site};

/// What a group of files follows from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Part {
    /// One page (by its source file): its QR code, an exhibition's own calendar file.
    Page(PathBuf),
    /// Every page of a language: its calendar, feeds, open data and search index.
    Lang(Lang),
    /// The whole site: the sitemap, robots.txt, the editor's files.
    Site,
}

/// Which groups to make.
pub(super) enum Scope {
    /// Every group, as a build does.
    All,
    /// The files of these pages (by source file) and languages, and the site's.
    Only {
        pages: HashSet<PathBuf>,
        langs: HashSet<Lang>,
    },
}

impl Scope {
    /// Only the site's own files.
    pub(super) fn none() -> Scope {
        Scope::Only {
            pages: HashSet::new(),
            langs: HashSet::new(),
        }
    }

    /// What both scopes make.
    pub(super) fn and(self, other: Scope) -> Scope {
        match (self, other) {
            (
                Scope::Only {
                    mut pages,
                    mut langs,
                },
                Scope::Only {
                    pages: more_pages,
                    langs: more_langs,
                },
            ) => {
                pages.extend(more_pages);
                langs.extend(more_langs);
                Scope::Only { pages, langs }
            }
            _ => Scope::All,
        }
    }

    fn page(&self, file: &PathBuf) -> bool {
        match self {
            Scope::All => true,
            Scope::Only { pages, .. } => pages.contains(file),
        }
    }

    fn lang(&self, lang: &Lang) -> bool {
        match self {
            Scope::All => true,
            Scope::Only { langs, .. } => langs.contains(lang),
        }
    }
}

/// Asked between the parts of the work: `true` when it is no longer wanted (in `serve`, another
/// edit came in), and then no language's or the site's file is written.
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// The groups in `scope` written into `staging`, each with the paths it wrote; `None` when `stop`
/// said so, and then no language's or the site's file is written (a page's own files, each right
/// for the site as it is, may be).
pub(super) fn write<'a>(
    site: &Site,
    body_words: &(dyn Fn(PageId) -> &'a str + Sync),
    strings: &BTreeMap<Lang, Strings>,
    staging: &Staging,
    now: chrono::DateTime<chrono::Utc>,
    (scope, stop): (&Scope, Stop),
) -> Result<Option<HashMap<Part, Vec<String>>>, Vec<Diagnostic>> {
    // The search index is the biggest of these: the languages are made while the pages' QR codes
    // and calendar files are. Each page's files are written as soon as they are made: held until
    // the end, the QR codes of the large benchmark catalogue were 123 MB, a quarter of the build's
    // peak memory.
    let (pages, langs) = rayon::join(
        || {
            site.pages
                .par_iter()
                .enumerate()
                .filter(|(_, page)| scope.page(&page.file))
                .map(|(id, page)| {
                    let files = page_files(site, id, now).map_err(|e| vec![e])?;
                    Ok((Part::Page(page.file.clone()), write_files(staging, files)?))
                })
                .collect::<Vec<Wrote>>()
        },
        || {
            site.config
                .languages
                .par_iter()
                .map(|l| &l.code)
                .filter(|lang| scope.lang(lang))
                .map(|lang| {
                    let files = lang_files(site, body_words, lang, &strings[lang], now, stop)?;
                    Some((Part::Lang(lang.clone()), files))
                })
                .collect::<Option<Vec<_>>>()
        },
    );
    let mut errors = Vec::new();
    let mut written = HashMap::new();
    gather(pages, &mut written, &mut errors);
    let Some(mut groups) = langs.filter(|_| !stop()) else {
        return Ok(None);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut files = vec![
        ("sitemap.xml".to_string(), crate::seo::sitemap(site)),
        ("robots.txt".to_string(), crate::seo::robots(site)),
    ];
    files.extend(crate::editor::files(&site.config));
    groups.push((Part::Site, files));
    let groups = groups
        .into_par_iter()
        .map(|(part, files)| Ok((part, write_files(staging, files)?)))
        .collect();
    gather(groups, &mut written, &mut errors);
    if errors.is_empty() {
        Ok(Some(written))
    } else {
        Err(errors)
    }
}

/// A group and the paths written for it, or why they could not be.
type Wrote = Result<(Part, Vec<String>), Vec<Diagnostic>>;

/// Each group's written paths into `written`, each group's errors into `errors`.
fn gather(
    groups: Vec<Wrote>,
    written: &mut HashMap<Part, Vec<String>>,
    errors: &mut Vec<Diagnostic>,
) {
    for group in groups {
        match group {
            Ok((part, paths)) => {
                written.insert(part, paths);
            }
            Err(e) => errors.extend(e),
        }
    }
}

/// Writes `files` (path and text) into `staging`, in parallel; their paths.
fn write_files(
    staging: &Staging,
    files: Vec<(String, String)>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(path, text)| {
            let e = staging.write(path, text.as_bytes()).err()?;
            Some(Diagnostic::error(t!(
                "render.cannot_write",
                path = path,
                why = io_reason(&e)
            )))
        })
        .collect();
    if errors.is_empty() {
        Ok(files.into_iter().map(|(path, _)| path).collect())
    } else {
        Err(errors)
    }
}

/// A page's own files: its QR code, and an exhibition's calendar file.
fn page_files(
    site: &Site,
    id: PageId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let page = &site.pages[id];
    let mut files = Vec::new();
    if view::has_qr(&page.kind) {
        let svg = crate::qr::svg(&crate::qr::target(site, id)).map_err(|why| {
            Diagnostic::error(t!("render.no_qr", why = why))
                .file(&page.file)
                .hint(t!("render.no_qr_hint"))
        })?;
        files.push((crate::qr::file(site, id), svg));
    }
    if matches!(page.kind, Kind::Event(_)) {
        files.push((
            crate::calendar::event_file(site, id),
            crate::calendar::event_ics(site, id, now),
        ));
    }
    Ok(files)
}

/// A language's files: its calendar, its news and exhibition feeds, its open data and its search
/// index; `None` when `stop` said so before the open data or the index, the costly parts.
fn lang_files<'a>(
    site: &Site,
    body_words: &(dyn Fn(PageId) -> &'a str + Sync),
    lang: &Lang,
    strings: &Strings,
    now: chrono::DateTime<chrono::Utc>,
    stop: Stop,
) -> Option<Vec<(String, String)>> {
    let mut files = vec![(
        crate::calendar::feed_file(site, lang),
        crate::calendar::feed_ics(site, lang, now),
    )];
    for section in [Section::News, Section::Events] {
        let (rss, atom) = crate::feeds::files(site, lang, &section);
        files.push((rss, crate::feeds::rss(site, lang, &section, strings)));
        files.push((atom, crate::feeds::atom(site, lang, &section, strings)));
    }
    if stop() {
        return None;
    }
    files.extend(crate::opendata::files(site, lang));
    if stop() {
        return None;
    }
    files.extend(crate::search::files(site, lang, strings, body_words));
    Some(files)
}
