//! The job page's schema.org `JobPosting`, for search engines' job listings. Built as JSON with
//! serde_json, never by pasting strings, and made safe to sit inside a `<script>` element: a
//! title or text holding `</script>` cannot end it early.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::domain::salary::SalaryBand;

/// What a posting says, gathered by the job page.
pub struct Posting<'a> {
    pub title: &'a str,
    /// The vacancy text as the page shows it (sanitised HTML).
    pub description_html: &'a str,
    /// The page's own absolute address.
    pub url: &'a str,
    pub date_posted: Option<NaiveDate>,
    pub organization: &'a str,
    /// The agency's site (its public address), for `sameAs`.
    pub organization_url: &'a str,
    /// An absolute URL of the agency's logo, if it has one.
    pub logo_url: Option<&'a str>,
    pub city: Option<&'a str>,
    /// `office`, `hybrid` or `remote`.
    pub work_format: Option<&'a str>,
    pub band: Option<&'a SalaryBand>,
    /// The position's own identifier (its slug), stable across edits.
    pub identifier: &'a str,
}

/// The country every position is in: the agencies this serves hire in Russia.
const COUNTRY: &str = "RU";

/// The `JobPosting` object.
pub fn job_posting(posting: &Posting) -> Value {
    let mut doc = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description_html,
        "url": posting.url,
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.organization,
            "value": posting.identifier,
        },
        "employmentType": "FULL_TIME",
        "directApply": true,
        "hiringOrganization": organization(posting),
    });
    let fields = doc.as_object_mut().expect("a JSON object");
    if let Some(date) = posting.date_posted {
        fields.insert("datePosted".into(), json!(date.to_string()));
    }
    if let Some(city) = posting.city {
        fields.insert(
            "jobLocation".into(),
            json!({
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": city,
                    "addressCountry": COUNTRY,
                },
            }),
        );
    }
    if posting.work_format == Some("remote") {
        fields.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        fields.insert(
            "applicantLocationRequirements".into(),
            json!({"@type": "Country", "name": COUNTRY}),
        );
    }
    if let Some(band) = posting.band {
        fields.insert(
            "baseSalary".into(),
            json!({
                "@type": "MonetaryAmount",
                "currency": band.currency,
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": band.min,
                    "maxValue": band.max,
                    "unitText": "MONTH",
                },
            }),
        );
    }
    doc
}

fn organization(posting: &Posting) -> Value {
    let mut org = json!({"@type": "Organization", "name": posting.organization});
    let fields = org.as_object_mut().expect("a JSON object");
    if !posting.organization_url.is_empty() {
        fields.insert("sameAs".into(), json!(posting.organization_url));
    }
    if let Some(logo) = posting.logo_url {
        fields.insert("logo".into(), json!(logo));
    }
    org
}

/// `value` as text for a `<script type="application/ld+json">` element: `<`, `>` and `&`
/// written as JSON escapes, which mean the same to a JSON reader and nothing to the HTML
/// parser looking for `</script>` or `<!--`.
pub fn script_text(value: &Value) -> String {
    // Outside strings JSON holds none of these characters, so every one replaced is in a string.
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band() -> SalaryBand {
        SalaryBand {
            min: 90_000,
            max: 150_000,
            currency: "RUB".into(),
        }
    }

    fn posting<'a>(band: &'a SalaryBand, format: Option<&'a str>) -> Posting<'a> {
        Posting {
            title: "Аккаунт-менеджер",
            description_html: "<h2>Что предстоит делать</h2><ul><li>вести клиентов</li></ul>",
            url: "https://jobs.example/jobs/akkaunt-1",
            date_posted: NaiveDate::from_ymd_opt(2026, 12, 1),
            organization: "Орбита",
            organization_url: "https://jobs.example",
            logo_url: Some("https://jobs.example/agency/logo/ab.png"),
            city: Some("Москва"),
            work_format: format,
            band: Some(band),
            identifier: "akkaunt-1",
        }
    }

    #[test]
    fn a_posting_names_the_job_the_agency_the_place_and_the_pay() {
        let band = band();
        let doc = job_posting(&posting(&band, Some("office")));
        assert_eq!(doc["@type"], "JobPosting");
        assert_eq!(doc["title"], "Аккаунт-менеджер");
        assert_eq!(doc["datePosted"], "2026-12-01");
        assert_eq!(doc["employmentType"], "FULL_TIME");
        assert_eq!(doc["directApply"], true);
        assert_eq!(doc["hiringOrganization"]["name"], "Орбита");
        assert_eq!(
            doc["hiringOrganization"]["logo"],
            "https://jobs.example/agency/logo/ab.png"
        );
        assert_eq!(doc["jobLocation"]["address"]["addressLocality"], "Москва");
        assert_eq!(doc["jobLocation"]["address"]["addressCountry"], "RU");
        assert_eq!(doc["baseSalary"]["currency"], "RUB");
        assert_eq!(doc["baseSalary"]["value"]["minValue"], 90_000);
        assert_eq!(doc["baseSalary"]["value"]["maxValue"], 150_000);
        assert_eq!(doc["baseSalary"]["value"]["unitText"], "MONTH");
        assert!(doc.get("jobLocationType").is_none(), "an office job");
    }

    #[test]
    fn a_remote_posting_says_so_and_where_applicants_may_live() {
        let band = band();
        let doc = job_posting(&posting(&band, Some("remote")));
        assert_eq!(doc["jobLocationType"], "TELECOMMUTE");
        assert_eq!(doc["applicantLocationRequirements"]["name"], "RU");
    }

    #[test]
    fn without_a_city_band_or_logo_those_parts_are_left_out() {
        let band = band();
        let mut bare = posting(&band, None);
        bare.city = None;
        bare.band = None;
        bare.logo_url = None;
        let doc = job_posting(&bare);
        for absent in ["jobLocation", "baseSalary", "jobLocationType"] {
            assert!(doc.get(absent).is_none(), "{absent}");
        }
        assert!(doc["hiringOrganization"].get("logo").is_none());
    }

    #[test]
    fn text_that_would_close_the_script_element_is_escaped_and_still_parses() {
        let band = band();
        let mut hostile = posting(&band, None);
        hostile.title = "</script><script>alert(1)</script> & <!--";
        let text = script_text(&job_posting(&hostile));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back["title"], "</script><script>alert(1)</script> & <!--");
        assert_eq!(back["description"], hostile.description_html);
    }
}
