//! UI strings of the theme per language, and dates and money written the way each language does.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Timelike};
use rust_i18n::t;

use crate::diagnostic::Diagnostic;
use crate::model::When;
use crate::yaml::{Document, Entry};

/// One language's words for the theme, from `themes/<theme>/i18n/<lang>.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    words: BTreeMap<String, String>,
    /// `months`, `weekdays` (Monday first) and any other list a theme wants.
    lists: BTreeMap<String, Vec<String>>,
    /// `.` in Indonesian (09.00), `:` in English (09:00).
    time_separator: String,
}

impl Strings {
    /// Reads a theme's strings file: text values are words, lists are lists, and `months` must list
    /// twelve names.
    pub fn parse(file: &Path, text: &str) -> Result<Strings, Diagnostic> {
        let doc = Document::parse(file, text, 1)?;
        let mut strings = Strings {
            time_separator: ":".into(),
            ..Strings::default()
        };
        for (key, entry) in doc.entries() {
            match entry {
                Entry::Text(s) if key == "time_separator" => strings.time_separator = s.into(),
                Entry::Text(s) => {
                    strings.words.insert(key.into(), s.into());
                }
                Entry::List(items) => {
                    let items = items.into_iter().map(String::from).collect();
                    strings.lists.insert(key.into(), items);
                }
                Entry::Other => {}
            }
        }
        if strings.list("months").len() != 12 {
            return Err(doc
                .error_at("months", t!("theme.months"))
                .hint(t!("theme.months_hint")));
        }
        Ok(strings)
    }

