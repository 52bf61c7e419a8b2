//! A fetched message read into what the app keeps: who wrote, to whom, the subject, the ids a
//! reply points back with, and the text as plain text (an HTML-only message's text extracted;
//! mail HTML is never kept or shown).

use chrono::{DateTime, Utc};
use mail_parser::MessageParser;
use sha2::{Digest, Sha256};

/// The longest text kept of one message; the rest of a huge mail is cut off.
const TEXT_LIMIT: usize = 100_000;
const LINE_LIMIT: usize = 998;

/// A message as the app keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbound {
    /// The Message-ID without angle brackets, if it has one.
    pub message_id: Option<String>,
    /// The one the message says it replies to, without angle brackets.
    pub in_reply_to: Option<String>,
    /// In-Reply-To and References together, each without angle brackets.
    pub refers_to: Vec<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub sent_at: Option<DateTime<Utc>>,
    /// What makes it one message: `mid:` + the Message-ID, or `sha256:` + the raw bytes' hash.
    pub dedup_key: String,
}

fn bare(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned()
}

/// Only printable text and line breaks, lines joined with `\n`, cut at [`TEXT_LIMIT`].
pub fn plain(text: &str) -> String {
    let cleaned: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .take(TEXT_LIMIT)
        .collect();
    cleaned.trim().to_owned()
}

fn one_line(text: &str) -> String {
    plain(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(LINE_LIMIT)
        .collect()
}

/// Reads `raw`; a message that does not parse is still kept, by its hash, with what can be read.
pub fn read(raw: &[u8]) -> Inbound {
    let hash = format!("sha256:{:x}", Sha256::digest(raw));
    let Some(message) = MessageParser::default().parse(raw) else {
        return Inbound {
            message_id: None,
            in_reply_to: None,
            refers_to: Vec::new(),
            from_address: String::new(),
            from_name: None,
            to: String::new(),
            subject: String::new(),
            text: plain(&String::from_utf8_lossy(raw)),
            sent_at: None,
            dedup_key: hash,
        };
    };
    let message_id = message
        .message_id()
        .map(bare)
        .filter(|id| !id.is_empty())
        .map(|id| id.chars().take(LINE_LIMIT).collect::<String>());
    let in_reply_to = message
        .in_reply_to()
        .as_text_list()
        .and_then(|ids| ids.first().map(|id| bare(id)));
    let mut refers_to: Vec<String> = Vec::new();
    for header in [message.in_reply_to(), message.references()] {
        for id in header.as_text_list().unwrap_or_default() {
            let id = bare(id);
            if !id.is_empty() && !refers_to.contains(&id) {
                refers_to.push(id);
            }
        }
    }
    let from = message.from().and_then(|a| a.first());
    let to = message
        .to()
        .map(|a| {
            a.iter()
                .filter_map(|addr| addr.address())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let text = message.body_text(0).map(|t| plain(&t)).unwrap_or_default();
    Inbound {
        dedup_key: message_id.as_ref().map_or(hash, |id| format!("mid:{id}")),
        message_id,
        in_reply_to,
        refers_to,
        from_address: from
            .and_then(|a| a.address())
            .map(|a| a.trim().to_lowercase())
            .unwrap_or_default(),
        from_name: from
            .and_then(|a| a.name())
            .map(one_line)
            .filter(|n| !n.is_empty()),
        to: one_line(&to),
        subject: message.subject().map(one_line).unwrap_or_default(),
        text,
        sent_at: message
            .date()
            .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_names_what_it_replies_to_without_brackets() {
        let raw = b"From: Anna <Anna@Mail.test>\r\nTo: jobs@agency.test\r\n\
            Subject: Re: Interview\r\nMessage-ID: <r1@mail.test>\r\n\
            In-Reply-To: <o1@agency.test>\r\nReferences: <o0@agency.test> <o1@agency.test>\r\n\
            Date: Mon, 7 Dec 2026 10:00:00 +0300\r\n\r\nYes, Tuesday works.\r\n";
        let read = read(raw);
        assert_eq!(read.message_id.as_deref(), Some("r1@mail.test"));
        assert_eq!(read.in_reply_to.as_deref(), Some("o1@agency.test"));
        assert_eq!(read.refers_to, ["o1@agency.test", "o0@agency.test"]);
        assert_eq!(read.from_address, "anna@mail.test");
        assert_eq!(read.from_name.as_deref(), Some("Anna"));
        assert_eq!(read.subject, "Re: Interview");
        assert_eq!(read.text, "Yes, Tuesday works.");
        assert_eq!(read.dedup_key, "mid:r1@mail.test");
        assert_eq!(
            read.sent_at.unwrap().to_rfc3339(),
            "2026-12-07T07:00:00+00:00"
        );
    }

    #[test]
    fn an_html_only_message_keeps_its_text_and_no_markup() {
        let raw = b"From: a@b.test\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n\
            <p>Hello <b>there</b></p><script>alert(1)</script>\r\n";
        let read = read(raw);
        assert!(read.text.contains("Hello"), "{}", read.text);
        assert!(!read.text.contains('<'), "{}", read.text);
    }

    #[test]
    fn a_message_without_an_id_is_known_by_its_hash() {
        let one = read(b"From: a@b.test\r\nSubject: x\r\n\r\nbody\r\n");
        let again = read(b"From: a@b.test\r\nSubject: x\r\n\r\nbody\r\n");
        assert!(one.dedup_key.starts_with("sha256:"));
        assert_eq!(one.dedup_key, again.dedup_key);
    }

    #[test]
    fn control_characters_and_direction_overrides_are_dropped() {
        assert_eq!(plain("a\u{0007}b\r\nc\u{202e}d"), "ab\ncd");
    }
}
