//! Exhibitions as iCalendar files (RFC 5545) — one per event to add it to a phone, one feed per
//! language to subscribe to — Google Calendar links, and the month grid of the calendar page.
//!
//! Everything here is a pure function of the linked site; writing the files is the build's job.
//!
//! The files are written by hand rather than with the `icalendar` crate: the crate writes an
//! all-day event with its end equal to its start (a zero-length event) and no `VTIMEZONE` for a
//! `TZID`, so every date and time would need explicit properties anyway. What is left is the two
//! rules of the format itself, [`escape_text`] and [`fold`], each tested below, and a list of
//! lines that can be read next to the RFC.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::Serialize;

use crate::escape::urlencode;
use crate::model::{Event, EventStatus, Kind, Lang, Page, TimeZone, When};
use crate::site::{PageId, Site};

/// How long a timed event without an `end` lasts. RFC 5545 would make it end at its start, and
/// calendar apps show such an event as a sliver or not at all; Google's template link needs an
/// end anyway. A timed start on this site is an opening, a demonstration or a class, which
/// typically takes two hours; an exhibition that runs all day is written with dates instead.
const DEFAULT_DURATION: Duration = Duration::hours(2);

/// How often subscribed phones fetch the feed again (RFC 7986 and its older Apple/Google name).
const REFRESH: &str = "PT12H";

/// One `.ics` file with the event `id` (and the site's `VTIMEZONE`), for "add to calendar".
///
/// `id` should be an event; for any other page the calendar holds no event. `stamp` becomes
/// `DTSTAMP` (pass the build's time); nothing else in the file depends on it.
pub fn event_ics(site: &Site, id: PageId, stamp: DateTime<Utc>) -> String {
    let mut ics = Ics::default();
    calendar_head(&mut ics);
    timezone(&mut ics, &site.config.timezone);
    if let Kind::Event(event) = &site.pages[id].kind {
        vevent(&mut ics, site, id, event, stamp);
    }
    ics.line("END:VCALENDAR");
    ics.0
}

/// Every event in `lang`, past ones and cancelled ones included (a subscribed phone then learns of
/// a cancellation), in the order they start.
pub fn feed_ics(site: &Site, lang: &Lang, stamp: DateTime<Utc>) -> String {
    let zone = &site.config.timezone;
    let name = site.config.title_in(lang);
    let mut ics = Ics::default();
    calendar_head(&mut ics);
    ics.text("NAME", name);
    ics.text("X-WR-CALNAME", name);
    ics.text("X-WR-TIMEZONE", zone.name);
    ics.line(&format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"));
    ics.line(&format!("X-PUBLISHED-TTL:{REFRESH}"));
    timezone(&mut ics, zone);
    for (id, event) in events(site, lang) {
        vevent(&mut ics, site, id, event, stamp);
    }
    ics.line("END:VCALENDAR");
    ics.0
}

/// Where [`event_ics`] goes, relative to the output folder: `en/events/pameran/event.ics`.
pub fn event_file(site: &Site, id: PageId) -> String {
    site.config
        .base_url
        .output_file(&format!("{}event.ics", site.url(id)))
}

/// Where [`feed_ics`] goes, relative to the output folder: `calendar.ics`, `en/calendar.ics`.
pub fn feed_file(site: &Site, lang: &Lang) -> String {
    site.config.base_url.output_file(&feed_url(site, lang))
}

/// The URL path of a language's calendar feed: `/katalog/calendar.ics`, `/katalog/en/calendar.ics`.
pub fn feed_url(site: &Site, lang: &Lang) -> String {
    format!("{}calendar.ics", site.config.lang_root(lang))
}

/// A link that opens Google Calendar's "new event" form filled in with the event `id`.
///
/// All-day events give `dates=YYYYMMDD/YYYYMMDD` with the day after the last one as the end, timed
/// ones the local times with `ctz`, or both times in UTC (`…Z`) when either has an offset of its
/// own. For a page that is not an event the link has no `dates` (Google then proposes a time).
pub fn google_calendar_url(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    let zone = &site.config.timezone;
    let mut url = format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}",
        urlencode(&page.title)
    );
    let mut location = None;
    if let Kind::Event(event) = &page.kind {
        let dates = match span(event.start, event.end, zone) {
            Span::Days { first, after_last } => format!("{}/{}", date(first), date(after_last)),
            Span::Timed {
                start: Time::Local(start),
                end: Time::Local(end),
            } => format!("{}/{}", local(start), local(end)),
            Span::Timed { start, end } => {
                format!("{}/{}", utc(start.utc(zone)), utc(end.utc(zone)))
            }
        };
        url.push_str(&format!("&dates={dates}"));
        location = place(event);
    }
    url.push_str(&format!("&details={}", urlencode(&description(site, id))));
    if let Some(location) = location {
        url.push_str(&format!("&location={}", urlencode(&location)));
    }
    url.push_str(&format!("&ctz={}", urlencode(zone.name)));
    url
}

