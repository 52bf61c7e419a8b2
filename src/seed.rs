//! Reference data from seed-data/ (embedded in the binary), loaded idempotently by natural key
//! on every start, and the demo company created once on a new database.

use anyhow::Context;
use chrono::{Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter,
};
use serde::Deserialize;

use crate::auth::model::hash_password;
use crate::domain::access::Role;
use crate::domain::contacts::normalize_phone;
use crate::domain::pipeline::Stage;
use crate::entities::{
    application, application_event, candidate, competency, grade, market_bucket, market_dataset,
    position, sourcing_channel, user,
};

const GRADES: &str = include_str!("../seed-data/grades.toml");
const COMPETENCIES: &str = include_str!("../seed-data/competencies.toml");
const MARKET: &str = include_str!("../seed-data/market.toml");
const DEMO: &str = include_str!("../seed-data/demo.toml");

#[derive(Deserialize)]
struct GradesFile {
    grade: Vec<GradeSeed>,
}

#[derive(Deserialize)]
struct GradeSeed {
    code: String,
    name_en: String,
    name_ru: String,
    rank: i32,
    salary_min: i64,
    salary_max: i64,
}

#[derive(Deserialize)]
struct CompetenciesFile {
    competency: Vec<CompetencySeed>,
}

#[derive(Deserialize)]
struct CompetencySeed {
    code: String,
    kind: String,
    name_en: String,
    name_ru: String,
}

#[derive(Deserialize)]
struct MarketFile {
    dataset: Vec<DatasetSeed>,
}

#[derive(Deserialize)]
struct DatasetSeed {
    code: String,
    shape: String,
    kind: String,
    title_en: String,
    title_ru: String,
    source: String,
    region: String,
    as_of: chrono::NaiveDate,
    range_min: Option<i64>,
    range_max: Option<i64>,
    total: Option<i64>,
    #[serde(default)]
    buckets: Vec<BucketSeed>,
}

#[derive(Deserialize)]
struct BucketSeed {
    label: Option<String>,
    lower: Option<i64>,
    upper: Option<i64>,
    median: Option<i64>,
    count: Option<i32>,
}

