//! A started hire's probation plan: made when the hire starts (or on the first read for hires
//! who started before plans existed), read with the first week judged from the onboarding
//! checklist, and recorded by the hiring manager, the CEO or an admin.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::calendar::ProductionCalendar;
use crate::domain::follow_up::milestone_overdue;
use crate::domain::pipeline::Stage;
use crate::domain::probation::{self as rules, Milestone};
use crate::entities::{
    application, offer, onboarding_item, position, probation_kpi, probation_milestone,
};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// One milestone as the plan shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MilestoneView {
    /// `first_week`, `two_month_check` or `probation_result`.
    pub code: String,
    /// A working day by the production calendar; an extension moves the result's.
    pub due_on: NaiveDate,
    /// When it was done or decided; for the first week also when the checklist's last
    /// first-week item was ticked.
    pub done_at: Option<DateTime<Utc>>,
    /// `done`; `independent` / `not_independent`; `passed` / `extended` / `not_passed`.
    pub result: Option<String>,
    pub note: Option<String>,
    /// Past its day with no result.
    pub overdue: bool,
}

/// The KPIs of one month of probation; a figure not recorded is null.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct KpiMonth {
    /// 1 for the first month after the start.
    pub month: i32,
    /// Share of the hire's clients lost in the month, per cent.
    pub churn_percent: Option<i32>,
    /// Net promoter score of the hire's clients, −100…100.
    pub nps: Option<i32>,
    /// Average time the hire's clients have stayed with the agency, in months.
    pub client_lifetime_months: Option<i32>,
    /// Share of the receivables due in the month that were collected, per cent.
    pub receivables_percent: Option<i32>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Probation {
    pub application_id: i32,
    pub started_on: NaiveDate,
    pub milestones: Vec<MilestoneView>,
    /// Months with anything recorded, in order.
    pub kpis: Vec<KpiMonth>,
    /// KPIs may be recorded for months 1 to this.
    pub kpi_months: u32,
}

/// The probation the hire's accepted offer agreed; three months when they were hired without
/// an offer in the app (the API's default for an offer).
async fn probation_months<C: ConnectionTrait>(db: &C, application_id: i32) -> AppResult<u32> {
    let accepted = offer::Entity::find()
        .filter(offer::Column::ApplicationId.eq(application_id))
        .filter(offer::Column::Status.eq("accepted"))
        .order_by_desc(offer::Column::Revision)
        .one(db)
        .await?;
    Ok(accepted.map_or(3, |o| u32::try_from(o.probation_months).unwrap_or(0)))
}

/// Makes the plan of a hire who started on `start`, unless it exists (a second call adds
/// nothing: the unique index on application and code answers a race).
pub async fn create_for<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    start: NaiveDate,
) -> AppResult<()> {
    if !experienced(db, application_id).await? {
        return Ok(());
    }
    let months = probation_months(db, application_id).await?;
    let now = Utc::now();
    let rows = rules::plan(ProductionCalendar::russian(), start, months)
        .into_iter()
        .map(|(milestone, due_on)| probation_milestone::ActiveModel {
            application_id: Set(application_id),
            code: Set(milestone.as_str().to_owned()),
            due_on: Set(due_on),
            done_at: Set(None),
            done_by: Set(None),
            result: Set(None),
            note: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    probation_milestone::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                probation_milestone::Column::ApplicationId,
                probation_milestone::Column::Code,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether the application's position is for an experienced hire rather than an intern.
async fn experienced<C: ConnectionTrait>(db: &C, application_id: i32) -> AppResult<bool> {
    let Some(found) = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let grade = position::Entity::find_by_id(found.position_id)
        .one(db)
        .await?
        .map(|p| p.grade);
    Ok(grade.is_none_or(|g| rules::has_plan(&g)))
}

/// The application if it is a started hire: 404 when there is none, 409 before the start.
pub async fn started<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> AppResult<(application::Model, NaiveDate)> {
    let found = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(day) = found
        .started_on
        .filter(|_| found.stage == Stage::Started.as_str())
    else {
        return Err(AppError::Conflict(Message::new("probation-not-started")));
    };
    if !experienced(db, id).await? {
        return Err(AppError::Conflict(Message::new("probation-intern")));
    }
    Ok((found, day))
}

pub async fn milestones_of<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> AppResult<Vec<probation_milestone::Model>> {
    Ok(probation_milestone::Entity::find()
        .filter(probation_milestone::Column::ApplicationId.eq(application_id))
        .order_by_asc(probation_milestone::Column::Id)
        .all(db)
        .await?)
}

/// When the checklist's items due by the end of the first week were all ticked: the last
/// tick. None while one is open or when the hire has no checklist.
pub fn checklist_done(items: &[onboarding_item::Model], by: NaiveDate) -> Option<DateTime<Utc>> {
    let first_week: Vec<_> = items.iter().filter(|i| i.due_on <= by).collect();
    if first_week.is_empty() || first_week.iter().any(|i| i.done_at.is_none()) {
        return None;
    }
    first_week.iter().filter_map(|i| i.done_at).max()
}

/// A milestone as shown: the first week counts as done once its checklist items are.
pub fn view(
    m: probation_milestone::Model,
    checklist: &[onboarding_item::Model],
    today: NaiveDate,
) -> MilestoneView {
    let (done_at, result) = match (Milestone::parse(&m.code), m.done_at) {
        (Some(Milestone::FirstWeek), None) => {
            let ticked = checklist_done(checklist, m.due_on);
            (ticked, ticked.map(|_| "done".to_owned()))
        }
        _ => (m.done_at, m.result),
    };
    MilestoneView {
        overdue: milestone_overdue(m.due_on, done_at.is_some(), today),
        code: m.code,
        due_on: m.due_on,
        done_at,
        result,
        note: m.note,
    }
}

/// The plan of a started hire, made first if it does not exist yet.
pub async fn read(db: &DatabaseConnection, id: i32) -> AppResult<Probation> {
    let (_, start) = started(db, id).await?;
    let mut milestones = milestones_of(db, id).await?;
    if milestones.is_empty() {
        let txn = crate::db::write(db).await?;
        create_for(&txn, id, start).await?;
        txn.commit().await?;
        milestones = milestones_of(db, id).await?;
    }
    let checklist = onboarding_item::Entity::find()
        .filter(onboarding_item::Column::ApplicationId.eq(id))
        .all(db)
        .await?;
    let kpis = probation_kpi::Entity::find()
        .filter(probation_kpi::Column::ApplicationId.eq(id))
        .order_by_asc(probation_kpi::Column::Month)
        .all(db)
        .await?;
    let end = milestones
        .iter()
        .find(|m| m.code == Milestone::ProbationResult.as_str())
        .map(|m| m.due_on);
    let today = Utc::now().date_naive();
    Ok(Probation {
        application_id: id,
        started_on: start,
        kpi_months: rules::kpi_months(start, end),
        milestones: milestones
            .into_iter()
            .map(|m| view(m, &checklist, today))
            .collect(),
        kpis: kpis
            .into_iter()
            .map(|k| KpiMonth {
                month: k.month,
                churn_percent: k.churn_percent,
                nps: k.nps,
                client_lifetime_months: k.client_lifetime_months,
                receivables_percent: k.receivables_percent,
            })
            .collect(),
    })
}