/// One month of the calendar page, in weeks from Monday to Sunday; days of the neighbouring
/// months are `None`.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// The year, e.g. 2026.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// Weeks in order, each from Monday (index 0) to Sunday.
    pub weeks: Vec<[Option<Day>; 7]>,
}

/// A day of a [`Month`] on the calendar page.
#[derive(Debug, Clone, Serialize)]
pub struct Day {
    /// The day of the month, 1 to 31.
    pub day: u32,
    /// Whether it is the day of the build, in the site's time zone.
    pub today: bool,
    /// The events on that day, in the order they start.
    pub events: Vec<PageId>,
}

/// The months that have events in `lang`, in order. An event is on every day from its first to
/// its last, as its dates are written.
pub fn months(site: &Site, lang: &Lang, today: NaiveDate) -> Vec<Month> {
    let mut by_day: BTreeMap<NaiveDate, Vec<PageId>> = BTreeMap::new();
    for (id, event) in events(site, lang) {
        let first = event.start.date();
        let last = event.last_day().max(first);
        for day in first.iter_days().take_while(|d| *d <= last) {
            by_day.entry(day).or_default().push(id);
        }
    }
    let mut firsts: Vec<NaiveDate> = by_day.keys().filter_map(|d| d.with_day(1)).collect();
    firsts.dedup();
    firsts
        .into_iter()
        .map(|first| {
            let blank = first.weekday().num_days_from_monday() as usize;
            let mut weeks: Vec<[Option<Day>; 7]> = Vec::new();
            let days = first.iter_days().take_while(|d| d.month() == first.month());
            for (cell, day) in days.enumerate().map(|(i, d)| (blank + i, d)) {
                if weeks.len() <= cell / 7 {
                    weeks.push(Default::default());
                }
                weeks[cell / 7][cell % 7] = Some(Day {
                    day: day.day(),
                    today: day == today,
                    events: by_day.remove(&day).unwrap_or_default(),
                });
            }
            Month {
                year: first.year(),
                month: first.month(),
                weeks,
            }
        })
        .collect()
}

/// The events in `lang` in the order they start (all-day ones first on their day), then by title.
fn events<'a>(site: &'a Site, lang: &Lang) -> Vec<(PageId, &'a Event)> {
    let mut out: Vec<(PageId, &Event)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| &page.lang == lang)
        .filter_map(|(id, page)| match &page.kind {
            Kind::Event(event) => Some((id, event.as_ref())),
            _ => None,
        })
        .collect();
    let key = |(id, event): &(PageId, &Event)| {
        let time = match event.start {
            When::Day(_) => None,
            When::At(t, _) => Some(t.time()),
        };
        (event.start.date(), time, site.pages[*id].title.clone(), *id)
    };
    out.sort_by_cached_key(key);
    out
}

// ---------------------------------------------------------------------------------------------
// When an event happens, as a calendar sees it.

/// A moment: a wall-clock time in the site's zone, or an instant given with its own offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Time {
    Local(NaiveDateTime),
    Utc(DateTime<Utc>),
}

impl Time {
    fn new(time: NaiveDateTime, offset: Option<FixedOffset>) -> Time {
        match offset {
            None => Time::Local(time),
            Some(offset) => Time::Utc(in_utc(time, offset)),
        }
    }

    fn utc(self, zone: &TimeZone) -> DateTime<Utc> {
        match self {
            Time::Local(t) => in_utc(t, zone.offset),
            Time::Utc(t) => t,
        }
    }

