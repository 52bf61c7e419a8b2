//! Where the work is done: in the office, partly at home, or fully remote. Candidates filter the
//! careers site by it and the vacancy text states it, so each format carries its own words in
//! both languages (a label for lists and filters, a line for the vacancy), written here once
//! rather than pasted into sentences in a case that does not fit.

/// How a position is worked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkFormat {
    Office,
    Hybrid,
    Remote,
}

impl WorkFormat {
    pub const ALL: [WorkFormat; 3] = [WorkFormat::Office, WorkFormat::Hybrid, WorkFormat::Remote];

    /// The stored code: `office`, `hybrid` or `remote`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkFormat::Office => "office",
            WorkFormat::Hybrid => "hybrid",
            WorkFormat::Remote => "remote",
        }
    }

    /// A code as sent by a form or the API, ignoring case and surrounding spaces.
    pub fn parse(code: &str) -> Option<WorkFormat> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(code))
    }

    /// A short name for a select box or a filter: «гибрид», "hybrid".
    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (WorkFormat::Office, false) => "офис",
            (WorkFormat::Hybrid, false) => "гибрид",
            (WorkFormat::Remote, false) => "удалённо",
            (WorkFormat::Office, true) => "office",
            (WorkFormat::Hybrid, true) => "hybrid",
            (WorkFormat::Remote, true) => "remote",
        }
    }

    /// What the vacancy says after «Формат работы:» / "Work format:", a complete phrase that
    /// needs no agreement with anything around it.
    pub fn vacancy_line(self, english: bool) -> &'static str {
        match (self, english) {
            (WorkFormat::Office, false) => "в офисе",
            (WorkFormat::Hybrid, false) => "гибрид — часть недели в офисе, часть из дома",
            (WorkFormat::Remote, false) => "удалённо",
            (WorkFormat::Office, true) => "in the office",
            (WorkFormat::Hybrid, true) => {
                "hybrid, part of the week in the office and part from home"
            }
            (WorkFormat::Remote, true) => "remote",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_is_read_from_its_code_in_any_case_and_nothing_else() {
        assert_eq!(WorkFormat::parse(" Hybrid "), Some(WorkFormat::Hybrid));
        assert_eq!(WorkFormat::parse("remote"), Some(WorkFormat::Remote));
        assert_eq!(WorkFormat::parse("гибрид"), None);
        assert_eq!(WorkFormat::parse(""), None);
        for format in WorkFormat::ALL {
            assert_eq!(WorkFormat::parse(format.as_str()), Some(format));
        }
    }

    #[test]
    fn english_words_hold_no_cyrillic_and_russian_words_no_latin() {
        for format in WorkFormat::ALL {
            for english in [format.label(true), format.vacancy_line(true)] {
                assert!(english.is_ascii(), "{english}");
            }
            for russian in [format.label(false), format.vacancy_line(false)] {
                assert!(
                    !russian.chars().any(|c| c.is_ascii_alphabetic()),
                    "{russian}"
                );
            }
        }
    }
}
