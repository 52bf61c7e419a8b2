//! Recording a probation: a milestone's result (the decision at the end among them, an
//! extension with its new end) and the KPIs of a month. Every field is checked before anything
//! is written, and everything is written in one transaction.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::model::{self, Probation};
use crate::audit::AuditEvent;
use crate::domain::calendar::ProductionCalendar;
use crate::domain::date_bounds::DateKind;
use crate::domain::probation::{self as rules, EXTENDED, ExtensionRefused, Kpi, Milestone};
use crate::domain::text::TextKind;
use crate::entities::{probation_kpi, probation_milestone};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use sea_orm::DatabaseConnection;

/// What to record; either list may be left out.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProbationUpdate {
    #[serde(default)]
    pub milestones: Vec<MilestoneUpdate>,
    #[serde(default)]
    pub kpis: Vec<KpiUpdate>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MilestoneUpdate {
    /// `first_week`, `two_month_check` or `probation_result`.
    pub code: String,
    /// `done` (first week); `independent` or `not_independent` (two-month check); `passed`,
    /// `extended` or `not_passed` (the result).
    pub result: String,
    /// With `extended`: the new end, later than the current one and at most six months after
    /// the start. It is moved to a working day.
    pub extended_to: Option<NaiveDate>,
    /// Replaces the milestone's note; left out or empty, the note is cleared.
    pub note: Option<String>,
}

/// A month's KPIs; the figures replace what was recorded for that month (null clears one).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct KpiUpdate {
    /// 1 for the first month after the start.
    pub month: i32,
    /// 0–100.
    pub churn_percent: Option<i32>,
    /// −100…100.
    pub nps: Option<i32>,
    /// 0–600.
    pub client_lifetime_months: Option<i32>,
    /// 0–100.
    pub receivables_percent: Option<i32>,
}

impl KpiUpdate {
    fn figures(&self) -> [(Kpi, Option<i32>); 4] {
        [
            (Kpi::ChurnPercent, self.churn_percent),
            (Kpi::Nps, self.nps),
            (Kpi::ClientLifetimeMonths, self.client_lifetime_months),
            (Kpi::ReceivablesPercent, self.receivables_percent),
        ]
    }
}

/// A milestone change that passed the checks.
struct Checked {
    row: probation_milestone::Model,
    result: String,
    due_on: NaiveDate,
    note: Option<String>,
}

fn check_milestones(
    start: NaiveDate,
    rows: &[probation_milestone::Model],
    updates: &[MilestoneUpdate],
    errors: &mut Vec<FieldError>,
) -> Vec<Checked> {
    let mut checked = Vec::new();
    for (i, update) in updates.iter().enumerate() {
        let field = |name: &str| format!("milestones[{i}].{name}");
        let Some(row) = Milestone::parse(update.code.trim())
            .and_then(|m| rows.iter().find(|r| r.code == m.as_str()))
        else {
            errors.push(FieldError::new(
                field("code"),
                Message::new("probation-unknown-milestone"),
            ));
            continue;
        };
        let milestone = Milestone::parse(&row.code).unwrap_or(Milestone::FirstWeek);
        let result = update.result.trim();
        if !milestone.results().contains(&result) {
            errors.push(FieldError::new(
                field("result"),
                Message::new("probation-result-invalid")
                    .with("allowed", milestone.results().join(", ")),
            ));
            continue;
        }
        let note = update
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        if let Some(problem) =
            note.and_then(|n| FieldError::text(&field("note"), TextKind::Text, n))
        {
            errors.push(problem);
            continue;
        }
        let mut due_on = row.due_on;
        if result == EXTENDED {
            let Some(new_end) = update.extended_to else {
                errors.push(FieldError::new(
                    field("extended_to"),
                    Message::new("field-required"),
                ));
                continue;
            };
            if let Some(problem) =
                FieldError::date(&field("extended_to"), DateKind::Planned, new_end)
            {
                errors.push(problem);
                continue;
            }
            let new_end = rules::on_working_day(ProductionCalendar::russian(), new_end);
            match rules::check_extension(start, row.due_on, new_end) {
                Ok(()) => due_on = new_end,
                Err(ExtensionRefused::NotLater) => errors.push(FieldError::new(
                    field("extended_to"),
                    Message::new("probation-extension-not-later").with_date("date", row.due_on),
                )),
                Err(ExtensionRefused::TooLong { latest }) => errors.push(FieldError::new(
                    field("extended_to"),
                    Message::new("probation-extension-too-long").with_date("date", latest),
                )),
            }
        }
        checked.push(Checked {
            row: row.clone(),
            result: result.to_owned(),
            due_on,
            note: note.map(str::to_owned),
        });
    }
    checked
}

