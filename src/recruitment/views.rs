//! Read models of the pipeline, shared by pages and API: cards, the filtered list of
//! applications, an application's timeline and the follow-ups due (the board is in `board`).
//! Each is a fixed number of queries, however many rows it shows.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::domain::follow_up::is_stale;
use crate::domain::pipeline::Stage;
use crate::entities::{application, application_event, candidate, position, user};
use crate::error::AppResult;

/// One application, or 404. Readers that must not depend on the pipeline's operations (the
/// interviews) find applications here.
pub async fn application<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i32,
) -> AppResult<application::Model> {
    application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(crate::error::AppError::NotFound)
}

/// An application as a card or a row shows it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationCard {
    pub id: i32,
    pub candidate_id: i32,
    pub position_id: i32,
    pub full_name: String,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub stage: String,
    pub source: String,
    pub ended_reason: Option<String>,
    pub days_in_stage: i64,
    pub stale: bool,
    pub next_contact_on: Option<NaiveDate>,
    /// The next contact date has passed or is today.
    pub follow_up_due: bool,
    pub start_date: Option<NaiveDate>,
    pub started_on: Option<NaiveDate>,
    pub backup: bool,
    /// Where the generic move may take it from here.
    pub moves: Vec<&'static str>,
    pub version: i32,
    pub stage_changed_at: chrono::DateTime<Utc>,
    pub created_at: chrono::DateTime<Utc>,
}

fn card(
    a: application::Model,
    person: Option<&candidate::Model>,
    today: NaiveDate,
) -> ApplicationCard {
    let stage = Stage::parse(&a.stage);
    let days = (today - a.stage_changed_at.date_naive()).num_days().max(0);
    ApplicationCard {
        full_name: person.map(|p| p.full_name.clone()).unwrap_or_default(),
        current_title: person.and_then(|p| p.current_title.clone()),
        current_company: person.and_then(|p| p.current_company.clone()),
        stale: stage.is_some_and(|s| is_stale(s, days)),
        follow_up_due: a.next_contact_on.is_some_and(|d| d <= today),
        moves: stage
            .map(|s| s.moves().into_iter().map(Stage::as_str).collect())
            .unwrap_or_default(),
        days_in_stage: days,
        id: a.id,
        candidate_id: a.candidate_id,
        position_id: a.position_id,
        stage: a.stage,
        source: a.source,
        ended_reason: a.ended_reason,
        next_contact_on: a.next_contact_on,
        start_date: a.start_date,
        started_on: a.started_on,
        backup: a.backup,
        version: a.version,
        stage_changed_at: a.stage_changed_at,
        created_at: a.created_at,
    }
}

