//! Amounts of money as each language writes them: Russian groups thousands with a no-break
//! space and puts the sign after («150 000 ₽», «от 90 000 до 150 000 ₽»); English uses commas and
//! puts the currency code first («RUB 150,000», «RUB 90,000–150,000»). One place, so a page, an
//! email, a vacancy and a letter never disagree.

/// The two ways of writing numbers the product knows (Russian is the default everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Russian,
    English,
}

impl Style {
    pub fn english(english: bool) -> Self {
        if english {
            Style::English
        } else {
            Style::Russian
        }
    }
}

/// `150000` → "150 000" (Russian, no-break space) or "150,000" (English).
pub fn amount(value: i64, style: Style) -> String {
    let separator = match style {
        Style::Russian => '\u{a0}',
        Style::English => ',',
    };
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

/// The sign a Russian reader expects after an amount; other codes stay as codes.
fn russian_sign(currency: &str) -> &str {
    match currency {
        "RUB" | "RUR" => "₽",
        "USD" => "$",
        "EUR" => "€",
        other => other,
    }
}

/// `150000, "RUB"` → "150 000 ₽" or "RUB 150,000".
pub fn with_currency(value: i64, currency: &str, style: Style) -> String {
    match style {
        Style::Russian => format!("{}\u{a0}{}", amount(value, style), russian_sign(currency)),
        Style::English => format!("{currency}\u{a0}{}", amount(value, style)),
    }
}

/// A pay range: «от 90 000 до 150 000 ₽» or "RUB 90,000–150,000"; one figure when both ends
/// are the same.
pub fn range(min: i64, max: i64, currency: &str, style: Style) -> String {
    if min == max {
        return with_currency(min, currency, style);
    }
    match style {
        Style::Russian => format!(
            "от {} до {}\u{a0}{}",
            amount(min, style),
            amount(max, style),
            russian_sign(currency)
        ),
        Style::English => format!(
            "{currency}\u{a0}{}–{}",
            amount(min, style),
            amount(max, style)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(amount(180_000, Style::Russian), "180\u{a0}000");
        assert_eq!(amount(1_234_567, Style::English), "1,234,567");
        assert_eq!(amount(999, Style::English), "999");
        assert_eq!(amount(-40_229, Style::Russian), "-40\u{a0}229");
    }

    #[test]
    fn a_range_reads_as_in_russian_job_ads_and_never_says_rub_in_russian() {
        let ru = range(90_000, 150_000, "RUB", Style::Russian);
        assert_eq!(ru, "от 90\u{a0}000 до 150\u{a0}000\u{a0}₽");
        assert!(!ru.contains("RUB"));
        assert_eq!(
            range(90_000, 150_000, "RUB", Style::English),
            "RUB\u{a0}90,000–150,000"
        );
        assert_eq!(
            range(5_000, 5_000, "USD", Style::Russian),
            "5\u{a0}000\u{a0}$"
        );
    }
}
