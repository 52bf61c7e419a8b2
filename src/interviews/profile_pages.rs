//! The competency profile of a candidate (table, radar, coverage, grade fit) and the side by
//! side comparison of a position's finalists.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::api::may_see_profile;
use super::model::{self, InterviewSummary};
use super::profile::{self, CompetencyProfile};
use super::radar::radar_svg;
use crate::domain::access::Action;
use crate::domain::pipeline::Stage;
use crate::entities::{application, competency};
use crate::error::{AppError, AppResult};
use crate::positions::criteria::{self, Anchor};
use crate::recruitment::views;
use crate::web::Page;

#[derive(Serialize)]
struct ProfilePage {
    application: views::ApplicationCard,
    position_title: String,
    profile: CompetencyProfile,
    names: Vec<(String, String)>,
    radar: String,
    interviews: Vec<InterviewSummary>,
    can_schedule: bool,
    can_see_salary: bool,
    /// What 1, 3 and 5 look like on each competency of the profile, beside its row.
    anchors: BTreeMap<String, Vec<Anchor>>,
}

async fn competency_names(page: &Page) -> AppResult<Vec<(String, String)>> {
    Ok(competency::Entity::find()
        .order_by_asc(competency::Column::Rank)
        .all(&page.state.db)
        .await?
        .into_iter()
        // The short names: they label the radar's axes.
        .map(|c| {
            let name = page.lang.text(&format!("competency-{}", c.code));
            (c.code, name)
        })
        .collect())
}

/// Means per competency in the order of `axes`.
fn series(profile: &CompetencyProfile, axes: &[(String, String)]) -> Vec<Option<f64>> {
    axes.iter()
        .map(|(code, _)| {
            profile
                .competencies
                .iter()
                .find(|c| &c.competency == code)
                .map(|c| c.mean)
        })
        .collect()
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.user()?.clone();
    if !may_see_profile(&page.state, &user, id).await? {
        return Err(AppError::Forbidden);
    }
    let db = &page.state.db;
    let application = views::card_of(db, views::application(db, id).await?).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let profile = profile::of_application(db, id).await?;
    let names = competency_names(&page).await?;
    let axes: Vec<(String, String)> = names
        .iter()
        .filter(|(code, _)| profile.coverage.required.contains(code))
        .cloned()
        .collect();
    let radar = radar_svg(
        &application.full_name,
        &axes.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        &[(application.full_name.clone(), series(&profile, &axes))],
    );
    let anchors = profile
        .competencies
        .iter()
        .filter_map(|c| {
            criteria::anchors(&c.competency).map(|a| (c.competency.clone(), a.in_lang(page.lang)))
        })
        .collect();
    let context = ProfilePage {
        anchors,
        interviews: model::for_application(db, id).await?,
        application,
        position_title,
        profile,
        names,
        radar,
        can_schedule: user.can(Action::ScheduleInterviews),
        can_see_salary: user.can(Action::ViewSalaries),
    };
    Ok(page
        .render("interviews/profile.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct Finalist {
    card: views::ApplicationCard,
    profile: CompetencyProfile,
}

#[derive(Serialize)]
struct ComparePage {
    position_id: i32,
    position_title: String,
    finalists: Vec<Finalist>,
    axes: Vec<(String, String)>,
    radar: String,
    can_see_salary: bool,
}

/// Everyone on the position from the short-list onwards, still in the search, side by side.
pub async fn compare(page: Page, Path(position_id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewScorecards)?.clone();
    let db = &page.state.db;
    let position = crate::positions::model::get(db, position_id).await?;
    let finalist_stages = [
        Stage::ShortList,
        Stage::References,
        Stage::CeoInterview,
        Stage::Offer,
        Stage::Hired,
    ]
    .map(Stage::as_str);
    let applications = application::Entity::find()
        .filter(application::Column::PositionId.eq(position_id))
        .filter(application::Column::Stage.is_in(finalist_stages))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let cards = views::cards(db, applications).await?;
    let mut finalists = Vec::new();
    for card in cards {
        let profile = profile::of_application(db, card.id).await?;
        finalists.push(Finalist { card, profile });
    }
    let (required, _) = super::kits::competencies(db, position_id).await?;
    let axes: Vec<(String, String)> = competency_names(&page)
        .await?
        .into_iter()
        .filter(|(code, _)| required.contains(code))
        .collect();
    let radar = radar_svg(
        &position.title,
        &axes.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        &finalists
            .iter()
            .map(|f| (f.card.full_name.clone(), series(&f.profile, &axes)))
            .collect::<Vec<_>>(),
    );
    let context = ComparePage {
        position_id,
        position_title: position.title,
        finalists,
        axes,
        radar,
        can_see_salary: user.can(Action::ViewSalaries),
    };
    Ok(page
        .render("interviews/compare.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct BriefPage {
    brief: super::brief::CeoBrief,
    questions: [&'static str; 6],
    is_ceo: bool,
}

/// The CEO's one-page brief, print-friendly.
pub async fn brief(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewScorecards)?.clone();
    user.require(Action::ViewReferences)?;
    let context = BriefPage {
        brief: super::brief::build(&page.state.db, id).await?,
        questions: crate::references::model::QUESTIONS,
        is_ceo: user.role == crate::domain::access::Role::Ceo,
    };
    Ok(page
        .render("interviews/brief.html", context)
        .await?
        .into_response())
}

#[derive(serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

pub async fn decide(
    page: Page,
    Path(id): Path<i32>,
    axum::Form(form): axum::Form<DecisionForm>,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    if user.role != crate::domain::access::Role::Ceo {
        return Err(AppError::Forbidden);
    }
    let result =
        super::brief::decide(&page.state.db, user.id, id, &form.decision, &form.note).await;
    if let Err(error) = result {
        let path = format!("/applications/{id}/brief");
        return page.show_again(&path, "ceo-decision", error).await;
    }
    crate::recruitment::application_pages::report(
        &page,
        Ok(()),
        crate::web::i18n::Message::new("ceo-decision-saved"),
    )
    .await?;
    Ok(axum::response::Redirect::to(&format!("/applications/{id}/brief")).into_response())
}
