//! A candidate's own link to the page of their consents, sent in the emails we write to them.
//! Unlike a reference or offer link it is not single-use (people come back to it), but it
//! expires, is random and only its digest is stored.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::auth::model::token_digest;
use crate::entities::{candidate, privacy_link};
use crate::error::{AppError, AppResult};

/// Long enough to outlast a search and the 30 days after it.
const VALID_DAYS: i64 = 180;

/// A new link for the person, as the full address to put in an email.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    base_url: &str,
) -> AppResult<String> {
    let token = crate::web::csrf::random_token();
    let now = Utc::now();
    privacy_link::ActiveModel {
        candidate_id: Set(candidate_id),
        token_hash: Set(token_digest(&token)),
        expires_at: Set(now + Duration::days(VALID_DAYS)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(format!(
        "{}/my-data/{token}",
        base_url.trim_end_matches('/')
    ))
}

/// The person a live link belongs to. Unknown, expired or erased: not found, with nothing to
/// tell a guesser apart.
pub async fn resolve<C: ConnectionTrait>(db: &C, token: &str) -> AppResult<candidate::Model> {
    let link = privacy_link::Entity::find()
        .filter(privacy_link::Column::TokenHash.eq(token_digest(token)))
        .filter(privacy_link::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    candidate::Entity::find_by_id(link.candidate_id)
        .filter(candidate::Column::ErasedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// An erased person has no page any more.
pub async fn delete_for<C: ConnectionTrait>(db: &C, candidate_id: i32) -> AppResult<()> {
    privacy_link::Entity::delete_many()
        .filter(privacy_link::Column::CandidateId.eq(candidate_id))
        .exec(db)
        .await?;
    Ok(())
}
