//! Loading `content/`: which files are pages, in which section and language, and which are
//! files to publish as they are. Parsing a page's front matter into its type is `parse`.

mod fields;
mod parse;

pub use parse::split_front_matter;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, suggest};
use crate::model::{AssetPath, IndexPage, Lang, Page, PageKey, Section, Slug};

pub const DIR: &str = "content";

/// Any YAML scalar read as the text it shows, so `whatsapp: 081234` or `start: 2026` is not a
/// type error for a volunteer who left out the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::String(s) => Ok(Scalar(s)),
            serde_yaml::Value::Number(n) => Ok(Scalar(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(Scalar(b.to_string())),
            _ => Err(serde::de::Error::custom(
                "expected a single value, not a list or a group of fields",
            )),
        }
    }
}

/// What `content/` holds, parsed and checked file by file.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
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
    let content_dir = root.join(DIR);
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("there is no `content` folder")
                .file(DIR)
                .hint("create `content/` beside site.yaml and put the pages there"),
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
                    Diagnostic::error(format!("cannot read this file: {e}"))
                        .file(&source.file)
                        .hint("save it as plain text (UTF-8) from a text editor"),
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
                diagnostics.push(Diagnostic::error(format!("cannot read: {e}")).file(file));
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
                        Diagnostic::warning("this link points outside the site and is left out")
                            .file(relative(root, path))
                            .hint("copy the file into content/ instead of linking to it"),
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
                Diagnostic::error("this file name cannot be read as text")
                    .file(relative(root, path))
                    .hint("rename it using letters, digits and dashes"),
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
    let file = Path::new(DIR).join(rel);
    let err = |message: String, hint: &str| Diagnostic::error(message).file(&file).hint(hint);
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts[parts.len() - 1].trim_end_matches(".md");
    let (stem, lang) = split_lang(name, config).map_err(|(code, _)| {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let lower = code.to_ascii_lowercase();
        if config.language(&lower).is_some() {
            return err(
                format!(
                    "the language code `{code}` in this file name must be written in lower case"
                ),
                &format!("rename the file to `{stem}.{lower}.md`"),
            );
        }
        err(
            format!("the language `{code}` in this file name is not in site.yaml"),
            &format!(
                "add `{code}` under `languages:` in site.yaml, or rename the file to `{stem}.md`"
            ),
        )
    })?;
    let section = |folder: &str| {
        Section::from_folder(folder).map_err(|why| {
            err(
                format!("the folder name `{folder}` cannot be part of a web address"),
                &why,
            )
        })
    };
    let slug = |s: &str| {
        Slug::parse(s).map_err(|why| {
            err(
                "this file name cannot be part of a web address".to_string(),
                &format!("rename it: {why}"),
            )
        })
    };
    let place = match (parts.len(), stem) {
        (1, "_index") => Place::Home,
        (1, _) => {
            return Err(err(
                "pages go into a section folder".into(),
                "move it into content/workshops, motifs, events, news or pages",
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
            return Err(err(
                "this file is too deep in its section folder".into(),
                "a page is content/<section>/<slug>.md, or content/<section>/<slug>/index.md with its photos beside it",
            ));
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
                Diagnostic::error(format!(
                    "this is the same page as {} (`{}` in `{}`)",
                    first.display(),
                    page.key,
                    page.lang
                ))
                .file(&page.file)
                .hint("keep one of the two files"),
            );
        }
    }
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

/// The diagnostic for a file a page names that is not there.
pub fn missing_file(target: &str, resolved: &str, known: &HashSet<&str>) -> (String, String) {
    let folder = resolved.rsplit_once('/').map_or("", |(d, _)| d);
    let siblings = known.iter().filter_map(|k| {
        let (d, name) = k.rsplit_once('/').unwrap_or(("", k));
        (d == folder).then_some(name)
    });
    let name = resolved.rsplit('/').next().unwrap_or(resolved);
    let hint = suggest(
        name,
        siblings,
        "put the file beside the page, or give its path from content/ starting with `/`",
    );
    (format!("the file `{target}` does not exist"), hint)
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
}
