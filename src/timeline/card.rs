//! Reading the timeline for the candidate's card: every kind merged into one list, newest
//! first, each line a sentence in the reader's language. Each kind is one query, however many
//! entries it has; people's names are one more. Times stay timestamps: the page shows them in
//! the reader's zone with its name.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use super::model::REPLY_RECEIVED;
use crate::entities::{
    application_event, candidate_note, consent, interview, offer, referee, scorecard,
    scorecard_rating, user,
};
use crate::error::AppResult;
use crate::web::i18n::{Lang, Message};

/// The kinds a reader can narrow the timeline to, `all` first.
pub const FILTERS: [&str; 9] = [
    "all",
    "stages",
    "notes",
    "email",
    "interviews",
    "offers",
    "references",
    "consent",
    "follow_ups",
];

/// The filter named in a query string, or `all`.
pub fn filter(name: Option<&str>) -> &'static str {
    FILTERS
        .into_iter()
        .find(|f| Some(*f) == name)
        .unwrap_or("all")
}

/// Application-event kinds shown from their own records instead (richer, and without the
/// codes the old entries carry).
const SHOWN_FROM_RECORDS: [&str; 5] = [
    "interview",
    "offer",
    "offer_declined",
    "reference",
    REPLY_RECEIVED,
];

/// One line of the card's timeline.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub at: DateTime<Utc>,
    /// Which filter shows it: one of [`FILTERS`] but `all`.
    pub kind: &'static str,
    /// What wrote it: an application-event kind, or note, email_out, email_in, interview,
    /// scorecard, referee, offer, consent.
    pub source: String,
    /// Who did it, when a person did.
    pub actor: Option<String>,
    pub application_id: Option<i32>,
    /// The sentence, in the reader's language.
    pub text: String,
    /// What a person typed or the email's subject, shown as typed.
    pub detail: Option<String>,
    /// A moment the sentence is about (an interview's time), for the page to show in the
    /// reader's zone.
    pub when: Option<DateTime<Utc>>,
}

/// An email on the card, as the mailbox log gives it (the page passes it in).
pub struct EmailLine {
    pub at: DateTime<Utc>,
    pub outbound: bool,
    pub subject: String,
    pub status: String,
    pub from: String,
}

/// What the reader may see.
pub struct Reader {
    pub lang: Lang,
    pub sees_salaries: bool,
    pub sees_references: bool,
}

struct Builder {
    lang: Lang,
    lines: Vec<Line>,
    /// Lines whose actor is a user id, resolved to names in one query at the end.
    actors: Vec<(usize, i32)>,
}

impl Builder {
    fn push(
        &mut self,
        at: DateTime<Utc>,
        kind: &'static str,
        source: &str,
        actor: Option<i32>,
        application_id: Option<i32>,
        text: String,
    ) -> &mut Line {
        if let Some(id) = actor {
            self.actors.push((self.lines.len(), id));
        }
        self.lines.push(Line {
            at,
            kind,
            source: source.to_owned(),
            actor: None,
            application_id,
            text,
            detail: None,
            when: None,
        });
        self.lines.last_mut().expect("just pushed")
    }

    fn text(&self, key: &str) -> String {
        self.lang.text(key)
    }

    fn render(&self, message: Message) -> String {
        self.lang.render(&message)
    }

