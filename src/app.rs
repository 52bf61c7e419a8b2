//! The composition root: state, router and server. `Application::build` binds whatever address
//! it is given (tests pass port 0) after migrating and seeding the database.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use axum::{Json, Router, middleware};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

use crate::config::Config;
use crate::error::AppError;
use crate::files::FileStore;
use crate::jobs::Jobs;
use crate::outbox::emails::Composer;
use crate::outbox::mailer::Mailer;
use crate::web::assets::{self, Assets};
use crate::web::session_store::DbSessionStore;
use crate::web::templates::Templates;
use crate::web::{csrf, errors, health};
use crate::{
    admin, auth, careers, db, email_templates, imports, internships, interviews, mailbox,
    notifications, offers, outbox, positions, privacy, recruitment, references, reports, search,
    seed, timeline,
};

/// What every handler can reach. Cheap to clone; nothing in it is per-instance state that
/// another instance would need to see (that lives in the database).
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub templates: Arc<Templates>,
    pub assets: Arc<Assets>,
    pub files: FileStore,
    pub composer: Arc<Composer>,
    pub mailer: Arc<Mailer>,
    /// The funnel's and sources report's groups, valid while the applications' data version
    /// stays where they were read (a cache of work, not of state: see reports::cache).
    pub report_groups: Arc<crate::reports::cache::GroupCache>,
    /// The runner of background jobs: each job in its own task, so none stops the others.
    pub jobs: Jobs,
    /// Seals and opens stored secrets (the mailbox password); never printed.
    pub secret_key: crate::secrets::SecretKey,
    /// The agency's face (name, logo, colour, language, zone) as this instance last read it.
    pub agency: crate::agency::AgencyCache,
    /// What features above positions add to them (hh.ru), registered here so that positions
    /// never import those features.
    pub position_extensions: crate::positions::extensions::Extensions,
}

/// The largest request body read by a handler (CV uploads raise it on their own route).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
    base-uri 'none'; object-src 'none'";

pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Connects, migrates, loads seed data (and the demo company on a new database), binds.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let secret_key =
            crate::secrets::resolve_key(config.secret_key.as_ref(), &config.database_url)?;
        let db = db::connect_migrated(&config.database_url).await?;
        seed::load_reference_data(&db).await?;
        recruitment::reasons::load_seed(&db)
            .await
            .context("loading seed-data/reasons.toml")?;
        interviews::bank::load_seed(&db)
            .await
            .context("loading seed-data/questions")?;
        internships::programme::load_seed(&db)
            .await
            .context("loading seed-data/programme.toml")?;
        email_templates::model::load_seed(&db).await?;
        let templates = Arc::new(Templates::new(config.template_autoreload));
        let agency = crate::agency::AgencyCache::new(crate::agency::model::load(&db).await?);
        let composer = Arc::new(
            Composer::new(templates.clone(), &config.mail.from)?
                .with_agency(agency.clone(), &config.mail.public_url),
        );
        if config.demo && seed::create_demo_company(&db).await? {
            internships::demo::create(&db, &composer, &config.mail.public_url)
                .await
                .map_err(|e| anyhow::anyhow!("the demo internship: {e}"))?;
            agency.refresh(&db).await?;
            tracing::info!("created the demo company");
        }
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("binding {}", config.addr))?;
        let files = FileStore::from_url(&config.files_url)?;
        let mailer = Arc::new(Mailer::new(
            config.mail.smtp_url.as_deref(),
            &config.mail.outbox_dir,
        )?);
        let state = AppState {
            agency,
            position_extensions: crate::positions::extensions::Extensions::new(vec![Arc::new(
                crate::hh::on_positions::HhOnPositions,
            )]),
            jobs: Jobs,
            secret_key,
            db,
            files,
            composer,
            mailer,
            templates,
            assets: Arc::new(Assets::new()),
            config: Arc::new(config),
            report_groups: Arc::default(),
        };
        Ok(Self { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let jobs = self.state.jobs;
        let db = self.state.db.clone();
        let housekeeping = jobs.every("housekeeping", Duration::from_secs(15 * 60), move || {
            housekeeping(db.clone())
        });
        let state = self.state.clone();
        let retention = jobs.every("retention", Duration::from_secs(15 * 60), move || {
            retention(state.clone())
        });
        let mail = &self.state.config.mail;
        let db = self.state.db.clone();
        let importer = jobs.every("imports", mail.poll, move || {
            imports::run::import_waiting(db.clone())
        });
        let (db, composer) = (self.state.db.clone(), self.state.composer.clone());
        let (digest_hour, base_url) = (mail.digest_hour_utc, mail.public_url.clone());
        let digests = jobs.every(
            "notification_digest",
            notifications::digest::LOOK_EVERY,
            move || {
                notifications::digest::round(
                    db.clone(),
                    composer.clone(),
                    digest_hour,
                    base_url.clone(),
                )
            },
        );
        let (db, key) = (self.state.db.clone(), self.state.secret_key.clone());
        let mailbox = jobs.every("mailbox", mail.mailbox_poll, move || {
            mailbox::scheduled_poll(db.clone(), key.clone())
        });
        let state = self.state.clone();
        let hh_round = jobs.every("hh", crate::hh::round::tick(mail.hh_poll), move || {
            crate::hh::round::scheduled(state.clone())
        });
        // Another instance's change to the agency's face reaches this one on the next round.
        let (db, agency) = (self.state.db.clone(), self.state.agency.clone());
        let agency_refresh = jobs.every(
            "agency_refresh",
            crate::agency::AgencyCache::REFRESH,
            move || {
                let (db, agency) = (db.clone(), agency.clone());
                async move {
                    agency.refresh(&db).await?;
                    Ok(())
                }
            },
        );
        let outbox = outbox::worker::run(
            &jobs,
            self.state.db.clone(),
            self.state.mailer.clone(),
            self.state.composer.clone(),
            outbox::worker::WorkerSettings {
                poll: mail.poll,
                retry_base: mail.retry_base,
                max_attempts: mail.max_attempts,
                digest_hour_utc: mail.digest_hour_utc,
                base_url: mail.public_url.clone(),
            },
        );
        let webhooks = crate::webhooks::worker::run(
            &jobs,
            self.state.db.clone(),
            self.state.secret_key.clone(),
            crate::webhooks::sender::Sender::new(crate::webhooks::sender::TIMEOUT)
                .context("the webhook client")?,
            crate::webhooks::worker::WorkerSettings {
                poll: mail.webhook_poll,
                retry_base: mail.retry_base,
                max_attempts: mail.max_attempts,
            },
        );
        let app = router(self.state);
        let served = axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        housekeeping.abort();
        retention.abort();
        outbox.abort();
        importer.abort();
        digests.abort();
        mailbox.abort();
        hh_round.abort();
        agency_refresh.abort();
        webhooks.abort();
        served.context("serving HTTP")
    }
}

