//! The grades page: each grade's salary band beside the market data, editable by those who
//! approve bands.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::criteria;
use super::forms::{BandForm, parse_amount};
use super::grade_market_chart::{GradeChart, grade_charts};
use super::market_chart::{chart_datasets, grades_chart};
use super::reference::{self, MarketDataset};
use crate::domain::access::Action;
use crate::domain::market::MarketKind;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct GradeRow {
    code: String,
    name: String,
    /// What a person at the grade can do, in the page's language.
    description: String,
    /// The level expected on each competency, in the order of `GradesPage::competencies`.
    levels: Vec<i32>,
    salary_min: String,
    salary_max: String,
    currency: String,
}

/// Where a dataset drawn on the chart comes from, for the line under it.
#[derive(Serialize)]
struct ChartSource {
    source: String,
    region: String,
    observed_on: chrono::NaiveDate,
}

#[derive(Serialize)]
struct GradesPage {
    grades: Vec<GradeRow>,
    /// The competencies' codes, the rows of the expectations table.
    competencies: Vec<&'static str>,
    /// The market chart as SVG, escaped where it was drawn.
    chart: Option<String>,
    chart_sources: Vec<ChartSource>,
    market: Vec<MarketDataset>,
    /// Some figures are older than six months: the page asks for fresh ones.
    any_stale: bool,
    /// Each grade's band against the figures that meet it.
    grade_charts: Vec<GradeChart>,
    can_edit: bool,
    can_import: bool,
    /// The form token for the upload's URL (a multipart body is read by its handler only).
    csrf_query: String,
    kinds: [&'static str; 3],
    /// The grade whose form came back with errors, and those errors.
    invalid: Option<String>,
    errors: BTreeMap<String, String>,
}

async fn render(
    page: &Page,
    invalid: Option<(&str, &BandForm, Vec<FieldError>)>,
) -> AppResult<Response> {
    let user = page.require(Action::ViewPositions)?;
    let db = &page.state.db;
    let grade_models = reference::grades(db).await?;
    let market = reference::market_data(db, page.lang).await?;
    let grade_charts = grade_charts(&grade_models, &market, page.lang);
    let grades = grade_models
        .into_iter()
        .map(|g| {
            let typed = invalid
                .as_ref()
                .filter(|(code, _, _)| *code == g.code)
                .map(|(_, form, _)| *form);
            let criteria = criteria::grade(&g.code);
            GradeRow {
                description: criteria
                    .map(|c| {
                        page.lang
                            .pick(c.description_ru.as_str(), c.description_en.as_str())
                    })
                    .unwrap_or_default()
                    .to_owned(),
                levels: criteria::expectations(&g.code)
                    .into_iter()
                    .map(|(_, level)| level)
                    .collect(),
                name: reference::grade_name(&g, page.lang).to_owned(),
                salary_min: typed.map_or(g.salary_min.to_string(), |f| f.salary_min.clone()),
                salary_max: typed.map_or(g.salary_max.to_string(), |f| f.salary_max.clone()),
                currency: typed.map_or(g.currency.clone(), |f| f.currency.clone()),
                code: g.code,
            }
        })
        .collect();
    let status = if invalid.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (histogram, survey) = chart_datasets(&market);
    let chart_sources = histogram
        .into_iter()
        .chain(survey)
        .map(|d| ChartSource {
            source: d.source.clone(),
            region: d.region.clone(),
            observed_on: d.as_of,
        })
        .collect();
    // A band whose form came back with errors is the one being worked on: emphasise it.
    let highlight = invalid.as_ref().map(|(code, _, _)| *code);
    let context = GradesPage {
        competencies: criteria::competencies(),
        grades,
        chart: grades_chart(db, page.lang, highlight).await?,
        chart_sources,
        any_stale: market.iter().any(|d| d.stale),
        market,
        grade_charts,
        can_edit: user.can(Action::EditSalaryBands),
        can_import: user.can(Action::ImportMarketData),
        csrf_query: serde_urlencoded::to_string([(
            "_csrf",
            crate::web::csrf::token(&page.session).await?,
        )])
        .unwrap_or_default(),
        kinds: MarketKind::ALL.map(MarketKind::as_str),
        errors: invalid
            .as_ref()
            .map(|(_, _, e)| page.field_errors(e))
            .unwrap_or_default(),
        invalid: invalid.map(|(code, _, _)| code.to_owned()),
    };
    Ok((status, page.render("positions/grades.html", context).await?).into_response())
}

pub async fn grades(page: Page) -> AppResult<Response> {
    render(&page, None).await
}

pub async fn update_grade(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<BandForm>,
) -> AppResult<Response> {
    let user = page.require(Action::EditSalaryBands)?;
    let amount = |field: &str, text: &str| {
        parse_amount(text)
            .ok_or_else(|| FieldError::new(field, Message::new("field-amount-invalid")))
    };
    let parsed = (
        amount("salary_min", &form.salary_min),
        amount("salary_max", &form.salary_max),
    );
    let result = match parsed {
        (Ok(min), Ok(max)) => {
            reference::update_band(&page.state.db, user.id, &code, min, max, &form.currency).await
        }
        (min, max) => Err(AppError::Validation(
            [min.err(), max.err()].into_iter().flatten().collect(),
        )),
    };
    match result {
        Ok(updated) => {
            let name = reference::grade_name(&updated, page.lang).to_owned();
            page.flash(
                FlashKind::Success,
                Message::new("grade-band-saved").with("grade", name),
            )
            .await?;
            Ok(Redirect::to("/grades").into_response())
        }
        Err(AppError::Validation(errors)) => render(&page, Some((&code, &form, errors))).await,
        Err(other) => Err(other),
    }
}