    /// Adds the words and lists of `other` that this language lacks, so that a partial translation
    /// still renders.
    pub fn fill_from(&mut self, other: &Strings) {
        for (k, v) in &other.words {
            self.words.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &other.lists {
            self.lists.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// The word for `key`; the key itself when the theme has none, so a missing string shows on the page.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// A technique's name for visitors (`tulis` → "Batik tulis"), from the theme's
    /// `technique_<name>` string.
    pub fn technique(&self, name: &str) -> String {
        self.get(&format!("technique_{name}")).to_string()
    }

    /// Every word by its key, lists left out.
    pub fn words(&self) -> &BTreeMap<String, String> {
        &self.words
    }

    /// The list for `key` (`months`, `weekdays`…); empty when the theme has none.
    pub fn list(&self, key: &str) -> &[String] {
        self.lists.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every word and list, as templates see them under `t`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (k, v) in &self.words {
            map.insert(k.clone(), v.clone().into());
        }
        for (k, v) in &self.lists {
            map.insert(k.clone(), v.clone().into());
        }
        serde_json::Value::Object(map)
    }

    /// The name of month `m`, 1 to 12; empty outside that.
    pub fn month(&self, m: u32) -> &str {
        self.list("months")
            .get((m as usize).wrapping_sub(1))
            .map_or("", String::as_str)
    }

    /// `5 Desember 2026`
    pub fn date(&self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.month(d.month()), d.year())
    }

    /// `5–7 Desember 2026`, `30 November – 2 Desember 2026`, `30 Desember 2026 – 2 Januari 2027`.
    pub fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String {
        if end <= start {
            return self.date(start);
        }
        if start.year() != end.year() {
            format!("{} – {}", self.date(start), self.date(end))
        } else if start.month() != end.month() {
            format!(
                "{} {} – {}",
                start.day(),
                self.month(start.month()),
                self.date(end)
            )
        } else {
            format!(
                "{}–{} {} {}",
                start.day(),
                end.day(),
                self.month(end.month()),
                end.year()
            )
        }
    }

    /// `09.00` or `09:00` with the language's separator; `None` for a whole day.
    pub fn time(&self, w: When) -> Option<String> {
        match w {
            When::Day(_) => None,
            When::At(t, _) => Some(format!(
                "{:02}{}{:02}",
                t.hour(),
                self.time_separator,
                t.minute()
            )),
        }
    }

    /// An event's dates and, when it has them, times: `5–7 Desember 2026, 09.00`; an end time on
    /// the same day `5 Desember 2026, 09.00–16.00`; on another day `5 Desember 2026, 09.00 –
    /// 7 Desember 2026, 16.00`.
    pub fn when(&self, start: When, end: Option<When>) -> String {
        let days = self.date_range(start.date(), end.map_or(start.date(), When::date));
        let end_time = end.and_then(|e| self.time(e).map(|t| (e.date(), t)));
        match (self.time(start), end_time) {
            (Some(a), Some((day, b))) if day == start.date() => format!("{days}, {a}–{b}"),
            (Some(a), Some((day, b))) if day > start.date() => {
                format!("{}, {a} – {}, {b}", self.date(start.date()), self.date(day))
            }
            (None, Some((day, b))) if day > start.date() => {
                format!("{} – {}, {b}", self.date(start.date()), self.date(day))
            }
            (Some(a), _) => format!("{days}, {a}"),
            _ => days,
        }
    }
}

/// `Rp 150.000`: rupiah with dots between thousands, as Indonesians write it in both languages.
pub fn rupiah(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    out.push_str("Rp ");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(months: &str, sep: &str) -> Strings {
        Strings::parse(
            Path::new("t.yaml"),
            &format!("months: [{months}]\ntime_separator: \"{sep}\"\n"),
        )
        .expect("valid strings")
    }

    fn id() -> Strings {
        strings(
            "Januari, Februari, Maret, April, Mei, Juni, Juli, Agustus, September, Oktober, November, Desember",
            ".",
        )
    }

    fn en() -> Strings {
        strings(
            "January, February, March, April, May, June, July, August, September, October, November, December",
            ":",
        )
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn date_ranges_in_each_language() {
        assert_eq!(
            id().date_range(d(2026, 12, 5), d(2026, 12, 7)),
            "5–7 Desember 2026"
        );
        assert_eq!(
            en().date_range(d(2026, 12, 5), d(2026, 12, 7)),
            "5–7 December 2026"
        );
        assert_eq!(
            id().date_range(d(2026, 11, 30), d(2026, 12, 2)),
            "30 November – 2 Desember 2026"
        );
        assert_eq!(
            en().date_range(d(2026, 12, 30), d(2027, 1, 2)),
            "30 December 2026 – 2 January 2027"
        );
        assert_eq!(
            id().date_range(d(2026, 12, 5), d(2026, 12, 5)),
            "5 Desember 2026"
        );
    }

    #[test]
    fn times_follow_the_language() {
        let start = When::At(d(2026, 12, 5).and_hms_opt(9, 0, 0).expect("time"), None);
        assert_eq!(id().when(start, None), "5 Desember 2026, 09.00");
        assert_eq!(en().when(start, None), "5 December 2026, 09:00");
    }

    #[test]
    fn end_times_are_shown_on_the_same_day_and_on_another() {
        let at = |day, h| When::At(d(2026, 12, day).and_hms_opt(h, 0, 0).expect("time"), None);
        assert_eq!(
            id().when(at(5, 9), Some(at(5, 16))),
            "5 Desember 2026, 09.00–16.00"
        );
        assert_eq!(
            en().when(at(5, 9), Some(at(5, 16))),
            "5 December 2026, 09:00–16:00"
        );
        assert_eq!(
            id().when(at(5, 9), Some(at(7, 16))),
            "5 Desember 2026, 09.00 – 7 Desember 2026, 16.00"
        );
        assert_eq!(
            en().when(at(5, 9), Some(at(7, 16))),
            "5 December 2026, 09:00 – 7 December 2026, 16:00"
        );
        assert_eq!(
            en().when(at(5, 9), Some(When::Day(d(2026, 12, 7)))),
            "5–7 December 2026, 09:00"
        );
    }

    #[test]
    fn rupiah_has_thousands_dots() {
        assert_eq!(rupiah(150_000), "Rp 150.000");
        assert_eq!(rupiah(2_500_000), "Rp 2.500.000");
        assert_eq!(rupiah(500), "Rp 500");
    }

    #[test]
    fn twelve_months_are_required() {
        assert!(Strings::parse(Path::new("t.yaml"), "months: [Jan]\n").is_err());
    }
}
