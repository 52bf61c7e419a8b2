//! The open positions as the public sees them: the careers list with its filters, one job
//! page's position, and the salary each quotes from its grade's current band.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use crate::domain::money::{self, Style};
use crate::domain::salary::SalaryBand;
use crate::domain::work_format::WorkFormat;
use crate::entities::{grade, position};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Lang;

pub use crate::recruitment::job_applications::public_title;

/// The only status the public ever sees.
const OPEN: &str = "open";

/// `office`, `hybrid` or `remote` as stored; anything else is no format at all.
pub fn work_format(value: Option<&str>) -> Option<&'static str> {
    WorkFormat::parse(value?).map(WorkFormat::as_str)
}

/// What the careers list narrows to; empty means everything open.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub city: Option<String>,
    pub work_format: Option<&'static str>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.city.is_none() && self.work_format.is_none()
    }
}

/// An open position in one language, as the careers list and the public API show it.
#[derive(Clone, Debug, Serialize)]
pub struct Opening {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub city: Option<String>,
    /// A [`WorkFormat`] code, when the position has one.
    pub work_format: Option<&'static str>,
    pub opened_on: Option<NaiveDate>,
    /// The grade's band as the language writes it: «от 90 000 до 150 000 ₽».
    pub salary: Option<String>,
}

/// A page of the open positions matching `filter`, newest first, and how many match in all.
pub async fn openings(
    db: &DatabaseConnection,
    filter: &Filter,
    lang: Lang,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<Opening>, u64)> {
    let mut query = position::Entity::find().filter(position::Column::Status.eq(OPEN));
    if let Some(city) = &filter.city {
        query = query.filter(position::Column::City.eq(city.as_str()));
    }
    if let Some(format) = filter.work_format {
        query = query.filter(position::Column::WorkFormat.eq(format));
    }
    let total = query.clone().count(db).await?;
    let positions = query
        .order_by_desc(position::Column::OpenedOn)
        .order_by_desc(position::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    let bands = bands_of(db, &positions).await?;
    let items = positions
        .into_iter()
        .map(|p| Opening {
            salary: bands.get(&p.grade).map(|band| salary_line(band, lang)),
            id: p.id,
            title: public_title(&p, lang),
            city: city_of(&p).map(|c| city_label(&c, lang)),
            work_format: work_format(p.work_format.as_deref()),
            opened_on: p.opened_on,
            slug: p.slug,
        })
        .collect();
    Ok((items, total))
}

/// The cities open positions are in, for the filter: each once, in alphabetical order.
pub async fn cities(db: &DatabaseConnection) -> AppResult<Vec<String>> {
    let rows: Vec<Option<String>> = position::Entity::find()
        .select_only()
        .column(position::Column::City)
        .distinct()
        .filter(position::Column::Status.eq(OPEN))
        .filter(position::Column::City.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut cities: Vec<String> = rows
        .into_iter()
        .flatten()
        .filter(|c| !c.trim().is_empty())
        .collect();
    cities.sort_by_key(|c| c.to_lowercase());
    cities.dedup();
    Ok(cities)
}

/// The position behind a job page's address, whatever its status; an unknown slug is 404.
pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> AppResult<position::Model> {
    position::Entity::find()
        .filter(position::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Only an open position takes applications; drafts, held, filled and cancelled ones say the
/// vacancy is closed.
pub fn is_open(position: &position::Model) -> bool {
    position.status == OPEN
}

pub fn city_of(position: &position::Model) -> Option<String> {
    position
        .city
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
}

/// A city as a reader of `lang` reads it: the Russian name as typed, or its English name
/// (a page in English carries no Cyrillic). The filter still matches the name as stored.
pub fn city_label(city: &str, lang: Lang) -> String {
    match lang {
        Lang::Ru => city.to_owned(),
        Lang::En => crate::domain::vacancy_words::city_in_english(city),
    }
}

/// The band the position's grade pays today, if its grade is known.
pub async fn band(
    db: &DatabaseConnection,
    position: &position::Model,
) -> AppResult<Option<SalaryBand>> {
    Ok(bands_of(db, std::slice::from_ref(position))
        .await?
        .remove(&position.grade))
}

/// «от 90 000 до 150 000 ₽» or "RUB 90,000–150,000".
pub fn salary_line(band: &SalaryBand, lang: Lang) -> String {
    money::range(
        band.min,
        band.max,
        &band.currency,
        Style::english(lang == Lang::En),
    )
}

/// The bands of the positions' grades, read in one query.
async fn bands_of(
    db: &DatabaseConnection,
    positions: &[position::Model],
) -> AppResult<HashMap<String, SalaryBand>> {
    if positions.is_empty() {
        return Ok(HashMap::new());
    }
    let codes: Vec<&str> = positions.iter().map(|p| p.grade.as_str()).collect();
    Ok(grade::Entity::find()
        .filter(grade::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|g| {
            (
                g.code,
                SalaryBand {
                    min: g.salary_min,
                    max: g.salary_max,
                    currency: g.currency,
                },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_known_work_formats_filter() {
        assert_eq!(work_format(Some("remote")), Some("remote"));
        assert_eq!(work_format(Some(" hybrid ")), Some("hybrid"));
        assert_eq!(work_format(Some("moon")), None);
        assert_eq!(work_format(Some("")), None);
        assert_eq!(work_format(None), None);
    }

    #[test]
    fn the_salary_line_is_written_the_way_each_language_writes_it() {
        let band = SalaryBand {
            min: 90_000,
            max: 150_000,
            currency: "RUB".into(),
        };
        assert_eq!(
            salary_line(&band, Lang::Ru),
            "от 90\u{a0}000 до 150\u{a0}000\u{a0}₽"
        );
        assert_eq!(salary_line(&band, Lang::En), "RUB\u{a0}90,000–150,000");
    }
}
