//! The forms that follow an agreed plan: the evaluation (an outcome per result, the score
//! again, and the decision how to go on) and the decision on a beschikking.

use chrono::NaiveDate;

use crate::domain::Code;
use crate::domain::dates::{Toward, dutch_date, parse_date};
use crate::domain::plan::{
    Decision, DecisionRecord, Evaluation, EvaluationDecision, ResultEvaluation, ResultOutcome,
};

use super::super::text::{self, capitalized};
use super::{
    PlanForm, PlanFormKind, Refused, choice_of, chosen, field, score_choice, score_chosen, words,
};

pub(super) const E_DATE: usize = 0;

/// The labels of an evaluation's rows per result, by number (a case has at most ten
/// leefgebieden).
const OUTCOME_LABELS: [&str; 10] = [
    "Uitkomst 1",
    "Uitkomst 2",
    "Uitkomst 3",
    "Uitkomst 4",
    "Uitkomst 5",
    "Uitkomst 6",
    "Uitkomst 7",
    "Uitkomst 8",
    "Uitkomst 9",
    "Uitkomst 10",
];
const SCORE_LABELS: [&str; 10] = [
    "  score 1",
    "  score 2",
    "  score 3",
    "  score 4",
    "  score 5",
    "  score 6",
    "  score 7",
    "  score 8",
    "  score 9",
    "  score 10",
];

pub(super) const D_VERDICT: usize = 0;
pub(super) const D_DATE: usize = 1;
pub(super) const D_REFERENCE: usize = 2;

impl PlanForm {
    /// An evaluation of the agreed version: an outcome per result, its score again where it
    /// was scored, and the decision. `names` are the results' leefgebieden as the screen
    /// names them.
    pub fn evaluation(today: NaiveDate, results: &[(String, bool)], names: &[&str]) -> PlanForm {
        let mut fields = vec![field(text::LABEL_DATE, 40, &dutch_date(today))];
        for (i, (_, scored)) in results.iter().enumerate().take(OUTCOME_LABELS.len()) {
            fields.push(choice_of(OUTCOME_LABELS[i], ResultOutcome::code, None));
            if *scored {
                fields.push(score_choice(SCORE_LABELS[i], None));
            }
        }
        fields.extend([
            words(
                text::LABEL_DECISION,
                &text::EVALUATION_DECISIONS,
                text::PICK,
            ),
            field(text::LABEL_NEXT, 40, ""),
            field(text::LABEL_WHY, 300, ""),
        ]);
        let mut form = PlanForm::new(PlanFormKind::Evaluation, fields);
        form.results = results.iter().take(OUTCOME_LABELS.len()).cloned().collect();
        form.about = names
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{} = {name}", i + 1))
            .collect::<Vec<_>>()
            .join(", ");
        form
    }

    /// The evaluation typed, or why it cannot be.
    pub fn to_evaluation(&self, today: NaiveDate) -> Result<Evaluation, Refused> {
        let value = |i: usize| self.form.value(i).trim().to_string();
        let mut at = E_DATE + 1;
        let mut results = Vec::new();
        for (leefgebied, scored) in &self.results {
            let outcome = chosen(&self.form.fields[at])
                .ok_or_else(|| (text::CHOOSE_OUTCOME.to_string(), at))?;
            let score = if *scored {
                at += 1;
                score_chosen(&self.form.fields[at])
            } else {
                None
            };
            results.push(ResultEvaluation {
                leefgebied: leefgebied.clone(),
                outcome,
                score,
            });
            at += 1;
        }
        let (next, why) = (at + 1, at + 2);
        // In the order of text::EVALUATION_DECISIONS.
        let decision = match self.form.fields[at].chosen() {
            Some(0) => EvaluationDecision::Doorgaan {
                next_evaluation: parse_date(self.form.value(next), today, Toward::Future)
                    .map_err(|e| (capitalized(&e.to_string()), next))?,
            },
            Some(1) => EvaluationDecision::Bijstellen,
            Some(2) => EvaluationDecision::Opschalen { reason: value(why) },
            Some(_) => EvaluationDecision::Afsluiten {
                outcome: value(why),
            },
            None => return Err((text::CHOOSE_DECISION.to_string(), at)),
        };
        Ok(Evaluation {
            held_on: self.date(E_DATE, today)?,
            results,
            decision,
        })
    }

