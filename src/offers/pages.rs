//! Offers in the browser: the ledger of revisions with what changed, the forms for each step,
//! and the pages behind one-time links — the candidate's (accept or decline) and the
//! approver's (approve or reject) — that need no sign-in.

use axum::extract::{Path, RawForm};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Serialize;

use super::model::{self, Change, OfferTerms};
use super::{answers, approvals};
use crate::domain::access::Action;
use crate::domain::offer_policy::Approver;
use crate::entities::offer;
use crate::error::{AppError, AppResult};
use crate::interviews::pages::{pairs, value};
use crate::positions::forms::parse_amount;
use crate::recruitment::application_pages::report;
use crate::recruitment::{pipeline, views};
use crate::web::Page;
use crate::web::confirm::Confirmation;
use crate::web::i18n::Message;
use crate::web::recipient::Recipient;

#[derive(Serialize)]
struct Revision {
    offer: offer::Model,
    changes: Vec<Change>,
    /// Who drafted this revision.
    author: Option<String>,
}

#[derive(Serialize)]
struct OffersPage {
    /// The letter of an approved offer as it will go out.
    preview: Option<crate::outbox::emails::Rendered>,
    onboarding: Vec<super::onboarding::OnboardingStep>,
    /// The hire's internship, once enrolled in the intern programme.
    internship_id: Option<i32>,
    /// A hire not yet enrolled, shown to those who enrol interns.
    can_enrol_intern: bool,
    application: views::ApplicationCard,
    position_title: String,
    revisions: Vec<Revision>,
    next: Option<NextRevision>,
    can_draft: bool,
    approver: Option<&'static str>,
}

#[derive(Serialize)]
struct NextRevision {
    salary: i64,
    currency: String,
    start_date: String,
    probation_months: i32,
    bonus_terms: String,
    terms: String,
    band_exception_reason: String,
    counter_proposal: Option<String>,
    first: bool,
}

pub async fn list(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewSalaries)?.clone();
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, id).await?).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let all = model::revisions(db, id).await?;
    let authors: std::collections::HashMap<i32, String> = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        crate::entities::user::Entity::find()
            .filter(
                crate::entities::user::Column::Id.is_in(all.iter().filter_map(|o| o.created_by)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    };
    let revisions: Vec<Revision> = all
        .iter()
        .map(|o| Revision {
            author: o.created_by.and_then(|id| authors.get(&id).cloned()),
            changes: all
                .iter()
                .find(|p| p.revision == o.revision - 1)
                .map(|p| model::changes(p, o))
                .unwrap_or_default(),
            offer: o.clone(),
        })
        .collect();
    let in_play = all.iter().any(|o| {
        matches!(
            o.status.as_str(),
            "draft" | "awaiting_manager" | "awaiting_ceo" | "approved" | "sent" | "accepted"
        )
    });
    let next = if application.stage == "offer" && !in_play && user.can(Action::DraftOffers) {
        let t = model::starting_terms(db, id).await?;
        Some(NextRevision {
            salary: t.salary,
            currency: t.currency,
            start_date: t.start_date.map(|d| d.to_string()).unwrap_or_default(),
            probation_months: t.probation_months,
            bonus_terms: t.bonus_terms,
            terms: t.terms,
            band_exception_reason: t.band_exception_reason.unwrap_or_default(),
            counter_proposal: t.counter_proposal,
            first: all.is_empty(),
        })
    } else {
        None
    };
    let approved = all.iter().find(|o| o.status == "approved");
    let preview = match approved {
        Some(o) => Some(
            answers::letter_preview(
                db,
                &page.state.composer,
                o,
                "",
                &page.state.config.mail.public_url,
            )
            .await?,
        ),
        None => None,
    };
    let internship_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        crate::entities::internship::Entity::find()
            .filter(crate::entities::internship::Column::ApplicationId.eq(id))
            .one(db)
            .await?
            .map(|i| i.id)
    };
    let hired = matches!(application.stage.as_str(), "hired" | "started");
    let context = OffersPage {
        preview,
        onboarding: super::onboarding::steps(db, id, page.lang).await?,
        can_enrol_intern: hired && internship_id.is_none() && user.can(Action::ManageInternships),
        internship_id,
        application,
        position_title,
        revisions,
        next,
        can_draft: user.can(Action::DraftOffers),
        approver: approvals::approver_role(&user).map(|a| {
            if a == Approver::Manager {
                "awaiting_manager"
            } else {
                "awaiting_ceo"
            }
        }),
    };
    Ok(page
        .render("offers/list.html", context)
        .await?
        .into_response())
}

