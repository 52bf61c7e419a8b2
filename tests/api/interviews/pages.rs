//! The interview pages: the kit with the scorecard form (save, autosave, submit, a refused
//! score), the print view, the profile and comparison with their radar, and the bank.

use super::*;

/// An interview with one interviewer, who is signed in on the app's own client.
async fn signed_in_interviewer(app: &TestApp) -> (Hiring, Member, Value) {
    let hiring = hiring(app).await;
    let me = member(app, "interviewer").await;
    let interview = interview_with(app, &hiring, &[&me]).await;
    assert_eq!(app.login(&me.email, PASSWORD).await.status(), 303);
    (hiring, me, interview)
}

/// Posts the scorecard form with a score for `question`, a communication rating of 4 and a yes.
async fn post_scorecard(
    app: &TestApp,
    interview: &Value,
    question: i64,
    score: &str,
    action: &str,
) -> u16 {
    let path = format!("/interviews/{}/scorecard", id_of(interview));
    let score_field = format!("score_{question}");
    let fields = [
        (score_field.as_str(), score),
        ("rating_communication", "4"),
        ("recommendation", "yes"),
        ("strengths", "Structured answers"),
        ("action", action),
    ];
    app.post_form(&path, &fields).await.status().as_u16()
}

#[tokio::test]
async fn an_interviewer_saves_autosaves_and_submits_the_scorecard_form() {
    let app = spawn_app().await;
    let (_, me, interview) = signed_in_interviewer(&app).await;
    let q = kit_question(&interview, "communication", 0);
    assert_eq!(post_scorecard(&app, &interview, q, "4", "save").await, 303);
    let draft = stored_card(&app, &interview, &me).await.unwrap();
    assert_eq!(draft.card.status, "draft");
    assert_eq!(draft.card.recommendation.as_deref(), Some("yes"));
    assert_eq!(draft.card.strengths, "Structured answers");
    assert_eq!(
        draft
            .answers
            .iter()
            .map(|a| (i64::from(a.question_id), a.score))
            .collect::<Vec<_>>(),
        [(q, Some(4))]
    );
    assert_eq!(draft.ratings.len(), 1);
    assert_eq!(
        (draft.ratings[0].competency.as_str(), draft.ratings[0].score),
        ("communication", 4)
    );

    assert_eq!(
        post_scorecard(&app, &interview, q, "3", "autosave").await,
        204
    );
    let autosaved = stored_card(&app, &interview, &me).await.unwrap();
    assert_eq!(autosaved.answers[0].score, Some(3));
    assert_eq!(autosaved.card.status, "draft");

    assert_eq!(
        post_scorecard(&app, &interview, q, "3", "submit").await,
        303
    );
    let submitted = stored_card(&app, &interview, &me).await.unwrap();
    assert_eq!(submitted.card.status, "submitted");
    assert!(submitted.card.submitted_at.is_some());

    // Posting the form again after submitting changes nothing.
    assert_eq!(post_scorecard(&app, &interview, q, "5", "save").await, 303);
    let after = stored_card(&app, &interview, &me).await.unwrap();
    assert_eq!(after.answers, submitted.answers);
    assert_eq!(after.card, submitted.card);
}

#[tokio::test]
async fn the_profile_and_the_comparison_draw_a_radar_for_the_hiring_manager() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let recruiter = &hiring.recruiter.token;
    let later = on_long_list(
        &app,
        recruiter,
        hiring.position,
        "Борис Смирнов",
        "b@mail.test",
    )
    .await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    score(
        &app,
        &a,
        &interview,
        ratings(&[("communication", 4)], "yes"),
    )
    .await;
    let (status, _) = move_to(
        &app,
        recruiter,
        hiring.application,
        json!({"to": "short_list"}),
    )
    .await;
    assert_eq!(status, 200);
    let manager = browser(&app, &member(&app, "hiring_manager").await).await;

    let (status, profile) = page(
        &manager,
        &app,
        &format!("/applications/{}/profile", hiring.application),
    )
    .await;
    assert_eq!(status, 200);
    assert!(profile.contains("<svg") && profile.contains("class=\"radar-chart\""));
    assert!(profile.contains("Анна Петрова"));

    let (status, compare) = page(
        &manager,
        &app,
        &format!("/positions/{}/compare", hiring.position),
    )
    .await;
    assert_eq!(status, 200);
    assert!(compare.contains("<svg") && compare.contains("class=\"radar-chart\""));
    let profile_link = format!("/applications/{}/profile", hiring.application);
    assert!(
        compare.contains(&profile_link),
        "the short-listed candidate"
    );
    assert!(compare.contains("Анна Петрова"));
    assert!(
        !compare.contains(&format!("/applications/{later}/profile")) && !compare.contains("Борис"),
        "the long-list is not compared"
    );
}