/// Periodic clean-up that is safe to run on every instance at once.
async fn housekeeping(db: DatabaseConnection) -> anyhow::Result<()> {
    DbSessionStore::new(db.clone())
        .delete_expired()
        .await
        .context("deleting expired sessions")?;
    crate::web::idempotency::delete_expired(&db)
        .await
        .context("deleting expired idempotency keys")?;
    Ok(())
}

/// The retention round, tried every quarter of an hour and run once a day across instances.
async fn retention(state: AppState) -> anyhow::Result<()> {
    if let Some(done) = privacy::retention::daily(&state)
        .await
        .context("the retention round")?
    {
        tracing::info!(
            erased = done.erased.len(),
            reminded = done.reminded,
            expired = done.expired,
            "retention round"
        );
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Hireloop API", version = "1.0.0", description = "Hiring and growing account managers. See API.md for the conventions."),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes and the OpenAPI document generated from them.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(
            "/api/v1",
            auth::api::router()
                .merge(admin::api::router())
                .merge(positions::api::router())
                .merge(positions::reference_api::router())
                .merge(positions::market_import_api::router())
                .merge(recruitment::candidates_api::router())
                .merge(recruitment::applications_api::router())
                .merge(interviews::api::router())
                .merge(references::api::router())
                .merge(offers::api::router())
                .merge(crate::probation::api::router())
                .merge(internships::api::router())
                .merge(reports::api::router())
                .merge(admin::audit_pages::api_router())
                .merge(privacy::api::router())
                .merge(imports::api::router())
                .merge(outbox::api::router())
                .merge(search::api::router())
                .merge(notifications::api::router())
                .merge(mailbox::api::router())
                .merge(crate::hh::api::router())
                .merge(email_templates::api::router())
                .merge(timeline::api::router())
                .merge(crate::agency::api::router())
                .merge(careers::api::router())
                .merge(crate::values::api::router())
                .merge(crate::webhooks::api::router()),
        )
        .split_for_parts();
    crate::webhooks::document::describe(&mut doc);
    crate::web::openapi::complete(&mut doc);
    (routes, doc)
}

pub fn router(state: AppState) -> Router {
    let (api_routes, openapi) = api();
    let openapi = Arc::new(openapi);

    let session_layer = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("hireloop_session")
        .with_secure(state.config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    let mut security_headers = vec![
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    if state.config.secure_cookies {
        security_headers.push((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"));
    }

    let mut app = Router::new()
        .merge(auth::router())
        .merge(admin::router())
        .merge(crate::agency::router())
        .merge(positions::router())
        .merge(recruitment::router())
        .merge(careers::router())
        .merge(outbox::router())
        .merge(mailbox::router())
        .merge(crate::hh::router())
        .merge(interviews::router())
        .merge(references::router())
        .merge(offers::router())
        .merge(crate::probation::router())
        .merge(internships::router())
        .merge(privacy::router())
        .merge(imports::router())
        .merge(reports::router())
        .merge(search::router())
        .merge(notifications::router())
        .merge(email_templates::router())
        .merge(timeline::router())
        .merge(crate::values::router())
        .merge(crate::webhooks::router())
        .merge(api_routes.layer(middleware::from_fn_with_state(
            state.clone(),
            crate::web::idempotency::guard,
        )))
        .route(
            "/api/openapi.json",
            get(move || async move { Json(openapi.as_ref().clone()) }),
        )
        .route("/healthz", get(health::healthz))
        .route("/static/{name}", get(assets::serve))
        .fallback(|| async { AppError::NotFound })
        // Inner to outer: CSRF sees the session; panics become 500s that the error layer
        // renders; the session layer wraps everything that reads or writes the session.
        .layer(middleware::from_fn(csrf::verify))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            errors::render_errors,
        ))
        .layer(session_layer)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    for (name, value) in security_headers {
        let value = HeaderValue::from_static(value);
        // A handler may tighten the policy for its own response (a sandboxed email preview).
        app = if name == header::CONTENT_SECURITY_POLICY {
            app.layer(SetResponseHeaderLayer::if_not_present(name, value))
        } else {
            app.layer(SetResponseHeaderLayer::overriding(name, value))
        };
    }
    let app = app.layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|request: &Request| {
                            let id = request
                                .headers()
                                .get("x-request-id")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                        })
                        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::x_request_id()),
        )
        .with_state(state);
    crate::web::kept::layer(app)
}
