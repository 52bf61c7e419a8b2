//! The values question bank (seed-data/values.toml): common themes of an agency's values, each
//! with questions for the CEO, probes, what a strong answer sounds like and the red flags.
//! It is reference data the app does not edit, so it is read from the binary rather than
//! copied into the database; a value names its theme by code.

use std::sync::LazyLock;

use serde::Deserialize;

const VALUES: &str = include_str!("../../seed-data/values.toml");

#[derive(Debug, Deserialize)]
struct BankFile {
    theme: Vec<Theme>,
}

#[derive(Debug, Deserialize)]
pub struct Theme {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    pub question: Vec<ThemeQuestion>,
}

#[derive(Debug, Deserialize)]
pub struct ThemeQuestion {
    pub code: String,
    pub text_ru: String,
    pub text_en: String,
    pub probes_ru: Vec<String>,
    pub probes_en: Vec<String>,
    pub strong_ru: String,
    pub strong_en: String,
    pub red_flags_ru: String,
    pub red_flags_en: String,
}

static BANK: LazyLock<Vec<Theme>> = LazyLock::new(|| {
    // The file ships inside the binary and a unit test reads it: it cannot fail at run time.
    toml::from_str::<BankFile>(VALUES)
        .map(|f| f.theme)
        .unwrap_or_default()
});

/// Every theme, in the file's order.
pub fn themes() -> &'static [Theme] {
    &BANK
}

pub fn theme(code: &str) -> Option<&'static Theme> {
    BANK.iter().find(|t| t.code == code)
}

pub fn theme_codes() -> Vec<&'static str> {
    BANK.iter().map(|t| t.code.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_reads_and_covers_at_least_six_themes_with_two_or_three_questions_each() {
        let file: BankFile = toml::from_str(VALUES).expect("seed-data/values.toml reads");
        assert!(file.theme.len() >= 6);
        for t in &file.theme {
            assert!((2..=3).contains(&t.question.len()), "{}", t.code);
            assert!(!t.name_ru.trim().is_empty() && !t.name_en.trim().is_empty());
        }
    }

    #[test]
    fn every_value_question_speaks_both_languages_with_probes_a_strong_answer_and_red_flags() {
        let mut codes = Vec::new();
        for t in themes() {
            for q in &t.question {
                assert!(q.code.starts_with(&format!("{}.", t.code)), "{}", q.code);
                assert!(!codes.contains(&q.code), "{} twice", q.code);
                codes.push(q.code.clone());
                for text in [
                    &q.text_ru,
                    &q.text_en,
                    &q.strong_ru,
                    &q.strong_en,
                    &q.red_flags_ru,
                    &q.red_flags_en,
                ] {
                    assert!(!text.trim().is_empty(), "{}", q.code);
                }
                assert!(!q.probes_ru.is_empty(), "{} has no probes", q.code);
                assert_eq!(q.probes_ru.len(), q.probes_en.len(), "{}", q.code);
            }
        }
    }
}
