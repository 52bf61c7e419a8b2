//! The competency profile of an application: the arithmetic over submitted cards, the grade
//! and salary it suggests, and who may read it.

use hireloop::entities::grade;

use super::*;

async fn profile_as(app: &TestApp, who: &Member, application: i64) -> (u16, Value) {
    let path = format!("/applications/{application}/competency-profile");
    call(app, Method::GET, &path, &who.token, json!({})).await
}

fn competency<'a>(profile: &'a Value, code: &str) -> &'a Value {
    profile["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["competency"] == code)
        .unwrap_or_else(|| panic!("{code} in {profile}"))
}

/// (mean, min, max, raters, disagreement) of one competency.
fn summary(profile: &Value, code: &str) -> (f64, i64, i64, i64, bool) {
    let c = competency(profile, code);
    (
        c["mean"].as_f64().unwrap(),
        c["min"].as_i64().unwrap(),
        c["max"].as_i64().unwrap(),
        c["raters"].as_i64().unwrap(),
        c["disagreement"].as_bool().unwrap(),
    )
}

/// Two interviewers on one interview: A rates communication 2 and tools 4 and scores two
/// product questions 3 and 5 (and a communication question 5, which her explicit rating
/// overrides); B rates communication 4 and tools 5 and scores a product question 3.
async fn two_cards(app: &TestApp, hiring: &Hiring, a: &Member, b: &Member) -> Value {
    let interview = interview_with(app, hiring, &[a, b]).await;
    let answer = |competency: &str, n: usize, score: i32| json!({"question_id": kit_question(&interview, competency, n), "score": score});
    let of_a = json!({
        "answers": [answer("product", 0, 3), answer("product", 1, 5),
                    answer("communication", 0, 5)],
        "ratings": [{"competency": "communication", "score": 2},
                    {"competency": "tools", "score": 4}],
        "recommendation": "no",
    });
    let of_b = json!({
        "answers": [answer("product", 0, 3)],
        "ratings": [{"competency": "communication", "score": 4},
                    {"competency": "tools", "score": 5}],
        "recommendation": "yes",
    });
    score(app, a, &interview, of_a).await;
    score(app, b, &interview, of_b).await;
    interview
}

#[tokio::test]
async fn the_profile_gives_mean_min_max_and_raters_and_flags_a_two_point_disagreement() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    two_cards(&app, &hiring, &a, &b).await;

    let (status, profile) = profile_as(&app, &hiring.recruiter, hiring.application).await;

    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["scorecards"], 2);
    assert_eq!(
        summary(&profile, "communication"),
        (3.0, 2, 4, 2, true),
        "2 and 4: the explicit rating wins over A's answer of 5"
    );
    assert_eq!(summary(&profile, "tools"), (4.5, 4, 5, 2, false));
    assert_eq!(profile["competencies"].as_array().unwrap().len(), 3);
    assert_eq!(profile["recommendations"], json!({"no": 1, "yes": 1}));
}

#[tokio::test]
async fn a_competency_scored_only_through_answers_is_rated_by_their_mean() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    two_cards(&app, &hiring, &a, &b).await;

    let (_, profile) = profile_as(&app, &hiring.recruiter, hiring.application).await;

    // A's answers 3 and 5 make her 4; B's single answer makes him 3.
    assert_eq!(summary(&profile, "product"), (3.5, 3, 4, 2, false));
}

#[tokio::test]
async fn the_profile_suggests_the_grade_it_meets_and_names_the_competency_holding_it_there() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let manager = member(&app, "hiring_manager").await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    two_cards(&app, &hiring, &a, &b).await;

    let (status, profile) = profile_as(&app, &manager, hiring.application).await;

    assert_eq!(status, 200, "{profile}");
    // Means: communication 3.0, tools 4.5, product 3.5. Middle expects 3 on each: met. Senior
    // expects 4 on communication and product (3 on tools): product's 3.5 is within half a
    // point, communication's whole point is not — it alone holds the candidate at middle.
    let fit = &profile["grade_fit"];
    assert_eq!(fit["grade"], "middle", "{fit}");
    assert_eq!(fit["overall"], 3.67);
    assert_eq!(fit["meets_grade"], true);
    assert_eq!(fit["next_grade"], "senior");
    let holding = fit["holding"].as_array().unwrap();
    assert_eq!(holding.len(), 1, "{fit}");
    assert_eq!(holding[0]["competency"], "communication");
    assert_eq!(holding[0]["score"], 3.0);
    assert_eq!(holding[0]["needed"], 4);
    let lifting: Vec<&str> = fit["lifting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["competency"].as_str().unwrap())
        .collect();
    assert_eq!(lifting, ["tools", "product"]);
    // From middle's bar towards senior's: product half way, communication none, tools has no
    // room (senior expects 3 too): a quarter of the band.
    assert_eq!(fit["position_in_band"], 0.25);
    let band = grade::Entity::find_by_id("middle".to_owned())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let expected = ((band.salary_min as f64 + (band.salary_max - band.salary_min) as f64 * 0.25)
        / 1000.0)
        .round() as i64
        * 1000;
    let salary = &profile["suggested_salary"];
    assert_eq!(salary["grade"], "middle");
    assert_eq!(salary["salary"], expected);
    assert_eq!(salary["currency"], band.currency.as_str());

    let (status, html) = page(
        &browser(&app, &manager).await,
        &app,
        &format!("/applications/{}/profile", hiring.application),
    )
    .await;
    assert_eq!(status, 200);
    let holding = html
        .split("<ul class=\"grade-reasons\">")
        .nth(1)
        .expect("the reasons are listed");
    let first = holding.split("</li>").next().unwrap();
    assert!(
        first.starts_with("<li data-competency=\"communication\">Коммуникация: 3"),
        "{holding}"
    );
    assert!(first.contains("нужно 4"), "{first}");
}

