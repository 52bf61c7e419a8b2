//! Delivery with lettre: SMTP (STARTTLS or TLS, with auth) when a URL is configured, and by
//! default .eml files in a folder, so a laptop never mails a real candidate by accident.

use anyhow::Context;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::entities::outbox_message;

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// The URL with its password hidden, for the admin page.
        shown_as: String,
    },
    Folder {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: String,
    },
}

impl Mailer {
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465`
    /// (TLS), `smtp://host:25` (plain, for a relay on the same network); without a URL, .eml
    /// files under `folder`.
    pub fn new(smtp_url: Option<&str>, folder: &str) -> anyhow::Result<Self> {
        match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .with_context(|| format!("SMTP URL {}", crate::config::redact_url(url)))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp {
                    transport,
                    shown_as: crate::config::redact_url(url),
                })
            }
            None => {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("creating the outbox folder {folder}"))?;
                Ok(Mailer::Folder {
                    transport: AsyncFileTransport::new(folder),
                    dir: folder.to_owned(),
                })
            }
        }
    }

    /// What the admin page says about delivery.
    pub fn describe(&self) -> (&'static str, String) {
        match self {
            Mailer::Smtp { shown_as, .. } => ("smtp", shown_as.clone()),
            Mailer::Folder { dir, .. } => ("folder", dir.clone()),
        }
    }

    pub async fn send(&self, from: &Mailbox, row: &outbox_message::Model) -> anyhow::Result<()> {
        let message = build(from, row)?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
            }
            Mailer::Folder { transport, .. } => {
                transport.send(message).await?;
            }
        }
        Ok(())
    }
}

/// The MIME message for a queued row: plain text and HTML alternatives, and an iCalendar
/// invitation both inline (so calendar apps offer to accept) and as an .ics attachment.
pub fn build(from: &Mailbox, row: &outbox_message::Model) -> anyhow::Result<Message> {
    let to = Mailbox::new(
        row.to_name.clone(),
        row.to_email
            .parse()
            .with_context(|| format!("recipient address of outbox message {}", row.id))?,
    );
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .header(ContentLanguage(row.lang.clone()));
    let alternative =
        MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    let message = match &row.ics {
        None => builder.multipart(alternative)?,
        Some(ics) => {
            let calendar_type = ContentType::parse("text/calendar; charset=utf-8; method=REQUEST")?;
            let inline = SinglePart::builder()
                .header(calendar_type.clone())
                .body(ics.clone());
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative.singlepart(inline))
                    .singlepart(
                        Attachment::new("invite.ics".into()).body(ics.clone(), calendar_type),
                    ),
            )?
        }
    };
    Ok(message)
}

/// `Content-Language`, so mail clients and tests know which language a message is in.
#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}
