//! Interviews, the question bank and scorecards in the API.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::bank::{self, QuestionView};
use super::brief::{self, CeoBrief};
use super::kits::{self, KitItem};
use super::model::{self, InterviewSummary, NewInterview};
use super::profile::{self, CompetencyProfile};
use super::scorecards::{self, ScorecardInput, ScorecardView};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Lang;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_questions))
        .routes(routes!(schedule_interview))
        .routes(routes!(get_interview))
        .routes(routes!(application_interviews))
        .routes(routes!(my_scorecard, save_my_scorecard))
        .routes(routes!(submit_my_scorecard))
        .routes(routes!(team_scorecards))
        .routes(routes!(competency_profile))
        .routes(routes!(position_kit, adjust_position_kit))
        .routes(routes!(ceo_brief))
        .routes(routes!(ceo_decision))
}

/// The CEO's one-page brief before the cultural-fit interview.
#[utoipa::path(get, path = "/applications/{id}/brief", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = CeoBrief), (status = 403), (status = 404)))]
async fn ceo_brief(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<CeoBrief>> {
    user.require(Action::ViewScorecards)?;
    user.require(Action::ViewReferences)?;
    Ok(ApiJson(brief::build(&state.db, id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionRequest {
    /// go or no_go.
    decision: String,
    #[serde(default)]
    note: String,
}

/// The CEO's go / no-go after the cultural-fit interview (CEO only).
#[utoipa::path(post, path = "/applications/{id}/ceo-decision", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = DecisionRequest,
    responses((status = 200, body = CeoBrief), (status = 403), (status = 422)))]
async fn ceo_decision(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> AppResult<ApiJson<CeoBrief>> {
    if user.role != crate::domain::access::Role::Ceo {
        return Err(AppError::Forbidden);
    }
    brief::decide(&state.db, user.id, id, &request.decision, &request.note).await?;
    Ok(ApiJson(brief::build(&state.db, id).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionQuery {
    competency: Option<String>,
    /// ru or en; the user's language when omitted.
    lang: Option<String>,
}

fn lang_of(user: &CurrentUser, asked: Option<&str>) -> AppResult<Lang> {
    Ok(FieldError::lang("lang", asked)?.unwrap_or(user.lang))
}

/// The question bank in use: main questions with their follow-up probes.
#[utoipa::path(get, path = "/questions", tag = "interviews", security(("bearer" = [])),
    params(QuestionQuery), responses((status = 200, body = Vec<QuestionView>)))]
async fn list_questions(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<QuestionQuery>,
) -> AppResult<ApiJson<Vec<QuestionView>>> {
    if !(user.can(Action::ScoreInterviews) || user.can(Action::ManageQuestionBank)) {
        return Err(AppError::Forbidden);
    }
    let questions = bank::current(&state.db, query.competency.as_deref()).await?;
    let lang = lang_of(&user, query.lang.as_deref())?;
    Ok(ApiJson(bank::views(&state.db, questions, lang).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ScheduleRequest {
    application_id: i32,
    /// screen, competency or ceo_fit.
    kind: String,
    scheduled_at: DateTime<Utc>,
    interviewer_ids: Vec<i32>,
    /// 60 when omitted.
    duration_minutes: Option<i32>,
    /// An address or a video link.
    place: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InterviewResponse {
    #[serde(flatten)]
    interview: InterviewSummary,
    /// The questions for this interview, in the suggested order, with a time for each.
    kit: Vec<KitItem>,
    total_minutes: i32,
    /// A `ceo_fit` interview asks about the agency's values: one block per value (empty for
    /// other kinds).
    values: Vec<super::values_kit::ValueBlock>,
}

async fn with_kit(state: &AppState, user: &CurrentUser, id: i32) -> AppResult<InterviewResponse> {
    let found = model::visible(&state.db, user, id).await?;
    let summary = model::summaries(&state.db, vec![found]).await?.remove(0);
    let questions = model::kit(&state.db, id).await?;
    let (kit, total_minutes) = kits::timed(bank::views(&state.db, questions, user.lang).await?);
    Ok(InterviewResponse {
        interview: summary,
        kit,
        total_minutes,
        values: super::values_kit::blocks(&state.db, id, user.lang).await?,
    })
}

/// Schedules an interview; the kit is built from the position and frozen into it, and the
/// candidate and interviewers get an invitation with a calendar file.
#[utoipa::path(post, path = "/interviews", tag = "interviews", security(("bearer" = [])),
    request_body = ScheduleRequest,
    responses((status = 201, body = InterviewResponse), (status = 403), (status = 422)))]
async fn schedule_interview(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<ScheduleRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<InterviewResponse>)> {
    user.require(Action::ScheduleInterviews)?;
    let ApiJson(request) = request?;
    let new = NewInterview {
        application_id: request.application_id,
        kind: request.kind,
        scheduled_at: request.scheduled_at,
        duration_minutes: request.duration_minutes.unwrap_or(60),
        place: request.place.unwrap_or_default(),
        interviewer_ids: request.interviewer_ids,
    };
    let created = model::schedule(&state.db, &state.composer, &user, new).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(with_kit(&state, &user, created.id).await?),
    ))
}

/// One interview with its kit (interviewers see only their own).
#[utoipa::path(get, path = "/interviews/{id}", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = InterviewResponse), (status = 404)))]
async fn get_interview(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<InterviewResponse>> {
    Ok(ApiJson(with_kit(&state, &user, id).await?))
}

/// The interviews of an application.
#[utoipa::path(get, path = "/applications/{id}/interviews", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<InterviewSummary>), (status = 404)))]
async fn application_interviews(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<InterviewSummary>>> {
    if !model::may_view_application(&state.db, &user, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(ApiJson(model::for_application(&state.db, id).await?))
}

/// The caller's own scorecard of this interview (an empty draft at first).
#[utoipa::path(get, path = "/interviews/{id}/scorecards/me", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = ScorecardView), (status = 403), (status = 404)))]
async fn my_scorecard(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<ScorecardView>> {
    Ok(ApiJson(scorecards::mine(&state.db, &user, id).await?))
}

/// Saves the caller's draft (the whole card); a submitted card is read-only (409).
#[utoipa::path(put, path = "/interviews/{id}/scorecards/me", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ScorecardInput,
    responses((status = 200, body = ScorecardView), (status = 409), (status = 422)))]
async fn save_my_scorecard(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    input: Result<ApiJson<ScorecardInput>, AppError>,
) -> AppResult<ApiJson<ScorecardView>> {
    // Access before input: someone not on this interview learns nothing from the body.
    scorecards::mine(&state.db, &user, id).await?;
    let ApiJson(input) = input?;
    Ok(ApiJson(
        scorecards::save_draft(&state.db, &user, id, input).await?,
    ))
}

/// Submits the caller's card; after this it is read-only and the team's cards open up.
#[utoipa::path(post, path = "/interviews/{id}/scorecards/me/submit", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = ScorecardView), (status = 409), (status = 422)))]
async fn submit_my_scorecard(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<ScorecardView>> {
    // Access first: someone not on this interview is told it does not exist.
    scorecards::mine(&state.db, &user, id).await?;
    Ok(ApiJson(scorecards::submit(&state.db, &user, id).await?))
}

/// Every submitted card of the interview: for the hiring team, and for interviewers who have
/// submitted their own (blind scoring; 403 before).
#[utoipa::path(get, path = "/interviews/{id}/scorecards", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<ScorecardView>), (status = 403)))]
async fn team_scorecards(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<ScorecardView>>> {
    Ok(ApiJson(scorecards::submitted(&state.db, &user, id).await?))
}

/// Who may see a profile: the hiring team, or an interviewer of the application who has
/// submitted a card for it.
pub async fn may_see_profile(
    state: &AppState,
    user: &CurrentUser,
    application_id: i32,
) -> AppResult<bool> {
    if user.can(Action::ViewScorecards) {
        return Ok(true);
    }
    if !model::may_view_application(&state.db, user, application_id).await? {
        return Ok(false);
    }
    for interview in model::for_application(&state.db, application_id).await? {
        if interview.interviewer_ids.contains(&user.id)
            && scorecards::may_read_team(&state.db, user, interview.id).await?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Per competency the mean, min, max and number of raters, with a disagreement flag, the
/// coverage gaps and the grade the scores suggest.
#[utoipa::path(get, path = "/applications/{id}/competency-profile", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = CompetencyProfile), (status = 403), (status = 404)))]
async fn competency_profile(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<CompetencyProfile>> {
    if !may_see_profile(&state, &user, id).await? {
        return Err(AppError::Forbidden);
    }
    let mut profile = profile::of_application(&state.db, id).await?;
    if !user.can(Action::ViewSalaries) {
        profile.suggested_salary = None;
    }
    Ok(ApiJson(profile))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KitQuery {
    /// screen, competency or ceo_fit.
    kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct KitResponse {
    kind: String,
    competencies: Vec<String>,
    questions: Vec<KitItem>,
    total_minutes: i32,
}

async fn kit_response(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
    kind: &str,
) -> AppResult<KitResponse> {
    crate::positions::model::get(&state.db, id).await?;
    let (competencies, _) = kits::competencies(&state.db, id).await?;
    let questions = kits::kit(&state.db, id, kind).await?;
    let (questions, total_minutes) =
        kits::timed(bank::views(&state.db, questions, user.lang).await?);
    Ok(KitResponse {
        kind: kind.to_owned(),
        competencies,
        questions,
        total_minutes,
    })
}

/// A position's interview kit of one kind.
#[utoipa::path(get, path = "/positions/{id}/kit", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path), KitQuery), responses((status = 200, body = KitResponse), (status = 404)))]
async fn position_kit(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    query: Result<Query<KitQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<ApiJson<KitResponse>> {
    user.require(Action::ViewPositions)?;
    let Query(query) = query.map_err(|_| {
        AppError::validation("kind", crate::web::i18n::Message::new("field-required"))
    })?;
    Ok(ApiJson(kit_response(&state, &user, id, &query.kind).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct KitRequest {
    kind: String,
    /// The competencies the position must assess (all when empty).
    competencies: Vec<String>,
    /// Question codes in order (the default kit when empty).
    questions: Vec<String>,
}

/// The hiring manager adjusts a position's kit.
#[utoipa::path(put, path = "/positions/{id}/kit", tag = "interviews", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = KitRequest,
    responses((status = 200, body = KitResponse), (status = 422)))]
async fn adjust_position_kit(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<KitRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<KitResponse>> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    crate::positions::model::get(&state.db, id).await?;
    kits::adjust(
        &state.db,
        user.id,
        id,
        request.competencies,
        &request.kind,
        request.questions,
    )
    .await?;
    Ok(ApiJson(
        kit_response(&state, &user, id, &request.kind).await?,
    ))
}
