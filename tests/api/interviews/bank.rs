//! The question bank: the seed as the API serves it, and versioning — an edit in the browser
//! makes a new version, retiring takes a question out of new kits, and what was asked stays.

use super::*;

async fn bank(app: &TestApp, token: &str, lang: &str) -> Vec<Value> {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/questions?lang={lang}"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body.as_array().unwrap().clone()
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn kit_ids(interview: &Value) -> Vec<i64> {
    interview["kit"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect()
}

async fn get_interview(app: &TestApp, token: &str, interview: &Value) -> Value {
    let path = format!("/interviews/{}", id_of(interview));
    let (status, body) = call(app, Method::GET, &path, token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The question form as the browser posts it after the recruiter rewrote the wording.
const REVISED: [(&str, &str); 16] = [
    ("minutes", "7"),
    ("interviews", "competency"),
    (
        "text_ru",
        "Расскажите, как вы объясняли сложное простыми словами.",
    ),
    (
        "text_en",
        "Tell me how you explained something complex in plain words.",
    ),
    ("strong_ru", "Пример, структура, проверка понимания."),
    (
        "strong_en",
        "An example, a structure, a check of understanding.",
    ),
    ("red_flags_ru", "Жаргон, нет примера."),
    ("red_flags_en", "Jargon, no example."),
    ("fu0_code", ""),
    ("fu0_when_ru", "Если пример общий"),
    ("fu0_when_en", "If the example is vague"),
    ("fu0_text_ru", "Что именно вы сказали?"),
    ("fu0_text_en", "What exactly did you say?"),
    ("fu1_code", ""),
    ("fu1_text_ru", ""),
    ("fu1_text_en", ""),
];

/// The first communication question of a first interview, answered and submitted by A.
struct Asked {
    hiring: Hiring,
    interview: Value,
    question: i64,
    a: Member,
}

async fn asked(app: &TestApp) -> Asked {
    let hiring = hiring(app).await;
    let a = member(app, "interviewer").await;
    let interview = interview_with(app, &hiring, &[&a]).await;
    let question = kit_question(&interview, "communication", 0);
    let card = json!({"answers": [{"question_id": question, "score": 4}], "ratings": [],
                      "recommendation": "yes"});
    score(app, &a, &interview, card).await;
    Asked {
        hiring,
        interview,
        question,
        a,
    }
}

/// The question ids A's submitted card of the first interview answers.
async fn answered(app: &TestApp, asked: &Asked) -> Vec<i64> {
    stored_card(app, &asked.interview, &asked.a)
        .await
        .unwrap()
        .answers
        .iter()
        .map(|a| i64::from(a.question_id))
        .collect()
}

#[tokio::test]
async fn the_seed_bank_has_72_questions_over_ten_competencies_each_with_a_follow_up() {
    let app = spawn_app().await;
    let token = member(&app, "interviewer").await.token;

    let questions = bank(&app, &token, "en").await;

    assert!(questions.len() >= 72, "{} questions", questions.len());
    let mut competencies: Vec<&str> = questions
        .iter()
        .map(|q| q["competency"].as_str().unwrap())
        .collect();
    competencies.sort_unstable();
    competencies.dedup();
    assert!(competencies.len() >= 10, "{competencies:?}");
    for q in &questions {
        let text = q["text"].as_str().unwrap();
        assert!(!text.trim().is_empty(), "{}", q["code"]);
        assert!(!has_cyrillic(text), "English asked for: {text}");
        assert!(!q["strong_answer"].as_str().unwrap().trim().is_empty());
        let follow_ups = q["follow_ups"].as_array().unwrap();
        assert!(!follow_ups.is_empty(), "{} has no follow-up", q["code"]);
        for f in follow_ups {
            assert!(!f["text"].as_str().unwrap().trim().is_empty(), "{f}");
        }
    }
}

#[tokio::test]
async fn the_bank_speaks_russian_when_asked() {
    let app = spawn_app().await;
    let token = member(&app, "interviewer").await.token;

    let questions = bank(&app, &token, "ru").await;

    assert!(questions.len() >= 72);
    for q in &questions {
        assert!(has_cyrillic(q["text"].as_str().unwrap()), "{}", q["text"]);
        assert!(has_cyrillic(q["follow_ups"][0]["text"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn editing_a_question_makes_a_new_version_and_what_was_asked_keeps_the_old_wording() {
    let app = spawn_app().await;
    let asked = asked(&app).await;
    let token = asked.hiring.recruiter.token.clone();
    let old = question_row(&app, asked.question).await;
    let bank_before = bank(&app, &token, "en").await.len();
    app.login(&asked.hiring.recruiter.email, PASSWORD).await;

    let response = app
        .post_form(&format!("/questions/{}", asked.question), &REVISED)
        .await;

    assert_eq!(response.status(), 303);
    let versions = question::Entity::find()
        .filter(question::Column::Code.eq(old.code.as_str()))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
    let new = versions.iter().find(|q| q.id != old.id).unwrap();
    assert_eq!(new.version, old.version + 1);
    assert_eq!(new.competency, "communication");
    assert_eq!(new.text_en, REVISED[3].1);
    assert_eq!(new.minutes, 7);
    let old_now = question_row(&app, asked.question).await;
    assert_eq!(old_now.superseded_by, Some(new.id));
    assert_eq!(old_now.text_ru, old.text_ru, "the old wording stays");

    let first = get_interview(&app, &token, &asked.interview).await;
    let item = first["kit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| id_of(q) == asked.question)
        .expect("the old version stays in the scheduled interview");
    assert_eq!(item["text"], old.text_ru.as_str());
    assert!(!kit_ids(&first).contains(&i64::from(new.id)));
    assert_eq!(answered(&app, &asked).await, [asked.question]);

    let second = interview_with(&app, &asked.hiring, &[&asked.a]).await;
    let second_ids = kit_ids(&second);
    assert!(second_ids.contains(&i64::from(new.id)), "a new kit asks v2");
    assert!(!second_ids.contains(&asked.question));
    let item = second["kit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| id_of(q) == i64::from(new.id))
        .unwrap();
    assert_eq!(item["text"], REVISED[2].1);
    assert_eq!(item["follow_ups"].as_array().unwrap().len(), 1);

    let current = bank(&app, &token, "en").await;
    assert_eq!(current.len(), bank_before, "one version of each question");
    let ids: Vec<i64> = current.iter().map(id_of).collect();
    assert!(ids.contains(&i64::from(new.id)) && !ids.contains(&asked.question));
}

#[tokio::test]
async fn a_retired_question_leaves_new_kits_but_old_kits_and_scorecards_keep_it() {
    let app = spawn_app().await;
    let asked = asked(&app).await;
    let token = asked.hiring.recruiter.token.clone();
    let bank_before = bank(&app, &token, "en").await.len();
    app.login(&asked.hiring.recruiter.email, PASSWORD).await;

    let response = app
        .post_form(&format!("/questions/{}/retire", asked.question), &[])
        .await;

    assert_eq!(response.status(), 303);
    assert!(!question_row(&app, asked.question).await.active);
    let second = interview_with(&app, &asked.hiring, &[&asked.a]).await;
    assert!(
        !kit_ids(&second).contains(&asked.question),
        "not in new kits"
    );
    assert!(
        kit_ids(&get_interview(&app, &token, &asked.interview).await).contains(&asked.question)
    );
    assert_eq!(answered(&app, &asked).await, [asked.question]);
    let (status, cards) = call(
        &app,
        Method::GET,
        &scorecard_path(&asked.interview, ""),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cards[0]["answers"][0]["question_id"], asked.question);
    let current = bank(&app, &token, "en").await;
    assert_eq!(current.len(), bank_before - 1);
    assert!(!current.iter().any(|q| id_of(q) == asked.question));
}

#[tokio::test]
async fn every_question_is_tagged_hard_or_soft_as_its_competency_is() {
    let app = spawn_app().await;
    let token = member(&app, "interviewer").await.token;
    let (status, competencies) = call(&app, Method::GET, "/competencies", &token, json!({})).await;
    assert_eq!(status, 200, "{competencies}");
    let kind_of = |code: &str| {
        competencies
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .map(|c| c["kind"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{code} among {competencies}"))
    };

    let questions = bank(&app, &token, "en").await;

    let mut kinds_seen = Vec::new();
    for q in &questions {
        let expected = kind_of(q["competency"].as_str().unwrap());
        assert_eq!(q["kind"], expected.as_str(), "{}", q["code"]);
        kinds_seen.push(expected);
    }
    kinds_seen.dedup();
    assert!(kinds_seen.len() > 1, "both kinds are in the bank");
}

#[tokio::test]
async fn migration_39_retags_a_question_that_contradicts_its_competency() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
    let app = spawn_app().await;
    let rows = question::Entity::find().all(&app.db).await.unwrap();
    let spoiled = rows
        .iter()
        .find(|q| q.competency == "communication")
        .unwrap();
    assert_eq!(spoiled.kind, "soft");
    let mut changed: question::ActiveModel = spoiled.clone().into();
    changed.kind = Set("hard".into());
    changed.update(&app.db).await.unwrap();

    app.db
        .execute_unprepared(migration::ALIGN_QUESTION_KINDS)
        .await
        .unwrap();

    let after = question::Entity::find().all(&app.db).await.unwrap();
    let kinds = |list: &[question::Model]| {
        let mut pairs: Vec<(i32, String)> = list.iter().map(|q| (q.id, q.kind.clone())).collect();
        pairs.sort();
        pairs
    };
    assert_eq!(
        kinds(&after),
        kinds(&rows),
        "back to the competency's, nothing else moved"
    );
}
