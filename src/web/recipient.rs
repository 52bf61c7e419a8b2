//! Whom an email or a page behind a one-time link speaks to: the language they read and the
//! clock they live by. Not the browser's, nor the signed-in session's — a candidate may open
//! their offer on a recruiter's laptop. Users have both settings (`PATCH /me`); candidates and
//! referees have a language and read times in the agency's zone; anyone without a setting gets
//! the agency's.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::agency::Agency;
use crate::domain::money::{self, Style};
use crate::entities::{candidate, user};
use crate::web::dates::{format_date, format_time, zone_or};
use crate::web::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub lang: Lang,
    pub zone: Tz,
}

impl Recipient {
    /// Someone the agency knows nothing more about: its language and zone.
    pub fn of_agency(agency: &Agency) -> Self {
        Self {
            lang: agency.default_lang,
            zone: agency.zone(),
        }
    }

    /// Someone with a language and a zone setting (codes as stored); the agency's stand in for
    /// an unknown one.
    pub fn by_settings(lang: &str, timezone: &str, agency: &Agency) -> Self {
        Self {
            lang: Lang::parse(lang).unwrap_or(agency.default_lang),
            zone: zone_or(timezone, agency.zone()),
        }
    }

    /// A user, by their own settings.
    pub fn of_user(person: &user::Model, agency: &Agency) -> Self {
        Self::by_settings(&person.lang, &person.timezone, agency)
    }

    /// A candidate (and their referees): their language, the agency's clock.
    pub fn of_candidate(person: &candidate::Model, agency: &Agency) -> Self {
        Self {
            lang: Lang::parse(&person.lang).unwrap_or(agency.default_lang),
            zone: agency.zone(),
        }
    }

    pub fn english(&self) -> bool {
        self.lang == Lang::En
    }

    /// A moment on their clock, with its name: «15 декабря 2026, 11:00 МСК».
    pub fn time(&self, at: DateTime<Utc>) -> String {
        format_time(at, self.zone, self.english())
    }

    /// A day as they write it: «15 декабря 2026».
    pub fn date(&self, day: NaiveDate) -> String {
        format_date(day, self.english())
    }

    /// An amount as they write it: «150 000 ₽» or "RUB 150,000".
    pub fn money(&self, value: i64, currency: &str) -> String {
        money::with_currency(value, currency, Style::english(self.english()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_reads_in_their_own_language_and_zone_and_the_agencys_where_unset() {
        let agency = Agency {
            default_lang: Lang::En,
            time_zone: "Asia/Omsk".into(),
            ..Agency::default()
        };
        let own = Recipient::by_settings("ru", "Asia/Yekaterinburg", &agency);
        assert_eq!(own.lang, Lang::Ru);
        assert_eq!(own.zone, chrono_tz::Asia::Yekaterinburg);
        let unset = Recipient::by_settings("", "Mars/Olympus", &agency);
        assert_eq!(unset, Recipient::of_agency(&agency));
    }

    #[test]
    fn times_days_and_amounts_come_out_one_way_per_language() {
        let ru = Recipient {
            lang: Lang::Ru,
            zone: chrono_tz::Asia::Yekaterinburg,
        };
        let en = Recipient {
            lang: Lang::En,
            zone: chrono_tz::Europe::Moscow,
        };
        let at = "2026-12-15T08:00:00Z".parse().unwrap();
        assert_eq!(ru.time(at), "15 декабря 2026, 13:00 МСК+2");
        assert_eq!(en.time(at), "15 December 2026, 11:00 MSK");
        assert_eq!(ru.money(150_000, "RUB"), "150\u{a0}000\u{a0}₽");
        assert_eq!(en.money(150_000, "RUB"), "RUB\u{a0}150,000");
        let day = NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
        assert_eq!(en.date(day), "11 January 2027");
    }
}
