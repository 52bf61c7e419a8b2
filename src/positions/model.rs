//! Positions: create, read, edit with optimistic locking, and move through their status flow.

use chrono::{NaiveDate, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

pub use super::fields::{PositionFields, Profile, check};
use super::fields::{stored_english, stored_place, stored_variant, validate};
use crate::audit::AuditEvent;
use crate::domain::calendar::ProductionCalendar;
use crate::domain::position_status::{PositionStatus, StatusAction};
use crate::entities::position;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// A readable, unique address for the public job page: the title in Latin letters plus a
/// short random tail.
pub fn slug_for(title: &str) -> String {
    let mut slug = String::new();
    for ch in title.to_lowercase().chars() {
        let latin = match ch {
            'a'..='z' | '0'..='9' => ch.to_string(),
            'а' => "a".into(),
            'б' => "b".into(),
            'в' => "v".into(),
            'г' => "g".into(),
            'д' => "d".into(),
            'е' | 'ё' | 'э' => "e".into(),
            'ж' => "zh".into(),
            'з' => "z".into(),
            'и' | 'й' => "i".into(),
            'к' => "k".into(),
            'л' => "l".into(),
            'м' => "m".into(),
            'н' => "n".into(),
            'о' => "o".into(),
            'п' => "p".into(),
            'р' => "r".into(),
            'с' => "s".into(),
            'т' => "t".into(),
            'у' => "u".into(),
            'ф' => "f".into(),
            'х' => "kh".into(),
            'ц' => "ts".into(),
            'ч' => "ch".into(),
            'ш' => "sh".into(),
            'щ' => "shch".into(),
            'ы' => "y".into(),
            'ю' => "yu".into(),
            'я' => "ya".into(),
            'ъ' | 'ь' => String::new(),
            _ => "-".into(),
        };
        slug.push_str(&latin);
    }
    let mut tidy = String::new();
    for part in slug.split('-').filter(|p| !p.is_empty()).take(8) {
        if !tidy.is_empty() {
            tidy.push('-');
        }
        tidy.push_str(part);
    }
    let mut tail = [0u8; 3];
    rand::rng().fill_bytes(&mut tail);
    let tail: String = tail.iter().map(|b| format!("{b:02x}")).collect();
    if tidy.is_empty() {
        format!("position-{tail}")
    } else {
        format!("{tidy}-{tail}")
    }
}

pub async fn create(
    db: &DatabaseConnection,
    actor_id: i32,
    fields: PositionFields,
) -> AppResult<position::Model> {
    validate(db, &fields).await?;
    let now = Utc::now();
    let place = stored_place(&fields);
    let english = stored_english(&fields);
    let role_variant = stored_variant(&fields);
    let p = fields.profile;
    let created = position::ActiveModel {
        slug: Set(slug_for(&fields.title)),
        title: Set(fields.title.trim().to_owned()),
        grade: Set(fields.grade),
        status: Set(PositionStatus::Draft.as_str().into()),
        reports_to: Set(fields.reports_to.trim().to_owned()),
        headcount: Set(fields.headcount),
        company: Set(p.company),
        role: Set(p.role),
        duties: Set(p.duties),
        requirements: Set(p.requirements),
        conditions: Set(p.conditions),
        kpis: Set(p.kpis),
        recruiter_id: Set(Some(actor_id)),
        hiring_manager_id: Set(None),
        target_date: Set(fields.target_date),
        opened_on: Set(None),
        filled_on: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        city: Set(place.0),
        work_format: Set(place.1),
        title_en: Set(english[0].clone()),
        reports_to_en: Set(english[1].clone()),
        company_en: Set(english[2].clone()),
        role_en: Set(english[3].clone()),
        duties_en: Set(english[4].clone()),
        requirements_en: Set(english[5].clone()),
        conditions_en: Set(english[6].clone()),
        kpis_en: Set(english[7].clone()),
        role_variant: Set(role_variant),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEvent::new(Some(actor_id), "position.create", "position")
        .id(created.id)
        .record(db)
        .await?;
    Ok(created)
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<position::Model> {
    position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn list(
    db: &DatabaseConnection,
    status: Option<PositionStatus>,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<position::Model>, u64)> {
    let mut query = position::Entity::find();
    if let Some(status) = status {
        query = query.filter(position::Column::Status.eq(status.as_str()));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(position::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Id and title of positions, newest first, without their profiles and vacancy texts: for
/// labels and choices on pages that name positions. `ids` narrows to those positions,
/// `statuses` to those statuses.
pub async fn titles(
    db: &DatabaseConnection,
    ids: Option<Vec<i32>>,
    statuses: Option<&[&str]>,
) -> AppResult<Vec<(i32, String)>> {
    let mut query = position::Entity::find()
        .select_only()
        .column(position::Column::Id)
        .column(position::Column::Title)
        .order_by_desc(position::Column::Id);
    if let Some(ids) = ids {
        query = query.filter(position::Column::Id.is_in(ids));
    }
    if let Some(statuses) = statuses {
        query = query.filter(position::Column::Status.is_in(statuses.iter().copied()));
    }
    Ok(query.into_tuple().all(db).await?)
}

/// Writes `fields` only if nobody has changed the position since `version` was read; a stale
/// edit is refused with 409 and overwrites nothing.
pub async fn update(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    version: i32,
    fields: PositionFields,
) -> AppResult<position::Model> {
    let current = get(db, id).await?;
    validate(db, &fields).await?;
    let (city, work_format) = stored_place(&fields);
    let role_variant = stored_variant(&fields);
    let [
        title_en,
        reports_to_en,
        company_en,
        role_en,
        duties_en,
        requirements_en,
        conditions_en,
        kpis_en,
    ] = stored_english(&fields);
    let p = fields.profile;
    let result = position::Entity::update_many()
        .col_expr(position::Column::Title, Expr::value(fields.title.trim()))
        .col_expr(position::Column::Grade, Expr::value(fields.grade))
        .col_expr(
            position::Column::ReportsTo,
            Expr::value(fields.reports_to.trim()),
        )
        .col_expr(position::Column::Headcount, Expr::value(fields.headcount))
        .col_expr(position::Column::Company, Expr::value(p.company))
        .col_expr(position::Column::Role, Expr::value(p.role))
        .col_expr(position::Column::Duties, Expr::value(p.duties))
        .col_expr(position::Column::Requirements, Expr::value(p.requirements))
        .col_expr(position::Column::Conditions, Expr::value(p.conditions))
        .col_expr(position::Column::Kpis, Expr::value(p.kpis))
        .col_expr(
            position::Column::TargetDate,
            Expr::value(fields.target_date),
        )
        .col_expr(position::Column::City, Expr::value(city))
        .col_expr(position::Column::WorkFormat, Expr::value(work_format))
        .col_expr(position::Column::TitleEn, Expr::value(title_en))
        .col_expr(position::Column::ReportsToEn, Expr::value(reports_to_en))
        .col_expr(position::Column::CompanyEn, Expr::value(company_en))
        .col_expr(position::Column::RoleEn, Expr::value(role_en))
        .col_expr(position::Column::DutiesEn, Expr::value(duties_en))
        .col_expr(
            position::Column::RequirementsEn,
            Expr::value(requirements_en),
        )
        .col_expr(position::Column::ConditionsEn, Expr::value(conditions_en))
        .col_expr(position::Column::KpisEn, Expr::value(kpis_en))
        .col_expr(position::Column::RoleVariant, Expr::value(role_variant))
        .col_expr(position::Column::Version, Expr::value(version + 1))
        .col_expr(position::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(position::Column::Id.eq(id))
        .filter(position::Column::Version.eq(version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::Conflict(
            Message::new("position-stale").with_number("version", i64::from(current.version)),
        ));
    }
    AuditEvent::new(Some(actor_id), "position.update", "position")
        .id(id)
        .details(json!({"version": version + 1}))
        .record(db)
        .await?;
    get(db, id).await
}

/// Opens, holds or cancels a position. Opening for the first time sets `opened_on`;
/// cancelling closes every application still in the search with the reason "position
/// cancelled" and the standard letter, in the same transaction.
pub async fn change_status(
    db: &DatabaseConnection,
    composer: &crate::outbox::emails::Composer,
    actor_id: i32,
    id: i32,
    action: StatusAction,
) -> AppResult<position::Model> {
    let current = get(db, id).await?;
    let status = PositionStatus::parse(&current.status).ok_or(AppError::NotFound)?;
    let Some(next) = status.after(action) else {
        return Err(AppError::Conflict(
            Message::new("position-status-refused")
                .with("status", status.as_str())
                .with("allowed", status.actions().join(", ")),
        ));
    };
    let txn = crate::db::write(db).await?;
    let mut changed: position::ActiveModel = current.clone().into();
    changed.status = Set(next.as_str().into());
    if next == PositionStatus::Open && current.opened_on.is_none() {
        changed.opened_on = Set(Some(Utc::now().date_naive()));
    }
    changed.version = Set(current.version + 1);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(&txn).await?;
    AuditEvent::new(Some(actor_id), "position.status", "position")
        .id(id)
        .details(json!({"from": status.as_str(), "to": next.as_str()}))
        .record(&txn)
        .await?;
    if next == PositionStatus::Cancelled {
        crate::recruitment::pipeline::close_search(
            &txn,
            composer,
            Some(actor_id),
            id,
            crate::recruitment::reasons::POSITION_CANCELLED,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated)
}

/// What cancelling would close: refused as `change_status` refuses it, else every
/// application still in the search, each with whether its letter would be queued.
pub async fn cancel_preview(
    db: &DatabaseConnection,
    composer: &crate::outbox::emails::Composer,
    id: i32,
) -> AppResult<Vec<crate::recruitment::previews::Closing>> {
    let current = get(db, id).await?;
    let status = PositionStatus::parse(&current.status).ok_or(AppError::NotFound)?;
    if status.after(StatusAction::Cancel).is_none() {
        return Err(AppError::Conflict(
            Message::new("position-status-refused")
                .with("status", status.as_str())
                .with("allowed", status.actions().join(", ")),
        ));
    }
    crate::recruitment::previews::closing(
        db,
        composer,
        id,
        None,
        crate::recruitment::reasons::POSITION_CANCELLED,
    )
    .await
}

/// Days from opening to filling (or to today while still open), in calendar and working days.
pub fn time_to_fill(position: &position::Model, today: NaiveDate) -> Option<(i64, i64)> {
    let opened = position.opened_on?;
    let end = position.filled_on.unwrap_or(today);
    let calendar = ProductionCalendar::russian();
    Some((
        (end - opened).num_days().max(0),
        calendar.working_days_between(opened, end),
    ))
}

pub use super::vacancy::{published_vacancy_text, save_vacancy_text, vacancy_text};

#[cfg(test)]
mod tests {
    use super::slug_for;

    #[test]
    fn slugs_are_latin_readable_and_unique() {
        let a = slug_for("Аккаунт-менеджер (middle)");
        assert!(a.starts_with("akkaunt-menedzher-middle-"), "{a}");
        assert_ne!(a, slug_for("Аккаунт-менеджер (middle)"));
        assert!(slug_for("!!!").starts_with("position-"));
    }
}
