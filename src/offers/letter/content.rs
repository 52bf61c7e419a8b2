//! What the offer letter says, in the candidate's language: the terms of one revision laid out
//! as blocks for [`super::layout`]. Words come from `templates/locales/*/letter.ftl`; amounts
//! and dates are written as each language writes them («150 000 ₽», «15 декабря 2026 г.»;
//! "RUB 150,000", "15 December 2026"), and a Russian letter repeats a rouble salary in words.

use chrono::{Datelike, NaiveDate};

use super::layout::{Align, BLACK, Block, Colour, GREY, Letterhead, Sheet, Style, Weight};
use crate::domain::money::{self, Style as MoneyStyle};
use crate::domain::money_words::roubles_in_words;
use crate::entities::offer;
use crate::web::i18n::{Lang, Message};

/// Everything the letter is written from, already read.
pub struct Facts<'a> {
    pub lang: Lang,
    /// The agency as candidates know it, and its legal details for the letterhead.
    pub agency_name: &'a str,
    pub legal_name: &'a str,
    pub address: &'a str,
    pub accent: &'a str,
    pub logo: Option<&'a [u8]>,
    pub candidate: &'a str,
    pub position_title: &'a str,
    pub grade: Option<&'a str>,
    pub offer: &'a offer::Model,
    /// The letter's date: the day it was sent, or today for one not sent yet.
    pub issued_on: NaiveDate,
    /// The one-time link to accept or decline; a copy made outside the email points to it.
    pub link: Option<&'a str>,
    pub link_days: i64,
    /// Approved (or further on): anything before is marked as a draft.
    pub approved: bool,
}

/// `2026-12-15` → «15 декабря 2026 г.» or "15 December 2026".
pub fn long_date(day: NaiveDate, lang: Lang) -> String {
    let month = lang.text(&format!("letter-month-{}", day.month()));
    lang.render(
        &Message::new("letter-date")
            .with("day", day.day().to_string())
            .with("month", month)
            .with("year", day.year().to_string()),
    )
}

/// The monthly salary: «150 000 ₽ в месяц до вычета налогов (сто пятьдесят тысяч рублей)» in
/// Russian (words for roubles only), "RUB 150,000 a month before tax" in English.
pub fn salary(amount: i64, currency: &str, lang: Lang) -> String {
    let style = MoneyStyle::english(lang == Lang::En);
    let figures = money::with_currency(amount, currency, style);
    let roubles = matches!(currency, "RUB" | "RUR");
    if lang == Lang::Ru && roubles {
        lang.render(
            &Message::new("letter-salary-words")
                .with("amount", figures)
                .with("words", roubles_in_words(amount)),
        )
    } else {
        lang.render(&Message::new("letter-salary-value").with("amount", figures))
    }
}

const BODY: Style = Style::new(10.5, Weight::Regular, BLACK);

fn text(text: String, style: Style, after: f32) -> Block {
    Block::Text {
        text,
        style,
        align: Align::Left,
        after,
    }
}

fn row(label: String, value: String) -> Block {
    Block::Row {
        label,
        value,
        after: 5.0,
    }
}

/// The letter as blocks on a sheet.
pub fn sheet(f: &Facts<'_>) -> Sheet {
    let lang = f.lang;
    let o = f.offer;
    let accent = Colour::from_hex(
        f.accent,
        Colour::from_hex(crate::agency::model::DEFAULT_ACCENT, BLACK),
    );
    let title = lang.text("letter-title");
    let mut blocks = vec![Block::Text {
        text: long_date(f.issued_on, lang),
        style: Style::new(10.0, Weight::Regular, GREY),
        align: Align::Right,
        after: 14.0,
    }];
    blocks.push(text(
        title.clone(),
        Style::new(18.0, Weight::Bold, BLACK),
        4.0,
    ));
    if !f.approved {
        blocks.push(text(
            lang.text("letter-not-final"),
            Style::new(9.5, Weight::Bold, accent),
            4.0,
        ));
    }
    blocks.push(text(String::new(), BODY, 0.0));
    blocks.push(text(
        lang.render(&Message::new("letter-greeting").with("name", f.candidate)),
        BODY,
        6.0,
    ));
    blocks.push(text(
        lang.render(&Message::new("letter-intro").with("title", f.position_title)),
        BODY,
        12.0,
    ));
    blocks.push(row(
        lang.text("letter-position"),
        f.position_title.to_owned(),
    ));
    if let Some(grade) = f.grade.filter(|g| !g.trim().is_empty()) {
        blocks.push(row(lang.text("letter-grade"), grade.to_owned()));
    }
    blocks.push(row(
        lang.text("letter-salary"),
        salary(o.salary, &o.currency, lang),
    ));
    blocks.push(row(
        lang.text("letter-start"),
        long_date(o.start_date, lang),
    ));
    let probation = if o.probation_months > 0 {
        lang.render(&Message::new("offer-months").with_number("n", i64::from(o.probation_months)))
    } else {
        lang.text("letter-probation-none")
    };
    blocks.push(row(lang.text("letter-probation"), probation));
    if !o.bonus_terms.trim().is_empty() {
        blocks.push(row(
            lang.text("letter-bonus"),
            o.bonus_terms.trim().to_owned(),
        ));
    }
    if !o.terms.trim().is_empty() {
        blocks.push(row(lang.text("letter-terms"), o.terms.trim().to_owned()));
    }
    blocks.push(text(String::new(), BODY, 0.0));
    match f.link {
        Some(link) => {
            blocks.push(text(
                lang.render(&Message::new("letter-answer-link").with_number("days", f.link_days)),
                BODY,
                2.0,
            ));
            blocks.push(Block::Link {
                url: link.to_owned(),
                after: 8.0,
            });
        }
        None => blocks.push(text(lang.text("letter-answer-email"), BODY, 8.0)),
    }
    blocks.push(text(lang.text("letter-questions"), BODY, 18.0));
    blocks.push(text(lang.text("letter-closing"), BODY, 0.0));
    blocks.push(text(
        f.agency_name.to_owned(),
        Style::new(BODY.size, Weight::Bold, BLACK),
        0.0,
    ));
    Sheet {
        title: format!("{title}: {}", f.candidate),
        author: f.agency_name.to_owned(),
        lang: lang.as_str(),
        head: Letterhead {
            logo: f.logo.map(<[u8]>::to_vec),
            name: f.agency_name.to_owned(),
            details: vec![f.legal_name.to_owned(), f.address.to_owned()],
            accent,
        },
        blocks,
        footer: lang.render(
            &Message::new("letter-footer")
                .with("name", f.candidate)
                .with_number("revision", i64::from(o.revision)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_with_the_month_by_name() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        assert_eq!(long_date(day, Lang::Ru), "15 декабря 2026 г.");
        assert_eq!(long_date(day, Lang::En), "15 December 2026");
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(long_date(day, Lang::Ru), "1 марта 2027 г.");
    }

    #[test]
    fn a_russian_rouble_salary_is_repeated_in_words_and_an_english_one_is_not() {
        assert_eq!(
            salary(150_000, "RUB", Lang::Ru),
            "150\u{a0}000\u{a0}₽ в месяц до вычета налогов (сто пятьдесят тысяч рублей)"
        );
        assert_eq!(
            salary(150_000, "RUB", Lang::En),
            "RUB\u{a0}150,000 a month before tax"
        );
        assert_eq!(
            salary(3_000, "USD", Lang::Ru),
            "3\u{a0}000\u{a0}$ в месяц до вычета налогов"
        );
    }
}
