//! Email templates and the compose page: a template with an unknown variable, and an email
//! whose text uses one.

use sea_orm::{EntityTrait, QueryOrder};

use super::{Fixture, Row, owned};
use crate::helpers::TestApp;

/// A template to edit (the first seeded one), kept in `fixture.extra`.
pub(super) async fn setup(app: &TestApp, fixture: &mut Fixture) {
    use hireloop::entities::email_template;
    let first = email_template::Entity::find()
        .order_by_asc(email_template::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("seeded templates");
    fixture.extra.insert("template", first.id.to_string());
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        Row {
            action: "/email-templates",
            role: "recruiter",
            path: |_| "/email-templates".into(),
            fields: |_| {
                owned(&[
                    ("name", "Ωшаблон-90"),
                    ("lang", "ru"),
                    ("subject", "Ωтема-91"),
                    ("body", "Здравствуйте, {{ candidate.nickname }}! Ω-92"),
                ])
            },
            kept: &["name", "subject", "body"],
            status: 422,
        },
        Row {
            action: "/email-templates/{}",
            role: "recruiter",
            path: |f| format!("/email-templates/{}", f.extra["template"]),
            fields: |_| {
                owned(&[
                    ("name", "Ωшаблон-93"),
                    ("lang", "en"),
                    ("subject", ""),
                    ("body", "Ωтекст-94"),
                ])
            },
            kept: &["name", "body"],
            status: 422,
        },
        Row {
            action: "/candidates/{}/email",
            role: "recruiter",
            path: |f| format!("/candidates/{}/email", f.candidate),
            fields: |_| {
                owned(&[
                    ("subject", "Ωтема-95"),
                    ("body", "Ваша зарплата: {{ candidate.salary }} Ω-96"),
                    ("step", "send"),
                ])
            },
            kept: &["subject", "body"],
            status: 422,
        },
    ]
}

/// Forms here whose typed input does not yet come back.
pub(super) const NOT_YET: &[&str] = &[];
