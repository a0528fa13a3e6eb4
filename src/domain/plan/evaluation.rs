//! The evaluation on the plan's evaluation date. Seed 003 §3.5: the casemanager "komt in actie
//! bij dreigende stagnatie of wanneer wijzigingen nodig zijn. Bij wijzigingen en keuzes wordt
//! de inwoner steeds betrokken". Each result is reviewed, the zelfredzaamheid scored again
//! where it was scored at the start, and the regisseur decides: go on, adjust (a new version),
//! escalate to the Expertiseteam (seed 002: "dan schaalt de regisseur op naar het
//! expertiseteam"), or close with the outcome.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::content::PlanContent;
use super::gesprek::check_note;
use super::score::Zelfredzaamheid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum ResultOutcome {
    Behaald,
    Deels,
    Niet,
    /// The result itself was changed.
    Bijgesteld,
}

impl crate::domain::Code for ResultOutcome {}

impl ResultOutcome {
    pub fn name(self) -> &'static str {
        match self {
            ResultOutcome::Behaald => "behaald",
            ResultOutcome::Deels => "deels behaald",
            ResultOutcome::Niet => "niet behaald",
            ResultOutcome::Bijgesteld => "bijgesteld",
        }
    }
}

/// How one result of the plan turned out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultEvaluation {
    pub leefgebied: String,
    pub outcome: ResultOutcome,
    pub score: Option<Zelfredzaamheid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "besluit", rename_all = "kebab-case")]
pub enum EvaluationDecision {
    /// Go on as agreed, until the next evaluation.
    Doorgaan { next_evaluation: NaiveDate },
    /// Adjust the plan: the regisseur makes a new version, which needs akkoord again.
    Bijstellen,
    /// Ask the Expertiseteam in; the regisseur stays.
    Opschalen { reason: String },
    /// Close the plan, and with it the household's lopend traject.
    Afsluiten { outcome: String },
}

impl EvaluationDecision {
    pub fn name(&self) -> &'static str {
        match self {
            EvaluationDecision::Doorgaan { .. } => "doorgaan",
            EvaluationDecision::Bijstellen => "bijstellen",
            EvaluationDecision::Opschalen { .. } => "opschalen naar het Expertiseteam",
            EvaluationDecision::Afsluiten { .. } => "afsluiten",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub held_on: NaiveDate,
    pub results: Vec<ResultEvaluation>,
    pub decision: EvaluationDecision,
}

impl Evaluation {
    /// Whether it evaluates `plan` (the agreed version) as the rules ask, on `today`.
    pub fn check(&self, plan: &PlanContent, today: NaiveDate) -> Result<(), PlanProblem> {
        if self.held_on > today {
            return Err(PlanProblem::InTheFuture {
                what: "De datum van de evaluatie",
            });
        }
        for result in &plan.results {
            let count = self
                .results
                .iter()
                .filter(|r| r.leefgebied == result.leefgebied)
                .count();
            if count != 1 {
                return Err(PlanProblem::ResultNotEvaluated(result.leefgebied.clone()));
            }
        }
        for evaluated in &self.results {
            let start = plan
                .results
                .iter()
                .find(|r| r.leefgebied == evaluated.leefgebied)
                .ok_or_else(|| PlanProblem::NotACaseLeefgebied(evaluated.leefgebied.clone()))?;
            if evaluated.score.is_some() && start.score.is_none() {
                return Err(PlanProblem::ScoreWithoutStart(evaluated.leefgebied.clone()));
            }
        }
        match &self.decision {
            EvaluationDecision::Doorgaan { next_evaluation }
                if *next_evaluation <= self.held_on =>
            {
                Err(PlanProblem::EvaluationTooEarly(self.held_on))
            }
            EvaluationDecision::Opschalen { reason } if reason.trim().is_empty() => Err(
                PlanProblem::Missing("Geef de reden om op te schalen naar het Expertiseteam"),
            ),
            EvaluationDecision::Afsluiten { outcome } if outcome.trim().is_empty() => {
                Err(PlanProblem::Missing("Beschrijf de uitkomst van het plan"))
            }
            EvaluationDecision::Opschalen { reason: text }
            | EvaluationDecision::Afsluiten { outcome: text } => check_note(text),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::content::tests::{day, plan};

    fn evaluation(decision: EvaluationDecision) -> Evaluation {
        Evaluation {
            held_on: day(4, 1),
            results: vec![
                ResultEvaluation {
                    leefgebied: "wonen".into(),
                    outcome: ResultOutcome::Behaald,
                    score: Some(Zelfredzaamheid::VoldoendeZelfredzaam),
                },
                ResultEvaluation {
                    leefgebied: "geldzaken-schulden".into(),
                    outcome: ResultOutcome::Deels,
                    score: None,
                },
            ],
            decision,
        }
    }

    #[test]
    fn every_result_is_evaluated_once_and_scored_again_where_it_was() {
        let close = EvaluationDecision::Afsluiten {
            outcome: "Woont zelfstandig, post op orde".into(),
        };
        assert_eq!(evaluation(close.clone()).check(&plan(), day(4, 1)), Ok(()));
        let mut e = evaluation(close.clone());
        e.results.pop();
        assert_eq!(
            e.check(&plan(), day(4, 1)),
            Err(PlanProblem::ResultNotEvaluated("geldzaken-schulden".into()))
        );
        let mut e = evaluation(close);
        e.results[1].score = Some(Zelfredzaamheid::VolledigZelfredzaam);
        assert_eq!(
            e.check(&plan(), day(4, 1)),
            Err(PlanProblem::ScoreWithoutStart("geldzaken-schulden".into()))
        );
    }

    #[test]
    fn each_decision_has_what_it_needs() {
        let check = |d| evaluation(d).check(&plan(), day(4, 1));
        assert!(
            check(EvaluationDecision::Doorgaan {
                next_evaluation: day(4, 1)
            })
            .is_err()
        );
        assert_eq!(
            check(EvaluationDecision::Doorgaan {
                next_evaluation: day(7, 1)
            }),
            Ok(())
        );
        assert!(check(EvaluationDecision::Opschalen { reason: " ".into() }).is_err());
        assert_eq!(
            check(EvaluationDecision::Opschalen {
                reason: "veel geprobeerd".into()
            }),
            Ok(())
        );
        assert!(
            check(EvaluationDecision::Afsluiten {
                outcome: String::new()
            })
            .is_err()
        );
        assert_eq!(check(EvaluationDecision::Bijstellen), Ok(()));
    }
}
