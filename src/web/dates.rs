//! Dates and times as the reader expects them, one way per language everywhere — pages,
//! emails, calendar files: «15 декабря 2026, 11:00 МСК» and "15 December 2026, 11:00 MSK".
//! Timestamps are stored in UTC and shown in the reader's zone, always with the zone's name;
//! Russian zones are named against Moscow (МСК+2), others by their abbreviation (CET) or
//! their offset (UTC+4), so nobody outside UTC reads a bare "UTC".
//!
//! Templates call `{{ at | localtime }}` and `{{ day | localdate }}`; the zone comes from the
//! context (`tz`: a page's reader, an email's recipient) and the language from `lang`.

use chrono::{DateTime, Datelike, NaiveDate, Offset, Utc};
use chrono_tz::{OffsetName, Tz};
use minijinja::State;

/// The zone used when nobody has said (no user, no browser, no agency setting): where the
/// agencies work. People without a zone of their own read the agency's
/// ([`crate::agency::Agency::zone`]).
pub const DEFAULT_ZONE: &str = "Europe/Moscow";

/// A zone by its IANA name, or `fallback` (the agency's) when the name is not one.
pub fn zone_or(name: &str, fallback: Tz) -> Tz {
    zone(name).unwrap_or(fallback)
}

/// Zones a user may pick on their profile: the Russian ones west to east, then a few abroad.
pub const ZONES: &[&str] = &[
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/Minsk",
    "Asia/Almaty",
    "Asia/Tbilisi",
    "Asia/Yerevan",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
];

/// A zone by its IANA name, if it is one.
pub fn zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// Russia's zones, which Russians name by their distance from Moscow («МСК+2»), not by an
/// abbreviation or an offset from UTC.
const RUSSIAN_ZONES: &[&str] = &[
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "W-SU",
    "Europe/Kirov",
    "Europe/Volgograd",
    "Europe/Astrakhan",
    "Europe/Samara",
    "Europe/Saratov",
    "Europe/Ulyanovsk",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Barnaul",
    "Asia/Novosibirsk",
    "Asia/Tomsk",
    "Asia/Novokuznetsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Chita",
    "Asia/Yakutsk",
    "Asia/Khandyga",
    "Asia/Vladivostok",
    "Asia/Ust-Nera",
    "Asia/Magadan",
    "Asia/Sakhalin",
    "Asia/Srednekolymsk",
    "Asia/Kamchatka",
    "Asia/Anadyr",
];

