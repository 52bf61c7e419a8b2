//! Working days by the Russian production calendar: weekends, public holidays and the days the
//! yearly decrees move. Used for time to fill and for due dates in the intern programme.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

const CALENDAR: &str = include_str!("../../seed-data/calendar.toml");

#[derive(Debug, Deserialize)]
struct CalendarFile {
    year: Vec<YearEntry>,
}

/// One year of the calendar as the decree publishes it.
#[derive(Clone, Debug, Deserialize)]
pub struct YearEntry {
    pub year: i32,
    pub decree: String,
    #[serde(default)]
    pub provisional: bool,
    pub days_off: Vec<NaiveDate>,
    pub working_saturdays: Vec<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct ProductionCalendar {
    years: BTreeMap<i32, YearEntry>,
    days_off: HashSet<NaiveDate>,
    working_weekends: HashSet<NaiveDate>,
}

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("the calendar file is malformed: {0}")]
    Malformed(String),
    #[error("{0} is listed as a day off but falls on a weekend")]
    DayOffOnWeekend(NaiveDate),
    #[error("{0} is listed as a working Saturday but is not a weekend day")]
    WorkingDayOnWeekday(NaiveDate),
}

impl ProductionCalendar {
    /// The calendar shipped in seed-data/calendar.toml (2022–2027), parsed once.
    pub fn russian() -> &'static Self {
        static RUSSIAN: LazyLock<ProductionCalendar> = LazyLock::new(|| {
            ProductionCalendar::from_toml(CALENDAR)
                .expect("seed-data/calendar.toml is checked by unit tests")
        });
        &RUSSIAN
    }

    pub fn from_toml(text: &str) -> Result<Self, CalendarError> {
        let file: CalendarFile =
            toml::from_str(text).map_err(|e| CalendarError::Malformed(e.to_string()))?;
        Self::from_years(file.year)
    }

    pub fn from_years(years: Vec<YearEntry>) -> Result<Self, CalendarError> {
        let mut calendar = ProductionCalendar {
            years: BTreeMap::new(),
            days_off: HashSet::new(),
            working_weekends: HashSet::new(),
        };
        for entry in years {
            for day in &entry.days_off {
                if is_weekend(*day) {
                    return Err(CalendarError::DayOffOnWeekend(*day));
                }
                calendar.days_off.insert(*day);
            }
            for day in &entry.working_saturdays {
                if !is_weekend(*day) {
                    return Err(CalendarError::WorkingDayOnWeekday(*day));
                }
                calendar.working_weekends.insert(*day);
            }
            calendar.years.insert(entry.year, entry);
        }
        Ok(calendar)
    }

    pub fn years(&self) -> impl Iterator<Item = &YearEntry> {
        self.years.values()
    }

    /// Outside the years the calendar knows, only weekends are days off.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.working_weekends.contains(&day) {
            return true;
        }
        !is_weekend(day) && !self.days_off.contains(&day)
    }

    /// Working days in `[from, to)`: the same half-open span as calendar days `to - from`, so
    /// a position opened and filled on the same day took 0 of either.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        from.iter_days()
            .take_while(|d| *d < to)
            .filter(|d| self.is_working_day(*d))
            .count() as i64
    }

    /// The date `n` working days after `start` (n = 0: `start` itself if it is a working day,
    /// else the next working day).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn working_days_in_month(calendar: &ProductionCalendar, y: i32, m: u32) -> i64 {
        let next = if m == 12 {
            date(y + 1, 1, 1)
        } else {
            date(y, m + 1, 1)
        };
        calendar.working_days_between(date(y, m, 1), next)
    }

    #[test]
    fn january_2025_has_17_working_days_and_may_2025_has_18() {
        let calendar = ProductionCalendar::russian();
        assert_eq!(working_days_in_month(calendar, 2025, 1), 17);
        assert_eq!(working_days_in_month(calendar, 2025, 5), 18);
    }

    #[test]
    fn march_2026_has_21_working_days_because_8_march_moves_to_monday() {
        let calendar = ProductionCalendar::russian();
        assert_eq!(working_days_in_month(calendar, 2026, 3), 21);
        assert!(!calendar.is_working_day(date(2026, 3, 9)));
    }

    #[test]
    fn the_year_2025_has_247_working_days_and_118_days_off() {
        let calendar = ProductionCalendar::russian();
        let working = calendar.working_days_between(date(2025, 1, 1), date(2026, 1, 1));
        assert_eq!(working, 247);
        assert_eq!(365 - working, 118);
    }

    #[test]
    fn the_new_year_break_2026_runs_from_31_december_to_11_january() {
        let calendar = ProductionCalendar::russian();
        let break_days = date(2025, 12, 31)
            .iter_days()
            .take_while(|d| *d <= date(2026, 1, 11));
        assert!(break_days.into_iter().all(|d| !calendar.is_working_day(d)));
        assert!(calendar.is_working_day(date(2025, 12, 30)));
        assert!(calendar.is_working_day(date(2026, 1, 12)));
    }

    #[test]
    fn a_working_saturday_counts_as_a_working_day() {
        let calendar = ProductionCalendar::russian();
        assert!(calendar.is_working_day(date(2025, 11, 1)));
        assert!(!calendar.is_working_day(date(2025, 11, 3)));
    }

    #[test]
    fn adding_working_days_skips_weekends_and_holidays() {
        let calendar = ProductionCalendar::russian();
        // Thursday 30 April 2025 + 1 working day: 1–4 May are off, so Monday 5 May.
        assert_eq!(
            calendar.add_working_days(date(2025, 4, 30), 1),
            date(2025, 5, 5)
        );
        // Starting on a Saturday begins on the next working day.
        assert_eq!(
            calendar.add_working_days(date(2025, 3, 1), 0),
            date(2025, 3, 3)
        );
    }

    #[test]
    fn spans_that_end_before_they_start_have_no_working_days() {
        let calendar = ProductionCalendar::russian();
        assert_eq!(
            calendar.working_days_between(date(2025, 3, 10), date(2025, 3, 10)),
            0
        );
        assert_eq!(
            calendar.working_days_between(date(2025, 3, 10), date(2025, 3, 1)),
            0
        );
    }

    #[test]
    fn a_day_off_on_a_weekend_is_refused_as_a_data_error() {
        let text = "[[year]]\nyear = 2025\ndecree = \"x\"\ndays_off = [\"2025-01-04\"]\nworking_saturdays = []\n";
        assert!(matches!(
            ProductionCalendar::from_toml(text),
            Err(CalendarError::DayOffOnWeekend(_))
        ));
    }

    #[test]
    fn the_calendar_covers_2022_to_2027_and_marks_2027_provisional() {
        let calendar = ProductionCalendar::russian();
        let years: Vec<i32> = calendar.years().map(|y| y.year).collect();
        assert_eq!(years, vec![2022, 2023, 2024, 2025, 2026, 2027]);
        assert!(
            calendar
                .years()
                .find(|y| y.year == 2027)
                .unwrap()
                .provisional
        );
    }
}
