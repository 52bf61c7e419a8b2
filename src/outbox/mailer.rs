//! Delivery with lettre: SMTP (STARTTLS or TLS, with auth) when a URL is configured, and by
//! default .eml files in a folder, so a laptop never mails a real candidate by accident.

use anyhow::Context;
use lettre::Address;
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

    /// Builds and delivers one queued row. A row that cannot be built fails for good
    /// ([`SendError::Unbuildable`]); a transport error may pass, so it is worth retrying.
    pub async fn send(&self, from: &Mailbox, row: &outbox_message::Model) -> Result<(), SendError> {
        let message = build(from, row).map_err(SendError::Unbuildable)?;
        let sent = match self {
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(anyhow::Error::from),
            Mailer::Folder { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(anyhow::Error::from),
        };
        sent.map_err(SendError::Transport)
    }
}

/// Why a message did not go.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The row itself is bad (an address or a header that cannot be written): retrying
    /// cannot help.
    #[error("the message cannot be built: {0:#}")]
    Unbuildable(anyhow::Error),
    #[error("{0:#}")]
    Transport(anyhow::Error),
}

impl SendError {
    /// True when trying again cannot change the outcome.
    pub fn is_permanent(&self) -> bool {
        matches!(self, SendError::Unbuildable(_))
    }
}

/// The recipient as a checked mailbox: the address parsed by lettre, and a display name that
/// cannot break out of its header (no line breaks or other control characters).
pub fn mailbox(name: Option<&str>, email: &str) -> anyhow::Result<Mailbox> {
    let address: Address = email
        .trim()
        .parse()
        .with_context(|| format!("the address {email:?} is not a valid email address"))?;
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(name) = name
        && name.chars().any(char::is_control)
    {
        anyhow::bail!("the recipient's name {name:?} contains a line break or a control character");
    }
    Ok(Mailbox::new(name.map(str::to_owned), address))
}

/// A subject as one line: line breaks and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The MIME message for a queued row: plain text and HTML alternatives; an iCalendar
/// invitation both inline (so calendar apps offer to accept) and as an .ics attachment; and
/// the row's own attachment (an offer letter's PDF).
pub fn build(from: &Mailbox, row: &outbox_message::Model) -> anyhow::Result<Message> {
    let to = mailbox(row.to_name.as_deref(), &row.to_email)?;
    // Our own values, but read back from a table anything may have written to.
    if row
        .message_id
        .chars()
        .any(|c| c.is_control() || c.is_whitespace())
    {
        anyhow::bail!("the Message-ID {:?} is malformed", row.message_id);
    }
    let lang = crate::web::i18n::Lang::parse(&row.lang)
        .with_context(|| format!("the language {:?} is unknown", row.lang))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(one_line(&row.subject))
        .message_id(Some(row.message_id.clone()))
        .header(ContentLanguage(lang.as_str().to_owned()));
    let alternative =
        MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    let file = attachment(row)?;
    if row.ics.is_none() && file.is_none() {
        return Ok(builder.multipart(alternative)?);
    }
    let mut mixed = match &row.ics {
        None => MultiPart::mixed().multipart(alternative),
        Some(ics) => {
            let calendar_type = ContentType::parse("text/calendar; charset=utf-8; method=REQUEST")?;
            let inline = SinglePart::builder()
                .header(calendar_type.clone())
                .body(ics.clone());
            MultiPart::mixed()
                .multipart(alternative.singlepart(inline))
                .singlepart(Attachment::new("invite.ics".into()).body(ics.clone(), calendar_type))
        }
    };
    if let Some(file) = file {
        mixed = mixed.singlepart(file);
    }
    Ok(builder.multipart(mixed)?)
}

/// The row's attachment as a MIME part, if it has one; its name must be a plain file name.
fn attachment(row: &outbox_message::Model) -> anyhow::Result<Option<SinglePart>> {
    let Some(bytes) = &row.attachment else {
        return Ok(None);
    };
    let name = row.attachment_name.as_deref().unwrap_or("attachment");
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '/' | '\\'))
    {
        anyhow::bail!("the attachment's name {name:?} is not a plain file name");
    }
    let content_type = ContentType::parse(
        row.attachment_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
    )?;
    Ok(Some(
        Attachment::new(name.to_owned()).body(bytes.clone(), content_type),
    ))
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

#[cfg(test)]
mod tests {
    use super::{mailbox, one_line};

    #[test]
    fn a_recipient_name_with_a_line_break_is_refused_not_written_into_the_header() {
        let refused = mailbox(Some("Eve\r\nBcc: all@agency.test"), "eve@mail.test");
        assert!(refused.unwrap_err().to_string().contains("line break"));
        assert!(mailbox(Some("Анна Петрова"), "anna@mail.test").is_ok());
        assert!(mailbox(None, "not an address").is_err());
    }

    #[test]
    fn a_subject_is_written_on_one_line() {
        assert_eq!(one_line("Offer\r\nBcc: x  for you"), "Offer Bcc: x for you");
    }
}