/// Turns applications into cards with one more query for their people.
pub async fn cards(
    db: &DatabaseConnection,
    applications: Vec<application::Model>,
) -> AppResult<Vec<ApplicationCard>> {
    if applications.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = applications.iter().map(|a| a.candidate_id).collect();
    let people: HashMap<i32, candidate::Model> = candidate::Entity::find()
        .filter(candidate::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let today = Utc::now().date_naive();
    Ok(applications
        .into_iter()
        .map(|a| {
            let person = people.get(&a.candidate_id);
            card(a, person, today)
        })
        .collect())
}

/// Every application of one person, newest first, as cards: the person is already at hand,
/// so one query.
pub async fn of_candidate(
    db: &DatabaseConnection,
    person: &candidate::Model,
) -> AppResult<Vec<ApplicationCard>> {
    let applications = application::Entity::find()
        .filter(application::Column::CandidateId.eq(person.id))
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    let today = Utc::now().date_naive();
    Ok(applications
        .into_iter()
        .map(|a| card(a, Some(person), today))
        .collect())
}

pub async fn card_of(
    db: &DatabaseConnection,
    application: application::Model,
) -> AppResult<ApplicationCard> {
    Ok(cards(db, vec![application]).await?.remove(0))
}

/// Filters of the applications list.
#[derive(Clone, Debug, Default, serde::Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApplicationFilter {
    pub position_id: Option<i32>,
    pub candidate_id: Option<i32>,
    pub stage: Option<String>,
    pub source: Option<String>,
    /// A candidate tag.
    pub tag: Option<String>,
    /// Search in the candidate's name, contacts and company.
    pub q: Option<String>,
    /// Only cards that have sat in their stage too long.
    pub stale: Option<bool>,
    /// `name`, `stage`, `days` (longest in stage first) or `newest` (the default).
    pub sort: Option<String>,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Applications matching `filter`, one page of them, with the total.
pub async fn list(
    db: &DatabaseConnection,
    filter: &ApplicationFilter,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<ApplicationCard>, u64)> {
    let mut query = application::Entity::find();
    if let Some(id) = filter.position_id {
        query = query.filter(application::Column::PositionId.eq(id));
    }
    if let Some(id) = filter.candidate_id {
        query = query.filter(application::Column::CandidateId.eq(id));
    }
    if let Some(stage) = non_empty(&filter.stage) {
        query = query.filter(application::Column::Stage.eq(stage));
    }
    if let Some(source) = non_empty(&filter.source) {
        query = query.filter(application::Column::Source.eq(source));
    }
    let q = non_empty(&filter.q).and_then(crate::domain::search::Needle::parse);
    let tag = non_empty(&filter.tag).map(|t| format!(",{},", t.to_lowercase()));
    if q.is_some() || tag.is_some() {
        let mut people = candidate::Entity::find()
            .select_only()
            .column(candidate::Column::Id);
        if let Some(q) = &q {
            people = people.filter(super::search::contains(
                db.get_database_backend(),
                q.as_str(),
            ));
        }
        if let Some(tag) = &tag {
            people = people.filter(candidate::Column::Tags.contains(tag));
        }
        query = query.filter(
            application::Column::CandidateId.in_subquery(sea_orm::QueryTrait::into_query(people)),
        );
    }
    if filter.stale == Some(true) {
        // Stale is "longer in the stage than its limit": one condition per stage that has one.
        let today = Utc::now();
        let mut any = Condition::any();
        for stage in Stage::FLOW {
            if let Some(days) = crate::domain::follow_up::stale_after_days(stage) {
                any = any.add(
                    Condition::all()
                        .add(application::Column::Stage.eq(stage.as_str()))
                        .add(
                            application::Column::StageChangedAt
                                .lt(today - chrono::Duration::days(days + 1)),
                        ),
                );
            }
        }
        query = query.filter(any);
    }
    let total = query.clone().count(db).await?;
    query = match filter.sort.as_deref() {
        Some("days") => query.order_by_asc(application::Column::StageChangedAt),
        // In the order of the flow, not of the alphabet.
        Some("stage") => query.order_by(
            sea_orm::sea_query::Expr::cust(
                "CASE stage WHEN 'long_list' THEN 1 WHEN 'short_list' THEN 2 \
                 WHEN 'references' THEN 3 WHEN 'ceo_interview' THEN 4 WHEN 'offer' THEN 5 \
                 WHEN 'hired' THEN 6 WHEN 'started' THEN 7 WHEN 'rejected' THEN 8 ELSE 9 END",
            ),
            sea_orm::Order::Asc,
        ),
        // By the person's name: `search_text` starts with it, lower-cased in Rust so that
        // Cyrillic sorts the same on SQLite and PostgreSQL.
        Some("name") => query.order_by(
            sea_orm::sea_query::Expr::cust(
                "(SELECT c.search_text FROM candidates c WHERE c.id = applications.candidate_id)",
            ),
            sea_orm::Order::Asc,
        ),
        _ => query.order_by_desc(application::Column::Id),
    };
    let page = query.limit(limit).offset(offset).all(db).await?;
    Ok((cards(db, page).await?, total))
}

/// One entry of a timeline, with who did it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub id: i32,
    pub application_id: i32,
    pub at: chrono::DateTime<Utc>,
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    /// created, stage, comment, contacted, next_contact
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub note: Option<String>,
}

