//! The careers pages: the list of open positions with its filters, a job page (or the notice
//! that its vacancy is closed), the consent text and the thanks after applying.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::jsonld::{self, Posting};
use super::model::{self, Filter, Opening};
use super::share::{self, OpenGraph};
use super::{LinkLang, link_lang};
use crate::domain::work_format::WorkFormat;
use crate::entities::position;
use crate::error::AppResult;
use crate::recruitment::consent::{CONSENT_TEXT_VERSION, consent_text};
use crate::web::Page;
use crate::web::markdown;

/// Openings per page of the careers list.
const PER_PAGE: u64 = 20;

#[derive(Deserialize, Default)]
pub struct CareersQuery {
    lang: Option<String>,
    city: Option<String>,
    work_format: Option<String>,
    page: Option<u64>,
}

#[derive(Serialize)]
struct CareersPage {
    agency: String,
    openings: Vec<Opening>,
    total: u64,
    /// (stored name, label) pairs: the filter matches the stored name.
    cities: Vec<(String, String)>,
    formats: [&'static str; 3],
    city: String,
    work_format: &'static str,
    filtered: bool,
    page: u64,
    pages: u64,
    /// The filters as a query string, for the pagination links.
    query: String,
    og: OpenGraph,
}

/// `/careers`: the open positions, newest first, narrowed by city and work format.
pub async fn careers(mut page: Page, Query(params): Query<CareersQuery>) -> AppResult<Response> {
    link_lang(&mut page, params.lang.as_deref());
    let db = &page.state.db;
    // A filter value that is not on offer (an old link) narrows nothing rather than failing.
    let filter = Filter {
        city: params
            .city
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned),
        work_format: model::work_format(params.work_format.as_deref()),
    };
    let number = params
        .page
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let (openings, total) =
        model::openings(db, &filter, page.lang, PER_PAGE, (number - 1) * PER_PAGE).await?;
    let agency = page.state.composer.signature();
    let city = filter.city.clone().unwrap_or_default();
    let work_format = filter.work_format.unwrap_or_default();
    let lang = page.lang.as_str();
    let og = OpenGraph {
        title: page.text(&crate::web::i18n::Message::new("careers-title")),
        description: page
            .text(&crate::web::i18n::Message::new("careers-intro").with("agency", agency.clone())),
        kind: "website",
        url: share::absolute(
            &page.state.config.mail.public_url,
            &format!("/careers?lang={lang}"),
        ),
        image: logo_url(&page),
        site_name: agency.clone(),
        locale: share::locale(page.lang),
    };
    let context = CareersPage {
        cities: model::cities(db)
            .await?
            .into_iter()
            .map(|c| {
                let label = model::city_label(&c, page.lang);
                (c, label)
            })
            .collect(),
        formats: WorkFormat::ALL.map(WorkFormat::as_str),
        filtered: !filter.is_empty(),
        query: serde_urlencoded::to_string([
            ("lang", lang),
            ("city", city.as_str()),
            ("work_format", work_format),
        ])
        .unwrap_or_default(),
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
        agency,
        openings,
        total,
        city,
        work_format,
        og,
    };
    Ok(page
        .render("careers/list.html", context)
        .await?
        .into_response())
}

/// The agency's logo as an absolute address, when it has one.
fn logo_url(page: &Page) -> Option<String> {
    page.state
        .agency
        .get()
        .logo_path()
        .map(|path| share::absolute(&page.state.config.mail.public_url, &path))
}

/// The form's name on the job page, for input shown again after a refusal.
pub const APPLY_FORM: &str = "apply";

#[derive(Serialize)]
struct JobPage {
    title: String,
    slug: String,
    agency: String,
    city: Option<String>,
    work_format: Option<&'static str>,
    salary: Option<String>,
    /// The vacancy text as sanitised HTML, its headings under the page's own.
    vacancy: String,
    /// The schema.org `JobPosting`, ready for its `<script>` element.
    jsonld: String,
    og: OpenGraph,
    csrf_query: String,
    consent_version: &'static str,
}

