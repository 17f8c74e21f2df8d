//! Loading `content/`: which files are pages, in which section and language, and which are
//! files to publish as they are. Parsing a page's front matter into its type is `parse`.

mod fields;
mod parse;

pub use parse::split_front_matter;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rust_i18n::t;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::folders;
use crate::model::{AssetPath, IndexPage, Lang, Page, PageKey, Section, Slug};

/// What `content/` holds, parsed and checked file by file.
#[derive(Debug, Default)]
pub struct Content {
    /// Every page that parsed without errors, in every language.
    pub pages: Vec<Page>,
    /// The `_index.<lang>.md` files that parsed without errors.
    pub indexes: Vec<IndexPage>,
    /// Files published as they are, by their path under `content/`.
    pub assets: Vec<AssetPath>,
    /// Pages whose files have errors: references to them are not reported a second time.
    pub failed: HashSet<PageKey>,
    /// Drafts left out of this build: references to them are warnings, not errors.
    pub drafts: HashSet<PageKey>,
}

/// Where a Markdown file sits in the content model.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Home,
    SectionIndex(Section),
    Page(PageKey),
}

#[derive(Debug)]
struct SourceFile {
    /// Relative to the site root, for messages.
    file: PathBuf,
    /// The folder relative to `content/`, `/`-separated.
    dir: String,
    place: Place,
    lang: Lang,
}

