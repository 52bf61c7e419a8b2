//! Candidate pages: the searchable list, a new person (showing the one who exists when the
//! email or phone is taken), and a person's page with contacts, CV, applications, timeline.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Multipart, Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::application_pages::report;
use super::candidates::{self, CandidateFields, CandidatePatch, CandidateSummary, tags_of};
use super::consent::ConsentRecord;
use super::forms::{AddToPositionForm, CandidateForm, read_upload, split_tags};
use super::pipeline::{self, SOURCES};
use super::reasons::{self, Reason};
use super::views::{self, ApplicationCard};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::access::Action;
use crate::entities::{candidate, consent, stored_file};
use crate::error::{AppError, AppResult, FieldError};
use crate::positions::forms::parse_amount;
use crate::web::confirm::Confirmation;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

const PER_PAGE: u64 = 25;
/// The list says "more than 500" rather than count every match of a common name.
const COUNTED_UP_TO: u64 = 500;

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    tag: Option<String>,
    pool: Option<String>,
    page: Option<u64>,
}

#[derive(Serialize)]
struct ListPage {
    people: Vec<CandidateSummary>,
    total: u64,
    /// More than `total` matched: the search is worth narrowing.
    more: bool,
    q: String,
    tag: String,
    page: u64,
    pages: u64,
    query: String,
    pool: bool,
    can_manage: bool,
}

pub async fn list(page: Page, Query(params): Query<SearchParams>) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let number = params
        .page
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let (people, total) = candidates::search(
        &page.state.db,
        params.q.as_deref(),
        params.tag.as_deref(),
        params.pool.is_some(),
        PER_PAGE,
        (number - 1) * PER_PAGE,
        Some(COUNTED_UP_TO),
    )
    .await?;
    let q = params.q.unwrap_or_default();
    let tag = params.tag.unwrap_or_default();
    let pool = params.pool.is_some();
    let context = ListPage {
        pool,
        people: people.iter().map(CandidateSummary::from).collect(),
        total: total.min(COUNTED_UP_TO),
        more: total > COUNTED_UP_TO,
        query: serde_urlencoded::to_string(
            [("q", q.as_str()), ("tag", tag.as_str())]
                .into_iter()
                .chain(pool.then_some(("pool", "1")))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default(),
        q,
        tag,
        page: number,
        pages: total.min(COUNTED_UP_TO).div_ceil(PER_PAGE).max(1),
        can_manage: user.can(Action::ManageCandidates),
    };
    Ok(page
        .render("recruitment/candidates.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct FormPage {
    form: CandidateForm,
    errors: BTreeMap<String, String>,
    /// The person who already has this email or phone.
    duplicate: Option<CandidateSummary>,
    positions: Vec<(i32, String)>,
    sources: [&'static str; 6],
}

/// Positions a person can still be added to.
async fn open_positions(page: &Page) -> AppResult<Vec<(i32, String)>> {
    crate::positions::model::titles(&page.state.db, None, Some(&["draft", "open", "on_hold"])).await
}

pub(crate) async fn render_form(
    page: &Page,
    status: StatusCode,
    form: CandidateForm,
    errors: &[FieldError],
    duplicate: Option<candidate::Model>,
) -> AppResult<Response> {
    let context = FormPage {
        form,
        errors: page.field_errors(errors),
        duplicate: duplicate.as_ref().map(CandidateSummary::from),
        positions: open_positions(page).await?,
        sources: SOURCES,
    };
    Ok((
        status,
        page.render("recruitment/candidate_new.html", context)
            .await?,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct NewParams {
    position_id: Option<i32>,
}

pub async fn new(page: Page, Query(params): Query<NewParams>) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let form = CandidateForm {
        position_id: params
            .position_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        source: "job_board".into(),
        currency: "RUB".into(),
        lang: page.state.agency.get().default_lang.as_str().into(),
        ..Default::default()
    };
    render_form(&page, StatusCode::OK, form, &[], None).await
}

fn fields_from(form: &CandidateForm) -> Result<CandidateFields, Vec<FieldError>> {
    let salary = match form.expected_salary.trim() {
        "" => None,
        text => match parse_amount(text) {
            Some(n) => Some(n),
            None => {
                return Err(vec![FieldError::new(
                    "expected_salary",
                    Message::new("field-amount-invalid"),
                )]);
            }
        },
    };
    Ok(CandidateFields {
        full_name: form.full_name.clone(),
        email: Some(form.email.clone()),
        phone: Some(form.phone.clone()),
        current_title: Some(form.current_title.clone()),
        current_company: Some(form.current_company.clone()),
        expected_salary: salary,
        currency: Some(form.currency.clone()),
        links: Some(form.links.clone()),
        tags: split_tags(&form.tags),
        notes: Some(form.notes.clone()),
        lang: FieldError::lang("lang", Some(&form.lang)).map_err(|e| vec![e])?,
    })
}

/// Creates the person and, when a position was chosen, their application, in one go.
pub async fn create(page: Page, Form(form): Form<CandidateForm>) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let fields = match fields_from(&form) {
        Ok(fields) => fields,
        Err(errors) => {
            return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors, None).await;
        }
    };
    // A chosen position or source that cannot be read is a message, not a silent default.
    let position_id = match form.position_id.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(id) => Some(id),
            Err(_) => {
                let errors = [FieldError::new(
                    "position_id",
                    Message::new("field-position-unknown"),
                )];
                return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors, None)
                    .await;
            }
        },
    };
    let source = match form.source.trim() {
        "" => None,
        text => match pipeline::parse_source(text) {
            Some(source) => Some(source),
            None => {
                let errors = [FieldError::new(
                    "source",
                    Message::new("field-source-invalid"),
                )];
                return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors, None)
                    .await;
            }
        },
    };
    // A person entered by hand needs a basis too: the recruiter confirms the consent they hold.
    if form.consent.is_none() {
        let errors = [FieldError::new(
            "consent",
            Message::new("candidate-consent-required"),
        )];
        return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors, None).await;
    }
    let consent = Some(ConsentRecord::recorded(user.id, None, None));
    let db = &page.state.db;
    let result = async {
        let txn = crate::db::write(db).await?;
        let person = candidates::create(&txn, Some(user.id), fields, source, consent).await?;
        if let Some(position_id) = position_id {
            pipeline::add(
                &txn,
                Some(user.id),
                person.id,
                position_id,
                source.unwrap_or("other"),
            )
            .await?;
        }
        txn.commit().await?;
        Ok::<_, AppError>(person)
    }
    .await;
    match result {
        Ok(person) => {
            page.flash(FlashKind::Success, Message::new("candidate-created"))
                .await?;
            Ok(Redirect::to(&format!("/candidates/{}", person.id)).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors, None).await
        }
        Err(AppError::Duplicate { existing_id, .. }) => {
            let existing = candidates::get(db, existing_id).await?;
            render_form(&page, StatusCode::CONFLICT, form, &[], Some(existing)).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Serialize)]
