//! Programme materials in the browser: the small forms beside a plan item (on the internship
//! page) and beside a template item (on the programme page) that add a link or upload a file,
//! the removal that asks first, and the download.

use axum::body::Bytes;
use axum::extract::{Form, Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::materials::{self, LinkInput, Place};
use crate::error::{AppError, AppResult};
use crate::web::Page;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::FlashKind;
use crate::web::i18n::Message;
use crate::web::upload::read_upload_keeping;

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
}

/// The name in `typed(...)` of the link form of the item at `place`, and of its upload form.
pub fn form_names(place: Place) -> (String, String) {
    match place {
        Place::Plan { item_id, .. } => (
            format!("material-{item_id}"),
            format!("material-file-{item_id}"),
        ),
        Place::Template { item_id } => (
            format!("programme-material-{item_id}"),
            format!("programme-material-file-{item_id}"),
        ),
    }
}

async fn add_link(page: Page, place: Place, form: LinkForm) -> AppResult<Response> {
    let user = page.user()?.clone();
    let input = LinkInput {
        title: form.title,
        url: form.url,
    };
    if let Err(error) = materials::add_link(&page.state.db, &user, place, input).await {
        let (name, _) = form_names(place);
        return page.show_again(&place.page(), &name, error).await;
    }
    page.flash(FlashKind::Success, Message::new("material-added"))
        .await?;
    Ok(Redirect::to(&place.page()).into_response())
}

pub async fn add_plan_link(
    page: Page,
    Path((id, item_id)): Path<(i32, i32)>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    let place = Place::Plan {
        internship_id: id,
        item_id,
    };
    add_link(page, place, form).await
}

pub async fn add_template_link(
    page: Page,
    Path(item_id): Path<i32>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    add_link(page, Place::Template { item_id }, form).await
}

async fn upload(
    page: Page,
    place: Place,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    // Access before the body: a refused role learns nothing from how its upload was wrong.
    materials::may_change(&page.state.db, &user, place).await?;
    let (file, fields) = match multipart {
        Ok(multipart) => read_upload_keeping(multipart, "file").await,
        Err(_) => (Err(AppError::UnsupportedMediaType), Default::default()),
    };
    let title = fields.get("title").cloned().unwrap_or_default();
    let result = match file {
        Ok(file) => {
            materials::add_file(
                &page.state.db,
                &page.state.files,
                &user,
                place,
                &title,
                file,
            )
            .await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = result {
        let (status, error) = match error {
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                AppError::validation("file", Message::new("cv-too-large")),
            ),
            AppError::UnsupportedMediaType => (
                StatusCode::UNPROCESSABLE_ENTITY,
                AppError::validation("file", Message::new("cv-wrong-type")),
            ),
            other => (other.status(), other),
        };
        let (_, name) = form_names(place);
        let refused = page
            .show_again_with(&place.page(), &name, error, fields.iter())
            .await?;
        return Ok(crate::web::kept::with_status(refused, status));
    }
    page.flash(FlashKind::Success, Message::new("material-added"))
        .await?;
    Ok(Redirect::to(&place.page()).into_response())
}

pub async fn upload_plan_file(
    page: Page,
    Path((id, item_id)): Path<(i32, i32)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let place = Place::Plan {
        internship_id: id,
        item_id,
    };
    upload(page, place, multipart).await
}

pub async fn upload_template_file(
    page: Page,
    Path(item_id): Path<i32>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    upload(page, Place::Template { item_id }, multipart).await
}

/// "Remove": asks first, naming the material and who loses it; acts on `confirmed=1`.
pub async fn remove(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.user()?.clone();
    let pairs = confirm::pairs(&body)?;
    let (found, place, changeable) = materials::open_material(&page.state.db, &user, id).await?;
    if !changeable {
        return Err(AppError::Forbidden);
    }
    if !confirm::is_confirmed(&pairs) {
        let title = page.lang.pick(&found.title_ru, &found.title_en).to_owned();
        let says = match place {
            Place::Plan { .. } => "material-remove-plan",
            Place::Template { .. } => "material-remove-template",
        };
        let mut ask = Confirmation::new(
            &page,
            Message::new("material-remove-title").with("title", title),
            format!("/internships/materials/{id}/remove"),
        )
        .says(&page, Message::new(says));
        if found.stored_file_id.is_some() {
            ask = ask.says(&page, Message::new("material-remove-file"));
        }
        return ask
            .confirm_label(&page, Message::new("material-remove"))
            .back(place.page(), false)
            .render(&page)
            .await;
    }
    let place = materials::remove(&page.state.db, &page.state.files, &user, id).await?;
    page.flash(FlashKind::Success, Message::new("material-removed"))
        .await?;
    Ok(Redirect::to(&place.page()).into_response())
}

pub async fn download(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.user()?.clone();
    let file = materials::download(&page.state.db, &page.state.files, &user, id).await?;
    Ok(super::materials_api::file_response(file))
}