fn terms_from(pairs: &[(String, String)]) -> AppResult<OfferTerms> {
    let salary = parse_amount(&value(pairs, "salary"))
        .ok_or_else(|| AppError::validation("salary", Message::new("field-amount-invalid")))?;
    let start_date = NaiveDate::parse_from_str(&value(pairs, "start_date"), "%Y-%m-%d")
        .map_err(|_| AppError::validation("start_date", Message::new("field-date-invalid")))?;
    Ok(OfferTerms {
        salary,
        currency: value(pairs, "currency").to_uppercase(),
        start_date: Some(start_date),
        probation_months: value(pairs, "probation_months").parse().unwrap_or(-1),
        bonus_terms: value(pairs, "bonus_terms"),
        terms: value(pairs, "terms"),
        band_exception_reason: Some(value(pairs, "band_exception_reason")),
        change_reason: value(pairs, "change_reason"),
        counter_proposal: Some(value(pairs, "counter_proposal")),
    })
}

fn back(application_id: i32) -> Response {
    Redirect::to(&format!("/applications/{application_id}/offers")).into_response()
}

pub async fn draft(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::DraftOffers)?.clone();
    let pairs = pairs(&body)?;
    let result = match terms_from(&pairs) {
        Ok(terms) => model::draft(&page.state.db, &user, id, terms)
            .await
            .map(|_| ()),
        Err(err) => Err(err),
    };
    if let Err(error) = result {
        let path = format!("/applications/{id}/offers");
        return page.show_again(&path, "offer-draft", error).await;
    }
    report(&page, Ok(()), Message::new("offer-drafted")).await?;
    Ok(back(id))
}

