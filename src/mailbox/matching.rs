//! Whose reply is it: first by the ids a reply points back with (In-Reply-To, References)
//! against the Message-IDs the outbox gave its emails, then by the sender's address against
//! candidates' emails and further contacts. A sender two people share matches nobody.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::message::Inbound;
use crate::entities::{application, candidate, candidate_contact, outbox_message};
use crate::error::AppResult;

/// The candidate (and, when known, the application) a message belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub candidate_id: i32,
    pub application_id: Option<i32>,
}

pub async fn find<C: ConnectionTrait>(db: &C, message: &Inbound) -> AppResult<Option<Attachment>> {
    if let Some(found) = by_thread(db, message).await? {
        return Ok(Some(found));
    }
    by_address(db, &message.from_address).await
}

/// The outbox email the message replies to, and through it the application or the address.
async fn by_thread<C: ConnectionTrait>(db: &C, message: &Inbound) -> AppResult<Option<Attachment>> {
    if message.refers_to.is_empty() {
        return Ok(None);
    }
    let ids: Vec<String> = message
        .refers_to
        .iter()
        .map(|id| format!("<{id}>"))
        .collect();
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::MessageId.is_in(ids))
        .order_by_desc(outbox_message::Column::Id)
        .all(db)
        .await?;
    for email in &sent {
        if let Some(application_id) = email.application_id
            && let Some(found) = application::Entity::find_by_id(application_id)
                .one(db)
                .await?
        {
            return Ok(Some(Attachment {
                candidate_id: found.candidate_id,
                application_id: Some(found.id),
            }));
        }
    }
    for email in &sent {
        if let Some(found) = by_address(db, &email.to_email).await? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The one person with this address, on their latest application.
pub async fn by_address<C: ConnectionTrait>(
    db: &C,
    address: &str,
) -> AppResult<Option<Attachment>> {
    let address = address.trim().to_lowercase();
    if address.is_empty() {
        return Ok(None);
    }
    let mut people: Vec<i32> = candidate::Entity::find()
        .select_only()
        .column(candidate::Column::Id)
        .filter(candidate::Column::Email.eq(&address))
        .filter(candidate::Column::ErasedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    people.extend(
        candidate_contact::Entity::find()
            .select_only()
            .column(candidate_contact::Column::CandidateId)
            .filter(candidate_contact::Column::Kind.eq("email"))
            .filter(candidate_contact::Column::Value.eq(&address))
            .into_tuple::<i32>()
            .all(db)
            .await?,
    );
    people.sort_unstable();
    people.dedup();
    let [candidate_id] = people[..] else {
        return Ok(None);
    };
    let application_id = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::CandidateId.eq(candidate_id))
        .order_by_desc(application::Column::Id)
        .into_tuple::<i32>()
        .one(db)
        .await?;
    Ok(Some(Attachment {
        candidate_id,
        application_id,
    }))
}