/// Walks, reads and parses `ROOT/content`. Problems in every file are collected, not only the first.
pub fn load(root: &Path, config: &Config, drafts: bool) -> (Content, Vec<Diagnostic>) {
    let content_dir = root.join(folders::CONTENT);
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(t!("content.no_folder"))
                .file(folders::CONTENT)
                .hint(t!("content.no_folder_hint")),
        );
        return (Content::default(), diagnostics);
    }
    let (markdown, assets) = walk(root, &content_dir, &mut diagnostics);
    let known: HashSet<&str> = assets.iter().map(|a| a.0.as_str()).collect();

    let mut sources = Vec::new();
    for rel in &markdown {
        match classify(rel, config) {
            Ok(source) => sources.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    let results: Vec<_> = sources
        .par_iter()
        .map(|source| {
            let text = std::fs::read_to_string(root.join(&source.file)).map_err(|e| {
                vec![
                    Diagnostic::error(t!("content.cannot_read_file", why = io_reason(&e)))
                        .file(&source.file)
                        .hint(t!("content.cannot_read_file_hint")),
                ]
            })?;
            parse::parse(source, &text, &known)
        })
        .collect();
    let failed = sources
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_err())
        .filter_map(|(s, _)| match &s.place {
            Place::Page(key) => Some(key.clone()),
            _ => None,
        })
        .collect();

    let mut content = Content {
        assets,
        failed,
        ..Content::default()
    };
    for result in results {
        match result {
            Ok((parse::Parsed::Page(page), warnings)) => {
                diagnostics.extend(warnings);
                if drafts || !page.draft {
                    content.pages.push(*page);
                } else {
                    content.drafts.insert(page.key.clone());
                }
            }
            Ok((parse::Parsed::Index(index), warnings)) => {
                diagnostics.extend(warnings);
                content.indexes.push(index);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    check_duplicates(&content.pages, &mut diagnostics);
    (content, diagnostics)
}

/// Takes in one Markdown file under `content/` after it changed, was added or was removed (for
/// `canting serve`): the content is then as [`load`] would find it. `rel` is the file's path under
/// `content/`. Its warnings are returned, or its errors, in which case `content` is left
/// half-changed and should be loaded again.
pub fn reload(
    root: &Path,
    config: &Config,
    drafts: bool,
    content: &mut Content,
    rel: &str,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let source = classify(rel, config).map_err(|d| vec![d])?;
    content.pages.retain(|p| p.file != source.file);
    content.indexes.retain(|i| i.file != source.file);
    if let Place::Page(key) = &source.place {
        content.drafts.remove(key);
    }
    let mut warnings = Vec::new();
    match std::fs::read_to_string(root.join(&source.file)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(vec![
                Diagnostic::error(t!("content.cannot_read_file", why = io_reason(&e)))
                    .file(&source.file)
                    .hint(t!("content.cannot_read_file_hint")),
            ]);
        }
        Ok(text) => {
            let known: HashSet<&str> = content.assets.iter().map(|a| a.0.as_str()).collect();
            let (parsed, found) = parse::parse(&source, &text, &known)?;
            warnings = found;
            match parsed {
                parse::Parsed::Page(page) if drafts || !page.draft => content.pages.push(*page),
                parse::Parsed::Page(page) => {
                    content.drafts.insert(page.key.clone());
                }
                parse::Parsed::Index(index) => content.indexes.push(index),
            }
        }
    }
    // In the order `load` reads them (folder by folder, names in byte order), which decides the
    // order of pages that sort alike. A NUL for each `/` makes plain string order that order, and
    // is far quicker than comparing paths part by part.
    content
        .pages
        .sort_by_cached_key(|p| p.file.to_string_lossy().replace(['/', '\\'], "\0"));
    let mut errors = Vec::new();
    check_duplicates(&content.pages, &mut errors);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// A page read again: with its warnings, or its errors.
pub type Reloaded = Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and parses one page again after an edit (for `canting serve`). `rel` is the file's path
/// under `content/`; `None` when it is not a page (a section's or the home page's introduction).
pub fn reload_page(
    root: &Path,
    config: &Config,
    rel: &str,
    known: &HashSet<&str>,
) -> Option<Reloaded> {
    let source = match classify(rel, config) {
        Ok(source) => source,
        Err(d) => return Some(Err(vec![d])),
    };
    if !matches!(source.place, Place::Page(_)) {
        return None;
    }
    let text = match std::fs::read_to_string(root.join(&source.file)) {
        Ok(text) => text,
        Err(_) => return None,
    };
    match parse::parse(&source, &text, known) {
        Ok((parse::Parsed::Page(page), warnings)) => Some(Ok((*page, warnings))),
        Ok((parse::Parsed::Index(_), _)) => None,
        Err(errors) => Some(Err(errors)),
    }
}

/// Markdown files and other files under `content/`, relative to it, in a stable order.
fn walk(
    root: &Path,
    content_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<AssetPath>) {
    let site_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| relative(root, p)).unwrap_or_default();
                let why = e
                    .io_error()
                    .map_or_else(|| e.to_string(), crate::diagnostic::io_reason);
                diagnostics
                    .push(Diagnostic::error(t!("content.cannot_read", why = why)).file(file));
                continue;
            }
        };
        let path = entry.path();
        let is_file = if entry.path_is_symlink() {
            // A link is read only where it points inside the site: a site is never a way to
            // publish files from elsewhere on the volunteer's computer.
            match path.canonicalize() {
                Ok(target) if target.starts_with(&site_root) && target.is_file() => true,
                _ => {
                    diagnostics.push(
                        Diagnostic::warning(t!("content.link_outside_site"))
                            .file(relative(root, path))
                            .hint(t!("content.link_outside_site_hint")),
                    );
                    false
                }
            }
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        let Some(rel) = path
            .strip_prefix(content_dir)
            .ok()
            .and_then(|p| p.to_str())
            .map(|s| s.replace('\\', "/"))
        else {
            diagnostics.push(
                Diagnostic::error(t!("content.name_not_text"))
                    .file(relative(root, path))
                    .hint(t!("content.name_not_text_hint")),
            );
            continue;
        };
        if rel.ends_with(".md") {
            markdown.push(rel);
        } else {
            assets.push(AssetPath(rel));
        }
    }
    (markdown, assets)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads section, slug and language from a path such as `motifs/kawung.en.md`.
fn classify(rel: &str, config: &Config) -> Result<SourceFile, Diagnostic> {
    let file = Path::new(folders::CONTENT).join(rel);
    let err = |message: std::borrow::Cow<str>, hint: std::borrow::Cow<str>| {
        Diagnostic::error(message).file(&file).hint(hint)
    };
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts[parts.len() - 1].trim_end_matches(".md");
    let (stem, lang) = split_lang(name, config).map_err(|(code, _)| {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let lower = code.to_ascii_lowercase();
        if config.language(&lower).is_some() {
            return err(
                t!("content.lang_upper_case", code = code),
                t!("content.rename_to", name = format!("{stem}.{lower}.md")),
            );
        }
        err(
            t!("content.lang_unknown", code = code),
            t!(
                "content.lang_unknown_hint",
                code = code,
                name = format!("{stem}.md")
            ),
        )
    })?;
    let section = |folder: &str| {
        Section::from_folder(folder)
            .map_err(|why| err(t!("content.folder_not_url", folder = folder), why.into()))
    };
    let slug = |s: &str| {
        Slug::parse(s).map_err(|why| {
            err(
                t!("content.file_not_url"),
                t!("content.rename_because", why = why),
            )
        })
    };
    let place = match (parts.len(), stem) {
        (1, "_index") => Place::Home,
        (1, _) => {
            return Err(err(
                t!("content.needs_section"),
                t!("content.needs_section_hint"),
            ));
        }
        (2, "_index") => Place::SectionIndex(section(parts[0])?),
        (2, s) => Place::Page(PageKey {
            section: section(parts[0])?,
            slug: slug(s)?,
        }),
        (3, "index") => Place::Page(PageKey {
            section: section(parts[0])?,
            slug: slug(parts[1])?,
        }),
        _ => {
            return Err(err(t!("content.too_deep"), t!("content.too_deep_hint")));
        }
    };
    let dir = parts[..parts.len() - 1].join("/");
    Ok(SourceFile {
        file,
        dir,
        place,
        lang,
    })
}

/// `kawung.en` → (`kawung`, en); `kawung` → (`kawung`, the default language).
fn split_lang<'a>(name: &'a str, config: &Config) -> Result<(&'a str, Lang), (String, ())> {
    if let Some((stem, code)) = name.rsplit_once('.') {
        if let Some(lang) = config.language(code) {
            return Ok((stem, lang.code.clone()));
        }
        if code.len() <= 3 && config.language(&code.to_ascii_lowercase()).is_some() {
            return Err((code.to_string(), ()));
        }
        if Lang::parse(code).is_ok() {
            return Err((code.to_string(), ()));
        }
    }
    Ok((name, config.default_lang().clone()))
}

