//! Large files: 10,000 rows go through the background worker to done with the progress
//! reaching 100 %, and a batch whose instance died mid-way is taken over and finished without
//! making anyone twice.

use super::*;
use chrono::Utc;
use sea_orm::sea_query::Expr;

fn people(count: usize, domain: &str) -> String {
    let mut csv = String::from("Name,Email,Phone,Title,Company,Expected salary,Link,Source\n");
    for n in 0..count {
        csv.push_str(&format!(
            "Person {n},person{n}@{domain},+44 20 7{n:06},Account manager,Agency {n},{},https://example.org/{n},hh\n",
            100_000 + n
        ));
    }
    csv
}

#[tokio::test]
async fn ten_thousand_rows_import_in_the_background_to_one_hundred_percent() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, preview) = upload(
        &app,
        &token,
        people(10_000, "big.test").as_bytes(),
        "consent=true",
    )
    .await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(preview["counts"]["new"], 10_000);
    assert_eq!(
        preview["rows"].as_array().unwrap().len(),
        50,
        "rows come a page at a time"
    );
    let id = preview["id"].as_i64().unwrap();

    let (status, started) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 202, "{started}");
    assert_eq!(started["state"], "importing");

    let (done, seen) = wait_until_done(&app, &token, id).await;
    assert_eq!(done["progress"], 100);
    assert_eq!(done["processed_rows"], 10_000);
    assert_eq!(done["created_rows"], 10_000);
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back: {seen:?}"
    );
    assert_eq!(count_candidates(&app).await, 10_000);
    assert_eq!(
        consent::Entity::find()
            .filter(consent::Column::Basis.eq("import"))
            .count(&app.db)
            .await
            .unwrap(),
        10_000
    );
}

#[tokio::test]
async fn a_batch_left_by_a_dead_instance_is_resumed_without_duplicates() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, preview) = upload(
        &app,
        &token,
        people(700, "resume.test").as_bytes(),
        "consent=true",
    )
    .await;
    assert_eq!(status, 201);
    let id = preview["id"].as_i64().unwrap() as i32;
    // Another instance confirmed it and holds the claim: the worker here must not touch it.
    import_batch::Entity::update_many()
        .col_expr(import_batch::Column::State, Expr::value("importing"))
        .col_expr(
            import_batch::Column::ClaimedUntil,
            Expr::value(Some(Utc::now() + chrono::Duration::hours(1))),
        )
        .filter(import_batch::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    // It wrote one chunk, then died.
    assert!(hireloop::imports::run::chunk(&app.db, id).await.unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let half = import_batch::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(half.processed_rows, 500);
    assert_eq!(count_candidates(&app).await, 500);

    // Its claim runs out; this instance's worker takes over and finishes.
    import_batch::Entity::update_many()
        .col_expr(
            import_batch::Column::ClaimedUntil,
            Expr::value(Some(Utc::now() - chrono::Duration::seconds(1))),
        )
        .filter(import_batch::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    let (done, _) = wait_until_done(&app, &token, i64::from(id)).await;
    assert_eq!(done["created_rows"], 700);
    assert_eq!(count_candidates(&app).await, 700);
    let unfinished = import_row::Entity::find()
        .filter(import_row::Column::BatchId.eq(id))
        .filter(import_row::Column::Outcome.is_null())
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(unfinished, 0);
}
