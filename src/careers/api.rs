//! `GET /api/v1/public/positions`: the open positions for job boards and the agency's own
//! site, without a token — the same list, filters and titles as the careers page.

use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, Filter};
use super::share;
use crate::app::AppState;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::ApiJson;
use crate::web::i18n::Message;
use crate::web::list::ListQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_public_positions))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicPositionsQuery {
    /// Only positions in this city, written as the positions write it.
    city: Option<String>,
    /// `office`, `hybrid` or `remote`.
    work_format: Option<String>,
    /// `ru` or `en`: the language of the titles and of the pages linked; the agency's
    /// language when omitted.
    lang: Option<String>,
    /// At most 200; 50 when omitted.
    limit: Option<u64>,
    offset: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicPosition {
    id: i32,
    title: String,
    /// The job page, absolute, in the language asked for.
    url: String,
    city: Option<String>,
    /// `office`, `hybrid` or `remote`.
    work_format: Option<&'static str>,
    opened_on: Option<chrono::NaiveDate>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicPositionList {
    items: Vec<PublicPosition>,
    total: u64,
}

/// The open positions, newest first. Drafts, held, filled and cancelled positions are never
/// listed.
#[utoipa::path(get, path = "/public/positions", tag = "careers", params(PublicPositionsQuery),
    responses((status = 200, body = PublicPositionList, description = "The open positions matching the filters."),
        (status = 422)))]
async fn list_public_positions(
    State(state): State<AppState>,
    Query(query): Query<PublicPositionsQuery>,
) -> AppResult<ApiJson<PublicPositionList>> {
    let lang = FieldError::lang("lang", query.lang.as_deref())?
        .unwrap_or_else(|| state.agency.get().default_lang);
    let work_format = match query.work_format.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(model::work_format(Some(text)).ok_or_else(|| {
            AppError::validation("work_format", Message::new("careers-work-format-invalid"))
        })?),
    };
    let filter = Filter {
        city: query
            .city
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        work_format,
    };
    let paging = ListQuery {
        limit: query.limit,
        offset: query.offset,
    };
    let (openings, total) =
        model::openings(&state.db, &filter, lang, paging.limit(), paging.offset()).await?;
    let base = &state.config.mail.public_url;
    let items = openings
        .into_iter()
        .map(|o| PublicPosition {
            url: share::absolute(base, &format!("/jobs/{}?lang={}", o.slug, lang.as_str())),
            id: o.id,
            title: o.title,
            city: o.city,
            work_format: o.work_format,
            opened_on: o.opened_on,
        })
        .collect();
    Ok(ApiJson(PublicPositionList { items, total }))
}