/// Two files that would be the same page (`kawung.md` and `kawung.id.md`, or a bundle and a file).
fn check_duplicates(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&PageKey, &Lang), &Path> = BTreeMap::new();
    for page in pages {
        if let Some(first) = seen.insert((&page.key, &page.lang), &page.file) {
            diagnostics.push(
                Diagnostic::error(t!(
                    "content.duplicate",
                    other = first.display(),
                    key = page.key,
                    lang = page.lang
                ))
                .file(&page.file)
                .hint(t!("content.duplicate_hint")),
            );
        }
    }
}

/// The diagnostic for a page whose front matter cannot be split off: its closing `---` is missing
/// (placed on the line where it belongs, after the last field), its opening `---` is missing, or
/// it has none at all.
pub fn no_front_matter(file: &Path, text: &str) -> Diagnostic {
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    let starts = lines.first().is_some_and(|l| l.trim_end() == "---");
    if starts {
        // The fields go on while lines look like YAML; the closing line belongs after them.
        let looks_like_yaml = |l: &&&str| {
            let t = l.trim_end();
            !t.is_empty()
                && (t.starts_with([' ', '\t', '-', '#']) || t.contains(": ") || t.ends_with(':'))
        };
        let fields = lines[1..].iter().take_while(looks_like_yaml).count();
        return Diagnostic::error(t!("content.front_matter_not_closed"))
            .file(file)
            .line(Some(fields + 2))
            .hint(t!("content.front_matter_not_closed_hint"));
    }
    if lines.iter().skip(1).any(|l| l.trim_end() == "---") {
        return Diagnostic::error(t!("content.front_matter_no_start"))
            .file(file)
            .line(Some(1))
            .hint(t!("content.front_matter_no_start_hint"));
    }
    Diagnostic::error(t!("content.no_front_matter"))
        .file(file)
        .line(Some(1))
        .hint(t!("content.no_front_matter_hint"))
}

