//! The funnel's cache: it answers without grouping again only while no application changes,
//! whoever writes the change.

use hireloop::entities::application;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;

use super::{fixture, go, report, stage};
use crate::helpers::{TestApp, spawn_app};

/// Statements one GET of `path` runs, as the app's database counts them.
async fn statements_for(app: &TestApp, token: &str, path: &str) -> u64 {
    let before = hireloop::db::statements_run(&app.database_url);
    report(app, token, path).await;
    hireloop::db::statements_run(&app.database_url) - before
}

/// Any write to an application, here straight to the database as a script or another
/// instance would: the trigger of migration 19 must move the version all the same.
async fn touch_application(app: &TestApp, id: i64, backup: bool) {
    let mut row: application::ActiveModel = application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.backup = Set(backup);
    row.update(&app.db).await.unwrap();
}

#[tokio::test]
async fn the_funnel_answers_from_its_cache_only_until_an_application_changes() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;
    let dina = f.applications[4];

    // Read after a write, and read again unchanged: the fewest of three tries each, so the
    // outbox worker's polls in between cannot decide the comparison.
    let mut after_write = u64::MAX;
    let mut unchanged = u64::MAX;
    for n in 0..3 {
        touch_application(&app, dina, n % 2 == 0).await;
        after_write = after_write.min(statements_for(&app, &token, "/reports/funnel").await);
        unchanged = unchanged.min(statements_for(&app, &token, "/reports/funnel").await);
    }
    assert!(
        unchanged < after_write,
        "an unchanged funnel ran {unchanged} statements, one read after a write {after_write}"
    );

    // Changes through the API show at once, in the funnel and in the sources report.
    let before = report(&app, &token, "/reports/funnel").await;
    assert_eq!(stage(&before, "short_list")["reached"], 3);
    go(&app, &token, dina, "move", json!({"to": "short_list"})).await;
    let moved = report(&app, &token, "/reports/funnel").await;
    assert_eq!(stage(&moved, "short_list")["reached"], 4);
    let sources = report(&app, &token, "/reports/sources").await;
    assert_eq!(sources["sources"][1]["short_listed"], 2, "{sources}");

    // So does a change written straight to the database.
    let mut row: application::ActiveModel = application::Entity::find_by_id(dina as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.stage = Set("withdrawn".into());
    row.left_from_stage = Set(Some("short_list".into()));
    row.update(&app.db).await.unwrap();
    let withdrawn = report(&app, &token, "/reports/funnel").await;
    assert_eq!(
        stage(&withdrawn, "short_list")["withdrawn"],
        1,
        "{withdrawn}"
    );
    assert_eq!(stage(&withdrawn, "short_list")["reached"], 4);
    assert_eq!(stage(&withdrawn, "references")["reached"], 2);
}
