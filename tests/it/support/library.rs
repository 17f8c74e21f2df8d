//! Fixture sites loaded through the library, without rendering, and their pages and languages
//! looked up, for the tests that call `canting`'s modules directly (calendar, feeds, QR codes,
//! open data, structured data).

use std::path::Path;

use canting::model::{Lang, Section};
use canting::site::{PageId, Site};
use canting::theme::Theme;

use super::fixture_root;

/// A site loaded and linked through the library (no rendering): `root` is a site folder.
pub(crate) fn load_site(root: &Path, base_url: Option<&str>) -> (Site, Theme) {
    let mut diagnostics = Vec::new();
    canting::build::load(root, base_url, false, &mut diagnostics)
        .unwrap_or_else(|| panic!("{} does not load: {diagnostics:#?}", root.display()))
}

/// `tests/fixtures/<fixture>`, loaded.
pub(crate) fn load(fixture: &str) -> Site {
    load_site(&fixture_root(fixture), None).0
}

/// `tests/fixtures/<fixture>`, loaded with its theme (for the theme's words).
pub(crate) fn load_with_theme(fixture: &str) -> (Site, Theme) {
    load_site(&fixture_root(fixture), None)
}

/// `tests/fixtures/<fixture>`, loaded as `--base-url BASE_URL` would build it.
pub(crate) fn load_at(fixture: &str, base_url: &str) -> Site {
    load_site(&fixture_root(fixture), Some(base_url)).0
}

pub(crate) fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("a language code")
}

/// The page `slug` of `section` in the language `code`.
pub(crate) fn page(site: &Site, section: Section, slug: &str, code: &str) -> PageId {
    site.pages
        .iter()
        .position(|p| {
            p.key.section == section && p.key.slug.as_str() == slug && p.lang.as_str() == code
        })
        .unwrap_or_else(|| panic!("no {section:?}/{slug} in {code}"))
}