/// `/jobs/{slug}`: an open position's vacancy and its application form; any other status
/// answers 410 with the notice that the vacancy is closed.
pub async fn show(
    mut page: Page,
    Path(slug): Path<String>,
    Query(link): Query<LinkLang>,
) -> AppResult<Response> {
    link_lang(&mut page, link.lang.as_deref());
    let position = model::by_slug(&page.state.db, &slug).await?;
    if !model::is_open(&position) {
        return closed(&page, &position).await;
    }
    let db = &page.state.db;
    let lang = page.lang;
    let text =
        crate::positions::model::published_vacancy_text(db, &page.state.templates, &position, lang)
            .await?;
    let vacancy = vacancy_html(&text);
    let band = model::band(db, &position).await?;
    let title = model::public_title(&position, lang);
    let agency = page.state.composer.signature();
    let public_url = &page.state.config.mail.public_url;
    let url = share::absolute(public_url, &format!("/jobs/{slug}?lang={}", lang.as_str()));
    let city = model::city_of(&position).map(|c| model::city_label(&c, lang));
    let work_format = model::work_format(position.work_format.as_deref());
    let logo = logo_url(&page);
    let posting = jsonld::job_posting(&Posting {
        title: &title,
        description_html: &vacancy,
        url: &url,
        date_posted: position.opened_on,
        organization: &agency,
        organization_url: public_url,
        logo_url: logo.as_deref(),
        city: city.as_deref(),
        work_format,
        band: band.as_ref(),
        identifier: &position.slug,
    });
    let csrf = crate::web::csrf::token(&page.session).await?;
    let context = JobPage {
        og: OpenGraph {
            title: title.clone(),
            description: share::summary(&markdown::to_plain(&text), share::SUMMARY_CHARS),
            kind: "article",
            url,
            image: logo,
            site_name: agency.clone(),
            locale: share::locale(lang),
        },
        jsonld: jsonld::script_text(&posting),
        salary: band.as_ref().map(|b| model::salary_line(b, lang)),
        csrf_query: serde_urlencoded::to_string([
            ("_csrf", csrf.as_str()),
            ("lang", lang.as_str()),
        ])
        .unwrap_or_default(),
        consent_version: CONSENT_TEXT_VERSION,
        slug: position.slug,
        title,
        agency,
        city,
        work_format,
        vacancy,
    };
    Ok(page
        .render("careers/job.html", context)
        .await?
        .into_response())
}

/// Markdown written by the team as the job page's HTML: a first-level heading in the text
/// becomes a second-level one, so the page keeps one `h1` (the title) and its headings in order.
pub fn vacancy_html(text: &str) -> String {
    markdown::to_html(text)
        .replace("<h1>", "<h2>")
        .replace("</h1>", "</h2>")
}

#[derive(Serialize)]
struct ClosedPage {
    title: String,
}

/// The notice for a vacancy that takes no applications (any more), with 410 Gone: search
/// engines drop the page, and a person who followed an old link is sent to the open ones.
pub(super) async fn closed(page: &Page, position: &position::Model) -> AppResult<Response> {
    let context = ClosedPage {
        title: model::public_title(position, page.lang),
    };
    Ok((
        StatusCode::GONE,
        page.render("careers/closed.html", context).await?,
    )
        .into_response())
}

#[derive(Serialize)]
struct ConsentPage {
    title: String,
    slug: String,
    text: &'static str,
    version: &'static str,
}

/// The consent text on a page of its own, as 152-FZ wants it.
pub async fn consent(
    mut page: Page,
    Path(slug): Path<String>,
    Query(link): Query<LinkLang>,
) -> AppResult<Response> {
    link_lang(&mut page, link.lang.as_deref());
    let position = model::by_slug(&page.state.db, &slug).await?;
    if !model::is_open(&position) {
        return closed(&page, &position).await;
    }
    let context = ConsentPage {
        title: model::public_title(&position, page.lang),
        slug: position.slug,
        text: consent_text(page.lang),
        version: CONSENT_TEXT_VERSION,
    };
    Ok(page
        .render("careers/consent.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct ThanksPage {
    title: String,
}

/// After an application (and after a bot's, which must not tell the difference).
pub(super) async fn thanks(page: &Page, position: &position::Model) -> AppResult<Response> {
    let context = ThanksPage {
        title: model::public_title(position, page.lang),
    };
    Ok(page
        .render("careers/thanks.html", context)
        .await?
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::vacancy_html;

    #[test]
    fn a_first_level_heading_in_the_vacancy_sits_under_the_page_title() {
        let html = vacancy_html("# О нас\n\nТекст\n\n## Что делать\n\n- вести клиентов");
        assert!(!html.contains("<h1"), "{html}");
        assert!(html.contains("<h2>О нас</h2>"), "{html}");
        assert!(html.contains("<li>вести клиентов</li>"), "{html}");
    }
}
