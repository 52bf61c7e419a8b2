//! A vacancy text edited by a recruiter quotes the salary band of the day it was written. When
//! the grade's band moves, that text must follow it or say it is stale: these rules remember
//! which band a text quoted and rewrite its figures to the current band.

use super::salary::SalaryBand;

/// The band a text was written against, as stored beside the text: `90000-150000-RUB`.
pub fn stamp(band: &SalaryBand) -> String {
    format!("{}-{}-{}", band.min, band.max, band.currency)
}

/// Reads a stamp back; anything malformed is treated as "unknown", never as an error.
pub fn parse_stamp(stamp: &str) -> Option<SalaryBand> {
    let mut parts = stamp.splitn(3, '-');
    let min = parts.next()?.parse().ok()?;
    let max = parts.next()?.parse().ok()?;
    let currency = parts.next()?.to_owned();
    Some(SalaryBand { min, max, currency })
}

/// A text quoting `written_against` is stale when the current band differs from it. A text with
/// no stamp (none was recorded) is taken as current: there is nothing to compare.
pub fn is_stale(written_against: Option<&str>, current: &SalaryBand) -> bool {
    written_against
        .and_then(parse_stamp)
        .is_some_and(|old| old != *current)
}

/// Characters people and the app put between groups of thousands: a space, the no-break space
/// the app itself writes in Russian, the narrow no-break space, the thin space, and the comma
/// English texts use ("RUB 90,000–150,000").
const GROUP_SEPARATORS: [char; 5] = [' ', '\u{a0}', '\u{202f}', '\u{2009}', ','];

/// Rewrites every figure of `old` in `text` to the matching figure of `new`, keeping how the
/// figure was written (`90 000`, `90000`): one pass, so a new figure that equals an old one is
/// never rewritten twice. Other numbers (dates, percentages, headcounts) are left alone.
pub fn requote(text: &str, old: &SalaryBand, new: &SalaryBand) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if starts_number {
            let (end, value, separator) = read_number(&chars, i);
            let replacement = if value == Some(old.min) {
                Some(new.min)
            } else if value == Some(old.max) {
                Some(new.max)
            } else {
                None
            };
            match replacement {
                Some(figure) => out.push_str(&write_number(figure, separator)),
                None => out.extend(&chars[i..end]),
            }
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    if old.currency != new.currency {
        out = replace_word(&out, &old.currency, &new.currency);
    }
    out
}

/// Reads a number starting at `start`: plain digits, or groups of three after a first group of
/// one to three digits. Returns where it ends, its value and the separator it used.
fn read_number(chars: &[char], start: usize) -> (usize, Option<i64>, Option<char>) {
    let mut end = start;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    let mut digits: String = chars[start..end].iter().collect();
    let mut separator = None;
    if digits.len() <= 3 {
        // Follow groups of exactly three digits joined by one consistent separator.
        while let Some(&sep) = chars.get(end) {
            if !GROUP_SEPARATORS.contains(&sep) || separator.is_some_and(|s| s != sep) {
                break;
            }
            let group = chars.get(end + 1..end + 4);
            let is_group = group.is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !chars.get(end + 4).is_some_and(char::is_ascii_digit);
            if !is_group {
                break;
            }
            digits.extend(&chars[end + 1..end + 4]);
            separator = Some(sep);
            end += 4;
        }
    }
    (end, digits.parse().ok(), separator)
}

fn write_number(value: i64, separator: Option<char>) -> String {
    let digits = value.to_string();
    let Some(separator) = separator else {
        return digits;
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

/// Replaces `word` where it stands alone (not inside a longer word).
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let alone =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if alone { with } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(min: i64, max: i64) -> SalaryBand {
        SalaryBand {
            min,
            max,
            currency: "RUB".into(),
        }
    }

    #[test]
    fn stamps_read_back_and_malformed_ones_are_unknown() {
        let b = band(90_000, 150_000);
        assert_eq!(parse_stamp(&stamp(&b)), Some(b.clone()));
        assert_eq!(parse_stamp("garbage"), None);
        assert!(!is_stale(Some("garbage"), &b));
        assert!(!is_stale(None, &b));
        assert!(is_stale(Some("80000-150000-RUB"), &b));
        assert!(!is_stale(Some("90000-150000-RUB"), &b));
    }

    #[test]
    fn requoting_follows_the_way_each_figure_was_written() {
        let text = "Доход: от 90\u{a0}000 до 150\u{a0}000 RUB. Или 90000–150000. Или 90 000.";
        let new = requote(text, &band(90_000, 150_000), &band(100_000, 180_000));
        assert_eq!(
            new,
            "Доход: от 100\u{a0}000 до 180\u{a0}000 RUB. Или 100000–180000. Или 100 000."
        );
    }

    #[test]
    fn requoting_follows_english_figures_written_with_commas() {
        let text =
            "Pay: RUB\u{a0}90,000–150,000 a month before tax, 3 days in the office, 1, 2, 3.";
        let new = requote(text, &band(90_000, 150_000), &band(100_000, 180_000));
        assert_eq!(
            new,
            "Pay: RUB\u{a0}100,000–180,000 a month before tax, 3 days in the office, 1, 2, 3."
        );
    }

    #[test]
    fn requoting_does_not_touch_other_numbers() {
        let text = "Команда из 12 человек с 2015 года, 190000 клиентов, 1500000 показов.";
        let new = requote(text, &band(90_000, 150_000), &band(100_000, 180_000));
        assert_eq!(new, text);
    }

    #[test]
    fn requoting_swaps_overlapping_bands_in_one_pass() {
        // The new minimum equals the old maximum: a second pass would rewrite it again.
        let text = "от 100 000 до 150 000";
        let new = requote(text, &band(100_000, 150_000), &band(150_000, 200_000));
        assert_eq!(new, "от 150 000 до 200 000");
        let back = requote(
            "от 100 000 до 150 000",
            &band(100_000, 150_000),
            &band(50_000, 100_000),
        );
        assert_eq!(back, "от 50 000 до 100 000");
    }

    #[test]
    fn a_new_currency_replaces_the_old_code_only_where_it_stands_alone() {
        let text = "90 000 RUB, RUBRIC";
        let mut new_band = band(90_000, 150_000);
        new_band.currency = "USD".into();
        assert_eq!(
            requote(text, &band(90_000, 150_000), &new_band),
            "90 000 USD, RUBRIC"
        );
    }
}
