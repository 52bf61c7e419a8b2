//! Salary bands: what a grade is paid, in whole currency units (no kopecks), min ≤ max, both > 0,
//! and the pay line a candidate reads.

use serde::Serialize;

use super::money::{self, Style};

/// The monthly pay a vacancy or a job page states, as each language writes it: «от 90 000 до
/// 150 000 ₽ в месяц до вычета налогов» (never "RUB" in Russian) or "RUB 90,000–150,000 a
/// month before tax". Bands are gross monthly figures (seed-data/grades.toml).
pub fn salary_range(min: i64, max: i64, currency: &str, style: Style) -> String {
    let figures = money::range(min, max, currency, style);
    match style {
        Style::Russian => format!("{figures} в месяц до вычета налогов"),
        Style::English => format!("{figures} a month before tax"),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SalaryBand {
    pub min: i64,
    pub max: i64,
    pub currency: String,
}

/// What is wrong with a proposed band; each names the field it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandError {
    MinNotPositive,
    MaxNotPositive,
    MinAboveMax,
    UnknownCurrency,
}

impl BandError {
    pub fn field(self) -> &'static str {
        match self {
            BandError::MinNotPositive | BandError::MinAboveMax => "salary_min",
            BandError::MaxNotPositive => "salary_max",
            BandError::UnknownCurrency => "currency",
        }
    }
}

impl SalaryBand {
    /// Checks every rule at once, so a form can show all its problems together.
    pub fn new(min: i64, max: i64, currency: &str) -> Result<Self, Vec<BandError>> {
        let currency = currency.trim().to_ascii_uppercase();
        let mut errors = Vec::new();
        if min <= 0 {
            errors.push(BandError::MinNotPositive);
        }
        if max <= 0 {
            errors.push(BandError::MaxNotPositive);
        }
        if min > 0 && max > 0 && min > max {
            errors.push(BandError::MinAboveMax);
        }
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            errors.push(BandError::UnknownCurrency);
        }
        if errors.is_empty() {
            Ok(SalaryBand { min, max, currency })
        } else {
            Err(errors)
        }
    }

    pub fn contains(&self, salary: i64) -> bool {
        (self.min..=self.max).contains(&salary)
    }

    /// Where a salary in `currency` falls against the band: `below`, `within` or `above`;
    /// `None` when it is in another currency and cannot be compared.
    pub fn place(&self, salary: i64, currency: &str) -> Option<&'static str> {
        if !currency.trim().eq_ignore_ascii_case(&self.currency) {
            return None;
        }
        Some(if salary < self.min {
            "below"
        } else if salary > self.max {
            "above"
        } else {
            "within"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pay_line_reads_the_russian_way_in_russian_and_the_english_way_in_english() {
        let ru = salary_range(90_000, 150_000, "RUB", Style::Russian);
        assert_eq!(
            ru,
            "от 90\u{a0}000 до 150\u{a0}000\u{a0}₽ в месяц до вычета налогов"
        );
        assert!(!ru.contains("RUB") && !ru.contains("руб"), "{ru}");
        assert_eq!(
            salary_range(90_000, 150_000, "RUB", Style::English),
            "RUB\u{a0}90,000–150,000 a month before tax"
        );
        assert_eq!(
            salary_range(120_000, 120_000, "RUB", Style::Russian),
            "120\u{a0}000\u{a0}₽ в месяц до вычета налогов"
        );
        assert_eq!(
            salary_range(3_000, 4_500, "EUR", Style::English),
            "EUR\u{a0}3,000–4,500 a month before tax"
        );
    }

    #[test]
    fn an_expected_salary_is_placed_below_within_or_above_the_band_in_its_currency() {
        let band = SalaryBand::new(100_000, 150_000, "RUB").unwrap();
        assert_eq!(band.place(90_000, "RUB"), Some("below"));
        assert_eq!(band.place(100_000, "rub"), Some("within"));
        assert_eq!(band.place(150_001, "RUB"), Some("above"));
        assert_eq!(band.place(120_000, "USD"), None);
    }

    #[test]
    fn a_band_needs_positive_ends_in_order() {
        assert_eq!(
            SalaryBand::new(90_000, 140_000, "rub").unwrap().currency,
            "RUB"
        );
        assert_eq!(SalaryBand::new(100, 100, "RUB").map(|b| b.max), Ok(100));
        assert_eq!(
            SalaryBand::new(140_000, 90_000, "RUB"),
            Err(vec![BandError::MinAboveMax])
        );
        assert_eq!(
            SalaryBand::new(0, -5, "RUB"),
            Err(vec![BandError::MinNotPositive, BandError::MaxNotPositive])
        );
    }

    #[test]
    fn a_currency_is_a_three_letter_code() {
        assert_eq!(
            SalaryBand::new(1, 2, "рубли"),
            Err(vec![BandError::UnknownCurrency])
        );
        assert!(SalaryBand::new(1, 2, "EUR").is_ok());
    }

    #[test]
    fn a_band_contains_its_ends() {
        let band = SalaryBand::new(90_000, 140_000, "RUB").unwrap();
        assert!(band.contains(90_000) && band.contains(140_000));
        assert!(!band.contains(140_001));
    }
}
