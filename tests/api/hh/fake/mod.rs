//! A stateful fake of hh.ru's employer API and OAuth pages, on 127.0.0.1 in the test binary.
//!
//! One server plays both bases (`https://api.hh.ru` and `https://hh.ru/oauth`): point the
//! connector's API and OAuth base URLs at [`FakeHh::base`]. It enforces what hh enforces, with
//! hh's own error bodies (../shared/hh/docs/errors.md, the spec's error schemas):
//! - every API request needs `HH-User-Agent` (else 400 `bad_user_agent`/`unset`) and
//!   `Authorization: Bearer <current access token>` (else 403 `oauth`: `bad_authorization` for a
//!   missing, unknown or replaced token, `token_expired`, `token_revoked`);
//! - a refresh token works once and only after its access token expired (hh's rule:
//!   `invalid_grant` "token not expired" before that);
//! - vacancies are validated as hh does (400 `bad_json_data` naming the field) and publishing
//!   spends publications (403 `vacancies`/`not_enough_purchased_services` when none are left);
//! - negotiations list the actions hh lists (`consider`, `phone_interview`, `interview`,
//!   `assessment`, `offer`, `hired`, `discard_by_employer`), and only those can be taken.
//!
//! Every request is recorded ([`FakeHh::requests`]), and faults can be scripted
//! ([`FakeHh::fail_next`]) for back-off tests.

mod dictionaries;
mod gate;
mod negotiations;
mod oauth;
mod records;
mod replies;
mod resumes;
mod state;
mod vacancies;
mod vacancy_rules;
mod vacancy_view;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::middleware;
use axum::routing::{get, post, put};
use serde_json::Value;

pub use records::{RecordedRequest, ResumeSeed, TakenAction};
use state::{Fault, State};

type Fake = Arc<Mutex<State>>;

/// The running fake. Cloning shares the server and its state.
#[derive(Clone)]
pub struct FakeHh {
    /// `http://127.0.0.1:PORT`: both the API base and the OAuth base.
    pub base: String,
    state: Fake,
}

impl FakeHh {
    /// Starts the fake on a free loopback port, with client `hireloop-client`/`hireloop-secret`,
    /// two-week tokens (hh's `expires_in`), unlimited publications and paid access.
    pub async fn start() -> FakeHh {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port for the fake hh");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state: Fake = Arc::new(Mutex::new(State::new(&base)));
        let app = Router::new()
            .route("/oauth/authorize", get(oauth::authorize))
            .route("/token", post(oauth::token))
            .route("/me", get(dictionaries::me))
            .route("/dictionaries", get(dictionaries::dictionaries))
            .route("/vacancies", post(vacancies::publish))
            .route("/vacancies/{id}", get(vacancies::show).put(vacancies::edit))
            .route(
                "/employers/{employer_id}/vacancies/active",
                get(vacancies::active),
            )
            .route(
                "/employers/{employer_id}/vacancies/archived",
                get(vacancies::archived),
            )
            .route(
                "/employers/{employer_id}/vacancies/archived/{id}",
                put(vacancies::archive),
            )
            .route("/negotiations", get(negotiations::collections))
            .route("/negotiations/{id_or_collection}", get(negotiations::show))
            .route(
                "/negotiations/{collection}/{nid}",
                put(negotiations::take_action),
            )
            .route("/resumes", get(resumes::search))
            .route("/resumes/{id}", get(resumes::show))
            .route("/saved_searches/resumes", get(resumes::saved_searches))
            .fallback(replies::not_found)
            .layer(middleware::from_fn_with_state(state.clone(), gate::gate))
            .with_state(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.ok();
        });
        FakeHh { base, state }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not hide the fake from the other assertions.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    // ---- OAuth

    /// The hh application the connector must present at `POST /token`.
    pub fn set_client(&self, id: &str, secret: &str) {
        let mut state = self.state();
        state.client_id = id.to_owned();
        state.client_secret = secret.to_owned();
    }

    /// `expires_in` of access tokens issued from now on.
    pub fn set_token_lifetime(&self, secs: u64) {
        self.state().token_lifetime = secs;
    }

    /// An authorization code for `redirect_uri`, as if the manager had allowed access (no PKCE).
    pub fn issue_code(&self, redirect_uri: &str) -> String {
        self.state().issue_code(redirect_uri, None)
    }

    /// The next `/oauth/authorize` redirects with `error=access_denied`: the manager refused.
    pub fn deny_next_authorization(&self) {
        self.state().deny_next_authorization = true;
    }

