//! The phone-screen script in the API: `GET /positions/{id}/screen-script?lang=`, the same
//! operation as the printable page (`positions::screen_script::script`).

use axum::extract::{Path, Query, State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::reference_api::LangQuery;
use super::screen_script::{agency_name, script};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(screen_script))
}

#[derive(Serialize, ToSchema)]
pub struct ScriptSectionResponse {
    /// pitch, checks or questions.
    code: String,
    title: String,
    /// What the recruiter says, in order.
    lines: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ScriptCheckResponse {
    /// salary, notice, location or requirement-<n>: the code a screen scorecard answers.
    code: String,
    /// The yes/no question as the script asks it.
    question: String,
}

#[derive(Serialize, ToSchema)]
pub struct ScreenScriptResponse {
    /// ru or en.
    lang: String,
    /// The pitch, the checks and the questions.
    sections: Vec<ScriptSectionResponse>,
    /// The checks of the second section with their codes, for the screen scorecard.
    checks: Vec<ScriptCheckResponse>,
}

/// The recruiter's phone-screen script for a position: the pitch, the checks (pay against the
/// band, notice period, city and work format, each must-have) and the screen questions.
#[utoipa::path(get, path = "/positions/{id}/screen-script", tag = "positions",
    operation_id = "get_screen_script", security(("bearer" = [])),
    params(("id" = i32, Path), LangQuery),
    responses((status = 200, description = "The script in the language asked for", body = ScreenScriptResponse),
        (status = 403, description = "The role may not see positions"),
        (status = 404, description = "No such position"),
        (status = 422, description = "An unknown language code")))]
async fn screen_script(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(query): Query<LangQuery>,
) -> AppResult<ApiJson<ScreenScriptResponse>> {
    user.require(Action::ViewPositions)?;
    let lang = query.resolve(&user)?;
    let found = script(&state.db, &agency_name(&state), id, lang).await?;
    Ok(ApiJson(ScreenScriptResponse {
        lang: lang.as_str().to_owned(),
        checks: found
            .script
            .checks
            .into_iter()
            .map(|c| ScriptCheckResponse {
                code: c.code,
                question: c.question,
            })
            .collect(),
        sections: found
            .script
            .sections
            .into_iter()
            .map(|s| ScriptSectionResponse {
                code: s.code.to_owned(),
                title: s.title.to_owned(),
                lines: s.lines,
            })
            .collect(),
    }))
}
