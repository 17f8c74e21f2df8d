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

mod path;

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
    if let Some(mistake) = too_deep(text) {
        return Err(format!("{} ({})", mistake.why, mistake.line));
    }
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
        if let Some(mistake) = too_deep(text) {
            return Err(mistake.at(file, first_line));
        }
        let value: Value = if text.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(text)
                .map_err(|e| syntax(text, &e, first_line).at(file, first_line))?
        };
        if let Some(mistake) = stray_mark(text) {
            return Err(mistake.at(file, first_line));
        }
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

    /// Line of the value at `path` (`price_range.min`, `marketplace[1].url`, as serde writes
    /// paths): the line of the nested field itself where the text is in block style, else the
    /// line of the deepest part of the path found, else the first line of the text.
    pub fn line_of_path(&self, path: &str) -> usize {
        let lines: Vec<&str> = self.text.lines().collect();
        path::line_of(&lines, path).map_or(self.first_line, |i| self.first_line + i)
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
        // Each key's line found in one pass over the text: a file of a hundred thousand unknown
        // keys is reported in a moment, not searched once per key.
        let mut lines = std::collections::HashMap::new();
        for (i, l) in self.text.lines().enumerate() {
            if let Some((key, _)) = l.split_once(':')
                && !key.starts_with([' ', '\t', '-', '#'])
            {
                lines.entry(key.trim_end()).or_insert(self.first_line + i);
            }
        }
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
                    .line(lines.get(k).copied().or_else(|| self.line_of(k)))
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
                Diagnostic::error(message)
                    .file(&self.file)
                    .line(Some(self.line_of_path(&path)))
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

/// A mistake in the YAML text itself, in the volunteer's words: the line of the text where it is
/// (1-based, counted in the YAML text), what is wrong and what to do.
struct Mistake {
    line: usize,
    why: String,
    hint: String,
}

impl Mistake {
    fn new(line: usize, why: impl Into<String>, hint: impl Into<String>) -> Self {
        Mistake {
            line: line.max(1),
            why: why.into(),
            hint: hint.into(),
        }
    }

    /// The diagnostic, placed on the line of the file (`first_line` is where the text starts).
    fn at(self, file: &Path, first_line: usize) -> Diagnostic {
        Diagnostic::error(t!("yaml.cannot_read", why = self.why))
            .file(file)
            .line(Some(first_line + self.line - 1))
            .hint(self.hint)
    }
}

/// What libyaml says, taken apart: `PROBLEM at line L column C, CONTEXT at line L column C`.
struct Raw<'a> {
    problem: &'a str,
    at: Option<(usize, usize)>,
    context: &'a str,
    context_at: Option<(usize, usize)>,
}

impl<'a> Raw<'a> {
    fn parse(text: &'a str) -> Self {
        let (first, context) = match text.split_once(", while ") {
            Some((a, b)) => (a, b),
            None => (text, ""),
        };
        let (problem, at) = place(first);
        let (context, context_at) = place(context);
        Raw {
            problem,
            at,
            context,
            context_at,
        }
    }
}

/// `did not find expected key at line 3 column 5` → the words and (3, 5).
fn place(text: &str) -> (&str, Option<(usize, usize)>) {
    let Some((words, at)) = text.rsplit_once(" at line ") else {
        return (text, None);
    };
    let mut numbers = at.split(" column ").map(|n| n.trim().parse::<usize>());
    match (numbers.next(), numbers.next()) {
        (Some(Ok(line)), Some(Ok(column))) => (words, Some((line, column))),
        _ => (text, None),
    }
}

/// Line `n` (1-based) of `text`, or "".
fn nth_line(text: &str, n: usize) -> &str {
    text.lines().nth(n.wrapping_sub(1)).unwrap_or("")
}