/// The entries this user may read: an offer's terms and answers only for those who see
/// salaries, a referee only for those who see references (an interviewer sees neither).
pub fn visible_to(
    entries: Vec<TimelineEntry>,
    user: &crate::auth::model::CurrentUser,
) -> Vec<TimelineEntry> {
    let salaries = user.can(crate::domain::access::Action::ViewSalaries);
    let references = user.can(crate::domain::access::Action::ViewReferences);
    entries
        .into_iter()
        .filter(|entry| match entry.kind.as_str() {
            "offer" | "offer_declined" => salaries,
            "reference" => references,
            _ => true,
        })
        .collect()
}

/// The timelines of these applications, newest first: two queries.
pub async fn timeline(
    db: &DatabaseConnection,
    application_ids: Vec<i32>,
) -> AppResult<Vec<TimelineEntry>> {
    if application_ids.is_empty() {
        return Ok(Vec::new());
    }
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(application_ids))
        .order_by_desc(application_event::Column::At)
        .order_by_desc(application_event::Column::Id)
        .all(db)
        .await?;
    let mut actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let names: HashMap<i32, String> = if actor_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::Name)
            .filter(user::Column::Id.is_in(actor_ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(events
        .into_iter()
        .map(|e| TimelineEntry {
            actor_name: e.actor_id.and_then(|id| names.get(&id).cloned()),
            id: e.id,
            application_id: e.application_id,
            at: e.at,
            actor_id: e.actor_id,
            kind: e.kind,
            from_stage: e.from_stage,
            to_stage: e.to_stage,
            note: e.note,
        })
        .collect())
}

/// A follow-up due today or overdue, with the position it is for.
#[derive(Serialize)]
pub struct FollowUp {
    pub card: ApplicationCard,
    pub position_title: String,
    pub overdue: bool,
}

/// Active applications whose next contact is today or earlier, oldest first.
/// Follow-ups are counted up to this many; past it the dashboard says "999+" (an agency that
/// far behind needs to know it is far behind, not by exactly how much, and counting 100,000
/// overdue contacts on every dashboard view is what made it slow).
pub const FOLLOW_UPS_COUNTED_UP_TO: u64 = 999;

pub async fn follow_ups_due(
    db: &DatabaseConnection,
    limit: u64,
) -> AppResult<(Vec<FollowUp>, u64)> {
    let today = Utc::now().date_naive();
    let in_progress = position::Entity::find()
        .select_only()
        .column(position::Column::Id)
        .filter(position::Column::Status.is_in(["draft", "open", "on_hold"]));
    let query = application::Entity::find()
        .filter(
            application::Column::PositionId
                .in_subquery(sea_orm::QueryTrait::into_query(in_progress)),
        )
        .filter(application::Column::NextContactOn.lte(today))
        .filter(application::Column::Stage.is_not_in([
            Stage::Started.as_str(),
            Stage::Rejected.as_str(),
            Stage::Withdrawn.as_str(),
        ]));
    let total = query
        .clone()
        .limit(FOLLOW_UPS_COUNTED_UP_TO + 1)
        .count(db)
        .await?;
    let due = query
        .order_by_asc(application::Column::NextContactOn)
        .limit(limit)
        .all(db)
        .await?;
    let position_ids: Vec<i32> = due.iter().map(|a| a.position_id).collect();
    let titles: HashMap<i32, String> =
        crate::positions::model::titles(db, Some(position_ids), None)
            .await?
            .into_iter()
            .collect();
    let cards = cards(db, due).await?;
    Ok((
        cards
            .into_iter()
            .map(|card| FollowUp {
                position_title: titles.get(&card.position_id).cloned().unwrap_or_default(),
                overdue: card.next_contact_on.is_some_and(|d| d < today),
                card,
            })
            .collect(),
        total,
    ))
}
