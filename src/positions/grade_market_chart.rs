//! Each grade's band against the market figures that fall in or overlap it: one small inline
//! SVG per grade, a row per figure (a survey range, a bracket of résumés, a vacancy range, an
//! average) on a salary scale, with the band shaded behind them all.
//!
//! Drawn by hand like market_chart.rs and for the same reasons; colours are presentation
//! attributes and the `grade-market-*` classes hooks for app.css, never `style` (CSP).

use serde::Serialize;

use super::market_chart::escape;
use super::reference::MarketDataset;
use crate::domain::market::overlaps;
use crate::entities::grade;
use crate::web::i18n::{Lang, Message};
use crate::web::templates::money;

/// One market figure on a grade's chart.
#[derive(Debug, PartialEq)]
pub struct Figure {
    /// "hh.ru, Moscow · 70 000–140 000", in the reader's language.
    pub label: String,
    /// `resumes`, `vacancies` or `survey`: the bar's colour.
    pub kind: String,
    pub lower: Option<i64>,
    pub upper: Option<i64>,
    pub median: Option<i64>,
    pub stale: bool,
}

/// A grade's chart for the page: its name and the SVG, or none when no figure meets its band.
#[derive(Serialize)]
pub struct GradeChart {
    pub code: String,
    pub name: String,
    pub figures: usize,
    pub svg: Option<String>,
}

fn span_text(lang: Lang, lower: Option<i64>, upper: Option<i64>) -> String {
    match (lower, upper) {
        (Some(l), Some(u)) if l == u => money(l),
        (Some(l), Some(u)) => format!("{}–{}", money(l), money(u)),
        (None, Some(u)) => {
            lang.render(&Message::new("grades-market-under").with("amount", money(u)))
        }
        (Some(l), None) => {
            lang.render(&Message::new("market-figure-over").with("amount", money(l)))
        }
        (None, None) => String::new(),
    }
}

/// The figures of `market` (in the band's currency) that fall in or overlap `min..=max`.
pub fn figures_for(
    market: &[MarketDataset],
    min: i64,
    max: i64,
    currency: &str,
    lang: Lang,
) -> Vec<Figure> {
    let mut out = Vec::new();
    for d in market.iter().filter(|d| d.currency == currency) {
        let kind_name = lang.text(&format!("market-kind-{}", d.kind));
        let mut push =
            |lower: Option<i64>, upper: Option<i64>, median: Option<i64>, name: Option<&str>| {
                if !(overlaps(lower.or(median), upper.or(median), min, max)) {
                    return;
                }
                let mut label = format!(
                    "{} ({kind_name}, {}, {})",
                    d.title,
                    d.source,
                    d.as_of.format("%Y")
                );
                if let Some(name) = name {
                    label.push_str(&format!(" · {name}"));
                }
                let span = span_text(lang, lower, upper);
                if !span.is_empty() {
                    label.push_str(&format!(" · {span}"));
                }
                if let Some(median) = median {
                    let text = lang.render(
                        &Message::new("market-figure-median").with("amount", money(median)),
                    );
                    label.push_str(&format!(" · {text}"));
                }
                out.push(Figure {
                    label,
                    kind: d.kind.clone(),
                    lower,
                    upper,
                    median,
                    stale: d.stale,
                });
            };
        match d.shape.as_str() {
            "range" => push(d.range_min, d.range_max, None, None),
            // An average "over 60 000" reads as open above.
            "average_over" => push(d.range_min, None, None, None),
            "histogram" => {
                for b in &d.buckets {
                    push(b.lower, b.upper, b.median, b.label.as_deref());
                }
            }
            _ => {}
        }
    }
    out
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 24.0;
const RIGHT: f64 = 600.0;
const ROW: f64 = 34.0;
const TOP: f64 = 26.0;
const BAND: &str = "#e3ecf5";
const BAND_EDGE: &str = "#4f7399";
const MUTED: &str = "#5d6878";

fn colour(kind: &str) -> &'static str {
    match kind {
        "resumes" => "#6f87a3",
        "survey" => "#7a6a9c",
        _ => "#b4581a",
    }
}

