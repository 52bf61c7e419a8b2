//! The emails Hireloop sends, rendered from templates/emails/<kind>/<lang>.{subject,body}.txt
//! and <lang>.body.html in the recipient's language.

use std::sync::Arc;

use lettre::message::Mailbox;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use super::hold::Hold;
use super::model::{self, Email};
use crate::agency::{Agency, AgencyCache};
use crate::domain::text::TextKind;
use crate::entities::{candidate, outbox_message, position, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Lang;
use crate::web::recipient::Recipient;
use crate::web::templates::Templates;

/// Renders emails and queues them: what every operation that notifies someone needs.
pub struct Composer {
    templates: Arc<Templates>,
    pub from: Mailbox,
    /// The mass action's batch the emails queued through this composer wait in.
    hold: Option<Hold>,
    /// The agency whose name, logo and colour every email carries.
    agency: AgencyCache,
    /// The app's public address, for the logo's absolute URL.
    public_url: String,
}

/// A message's three parts.
#[derive(Clone, Debug, Serialize)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    /// The message addressed to one person, ready to queue.
    pub fn to(self, kind: &'static str, email: &str, name: Option<&str>, lang: Lang) -> Email {
        Email {
            kind,
            to_email: email.to_owned(),
            to_name: name.map(str::to_owned),
            lang,
            subject: self.subject,
            body_text: self.text,
            body_html: self.html,
            ics: None,
            application_id: None,
        }
    }
}

impl Composer {
    pub fn new(templates: Arc<Templates>, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("the sender address {from:?}: {e}"))?;
        Ok(Self {
            templates,
            from,
            hold: None,
            agency: AgencyCache::default(),
            public_url: String::new(),
        })
    }

    /// The same composer, signing with the agency in `agency` and linking to `public_url`.
    pub fn with_agency(mut self, agency: AgencyCache, public_url: &str) -> Composer {
        self.agency = agency;
        self.public_url = public_url.trim_end_matches('/').to_owned();
        self
    }

    /// The agency as this composer signs for it now.
    pub fn agency(&self) -> std::sync::Arc<Agency> {
        self.agency.get()
    }

    /// A candidate as their emails address them: their language, the agency's clock.
    pub fn for_candidate(&self, person: &candidate::Model) -> Recipient {
        Recipient::of_candidate(person, &self.agency.get())
    }

    /// A user as their emails address them: their own language and zone.
    pub fn for_user(&self, person: &user::Model) -> Recipient {
        Recipient::of_user(person, &self.agency.get())
    }

    /// The address emails go out from, named as the agency once it has a name.
    pub fn sender(&self) -> Mailbox {
        let agency = self.agency.get();
        if agency.name.trim().is_empty() {
            return self.from.clone();
        }
        Mailbox::new(Some(agency.name.trim().to_owned()), self.from.email.clone())
    }

    /// The same composer, queueing into a mass action's held batch (undo send).
    pub fn held(&self, hold: Hold) -> Composer {
        Composer {
            templates: self.templates.clone(),
            from: self.from.clone(),
            hold: Some(hold),
            agency: self.agency.clone(),
            public_url: self.public_url.clone(),
        }
    }

    /// The batch this composer holds its emails in, if any.
    pub fn hold(&self) -> Option<Hold> {
        self.hold
    }

    /// The part of the sender's address after @, for Message-IDs.
    fn domain(&self) -> String {
        self.from.email.domain().to_owned()
    }

    /// Who signs the messages: the agency's name, else the sender's display name, else its
    /// address.
    pub fn signature(&self) -> String {
        let fallback = self
            .from
            .name
            .clone()
            .unwrap_or_else(|| self.from.email.to_string());
        self.agency.get().display_name(&fallback)
    }

    /// What the email layout shows of the agency: name, logo (an absolute URL, as mail clients
    /// need) and accent colour.
    fn agency_context(&self) -> minijinja::Value {
        let agency = self.agency.get();
        let logo_url = agency
            .logo_path()
            .filter(|_| !self.public_url.is_empty())
            .map(|path| format!("{}{path}", self.public_url));
        minijinja::context! {
            name => self.signature(),
            legal_name => &agency.legal_name,
            address => &agency.address,
            accent => crate::agency::model::readable_accent(&agency.accent_color),
            logo_url => logo_url,
        }
    }

    /// `kind` in `lang`, with times on the agency's clock: for someone whose zone is unknown.
    pub fn render<C: Serialize>(&self, kind: &str, lang: Lang, context: C) -> AppResult<Rendered> {
        let to = Recipient {
            lang,
            zone: self.agency.get().zone(),
        };
        self.render_for(kind, &to, context)
    }

    /// `kind` as `to` reads it: in their language, and with the template's `localtime` and
    /// `localdate` showing their clock and their way of writing a date.
    pub fn render_for<C: Serialize>(
        &self,
        kind: &str,
        to: &Recipient,
        context: C,
    ) -> AppResult<Rendered> {
        let lang = to.lang;
        let context = minijinja::context! {
            lang => lang.as_str(),
            tz => to.zone.name(),
            signature => self.signature(),
            agency => self.agency_context(),
            ..minijinja::Value::from_serialize(&context)
        };
        let part = |name: &str| {
            self.templates
                .render(&format!("emails/{kind}/{}.{name}", lang.as_str()), &context)
        };
        Ok(Rendered {
            subject: part("subject.txt")?.trim().replace('\n', " "),
            text: part("body.txt")?.trim().to_owned(),
            html: part("body.html")?,
        })
    }

    pub async fn queue<C: ConnectionTrait>(
        &self,
        db: &C,
        actor_id: Option<i32>,
        email: Email,
    ) -> AppResult<outbox_message::Model> {
        model::enqueue(db, actor_id, &self.domain(), email, self.hold).await
    }
}

