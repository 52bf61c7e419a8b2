//! What happens when a reply is attached to a candidate. The sync calls [`on_reply`] once per
//! attached message, inside the transaction that stored it; the candidate's timeline and the
//! owner's notification will hang off this one function. It writes the reply's timeline entry
//! through `timeline`, so the reply shows on the card's timeline.

use sea_orm::ConnectionTrait;

use super::matching::Attachment;
use crate::entities::inbound_email;
use crate::error::AppResult;
use crate::timeline::model::{Entry, REPLY_RECEIVED, record};

pub async fn on_reply<C: ConnectionTrait>(
    db: &C,
    attachment: Attachment,
    message: &inbound_email::Model,
) -> AppResult<()> {
    let Some(application_id) = attachment.application_id else {
        return Ok(());
    };
    record(
        db,
        Entry::new(application_id, None, REPLY_RECEIVED).note(message.subject.clone()),
    )
    .await
}