    /// The current access token runs out now; its refresh token becomes usable.
    pub fn expire_access_token(&self) {
        self.state().expire_access_token();
    }

    /// The manager revoked the application: every token is dead, refresh fails.
    pub fn revoke_tokens(&self) {
        self.state().revoke_tokens();
    }

    /// The access token the fake accepts right now, if one was issued.
    pub fn current_access_token(&self) -> Option<String> {
        self.state().current_grant().map(|g| g.access.clone())
    }

    /// How many token pairs were issued (code exchanges and refreshes).
    pub fn tokens_issued(&self) -> usize {
        self.state().grants.len()
    }

    // ---- the employer

    pub fn employer_id(&self) -> String {
        self.state().employer_id.clone()
    }

    pub fn manager_id(&self) -> String {
        self.state().manager_id.clone()
    }

    /// Publications left; each publish spends one, and at 0 hh answers 403. Unlimited by default.
    pub fn set_publications_left(&self, n: u32) {
        self.state().publications_left = Some(n);
    }

    pub fn publications_left(&self) -> Option<u32> {
        self.state().publications_left
    }

    /// Without paid API access, negotiations and resumes answer hh's 403
    /// `api_access_payment`/`action_must_be_payed`.
    pub fn set_paid_access(&self, paid: bool) {
        self.state().paid_access = paid;
    }

    // ---- vacancies

    /// The fields of a published vacancy as hh keeps them (what was sent, edits merged in).
    pub fn vacancy(&self, id: &str) -> Option<Value> {
        let state = self.state();
        state.vacancy(id).map(|v| v.fields.clone())
    }

    pub fn vacancy_archived(&self, id: &str) -> Option<bool> {
        self.state().vacancy(id).map(|v| v.archived)
    }

    pub fn vacancy_ids(&self) -> Vec<String> {
        self.state().vacancies.keys().map(u64::to_string).collect()
    }

    // ---- negotiations and resumes

    /// An applicant responds to a vacancy with a new resume: `(negotiation_id, resume_id)`.
    pub fn add_response(&self, vacancy_id: &str, seed: ResumeSeed) -> (String, String) {
        self.state().add_response(vacancy_id, seed)
    }

    /// The negotiation's employer state (the collection it sits in): `response` at first, then
    /// the id of the last action taken.
    pub fn negotiation_state(&self, nid: &str) -> Option<String> {
        let state = self.state();
        state.negotiation(nid).map(|n| n.employer_state.clone())
    }

    /// Actions taken on a negotiation through the API, oldest first, with the message sent.
    pub fn negotiation_actions(&self, nid: &str) -> Vec<TakenAction> {
        let state = self.state();
        state
            .negotiation(nid)
            .map(|n| n.taken.clone())
            .unwrap_or_default()
    }

    /// A resume that resume search and saved searches find (not a response): its id.
    pub fn add_searchable_resume(&self, seed: ResumeSeed) -> String {
        self.state().add_searchable_resume(seed)
    }

    /// A saved resume search of the manager's, matching `text`: its id.
    pub fn add_saved_search(&self, name: &str, text: &str) -> String {
        self.state().add_saved_search(name, text)
    }

    // ---- the request log and faults

    /// Every request received, oldest first (faulted and refused ones too).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state().requests.clone()
    }

    /// Requests whose path starts with `path_prefix`.
    pub fn requests_to(&self, path_prefix: &str) -> Vec<RecordedRequest> {
        self.state()
            .requests
            .iter()
            .filter(|r| r.path.starts_with(path_prefix))
            .cloned()
            .collect()
    }

    /// Requests with this method whose path starts with `path_prefix`.
    pub fn hits(&self, method: &str, path_prefix: &str) -> usize {
        self.state()
            .requests
            .iter()
            .filter(|r| r.method.eq_ignore_ascii_case(method) && r.path.starts_with(path_prefix))
            .count()
    }

    /// The next `times` requests with `method` under `path_prefix` get `status` with `body`
    /// (`Value::Null`: no body, as hh's 5xx sometimes come) and `Retry-After` when given;
    /// after that the fake behaves normally. Faults come before any other check.
    pub fn fail_next(
        &self,
        method: &str,
        path_prefix: &str,
        status: u16,
        body: Value,
        retry_after: Option<u64>,
        times: usize,
    ) {
        self.state().faults.push(Fault {
            method: method.to_ascii_uppercase(),
            path_prefix: path_prefix.to_owned(),
            status,
            body,
            retry_after,
            remaining: times,
        });
    }
}
