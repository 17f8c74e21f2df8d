//! The iCalendar files and Google Calendar links of `canting::calendar`, read back with an
//! independent parser (the `ical` crate), and the month grid of the calendar page.

use std::io::BufReader;

use canting::calendar::{event_file, event_ics, feed_file, feed_ics, google_calendar_url, months};
use canting::model::Section;
use canting::site::PageId;
use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;

use crate::support::{lang, load, page};

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 4, 5, 6).unwrap()
}

/// Checks the physical form (CRLF only, lines of at most 75 octets), then parses the file.
fn parse(ics: &str) -> IcalCalendar {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "a bare CR or LF in {ics}"
    );
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let mut calendars: Vec<IcalCalendar> = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("not iCalendar ({e}):\n{ics}"));
    assert_eq!(calendars.len(), 1, "one VCALENDAR in {ics}");
    calendars.remove(0)
}

fn prop<'a>(properties: &'a [Property], name: &str) -> &'a Property {
    let found: Vec<&Property> = properties.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "one {name} in {properties:#?}");
    found[0]
}

fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    prop(properties, name).value.as_deref().unwrap_or("")
}

fn params(property: &Property) -> Vec<(String, Vec<String>)> {
    property.params.clone().unwrap_or_default()
}

fn param(property: &Property, name: &str) -> Option<String> {
    params(property)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.join(","))
}

/// A TEXT value as written, unescaped (RFC 5545 §3.3.11); `ical` leaves values escaped.
fn text(properties: &[Property], name: &str) -> String {
    let raw = value(properties, name);
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("bad escape \\{other:?} in {name}:{raw}"),
            }
        } else {
            assert!(c != ',' && c != ';', "unescaped {c:?} in {name}:{raw}");
            out.push(c);
        }
    }
    out
}

fn only_event(calendar: &IcalCalendar) -> &IcalEvent {
    assert_eq!(calendar.events.len(), 1);
    &calendar.events[0]
}

#[test]
fn an_all_day_event_has_every_required_property_and_an_exclusive_end() {
    let site = load("two-languages-every-section");
    let id = page(&site, Section::Events, "pameran", "id");
    let calendar = parse(&event_ics(&site, id, stamp()));
    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    assert!(value(&calendar.properties, "PRODID").contains("canting"));
    assert_eq!(value(&calendar.properties, "CALSCALE"), "GREGORIAN");
    assert_eq!(value(&calendar.properties, "METHOD"), "PUBLISH");

    let event = &only_event(&calendar).properties;
    assert_eq!(value(event, "UID"), "katalog-events-pameran@example.org");
    assert_eq!(value(event, "DTSTAMP"), "20260301T040506Z");
    let start = prop(event, "DTSTART");
    let end = prop(event, "DTEND");
    assert_eq!(param(start, "VALUE").as_deref(), Some("DATE"));
    assert_eq!(param(end, "VALUE").as_deref(), Some("DATE"));
    assert_eq!(start.value.as_deref(), Some("20991205"));
    // The last day is the 7th; the end is exclusive.
    assert_eq!(end.value.as_deref(), Some("20991208"));
    assert_eq!(text(event, "SUMMARY"), "Pameran Desember");
    assert_eq!(text(event, "LOCATION"), "Balai Desa");
    assert_eq!(
        value(event, "URL"),
        "https://example.org/katalog/events/pameran/"
    );
    assert_eq!(
        text(event, "DESCRIPTION"),
        "Pameran besar.\n\nhttps://example.org/katalog/events/pameran/"
    );
    assert_eq!(value(event, "STATUS"), "CONFIRMED");
}

#[test]
fn a_timed_event_names_the_site_zone_and_describes_it() {
    let site = load("two-languages-every-section");
    let id = page(&site, Section::Events, "lama", "id");
    let calendar = parse(&event_ics(&site, id, stamp()));
    let event = &only_event(&calendar).properties;
    let start = prop(event, "DTSTART");
    let end = prop(event, "DTEND");
    assert_eq!(param(start, "TZID").as_deref(), Some("Asia/Jakarta"));
    assert_eq!(param(end, "TZID").as_deref(), Some("Asia/Jakarta"));
    assert_eq!(start.value.as_deref(), Some("20200130T090000"));
    assert_eq!(param(start, "VALUE"), None);
    assert!(end.value.as_deref() > start.value.as_deref());
    assert_eq!(value(event, "STATUS"), "CANCELLED");

    assert_eq!(calendar.timezones.len(), 1);
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Asia/Jakarta");
    assert_eq!(zone.transitions.len(), 1);
    let standard = &zone.transitions[0];
    assert!(matches!(
        standard.transition,
        ical::parser::ical::component::IcalTimeZoneTransitionType::STANDARD
    ));
    assert_eq!(value(&standard.properties, "DTSTART"), "19700101T000000");
    assert_eq!(value(&standard.properties, "TZOFFSETFROM"), "+0700");
    assert_eq!(value(&standard.properties, "TZOFFSETTO"), "+0700");
    assert_eq!(value(&standard.properties, "TZNAME"), "WIB");
}

