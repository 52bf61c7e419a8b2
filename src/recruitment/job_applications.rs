//! An application sent from the public job page: the person (or the one we already know by
//! email or phone) lands on the long-list with source `job_page`, with their consents, their CV
//! and a confirmation email. The page itself lives in `careers`; this is the operation it calls.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::candidates::{self, CandidateFields};
use super::consent::ConsentRecord;
use super::pipeline;
use crate::app::AppState;
use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::entities::{application, position};
use crate::error::AppResult;
use crate::files::{self, Upload};
use crate::outbox::emails;

/// What the job page's form brought: the person as typed (their `lang` is the page's), the
/// consent to the vacancy's processing first and the optional ones after it, and the CV.
pub struct JobApplication {
    pub person: CandidateFields,
    pub vacancy_consent: ConsentRecord,
    pub optional_consents: Vec<ConsentRecord>,
    pub cv: Option<Upload>,
}

/// Records the application in one transaction. A second application of the same person to the
/// same position adds their consent (and a CV they had not sent) but no second application
/// and no second confirmation.
#[tracing::instrument(skip_all, fields(position = position.id))]
pub async fn apply(
    state: &AppState,
    position: &position::Model,
    sent: JobApplication,
) -> AppResult<()> {
    let db = &state.db;
    let talent_pool_months = crate::privacy::retention::settings(db)
        .await?
        .talent_pool_months;
    let email = sent.person.email.as_deref().and_then(normalize_email);
    let phone = sent.person.phone.as_deref().and_then(normalize_phone);
    let txn = crate::db::write(db).await?;
    // Someone we know already is linked, never made twice; their details (their language
    // included) are not changed by an anonymous form.
    let person =
        match candidates::find_duplicate(&txn, email.as_deref(), phone.as_deref(), None).await? {
            Some(known) => {
                super::consent::record_consent(&txn, known.id, sent.vacancy_consent).await?;
                known
            }
            None => {
                candidates::create(
                    &txn,
                    None,
                    sent.person,
                    Some("job_page"),
                    Some(sent.vacancy_consent),
                )
                .await?
            }
        };
    for optional in sent.optional_consents {
        let given_at = optional.given_at;
        crate::privacy::person::record_optional(
            &txn,
            person.id,
            optional,
            talent_pool_months,
            given_at,
        )
        .await?;
    }
    let already = application::Entity::find()
        .filter(application::Column::CandidateId.eq(person.id))
        .filter(application::Column::PositionId.eq(position.id))
        .one(&txn)
        .await?
        .is_some();
    if !already {
        let application = pipeline::add(&txn, None, person.id, position.id, "job_page").await?;
        let my_data =
            crate::privacy::links::issue(&txn, person.id, &state.config.mail.public_url).await?;
        // The confirmation names the position as the page in the person's language does.
        let mut named = position.clone();
        named.title = public_title(position, emails::lang_of(&person));
        if let Some(email) = emails::application_received(
            &state.composer,
            &person,
            &named,
            application.id,
            &my_data,
        )? {
            state.composer.queue(&txn, None, email).await?;
        }
    }
    if let Some(upload) = sent.cv
        && person.cv_file_id.is_none()
    {
        let stored = files::store_cv(&txn, &state.files, None, upload).await?;
        let mut changed: crate::entities::candidate::ActiveModel = person.into();
        changed.cv_file_id = sea_orm::ActiveValue::Set(Some(stored.id));
        sea_orm::ActiveModelTrait::update(changed, &txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The position's title for readers of `lang`: the English title on English pages and emails
/// when there is one, the title otherwise.
pub fn public_title(position: &position::Model, lang: crate::web::i18n::Lang) -> String {
    match lang {
        crate::web::i18n::Lang::En => position
            .title_en
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(&position.title)
            .to_owned(),
        crate::web::i18n::Lang::Ru => position.title.clone(),
    }
}
