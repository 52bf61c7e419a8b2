//! Dates and times as the reader expects them: timestamps (stored in UTC) shown in the user's
//! time zone, day and month in the order of the page's language.
//!
//! Templates call `{{ at | localtime }}` and `{{ day | localdate }}`; the zone comes from the
//! page context (`tz`: the user's setting, else the browser's, else Moscow).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use minijinja::State;

/// The zone used when neither the user nor their browser has said: where the agencies work.
pub const DEFAULT_ZONE: &str = "Europe/Moscow";

/// The zone of people without one of their own (candidates, referees) until the agency sets
/// its own: the same as [`DEFAULT_ZONE`].
pub const AGENCY_ZONE: chrono_tz::Tz = chrono_tz::Europe::Moscow;

/// A person's zone by its IANA name, or the agency's when the name is not one.
pub fn zone_or_agency(name: &str) -> chrono_tz::Tz {
    zone(name).unwrap_or(AGENCY_ZONE)
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

fn context_zone(state: &State) -> Tz {
    state
        .lookup("tz")
        .and_then(|v| v.as_str().and_then(zone))
        .unwrap_or(chrono_tz::Europe::Moscow)
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

/// `2026-11-29T14:05:00Z` → "29.11.2026 17:05 MSK" (ru) or "29 Nov 2026, 17:05 MSK" (en).
pub fn format_time(at: DateTime<Utc>, tz: Tz, english: bool) -> String {
    let local = at.with_timezone(&tz);
    if english {
        local.format("%-d %b %Y, %H:%M %Z").to_string()
    } else {
        local.format("%d.%m.%Y %H:%M %Z").to_string()
    }
}

/// `2026-11-29` → "29.11.2026" (ru) or "29 Nov 2026" (en).
pub fn format_date(day: NaiveDate, english: bool) -> String {
    if english {
        day.format("%-d %b %Y").to_string()
    } else {
        day.format("%d.%m.%Y").to_string()
    }
}

/// The template filter `localtime`; anything that is not a timestamp is shown as it is.
pub fn localtime(state: &State, value: String) -> String {
    match parse(&value) {
        Some(at) => format_time(at, context_zone(state), english(state)),
        None => value,
    }
}

/// The template filter `localdate`: a day, or the day of a timestamp in the user's zone.
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

    #[test]
    fn a_utc_timestamp_is_shown_on_the_moscow_clock_in_russian_order() {
        let at = parse("2026-11-29T14:05:00Z").unwrap();
        assert_eq!(
            format_time(at, chrono_tz::Europe::Moscow, false),
            "29.11.2026 17:05 MSK"
        );
    }

    #[test]
    fn english_readers_get_the_month_by_name_and_their_own_zone() {
        let at = parse("2026-11-29T14:05:00+00:00").unwrap();
        assert_eq!(
            format_time(at, chrono_tz::Asia::Vladivostok, true),
            "30 Nov 2026, 00:05 +10"
        );
        let day = NaiveDate::from_ymd_opt(2030, 4, 1).unwrap();
        assert_eq!(format_date(day, true), "1 Apr 2030");
        assert_eq!(format_date(day, false), "01.04.2030");
    }

    #[test]
    fn every_zone_offered_on_the_profile_is_a_real_zone() {
        assert!(ZONES.iter().all(|z| zone(z).is_some()));
        assert!(zone(DEFAULT_ZONE).is_some());
        assert!(zone("Mars/Olympus").is_none());
    }
}