#[tokio::test]
async fn the_role_variant_weighs_its_competencies_in_the_grade_suggestion() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let manager = member(&app, "hiring_manager").await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a, &b]).await;
    // At the senior bar on each, but split 3 and 4 on project management.
    let card = |pm: i32| {
        ratings(
            &[
                ("project_management", pm),
                ("communication", 4),
                ("product", 4),
            ],
            "yes",
        )
    };
    score(&app, &a, &interview, card(3)).await;
    score(&app, &b, &interview, card(4)).await;
    let (_, plain) = profile_as(&app, &manager, hiring.application).await;
    assert_eq!(plain["grade_fit"]["grade"], "senior", "{plain}");

    let path = format!("/positions/{}", hiring.position);
    let token = &hiring.recruiter.token;
    let (_, position) = call(&app, Method::GET, &path, token, json!({})).await;
    let patch = json!({"version": position["version"], "role_variant": "account_project"});
    let (status, body) = call(&app, Method::PATCH, &path, token, patch).await;
    assert_eq!(status, 200, "{body}");

    let (_, weighted) = profile_as(&app, &manager, hiring.application).await;
    let fit = &weighted["grade_fit"];
    assert_eq!(
        fit["grade"], "middle",
        "project management weighs double: {fit}"
    );
    assert_eq!(fit["holding"][0]["competency"], "project_management");
    assert_eq!(fit["holding"][0]["score"], 3.5);
    assert_eq!(fit["holding"][0]["weight"], 2.0);
}

#[tokio::test]
async fn an_interviewer_reads_the_profile_only_after_submitting_a_card() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let late = member(&app, "interviewer").await;
    let stranger = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a, &b, &late]).await;
    score(&app, &a, &interview, ratings(&[("tools", 4)], "yes")).await;
    let (status, _) = put_card(&app, &late, &interview, ratings(&[("tools", 2)], "no")).await;
    assert_eq!(status, 200);

    let (status, _) = profile_as(&app, &late, hiring.application).await;
    assert_eq!(status, 403, "a draft is not enough");
    let (status, _) = profile_as(&app, &b, hiring.application).await;
    assert_eq!(status, 403, "nothing submitted");
    let (status, _) = profile_as(&app, &stranger, hiring.application).await;
    assert_eq!(status, 403, "not on the interview");
    let (status, profile) = profile_as(&app, &a, hiring.application).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(summary(&profile, "tools"), (4.0, 4, 4, 1, false));
}

#[tokio::test]
async fn an_interviewer_sees_no_suggested_salary_in_the_profile() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    two_cards(&app, &hiring, &a, &b).await;

    let (status, profile) = profile_as(&app, &a, hiring.application).await;

    assert_eq!(status, 200, "{profile}");
    assert!(profile["suggested_salary"].is_null(), "{profile}");
}

#[tokio::test]
async fn one_interviewer_rating_on_two_interviews_is_one_independent_rater() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    for _ in 0..2 {
        let interview = interview_with(&app, &hiring, &[&a]).await;
        score(
            &app,
            &a,
            &interview,
            ratings(&[("communication", 4)], "yes"),
        )
        .await;
    }

    let (_, profile) = profile_as(&app, &hiring.recruiter, hiring.application).await;

    assert_eq!(
        competency(&profile, "communication")["raters"],
        1,
        "{profile}"
    );
    let gaps = profile["coverage"]["gaps"].as_array().unwrap();
    assert!(gaps.contains(&json!("communication")), "{profile}");
}
