//! Reference data in the API: `/competencies`, `/grades`, `/market/salaries`.

use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::criteria::{self, Anchor};
use super::reference::{self, MarketDataset};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::entities::grade;
use crate::error::{AppResult, FieldError};
use crate::web::i18n::Lang;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(competencies))
        .routes(routes!(grades))
        .routes(routes!(update_grade))
        .routes(routes!(market_salaries))
}

/// `?lang=ru|en` picks the language of names; the token user's own language otherwise.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    /// The language asked for, or the user's own; an unknown code is a 422 naming `lang`.
    pub fn resolve(&self, user: &CurrentUser) -> AppResult<Lang> {
        Ok(FieldError::lang("lang", self.lang.as_deref())?.unwrap_or(user.lang))
    }
}

#[derive(Serialize, ToSchema)]
pub struct CompetencyResponse {
    code: String,
    name: String,
    /// "hard" or "soft".
    kind: String,
    /// What a score of 1, 3 and 5 looks like on this competency.
    anchors: Vec<Anchor>,
}

/// The competencies candidates are interviewed and interns assessed on.
#[utoipa::path(get, path = "/competencies", tag = "reference", security(("bearer" = [])), params(LangQuery),
    responses((status = 200, body = [CompetencyResponse]), (status = 401)))]
async fn competencies(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<LangQuery>,
) -> AppResult<ApiJson<Vec<CompetencyResponse>>> {
    let lang = query.resolve(&user)?;
    let items = reference::competencies(&state.db).await?;
    Ok(ApiJson(
        items
            .into_iter()
            .map(|c| CompetencyResponse {
                name: lang.pick(c.name_ru, c.name_en),
                anchors: criteria::anchors(&c.code)
                    .map(|a| a.in_lang(lang))
                    .unwrap_or_default(),
                code: c.code,
                kind: c.kind,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct GradeResponse {
    #[schema(example = "middle")]
    code: String,
    name: String,
    salary_min: i64,
    salary_max: i64,
    #[schema(example = "RUB")]
    currency: String,
    /// What a person at this grade can do.
    description: String,
    /// The level (1–5) the grade expects on each competency, in the competencies' order.
    expectations: Vec<GradeExpectation>,
}

#[derive(Serialize, ToSchema)]
pub struct GradeExpectation {
    #[schema(example = "communication")]
    competency: String,
    #[schema(example = 3)]
    level: i32,
}

fn grade_response(g: grade::Model, lang: Lang) -> GradeResponse {
    let criteria = criteria::grade(&g.code);
    GradeResponse {
        description: criteria
            .map(|c| lang.pick(c.description_ru.clone(), c.description_en.clone()))
            .unwrap_or_default(),
        expectations: criteria::expectations(&g.code)
            .into_iter()
            .map(|(competency, level)| GradeExpectation {
                competency: competency.to_owned(),
                level,
            })
            .collect(),
        name: reference::grade_name(&g, lang).to_owned(),
        code: g.code,
        salary_min: g.salary_min,
        salary_max: g.salary_max,
        currency: g.currency,
    }
}

/// Grades of the account-management track: salary bands, what each grade can do and the level
/// it expects on each competency.
#[utoipa::path(get, path = "/grades", tag = "reference", security(("bearer" = [])), params(LangQuery),
    responses((status = 200, body = [GradeResponse]), (status = 401)))]
async fn grades(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<LangQuery>,
) -> AppResult<ApiJson<Vec<GradeResponse>>> {
    let lang = query.resolve(&user)?;
    let items = reference::grades(&state.db).await?;
    Ok(ApiJson(
        items.into_iter().map(|g| grade_response(g, lang)).collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct BandRequest {
    salary_min: i64,
    salary_max: i64,
    currency: String,
}

/// Sets a grade's salary band (hiring managers, the CEO and admins): min ≤ max, both > 0.
#[utoipa::path(put, path = "/grades/{code}", tag = "reference", security(("bearer" = [])),
    params(("code" = String, Path)), request_body = BandRequest,
    responses((status = 200, body = GradeResponse), (status = 403), (status = 404), (status = 422)))]
async fn update_grade(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(code): Path<String>,
    request: Result<ApiJson<BandRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<GradeResponse>> {
    user.require(Action::EditSalaryBands)?;
    let ApiJson(request) = request?;
    let updated = reference::update_band(
        &state.db,
        user.id,
        &code,
        request.salary_min,
        request.salary_max,
        &request.currency,
    )
    .await?;
    Ok(ApiJson(grade_response(updated, user.lang)))
}

#[derive(Serialize, ToSchema)]
pub struct MarketResponse {
    datasets: Vec<MarketDataset>,
}

/// Market salary reference data for account managers, each set with its source and date.
#[utoipa::path(get, path = "/market/salaries", tag = "reference", security(("bearer" = [])), params(LangQuery),
    responses((status = 200, body = MarketResponse), (status = 401)))]
async fn market_salaries(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<LangQuery>,
) -> AppResult<ApiJson<MarketResponse>> {
    let datasets = reference::market_data(&state.db, query.resolve(&user)?).await?;
    Ok(ApiJson(MarketResponse { datasets }))
}
