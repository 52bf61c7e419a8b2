//! The recruiter's phone-screen script, written from a position's profile: a short pitch of the
//! agency and the role, the checks that end a screen early (pay against the band, when they can
//! start, city and work format, each must-have requirement as a yes/no question) and the screen
//! questions of the position's kit. Russian and English are written separately, each from its
//! own profile and its own words, never mixed; English output holds no Cyrillic letter.

use super::money::Style;
use super::profile_lines::{must_haves, spoken};
use super::role_variant::RoleVariant;
use super::salary::{SalaryBand, salary_range};
use super::vacancy_words::{city_in_english, has_cyrillic};
use super::work_format::WorkFormat;

/// The fixed checks' codes; requirements follow as `requirement-1`, `requirement-2`, …
pub const SALARY: &str = "salary";
pub const NOTICE: &str = "notice";
pub const LOCATION: &str = "location";
const REQUIREMENT: &str = "requirement-";
/// More must-haves than this do not fit a printed page nor a ten-minute call.
const MAX_REQUIREMENTS: usize = 10;

/// A question of the position's screen kit, already in the script's language.
#[derive(Clone, Debug)]
pub struct ScriptQuestion {
    pub id: i32,
    pub competency: String,
    pub text: String,
}

/// Everything the script is written from, in one language.
pub struct ScriptSource<'a> {
    pub english: bool,
    pub variant: RoleVariant,
    /// The agency's name from its settings; may be empty.
    pub agency: &'a str,
    /// The position's title in this language; may be empty in English.
    pub title: &'a str,
    /// The grade's name in this language, said when there is no title.
    pub grade_name: &'a str,
    pub company: &'a str,
    pub role: &'a str,
    /// The requirements field in this language and in the other one (to number them alike).
    pub requirements: &'a str,
    pub other_requirements: &'a str,
    pub band: Option<&'a SalaryBand>,
    pub city: &'a str,
    pub work_format: &'a str,
    /// The screen kit in the kit's order.
    pub questions: &'a [ScriptQuestion],
}

/// One part of the script: `pitch`, `checks` or `questions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub code: &'static str,
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// One yes/no check: its code, the question as said, and what it is about when that is the
/// profile's own words (a requirement's line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub code: String,
    pub question: String,
    pub subject: String,
}

#[derive(Clone, Debug)]
pub struct Script {
    pub sections: Vec<Section>,
    pub checks: Vec<Check>,
    /// The kit's question ids in the order the script asks them.
    pub question_ids: Vec<i32>,
}

/// Writes the script.
pub fn write(source: &ScriptSource) -> Script {
    let checks = checks(source);
    let questions = ordered(source.questions, source.variant);
    let en = source.english;
    let sections = vec![
        Section {
            code: "pitch",
            title: if en {
                "Introduction"
            } else {
                "Знакомство"
            },
            lines: pitch(source),
        },
        Section {
            code: "checks",
            title: if en { "Checks" } else { "Проверки" },
            lines: checks.iter().map(|c| c.question.clone()).collect(),
        },
        Section {
            code: "questions",
            title: if en { "Questions" } else { "Вопросы" },
            lines: questions.iter().map(|q| q.text.clone()).collect(),
        },
    ];
    Script {
        sections,
        checks,
        question_ids: questions.iter().map(|q| q.id).collect(),
    }
}

/// Is a check failed? A "no", or a named salary above the top of the band.
pub fn failed(
    code: &str,
    yes: bool,
    expected_salary: Option<i64>,
    band: Option<&SalaryBand>,
) -> bool {
    let above =
        code == SALARY && matches!((expected_salary, band), (Some(s), Some(b)) if s > b.max);
    !yes || above
}

