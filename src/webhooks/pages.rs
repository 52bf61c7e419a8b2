//! `/admin/webhooks`: the registered webhooks and a form to add one (bad input comes back as
//! typed, the secret field empty); `/admin/webhooks/{id}`: one webhook's deliveries log with
//! "retry now" for the failed ones, and its removal (asked first). The same operations as
//! `/api/v1/webhooks`.

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::deliveries::{self, DeliveryView};
use super::forms::{FORM, request_of};
use super::model::{self, WebhookView};
use crate::domain::access::Action;
use crate::domain::webhooks::{EventType, MIN_SECRET_CHARS};
use crate::error::AppResult;
use crate::web::Page;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

pub const PATH: &str = "/admin/webhooks";
const PER_PAGE: u64 = 50;

#[derive(Serialize)]
struct ListPage {
    webhooks: Vec<WebhookView>,
    events: Vec<&'static str>,
    min_secret: usize,
}

pub async fn list(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let context = ListPage {
        webhooks: model::list(&page.state.db).await?,
        events: EventType::codes(),
        min_secret: MIN_SECRET_CHARS,
    };
    Ok(page
        .render("webhooks/list.html", context)
        .await?
        .into_response())
}

pub async fn create(page: Page, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let request = request_of(&confirm::pairs(&body)?);
    let plain_http_anywhere = !page.state.config.secure_cookies;
    let created = match model::register(
        &page.state.db,
        &page.state.secret_key,
        user.id,
        request,
        plain_http_anywhere,
    )
    .await
    {
        Ok(created) => created,
        Err(error) => return page.show_again(PATH, FORM, error).await,
    };
    page.flash(FlashKind::Success, Message::new("webhooks-created"))
        .await?;
    Ok(Redirect::to(&format!("{PATH}/{}", created.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct LogParams {
    page: Option<u64>,
}

#[derive(Serialize)]
struct ShowPage {
    webhook: WebhookView,
    deliveries: Vec<DeliveryView>,
    page: u64,
    pages: u64,
}

pub async fn show(
    page: Page,
    Path(id): Path<i32>,
    Query(params): Query<LogParams>,
) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let webhook = model::get(&page.state.db, id).await?;
    let number = params
        .page
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let (deliveries, total) =
        deliveries::of_webhook(&page.state.db, id, PER_PAGE, (number - 1) * PER_PAGE).await?;
    let context = ShowPage {
        webhook,
        deliveries,
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    Ok(page
        .render("webhooks/show.html", context)
        .await?
        .into_response())
}

/// "Remove": asks first — the webhook's queue and log go with it.
pub async fn delete(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let webhook = model::get(&page.state.db, id).await?;
    let pairs = confirm::pairs(&body)?;
    if !confirm::is_confirmed(&pairs) {
        return Confirmation::new(
            &page,
            Message::new("webhooks-delete-title"),
            format!("{PATH}/{id}/delete"),
        )
        .says(
            &page,
            Message::new("webhooks-delete-says").with("url", webhook.url),
        )
        .confirm_label(&page, Message::new("webhooks-delete"))
        .back(format!("{PATH}/{id}"), false)
        .render(&page)
        .await;
    }
    model::delete(&page.state.db, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("webhooks-deleted"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}

/// "Retry now" on a failed delivery.
pub async fn retry(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let webhook_id = deliveries::retry(&page.state.db, id).await?;
    page.flash(FlashKind::Success, Message::new("webhooks-retried"))
        .await?;
    Ok(Redirect::to(&format!("{PATH}/{webhook_id}")).into_response())
}
