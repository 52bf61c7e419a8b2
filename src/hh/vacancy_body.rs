//! A position as hh.ru's vacancy (`VacancyCreate` in hh's spec), without any I/O: the title,
//! the vacancy text as the small HTML hh accepts, the pay from the grade's band, and the
//! choices hh needs ids for (area, professional role, experience, work format, employment,
//! publication type) with defaults a recruiter only confirms. What follows the position (title,
//! text, pay) is kept apart as its [`Content`]: its hash tells when hh shows an old version,
//! and it alone is what an update sends (hh edits only the fields a `PUT` carries).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::domain::salary::SalaryBand;
use crate::domain::work_format::WorkFormat;

/// hh's "Менеджер по продажам, менеджер по работе с клиентами" (`professional_roles`), the role
/// account managers are searched under.
pub const ACCOUNT_MANAGER_ROLE: &str = "70";

/// The form's choices in hh's ids, and the names the form, the API and hh's refusals share.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Choices {
    /// `vacancy_billing_type`: which of the employer's publications it spends.
    pub billing_type: String,
    /// hh's area id (a city in hh's `/areas`).
    pub area: String,
    pub professional_role: String,
    /// `experience`: noExperience, between1And3, between3And6, moreThan6.
    pub experience: String,
    /// `work_format`: ON_SITE, REMOTE, HYBRID, FIELD_WORK.
    pub work_format: String,
    /// `employment_form`: FULL, PART, PROJECT, ...
    pub employment_form: String,
}

/// The fields of the form, in its order.
pub const FIELDS: [&str; 6] = [
    "billing_type",
    "area",
    "professional_role",
    "experience",
    "work_format",
    "employment_form",
];

/// What hh shows of the position itself: it changes when the position's text or band does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    pub name: String,
    /// The vacancy text as hh's HTML.
    pub description: String,
    pub salary: Option<Salary>,
}

/// The pay as hh's `salary_range`: a month's pay in hh's currency code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Salary {
    pub from: i64,
    pub to: i64,
    pub currency: String,
    pub gross: bool,
}

impl Content {
    /// `title`, the vacancy text (Markdown) and the grade's band as hh shows them.
    pub fn of(title: &str, vacancy_markdown: &str, band: Option<&SalaryBand>, gross: bool) -> Self {
        Content {
            name: title.trim().to_owned(),
            description: description_html(vacancy_markdown),
            salary: band.map(|b| Salary {
                from: b.min,
                to: b.max,
                currency: hh_currency(&b.currency),
                gross,
            }),
        }
    }

    /// The fields an update sends (`PUT /vacancies/{id}`): only these change on hh.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "name": self.name,
            "description": self.description,
        });
        if let Some(s) = &self.salary {
            body["salary_range"] = json!({
                "from": s.from,
                "to": s.to,
                "currency": s.currency,
                "gross": s.gross,
                "mode": {"id": "MONTH"},
                "frequency": {"id": "MONTHLY"},
            });
        }
        body
    }

    /// A fingerprint of what is sent: equal hashes, same vacancy on hh.
    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.body().to_string().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The whole `POST /vacancies` body: the content and the choices.
pub fn create_body(content: &Content, choices: &Choices, previous_id: Option<&str>) -> Value {
    let mut body = content.body();
    body["type"] = json!({"id": "open"});
    body["billing_type"] = json!({"id": choices.billing_type});
    body["area"] = json!({"id": choices.area});
    body["professional_roles"] = json!([{"id": choices.professional_role}]);
    body["experience"] = json!({"id": choices.experience});
    body["work_format"] = json!([{"id": choices.work_format}]);
    body["employment_form"] = json!({"id": choices.employment_form});
    if let Some(previous) = previous_id {
        // A vacancy published again after an archive stays linked to the one before.
        body["previous_id"] = json!(previous);
    }
    body
}

/// hh writes the rouble as `RUR` (its `currency` dictionary); other codes are ISO as ours.
pub fn hh_currency(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    if code == "RUB" {
        "RUR".to_owned()
    } else {
        code
    }
}

