//! Filling a template's variables, and nothing more: a sandboxed minijinja environment with no
//! loader, no functions and no filters, which knows exactly the variables below and refuses any
//! other (on save and on send) with a message naming it. Pure, no I/O.

use std::collections::BTreeSet;

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::error::{AppError, FieldError};
use crate::web::i18n::Message;

/// Every variable a template may use.
pub const VARIABLES: [&str; 5] = [
    "candidate.first_name",
    "candidate.full_name",
    "position.title",
    "recruiter.name",
    "agency.name",
];

/// The values of [`VARIABLES`] for one email; `position` is known when the email is about an
/// application.
#[derive(Clone, Debug, Serialize)]
pub struct Variables {
    pub candidate: CandidateVars,
    pub position: Option<PositionVars>,
    pub recruiter: NameVar,
    pub agency: NameVar,
}

impl Variables {
    /// The values for a letter to the person named `full_name`, about the position `title`
    /// when there is one, signed by `recruiter` for `agency`.
    pub fn new(full_name: &str, title: Option<&str>, recruiter: String, agency: String) -> Self {
        Variables {
            candidate: CandidateVars {
                first_name: first_name(full_name),
                full_name: full_name.to_owned(),
            },
            position: title.map(|title| PositionVars {
                title: title.to_owned(),
            }),
            recruiter: NameVar { name: recruiter },
            agency: NameVar { name: agency },
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct CandidateVars {
    pub first_name: String,
    pub full_name: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PositionVars {
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NameVar {
    pub name: String,
}

/// The name a letter greets: the given name of "Анна Петрова" and of "Петрова Анна Сергеевна"
/// (a Russian full name with a patronymic starts with the surname), else the first word.
pub fn first_name(full_name: &str) -> String {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let patronymic = |w: &str| {
        let w = w.to_lowercase();
        ["вич", "вна", "ична", "кызы", "оглы"]
            .iter()
            .any(|end| w.ends_with(end))
    };
    match words.as_slice() {
        [_, given, last] if patronymic(last) => (*given).to_owned(),
        [first, ..] => (*first).to_owned(),
        [] => String::new(),
    }
}

fn environment() -> Environment<'static> {
    // `empty()`: no filters, tests, functions or globals — a template can only print variables.
    let mut env = Environment::empty();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

fn syntax_error(field: &str, error: &minijinja::Error) -> FieldError {
    let detail = error
        .detail()
        .map(str::to_owned)
        .unwrap_or_else(|| error.kind().to_string());
    FieldError::new(
        field,
        Message::new("compose-template-broken").with("detail", detail),
    )
}

/// Checks one part (`field` names it in the messages): it parses and uses only [`VARIABLES`].
pub fn check(field: &str, source: &str) -> Result<(), FieldError> {
    let env = environment();
    let template = env
        .template_from_str(source)
        .map_err(|e| syntax_error(field, &e))?;
    let used: BTreeSet<String> = template.undeclared_variables(true).into_iter().collect();
    match used.iter().find(|v| !VARIABLES.contains(&v.as_str())) {
        None => Ok(()),
        Some(unknown) => Err(FieldError::new(
            field,
            Message::new("compose-unknown-variable")
                .with("name", unknown.clone())
                .with("known", VARIABLES.join(", ")),
        )),
    }
}

/// Checks a subject and a body together, every problem at once.
pub fn check_both(subject: &str, body: &str) -> Result<(), AppError> {
    let errors: Vec<FieldError> = [check("subject", subject), check("body", body)]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// One part filled in, as plain text (the HTML part is built from it, escaped, by the email's
/// own template). Uses [`check`] first, so an unknown variable is named, not just refused.
pub fn fill(field: &str, source: &str, vars: &Variables) -> Result<String, FieldError> {
    check(field, source)?;
    let env = environment();
    let template = env
        .template_from_str(source)
        .map_err(|e| syntax_error(field, &e))?;
    let used = template.undeclared_variables(true);
    if vars.position.is_none()
        && let Some(name) = used.iter().find(|v| v.starts_with("position"))
    {
        return Err(FieldError::new(
            "application_id",
            Message::new("compose-needs-application").with("name", name.clone()),
        ));
    }
    template.render(vars).map_err(|e| syntax_error(field, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(position: bool) -> Variables {
        Variables {
            candidate: CandidateVars {
                first_name: "Анна".into(),
                full_name: "Анна <Петрова>".into(),
            },
            position: position.then(|| PositionVars {
                title: "Аккаунт-менеджер".into(),
            }),
            recruiter: NameVar {
                name: "Мария".into(),
            },
            agency: NameVar {
                name: "Орбита".into(),
            },
        }
    }

    #[test]
    fn every_known_variable_is_filled_in_as_plain_text() {
        let out = fill(
            "body",
            "{{ candidate.first_name }}/{{ candidate.full_name }}/{{ position.title }}/{{ recruiter.name }}/{{ agency.name }}",
            &vars(true),
        )
        .unwrap();
        assert_eq!(out, "Анна/Анна <Петрова>/Аккаунт-менеджер/Мария/Орбита");
    }

    #[test]
    fn an_unknown_variable_is_refused_by_name() {
        let error = check("body", "Hello {{ candidate.nickname }}").unwrap_err();
        assert_eq!(error.field, "body");
        assert!(
            crate::web::i18n::Lang::En
                .render(&error.message)
                .contains("candidate.nickname")
        );
        assert!(check("body", "{{ config }}").is_err());
        assert!(check("body", "{{ candidate }}").is_err(), "a whole object");
    }

    #[test]
    fn a_template_that_does_not_parse_is_refused() {
        assert!(check("subject", "Hello {{ candidate.first_name").is_err());
        assert!(fill("subject", "{% include 'base.html' %}", &vars(true)).is_err());
    }

    #[test]
    fn functions_and_filters_are_not_there() {
        assert!(fill("body", "{{ range(3) }}", &vars(true)).is_err());
        assert!(fill("body", "{{ agency.name | upper }}", &vars(true)).is_err());
    }

    #[test]
    fn the_position_needs_an_application() {
        let error = fill("body", "{{ position.title }}", &vars(false)).unwrap_err();
        assert_eq!(error.field, "application_id");
        assert!(fill("body", "{{ candidate.first_name }}", &vars(false)).is_ok());
    }

    #[test]
    fn the_given_name_is_found_in_both_orders() {
        assert_eq!(first_name("Анна Петрова"), "Анна");
        assert_eq!(first_name("Петрова Анна Сергеевна"), "Анна");
        assert_eq!(first_name("Ivan Petrov"), "Ivan");
        assert_eq!(first_name("  "), "");
    }
}
