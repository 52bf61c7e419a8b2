//! Fixed-window counters kept in the database, so every instance behind the load balancer
//! counts the same requests.

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::request_counter;
use crate::error::AppResult;

/// Counts one request under `key`; `false` when the window already holds `limit` of them.
pub async fn allow(
    db: &DatabaseConnection,
    key: &str,
    limit: i32,
    window: Duration,
) -> AppResult<bool> {
    let now = Utc::now();
    // A window that has run out starts again.
    request_counter::Entity::update_many()
        .col_expr(request_counter::Column::Count, Expr::value(0))
        .col_expr(request_counter::Column::WindowStartedAt, Expr::value(now))
        .filter(request_counter::Column::Key.eq(key))
        .filter(request_counter::Column::WindowStartedAt.lt(now - window))
        .exec(db)
        .await?;
    request_counter::Entity::insert(request_counter::ActiveModel {
        key: Set(key.to_owned()),
        window_started_at: Set(now),
        count: Set(0),
    })
    .on_conflict_do_nothing_on([request_counter::Column::Key])
    .exec(db)
    .await?;
    let counted = request_counter::Entity::update_many()
        .col_expr(
            request_counter::Column::Count,
            Expr::col(request_counter::Column::Count).add(1),
        )
        .filter(request_counter::Column::Key.eq(key))
        .filter(request_counter::Column::Count.lt(limit))
        .exec(db)
        .await?;
    Ok(counted.rows_affected > 0)
}