    fn later(self, by: Duration) -> Time {
        match self {
            Time::Local(t) => Time::Local(t.checked_add_signed(by).unwrap_or(t)),
            Time::Utc(t) => Time::Utc(t.checked_add_signed(by).unwrap_or(t)),
        }
    }
}

fn in_utc(time: NaiveDateTime, offset: FixedOffset) -> DateTime<Utc> {
    let offset = Duration::seconds(offset.local_minus_utc().into());
    time.checked_sub_signed(offset).unwrap_or(time).and_utc()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    /// Whole days; calendars take the end as exclusive, so it is the day after the last one.
    Days {
        first: NaiveDate,
        after_last: NaiveDate,
    },
    /// `end` is always after `start`.
    Timed { start: Time, end: Time },
}

/// An event's dates as a calendar needs them. A date start makes an all-day event whatever the
/// end is; a timed start with a date end lasts until midnight after that day; a missing end, or
/// one that is not after the start (`start: …T10:00`, `end: …T09:00` on the same day), gives
/// [`DEFAULT_DURATION`].
fn span(start: When, end: Option<When>, zone: &TimeZone) -> Span {
    match start {
        When::Day(first) => {
            let last = end.map_or(first, When::date).max(first);
            Span::Days {
                first,
                after_last: next_day(last),
            }
        }
        When::At(time, offset) => {
            let start = Time::new(time, offset);
            let end = match end {
                Some(When::At(time, offset)) => Some(Time::new(time, offset)),
                Some(When::Day(last)) => Some(Time::Local(next_day(last).and_time(NaiveTime::MIN))),
                None => None,
            };
            let end = end
                .filter(|end| end.utc(zone) > start.utc(zone))
                .unwrap_or_else(|| start.later(DEFAULT_DURATION));
            Span::Timed { start, end }
        }
    }
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

fn local(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(time: DateTime<Utc>) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `+0700`, or `+053045` for an offset with seconds.
fn utc_offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, s) = (s / 3600, s % 3600 / 60, s % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

// ---------------------------------------------------------------------------------------------
// The file.

fn calendar_head(ics: &mut Ics) {
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line(&format!(
        "PRODID:-//canting//canting {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    ics.line("CALSCALE:GREGORIAN");
    ics.line("METHOD:PUBLISH");
}

/// The site's zone. Indonesia's zones have had one offset since before 1970, so one `STANDARD`
/// rule describes them exactly. Written into every file, even one whose times are all dates or UTC,
/// so that each file has at least one component and names the zone it was made for.
fn timezone(ics: &mut Ics, zone: &TimeZone) {
    let offset = utc_offset(zone.offset);
    ics.line("BEGIN:VTIMEZONE");
    ics.text("TZID", zone.name);
    ics.line("BEGIN:STANDARD");
    ics.line("DTSTART:19700101T000000");
    ics.line(&format!("TZOFFSETFROM:{offset}"));
    ics.line(&format!("TZOFFSETTO:{offset}"));
    ics.text("TZNAME", zone.abbreviation);
    ics.line("END:STANDARD");
    ics.line("END:VTIMEZONE");
}

fn vevent(ics: &mut Ics, site: &Site, id: PageId, event: &Event, stamp: DateTime<Utc>) {
    let page = &site.pages[id];
    let zone = &site.config.timezone;
    ics.line("BEGIN:VEVENT");
    ics.text("UID", &uid(site, page));
    ics.line(&format!("DTSTAMP:{}", utc(stamp)));
    match span(event.start, event.end, zone) {
        Span::Days { first, after_last } => {
            ics.line(&format!("DTSTART;VALUE=DATE:{}", date(first)));
            ics.line(&format!("DTEND;VALUE=DATE:{}", date(after_last)));
            // A three-day exhibition should not mark the visitor busy for three days.
            ics.line("TRANSP:TRANSPARENT");
        }
        Span::Timed { start, end } => {
            ics.line(&time_property("DTSTART", start, zone));
            ics.line(&time_property("DTEND", end, zone));
        }
    }
    ics.text("SUMMARY", &page.title);
    ics.text("DESCRIPTION", &description(site, id));
    if let Some(location) = place(event) {
        ics.text("LOCATION", &location);
    }
    if let Some(geo) = event.location {
        ics.line(&format!("GEO:{};{}", geo.lat, geo.lon));
    }
    ics.line(&format!("URL:{}", site.config.absolute(&site.url(id))));
    // RFC 5545 knows no "postponed". CANCELLED would tell phones the event is off, and some
    // delete it; TENTATIVE keeps it in the calendar marked as not certain, which is what a
    // postponed exhibition is until its new dates are published (and the feed brings them).
    let status = match event.status {
        EventStatus::Scheduled => "CONFIRMED",
        EventStatus::Postponed => "TENTATIVE",
        EventStatus::Cancelled => "CANCELLED",
    };
    ics.line(&format!("STATUS:{status}"));
    ics.line("END:VEVENT");
}

/// `DTSTART;TZID=Asia/Jakarta:20261205T090000`, or `DTSTART:20261205T020000Z` for a time that
/// came with its own offset.
fn time_property(name: &str, time: Time, zone: &TimeZone) -> String {
    match time {
        Time::Local(t) => format!("{name};TZID={}:{}", zone.name, local(t)),
        Time::Utc(t) => format!("{name}:{}", utc(t)),
    }
}

/// The same in every language and every build: `events-pameran@example.org`. A site served from
/// a sub-path puts it in front (`katalog-events-pameran@example.org`), so that two catalogues on
/// one host (GitHub Pages project sites) do not share UIDs.
fn uid(site: &Site, page: &Page) -> String {
    let base = site
        .config
        .base_url
        .path()
        .trim_matches('/')
        .replace('/', "-");
    let host = site
        .config
        .base_url
        .origin()
        .split_once("://")
        .map_or(site.config.base_url.origin(), |(_, host)| host);
    let prefix = if base.is_empty() {
        String::new()
    } else {
        format!("{base}-")
    };
    format!(
        "{prefix}{}-{}@{host}",
        page.key.section.folder(),
        page.key.slug
    )
}

/// The page's summary, else the first paragraph of its text, then its address.
fn description(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    let url = site.config.absolute(&site.url(id));
    let text = page.description.as_deref();
    match text {
        Some(text) => format!("{text}\n\n{url}"),
        None => url,
    }
}

/// "Balai Desa, Jl. Merdeka 1, Blitar".
fn place(event: &Event) -> Option<String> {
    let parts: Vec<&str> = [&event.venue, &event.address]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Content lines, each folded and ended with CRLF.
#[derive(Default)]
struct Ics(String);

impl Ics {
    fn line(&mut self, line: &str) {
        self.0.push_str(&fold(line));
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped with a backslash, line breaks as `\n`.
/// Other control characters cannot appear in a value and are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded into lines of at most 75 octets (RFC 5545 §3.1), each ended with CRLF.
/// A continuation line starts with a space, which counts. Folds fall between characters, never
/// inside one, and not right after a space or tab: some readers trim each physical line, which
/// would lose it.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut rest = line;
    let mut room = LIMIT;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut tidy = cut;
        while tidy > 0 && rest[..tidy].ends_with([' ', '\t']) {
            tidy -= 1;
            while !rest.is_char_boundary(tidy) {
                tidy -= 1;
            }
        }
        if tidy > 0 {
            cut = tidy;
        }
        if cut == 0 {
            // Only when `room` is smaller than one character, which 74 octets never are.
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LIMIT - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.strip_suffix("\r\n")
            .expect("ends with CRLF")
            .replace("\r\n ", "")
    }

    fn jakarta() -> TimeZone {
        TimeZone::parse("Asia/Jakarta").expect("known zone")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("date-time")
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let unit = "Pameran Batik Tulis “Kendi Gandrung” — karya perajin Blitar ꦧꦠꦶꦏ꧀ é ";
        let title: String = unit.chars().cycle().take(200).collect();
        assert_eq!(title.chars().count(), 200);
        let line = format!("SUMMARY:{}", escape_text(&title));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for physical in folded.split_terminator("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical:?}",
                physical.len()
            );
            assert!(!physical.ends_with(' '), "ends with a space: {physical:?}");
        }
        assert!(folded.split_terminator("\r\n").count() > 3);
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_leaves_short_lines_alone_and_splits_very_long_words() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
        // `é` is two octets: it does not fit in the 75th, so the first line has 74.
        let tight = format!("{}é{}", "a".repeat(74), "ꦧ".repeat(30));
        let folded = fold(&tight);
        let lines: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert_eq!(lines[0], "a".repeat(74));
        assert!(lines[1].starts_with(" é"));
        assert_eq!(unfold(&folded), tight);
        let word = "é".repeat(100);
        let folded = fold(&word);
        assert!(folded.split_terminator("\r\n").all(|l| l.len() <= 75));
        assert_eq!(unfold(&folded), word);
        let spaces = " ".repeat(200);
        assert_eq!(unfold(&fold(&spaces)), spaces);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape_text("Batik, Tenun; Sulam \\ Jahit\nBaris dua\r\ntiga\rempat"),
            "Batik\\, Tenun\\; Sulam \\\\ Jahit\\nBaris dua\\ntiga\\nempat"
        );
        assert_eq!(escape_text("a\u{0}b\u{7}c\td"), "abc\td");
        assert_eq!(escape_text("Kendi: “Gandrung”"), "Kendi: “Gandrung”");
    }

    #[test]
    fn all_day_events_end_the_day_after_their_last_day() {
        let zone = jakarta();
        assert_eq!(
            span(When::Day(day("2099-12-05")), None, &zone),
            Span::Days {
                first: day("2099-12-05"),
                after_last: day("2099-12-06")
            }
        );
        assert_eq!(
            span(
                When::Day(day("2026-12-30")),
                Some(When::Day(day("2026-12-31"))),
                &zone
            ),
            Span::Days {
                first: day("2026-12-30"),
                after_last: day("2027-01-01")
            }
        );
        // A time on the last day does not make a dated event timed.
        assert_eq!(
            span(
                When::Day(day("2028-02-28")),
                Some(When::At(at("2028-02-29T15:00"), None)),
                &zone
            ),
            Span::Days {
                first: day("2028-02-28"),
                after_last: day("2028-03-01")
            }
        );
    }

    #[test]
    fn timed_events_keep_their_zone_or_go_to_utc() {
        let zone = jakarta();
        let wit = FixedOffset::east_opt(9 * 3600).expect("offset");
        let Span::Timed { start, end } = span(
            When::At(at("2026-12-05T09:00"), Some(wit)),
            Some(When::At(at("2026-12-05T12:00"), None)),
            &zone,
        ) else {
            panic!("timed")
        };
        assert_eq!(
            time_property("DTSTART", start, &zone),
            "DTSTART:20261205T000000Z"
        );
        assert_eq!(
            time_property("DTEND", end, &zone),
            "DTEND;TZID=Asia/Jakarta:20261205T120000"
        );
        // No end, or an end before the start: the default duration.
        for end in [None, Some(When::At(at("2026-12-05T08:00"), None))] {
            assert_eq!(
                span(When::At(at("2026-12-05T09:00"), None), end, &zone),
                Span::Timed {
                    start: Time::Local(at("2026-12-05T09:00")),
                    end: Time::Local(at("2026-12-05T11:00")),
                }
            );
        }
        // A timed start with a date end runs to the end of that day.
        assert_eq!(
            span(
                When::At(at("2026-12-05T09:00"), None),
                Some(When::Day(day("2026-12-06"))),
                &zone
            ),
            Span::Timed {
                start: Time::Local(at("2026-12-05T09:00")),
                end: Time::Local(at("2026-12-07T00:00")),
            }
        );
        assert_eq!(utc_offset(zone.offset), "+0700");
        assert_eq!(
            utc_offset(FixedOffset::west_opt(3 * 3600 + 1800).expect("offset")),
            "-0330"
        );
    }

    fn fixture() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/two-languages-every-section");
        let mut diagnostics = Vec::new();
        crate::build::load(&root, None, false, &mut diagnostics)
            .map(|(site, _)| site)
            .unwrap_or_else(|| panic!("the fixture loads: {diagnostics:?}"))
    }

    #[test]
    fn uids_are_the_same_in_every_language_and_name_the_site() {
        let site = fixture();
        let uids: Vec<String> = site
            .pages
            .iter()
            .filter(|p| p.key.slug.as_str() == "pameran")
            .map(|p| uid(&site, p))
            .collect();
        assert_eq!(uids.len(), 2);
        assert_eq!(uids[0], "katalog-events-pameran@example.org");
        assert_eq!(uids[0], uids[1]);
    }
}
