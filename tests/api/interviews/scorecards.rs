//! Scorecards over the API: the blind rule for each role, the lock on submit, and the checks on
//! what a draft may hold — none of which saves anything when it refuses.

use super::*;

/// A's card: two kit questions answered, one with a follow-up, two ratings, a recommendation.
fn full_card(interview: &Value) -> Value {
    let first = kit_questions(interview, "communication")[0];
    let follow_up = id_of(&first["follow_ups"][0]);
    json!({
        "answers": [
            {"question_id": id_of(first), "score": 4, "notes": "Clear and structured",
             "follow_ups_asked": [follow_up]},
            {"question_id": kit_question(interview, "tools", 0), "score": 3},
        ],
        "ratings": [{"competency": "communication", "score": 4},
                    {"competency": "tools", "score": 3}],
        "recommendation": "yes",
        "notes": "Would hire",
    })
}

async fn team_cards(app: &TestApp, who: &Member, interview: &Value) -> (u16, Value) {
    call(
        app,
        Method::GET,
        &scorecard_path(interview, ""),
        &who.token,
        json!({}),
    )
    .await
}

fn interviewer_ids(cards: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["interviewer_id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn scoring_is_blind_until_the_interviewer_submits_their_own_card() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a, &b]).await;

    let (status, draft) = put_card(&app, &a, &interview, full_card(&interview)).await;
    assert_eq!(status, 200, "{draft}");
    assert_eq!(draft["status"], "draft");
    let (status, _) = team_cards(&app, &a, &interview).await;
    assert_eq!(status, 403, "a draft does not open the others' cards");
    score(&app, &a, &interview, full_card(&interview)).await;
    let stored = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(stored.card.status, "submitted");
    assert!(stored.card.submitted_at.is_some());
    assert_eq!(stored.answers.len(), 2);
    assert_eq!(stored.ratings.len(), 2);

    let (status, _) = team_cards(&app, &b, &interview).await;
    assert_eq!(status, 403, "B has not submitted yet");
    let (status, cards) = team_cards(&app, &a, &interview).await;
    assert_eq!(status, 200);
    assert_eq!(interviewer_ids(&cards), [i64::from(a.id)]);

    score(&app, &b, &interview, ratings(&[("communication", 2)], "no")).await;
    let (status, cards) = team_cards(&app, &b, &interview).await;
    assert_eq!(status, 200, "{cards}");
    assert_eq!(interviewer_ids(&cards), [i64::from(a.id), i64::from(b.id)]);
    let of_a = cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["interviewer_id"] == a.id)
        .unwrap();
    assert_eq!(of_a["recommendation"], "yes");
    assert_eq!(of_a["answers"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_hiring_team_sees_submitted_cards_at_any_time_and_never_drafts() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let manager = member(&app, "hiring_manager").await;
    let ceo = member(&app, "ceo").await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a, &b]).await;

    for who in [&hiring.recruiter, &manager, &ceo] {
        let (status, cards) = team_cards(&app, who, &interview).await;
        assert_eq!(status, 200, "{cards}");
        assert_eq!(cards, json!([]), "nothing submitted yet");
    }
    score(&app, &a, &interview, full_card(&interview)).await;
    let (status, _) = put_card(&app, &b, &interview, ratings(&[("tools", 1)], "no")).await;
    assert_eq!(status, 200);

    for who in [&hiring.recruiter, &manager, &ceo] {
        let (status, cards) = team_cards(&app, who, &interview).await;
        assert_eq!(status, 200, "{cards}");
        assert_eq!(
            interviewer_ids(&cards),
            [i64::from(a.id)],
            "B's draft stays hidden"
        );
        assert_eq!(cards[0]["status"], "submitted");
    }
}

#[tokio::test]
async fn a_submitted_card_is_read_only() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    score(&app, &a, &interview, full_card(&interview)).await;
    let before = stored_card(&app, &interview, &a).await.unwrap();

    let (status, problem) = put_card(&app, &a, &interview, ratings(&[("tools", 1)], "no")).await;
    assert_eq!(status, 409, "{problem}");
    let (status, _) = submit(&app, &a, &interview).await;
    assert_eq!(status, 409, "a second submit");

    let after = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(after.card, before.card);
    assert_eq!(after.answers, before.answers);
    assert_eq!(after.ratings, before.ratings);
    let (_, mine) = call(
        &app,
        Method::GET,
        &scorecard_path(&interview, "/me"),
        &a.token,
        json!({}),
    )
    .await;
    assert_eq!(mine["recommendation"], "yes");
}

fn one_answer(question_id: Value, score: Value, follow_ups: Value) -> Value {
    json!({"answers": [{"question_id": question_id, "score": score,
                        "follow_ups_asked": follow_ups}],
           "ratings": [], "recommendation": "yes"})
}

