//! The rules of the agency's values list: short codes in Latin letters that stay the same
//! while the name is edited, names that are present and distinct, themes from the question
//! bank, and a list short enough for one interview to ask about every value.

/// One value as proposed, before it is stored.
pub struct Proposed<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub theme: Option<&'a str>,
}

/// More values than this cannot each get a block in an hour with the CEO.
pub const MAX_VALUES: usize = 12;
/// Longest code, in characters.
pub const CODE_MAX: usize = 40;

/// What is wrong with one field of one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not 1–40 Latin lower-case letters, digits and underscores, starting with a letter.
    CodeFormat,
    /// Another value earlier in the list has this code.
    CodeDuplicate,
    NameMissing,
    /// Another value earlier in the list has this name (case aside).
    NameDuplicate,
    ThemeUnknown,
}

impl Problem {
    /// The locale key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            Problem::CodeFormat => "field-value-code",
            Problem::CodeDuplicate => "field-value-code-taken",
            Problem::NameMissing => "field-required",
            Problem::NameDuplicate => "field-value-name-taken",
            Problem::ThemeUnknown => "field-value-theme",
        }
    }
}

pub fn code_is_valid(code: &str) -> bool {
    code.len() <= CODE_MAX
        && code.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Every problem of the list as (index, field, problem); the field is `code`, `name` or `theme`.
pub fn check(values: &[Proposed<'_>], themes: &[&str]) -> Vec<(usize, &'static str, Problem)> {
    let mut problems = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let earlier = &values[..i];
        if !code_is_valid(v.code) {
            problems.push((i, "code", Problem::CodeFormat));
        } else if earlier.iter().any(|e| e.code == v.code) {
            problems.push((i, "code", Problem::CodeDuplicate));
        }
        let name = v.name.trim();
        if name.is_empty() {
            problems.push((i, "name", Problem::NameMissing));
        } else if earlier
            .iter()
            .any(|e| e.name.trim().to_lowercase() == name.to_lowercase())
        {
            problems.push((i, "name", Problem::NameDuplicate));
        }
        if v.theme.is_some_and(|t| !themes.contains(&t)) {
            problems.push((i, "theme", Problem::ThemeUnknown));
        }
    }
    problems
}

/// The codes of `before` that `after` no longer has.
pub fn removed<'a>(before: &'a [String], after: &[&str]) -> Vec<&'a str> {
    before
        .iter()
        .map(String::as_str)
        .filter(|code| !after.contains(code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(code: &'a str, name: &'a str) -> Proposed<'a> {
        Proposed {
            code,
            name,
            theme: None,
        }
    }

    #[test]
    fn a_code_is_latin_lower_case_and_starts_with_a_letter() {
        assert!(code_is_valid("client_first"));
        assert!(code_is_valid("v2"));
        assert!(!code_is_valid(""));
        assert!(!code_is_valid("2fast"));
        assert!(!code_is_valid("Client"));
        assert!(!code_is_valid("клиент"));
        assert!(!code_is_valid(&"a".repeat(41)));
    }

    #[test]
    fn the_second_value_with_a_code_already_used_is_refused_not_the_first() {
        let problems = check(&[value("care", "Забота"), value("care", "Честность")], &[]);
        assert_eq!(problems, vec![(1, "code", Problem::CodeDuplicate)]);
    }

    #[test]
    fn a_value_needs_a_name_and_names_differ_beyond_letter_case() {
        let problems = check(
            &[
                value("a", "Честность"),
                value("b", " честность "),
                value("c", "  "),
            ],
            &[],
        );
        assert_eq!(
            problems,
            vec![
                (1, "name", Problem::NameDuplicate),
                (2, "name", Problem::NameMissing)
            ]
        );
    }

    #[test]
    fn a_theme_must_be_one_the_question_bank_knows() {
        let mut v = value("care", "Забота");
        v.theme = Some("astrology");
        assert_eq!(
            check(&[v], &["ownership"]),
            vec![(0, "theme", Problem::ThemeUnknown)]
        );
        let mut v = value("care", "Забота");
        v.theme = Some("ownership");
        assert!(check(&[v], &["ownership"]).is_empty());
    }

    #[test]
    fn removed_lists_the_codes_the_new_list_drops() {
        let before = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(removed(&before, &["c", "a", "d"]), vec!["b"]);
    }
}
