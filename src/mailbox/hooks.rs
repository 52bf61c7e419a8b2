//! What happens when a reply is attached to a candidate. The sync calls [`on_reply`] once per
//! attached message, inside the transaction that stored it: it tells the recruiter who owns the
//! position and writes the reply's entry on the candidate's timeline.

use sea_orm::{ConnectionTrait, EntityTrait};

use super::matching::Attachment;
use crate::entities::{application, candidate, inbound_email, position};
use crate::error::AppResult;
use crate::notifications::model::{Kind, Notice, notify};
use crate::timeline::model::{Entry, REPLY_RECEIVED, record};

pub async fn on_reply<C: ConnectionTrait>(
    db: &C,
    attachment: Attachment,
    message: &inbound_email::Model,
) -> AppResult<()> {
    let Some(application_id) = attachment.application_id else {
        return Ok(());
    };
    tell_the_owner(db, &attachment, application_id, message).await?;
    record(
        db,
        Entry::new(application_id, None, REPLY_RECEIVED).note(message.subject.clone()),
    )
    .await
}

/// The recruiter who owns the application's position hears of the reply.
async fn tell_the_owner<C: ConnectionTrait>(
    db: &C,
    attachment: &Attachment,
    application_id: i32,
    message: &inbound_email::Model,
) -> AppResult<()> {
    let Some(found) = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let owner = position::Entity::find_by_id(found.position_id)
        .one(db)
        .await?
        .and_then(|p| p.recruiter_id);
    let Some(owner) = owner else {
        return Ok(());
    };
    let person = candidate::Entity::find_by_id(attachment.candidate_id)
        .one(db)
        .await?
        .map(|c| c.full_name)
        .unwrap_or_default();
    let notice = Notice::new(
        Kind::ReplyReceived,
        format!("/candidates/{}", attachment.candidate_id),
    )
    .with("candidate", person)
    .with("subject", message.subject.clone());
    notify(db, &[owner], &notice).await
}
