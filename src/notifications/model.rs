//! Notifications: written by the features when something needs a person, read on the bell's
//! page and over the API. A notification keeps its kind and its sentence's values; the words
//! come from `notification-<kind>` in the reader's language when it is shown.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::entities::{application, candidate, notification, position, user};
use crate::error::{AppError, AppResult};
use crate::web::i18n::{Lang, Message};

/// What happened that needs the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Someone wrote `@their-email` in a note.
    Mentioned,
    /// They were made an interviewer of an interview.
    InterviewAssigned,
    /// An interview they sat in is over and their scorecard is not in.
    ScorecardOverdue,
    /// A candidate answered an email (fetched from the agency mailbox).
    ReplyReceived,
    /// An offer waits for their approval.
    ApprovalRequested,
    /// A candidate accepted or declined an offer.
    OfferAnswered,
    /// hh.ru refused the connection's tokens: an admin has to connect it again.
    HhReconnect,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Mentioned,
        Kind::InterviewAssigned,
        Kind::ScorecardOverdue,
        Kind::ReplyReceived,
        Kind::ApprovalRequested,
        Kind::OfferAnswered,
        Kind::HhReconnect,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mentioned => "mentioned",
            Kind::InterviewAssigned => "interview_assigned",
            Kind::ScorecardOverdue => "scorecard_overdue",
            Kind::ReplyReceived => "reply_received",
            Kind::ApprovalRequested => "approval_requested",
            Kind::OfferAnswered => "offer_answered",
            Kind::HhReconnect => "hh_reconnect",
        }
    }

    /// The key of the sentence that tells it.
    pub fn message_key(self) -> &'static str {
        match self {
            Kind::Mentioned => "notification-mentioned",
            Kind::InterviewAssigned => "notification-interview_assigned",
            Kind::ScorecardOverdue => "notification-scorecard_overdue",
            Kind::ReplyReceived => "notification-reply_received",
            Kind::ApprovalRequested => "notification-approval_requested",
            Kind::OfferAnswered => "notification-offer_answered",
            Kind::HhReconnect => "notification-hh_reconnect",
        }
    }

    fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// The values a sentence may name. Each kind's sentence uses some of them.
const ARG_NAMES: [&str; 5] = ["actor", "candidate", "position", "subject", "answer"];

/// Something to tell: the kind, its values by name (from [`ARG_NAMES`]) and where it leads.
#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: Kind,
    pub args: Vec<(&'static str, String)>,
    pub url: String,
    /// Who caused it; never told of their own action.
    pub actor_id: Option<i32>,
}

impl Notice {
    pub fn new(kind: Kind, url: impl Into<String>) -> Self {
        Notice {
            kind,
            args: Vec::new(),
            url: url.into(),
            actor_id: None,
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        debug_assert!(
            ARG_NAMES.contains(&name),
            "unknown notification value {name}"
        );
        self.args.push((name, value.into()));
        self
    }

    pub fn by(mut self, actor_id: i32) -> Self {
        self.actor_id = Some(actor_id);
        self
    }
}

/// Tells each of `users` (once each, never the actor). Written inside the caller's
/// transaction when it has one, so a notification exists exactly when its cause does.
pub async fn notify<C: ConnectionTrait>(db: &C, users: &[i32], notice: &Notice) -> AppResult<()> {
    let args: Map<String, Value> = notice
        .args
        .iter()
        .map(|(name, value)| ((*name).to_owned(), Value::String(value.clone())))
        .collect();
    let args = Value::Object(args).to_string();
    let now = Utc::now();
    let mut told: Vec<i32> = Vec::new();
    for &user_id in users {
        if Some(user_id) == notice.actor_id || told.contains(&user_id) {
            continue;
        }
        told.push(user_id);
        notification::ActiveModel {
            user_id: Set(user_id),
            kind: Set(notice.kind.as_str().to_owned()),
            args: Set(args.clone()),
            url: Set(notice.url.clone()),
            actor_id: Set(notice.actor_id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The active users with these emails (for `@mentions`), by id.
pub async fn users_by_email<C: ConnectionTrait>(db: &C, emails: &[String]) -> AppResult<Vec<i32>> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Email.is_in(emails.iter().cloned()))
        .filter(user::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?)
}

/// What an application is about, as notifications name it: the person, the position, and
/// the recruiter who owns the position.
pub struct About {
    pub candidate: String,
    pub position: String,
    pub owner: Option<i32>,
}

/// `None` when the application is gone.
pub async fn about_application<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> AppResult<Option<About>> {
    let Some(found) = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let candidate = candidate::Entity::find_by_id(found.candidate_id)
        .one(db)
        .await?
        .map(|c| c.full_name)
        .unwrap_or_default();
    let post = position::Entity::find_by_id(found.position_id)
        .one(db)
        .await?;
    Ok(Some(About {
        candidate,
        owner: post.as_ref().and_then(|p| p.recruiter_id),
        position: post.map(|p| p.title).unwrap_or_default(),
    }))
}

/// One notification as its reader sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Shown {
    pub id: i32,
    pub kind: String,
    /// The sentence in the reader's language.
    pub text: String,
    pub url: String,
    pub created_at: chrono::DateTime<Utc>,
    pub read_at: Option<chrono::DateTime<Utc>>,
}

/// The sentence of a stored notification in `lang`.
pub fn sentence(row: &notification::Model, lang: Lang) -> String {
    let Some(kind) = Kind::parse(&row.kind) else {
        return lang.text("notification-unknown");
    };
    let args: Map<String, Value> = serde_json::from_str(&row.args).unwrap_or_default();
    let mut message = Message::new(kind.message_key());
    for name in ARG_NAMES {
        let value = args.get(name).and_then(Value::as_str).unwrap_or_default();
        message = message.with(name, value);
    }
    lang.render(&message)
}

pub fn shown(row: notification::Model, lang: Lang) -> Shown {
    Shown {
        text: sentence(&row, lang),
        id: row.id,
        kind: row.kind,
        url: row.url,
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

/// A page of `user_id`'s notifications, newest first, and how many are unread.
pub async fn list(
    db: &DatabaseConnection,
    user_id: i32,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<notification::Model>, u64)> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((rows, unread(db, user_id).await?))
}

pub async fn unread(db: &DatabaseConnection, user_id: i32) -> AppResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the user's notifications read (again is fine); someone else's is 404.
pub async fn mark_read(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
) -> AppResult<notification::Model> {
    let row = notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.read_at.is_some() {
        return Ok(row);
    }
    let mut active: notification::ActiveModel = row.into();
    active.read_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// Marks every unread notification of the user read; how many there were.
pub async fn mark_all_read(db: &DatabaseConnection, user_id: i32) -> AppResult<u64> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The SQL the bell's count is read with, beside the signed-in user in one statement.
pub const UNREAD_SUBQUERY: &str = "(SELECT COUNT(*) FROM notifications n \
     WHERE n.user_id = users.id AND n.read_at IS NULL)";