#[test]
fn uids_survive_languages_and_rebuilds() {
    let site = load("two-languages-every-section");
    let later = stamp() + chrono::Duration::days(40);
    let uid = |id, stamp| {
        let calendar = parse(&event_ics(&site, id, stamp));
        value(&only_event(&calendar).properties, "UID").to_string()
    };
    let id = page(&site, Section::Events, "pameran", "id");
    let en = page(&site, Section::Events, "pameran", "en");
    assert_eq!(uid(id, stamp()), uid(en, stamp()));
    assert_eq!(uid(id, stamp()), uid(id, later));
    assert_ne!(
        uid(id, stamp()),
        uid(page(&site, Section::Events, "lama", "id"), stamp())
    );
    // Only DTSTAMP changes from one build to the next.
    let without_stamp = |ics: String| {
        ics.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_stamp(event_ics(&site, id, stamp())),
        without_stamp(event_ics(&site, id, later))
    );
    assert_ne!(event_ics(&site, id, stamp()), event_ics(&site, id, later));
}

#[test]
fn feeds_hold_every_event_of_their_language() {
    let site = load("two-languages-every-section");
    let calendar = parse(&feed_ics(&site, &lang("id"), stamp()));
    let head = &calendar.properties;
    assert_eq!(value(head, "VERSION"), "2.0");
    assert_eq!(value(head, "METHOD"), "PUBLISH");
    assert_eq!(text(head, "X-WR-CALNAME"), "Katalog Uji");
    assert_eq!(value(head, "X-WR-TIMEZONE"), "Asia/Jakarta");
    let refresh = prop(head, "REFRESH-INTERVAL");
    assert_eq!(param(refresh, "VALUE").as_deref(), Some("DURATION"));
    assert_eq!(refresh.value.as_deref(), Some("PT12H"));
    assert_eq!(value(head, "X-PUBLISHED-TTL"), "PT12H");
    assert_eq!(calendar.timezones.len(), 1);
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .map(|e| text(&e.properties, "SUMMARY"))
        .collect();
    assert_eq!(summaries, ["Pameran Lama", "Pameran Desember"]);

    let english = parse(&feed_ics(&site, &lang("en"), stamp()));
    assert_eq!(text(&english.properties, "X-WR-CALNAME"), "Test Catalogue");
    let event = &only_event(&english).properties;
    assert_eq!(text(event, "SUMMARY"), "December Exhibition");
    assert_eq!(
        value(event, "URL"),
        "https://example.org/katalog/en/events/pameran/"
    );
    assert_eq!(
        value(event, "UID"),
        value(&calendar.events[1].properties, "UID")
    );
}

#[test]
fn files_sit_beside_their_pages() {
    let site = load("two-languages-every-section");
    assert_eq!(
        event_file(&site, page(&site, Section::Events, "pameran", "id")),
        "events/pameran/event.ics"
    );
    assert_eq!(
        event_file(&site, page(&site, Section::Events, "pameran", "en")),
        "en/events/pameran/event.ics"
    );
    assert_eq!(feed_file(&site, &lang("id")), "calendar.ics");
    assert_eq!(feed_file(&site, &lang("en")), "en/calendar.ics");
    // A site at the root of its host.
    let site = load("events-spans-offsets-and-escapes");
    assert_eq!(
        event_file(&site, page(&site, Section::Events, "sehari", "en")),
        "en/events/sehari/event.ics"
    );
    assert_eq!(feed_file(&site, &lang("id")), "calendar.ics");
}

#[test]
fn commas_semicolons_backslashes_and_line_breaks_are_escaped() {
    let site = load("events-spans-offsets-and-escapes");
    let id = page(&site, Section::Events, "koma", "id");
    let ics = event_ics(&site, id, stamp());
    assert!(
        ics.contains("SUMMARY:Batik\\, Tenun\\; Sulam \\\\ Jahit\r\n"),
        "{ics}"
    );
    let calendar = parse(&ics);
    let event = &only_event(&calendar).properties;
    assert_eq!(value(event, "UID"), "events-koma@batik.example.id");
    assert_eq!(text(event, "SUMMARY"), "Batik, Tenun; Sulam \\ Jahit");
    assert_eq!(
        text(event, "DESCRIPTION"),
        "Baris satu, dengan koma;\nbaris dua \\ garis miring\n\nhttps://batik.example.id/events/koma/"
    );
    assert_eq!(
        text(event, "LOCATION"),
        "Gedung A; Lantai 2, Jl. Merdeka 1, Blitar"
    );
    assert_eq!(value(event, "GEO"), "-8.0954;112.1609");
    // Postponed: still in the calendar, marked as not certain.
    assert_eq!(value(event, "STATUS"), "TENTATIVE");
    assert_eq!(value(event, "DTSTART"), "20261129");
    assert_eq!(value(event, "DTEND"), "20261203");

    // Without a summary, the first paragraph of the text.
    let en = event_ics(&site, page(&site, Section::Events, "koma", "en"), stamp());
    let calendar = parse(&en);
    let event = &only_event(&calendar).properties;
    assert_eq!(
        text(event, "DESCRIPTION"),
        "The first paragraph, with a comma; and a semicolon.\n\nhttps://batik.example.id/en/events/koma/"
    );
    assert_eq!(value(event, "UID"), "events-koma@batik.example.id");
}

