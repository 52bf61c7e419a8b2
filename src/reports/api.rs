//! Reports in the API: JSON by default, CSV with `Accept: text/csv` (or `?format=csv`), XLSX with
//! the spreadsheet type (or `?format=xlsx`). The figures are the report pages' own.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::filter::ReportQuery;
use super::kinds::{self, Kind};
use super::{calibration, funnel, internships, offers, predictive, sources, time_to_fill};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::AuthUser;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(funnel_report))
        .routes(routes!(time_to_fill_report))
        .routes(routes!(sources_report))
        .routes(routes!(offers_report))
        .routes(routes!(calibration_report))
        .routes(routes!(internships_report))
        .routes(routes!(predictive_report))
}

async fn serve(
    state: &AppState,
    user: &crate::auth::model::CurrentUser,
    kind: Kind,
    query: &ReportQuery,
    headers: &HeaderMap,
) -> AppResult<Response> {
    if !kind.may_read(user) {
        return Err(AppError::Forbidden);
    }
    let filter = query.filter()?;
    let format = kinds::format_of(query.format.as_deref(), headers)?;
    let computed = kinds::run(state, kind, filter, user.lang).await?;
    kinds::respond(&computed, kind, &filter, format, user.lang)
}

/// Of the applications made in the period, how many reached each stage, the conversion between
/// stages, and rejections and withdrawals by stage and reason.
#[utoipa::path(get, path = "/reports/funnel", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = funnel::Funnel), (status = 422)))]
async fn funnel_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Funnel, &query, &headers).await
}

/// Days from opening to filling (calendar and working) against the target date, positions still
/// open, and the mean time in each stage.
#[utoipa::path(get, path = "/reports/time-to-fill", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = time_to_fill::TimeToFill), (status = 422)))]
async fn time_to_fill_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::TimeToFill, &query, &headers).await
}

/// Candidates, short-listed and hired per source.
#[utoipa::path(get, path = "/reports/sources", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = sources::Sources), (status = 422)))]
async fn sources_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Sources, &query, &headers).await
}

/// Acceptance rate, revisions per hire, accepted salaries against the band and the market.
#[utoipa::path(get, path = "/reports/offers", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = offers::Offers), (status = 403), (status = 422)))]
async fn offers_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Offers, &query, &headers).await
}

/// Each interviewer's mean score and share of "yes" against the rest of the panel.
#[utoipa::path(get, path = "/reports/calibration", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = calibration::Calibration), (status = 422)))]
async fn calibration_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Calibration, &query, &headers).await
}

/// Pass rates and attempts per exam and the decisions, for internships started in the period.
#[utoipa::path(get, path = "/reports/internships", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = internships::InternshipOutcomes), (status = 422)))]
async fn internships_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Internships, &query, &headers).await
}

/// How interview scores per competency and per question go with exam, defence and department
/// results, with the number of people behind each figure.
#[utoipa::path(get, path = "/reports/predictive", tag = "reports", security(("bearer" = [])),
    params(ReportQuery), responses((status = 200, body = predictive::Predictive), (status = 422)))]
async fn predictive_report(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    serve(&state, &user, Kind::Predictive, &query, &headers).await
}
