//! The intern programme in the API: enrol, read the plan, tick items, exam attempts, the
//! defence, rotations, the decision, and the template and settings. Each endpoint calls the
//! same operation as the page.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::cohort::{self, InternshipRow};
use super::decision::{self, DecisionInput};
use super::exams::{self, AttemptInput};
use super::model::{self, Enrolment};
use super::programme::{self, ItemFields, ProgrammeSettings};
use super::view::{self, AttemptView, DefenceView, InternshipView, ItemView, names};
use super::{assessments, plan};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::entities::programme_item;
use crate::error::{AppError, AppResult};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(enrol, list_internships))
        .routes(routes!(show))
        .routes(routes!(mark_done))
        .routes(routes!(reopen))
        .routes(routes!(schedule_exam))
        .routes(routes!(record_attempt, list_attempts))
        .routes(routes!(save_project_plan))
        .routes(routes!(grade_defence))
        .routes(routes!(set_rotation_owner))
        .routes(routes!(score_rotation))
        .routes(routes!(decide))
        .routes(routes!(get_internship_settings, put_internship_settings))
        .routes(routes!(list_programme, add_programme_item))
        .routes(routes!(update_programme_item))
        .merge(super::materials_api::router())
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

async fn view_of(
    state: &AppState,
    user: &crate::auth::model::CurrentUser,
    id: i32,
) -> AppResult<InternshipView> {
    let (found, seat) = model::open(&state.db, user, id).await?;
    view::build(&state.db, &found, seat, user.lang, today()).await
}

#[derive(Deserialize, ToSchema)]
pub struct EnrolRequest {
    /// An existing user with the intern role…
    intern_user_id: Option<i32>,
    /// …or a hired application, whose candidate gets an intern account.
    application_id: Option<i32>,
    mentor_id: Option<i32>,
    start_date: Option<NaiveDate>,
    /// "seo" or "ppc".
    #[serde(default)]
    exam_track: String,
    #[serde(default)]
    group: String,
}

/// Enrols an intern; the plan is made from the programme template with due dates on working
/// days. A hire already enrolled, or an intern with a running internship → 409 with
/// `existing_id`.
#[utoipa::path(post, path = "/internships", tag = "internships", security(("bearer" = [])),
    request_body = EnrolRequest,
    responses((status = 201, body = InternshipView), (status = 409), (status = 422)))]
async fn enrol(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<EnrolRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<InternshipView>)> {
    user.require(Action::ManageInternships)?;
    let ApiJson(request) = request?;
    let created = model::enrol(
        &state.db,
        &state.composer,
        user.id,
        &state.config.mail.public_url,
        Enrolment {
            intern_user_id: request.intern_user_id,
            application_id: request.application_id,
            mentor_id: request.mentor_id,
            start_date: request.start_date,
            exam_track: request.exam_track,
            group: request.group,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(view_of(&state, &user, created.id).await?),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFilter {
    /// Only internships not yet decided.
    active: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct InternshipList {
    items: Vec<InternshipRow>,
    total: usize,
}

/// Internships the caller may see: an intern their own, a mentor theirs, the programme's
/// managers and the panel all.
#[utoipa::path(get, path = "/internships", tag = "internships", security(("bearer" = [])),
    params(ListQuery, ListFilter), responses((status = 200, body = InternshipList)))]
async fn list_internships(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(page): Query<ListQuery>,
    Query(filter): Query<ListFilter>,
) -> AppResult<ApiJson<InternshipList>> {
    let all = cohort::cohort(
        &state.db,
        &user,
        user.lang,
        today(),
        filter.active.unwrap_or(false),
    )
    .await?;
    let total = all.rows.len();
    let items = all
        .rows
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .collect();
    Ok(ApiJson(InternshipList { items, total }))
}

/// The plan by week, progress, overdue items, exam attempts, the defence rubric and result,
/// rotations and the decision.
#[utoipa::path(get, path = "/internships/{id}", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = InternshipView), (status = 403), (status = 404)))]
async fn show(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<InternshipView>> {
    Ok(ApiJson(view_of(&state, &user, id).await?))
}

/// Ticks an item off. The mentor's tick also signs it off.
#[utoipa::path(post, path = "/internships/{id}/items/{item_id}/done", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path), ("item_id" = i32, Path)), responses((status = 200, body = ItemView)))]
async fn mark_done(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, item_id)): Path<(i32, i32)>,
) -> AppResult<ApiJson<ItemView>> {
    let item = plan::mark_done(&state.db, &user, id, item_id).await?;
    Ok(ApiJson(ItemView::of(&item, user.lang, today())))
}

/// The mentor hands an item back to the intern.
#[utoipa::path(post, path = "/internships/{id}/items/{item_id}/reopen", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path), ("item_id" = i32, Path)), responses((status = 200, body = ItemView)))]
async fn reopen(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, item_id)): Path<(i32, i32)>,
) -> AppResult<ApiJson<ItemView>> {
    let item = plan::reopen(&state.db, &user, id, item_id).await?;
    Ok(ApiJson(ItemView::of(&item, user.lang, today())))
}

