//! The market chart on the grades page: a histogram of CVs by expected salary, with each grade's
//! salary band drawn beneath it on the same salary scale, as inline SVG.
//!
//! Drawn by hand rather than with plotters: without its font features plotters cannot measure
//! text for its layout, and this chart is a handful of rects, lines and labels. Labels sit on
//! rows of their own, so nothing here needs to know how wide a text is. Colours are SVG
//! presentation attributes, never `style` (the Content-Security-Policy forbids inline styles);
//! the `market-chart-*` classes are hooks for app.css.

use std::collections::BTreeSet;

use sea_orm::DatabaseConnection;

use super::reference::{self, MarketDataset};
use crate::error::AppResult;
use crate::web::i18n::{Lang, Message};
use crate::web::templates::money;

/// A grade's salary band as the chart draws it.
pub struct BandOnChart {
    pub label: String,
    pub min: i64,
    pub max: i64,
    /// Drawn thicker and in a warm colour, with its label in bold.
    pub highlight: bool,
}

/// The chart's texts, already in the reader's language.
pub struct ChartLabels {
    /// The accessible name, the SVG's `<title>`.
    pub title: String,
    /// Under the x axis: "Expected monthly salary, RUB".
    pub axis: String,
    /// Over the bar counts, and in the description: "CVs".
    pub cvs: String,
    /// Introduces the bands in the description: "Salary bands".
    pub bands: String,
    /// The survey range's name: "RealHR survey".
    pub survey: String,
    /// Follows a tick's number of thousands: "k" gives "70k".
    pub thousands: String,
}

// The layout, in viewBox units. Every label has a row of its own, so none needs measuring.
const WIDTH: f64 = 640.0;
const LEFT: f64 = 24.0;
const RIGHT: f64 = 600.0;
const BARS_TOP: f64 = 40.0;
const AXIS_Y: f64 = 180.0;
const SECTION_TOP: f64 = 234.0;
const ROW: f64 = 30.0;

const INK: &str = "#1d2430";
const MUTED: &str = "#5d6878";
const GRID: &str = "#d9dee6";
const BAR_FILL: &str = "#d6e2ee";
const BAR_STROKE: &str = "#6f87a3";
const BAND: &str = "#4f7399";
const HIGHLIGHT: &str = "#b4581a";
/// A white outline behind a label, so the grid lines it crosses do not run through its letters.
const HALO: &str =
    r##"paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round""##;

/// Salary to x: 0 at the left edge, the histogram's top edge at the right. Anything above the
/// top is pinned to the right edge, where an arrow says it goes on.
pub(crate) struct Scale {
    top: i64,
}

impl Scale {
    pub(crate) fn new(top: i64) -> Self {
        Self { top: top.max(1) }
    }

    pub(crate) fn x(&self, salary: i64) -> f64 {
        let share = salary.clamp(0, self.top) as f64 / self.top as f64;
        LEFT + share * (RIGHT - LEFT)
    }

    pub(crate) fn beyond(&self, salary: i64) -> bool {
        salary > self.top
    }
}

/// A bucket with both ends known.
struct Bar {
    lower: i64,
    upper: i64,
    count: i32,
    /// An open top ("over 350 000"): drawn as wide as the bucket before it, with an arrow.
    open_above: bool,
}

fn bars(histogram: &MarketDataset) -> Vec<Bar> {
    let mut bars: Vec<Bar> = Vec::new();
    for bucket in &histogram.buckets {
        // An open bottom ("under 70 000") starts at zero.
        let lower = bucket.lower.unwrap_or(0);
        let (upper, open_above) = match bucket.upper {
            Some(upper) => (upper, false),
            None => {
                let width = bars.last().map_or(lower / 4, |b| b.upper - b.lower);
                (lower + width.max(1), true)
            }
        };
        bars.push(Bar {
            lower,
            upper,
            count: bucket.count.unwrap_or(0),
            open_above,
        });
    }
    bars
}

