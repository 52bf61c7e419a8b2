//! What a handler knows about the request it serves: who is asking (from the session or a
//! Bearer token), in which language, and the shared layout of every page.

use std::collections::BTreeMap;

use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Html;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::app::AppState;
use crate::auth::model::{self as accounts, CurrentUser};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::csrf::{self, session_error};
use crate::web::i18n::{Lang, Message};

pub const SESSION_USER: &str = "user_id";
pub const SESSION_LANG: &str = "lang";
const SESSION_FLASH: &str = "flash";
const SESSION_SEEN: &str = "seen_hour";

/// The user behind this request, resolved once and cached in the request's extensions.
#[derive(Clone)]
struct Resolved(Option<CurrentUser>);

async fn resolve(parts: &mut Parts, state: &AppState) -> AppResult<Option<CurrentUser>> {
    if let Some(Resolved(user)) = parts.extensions.get::<Resolved>() {
        return Ok(user.clone());
    }
    // Nested routers see a shortened path; the original tells API from browser requests.
    let is_api = parts.extensions.get::<OriginalUri>().map_or_else(
        || parts.uri.path().starts_with("/api/"),
        |uri| uri.path().starts_with("/api/"),
    );
    let user = if is_api {
        match bearer_token(&parts.headers) {
            Some(token) => accounts::user_for_token(&state.db, token).await?,
            None => None,
        }
    } else {
        match parts.extensions.get::<Session>().cloned() {
            Some(session) => user_from_session(&session, state).await?,
            None => None,
        }
    };
    parts.extensions.insert(Resolved(user.clone()));
    Ok(user)
}

async fn user_from_session(session: &Session, state: &AppState) -> AppResult<Option<CurrentUser>> {
    let Some(id) = session
        .get::<i32>(SESSION_USER)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let user = accounts::active_user(&state.db, id).await?;
    if user.is_none() {
        // Deactivated or deleted since sign-in: the session ends here.
        session.flush().await.map_err(session_error)?;
    } else {
        // Sessions expire after a period of inactivity; marking them modified at most once an
        // hour keeps an active user signed in without a database write on every request.
        let hour = chrono::Utc::now().timestamp() / 3600;
        if session
            .get::<i64>(SESSION_SEEN)
            .await
            .map_err(session_error)?
            != Some(hour)
        {
            session
                .insert(SESSION_SEEN, hour)
                .await
                .map_err(session_error)?;
        }
    }
    Ok(user)
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// A signed-in user; without one, browsers are sent to the login page and the API answers 401.
pub struct AuthUser(pub CurrentUser);

impl<S> FromRequestParts<S> for AuthUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        let state = AppState::from_ref(state);
        resolve(parts, &state)
            .await?
            .map(AuthUser)
            .ok_or(AppError::Unauthenticated)
    }
}

impl<S> OptionalFromRequestParts<S> for AuthUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Option<Self>> {
        let state = AppState::from_ref(state);
        Ok(resolve(parts, &state).await?.map(AuthUser))
    }
}

/// The language of a browser request: the user's setting (copied into the session at sign-in
/// and when changed), then `Accept-Language`, then Russian.
pub async fn request_lang(session: Option<&Session>, headers: &HeaderMap) -> Lang {
    request_lang_or(session, headers, Lang::default()).await
}

/// [`request_lang`] with the language to fall back on (the agency's default) instead of Russian.
pub async fn request_lang_or(
    session: Option<&Session>,
    headers: &HeaderMap,
    fallback: Lang,
) -> Lang {
    if let Some(session) = session
        && let Ok(Some(lang)) = session.get::<Lang>(SESSION_LANG).await
    {
        return lang;
    }
    Lang::from_accept_language(headers).unwrap_or(fallback)
}

/// A one-off message shown on the next page: "Saved", "Signed out".
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Error,
}

