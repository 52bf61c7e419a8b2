//! Contacts as people type them, made comparable: the same email or phone must never make a
//! second person (DOMAIN.md), however it was written.

/// `  Anna@Mail.RU ` → `anna@mail.ru`; `None` when it is not an email address.
pub fn normalize_email(text: &str) -> Option<String> {
    let email = text.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && email.matches('@').count() == 1
        && email.len() <= 254;
    valid.then_some(email)
}

/// `8 (916) 123-45-67` and `+7 916 123 45 67` → `+79161234567`; other countries keep their
/// digits after a `+`. `None` when there are too few or too many digits for a phone number.
pub fn normalize_phone(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-().\u{a0}".contains(c)))
    {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if !(10..=15).contains(&digits.len()) {
        return None;
    }
    // A Russian number without its country code, or with the domestic 8 in front of it.
    let international = match (digits.len(), digits.as_bytes()[0]) {
        (10, b'9') => format!("7{digits}"),
        (11, b'8') => format!("7{}", &digits[1..]),
        _ => digits,
    };
    Some(format!("+{international}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_compared_in_lower_case_without_spaces() {
        assert_eq!(
            normalize_email("  Anna.Petrova@Mail.RU "),
            Some("anna.petrova@mail.ru".into())
        );
        assert_eq!(normalize_email("anna@localhost"), None);
        assert_eq!(normalize_email("anna petrova@mail.ru"), None);
        assert_eq!(normalize_email("@mail.ru"), None);
        assert_eq!(normalize_email("a@@mail.ru"), None);
    }

    #[test]
    fn a_russian_number_is_the_same_however_it_is_written() {
        let expected = Some("+79161234567".to_owned());
        assert_eq!(normalize_phone("8 (916) 123-45-67"), expected);
        assert_eq!(normalize_phone("+7 916 123 45 67"), expected);
        assert_eq!(normalize_phone("9161234567"), expected);
        assert_eq!(
            normalize_phone("+44 20 7946 0958"),
            Some("+442079460958".into())
        );
    }

    #[test]
    fn things_that_are_not_phone_numbers_are_refused() {
        assert_eq!(normalize_phone("123"), None);
        assert_eq!(normalize_phone("call me"), None);
        assert_eq!(normalize_phone("+7 916 123 45 67 ext 5"), None);
    }
}