struct ShowPage {
    person: candidate::Model,
    further_contacts: Vec<crate::entities::candidate_contact::Model>,
    tags: Vec<String>,
    form: CandidateForm,
    errors: BTreeMap<String, String>,
    cv: Option<stored_file::Model>,
    consents: Vec<consent::Model>,
    applications: Vec<ApplicationCard>,
    position_titles: BTreeMap<i32, String>,
    /// The merged timeline, newest first, narrowed to `filter`.
    timeline: Vec<crate::timeline::card::Line>,
    filter: &'static str,
    filters: [&'static str; 9],
    /// The edit form is open (asked for, or shown again with what was typed).
    edit: bool,
    /// Per application: the position's band and where the expected salary falls in it.
    bands: BTreeMap<i32, BandView>,
    reasons: Vec<Reason>,
    positions: Vec<(i32, String)>,
    sources: [&'static str; 6],
    back: String,
    can_manage: bool,
    can_see_salary: bool,
    can_schedule: bool,
    interviews: Vec<crate::interviews::model::InterviewSummary>,
    csrf_query: String,
    /// Email both ways, newest first (the card's email section).
    emails: Vec<crate::mailbox::log::CardEmail>,
    /// An interviewer reading the applications they interview for: read-only, without the
    /// correspondence, the consents ledger and links to pages they may not open.
    interviewer_view: bool,
    /// Per application from hh.ru: the response, the resume and the statuses sent back.
    hh: BTreeMap<i32, crate::hh::card::HhApplicationView>,
    /// Per application: the failed checks of its submitted phone-screen cards, for the hiring
    /// team (who read the cards anyway).
    screen_warnings: BTreeMap<i32, Vec<crate::interviews::screen_checks::CheckView>>,
}

/// A position's salary band beside the expected salary.
#[derive(Serialize)]
struct BandView {
    min: i64,
    max: i64,
    currency: String,
    /// below, within or above; `None` when not comparable.
    place: Option<&'static str>,
}

/// The card's query: `?edit=1` opens the edit form, `?kind=` narrows the timeline.
#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    edit: Option<String>,
    kind: Option<String>,
}

/// The bands of the positions of these applications: two queries.
async fn bands_of(
    db: &sea_orm::DatabaseConnection,
    person: &candidate::Model,
    applications: &[ApplicationCard],
) -> AppResult<BTreeMap<i32, BandView>> {
    use crate::entities::{grade, position};
    let positions = position::Entity::find()
        .filter(position::Column::Id.is_in(applications.iter().map(|a| a.position_id)))
        .all(db)
        .await?;
    let grades: BTreeMap<String, grade::Model> = grade::Entity::find()
        .filter(grade::Column::Code.is_in(positions.iter().map(|p| p.grade.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code.clone(), g))
        .collect();
    let mut bands = BTreeMap::new();
    for a in applications {
        let Some(g) = positions
            .iter()
            .find(|p| p.id == a.position_id)
            .and_then(|p| grades.get(&p.grade))
        else {
            continue;
        };
        let band = crate::domain::salary::SalaryBand {
            min: g.salary_min,
            max: g.salary_max,
            currency: g.currency.clone(),
        };
        let place = person
            .expected_salary
            .and_then(|s| band.place(s, person.currency.as_deref().unwrap_or("RUB")));
        bands.insert(
            a.id,
            BandView {
                min: band.min,
                max: band.max,
                currency: band.currency,
                place,
            },
        );
    }
    Ok(bands)
}

fn form_of(person: &candidate::Model) -> CandidateForm {
    CandidateForm {
        full_name: person.full_name.clone(),
        email: person.email.clone().unwrap_or_default(),
        phone: person.phone.clone().unwrap_or_default(),
        current_title: person.current_title.clone().unwrap_or_default(),
        current_company: person.current_company.clone().unwrap_or_default(),
        expected_salary: person
            .expected_salary
            .map(|s| s.to_string())
            .unwrap_or_default(),
        currency: person.currency.clone().unwrap_or_default(),
        links: person.links.clone().unwrap_or_default(),
        tags: tags_of(person).join(", "),
        notes: person.notes.clone().unwrap_or_default(),
        lang: person.lang.clone(),
        ..Default::default()
    }
}

async fn render_show(
    page: &Page,
    status: StatusCode,
    id: i32,
    params: ShowParams,
    form: Option<CandidateForm>,
    errors: &[FieldError],
) -> AppResult<Response> {
    let user = page.user()?;
    let db = &page.state.db;
    let view = super::visibility::candidate_view(db, user, id).await?;
    let interviewer_view = view.is_interviewer();
    let person = candidates::get(db, id).await?;
    let mut applications = views::of_candidate(db, &person).await?;
    applications.retain(|a| view.shows(a.id));
    let position_titles = crate::positions::model::titles(
        db,
        Some(applications.iter().map(|a| a.position_id).collect()),
        None,
    )
    .await?
    .into_iter()
    .collect();
    let reasons = reasons::list(db, page.lang, false).await?;
    let cv = match person.cv_file_id {
        Some(file) => stored_file::Entity::find_by_id(file).one(db).await?,
        None => None,
    };
    let consents = if interviewer_view {
        Vec::new()
    } else {
        consent::Entity::find()
            .filter(consent::Column::CandidateId.eq(id))
            .order_by_desc(consent::Column::GivenAt)
            .all(db)
            .await?
    };
    let on_position: Vec<i32> = applications.iter().map(|a| a.position_id).collect();
    let positions = if user.can(Action::ManageCandidates) {
        open_positions(page)
            .await?
            .into_iter()
            .filter(|(pid, _)| !on_position.contains(pid))
            .collect()
    } else {
        Vec::new()
    };
    let csrf = crate::web::csrf::token(&page.session).await?;
    let mut interviews =
        crate::interviews::model::for_applications(db, applications.iter().map(|a| a.id).collect())
            .await?;
    // An interviewer follows links only to the interviews they are on.
    if interviewer_view {
        interviews.retain(|i| i.interviewer_ids.contains(&user.id));
    }
    let emails = if interviewer_view {
        Vec::new()
    } else {
        crate::mailbox::log::of_candidate(db, &person, &page.state.composer.from.to_string())
            .await?
    };
    let reader = crate::timeline::card::Reader {
        lang: page.lang,
        sees_salaries: user.can(Action::ViewSalaries),
        sees_references: user.can(Action::ViewReferences),
    };
    let email_lines = emails
        .iter()
        .map(|e| crate::timeline::card::EmailLine {
            at: e.item.at,
            outbound: e.item.direction == "out",
            subject: e.item.subject.clone(),
            status: e.item.status.clone(),
            from: e.item.from.clone(),
        })
        .collect();
    let filter = crate::timeline::card::filter(params.kind.as_deref());
    let mut timeline = crate::timeline::card::of_candidate(
        db,
        &reader,
        id,
        applications.iter().map(|a| a.id).collect(),
        email_lines,
    )
    .await?;
    timeline.retain(|line| filter == "all" || line.kind == filter);
    for line in timeline.iter_mut().filter(|l| l.source == "stage") {
        line.detail = line
            .detail
            .as_deref()
            .map(|n| reasons::humanize_note(&reasons, n));
    }
    let bands = if user.can(Action::ViewSalaries) {
        bands_of(db, &person, &applications).await?
    } else {
        BTreeMap::new()
    };
    let edit = form.is_some() || params.edit.as_deref() == Some("1");
    let hh = if interviewer_view {
        BTreeMap::new()
    } else {
        crate::hh::card::of_applications(db, applications.iter().map(|a| a.id).collect()).await?
    };
    let screen_warnings = if user.can(Action::ViewScorecards) && !interviewer_view {
        crate::interviews::screen_checks::failed_by_application(db, &interviews).await?
    } else {
        BTreeMap::new()
    };
    let context = ShowPage {
        screen_warnings,
        hh,
        emails,
        interviewer_view,
        further_contacts: super::contacts::of(db, id).await?,
        tags: tags_of(&person),
        form: form.unwrap_or_else(|| form_of(&person)),
        errors: page.field_errors(errors),
        cv,
        consents,
        applications,
        position_titles,
        timeline,
        filter,
        filters: crate::timeline::card::FILTERS,
        edit,
        bands,
        reasons,
        positions,
        sources: SOURCES,
        back: format!("/candidates/{id}"),
        can_manage: user.can(Action::ManageCandidates),
        can_see_salary: user.can(Action::ViewSalaries),
        can_schedule: user.can(Action::ScheduleInterviews),
        interviews,
        csrf_query: serde_urlencoded::to_string([("_csrf", csrf)]).unwrap_or_default(),
        person,
    };
    Ok((
        status,
        page.render("recruitment/candidate.html", context).await?,
    )
        .into_response())
}

pub async fn show(
    page: Page,
    Path(id): Path<i32>,
    Query(params): Query<ShowParams>,
) -> AppResult<Response> {
    let shown = render_show(&page, StatusCode::OK, id, params, None, &[]).await?;
    if shown.status() == StatusCode::OK
        && let Some(user) = &page.user
    {
        candidates::record_view(&page.state.db, user.id, id).await?;
    }
    Ok(shown)
}

pub async fn update(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<CandidateForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let result = match fields_from(&form) {
        Ok(fields) => {
            let patch = CandidatePatch {
                fields: Some(fields),
                ..Default::default()
            };
            candidates::update(&page.state.db, user.id, id, patch).await
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("candidate-saved"))
                .await?;
            Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render_show(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                id,
                ShowParams::default(),
                Some(form),
                &errors,
            )
            .await
        }
        Err(AppError::Duplicate { message, .. }) => {
            let errors = [FieldError::new("email", message)];
            render_show(
                &page,
                StatusCode::CONFLICT,
                id,
                ShowParams::default(),
                Some(form),
                &errors,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct FlagsForm {
    #[serde(default)]
    talent_pool: Option<String>,
    #[serde(default)]
    reference_consent: Option<String>,
}

/// The talent-pool and reference-permission switches (unticked boxes are absent).
pub async fn flags(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<FlagsForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let patch = CandidatePatch {
        talent_pool: Some(form.talent_pool.is_some()),
        reference_consent: Some(form.reference_consent.is_some()),
        ..Default::default()
    };
    let result = candidates::update(&page.state.db, user.id, id, patch)
        .await
        .map(|_| ());
    report(&page, result, Message::new("candidate-saved")).await?;
    Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
}

/// A CV upload from the candidate page (multipart; the form token travels in the URL).
pub async fn upload_cv(
    page: Page,
    Path(id): Path<i32>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    // Access before the body: a refused role learns nothing from how its upload was wrong.
    let user = page.require(Action::ManageCandidates)?;
    let result = async {
        let multipart = multipart.map_err(|_| AppError::UnsupportedMediaType)?;
        let (upload, _) = read_upload(multipart, "file").await?;
        let upload =
            upload.ok_or_else(|| AppError::validation("file", Message::new("field-required")))?;
        candidates::attach_cv(&page.state.db, &page.state.files, Some(user.id), id, upload).await?;
        Ok(())
    }
    .await;
    if let Err(err) = result {
        // Nothing but the file is typed here, and a file is never kept: the page says so.
        let (status, error) = match err {
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                AppError::validation("file", Message::new("cv-too-large")),
            ),
            AppError::UnsupportedMediaType => (
                StatusCode::UNPROCESSABLE_ENTITY,
                AppError::validation("file", Message::new("cv-wrong-type")),
            ),
            other => (other.status(), other),
        };
        let refused = page
            .show_again(&format!("/candidates/{id}"), "cv", error)
            .await?;
        return Ok(crate::web::kept::with_status(refused, status));
    }
    report(&page, Ok(()), Message::new("cv-uploaded")).await?;
    Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
}

pub async fn download_cv(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.user()?;
    super::visibility::candidate_view(&page.state.db, user, id).await?;
    let cv = candidates::cv(&page.state.db, &page.state.files, user.id, id).await?;
    Ok(super::candidates_api::file_response(cv))
}

pub async fn add_to_position(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<AddToPositionForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let result = match form.position_id.trim().parse::<i32>() {
        Ok(position_id) => {
            pipeline::add(&page.state.db, Some(user.id), id, position_id, &form.source)
                .await
                .map(|_| ())
        }
        Err(_) => Err(AppError::validation(
            "position_id",
            Message::new("field-position-unknown"),
        )),
    };
    report(&page, result, Message::new("application-added")).await?;
    Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
}

/// The erase form: `confirmed=1` comes from the confirmation page's button.
#[derive(Debug, Deserialize)]
pub struct EraseForm {
    confirmed: Option<String>,
    /// `1` from the confirmation's Back: the candidate's page again.
    edit: Option<String>,
}

/// Erasing asks first, saying that the data goes for good; it acts on `confirmed=1`.
pub async fn erase(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<EraseForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    if form.edit.as_deref() == Some("1") {
        return Ok(page.show_as_typed(&format!("/candidates/{id}"), "erase"));
    }
    if form.confirmed.as_deref() != Some("1") {
        let preview = super::previews::erase(&page.state.db, id).await?;
        if preview.erased {
            return Ok(Redirect::to(&format!("/candidates/{id}")).into_response());
        }
        return Confirmation::new(
            &page,
            Message::new("confirm-erase-title").with("name", preview.name),
            format!("/candidates/{id}/erase"),
        )
        .says(&page, Message::new("confirm-erase-what"))
        .says(
            &page,
            Message::new("confirm-erase-stays").with_number("count", preview.applications as i64),
        )
        .confirm_label(&page, Message::new("confirm-erase-go"))
        .back(format!("/candidates/{id}/erase"), true)
        .render(&page)
        .await;
    }
    candidates::erase(&page.state.db, &page.state.files, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("candidate-erased-done"))
        .await?;
    Ok(Redirect::to("/candidates").into_response())
}
