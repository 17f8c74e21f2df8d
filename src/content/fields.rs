//! Checks of single front-matter values, each turning a volunteer's text into a typed value or a
//! diagnostic on the line it came from.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_i18n::t;

use super::parse::Parsed;
use crate::contact::{self, Phone};
use crate::diagnostic::{Diagnostic, suggest};
use crate::model::{AssetPath, Location, PageKey, Photo, Section, Slug, When};
use crate::yaml::Document;

pub(crate) struct Checker<'a> {
    doc: &'a Document,
    dir: &'a str,
    known: &'a HashSet<&'a str>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(doc: &'a Document, dir: &'a str, known: &'a HashSet<&'a str>) -> Self {
        Checker {
            doc,
            dir,
            known,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(crate) fn finish(
        self,
        parsed: Parsed,
    ) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
        if self.errors.is_empty() {
            Ok((parsed, self.warnings))
        } else {
            let mut all = self.errors;
            all.extend(self.warnings);
            Err(all)
        }
    }

    fn fail(
        &mut self,
        field: &str,
        value: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors.push(
            Diagnostic::error(message)
                .file(self.doc.file())
                .line(self.doc.line_of_value(field, value))
                .field(field)
                .hint(hint),
        );
    }

    pub(crate) fn date(&mut self, field: &str, text: &str) -> Option<NaiveDate> {
        self.when(field, text).map(When::date)
    }

    /// `2026-12-05`, `2026-12-05T09:00` or `2026-12-05T09:00+07:00`.
    pub(crate) fn when(&mut self, field: &str, text: &str) -> Option<When> {
        match parse_when(text) {
            Ok(w) => Some(w),
            Err(why) => {
                self.fail(field, text, why, t!("fields.date_hint"));
                None
            }
        }
    }

    pub(crate) fn phone(&mut self, field: &str, text: &str) -> Option<Phone> {
        match Phone::parse(text) {
            Ok(p) => Some(p),
            Err(why) => {
                // A WhatsApp button that leads nowhere is the worst thing a catalogue can publish.
                let hint = if field == "phone" {
                    t!("fields.phone_hint")
                } else {
                    t!("fields.whatsapp_hint")
                };
                self.fail(
                    field,
                    text,
                    t!("fields.phone", number = text, why = why),
                    hint,
                );
                None
            }
        }
    }

    pub(crate) fn email(&mut self, field: &str, text: &str) -> Option<String> {
        contact::check_email(text)
            .map_err(|why| self.fail(field, text, t!("fields.email", value = text), why))
            .ok()
    }

    pub(crate) fn url(&mut self, field: &str, text: &str) -> Option<String> {
        contact::check_url(text)
            .map_err(|why| self.fail(field, text, t!("fields.url", value = text), why))
            .ok()
    }

    pub(crate) fn location(&mut self, field: &str, lat: f64, lon: f64) -> Option<Location> {
        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
            Some(Location { lat, lon })
        } else {
            // The line of whichever number is out of range, not of `location:`.
            let wrong = if (-90.0..=90.0).contains(&lat) {
                "lon"
            } else {
                "lat"
            };
            self.errors.push(
                Diagnostic::error(t!("fields.location", lat = lat, lon = lon))
                    .file(self.doc.file())
                    .line(Some(self.doc.line_of_path(&format!("{field}.{wrong}"))))
                    .field(field)
                    .hint(t!("fields.location_hint")),
            );
            None
        }
    }

    pub(crate) fn year(&mut self, field: &str, year: i32) -> Option<i32> {
        if (1000..=2100).contains(&year) {
            Some(year)
        } else {
            self.fail(
                field,
                &year.to_string(),
                t!("fields.year", year = year),
                t!("fields.year_hint"),
            );
            None
        }
    }

    /// Values from a fixed list (`techniques`, `dyes`), each typo named with its closest choice.
    pub(crate) fn choices<T: Copy + PartialEq>(
        &mut self,
        field: &str,
        values: &[String],
        all: &[(&'static str, T)],
    ) -> Vec<T> {
        let mut out = Vec::new();
        for v in values {
            let v = v.trim();
            match all.iter().find(|(name, _)| name.eq_ignore_ascii_case(v)) {
                Some((_, t)) if !out.contains(t) => out.push(*t),
                Some(_) => {}
                None => {
                    let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
                    let hint = suggest(
                        v,
                        names.iter().copied(),
                        &t!("fields.choose_from", choices = names.join(", ")),
                    );
                    self.fail(
                        field,
                        v,
                        t!("fields.not_one_of", value = v, field = field),
                        hint,
                    );
                }
            }
        }
        out
    }

    /// Slugs of other pages; whether they exist is checked when the site is linked. A page
    /// kept as a folder may be named `<slug>/index`, as Decap CMS's relation widget writes it.
    pub(crate) fn slugs(&mut self, field: &str, values: &[String]) -> Vec<Slug> {
        values
            .iter()
            .map(|v| v.trim())
            .map(|v| v.strip_suffix("/index").unwrap_or(v))
            .filter_map(|v| match Slug::parse(v) {
                Ok(s) => Some(s),
                Err(why) => {
                    self.fail(field, v, why, t!("fields.slug_hint"));
                    None
                }
            })
            .collect()
    }

    /// `workshops/<slug>` or `motifs/<slug>`.
    pub(crate) fn reference(&mut self, field: &str, text: &str) -> Option<PageKey> {
        let text = text.trim().trim_matches('/');
        let parsed = text.split_once('/').and_then(|(section, slug)| {
            let section = Section::from_folder(section).ok()?;
            let slug = Slug::parse(slug).ok()?;
            Some(PageKey { section, slug })
        });
        if parsed.is_none() {
            self.fail(
                field,
                text,
                t!("fields.not_reference", value = text),
                t!("fields.reference_hint"),
            );
        }
        parsed
    }

    /// A photo the page names, which must exist under `content/`.
    pub(crate) fn photo(&mut self, field: &str, target: &str) -> Option<Photo> {
        let path = self.asset(field, target)?;
        let path = AssetPath(path);
        if !path.is_photo() {
            self.fail(
                field,
                target,
                t!("fields.not_photo", value = target),
                t!("fields.not_photo_hint"),
            );
            return None;
        }
        Some(Photo { path })
    }

    fn asset(&mut self, field: &str, target: &str) -> Option<String> {
        let Some(resolved) = super::resolve(self.dir, target.trim()) else {
            self.fail(
                field,
                target,
                t!("fields.outside", value = target),
                t!("fields.outside_hint"),
            );
            return None;
        };
        if self.known.contains(resolved.as_str()) {
            Some(resolved)
        } else {
            let (message, hint) = super::missing_file(target, &resolved, self.dir, self.known);
            self.fail(field, target, message, hint);
            None
        }
    }

    /// A focal point `{x: 0.5, y: 0.3}`, each from 0 to 1.
    pub(crate) fn focus(&mut self, x: f32, y: f32) -> Option<(f32, f32)> {
        if (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y) {
            Some((x, y))
        } else {
            self.fail(
                "focus",
                "x",
                t!("fields.focus", x = x, y = y),
                t!("fields.focus_hint"),
            );
            None
        }
    }

    /// An old path to redirect from, as a path inside the site.
    pub(crate) fn alias(&mut self, text: &str) -> Option<String> {
        let clean = text.trim().trim_matches('/');
        let ok = !clean.is_empty()
            && !clean
                .split('/')
                .any(|p| p.is_empty() || p == "." || p == "..")
            && clean
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        if ok {
            Some(format!("{clean}/"))
        } else {
            self.fail(
                "aliases",
                text,
                t!("fields.alias", value = text),
                t!("fields.alias_hint"),
            );
            None
        }
    }
}

pub(crate) fn parse_when(text: &str) -> Result<When, String> {
    let t = text.trim();
    let looks_like_date = t.len() >= 10
        && t.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !looks_like_date {
        return Err(t!("fields.not_a_date", value = t).into_owned());
    }
    if t.len() == 10 {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(When::Day)
            .map_err(|_| no_such_date(t));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(When::At(dt.naive_local(), Some(*dt.offset())));
    }
    let t2 = t.replacen(' ', "T", 1);
    for format in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(&t2, format) {
            return Ok(When::At(dt.naive_local(), Some(*dt.offset())));
        }
        if let Ok(dt) = NaiveDateTime::parse_from_str(&t2, format) {
            return Ok(When::At(dt, None));
        }
    }
    if NaiveDate::parse_from_str(&t[..10], "%Y-%m-%d").is_err() {
        return Err(no_such_date(&t[..10]));
    }
    Err(t!("fields.not_date_time", value = t).into_owned())
}

