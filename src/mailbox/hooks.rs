//! What happens when a reply is attached to a candidate. The sync calls [`on_reply`] once per
//! attached message, inside the transaction that stored it: it tells the recruiter who owns the
//! position and writes the reply's entry on the candidate's timeline.

use sea_orm::ConnectionTrait;

use super::matching::Attachment;
use crate::entities::inbound_email;
use crate::error::AppResult;
use crate::notifications::model::{About, Kind, Notice, about_application, notify};
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
    let Some(About {
        candidate,
        owner: Some(owner),
        ..
    }) = about_application(db, application_id).await?
    else {
        return Ok(());
    };
    let notice = Notice::new(
        Kind::ReplyReceived,
        format!("/candidates/{}", attachment.candidate_id),
    )
    .with("candidate", candidate)
    .with("subject", message.subject.clone());
    notify(db, &[owner], &notice).await
}