/// Hours and minutes east of a reference, with a true minus sign: "+2", "−1", "+5:30"; empty
/// for none.
fn signed_hours(seconds: i32) -> String {
    if seconds == 0 {
        return String::new();
    }
    let sign = if seconds < 0 { '\u{2212}' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    if minutes == 0 {
        format!("{sign}{hours}")
    } else {
        format!("{sign}{hours}:{minutes:02}")
    }
}

/// The name of `tz`'s clock at `at`, as a reader of the language writes it: «МСК+2» / "MSK+2"
/// for Russian zones, the abbreviation for zones that have a lettered one ("CET", "GMT"),
/// else the offset ("UTC+4"). Only a reader in UTC reads "UTC".
pub fn zone_name(tz: Tz, at: DateTime<Utc>, english: bool) -> String {
    let local = at.with_timezone(&tz);
    let offset = local.offset().fix().local_minus_utc();
    let abbreviation = local.offset().abbreviation().unwrap_or_default();
    if RUSSIAN_ZONES.contains(&tz.name()) || abbreviation == "MSK" {
        let moscow = at
            .with_timezone(&chrono_tz::Europe::Moscow)
            .offset()
            .fix()
            .local_minus_utc();
        let msk = if english { "MSK" } else { "МСК" };
        return format!("{msk}{}", signed_hours(offset - moscow));
    }
    let lettered =
        !abbreviation.is_empty() && abbreviation.chars().all(|c| c.is_ascii_alphabetic());
    if lettered && (offset == 0 || abbreviation != "UTC") {
        abbreviation.to_owned()
    } else {
        format!("UTC{}", signed_hours(offset))
    }
}

const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-12-15` → «15 декабря 2026» (the month in the genitive) or "15 December 2026".
pub fn format_date(day: NaiveDate, english: bool) -> String {
    let months = if english { &MONTHS_EN } else { &MONTHS_RU };
    let month = months[day.month0() as usize];
    format!("{} {month} {}", day.day(), day.year())
}

/// `2026-12-15T08:00:00Z` in Moscow → «15 декабря 2026, 11:00 МСК» or
/// "15 December 2026, 11:00 MSK": the day and the hour on the reader's clock, and its name.
pub fn format_time(at: DateTime<Utc>, tz: Tz, english: bool) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{}, {} {}",
        format_date(local.date_naive(), english),
        local.format("%H:%M"),
        zone_name(tz, at, english)
    )
}

fn context_zone(state: &State) -> Tz {
    state
        .lookup("tz")
        .and_then(|v| v.as_str().and_then(zone))
        .unwrap_or(crate::agency::model::DEFAULT_ZONE)
}

fn english(state: &State) -> bool {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(|s| s == "en"))
        == Some(true)
}

/// Reads an RFC 3339 timestamp or a naive `YYYY-MM-DDTHH:MM[:SS]` one taken as UTC.
fn parse(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Some(at.with_timezone(&Utc));
    }
    let trimmed = value.trim_end_matches('Z');
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(trimmed, f).ok())
    .map(|naive| naive.and_utc())
}

/// The template filter `localtime`; anything that is not a timestamp is shown as it is.
pub fn localtime(state: &State, value: String) -> String {
    match parse(&value) {
        Some(at) => format_time(at, context_zone(state), english(state)),
        None => value,
    }
}

/// The template filter `localdate`: a day, or the day of a timestamp in the reader's zone.
pub fn localdate(state: &State, value: String) -> String {
    let english = english(state);
    if let Ok(day) = NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
        return format_date(day, english);
    }
    match parse(&value) {
        Some(at) => format_date(at.with_timezone(&context_zone(state)).date_naive(), english),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        parse(text).unwrap()
    }

    #[test]
    fn a_utc_timestamp_is_shown_on_the_moscow_clock_with_the_month_in_the_genitive() {
        let when = at("2026-12-15T08:00:00Z");
        assert_eq!(
            format_time(when, chrono_tz::Europe::Moscow, false),
            "15 декабря 2026, 11:00 МСК"
        );
        assert_eq!(
            format_time(when, chrono_tz::Europe::Moscow, true),
            "15 December 2026, 11:00 MSK"
        );
    }

    #[test]
    fn russian_zones_are_named_against_moscow_in_both_languages() {
        let when = at("2026-12-15T08:00:00Z");
        assert_eq!(
            format_time(when, chrono_tz::Asia::Yekaterinburg, false),
            "15 декабря 2026, 13:00 МСК+2"
        );
        assert_eq!(
            zone_name(chrono_tz::Asia::Yekaterinburg, when, true),
            "MSK+2"
        );
        assert_eq!(
            zone_name(chrono_tz::Europe::Kaliningrad, when, false),
            "МСК\u{2212}1"
        );
        assert_eq!(zone_name(chrono_tz::Europe::Samara, when, false), "МСК+1");
        assert_eq!(zone_name(chrono_tz::Asia::Kamchatka, when, true), "MSK+9");
        // Every zone offered on the profile that is in Russia reads against Moscow.
        for name in ZONES.iter().filter(|z| RUSSIAN_ZONES.contains(z)) {
            assert!(
                zone_name(zone(name).unwrap(), when, false).starts_with("МСК"),
                "{name}"
            );
        }
    }

    #[test]
    fn other_zones_read_by_abbreviation_or_offset_and_never_as_bare_utc() {
        let winter = at("2026-12-15T08:00:00Z");
        let summer = at("2026-07-15T08:00:00Z");
        assert_eq!(zone_name(chrono_tz::Europe::Berlin, winter, true), "CET");
        assert_eq!(zone_name(chrono_tz::Europe::Berlin, summer, false), "CEST");
        assert_eq!(zone_name(chrono_tz::Europe::London, winter, true), "GMT");
        assert_eq!(zone_name(chrono_tz::Asia::Dubai, winter, true), "UTC+4");
        assert_eq!(zone_name(chrono_tz::Asia::Kolkata, winter, false), "IST");
        assert_eq!(
            zone_name(chrono_tz::Asia::Kathmandu, winter, true),
            "UTC+5:45"
        );
        assert_eq!(zone_name(chrono_tz::America::St_Johns, winter, true), "NST");
        assert_eq!(zone_name(chrono_tz::Europe::Minsk, winter, false), "UTC+3");
        assert_eq!(zone_name(chrono_tz::UTC, winter, true), "UTC");
        for name in ZONES.iter().filter(|z| **z != "UTC") {
            for when in [winter, summer] {
                let text = format_time(when, zone(name).unwrap(), false);
                assert!(!text.ends_with(" UTC"), "{name}: {text}");
            }
        }
    }

    #[test]
    fn the_local_day_is_the_readers_day() {
        // 22:05 UTC on 29 November is already 30 November in Vladivostok.
        assert_eq!(
            format_time(
                at("2026-11-29T22:05:00+00:00"),
                chrono_tz::Asia::Vladivostok,
                true
            ),
            "30 November 2026, 08:05 MSK+7"
        );
    }

    #[test]
    fn a_day_is_written_the_same_way_in_every_month() {
        let day = NaiveDate::from_ymd_opt(2030, 5, 1).unwrap();
        assert_eq!(format_date(day, true), "1 May 2030");
        assert_eq!(format_date(day, false), "1 мая 2030");
        let all: Vec<String> = (1..=12)
            .map(|m| format_date(NaiveDate::from_ymd_opt(2026, m, 3).unwrap(), false))
            .collect();
        assert_eq!(all[0], "3 января 2026");
        assert_eq!(all[11], "3 декабря 2026");
    }

    #[test]
    fn every_zone_offered_on_the_profile_is_a_real_zone() {
        assert!(ZONES.iter().all(|z| zone(z).is_some()));
        assert!(zone(DEFAULT_ZONE).is_some());
        assert!(zone("Mars/Olympus").is_none());
        assert!(RUSSIAN_ZONES.iter().all(|z| zone(z).is_some()));
        assert_eq!(
            zone_or("Mars/Olympus", chrono_tz::Asia::Omsk),
            chrono_tz::Asia::Omsk
        );
    }
}
