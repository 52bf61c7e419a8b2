//! The demo company's intern, two weeks into the month: most of the first week done and
//! signed off, a couple of items waiting for the mentor, one overdue, the first department week
//! scored — so the intern's, the mentor's and the cohort's pages show something real.

use chrono::{Datelike, Duration, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::model::{self, Enrolment};
use crate::domain::access::Role;
use crate::entities::{internship_item, rotation, user};
use crate::error::AppResult;
use crate::outbox::emails::Composer;

async fn first_with_role(db: &DatabaseConnection, role: Role) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(role.as_str()))
        .one(db)
        .await?)
}

pub async fn create(db: &DatabaseConnection, composer: &Composer, base_url: &str) -> AppResult<()> {
    let (Some(intern), Some(mentor), Some(recruiter)) = (
        first_with_role(db, Role::Intern).await?,
        first_with_role(db, Role::Mentor).await?,
        first_with_role(db, Role::Recruiter).await?,
    ) else {
        return Ok(());
    };
    // The Monday two weeks back.
    let today = Utc::now().date_naive();
    let mut start = today - Duration::days(14);
    while start.weekday() != Weekday::Mon {
        start -= Duration::days(1);
    }
    let created = model::enrol(
        db,
        composer,
        recruiter.id,
        base_url,
        Enrolment {
            intern_user_id: Some(intern.id),
            mentor_id: Some(mentor.id),
            start_date: Some(start),
            exam_track: "seo".into(),
            group: "Группа Марины Соколовой".into(),
            ..Enrolment::default()
        },
    )
    .await?;
    let items = internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.eq(created.id))
        .all(db)
        .await?;
    let now = Utc::now();
    let past: Vec<_> = items.into_iter().filter(|i| i.due_on < today).collect();
    let count = past.len();
    for (n, item) in past.into_iter().enumerate() {
        // The last one stays overdue; the two before it wait for the mentor.
        if n + 1 == count {
            break;
        }
        let signed = n + 3 < count;
        let mut model: internship_item::ActiveModel = item.into();
        model.done_at = Set(Some(now));
        model.done_by = Set(Some(intern.id));
        if signed {
            model.signed_off_at = Set(Some(now));
            model.signed_off_by = Set(Some(mentor.id));
        }
        model.update(db).await?;
    }
    if let Some(owner) = first_with_role(db, Role::HiringManager).await?
        && let Some(week) = rotation::Entity::find()
            .filter(rotation::Column::InternshipId.eq(created.id))
            .filter(rotation::Column::Department.eq("implementation"))
            .one(db)
            .await?
    {
        let mut model: rotation::ActiveModel = week.into();
        model.owner_id = Set(Some(owner.id));
        model.scores = Set(Some(
            serde_json::json!({"communication": 4, "project_management": 3, "digital_expertise": 3})
                .to_string(),
        ));
        model.notes = Set(
            "Аккуратно работает с админкой, но задачи разработчикам пока пишет слишком коротко."
                .into(),
        );
        model.scored_at = Set(Some(now));
        model.scored_by = Set(Some(owner.id));
        model.update(db).await?;
    }
    Ok(())
}
