//! What every report is filtered by: a date range (both ends included, either may be open) and,
//! where it makes sense, one position. Read from the query string as text, so a mistyped date is
//! a clear 422 rather than a bare 400.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::domain::date_bounds::DateKind;
use crate::entities::application;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day, YYYY-MM-DD.
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD, included.
    pub to: Option<String>,
    pub position_id: Option<String>,
    /// csv or xlsx for a download; the `Accept` header works too.
    pub format: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub position_id: Option<i32>,
}

fn date(field: &str, text: Option<&str>, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) => match FieldError::date(field, DateKind::Period, day) {
            Some(error) => {
                errors.push(error);
                None
            }
            None => Some(day),
        },
        Err(_) => {
            errors.push(FieldError::new(field, Message::new("field-date-invalid")));
            None
        }
    }
}

impl ReportQuery {
    pub fn filter(&self) -> AppResult<Filter> {
        let mut errors = Vec::new();
        let from = date("from", self.from.as_deref(), &mut errors);
        let to = date("to", self.to.as_deref(), &mut errors);
        let position_id = match self.position_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match text.parse::<i32>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "position_id",
                        Message::new("field-choice-invalid"),
                    ));
                    None
                }
            },
        };
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.push(FieldError::new("to", Message::new("report-range-reversed")));
        }
        if errors.is_empty() {
            Ok(Filter {
                from,
                to,
                position_id,
            })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

impl Filter {
    pub fn has_day(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// A moment falls in the range by its UTC date.
    pub fn has(&self, at: DateTime<Utc>) -> bool {
        self.has_day(at.date_naive())
    }

    /// The range as UTC moments for a query: `[start, end)`.
    pub fn moments(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        (
            self.from.and_then(start),
            self.to.and_then(|t| t.succ_opt()).and_then(start),
        )
    }

    /// Applications made in the range (on the position, when one is chosen).
    pub fn applications(&self) -> sea_orm::Select<application::Entity> {
        let (start, end) = self.moments();
        let mut query = application::Entity::find();
        if let Some(start) = start {
            query = query.filter(application::Column::CreatedAt.gte(start));
        }
        if let Some(end) = end {
            query = query.filter(application::Column::CreatedAt.lt(end));
        }
        if let Some(position) = self.position_id {
            query = query.filter(application::Column::PositionId.eq(position));
        }
        query
    }

    pub fn has_position(&self, position_id: i32) -> bool {
        self.position_id.is_none_or(|p| p == position_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(from: &str, to: &str) -> ReportQuery {
        ReportQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            ..ReportQuery::default()
        }
    }

    #[test]
    fn both_ends_are_included_and_empty_means_open() {
        let filter = query("2026-03-01", "2026-03-31").filter().unwrap();
        assert!(filter.has_day(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()));
        assert!(!filter.has_day(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()));
        let open = query("", "").filter().unwrap();
        assert_eq!(open, Filter::default());
    }

    #[test]
    fn bad_dates_and_reversed_ranges_are_field_errors() {
        let Err(AppError::Validation(errors)) = query("2026-13-01", "").filter() else {
            panic!("a bad month is refused");
        };
        assert_eq!(errors[0].field, "from");
        let Err(AppError::Validation(errors)) = query("2026-04-01", "2026-03-01").filter() else {
            panic!("a reversed range is refused");
        };
        assert_eq!(errors[0].field, "to");
    }
}
