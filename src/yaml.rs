//! The one place canting reads YAML (site.yaml and front matter).
//!
//! A [`Document`] remembers where its text sits in its file, so that every error, whether from the
//! YAML parser, from a wrong type or from a later check, points at the line a volunteer sees in
//! their editor.

use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, suggest};

/// Any YAML scalar read as the text it shows, so `whatsapp: 081234` or `start: 2026` is not a
/// type error for a volunteer who left out the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Scalar(s)),
            Value::Number(n) => Ok(Scalar(n.to_string())),
            Value::Bool(b) => Ok(Scalar(b.to_string())),
            other => {
                let found = if other.is_sequence() {
                    t!("yaml.found_list")
                } else {
                    t!("yaml.found_group")
                };
                Err(serde::de::Error::custom(t!(
                    "yaml.invalid_type",
                    expected = t!("content.single_value"),
                    found = found
                )))
            }
        }
    }
}

/// One top-level value of a document, as the theme's UI strings use them.
pub enum Entry<'a> {
    /// A text (`home: Beranda`).
    Text(&'a str),
    /// A list of texts (`months: [Januari, …]`); items that are not text are left out.
    List(Vec<&'a str>),
    /// Anything else: a number, a group, an empty value.
    Other,
}

/// Reads a whole YAML text into `T`, for files with no line-by-line reporting of their own.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// A YAML document read from a file, that knows where its text sits in that file.
pub struct Document {
    file: PathBuf,
    text: String,
    /// Line of the file on which `text` starts (1-based).
    first_line: usize,
    map: Mapping,
}

impl Document {
    /// Reads `text`, which starts on line `first_line` of `file`, as a mapping of fields; an empty text
    /// is an empty mapping, and anything else that is not a mapping is an error.
    pub fn parse(file: &Path, text: &str, first_line: usize) -> Result<Self, Diagnostic> {
        // Windows Notepad starts files with a byte-order mark; YAML would take it for a document.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = if text.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let line = e.location().map(|l| first_line + l.line() - 1);
                Diagnostic::error(t!("yaml.cannot_read", why = syntax_reason(&e)))
                    .file(file)
                    .line(line)
                    .hint(t!("yaml.cannot_read_hint"))
            })?
        };
        let map = match value {
            Value::Mapping(map) => map,
            Value::Null => Mapping::new(),
            _ => {
                return Err(Diagnostic::error(t!("yaml.not_fields"))
                    .file(file)
                    .line(Some(first_line))
                    .hint(t!("yaml.not_fields_hint")));
            }
        };
        Ok(Document {
            file: file.to_path_buf(),
            text: text.to_string(),
            first_line,
            map,
        })
    }

    /// The file the text came from, for messages.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The top-level keys that are strings, in the order of the file.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().filter_map(Value::as_str)
    }

    /// The top-level values, in the order of the file.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Entry<'_>)> {
        self.map.iter().filter_map(|(k, v)| {
            let entry = match v {
                Value::String(s) => Entry::Text(s),
                Value::Sequence(items) => {
                    Entry::List(items.iter().filter_map(Value::as_str).collect())
                }
                _ => Entry::Other,
            };
            Some((k.as_str()?, entry))
        })
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
                    &t!("yaml.unknown_field_hint", name = k),
                );
                Diagnostic::warning(t!("yaml.unknown_field", name = k))
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

    /// The values left over when the known fields are taken out: the site's own fields, as JSON
    /// for templates.
    pub fn extra(&self, known: &[&str]) -> serde_json::Value {
        let extra: Mapping = self
            .map
            .iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| known.contains(&k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        serde_json::to_value(extra).unwrap_or_default()
    }
}

/// serde's messages speak of Rust types, in English; a volunteer needs the YAML words, in their
/// language. The usual messages are said again in full; any other is kept as it is.
fn explain(message: &str) -> String {
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        let found = found_words(found);
        let expected = expected_words(expected);
        return if message.starts_with("invalid type") {
            t!("yaml.invalid_type", expected = expected, found = found)
        } else {
            t!("yaml.invalid_value", expected = expected, found = found)
        }
        .into_owned();
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return t!("yaml.missing_field", name = rest.trim_matches('`')).into_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = backticked(rest).next().unwrap_or(rest);
        return t!("yaml.unknown_field", name = name).into_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let mut names = backticked(rest);
        let value = names.next().unwrap_or(rest);
        let choices: Vec<String> = names.map(|n| format!("`{n}`")).collect();
        return t!(
            "yaml.unknown_choice",
            value = value,
            choices = choices.join(", ")
        )
        .into_owned();
    }
    message.to_string()
}