/// Loads grades, competencies and market data. Grade bands are only set when a grade is new:
/// after that they belong to the admins who edit them.
pub async fn load_reference_data(db: &DatabaseConnection) -> anyhow::Result<()> {
    let now = Utc::now();
    let grades: GradesFile = toml::from_str(GRADES).context("seed-data/grades.toml")?;
    for g in grades.grade {
        grade::Entity::insert(grade::ActiveModel {
            code: Set(g.code),
            name_en: Set(g.name_en),
            name_ru: Set(g.name_ru),
            rank: Set(g.rank),
            salary_min: Set(g.salary_min),
            salary_max: Set(g.salary_max),
            currency: Set("RUB".into()),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(grade::Column::Code)
                .update_columns([
                    grade::Column::NameEn,
                    grade::Column::NameRu,
                    grade::Column::Rank,
                ])
                .to_owned(),
        )
        .exec(db)
        .await
        .context("loading grades")?;
    }

    let competencies: CompetenciesFile =
        toml::from_str(COMPETENCIES).context("seed-data/competencies.toml")?;
    for (rank, c) in competencies.competency.into_iter().enumerate() {
        competency::Entity::insert(competency::ActiveModel {
            code: Set(c.code),
            name_en: Set(c.name_en),
            name_ru: Set(c.name_ru),
            kind: Set(c.kind),
            rank: Set(rank as i32 + 1),
        })
        .on_conflict(
            OnConflict::column(competency::Column::Code)
                .update_columns([
                    competency::Column::NameEn,
                    competency::Column::NameRu,
                    competency::Column::Kind,
                    competency::Column::Rank,
                ])
                .to_owned(),
        )
        .exec(db)
        .await
        .context("loading competencies")?;
    }

    let market: MarketFile = toml::from_str(MARKET).context("seed-data/market.toml")?;
    for d in market.dataset {
        let txn = crate::db::write(db).await?;
        market_dataset::Entity::insert(market_dataset::ActiveModel {
            code: Set(d.code.clone()),
            shape: Set(d.shape),
            kind: Set(d.kind),
            title_en: Set(d.title_en),
            title_ru: Set(d.title_ru),
            source: Set(d.source),
            region: Set(d.region),
            observed_on: Set(d.as_of),
            range_min: Set(d.range_min),
            range_max: Set(d.range_max),
            total: Set(d.total),
            currency: Set("RUB".into()),
        })
        // By code: a corrected label or figure in the file reaches databases seeded before.
        .on_conflict(
            OnConflict::column(market_dataset::Column::Code)
                .update_columns([
                    market_dataset::Column::Shape,
                    market_dataset::Column::Kind,
                    market_dataset::Column::TitleEn,
                    market_dataset::Column::TitleRu,
                    market_dataset::Column::Source,
                    market_dataset::Column::Region,
                    market_dataset::Column::ObservedOn,
                    market_dataset::Column::RangeMin,
                    market_dataset::Column::RangeMax,
                    market_dataset::Column::Total,
                ])
                .to_owned(),
        )
        .exec(&txn)
        .await
        .context("loading market data")?;
        let existing = market_bucket::Entity::find()
            .filter(market_bucket::Column::DatasetCode.eq(&d.code))
            .count(&txn)
            .await?;
        if existing == 0 {
            for b in d.buckets {
                market_bucket::ActiveModel {
                    dataset_code: Set(d.code.clone()),
                    label: Set(b.label),
                    lower: Set(b.lower),
                    upper: Set(b.upper),
                    median: Set(b.median),
                    count: Set(b.count),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        txn.commit().await?;
    }
    crate::reports::reference_cases::load_seed(db).await?;
    Ok(())
}

#[derive(Deserialize)]
struct DemoFile {
    password: String,
    /// The demo agency's face, as an admin would set it on /admin/agency.
    agency: crate::agency::Agency,
    user: Vec<DemoUser>,
    position: DemoPosition,
    candidate: Vec<DemoCandidate>,
    /// The agency's values, as the CEO would name them on /settings/values.
    #[serde(default)]
    value: Vec<crate::values::model::AgencyValue>,
}

#[derive(Deserialize)]
struct DemoUser {
    email: String,
    name: String,
    role: Role,
    grade: Option<String>,
    lang: Option<String>,
}

#[derive(Deserialize)]
struct DemoPosition {
    slug: String,
    title: String,
    grade: String,
    reports_to: String,
    headcount: i32,
    opened_days_ago: i64,
    target_in_days: i64,
    recruiter: String,
    hiring_manager: String,
    company: String,
    role: String,
    duties: String,
    requirements: String,
    conditions: String,
    kpis: String,
    /// Where and how the work is done, and the profile in English (the demo's English vacancy).
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    work_format: Option<String>,
    #[serde(default)]
    english: DemoEnglish,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DemoEnglish {
    title: Option<String>,
    reports_to: Option<String>,
    company: Option<String>,
    role: Option<String>,
    duties: Option<String>,
    requirements: Option<String>,
    conditions: Option<String>,
    kpis: Option<String>,
}

#[derive(Deserialize)]
struct DemoCandidate {
    full_name: String,
    email: String,
    phone: String,
    current_title: String,
    current_company: String,
    expected_salary: i64,
    source: String,
    stage: String,
}

/// Who can sign in to the demo, to print at start-up.
pub struct DemoLogins {
    pub password: String,
    pub users: Vec<(String, Role)>,
}

/// The demo logins when the database has them (made now or on an earlier start).
pub fn demo_logins() -> anyhow::Result<DemoLogins> {
    let demo: DemoFile = toml::from_str(DEMO).context("seed-data/demo.toml")?;
    Ok(DemoLogins {
        password: demo.password,
        users: demo.user.into_iter().map(|u| (u.email, u.role)).collect(),
    })
}

fn english_text(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).map(str::to_owned)
}

/// Creates the demo company when the database has no users yet; otherwise does nothing.
/// Returns whether it was created. All or nothing: it runs in one transaction.
pub async fn create_demo_company(db: &DatabaseConnection) -> anyhow::Result<bool> {
    if user::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let demo: DemoFile = toml::from_str(DEMO).context("seed-data/demo.toml")?;
    let password_hash = hash_password(demo.password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = Utc::now();
    let txn = crate::db::write(db).await?;

    let mut ids = std::collections::HashMap::new();
    for u in &demo.user {
        let created = user::ActiveModel {
            email: Set(u.email.clone()),
            name: Set(u.name.clone()),
            role: Set(u.role.as_str().to_owned()),
            grade: Set(u.grade.clone()),
            lang: Set(u.lang.clone().unwrap_or_else(|| "ru".into())),
            timezone: Set("Europe/Moscow".into()),
            password_hash: Set(password_hash.clone()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .with_context(|| format!("demo user {}", u.email))?;
        ids.insert(u.email.clone(), created.id);
    }

    for (rank, v) in demo.value.iter().enumerate() {
        crate::entities::agency_value::ActiveModel {
            code: Set(v.code.clone()),
            name: Set(v.name.clone()),
            description: Set(v.description.clone()),
            theme: Set(v.theme.clone()),
            rank: Set(rank as i32 + 1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .with_context(|| format!("demo value {}", v.code))?;
    }

    let p = &demo.position;
    let opened = now - Duration::days(p.opened_days_ago);
    let opened_on = opened.date_naive();
    let recruiter_id = ids.get(&p.recruiter).copied();
    let position = position::ActiveModel {
        slug: Set(p.slug.clone()),
        title: Set(p.title.clone()),
        grade: Set(p.grade.clone()),
        status: Set("open".into()),
        reports_to: Set(p.reports_to.clone()),
        headcount: Set(p.headcount),
        company: Set(p.company.clone()),
        role: Set(p.role.clone()),
        duties: Set(p.duties.trim().to_owned()),
        requirements: Set(p.requirements.trim().to_owned()),
        conditions: Set(p.conditions.trim().to_owned()),
        kpis: Set(p.kpis.trim().to_owned()),
        city: Set(p.city.clone()),
        work_format: Set(p.work_format.clone()),
        title_en: Set(p.english.title.clone()),
        reports_to_en: Set(p.english.reports_to.clone()),
        company_en: Set(english_text(&p.english.company)),
        role_en: Set(english_text(&p.english.role)),
        duties_en: Set(english_text(&p.english.duties)),
        requirements_en: Set(english_text(&p.english.requirements)),
        conditions_en: Set(english_text(&p.english.conditions)),
        kpis_en: Set(english_text(&p.english.kpis)),
        recruiter_id: Set(recruiter_id),
        hiring_manager_id: Set(ids.get(&p.hiring_manager).copied()),
        target_date: Set(Some(opened_on + Duration::days(p.target_in_days))),
        opened_on: Set(Some(opened_on)),
        filled_on: Set(None),
        version: Set(1),
        created_at: Set(opened),
        updated_at: Set(opened),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("demo position")?;

    for (i, c) in demo.candidate.iter().enumerate() {
        let applied = opened + Duration::days(1 + i as i64);
        let phone = normalize_phone(&c.phone).unwrap_or_else(|| c.phone.clone());
        let person = candidate::ActiveModel {
            search_text: Set(crate::domain::search::fold(&format!(
                "{} {} {} {}",
                c.full_name, c.email, phone, c.current_company
            ))),
            source: Set(Some(c.source.clone())),
            full_name: Set(c.full_name.clone()),
            email: Set(Some(c.email.clone())),
            phone: Set(Some(phone)),
            current_title: Set(Some(c.current_title.clone())),
            current_company: Set(Some(c.current_company.clone())),
            expected_salary: Set(Some(c.expected_salary)),
            currency: Set(Some("RUB".into())),
            links: Set(None),
            lang: Set("ru".into()),
            reference_consent: Set(false),
            talent_pool: Set(false),
            erased_at: Set(None),
            version: Set(1),
            created_at: Set(applied),
            updated_at: Set(applied),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .with_context(|| format!("demo candidate {}", c.full_name))?;
        let target = Stage::parse(&c.stage).with_context(|| format!("demo stage {}", c.stage))?;
        let application_id = seed_application(
            &txn,
            person.id,
            position.id,
            &c.source,
            target,
            applied,
            recruiter_id,
        )
        .await?;
        // Finalists have been through a competency interview, scored by two people.
        if let Some(base) = match target {
            Stage::CeoInterview => Some(4),
            Stage::References => Some(3),
            Stage::ShortList if i % 2 == 0 => Some(3),
            _ => None,
        } {
            let interviewers: Vec<i32> = [
                "interviewer@demo.hireloop.local",
                "manager@demo.hireloop.local",
            ]
            .iter()
            .filter_map(|email| ids.get(*email).copied())
            .collect();
            crate::interviews::demo::scored_interview(
                &txn,
                application_id,
                &interviewers,
                applied + Duration::days(2),
                base,
                i,
            )
            .await?;
        }
    }
    // Two sourcing channels: the job board's saved search is due, the referrals were asked.
    for (kind, name, url, checked_days_ago) in [
        (
            "job_board",
            "hh.ru",
            Some("https://hh.ru/search/resume?text=account+manager"),
            4,
        ),
        ("referral", "Рекомендации команды", None, 1),
    ] {
        sourcing_channel::ActiveModel {
            position_id: Set(position.id),
            kind: Set(kind.into()),
            name: Set(name.into()),
            url: Set(url.map(str::to_owned)),
            check_every_days: Set(3),
            last_checked_at: Set(Some(now - Duration::days(checked_days_ago))),
            created_at: Set(opened),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .context("demo sourcing channel")?;
    }
    let admin = ids.values().min().copied().unwrap_or_default();
    crate::admin::settings::store(&txn, admin, crate::agency::model::KEY, &demo.agency)
        .await
        .map_err(|e| anyhow::anyhow!("demo agency: {e}"))?;
    txn.commit().await?;
    Ok(true)
}

/// An application walked forward one stage a day up to `target`, with its timeline.
async fn seed_application<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    position_id: i32,
    source: &str,
    target: Stage,
    applied: chrono::DateTime<Utc>,
    actor: Option<i32>,
) -> anyhow::Result<i32> {
    let steps = target.step().unwrap_or(0);
    let changed = applied + Duration::days(steps as i64);
    let app = application::ActiveModel {
        candidate_id: Set(candidate_id),
        position_id: Set(position_id),
        stage: Set(target.as_str().into()),
        source: Set(source.into()),
        ended_reason: Set(None),
        stage_changed_at: Set(changed),
        version: Set(1),
        created_at: Set(applied),
        updated_at: Set(changed),
        // Spread around today, so the dashboard shows follow-ups due, overdue and ahead.
        next_contact_on: Set((target != Stage::Hired)
            .then(|| Utc::now().date_naive() + Duration::days(steps as i64 - 2))),
        follow_up_step: Set(steps as i32),
        start_date: Set(
            (target == Stage::Hired).then(|| Utc::now().date_naive() + Duration::days(14))
        ),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let event = |at, kind: &str, from: Option<Stage>, to: Stage| application_event::ActiveModel {
        application_id: Set(app.id),
        at: Set(at),
        actor_id: Set(actor),
        kind: Set(kind.into()),
        from_stage: Set(from.map(|s| s.as_str().to_owned())),
        to_stage: Set(Some(to.as_str().to_owned())),
        note: Set(None),
        ..Default::default()
    };
    event(applied, "created", None, Stage::LongList)
        .insert(db)
        .await?;
    for step in 1..=steps {
        let at = applied + Duration::days(step as i64);
        event(at, "stage", Some(Stage::FLOW[step - 1]), Stage::FLOW[step])
            .insert(db)
            .await?;
    }
    Ok(app.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_file_parses() {
        let grades: GradesFile = toml::from_str(GRADES).unwrap();
        assert_eq!(grades.grade.len(), 6);
        assert!(
            grades
                .grade
                .iter()
                .all(|g| 0 < g.salary_min && g.salary_min <= g.salary_max)
        );
        let competencies: CompetenciesFile = toml::from_str(COMPETENCIES).unwrap();
        assert!(competencies.competency.len() >= 10);
        let market: MarketFile = toml::from_str(MARKET).unwrap();
        let hh = market
            .dataset
            .iter()
            .find(|d| d.code == "hh-moscow-2022-07")
            .unwrap();
        assert_eq!(hh.buckets.iter().filter_map(|b| b.count).sum::<i32>(), 9605);
        assert_eq!((hh.kind.as_str(), hh.total), ("resumes", Some(15767)));
        for d in &market.dataset {
            assert!(
                crate::domain::market::MarketKind::parse(&d.kind).is_some(),
                "{} has kind {}",
                d.code,
                d.kind
            );
        }
        let demo: DemoFile = toml::from_str(DEMO).unwrap();
        assert!(
            demo.candidate
                .iter()
                .all(|c| Stage::parse(&c.stage).is_some())
        );
        for role in Role::ALL {
            assert!(
                demo.user.iter().any(|u| u.role == role),
                "demo has no {role}"
            );
        }
    }
}
