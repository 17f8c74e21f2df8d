//! canting: a static site generator for batik promotion catalogues.
//!
//! A build runs one way: **load → parse → validate → link → render → write**. The modules are
//! declared below in that order, and each one imports only modules declared before it (a test,
//! `layers`, holds every module to that):
//!
//! - foundations that know nothing of a site: `diagnostic` (problems as values), `escape`,
//!   `folders` (the site's file and folder names), `yaml` (the only YAML reader), `messages`
//!   (the language of canting's own messages), `contact` (phone numbers, URLs, e-mail) and
//!   `output` (the staging folder that is swapped in for `public/`);
//! - the typed catalogue: `model`, `markdown` (pulldown-cmark with a link-rewriting hook) and
//!   `schema` (the content model's fields, described once: every field list is derived from it);
//! - **load, parse, validate**: `config` (`site.yaml`), `images` (the photo pipeline, which knows
//!   nothing of pages), `share` (share cards and icons drawn from SVG), `content` (walk `content/`, parse and check each file), `i18n` and `theme`;
//! - **link**: `site` (translations, references and back-links, taxonomies, URLs);
//! - **render**: the promotion outputs `seo`, `calendar`, `feeds`, `qr`, `opendata` and `search`
//!   (the search index and the listings' filter data; pure functions of the linked site), `editor` (the browser editor at `/admin/`, from `schema`), then
//!   `render` (Tera, every HTML file, in parallel);
//! - **write**: `build` runs the stages, writes into the staging folder and swaps it in;
//! - the volunteers' tools on top: `report` (diagnostics as text), `check`, `scaffold`, `serve`.
//!
//! `ARCHITECTURE.md` at the repository's root is the map for a newcomer.

rust_i18n::i18n!("src/messages", fallback = "en");

pub mod timing;
pub mod diagnostic;
pub mod escape;
pub mod folders;
pub mod yaml;
pub mod messages;
pub mod contact;
pub mod output;
pub mod model;
pub mod markdown;
pub mod schema;
pub mod config;
pub mod images;
pub mod share;
pub mod content;
pub mod i18n;
pub mod theme;
pub mod site;
pub mod seo;
pub mod calendar;
pub mod feeds;
pub mod qr;
pub mod opendata;
pub mod search;
pub mod editor;
pub mod render;
pub mod build;
pub mod report;
pub mod check;
pub mod scaffold;
pub mod serve;

#[cfg(test)]
mod layers {
    //! Imports run one way: a module uses only modules declared before it in `lib.rs`.
    //! Test code is left out: a test may build a whole site to check one function.

    use std::path::Path;

    /// The modules in the order `lib.rs` declares them.
    fn declared() -> Vec<String> {
        let lib = include_str!("lib.rs");
        lib.lines()
            .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
            .map(String::from)
            .collect()
    }

    /// The modules `text` names as `crate::x`, in `use crate::{x, y}` groups too.
    fn imports(text: &str) -> Vec<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        let mut found = Vec::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        }
        found
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn modules_import_only_modules_declared_before_them() {
        let order = declared();
        assert!(
            order.len() > 20,
            "lib.rs declares its modules with `pub mod`"
        );
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        files(&src, &mut all);
        let mut wrong = Vec::new();
        for path in all {
            let rel = path.strip_prefix(&src).expect("under src");
            let top = rel
                .iter()
                .next()
                .and_then(|c| c.to_str())
                .unwrap_or_default();
            let module = top.trim_end_matches(".rs");
            // The binary (main.rs, cli, cmd) sits on top of the library; lib.rs declares it all.
            let Some(rank) = order.iter().position(|m| m == module) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).expect("readable");
            for import in imports(&text) {
                match order.iter().position(|m| *m == import) {
                    Some(other) if other < rank || import == module => {}
                    _ => wrong.push(format!("{} uses crate::{import}", rel.display())),
                }
            }
        }
        wrong.sort();
        wrong.dedup();
        assert!(
            wrong.is_empty(),
            "imports that run up the pipeline:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn an_import_of_a_later_module_is_caught() {
        assert_eq!(
            imports("use crate::{site::Site, model};\nx(crate::render::y)"),
            ["site", "model", "render"]
        );
        assert!(imports("#[cfg(test)]\nuse crate::build;").is_empty());
    }
}
