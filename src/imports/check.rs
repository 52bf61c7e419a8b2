//! One line of an import checked the way the candidate form checks a person: a name, an email
//! and phone that can be read (normalised as `domain::contacts` does), a salary that is a
//! number. Each problem is a message key beside its field. Pure, no I/O.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::reader::Column;
use super::vocabulary::Vocabulary;
use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::domain::text::{self, TextKind, TextProblem};

/// A message about one field of one line: the field and the locale key of the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub field: String,
    pub key: String,
}

/// A line's values, cleaned, and what is wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckedRow {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub expected_salary: Option<i64>,
    pub currency: Option<String>,
    pub links: Option<String>,
    pub source: Option<String>,
    /// The stage the file names (its code), for the preview.
    pub stage: Option<String>,
    pub errors: Vec<RowError>,
}

fn error(field: &str, key: &str) -> RowError {
    RowError {
        field: field.to_owned(),
        key: key.to_owned(),
    }
}

/// `150 000`, `150000 руб.`, `2 500 $` → the amount and the currency it names, if any.
pub fn parse_salary(text: &str) -> Option<(i64, Option<&'static str>)> {
    let lower = text.to_lowercase();
    let mut rest = lower.clone();
    let mut currency = None;
    for (marks, code) in [
        (&["руб.", "руб", "р.", "₽", "rub"][..], "RUB"),
        (&["usd", "$"][..], "USD"),
        (&["eur", "€"][..], "EUR"),
    ] {
        for mark in marks {
            if rest.contains(mark) {
                rest = rest.replace(mark, " ");
                currency = Some(code);
            }
        }
    }
    let compact: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let whole = compact
        .split_once(['.', ','])
        .filter(|(_, cents)| cents.chars().all(|c| c == '0'))
        .map_or(compact.as_str(), |(whole, _)| whole);
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 12 {
        return None;
    }
    whole.parse().ok().map(|n| (n, currency))
}

/// A job board's word for where the person came from, as one of our source codes: our own
/// codes and labels (in either language) first, then the words job boards use.
pub fn map_source(text: &str) -> &'static str {
    if let Some(code) = Vocabulary::Source.code_of(text) {
        return code;
    }
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "hh",
        "headhunter",
        "superjob",
        "habr",
        "работа",
        "job board",
        "linkedin",
        "avito",
    ]) {
        "job_board"
    } else if has(&["рекоменд", "referral", "реферал"]) {
        "referral"
    } else if has(&["агентств", "agency"]) {
        "agency"
    } else if has(&["сайт", "career", "карьер", "job page"]) {
        "job_page"
    } else if has(&["поиск", "search", "sourcing"]) {
        "cold_search"
    } else {
        "other"
    }
}

/// The message key for a cell that breaks the rules of its kind (`domain::text`), if any.
fn text_problem(kind: TextKind, value: &str) -> Option<&'static str> {
    match text::check(kind, value).err()? {
        TextProblem::TooLong { .. } => Some("import-field-too-long"),
        TextProblem::ControlCharacter if kind != TextKind::Text => Some("text-one-line"),
        problem => Some(problem.key()),
    }
}

fn limited(
    cells: &BTreeMap<Column, String>,
    column: Column,
    kind: TextKind,
    errors: &mut Vec<RowError>,
) -> Option<String> {
    let value = cells.get(&column)?.clone();
    if let Some(key) = text_problem(kind, &value) {
        errors.push(error(column.field(), key));
    }
    Some(value)
}

