//! The phone screen's checks on a scorecard. A scorecard of a `screen` interview answers the
//! checks of the position's screen script (`positions::screen_script`) yes or no, with an
//! optional note and, on the salary check, the figure the candidate named. A "no", or a figure
//! above the band, fails the check: the card's API shows it, and the candidate's card shows a
//! warning line once the card is submitted.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use crate::domain::screen_script::{self, SALARY};
use crate::domain::text::TextKind;
use crate::entities::{interview, scorecard, scorecard_check};
use crate::error::{AppResult, FieldError};
use crate::positions::screen_script::{ScreenScript, script};
use crate::web::i18n::{Lang, Message};

/// One check as the interviewer answers it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CheckInput {
    /// salary, notice, location or requirement-<n>, as the position's screen script lists them.
    pub code: String,
    /// yes or no.
    pub answer: Option<String>,
    /// On the salary check: the monthly figure the candidate named, in the band's currency.
    #[serde(default)]
    pub expected_salary: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A check as stored on a card.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CheckView {
    pub code: String,
    /// yes or no.
    pub answer: String,
    pub expected_salary: Option<i64>,
    pub note: String,
    /// The requirement's line for a requirement check; empty for the fixed checks.
    pub subject: String,
    /// A "no", or an expected salary above the band.
    pub failed: bool,
}

/// The screen script an interview's card answers: `None` unless it is a screen interview.
pub async fn script_of(
    db: &DatabaseConnection,
    interview_id: i32,
    lang: Lang,
) -> AppResult<Option<ScreenScript>> {
    let Some(found) = interview::Entity::find_by_id(interview_id).one(db).await? else {
        return Ok(None);
    };
    if found.kind != "screen" {
        return Ok(None);
    }
    let application = crate::recruitment::views::application(db, found.application_id).await?;
    Ok(Some(script(db, "", application.position_id, lang).await?))
}

/// What is wrong with the checks sent: a code the script does not have (every code, when the
/// interview is not a screen), an answer other than yes or no, a figure that is not positive,
/// a note too long.
pub fn refusals(script: Option<&ScreenScript>, checks: &[CheckInput]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, c) in checks.iter().enumerate() {
        let known = script.is_some_and(|s| s.script.checks.iter().any(|k| k.code == c.code));
        if !known {
            errors.push(FieldError::new(
                format!("checks[{i}].code"),
                Message::new("field-check-unknown"),
            ));
            continue;
        }
        if !matches!(c.answer.as_deref().map(str::trim), Some("yes" | "no")) {
            errors.push(FieldError::new(
                format!("checks[{i}].answer"),
                Message::new("field-check-answer"),
            ));
        }
        if c.expected_salary
            .is_some_and(|s| s <= 0 || c.code != SALARY)
        {
            errors.push(FieldError::new(
                format!("checks[{i}].expected_salary"),
                Message::new("field-check-salary"),
            ));
        }
        errors.extend(FieldError::text(
            &format!("checks[{i}].note"),
            TextKind::Text,
            c.note.as_deref().unwrap_or("").trim(),
        ));
    }
    errors
}

/// The checks of the script a card has not answered: a screen card is submitted whole.
pub fn unanswered(script: &ScreenScript, answered: &[CheckView]) -> Vec<FieldError> {
    script
        .script
        .checks
        .iter()
        .filter(|k| !answered.iter().any(|a| a.code == k.code))
        .map(|k| {
            FieldError::new(
                format!("checks.{}", k.code),
                Message::new("field-check-answer"),
            )
        })
        .collect()
}

