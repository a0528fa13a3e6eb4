//! The form of a line's warme overdracht: aan wie, datum, what the resident wants to achieve
//! there, and whether the resident has started — chosen with ←/→, never typed. It opens with
//! what was recorded before, else with the store's proposal (`Handover::proposed`).

use chrono::NaiveDate;
use strum::VariantArray;

use crate::domain::dates::{Toward, dutch_date, parse_date};
use crate::domain::plan::{Handover, PlanProblem, Started};

use super::action::Action;
use super::form::{Form, TextField};
use super::plan_form::Refused;
use super::text::{self, capitalized};

const TO: usize = 0;
const DATE: usize = 1;
const GOAL: usize = 2;
const STARTED: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverForm {
    /// The arrangement line it is for.
    pub line: u32,
    pub form: Form,
    /// The line as the intro names it.
    about: String,
}

impl HandoverForm {
    /// The form for `line` (`about` names it), filled with `handover`.
    pub fn new(line: u32, about: String, handover: &Handover) -> HandoverForm {
        let fields = vec![
            TextField::with_value(text::LABEL_HANDOVER_TO, 120, &handover.to),
            TextField::with_value(text::LABEL_DATE, 40, &dutch_date(handover.on)),
            TextField::with_value(text::LABEL_HANDOVER_GOAL, 300, &handover.goal),
            TextField::choice(
                text::LABEL_STARTED,
                Started::VARIANTS
                    .iter()
                    .map(|s| s.name().to_string())
                    .collect(),
                handover.started.name(),
            ),
        ];
        HandoverForm {
            line,
            form: Form::new(fields),
            about,
        }
    }

    /// A key in the form: typing, or ←/→ on Gestart.
    pub fn handle(&mut self, action: Action) {
        if self.form.handle(action) {
            self.form.message = None;
        }
    }

    /// Whether the resident started, as chosen (a choice row always holds one of them).
    fn started(&self) -> Started {
        let chosen = self.form.fields[STARTED].chosen().unwrap_or(0);
        Started::VARIANTS[chosen]
    }

    /// The handover typed, or why it cannot be; the store checks the rest.
    pub fn to_handover(&self, today: NaiveDate) -> Result<Handover, Refused> {
        let on = parse_date(self.form.value(DATE), today, Toward::Past)
            .map_err(|e| (capitalized(&e.to_string()), DATE))?;
        Ok(Handover {
            to: self.form.value(TO).trim().to_string(),
            on,
            goal: self.form.value(GOAL).trim().to_string(),
            started: self.started(),
        })
    }

    /// The field a refusal of the store is about.
    pub fn field_of(&self, problem: &PlanProblem) -> usize {
        match problem {
            PlanProblem::InTheFuture { .. } => DATE,
            PlanProblem::Missing(_) if self.form.value(TO).trim().is_empty() => TO,
            PlanProblem::Missing(_) => GOAL,
            PlanProblem::SensitiveNumber(_) | PlanProblem::NoteTooLong => GOAL,
            _ => self.form.focus,
        }
    }

    /// What the form asks; `choose_keys` ("←/→") choose whether the resident started.
    pub fn intro(&self, choose_keys: &str) -> String {
        text::handover_intro(&self.about, choose_keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn form() -> HandoverForm {
        let proposed = Handover {
            to: "Ans de Vries (buurvrouw)".into(),
            on: today(),
            goal: "Ik kan in mijn huis blijven wonen".into(),
            started: Started::NogNiet,
        };
        HandoverForm::new(2, "Loopt de post door".into(), &proposed)
    }

    #[test]
    fn it_opens_with_the_proposal_and_gestart_is_chosen_not_typed() {
        let mut form = form();
        assert!(!form.form.changed());
        assert_eq!(
            form.to_handover(today()).unwrap().to,
            "Ans de Vries (buurvrouw)"
        );
        form.form.focus = STARTED;
        form.handle(Action::Insert('x'));
        assert_eq!(form.form.value(STARTED), "nog niet");
        form.handle(Action::CursorLeft);
        assert_eq!(form.form.value(STARTED), "nee, gestopt");
        form.handle(Action::CursorRight);
        form.handle(Action::CursorRight);
        assert_eq!(form.to_handover(today()).unwrap().started, Started::Ja);
        assert!(form.form.changed());
        form.handle(Action::PreviousField);
        assert_eq!(form.form.focus, GOAL);
    }

    #[test]
    fn a_bad_date_and_the_stores_refusals_land_on_their_field() {
        let mut form = form();
        form.form.focus = DATE;
        form.handle(Action::ClearField);
        "morgen?"
            .chars()
            .for_each(|c| form.handle(Action::Insert(c)));
        assert_eq!(form.to_handover(today()).unwrap_err().1, DATE);
        let missing = PlanProblem::Missing("x");
        assert_eq!(form.field_of(&missing), GOAL);
        form.form.focus = TO;
        form.handle(Action::ClearField);
        assert_eq!(form.field_of(&missing), TO);
    }
}