/// One form for every step on an offer: `action` says which.
pub async fn act(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.user()?.clone();
    // Access before input: someone who may neither draft nor approve learns nothing from how
    // their form was wrong.
    if !user.can(Action::DraftOffers) && !user.can(Action::ApproveOffers) {
        return Err(AppError::Forbidden);
    }
    let pairs = pairs(&body)?;
    let o = model::get(&page.state.db, id).await?;
    let db = &page.state.db;
    let composer = &page.state.composer;
    let base = page.state.config.mail.public_url.clone();
    let result = match value(&pairs, "action").as_str() {
        "edit" => {
            user.require(Action::DraftOffers)?;
            let version = value(&pairs, "version").parse().unwrap_or(0);
            match terms_from(&pairs) {
                Ok(terms) => model::update_draft(db, &user, id, version, terms)
                    .await
                    .map(|_| ()),
                Err(err) => Err(err),
            }
        }
        "submit" => {
            user.require(Action::DraftOffers)?;
            approvals::submit(db, composer, &user, id, &base)
                .await
                .map(|_| ())
        }
        // Back on the confirmation: the offer page with the note as it was typed.
        "send" if value(&pairs, "edit") == "1" => {
            let path = format!("/applications/{}/offers", o.application_id);
            return Ok(page.show_as_typed(&path, &format!("offer-send-{id}")));
        }
        "send" if value(&pairs, "confirmed") != "1" => {
            user.require(Action::DraftOffers)?;
            match answers::send_preview(db, id).await {
                Ok((name, email)) => {
                    return Confirmation::new(
                        &page,
                        Message::new("confirm-send-title").with("name", name.clone()),
                        format!("/offers/{id}"),
                    )
                    .says(
                        &page,
                        Message::new("confirm-send-what")
                            .with("name", name)
                            .with("email", email),
                    )
                    .carrying(&pairs)
                    .confirm_label(&page, Message::new("confirm-send-go"))
                    .back(format!("/offers/{id}"), true)
                    .harmless()
                    .render(&page)
                    .await;
                }
                Err(err) => Err(err),
            }
        }
        "send" => {
            user.require(Action::DraftOffers)?;
            answers::send(db, composer, &user, id, &value(&pairs, "note"), &base)
                .await
                .map(|_| ())
        }
        "accept" => {
            user.require(Action::DraftOffers)?;
            let start = NaiveDate::parse_from_str(&value(&pairs, "start_date"), "%Y-%m-%d").ok();
            answers::accept(db, composer, Some(&user), id, start)
                .await
                .map(|_| ())
        }
        "decline" => {
            user.require(Action::DraftOffers)?;
            answers::decline(
                db,
                Some(&user),
                id,
                &value(&pairs, "reason"),
                &value(&pairs, "counter_proposal"),
            )
            .await
            .map(|_| ())
        }
        "approve" | "reject" => {
            user.require(Action::ApproveOffers)?;
            let who = approvals::approver_role(&user).ok_or(AppError::Forbidden)?;
            let approve = value(&pairs, "action") == "approve";
            approvals::decide(
                db,
                composer,
                Some(&user),
                id,
                who,
                approvals::Decision {
                    approve,
                    comment: &value(&pairs, "comment"),
                },
                &base,
            )
            .await
            .map(|_| ())
        }
        _ => Err(AppError::BadRequest(Message::new("error-validation"))),
    };
    if let Err(error) = result {
        let path = format!("/applications/{}/offers", o.application_id);
        let form = format!("offer-{}-{id}", value(&pairs, "action"));
        return page.show_again(&path, &form, error).await;
    }
    report(&page, Ok(()), Message::new("offer-saved")).await?;
    Ok(back(o.application_id))
}

#[derive(Serialize)]
struct LinkPage {
    offer: Option<offer::Model>,
    purpose: String,
    token: String,
    candidate: String,
    title: String,
    done: Option<&'static str>,
    /// The salary, the first day and the link's end as the reader writes them (their clock).
    pay: String,
    start_date: String,
    expires: String,
}

/// Whom the page behind an offer link speaks to, whoever's browser opens it: the candidate
/// (their language, the agency's clock) or the approver whose turn it is (their own).
async fn reader_of(
    page: &Page,
    o: &offer::Model,
    purpose: &str,
    person: &crate::entities::candidate::Model,
) -> AppResult<Recipient> {
    let agency = page.state.agency.get();
    let approver = match purpose {
        "manager" => Some(Approver::Manager),
        "ceo" => Some(Approver::Ceo),
        _ => None,
    };
    Ok(match approver {
        Some(who) => match approvals::approver_for(&page.state.db, o, who).await? {
            Some(user) => Recipient::of_user(&user, &agency),
            None => Recipient::of_agency(&agency),
        },
        None => Recipient::of_candidate(person, &agency),
    })
}

