//! The coded values a file carries (sources, stages): written out as the reader's words,
//! read back from either language's words or the code itself, whatever the case, so that a
//! file exported here, edited by hand or not, imports back to the same codes. Pure.

use crate::domain::pipeline::Stage;
use crate::recruitment::pipeline::SOURCES;
use crate::web::i18n::Lang;

/// A list of codes that leaves the app as labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    Source,
    Stage,
}

const STAGES: [Stage; 9] = [
    Stage::LongList,
    Stage::ShortList,
    Stage::References,
    Stage::CeoInterview,
    Stage::Offer,
    Stage::Hired,
    Stage::Started,
    Stage::Rejected,
    Stage::Withdrawn,
];

impl Vocabulary {
    pub const ALL: [Vocabulary; 2] = [Vocabulary::Source, Vocabulary::Stage];

    /// Every code of the list.
    pub fn codes(self) -> Vec<&'static str> {
        match self {
            Vocabulary::Source => SOURCES.to_vec(),
            Vocabulary::Stage => STAGES.iter().map(|s| s.as_str()).collect(),
        }
    }

    fn key(self, code: &str) -> String {
        match self {
            Vocabulary::Source => format!("source-{code}"),
            Vocabulary::Stage => format!("stage-{code}"),
        }
    }

    /// The code in the reader's words; a code the list does not know is written as it is.
    pub fn label(self, lang: Lang, code: &str) -> String {
        match self.codes().into_iter().find(|c| *c == code) {
            Some(known) => lang.text(&self.key(known)),
            None => code.to_owned(),
        }
    }

    /// The code a cell names: the code itself or its label in Russian or English, ignoring
    /// case, `ё`/`е` and extra spaces.
    pub fn code_of(self, text: &str) -> Option<&'static str> {
        let wanted = fold(text);
        if wanted.is_empty() {
            return None;
        }
        self.codes().into_iter().find(|code| {
            fold(code) == wanted
                || [Lang::Ru, Lang::En]
                    .into_iter()
                    .any(|lang| fold(&lang.text(&self.key(code))) == wanted)
        })
    }
}

/// Lower case, `ё` as `е`, spaces collapsed, `_` and `-` as spaces (`long_list`, `Long list`
/// and `Лонг-лист` all read alike).
fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace('ё', "е")
        .replace(['_', '-', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_in_both_languages_reads_back_as_its_code() {
        for vocabulary in Vocabulary::ALL {
            for code in vocabulary.codes() {
                assert_eq!(vocabulary.code_of(code), Some(code));
                for lang in [Lang::Ru, Lang::En] {
                    let label = vocabulary.label(lang, code);
                    assert_ne!(label, code, "{code} has no {lang:?} label");
                    assert_eq!(vocabulary.code_of(&label), Some(code), "{label}");
                    assert_eq!(
                        vocabulary.code_of(&format!("  {}  ", label.to_uppercase())),
                        Some(code),
                        "{label} in capitals"
                    );
                }
            }
        }
    }

    #[test]
    fn no_label_names_two_codes() {
        for vocabulary in Vocabulary::ALL {
            let mut seen = std::collections::HashMap::new();
            for code in vocabulary.codes() {
                for lang in [Lang::Ru, Lang::En] {
                    let label = fold(&vocabulary.label(lang, code));
                    let before = seen.insert(label.clone(), code);
                    assert!(before.is_none_or(|c| c == code), "{label}");
                }
            }
        }
    }

    #[test]
    fn the_job_board_and_the_job_page_are_told_apart() {
        assert_eq!(
            Vocabulary::Source.code_of("Сайт вакансий"),
            Some("job_board")
        );
        assert_eq!(
            Vocabulary::Source.code_of("сайт ВАКАНСИЙ"),
            Some("job_board")
        );
        assert_eq!(Vocabulary::Source.code_of("JOB_PAGE"), Some("job_page"));
        assert_eq!(Vocabulary::Stage.code_of("Long list"), Some("long_list"));
        assert_eq!(Vocabulary::Stage.code_of("шорт лист"), Some("short_list"));
        assert_eq!(Vocabulary::Stage.code_of("somewhere"), None);
        assert_eq!(Vocabulary::Stage.code_of(" "), None);
    }

    #[test]
    fn an_unknown_code_is_written_as_it_is() {
        assert_eq!(Vocabulary::Source.label(Lang::Ru, "hh"), "hh");
    }
}