#[tokio::test]
async fn scores_outside_one_to_five_or_not_numbers_are_refused_naming_the_answer() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    let (status, _) = put_card(&app, &a, &interview, full_card(&interview)).await;
    assert_eq!(status, 200);
    let before = stored_card(&app, &interview, &a).await.unwrap();
    let q = json!(kit_question(&interview, "communication", 0));

    for score in [json!(0), json!(6), json!("five")] {
        let card = one_answer(q.clone(), score.clone(), json!([]));
        let (status, problem) = put_card(&app, &a, &interview, card).await;
        assert_eq!(status, 422, "score {score}: {problem}");
        assert_eq!(fields(&problem), ["answers[0].score"], "score {score}");
        let message = problem["errors"][0]["message"].as_str().unwrap();
        assert!(!message.is_empty(), "a message for score {score}");
    }
    let (_, problem) = put_card(&app, &a, &interview, one_answer(q, json!(0), json!([]))).await;
    assert_eq!(
        problem["errors"][0]["message"],
        "A score is a whole number from 1 to 5."
    );

    let after = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(
        after.answers, before.answers,
        "nothing saved by a refused PUT"
    );
    assert_eq!(after.ratings, before.ratings);
}

#[tokio::test]
async fn answers_must_be_to_the_interviews_kit_with_follow_ups_of_their_own_question() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    let (status, _) = put_card(&app, &a, &interview, full_card(&interview)).await;
    assert_eq!(status, 200);
    let before = stored_card(&app, &interview, &a).await.unwrap();
    let in_kit: Vec<i64> = interview["kit"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect();
    let outside = question::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|q| i64::from(q.id))
        .find(|id| !in_kit.contains(id))
        .expect("a bank question outside this kit");
    let first = kit_questions(&interview, "communication")[0];
    let second = kit_questions(&interview, "tools")[0];
    let probe_of_second = id_of(&second["follow_ups"][0]);

    let cases = [
        (
            one_answer(json!(outside), json!(3), json!([])),
            "answers[0].question_id",
        ),
        (
            one_answer(json!(999_999), json!(3), json!([])),
            "answers[0].question_id",
        ),
        (
            one_answer(json!(id_of(first)), json!(3), json!([probe_of_second])),
            "answers[0].follow_ups_asked",
        ),
    ];
    for (card, field) in cases {
        let (status, problem) = put_card(&app, &a, &interview, card.clone()).await;
        assert_eq!(status, 422, "{card}: {problem}");
        assert_eq!(fields(&problem), [field], "{card}");
    }

    let after = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(
        after.answers, before.answers,
        "nothing saved by a refused PUT"
    );
    assert_eq!(after.ratings, before.ratings);
}

#[tokio::test]
async fn ratings_need_a_known_competency_and_the_recommendation_a_known_word() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    let (status, _) = put_card(&app, &a, &interview, full_card(&interview)).await;
    assert_eq!(status, 200);
    let before = stored_card(&app, &interview, &a).await.unwrap();

    let cases = [
        (ratings(&[("charisma", 4)], "yes"), "ratings[0].competency"),
        (ratings(&[("tools", 7)], "yes"), "ratings[0].score"),
        (ratings(&[("tools", 4)], "maybe"), "recommendation"),
    ];
    for (card, field) in cases {
        let (status, problem) = put_card(&app, &a, &interview, card.clone()).await;
        assert_eq!(status, 422, "{card}: {problem}");
        assert_eq!(fields(&problem), [field], "{card}");
    }

    let after = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(
        after.answers, before.answers,
        "nothing saved by a refused PUT"
    );
    assert_eq!(after.ratings, before.ratings);
    assert_eq!(after.card.recommendation.as_deref(), Some("yes"));
}

#[tokio::test]
async fn a_card_without_a_recommendation_cannot_be_submitted() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    let (status, _) = put_card(
        &app,
        &a,
        &interview,
        json!({"ratings": [{"competency": "tools", "score": 4}]}),
    )
    .await;
    assert_eq!(status, 200);

    let (status, problem) = submit(&app, &a, &interview).await;

    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["recommendation"]);
    let stored = stored_card(&app, &interview, &a).await.unwrap();
    assert_eq!(stored.card.status, "draft");
    assert_eq!(stored.card.submitted_at, None);
}

#[tokio::test]
async fn a_fractional_score_is_refused_naming_the_answer() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a]).await;
    let q = json!(kit_question(&interview, "communication", 0));

    let (status, problem) =
        put_card(&app, &a, &interview, one_answer(q, json!(4.5), json!([]))).await;

    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["answers[0].score"], "{problem}");
}

#[tokio::test]
async fn a_hiring_manager_who_interviews_scores_blind_too() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let interviewer = member(&app, "interviewer").await;
    let manager = member(&app, "hiring_manager").await;
    let interview = interview_with(&app, &hiring, &[&interviewer, &manager]).await;
    score(&app, &interviewer, &interview, full_card(&interview)).await;

    let (status, _) = team_cards(&app, &manager, &interview).await;
    assert_eq!(status, 403, "on the interview: their own card first");
    score(&app, &manager, &interview, full_card(&interview)).await;
    let (status, cards) = team_cards(&app, &manager, &interview).await;
    assert_eq!(status, 200);
    assert_eq!(cards.as_array().unwrap().len(), 2);
}
