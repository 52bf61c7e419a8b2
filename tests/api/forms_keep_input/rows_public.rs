//! Pages people outside the team use (job page, link pages, welcome) and uploads.
//!
//! The upload forms post multipart bodies with their token in the URL, as the browser does:
//! [`post_upload`] sends them, and the table's loop asks it first for every row.

use chrono::{Duration, Utc};
use hireloop::entities::{offer, outbox_message, position};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::{Fixture, Row, owned};
use crate::helpers::{TestApp, call, csrf_in, location, spawn_app, user_id};

/// A one-time link's token for `offer`, written as sending the link would write it.
async fn link_offer(app: &TestApp, offer: i64, status: &str, purpose: &str) -> String {
    let token = format!("forms-{purpose}-{offer}");
    offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(status))
        .col_expr(
            offer::Column::TokenHash,
            Expr::value(hireloop::recruitment::consent::text_hash(&token)),
        )
        .col_expr(offer::Column::TokenPurpose, Expr::value(purpose))
        .col_expr(
            offer::Column::TokenExpiresAt,
            Expr::value(Utc::now() + Duration::days(7)),
        )
        .filter(offer::Column::Id.eq(offer as i32))
        .exec(&app.db)
        .await
        .unwrap();
    token
}

/// A new person at the offer stage of the fixture's position, with a draft offer: its id.
async fn draft_offer(app: &TestApp, token: &str, position: i64, email: &str) -> i64 {
    let (_, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Вера Лебедева", "email": email}),
    )
    .await;
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    let id = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{id}/move"),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, grades) = call(app, Method::GET, "/grades", token, json!({})).await;
    let salary = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .clone();
    let (status, draft) = call(
        app,
        Method::POST,
        &format!("/applications/{id}/offers"),
        token,
        json!({"salary": salary, "start_date": "2030-02-03"}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    draft["id"].as_i64().unwrap()
}

/// Records these rows need beyond the shared fixture, kept in `fixture.extra`.
pub(super) async fn setup(app: &TestApp, fixture: &mut Fixture) {
    let token = app.token_for("recruiter").await;

    let newcomer = user_id(&app.db, &app.add_user("intern").await).await;
    let welcome = hireloop::internships::model::password_link_for(&app.db, newcomer)
        .await
        .unwrap();
    fixture.extra.insert("welcome", welcome);

    let my_data = hireloop::privacy::links::issue(&app.db, fixture.candidate as i32, "")
        .await
        .unwrap();
    let my_data = my_data.rsplit('/').next().unwrap().to_owned();
    fixture.extra.insert("my_data", my_data);

    let sent = draft_offer(app, &token, fixture.position, "vera@mail.test").await;
    let link = link_offer(app, sent, "sent", "candidate").await;
    fixture.extra.insert("offer_link", link);
    let waiting = draft_offer(app, &token, fixture.position, "vera2@mail.test").await;
    let link = link_offer(app, waiting, "awaiting_manager", "manager").await;
    fixture.extra.insert("decide_link", link);

    let (status, body) = call(
        app,
        Method::POST,
        &format!("/references/{}/request", fixture.reference),
        &token,
        json!({}),
    )
    .await;
    assert!((200..300).contains(&status), "{status} {body}");
    let letter = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .body_text;
    let start = letter.find("/r/").expect("a link in the letter") + 3;
    let referee: String = letter[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    fixture.extra.insert("referee_link", referee);

    let response = app
        .api(Method::POST, "/imports?consent=true", &token)
        .header("content-type", "text/csv; charset=utf-8")
        .body("Name;Email\nГлеб Орлов;gleb@mail.test\nДина Руднева;dina@mail.test\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let batch: serde_json::Value = response.json().await.unwrap();
    fixture.extra.insert("batch", batch["id"].to_string());

    let slug = position::Entity::find_by_id(fixture.position as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    fixture.extra.insert("slug", slug);
}

fn extra(fixture: &Fixture, name: &str) -> String {
    fixture.extra[name].clone()
}

/// The file part of each upload form's row, by action: `None` for a urlencoded form.
fn upload_file(action: &str) -> Option<(&'static str, &'static str, Vec<u8>)> {
    match action {
        "/candidates/import" => Some((
            "file",
            "people.csv",
            "Name;Email\nЕва Белова;eva@mail.test\n".as_bytes().to_vec(),
        )),
        // Text, not a document: refused by what it holds, whatever its name says.
        "/candidates/{}/cv" => Some(("file", "cv.pdf", b"just words, not a CV".to_vec())),
        // No file chosen: the browser still sends the part, empty.
        "/jobs/{}" => Some(("cv", "", Vec::new())),
        "/admin/agency" => Some(("logo", "logo.png", b"words, not a picture".to_vec())),
        "/internships/{}/items/{}/materials/file" | "/internships/programme/{}/materials/file" => {
            Some(("file", "material.pdf", b"words, not a document".to_vec()))
        }
        "/grades/market" => Some((
            "file",
            "market.csv",
            "грейд;от;до\nJunior;60 000;90 000\n".as_bytes().to_vec(),
        )),
        _ => None,
    }
}

/// Posts an upload form's row as the browser does (multipart, the form token in the URL);
/// `None` for the other forms, which the table posts urlencoded.
pub(super) async fn post_upload(
    app: &TestApp,
    action: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Option<reqwest::Response> {
    let (file_field, file_name, bytes) = upload_file(action)?;
    let token = app.csrf().await;
    let mut form = Form::new().part(file_field, Part::bytes(bytes).file_name(file_name));
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let response = app
        .client
        .post(app.url(&format!("{path}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    Some(response)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        Row {
            action: "/grades/market",
            role: "hiring_manager",
            path: |_| "/grades/market".into(),
            fields: |_| {
                owned(&[
                    ("kind", "survey"),
                    ("title", "Ωрынок-61"),
                    ("source", "Ωисточник-62"),
                    ("region", "Ωрегион-63"),
                    ("as_of", "31.13.2022"),
                ])
            },
            kept: &["title", "source", "region"],
            status: 422,
        },
        Row {
            action: "/admin/agency",
            role: "admin",
            path: |_| "/admin/agency".into(),
            fields: |_| {
                owned(&[
                    ("name", "Ωагентство-41"),
                    ("legal_name", "Ωюрлицо-42"),
                    ("address", "Ωадрес-43"),
                    ("accent_color", "Ωцвет-44"),
                    ("default_lang", "ru"),
                    ("time_zone", "Europe/Moscow"),
                ])
            },
            kept: &["name", "legal_name", "address", "accent_color"],
            status: 422,
        },
        Row {
            action: "self:auth/welcome.html",
            role: "",
            path: |f| format!("/welcome/{}", extra(f, "welcome")),
            fields: |_| owned(&[("password", "short"), ("confirm", "other-51")]),
            // Passwords only, and passwords are never sent back: the refusal is what is checked.
            kept: &[],
            status: 422,
        },
        Row {
            action: "/candidates/import",
            role: "recruiter",
            path: |_| "/candidates/import".into(),
            fields: |_| {
                owned(&[
                    ("encoding", "koi8-r"),
                    ("position_id", ""),
                    ("consent", "1"),
                    ("consent_text_version", "Ωверсия-согласия-52"),
                ])
            },
            kept: &["consent_text_version"],
            status: 422,
        },
        Row {
            action: "/candidates/import/{}",
            role: "recruiter",
            path: |f| format!("/candidates/import/{}", extra(f, "batch")),
            fields: |_| {
                owned(&[
                    ("line", "2"),
                    ("line", "3"),
                    ("tick", "3"),
                    ("tick", "Ωстрока-53"),
                    ("action", "save"),
                ])
            },
            // Tick boxes: `ticks_come_back_as_ticked` below checks them box by box.
            kept: &[],
            status: 422,
        },
        Row {
            action: "/candidates/{}/cv",
            role: "recruiter",
            path: |f| format!("/candidates/{}/cv", f.candidate),
            fields: |_| Vec::new(),
            // Only a file, which no browser lets a page fill in again: the page asks for it.
            kept: &[],
            status: 422,
        },
        Row {
            action: "/jobs/{}",
            role: "",
            path: |f| format!("/jobs/{}", extra(f, "slug")),
            fields: |_| {
                owned(&[
                    ("full_name", "Ωсоискатель-54"),
                    ("email", "не-почта-55"),
                    ("phone", "+7 999 000-55-66"),
                    ("consent", "1"),
                    ("consent_talent_pool", "1"),
                    ("website", ""),
                ])
            },
            kept: &["full_name", "email", "phone"],
            status: 422,
        },
        Row {
            action: "/my-data/{}/give",
            role: "",
            path: |f| format!("/my-data/{}/give", extra(f, "my_data")),
            // The box saying the text was read is left unticked.
            fields: |_| owned(&[("purpose", "talent_pool")]),
            kept: &[],
            status: 422,
        },
        Row {
            action: "/o/{}",
            role: "",
            path: |f| format!("/o/{}", extra(f, "offer_link")),
            // A refusal without its reason.
            fields: |_| {
                owned(&[
                    ("action", "decline"),
                    ("reason", ""),
                    ("counter_proposal", "Ωвстречное-56"),
                ])
            },
            kept: &["counter_proposal"],
            status: 422,
        },
        Row {
            action: "/offers/decide/{}",
            role: "",
            path: |f| format!("/offers/decide/{}", extra(f, "decide_link")),
            // A bidi override in the comment: refused, and the comment comes back to be
            // mended rather than retyped.
            fields: |_| {
                owned(&[
                    ("action", "reject"),
                    ("comment", "Ωкомментарий-57 \u{202E}гЗ"),
                ])
            },
            kept: &["comment"],
            status: 422,
        },
        Row {
            action: "/r/{}",
            role: "",
            path: |f| format!("/r/{}", extra(f, "referee_link")),
            // No verdict chosen.
            fields: |_| {
                owned(&[
                    ("q_duties", "Ωобязанности-58"),
                    ("q_strengths", "Ωсильные-стороны-59"),
                    ("notes", "Ωзаметки-60"),
                ])
            },
            kept: &["q_duties", "q_strengths", "notes"],
            status: 422,
        },
    ]
}

/// Forms here whose typed input does not yet come back.
pub(super) const NOT_YET: &[&str] = &[];

/// The preview's ticks come back as they were sent, not as they were saved: line 2 was
/// ticked when the file was read, the recruiter unticked it, and a bad tick beside it must
/// not tick it again.
#[tokio::test]
async fn ticks_come_back_as_ticked() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let token = app.csrf().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(
                "Name;Email\nГлеб Орлов;gleb@mail.test\nДина Руднева;dina@mail.test\n"
                    .as_bytes()
                    .to_vec(),
            )
            .file_name("people.csv"),
        )
        .text("encoding", "auto")
        .text("consent", "1");
    let uploaded = app
        .client
        .post(app.url(&format!("/candidates/import?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 303);
    let batch = location(&uploaded);
    let before = app.get(&batch).await.text().await.unwrap();
    assert!(
        before.contains("id=\"tick-2\" checked"),
        "read rows start ticked"
    );
    assert!(csrf_in(&before).is_some());

    let refused = app
        .post_form(
            &batch,
            &[
                ("line", "2"),
                ("line", "3"),
                ("tick", "3"),
                ("tick", "три"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"e-tick\""), "the message is on the page");
    assert!(
        html.contains("id=\"tick-3\" checked"),
        "line 3 stays ticked"
    );
    assert!(
        !html.contains("id=\"tick-2\" checked"),
        "line 2 stays unticked as sent"
    );
    let after = app.get(&batch).await.text().await.unwrap();
    assert!(
        after.contains("id=\"tick-2\" checked"),
        "nothing was saved from the refused form"
    );
}
