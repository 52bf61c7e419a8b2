//! Sourcing channels from the position page: add one, mark its saved searches checked,
//! remove it.

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};

use super::application_pages::report;
use super::channels::{self, ChannelFields};
use super::forms::ChannelForm;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::Page;
use crate::web::i18n::Message;

pub async fn add(
    page: Page,
    Path(position_id): Path<i32>,
    Form(form): Form<ChannelForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let every = match form.check_every_days.trim() {
        "" => Ok(None),
        text => text.parse::<i32>().map(Some).map_err(|_| {
            AppError::validation("check_every_days", Message::new("field-check-every-range"))
        }),
    };
    let result = match every {
        Ok(every) => {
            let fields = ChannelFields {
                kind: form.kind,
                name: form.name,
                url: Some(form.url),
                check_every_days: every,
            };
            channels::add(&page.state.db, user.id, position_id, fields)
                .await
                .map(|_| ())
        }
        Err(err) => Err(err),
    };
    if let Err(error) = result {
        let path = format!("/positions/{position_id}/channels");
        return page.show_again(&path, "channel", error).await;
    }
    report(&page, Ok(()), Message::new("channel-added")).await?;
    Ok(Redirect::to(&format!("/positions/{position_id}#channels")).into_response())
}

#[derive(serde::Deserialize)]
pub struct BackForm {
    #[serde(default)]
    back: Option<String>,
}

pub async fn checked(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<BackForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let channel = channels::mark_checked(&page.state.db, user.id, id).await?;
    report(&page, Ok(()), Message::new("channel-checked")).await?;
    // Back to the dashboard when the reminder was acted on there.
    let back = match form.back {
        Some(back) => crate::web::safe_return_path(Some(&back)),
        None => format!("/positions/{}#channels", channel.position_id),
    };
    Ok(Redirect::to(&back).into_response())
}

pub async fn remove(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let position_id = channels::remove(&page.state.db, user.id, id).await?;
    report(&page, Ok(()), Message::new("channel-removed")).await?;
    Ok(Redirect::to(&format!("/positions/{position_id}#channels")).into_response())
}
