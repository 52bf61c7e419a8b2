//! hh.ru's negotiations as the connector reads them, and nothing else (no I/O): which
//! collections to page through, what of a negotiation is kept, where its resume is, and which
//! of the actions it lists carries an invitation or a discard. hh's documents ask clients to
//! follow the URLs and actions each answer gives rather than build their own; the URLs are
//! called on the configured API base (their path only), so a token never leaves for another
//! host and a mock serves what hh would.

use serde_json::Value;

use crate::entities::hh_negotiation;

/// The collection every response starts in («Все неразобранные»).
pub const RESPONSE_PATH: &str = "/negotiations/response";

/// hh's ids come as strings or numbers.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A URL hh gave, or a path, as a path (with its query) on the API at `base`.
pub fn on_api(base: &str, url: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    if let Some(rest) = url.strip_prefix(base).filter(|r| r.starts_with(['/', '?'])) {
        return Some(rest.to_owned());
    }
    if url.starts_with('/') {
        return Some(url.to_owned());
    }
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    Some(match parsed.query() {
        Some(query) => format!("{}?{query}", parsed.path()),
        None => parsed.path().to_owned(),
    })
}

/// `path` with `pairs` set in its query (replacing the same names, keeping the others).
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let Ok(mut url) = url::Url::parse(&format!("http://api.invalid{path}")) else {
        return path.to_owned();
    };
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !pairs.iter().any(|(n, _)| n == name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .extend_pairs(pairs.iter().map(|(n, v)| (*n, v.as_str())));
    match url.query() {
        Some(query) if !query.is_empty() => format!("{}?{query}", url.path()),
        _ => url.path().to_owned(),
    }
}

/// One page of a collection for a vacancy. The vacancy is set whatever the collection's URL
/// says, so a page is never another vacancy's.
pub fn page_path(
    base: &str,
    collection: &str,
    vacancy_id: &str,
    page: u64,
    per_page: u64,
) -> Option<String> {
    let path = on_api(base, collection)?;
    Some(with_query(
        &path,
        &[
            ("vacancy_id", vacancy_id.to_owned()),
            ("page", page.to_string()),
            ("per_page", per_page.to_string()),
        ],
    ))
}

/// The collection a URL or path names (`response`, `consider`, ...).
pub fn collection_id(collection: &str) -> Option<&str> {
    let path = collection.split('?').next()?;
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
}

/// The collections `GET /negotiations?vacancy_id=` lists, by their URLs (or their ids when a
/// URL is missing). Sub-collections are parts of their collection and are not read twice.
pub fn collections(body: &Value) -> Vec<String> {
    body["collections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            text(&c["url"]).or_else(|| text(&c["id"]).map(|id| format!("/negotiations/{id}")))
        })
        .collect()
}

/// Where a negotiation's resume is read: its own URL, else `/resumes/{id}`.
pub fn resume_url(short: &Value) -> Option<String> {
    text(&short["url"]).or_else(|| text(&short["id"]).map(|id| format!("/resumes/{id}")))
}

/// What the app keeps of a negotiation from a list or its own page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub id: String,
    /// The employer's state (what our actions change), else the applicant's.
    pub state: String,
    /// The `actions` list as JSON text.
    pub actions: String,
    pub updated_at: Option<String>,
}

impl Seen {
    pub fn read(item: &Value) -> Seen {
        let actions = match &item["actions"] {
            Value::Array(list) => Value::Array(list.clone()),
            _ => Value::Array(Vec::new()),
        };
        Seen {
            id: text(&item["id"]).unwrap_or_default(),
            state: text(&item["employer_state"]["id"])
                .or_else(|| text(&item["state"]["id"]))
                .unwrap_or_else(|| "response".to_owned()),
            actions: actions.to_string(),
            updated_at: text(&item["updated_at"]),
        }
    }

    /// Nothing to write: hh shows it as the app last saw it.
    pub fn same_as(&self, known: &hh_negotiation::Model) -> bool {
        self.state == known.state
            && self.actions == known.actions
            && self.updated_at == known.hh_updated_at
    }
}

/// One action a negotiation offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub id: String,
    pub url: String,
    /// `PUT` as hh writes it.
    pub method: String,
    /// The employer state the negotiation lands in.
    pub resulting_state: Option<String>,
}