/// Why `YYYY-MM-DD` is not a day of the calendar, in the current language.
fn no_such_date(text: &str) -> String {
    no_such_date_in(text, &rust_i18n::locale())
}

/// Why `YYYY-MM-DD` is not a day of the calendar: there is no such month, or the month has fewer
/// days (`2026-02-30`: February 2026 has 28 days), with the month named in `locale`.
fn no_such_date_in(text: &str, locale: &str) -> String {
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|n| n.parse::<i64>().ok());
    let (Some(year), Some(month)) = (number(0..4), number(5..7)) else {
        return t!("fields.date_not_exists", locale = locale, value = text).into_owned();
    };
    let month: u32 = month.try_into().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return t!(
            "fields.no_such_month",
            locale = locale,
            value = text,
            month = month
        )
        .into_owned();
    }
    let year: i32 = year.try_into().unwrap_or(0);
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let (Some(first), Some(next)) = (first, next) else {
        return t!("fields.date_not_exists", locale = locale, value = text).into_owned();
    };
    let names = t!("fields.months", locale = locale);
    let name = names
        .split(',')
        .nth(month as usize - 1)
        .unwrap_or_default()
        .trim();
    t!(
        "fields.month_days",
        locale = locale,
        value = text,
        month = name,
        year = year,
        days = (next - first).num_days()
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_days_and_times() {
        assert!(matches!(parse_when("2026-12-05"), Ok(When::Day(_))));
        assert!(matches!(
            parse_when("2026-12-05T09:00"),
            Ok(When::At(_, None))
        ));
        assert!(matches!(
            parse_when("2026-12-05 09:00"),
            Ok(When::At(_, None))
        ));
        assert!(matches!(
            parse_when("2026-12-05T09:00+07:00"),
            Ok(When::At(_, Some(_)))
        ));
    }

    #[test]
    fn dates_that_do_not_exist_are_named() {
        let err = parse_when("2026-02-30").expect_err("no 30 February");
        assert_eq!(
            err,
            "`2026-02-30` is not a date that exists: February 2026 has 28 days"
        );
        let id = no_such_date_in("2026-02-30", "id");
        let april = no_such_date_in("2026-04-31", "id");
        let month = no_such_date_in("2026-13-01", "id");
        assert!(
            parse_when("2026-04-31T09:00")
                .expect_err("no 31 April")
                .contains("April 2026 has 30 days")
        );
        assert_eq!(
            id,
            "tanggal `2026-02-30` tidak ada di kalender: Februari 2026 hanya punya 28 hari"
        );
        assert!(april.contains("April 2026 hanya punya 30 hari"), "{april}");
        assert!(month.contains("bulan 13"), "{month}");
        assert!(
            parse_when("2028-02-30")
                .expect_err("no 30 February")
                .contains("February 2028 has 29 days")
        );
        assert!(parse_when("5 Desember").is_err());
        assert!(parse_when("2026-12-05T25:00").is_err());
    }
}