/// hh areas of the cities the agency hires in most; any other city is chosen by id in the form.
const AREAS: [(&str, &str); 12] = [
    ("москва", "1"),
    ("moscow", "1"),
    ("санкт-петербург", "2"),
    ("петербург", "2"),
    ("спб", "2"),
    ("saint petersburg", "2"),
    ("st. petersburg", "2"),
    ("екатеринбург", "3"),
    ("новосибирск", "4"),
    ("нижний новгород", "66"),
    ("казань", "88"),
    ("ростов-на-дону", "76"),
];

/// hh's area id for the city a position names (`г. Москва`, `Москва, м. Таганская`), if known.
pub fn area_for_city(city: &str) -> Option<&'static str> {
    let first = city.split(',').next()?.trim();
    let bare = first
        .strip_prefix("г.")
        .or_else(|| first.strip_prefix("город "))
        .unwrap_or(first);
    let key = bare
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace('ё', "е")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    AREAS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, id)| *id)
}

/// The experience hh filters by, from the grade: a trainee needs none, a head of group years.
pub fn experience_for_grade(grade: &str) -> &'static str {
    match grade {
        "intern" => "noExperience",
        "junior" | "middle" => "between1And3",
        "senior" => "between3And6",
        _ => "moreThan6",
    }
}

/// hh's work format for the position's.
pub fn work_format_for(format: Option<WorkFormat>) -> &'static str {
    match format {
        Some(WorkFormat::Remote) => "REMOTE",
        Some(WorkFormat::Hybrid) => "HYBRID",
        Some(WorkFormat::Office) | None => "ON_SITE",
    }
}

/// The choices a position suggests; `billing_type` is the first of the employer's types.
pub fn defaults(
    grade: &str,
    city: Option<&str>,
    work_format: Option<&str>,
    billing_types: &[(String, String)],
) -> Choices {
    Choices {
        billing_type: billing_types
            .iter()
            .map(|(id, _)| id.clone())
            .find(|id| id == "standard")
            .or_else(|| billing_types.first().map(|(id, _)| id.clone()))
            .unwrap_or_default(),
        area: city.and_then(area_for_city).unwrap_or_default().to_owned(),
        professional_role: ACCOUNT_MANAGER_ROLE.to_owned(),
        experience: experience_for_grade(grade).to_owned(),
        work_format: work_format_for(work_format.and_then(WorkFormat::parse)).to_owned(),
        employment_form: "FULL".to_owned(),
    }
}

/// What is wrong with the choices before hh is asked: a field and the message key.
pub fn check(choices: &Choices) -> Vec<(&'static str, &'static str)> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    let code = |s: &str| {
        !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let mut problems = Vec::new();
    let fields = [
        ("billing_type", code(&choices.billing_type)),
        ("area", digits(&choices.area)),
        ("professional_role", digits(&choices.professional_role)),
        ("experience", code(&choices.experience)),
        ("work_format", code(&choices.work_format)),
        ("employment_form", code(&choices.employment_form)),
    ];
    for (field, ok) in fields {
        if ok {
            continue;
        }
        let key = match (field, choices_value(choices, field).is_empty()) {
            ("area", true) => "hh-area-required",
            ("area", false) => "hh-area-invalid",
            ("professional_role", false) => "hh-role-invalid",
            (_, true) => "field-required",
            (_, false) => "hh-choice-invalid",
        };
        problems.push((field, key));
    }
    problems
}

fn choices_value<'a>(choices: &'a Choices, field: &str) -> &'a str {
    match field {
        "billing_type" => &choices.billing_type,
        "area" => &choices.area,
        "professional_role" => &choices.professional_role,
        "experience" => &choices.experience,
        "work_format" => &choices.work_format,
        _ => &choices.employment_form,
    }
}

/// Where hh's refusal of `field` (`area.id`, `professional_roles[0].id`, `salary_range.from`)
/// belongs: a field of the form, or what the position supplies (`name`, `description`,
/// `salary`), or — unknown — hh's own name, said at the top of the form.
pub fn form_field(hh_field: &str) -> String {
    let head = hh_field.split(['.', '[']).next().unwrap_or(hh_field).trim();
    match head {
        "billing_type" | "type" | "vacancy_properties" | "employer_service_id" => "billing_type",
        "area" | "address" => "area",
        "professional_roles" => "professional_role",
        "experience" => "experience",
        "work_format" | "schedule" => "work_format",
        "employment_form" | "employment" => "employment_form",
        "name" => "name",
        "description" => "description",
        "salary" | "salary_range" => "salary",
        _ => return hh_field.to_owned(),
    }
    .to_owned()
}