/// The chart of one band against its figures.
pub fn grade_svg(band_label: &str, min: i64, max: i64, figures: &[Figure], title: &str) -> String {
    // The scale covers the band and every known end, with a margin for open ends.
    let ends = figures
        .iter()
        .flat_map(|f| [f.lower, f.upper, f.median])
        .flatten()
        .chain([min, max]);
    let (lo, hi) = ends.fold((i64::MAX, i64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let margin = ((hi - lo) / 10).max(1000);
    let (lo, hi) = ((lo - margin).max(0), hi + margin);
    let x =
        |v: i64| LEFT + (v.clamp(lo, hi) - lo) as f64 / (hi - lo).max(1) as f64 * (RIGHT - LEFT);
    let height = TOP + ROW * figures.len() as f64 + 8.0;
    let (bx, bend) = (x(min), x(max));
    let mut out = vec![
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" class="grade-market-chart" font-size="13" fill="{MUTED}">"#
        ),
        format!("<title>{}</title>", escape(title)),
        format!(
            "<desc>{}</desc>",
            escape(&format!(
                "{band_label} · {}–{}. {}",
                money(min),
                money(max),
                figures
                    .iter()
                    .map(|f| f.label.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        ),
        format!(
            r#"<rect class="grade-market-band" x="{bx:.1}" y="0" width="{:.1}" height="{height}" fill="{BAND}" stroke="{BAND_EDGE}" stroke-dasharray="4 3"/>"#,
            (bend - bx).max(2.0)
        ),
        format!(
            r#"<text class="grade-market-band-label" x="{LEFT}" y="16" fill="{BAND_EDGE}" font-weight="700">{}</text>"#,
            escape(&format!("{band_label} · {}–{}", money(min), money(max)))
        ),
    ];
    for (i, f) in figures.iter().enumerate() {
        let top = TOP + ROW * i as f64;
        let colour = colour(&f.kind);
        let (start, end) = match (f.lower, f.upper) {
            (None, None) => (f.median.map_or(bx, x), f.median.map_or(bend, x)),
            (lower, upper) => (lower.map_or(LEFT, x), upper.map_or(RIGHT, x)),
        };
        let stale = if f.stale { " grade-market-stale" } else { "" };
        out.push(format!(
            r#"<g class="grade-market-figure grade-market-{}{stale}"><text x="{LEFT}" y="{:.1}">{}</text>"#,
            escape(&f.kind),
            top + 12.0,
            escape(&f.label)
        ));
        out.push(format!(
            r#"<rect x="{start:.1}" y="{:.1}" width="{:.1}" height="8" rx="2" fill="{colour}"{}/>"#,
            top + 18.0,
            (end - start).max(3.0),
            if f.stale {
                r#" fill-opacity="0.5""#
            } else {
                ""
            }
        ));
        if let Some(median) = f.median {
            let m = x(median);
            out.push(format!(
                r##"<line class="grade-market-median" x1="{m:.1}" y1="{:.1}" x2="{m:.1}" y2="{:.1}" stroke="#1d2430" stroke-width="2"/>"##,
                top + 15.0,
                top + 29.0
            ));
        }
        out.push("</g>".into());
    }
    out.push("</svg>".into());
    out.join("\n")
}

/// A chart per grade, in `lang`.
pub fn grade_charts(
    grades: &[grade::Model],
    market: &[MarketDataset],
    lang: Lang,
) -> Vec<GradeChart> {
    grades
        .iter()
        .map(|g| {
            let name = super::reference::grade_name(g, lang).to_owned();
            let figures = figures_for(market, g.salary_min, g.salary_max, &g.currency, lang);
            let title =
                lang.render(&Message::new("grade-market-title").with("grade", name.clone()));
            GradeChart {
                code: g.code.clone(),
                figures: figures.len(),
                svg: (!figures.is_empty())
                    .then(|| grade_svg(&name, g.salary_min, g.salary_max, &figures, &title)),
                name,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::positions::reference::MarketBucket;

    fn dataset(kind: &str, shape: &str, min: Option<i64>, max: Option<i64>) -> MarketDataset {
        MarketDataset {
            code: format!("{kind}-{shape}"),
            kind: kind.into(),
            shape: shape.into(),
            title: format!("{kind} {shape}"),
            source: "src".into(),
            region: "Moscow".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2022, 7, 1).unwrap(),
            stale: true,
            range_min: min,
            range_max: max,
            total: None,
            currency: "RUB".into(),
            buckets: Vec::new(),
        }
    }

    fn bucket(lower: Option<i64>, upper: Option<i64>) -> MarketBucket {
        MarketBucket {
            label: None,
            lower,
            upper,
            median: None,
            count: Some(10),
        }
    }

    #[test]
    fn only_figures_that_meet_the_band_are_drawn_for_it() {
        let mut hh = dataset("resumes", "histogram", None, None);
        hh.buckets = vec![
            bucket(None, Some(70000)),
            bucket(Some(70000), Some(140000)),
            bucket(Some(140000), Some(210000)),
        ];
        let market = vec![
            hh,
            dataset("survey", "range", Some(40229), Some(229885)),
            dataset("vacancies", "range", Some(15000), Some(40000)),
            dataset("vacancies", "average_over", Some(60000), None),
            dataset("resumes", "count", None, None),
        ];
        let junior = figures_for(&market, 60000, 90000, "RUB", Lang::En);
        let kinds: Vec<(&str, Option<i64>)> =
            junior.iter().map(|f| (f.kind.as_str(), f.lower)).collect();
        assert_eq!(
            kinds,
            [
                ("resumes", None),
                ("resumes", Some(70000)),
                ("survey", Some(40229)),
                ("vacancies", Some(60000))
            ],
            "the 140–210k bracket, the 15–40k range and the bare count stay off"
        );
        assert!(figures_for(&market, 60000, 90000, "USD", Lang::En).is_empty());
    }

    #[test]
    fn the_band_is_shaded_behind_a_row_per_figure_and_labels_are_escaped() {
        let figures = figures_for(
            &[dataset("survey", "range", Some(40229), Some(229885))],
            90000,
            140000,
            "RUB",
            Lang::En,
        );
        let svg = grade_svg("<Middle>", 90000, 140000, &figures, "Middle & market");
        assert_eq!(svg.matches("grade-market-band\"").count(), 1);
        assert_eq!(svg.matches("grade-market-figure ").count(), 1);
        assert!(svg.contains("&lt;Middle&gt;") && svg.contains("Middle &amp; market"));
        assert!(svg.contains("40\u{a0}229–229\u{a0}885"));
        assert!(!svg.contains("style="), "the CSP forbids inline styles");
    }

    #[test]
    fn labels_follow_the_readers_language() {
        let over = [dataset("vacancies", "average_over", Some(60000), None)];
        let en = figures_for(&over, 60000, 90000, "RUB", Lang::En);
        let ru = figures_for(&over, 60000, 90000, "RUB", Lang::Ru);
        assert!(en[0].label.contains("over 60\u{a0}000"), "{}", en[0].label);
        assert!(
            ru[0].label.contains("больше 60\u{a0}000"),
            "{}",
            ru[0].label
        );
    }
}
