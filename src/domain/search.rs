//! How what a person types in a search box meets what is stored. Both sides go through
//! [`fold`]: case is ignored and `ё` is `е` (Russian writes either for the same name). A box
//! that holds only digits and phone punctuation is a phone: "555-06" finds +7 900 555-06-12,
//! because stored phones are kept as `+` and digits.

/// Fewest digits that make a phone search; fewer would match half the agency.
pub const PHONE_DIGITS_FROM: usize = 4;

/// Lower case with `ё` read as `е`: the form every searchable text is stored and sought in.
pub fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

/// What to look for, once the typed text is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Needle {
    /// Part of a phone number: its digits, in order.
    Digits(String),
    /// Any other text, folded.
    Text(String),
}

impl Needle {
    /// `None` for a box left empty or holding only spaces.
    pub fn parse(typed: &str) -> Option<Needle> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let phone_like = typed
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c));
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        if phone_like && digits.chars().count() >= PHONE_DIGITS_FROM {
            // A whole Russian number typed with its domestic 8 is stored with 7.
            let digits = super::contacts::normalize_phone(typed)
                .map(|full| full.trim_start_matches('+').to_owned())
                .unwrap_or(digits);
            return Some(Needle::Digits(digits));
        }
        Some(Needle::Text(fold(typed)))
    }

    /// The text a stored, folded search text must contain.
    pub fn as_str(&self) -> &str {
        match self {
            Needle::Digits(digits) => digits,
            Needle::Text(text) => text,
        }
    }

    /// Does this folded text match? For lists small enough to search in memory.
    pub fn matches(&self, folded: &str) -> bool {
        match self {
            Needle::Text(text) => folded.contains(text.as_str()),
            // Digits are sought in the digits of the text, whatever separates them there.
            Needle::Digits(digits) => folded
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .contains(digits.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_yo_are_folded() {
        assert_eq!(fold("Пётр ЁЛКИН"), "петр елкин");
        assert_eq!(fold("Anna@Mail.RU"), "anna@mail.ru");
    }

    #[test]
    fn phone_fragments_are_digits_whatever_separates_them() {
        assert_eq!(
            Needle::parse("555-06"),
            Some(Needle::Digits("55506".into()))
        );
        assert_eq!(
            Needle::parse(" (900) 555 "),
            Some(Needle::Digits("900555".into()))
        );
        assert_eq!(
            Needle::parse("8 916 123-45-67"),
            Some(Needle::Digits("79161234567".into())),
            "a whole number with the domestic 8 is found as stored"
        );
    }

    #[test]
    fn too_few_digits_or_any_letter_is_text() {
        assert_eq!(Needle::parse("555"), Some(Needle::Text("555".into())));
        assert_eq!(
            Needle::parse("Артём 555"),
            Some(Needle::Text("артем 555".into()))
        );
        assert_eq!(Needle::parse("   "), None);
    }

    #[test]
    fn in_memory_matching_follows_the_same_rules() {
        let stored = fold("Семён Ёжиков, +7 900 555-06-12");
        assert!(Needle::parse("семен").unwrap().matches(&stored));
        assert!(Needle::parse("ЁЖИК").unwrap().matches(&stored));
        assert!(Needle::parse("555-06").unwrap().matches(&stored));
        assert!(!Needle::parse("555-07").unwrap().matches(&stored));
    }
}