/// Markdown as the HTML hh's `description` accepts: paragraphs, lists, bold, italics and line
/// breaks only. Headings become bold paragraphs, links their text, and anything typed as HTML
/// is shown as text — every character of the text itself is escaped.
pub fn description_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::Paragraph) => out.push_str("<p>"),
            Event::End(TagEnd::Paragraph) => out.push_str("</p>"),
            Event::Start(Tag::Heading { .. }) => out.push_str("<p><strong>"),
            Event::End(TagEnd::Heading(_)) => out.push_str("</strong></p>"),
            Event::Start(Tag::List(None)) => out.push_str("<ul>"),
            Event::End(TagEnd::List(false)) => out.push_str("</ul>"),
            Event::Start(Tag::List(Some(_))) => out.push_str("<ol>"),
            Event::End(TagEnd::List(true)) => out.push_str("</ol>"),
            Event::Start(Tag::Item) => out.push_str("<li>"),
            Event::End(TagEnd::Item) => out.push_str("</li>"),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Emphasis) => out.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
            Event::Start(Tag::CodeBlock(_)) => out.push_str("<p>"),
            Event::End(TagEnd::CodeBlock) => {
                if out.ends_with("<br>") {
                    out.truncate(out.len() - "<br>".len());
                }
                out.push_str("</p>");
            }
            Event::Text(text) | Event::Code(text) => {
                // A code block's lines keep their breaks.
                let mut lines = text.split('\n').peekable();
                while let Some(line) = lines.next() {
                    escape_into(&mut out, line);
                    if lines.peek().is_some() {
                        out.push_str("<br>");
                    }
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => escape_into(&mut out, raw.trim_end()),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br>"),
            _ => {}
        }
    }
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band() -> SalaryBand {
        SalaryBand {
            min: 90_000,
            max: 140_000,
            currency: "RUB".into(),
        }
    }

    #[test]
    fn the_vacancy_text_becomes_the_few_tags_hh_accepts() {
        let html = description_html(
            "Аккаунт-менеджер ведёт клиентов.\n\n## Что предстоит делать\n\n- вести **ключевых** клиентов\n- писать *отчёты*\n\n1. раз\n2. два\n\nСтрока  \nперенос",
        );
        assert_eq!(
            html,
            "<p>Аккаунт-менеджер ведёт клиентов.</p>\
             <p><strong>Что предстоит делать</strong></p>\
             <ul><li>вести <strong>ключевых</strong> клиентов</li><li>писать <em>отчёты</em></li></ul>\
             <ol><li>раз</li><li>два</li></ol>\
             <p>Строка<br>перенос</p>"
        );
    }

    #[test]
    fn typed_html_and_links_reach_hh_as_text_only() {
        let html = description_html(
            "<script>alert(1)</script>\n\n[сайт](https://example.com) & <b onclick=x>жирный</b>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("сайт &amp; "), "{html}");
        let tags: Vec<&str> = html
            .split('<')
            .skip(1)
            .map(|t| t.split(['>', ' ']).next().unwrap_or(""))
            .collect();
        for tag in tags {
            assert!(
                [
                    "p", "/p", "ul", "/ul", "ol", "/ol", "li", "/li", "strong", "/strong", "em",
                    "/em", "br"
                ]
                .contains(&tag),
                "{tag} in {html}"
            );
        }
    }

    #[test]
    fn the_pay_is_the_bands_in_roubles_as_hh_writes_them() {
        let content = Content::of(" Аккаунт-менеджер ", "Текст", Some(&band()), true);
        let body = content.body();
        assert_eq!(body["name"], "Аккаунт-менеджер");
        assert_eq!(body["salary_range"]["from"], 90_000);
        assert_eq!(body["salary_range"]["to"], 140_000);
        assert_eq!(body["salary_range"]["currency"], "RUR");
        assert_eq!(body["salary_range"]["gross"], true);
        assert_eq!(body["salary_range"]["mode"]["id"], "MONTH");
        assert_eq!(hh_currency("eur"), "EUR");
        let net = Content::of("А", "Текст", Some(&band()), false);
        assert_eq!(net.body()["salary_range"]["gross"], false);
        assert!(
            Content::of("А", "Т", None, true)
                .body()
                .get("salary_range")
                .is_none()
        );
    }

    #[test]
    fn the_hash_moves_with_the_text_and_the_band_only() {
        let a = Content::of("А", "Текст", Some(&band()), true);
        assert_eq!(
            a.hash(),
            Content::of("А", "Текст", Some(&band()), true).hash()
        );
        assert_eq!(a.hash().len(), 64);
        assert_ne!(
            a.hash(),
            Content::of("А", "Текст 2", Some(&band()), true).hash()
        );
        let raised = SalaryBand {
            max: 150_000,
            ..band()
        };
        assert_ne!(
            a.hash(),
            Content::of("А", "Текст", Some(&raised), true).hash()
        );
    }

    #[test]
    fn a_publication_carries_every_field_hh_requires() {
        let choices = defaults(
            "middle",
            Some("г. Москва, м. Таганская"),
            Some("hybrid"),
            &[
                ("free".into(), "Бесплатная".into()),
                ("standard".into(), "Стандарт".into()),
            ],
        );
        assert_eq!(choices.area, "1");
        assert_eq!(choices.billing_type, "standard");
        assert_eq!(choices.professional_role, ACCOUNT_MANAGER_ROLE);
        assert_eq!(choices.experience, "between1And3");
        assert_eq!(choices.work_format, "HYBRID");
        let body = create_body(&Content::of("А", "Т", Some(&band()), true), &choices, None);
        for field in [
            "name",
            "description",
            "area",
            "type",
            "billing_type",
            "professional_roles",
        ] {
            assert!(body.get(field).is_some(), "{field} missing from {body}");
        }
        assert_eq!(body["area"]["id"], "1");
        assert_eq!(body["professional_roles"][0]["id"], "70");
        assert_eq!(body["work_format"][0]["id"], "HYBRID");
        assert_eq!(body["employment_form"]["id"], "FULL");
        assert!(body.get("previous_id").is_none());
        let again = create_body(&Content::of("А", "Т", None, true), &choices, Some("42"));
        assert_eq!(again["previous_id"], "42");
    }

    #[test]
    fn known_cities_have_their_hh_area_and_others_none() {
        assert_eq!(area_for_city("Москва"), Some("1"));
        assert_eq!(area_for_city("Санкт-Петербург"), Some("2"));
        assert_eq!(area_for_city("город Санкт-Петербург"), Some("2"));
        assert_eq!(area_for_city("Казань"), Some("88"));
        assert_eq!(area_for_city("Тверь"), None);
        assert_eq!(area_for_city(""), None);
        assert_eq!(defaults("senior", Some("Тверь"), None, &[]).area, "");
        assert_eq!(defaults("senior", None, None, &[]).work_format, "ON_SITE");
        assert_eq!(experience_for_grade("group_head"), "moreThan6");
    }

    #[test]
    fn choices_are_checked_before_hh_is_asked() {
        let good = defaults(
            "middle",
            Some("Москва"),
            None,
            &[("free".into(), "F".into())],
        );
        assert!(check(&good).is_empty());
        let bad = Choices {
            area: String::new(),
            professional_role: "менеджер".into(),
            billing_type: "<x>".into(),
            ..good.clone()
        };
        assert_eq!(
            check(&bad),
            vec![
                ("billing_type", "hh-choice-invalid"),
                ("area", "hh-area-required"),
                ("professional_role", "hh-role-invalid"),
            ]
        );
        let typed_area = Choices {
            area: "Москва".into(),
            ..good
        };
        assert_eq!(check(&typed_area), vec![("area", "hh-area-invalid")]);
    }

    #[test]
    fn hh_field_names_land_on_the_forms_fields() {
        assert_eq!(form_field("area.id"), "area");
        assert_eq!(form_field("professional_roles[0].id"), "professional_role");
        assert_eq!(form_field("billing_type.id"), "billing_type");
        assert_eq!(form_field("salary_range.from"), "salary");
        assert_eq!(form_field("name"), "name");
        assert_eq!(form_field("employment.id"), "employment_form");
        assert_eq!(form_field("key_skills"), "key_skills");
    }
}