/// The page behind a link; while the link works it speaks to its recipient (`page.lang` is
/// set for the caller too, so a refused answer is explained in the same language).
async fn link_page(
    page: &mut Page,
    token: &str,
    done: Option<&'static str>,
    status: StatusCode,
) -> AppResult<Response> {
    let found = answers::by_token(&page.state.db, token).await?;
    let mut context = LinkPage {
        offer: None,
        purpose: String::new(),
        token: token.to_owned(),
        candidate: String::new(),
        title: String::new(),
        done,
        pay: String::new(),
        start_date: String::new(),
        expires: String::new(),
    };
    if let Some((o, purpose)) = found {
        let app = pipeline::get(&page.state.db, o.application_id).await?;
        let person = crate::recruitment::candidates::get(&page.state.db, app.candidate_id).await?;
        let reader = reader_of(page, &o, &purpose, &person).await?;
        page.lang = reader.lang;
        context.title = crate::positions::model::get(&page.state.db, app.position_id)
            .await?
            .title;
        context.pay = reader.money(o.salary, &o.currency);
        context.start_date = reader.date(o.start_date);
        context.expires = o
            .token_expires_at
            .map(|at| reader.time(at))
            .unwrap_or_default();
        context.candidate = person.full_name;
        context.purpose = purpose;
        context.offer = Some(o);
    }
    let status = if context.offer.is_none() && done.is_none() {
        StatusCode::GONE
    } else {
        status
    };
    Ok((status, page.render("offers/link.html", context).await?).into_response())
}

pub async fn candidate_link(mut page: Page, Path(token): Path<String>) -> AppResult<Response> {
    link_page(&mut page, &token, None, StatusCode::OK).await
}

pub async fn approver_link(mut page: Page, Path(token): Path<String>) -> AppResult<Response> {
    link_page(&mut page, &token, None, StatusCode::OK).await
}

/// The answer behind a link: the candidate accepts or declines; an approver approves or
/// rejects. The link's purpose decides which answers it takes, and it works once.
pub async fn answer_link(
    mut page: Page,
    Path(token): Path<String>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let pairs = pairs(&body)?;
    let Some((o, purpose)) = answers::by_token(&page.state.db, &token).await? else {
        return link_page(&mut page, &token, None, StatusCode::GONE).await;
    };
    // The answer closes the link: its recipient's language is settled before, for the
    // thanks or the refusal that follows.
    let app = pipeline::get(&page.state.db, o.application_id).await?;
    let person = crate::recruitment::candidates::get(&page.state.db, app.candidate_id).await?;
    page.lang = reader_of(&page, &o, &purpose, &person).await?.lang;
    let db = &page.state.db;
    let composer = &page.state.composer;
    let base = page.state.config.mail.public_url.clone();
    let action = value(&pairs, "action");
    let result = match (purpose.as_str(), action.as_str()) {
        ("candidate", "accept") => answers::accept(db, composer, None, o.id, None)
            .await
            .map(|_| "accepted"),
        ("candidate", "decline") => answers::decline(
            db,
            None,
            o.id,
            &value(&pairs, "reason"),
            &value(&pairs, "counter_proposal"),
        )
        .await
        .map(|_| "declined"),
        ("manager" | "ceo", "approve" | "reject") => {
            let who = if purpose == "manager" {
                Approver::Manager
            } else {
                Approver::Ceo
            };
            approvals::decide(
                db,
                composer,
                None,
                o.id,
                who,
                approvals::Decision {
                    approve: action == "approve",
                    comment: &value(&pairs, "comment"),
                },
                &base,
            )
            .await
            .map(|_| {
                if action == "approve" {
                    "approved"
                } else {
                    "rejected"
                }
            })
        }
        _ => Err(AppError::BadRequest(Message::new("error-validation"))),
    };
    match result {
        Ok(done) => link_page(&mut page, &token, Some(done), StatusCode::OK).await,
        Err(error) => {
            // The same link page again, with what was typed; a move the offer no longer
            // allows comes back as 409 with its reason at the top.
            let path = if purpose == "candidate" {
                format!("/o/{token}")
            } else {
                format!("/offers/decide/{token}")
            };
            let form = match action.as_str() {
                "decline" => "offer-decline",
                "accept" => "offer-accept",
                _ => "offer-decide",
            };
            page.show_again(&path, form, error).await
        }
    }
}

/// Ticks or unticks an onboarding step from the offers page.
pub async fn tick(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::DraftOffers)?.clone();
    let pairs = pairs(&body)?;
    let done = value(&pairs, "done") == "true";
    let application_id = super::onboarding::set_done(&page.state.db, user.id, id, done).await?;
    Ok(back(application_id))
}
