//! The daily digest: once a day, each person who wants it gets one email with the
//! notifications they have not read and no digest has told them of yet. A person with nothing
//! new gets nothing. One instance sends it (`claim_daily`), and each notification is told once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Timelike, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::model;
use crate::entities::{notification, user};
use crate::error::AppResult;
use crate::outbox::emails::Composer;
use crate::outbox::worker::claim_daily;

/// How often the app's schedule looks whether the day's digest is due.
pub const LOOK_EVERY: Duration = Duration::from_secs(300);

/// Most items one digest lists; the rest wait on the page.
const MOST_ITEMS: usize = 30;

#[derive(Serialize)]
struct Item {
    text: String,
    url: String,
}

/// One look whether the day's digest is due, for the app's schedule (`Jobs::every`).
pub async fn round(
    db: DatabaseConnection,
    composer: Arc<Composer>,
    hour_utc: u32,
    base_url: String,
) -> anyhow::Result<()> {
    if Utc::now().hour() >= hour_utc {
        send_digests(&db, &composer, &base_url, Utc::now().date_naive()).await?;
    }
    Ok(())
}

/// Queues the day's digests; how many. Does nothing when another instance (or an earlier
/// round) has sent today's.
pub async fn send_digests(
    db: &DatabaseConnection,
    composer: &Composer,
    base_url: &str,
    today: NaiveDate,
) -> AppResult<usize> {
    if !claim_daily(db, "notification_digest", today).await? {
        return Ok(0);
    }
    let pending = notification::Entity::find()
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::DigestedAt.is_null())
        .order_by_asc(notification::Column::UserId)
        .order_by_desc(notification::Column::Id)
        .all(db)
        .await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let people = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::NotifyDigest.eq(true))
        .filter(user::Column::Id.is_in(pending.iter().map(|n| n.user_id)))
        .all(db)
        .await?;
    let mut queued = 0;
    for person in people {
        let reader = composer.for_user(&person);
        let lang = reader.lang;
        let theirs: Vec<&notification::Model> =
            pending.iter().filter(|n| n.user_id == person.id).collect();
        let items: Vec<Item> = theirs
            .iter()
            .take(MOST_ITEMS)
            .map(|n| Item {
                text: model::sentence(n, lang),
                url: format!("{base_url}/notifications"),
            })
            .collect();
        let rendered = composer.render_for(
            "notification_digest",
            &reader,
            minijinja::context! {
                name => &person.name,
                items => &items,
                total => theirs.len(),
                base_url => base_url,
            },
        )?;
        let email = rendered.to(
            "notification_digest",
            &person.email,
            Some(&person.name),
            lang,
        );
        // The email and the marks go together: a digest is never sent twice for the same news.
        let txn = sea_orm::TransactionTrait::begin(db).await?;
        composer.queue(&txn, None, email).await?;
        notification::Entity::update_many()
            .col_expr(notification::Column::DigestedAt, Expr::value(Utc::now()))
            .filter(notification::Column::Id.is_in(theirs.iter().map(|n| n.id)))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        queued += 1;
    }
    Ok(queued)
}
