//! The names of a site's files and folders, written once. Every module that reads or writes one
//! of them takes its name from here.

/// The site's settings, at the root of the site.
pub const SITE_FILE: &str = "site.yaml";

/// What volunteers write: Markdown pages, photos and other files.
pub const CONTENT: &str = "content";

/// Themes, each a folder of templates, static files and UI strings.
pub const THEMES: &str = "themes";

/// A site's own page templates for `canting new`, beside `site.yaml` (or inside a theme).
pub const ARCHETYPES: &str = "archetypes";

/// Work kept between builds (processed photos); it can be deleted at any time.
pub const CACHE: &str = ".canting-cache";

/// The built site, unless `--output` names another folder.
pub const OUTPUT: &str = "public";