/// The enabled actions in a stored `actions` list.
pub fn actions(stored: &str) -> Vec<Action> {
    let list: Value = serde_json::from_str(stored).unwrap_or(Value::Null);
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["enabled"].as_bool() != Some(false))
        .filter_map(|a| {
            Some(Action {
                id: text(&a["id"])?,
                url: text(&a["url"])?,
                method: text(&a["method"]).unwrap_or_else(|| "PUT".to_owned()),
                resulting_state: text(&a["resulting_employer_state"]["id"]),
            })
        })
        .collect()
}

/// The first of `wanted` (in that order of preference) that `offered` holds.
pub fn find<'a>(offered: &'a [Action], wanted: &[&str]) -> Option<&'a Action> {
    wanted
        .iter()
        .find_map(|id| offered.iter().find(|a| a.id == *id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn urls_hh_gives_are_called_as_paths_on_the_configured_api() {
        let base = "http://127.0.0.1:4010";
        assert_eq!(
            on_api(base, "https://api.hh.ru/negotiations/interview/1?x=1").as_deref(),
            Some("/negotiations/interview/1?x=1")
        );
        assert_eq!(
            on_api("http://mock/hh/", "http://mock/hh/resumes/a1").as_deref(),
            Some("/resumes/a1")
        );
        assert_eq!(on_api(base, "/resumes/a1").as_deref(), Some("/resumes/a1"));
        assert_eq!(on_api(base, "mailto:x@y.z"), None);
    }

    #[test]
    fn a_page_is_always_of_our_vacancy() {
        let path = page_path(
            "https://api.hh.ru",
            "https://api.hh.ru/negotiations/consider?vacancy_id=123456&order_by=created_at",
            "777",
            2,
            50,
        )
        .unwrap();
        assert_eq!(
            path,
            "/negotiations/consider?order_by=created_at&vacancy_id=777&page=2&per_page=50"
        );
        assert_eq!(collection_id(&path), Some("consider"));
        assert_eq!(collection_id(RESPONSE_PATH), Some("response"));
    }

    #[test]
    fn collections_are_read_by_url_and_sub_collections_are_not_read_twice() {
        let body = json!({"collections": [
            {"id": "response", "url": "https://api.hh.ru/negotiations/response?vacancy_id=1",
             "sub_collections": [{"id": "response_1", "url": "https://api.hh.ru/negotiations/response_1?vacancy_id=1"}]},
            {"id": "discard_by_employer"}
        ]});
        assert_eq!(
            collections(&body),
            vec![
                "https://api.hh.ru/negotiations/response?vacancy_id=1".to_owned(),
                "/negotiations/discard_by_employer".to_owned()
            ]
        );
    }

    #[test]
    fn a_negotiation_keeps_its_employer_state_and_actions() {
        let item = json!({
            "id": 1359972474, "updated_at": "2022-05-19T18:14:13+0300",
            "state": {"id": "response"}, "employer_state": {"id": "consider"},
            "actions": [
                {"id": "invitation", "enabled": true, "method": "PUT",
                 "url": "https://api.hh.ru/negotiations/invitation/1359972474",
                 "resulting_employer_state": {"id": "invitation"}},
                {"id": "hidden_one", "enabled": false, "url": "https://api.hh.ru/x"}
            ],
            "resume": {"id": "abc", "url": "https://api.hh.ru/resumes/abc?topic_id=1"}
        });
        let seen = Seen::read(&item);
        assert_eq!(seen.id, "1359972474");
        assert_eq!(seen.state, "consider");
        let offered = actions(&seen.actions);
        assert_eq!(offered.len(), 1, "a disabled action is not offered");
        let invite = find(&offered, &["phone_interview", "invitation"]).unwrap();
        assert_eq!(invite.resulting_state.as_deref(), Some("invitation"));
        assert!(find(&offered, &["discard_by_employer"]).is_none());
        assert_eq!(
            resume_url(&item["resume"]).as_deref(),
            Some("https://api.hh.ru/resumes/abc?topic_id=1")
        );
        assert_eq!(
            resume_url(&json!({"id": "x9"})).as_deref(),
            Some("/resumes/x9")
        );
    }
}