/// Resolves a path written in a page (`cover.jpg`, `../foto/a.jpg`, `/foto/a.jpg`) to a path under
/// `content/`. `None` when it leaves `content/`.
pub fn resolve(dir: &str, target: &str) -> Option<String> {
    let joined = if let Some(abs) = target.strip_prefix('/') {
        PathBuf::from(abs)
    } else {
        Path::new(dir).join(target)
    };
    let mut parts: Vec<String> = Vec::new();
    for c in joined.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The diagnostic for a file a page names that is not there: the message and a hint. The hint
/// gives the path to write from the page's folder `dir` (`../../motifs/parang.id.md`), for the
/// file of the site whose name is closest; a file that differs only in letter case gets a word
/// that web addresses are case-sensitive.
pub fn missing_file(
    target: &str,
    resolved: &str,
    dir: &str,
    known: &HashSet<&str>,
) -> (String, String) {
    let message = t!("content.missing_file", target = target).into_owned();
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(resolved)) {
        let write = relative_path(dir, same);
        return (
            message,
            t!("content.missing_file_case", name = write, written = target).into_owned(),
        );
    }
    let folder_of = |path: &str| path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let name_of = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let name = name_of(resolved);
    let folder = folder_of(resolved);
    // The closest name anywhere; among equally close ones, the one in the folder meant.
    let best = crate::diagnostic::closest(
        &name,
        known.iter().map(|k| k.rsplit('/').next().unwrap_or(k)),
    )
    .and_then(|n| {
        let mut same: Vec<&&str> = known.iter().filter(|k| name_of(k) == n).collect();
        same.sort_by_key(|k| (folder_of(k) != folder, **k));
        same.first().map(|k| **k)
    });
    let hint = match best {
        Some(path) => t!("report.did_you_mean", name = relative_path(dir, path)).into_owned(),
        None => t!("content.missing_file_hint").into_owned(),
    };
    (message, hint)
}

/// The path to write in a page of folder `dir` (under `content/`) to reach `target` (also under
/// `content/`): `relative_path("workshops/sekar", "motifs/parang.id.md")` is
/// `../../motifs/parang.id.md`.
pub fn relative_path(dir: &str, target: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from
        .iter()
        .zip(to.iter().take(to.len().saturating_sub(1)))
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_root_paths_inside_content() {
        assert_eq!(
            resolve("workshops/sekar", "cover.jpg").as_deref(),
            Some("workshops/sekar/cover.jpg")
        );
        assert_eq!(
            resolve("workshops", "../motifs/a.id.md").as_deref(),
            Some("motifs/a.id.md")
        );
        assert_eq!(
            resolve("workshops", "/foto/a.jpg").as_deref(),
            Some("foto/a.jpg")
        );
        assert_eq!(resolve("workshops", "../../etc/passwd"), None);
        assert_eq!(resolve("workshops", "../../../x"), None);
    }

    #[test]
    fn relative_paths_are_written_from_the_page_folder() {
        assert_eq!(
            relative_path("workshops/sekar", "motifs/parang.id.md"),
            "../../motifs/parang.id.md"
        );
        assert_eq!(relative_path("workshops", "workshops/a.md"), "a.md");
        assert_eq!(relative_path("", "motifs/a.md"), "motifs/a.md");
        assert_eq!(
            relative_path("workshops/sekar", "workshops/sekar/cover.jpg"),
            "cover.jpg"
        );
    }

    #[test]
    fn missing_files_suggest_the_path_to_write_and_see_letter_case() {
        let known: HashSet<&str> = ["motifs/parang.id.md", "workshops/sekar/cover.jpg"]
            .into_iter()
            .collect();
        let (_, hint) = missing_file(
            "../motifs/parang.id.md",
            "workshops/motifs/parang.id.md",
            "workshops/sekar",
            &known,
        );
        assert_eq!(hint, "did you mean `../../motifs/parang.id.md`?");
        let (_, hint) = missing_file(
            "Cover.JPG",
            "workshops/sekar/Cover.JPG",
            "workshops/sekar",
            &known,
        );
        assert!(hint.contains("`cover.jpg`"), "{hint}");
        assert!(hint.contains("case"), "{hint}");
    }

    #[test]
    fn front_matter_without_its_closing_line_is_named() {
        let open = no_front_matter(
            Path::new("a.md"),
            "---\ntitle: A\ndate: 2026-01-01\n\nIsi halaman.\n",
        );
        assert_eq!(open.line, Some(4));
        assert!(open.message.contains("never closed"), "{}", open.message);
        let start = no_front_matter(Path::new("a.md"), "title: A\n---\nIsi\n");
        assert_eq!(start.line, Some(1));
        assert!(start.message.contains("first line"), "{}", start.message);
        let none = no_front_matter(Path::new("a.md"), "# Judul\n");
        assert_eq!(none.line, Some(1));
    }
}
