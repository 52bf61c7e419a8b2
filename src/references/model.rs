//! Reference checks: referees of an application — only with the candidate's recorded
//! permission — answered either by the recruiter logging a call or by the referee through a
//! one-time link that expires and works once.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::text::TextKind;
use crate::entities::{application, candidate, position, referee};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::Composer;
use crate::recruitment::candidates::{ContactKind, contact};
use crate::recruitment::consent::text_hash;
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::{Lang, Message};

/// The questions of a reference check, in order; their wording is in the locale files.
pub const QUESTIONS: [&str; 6] = [
    "period_role",
    "duties",
    "strengths",
    "growth",
    "difficult_client",
    "rehire",
];
pub const VERDICTS: [&str; 3] = ["positive", "mixed", "negative"];
/// How long a referee's link works.
pub const LINK_DAYS: i64 = 7;

pub struct RefereeFields {
    pub name: String,
    pub company: String,
    pub relation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<referee::Model> {
    referee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn for_application(
    db: &DatabaseConnection,
    application_id: i32,
) -> AppResult<Vec<referee::Model>> {
    Ok(referee::Entity::find()
        .filter(referee::Column::ApplicationId.eq(application_id))
        .order_by_asc(referee::Column::Id)
        .all(db)
        .await?)
}

/// Adds a referee. Without the candidate's permission to contact referees the request is
/// refused (409), whatever else it holds.
pub async fn add(
    db: &DatabaseConnection,
    actor_id: i32,
    application_id: i32,
    fields: RefereeFields,
) -> AppResult<referee::Model> {
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = candidate::Entity::find_by_id(app.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !person.reference_consent {
        return Err(AppError::Conflict(Message::new(
            "reference-consent-missing",
        )));
    }
    let mut errors = Vec::new();
    for (field, value) in [
        ("name", &fields.name),
        ("company", &fields.company),
        ("relation", &fields.relation),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        } else {
            errors.extend(FieldError::text(field, TextKind::Line, value.trim()));
        }
    }
    let email = contact(fields.email.as_deref(), ContactKind::Email, &mut errors);
    let phone = contact(fields.phone.as_deref(), ContactKind::Phone, &mut errors);
    if errors.is_empty() && email.is_none() && phone.is_none() {
        errors.push(FieldError::new(
            "email",
            Message::new("reference-contact-needed"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let created = referee::ActiveModel {
        application_id: Set(application_id),
        name: Set(fields.name.trim().to_owned()),
        company: Set(fields.company.trim().to_owned()),
        relation: Set(fields.relation.trim().to_owned()),
        email: Set(email),
        phone: Set(phone),
        status: Set("added".into()),
        verdict: Set(None),
        answers: Set("{}".into()),
        notes: Set(String::new()),
        token_hash: Set(None),
        token_expires_at: Set(None),
        requested_at: Set(None),
        answered_at: Set(None),
        created_by: Set(Some(actor_id)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    timeline::record(
        &txn,
        Entry {
            application_id,
            actor_id: Some(actor_id),
            kind: "reference",
            from: None,
            to: None,
            note: Some(created.company.clone()),
        },
    )
    .await?;
    AuditEvent::new(Some(actor_id), "reference.add", "referee")
        .id(created.id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// What a reference says: answers by question, a verdict, notes.
pub struct ReferenceAnswer {
    pub answers: BTreeMap<String, String>,
    pub verdict: String,
    pub notes: String,
}

fn check_answer(answer: &ReferenceAnswer) -> AppResult<()> {
    let mut errors = Vec::new();
    if !VERDICTS.contains(&answer.verdict.as_str()) {
        errors.push(FieldError::new("verdict", Message::new("field-verdict")));
    }
    if answer
        .answers
        .keys()
        .any(|k| !QUESTIONS.contains(&k.as_str()))
    {
        errors.push(FieldError::new(
            "answers",
            Message::new("field-reference-question"),
        ));
    }
    if let Some(error) = answer
        .answers
        .values()
        .find_map(|v| FieldError::text("answers", TextKind::Text, v.trim()))
    {
        errors.push(error);
    }
    errors.extend(FieldError::text(
        "notes",
        TextKind::Text,
        answer.notes.trim(),
    ));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn answers_json(answer: &ReferenceAnswer) -> String {
    let clean: BTreeMap<&str, &str> = answer
        .answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    json!(clean).to_string()
}

/// The recruiter logs a call with the referee.
pub async fn log_call(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    answer: ReferenceAnswer,
) -> AppResult<referee::Model> {
    let found = get(db, id).await?;
    check_answer(&answer)?;
    let mut changed: referee::ActiveModel = found.clone().into();
    changed.answers = Set(answers_json(&answer));
    changed.verdict = Set(Some(answer.verdict.clone()));
    changed.notes = Set(answer.notes.trim().to_owned());
    changed.status = Set("logged".into());
    // A call answers for the referee: an outstanding link has nothing left to do.
    changed.token_hash = Set(None);
    changed.answered_at = Set(Some(Utc::now()));
    changed.version = Set(found.version + 1);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    AuditEvent::new(Some(actor_id), "reference.log", "referee")
        .id(id)
        .details(json!({"verdict": answer.verdict}))
        .record(db)
        .await?;
    Ok(updated)
}

/// Emails the referee a one-time link to a short form. The token itself is only in the email;
/// the database keeps its hash.
pub async fn request(
    db: &DatabaseConnection,
    composer: &Composer,
    actor_id: i32,
    id: i32,
    base_url: &str,
) -> AppResult<referee::Model> {
    let found = get(db, id).await?;
    let Some(email) = found.email.clone() else {
        return Err(AppError::Conflict(Message::new("reference-no-email")));
    };
    let app = application::Entity::find_by_id(found.application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = candidate::Entity::find_by_id(app.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !person.reference_consent {
        return Err(AppError::Conflict(Message::new(
            "reference-consent-missing",
        )));
    }
    let title = position::Entity::find_by_id(app.position_id)
        .one(db)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    let token = crate::web::csrf::random_token();
    let now = Utc::now();
    let expires = now + Duration::days(LINK_DAYS);
    let txn = crate::db::write(db).await?;
    let mut changed: referee::ActiveModel = found.clone().into();
    changed.token_hash = Set(Some(text_hash(&token)));
    changed.token_expires_at = Set(Some(expires));
    changed.requested_at = Set(Some(now));
    changed.status = Set("requested".into());
    changed.version = Set(found.version + 1);
    changed.updated_at = Set(now);
    let updated = changed.update(&txn).await?;
    // The referee has no language on record: the candidate's, who named them.
    let reader = composer.for_candidate(&person);
    let lang = reader.lang;
    let rendered = composer.render_for(
        "reference_request",
        &reader,
        minijinja::context! {
            name => &found.name,
            candidate => &person.full_name,
            title => &title,
            link => format!("{base_url}/r/{token}"),
            days => LINK_DAYS,
        },
    )?;
    let mut email = rendered.to("reference_request", &email, Some(&found.name), lang);
    email.application_id = Some(app.id);
    composer.queue(&txn, Some(actor_id), email).await?;
    AuditEvent::new(Some(actor_id), "reference.request", "referee")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Why a link does not open the form.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkProblem {
    /// Used already, or never issued.
    Unknown,
    /// Out of date; the page saying so speaks the language the form would have.
    Expired(Lang),
}

/// The referee behind a link that still works.
pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> AppResult<Result<(referee::Model, String, Lang), LinkProblem>> {
    let Some(found) = referee::Entity::find()
        .filter(referee::Column::TokenHash.eq(text_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(LinkProblem::Unknown));
    };
    let app = application::Entity::find_by_id(found.application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = candidate::Entity::find_by_id(app.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = crate::outbox::emails::lang_of(&person);
    if found.token_expires_at.is_none_or(|at| at < Utc::now()) {
        return Ok(Err(LinkProblem::Expired(lang)));
    }
    Ok(Ok((found, person.full_name, lang)))
}

/// The referee's answers through the link: taken once — the same statement that saves them
/// clears the token, so a second submission (or a race of two) finds nothing to update.
pub async fn answer_by_token(
    db: &DatabaseConnection,
    token: &str,
    answer: ReferenceAnswer,
) -> AppResult<Result<(), LinkProblem>> {
    check_answer(&answer)?;
    let now = Utc::now();
    let result = referee::Entity::update_many()
        .col_expr(referee::Column::Answers, Expr::value(answers_json(&answer)))
        .col_expr(
            referee::Column::Verdict,
            Expr::value(Some(answer.verdict.clone())),
        )
        .col_expr(
            referee::Column::Notes,
            Expr::value(answer.notes.trim().to_owned()),
        )
        .col_expr(referee::Column::Status, Expr::value("answered"))
        .col_expr(
            referee::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .col_expr(referee::Column::AnsweredAt, Expr::value(Some(now)))
        .col_expr(referee::Column::UpdatedAt, Expr::value(now))
        .filter(referee::Column::TokenHash.eq(text_hash(token)))
        .filter(referee::Column::TokenExpiresAt.gt(now))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        // Used or out of date: which, as the link says.
        return Ok(Err(by_token(db, token)
            .await?
            .err()
            .unwrap_or(LinkProblem::Unknown)));
    }
    Ok(Ok(()))
}

/// A reference as the team reads it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReferenceView {
    pub id: i32,
    pub application_id: i32,
    pub name: String,
    pub company: String,
    pub relation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// added, requested, answered or logged.
    pub status: String,
    pub verdict: Option<String>,
    pub answers: BTreeMap<String, String>,
    pub notes: String,
    pub requested_at: Option<chrono::DateTime<Utc>>,
    pub answered_at: Option<chrono::DateTime<Utc>>,
    pub link_expires_at: Option<chrono::DateTime<Utc>>,
}

impl From<referee::Model> for ReferenceView {
    fn from(r: referee::Model) -> Self {
        ReferenceView {
            answers: serde_json::from_str(&r.answers).unwrap_or_default(),
            link_expires_at: r.token_hash.as_ref().and(r.token_expires_at),
            id: r.id,
            application_id: r.application_id,
            name: r.name,
            company: r.company,
            relation: r.relation,
            email: r.email,
            phone: r.phone,
            status: r.status,
            verdict: r.verdict,
            notes: r.notes,
            requested_at: r.requested_at,
            answered_at: r.answered_at,
        }
    }
}
