//! Offers: drafted from the position's grade band and revised as a negotiation ledger — the
//! terms and their checks, drafts and their edits, and what changed between revisions.
//! Approvals live in `approvals`, the candidate's side (letter, answer) in `answers`.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::date_bounds::DateKind;
use crate::domain::offer_policy::{self, OfferStatus};
use crate::domain::pipeline::Stage;
use crate::domain::text::TextKind;
use crate::entities::{candidate, grade, offer, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::consent::text_hash;
use crate::recruitment::pipeline;
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::Message;

/// How long the candidate's and approvers' links work.
pub const LINK_DAYS: i64 = 14;

/// The terms of a revision.
#[derive(Clone, Debug, Default)]
pub struct OfferTerms {
    pub salary: i64,
    pub currency: String,
    pub start_date: Option<NaiveDate>,
    pub probation_months: i32,
    pub bonus_terms: String,
    pub terms: String,
    pub band_exception_reason: Option<String>,
    pub change_reason: String,
    pub counter_proposal: Option<String>,
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<offer::Model> {
    offer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn revisions(
    db: &DatabaseConnection,
    application_id: i32,
) -> AppResult<Vec<offer::Model>> {
    Ok(offer::Entity::find()
        .filter(offer::Column::ApplicationId.eq(application_id))
        .order_by_asc(offer::Column::Revision)
        .all(db)
        .await?)
}

pub(super) fn status_of(o: &offer::Model) -> OfferStatus {
    OfferStatus::parse(&o.status).unwrap_or(OfferStatus::Draft)
}

async fn band_of(db: &DatabaseConnection, position_id: i32) -> AppResult<(i64, i64, String)> {
    let pos = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = grade::Entity::find_by_id(pos.grade)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((g.salary_min, g.salary_max, g.currency))
}

fn check_terms(terms: &OfferTerms, band: (i64, i64)) -> AppResult<()> {
    let mut errors = Vec::new();
    if terms.salary <= 0 {
        errors.push(FieldError::new(
            "salary",
            Message::new("field-salary-positive"),
        ));
    }
    if terms.currency.len() != 3 || !terms.currency.chars().all(|c| c.is_ascii_uppercase()) {
        errors.push(FieldError::new(
            "currency",
            Message::new("field-currency-invalid"),
        ));
    }
    match terms.start_date {
        None => errors.push(FieldError::new(
            "start_date",
            Message::new("field-required"),
        )),
        Some(date) if date < Utc::now().date_naive() => errors.push(FieldError::new(
            "start_date",
            Message::new("field-start-date-past"),
        )),
        Some(date) => errors.extend(FieldError::date("start_date", DateKind::Planned, date)),
    }
    for (field, value) in [
        ("bonus_terms", terms.bonus_terms.as_str()),
        ("terms", terms.terms.as_str()),
        ("change_reason", terms.change_reason.as_str()),
        (
            "band_exception_reason",
            terms.band_exception_reason.as_deref().unwrap_or(""),
        ),
        (
            "counter_proposal",
            terms.counter_proposal.as_deref().unwrap_or(""),
        ),
    ] {
        errors.extend(FieldError::text(field, TextKind::Text, value.trim()));
    }
    if !(0..=6).contains(&terms.probation_months) {
        errors.push(FieldError::new(
            "probation_months",
            Message::new("field-probation-range"),
        ));
    }
    let outside = terms.salary > 0 && (terms.salary < band.0 || terms.salary > band.1);
    if outside
        && terms
            .band_exception_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        errors.push(FieldError::new(
            "band_exception_reason",
            Message::new("offer-band-exception-needed")
                .with_number("min", band.0)
                .with_number("max", band.1),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The salary of the last revision both approvers passed (or that needed no approval).
fn last_approved(previous: &[offer::Model]) -> Option<i64> {
    previous
        .iter()
        .rev()
        .find(|o| {
            (o.manager_decision.as_deref() == Some("approved")
                && o.ceo_decision.as_deref() == Some("approved"))
                || (!o.needs_approval && o.status != OfferStatus::Draft.as_str())
        })
        .map(|o| o.salary)
}

/// Drafts the next revision. The application must be at the offer stage with no offer in play.
pub async fn draft(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    application_id: i32,
    terms: OfferTerms,
) -> AppResult<offer::Model> {
    let app = pipeline::get(db, application_id).await?;
    if app.stage != Stage::Offer.as_str() {
        return Err(AppError::Conflict(
            Message::new("offer-wrong-stage").with("stage", app.stage),
        ));
    }
    let previous = revisions(db, application_id).await?;
    if previous.iter().any(|o| status_of(o).is_open()) {
        return Err(AppError::Conflict(Message::new("offer-in-play")));
    }
    let band = band_of(db, app.position_id).await?;
    check_terms(&terms, (band.0, band.1))?;
    let revision = previous.len() as i32 + 1;
    if revision > 1 && terms.change_reason.trim().is_empty() {
        return Err(AppError::validation(
            "change_reason",
            Message::new("offer-change-reason-needed"),
        ));
    }
    let needs = offer_policy::needs_approval(
        revision,
        terms.salary,
        (band.0, band.1),
        last_approved(&previous),
    );
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let created = offer::ActiveModel {
        application_id: Set(application_id),
        revision: Set(revision),
        status: Set(OfferStatus::Draft.as_str().into()),
        salary: Set(terms.salary),
        currency: Set(terms.currency.clone()),
        start_date: Set(terms.start_date.unwrap_or_default()),
        probation_months: Set(terms.probation_months),
        bonus_terms: Set(terms.bonus_terms.trim().to_owned()),
        terms: Set(terms.terms.trim().to_owned()),
        band_exception_reason: Set(terms
            .band_exception_reason
            .clone()
            .filter(|r| !r.trim().is_empty())),
        needs_approval: Set(needs),
        change_reason: Set(terms.change_reason.trim().to_owned()),
        counter_proposal: Set(terms
            .counter_proposal
            .clone()
            .filter(|c| !c.trim().is_empty())),
        created_by: Set(Some(actor.id)),
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
            actor_id: Some(actor.id),
            kind: "offer",
            from: None,
            to: None,
            note: Some(format!("#{revision} {} {}", terms.salary, terms.currency)),
        },
    )
    .await?;
    AuditEvent::new(Some(actor.id), "offer.draft", "offer")
        .id(created.id)
        .details(json!({"revision": revision}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Edits a draft. Two people saving the same draft: the second is told, nothing is lost.
pub async fn update_draft(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: i32,
    version: i32,
    terms: OfferTerms,
) -> AppResult<offer::Model> {
    let current = get(db, id).await?;
    if !status_of(&current).editable() {
        return Err(AppError::Conflict(Message::new("offer-not-draft")));
    }
    let app = pipeline::get(db, current.application_id).await?;
    let band = band_of(db, app.position_id).await?;
    check_terms(&terms, (band.0, band.1))?;
    let previous: Vec<offer::Model> = revisions(db, current.application_id)
        .await?
        .into_iter()
        .filter(|o| o.revision < current.revision)
        .collect();
    let needs = offer_policy::needs_approval(
        current.revision,
        terms.salary,
        (band.0, band.1),
        last_approved(&previous),
    );
    let result = offer::Entity::update_many()
        .col_expr(offer::Column::Salary, Expr::value(terms.salary))
        .col_expr(offer::Column::Currency, Expr::value(terms.currency.clone()))
        .col_expr(offer::Column::StartDate, Expr::value(terms.start_date))
        .col_expr(
            offer::Column::ProbationMonths,
            Expr::value(terms.probation_months),
        )
        .col_expr(
            offer::Column::BonusTerms,
            Expr::value(terms.bonus_terms.trim().to_owned()),
        )
        .col_expr(
            offer::Column::Terms,
            Expr::value(terms.terms.trim().to_owned()),
        )
        .col_expr(
            offer::Column::BandExceptionReason,
            Expr::value(
                terms
                    .band_exception_reason
                    .clone()
                    .filter(|r| !r.trim().is_empty()),
            ),
        )
        .col_expr(offer::Column::NeedsApproval, Expr::value(needs))
        .col_expr(
            offer::Column::ChangeReason,
            Expr::value(terms.change_reason.trim().to_owned()),
        )
        .col_expr(offer::Column::Version, Expr::value(version + 1))
        .col_expr(offer::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(offer::Column::Id.eq(id))
        .filter(offer::Column::Version.eq(version))
        .filter(offer::Column::Status.eq(OfferStatus::Draft.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::Conflict(
            Message::new("offer-stale").with_number("version", i64::from(current.version)),
        ));
    }
    AuditEvent::new(Some(actor.id), "offer.update", "offer")
        .id(id)
        .details(json!({"version": version + 1}))
        .record(db)
        .await?;
    get(db, id).await
}

/// Moves the offer from `from` to `to` only if nobody moved it meanwhile.
pub(super) async fn transition<C: sea_orm::ConnectionTrait>(
    db: &C,
    o: &offer::Model,
    to: OfferStatus,
    extra: Vec<(offer::Column, sea_orm::Value)>,
) -> AppResult<()> {
    let mut update = offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(to.as_str()))
        .col_expr(offer::Column::Version, Expr::value(o.version + 1))
        .col_expr(offer::Column::UpdatedAt, Expr::value(Utc::now()));
    for (column, value) in extra {
        update = update.col_expr(column, Expr::value(value));
    }
    let result = update
        .filter(offer::Column::Id.eq(o.id))
        .filter(offer::Column::Version.eq(o.version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::Conflict(
            Message::new("offer-stale").with_number("version", i64::from(o.version)),
        ));
    }
    // Every status change passes here: the candidate's side of it reaches integrations.
    crate::webhooks::events::on_offer(db, o, to).await
}

pub(super) fn refused(o: &offer::Model, action: &str) -> AppError {
    AppError::Conflict(
        Message::new("offer-action-refused")
            .with("action", action)
            .with("status", o.status.clone()),
    )
}

/// A one-time link's token for `purpose`; only its hash is kept.
pub(super) fn new_token() -> (String, String) {
    let token = crate::web::csrf::random_token();
    let hash = text_hash(&token);
    (token, hash)
}

pub(super) async fn candidate_and_title(
    db: &DatabaseConnection,
    o: &offer::Model,
) -> AppResult<(candidate::Model, String)> {
    let app = pipeline::get(db, o.application_id).await?;
    let person = candidate::Entity::find_by_id(app.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = position::Entity::find_by_id(app.position_id)
        .one(db)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    Ok((person, title))
}

/// What changed from the revision before, field by field.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Change {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

pub fn changes(before: &offer::Model, after: &offer::Model) -> Vec<Change> {
    let pairs: [(&'static str, String, String); 6] = [
        (
            "salary",
            before.salary.to_string(),
            after.salary.to_string(),
        ),
        ("currency", before.currency.clone(), after.currency.clone()),
        (
            "start_date",
            before.start_date.to_string(),
            after.start_date.to_string(),
        ),
        (
            "probation_months",
            before.probation_months.to_string(),
            after.probation_months.to_string(),
        ),
        (
            "bonus_terms",
            before.bonus_terms.clone(),
            after.bonus_terms.clone(),
        ),
        ("terms", before.terms.clone(), after.terms.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| Change {
            field,
            before,
            after,
        })
        .collect()
}

/// The terms a new revision starts from: the latest revision's, with the candidate's
/// counter-proposal beside them.
pub async fn starting_terms(db: &DatabaseConnection, application_id: i32) -> AppResult<OfferTerms> {
    let app = pipeline::get(db, application_id).await?;
    let latest = revisions(db, application_id).await?.pop();
    let band = band_of(db, app.position_id).await?;
    Ok(match latest {
        Some(o) => OfferTerms {
            salary: o.salary,
            currency: o.currency,
            start_date: Some(
                o.start_date
                    .max(Utc::now().date_naive() + Duration::days(14)),
            ),
            probation_months: o.probation_months,
            bonus_terms: o.bonus_terms,
            terms: o.terms,
            band_exception_reason: o.band_exception_reason,
            change_reason: String::new(),
            counter_proposal: o.counter_proposal,
        },
        None => {
            // The interviews' suggestion when there is one, else the middle of the band.
            let profile = crate::interviews::profile::of_application(db, application_id).await?;
            let suggested = profile
                .suggested_salary
                .map(|s| s.salary)
                .filter(|s| *s >= band.0 && *s <= band.1);
            OfferTerms {
                salary: suggested.unwrap_or((band.0 + band.1) / 2 / 1000 * 1000),
                currency: band.2,
                start_date: Some(Utc::now().date_naive() + Duration::days(14)),
                probation_months: 3,
                ..Default::default()
            }
        }
    })
}
