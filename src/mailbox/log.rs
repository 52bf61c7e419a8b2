//! A candidate's email, both ways, newest first: what the outbox sent to their addresses or
//! about their applications, and the replies fetched from the agency mailbox. Outbound bodies
//! are not part of it (some carry a personal link only admins may read, see outbox::kinds);
//! received text is plain text, shown escaped.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;

use crate::entities::{application, candidate, candidate_contact, inbound_email, outbox_message};
use crate::error::AppResult;

/// The newest emails shown, both ways together.
pub const SHOWN: u64 = 100;

/// One email in the log.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EmailItem {
    /// The outbox message's id (`out`) or the received message's id (`in`).
    pub id: i32,
    /// `out` or `in`.
    pub direction: &'static str,
    pub subject: String,
    pub from: String,
    pub to: String,
    pub at: DateTime<Utc>,
    /// The outbox status (pending, sending, sent, failed, cancelled), or `received`.
    pub status: String,
}

/// An email on the card: the item, and a received message's text to open.
#[derive(Clone, Debug, Serialize)]
pub struct CardEmail {
    #[serde(flatten)]
    pub item: EmailItem,
    pub text: Option<String>,
}

/// The log of `person`, newest first, at most [`SHOWN`]; `from` is the app's sender.
pub async fn of_candidate(
    db: &DatabaseConnection,
    person: &candidate::Model,
    from: &str,
) -> AppResult<Vec<CardEmail>> {
    let mut addresses: BTreeSet<String> = person.email.iter().cloned().collect();
    addresses.extend(
        candidate_contact::Entity::find()
            .select_only()
            .column(candidate_contact::Column::Value)
            .filter(candidate_contact::Column::CandidateId.eq(person.id))
            .filter(candidate_contact::Column::Kind.eq("email"))
            .into_tuple::<String>()
            .all(db)
            .await?,
    );
    let applications: Vec<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::CandidateId.eq(person.id))
        .into_tuple()
        .all(db)
        .await?;
    let mut emails: Vec<CardEmail> = Vec::new();
    if !addresses.is_empty() || !applications.is_empty() {
        let sent = outbox_message::Entity::find()
            .filter(
                Condition::any()
                    .add(outbox_message::Column::ApplicationId.is_in(applications))
                    .add(outbox_message::Column::ToEmail.is_in(addresses)),
            )
            .order_by_desc(outbox_message::Column::Id)
            .limit(SHOWN)
            .all(db)
            .await?;
        emails.extend(sent.into_iter().map(|m| CardEmail {
            item: EmailItem {
                id: m.id,
                direction: "out",
                subject: m.subject,
                from: from.to_owned(),
                to: m.to_email,
                at: m.sent_at.unwrap_or(m.created_at),
                status: m.status,
            },
            text: None,
        }));
    }
    let received = inbound_email::Entity::find()
        .filter(inbound_email::Column::CandidateId.eq(person.id))
        .order_by_desc(inbound_email::Column::ReceivedAt)
        .limit(SHOWN)
        .all(db)
        .await?;
    emails.extend(received.into_iter().map(|m| CardEmail {
        item: EmailItem {
            id: m.id,
            direction: "in",
            subject: m.subject,
            from: m.from_address,
            to: m.to_address,
            at: m.received_at,
            status: "received".into(),
        },
        text: Some(m.body_text),
    }));
    emails.sort_by_key(|e| std::cmp::Reverse(e.item.at));
    emails.truncate(SHOWN as usize);
    Ok(emails)
}
