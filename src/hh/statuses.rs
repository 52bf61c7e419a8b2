//! Statuses back to hh.ru. An application that came from an hh response and moves to the
//! short-list is invited there; one that is rejected is discarded there — each with the text
//! the candidate would get by email, in their language. The push is queued in the move's own
//! transaction (`on_move`, called by `recruitment::pipeline`), so a move that rolls back sends
//! nothing, and sent by the round (`push_due`) through the action the negotiation lists, as
//! hh's documents ask. hh not answering is retried with back-off; a refusal is kept with its
//! reason for the card.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::negotiation;
use crate::domain::pipeline::Stage;
use crate::email_templates::render::{self, Variables};
use crate::entities::{application, candidate, email_template, hh_negotiation, hh_status_push};
use crate::entities::{position, user};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::{self, Composer, Notice, lang_of};
use crate::recruitment::reasons;

/// The agency's template an invitation says (the candidate's language picks one).
const INVITATION_TEMPLATE: &str = "call-invitation";

/// What goes back to hh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Push {
    Invite,
    Discard,
}

impl Push {
    /// hh's actions that carry it, the one to prefer first. An employer's vacancy lists its
    /// own (hh: "the list depends on the vacancy and the employer").
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            Push::Invite => &["invitation", "phone_interview", "interview"],
            Push::Discard => &["discard_by_employer", "discard"],
        }
    }

    pub fn of_action(action: &str) -> Option<Push> {
        [Push::Invite, Push::Discard]
            .into_iter()
            .find(|p| p.actions().contains(&action))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Push::Invite => "invite",
            Push::Discard => "discard",
        }
    }

    fn for_stage(to: Stage) -> Option<Push> {
        match to {
            Stage::ShortList => Some(Push::Invite),
            Stage::Rejected => Some(Push::Discard),
            _ => None,
        }
    }
}

/// What a move tells hh: where the application went, why, and the letter the recruiter chose.
/// Its own type, so that this module does not reach back into the pipeline that calls it.
pub struct Moved<'a> {
    pub to: Stage,
    pub reason: Option<&'a str>,
    pub notice: &'a Notice,
}

/// The hook in `pipeline::advance_in`: queues the invitation or the discard for every hh
/// negotiation of the application, inside the move's transaction. Once per negotiation and
/// kind: a step back and forward again does not invite twice (a failed one is tried anew).
pub async fn on_move(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    moved: &application::Model,
    request: Moved<'_>,
) -> AppResult<()> {
    let Some(push) = Push::for_stage(request.to) else {
        return Ok(());
    };
    let negotiations = hh_negotiation::Entity::find()
        .filter(hh_negotiation::Column::ApplicationId.eq(moved.id))
        .all(txn)
        .await?;
    if negotiations.is_empty() {
        return Ok(());
    }
    let message = message(txn, composer, actor_id, moved, push, &request).await?;
    let now = Utc::now();
    for negotiation in negotiations {
        if push == Push::Discard {
            // An invitation not yet sent is not sent after the rejection.
            hh_status_push::Entity::delete_many()
                .filter(
                    hh_status_push::Column::HhNegotiationId
                        .eq(negotiation.hh_negotiation_id.clone()),
                )
                .filter(
                    hh_status_push::Column::Action.is_in(Push::Invite.actions().iter().copied()),
                )
                .filter(hh_status_push::Column::Status.eq("pending"))
                .filter(hh_status_push::Column::ClaimedUntil.is_null())
                .exec(txn)
                .await?;
        }
        let queued = hh_status_push::Entity::find()
            .filter(
                hh_status_push::Column::HhNegotiationId.eq(negotiation.hh_negotiation_id.clone()),
            )
            .filter(hh_status_push::Column::Action.is_in(push.actions().iter().copied()))
            .filter(hh_status_push::Column::Status.ne("failed"))
            .count(txn)
            .await?;
        if queued > 0 {
            continue;
        }
        let offered = negotiation::actions(&negotiation.actions);
        let action = negotiation::find(&offered, push.actions())
            .map(|a| a.id.clone())
            .unwrap_or_else(|| push.actions()[0].to_owned());
        hh_status_push::ActiveModel {
            application_id: Set(moved.id),
            hh_negotiation_id: Set(negotiation.hh_negotiation_id),
            action: Set(action),
            message: Set(message.clone()),
            status: Set("pending".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// What the candidate reads on hh: the agency's invitation template, or the rejection letter
/// as the recruiter chose to send it (none when they chose to say nothing).
async fn message(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    moved: &application::Model,
    push: Push,
    request: &Moved<'_>,
) -> AppResult<String> {
    let person = candidate::Entity::find_by_id(moved.candidate_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = position::Entity::find_by_id(moved.position_id)
        .one(txn)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    match push {
        Push::Discard => {
            let cancelled = request.reason.map(str::trim) == Some(reasons::POSITION_CANCELLED);
            Ok(match request.notice {
                Notice::Silent => String::new(),
                Notice::Edited { text, .. } => text.clone(),
                Notice::Standard => {
                    emails::rejection_text(composer, &person, &title, cancelled)?.text
                }
            })
        }
        Push::Invite => invitation(txn, composer, actor_id, &person, &title).await,
    }
}

async fn invitation(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    person: &candidate::Model,
    title: &str,
) -> AppResult<String> {
    let lang = lang_of(person);
    let codes = [
        format!("{INVITATION_TEMPLATE}-{}", lang.as_str()),
        format!("{INVITATION_TEMPLATE}-ru"),
    ];
    let mut template = None;
    for code in codes {
        template = email_template::Entity::find()
            .filter(email_template::Column::Code.eq(code))
            .filter(email_template::Column::DeletedAt.is_null())
            .one(txn)
            .await?;
        if template.is_some() {
            break;
        }
    }
    let Some(template) = template else {
        // The agency deleted the template: hh invites with its own words.
        return Ok(String::new());
    };
    let recruiter = match actor_id {
        Some(id) => user::Entity::find_by_id(id).one(txn).await?.map(|u| u.name),
        None => None,
    };
    let vars = Variables::new(
        &person.full_name,
        Some(title),
        recruiter.unwrap_or_else(|| composer.signature()),
        composer.signature(),
    );
    // Templates are checked when saved; one that still does not fill must not stop the move.
    Ok(render::fill("body", &template.body, &vars)
        .map(|text| text.trim().to_owned())
        .unwrap_or_default())
}

/// The pushes of some applications, newest first (the card and the API).
pub async fn of_applications<C: ConnectionTrait>(
    db: &C,
    application_ids: Vec<i32>,
) -> AppResult<Vec<hh_status_push::Model>> {
    Ok(hh_status_push::Entity::find()
        .filter(hh_status_push::Column::ApplicationId.is_in(application_ids))
        .order_by_desc(hh_status_push::Column::Id)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_list_invites_and_rejection_discards() {
        assert_eq!(Push::for_stage(Stage::ShortList), Some(Push::Invite));
        assert_eq!(Push::for_stage(Stage::Rejected), Some(Push::Discard));
        assert_eq!(Push::for_stage(Stage::References), None);
        assert_eq!(Push::of_action("phone_interview"), Some(Push::Invite));
        assert_eq!(Push::of_action("discard_by_employer"), Some(Push::Discard));
        assert_eq!(Push::of_action("hired"), None);
    }
}
