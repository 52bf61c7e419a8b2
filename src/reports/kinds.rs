//! The reports by name, who may read them, and one way to run any of them, so the page and the
//! API answer with the same figures.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::filter::Filter;
use super::output::Output;
use super::{calibration, funnel, internships, offers, predictive, sources, time_to_fill};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::ApiJson;
use crate::web::i18n::Lang;
use crate::web::tabular::{self, Format};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Funnel,
    TimeToFill,
    Sources,
    Offers,
    Calibration,
    Internships,
    Predictive,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Funnel,
        Kind::TimeToFill,
        Kind::Sources,
        Kind::Offers,
        Kind::Calibration,
        Kind::Internships,
        Kind::Predictive,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::Funnel => "funnel",
            Kind::TimeToFill => "time-to-fill",
            Kind::Sources => "sources",
            Kind::Offers => "offers",
            Kind::Calibration => "calibration",
            Kind::Internships => "internships",
            Kind::Predictive => "predictive",
        }
    }

    pub fn parse(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// Whether the report is filtered by a position as well as by dates.
    pub fn by_position(self) -> bool {
        !matches!(self, Kind::Internships | Kind::Predictive)
    }

    /// Reports are for those who see reports; salaries only for those who see salaries.
    pub fn may_read(self, user: &CurrentUser) -> bool {
        user.can(Action::ViewReports) && (self != Kind::Offers || user.can(Action::ViewSalaries))
    }
}

/// A computed report: the figures (for JSON) and how to show them.
pub enum Computed {
    Funnel(funnel::Funnel),
    TimeToFill(time_to_fill::TimeToFill),
    Sources(sources::Sources),
    Offers(offers::Offers),
    Calibration(calibration::Calibration),
    Internships(internships::InternshipOutcomes),
    Predictive(predictive::Predictive),
}

impl Computed {
    pub fn output(&self, lang: Lang) -> Output {
        match self {
            Computed::Funnel(r) => r.output(lang),
            Computed::TimeToFill(r) => r.output(lang),
            Computed::Sources(r) => r.output(lang),
            Computed::Offers(r) => r.output(lang),
            Computed::Calibration(r) => r.output(lang),
            Computed::Internships(r) => r.output(lang),
            Computed::Predictive(r) => r.output(lang),
        }
    }

    fn json(&self) -> Response {
        match self {
            Computed::Funnel(r) => ApiJson(r).into_response(),
            Computed::TimeToFill(r) => ApiJson(r).into_response(),
            Computed::Sources(r) => ApiJson(r).into_response(),
            Computed::Offers(r) => ApiJson(r).into_response(),
            Computed::Calibration(r) => ApiJson(r).into_response(),
            Computed::Internships(r) => ApiJson(r).into_response(),
            Computed::Predictive(r) => ApiJson(r).into_response(),
        }
    }
}

pub async fn run(state: &AppState, kind: Kind, filter: Filter, lang: Lang) -> AppResult<Computed> {
    let db = &state.db;
    let cache = &state.report_groups;
    Ok(match kind {
        Kind::Funnel => Computed::Funnel(funnel::compute(db, cache, filter, lang).await?),
        Kind::TimeToFill => Computed::TimeToFill(time_to_fill::compute(db, filter, lang).await?),
        Kind::Sources => Computed::Sources(sources::compute(db, cache, filter).await?),
        Kind::Offers => Computed::Offers(offers::compute(db, filter, lang).await?),
        Kind::Calibration => Computed::Calibration(calibration::compute(db, filter).await?),
        Kind::Internships => Computed::Internships(internships::compute(db, filter).await?),
        Kind::Predictive => Computed::Predictive(predictive::compute(db, filter, lang).await?),
    })
}

/// The file name of a download: the report and its range.
pub fn file_name(kind: Kind, filter: &Filter) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map_or("all".to_owned(), |d| d.to_string());
    format!("{}-{}-{}", kind.slug(), day(filter.from), day(filter.to))
}

/// The report as JSON, or as CSV (its main table) or XLSX (every table) when asked for.
pub fn respond(
    computed: &Computed,
    kind: Kind,
    filter: &Filter,
    format: Option<Format>,
    lang: Lang,
) -> AppResult<Response> {
    match format {
        None => Ok(computed.json()),
        Some(format) => download(computed, kind, filter, format, lang),
    }
}

pub fn download(
    computed: &Computed,
    kind: Kind,
    filter: &Filter,
    format: Format,
    lang: Lang,
) -> AppResult<Response> {
    let output = computed.output(lang);
    let name = file_name(kind, filter);
    match format {
        Format::Csv => tabular::download(&output.main_table(), Format::Csv, &name, lang),
        Format::Xlsx => {
            let sheets: Vec<(&str, &tabular::Table)> = output
                .sections
                .iter()
                .map(|s| (s.caption.as_str(), &s.table))
                .collect();
            Ok(tabular::attachment(
                tabular::workbook(&sheets)?,
                Format::Xlsx,
                &name,
            ))
        }
    }
}

/// The format a request asks for, from `?format=` or the `Accept` header.
pub fn format_of(query: Option<&str>, headers: &HeaderMap) -> AppResult<Option<Format>> {
    match query {
        Some("" | "html" | "json") | None => Ok(Format::requested(None, headers)),
        Some(other) => Format::requested(Some(other), headers)
            .map(Some)
            .ok_or_else(|| {
                AppError::validation(
                    "format",
                    crate::web::i18n::Message::new("field-choice-invalid"),
                )
            }),
    }
}