/// A candidate's language for their emails.
pub fn lang_of(person: &candidate::Model) -> Lang {
    Lang::parse(&person.lang).unwrap_or_default()
}

/// Plain text a recruiter edited, as simple HTML: escaped, paragraph by paragraph.
pub fn html_from_text(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>\n")))
        .collect();
    format!(
        "<!doctype html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

#[derive(Serialize)]
struct CandidateContext<'a> {
    name: &'a str,
    title: &'a str,
    talent_pool: bool,
    /// The search was called off, rather than someone else chosen.
    cancelled: bool,
}

fn candidate_email(
    kind: &'static str,
    person: &candidate::Model,
    application_id: Option<i32>,
    rendered: Rendered,
) -> AppResult<Option<Email>> {
    let Some(address) = person.email.clone() else {
        return Ok(None);
    };
    Ok(Some(Email {
        kind,
        to_email: address,
        to_name: Some(person.full_name.clone()),
        lang: lang_of(person),
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        ics: None,
        application_id,
    }))
}

/// "We have your application": sent when someone applies on the job page.
pub fn application_received(
    composer: &Composer,
    person: &candidate::Model,
    position: &position::Model,
    application_id: i32,
    my_data_link: &str,
) -> AppResult<Option<Email>> {
    let rendered = composer.render(
        "application_received",
        lang_of(person),
        minijinja::context! {
            name => &person.full_name,
            title => &position.title,
            my_data => my_data_link,
        },
    )?;
    candidate_email(
        "application_received",
        person,
        Some(application_id),
        rendered,
    )
}

/// The default rejection letter, for a preview or to send as it is.
pub fn rejection_text(
    composer: &Composer,
    person: &candidate::Model,
    position_title: &str,
    cancelled: bool,
) -> AppResult<Rendered> {
    composer.render(
        "rejection",
        lang_of(person),
        CandidateContext {
            name: &person.full_name,
            title: position_title,
            talent_pool: person.talent_pool,
            cancelled,
        },
    )
}

/// What to tell the candidate when an application ends.
#[derive(Clone, Debug, Default)]
pub enum Notice {
    /// The standard letter in the candidate's language.
    #[default]
    Standard,
    /// A letter the recruiter previewed and edited.
    Edited { subject: String, text: String },
    /// Nothing (the candidate was told in person, or never applied).
    Silent,
}

impl Notice {
    pub fn edited(subject: &str, text: &str) -> AppResult<Notice> {
        let (subject, text) = (subject.trim(), text.trim());
        let mut errors = Vec::new();
        if subject.is_empty() {
            errors.push(crate::error::FieldError::new(
                "subject",
                crate::web::i18n::Message::new("field-required"),
            ));
        }
        if text.is_empty() {
            errors.push(crate::error::FieldError::new(
                "body",
                crate::web::i18n::Message::new("field-required"),
            ));
        }
        // The subject becomes a header line: no line breaks that could add headers.
        errors.extend(FieldError::text("subject", TextKind::Line, subject));
        errors.extend(FieldError::text("body", TextKind::Text, text));
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(Notice::Edited {
            subject: subject.to_owned(),
            text: text.to_owned(),
        })
    }
}

/// The rejection email as the notice asks, or none.
pub fn rejection(
    composer: &Composer,
    person: &candidate::Model,
    position_title: &str,
    application_id: i32,
    notice: &Notice,
    cancelled: bool,
) -> AppResult<Option<Email>> {
    let rendered = match notice {
        Notice::Silent => return Ok(None),
        Notice::Standard => rejection_text(composer, person, position_title, cancelled)?,
        Notice::Edited { subject, text } => Rendered {
            subject: subject.clone(),
            html: html_from_text(text),
            text: text.clone(),
        },
    };
    candidate_email("rejection", person, Some(application_id), rendered)
}

/// What an interview invitation says; the interviews feature fills it in.
#[derive(Serialize)]
pub struct Invitation<'a> {
    pub name: &'a str,
    pub title: &'a str,
    /// "competency interview", in the recipient's language.
    pub what: &'a str,
    /// Date and time on the recipient's clock, with its name.
    pub when: &'a str,
    pub minutes: i64,
    pub place: &'a str,
    pub with_whom: &'a str,
}

