//! What tests hand the fake and read back from it: resume seeds, recorded requests, actions
//! taken on negotiations.

use serde_json::Value;

/// An applicant's resume as a test wants it. `Default` is a Moscow account manager with both
/// contacts; set `email`/`phone` to `None` for a resume whose contacts hh hides.
#[derive(Clone, Debug)]
pub struct ResumeSeed {
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    pub title: String,
    pub email: Option<String>,
    /// Digits with the country code, e.g. `79161234567`; hh splits it into country, city and
    /// number.
    pub phone: Option<String>,
    /// Expected salary: amount and hh currency code (`RUR`, `USD`, ...).
    pub salary: Option<(u64, String)>,
    /// An hh area id (`1` Moscow, `2` Saint Petersburg, ...).
    pub area_id: String,
    pub experience_months: u32,
}

impl Default for ResumeSeed {
    fn default() -> Self {
        ResumeSeed {
            first_name: "Анна".into(),
            last_name: "Смирнова".into(),
            middle_name: None,
            title: "Аккаунт-менеджер".into(),
            email: Some("anna.smirnova@example.com".into()),
            phone: Some("79161234567".into()),
            salary: Some((120_000, "RUR".into())),
            area_id: "1".into(),
            experience_months: 38,
        }
    }
}

impl ResumeSeed {
    pub fn named(first_name: &str, last_name: &str) -> Self {
        ResumeSeed {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: Some(format!(
                "{}.{}@example.com",
                first_name.to_lowercase(),
                last_name.to_lowercase()
            )),
            ..ResumeSeed::default()
        }
    }
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// A form-encoded body's field.
    pub fn form_field(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }
}

/// An action taken on a negotiation: its id and the JSON body sent with it.
#[derive(Clone, Debug)]
pub struct TakenAction {
    pub action: String,
    pub message: Option<String>,
    pub body: Value,
}
