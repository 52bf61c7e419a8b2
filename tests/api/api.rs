//! The JSON API's conventions: Bearer tokens, problem details, status codes, OpenAPI.

use hireloop::entities::{api_token, user};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, spawn_app};

fn is_problem(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("content-type")
        .is_some_and(|v| v == "application/problem+json")
}

#[tokio::test]
async fn without_a_token_the_api_answers_401_problem_json() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/me").await;
    assert_eq!(response.status(), 401);
    assert!(is_problem(&response));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], 401);
    assert_eq!(body["title"], "Unauthorized");
    assert!(body["type"].is_string());
}

#[tokio::test]
async fn a_bad_token_is_401() {
    let app = spawn_app().await;
    let response = app
        .api(Method::GET, "/me", "hl_not-a-real-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn credentials_buy_a_token_that_identifies_the_user() {
    let app = spawn_app().await;
    let email = app.add_user("hiring_manager").await;

    let response = app
        .client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": email, "password": PASSWORD, "name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let token = response.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let me: Value = app
        .api(Method::GET, "/me", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], email.as_str());
    assert_eq!(me["role"], "hiring_manager");
    assert_eq!(me["lang"], "ru");
    assert!(me["id"].is_number());
    assert!(me.get("grade").is_some());

    let stored = api_token::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.token_hash, token, "only a digest is stored");
    assert!(!stored.token_hash.contains(&token));
}

#[tokio::test]
async fn wrong_credentials_get_no_token() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    let response = app
        .client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": email, "password": "wrong password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(is_problem(&response));
    assert_eq!(api_token::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_revoked_token_stops_working() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let tokens: Value = app
        .api(Method::GET, "/tokens", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = tokens[0]["id"].as_i64().unwrap();
    let revoked = app
        .api(Method::DELETE, &format!("/tokens/{id}"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);
    assert_eq!(
        app.api(Method::GET, "/me", &token)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn a_role_that_may_not_do_it_gets_403() {
    let app = spawn_app().await;
    // Recruiters list colleagues to pick interviewers; an interviewer has no one to pick.
    let token = app.token_for("interviewer").await;
    let response = app.api(Method::GET, "/users", &token).send().await.unwrap();
    assert_eq!(response.status(), 403);
    assert!(is_problem(&response));
}

#[tokio::test]
async fn malformed_json_is_400_problem() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let response = app
        .api(Method::POST, "/users", &token)
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(is_problem(&response));
    let body: Value = response.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("not valid JSON"));
}

#[tokio::test]
async fn invalid_fields_are_422_with_a_message_per_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let before = user::Entity::find().count(&app.db).await.unwrap();
    let response = app
        .api(Method::POST, "/users", &token)
        .json(&json!({"email": "not-an-email", "name": " ", "role": "superuser", "password": "short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    assert!(is_problem(&response));
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["email", "name", "role", "password"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert!(body["errors"][0]["message"].is_string());
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), before);
}

#[tokio::test]
async fn a_missing_field_is_422_naming_it() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let response = app
        .api(Method::POST, "/users", &token)
        .json(&json!({"email": "a@b.ru"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "name");
}

#[tokio::test]
async fn problem_details_speak_russian_when_asked() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let response = app
        .api(Method::POST, "/users", &token)
        .header("accept-language", "ru")
        .json(&json!({"email": "bad", "name": "Анна", "role": "recruiter", "password": "long enough pw"}))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Введите адрес")
    );
}

#[tokio::test]
async fn an_admin_adds_users_and_a_duplicate_email_is_refused() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let request = json!({"email": "New.Person@Agency.test", "name": "New Person", "role": "interviewer", "password": "long enough pw"});
    let created = app
        .api(Method::POST, "/users", &token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.unwrap();
    assert_eq!(
        body["email"], "new.person@agency.test",
        "emails are stored lower-case"
    );
    assert_eq!(body["role"], "interviewer");
    assert!(body.get("password_hash").is_none());

    let again = app
        .api(Method::POST, "/users", &token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 422);
    let problem: Value = again.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "email");
    let stored = user::Entity::find()
        .filter(user::Column::Email.eq("new.person@agency.test"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn lists_are_paged_with_items_and_total() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    for _ in 0..3 {
        app.add_user("interviewer").await;
    }
    let page: Value = app
        .api(Method::GET, "/users?limit=2&offset=1", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 4);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let big = format!("{{\"email\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let response = app
        .api(Method::POST, "/users", &token)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(is_problem(&response));
}

#[tokio::test]
async fn an_unknown_api_route_is_404_problem() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/nothing-here").await;
    assert_eq!(response.status(), 404);
    assert!(is_problem(&response));
}

#[tokio::test]
async fn the_openapi_document_describes_the_api_and_its_bearer_auth() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in ["/api/v1/me", "/api/v1/tokens", "/api/v1/users"] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

/// What openapi-spec-validator (run by .ci/api-fuzz) and client generators need of the
/// document, checked here too: each operation has one id of its own, in camelCase; every
/// response says what it means; every error response carries the problem-details schema.
#[tokio::test]
async fn every_operation_has_its_own_id_and_every_response_a_meaning() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut ids = std::collections::BTreeMap::new();
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(id) = operation["operationId"].as_str() else {
                wrong.push(format!("{method} {path}: no operationId"));
                continue;
            };
            if id.contains('_') {
                wrong.push(format!("{method} {path}: {id} is not camelCase"));
            }
            if let Some(other) = ids.insert(id.to_owned(), format!("{method} {path}")) {
                wrong.push(format!("{id} names both {other} and {method} {path}"));
            }
            for (code, response) in operation["responses"].as_object().unwrap() {
                if response["description"]
                    .as_str()
                    .is_none_or(|d| d.trim().is_empty())
                {
                    wrong.push(format!("{method} {path} {code}: no description"));
                }
                if code.starts_with('4')
                    && response["content"]["application/problem+json"]["schema"]["$ref"]
                        != "#/components/schemas/Problem"
                    && response["content"].get("application/json").is_none()
                {
                    wrong.push(format!("{method} {path} {code}: not a problem"));
                }
            }
        }
    }
    assert!(
        doc["components"]["schemas"]["Problem"]["properties"]["status"].is_object(),
        "the problem-details schema is in the document"
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}
