//! The one place canting reads YAML (site.yaml and front matter).
//!
//! A [`Document`] remembers where its text sits in its file, so that every error, whether from the
//! YAML parser, from a wrong type or from a later check, points at the line a volunteer sees in
//! their editor.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, suggest};

pub struct Document {
    file: PathBuf,
    text: String,
    /// Line of the file on which `text` starts (1-based).
    first_line: usize,
    map: Mapping,
}

impl Document {
    pub fn parse(file: &Path, text: &str, first_line: usize) -> Result<Self, Diagnostic> {
        let value: Value = if text.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let line = e.location().map(|l| first_line + l.line() - 1);
                Diagnostic::error(format!("this YAML cannot be read: {}", strip_location(&e)))
                    .file(file)
                    .line(line)
                    .hint("check the indentation and put text that contains `:` or `#` in quotes")
            })?
        };
        let map = match value {
            Value::Mapping(map) => map,
            Value::Null => Mapping::new(),
            _ => {
                return Err(Diagnostic::error("expected `field: value` lines")
                    .file(file)
                    .line(Some(first_line))
                    .hint("each line should look like `title: Batik Sekar Arum`"));
            }
        };
        Ok(Document {
            file: file.to_path_buf(),
            text: text.to_string(),
            first_line,
            map,
        })
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().filter_map(Value::as_str)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// Line of a top-level `key:` in the file.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.text
            .lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|i| self.first_line + i)
    }

    /// Line on which `value` appears under `key` (a list item or nested field), else the key's line.
    pub fn line_of_value(&self, key: &str, value: &str) -> Option<usize> {
        let key_line = self.line_of(key)?;
        let start = key_line - self.first_line;
        let found = self
            .text
            .lines()
            .enumerate()
            .skip(start)
            .take_while(|(i, l)| *i == start || l.starts_with([' ', '\t', '-']))
            .find(|(_, l)| l.contains(value))
            .map(|(i, _)| self.first_line + i);
        found.or(Some(key_line))
    }

    /// A diagnostic about `key`, placed on its line.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message)
            .file(&self.file)
            .line(self.line_of(key).or(Some(self.first_line)))
            .field(key)
    }

    /// Warns about every key not in `known`, suggesting the closest known one.
    pub fn unknown_fields(&self, known: &[&str]) -> Vec<Diagnostic> {
        self.keys()
            .filter(|k| !known.contains(k))
            .map(|k| {
                let hint = suggest(
                    k,
                    known.iter().copied(),
                    &format!("if it is your own field, templates can use it as `extra.{k}`"),
                );
                Diagnostic::warning(format!("unknown field `{k}`"))
                    .file(&self.file)
                    .line(self.line_of(k))
                    .field(k)
                    .hint(hint)
            })
            .collect()
    }

    /// The fields named in `known`, read into `T`. Every field of the wrong type is reported on its
    /// own line, not only the first: a bad field is set aside and the rest read again.
    pub fn deserialize<T: DeserializeOwned>(&self, known: &[&str]) -> Result<T, Vec<Diagnostic>> {
        let mut subset: Mapping = self
            .map
            .iter()
            .filter(|(k, _)| k.as_str().is_some_and(|k| known.contains(&k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut errors = Vec::new();
        loop {
            let e = match serde_path_to_error::deserialize(Value::Mapping(subset.clone())) {
                Ok(value) if errors.is_empty() => return Ok(value),
                Ok(_) => {
                    errors.sort_by_key(|e: &Diagnostic| e.line);
                    return Err(errors);
                }
                Err(e) => e,
            };
            let path = e.path().to_string();
            let key = path
                .split(['.', '['])
                .next()
                .unwrap_or_default()
                .to_string();
            let message = explain(&e.inner().to_string());
            if key.is_empty() || key == "?" || subset.remove(key.as_str()).is_none() {
                errors.push(
                    Diagnostic::error(message)
                        .file(&self.file)
                        .line(Some(self.first_line)),
                );
                return Err(errors);
            }
            errors.push(
                self.error_at(&key, message)
                    .field(path)
                    .hint(hint_for(&e.inner().to_string())),
            );
        }
    }

    /// The values left over when the known fields are taken out: the site's own fields.
    pub fn extra(&self, known: &[&str]) -> Mapping {
        self.map
            .iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| known.contains(&k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// serde's messages speak of Rust types; a volunteer needs the YAML words.
fn explain(message: &str) -> String {
    message
        .replace(
            "expected u16",
            "expected a whole number (a year such as 2019)",
        )
        .replace("expected u32", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected i64", "expected a whole number")
        .replace("expected i32", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected `true` or `false`")
        .replace(
            "expected a sequence",
            "expected a list (lines starting with `- `)",
        )
        .replace("expected a string", "expected text")
}

fn hint_for(message: &str) -> &'static str {
    if message.contains("floating point") {
        "write whole numbers without dots or commas, such as 75000"
    } else if message.contains("expected a boolean") {
        "write `true` or `false`"
    } else if message.contains("expected a sequence") {
        "write a list as `[a, b]` or as lines starting with `- `"
    } else {
        "README.md lists every field with an example of its value"
    }
}

fn strip_location(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse(Path::new("a.md"), text, 2).expect("valid yaml")
    }

    #[test]
    fn lines_are_counted_in_the_file() {
        let d = doc("title: A\nmotifs:\n  - kawung\n  - parang\n");
        assert_eq!(d.line_of("title"), Some(2));
        assert_eq!(d.line_of("motifs"), Some(3));
        assert_eq!(d.line_of_value("motifs", "parang"), Some(5));
    }

    #[test]
    fn syntax_errors_point_at_the_file_line() {
        let err = Document::parse(Path::new("a.md"), "title: A\nsummary: [oops\n", 2)
            .err()
            .expect("broken yaml");
        assert!(err.line.is_some_and(|l| l >= 3), "{err}");
    }

    #[test]
    fn type_errors_name_the_field_and_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct F {
            founded: Option<u16>,
        }
        let d = doc("title: A\nfounded: long ago\n");
        let errs = d.deserialize::<F>(&["founded"]).expect_err("not a year");
        let err = &errs[0];
        assert_eq!(err.line, Some(3));
        assert_eq!(err.field.as_deref(), Some("founded"));
        assert!(err.message.contains("whole number"), "{}", err.message);
    }

    #[test]
    fn every_wrong_field_is_reported_not_only_the_first() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct F {
            founded: Option<u16>,
            classes: Option<bool>,
            price: Option<u64>,
        }
        let d = doc("founded: long ago\nclasses: maybe\nprice: 75.000\n");
        let errs = d
            .deserialize::<F>(&["founded", "classes", "price"])
            .expect_err("three wrong fields");
        let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        assert!(
            errs[2].hint.as_deref().is_some_and(|h| h.contains("75000")),
            "{:?}",
            errs[2]
        );
    }

    #[test]
    fn unknown_fields_are_warnings_with_a_suggestion() {
        let d = doc("title: A\nsumary: B\n");
        let w = d.unknown_fields(&["title", "summary"]);
        assert_eq!(w.len(), 1);
        assert!(!w[0].is_error());
        assert_eq!(w[0].hint.as_deref(), Some("did you mean `summary`?"));
    }
}