/// The histogram's bars, the survey bracket and one thin bar per band, as an `<svg>` element
/// that scales to its container's width.
pub fn market_chart_svg(
    histogram: &MarketDataset,
    survey: Option<(i64, i64)>,
    bands: &[BandOnChart],
    labels: &ChartLabels,
) -> String {
    let bars = bars(histogram);
    let scale = Scale::new(bars.iter().map(|b| b.upper).max().unwrap_or(0));
    let rows_top = SECTION_TOP + if survey.is_some() { ROW } else { 0.0 };
    let height = rows_top + ROW * bands.len() as f64 + 4.0;
    let description = description(&bars, survey, bands, labels, &histogram.currency);
    let mut out = vec![
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" class="market-chart" font-size="13" fill="{INK}">"#
        ),
        format!("<title>{}</title>", escape(&labels.title)),
        format!("<desc>{}</desc>", escape(&description)),
    ];
    draw_histogram(&mut out, &bars, &scale, labels, height);
    if let Some((min, max)) = survey {
        draw_survey(&mut out, &scale, &labels.survey, min, max);
    }
    for (i, band) in bands.iter().enumerate() {
        draw_band(&mut out, &scale, band, rows_top + ROW * i as f64);
    }
    out.push("</svg>".into());
    out.join("\n")
}

/// The bars with their counts, the axis with a tick at every bucket edge, and faint guides from
/// those edges down through the bands.
fn draw_histogram(
    out: &mut Vec<String>,
    bars: &[Bar],
    scale: &Scale,
    labels: &ChartLabels,
    height: f64,
) {
    let edges: BTreeSet<i64> = bars
        .iter()
        .flat_map(|b| [Some(b.lower), (!b.open_above).then_some(b.upper)])
        .flatten()
        .chain([0])
        .collect();
    out.push(format!(
        r#"<g class="market-chart-grid" stroke="{GRID}" stroke-dasharray="2 3">"#
    ));
    for edge in &edges {
        let x = scale.x(*edge);
        out.push(format!(
            r#"<line x1="{x:.1}" y1="{AXIS_Y}" x2="{x:.1}" y2="{:.1}"/>"#,
            height - 4.0
        ));
    }
    out.push("</g>".into());

    out.push(format!(
        r#"<text class="market-chart-caption" x="{LEFT}" y="16" fill="{MUTED}">{}</text>"#,
        escape(&labels.cvs)
    ));
    let tallest = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    for bar in bars {
        let (x, end) = (scale.x(bar.lower), scale.x(bar.upper));
        let tall = (AXIS_Y - BARS_TOP) * f64::from(bar.count.max(0)) / f64::from(tallest);
        let top = AXIS_Y - tall;
        out.push(format!(
            r#"<rect class="market-chart-bar" x="{:.1}" y="{top:.1}" width="{:.1}" height="{tall:.1}" fill="{BAR_FILL}" stroke="{BAR_STROKE}"/>"#,
            x + 1.0,
            (end - x - 2.0).max(1.0)
        ));
        out.push(format!(
            r#"<text class="market-chart-count" x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle">{}</text>"#,
            (x + end) / 2.0,
            top - 5.0,
            money(i64::from(bar.count))
        ));
        if bar.open_above {
            out.push(arrow(end, AXIS_Y - 8.0, BAR_STROKE));
        }
    }

    out.push(format!(
        r#"<g class="market-chart-axis" stroke="{MUTED}"><line x1="{LEFT}" y1="{AXIS_Y}" x2="{RIGHT}" y2="{AXIS_Y}"/>"#
    ));
    for edge in &edges {
        let x = scale.x(*edge);
        out.push(format!(
            r#"<line x1="{x:.1}" y1="{AXIS_Y}" x2="{x:.1}" y2="{}"/>"#,
            AXIS_Y + 5.0
        ));
    }
    out.push("</g>".into());
    for edge in &edges {
        let tick = match edge {
            0 => "0".to_owned(),
            _ => format!("{}{}", thousands(*edge), labels.thousands),
        };
        out.push(format!(
            r#"<text class="market-chart-tick" x="{:.1}" y="{}" font-size="12" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            scale.x(*edge),
            AXIS_Y + 19.0,
            escape(&tick)
        ));
    }
    out.push(format!(
        r#"<text class="market-chart-caption" x="{}" y="{}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
        (LEFT + RIGHT) / 2.0,
        AXIS_Y + 38.0,
        escape(&labels.axis)
    ));
}

/// The survey's range as a dashed bracket under its name, on the first row below the axis.
fn draw_survey(out: &mut Vec<String>, scale: &Scale, name: &str, min: i64, max: i64) {
    let (x1, x2) = (scale.x(min), scale.x(max));
    let top = SECTION_TOP;
    out.push(format!(
        r#"<g class="market-chart-survey"><text x="{LEFT}" y="{}" fill="{MUTED}" {HALO}>{}</text>"#,
        top + 12.0,
        escape(&range_text(name, min, max))
    ));
    out.push(format!(
        r#"<path d="M{x1:.1} {} V{} H{x2:.1} V{}" fill="none" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>"#,
        top + 25.0,
        top + 18.0,
        top + 25.0
    ));
    if scale.beyond(max) {
        out.push(arrow(RIGHT + 1.0, top + 18.0, MUTED));
    }
    out.push("</g>".into());
}

