//! The probation page's form as typed: a milestone's result or a month's KPIs, read into the
//! same request the API takes. Unreadable numbers and dates are field errors, never a 400.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record::{KpiUpdate, MilestoneUpdate, ProbationUpdate};
use crate::error::FieldError;
use crate::web::i18n::Message;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ProbationForm {
    /// `milestone` or `kpis`.
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub extended_to: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub churn_percent: String,
    #[serde(default)]
    pub nps: String,
    #[serde(default)]
    pub client_lifetime_months: String,
    #[serde(default)]
    pub receivables_percent: String,
}

fn number(name: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<i32> {
    let text = text.trim().replace('\u{2212}', "-");
    if text.is_empty() {
        return None;
    }
    text.parse()
        .map_err(|_| errors.push(FieldError::new(name, Message::new("field-whole-number"))))
        .ok()
}

impl ProbationForm {
    pub fn update(&self) -> Result<ProbationUpdate, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut update = ProbationUpdate::default();
        if self.part == "kpis" {
            let month = number("month", &self.month, &mut errors);
            if month.is_none() && errors.is_empty() {
                errors.push(FieldError::new("month", Message::new("field-required")));
            }
            update.kpis.push(KpiUpdate {
                month: month.unwrap_or(0),
                churn_percent: number("churn_percent", &self.churn_percent, &mut errors),
                nps: number("nps", &self.nps, &mut errors),
                client_lifetime_months: number(
                    "client_lifetime_months",
                    &self.client_lifetime_months,
                    &mut errors,
                ),
                receivables_percent: number(
                    "receivables_percent",
                    &self.receivables_percent,
                    &mut errors,
                ),
            });
        } else {
            let extended_to = match self.extended_to.trim() {
                "" => None,
                text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| {
                        errors.push(FieldError::new(
                            "extended_to",
                            Message::new("field-date-invalid"),
                        ))
                    })
                    .ok(),
            };
            if self.result.trim().is_empty() {
                errors.push(FieldError::new("result", Message::new("field-required")));
            }
            update.milestones.push(MilestoneUpdate {
                code: self.code.clone(),
                result: self.result.clone(),
                extended_to,
                note: Some(self.note.clone()),
            });
        }
        if errors.is_empty() {
            Ok(update)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_of_kpis_reads_whole_numbers_and_leaves_blanks_unrecorded() {
        let form = ProbationForm {
            part: "kpis".into(),
            month: "2".into(),
            nps: "−20".into(),
            churn_percent: " 5 ".into(),
            ..Default::default()
        };
        let update = form.update().unwrap();
        let kpi = &update.kpis[0];
        assert_eq!(
            (kpi.month, kpi.nps, kpi.churn_percent),
            (2, Some(-20), Some(5))
        );
        assert_eq!(kpi.receivables_percent, None);
    }

    #[test]
    fn words_in_a_number_or_a_date_are_field_errors() {
        let kpis = ProbationForm {
            part: "kpis".into(),
            month: "1".into(),
            nps: "много".into(),
            ..Default::default()
        };
        assert_eq!(kpis.update().unwrap_err()[0].field, "nps");
        let decision = ProbationForm {
            part: "milestone".into(),
            code: "probation_result".into(),
            result: "extended".into(),
            extended_to: "в марте".into(),
            ..Default::default()
        };
        assert_eq!(decision.update().unwrap_err()[0].field, "extended_to");
    }
}
