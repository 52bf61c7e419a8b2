//! Programme materials in the API: add a link or upload a file to a plan item or a template
//! item, remove one, download a file. A plan's materials are read with the plan
//! (`GET /internships/{id}`, each item's `materials`).

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::materials::{self, LinkInput, MaterialView, Place};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::upload::read_upload;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_plan_link))
        .routes(routes!(add_template_link))
        .routes(routes!(remove_material))
        .routes(routes!(download_material))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(upload_plan_file))
                .routes(routes!(upload_template_file))
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::recruitment::UPLOAD_LIMIT,
                )),
        )
}

async fn answer(
    state: &AppState,
    user: &crate::auth::model::CurrentUser,
    saved: crate::entities::item_material::Model,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    let (plan, item) = match (saved.internship_item_id, saved.programme_item_id) {
        (Some(item), _) => (true, item),
        (None, Some(item)) => (false, item),
        (None, None) => return Err(AppError::NotFound),
    };
    let view = materials::by_item(&state.db, plan, &[item], user.lang)
        .await?
        .remove(&item)
        .and_then(|all| all.into_iter().find(|m| m.id == saved.id))
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, ApiJson(view)))
}

/// Attaches a link (title and an http or https URL) to an item of an intern's plan: their
/// mentor and the programme's managers.
#[utoipa::path(post, path = "/internships/{id}/items/{item_id}/materials", tag = "internships",
    security(("bearer" = [])), params(("id" = i32, Path), ("item_id" = i32, Path)),
    request_body = LinkInput,
    responses((status = 201, body = MaterialView), (status = 403), (status = 404), (status = 409),
        (status = 422, description = "No title, or the URL is not an http(s) address")))]
async fn add_plan_link(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, item_id)): Path<(i32, i32)>,
    request: Result<ApiJson<LinkInput>, AppError>,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    let place = Place::Plan {
        internship_id: id,
        item_id,
    };
    // Access before the body: a refused caller learns nothing from how its input was wrong.
    materials::may_change(&state.db, &user, place).await?;
    let ApiJson(input) = request?;
    let saved = materials::add_link(&state.db, &user, place, input).await?;
    answer(&state, &user, saved).await
}

/// Attaches a link to a programme template item; every plan made from now on gets a copy.
#[utoipa::path(post, path = "/internships/programme/{item_id}/materials", tag = "internships",
    security(("bearer" = [])), params(("item_id" = i32, Path)), request_body = LinkInput,
    responses((status = 201, body = MaterialView), (status = 403), (status = 404),
        (status = 422, description = "No title, or the URL is not an http(s) address")))]
async fn add_template_link(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(item_id): Path<i32>,
    request: Result<ApiJson<LinkInput>, AppError>,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    user.require(crate::domain::access::Action::ManageInternships)?;
    let ApiJson(input) = request?;
    let saved = materials::add_link(&state.db, &user, Place::Template { item_id }, input).await?;
    answer(&state, &user, saved).await
}

async fn upload(
    state: &AppState,
    user: &crate::auth::model::CurrentUser,
    place: Place,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    let multipart = multipart.map_err(|_| AppError::UnsupportedMediaType)?;
    let (file, fields) = read_upload(multipart, "file").await?;
    let title = fields.get("title").cloned().unwrap_or_default();
    let saved = materials::add_file(&state.db, &state.files, user, place, &title, file).await?;
    answer(state, user, saved).await
}

/// Uploads a file to an item of an intern's plan: multipart field `file` (PDF, DOCX or ODT,
/// checked by content, ≤ 10 MB) and an optional `title`.
#[utoipa::path(post, path = "/internships/{id}/items/{item_id}/materials/file", tag = "internships",
    security(("bearer" = [])), params(("id" = i32, Path), ("item_id" = i32, Path)),
    responses((status = 201, body = MaterialView), (status = 403), (status = 404), (status = 409),
        (status = 413), (status = 415), (status = 422)))]
async fn upload_plan_file(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, item_id)): Path<(i32, i32)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    let place = Place::Plan {
        internship_id: id,
        item_id,
    };
    // Access before the body, as for links.
    materials::may_change(&state.db, &user, place).await?;
    upload(&state, &user, place, multipart).await
}

/// Uploads a file to a programme template item; every plan made from now on gets it.
#[utoipa::path(post, path = "/internships/programme/{item_id}/materials/file", tag = "internships",
    security(("bearer" = [])), params(("item_id" = i32, Path)),
    responses((status = 201, body = MaterialView), (status = 403), (status = 404), (status = 413),
        (status = 415), (status = 422)))]
async fn upload_template_file(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(item_id): Path<i32>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<(StatusCode, ApiJson<MaterialView>)> {
    user.require(crate::domain::access::Action::ManageInternships)?;
    upload(&state, &user, Place::Template { item_id }, multipart).await
}

/// Removes a material; a file's bytes go with the last material that uses them.
#[utoipa::path(delete, path = "/internships/materials/{id}", tag = "internships",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
async fn remove_material(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    materials::remove(&state.db, &state.files, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Downloads a material's file as an attachment: whoever may read the plan (or, for a template
/// material, the programme's managers).
#[utoipa::path(get, path = "/internships/materials/{id}/file", tag = "internships",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, description = "The file, as an attachment"), (status = 403),
        (status = 404)))]
async fn download_material(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let file = materials::download(&state.db, &state.files, &user, id).await?;
    Ok(file_response(file))
}

/// A material's file as an attachment the browser saves rather than renders.
pub fn file_response(file: materials::MaterialDownload) -> Response {
    crate::recruitment::candidates_api::file_response(crate::recruitment::candidates::CvDownload {
        filename: file.filename,
        content_type: file.content_type,
        bytes: file.bytes,
    })
}