#[tokio::test]
async fn interviewers_browse_the_bank_but_cannot_add_to_it() {
    let app = spawn_app().await;
    let me = member(&app, "interviewer").await;
    app.login(&me.email, PASSWORD).await;
    let first = question::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|q| q.id)
        .unwrap();

    let (status, html) = page(&app.client, &app, "/questions").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&escaped(&first.text_ru)),
        "the bank in Russian"
    );
    assert!(html.matches("class=\"card question\"").count() >= 72);
    assert!(!html.contains("/questions/new"), "no link to add");
    assert!(!html.contains("/retire"));

    let (status, _) = page(&app.client, &app, "/questions/new").await;
    assert_eq!(status, 403);
    let (status, _) = page(&app.client, &app, &format!("/questions/{}/edit", first.id)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_interview_page_shows_the_kit_and_the_scorecard_form() {
    let app = spawn_app().await;
    let (_, _, interview) = signed_in_interviewer(&app).await;

    let (status, html) = page(
        &app.client,
        &app,
        &format!("/interviews/{}", id_of(&interview)),
    )
    .await;

    assert_eq!(status, 200);
    for q in interview["kit"].as_array().unwrap() {
        let id = id_of(q);
        assert!(html.contains(&format!("id=\"q-{id}\"")), "question {id}");
        assert!(html.contains(&format!("name=\"score_{id}\"")));
        assert!(html.contains(&escaped(q["text"].as_str().unwrap())));
    }
    let action = format!("action=\"/interviews/{}/scorecard\"", id_of(&interview));
    assert!(html.contains(&action));
    assert!(html.contains("name=\"rating_communication\""));
    assert!(html.contains("name=\"recommendation\" value=\"yes\""));
    assert!(html.contains("data-autosave"));
}

#[tokio::test]
async fn a_score_of_nine_on_the_form_is_refused_with_the_message() {
    let app = spawn_app().await;
    let (_, me, interview) = signed_in_interviewer(&app).await;
    let q = kit_question(&interview, "communication", 0);
    let path = format!("/interviews/{}/scorecard", id_of(&interview));
    let score_field = format!("score_{q}");

    let response = app
        .post_form(
            &path,
            &[
                (score_field.as_str(), "9"),
                ("recommendation", "yes"),
                ("action", "save"),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Оценка — целое число от 1 до 5."), "{html}");
    assert!(html.contains(&score_field), "the form is shown again");
    let card = stored_card(&app, &interview, &me).await;
    assert!(
        card.is_none_or(|c| c.answers.is_empty() && c.card.recommendation.is_none()),
        "nothing saved"
    );
}

#[tokio::test]
async fn a_refused_scorecard_comes_back_as_typed_with_the_message_beside_its_question() {
    let app = spawn_app().await;
    let (_, me, interview) = signed_in_interviewer(&app).await;
    let q = kit_question(&interview, "communication", 0);
    let path = format!("/interviews/{}/scorecard", id_of(&interview));
    let (score_field, notes_field) = (format!("score_{q}"), format!("notes_{q}"));

    let response = app
        .post_form(
            &path,
            &[
                (score_field.as_str(), "9"),
                (notes_field.as_str(), "Ωответ по делу"),
                ("rating_communication", "4"),
                ("recommendation", "yes"),
                ("strengths", "Ωструктура"),
                ("action", "save"),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    let question = &html[html.find(&format!("id=\"q-{q}\"")).unwrap()..];
    let question = &question[..question.find("</article>").unwrap()];
    assert!(
        question.contains("Оценка — целое число от 1 до 5."),
        "the message sits in its question: {question}"
    );
    assert!(question.contains(&escaped("Ωответ по делу")), "{question}");
    assert!(html.contains(&escaped("Ωструктура")));
    assert!(html.contains("<option value=\"4\" selected>4</option>"));
    assert!(html.contains("name=\"recommendation\" value=\"yes\" checked"));
    assert!(
        stored_card(&app, &interview, &me)
            .await
            .is_none_or(|c| c.answers.is_empty()),
        "nothing saved"
    );
}

#[tokio::test]
async fn the_print_view_lists_the_kit_without_the_form() {
    let app = spawn_app().await;
    let (_, _, interview) = signed_in_interviewer(&app).await;

    let path = format!("/interviews/{}/print", id_of(&interview));
    let (status, html) = page(&app.client, &app, &path).await;

    assert_eq!(status, 200);
    for q in interview["kit"].as_array().unwrap() {
        assert!(html.contains(&escaped(q["text"].as_str().unwrap())));
    }
    assert!(!html.contains("/scorecard\""), "no scorecard form on paper");
}

#[tokio::test]
async fn a_submitted_card_shows_read_only_on_the_interview_page() {
    let app = spawn_app().await;
    let (_, _, interview) = signed_in_interviewer(&app).await;
    let q = kit_question(&interview, "communication", 0);
    assert_eq!(
        post_scorecard(&app, &interview, q, "4", "submit").await,
        303
    );

    let path = format!("/interviews/{}", id_of(&interview));
    let (status, html) = page(&app.client, &app, &path).await;

    assert_eq!(status, 200);
    assert!(!html.contains("data-autosave"));
    assert!(!html.contains("name=\"action\" value=\"submit\""));
    assert!(html.contains(&format!("name=\"score_{q}\" value=\"4\" checked disabled")));
}