fn pitch(s: &ScriptSource) -> Vec<String> {
    let en = s.english;
    let title = if s.title.trim().is_empty() || (en && has_cyrillic(s.title)) {
        s.grade_name.trim()
    } else {
        s.title.trim()
    };
    // A name written in Cyrillic is still the agency's name: in English it is spelled in
    // Latin letters, as the English vacancy spells cities.
    let agency = if en && has_cyrillic(s.agency) {
        city_in_english(s.agency.trim())
    } else {
        s.agency.trim().to_owned()
    };
    let mut lines = vec![match (en, agency.is_empty()) {
        (true, false) => format!("Hello! I am calling from {agency} about the {title} role."),
        (true, true) => format!("Hello! I am calling about the {title} role."),
        (false, false) => {
            format!("Здравствуйте! Звоню вам из агентства {agency} по поводу вакансии «{title}».")
        }
        (false, true) => format!("Здравствуйте! Звоню вам по поводу вакансии «{title}»."),
    }];
    lines.push(
        if en {
            "Do you have about fifteen minutes to talk now?"
        } else {
            "Удобно ли вам сейчас поговорить минут пятнадцать?"
        }
        .to_owned(),
    );
    let said =
        |text: &str| Some(spoken(text)).filter(|t| !(t.is_empty() || (en && has_cyrillic(t))));
    if let Some(company) = said(s.company) {
        lines.push(if en {
            format!("About us: {company}")
        } else {
            format!("Коротко о нас: {company}")
        });
    }
    if let Some(role) = said(s.role) {
        lines.push(if en {
            format!("The role: {role}")
        } else {
            format!("О роли: {role}")
        });
    }
    lines.push(variant_line(s.variant, en).to_owned());
    lines
}

/// How each variant describes the job in a sentence.
fn variant_line(variant: RoleVariant, en: bool) -> &'static str {
    match (variant, en) {
        (RoleVariant::AccountProject, false) => {
            "Кроме работы с клиентами, вы будете управлять их проектами: расставлять приоритеты, ставить задачи специалистам, следить за сроками и бюджетом."
        }
        (RoleVariant::AccountProject, true) => {
            "Besides the clients, you will run their projects: priorities, tasks for specialists, deadlines and budgets."
        }
        (RoleVariant::SalesAccount, false) => {
            "Кроме работы с нынешними клиентами, вы будете привлекать новых: находить их, вести переговоры и заключать договоры."
        }
        (RoleVariant::SalesAccount, true) => {
            "Besides the current clients, you will win new ones: finding them, negotiating and closing the deals."
        }
        (_, false) => {
            "Главное в работе — вести клиентов после продажи: отвечать за сервис, удерживать их и развивать сотрудничество."
        }
        (_, true) => {
            "The heart of the job is looking after clients once they have signed: service, retention and growing the account."
        }
    }
}

/// The kit as the variant asks it: the competency the variant stands on first, the rest in the
/// hiring manager's order.
fn ordered(questions: &[ScriptQuestion], variant: RoleVariant) -> Vec<&ScriptQuestion> {
    let lead = match variant {
        RoleVariant::AccountProject => "project_management",
        RoleVariant::SalesAccount => "consultative_sales",
        RoleVariant::Account => "",
    };
    let (first, rest): (Vec<_>, Vec<_>) = questions.iter().partition(|q| q.competency == lead);
    first.into_iter().chain(rest).collect()
}

fn checks(s: &ScriptSource) -> Vec<Check> {
    let en = s.english;
    let fixed = |code: &str, question: String| Check {
        code: code.to_owned(),
        question,
        subject: String::new(),
    };
    let style = Style::english(en);
    let band = s
        .band
        .map(|b| salary_range(b.min, b.max, &b.currency, style));
    let mut checks = vec![fixed(
        SALARY,
        match (en, band) {
            (true, Some(band)) => format!(
                "What pay do you expect? The band for the role is {band}: do your expectations fit within it?"
            ),
            (false, Some(band)) => format!(
                "Какой доход вы ожидаете? Вилка по позиции — {band}: ваши ожидания в неё укладываются?"
            ),
            (true, None) => "What pay do you expect, and is it negotiable?".to_owned(),
            (false, None) => "Какой доход вы ожидаете и готовы ли обсуждать эту сумму?".to_owned(),
        },
    )];
    checks.push(fixed(
        NOTICE,
        if en {
            "Could you start within a month? How much notice do you have to give at your current job?"
        } else {
            "Сможете ли вы выйти на работу в течение месяца? Сколько нужно отработать на нынешнем месте?"
        }
        .to_owned(),
    ));
    if let Some(question) = location(s.city, s.work_format, en) {
        checks.push(fixed(LOCATION, question));
    }
    let own = must_haves(s.requirements);
    let other = must_haves(s.other_requirements);
    for n in 0..own.len().max(other.len()).min(MAX_REQUIREMENTS) {
        let line = own.get(n).filter(|l| !(en && has_cyrillic(l)));
        let (question, subject) = match (line, en) {
            (Some(line), true) => (format!("{line}: does that describe you?"), line.clone()),
            (Some(line), false) => (format!("{line}: это про вас?"), line.clone()),
            (None, true) => (
                format!(
                    "Must-have no. {} is written in the Russian profile only: ask it from there.",
                    n + 1
                ),
                String::new(),
            ),
            (None, false) => (
                format!(
                    "Обязательное требование №{} записано только в английской версии профиля: спросите его по ней.",
                    n + 1
                ),
                String::new(),
            ),
        };
        checks.push(Check {
            code: format!("{REQUIREMENT}{}", n + 1),
            question,
            subject,
        });
    }
    checks
}