#[test]
fn a_time_with_its_own_offset_is_written_in_utc() {
    let site = load("events-spans-offsets-and-escapes");
    let id = page(&site, Section::Events, "zona", "id");
    let ics = event_ics(&site, id, stamp());
    let calendar = parse(&ics);
    let event = &only_event(&calendar).properties;
    // 09:00 and 12:00 at +09:00.
    assert_eq!(value(event, "DTSTART"), "20261205T000000Z");
    assert_eq!(value(event, "DTEND"), "20261205T030000Z");
    assert_eq!(param(prop(event, "DTSTART"), "TZID"), None);
    // The long title with characters of several octets came back whole through folding.
    let title = &site.pages[id].title;
    assert!(title.len() > 200 && title.len() > title.chars().count());
    assert!(ics.split_terminator("\r\n").count() > 20);
    assert_eq!(&text(event, "SUMMARY"), title);
    // The zone of the site is still described, with its own offset.
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Asia/Makassar");
    assert_eq!(
        value(&zone.transitions[0].properties, "TZOFFSETTO"),
        "+0800"
    );
    assert_eq!(value(&zone.transitions[0].properties, "TZNAME"), "WITA");
}

#[test]
fn a_timed_event_without_an_end_lasts_two_hours() {
    let site = load("events-spans-offsets-and-escapes");
    let calendar = parse(&event_ics(
        &site,
        page(&site, Section::Events, "tanpa-akhir", "id"),
        stamp(),
    ));
    let event = &only_event(&calendar).properties;
    let start = prop(event, "DTSTART");
    let end = prop(event, "DTEND");
    assert_eq!(param(start, "TZID").as_deref(), Some("Asia/Makassar"));
    assert_eq!(start.value.as_deref(), Some("20261210T193000"));
    assert_eq!(param(end, "TZID").as_deref(), Some("Asia/Makassar"));
    assert_eq!(end.value.as_deref(), Some("20261210T213000"));
}

#[test]
fn a_one_day_event_ends_the_next_day() {
    let site = load("events-spans-offsets-and-escapes");
    let calendar = parse(&event_ics(
        &site,
        page(&site, Section::Events, "sehari", "id"),
        stamp(),
    ));
    let event = &only_event(&calendar).properties;
    assert_eq!(value(event, "DTSTART"), "20261231");
    assert_eq!(value(event, "DTEND"), "20270101");
    assert_eq!(
        param(prop(event, "DTEND"), "VALUE").as_deref(),
        Some("DATE")
    );
}

/// The query of a Google Calendar link, decoded.
fn query(url: &str) -> Vec<(String, String)> {
    let (base, query) = url.split_once('?').expect("a query");
    assert_eq!(base, "https://calendar.google.com/calendar/render");
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("key=value");
            (k.to_string(), percent_decode(v))
        })
        .collect()
}

/// `%XX` escapes decoded; anything malformed fails the test.
fn percent_decode(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2).expect("two hex digits")).expect("ASCII");
            bytes.push(u8::from_str_radix(hex, 16).expect("hex"));
            rest = &tail[2..];
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-_.~/".contains(&b),
                "unencoded {:?} in {s}",
                b as char
            );
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("UTF-8")
}

fn get(query: &[(String, String)], key: &str) -> Option<String> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

