//! Applications in the API: put a person on a position, list and read them with their
//! timeline, move, reject, withdraw, record an accepted offer and a first working day, log
//! contacts and comments; and a position's board.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::board::{self, BoardColumn, BoardFilter};
use super::pipeline::{self, MoveRequest};
use super::previews::{self, StartPreview};
use super::reasons::{self, Reason};
use super::views::{self, ApplicationCard, ApplicationFilter, TimelineEntry};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::domain::pipeline::{Stage, Via};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::Notice;
use crate::web::i18n::Message;
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_application, list_applications))
        .routes(routes!(get_application))
        .routes(routes!(move_application))
        .routes(routes!(reject_application))
        .routes(routes!(withdraw_application))
        .routes(routes!(start_work))
        .routes(routes!(log_contact))
        .routes(routes!(add_comment))
        .routes(routes!(position_board))
        .routes(routes!(end_reasons))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateApplicationRequest {
    candidate_id: i32,
    position_id: i32,
    /// job_board, job_page, referral, cold_search, agency or other.
    source: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationResponse {
    #[serde(flatten)]
    card: ApplicationCard,
    /// On a single application: every change, newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<Vec<TimelineEntry>>,
    /// For an application from hh.ru: the response and resume it came from, and the statuses
    /// sent back.
    #[serde(skip_serializing_if = "Option::is_none")]
    hh: Option<crate::hh::card::HhApplicationView>,
}

async fn with_timeline(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
) -> AppResult<ApiJson<ApplicationResponse>> {
    let application = pipeline::get(&state.db, id).await?;
    let card = views::card_of(&state.db, application).await?;
    let timeline = views::visible_to(views::timeline(&state.db, vec![id]).await?, user);
    Ok(ApiJson(ApplicationResponse {
        card,
        timeline: Some(timeline),
        hh: crate::hh::card::of_application(&state.db, id).await?,
    }))
}

/// Puts a person on a position's long-list. Twice on one position → 409 with `existing_id`.
#[utoipa::path(post, path = "/applications", tag = "applications", security(("bearer" = [])),
    request_body = CreateApplicationRequest,
    responses((status = 201, body = ApplicationResponse), (status = 409), (status = 422)))]
async fn create_application(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<CreateApplicationRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<ApplicationResponse>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let created = pipeline::add(
        &state.db,
        Some(user.id),
        request.candidate_id,
        request.position_id,
        &request.source,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        with_timeline(&state, &user, created.id).await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationListResponse {
    items: Vec<ApplicationCard>,
    total: u64,
}

/// Applications, filtered by position, stage, source, tag, search text or staleness.
#[utoipa::path(get, path = "/applications", tag = "applications", security(("bearer" = [])),
    params(ApplicationFilter, ListQuery), responses((status = 200, body = ApplicationListResponse)))]
async fn list_applications(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(filter): Query<ApplicationFilter>,
    Query(paging): Query<ListQuery>,
) -> AppResult<ApiJson<ApplicationListResponse>> {
    user.require(Action::ViewAllCandidates)?;
    if let Some(stage) = filter.stage.as_deref().filter(|s| !s.is_empty())
        && Stage::parse(stage).is_none()
    {
        return Err(AppError::validation(
            "stage",
            Message::new("field-stage-invalid"),
        ));
    }
    let (items, total) = views::list(&state.db, &filter, paging.limit(), paging.offset()).await?;
    Ok(ApiJson(ApplicationListResponse { items, total }))
}

