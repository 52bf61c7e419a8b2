//! What happens when a reply is attached to a candidate. The sync calls [`on_reply`] once per
//! attached message, inside the transaction that stored it; the candidate's timeline and the
//! owner's notification will hang off this one function. Today it writes an application event,
//! so the reply shows on the card's history of that application.

use sea_orm::ConnectionTrait;

use super::matching::Attachment;
use crate::entities::inbound_email;
use crate::error::AppResult;
use crate::recruitment::pipeline::{Event, record_event};

/// The event kind a received reply leaves on its application.
pub const REPLY_EVENT: &str = "email_in";

pub async fn on_reply<C: ConnectionTrait>(
    db: &C,
    attachment: Attachment,
    message: &inbound_email::Model,
) -> AppResult<()> {
    let Some(application_id) = attachment.application_id else {
        return Ok(());
    };
    let event = Event {
        kind: REPLY_EVENT,
        from: None,
        to: None,
        note: Some(message.subject.clone()),
    };
    record_event(db, application_id, None, event).await
}