fn check_kpis(months: u32, updates: &[KpiUpdate], errors: &mut Vec<FieldError>) {
    for (i, update) in updates.iter().enumerate() {
        if u32::try_from(update.month).map_or(true, |m| m == 0 || m > months) {
            errors.push(FieldError::new(
                format!("kpis[{i}].month"),
                Message::new("probation-kpi-month").with_number("max", i64::from(months)),
            ));
        }
        for (kpi, value) in update.figures() {
            if let Some(value) = value
                && !kpi.accepts(value)
            {
                let (low, high) = kpi.range();
                errors.push(FieldError::new(
                    format!("kpis[{i}].{}", kpi.as_str()),
                    Message::new("probation-kpi-range")
                        .with_number("low", i64::from(low))
                        .with_number("high", i64::from(high)),
                ));
            }
        }
    }
}

/// Records results and KPIs of a started hire's probation; the plan as it stands after.
pub async fn record(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    update: ProbationUpdate,
) -> AppResult<Probation> {
    // Made first, so a hire who started before plans existed can be recorded at once.
    let current = model::read(db, id).await?;
    let txn = crate::db::write(db).await?;
    let rows = model::milestones_of(&txn, id).await?;
    let mut errors = Vec::new();
    let checked = check_milestones(current.started_on, &rows, &update.milestones, &mut errors);
    check_kpis(current.kpi_months, &update.kpis, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    for change in &checked {
        // An extension leaves the decision open until the new end.
        let decided = change.result != EXTENDED;
        probation_milestone::Entity::update_many()
            .set(probation_milestone::ActiveModel {
                due_on: Set(change.due_on),
                result: Set(Some(change.result.clone())),
                note: Set(change.note.clone()),
                done_at: Set(decided.then_some(now)),
                done_by: Set(decided.then_some(actor_id)),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(probation_milestone::Column::Id.eq(change.row.id))
            .exec(&txn)
            .await?;
        AuditEvent::new(Some(actor_id), "probation.record", "application")
            .id(id)
            .details(json!({
                "milestone": change.row.code,
                "result": change.result,
                "due_on": change.due_on,
            }))
            .record(&txn)
            .await?;
    }
    for kpi in &update.kpis {
        let row = probation_kpi::ActiveModel {
            application_id: Set(id),
            month: Set(kpi.month),
            churn_percent: Set(kpi.churn_percent),
            nps: Set(kpi.nps),
            client_lifetime_months: Set(kpi.client_lifetime_months),
            receivables_percent: Set(kpi.receivables_percent),
            recorded_by: Set(Some(actor_id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        probation_kpi::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    probation_kpi::Column::ApplicationId,
                    probation_kpi::Column::Month,
                ])
                .update_columns([
                    probation_kpi::Column::ChurnPercent,
                    probation_kpi::Column::Nps,
                    probation_kpi::Column::ClientLifetimeMonths,
                    probation_kpi::Column::ReceivablesPercent,
                    probation_kpi::Column::RecordedBy,
                    probation_kpi::Column::UpdatedAt,
                ])
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    model::read(db, id).await
}
