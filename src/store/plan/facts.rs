//! The anonymous facts about plans that the report counts (issue 18): how many plans started
//! and closed, the answers to their versions, the arrangement per laag, the outcomes of the
//! evaluations per leefgebied, evaluations overdue, escalations and beschikkingen. Every query
//! groups and counts in SQL; only counts, codes and day spans leave this module, never a name,
//! a household, a plan id or what anyone typed.
//!
//! A plan event belongs to the period in which it was recorded (`created_at`, `answered_at`,
//! `made_at`, `closed_at`), as the intakes and queue items do: a month once over keeps its
//! figures, whatever date a late recording carries.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::super::columns::{parse_time, timestamp, tuples};
use super::super::regie::ESCALATED;
use super::super::report::count_at;
use super::super::{Store, StoreError};
use super::read::from_json;
use super::{parse_code, today};
use crate::domain::plan::{Answer, Decision, ResultOutcome, TaskKind};

/// The plans of a period, as plain counts. The arrangement counts the lines of each plan's
/// version as last agreed in the period: what was agreed is the decision a regisseur and a
/// resident took then, so it measures gekanteld werken in that month the way the advice per
/// laag does at the desk. A plan that runs for a year therefore weighs on the month of its
/// akkoord (and of a new akkoord after bijstellen), not on every month it is active, and a plan
/// agreed twice in one period counts once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PlanReportFacts {
    /// Plans made in the period.
    pub started: u64,
    /// Plans closed in the period.
    pub closed: u64,
    /// Versions answered in the period with akkoord.
    pub akkoord: u64,
    /// Versions answered in the period without akkoord.
    pub geen_akkoord: u64,
    /// Per plan whose first akkoord was recorded in the period: calendar days from the first
    /// intake of its case (the case's opening where that intake is gone) to the akkoord's date.
    pub days_to_akkoord: Vec<i64>,
    /// Arrangement lines per laag code (`None`: a line without one) of the versions agreed.
    pub lines_per_laag: Vec<(Option<String>, u64)>,
    /// Results evaluated in the period: leefgebied code, outcome, how many.
    pub outcomes: Vec<(String, ResultOutcome, u64)>,
    /// Plans open at the end of the period (or now, if that is earlier) whose evaluation date
    /// in force then had passed.
    pub evaluations_overdue: u64,
    /// Escalations to the Expertiseteam decided at an evaluation.
    pub escalated_at_evaluation: u64,
    /// Escalations by a regisseur outside an evaluation (from the regie, with or without plan).
    pub escalated_otherwise: u64,
    /// Beschikking tasks made in the period, by kind and decision as it stands now.
    pub tasks: Vec<(TaskKind, Option<Decision>, u64)>,
}

/// The evaluations whose decision was to escalate (`EvaluationDecision::Opschalen`, as serde
/// tags it).
const ESCALATING: &str = "json_extract(e.evaluation, '$.decision.besluit') = 'opschalen'";

/// The evaluation date of every plan open at ?1, as it stood then: the one set last, by a
/// version (made or corrected) or by an evaluation that went on ("doorgaan"); the store sets
/// `plans.evaluation_on` the same way, which only tells today's.
const DUE_AT_MOMENT: &str = "
    WITH open_plans AS (
        SELECT id FROM plans
         WHERE created_at < ?1 AND (closed_at IS NULL OR closed_at >= ?1)
    ), settings AS (
        SELECT v.plan_id, v.made_at AS at,
               json_extract(v.content, '$.follow_up.evaluation_on') AS due
          FROM plan_versions v JOIN open_plans o ON o.id = v.plan_id
         WHERE v.made_at < ?1
        UNION ALL
        SELECT e.plan_id, e.made_at,
               json_extract(e.evaluation, '$.decision.next_evaluation')
          FROM plan_evaluations e JOIN open_plans o ON o.id = e.plan_id
         WHERE e.made_at < ?1 AND json_extract(e.evaluation, '$.decision.besluit') = 'doorgaan'
    ), latest AS (
        SELECT due, row_number() OVER (PARTITION BY plan_id ORDER BY at DESC) AS n
          FROM settings
    )
    SELECT count(*) FROM latest WHERE n = 1 AND due < ?2";