/// «Место работы: Москва; формат: в офисе. Вам это подходит?», or nothing when the position
/// names neither a city nor a format.
fn location(city: &str, work_format: &str, en: bool) -> Option<String> {
    let city = Some(city.trim()).filter(|c| !c.is_empty());
    let format = WorkFormat::parse(work_format).map(|f| f.vacancy_line(en));
    let mut parts = Vec::new();
    if let Some(city) = city {
        parts.push(if en {
            format!("Location: {}", city_in_english(city))
        } else {
            format!("Место работы: {city}")
        });
    }
    if let Some(format) = format {
        parts.push(if en {
            format!("work format: {format}")
        } else {
            format!("формат: {format}")
        });
    }
    if parts.is_empty() {
        return None;
    }
    let ask = if en {
        "Does that suit you?"
    } else {
        "Вам это подходит?"
    };
    Some(format!("{}. {ask}", capitalised(&parts.join("; "))))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band() -> SalaryBand {
        SalaryBand {
            min: 90_000,
            max: 150_000,
            currency: "RUB".into(),
        }
    }

    fn questions() -> Vec<ScriptQuestion> {
        [
            (1, "client_service", "Как вы ведёте клиента?"),
            (2, "project_management", "Как вы ставите задачи?"),
            (3, "consultative_sales", "Как вы продаёте?"),
        ]
        .into_iter()
        .map(|(id, c, t)| ScriptQuestion {
            id,
            competency: c.into(),
            text: t.into(),
        })
        .collect()
    }

    fn source<'a>(
        english: bool,
        band: &'a SalaryBand,
        questions: &'a [ScriptQuestion],
    ) -> ScriptSource<'a> {
        ScriptSource {
            english,
            variant: RoleVariant::Account,
            agency: "Orbita Digital",
            title: if english {
                "Account manager"
            } else {
                "Аккаунт-менеджер"
            },
            grade_name: if english {
                "Account manager"
            } else {
                "Аккаунт-менеджер"
            },
            company: if english {
                "A digital agency since 2015."
            } else {
                "Digital-агентство с 2015 года."
            },
            role: "",
            requirements: if english {
                "- A year with clients\n- Excel formulas"
            } else {
                "- Год работы с клиентами\n- Формулы в Excel\n\nБудет плюсом:\n- Знание 1С"
            },
            other_requirements: if english {
                "- Год работы с клиентами\n- Формулы в Excel"
            } else {
                "- A year with clients\n- Excel formulas"
            },
            band: Some(band),
            city: "Москва",
            work_format: "hybrid",
            questions,
        }
    }

    fn all_text(script: &Script) -> String {
        script
            .sections
            .iter()
            .flat_map(|s| std::iter::once(s.title.to_owned()).chain(s.lines.clone()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_russian_script_quotes_the_band_the_russian_way_and_asks_when_they_can_start() {
        let (b, q) = (band(), questions());
        let script = write(&source(false, &b, &q));
        let salary = &script.checks[0];
        assert_eq!(salary.code, SALARY);
        assert!(
            salary
                .question
                .contains("от 90\u{a0}000 до 150\u{a0}000\u{a0}₽"),
            "{}",
            salary.question
        );
        assert_eq!(script.checks[1].code, NOTICE);
        assert!(script.checks[1].question.contains("выйти на работу"));
        assert!(
            script.checks[2]
                .question
                .contains("Место работы: Москва; формат: гибрид")
        );
        assert!(!all_text(&script).contains("RUB"));
    }

    #[test]
    fn the_english_script_quotes_the_band_the_english_way_and_holds_no_cyrillic() {
        let (b, q) = (band(), questions());
        let mut s = source(true, &b, &q);
        s.role = "Ведение клиентов";
        let script = write(&s);
        assert!(
            script.checks[0]
                .question
                .contains("RUB\u{a0}90,000–150,000")
        );
        assert!(script.checks[1].question.contains("Could you start"));
        assert!(
            script.checks[2]
                .question
                .contains("Location: Moscow; work format: hybrid")
        );
        let text = all_text(&script);
        assert!(text.contains("Orbita Digital"));
        // The kit here is Russian only: its lines are the caller's to translate, so check the rest.
        let ours: String = text
            .lines()
            .filter(|l| !q.iter().any(|x| x.text == *l))
            .collect();
        assert!(!has_cyrillic(&ours), "{ours}");
    }

    #[test]
    fn russian_words_of_the_script_are_russian_except_names() {
        let (b, q) = (band(), questions());
        for variant in RoleVariant::ALL {
            let mut s = source(false, &b, &q);
            s.variant = variant;
            s.company = "";
            s.requirements = "";
            s.other_requirements = "";
            let text = all_text(&write(&s)).replace("Orbita Digital", "");
            let latin: Vec<&str> = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert!(latin.is_empty(), "{variant:?}: {latin:?}");
        }
    }

    #[test]
    fn each_must_have_becomes_a_yes_no_check_and_the_nice_to_haves_do_not() {
        let (b, q) = (band(), questions());
        let script = write(&source(false, &b, &q));
        let codes: Vec<&str> = script.checks.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "salary",
                "notice",
                "location",
                "requirement-1",
                "requirement-2"
            ]
        );
        assert_eq!(script.checks[3].subject, "Год работы с клиентами");
        assert!(script.checks[4].question.ends_with("это про вас?"));
    }

    #[test]
    fn requirements_are_numbered_alike_in_both_languages_even_when_one_profile_is_shorter() {
        let (b, q) = (band(), questions());
        let mut s = source(true, &b, &q);
        s.requirements = "";
        let script = write(&s);
        let last = script.checks.last().unwrap();
        assert_eq!(last.code, "requirement-2");
        assert!(last.question.contains("Russian profile only"));
        assert!(!has_cyrillic(&last.question));
    }

    #[test]
    fn an_agency_named_in_cyrillic_is_spelled_in_latin_letters_in_english() {
        let (b, q) = (band(), questions());
        let mut s = source(true, &b, &q);
        s.agency = "Орбита";
        let pitch = &write(&s).sections[0].lines[0];
        assert_eq!(
            pitch,
            "Hello! I am calling from Orbita about the Account manager role."
        );
    }

    #[test]
    fn a_position_without_city_or_format_has_no_location_check() {
        assert_eq!(location("", "", false), None);
        assert_eq!(
            location(" ", "remote", true).as_deref(),
            Some("Work format: remote. Does that suit you?")
        );
    }

    #[test]
    fn the_variant_shapes_the_pitch_and_leads_the_questions_with_its_competency() {
        let (b, q) = (band(), questions());
        let mut s = source(false, &b, &q);
        assert_eq!(write(&s).question_ids, [1, 2, 3]);
        s.variant = RoleVariant::AccountProject;
        let project = write(&s);
        assert_eq!(project.question_ids, [2, 1, 3]);
        assert!(
            project.sections[0]
                .lines
                .iter()
                .any(|l| l.contains("управлять их проектами"))
        );
        s.variant = RoleVariant::SalesAccount;
        let sales = write(&s);
        assert_eq!(sales.question_ids, [3, 1, 2]);
        assert!(
            sales.sections[0]
                .lines
                .iter()
                .any(|l| l.contains("привлекать новых"))
        );
    }

    #[test]
    fn a_no_or_a_salary_above_the_band_fails_a_check() {
        let b = band();
        assert!(failed(NOTICE, false, None, Some(&b)));
        assert!(!failed(NOTICE, true, None, Some(&b)));
        assert!(failed(SALARY, true, Some(200_000), Some(&b)));
        assert!(!failed(SALARY, true, Some(150_000), Some(&b)));
        assert!(!failed(SALARY, true, Some(200_000), None));
    }
}
