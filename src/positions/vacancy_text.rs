//! The vacancy text generated from a position's profile, as a copywriter would sign it: Markdown
//! (sections as `## Heading`, lists as `- item`) for the job page and the job boards; written
//! in Russian from the Russian profile and in English from the English one, never mixing them;
//! opening with what the grade means rather than the title the job page already shows as its
//! heading. Fields people typed stand under a heading or after a colon; only the product's own
//! words (`domain::vacancy_words`, `domain::work_format`, `domain::salary`) go inside sentences,
//! each written in the form its sentence needs. The copy itself is templates/vacancy/{ru,en}.txt.

use serde::Serialize;

use super::model::PositionFields;
use crate::domain::money::Style;
use crate::domain::role_variant::RoleVariant;
use crate::domain::salary::salary_range;
use crate::domain::vacancy_words::{
    self, city_in_english, grade_lead, has_cyrillic, variant_lines,
};
use crate::domain::work_format::WorkFormat;
use crate::entities::{grade, position};
use crate::error::AppResult;
use crate::web::i18n::Lang;
use crate::web::templates::Templates;

/// A profile's six Markdown fields in one language.
#[derive(Clone, Copy, Default)]
pub struct ProfileText<'a> {
    pub company: &'a str,
    pub role: &'a str,
    pub duties: &'a str,
    pub requirements: &'a str,
    pub conditions: &'a str,
    pub kpis: &'a str,
}

impl ProfileText<'_> {
    pub fn is_empty(&self) -> bool {
        [
            self.company,
            self.role,
            self.duties,
            self.requirements,
            self.conditions,
            self.kpis,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }
}

/// What a vacancy is written from: a saved position, or a profile form not saved yet (the
/// form's preview).
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub grade: &'a str,
    pub reports_to: &'a str,
    pub reports_to_en: &'a str,
    pub city: &'a str,
    pub work_format: &'a str,
    /// The role variant's code (`domain::role_variant`).
    pub role_variant: &'a str,
    pub ru: ProfileText<'a>,
    pub en: ProfileText<'a>,
}

fn or_empty(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

impl<'a> Source<'a> {
    pub fn of_position(p: &'a position::Model) -> Self {
        Source {
            grade: &p.grade,
            reports_to: &p.reports_to,
            reports_to_en: or_empty(&p.reports_to_en),
            city: or_empty(&p.city),
            work_format: or_empty(&p.work_format),
            role_variant: &p.role_variant,
            ru: ProfileText {
                company: &p.company,
                role: &p.role,
                duties: &p.duties,
                requirements: &p.requirements,
                conditions: &p.conditions,
                kpis: &p.kpis,
            },
            en: ProfileText {
                company: or_empty(&p.company_en),
                role: or_empty(&p.role_en),
                duties: or_empty(&p.duties_en),
                requirements: or_empty(&p.requirements_en),
                conditions: or_empty(&p.conditions_en),
                kpis: or_empty(&p.kpis_en),
            },
        }
    }

    pub fn of_fields(f: &'a PositionFields) -> Self {
        let profile = |p: &'a super::model::Profile| ProfileText {
            company: &p.company,
            role: &p.role,
            duties: &p.duties,
            requirements: &p.requirements,
            conditions: &p.conditions,
            kpis: &p.kpis,
        };
        Source {
            grade: &f.grade,
            reports_to: &f.reports_to,
            reports_to_en: or_empty(&f.reports_to_en),
            city: or_empty(&f.city),
            work_format: or_empty(&f.work_format),
            role_variant: &f.role_variant,
            ru: profile(&f.profile),
            en: profile(&f.profile_en),
        }
    }

    /// The profile in `lang`.
    pub fn profile(&self, lang: Lang) -> ProfileText<'a> {
        lang.pick(self.ru, self.en)
    }
}

/// What templates/vacancy/{ru,en}.txt are given: every phrase already in its language.
#[derive(Serialize)]
struct Context {
    lead: Option<&'static str>,
    company: String,
    role: String,
    duties: String,
    /// What the role variant adds under the duties and the requirements (Markdown lists).
    variant_duties: Option<&'static str>,
    variant_requirements: Option<&'static str>,
    requirements: String,
    conditions: String,
    kpis: String,
    /// A known head in the form «Вы будете подчиняться …» / "You will report to the …" needs.
    head: Option<&'static str>,
    /// Any other head, as typed in this language's profile: said after a colon.
    reports_to: Option<String>,
    salary: Option<String>,
    city: Option<String>,
    work_format: Option<&'static str>,
}