/// Everything a page handler needs to answer: the user, the language, the session, and the
/// layout around its template.
pub struct Page {
    pub state: AppState,
    pub session: Session,
    pub user: Option<CurrentUser>,
    pub lang: Lang,
    path: String,
    /// The zone the browser reported (cookie `tz`, set by app.js), for visitors.
    browser_zone: Option<String>,
    /// A refused form's input, when this page is shown again for it (see `web::kept`).
    kept: Option<crate::web::kept::Kept>,
    /// The agency as this instance last read it: its name and look on visitors' pages, its
    /// zone and language for people who have none of their own.
    pub agency: std::sync::Arc<crate::agency::Agency>,
}

impl<S> FromRequestParts<S> for Page
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        let state = AppState::from_ref(state);
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
        let user = resolve(parts, &state).await?;
        let agency = state.agency.get();
        let lang = request_lang_or(Some(&session), &parts.headers, agency.default_lang).await;
        let browser_zone = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix("tz="))
            .map(|zone| zone.replace("%2F", "/"))
            .filter(|zone| crate::web::dates::zone(zone).is_some());
        Ok(Page {
            state,
            session,
            user,
            lang,
            path: parts.uri.path().to_owned(),
            browser_zone,
            kept: parts.extensions.get::<crate::web::kept::Kept>().cloned(),
            agency,
        })
    }
}

#[derive(Serialize)]
struct Layout<'a> {
    user: Option<&'a CurrentUser>,
    nav: Vec<NavItem>,
    csrf: String,
    flash: Option<Flash>,
    path: &'a str,
    other_lang: &'static str,
    kept: Option<&'a crate::web::kept::Kept>,
    agency: AgencyLayout,
}

/// What the layout shows of the agency: visitors see its name and logo instead of the
/// product's, and every page takes its colour.
#[derive(Serialize)]
pub struct AgencyLayout {
    name: String,
    logo: Option<String>,
    logo_width: u32,
    logo_height: u32,
    /// The colour stylesheet's address, changing with the colour so caches never lag.
    stylesheet: String,
}

#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    label: &'static str,
    active: bool,
}

impl Page {
    /// The signed-in user, or 401 (which sends a browser to the login page).
    pub fn user(&self) -> AppResult<&CurrentUser> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The signed-in user if their role may do `action`, or 401/403.
    pub fn require(&self, action: Action) -> AppResult<&CurrentUser> {
        let user = self.user()?;
        user.require(action)?;
        Ok(user)
    }

    /// Field errors as `{field: message}` in the page's language, for showing beside fields.
    pub fn field_errors(&self, errors: &[FieldError]) -> BTreeMap<String, String> {
        errors
            .iter()
            .map(|e| (e.field.clone(), self.lang.render(&e.message)))
            .collect()
    }