/// The texts between backticks: `` unknown variant `a`, expected `b` or `c` `` → a, b, c.
fn backticked(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// serde's `string "dulu"`, `integer `5``, `sequence`… as a volunteer would say it.
fn found_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches(['`', '"']).to_string())
    };
    if let Some(v) = quoted("string ") {
        t!("yaml.found_text", value = v).into_owned()
    } else if let Some(v) = quoted("integer ") {
        t!("yaml.found_number", value = v).into_owned()
    } else if let Some(v) = quoted("floating point ") {
        t!("yaml.found_decimal", value = v).into_owned()
    } else if let Some(v) = quoted("boolean ") {
        format!("`{v}`")
    } else {
        match found {
            "sequence" => t!("yaml.found_list").into_owned(),
            "map" => t!("yaml.found_group").into_owned(),
            "unit value" | "null" => t!("yaml.found_empty").into_owned(),
            other => other.to_string(),
        }
    }
}

/// serde's `i32`, `a boolean`, `struct PriceFields`… as a volunteer would say it.
fn expected_words(expected: &str) -> String {
    match expected {
        "u16" => t!("yaml.expected_year"),
        "u8" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => t!("yaml.expected_whole"),
        "f32" | "f64" => t!("yaml.expected_number"),
        "a boolean" => t!("yaml.expected_boolean"),
        "a sequence" => t!("yaml.expected_list"),
        "a string" | "a character" => t!("yaml.expected_text"),
        "a map" => t!("yaml.expected_group"),
        other if other.starts_with("struct ") => t!("yaml.expected_group"),
        other => return other.to_string(),
    }
    .into_owned()
}

fn hint_for(message: &str) -> String {
    if message.contains("floating point") {
        t!("yaml.hint_whole_number")
    } else if message.contains("expected a boolean") {
        t!("yaml.hint_boolean")
    } else if message.contains("expected a sequence") {
        t!("yaml.hint_list")
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        t!("yaml.hint_missing_field", name = rest.trim_matches('`'))
    } else {
        t!("yaml.hint_readme")
    }
    .into_owned()
}

/// What the YAML reader found wrong, without its "at line 3 column 7" (the diagnostic has the
/// line), in the volunteer's language for the usual mistakes.
fn syntax_reason(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    if text.contains("while scanning a quoted scalar") {
        return t!("yaml.why_quote").into_owned();
    }
    if let Some(key) = text.strip_prefix("duplicate entry with key ") {
        return t!("yaml.why_duplicate", name = key.trim_matches('"')).into_owned();
    }
    let problem = match text.find(" at line ") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    match problem {
        "mapping values are not allowed in this context" => t!("yaml.why_colon"),
        "did not find expected ',' or ']'" => t!("yaml.why_list_end"),
        "did not find expected ',' or '}'" => t!("yaml.why_group_end"),
        "did not find expected key" => t!("yaml.why_key"),
        "could not find expected ':'" => t!("yaml.why_no_colon"),
        "did not find expected '-' indicator" => t!("yaml.why_dash"),
        "found character that cannot start any token" => t!("yaml.why_token"),
        "found unexpected end of stream" => t!("yaml.why_end"),
        "block sequence entries are not allowed in this context" => t!("yaml.why_list_here"),
        other => return other.to_string(),
    }
    .into_owned()
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
        assert!(
            err.message.contains("did not find expected ',' or ']'"),
            "{err}"
        );
    }

    #[test]
    fn serde_messages_become_sentences_in_both_languages() {
        assert_eq!(
            explain("invalid type: string \"dulu sekali\", expected i32"),
            "this must be a whole number, not the text `dulu sekali`"
        );
        assert_eq!(
            explain("invalid type: floating point `75.0`, expected u64"),
            "this must be a whole number, not a number with a decimal point (75.0)"
        );
        assert_eq!(
            explain("invalid type: string \"a\", expected a sequence"),
            "this must be a list (lines starting with `- `), not the text `a`"
        );
        assert_eq!(explain("missing field `max`"), "the field `max` is missing");
        assert_eq!(
            explain("unknown variant `bulan`, expected one of `a`, `b`"),
            "`bulan` is not one of the choices: `a`, `b`"
        );
        assert_eq!(explain("something else"), "something else");
        assert_eq!(
            t!(
                "yaml.invalid_type",
                locale = "id",
                expected = t!("yaml.expected_whole", locale = "id"),
                found = t!("yaml.found_text", locale = "id", value = "dulu sekali")
            ),
            "isian ini harus bilangan bulat, bukan teks `dulu sekali`"
        );
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
