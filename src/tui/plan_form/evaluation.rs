//! The forms that follow an agreed plan: the evaluation (an outcome per result, the score
//! again, and the decision how to go on) and the decision on a beschikking.

use chrono::NaiveDate;

use crate::domain::dates::{Toward, dutch_date, parse_date};
use crate::domain::plan::{
    Decision, DecisionRecord, Evaluation, EvaluationDecision, ResultEvaluation, ResultOutcome,
};

use super::super::text::{self, capitalized};
use super::{PlanForm, PlanFormKind, Refused, field, one_of, typed_score};

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
            fields.push(field(OUTCOME_LABELS[i], 12, ""));
            if *scored {
                fields.push(field(SCORE_LABELS[i], 1, ""));
            }
        }
        fields.extend([
            field(text::LABEL_DECISION, 12, ""),
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
        let outcomes = [
            ("behaald", ResultOutcome::Behaald),
            ("deels", ResultOutcome::Deels),
            ("niet", ResultOutcome::Niet),
            ("bijgesteld", ResultOutcome::Bijgesteld),
        ];
        let mut at = E_DATE + 1;
        let mut results = Vec::new();
        for (leefgebied, scored) in &self.results {
            let outcome = one_of(&value(at), &outcomes)
                .ok_or_else(|| (text::CHOOSE_OUTCOME.to_string(), at))?;
            let score = if *scored {
                at += 1;
                typed_score(&value(at)).ok_or_else(|| (text::SCORE_RANGE.to_string(), at))?
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
        let decisions = ["doorgaan", "bijstellen", "opschalen", "afsluiten"];
        let decision = match one_of(&value(at), &decisions.map(|d| (d, d))) {
            Some("doorgaan") => EvaluationDecision::Doorgaan {
                next_evaluation: parse_date(self.form.value(next), today, Toward::Future)
                    .map_err(|e| (capitalized(&e.to_string()), next))?,
            },
            Some("bijstellen") => EvaluationDecision::Bijstellen,
            Some("opschalen") => EvaluationDecision::Opschalen { reason: value(why) },
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
                field(text::LABEL_VERDICT, 10, ""),
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                field(text::LABEL_REFERENCE, 60, ""),
            ],
        );
        form.about = voorziening.to_string();
        form
    }

    /// The decision typed, or why it cannot be; the store checks the date and the kenmerk.
    pub fn to_decision(&self, today: NaiveDate) -> Result<DecisionRecord, Refused> {
        let verdicts = [
            ("toegekend", Decision::Toegekend),
            ("afgewezen", Decision::Afgewezen),
        ];
        let decision = one_of(self.form.value(D_VERDICT), &verdicts)
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
    use super::super::tests::{today, typed};
    use super::*;

    #[test]
    fn an_evaluation_reads_outcomes_scores_and_the_decision() {
        let results = [
            ("wonen".to_string(), true),
            ("geldzaken-schulden".to_string(), false),
        ];
        let mut form = PlanForm::evaluation(today(), &results, &["Wonen", "Geldzaken"]);
        assert!(form.intro("").starts_with("1 = Wonen, 2 = Geldzaken"));
        assert_eq!(form.to_evaluation(today()).unwrap_err().1, 1);
        typed(&mut form, 1, "beh");
        typed(&mut form, 2, "4");
        typed(&mut form, 3, "deels");
        typed(&mut form, 4, "door");
        assert_eq!(form.to_evaluation(today()).unwrap_err().1, 5);
        typed(&mut form, 5, "1-3-2027");
        let evaluation = form.to_evaluation(today()).unwrap();
        assert_eq!(evaluation.results[0].outcome, ResultOutcome::Behaald);
        assert_eq!(evaluation.results[0].score.map(|s| s.score()), Some(4));
        assert_eq!(evaluation.results[1].score, None);
        assert!(matches!(
            evaluation.decision,
            EvaluationDecision::Doorgaan { .. }
        ));
        typed(&mut form, 4, "afsl");
        typed(&mut form, 6, "Alles loopt");
        assert!(matches!(
            form.to_evaluation(today()).unwrap().decision,
            EvaluationDecision::Afsluiten { .. }
        ));
    }

    #[test]
    fn a_decision_is_toegekend_or_afgewezen_with_its_date() {
        let mut form = PlanForm::decision(today(), 7, "Traplift");
        assert_eq!(form.to_decision(today()).unwrap_err().1, D_VERDICT);
        typed(&mut form, D_VERDICT, "afg");
        typed(&mut form, D_REFERENCE, " WMO-2026-0042 ");
        let decision = form.to_decision(today()).unwrap();
        assert_eq!(decision.decision, Decision::Afgewezen);
        assert_eq!(decision.on, today());
        assert_eq!(decision.reference, "WMO-2026-0042");
        assert!(form.intro("").contains("Traplift"));
    }
}
