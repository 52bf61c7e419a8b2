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

/// The position form. Every field arrives as text and is checked by the operation, so a typo
/// comes back as a message beside its field.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
pub struct PositionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub reports_to: String,
    #[serde(default)]
    pub headcount: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub duties: String,
    #[serde(default)]
    pub requirements: String,
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub kpis: String,
    #[serde(default)]
    pub target_date: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub city: String,
    /// `office`, `hybrid`, `remote`, or empty for "not said".
    #[serde(default)]
    pub work_format: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub reports_to_en: String,
    #[serde(default)]
    pub company_en: String,
    #[serde(default)]
    pub role_en: String,
    #[serde(default)]
    pub duties_en: String,
    #[serde(default)]
    pub requirements_en: String,
    #[serde(default)]
    pub conditions_en: String,
    #[serde(default)]
    pub kpis_en: String,
    /// `account`, `account_project` or `sales_account`.
    #[serde(default)]
    pub role_variant: String,
    /// `preview` from the Preview button: show the form again with the texts rendered, save
    /// nothing.
    #[serde(default)]
    pub action: String,
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    pub action: String,
    /// `1` from a confirmation's button: cancelling asks first.
    #[serde(default)]
    pub confirmed: String,
    /// `1` from a confirmation's Back: the page again as it was.
    #[serde(default)]
    pub edit: String,
}

#[derive(Debug, Deserialize)]
pub struct PositionFilter {
    pub status: Option<String>,
    pub page: Option<u64>,
}
