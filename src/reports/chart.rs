//! The reports' one chart: horizontal bars, one group per row of the report, one bar per
//! series, on a shared scale with a zero line (so a negative value, such as an interviewer
//! scoring below the panel, grows to the left). Inline SVG drawn by hand, like the market chart:
//! labels sit in a column of their own, so nothing needs to measure text; colours are
//! presentation attributes because the Content-Security-Policy forbids inline styles.

use std::fmt::Write;

/// Colours of the series, in order; chosen to stay apart for the common colour-blindnesses.
const COLOURS: [&str; 4] = ["#1f4e79", "#e08a1e", "#2e8b57", "#8e44ad"];

const LABEL_WIDTH: f64 = 260.0;
const PLOT_WIDTH: f64 = 480.0;
const VALUE_WIDTH: f64 = 70.0;
const BAR: f64 = 14.0;
const GAP: f64 = 10.0;

pub struct BarChart {
    /// What the chart shows, read out by screen readers.
    pub title: String,
    pub series: Vec<String>,
    /// (row label, one value per series; `None` draws nothing).
    pub groups: Vec<(String, Vec<Option<f64>>)>,
    /// Printed after each value, e.g. "%".
    pub unit: &'static str,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn number(value: f64, unit: &str) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}{unit}", value.round() as i64)
    } else {
        format!("{value:.1}{unit}")
    }
}

impl BarChart {
    pub fn to_svg(&self) -> String {
        let values = self.groups.iter().flat_map(|(_, v)| v.iter().flatten());
        let (min, max) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let span = if max - min > 0.0 { max - min } else { 1.0 };
        let x = |v: f64| LABEL_WIDTH + (v - min) / span * PLOT_WIDTH;
        let per_group = self.series.len().max(1) as f64 * BAR + GAP;
        let legend = if self.series.len() > 1 { 24.0 } else { 0.0 };
        let height = legend + self.groups.len() as f64 * per_group + GAP;
        let width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="report-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
            escape(&self.title)
        );
        if self.series.len() > 1 {
            let mut left = LABEL_WIDTH;
            for (i, name) in self.series.iter().enumerate() {
                let _ = write!(
                    svg,
                    r##"<rect x="{left}" y="4" width="12" height="12" fill="{}"/><text x="{}" y="14" font-size="12" fill="#1d2430">{}</text>"##,
                    COLOURS[i % COLOURS.len()],
                    left + 16.0,
                    escape(name)
                );
                left += 24.0 + name.chars().count() as f64 * 7.0;
            }
        }
        let zero = x(0.0);
        for (g, (label, series)) in self.groups.iter().enumerate() {
            let top = legend + GAP + g as f64 * per_group;
            let middle = top + self.series.len().max(1) as f64 * BAR / 2.0 + 4.0;
            let _ = write!(
                svg,
                r##"<text x="{}" y="{middle}" font-size="12" text-anchor="end" fill="#1d2430">{}</text>"##,
                LABEL_WIDTH - 8.0,
                escape(label)
            );
            for (s, value) in series.iter().enumerate() {
                let Some(value) = value else { continue };
                let y = top + s as f64 * BAR;
                let (left, right) = if *value >= 0.0 {
                    (zero, x(*value))
                } else {
                    (x(*value), zero)
                };
                let _ = write!(
                    svg,
                    r##"<rect x="{left:.1}" y="{y}" width="{:.1}" height="{}" fill="{}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" fill="#5d6878">{}</text>"##,
                    (right - left).max(1.0),
                    BAR - 2.0,
                    COLOURS[s % COLOURS.len()],
                    escape(self.series.get(s).map(String::as_str).unwrap_or_default()),
                    number(*value, self.unit),
                    right.max(zero) + 4.0,
                    y + BAR - 4.0,
                    number(*value, self.unit)
                );
            }
        }
        let _ = write!(
            svg,
            r##"<line x1="{zero:.1}" y1="{legend}" x2="{zero:.1}" y2="{height}" stroke="#5d6878" stroke-width="1"/></svg>"##
        );
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_value_and_labels_escaped() {
        let chart = BarChart {
            title: "Funnel <all>".into(),
            series: vec!["Reached".into()],
            groups: vec![
                ("Long-list".into(), vec![Some(10.0)]),
                ("Short-list".into(), vec![Some(5.0)]),
                ("Offer".into(), vec![None]),
            ],
            unit: "",
        };
        let svg = chart.to_svg();
        assert!(svg.contains("Funnel &lt;all&gt;"));
        assert!(
            svg.contains(r#"width="480.0""#),
            "the largest bar spans the plot"
        );
        assert!(
            svg.contains(r#"width="240.0""#),
            "half the value, half the width"
        );
        assert_eq!(
            svg.matches("<rect").count(),
            2,
            "no bar for a missing value"
        );
    }

    #[test]
    fn negative_values_grow_left_of_the_zero_line() {
        let chart = BarChart {
            title: "Calibration".into(),
            series: vec!["Difference".into()],
            groups: vec![
                ("Soft".into(), vec![Some(1.0)]),
                ("Harsh".into(), vec![Some(-1.0)]),
            ],
            unit: "",
        };
        let svg = chart.to_svg();
        // Zero sits in the middle of the plot: 260 + 240.
        assert!(svg.contains(r#"x1="500.0""#));
        assert!(
            svg.contains(r#"<rect x="260.0""#),
            "the negative bar starts at the left edge"
        );
    }
}
