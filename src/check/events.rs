//! Exhibition dates that look like typos. An end before the start is already an error of the
//! build; these are dates a build accepts but that are most likely wrong:
//!
//! - a start before 2000: the catalogue is about living workshops, so `0226` or `1926` is a slip;
//! - a start more than two years after today: `2062` for `2026`, or next year's event written
//!   with the year after it;
//! - an event lasting more than a year: the end's year is most likely wrong;
//! - translations that disagree on `start`, `end` or `status`: the calendar and the pages of the
//!   two languages would tell visitors different days.

use chrono::{Datelike, Months, NaiveDate};
use rust_i18n::t;

use crate::diagnostic::Diagnostic;
use crate::model::{Event, EventStatus, Kind, Page, When};
use crate::site::Site;

/// Events starting before this year are almost certainly typos.
pub(crate) const EARLIEST_YEAR: i32 = 2000;
/// How far ahead an event may start before its date looks wrong.
pub(crate) const MONTHS_AHEAD: u32 = 24;
/// How long an event may last before its end looks wrong.
pub(crate) const LONGEST_DAYS: i64 = 366;

pub(crate) fn check(site: &Site, today: NaiveDate) -> Vec<Diagnostic> {
    let default = site.config.default_lang();
    let mut out = Vec::new();
    for page in &site.pages {
        let Kind::Event(event) = &page.kind else {
            continue;
        };
        out.extend(dates(site, page, event, today));
        // The version in the site's default language is the one others are compared with.
        let reference = site
            .find(&page.key, default)
            .map(|id| &site.pages[id])
            .filter(|r| r.file != page.file);
        if let Some(reference) = reference
            && let Kind::Event(other) = &reference.kind
        {
            out.extend(disagreements(site, page, event, reference, other));
        }
    }
    out
}

fn dates(site: &Site, page: &Page, event: &Event, today: NaiveDate) -> Vec<Diagnostic> {
    let start = event.start.date();
    let mut out = Vec::new();
    let at = |field: &str| super::lines::line_of(&site.root, &page.file, field, None);
    if start.year() < EARLIEST_YEAR {
        out.push(
            Diagnostic::warning(t!(
                "check.event_too_old",
                date = start,
                year = EARLIEST_YEAR
            ))
            .file(&page.file)
            .line(at("start"))
            .field("start")
            .hint(t!("check.event_year_hint")),
        );
    }
    let horizon = today.checked_add_months(Months::new(MONTHS_AHEAD));
    if horizon.is_some_and(|h| start > h) {
        out.push(
            Diagnostic::warning(t!(
                "check.event_too_far",
                date = start,
                years = MONTHS_AHEAD / 12
            ))
            .file(&page.file)
            .line(at("start"))
            .field("start")
            .hint(t!("check.event_year_hint")),
        );
    }
    if let Some(end) = event.end {
        let days = (end.date() - start).num_days();
        if days > LONGEST_DAYS {
            out.push(
                Diagnostic::warning(t!(
                    "check.event_too_long",
                    start = start,
                    end = end.date(),
                    days = days
                ))
                .file(&page.file)
                .line(at("end"))
                .field("end")
                .hint(t!("check.event_end_hint")),
            );
        }
    }
    out
}

/// `start`, `end` and `status` are facts of the event, the same in every language.
fn disagreements(
    site: &Site,
    page: &Page,
    event: &Event,
    reference: &Page,
    other: &Event,
) -> Vec<Diagnostic> {
    let fields = [
        ("start", when(Some(event.start)), when(Some(other.start))),
        ("end", when(event.end), when(other.end)),
        ("status", status(event.status), status(other.status)),
    ];
    fields
        .into_iter()
        .filter(|(_, here, there)| here != there)
        .map(|(field, here, there)| {
            let other_file = reference.file.display().to_string();
            Diagnostic::warning(t!(
                "check.event_translation_differs",
                field = field,
                here = here,
                there = there,
                other = other_file
            ))
            .file(&page.file)
            .line(super::lines::line_of(&site.root, &page.file, field, None))
            .field(field)
            .hint(t!("check.event_translation_hint", other = other_file))
        })
        .collect()
}

/// A date or time as a volunteer writes it, for messages.
fn when(w: Option<When>) -> String {
    match w {
        None => "-".into(),
        Some(When::Day(d)) => d.to_string(),
        Some(When::At(t, None)) => t.format("%Y-%m-%dT%H:%M").to_string(),
        Some(When::At(t, Some(offset))) => format!("{}{offset}", t.format("%Y-%m-%dT%H:%M")),
    }
}

fn status(s: EventStatus) -> String {
    match s {
        EventStatus::Scheduled => "scheduled",
        EventStatus::Cancelled => "cancelled",
        EventStatus::Postponed => "postponed",
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_volunteers_write_them() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date");
        assert_eq!(when(Some(When::Day(day))), "2026-12-05");
        let at = day.and_hms_opt(9, 0, 0).expect("a time");
        assert_eq!(when(Some(When::At(at, None))), "2026-12-05T09:00");
        assert_eq!(when(None), "-");
    }
}