/// The character at a line and column (both 1-based) of `text`.
fn char_at(text: &str, (line, column): (usize, usize)) -> Option<char> {
    nth_line(text, line).chars().nth(column.wrapping_sub(1))
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The non-blank, non-comment line before line `n`, with its number.
fn line_before(text: &str, n: usize) -> Option<(usize, &str)> {
    (1..n).rev().map(|i| (i, nth_line(text, i))).find(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// A character named in a message: `@`, or the backtick in words.
fn shown(c: char) -> String {
    if c == '`' {
        "`` ` ``".to_string()
    } else {
        format!("`{c}`")
    }
}

/// `key: value` of a line, as the hint would write it again with quotes around the value.
fn quoted_again(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let (dash, rest) = match trimmed.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", trimmed),
    };
    let (key, value) = rest.split_once(':')?;
    let value = value.trim();
    if key.trim().is_empty() || value.is_empty() {
        return None;
    }
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    Some(format!("{dash}{}: {quoted}", key.trim()))
}

/// Lists and groups in brackets nested deeper than any site needs. The YAML reader refuses
/// them anyway, but only after time that grows with the square of the depth (minutes for a
/// pasted bomb), so they are refused first, at the line where the limit is passed.
fn too_deep(text: &str) -> Option<Mistake> {
    const DEEPEST: usize = 64;
    let (mut depth, mut line) = (0usize, 1);
    let (mut single, mut double, mut escaped) = (false, false, false);
    // A quote opens a quoted text only where a value starts (`Jum'at` is plain text).
    let mut starts = true;
    for c in text.chars() {
        let at_start = std::mem::replace(&mut starts, " \t\n[{,:-".contains(c));
        match c {
            '\n' => line += 1,
            _ if escaped => escaped = false,
            '\\' if double => escaped = true,
            '"' if double || (!single && at_start) => double = !double,
            '\'' if single || (!double && at_start) => single = !single,
            '[' | '{' if !single && !double => {
                depth += 1;
                if depth > DEEPEST {
                    return Some(Mistake::new(
                        line,
                        t!("yaml.too_deep", most = DEEPEST),
                        t!("yaml.too_deep_hint"),
                    ));
                }
            }
            ']' | '}' if !single && !double => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A value that YAML reads in a way nobody meant and does not refuse: `&name` (an anchor, which
/// silently disappears from the value) or `!name` (a tag) at the start of a value.
fn stray_mark(text: &str) -> Option<Mistake> {
    text.lines().enumerate().find_map(|(i, line)| {
        let t = line.trim_start();
        if t.starts_with('#') {
            return None;
        }
        let value = match t.strip_prefix("- ") {
            Some(rest) => rest.split_once(": ").map_or(rest, |(_, v)| v),
            None => t.split_once(": ")?.1,
        };
        let c = value.trim_start().chars().next()?;
        let (why, example) = match c {
            '&' => (t!("yaml.why_anchor"), "&"),
            '!' => (t!("yaml.why_start_char", char = shown(c)), "!"),
            _ => return None,
        };
        let hint = quoted_again(line).map_or_else(
            || t!("yaml.hint_quote_value", example = example),
            |q| t!("yaml.hint_quote_value", example = q),
        );
        Some(Mistake::new(i + 1, why, hint))
    })
}

/// What the YAML reader found wrong, in the volunteer's language, on the line where the mistake
/// is (where a quote or a bracket opens, not where the reader gave up), with a hint that fits
/// that kind of mistake. A message the reader has that canting does not know gets a plain
/// sentence, and the reader's own words only as a marked detail in the hint.
fn syntax(text: &str, e: &serde_yaml::Error, first_line: usize) -> Mistake {
    // Lines named inside a message are lines of the file, like the diagnostic's own.
    let in_file = |l: usize| l + first_line - 1;
    let raw_text = e.to_string();
    let raw = Raw::parse(&raw_text);
    let line = raw
        .at
        .map(|(l, _)| l)
        .or_else(|| e.location().map(|l| l.line()))
        .unwrap_or(1);
    let context_line = raw.context_at.map_or(line, |(l, _)| l);

    if let Some(key) = raw_text.strip_prefix("duplicate entry with key ") {
        let key = key.trim_matches('"');
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                let t = l.trim_start().trim_start_matches("- ");
                t.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
                    || t.strip_prefix(&format!("\"{key}\""))
                        .or_else(|| t.strip_prefix(&format!("'{key}'")))
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i + 1)
            .collect();
        let (first, second) = match lines.as_slice() {
            [a, b, ..] => (*a, *b),
            [a] => (*a, *a),
            [] => (line, line),
        };
        return Mistake::new(
            second,
            t!("yaml.why_duplicate", name = key, line = in_file(first)),
            t!("yaml.hint_duplicate"),
        );
    }
    if raw_text.contains("more than one document") {
        let (i, marker) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.starts_with("---") || l.starts_with("..."))
            .map_or((line, "---"), |(i, l)| (i + 1, &l[..3]));
        return Mistake::new(
            i,
            t!("yaml.why_document", marker = marker),
            t!("yaml.hint_document"),
        );
    }

    let problem = raw.problem;
    let context = raw.context;
    let here = raw.at.and_then(|at| char_at(text, at));
    let opened = raw.context_at.and_then(|at| char_at(text, at));

    if problem == "found unknown escape character" {
        return Mistake::new(line, t!("yaml.why_escape"), t!("yaml.hint_escape"));
    }
    if context.starts_with("scanning a quoted scalar") {
        let quote = opened.filter(|c| *c == '\'').unwrap_or('"');
        return Mistake::new(
            context_line,
            t!(
                "yaml.why_quote",
                quote = shown(quote),
                line = in_file(context_line)
            ),
            t!("yaml.hint_quote", mark = shown(quote), quote = quote),
        );
    }
    if context.starts_with("parsing a flow sequence") {
        return Mistake::new(
            context_line,
            t!("yaml.why_list_end", line = in_file(context_line)),
            t!("yaml.hint_list_end"),
        );
    }
    if context.starts_with("parsing a flow mapping") {
        return Mistake::new(
            context_line,
            t!("yaml.why_group_end", line = in_file(context_line)),
            t!("yaml.hint_group_end"),
        );
    }
    if problem.contains("tab character") || (problem.contains("cannot start") && here == Some('\t'))
    {
        return Mistake::new(line, t!("yaml.why_tab"), t!("yaml.hint_tab"));
    }
    if problem == "unknown anchor"
        || context.starts_with("scanning an alias")
        || (problem.contains("cannot start") && here == Some('*'))
    {
        let l = if context.starts_with("scanning an alias") {
            context_line
        } else {
            line
        };
        return Mistake::new(l, t!("yaml.why_alias"), quote_hint(text, l, "*"));
    }
    if context.starts_with("scanning an anchor") {
        return Mistake::new(
            context_line,
            t!("yaml.why_anchor"),
            quote_hint(text, context_line, "&"),
        );
    }
    if problem == "found character that cannot start any token"
        && let Some(c) = here
    {
        return Mistake::new(
            line,
            t!("yaml.why_start_char", char = shown(c)),
            quote_hint(text, line, &c.to_string()),
        );
    }
    if context.starts_with("scanning a block scalar") {
        let c = opened.unwrap_or('|');
        return Mistake::new(
            context_line,
            t!("yaml.why_start_char", char = shown(c)),
            quote_hint(text, context_line, &c.to_string()),
        );
    }
    if problem == "could not find expected ':'" {
        return Mistake::new(
            context_line,
            t!("yaml.why_no_colon"),
            t!("yaml.hint_no_colon"),
        );
    }
    if problem == "did not find expected '-' indicator" {
        return Mistake::new(
            line,
            t!("yaml.why_dash", line = in_file(context_line)),
            t!("yaml.hint_dash"),
        );
    }
    if problem == "block sequence entries are not allowed in this context" {
        return Mistake::new(
            line,
            t!("yaml.why_list_after_value"),
            t!("yaml.hint_list_here"),
        );
    }
    if problem == "mapping values are not allowed in this context" {
        return colon(text, raw.at.unwrap_or((line, 1)));
    }
    if problem == "did not find expected key" {
        return no_key(text, raw.at.unwrap_or((line, 1)));
    }
    if problem == "found unexpected end of stream" {
        return Mistake::new(line, t!("yaml.why_end"), t!("yaml.hint_other"));
    }
    Mistake::new(
        line,
        t!("yaml.why_other"),
        format!(
            "{} {}",
            t!("yaml.hint_other"),
            t!("yaml.parser_said", text = raw_text)
        ),
    )
}

/// "put the whole value in quotes", with the volunteer's own line written again that way.
fn quote_hint(text: &str, line: usize, example: &str) -> String {
    let example = quoted_again(nth_line(text, line)).unwrap_or_else(|| example.to_string());
    t!("yaml.hint_quote_value", example = example).into_owned()
}

/// `mapping values are not allowed`: a `:` in a value, a line indented under a field that has a
/// value, or a line before it with no `:`.
fn colon(text: &str, (line, column): (usize, usize)) -> Mistake {
    let this = nth_line(text, line);
    let before: String = this.chars().take(column.saturating_sub(1)).collect();
    if before.contains(':') {
        return Mistake::new(line, t!("yaml.why_colon"), quote_hint(text, line, ": "));
    }
    if let Some((prev, prev_text)) = line_before(text, line) {
        if !prev_text.contains(':') && !prev_text.trim_start().starts_with('-') {
            return Mistake::new(prev, t!("yaml.why_no_colon"), t!("yaml.hint_no_colon"));
        }
        if indent_of(this) > indent_of(prev_text) {
            return Mistake::new(line, t!("yaml.why_indent_more"), t!("yaml.hint_indent"));
        }
    }
    Mistake::new(line, t!("yaml.why_colon"), quote_hint(text, line, ": "))
}

/// `did not find expected key`: text after a closing quote or bracket, a list item where a field
/// should be, or a line that does not line up with the fields around it.
fn no_key(text: &str, (line, column): (usize, usize)) -> Mistake {
    let this = nth_line(text, line);
    let before: String = this.chars().take(column.saturating_sub(1)).collect();
    let before = before.trim_end();
    if before.ends_with(['"', '\'']) && before.contains(':') {
        return Mistake::new(
            line,
            t!("yaml.why_after_quote"),
            quote_hint(text, line, "\""),
        );
    }
    if before.ends_with([']', '}']) && before.contains(':') {
        let c = before.chars().last().unwrap_or(']');
        return Mistake::new(
            line,
            t!("yaml.why_after_bracket", char = shown(c)),
            quote_hint(text, line, &c.to_string()),
        );
    }
    if before.is_empty() && (this.trim_start().starts_with("- ") || this.trim() == "-") {
        return Mistake::new(line, t!("yaml.why_list_here"), t!("yaml.hint_list_here"));
    }
    if before.is_empty() {
        return Mistake::new(line, t!("yaml.why_indent"), t!("yaml.hint_indent"));
    }
    Mistake::new(
        line,
        t!("yaml.why_other"),
        format!(
            "{} {}",
            t!("yaml.hint_other"),
            t!("yaml.parser_said", text = "did not find expected key")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse(Path::new("a.md"), text, 2).expect("valid yaml")
    }

    #[test]
    fn brackets_nested_too_deep_are_refused_at_once() {
        let bomb = format!(
            "a: 1\ntitle: {}x{}\n",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        let started = std::time::Instant::now();
        let e = Document::parse(Path::new("a.md"), &bomb, 2)
            .err()
            .expect("refused");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("64"), "{}", e.message);
        // Brackets in quoted text, and quotes inside words, are not nesting.
        let fine = format!(
            "a: \"{}\"\nb: '{}'\nc: Jum'at [x]\n",
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(Document::parse(Path::new("a.md"), &fine, 1).is_ok());
        assert!(from_str::<Value>(&bomb).is_err());
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
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("never closed with `]`"), "{err}");
    }

    /// The diagnostic for front matter `text` starting on line 2 of its file.
    fn mistake(text: &str) -> Diagnostic {
        Document::parse(Path::new("a.md"), text, 2)
            .err()
            .unwrap_or_else(|| panic!("{text:?} should not be read"))
    }

    #[test]
    fn each_kind_of_yaml_mistake_has_its_own_sentence_line_and_hint() {
        // (front matter, line of the file, words of the message, words of the hint)
        let cases = [
            (
                "title: A\nsummary: \"Batik tulis\ndate: 2026-01-01\ncover: a.jpg\nx: y\n",
                3,
                "the quote `\"` that opens on line 3 is never closed",
                "second `\"`",
            ),
            (
                "title: A\nsummary: 'Batik\ndate: 1\n",
                3,
                "the quote `'` that opens on line 3",
                "second `'`",
            ),
            (
                "title: A\nmotifs: [kawung, parang\ndate: 1\n",
                3,
                "opens with `[` on line 3",
                "`]`",
            ),
            (
                "title: A\nlocation: {lat: 1, lon: 2\ndate: 1\n",
                3,
                "opens with `{` on line 3",
                "`}`",
            ),
            ("title: A\nmotifs:\n\t- kawung\n", 4, "tab", "spaces"),
            (
                "title: A\nprice_range:\n  min: 1\n\tmax: 2\n",
                5,
                "tab",
                "spaces",
            ),
            (
                "title: Batik: Sekar Arum\n",
                2,
                "contains `: `",
                "`title: \"Batik: Sekar Arum\"`",
            ),
            (
                "title: A\n  summary: B\n",
                3,
                "indented further",
                "same column",
            ),
            (
                "price_range:\n    min: 1\n  max: 2\n",
                4,
                "does not line up",
                "same column",
            ),
            ("title A\nsummary: B\n", 2, "no `:`", "`name: value`"),
            (
                "title: A\ndate: 2026-01-01\n\nIsi halaman ini.\n\n",
                5,
                "no `:`",
                "`---`",
            ),
            (
                "title: A\nmotifs: kawung\n- parang\n",
                4,
                "list item",
                "`motifs:`",
            ),
            ("title: A\nmotifs: - kawung\n", 3, "same line", "`motifs:`"),
            (
                "motifs:\n  - kawung\n  nama: x\n",
                4,
                "inside the list that starts on line 3",
                "`- `",
            ),
            (
                "title: A\ntitle: B\n",
                3,
                "`title` is written twice (first on line 2)",
                "delete",
            ),
            (
                "title: *Batik*\n",
                2,
                "start with `*`",
                "`title: \"*Batik*\"`",
            ),
            (
                "title: &Batik Sekar\n",
                2,
                "start with `&`",
                "`title: \"&Batik Sekar\"`",
            ),
            ("title: A\nsummary: & x\n", 3, "start with `&`", "quotes"),
            (
                "instagram: @batikblitar\n",
                2,
                "start with `@`",
                "`instagram: \"@batikblitar\"`",
            ),
            ("title: `Batik`\n", 2, "start with `` ` ``", "quotes"),
            ("title: A\nsummary: > x\n", 3, "start with `>`", "quotes"),
            ("title: !penting Batik\n", 2, "start with `!`", "quotes"),
            (
                "title: \"Batik\" Sekar\n",
                2,
                "after the closing quote",
                "quotes",
            ),
            (
                "title: [Batik] Sekar\n",
                2,
                "after the closing `]`",
                "quotes",
            ),
            ("title: \"C:\\kain\"\n", 2, "`\\`", "single quotes"),
            ("title: A\n...\ndate: 1\n", 3, "the line `...`", "delete"),
        ];
        for (text, line, message, hint) in cases {
            let d = mistake(text);
            assert_eq!(d.line, Some(line), "{text:?}: {d}");
            assert!(d.message.contains(message), "{text:?}: {d}");
            let h = d.hint.as_deref().unwrap_or_default();
            assert!(h.contains(hint), "{text:?}: {d}");
            assert!(
                !h.contains("indentation") || message.contains("line up"),
                "{d}"
            );
            for english in ["while scanning", "did not find", "not allowed", "violates"] {
                assert!(!d.message.contains(english), "{text:?}: {d}");
            }
        }
    }

    #[test]
    fn unknown_reader_messages_keep_the_english_out_of_the_sentence() {
        let deep: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let d = mistake(&deep);
        assert!(d.message.contains("cannot make sense"), "{d}");
        assert!(!d.message.contains("recursion"), "{d}");
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("Technical detail")),
            "{d}"
        );
    }

    #[test]
    fn reader_messages_are_taken_apart() {
        let raw = Raw::parse(
            "found unexpected end of stream at line 6 column 1, while scanning a quoted scalar at line 2 column 10",
        );
        assert_eq!(raw.problem, "found unexpected end of stream");
        assert_eq!(raw.at, Some((6, 1)));
        assert_eq!(raw.context, "scanning a quoted scalar");
        assert_eq!(raw.context_at, Some((2, 10)));
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