/// One band's row: its label, then a thin bar on the salary scale.
fn draw_band(out: &mut Vec<String>, scale: &Scale, band: &BandOnChart, top: f64) {
    let (x, end) = (scale.x(band.min), scale.x(band.max));
    let (colour, thick, weight, class) = if band.highlight {
        (
            HIGHLIGHT,
            12.0,
            r#" font-weight="700""#,
            "market-chart-row market-chart-row-highlight",
        )
    } else {
        (BAND, 8.0, "", "market-chart-row")
    };
    let middle = top + 20.0;
    out.push(format!(
        r#"<g class="{class}"><text x="{LEFT}" y="{}"{weight} {HALO}>{}</text>"#,
        top + 12.0,
        escape(&range_text(&band.label, band.min, band.max))
    ));
    out.push(format!(
        r#"<rect class="market-chart-band" x="{x:.1}" y="{:.1}" width="{:.1}" height="{thick}" rx="2" fill="{colour}"/>"#,
        middle - thick / 2.0,
        (end - x).max(2.0)
    ));
    if scale.beyond(band.max) {
        out.push(arrow(RIGHT + 1.0, middle, colour));
    }
    out.push("</g>".into());
}

/// 70 000 → "70": whole thousands, for ticks and bucket names.
fn thousands(amount: i64) -> String {
    money((amount + 500) / 1000)
}

/// "Account manager · 90 000–140 000"
fn range_text(name: &str, min: i64, max: i64) -> String {
    format!("{name} · {}–{}", money(min), money(max))
}

/// A small triangle pointing right at (x, y): the value goes on past the chart's edge.
fn arrow(x: f64, y: f64, colour: &str) -> String {
    format!(
        r#"<path class="market-chart-beyond" d="M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} Z" fill="{colour}"/>"#,
        y - 5.0,
        x + 8.0,
        y + 5.0
    )
}

/// What the picture shows, in words, for screen readers: the counts, the survey, the bands.
fn description(
    bars: &[Bar],
    survey: Option<(i64, i64)>,
    bands: &[BandOnChart],
    labels: &ChartLabels,
    currency: &str,
) -> String {
    let counts: Vec<String> = bars
        .iter()
        .map(|b| {
            let span = if b.open_above {
                format!("{}{}+", thousands(b.lower), labels.thousands)
            } else {
                format!(
                    "{}–{}{}",
                    thousands(b.lower),
                    thousands(b.upper),
                    labels.thousands
                )
            };
            format!("{span} — {}", money(i64::from(b.count)))
        })
        .collect();
    let mut text = format!("{}: {}.", labels.cvs, counts.join("; "));
    if let Some((min, max)) = survey {
        text.push_str(&format!(
            " {}: {}–{} {currency}.",
            labels.survey,
            money(min),
            money(max)
        ));
    }
    if !bands.is_empty() {
        let each: Vec<String> = bands
            .iter()
            .map(|b| format!("{} {currency}", range_text(&b.label, b.min, b.max)))
            .collect();
        text.push_str(&format!(" {}: {}.", labels.bands, each.join("; ")));
    }
    text
}

/// Text for SVG content and attribute values: `&`, `<`, `>` and `"` as entities.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Of the market data, what the chart draws: the newest histogram of résumés with a count in
/// every bucket, and the newest survey range (the list comes newest first).
pub fn chart_datasets(
    market: &[MarketDataset],
) -> (Option<&MarketDataset>, Option<&MarketDataset>) {
    let histogram = market.iter().find(|d| {
        d.shape == "histogram"
            && d.kind == "resumes"
            && !d.buckets.is_empty()
            && d.buckets.iter().all(|b| b.count.is_some())
    });
    let survey = market
        .iter()
        .find(|d| d.kind == "survey" && d.shape == "range");
    (histogram, survey)
}

