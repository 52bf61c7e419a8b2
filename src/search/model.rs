//! Finding anyone from one box. Candidates are sought through their indexed search text
//! (`recruitment::search`); positions and internships are few enough per agency to fold and
//! match in memory, with the same rules (`domain::search`).

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::auth::model::CurrentUser;
use crate::domain::access::{Action, Role};
use crate::domain::search::{Needle, fold};
use crate::entities::{candidate, internship, position, user};
use crate::error::AppResult;

/// Most hits of each kind: the box is for finding one person or position, not for browsing.
pub const PER_KIND: u64 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Candidate,
    Position,
    Internship,
}

/// One thing found, with the page that shows it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i32,
    /// The person's name or the position's title.
    pub title: String,
    /// What tells two hits of the same name apart: the person's job and company, the
    /// position's company, the intern's group.
    pub subtitle: String,
    /// A status code for positions and internships (`open`, `active`, …), for the page to word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub url: String,
}

/// Everything `user` may see that matches `typed`, candidates first, each kind newest first.
pub async fn find(db: &DatabaseConnection, user: &CurrentUser, typed: &str) -> AppResult<Vec<Hit>> {
    let Some(needle) = Needle::parse(typed) else {
        return Ok(Vec::new());
    };
    let mut hits = candidates(db, user, &needle).await?;
    if user.can(Action::ViewPositions) {
        hits.extend(positions(db, &needle).await?);
    }
    hits.extend(internships(db, user, &needle).await?);
    Ok(hits)
}

async fn candidates(
    db: &DatabaseConnection,
    user: &CurrentUser,
    needle: &Needle,
) -> AppResult<Vec<Hit>> {
    // Interviewers read candidates through their interviews, not as a list of people.
    if !user.can(Action::ViewAllCandidates) {
        return Ok(Vec::new());
    }
    let query = candidate::Entity::find().filter(candidate::Column::ErasedAt.is_null());
    let (query, newest_first) =
        crate::recruitment::search::narrow(query, db.get_database_backend(), needle.as_str());
    let people = query
        .order_by(newest_first, Order::Desc)
        .limit(PER_KIND)
        .all(db)
        .await?;
    Ok(people
        .into_iter()
        .map(|person| {
            let subtitle = [
                person.current_title.as_deref(),
                person.current_company.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            let subtitle = if subtitle.is_empty() {
                person.email.clone().unwrap_or_default()
            } else {
                subtitle
            };
            Hit {
                kind: HitKind::Candidate,
                id: person.id,
                title: person.full_name,
                subtitle,
                status: None,
                url: format!("/candidates/{}", person.id),
            }
        })
        .collect())
}

async fn positions(db: &DatabaseConnection, needle: &Needle) -> AppResult<Vec<Hit>> {
    let rows: Vec<(i32, String, String, String)> = position::Entity::find()
        .select_only()
        .columns([
            position::Column::Id,
            position::Column::Title,
            position::Column::Company,
            position::Column::Status,
        ])
        .order_by_desc(position::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, title, company, _)| needle.matches(&fold(&format!("{title} {company}"))))
        .take(PER_KIND as usize)
        .map(|(id, title, company, status)| Hit {
            kind: HitKind::Position,
            id,
            title,
            subtitle: company,
            status: Some(status),
            url: format!("/positions/{id}"),
        })
        .collect())
}

async fn internships(
    db: &DatabaseConnection,
    user: &CurrentUser,
    needle: &Needle,
) -> AppResult<Vec<Hit>> {
    let mut query = internship::Entity::find()
        .select_only()
        .columns([
            internship::Column::Id,
            internship::Column::GroupName,
            internship::Column::Status,
        ])
        .column_as(Expr::col((user::Entity, user::Column::Name)), "name")
        .column_as(Expr::col((user::Entity, user::Column::Email)), "email")
        .join(
            sea_orm::JoinType::InnerJoin,
            internship::Entity::belongs_to(user::Entity)
                .from(internship::Column::InternId)
                .to(user::Column::Id)
                .into(),
        )
        .order_by_desc(internship::Column::Id);
    if user.can(Action::ViewInternships) {
        // The whole cohort.
    } else if user.role == Role::Mentor {
        query = query.filter(internship::Column::MentorId.eq(user.id));
    } else {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, String, String, String, String)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, _, name, email)| needle.matches(&fold(&format!("{name} {email}"))))
        .take(PER_KIND as usize)
        .map(|(id, group, status, name, _)| Hit {
            kind: HitKind::Internship,
            id,
            title: name,
            subtitle: group,
            status: Some(status),
            url: format!("/internships/{id}"),
        })
        .collect())
}
