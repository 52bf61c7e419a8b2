//! The stage change as pages and the API call it: the coverage check that reads the interview
//! profile, then `pipeline::advance_in` in one transaction. It lives above both
//! `recruitment::pipeline` and `interviews`, so neither imports the other.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::pipeline::{MoveRequest, advance_in, get};
use crate::audit::AuditEvent;
use crate::domain::pipeline::{Stage, Via};
use crate::entities::application;
use crate::error::{AppError, AppResult};
use crate::outbox::emails::Composer;
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::Message;

/// The one operation behind every stage change — board, forms, bulk actions and the API.
/// Checks the rule, writes the change and its timeline entry, and on a start fills the
/// position, all in one transaction.
pub async fn advance(
    db: &DatabaseConnection,
    composer: &Composer,
    actor_id: Option<i32>,
    id: i32,
    request: MoveRequest,
) -> AppResult<application::Model> {
    let gaps = coverage_gaps(db, id, &request).await?;
    if !gaps.is_empty() && !request.override_coverage {
        return Err(AppError::Conflict(
            Message::new("coverage-incomplete").with("competencies", gaps.join(", ")),
        ));
    }
    let txn = crate::db::write(db).await?;
    let moved = advance_in(&txn, composer, actor_id, id, request).await?;
    if !gaps.is_empty() {
        timeline::record(
            &txn,
            Entry {
                application_id: id,
                actor_id,
                kind: "coverage_override",
                from: None,
                to: None,
                note: Some(gaps.join(", ")),
            },
        )
        .await?;
        AuditEvent::new(actor_id, "application.coverage_override", "application")
            .id(id)
            .details(json!({ "gaps": gaps }))
            .record(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(moved)
}

/// Moving forward from the short-list, on a position whose hiring manager set the competencies
/// to assess: the ones that still lack two independent ratings. Empty otherwise.
async fn coverage_gaps(
    db: &DatabaseConnection,
    id: i32,
    request: &MoveRequest,
) -> AppResult<Vec<String>> {
    let current = get(db, id).await?;
    let past_short_list = current.stage == Stage::ShortList.as_str()
        && request.via == Via::Move
        && request.to.step() > Stage::ShortList.step();
    if !past_short_list {
        return Ok(Vec::new());
    }
    let profile = crate::interviews::profile::of_application(db, id).await?;
    if !profile.coverage.enforced {
        return Ok(Vec::new());
    }
    Ok(profile.coverage.gaps)
}