#[test]
fn google_calendar_links_carry_the_dates() {
    let site = load("two-languages-every-section");
    let all_day = query(&google_calendar_url(
        &site,
        page(&site, Section::Events, "pameran", "id"),
    ));
    assert_eq!(get(&all_day, "action").as_deref(), Some("TEMPLATE"));
    assert_eq!(get(&all_day, "text").as_deref(), Some("Pameran Desember"));
    assert_eq!(get(&all_day, "dates").as_deref(), Some("20991205/20991208"));
    assert_eq!(get(&all_day, "location").as_deref(), Some("Balai Desa"));
    assert_eq!(
        get(&all_day, "details").as_deref(),
        Some("Pameran besar.\n\nhttps://example.org/katalog/events/pameran/")
    );
    assert_eq!(get(&all_day, "ctz").as_deref(), Some("Asia/Jakarta"));

    let timed = query(&google_calendar_url(
        &site,
        page(&site, Section::Events, "lama", "id"),
    ));
    assert_eq!(
        get(&timed, "dates").as_deref(),
        Some("20200130T090000/20200130T110000")
    );
    assert_eq!(get(&timed, "ctz").as_deref(), Some("Asia/Jakarta"));
    assert_eq!(get(&timed, "location"), None);

    let site = load("events-spans-offsets-and-escapes");
    let offset = query(&google_calendar_url(
        &site,
        page(&site, Section::Events, "zona", "id"),
    ));
    assert_eq!(
        get(&offset, "dates").as_deref(),
        Some("20261205T000000Z/20261205T030000Z")
    );
    let escaped = query(&google_calendar_url(
        &site,
        page(&site, Section::Events, "koma", "id"),
    ));
    assert_eq!(
        get(&escaped, "text").as_deref(),
        Some("Batik, Tenun; Sulam \\ Jahit")
    );
    assert_eq!(
        get(&escaped, "location").as_deref(),
        Some("Gedung A; Lantai 2, Jl. Merdeka 1, Blitar")
    );
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn months_list_each_day_of_each_event_in_weeks_from_monday() {
    let site = load("two-languages-every-section");
    let pameran = page(&site, Section::Events, "pameran", "id");
    let lama = page(&site, Section::Events, "lama", "id");
    let found = months(&site, &lang("id"), date("2099-12-06"));
    let heads: Vec<(i32, u32)> = found.iter().map(|m| (m.year, m.month)).collect();
    assert_eq!(heads, [(2020, 1), (2099, 12)]);
    // 1 January 2020 was a Wednesday.
    let january = &found[0];
    assert!(january.weeks[0][..2].iter().all(Option::is_none));
    assert_eq!(january.weeks[0][2].as_ref().map(|d| d.day), Some(1));
    let days: Vec<u32> = january
        .weeks
        .iter()
        .flatten()
        .flatten()
        .map(|d| d.day)
        .collect();
    assert_eq!(days, (1..=31).collect::<Vec<_>>());
    let with_events: Vec<(u32, Vec<PageId>)> = found[1]
        .weeks
        .iter()
        .flatten()
        .flatten()
        .filter(|d| !d.events.is_empty())
        .map(|d| (d.day, d.events.clone()))
        .collect();
    assert_eq!(
        with_events,
        [(5, vec![pameran]), (6, vec![pameran]), (7, vec![pameran])]
    );
    let today: Vec<u32> = found[1]
        .weeks
        .iter()
        .flatten()
        .flatten()
        .filter(|d| d.today)
        .map(|d| d.day)
        .collect();
    assert_eq!(today, [6]);
    assert!(
        january
            .weeks
            .iter()
            .flatten()
            .flatten()
            .any(|d| d.events == [lama])
    );

    let english = months(&site, &lang("en"), date("2026-01-01"));
    assert_eq!(english.len(), 1);
    assert!(
        english[0]
            .weeks
            .iter()
            .flatten()
            .flatten()
            .all(|d| !d.today)
    );
}

#[test]
fn an_event_across_two_months_is_in_both() {
    let site = load("events-spans-offsets-and-escapes");
    let koma = page(&site, Section::Events, "koma", "id");
    let found = months(&site, &lang("id"), date("2026-12-05"));
    let heads: Vec<(i32, u32)> = found.iter().map(|m| (m.year, m.month)).collect();
    assert_eq!(heads, [(2026, 11), (2026, 12)]);
    let on = |m: usize, day: u32| -> Vec<PageId> {
        found[m]
            .weeks
            .iter()
            .flatten()
            .flatten()
            .find(|d| d.day == day)
            .map(|d| d.events.clone())
            .unwrap_or_default()
    };
    assert_eq!(on(0, 29), [koma]);
    assert_eq!(on(0, 30), [koma]);
    assert_eq!(on(1, 2), [koma]);
    assert!(on(1, 3).is_empty());
    assert_eq!(on(1, 5), [page(&site, Section::Events, "zona", "id")]);
    assert_eq!(on(1, 31), [page(&site, Section::Events, "sehari", "id")]);
    // 1 November 2026 is a Sunday: the last column of the first week.
    assert!(found[0].weeks[0][..6].iter().all(Option::is_none));
    assert_eq!(found[0].weeks[0][6].as_ref().map(|d| d.day), Some(1));
    assert!(found[0].weeks.iter().all(|w| w.len() == 7));
}