/// The grades page's chart in `lang`, with the grade `highlight` (a code) emphasised; `None`
/// when there is no histogram to draw.
pub async fn grades_chart(
    db: &DatabaseConnection,
    lang: Lang,
    highlight: Option<&str>,
) -> AppResult<Option<String>> {
    let market = reference::market_data(db, lang).await?;
    let (Some(histogram), survey) = chart_datasets(&market) else {
        return Ok(None);
    };
    // The scale is in the histogram's currency; a band or survey in another has no place on it.
    let same_currency = |currency: &str| currency == histogram.currency;
    let survey_range = survey
        .filter(|s| same_currency(&s.currency))
        .and_then(|s| Some((s.range_min?, s.range_max?)));
    let bands: Vec<BandOnChart> = reference::grades(db)
        .await?
        .into_iter()
        .filter(|g| same_currency(&g.currency))
        .map(|g| BandOnChart {
            label: reference::grade_name(&g, lang).to_owned(),
            min: g.salary_min,
            max: g.salary_max,
            highlight: highlight == Some(g.code.as_str()),
        })
        .collect();
    let labels = ChartLabels {
        title: lang.render(
            &Message::new("market-chart-title")
                .with("source", &histogram.source)
                .with("region", &histogram.region),
        ),
        axis: lang.render(&Message::new("market-chart-axis").with("currency", &histogram.currency)),
        cvs: lang.text("market-chart-cvs"),
        bands: lang.text("market-chart-bands"),
        survey: survey.map_or_else(String::new, |s| {
            lang.render(&Message::new("market-chart-survey").with("source", &s.source))
        }),
        thousands: lang.text("market-chart-thousands"),
    };
    Ok(Some(market_chart_svg(
        histogram,
        survey_range,
        &bands,
        &labels,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::positions::reference::MarketBucket;

    fn hh() -> MarketDataset {
        let bucket = |lower, upper, count| MarketBucket {
            label: None,
            lower,
            upper,
            median: None,
            count: Some(count),
        };
        MarketDataset {
            code: "hh-moscow-2022-07".into(),
            kind: "resumes".into(),
            shape: "histogram".into(),
            title: "CVs by expected salary".into(),
            source: "hh.ru".into(),
            region: "Moscow".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2022, 7, 1).unwrap(),
            stale: true,
            total: Some(15767),
            range_min: None,
            range_max: None,
            currency: "RUB".into(),
            buckets: vec![
                bucket(None, Some(70000), 2322),
                bucket(Some(70000), Some(140000), 4263),
                bucket(Some(140000), Some(210000), 2196),
                bucket(Some(210000), Some(280000), 521),
                bucket(Some(280000), Some(350000), 303),
            ],
        }
    }

    fn labels() -> ChartLabels {
        ChartLabels {
            title: "Bands against the market".into(),
            axis: "Expected monthly salary, RUB".into(),
            cvs: "CVs".into(),
            bands: "Salary bands".into(),
            survey: "RealHR survey".into(),
            thousands: "k".into(),
        }
    }

    fn band(label: &str, min: i64, max: i64) -> BandOnChart {
        BandOnChart {
            label: label.into(),
            min,
            max,
            highlight: false,
        }
    }

    #[test]
    fn the_svg_has_one_bar_per_bucket_and_scales_to_its_container() {
        let svg = market_chart_svg(&hh(), None, &[], &labels());
        assert_eq!(svg.matches(r#"class="market-chart-bar""#).count(), 5);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"viewBox="0 0 640 "#) && svg.contains(r#"width="100%""#));
        assert!(
            svg.contains(r#"role="img""#)
                && svg.contains("<title>Bands against the market</title>")
        );
        assert!(!svg.contains("style"), "the CSP forbids inline styles");
    }

    #[test]
    fn the_open_first_bucket_is_drawn_from_zero_and_ticks_sit_on_bucket_edges() {
        let svg = market_chart_svg(&hh(), None, &[], &labels());
        let scale = Scale::new(350000);
        assert_eq!(scale.x(0), LEFT);
        assert!(svg.contains(&format!(
            r#"class="market-chart-bar" x="{:.1}""#,
            LEFT + 1.0
        )));
        for tick in ["0", "70k", "140k", "210k", "280k", "350k"] {
            assert!(svg.contains(&format!(">{tick}</text>")), "tick {tick}");
        }
    }

    #[test]
    fn a_band_is_drawn_on_the_histograms_salary_scale() {
        let scale = Scale::new(350000);
        // 90 000 of 350 000 across the 576 units between the edges.
        assert!((scale.x(90000) - 172.114).abs() < 0.01);
        assert!((scale.x(140000) - 254.4).abs() < 0.01);
        let svg = market_chart_svg(&hh(), None, &[band("Middle", 90000, 140000)], &labels());
        assert!(svg.contains(r#"class="market-chart-band" x="172.1""#));
        assert!(svg.contains(r#"width="82.3""#));
        assert!(svg.contains("Middle · 90\u{a0}000–140\u{a0}000"));
    }

    #[test]
    fn a_band_above_the_last_bucket_is_clamped_to_the_right_edge_with_an_arrow() {
        let scale = Scale::new(350000);
        assert_eq!(scale.x(400000), RIGHT);
        assert!(scale.beyond(400000) && !scale.beyond(350000));
        let within = market_chart_svg(&hh(), None, &[band("Senior", 140000, 200000)], &labels());
        assert!(!within.contains("market-chart-beyond"));
        let svg = market_chart_svg(&hh(), None, &[band("Director", 280000, 400000)], &labels());
        let x = scale.x(280000);
        assert!(svg.contains(&format!(
            r#"class="market-chart-band" x="{x:.1}" y="{:.1}" width="{:.1}""#,
            SECTION_TOP + 16.0,
            RIGHT - x
        )));
        assert_eq!(svg.matches("market-chart-beyond").count(), 1);
        assert!(
            svg.contains("280\u{a0}000–400\u{a0}000"),
            "the label keeps the real value"
        );
    }

    #[test]
    fn text_is_escaped() {
        let mut texts = labels();
        texts.title = r#"Bands & "market" <2022>"#.into();
        let svg = market_chart_svg(&hh(), None, &[band("<script>", 1, 2)], &texts);
        assert!(svg.contains("<title>Bands &amp; &quot;market&quot; &lt;2022&gt;</title>"));
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
    }

    #[test]
    fn the_survey_is_a_dashed_bracket_and_pushes_the_bands_down() {
        let bands = [band("Middle", 90000, 140000)];
        let without = market_chart_svg(&hh(), None, &bands, &labels());
        let with = market_chart_svg(&hh(), Some((40229, 229885)), &bands, &labels());
        assert!(!without.contains("market-chart-survey"));
        assert!(with.contains("market-chart-survey") && with.contains("stroke-dasharray=\"5 3\""));
        assert!(with.contains("RealHR survey · 40\u{a0}229–229\u{a0}885"));
        let height = |svg: &str| svg.split("viewBox=\"0 0 640 ").nth(1).unwrap()[..3].to_owned();
        assert_eq!(height(&without), "268");
        assert_eq!(height(&with), "298");
    }

    #[test]
    fn only_the_highlighted_band_is_emphasised() {
        let mut bands = vec![band("Junior", 60000, 90000), band("Middle", 90000, 140000)];
        bands[1].highlight = true;
        let svg = market_chart_svg(&hh(), None, &bands, &labels());
        assert_eq!(svg.matches(r#"class="market-chart-band""#).count(), 2);
        assert_eq!(svg.matches("market-chart-row-highlight").count(), 1);
        assert_eq!(svg.matches(HIGHLIGHT).count(), 1);
    }

    #[test]
    fn the_description_gives_the_counts_survey_and_bands_in_words() {
        let bands = [band("Middle", 120000, 180000)];
        let svg = market_chart_svg(&hh(), Some((40229, 229885)), &bands, &labels());
        let desc = svg
            .split("<desc>")
            .nth(1)
            .unwrap()
            .split("</desc>")
            .next()
            .unwrap();
        assert!(desc.starts_with("CVs: 0–70k — 2\u{a0}322; 70–140k — 4\u{a0}263;"));
        assert!(desc.contains("RealHR survey: 40\u{a0}229–229\u{a0}885 RUB."));
        assert!(desc.ends_with("Salary bands: Middle · 120\u{a0}000–180\u{a0}000 RUB."));
    }

    #[test]
    fn russian_ticks_keep_their_unit_on_the_number_with_a_no_break_space() {
        assert_eq!(Lang::Ru.text("market-chart-thousands"), "\u{a0}тыс.");
        assert_eq!(Lang::En.text("market-chart-thousands"), "k");
    }

    #[test]
    fn an_open_top_bucket_is_as_wide_as_the_one_before_and_marked_as_going_on() {
        let mut histogram = hh();
        histogram.buckets.push(MarketBucket {
            label: None,
            lower: Some(350000),
            upper: None,
            median: None,
            count: Some(90),
        });
        let svg = market_chart_svg(&histogram, None, &[], &labels());
        assert_eq!(svg.matches(r#"class="market-chart-bar""#).count(), 6);
        assert_eq!(svg.matches("market-chart-beyond").count(), 1);
        assert!(svg.contains(">350k</text>") && !svg.contains(">420k</text>"));
    }
}