/// The vacancy text in `lang` from `source` and the grade's band.
pub fn generate(
    templates: &Templates,
    source: &Source,
    grade: Option<&grade::Model>,
    lang: Lang,
) -> AppResult<String> {
    let english = lang == Lang::En;
    let style = Style::english(english);
    let profile = source.profile(lang);
    // This language's own field first; a head typed only in the other language is still said
    // when the product knows its name here (its vocabulary), and never pasted as typed.
    let (own, other) = if english {
        (source.reports_to_en.trim(), source.reports_to.trim())
    } else {
        (source.reports_to.trim(), source.reports_to_en.trim())
    };
    let own_fits = !own.is_empty() && has_cyrillic(own) != english;
    let head = vacancy_words::head(own)
        .or_else(|| (!own_fits).then(|| vacancy_words::head(other)).flatten());
    let reports_to = (head.is_none() && own_fits).then(|| own.to_owned());
    let city = source.city.trim();
    let variant = variant_lines(RoleVariant::of_stored(source.role_variant), english);
    let context = Context {
        variant_duties: variant.map(|v| v.duties),
        variant_requirements: variant.map(|v| v.requirements),
        lead: grade_lead(source.grade, english),
        company: block(profile.company),
        role: block(profile.role),
        duties: block(profile.duties),
        requirements: block(profile.requirements),
        conditions: block(profile.conditions),
        kpis: block(profile.kpis),
        head: head.map(|h| if english { h.english } else { h.russian_dative }),
        reports_to,
        salary: grade.map(|g| salary_range(g.salary_min, g.salary_max, &g.currency, style)),
        city: Some(city).filter(|c| !c.is_empty()).map(|c| {
            if english {
                city_in_english(c)
            } else {
                c.to_owned()
            }
        }),
        work_format: WorkFormat::parse(source.work_format).map(|f| f.vacancy_line(english)),
    };
    let text = tidy(&templates.render(&format!("vacancy/{}.txt", lang.as_str()), context)?);
    Ok(if english {
        without_cyrillic(text)
    } else {
        text
    })
}

/// The English text is written from English fields (checked for Cyrillic when saved) and
/// English words only; should a Cyrillic letter still slip in, its line is left out rather than
/// shown to an English reader.
fn without_cyrillic(text: String) -> String {
    if !has_cyrillic(&text) {
        return text;
    }
    tracing::warn!("a Cyrillic line in a generated English vacancy was left out");
    tidy(
        &text
            .lines()
            .filter(|line| !has_cyrillic(line))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Blank lines between blocks, no more than one in a row, no trailing spaces: the templates
/// may then lay out their conditions freely.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Bullets people type by hand instead of Markdown's `-`.
const HAND_BULLETS: [char; 5] = ['•', '·', '—', '–', '●'];

/// A line that already means something in Markdown: a list item, a heading, a quote, a table,
/// code.
fn is_markdown_line(line: &str) -> bool {
    let line = line.trim_start();
    let ordered = line
        .split_once(['.', ')'])
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    ordered || line.starts_with(['-', '*', '+', '#', '>', '|', '`'])
}

/// A profile field as a Markdown block. A field typed as several plain lines in a row (how
/// people list duties, and how every profile was written before fields took Markdown) becomes
/// a list, so that each line stays a line once rendered; anything else is left as written.
pub fn block(text: &str) -> String {
    let text = text.trim().replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let listed_by_hand = lines.len() > 1
        && lines
            .iter()
            .all(|l| !l.trim().is_empty() && !is_markdown_line(l));
    if !listed_by_hand {
        return text;
    }
    lines
        .iter()
        .map(|l| {
            format!(
                "- {}",
                l.trim().trim_start_matches(HAND_BULLETS).trim_start()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_typed_one_under_another_become_a_list_and_markdown_stays_as_written() {
        assert_eq!(block("Отчёты\n• Встречи\n"), "- Отчёты\n- Встречи");
        assert_eq!(block("- Отчёты\n- Встречи"), "- Отчёты\n- Встречи");
        assert_eq!(
            block("Первый абзац.\n\nВторой абзац."),
            "Первый абзац.\n\nВторой абзац."
        );
        assert_eq!(block("1. Первое\n2. Второе"), "1. Первое\n2. Второе");
        assert_eq!(block("  Одна строка  "), "Одна строка");
    }

    #[test]
    fn tidy_leaves_one_blank_line_between_blocks() {
        assert_eq!(tidy("\n\nА  \n\n\n\nБ\nВ\n\n"), "А\n\nБ\nВ");
    }

    #[test]
    fn a_cyrillic_line_never_reaches_an_english_text() {
        assert_eq!(
            without_cyrillic("About us\n\nОрбита\n\nApply".into()),
            "About us\n\nApply"
        );
    }
}
