//! Webhook rules: the events an integration may subscribe to, which change becomes which event,
//! and what a registration must hold (a URL the app may post to, known events, a long secret).

use crate::domain::offer_policy::OfferStatus;
use crate::domain::pipeline::Stage;

/// The shortest signing secret accepted: shorter ones are guessable from signed bodies.
pub const MIN_SECRET_CHARS: usize = 16;
/// The longest URL accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// What happened, as integrators subscribe to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    ApplicationCreated,
    ApplicationStageChanged,
    ApplicationRejected,
    OfferSent,
    OfferAccepted,
    OfferDeclined,
    HireStarted,
    CandidateErased,
    InternshipDecided,
}

impl EventType {
    pub const ALL: [EventType; 9] = [
        EventType::ApplicationCreated,
        EventType::ApplicationStageChanged,
        EventType::ApplicationRejected,
        EventType::OfferSent,
        EventType::OfferAccepted,
        EventType::OfferDeclined,
        EventType::HireStarted,
        EventType::CandidateErased,
        EventType::InternshipDecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ApplicationCreated => "application.created",
            EventType::ApplicationStageChanged => "application.stage_changed",
            EventType::ApplicationRejected => "application.rejected",
            EventType::OfferSent => "offer.sent",
            EventType::OfferAccepted => "offer.accepted",
            EventType::OfferDeclined => "offer.declined",
            EventType::HireStarted => "hire.started",
            EventType::CandidateErased => "candidate.erased",
            EventType::InternshipDecided => "internship.decided",
        }
    }

    pub fn parse(text: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|e| e.as_str() == text)
    }

    /// Every code, in the order the form and the document list them.
    pub fn codes() -> Vec<&'static str> {
        EventType::ALL.into_iter().map(EventType::as_str).collect()
    }
}

/// The event an application's timeline entry of `kind` (moving it `to` a stage) stands for:
/// its creation, or a move — told apart when it ends in a rejection or a first working day,
/// which integrations act on without reading stages. Other entries are not events.
pub fn of_timeline(kind: &str, to: Option<Stage>) -> Option<EventType> {
    match (kind, to) {
        ("created", _) => Some(EventType::ApplicationCreated),
        ("stage", Some(Stage::Rejected)) => Some(EventType::ApplicationRejected),
        ("stage", Some(Stage::Started)) => Some(EventType::HireStarted),
        ("stage", Some(_)) => Some(EventType::ApplicationStageChanged),
        _ => None,
    }
}

/// The event an offer's move to `status` stands for: the candidate's side of it only
/// (drafts and approvals are the team's own business).
pub fn of_offer(status: OfferStatus) -> Option<EventType> {
    match status {
        OfferStatus::Sent => Some(EventType::OfferSent),
        OfferStatus::Accepted => Some(EventType::OfferAccepted),
        OfferStatus::Declined => Some(EventType::OfferDeclined),
        _ => None,
    }
}

/// Whether a webhook subscribed to `events` (comma-separated codes) wants `event`.
pub fn subscribes(events: &str, event: EventType) -> bool {
    events.split(',').any(|code| code.trim() == event.as_str())
}

/// Why a URL is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum UrlRefused {
    /// Not an absolute http(s) URL with a host.
    NotHttp,
    /// Plain http to a host other than this machine, where the app runs over TLS.
    NeedsHttps,
    TooLong,
}