#[derive(Deserialize, ToSchema)]
pub struct ExamDate {
    exam_on: Option<NaiveDate>,
}

/// Sets the next exam date; the intern and the mentor are emailed.
#[utoipa::path(put, path = "/internships/{id}/exam-date", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ExamDate, responses((status = 200, body = InternshipView)))]
async fn schedule_exam(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<ExamDate>,
) -> AppResult<ApiJson<InternshipView>> {
    plan::schedule_exam(
        &state.db,
        &state.composer,
        &user,
        &state.config.mail.public_url,
        id,
        request.exam_on,
    )
    .await?;
    Ok(ApiJson(view_of(&state, &user, id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct AttemptRequest {
    /// "seo" or "ppc".
    #[serde(default)]
    exam: String,
    taken_on: Option<NaiveDate>,
    score: Option<i32>,
    max_score: Option<i32>,
    #[serde(default)]
    notes: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecordedAttempt {
    #[serde(flatten)]
    attempt: AttemptView,
    /// When attempts are limited, how many remain.
    attempts_left: Option<u32>,
}

/// Records a graded attempt: numbered per exam, passed against the pass mark in the settings.
/// Out of attempts, already passed or within the cool-down → 409.
#[utoipa::path(post, path = "/internships/{id}/exam-attempts", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = AttemptRequest,
    responses((status = 201, body = RecordedAttempt), (status = 409), (status = 422)))]
async fn record_attempt(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<AttemptRequest>,
) -> AppResult<(StatusCode, ApiJson<RecordedAttempt>)> {
    let recorded = exams::record_attempt(
        &state.db,
        &state.composer,
        &user,
        &state.config.mail.public_url,
        id,
        AttemptInput {
            exam: request.exam,
            taken_on: request.taken_on,
            score: request.score,
            max_score: request.max_score,
            notes: request.notes,
        },
    )
    .await?;
    let people = names(&state.db, [user.id]).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(RecordedAttempt {
            attempt: view::attempt_view(&recorded.attempt, &people),
            attempts_left: recorded.attempts_left,
        }),
    ))
}

/// The attempts so far.
#[utoipa::path(get, path = "/internships/{id}/exam-attempts", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<AttemptView>)))]
async fn list_attempts(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<AttemptView>>> {
    Ok(ApiJson(view_of(&state, &user, id).await?.exam_attempts))
}

#[derive(Deserialize, ToSchema)]
pub struct ProjectPlan {
    #[serde(default)]
    text: String,
}

/// The intern's work plan for their first project.
#[utoipa::path(put, path = "/internships/{id}/project-plan", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ProjectPlan, responses((status = 204)))]
async fn save_project_plan(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<ProjectPlan>,
) -> AppResult<StatusCode> {
    model::save_project_plan(&state.db, &user, id, &request.text).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct CriterionGrade {
    criterion: String,
    score: Option<i32>,
}

#[derive(Deserialize, ToSchema)]
pub struct DefenceRequest {
    #[serde(default)]
    grades: Vec<CriterionGrade>,
    #[serde(default)]
    notes: String,
}

/// One panel member's grades of the defence, every criterion 1..5; sent again, it replaces
/// that member's earlier grades. Answers with the weighted result so far.
#[utoipa::path(post, path = "/internships/{id}/defence", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = DefenceRequest,
    responses((status = 200, body = DefenceView), (status = 422)))]
async fn grade_defence(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<DefenceRequest>,
) -> AppResult<ApiJson<DefenceView>> {
    let scores: BTreeMap<String, Option<i32>> = request
        .grades
        .into_iter()
        .map(|g| (g.criterion, g.score))
        .collect();
    assessments::grade_defence(&state.db, &user, id, &scores, &request.notes).await?;
    Ok(ApiJson(view_of(&state, &user, id).await?.defence))
}

#[derive(Deserialize, ToSchema)]
pub struct RotationOwner {
    owner_id: Option<i32>,
}

/// Names the owner of a department week, who scores it at the end.
#[utoipa::path(put, path = "/internships/{id}/rotations/{rotation_id}/owner", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path), ("rotation_id" = i32, Path)), request_body = RotationOwner,
    responses((status = 204), (status = 422)))]
