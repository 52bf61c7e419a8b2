//! The two or three numbers each role acts on, at the top of the dashboard, each a link to where
//! the work is.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Serialize;

use super::filter::Filter;
use super::{offers, time_to_fill};
use crate::auth::model::CurrentUser;
use crate::domain::access::Role;
use crate::entities::{application, offer, position};
use crate::error::AppResult;
use crate::internships::cohort;
use crate::web::i18n::Lang;

#[derive(Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub href: String,
}

fn figure(lang: Lang, key: &str, value: impl ToString, href: &str) -> Figure {
    Figure {
        label: lang.text(key),
        value: value.to_string(),
        href: href.to_owned(),
    }
}

fn or_dash(value: Option<f64>, unit: &str) -> String {
    value.map_or("—".to_owned(), |v| format!("{v:.0}{unit}"))
}

/// The last twelve months, as the dashboard's figures count them.
fn last_year() -> Filter {
    Filter {
        from: Some(Utc::now().date_naive() - Duration::days(365)),
        ..Filter::default()
    }
}

async fn open_positions(db: &DatabaseConnection) -> AppResult<u64> {
    Ok(position::Entity::find()
        .filter(position::Column::Status.eq("open"))
        .count(db)
        .await?)
}

async fn offers_waiting(db: &DatabaseConnection, status: &str) -> AppResult<u64> {
    Ok(offer::Entity::find()
        .filter(offer::Column::Status.eq(status))
        .count(db)
        .await?)
}

async fn at_stage(db: &DatabaseConnection, stage: &str) -> AppResult<u64> {
    Ok(application::Entity::find()
        .filter(application::Column::Stage.eq(stage))
        .count(db)
        .await?)
}

pub async fn for_user(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lang: Lang,
) -> AppResult<Vec<Figure>> {
    // One figure each, so only what it counts is read: the filled positions, the offers' answers.
    let median_days = || async {
        time_to_fill::filled(db, &last_year())
            .await
            .map(|filled| or_dash(time_to_fill::median_working_days(&filled), ""))
    };
    let acceptance = || async {
        offers::latest(db, &last_year())
            .await
            .map(|latest| or_dash(offers::acceptance_rate(&latest), "%"))
    };
    Ok(match user.role {
        Role::Recruiter | Role::Admin => vec![
            figure(
                lang,
                "figure-open-positions",
                open_positions(db).await?,
                "/positions",
            ),
            figure(
                lang,
                "figure-median-days",
                median_days().await?,
                "/reports/time-to-fill",
            ),
            figure(
                lang,
                "figure-acceptance",
                acceptance().await?,
                "/reports/offers",
            ),
        ],
        Role::HiringManager => vec![
            figure(
                lang,
                "figure-offers-awaiting-you",
                offers_waiting(db, "awaiting_manager").await?,
                "/applications?stage=offer",
            ),
            figure(
                lang,
                "figure-short-list",
                at_stage(db, "short_list").await?,
                "/applications?stage=short_list",
            ),
            figure(
                lang,
                "figure-median-days",
                median_days().await?,
                "/reports/time-to-fill",
            ),
        ],
        Role::Ceo => vec![
            figure(
                lang,
                "figure-offers-awaiting-you",
                offers_waiting(db, "awaiting_ceo").await?,
                "/applications?stage=offer",
            ),
            figure(
                lang,
                "figure-ceo-interviews",
                at_stage(db, "ceo_interview").await?,
                "/applications?stage=ceo_interview",
            ),
            figure(
                lang,
                "figure-acceptance",
                acceptance().await?,
                "/reports/offers",
            ),
        ],
        Role::Mentor => {
            let mine = cohort::cohort(db, user, lang, Utc::now().date_naive(), true).await?;
            vec![
                figure(
                    lang,
                    "figure-interns-at-risk",
                    mine.rows.iter().filter(|r| r.at_risk).count(),
                    "/internships",
                ),
                figure(
                    lang,
                    "figure-waiting-sign-off",
                    mine.waiting.len(),
                    "/internships#waiting",
                ),
            ]
        }
        Role::Intern => {
            let mine = cohort::cohort(db, user, lang, Utc::now().date_naive(), true).await?;
            match mine.rows.first() {
                Some(row) => vec![
                    figure(
                        lang,
                        "figure-plan-done",
                        format!("{}%", row.progress.percent),
                        &format!("/internships/{}", row.id),
                    ),
                    figure(
                        lang,
                        "figure-overdue-items",
                        row.progress.overdue,
                        &format!("/internships/{}#progress", row.id),
                    ),
                ],
                None => Vec::new(),
            }
        }
        Role::Interviewer => Vec::new(),
    })
}
