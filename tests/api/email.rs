//! Email through the outbox, verified against a real SMTP server: what a candidate receives
//! when they apply and when they are rejected, calendar invitations, retries while the server
//! is down, nothing sent for a change that rolled back, the daily digest and the admin page.

use hireloop::entities::{candidate, outbox_message};
use hireloop::outbox::emails::{self, Invitation};
use hireloop::outbox::{ics, worker};
use hireloop::web::i18n::Lang;
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, spawn_app, spawn_app_with_smtp};
use crate::smtp::{SmtpSink, free_port};

/// An open position; returns its id and slug.
async fn open_position(app: &TestApp, token: &str) -> (i64, String) {
    let (_, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    (id, created["slug"].as_str().unwrap().to_owned())
}

/// A person on the position's long-list, added over the API.
async fn on_long_list(app: &TestApp, token: &str, position: i64, email: &str, lang: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": email, "lang": lang}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    application["id"].as_i64().unwrap()
}

/// The message among `messages` sent to `address` (a Maildir does not keep arrival order).
fn addressed_to<'a>(messages: &'a [Vec<u8>], address: &str) -> &'a [u8] {
    messages
        .iter()
        .find(|raw| {
            MessageParser::default()
                .parse(raw.as_slice())
                .and_then(|m| {
                    m.to()
                        .and_then(|to| to.first().and_then(|a| a.address().map(str::to_owned)))
                })
                .as_deref()
                == Some(address)
        })
        .unwrap_or_else(|| panic!("no message to {address}"))
}

/// Waits (up to 10 s) until the first queued message is as `ready` says.
async fn first_message_once(
    app: &TestApp,
    ready: impl Fn(&outbox_message::Model) -> bool,
) -> outbox_message::Model {
    for _ in 0..200 {
        let found = outbox_message::Entity::find().one(&app.db).await.unwrap();
        if let Some(message) = found.filter(|m| ready(m)) {
            return message;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the message never got there");
}

async fn rejections(app: &TestApp) -> usize {
    use sea_orm::{ColumnTrait, QueryFilter};
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("rejection"))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

async fn outbox_count(app: &TestApp) -> u64 {
    outbox_message::Entity::find().count(&app.db).await.unwrap()
}

/// Lets the held emails of mass actions go now, as if their hold had passed; returns how many
/// were held.
async fn release_held(app: &TestApp) -> u64 {
    use sea_orm::{ColumnTrait, QueryFilter};
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            (chrono::Utc::now() - chrono::Duration::seconds(1)).into(),
        )
        .filter(outbox_message::Column::BatchId.is_not_null())
        .filter(outbox_message::Column::Status.eq("pending"))
        .exec(&app.db)
        .await
        .unwrap()
        .rows_affected
}

mod delivery;
mod letters;
