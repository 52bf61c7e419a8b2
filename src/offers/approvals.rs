//! Offer approvals: the hiring manager, then the CEO, each approving or rejecting with a
//! comment — in the app or from a one-time link in the approval email, without signing in.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::model::{
    LINK_DAYS, candidate_and_title, get, new_token, refused, status_of, transition,
};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Role;
use crate::domain::offer_policy::{self, Approver, OfferStatus};
use crate::domain::text::TextKind;
use crate::entities::{offer, position, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::notifications::model::{Kind, Notice, notify};
use crate::outbox::emails::Composer;
use crate::recruitment::pipeline;
use crate::web::i18n::Message;

/// The approver of a step: the position's hiring manager (or any hiring manager) and the CEO.
pub(super) async fn approver_for(
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
    let reader = composer.for_user(&approver);
    let lang = reader.lang;
    let rendered = composer.render_for(
        "offer_approval",
        &reader,
        minijinja::context! {
            name => &approver.name, candidate => &person.full_name, title => &title,
            pay => reader.money(o.salary, &o.currency), salary => o.salary, currency => &o.currency,
            start_date => reader.date(o.start_date),
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
    let notice = Notice::new(Kind::ApprovalRequested, format!("/offers/{}", o.id))
        .with("candidate", person.full_name.clone())
        .with("position", title.clone());
    notify(txn, &[approver.id], &notice).await?;
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
    let txn = crate::db::write(db).await?;
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
    if let Some(error) = FieldError::text("comment", TextKind::Text, comment) {
        return Err(AppError::Validation(vec![error]));
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
    let txn = crate::db::write(db).await?;
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