/// An interview invitation with its calendar file, to a candidate or an interviewer.
pub fn interview_invitation(
    composer: &Composer,
    to: (&str, &str),
    lang: Lang,
    invitation: &Invitation<'_>,
    ics: String,
    application_id: Option<i32>,
) -> AppResult<Email> {
    let rendered = composer.render("interview_invitation", lang, invitation)?;
    Ok(Email {
        kind: "interview_invitation",
        to_email: to.1.to_owned(),
        to_name: Some(to.0.to_owned()),
        lang,
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        ics: Some(ics),
        application_id,
    })
}

/// A test message from the admin page.
pub fn test_message(composer: &Composer, to: &str, lang: Lang) -> AppResult<Email> {
    Ok(composer
        .render("test", lang, ())?
        .to("test", to, None, lang))
}

#[cfg(test)]
mod tests {
    use super::html_from_text;

    #[test]
    fn edited_text_becomes_escaped_paragraphs() {
        let html = html_from_text("Здравствуйте, <Анна>!\n\nСпасибо.\nМария");
        assert!(html.contains("<p>Здравствуйте, &lt;Анна&gt;!</p>"));
        assert!(html.contains("<p>Спасибо.<br>\nМария</p>"));
    }
}

#[cfg(test)]
mod agency_tests {
    use super::*;
    use crate::agency::{Agency, AgencyCache};

    fn composer(agency: Agency) -> Composer {
        Composer::new(
            Arc::new(Templates::new(false)),
            "Hireloop <jobs@agency.test>",
        )
        .unwrap()
        .with_agency(AgencyCache::new(agency), "https://jobs.agency.test/")
    }

    #[test]
    fn emails_go_out_in_the_agency_s_name_and_never_the_product_s() {
        let unnamed = composer(Agency::default());
        assert_eq!(
            unnamed.signature(),
            "",
            "no agency name yet: no product name either"
        );
        let named = composer(Agency {
            name: "Северный ветер".into(),
            ..Agency::default()
        });
        assert_eq!(named.signature(), "Северный ветер");
        let sender = named.sender();
        assert_eq!(sender.name.as_deref(), Some("Северный ветер"));
        assert_eq!(sender.email.to_string(), "jobs@agency.test");
        let rendered = named.render("test", Lang::Ru, ()).unwrap();
        assert!(
            rendered.html.contains("Северный ветер"),
            "{}",
            rendered.html
        );
    }
}