/// One application with its timeline.
#[utoipa::path(get, path = "/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = ApplicationResponse), (status = 404)))]
async fn get_application(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<ApplicationResponse>> {
    // The hiring team sees every application; an interviewer only those they interview.
    if !crate::interviews::model::may_view_application(&state.db, &user, id).await? {
        return Err(if user.can(Action::ScoreInterviews) {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    with_timeline(&state, &user, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct MoveApplicationRequest {
    /// The stage to move to: one step forward, or back with a reason.
    to: String,
    reason: Option<String>,
    note: Option<String>,
    /// Move past the short-list although the required competencies are not all rated twice
    /// (409 names them otherwise); the override is recorded.
    override_coverage: Option<bool>,
}

async fn apply_move(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
    request: MoveRequest,
) -> AppResult<ApiJson<ApplicationResponse>> {
    user.require(Action::ManageCandidates)?;
    let starts = request.via == Via::StartedWork;
    let moved =
        super::moves::advance(&state.db, &state.composer, Some(user.id), id, request).await?;
    if starts {
        // A start may have filled the position: its hh.ru vacancy goes to the archive.
        state
            .position_extensions
            .status_changed(state, moved.position_id)
            .await;
    }
    with_timeline(state, user, id).await
}

/// Moves an application; a move the flow does not allow → 409 naming the allowed ones.
#[utoipa::path(post, path = "/applications/{id}/move", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = MoveApplicationRequest,
    responses((status = 200, body = ApplicationResponse), (status = 409), (status = 422)))]
async fn move_application(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<MoveApplicationRequest>, AppError>,
) -> AppResult<ApiJson<ApplicationResponse>> {
    // Access before input: a refused role learns nothing from how its body was wrong.
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let to = Stage::parse(&request.to)
        .ok_or_else(|| AppError::validation("to", Message::new("field-stage-invalid")))?;
    let mut change = MoveRequest::to(to, request.reason);
    change.note = request.note;
    change.override_coverage = request.override_coverage.unwrap_or(false);
    apply_move(&state, &user, id, change).await
}

#[derive(Deserialize, ToSchema)]
pub struct EndRequest {
    /// A reason code from `GET /reasons`, or free text.
    reason: String,
    note: Option<String>,
    /// Keep the person in the talent pool for later positions.
    talent_pool: Option<bool>,
    /// On a rejection: email the candidate (the default), with `email` instead of the standard
    /// letter when given.
    notify: Option<bool>,
    email: Option<EmailOverride>,
}

/// A letter the recruiter wrote instead of the standard one.
#[derive(Deserialize, ToSchema)]
pub struct EmailOverride {
    subject: String,
    body: String,
}

async fn end(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
    via: Via,
    request: EndRequest,
) -> AppResult<ApiJson<ApplicationResponse>> {
    let to = if via == Via::Reject {
        Stage::Rejected
    } else {
        Stage::Withdrawn
    };
    let notice = match (request.notify, request.email) {
        (Some(false), _) => Notice::Silent,
        (_, Some(email)) => Notice::edited(&email.subject, &email.body)?,
        _ => Notice::Standard,
    };
    let change = MoveRequest {
        to,
        via,
        reason: Some(request.reason),
        note: request.note,
        date: None,
        notice,
        talent_pool: request.talent_pool,
        override_coverage: false,
    };
    apply_move(state, user, id, change).await
}

/// Rejects (our decision), with a reason.
#[utoipa::path(post, path = "/applications/{id}/reject", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = EndRequest,
    responses((status = 200, body = ApplicationResponse), (status = 409), (status = 422)))]
async fn reject_application(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<EndRequest>, AppError>,
) -> AppResult<ApiJson<ApplicationResponse>> {
    // Access before input: a refused role learns nothing from how its body was wrong.
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    end(&state, &user, id, Via::Reject, request).await
}

/// Withdraws (the candidate's decision), with a reason.
#[utoipa::path(post, path = "/applications/{id}/withdraw", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = EndRequest,
    responses((status = 200, body = ApplicationResponse), (status = 409), (status = 422)))]
async fn withdraw_application(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<EndRequest>, AppError>,
) -> AppResult<ApiJson<ApplicationResponse>> {
    // Access before input: a refused role learns nothing from how its body was wrong.
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    end(&state, &user, id, Via::Withdraw, request).await
}

#[derive(Deserialize, ToSchema)]
pub struct StartRequest {
    /// The first working day, today or earlier in the agency's time zone.
    started_on: NaiveDate,
    /// Only say what the start would do: whether it fills the position and who it closes.
    #[serde(default)]
    preview: bool,
}

/// What a start answers: the application after it, or with `preview` what it would do.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum StartResponse {
    Started(Box<ApplicationResponse>),
    Preview(StartPreview),
}