    /// A stage move's note is "reason — note — date": the date in the reader's words, and the
    /// accepted offer's "offer #2" as its version. The reason code is for the page to label.
    fn stage_note(&self, note: &str) -> String {
        note.split(" — ")
            .map(|part| {
                if let Ok(day) = NaiveDate::parse_from_str(part, "%Y-%m-%d") {
                    self.date(day)
                } else if let Some(revision) = part
                    .strip_prefix("offer #")
                    .and_then(|r| r.parse::<i64>().ok())
                {
                    self.render(
                        Message::new("timeline-offer-version").with_number("revision", revision),
                    )
                } else {
                    part.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(" — ")
    }

    fn date(&self, day: NaiveDate) -> String {
        crate::web::dates::format_date(day, self.lang == Lang::En)
    }
}

/// The merged timeline of a person: `applications` are theirs, `emails` their mail log.
pub async fn of_candidate<C: ConnectionTrait>(
    db: &C,
    reader: &Reader,
    candidate_id: i32,
    applications: Vec<i32>,
    emails: Vec<EmailLine>,
) -> AppResult<Vec<Line>> {
    let mut b = Builder {
        lang: reader.lang,
        lines: Vec::new(),
        actors: Vec::new(),
    };
    events(db, &mut b, applications.clone()).await?;
    notes(db, &mut b, candidate_id).await?;
    for e in emails {
        let (kind_key, source) = if e.outbound {
            ("timeline-line-email-out", "email_out")
        } else {
            ("timeline-line-email-in", "email_in")
        };
        let status = b.text(&format!("card-email-status-{}", e.status));
        let text = b.render(Message::new(kind_key).with("status", status));
        let line = b.push(e.at, "email", source, None, None, text);
        line.detail = Some(e.subject);
        if !e.outbound {
            line.actor = Some(e.from);
        }
    }
    interviews(db, &mut b, applications.clone()).await?;
    if reader.sees_references {
        referees(db, &mut b, applications.clone()).await?;
    }
    if reader.sees_salaries {
        offers(db, &mut b, applications).await?;
    }
    consents(db, &mut b, candidate_id).await?;
    names(db, &mut b).await?;
    let mut lines = b.lines;
    lines.sort_by_key(|line| std::cmp::Reverse(line.at));
    Ok(lines)
}

async fn events<C: ConnectionTrait>(db: &C, b: &mut Builder, apps: Vec<i32>) -> AppResult<()> {
    let rows = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(apps))
        .filter(application_event::Column::Kind.is_not_in(SHOWN_FROM_RECORDS))
        .all(db)
        .await?;
    for e in rows {
        let stage = |code: &Option<String>| {
            code.as_deref()
                .map(|c| b.text(&format!("stage-{c}")))
                .unwrap_or_default()
        };
        let (kind, text, detail) = match e.kind.as_str() {
            "created" => (
                "stages",
                b.render(Message::new("timeline-line-created").with("stage", stage(&e.to_stage))),
                e.note
                    .as_deref()
                    .map(|s| b.text(&format!("source-{s}")))
                    .filter(|s| !s.is_empty()),
            ),
            "stage" => (
                "stages",
                b.render(
                    Message::new("timeline-line-stage")
                        .with("from", stage(&e.from_stage))
                        .with("to", stage(&e.to_stage)),
                ),
                e.note.as_deref().map(|n| b.stage_note(n)),
            ),
            "comment" => ("notes", b.text("timeline-line-comment"), e.note.clone()),
            "merged" | "merged_primary" => (
                "notes",
                b.text(&format!("timeline-{}", e.kind)),
                e.note.clone(),
            ),
            "contacted" => (
                "follow_ups",
                b.text("timeline-line-contacted"),
                e.note.clone(),
            ),
            "next_contact" => {
                let day = e
                    .note
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map(|d| b.date(d))
                    .unwrap_or_default();
                (
                    "follow_ups",
                    b.render(Message::new("timeline-line-next-contact").with("date", day)),
                    None,
                )
            }
            "ceo_go" | "ceo_no_go" => (
                "interviews",
                b.text(&format!("timeline-{}", e.kind)),
                e.note.clone(),
            ),
            "backup" => ("offers", b.text("timeline-backup"), None),
            "coverage_override" => ("stages", b.text("timeline-coverage_override"), None),
            other => {
                let key = format!("timeline-{other}");
                let text = if b.lang.has(&key) {
                    b.text(&key)
                } else {
                    b.text("timeline-line-other")
                };
                ("stages", text, e.note.clone())
            }
        };
        let line = b.push(
            e.at,
            kind,
            &e.kind,
            e.actor_id,
            Some(e.application_id),
            text,
        );
        line.detail = detail.filter(|d| !d.trim().is_empty());
    }
    Ok(())
}

async fn notes<C: ConnectionTrait>(db: &C, b: &mut Builder, candidate_id: i32) -> AppResult<()> {
    let rows = candidate_note::Entity::find()
        .filter(candidate_note::Column::CandidateId.eq(candidate_id))
        .all(db)
        .await?;
    for n in rows {
        let text = b.text("timeline-line-note");
        let line = b.push(
            n.created_at,
            "notes",
            "note",
            n.author_id,
            n.application_id,
            text,
        );
        line.detail = Some(n.text);
    }
    Ok(())
}

async fn interviews<C: ConnectionTrait>(db: &C, b: &mut Builder, apps: Vec<i32>) -> AppResult<()> {
    let rows = interview::Entity::find()
        .filter(interview::Column::ApplicationId.is_in(apps))
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let cards = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.is_in(ids))
        .filter(scorecard::Column::Status.eq("submitted"))
        .all(db)
        .await?;
    let card_ids: Vec<i32> = cards.iter().map(|c| c.id).collect();
    let mut scores: HashMap<i32, Vec<i32>> = HashMap::new();
    for (card, score) in scorecard_rating::Entity::find()
        .select_only()
        .column(scorecard_rating::Column::ScorecardId)
        .column(scorecard_rating::Column::Score)
        .filter(scorecard_rating::Column::ScorecardId.is_in(card_ids))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
    {
        scores.entry(card).or_default().push(score);
    }
    let by_id: HashMap<i32, &interview::Model> = rows.iter().map(|i| (i.id, i)).collect();
    for i in &rows {
        let kind = b.text(&format!("interview-kind-{}", i.kind));
        let key = if i.status == "cancelled" {
            "timeline-line-interview-cancelled"
        } else {
            "timeline-line-interview"
        };
        let text = b.render(Message::new(key).with("kind", kind));
        let line = b.push(
            i.created_at,
            "interviews",
            "interview",
            i.created_by,
            Some(i.application_id),
            text,
        );
        line.when = Some(i.scheduled_at);
    }
    for c in cards {
        let Some(i) = by_id.get(&c.interview_id) else {
            continue;
        };
        let kind = b.text(&format!("interview-kind-{}", i.kind));
        let recommendation = c
            .recommendation
            .as_deref()
            .map(|r| b.text(&format!("recommendation-{r}")))
            .unwrap_or_else(|| b.text("timeline-line-no-recommendation"));
        let overall = match scores.get(&c.id) {
            Some(list) if !list.is_empty() => {
                let mean = list.iter().sum::<i32>() as f64 / list.len() as f64;
                format!("{mean:.1}")
            }
            _ => "—".to_owned(),
        };
        let text = b.render(
            Message::new("timeline-line-scorecard")
                .with("kind", kind)
                .with("recommendation", recommendation)
                .with("overall", overall),
        );
        b.push(
            c.submitted_at.unwrap_or(c.updated_at),
            "interviews",
            "scorecard",
            Some(c.interviewer_id),
            Some(i.application_id),
            text,
        );
    }
    Ok(())
}

async fn referees<C: ConnectionTrait>(db: &C, b: &mut Builder, apps: Vec<i32>) -> AppResult<()> {
    let rows = referee::Entity::find()
        .filter(referee::Column::ApplicationId.is_in(apps))
        .all(db)
        .await?;
    for r in rows {
        let who = if r.company.trim().is_empty() {
            r.name.clone()
        } else {
            format!("{}, {}", r.name, r.company)
        };
        let text = b.render(Message::new("timeline-line-referee").with("who", who.clone()));
        b.push(
            r.created_at,
            "references",
            "referee",
            r.created_by,
            Some(r.application_id),
            text,
        );
        if let Some(at) = r.requested_at {
            let text =
                b.render(Message::new("timeline-line-referee-asked").with("who", who.clone()));
            b.push(
                at,
                "references",
                "referee",
                None,
                Some(r.application_id),
                text,
            );
        }
        if let Some(at) = r.answered_at {
            let verdict = r
                .verdict
                .as_deref()
                .map(|v| b.text(&format!("verdict-{v}")))
                .unwrap_or_else(|| "—".to_owned());
            let text = b.render(
                Message::new("timeline-line-referee-answered")
                    .with("who", who)
                    .with("verdict", verdict),
            );
            b.push(
                at,
                "references",
                "referee",
                None,
                Some(r.application_id),
                text,
            );
        }
    }
    Ok(())
}

async fn offers<C: ConnectionTrait>(db: &C, b: &mut Builder, apps: Vec<i32>) -> AppResult<()> {
    let rows = offer::Entity::find()
        .filter(offer::Column::ApplicationId.is_in(apps))
        .all(db)
        .await?;
    for o in rows {
        let app = Some(o.application_id);
        let amount = crate::domain::money::with_currency(
            o.salary,
            &o.currency,
            crate::domain::money::Style::english(b.lang == Lang::En),
        );
        let text = b.render(
            Message::new("timeline-line-offer")
                .with_number("revision", i64::from(o.revision))
                .with("amount", amount)
                .with("start", b.date(o.start_date)),
        );
        let line = b.push(o.created_at, "offers", "offer", o.created_by, app, text);
        line.detail = Some(o.change_reason.clone()).filter(|r| !r.trim().is_empty());
        for (decision, comment, who, at, key) in [
            (
                &o.manager_decision,
                &o.manager_comment,
                o.manager_id,
                o.manager_at,
                "timeline-line-offer-manager",
            ),
            (
                &o.ceo_decision,
                &o.ceo_comment,
                o.ceo_id,
                o.ceo_at,
                "timeline-line-offer-ceo",
            ),
        ] {
            if let (Some(decision), Some(at)) = (decision, at) {
                let decision = b.text(&format!("offer-decision-{decision}"));
                let text = b.render(
                    Message::new(key)
                        .with_number("revision", i64::from(o.revision))
                        .with("decision", decision),
                );
                let line = b.push(at, "offers", "offer", who, app, text);
                line.detail = comment.clone().filter(|c| !c.trim().is_empty());
            }
        }
        if let Some(at) = o.sent_at {
            let text = b.render(
                Message::new("timeline-line-offer-sent")
                    .with_number("revision", i64::from(o.revision)),
            );
            b.push(at, "offers", "offer", None, app, text);
        }
        if let Some(at) = o.answered_at {
            let key = match o.status.as_str() {
                "accepted" => "timeline-line-offer-accepted",
                _ => "timeline-line-offer-declined",
            };
            let text = b.render(Message::new(key).with_number("revision", i64::from(o.revision)));
            let line = b.push(at, "offers", "offer", None, app, text);
            line.detail = o
                .decline_reason
                .clone()
                .or(o.counter_proposal.clone())
                .filter(|r| !r.trim().is_empty());
        }
    }
    Ok(())
}

async fn consents<C: ConnectionTrait>(db: &C, b: &mut Builder, candidate_id: i32) -> AppResult<()> {
    let rows = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(candidate_id))
        .all(db)
        .await?;
    for c in rows {
        let purpose = b.text(&format!("timeline-purpose-{}", c.purpose));
        let text = b.render(Message::new("timeline-line-consent").with("purpose", purpose.clone()));
        b.push(c.given_at, "consent", "consent", c.recorded_by, None, text);
        if let Some(at) = c.withdrawn_at {
            let text =
                b.render(Message::new("timeline-line-consent-withdrawn").with("purpose", purpose));
            b.push(at, "consent", "consent", None, None, text);
        }
    }
    Ok(())
}

/// Everyone who acted, in one query.
async fn names<C: ConnectionTrait>(db: &C, b: &mut Builder) -> AppResult<()> {
    let ids: BTreeSet<i32> = b.actors.iter().map(|(_, id)| *id).collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for (index, id) in std::mem::take(&mut b.actors) {
        b.lines[index].actor = names.get(&id).cloned();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_filter_shows_everything() {
        assert_eq!(filter(Some("offers")), "offers");
        assert_eq!(filter(Some("nonsense")), "all");
        assert_eq!(filter(None), "all");
    }
}
