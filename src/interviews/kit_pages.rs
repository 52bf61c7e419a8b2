//! A position's interview kits in the browser: the competencies it must assess and, per kind
//! of interview, the questions asked — the default from the bank until the hiring manager
//! picks their own.

use axum::extract::{Path, Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::bank::{self, KINDS, QuestionView};
use super::kits;
use super::pages::{pairs, value};
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::recruitment::application_pages::report;
use crate::web::Page;
use crate::web::i18n::Message;

#[derive(Deserialize)]
pub struct KitQuery {
    kind: Option<String>,
}

#[derive(Serialize)]
struct KitPage {
    position_id: i32,
    position_title: String,
    kind: String,
    kinds: [&'static str; 3],
    competencies: Vec<(String, String, bool)>,
    /// Every current question suitable for the kind, ticked when in the kit.
    questions: Vec<(QuestionView, bool)>,
    total_minutes: i32,
    can_manage: bool,
}

pub async fn show(
    page: Page,
    Path(id): Path<i32>,
    Query(query): Query<KitQuery>,
) -> AppResult<Response> {
    let user = page.require(Action::ViewPositions)?.clone();
    let db = &page.state.db;
    let position = crate::positions::model::get(db, id).await?;
    let kind = query
        .kind
        .filter(|k| KINDS.contains(&k.as_str()))
        .unwrap_or_else(|| "competency".into());
    let (weighs, _) = kits::competencies(db, id).await?;
    let kit_codes: Vec<String> = kits::kit(db, id, &kind)
        .await?
        .into_iter()
        .map(|q| q.code)
        .collect();
    let all = bank::views(db, bank::current(db, None).await?, page.lang).await?;
    let total_minutes = all
        .iter()
        .filter(|q| kit_codes.contains(&q.code))
        .map(|q| q.minutes)
        .sum();
    use sea_orm::{EntityTrait, QueryOrder};
    let competencies = crate::entities::competency::Entity::find()
        .order_by_asc(crate::entities::competency::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let on = weighs.contains(&c.code);
            (c.code, page.lang.pick(c.name_ru, c.name_en), on)
        })
        .collect();
    let questions = all
        .into_iter()
        .filter(|q| q.interviews.iter().any(|k| k == &kind) || kit_codes.contains(&q.code))
        .map(|q| {
            let on = kit_codes.contains(&q.code);
            (q, on)
        })
        .collect();
    let context = KitPage {
        position_id: id,
        position_title: position.title,
        kind,
        kinds: KINDS,
        competencies,
        questions,
        total_minutes,
        can_manage: user.can(Action::ManagePositions),
    };
    Ok(page
        .render("interviews/kit.html", context)
        .await?
        .into_response())
}

pub async fn save(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?.clone();
    crate::positions::model::get(&page.state.db, id).await?;
    let pairs = pairs(&body)?;
    let kind = value(&pairs, "kind");
    let list = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let result = kits::adjust(
        &page.state.db,
        user.id,
        id,
        list("competencies"),
        &kind,
        list("questions"),
    )
    .await;
    if let Err(error) = result {
        let path = format!(
            "/positions/{id}/kit?kind={}",
            crate::web::errors::urlencode(&kind)
        );
        return page.show_again(&path, "kit", error).await;
    }
    report(&page, Ok(()), Message::new("kit-saved")).await?;
    Ok(Redirect::to(&format!("/positions/{id}/kit?kind={kind}")).into_response())
}
