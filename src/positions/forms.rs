//! What the grade band form sends. Numbers arrive as text so that a typo is a field message,
//! not a rejected request.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct BandForm {
    #[serde(default)]
    pub salary_min: String,
    #[serde(default)]
    pub salary_max: String,
    #[serde(default)]
    pub currency: String,
}

/// "180 000" or "180000" → 180000; anything else → None.
pub fn parse_amount(text: &str) -> Option<i64> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn amounts_may_be_typed_with_spaces_between_thousands() {
        assert_eq!(parse_amount("180 000"), Some(180_000));
        assert_eq!(parse_amount(" 90000 "), Some(90_000));
        assert_eq!(parse_amount("90k"), None);
        assert_eq!(parse_amount(""), None);
    }
}
