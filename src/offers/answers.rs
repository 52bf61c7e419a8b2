//! The candidate's side of an offer: the letter (previewed, with the recruiter's note), the
//! one-time link to accept or decline, and what an answer sets off — the hire, the backup, the
//! onboarding checklist.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::model::{
    LINK_DAYS, candidate_and_title, get, new_token, refused, status_of, transition,
};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::offer_policy::OfferStatus;
use crate::domain::pipeline::{Stage, Via};
use crate::domain::text::TextKind;
use crate::entities::{candidate, offer};
use crate::error::{AppError, AppResult, FieldError};
use crate::notifications::model::{Kind, Notice, about_application, notify};
use crate::outbox::emails::Composer;
use crate::recruitment::consent::text_hash;
use crate::recruitment::pipeline::{self, MoveRequest};
use crate::timeline::model::{Entry, record};
use crate::web::i18n::Message;

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
    let reader = composer.for_candidate(person);
    composer.render_for(
        "offer_letter",
        &reader,
        minijinja::context! {
            name => &person.full_name, title => title,
            pay => reader.money(o.salary, &o.currency), salary => o.salary, currency => &o.currency,
            start_date => reader.date(o.start_date), probation => o.probation_months,
            bonus => &o.bonus_terms, terms => &o.terms, days => LINK_DAYS,
            note => note.trim(), link => link,
        },
    )
}

/// Who `send` would email and where, refused as `send` refuses it (not approved, or no
/// address); changes nothing.
pub async fn send_preview(db: &DatabaseConnection, id: i32) -> AppResult<(String, String)> {
    let o = get(db, id).await?;
    if status_of(&o) != OfferStatus::Approved {
        return Err(refused(&o, "send"));
    }
    let (person, _) = candidate_and_title(db, &o).await?;
    let Some(address) = person.email.clone() else {
        return Err(AppError::Conflict(Message::new("offer-no-email")));
    };
    Ok((person.full_name, address))
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
    let link = format!("{base_url}/o/{token}");
    // Made before the transaction: it is slow next to the writes, and SQLite has one writer.
    let pdf = super::letter::render(db, composer, &o, Some(&link)).await?;
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
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
    let lang = composer.for_candidate(&person).lang;
    let rendered = render_letter(composer, &o, &person, &title, note, &link)?;
    let mut email = rendered.to("offer_letter", &address, Some(&person.full_name), lang);
    email.application_id = Some(o.application_id);
    let queued = composer.queue(&txn, Some(actor.id), email).await?;
    crate::outbox::model::attach(&txn, queued.id, pdf.into_attachment()).await?;
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
    let txn = crate::db::write(db).await?;
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
    tell_the_team(&txn, &o, "accepted", actor).await?;
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
    record(db, Entry::new(runner_up, actor_id, "backup")).await?;
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
    let errors: Vec<FieldError> = [("reason", reason), ("counter_proposal", counter)]
        .into_iter()
        .filter_map(|(field, text)| FieldError::text(field, TextKind::Text, text))
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::write(db).await?;
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
    record(
        &txn,
        Entry::new(o.application_id, actor.map(|a| a.id), "offer_declined").note(reason.trim()),
    )
    .await?;
    tell_the_team(&txn, &o, "declined", actor).await?;
    AuditEvent::new(actor.map(|a| a.id), "offer.decline", "offer")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    get(db, id).await
}

/// Tells the position's recruiter and whoever drafted the offer that the candidate answered
/// (`accepted` or `declined`), unless they recorded the answer themselves.
async fn tell_the_team<C: ConnectionTrait>(
    txn: &C,
    o: &offer::Model,
    answer: &str,
    actor: Option<&CurrentUser>,
) -> AppResult<()> {
    let Some(about) = about_application(txn, o.application_id).await? else {
        return Ok(());
    };
    let team: Vec<i32> = [about.owner, o.created_by].into_iter().flatten().collect();
    let mut notice = Notice::new(Kind::OfferAnswered, format!("/offers/{}", o.id))
        .with("candidate", about.candidate)
        .with("position", about.position)
        .with("answer", answer);
    if let Some(actor) = actor {
        notice = notice.by(actor.id);
    }
    notify(txn, &team, &notice).await
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
