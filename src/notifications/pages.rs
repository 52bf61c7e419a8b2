//! The bell's page: what needs the reader, newest first, unread ones marked; opening one marks
//! it read and goes where it leads.

use axum::Form;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::model::{self, Shown};
use crate::entities::user;
use crate::error::AppResult;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

const PER_PAGE: u64 = 50;

#[derive(Deserialize, Default)]
pub struct ListParams {
    page: Option<u64>,
}

#[derive(Serialize)]
struct ListPage {
    items: Vec<Shown>,
    unread: u64,
    digest: bool,
    page: u64,
    pages: u64,
    query: &'static str,
}

pub async fn list(page: Page, Query(params): Query<ListParams>) -> AppResult<Response> {
    let user = page.user()?.clone();
    let number = params.page.unwrap_or(1).max(1);
    let (rows, unread) = model::list(
        &page.state.db,
        user.id,
        PER_PAGE + 1,
        (number - 1) * PER_PAGE,
    )
    .await?;
    // One row past the page says whether there is a next one, without counting them all.
    let more = rows.len() as u64 > PER_PAGE;
    let items = rows
        .into_iter()
        .take(PER_PAGE as usize)
        .map(|row| model::shown(row, page.lang))
        .collect();
    let context = ListPage {
        items,
        unread,
        digest: user.notify_digest,
        page: number,
        pages: if more { number + 1 } else { number },
        query: "",
    };
    Ok(page
        .render("notifications/list.html", context)
        .await?
        .into_response())
}

/// Opens a notification: marks it read and goes to its page.
pub async fn open(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.user()?;
    let row = model::mark_read(&page.state.db, user.id, id).await?;
    Ok(Redirect::to(&crate::web::safe_return_path(Some(&row.url))).into_response())
}

pub async fn read_all(page: Page) -> AppResult<Response> {
    let user = page.user()?;
    let count = model::mark_all_read(&page.state.db, user.id).await?;
    page.flash(
        FlashKind::Success,
        Message::new("notifications-all-read").with_number("count", count as i64),
    )
    .await?;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Deserialize)]
pub struct DigestForm {
    /// Present when the box is ticked.
    digest: Option<String>,
}

/// Turns the daily digest email on or off for the reader.
pub async fn digest_setting(page: Page, Form(form): Form<DigestForm>) -> AppResult<Response> {
    let user = page.user()?;
    let on = form.digest.is_some();
    user::Entity::update_many()
        .col_expr(user::Column::NotifyDigest, Expr::value(on))
        .filter(user::Column::Id.eq(user.id))
        .exec(&page.state.db)
        .await?;
    let message = if on {
        "notifications-digest-on"
    } else {
        "notifications-digest-off"
    };
    page.flash(FlashKind::Success, Message::new(message))
        .await?;
    Ok(Redirect::to("/notifications").into_response())
}
