//! What each grade means and expects, and what a score looks like on each competency: the
//! grades' descriptions and per-competency levels (seed-data/grades.toml) and the competencies'
//! anchors for 1, 3 and 5 (seed-data/competencies.toml). They ship with the release, like the
//! locale files, and are read once from the embedded files; salary bands, which admins edit,
//! stay in the database.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::domain::grade_fit::Expectations;
use crate::web::i18n::Lang;

const GRADES: &str = include_str!("../../seed-data/grades.toml");
const COMPETENCIES: &str = include_str!("../../seed-data/competencies.toml");

/// A grade's criteria, in both languages.
#[derive(Debug, Deserialize)]
pub struct GradeCriteria {
    pub code: String,
    pub description_ru: String,
    pub description_en: String,
    /// Competency code → the level (1–5) the grade expects.
    pub expects: BTreeMap<String, i32>,
}

/// What scores of 1, 3 and 5 look like on one competency.
#[derive(Debug, Deserialize)]
pub struct Anchors {
    pub code: String,
    pub anchor_1_ru: String,
    pub anchor_1_en: String,
    pub anchor_3_ru: String,
    pub anchor_3_en: String,
    pub anchor_5_ru: String,
    pub anchor_5_en: String,
}

/// An anchor in the reader's language.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Anchor {
    /// 1, 3 or 5.
    pub score: i32,
    pub text: String,
}

impl Anchors {
    /// The three anchors in `lang`, from 1 up.
    pub fn in_lang(&self, lang: Lang) -> Vec<Anchor> {
        [
            (1, &self.anchor_1_ru, &self.anchor_1_en),
            (3, &self.anchor_3_ru, &self.anchor_3_en),
            (5, &self.anchor_5_ru, &self.anchor_5_en),
        ]
        .into_iter()
        .map(|(score, ru, en)| Anchor {
            score,
            text: lang.pick(ru.clone(), en.clone()),
        })
        .collect()
    }
}

#[derive(Deserialize)]
struct GradesFile {
    grade: Vec<GradeCriteria>,
}

#[derive(Deserialize)]
struct CompetenciesFile {
    competency: Vec<Anchors>,
}

struct Criteria {
    grades: Vec<GradeCriteria>,
    anchors: Vec<Anchors>,
}

/// Parsed on first use. The files are compiled in and a unit test parses them, so a broken
/// file fails the build's tests rather than a request; should one still fail, the app runs
/// without criteria and says so in the log.
static CRITERIA: LazyLock<Criteria> = LazyLock::new(|| {
    let grades = toml::from_str::<GradesFile>(GRADES)
        .map(|f| f.grade)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "seed-data/grades.toml: no grade criteria");
            Vec::new()
        });
    let anchors = toml::from_str::<CompetenciesFile>(COMPETENCIES)
        .map(|f| f.competency)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "seed-data/competencies.toml: no anchors");
            Vec::new()
        });
    Criteria { grades, anchors }
});

/// A grade's criteria by code.
pub fn grade(code: &str) -> Option<&'static GradeCriteria> {
    CRITERIA.grades.iter().find(|g| g.code == code)
}

/// A competency's anchors by code.
pub fn anchors(competency: &str) -> Option<&'static Anchors> {
    CRITERIA.anchors.iter().find(|a| a.code == competency)
}

/// The grades from the lowest up with what each expects: what the grade suggestion reads a
/// profile against.
pub fn ladder() -> Vec<Expectations<'static>> {
    CRITERIA
        .grades
        .iter()
        .map(|g| Expectations {
            grade: &g.code,
            levels: &g.expects,
        })
        .collect()
}

/// The competencies' codes in their order (seed-data/competencies.toml).
pub fn competencies() -> Vec<&'static str> {
    CRITERIA.anchors.iter().map(|a| a.code.as_str()).collect()
}

/// A grade's expectations in the competencies' order (seed-data/competencies.toml).
pub fn expectations(code: &str) -> Vec<(&'static str, i32)> {
    let Some(g) = grade(code) else {
        return Vec::new();
    };
    CRITERIA
        .anchors
        .iter()
        .filter_map(|a| g.expects.get(&a.code).map(|l| (a.code.as_str(), *l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grade_describes_itself_and_expects_a_level_on_every_competency() {
        let competencies: Vec<&str> = CRITERIA.anchors.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(competencies.len(), 12);
        assert_eq!(CRITERIA.grades.len(), 6);
        for g in &CRITERIA.grades {
            assert!(!g.description_ru.trim().is_empty() && !g.description_en.trim().is_empty());
            let expected: Vec<&str> = expectations(&g.code).iter().map(|(c, _)| *c).collect();
            assert_eq!(expected, competencies, "{}", g.code);
            assert!(
                g.expects.values().all(|l| (1..=5).contains(l)),
                "{}",
                g.code
            );
        }
    }

    #[test]
    fn each_grade_expects_at_least_what_the_one_below_does() {
        let ladder = ladder();
        for pair in ladder.windows(2) {
            for (competency, level) in pair[0].levels {
                assert!(
                    pair[1].levels[competency] >= *level,
                    "{} below {} on {competency}",
                    pair[1].grade,
                    pair[0].grade
                );
            }
        }
    }

    #[test]
    fn every_competency_has_three_anchors_in_each_language() {
        for a in &CRITERIA.anchors {
            for lang in [Lang::Ru, Lang::En] {
                let anchors = a.in_lang(lang);
                assert_eq!(
                    anchors.iter().map(|x| x.score).collect::<Vec<_>>(),
                    [1, 3, 5]
                );
                assert!(
                    anchors.iter().all(|x| !x.text.trim().is_empty()),
                    "{}",
                    a.code
                );
            }
            let english = a.in_lang(Lang::En);
            assert!(
                english
                    .iter()
                    .all(|x| !crate::domain::vacancy_words::has_cyrillic(&x.text)),
                "{}",
                a.code
            );
        }
    }
}
