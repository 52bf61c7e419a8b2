//! The agency's values and the CEO's cultural-fit interview about them: the list over the API
//! and its page, the `ceo_fit` kit built from it (one block per value, no competency question),
//! the CEO's score per value, and the evidence the brief shows per value.

use hireloop::entities::{agency_value, interview_value, scorecard_value_rating};

use super::*;

async fn put_values(app: &TestApp, token: &str, values: Value) -> (u16, Value) {
    call(app, Method::PUT, "/settings/values", token, values).await
}

async fn get_values(app: &TestApp, token: &str) -> (u16, Value) {
    call(app, Method::GET, "/settings/values", token, json!({})).await
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect()
}

/// Two values: one on a theme of the bank, one with none (its question is built from its name).
fn two_values() -> Value {
    json!([
        {"code": "ownership", "name": "Доводим до конца", "description": "Взялся — отвечаешь",
         "theme": "ownership"},
        {"code": "curiosity", "name": "Curiosity about the client's business",
         "description": "We learn how the client earns before we suggest a channel"},
    ])
}

/// A `ceo_fit` interview tomorrow with `ceo` as its interviewer.
async fn ceo_interview(app: &TestApp, hiring: &Hiring, ceo: &Member) -> Value {
    let (status, body) = call(
        app,
        Method::POST,
        "/interviews",
        &hiring.recruiter.token,
        json!({"application_id": hiring.application, "kind": "ceo_fit",
               "scheduled_at": tomorrow().to_rfc3339(), "interviewer_ids": [ceo.id]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn values_come_back_in_the_order_sent_and_keep_their_row_when_renamed() {
    let app = spawn_app().await;
    let ceo = member(&app, "ceo").await;
    let (status, saved) = put_values(&app, &ceo.token, two_values()).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(codes(&saved), ["ownership", "curiosity"]);
    let (status, read) = get_values(&app, &ceo.token).await;
    assert_eq!(status, 200);
    assert_eq!(read, saved);
    assert_eq!(read[0]["theme"], "ownership");
    assert_eq!(read[1]["theme"], Value::Null);
    let before = agency_value::Entity::find()
        .filter(agency_value::Column::Code.eq("curiosity"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    // Reordered, renamed, one removed, one added.
    let (status, saved) = put_values(
        &app,
        &ceo.token,
        json!([
            {"code": "team", "name": "Команда", "theme": "teamwork"},
            {"code": "curiosity", "name": "Любопытство", "description": "Новое описание"},
        ]),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    let (_, read) = get_values(&app, &ceo.token).await;
    assert_eq!(codes(&read), ["team", "curiosity"]);
    assert_eq!(read[1]["name"], "Любопытство");
    assert_eq!(read[1]["description"], "Новое описание");
    assert_eq!(read[0]["description"], "");
    let after = agency_value::Entity::find()
        .filter(agency_value::Column::Code.eq("curiosity"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.id, before.id, "renaming keeps the value's row");
    assert_eq!(after.rank, 2);
    assert_eq!(
        agency_value::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}

#[tokio::test]
async fn an_empty_name_a_code_twice_or_an_unknown_theme_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let admin = member(&app, "admin").await;
    let (status, _) = put_values(&app, &admin.token, two_values()).await;
    assert_eq!(status, 200);
    let (status, problem) = put_values(
        &app,
        &admin.token,
        json!([
            {"code": "ownership", "name": "Доводим до конца"},
            {"code": "open", "name": "   "},
            {"code": "ownership", "name": "Ещё раз"},
            {"code": "Bad Code", "name": "Плохой код", "theme": "astrology"},
        ]),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let mut named = fields(&problem);
    named.sort();
    assert_eq!(named, ["[1].name", "[2].code", "[3].code", "[3].theme"]);
    let (_, read) = get_values(&app, &admin.token).await;
    assert_eq!(
        codes(&read),
        ["ownership", "curiosity"],
        "nothing was saved"
    );
}

#[tokio::test]
async fn a_recruiter_reads_the_values_but_only_an_admin_or_the_ceo_changes_them() {
    let app = spawn_app().await;
    let ceo = member(&app, "ceo").await;
    let recruiter = member(&app, "recruiter").await;
    let interviewer = member(&app, "interviewer").await;
    put_values(&app, &ceo.token, two_values()).await;
    for who in [&recruiter, &interviewer] {
        let (status, read) = get_values(&app, &who.token).await;
        assert_eq!(status, 200);
        assert_eq!(codes(&read), ["ownership", "curiosity"]);
        let (status, _) = put_values(&app, &who.token, json!([])).await;
        assert_eq!(status, 403);
    }
    assert_eq!(
        agency_value::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}

#[tokio::test]
async fn the_ceo_fit_kit_has_one_block_per_value_and_no_competency_question() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let ceo = member(&app, "ceo").await;
    put_values(&app, &ceo.token, two_values()).await;
    let interview = ceo_interview(&app, &hiring, &ceo).await;

    assert_eq!(
        interview["kit"],
        json!([]),
        "no question of the competency bank"
    );
    let stored = interview_question::Entity::find()
        .filter(interview_question::Column::InterviewId.eq(id_of(&interview) as i32))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    let blocks = interview["values"].as_array().unwrap();
    assert_eq!(codes(&interview["values"]), ["ownership", "curiosity"]);
    let themed = blocks[0]["questions"].as_array().unwrap();
    assert!((2..=3).contains(&themed.len()), "{themed:?}");
    assert!(themed.iter().all(|q| {
        q["code"].as_str().unwrap().starts_with("ownership.")
            && !q["probes"].as_array().unwrap().is_empty()
            && !q["strong"].as_str().unwrap().is_empty()
            && !q["red_flags"].as_str().unwrap().is_empty()
    }));
    let generic = blocks[1]["questions"].as_array().unwrap();
    assert_eq!(generic.len(), 1);
    assert_eq!(generic[0]["code"], "generic");
    let text = generic[0]["text"].as_str().unwrap();
    assert!(
        text.contains("Curiosity about the client's business"),
        "{text}"
    );
    assert!(text.contains("how the client earns"), "{text}");

    // Values named later do not change the interview already scheduled.
    put_values(
        &app,
        &ceo.token,
        json!([{"code": "team", "name": "Команда"}]),
    )
    .await;
    let path = format!("/interviews/{}", id_of(&interview));
    let (status, again) = call(&app, Method::GET, &path, &ceo.token, json!({})).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(codes(&again["values"]), ["ownership", "curiosity"]);
}

#[tokio::test]
async fn value_scores_on_a_ceo_fit_card_show_in_the_brief_per_value() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let ceo = member(&app, "ceo").await;
    put_values(&app, &ceo.token, two_values()).await;
    let interview = ceo_interview(&app, &hiring, &ceo).await;

    // A value the interview does not ask about, or a score out of range, saves nothing.
    let (status, problem) = put_card(
        &app,
        &ceo,
        &interview,
        json!({"values": [{"value": "ownership", "score": 6},
                          {"value": "astrology", "score": 3}]}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["values[0].score", "values[1].value"]);

    score(
        &app,
        &ceo,
        &interview,
        json!({"values": [{"value": "ownership", "score": 2,
                           "note": "Blamed the contractor for a missed launch"}],
               "recommendation": "no"}),
    )
    .await;
    let stored = scorecard_value_rating::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].value_code.as_str(), stored[0].score),
        ("ownership", 2)
    );

    let path = format!("/applications/{}/brief", hiring.application);
    let (status, brief) = call(&app, Method::GET, &path, &ceo.token, json!({})).await;
    assert_eq!(status, 200, "{brief}");
    assert_eq!(codes(&brief["values"]), ["ownership", "curiosity"]);
    let evidence = &brief["values"][0]["scores"][0];
    assert_eq!(evidence["score"], 2);
    assert_eq!(
        evidence["note"],
        "Blamed the contractor for a missed launch"
    );
    assert_eq!(evidence["interviewer_id"], ceo.id);
    assert_eq!(brief["values"][1]["scores"], json!([]));
    assert_eq!(brief["values_without_evidence"], json!(["curiosity"]));
    assert!(
        brief["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "value_concern"),
        "{brief}"
    );

    // The brief page shows the same evidence.
    let browser = browser(&app, &ceo).await;
    let (status, html) = page(&browser, &app, &path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Blamed the contractor for a missed launch"),
        "{html}"
    );

    // Removing a scored value keeps its evidence under the name it was asked by.
    put_values(
        &app,
        &ceo.token,
        json!([{"code": "curiosity", "name": "Любопытство"}]),
    )
    .await;
    let (_, brief) = call(&app, Method::GET, &path, &ceo.token, json!({})).await;
    assert_eq!(codes(&brief["values"]), ["curiosity", "ownership"]);
    assert_eq!(brief["values"][1]["name"], "Доводим до конца");
    assert_eq!(brief["values"][1]["scores"][0]["score"], 2);
}

/// Posts the values form from the page as `browser` sees it.
async fn post_values(browser: &Client, app: &TestApp, fields: &[(&str, &str)]) -> (u16, String) {
    let (_, html) = page(browser, app, "/settings/values").await;
    let token = csrf_in(&html).unwrap();
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("_csrf", &token));
    let response = browser
        .post(app.url("/settings/values"))
        .form(&form)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

#[tokio::test]
async fn the_page_adds_and_reorders_values_and_asks_before_removing_one_an_interview_used() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let ceo = member(&app, "ceo").await;
    let browser = browser(&app, &ceo).await;
    let (status, _) = post_values(
        &browser,
        &app,
        &[
            ("rows", "2"),
            ("name_0", "Говорим прямо"),
            ("code_0", "straight"),
            ("theme_0", "openness"),
            ("order_0", "2"),
            ("name_1", "Клиент прежде всего"),
            ("code_1", ""),
            ("theme_1", "client_first"),
            ("order_1", "1"),
        ],
    )
    .await;
    assert_eq!(status, 303, "the form redirects back to its page");
    let (_, read) = get_values(&app, &ceo.token).await;
    assert_eq!(codes(&read), ["value_1", "straight"]);

    ceo_interview(&app, &hiring, &ceo).await;
    assert_eq!(
        interview_value::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
    let removing = [
        ("rows", "2"),
        ("existing_0", "1"),
        ("code_0", "value_1"),
        ("name_0", "Клиент прежде всего"),
        ("theme_0", "client_first"),
        ("order_0", "1"),
        ("existing_1", "1"),
        ("code_1", "straight"),
        ("name_1", "Говорим прямо"),
        ("theme_1", "openness"),
        ("order_1", "2"),
        ("remove_1", "1"),
    ];
    let (status, html) = post_values(&browser, &app, &removing).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"confirmed\""),
        "a confirmation: {html}"
    );
    assert!(html.contains("Говорим прямо"));
    let (_, read) = get_values(&app, &ceo.token).await;
    assert_eq!(
        codes(&read),
        ["value_1", "straight"],
        "nothing removed before confirming"
    );

    let mut confirmed = removing.to_vec();
    confirmed.push(("confirmed", "1"));
    let (status, _) = post_values(&browser, &app, &confirmed).await;
    assert_eq!(status, 303);
    let (_, read) = get_values(&app, &ceo.token).await;
    assert_eq!(codes(&read), ["value_1"]);
}

#[tokio::test]
async fn the_page_shows_a_refused_list_again_as_typed() {
    let app = spawn_app().await;
    let ceo = member(&app, "ceo").await;
    let browser = browser(&app, &ceo).await;
    let (status, html) = post_values(
        &browser,
        &app,
        &[
            ("rows", "2"),
            ("name_0", ""),
            ("code_0", "nameless"),
            ("description_0", "Ωописание-без-имени"),
            ("name_1", "Ωвторая-ценность"),
            ("code_1", "nameless"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Ωописание-без-имени"), "{html}");
    assert!(html.contains("Ωвторая-ценность"));
    assert_eq!(
        agency_value::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}