    /// The decision on beschikking task `task` for `voorziening`.
    pub fn decision(today: NaiveDate, task: i64, voorziening: &str) -> PlanForm {
        let mut form = PlanForm::new(
            PlanFormKind::Decision { task },
            vec![
                choice_of(text::LABEL_VERDICT, Decision::code, None),
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                field(text::LABEL_REFERENCE, 60, ""),
            ],
        );
        form.about = voorziening.to_string();
        form
    }

    /// The decision typed, or why it cannot be; the store checks the date and the kenmerk.
    pub fn to_decision(&self, today: NaiveDate) -> Result<DecisionRecord, Refused> {
        let decision = chosen(&self.form.fields[D_VERDICT])
            .ok_or_else(|| (text::CHOOSE_VERDICT.to_string(), D_VERDICT))?;
        Ok(DecisionRecord {
            decision,
            on: self.date(D_DATE, today)?,
            reference: self.form.value(D_REFERENCE).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{right, today, typed};
    use super::*;

    #[test]
    fn an_evaluation_reads_outcomes_scores_and_the_decision() {
        let results = [
            ("wonen".to_string(), true),
            ("geldzaken-schulden".to_string(), false),
        ];
        let mut form = PlanForm::evaluation(today(), &results, &["Wonen", "Geldzaken"]);
        assert!(
            form.intro("←/→")
                .starts_with("1 = Wonen, 2 = Geldzaken. Kies met ←/→")
        );
        assert_eq!(
            form.to_evaluation(today()).unwrap_err(),
            (text::CHOOSE_OUTCOME.to_string(), 1),
            "the outcome starts on kies…"
        );
        right(&mut form, 1, 1);
        assert_eq!(form.form.value(1), "behaald");
        assert_eq!(form.form.value(2), text::NO_SCORE);
        right(&mut form, 2, 4);
        assert_eq!(form.form.value(2), "4 voldoende zelfredzaam");
        right(&mut form, 3, 2);
        assert_eq!(
            form.to_evaluation(today()).unwrap_err(),
            (text::CHOOSE_DECISION.to_string(), 4)
        );
        right(&mut form, 4, 1);
        assert_eq!(form.to_evaluation(today()).unwrap_err().1, 5);
        typed(&mut form, 5, "1-3-2027");
        let evaluation = form.to_evaluation(today()).unwrap();
        assert_eq!(evaluation.results[0].outcome, ResultOutcome::Behaald);
        assert_eq!(evaluation.results[0].score.map(|s| s.score()), Some(4));
        assert_eq!(evaluation.results[1].outcome, ResultOutcome::Deels);
        assert_eq!(evaluation.results[1].score, None);
        assert!(matches!(
            evaluation.decision,
            EvaluationDecision::Doorgaan { .. }
        ));
        // ← from doorgaan goes round to afsluiten.
        form.form.focus = 4;
        form.form
            .handle(super::super::super::action::Action::CursorLeft);
        assert_eq!(form.form.value(4), "afsluiten");
        typed(&mut form, 6, "Alles loopt");
        assert!(matches!(
            form.to_evaluation(today()).unwrap().decision,
            EvaluationDecision::Afsluiten { .. }
        ));
    }

    #[test]
    fn a_decision_is_toegekend_or_afgewezen_with_its_date() {
        let mut form = PlanForm::decision(today(), 7, "Traplift");
        assert_eq!(form.form.value(D_VERDICT), text::PICK);
        assert_eq!(
            form.to_decision(today()).unwrap_err(),
            (text::CHOOSE_VERDICT.to_string(), D_VERDICT)
        );
        right(&mut form, D_VERDICT, 2);
        typed(&mut form, D_REFERENCE, " WMO-2026-0042 ");
        let decision = form.to_decision(today()).unwrap();
        assert_eq!(decision.decision, Decision::Afgewezen);
        assert_eq!(decision.on, today());
        assert_eq!(decision.reference, "WMO-2026-0042");
        assert!(form.intro("←/→").contains("Traplift"));
        assert!(form.intro("←/→").contains("(kies met ←/→)"));
    }
}