/// Checks a webhook URL. Bodies carry ids of people and are signed, not encrypted, so they
/// go over https; plain http is accepted for this machine (a local relay), and anywhere when
/// the app itself is served without TLS (`plain_http_anywhere`: a development or closed
/// network, where requiring https would only get in the way).
pub fn check_url(url: &str, plain_http_anywhere: bool) -> Result<(), UrlRefused> {
    if url.chars().count() > MAX_URL_CHARS {
        return Err(UrlRefused::TooLong);
    }
    let (scheme, rest) = url.split_once("://").ok_or(UrlRefused::NotHttp)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(UrlRefused::NotHttp);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(UrlRefused::NotHttp);
    }
    if scheme == "http" && !plain_http_anywhere && !is_loopback(host) {
        return Err(UrlRefused::NeedsHttps);
    }
    Ok(())
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The subscribed events from what was sent: each code known, none twice, at least one.
/// `Err` names the first unknown code, or `None` when the list is empty.
pub fn check_events<S: AsRef<str>>(codes: &[S]) -> Result<Vec<EventType>, Option<String>> {
    let mut events = Vec::new();
    for code in codes {
        let code = code.as_ref().trim();
        let event = EventType::parse(code).ok_or_else(|| Some(code.to_owned()))?;
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err(None);
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_application_is_application_created() {
        assert_eq!(
            of_timeline("created", Some(Stage::LongList)),
            Some(EventType::ApplicationCreated)
        );
    }

    #[test]
    fn a_move_forward_is_a_stage_change() {
        assert_eq!(
            of_timeline("stage", Some(Stage::ShortList)),
            Some(EventType::ApplicationStageChanged)
        );
        assert_eq!(
            of_timeline("stage", Some(Stage::Hired)),
            Some(EventType::ApplicationStageChanged)
        );
    }

    #[test]
    fn a_move_to_rejected_is_application_rejected_not_a_stage_change() {
        assert_eq!(
            of_timeline("stage", Some(Stage::Rejected)),
            Some(EventType::ApplicationRejected)
        );
    }

    #[test]
    fn a_move_to_started_is_hire_started() {
        assert_eq!(
            of_timeline("stage", Some(Stage::Started)),
            Some(EventType::HireStarted)
        );
    }

    #[test]
    fn comments_and_contacts_are_not_events() {
        assert_eq!(of_timeline("comment", None), None);
        assert_eq!(of_timeline("contacted", None), None);
        assert_eq!(of_timeline("offer_declined", None), None);
        assert_eq!(of_timeline("stage", None), None);
    }

    #[test]
    fn only_the_candidates_side_of_an_offer_is_an_event() {
        assert_eq!(of_offer(OfferStatus::Sent), Some(EventType::OfferSent));
        assert_eq!(
            of_offer(OfferStatus::Accepted),
            Some(EventType::OfferAccepted)
        );
        assert_eq!(
            of_offer(OfferStatus::Declined),
            Some(EventType::OfferDeclined)
        );
        assert_eq!(of_offer(OfferStatus::Draft), None);
        assert_eq!(of_offer(OfferStatus::Approved), None);
    }

    #[test]
    fn every_event_code_reads_back_as_itself() {
        for event in EventType::ALL {
            assert_eq!(EventType::parse(event.as_str()), Some(event));
        }
        assert_eq!(EventType::parse("application.deleted"), None);
    }

    #[test]
    fn a_webhook_subscribes_to_exactly_the_codes_it_lists() {
        let events = "application.created,offer.sent";
        assert!(subscribes(events, EventType::OfferSent));
        assert!(!subscribes(events, EventType::OfferAccepted));
    }

    #[test]
    fn https_urls_are_accepted_everywhere() {
        assert_eq!(
            check_url("https://hooks.example.com/hireloop", false),
            Ok(())
        );
    }

    #[test]
    fn plain_http_is_refused_in_production_unless_the_host_is_this_machine() {
        assert_eq!(
            check_url("http://hooks.example.com/x", false),
            Err(UrlRefused::NeedsHttps)
        );
        assert_eq!(check_url("http://127.0.0.1:9000/x", false), Ok(()));
        assert_eq!(check_url("http://localhost/x", false), Ok(()));
        assert_eq!(check_url("http://[::1]:8080/x", false), Ok(()));
        assert_eq!(check_url("http://hooks.example.com/x", true), Ok(()));
    }

    #[test]
    fn other_schemes_and_hostless_urls_are_refused() {
        assert_eq!(
            check_url("ftp://example.com/x", true),
            Err(UrlRefused::NotHttp)
        );
        assert_eq!(check_url("example.com/x", true), Err(UrlRefused::NotHttp));
        assert_eq!(check_url("https:///x", true), Err(UrlRefused::NotHttp));
        assert_eq!(
            check_url("https://exa mple.com", true),
            Err(UrlRefused::NotHttp)
        );
    }

    #[test]
    fn the_event_list_names_the_first_unknown_code() {
        assert_eq!(
            check_events(&["offer.sent", "offer.lost"]),
            Err(Some("offer.lost".to_owned()))
        );
        assert_eq!(check_events::<&str>(&[]), Err(None));
        assert_eq!(
            check_events(&["offer.sent", "offer.sent"]),
            Ok(vec![EventType::OfferSent])
        );
    }
}