/// Checks one line's cells.
pub fn check_row(cells: &BTreeMap<Column, String>) -> CheckedRow {
    let mut errors = Vec::new();
    let full_name = cells.get(&Column::FullName).cloned().unwrap_or_default();
    if full_name.is_empty() {
        errors.push(error("full_name", "import-name-missing"));
    } else if let Some(key) = text_problem(TextKind::Line, &full_name) {
        errors.push(error("full_name", key));
    }
    let email = cells.get(&Column::Email).and_then(|text| {
        let normalized = normalize_email(text);
        if normalized.is_none() {
            errors.push(error("email", "import-email-invalid"));
        }
        normalized
    });
    let phone = cells.get(&Column::Phone).and_then(|text| {
        let normalized = normalize_phone(text);
        if normalized.is_none() {
            errors.push(error("phone", "import-phone-invalid"));
        }
        normalized
    });
    let mut currency = None;
    let expected_salary =
        cells
            .get(&Column::ExpectedSalary)
            .and_then(|text| match parse_salary(text) {
                Some((amount, _)) if amount <= 0 => {
                    errors.push(error("expected_salary", "import-salary-invalid"));
                    None
                }
                Some((amount, named)) => {
                    currency = named.map(str::to_owned);
                    Some(amount)
                }
                None => {
                    errors.push(error("expected_salary", "import-salary-invalid"));
                    None
                }
            });
    if let Some(code) = cells.get(&Column::Currency) {
        let code = code.trim().to_uppercase();
        let code = match code.as_str() {
            "РУБ" | "РУБ." | "₽" | "RUR" => "RUB".to_owned(),
            _ => code,
        };
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            currency = Some(code);
        } else {
            errors.push(error("currency", "import-currency-invalid"));
        }
    }
    let stage = cells
        .get(&Column::Stage)
        .and_then(|text| match Vocabulary::Stage.code_of(text) {
            Some(code) => Some(code.to_owned()),
            None => {
                errors.push(error("stage", "csv-stage-invalid"));
                None
            }
        });
    if expected_salary.is_some() && currency.is_none() {
        currency = Some("RUB".to_owned());
    }
    CheckedRow {
        current_title: limited(cells, Column::Title, TextKind::Line, &mut errors),
        current_company: limited(cells, Column::Company, TextKind::Line, &mut errors),
        links: limited(cells, Column::Link, TextKind::Text, &mut errors),
        source: cells.get(&Column::Source).map(|s| map_source(s).to_owned()),
        stage,
        full_name,
        email,
        phone,
        expected_salary,
        currency,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(Column, &str)]) -> BTreeMap<Column, String> {
        pairs.iter().map(|(c, v)| (*c, (*v).to_owned())).collect()
    }

    #[test]
    fn a_good_line_is_normalised_like_the_candidate_form() {
        let row = check_row(&cells(&[
            (Column::FullName, "Анна Петрова"),
            (Column::Email, " Anna@Mail.RU"),
            (Column::Phone, "8 (916) 123-45-67"),
            (Column::ExpectedSalary, "150 000 руб."),
            (Column::Source, "hh.ru"),
        ]));
        assert!(row.errors.is_empty(), "{:?}", row.errors);
        assert_eq!(row.email.as_deref(), Some("anna@mail.ru"));
        assert_eq!(row.phone.as_deref(), Some("+79161234567"));
        assert_eq!(row.expected_salary, Some(150_000));
        assert_eq!(row.currency.as_deref(), Some("RUB"));
        assert_eq!(row.source.as_deref(), Some("job_board"));
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let row = check_row(&cells(&[
            (Column::Email, "anna at mail"),
            (Column::ExpectedSalary, "a lot"),
        ]));
        let fields: Vec<&str> = row.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["full_name", "email", "expected_salary"]);
    }

    #[test]
    fn a_name_that_would_forge_an_email_header_is_refused_on_its_line() {
        let row = check_row(&cells(&[
            (Column::FullName, "Eve\r\nBcc: x@example.com"),
            (Column::Title, "\u{202E}reganam"),
        ]));
        let found: Vec<(&str, &str)> = row
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.key.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("full_name", "text-one-line"),
                ("current_title", "text-bidi-control")
            ]
        );
    }

    #[test]
    fn salaries_are_read_with_spaces_cents_and_currency_marks() {
        assert_eq!(parse_salary("180 000"), Some((180_000, None)));
        assert_eq!(parse_salary("2500 $"), Some((2500, Some("USD"))));
        assert_eq!(parse_salary("90000.00"), Some((90_000, None)));
        assert_eq!(parse_salary("90k"), None);
        assert_eq!(parse_salary("от 100 до 200"), None);
    }

    #[test]
    fn our_own_source_labels_read_back_in_both_languages() {
        assert_eq!(map_source("Сайт вакансий"), "job_board");
        assert_eq!(map_source("Наша страница вакансии"), "job_page");
        assert_eq!(map_source("our job page"), "job_page");
        assert_eq!(map_source("Активный поиск"), "cold_search");
        assert_eq!(map_source("AGENCY"), "agency");
    }

    #[test]
    fn a_stage_is_read_as_its_code_and_an_unknown_one_is_an_error() {
        let row = check_row(&cells(&[
            (Column::FullName, "Анна"),
            (Column::Stage, "ВСТРЕЧА С ГЕНЕРАЛЬНЫМ ДИРЕКТОРОМ"),
        ]));
        assert_eq!(row.stage.as_deref(), Some("ceo_interview"));
        assert!(row.errors.is_empty());
        let row = check_row(&cells(&[
            (Column::FullName, "Анна"),
            (Column::Stage, "думает"),
        ]));
        assert_eq!(row.stage, None);
        assert_eq!(row.errors, [error("stage", "csv-stage-invalid")]);
    }

    #[test]
    fn unknown_sources_become_other() {
        assert_eq!(map_source("referral"), "referral");
        assert_eq!(map_source("Рекомендация коллеги"), "referral");
        assert_eq!(map_source("газета"), "other");
    }
}
