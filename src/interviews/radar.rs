//! A radar (spider) chart of competency profiles as SVG drawn on the server: one axis per
//! competency, 1–5 outward, one polygon per candidate. Hand-written like the market chart: a
//! handful of lines and labels, with presentation attributes only (the CSP allows no inline
//! styles).

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 420.0;
const CENTER: f64 = HEIGHT / 2.0;
/// The horizontal centre: the chart is wider than tall so side labels fit.
const MIDDLE: f64 = WIDTH / 2.0;
const RADIUS: f64 = 140.0;
const COLOURS: [&str; 6] = [
    "#1f4e79", "#b5521b", "#2e7d32", "#7b1fa2", "#c62828", "#00838f",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The point of `value` (1–5) on axis `i` of `n`.
pub(crate) fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
    let r = RADIUS * (value.clamp(0.0, 5.0) / 5.0);
    (MIDDLE + r * angle.cos(), CENTER + r * angle.sin())
}

/// `axes` are the competency labels; each series is a name and a mean per axis (None when
/// not rated, drawn at the centre).
pub fn radar_svg(title: &str, axes: &[String], series: &[(String, Vec<Option<f64>>)]) -> String {
    let n = axes.len().max(3);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\" role=\"img\" class=\"radar-chart\" aria-labelledby=\"radar-title\"><title id=\"radar-title\">{}</title>",
        escape(title)
    );
    for ring in 1..=5 {
        let points: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, ring as f64);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        svg.push_str(&format!(
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#d9dee6\" stroke-width=\"1\"/>",
            points.join(" ")
        ));
    }
    for (i, label) in axes.iter().enumerate() {
        let (x, y) = point(i, n, 5.0);
        let (lx, ly) = point(i, n, 5.9);
        let anchor = if (lx - MIDDLE).abs() < 10.0 {
            "middle"
        } else if lx > MIDDLE {
            "start"
        } else {
            "end"
        };
        svg.push_str(&format!(
            "<line x1=\"{MIDDLE}\" y1=\"{CENTER}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#d9dee6\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"11\" fill=\"#1d2430\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>",
            escape(label)
        ));
    }
    for (k, (name, values)) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, values.get(i).copied().flatten().unwrap_or(0.0));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        svg.push_str(&format!(
            "<polygon class=\"radar-series\" points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.15\" stroke=\"{colour}\" stroke-width=\"2\"><title>{}</title></polygon>",
            points.join(" "),
            escape(name)
        ));
        svg.push_str(&format!(
            "<rect x=\"10\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"26\" y=\"{}\" font-size=\"11\" fill=\"#1d2430\">{}</text>",
            10 + k * 16,
            19 + k * 16,
            escape(name)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_axis_points_up_and_five_reaches_the_outer_ring() {
        let (x, y) = point(0, 4, 5.0);
        assert!((x - MIDDLE).abs() < 1e-9 && (y - (CENTER - RADIUS)).abs() < 1e-9);
        let (x, _) = point(1, 4, 2.5);
        assert!((x - (MIDDLE + RADIUS / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn one_polygon_per_candidate_and_labels_are_escaped() {
        let axes = vec!["Tools & <1C>".to_owned(), "B".to_owned(), "C".to_owned()];
        let svg = radar_svg(
            "Profile",
            &axes,
            &[
                ("Анна".into(), vec![Some(4.0), None, Some(2.5)]),
                ("Борис".into(), vec![Some(3.0); 3]),
            ],
        );
        assert_eq!(svg.matches("class=\"radar-series\"").count(), 2);
        assert!(svg.contains("Tools &amp; &lt;1C&gt;"));
        assert!(!svg.contains("style="));
    }
}
