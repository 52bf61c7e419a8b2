//! Proof that the test-side hh servers behave: the fake enforces hh's rules with hh's bodies,
//! and Prism refuses what the spec refuses (and the fake's answers pass the spec).

mod faults_and_search;
mod negotiations;
mod oauth;
mod spec;
mod vacancies;

use std::time::Duration;

use reqwest::{Client, Method, RequestBuilder, Response, redirect};
use serde_json::{Value, json};

use super::fake::FakeHh;

const USER_AGENT: &str = "Hireloop-test/1.0 (dev@hireloop.example)";
const REDIRECT_URI: &str = "http://app.example/integrations/hh/callback";

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        // Prism never answers some broken requests: a hang must fail the test, not block it.
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A connected hh client: hh's headers on every request.
struct Hh {
    client: Client,
    /// Where requests go: the fake, or Prism in front of it.
    base: String,
    token: String,
}

impl Hh {
    /// Connects to the fake as the connector would: a code, then `POST /token`.
    async fn connect(fake: &FakeHh) -> Hh {
        let code = fake.issue_code(REDIRECT_URI);
        let tokens = exchange(fake, &[("code", code.as_str())]).await;
        assert_eq!(tokens.0, 200, "{}", tokens.1);
        Hh {
            client: client(),
            base: fake.base.clone(),
            token: tokens.1["access_token"].as_str().unwrap().to_owned(),
        }
    }

    /// `path` under the base, or an absolute url the fake handed out (then kept as is).
    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        self.client
            .request(method, url)
            .header("HH-User-Agent", USER_AGENT)
            .bearer_auth(&self.token)
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        read(self.request(Method::GET, path).send().await.unwrap()).await
    }

    async fn send(&self, method: Method, path: &str, body: &Value) -> (u16, Value) {
        read(self.request(method, path).json(body).send().await.unwrap()).await
    }
}

/// Status and JSON body (`Null` when there is none).
async fn read(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// `POST /token` with the authorization-code grant of the fake's default client, `extra`
/// fields added or overriding.
async fn exchange(fake: &FakeHh, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", "hireloop-client"),
        ("client_secret", "hireloop-secret"),
        ("redirect_uri", REDIRECT_URI),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    token_request(fake, &form).await
}

async fn token_request(fake: &FakeHh, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client()
        .post(format!("{}/token", fake.base))
        .header("HH-User-Agent", USER_AGENT)
        .form(form)
        .send()
        .await
        .unwrap();
    read(response).await
}

/// A vacancy hh accepts: the fields the connector sends from a position.
fn vacancy() -> Value {
    json!({
        "name": "Аккаунт-менеджер в digital-агентство",
        "description": "<p>Ведение ключевых клиентов агентства: планирование, отчёты, рост.</p>",
        "area": {"id": "1"},
        "professional_roles": [{"id": "70"}],
        "billing_type": {"id": "standard"},
        "type": {"id": "open"},
        "experience": {"id": "between1And3"},
        "employment_form": {"id": "FULL"},
        "work_format": [{"id": "HYBRID"}],
        "salary_range": {
            "from": 120000,
            "to": 180000,
            "currency": "RUR",
            "gross": false,
            "mode": {"id": "MONTH"},
        },
    })
}

/// The vacancy with `field` set to `value` (`Null` removes it).
fn vacancy_with(field: &str, value: Value) -> Value {
    let mut fields = vacancy();
    match value {
        Value::Null => {
            fields.as_object_mut().unwrap().remove(field);
        }
        value => fields[field] = value,
    }
    fields
}

/// Publishes [`vacancy`]: its id.
async fn publish(hh: &Hh) -> String {
    let (status, body) = hh.send(Method::POST, "/vacancies", &vacancy()).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

/// The `errors` of an hh error body, for comparing without the `request_id`.
fn errors(body: &Value) -> Vec<Value> {
    body["errors"].as_array().cloned().unwrap_or_default()
}