/// Replaces a card's checks with `checks` (already refused or accepted by [`refusals`]).
pub async fn replace<C: ConnectionTrait>(
    txn: &C,
    scorecard_id: i32,
    script: Option<&ScreenScript>,
    checks: &[CheckInput],
) -> AppResult<()> {
    scorecard_check::Entity::delete_many()
        .filter(scorecard_check::Column::ScorecardId.eq(scorecard_id))
        .exec(txn)
        .await?;
    let Some(script) = script else {
        return Ok(());
    };
    let mut seen = Vec::new();
    for c in checks {
        let Some(known) = script.script.checks.iter().find(|k| k.code == c.code) else {
            continue;
        };
        if seen.contains(&c.code) {
            continue;
        }
        seen.push(c.code.clone());
        let yes = c.answer.as_deref().map(str::trim) == Some("yes");
        scorecard_check::ActiveModel {
            scorecard_id: Set(scorecard_id),
            code: Set(c.code.clone()),
            answer: Set(if yes { "yes" } else { "no" }.to_owned()),
            expected_salary: Set(c.expected_salary),
            note: Set(c.note.clone().unwrap_or_default().trim().to_owned()),
            subject: Set(known.subject.clone()),
            failed: Set(screen_script::failed(
                &c.code,
                yes,
                c.expected_salary,
                script.band.as_ref(),
            )),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The checks of these cards, by card, in the script's order (fixed checks, then requirements
/// by number).
pub async fn of_cards(
    db: &DatabaseConnection,
    ids: Vec<i32>,
) -> AppResult<HashMap<i32, Vec<CheckView>>> {
    let mut rows = scorecard_check::Entity::find()
        .filter(scorecard_check::Column::ScorecardId.is_in(ids))
        .all(db)
        .await?;
    rows.sort_by_key(|r| order(&r.code));
    let mut by_card: HashMap<i32, Vec<CheckView>> = HashMap::new();
    for r in rows {
        by_card.entry(r.scorecard_id).or_default().push(CheckView {
            code: r.code,
            answer: r.answer,
            expected_salary: r.expected_salary,
            note: r.note,
            subject: r.subject,
            failed: r.failed,
        });
    }
    Ok(by_card)
}

fn order(code: &str) -> (usize, usize) {
    match code {
        screen_script::SALARY => (0, 0),
        screen_script::NOTICE => (1, 0),
        screen_script::LOCATION => (2, 0),
        other => (
            3,
            other
                .rsplit('-')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(usize::MAX),
        ),
    }
}

/// The failed checks of the submitted screen cards of these interviews, by application: the
/// warning lines of the candidate's card. Three queries whatever the number.
pub async fn failed_by_application(
    db: &DatabaseConnection,
    interviews: &[super::model::InterviewSummary],
) -> AppResult<BTreeMap<i32, Vec<CheckView>>> {
    let screens: HashMap<i32, i32> = interviews
        .iter()
        .filter(|i| i.kind == "screen")
        .map(|i| (i.id, i.application_id))
        .collect();
    if screens.is_empty() {
        return Ok(BTreeMap::new());
    }
    let cards = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.is_in(screens.keys().copied().collect::<Vec<_>>()))
        .filter(scorecard::Column::Status.eq("submitted"))
        .all(db)
        .await?;
    let checks = of_cards(db, cards.iter().map(|c| c.id).collect()).await?;
    let mut warnings: BTreeMap<i32, Vec<CheckView>> = BTreeMap::new();
    for card in &cards {
        let Some(application) = screens.get(&card.interview_id) else {
            continue;
        };
        let failed = checks
            .get(&card.id)
            .into_iter()
            .flatten()
            .filter(|c| c.failed)
            .cloned();
        warnings.entry(*application).or_default().extend(failed);
    }
    warnings.retain(|_, v| !v.is_empty());
    Ok(warnings)
}

/// The checks on the scorecard form: `check_<code>` (yes or no), `checknote_<code>` and, on the
/// salary check, `checksalary_<code>`. A check left blank was not asked yet and is not sent; a
/// figure that is not a whole number is kept as 0 so the rule refuses it with its message.
pub fn from_form(pairs: &[(String, String)]) -> Vec<CheckInput> {
    let mut checks: BTreeMap<String, CheckInput> = BTreeMap::new();
    for (name, text) in pairs {
        let text = text.trim();
        let (code, part) = if let Some(code) = name.strip_prefix("checknote_") {
            (code, "note")
        } else if let Some(code) = name.strip_prefix("checksalary_") {
            (code, "salary")
        } else if let Some(code) = name.strip_prefix("check_") {
            (code, "answer")
        } else {
            continue;
        };
        let entry = checks.entry(code.to_owned()).or_insert_with(|| CheckInput {
            code: code.to_owned(),
            ..Default::default()
        });
        let typed = Some(text.to_owned()).filter(|t| !t.is_empty());
        match part {
            "note" => entry.note = typed,
            "salary" => {
                entry.expected_salary =
                    typed.map(|t| t.replace([' ', '\u{a0}', ','], "").parse().unwrap_or(0))
            }
            _ => entry.answer = typed,
        }
    }
    checks
        .into_values()
        .filter(|c| c.answer.is_some() || c.note.is_some() || c.expected_salary.is_some())
        .collect()
}

/// The form field a message about `checks[i].…` (or a submit's `checks.<code>`) sits beside.
pub fn form_field(field: &str, sent: &[CheckInput]) -> Option<String> {
    if let Some(code) = field.strip_prefix("checks.") {
        return Some(format!("check_{code}"));
    }
    let (index, part) = field.strip_prefix("checks[")?.split_once("].")?;
    let check = sent.get(index.parse::<usize>().ok()?)?;
    let name = match part {
        "note" => "checknote",
        "expected_salary" => "checksalary",
        _ => "check",
    };
    Some(format!("{name}_{}", check.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_read_back_in_the_script_order_with_requirements_by_number() {
        let mut codes = vec![
            "requirement-10",
            "notice",
            "requirement-2",
            "salary",
            "location",
        ];
        codes.sort_by_key(|c| order(c));
        assert_eq!(
            codes,
            [
                "salary",
                "notice",
                "location",
                "requirement-2",
                "requirement-10"
            ]
        );
    }

    #[test]
    fn the_form_sends_only_the_checks_touched_and_its_messages_sit_beside_their_fields() {
        let pairs: Vec<(String, String)> = [
            ("check_notice", "no"),
            ("checknote_notice", " Два месяца "),
            ("check_location", ""),
            ("checksalary_salary", "200 000"),
            ("score_4", "3"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let sent = from_form(&pairs);
        let codes: Vec<&str> = sent.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["notice", "salary"]);
        assert_eq!(sent[0].note.as_deref(), Some("Два месяца"));
        assert_eq!(sent[1].expected_salary, Some(200_000));
        assert_eq!(sent[1].answer, None);
        assert_eq!(
            form_field("checks[1].answer", &sent).as_deref(),
            Some("check_salary")
        );
        assert_eq!(
            form_field("checks[1].expected_salary", &sent).as_deref(),
            Some("checksalary_salary")
        );
        assert_eq!(
            form_field("checks[0].note", &sent).as_deref(),
            Some("checknote_notice")
        );
        assert_eq!(
            form_field("checks.location", &sent).as_deref(),
            Some("check_location")
        );
        assert_eq!(form_field("checks[7].answer", &sent), None);
    }

    #[test]
    fn a_check_of_a_card_that_is_not_a_screen_is_unknown() {
        let sent = [CheckInput {
            code: "salary".into(),
            answer: Some("yes".into()),
            ..Default::default()
        }];
        let errors = refusals(None, &sent);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "checks[0].code");
    }
}
