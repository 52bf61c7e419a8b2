//! Offers: drafted from the position's grade band, approved by the hiring manager and then the
//! CEO, sent to the candidate with a one-time link, and revised as a negotiation ledger. An
//! accepted offer makes the application `hired`; the search stays open until the start.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Role;
use crate::domain::offer_policy::{self, Approver, OfferStatus};
use crate::domain::pipeline::{Stage, Via};
use crate::entities::{candidate, grade, offer, position, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::{Composer, lang_of};
use crate::recruitment::consent::text_hash;
use crate::recruitment::pipeline::{self, Event, MoveRequest, record_event};
use crate::web::i18n::{Lang, Message};

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

fn status_of(o: &offer::Model) -> OfferStatus {
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
        _ => {}
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
    let txn = db.begin().await?;
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
    record_event(
        &txn,
        application_id,
        Some(actor.id),
        Event {
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
async fn transition<C: sea_orm::ConnectionTrait>(
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
    Ok(())
}

fn refused(o: &offer::Model, action: &str) -> AppError {
    AppError::Conflict(
        Message::new("offer-action-refused")
            .with("action", action)
            .with("status", o.status.clone()),
    )
}

/// A one-time link's token for `purpose`; only its hash is kept.
fn new_token() -> (String, String) {
    let token = crate::web::csrf::random_token();
    let hash = text_hash(&token);
    (token, hash)
}

/// The approver of a step: the position's hiring manager (or any hiring manager) and the CEO.
async fn approver_for(
    db: &DatabaseConnection,
    o: &offer::Model,
    who: Approver,
) -> AppResult<Option<user::Model>> {
    let role = match who {
        Approver::Manager => Role::HiringManager,
        Approver::Ceo => Role::Ceo,
    };
    if who == Approver::Manager {
        let app = pipeline::get(db, o.application_id).await?;
        let pos = position::Entity::find_by_id(app.position_id)
            .one(db)
            .await?;
        if let Some(id) = pos.and_then(|p| p.hiring_manager_id)
            && let Some(u) = user::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|u| u.active)
        {
            return Ok(Some(u));
        }
    }
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(role.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?)
}

async fn candidate_and_title(
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

/// Asks the approver whose turn it is, by email with a one-time link (in the same change).
async fn ask_approver<C: sea_orm::ConnectionTrait>(
    txn: &C,
    db: &DatabaseConnection,
    composer: &Composer,
    o: &offer::Model,
    who: Approver,
    base_url: &str,
) -> AppResult<()> {
    let Some(approver) = approver_for(db, o, who).await? else {
        return Ok(());
    };
    let (token, hash) = new_token();
    offer::Entity::update_many()
        .col_expr(offer::Column::TokenHash, Expr::value(Some(hash)))
        .col_expr(
            offer::Column::TokenPurpose,
            Expr::value(Some(if who == Approver::Manager {
                "manager"
            } else {
                "ceo"
            })),
        )
        .col_expr(
            offer::Column::TokenExpiresAt,
            Expr::value(Some(Utc::now() + Duration::days(LINK_DAYS))),
        )
        .filter(offer::Column::Id.eq(o.id))
        .exec(txn)
        .await?;
    let (person, title) = candidate_and_title(db, o).await?;
    let lang = Lang::parse(&approver.lang).unwrap_or_default();
    let rendered = composer.render(
        "offer_approval",
        lang,
        minijinja::context! {
            name => &approver.name, candidate => &person.full_name, title => &title,
            salary => o.salary, currency => &o.currency, start_date => o.start_date.to_string(),
            revision => o.revision, exception => &o.band_exception_reason,
            link => format!("{base_url}/offers/decide/{token}"),
        },
    )?;
    let mut email = rendered.to(
        "offer_approval",
        &approver.email,
        Some(&approver.name),
        lang,
    );
    email.application_id = Some(o.application_id);
    composer.queue(txn, None, email).await?;
    Ok(())
}

/// Submits a draft: to the hiring manager when it needs approval, else straight to approved.
pub async fn submit(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: &CurrentUser,
    id: i32,
    base_url: &str,
) -> AppResult<offer::Model> {
    let o = get(db, id).await?;
    if status_of(&o) != OfferStatus::Draft {
        return Err(refused(&o, "submit"));
    }
    let txn = db.begin().await?;
    if o.needs_approval {
        transition(&txn, &o, OfferStatus::AwaitingManager, vec![]).await?;
        ask_approver(&txn, db, composer, &o, Approver::Manager, base_url).await?;
    } else {
        transition(&txn, &o, OfferStatus::Approved, vec![]).await?;
    }
    AuditEvent::new(Some(actor.id), "offer.submit", "offer")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    get(db, id).await
}

/// What an approver says.
pub struct Decision<'a> {
    pub approve: bool,
    pub comment: &'a str,
}

/// An approver's decision. Out of turn (the CEO before the manager) is refused.
pub async fn decide(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: Option<&CurrentUser>,
    id: i32,
    who: Approver,
    decision: Decision<'_>,
    base_url: &str,
) -> AppResult<offer::Model> {
    let Decision { approve, comment } = decision;
    let o = get(db, id).await?;
    let status = status_of(&o);
    if offer_policy::turn(status) != Some(who) {
        return Err(AppError::Conflict(
            Message::new("offer-approval-order").with("status", o.status.clone()),
        ));
    }
    if !approve && comment.trim().is_empty() {
        return Err(AppError::validation(
            "comment",
            Message::new("offer-reject-comment"),
        ));
    }
    let decision = if approve { "approved" } else { "rejected" };
    let now = Utc::now();
    let actor_id = actor.map(|a| a.id);
    let extra: Vec<(offer::Column, sea_orm::Value)> = match who {
        Approver::Manager => vec![
            (
                offer::Column::ManagerDecision,
                Some(decision.to_owned()).into(),
            ),
            (
                offer::Column::ManagerComment,
                Some(comment.trim().to_owned()).into(),
            ),
            (offer::Column::ManagerId, actor_id.into()),
            (offer::Column::ManagerAt, Some(now).into()),
            (offer::Column::TokenHash, Option::<String>::None.into()),
        ],
        Approver::Ceo => vec![
            (offer::Column::CeoDecision, Some(decision.to_owned()).into()),
            (
                offer::Column::CeoComment,
                Some(comment.trim().to_owned()).into(),
            ),
            (offer::Column::CeoId, actor_id.into()),
            (offer::Column::CeoAt, Some(now).into()),
            (offer::Column::TokenHash, Option::<String>::None.into()),
        ],
    };
    let next = if approve {
        offer_policy::after_approval(status, who).ok_or_else(|| refused(&o, "approve"))?
    } else {
        OfferStatus::Rejected
    };
    let txn = db.begin().await?;
    transition(&txn, &o, next, extra).await?;
    if next == OfferStatus::AwaitingCeo {
        ask_approver(&txn, db, composer, &o, Approver::Ceo, base_url).await?;
    }
    AuditEvent::new(
        actor_id,
        if approve {
            "offer.approve"
        } else {
            "offer.reject"
        },
        "offer",
    )
    .id(id)
    .details(json!({"by": if who == Approver::Manager { "manager" } else { "ceo" }}))
    .record(&txn)
    .await?;
    txn.commit().await?;
    get(db, id).await
}

/// Which step a signed-in user may decide.
pub fn approver_role(user: &CurrentUser) -> Option<Approver> {
    match user.role {
        Role::HiringManager => Some(Approver::Manager),
        Role::Ceo => Some(Approver::Ceo),
        _ => None,
    }
}

/// The letter as the candidate will read it, with a stand-in for the link that is made when
/// it is sent: what the recruiter previews before sending.
pub async fn letter_preview(
    db: &DatabaseConnection,
    composer: &Composer,
    o: &offer::Model,
    note: &str,
    base_url: &str,
) -> AppResult<crate::outbox::emails::Rendered> {
    let (person, title) = candidate_and_title(db, o).await?;
    render_letter(
        composer,
        o,
        &person,
        &title,
        note,
        &format!("{base_url}/o/…"),
    )
}

fn render_letter(
    composer: &Composer,
    o: &offer::Model,
    person: &candidate::Model,
    title: &str,
    note: &str,
    link: &str,
) -> AppResult<crate::outbox::emails::Rendered> {
    composer.render(
        "offer_letter",
        lang_of(person),
        minijinja::context! {
            name => &person.full_name, title => title, salary => o.salary, currency => &o.currency,
            start_date => o.start_date.to_string(), probation => o.probation_months,
            bonus => &o.bonus_terms, terms => &o.terms, days => LINK_DAYS,
            note => note.trim(), link => link,
        },
    )
}

/// Sends an approved offer: the letter (with the recruiter's own note at the top, if any) and
/// a one-time link to accept or decline.
pub async fn send(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: &CurrentUser,
    id: i32,
    note: &str,
    base_url: &str,
) -> AppResult<offer::Model> {
    let o = get(db, id).await?;
    if status_of(&o) != OfferStatus::Approved {
        return Err(refused(&o, "send"));
    }
    let (person, title) = candidate_and_title(db, &o).await?;
    let Some(address) = person.email.clone() else {
        return Err(AppError::Conflict(Message::new("offer-no-email")));
    };
    let (token, hash) = new_token();
    let now = Utc::now();
    let txn = db.begin().await?;
    transition(
        &txn,
        &o,
        OfferStatus::Sent,
        vec![
            (offer::Column::TokenHash, Some(hash).into()),
            (
                offer::Column::TokenPurpose,
                Some("candidate".to_owned()).into(),
            ),
            (
                offer::Column::TokenExpiresAt,
                Some(now + Duration::days(LINK_DAYS)).into(),
            ),
            (offer::Column::SentAt, Some(now).into()),
        ],
    )
    .await?;
    let lang = lang_of(&person);
    let rendered = render_letter(
        composer,
        &o,
        &person,
        &title,
        note,
        &format!("{base_url}/o/{token}"),
    )?;
    let mut email = rendered.to("offer_letter", &address, Some(&person.full_name), lang);
    email.application_id = Some(o.application_id);
    composer.queue(&txn, Some(actor.id), email).await?;
    AuditEvent::new(Some(actor.id), "offer.send", "offer")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    get(db, id).await
}

/// The candidate accepted (through the link, or as the recruiter records it): the application
/// becomes `hired` with the start date, in the same transaction.
pub async fn accept(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: Option<&CurrentUser>,
    id: i32,
    start_date: Option<NaiveDate>,
) -> AppResult<offer::Model> {
    let o = get(db, id).await?;
    if status_of(&o) != OfferStatus::Sent {
        return Err(refused(&o, "accept"));
    }
    let start = start_date.unwrap_or(o.start_date);
    if start < Utc::now().date_naive() {
        return Err(AppError::validation(
            "start_date",
            Message::new("field-start-date-past"),
        ));
    }
    let txn = db.begin().await?;
    transition(
        &txn,
        &o,
        OfferStatus::Accepted,
        vec![
            (offer::Column::StartDate, start.into()),
            (offer::Column::AnsweredAt, Some(Utc::now()).into()),
            (offer::Column::TokenHash, Option::<String>::None.into()),
        ],
    )
    .await?;
    let request = MoveRequest {
        to: Stage::Hired,
        via: Via::AcceptedOffer,
        reason: None,
        note: Some(format!("offer #{}", o.revision)),
        date: Some(start),
        notice: crate::outbox::emails::Notice::Silent,
        talent_pool: None,
        override_coverage: false,
    };
    pipeline::advance_in(
        &txn,
        composer,
        actor.map(|a| a.id),
        o.application_id,
        request,
    )
    .await?;
    super::onboarding::create_for(&txn, o.application_id, start).await?;
    AuditEvent::new(actor.map(|a| a.id), "offer.accept", "offer")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    mark_runner_up(db, actor.map(|a| a.id), o.application_id).await?;
    get(db, id).await
}

/// Keeps the runner-up warm as the backup: of the others still in the search from the
/// short-list on, the one the interviews rated highest (the furthest along on a tie).
pub async fn mark_runner_up(
    db: &DatabaseConnection,
    actor_id: Option<i32>,
    hired_id: i32,
) -> AppResult<Option<i32>> {
    use crate::entities::application;
    let hired = pipeline::get(db, hired_id).await?;
    let finalists = application::Entity::find()
        .filter(application::Column::PositionId.eq(hired.position_id))
        .filter(application::Column::Id.ne(hired_id))
        .filter(application::Column::Stage.is_in([
            "short_list",
            "references",
            "ceo_interview",
            "offer",
        ]))
        .all(db)
        .await?;
    let mut best: Option<(f64, usize, i32)> = None;
    for f in &finalists {
        let overall = crate::interviews::profile::of_application(db, f.id)
            .await?
            .grade_fit
            .map_or(0.0, |g| g.overall);
        let step = Stage::parse(&f.stage).and_then(Stage::step).unwrap_or(0);
        if best.is_none_or(|(o, s, _)| (overall, step) > (o, s)) {
            best = Some((overall, step, f.id));
        }
    }
    application::Entity::update_many()
        .col_expr(application::Column::Backup, Expr::value(false))
        .filter(application::Column::PositionId.eq(hired.position_id))
        .exec(db)
        .await?;
    let Some((_, _, runner_up)) = best else {
        return Ok(None);
    };
    application::Entity::update_many()
        .col_expr(application::Column::Backup, Expr::value(true))
        .filter(application::Column::Id.eq(runner_up))
        .exec(db)
        .await?;
    let event = Event {
        kind: "backup",
        from: None,
        to: None,
        note: None,
    };
    record_event(db, runner_up, actor_id, event).await?;
    Ok(Some(runner_up))
}

/// The candidate declined: why we lost, and what they would accept instead.
pub async fn decline(
    db: &DatabaseConnection,
    actor: Option<&CurrentUser>,
    id: i32,
    reason: &str,
    counter: &str,
) -> AppResult<offer::Model> {
    let o = get(db, id).await?;
    if status_of(&o) != OfferStatus::Sent {
        return Err(refused(&o, "decline"));
    }
    if reason.trim().is_empty() {
        return Err(AppError::validation(
            "reason",
            Message::new("offer-decline-reason"),
        ));
    }
    let txn = db.begin().await?;
    transition(
        &txn,
        &o,
        OfferStatus::Declined,
        vec![
            (
                offer::Column::DeclineReason,
                Some(reason.trim().to_owned()).into(),
            ),
            (
                offer::Column::CounterProposal,
                Some(counter.trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .into(),
            ),
            (offer::Column::AnsweredAt, Some(Utc::now()).into()),
            (offer::Column::TokenHash, Option::<String>::None.into()),
        ],
    )
    .await?;
    record_event(
        &txn,
        o.application_id,
        actor.map(|a| a.id),
        Event {
            kind: "offer_declined",
            from: None,
            to: None,
            note: Some(reason.trim().to_owned()),
        },
    )
    .await?;
    AuditEvent::new(actor.map(|a| a.id), "offer.decline", "offer")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    get(db, id).await
}

/// The offer behind a link that still works, and whom the link is for.
pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> AppResult<Option<(offer::Model, String)>> {
    let found = offer::Entity::find()
        .filter(offer::Column::TokenHash.eq(text_hash(token)))
        .one(db)
        .await?;
    Ok(found
        .filter(|o| o.token_expires_at.is_some_and(|at| at > Utc::now()))
        .map(|o| {
            let purpose = o.token_purpose.clone().unwrap_or_default();
            (o, purpose)
        }))
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