/// The hire started work: `hired` → `started`. When the position's headcount is met it is
/// filled and its other open applications are closed with the reason "position filled".
/// A day still ahead → 422 (the planned day lives on the accepted offer). With
/// `preview: true` → 200 with a `StartPreview` and nothing changes.
#[utoipa::path(post, path = "/applications/{id}/start", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = StartRequest,
    responses((status = 200, body = StartResponse,
        description = "The application after the start, or with `preview: true` what the start would do"),
        (status = 409), (status = 422)))]
async fn start_work(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<StartRequest>, AppError>,
) -> AppResult<ApiJson<StartResponse>> {
    // Access before input: a refused role learns nothing from how its body was wrong.
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    if request.preview {
        let preview = previews::start(&state.db, &state.composer, id, request.started_on).await?;
        return Ok(ApiJson(StartResponse::Preview(preview)));
    }
    let change = MoveRequest {
        to: Stage::Started,
        via: Via::StartedWork,
        reason: None,
        note: None,
        date: Some(request.started_on),
        notice: Notice::Silent,
        talent_pool: None,
        override_coverage: false,
    };
    let ApiJson(started) = apply_move(&state, &user, id, change).await?;
    Ok(ApiJson(StartResponse::Started(Box::new(started))))
}

#[derive(Deserialize, ToSchema)]
pub struct ContactRequest {
    note: Option<String>,
    /// Set the next contact date by hand instead of following the cadence.
    next_contact_on: Option<NaiveDate>,
}

/// Logs a contact: the follow-up cadence moves on a step (1, 3, 7, 14, 30, 90 days), or to
/// the date given.
#[utoipa::path(post, path = "/applications/{id}/contacts", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ContactRequest,
    responses((status = 200, body = ApplicationResponse), (status = 409)))]
async fn log_contact(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<ContactRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<ApplicationResponse>> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    match request.next_contact_on {
        Some(on) => pipeline::set_next_contact(&state.db, user.id, id, on).await?,
        None => pipeline::record_contact(&state.db, user.id, id, request.note).await?,
    };
    with_timeline(&state, &user, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct CommentRequest {
    text: String,
}

/// Adds a comment to the application's timeline.
#[utoipa::path(post, path = "/applications/{id}/comments", tag = "applications", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = CommentRequest,
    responses((status = 201, body = ApplicationResponse), (status = 422)))]
async fn add_comment(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<CommentRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<ApplicationResponse>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    pipeline::comment(&state.db, user.id, id, &request.text).await?;
    Ok((StatusCode::CREATED, with_timeline(&state, &user, id).await?))
}

#[derive(Serialize, ToSchema)]
pub struct BoardResponse {
    position_id: i32,
    stages: Vec<BoardColumn>,
}

/// The position's board: every stage with its applications, then the ended ones; narrowed,
/// as on the page, by source, owner and follow-ups due.
#[utoipa::path(get, path = "/positions/{id}/board", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path), BoardFilter),
    responses((status = 200, body = BoardResponse), (status = 404), (status = 422)))]
async fn position_board(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(filter): Query<BoardFilter>,
) -> AppResult<ApiJson<BoardResponse>> {
    user.require(Action::ViewAllCandidates)?;
    if let Some(source) = &filter.source
        && pipeline::parse_source(source).is_none()
    {
        return Err(crate::error::AppError::validation(
            "source",
            crate::web::i18n::Message::new("field-source-invalid"),
        ));
    }
    let position = crate::positions::model::get(&state.db, id).await?;
    Ok(ApiJson(BoardResponse {
        position_id: id,
        stages: board::board(&state.db, &position, &filter).await?,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReasonQuery {
    lang: Option<String>,
}

/// The rejection and withdrawal reasons in use.
#[utoipa::path(get, path = "/reasons", tag = "applications", security(("bearer" = [])),
    params(ReasonQuery), responses((status = 200, body = Vec<Reason>)))]
async fn end_reasons(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReasonQuery>,
) -> AppResult<ApiJson<Vec<Reason>>> {
    user.require(Action::ViewAllCandidates)?;
    let lang = crate::error::FieldError::lang("lang", query.lang.as_deref())?.unwrap_or(user.lang);
    Ok(ApiJson(reasons::list(&state.db, lang, true).await?))
}