async fn set_rotation_owner(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, rotation_id)): Path<(i32, i32)>,
    ApiJson(request): ApiJson<RotationOwner>,
) -> AppResult<StatusCode> {
    assessments::set_rotation_owner(&state.db, &user, id, rotation_id, request.owner_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct RotationScorecard {
    /// Competency code → 1..5 (the hiring checklist's competencies).
    #[serde(default)]
    scores: BTreeMap<String, Option<i32>>,
    #[serde(default)]
    notes: String,
}

/// The department owner's scorecard of the week.
#[utoipa::path(put, path = "/internships/{id}/rotations/{rotation_id}/scorecard", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path), ("rotation_id" = i32, Path)), request_body = RotationScorecard,
    responses((status = 204), (status = 403), (status = 422)))]
async fn score_rotation(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path((id, rotation_id)): Path<(i32, i32)>,
    ApiJson(request): ApiJson<RotationScorecard>,
) -> AppResult<StatusCode> {
    assessments::score_rotation(
        &state.db,
        &user,
        id,
        rotation_id,
        &request.scores,
        &request.notes,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[schema(as = InternshipDecisionRequest)]
pub struct DecisionRequest {
    /// stay_intern, promote, transfer or part_ways.
    #[serde(default)]
    outcome: String,
    /// For a transfer: implementation, ppc, seo or client_service.
    department: Option<String>,
    #[serde(default)]
    reason: String,
    /// Why decide before the programme's last week; without it an early decision → 409.
    #[serde(default)]
    early_reason: Option<String>,
}

/// The decision at the end of the month. Promotion needs a passed exam and a passed defence
/// (409 otherwise) and makes the person an account manager (grade junior).
#[utoipa::path(post, path = "/internships/{id}/decision", tag = "internships", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = DecisionRequest,
    responses((status = 200, body = InternshipView), (status = 409), (status = 422)))]
async fn decide(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> AppResult<ApiJson<InternshipView>> {
    decision::decide(
        &state.db,
        &state.composer,
        &user,
        &state.config.mail.public_url,
        id,
        DecisionInput {
            outcome: request.outcome,
            department: request.department,
            reason: request.reason,
            early_reason: request.early_reason.unwrap_or_default(),
        },
    )
    .await?;
    Ok(ApiJson(view_of(&state, &user, id).await?))
}

/// Pass mark, attempt limit, cool-down and the defence pass mark.
#[utoipa::path(get, path = "/internships/settings", tag = "internships", security(("bearer" = [])),
    responses((status = 200, body = ProgrammeSettings)))]
async fn get_internship_settings(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<ProgrammeSettings>> {
    if !(user.can(Action::ViewInternships) || user.can(Action::MentorInterns)) {
        return Err(AppError::Forbidden);
    }
    Ok(ApiJson(programme::settings(&state.db).await?))
}

#[utoipa::path(put, path = "/internships/settings", tag = "internships", security(("bearer" = [])),
    request_body = ProgrammeSettings, responses((status = 200, body = ProgrammeSettings), (status = 422)))]
async fn put_internship_settings(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<ProgrammeSettings>, crate::error::AppError>,
) -> AppResult<ApiJson<ProgrammeSettings>> {
    user.require(Action::ManageInternships)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        programme::save_settings(&state.db, user.id, request).await?,
    ))
}

/// The programme template, retired items included.
#[utoipa::path(get, path = "/internships/programme", tag = "internships", security(("bearer" = [])),
    responses((status = 200, body = Vec<Object>)))]
async fn list_programme(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<Vec<programme_item::Model>>> {
    user.require(Action::ManageInternships)?;
    Ok(ApiJson(programme::items(&state.db, true).await?))
}

/// Adds an item to the template; plans made from now on include it.
#[utoipa::path(post, path = "/internships/programme", tag = "internships", security(("bearer" = [])),
    request_body = ItemFields, responses((status = 201, body = Object), (status = 422)))]
async fn add_programme_item(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<ItemFields>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<programme_item::Model>)> {
    user.require(Action::ManageInternships)?;
    let ApiJson(request) = request?;
    let saved = programme::save_item(&state.db, user.id, None, request).await?;
    Ok((StatusCode::CREATED, ApiJson(saved)))
}

/// Changes (or retires) a template item; plans already made keep their copy.
#[utoipa::path(put, path = "/internships/programme/{item_id}", tag = "internships", security(("bearer" = [])),
    params(("item_id" = i32, Path)), request_body = ItemFields,
    responses((status = 200, body = Object), (status = 404), (status = 422)))]
async fn update_programme_item(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(item_id): Path<i32>,
    request: Result<ApiJson<ItemFields>, crate::error::AppError>,
) -> AppResult<ApiJson<programme_item::Model>> {
    user.require(Action::ManageInternships)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        programme::save_item(&state.db, user.id, Some(item_id), request).await?,
    ))
}
