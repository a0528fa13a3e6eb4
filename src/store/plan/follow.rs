//! Uitvoering, monitoring and evaluatie (seed 003 §3.5): the decision on a beschikking when it
//! comes back, the progress the regisseur records, and the evaluation with its decision —
//! going on, adjusting, escalating to the Expertiseteam, or closing the plan, which ends the
//! household's lopend traject.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::super::Store;
use super::super::act::Act;
use super::super::columns::timestamp;
use super::{PlanError, code, json, today};
use crate::domain::account::User;
use crate::domain::plan::{DecisionRecord, Evaluation, EvaluationDecision, PlanProblem};
use crate::domain::regie::Escalation;

/// Why a case closed with its plan, as the case records it.
const CLOSED_WITH_PLAN: &str = "plan van aanpak afgesloten";

/// What an evaluation did besides being recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluated {
    pub evaluation_id: i64,
    /// The Expertiseteam's new queue item, after "opschalen".
    pub escalated: Option<i64>,
    /// The plan and the household's case were closed ("afsluiten").
    pub closed: bool,
}

impl Store {
    /// The regisseur records the decision on a beschikking task: toegekend or afgewezen, the
    /// date and the reference. Once only.
    pub fn decide_task(
        &mut self,
        task_id: i64,
        decision: &DecisionRecord,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        let plan_id: Option<(i64, bool)> = self
            .conn
            .prepare_cached("SELECT plan_id, decision IS NOT NULL FROM plan_tasks WHERE id = ?1")?
            .query_row([task_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let object = plan_id.map_or(format!("plantaak:{task_id}"), |(p, _)| format!("plan:{p}"));
        let act = Act {
            by,
            action: "besluit vastleggen",
            object,
            origin,
            now,
        };
        let record = |s: &Self| {
            let (plan_id, decided) = plan_id.ok_or(PlanError::UnknownTask(task_id))?;
            s.open_plan_for(plan_id, by, now)?;
            if decided {
                return Err(PlanProblem::AlreadyDecided.into());
            }
            decision.check(today(now))?;
            s.conn
                .prepare_cached(
                    "UPDATE plan_tasks SET decision = ?2, decided_on = ?3, reference = ?4,
                        decided_by = ?5, decided_at = ?6 WHERE id = ?1",
                )?
                .execute(params![
                    task_id,
                    code(decision.decision),
                    decision.on.to_string(),
                    crate::safe_text::typed(decision.reference.trim()),
                    by.id,
                    timestamp(now)
                ])?;
            Ok(())
        };
        let result = format!("gelukt: taak {task_id} {}", code(decision.decision));
        self.audited_act(act, record, |_| result)
    }

    /// The regisseur checked how the plan is going on `on`: afspraken due until then no longer
    /// count as stagnation.
    pub fn record_progress(
        &mut self,
        plan_id: i64,
        on: NaiveDate,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        let act = Act::on_plan(by, "voortgang vastleggen", plan_id, origin, now);
        let record = |s: &Self| {
            s.open_plan_for(plan_id, by, now)?;
            if on > today(now) {
                return Err(PlanProblem::InTheFuture {
                    what: "De datum van de voortgang",
                }
                .into());
            }
            s.conn
                .prepare_cached(
                    "UPDATE plans SET progress_on = max(coalesce(progress_on, ''), ?2)
                      WHERE id = ?1",
                )?
                .execute(params![plan_id, on.to_string()])?;
            Ok(())
        };
        self.audited_act(act, record, |_| "gelukt".to_string())
    }

    /// The regisseur evaluates the agreed plan and decides. "Doorgaan" sets the next
    /// evaluation date; "bijstellen" is followed by a new version ([`Store::revise_plan`]);
    /// "opschalen" asks the Expertiseteam in (the regisseur stays); "afsluiten" closes the
    /// plan and the household's case.
    pub fn evaluate_plan(
        &mut self,
        plan_id: i64,
        evaluation: &Evaluation,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Evaluated, PlanError> {
        let act = Act::on_plan(by, "plan evalueren", plan_id, origin, now);
        let evaluate = |s: &Self| {
            let plan = s.open_plan_for(plan_id, by, now)?;
            let (version, agreed) = s.agreed_version(plan_id)?.ok_or(PlanProblem::NoAkkoord)?;
            evaluation.check(&agreed, today(now))?;
            s.conn
                .prepare_cached(
                    "INSERT INTO plan_evaluations (plan_id, version_id, held_on, evaluation,
                        made_by, made_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    plan_id,
                    version,
                    evaluation.held_on.to_string(),
                    json(evaluation),
                    by.id,
                    timestamp(now)
                ])?;
            let mut done = Evaluated {
                evaluation_id: s.conn.last_insert_rowid(),
                escalated: None,
                closed: false,
            };
            match &evaluation.decision {
                EvaluationDecision::Doorgaan { next_evaluation } => {
                    s.conn
                        .prepare_cached("UPDATE plans SET evaluation_on = ?2 WHERE id = ?1")?
                        .execute(params![plan_id, next_evaluation.to_string()])?;
                }
                EvaluationDecision::Bijstellen => {}
                EvaluationDecision::Opschalen { reason } => {
                    let escalation = Escalation {
                        reason: reason.clone(),
                    };
                    let item = s
                        .escalate_in(plan.household_id, &escalation, by, now)
                        .map_err(PlanError::Regie)?;
                    done.escalated = Some(item);
                }
                EvaluationDecision::Afsluiten { outcome } => {
                    let outcome = crate::safe_text::typed(outcome.trim()).into_owned();
                    s.conn
                        .prepare_cached(
                            "UPDATE plans SET closed_at = ?2, closed_by = ?3, outcome = ?4
                              WHERE id = ?1",
                        )?
                        .execute(params![plan_id, timestamp(now), by.id, outcome])?;
                    // The outcome stays with the plan, which has its own term.
                    s.end_case(plan.case_id, plan.household_id, CLOSED_WITH_PLAN, now)?;
                    done.closed = true;
                }
            }
            Ok(done)
        };
        let decision = evaluation.decision.name();
        self.audited_act(act, evaluate, |_| format!("gelukt: {decision}"))
    }
}
