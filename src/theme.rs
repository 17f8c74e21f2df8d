//! The theme: Tera templates, static files and UI strings per language.
//!
//! The default theme is built into the binary, so a site with no `themes/` folder builds. A site's
//! own file of the same name (`themes/batik/templates/workshop.html`) wins over the built-in one.

use std::collections::BTreeMap;
use std::path::Path;

use rust_i18n::t;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, io_reason, suggest};
use crate::folders;
use crate::i18n::Strings;
use crate::model::Lang;

/// The theme built into canting, used when `site.yaml` names none; a site needs no folder for it.
pub const DEFAULT: &str = "batik";

/// The default theme's files, by path inside the theme folder (`templates/base.html`), as the
/// build script found them under `themes/batik/`.
const BUILT_IN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// A file of the default theme, by its path inside the theme folder (`archetypes/workshop.md`).
pub fn built_in(path: &str) -> Option<&'static [u8]> {
    BUILT_IN.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}

/// A theme read into memory: the built-in files, overlaid by the site's `themes/<name>/` folder.
pub struct Theme {
    /// Template name (`workshop.html`) → text.
    pub templates: BTreeMap<String, String>,
    /// Path under the output folder → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// UI strings for every language of the site; a language the theme lacks borrows another's.
    pub strings: BTreeMap<Lang, Strings>,
    /// Files under `share/` by name: the share card's template (`card.svg`) and its fonts.
    pub share: BTreeMap<String, Vec<u8>>,
}

/// Reads the theme `site.yaml` names, with a diagnostic for each file that cannot be used; `None`
/// only when the theme is neither installed nor the built-in one.
pub fn load(root: &Path, config: &Config) -> (Option<Theme>, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, Vec<u8>> = BUILT_IN
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let mut diagnostics = Vec::new();
    let dir = root.join(folders::THEMES).join(&config.theme);
    if dir.is_dir() {
        for entry in WalkDir::new(&dir).follow_links(false).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Some(rel) = entry
                .path()
                .strip_prefix(&dir)
                .ok()
                .and_then(|p| p.to_str())
                .map(|p| p.replace('\\', "/"))
            else {
                continue;
            };
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(rel, bytes);
                }
                Err(e) => diagnostics.push(
                    Diagnostic::error(t!("theme.cannot_read", why = io_reason(&e)))
                        .file(entry.path().strip_prefix(root).unwrap_or(entry.path())),
                ),
            }
        }
    } else if config.theme != DEFAULT {
        let installed = installed_themes(root);
        diagnostics.push(
            Diagnostic::error(t!("theme.unknown", name = config.theme))
                .file(crate::folders::SITE_FILE)
                .field("theme")
                .hint(suggest(
                    &config.theme,
                    installed.iter().map(String::as_str).chain([DEFAULT]),
                    &t!("theme.unknown_hint", default = DEFAULT),
                )),
        );
        return (None, diagnostics);
    }

    let mut theme = Theme {
        templates: BTreeMap::new(),
        static_files: BTreeMap::new(),
        strings: BTreeMap::new(),
        share: BTreeMap::new(),
    };
    let theme_file = |rel: &str| Path::new(folders::THEMES).join(&config.theme).join(rel);
    for (rel, bytes) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    theme.templates.insert(name.to_string(), text);
                }
                Err(_) => {
                    diagnostics.push(Diagnostic::error(t!("theme.not_utf8")).file(theme_file(&rel)))
                }
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme.static_files.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("share/") {
            theme.share.insert(name.to_string(), bytes);
        } else if let Some(code) = rel
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".yaml"))
        {
            let Some(lang) = config.language(code) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            match Strings::parse(&theme_file(&rel), &text) {
                Ok(mut s) => {
                    // A site's file with a few words of its own keeps the built-in theme's other
                    // words in that language, rather than borrowing another language's.
                    if let Some(own) = built_in_words(&rel) {
                        s.fill_from(&own);
                    }
                    theme.strings.insert(lang.code.clone(), s);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    fill_missing_strings(config, &mut theme, &mut diagnostics);
    (Some(theme), diagnostics)
}

/// The built-in theme's words in the file `rel` (`i18n/id.yaml`), if it has that file.
fn built_in_words(rel: &str) -> Option<Strings> {
    let bytes = built_in(rel)?;
    Strings::parse(Path::new(rel), &String::from_utf8_lossy(bytes)).ok()
}

/// A language without its own UI strings borrows English's (else the default language's), and a
/// key missing from one language borrows the same key from there.
fn fill_missing_strings(config: &Config, theme: &mut Theme, diagnostics: &mut Vec<Diagnostic>) {
    let fallback = ["en", config.default_lang().as_str()]
        .iter()
        .find_map(|code| {
            theme
                .strings
                .iter()
                .find(|(l, _)| l.as_str() == *code)
                .map(|(_, s)| s.clone())
        })
        .or_else(|| theme.strings.values().next().cloned())
        .unwrap_or_default();
    for lang in &config.languages {
        match theme.strings.get_mut(&lang.code) {
            Some(strings) => strings.fill_from(&fallback),
            None => {
                diagnostics.push(
                    Diagnostic::warning(t!(
                        "theme.no_words",
                        language = lang.name,
                        code = lang.code
                    ))
                    .file(Path::new(folders::THEMES).join(&config.theme).join("i18n"))
                    .hint(t!(
                        "theme.no_words_hint",
                        theme = config.theme,
                        code = lang.code
                    )),
                );
                theme.strings.insert(lang.code.clone(), fallback.clone());
            }
        }
    }
}

fn installed_themes(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join(folders::THEMES))
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().to_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