    /// The time zone pages are shown in: the user's setting, else the browser's, else the
    /// agency's.
    pub fn zone(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.timezone.as_str())
            .filter(|z| crate::web::dates::zone(z).is_some())
            .or(self.browser_zone.as_deref())
            .unwrap_or(self.agency.time_zone.as_str())
    }

    pub fn text(&self, message: &Message) -> String {
        self.lang.render(message)
    }

    /// Queues a message for the next page shown to this user.
    pub async fn flash(&self, kind: FlashKind, message: Message) -> AppResult<()> {
        let flash = Flash {
            kind,
            text: self.lang.render(&message),
        };
        self.session
            .insert(SESSION_FLASH, flash)
            .await
            .map_err(session_error)
    }

    pub async fn render<C: Serialize>(
        &self,
        template: &str,
        context: C,
    ) -> AppResult<Html<String>> {
        let csrf = csrf::token(&self.session).await?;
        // `remove` marks the session modified even when there is nothing to remove, and a
        // modified session is written back: look first, so an ordinary page view writes nothing.
        let flash = match self
            .session
            .get::<Flash>(SESSION_FLASH)
            .await
            .map_err(session_error)?
        {
            Some(flash) => {
                self.session
                    .remove::<Flash>(SESSION_FLASH)
                    .await
                    .map_err(session_error)?;
                Some(flash)
            }
            None => None,
        };
        let layout = Layout {
            user: self.user.as_ref(),
            nav: self.nav(),
            csrf,
            flash,
            path: &self.path,
            kept: self.kept.as_ref(),
            agency: self.agency_layout(),
            other_lang: match self.lang {
                Lang::Ru => "en",
                Lang::En => "ru",
            },
        };
        let html = self.state.templates.render(
            template,
            minijinja::context! {
                lang => self.lang.as_str(),
                tz => self.zone(),
                layout => minijinja::Value::from_serialize(&layout),
                assets => self.state.assets.urls(),
                ..minijinja::Value::from_serialize(&context)
            },
        )?;
        Ok(Html(html))
    }

    /// A form shown again with its errors: status 422 and the page as it was filled in.
    pub async fn render_invalid<C: Serialize>(
        &self,
        template: &str,
        context: C,
    ) -> AppResult<(StatusCode, Html<String>)> {
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            self.render(template, context).await?,
        ))
    }

    fn agency_layout(&self) -> AgencyLayout {
        agency_layout(&self.state, &self.agency)
    }

    fn nav(&self) -> Vec<NavItem> {
        let Some(user) = &self.user else {
            return Vec::new();
        };
        let mut items = vec![("/", "nav-dashboard", true)];
        items.push((
            "/positions",
            "nav-positions",
            user.can(Action::ViewPositions),
        ));
        items.push((
            "/applications",
            "nav-applications",
            user.can(Action::ViewAllCandidates),
        ));
        items.push((
            "/candidates",
            "nav-candidates",
            user.can(Action::ViewAllCandidates),
        ));
        items.push((
            "/questions",
            "nav-questions",
            user.can(Action::ManageQuestionBank) || user.can(Action::ViewScorecards),
        ));
        items.push((
            "/internships",
            if user.role == crate::domain::access::Role::Intern {
                "nav-my-internship"
            } else {
                "nav-internships"
            },
            user.can(Action::ViewInternships)
                || user.can(Action::MentorInterns)
                || user.can(Action::ViewOwnInternship),
        ));
        items.push(("/reports", "nav-reports", user.can(Action::ViewReports)));
        items.push(("/grades", "nav-grades", user.can(Action::ViewPositions)));
        items.push(("/admin/users", "nav-users", user.can(Action::Administer)));
        items.push((
            "/admin/reasons",
            "nav-reasons",
            user.can(Action::Administer),
        ));
        items.push(("/admin/audit", "nav-audit", user.can(Action::ViewAuditLog)));
        items.push((
            "/admin/outbox",
            "nav-outbox",
            user.can(Action::ManageOutbox),
        ));
        items.push((
            "/admin/privacy",
            "nav-retention",
            user.can(Action::Administer),
        ));
        items.push((
            "/admin/mailbox",
            "nav-mailbox",
            user.can(Action::Administer),
        ));
        items.push((
            "/settings/values",
            "nav-values",
            user.can(Action::EditValues),
        ));
        items.push(("/admin/agency", "nav-agency", user.can(Action::Administer)));
        items.push(("/admin/hh", "nav-hh", user.can(Action::Administer)));
        items.push((
            "/admin/webhooks",
            "nav-webhooks",
            user.can(Action::Administer),
        ));
        items.push(("/profile", "nav-profile", true));
        items
            .into_iter()
            .filter(|(_, _, visible)| *visible)
            .map(|(href, label, _)| NavItem {
                href,
                label,
                active: if href == "/" {
                    self.path == "/"
                } else {
                    self.path.starts_with(href)
                },
            })
            .collect()
    }
}

/// What the layout shows of `agency` (error pages, which have no [`Page`], build it too).
pub fn agency_layout(state: &AppState, agency: &crate::agency::Agency) -> AgencyLayout {
    let fallback = state.composer.signature();
    AgencyLayout {
        name: agency.display_name(&fallback),
        logo: agency.logo_path(),
        logo_width: agency.logo.as_ref().map_or(0, |l| l.width),
        logo_height: agency.logo.as_ref().map_or(0, |l| l.height),
        stylesheet: format!(
            "/agency.css?v={}",
            agency.accent_color.trim_start_matches('#')
        ),
    }
}