impl Store {
    /// The plan facts of `[from, to)`; the evaluations overdue as they stood at `to`, or at
    /// `now` for a period not yet over.
    pub(crate) fn report_plan_facts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<PlanReportFacts, StoreError> {
        let (a, b) = (timestamp(from), timestamp(to));
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params![a, b], |r| count_at(r, 0))?)
        };
        let moment = to.min(now);
        let overdue = self
            .conn
            .prepare_cached(DUE_AT_MOMENT)?
            .query_row(params![timestamp(moment), today(moment).to_string()], |r| {
                count_at(r, 0)
            })?;
        let answers: Vec<(String, i64)> = tuples(
            &self.conn,
            "SELECT state, count(*) FROM plan_versions
              WHERE answered_at >= ?1 AND answered_at < ?2 GROUP BY state",
            params![a, b],
        )?;
        let answered = |state: &str| {
            answers
                .iter()
                .filter(|(s, _)| s == state)
                .map(|(_, n)| n.unsigned_abs())
                .sum()
        };
        Ok(PlanReportFacts {
            started: count(
                "SELECT count(*) FROM plans WHERE created_at >= ?1 AND created_at < ?2",
            )?,
            closed: count("SELECT count(*) FROM plans WHERE closed_at >= ?1 AND closed_at < ?2")?,
            akkoord: answered("akkoord"),
            geen_akkoord: answered("geen-akkoord"),
            days_to_akkoord: self.days_to_akkoord(&a, &b)?,
            lines_per_laag: self.lines_per_laag(&a, &b)?,
            outcomes: self.outcomes(&a, &b)?,
            evaluations_overdue: overdue,
            escalated_at_evaluation: count(&format!(
                "SELECT count(*) FROM plan_evaluations e
                  WHERE e.made_at >= ?1 AND e.made_at < ?2 AND {ESCALATING}"
            ))?,
            escalated_otherwise: self.escalated_otherwise(&a, &b)?,
            tasks: self.task_facts(&a, &b)?,
        })
    }

    fn days_to_akkoord(&self, from: &str, to: &str) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64, String, String)> = tuples(
            &self.conn,
            "SELECT v.id, v.answer,
                    coalesce((SELECT min(i.created_at) FROM queue_items q
                                JOIN intakes i ON i.id = q.intake_id
                               WHERE q.case_id = p.case_id), c.opened_at)
               FROM plan_versions v JOIN plans p ON p.id = v.plan_id
               JOIN cases c ON c.id = p.case_id
              WHERE v.state = 'akkoord' AND v.answered_at >= ?1 AND v.answered_at < ?2
                AND NOT EXISTS (SELECT 1 FROM plan_versions w
                                 WHERE w.plan_id = v.plan_id AND w.state = 'akkoord'
                                   AND w.number < v.number)",
            params![from, to],
        )?;
        rows.into_iter()
            .map(|(id, answer, first)| {
                let first = parse_time(&first, "intakes", id)?;
                let on = match from_json(&answer, "plan_versions", id)? {
                    Answer::Akkoord { on, .. } | Answer::GeenAkkoord { on, .. } => on,
                };
                Ok((on - today(first)).num_days().max(0))
            })
            .collect()
    }

    fn lines_per_laag(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(Option<String>, u64)>, StoreError> {
        let rows: Vec<(Option<String>, i64)> = tuples(
            &self.conn,
            "SELECT json_extract(l.value, '$.laag'), count(*)
               FROM plan_versions v, json_each(v.content, '$.arrangement') l
              WHERE v.state = 'akkoord' AND v.answered_at >= ?1 AND v.answered_at < ?2
                AND NOT EXISTS (SELECT 1 FROM plan_versions w
                                 WHERE w.plan_id = v.plan_id AND w.state = 'akkoord'
                                   AND w.answered_at >= ?1 AND w.answered_at < ?2
                                   AND w.number > v.number)
              GROUP BY 1",
            params![from, to],
        )?;
        Ok(rows
            .into_iter()
            .map(|(laag, n)| (laag, n.unsigned_abs()))
            .collect())
    }

    fn outcomes(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, ResultOutcome, u64)>, StoreError> {
        let rows: Vec<(String, String, i64)> = tuples(
            &self.conn,
            "SELECT coalesce(json_extract(r.value, '$.leefgebied'), ''),
                    coalesce(json_extract(r.value, '$.outcome'), ''), count(*)
               FROM plan_evaluations e, json_each(e.evaluation, '$.results') r
              WHERE e.made_at >= ?1 AND e.made_at < ?2
              GROUP BY 1, 2",
            params![from, to],
        )?;
        rows.into_iter()
            .map(|(leefgebied, outcome, n)| {
                let outcome = parse_code(&outcome, "plan_evaluations", 0)?;
                Ok((leefgebied, outcome, n.unsigned_abs()))
            })
            .collect()
    }

    /// The escalations in the queue's history that no evaluation of the case's plan decided at
    /// the same moment (an evaluation's "opschalen" escalates through the regie as well). An
    /// escalation makes its queue item at that moment, so the items of the period are searched
    /// (their history by its index), not the whole history.
    fn escalated_otherwise(&self, from: &str, to: &str) -> Result<u64, StoreError> {
        let sql = format!(
            "SELECT count(*) FROM queue_items q
              WHERE q.created_at >= ?1 AND q.created_at < ?2
                AND EXISTS (SELECT 1 FROM queue_history h
                             WHERE h.item_id = q.id AND h.action = ?3)
                AND NOT EXISTS (SELECT 1 FROM plan_evaluations e JOIN plans p ON p.id = e.plan_id
                                 WHERE p.case_id = q.case_id AND e.made_at = q.created_at
                                   AND {ESCALATING})"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![from, to, ESCALATED], |r| count_at(r, 0))?)
    }

    fn task_facts(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(TaskKind, Option<Decision>, u64)>, StoreError> {
        let rows: Vec<(String, Option<String>, i64)> = tuples(
            &self.conn,
            "SELECT kind, decision, count(*) FROM plan_tasks
              WHERE created_at >= ?1 AND created_at < ?2 GROUP BY 1, 2",
            params![from, to],
        )?;
        rows.into_iter()
            .map(|(kind, decision, n)| {
                Ok((
                    parse_code(&kind, "plan_tasks", 0)?,
                    decision
                        .map(|d| parse_code(&d, "plan_tasks", 0))
                        .transpose()?,
                    n.unsigned_abs(),
                ))
            })
            .collect()
    }
}
