//! The warme overdracht per arrangement line of the agreed plan: recorded by the regisseur,
//! recorded again when the resident has started (or stopped), read with the plan.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::super::act::Act;
use super::super::columns::{parse_time, timestamp, tuples};
use super::super::{Store, StoreError};
use super::read::from_json;
use super::{PlanError, code, json, today};
use crate::domain::account::User;
use crate::domain::plan::{Handover, PlanProblem, awaiting_handover};
use crate::safe_text::typed;

/// A line's warme overdracht as recorded, and who changed it last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverRecord {
    /// The arrangement line it is for.
    pub line: u32,
    pub handover: Handover,
    pub made_by: String,
    pub made_at: DateTime<Utc>,
    pub changed_by: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The regisseur records the warme overdracht of line `line_id` of the agreed version, or
    /// changes it (whether the resident has started). Returns whether one was recorded before.
    pub fn record_handover(
        &mut self,
        plan_id: i64,
        line_id: u32,
        handover: &Handover,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, PlanError> {
        let act = Act::on_plan(by, "overdracht vastleggen", plan_id, origin, now);
        let record = |s: &Self| {
            s.open_plan_for(plan_id, by, now)?;
            let (_, agreed) = s.agreed_version(plan_id)?.ok_or(PlanProblem::NoAkkoord)?;
            let line = agreed
                .arrangement
                .iter()
                .find(|l| l.id == line_id)
                .ok_or(PlanProblem::UnknownLine(line_id))?;
            handover.check(line, today(now))?;
            let stored = Handover {
                to: typed(handover.to.trim()).into_owned(),
                goal: typed(handover.goal.trim()).into_owned(),
                ..handover.clone()
            };
            let before = s.handed_over(plan_id)?.contains(&line_id);
            s.conn
                .prepare_cached(
                    "INSERT INTO plan_handovers (plan_id, line_id, handover, made_by, made_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (plan_id, line_id) DO UPDATE
                        SET handover = excluded.handover, changed_by = excluded.made_by,
                            changed_at = excluded.made_at",
                )?
                .execute(params![
                    plan_id,
                    line_id,
                    json(&stored),
                    by.id,
                    timestamp(now)
                ])?;
            Ok(before)
        };
        let started = code(handover.started);
        self.audited_act(act, record, |_| {
            format!("gelukt: regel {line_id}, gestart {started}")
        })
    }

    /// The lines of plan `plan_id` with a warme overdracht recorded.
    fn handed_over(&self, plan_id: i64) -> Result<Vec<u32>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT line_id FROM plan_handovers WHERE plan_id = ?1")?
            .query_map([plan_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// The from-dates of the agreed lines of plan `plan_id` still waiting for their warme
    /// overdracht (`domain::plan::awaiting_handover`); none without akkoord.
    pub(super) fn awaiting_handover(
        &self,
        plan_id: i64,
    ) -> Result<Vec<chrono::NaiveDate>, StoreError> {
        let Some((_, agreed)) = self.agreed_version(plan_id)? else {
            return Ok(Vec::new());
        };
        let granted: Vec<u32> = self
            .conn
            .prepare_cached(
                "SELECT line_id FROM plan_tasks
                  WHERE plan_id = ?1 AND line_id IS NOT NULL AND decision = 'toegekend'",
            )?
            .query_map([plan_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(awaiting_handover(
            &agreed,
            &self.handed_over(plan_id)?,
            &granted,
        ))
    }

    /// Every warme overdracht of plan `plan_id`, by line.
    pub(super) fn handovers(&self, plan_id: i64) -> Result<Vec<HandoverRecord>, StoreError> {
        type Row = (i64, u32, String, i64, String, Option<i64>, Option<String>);
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT id, line_id, handover, made_by, made_at, changed_by, changed_at
               FROM plan_handovers WHERE plan_id = ?1 ORDER BY line_id",
            [plan_id],
        )?;
        let table = "plan_handovers";
        rows.into_iter()
            .map(
                |(id, line, handover, made_by, made_at, changed_by, changed_at)| {
                    Ok(HandoverRecord {
                        line,
                        handover: from_json(&handover, table, id)?,
                        made_by: self.person(made_by)?.name,
                        made_at: parse_time(&made_at, table, id)?,
                        changed_by: changed_by
                            .map(|by| self.person(by).map(|p| p.name))
                            .transpose()?,
                        changed_at: changed_at.map(|t| parse_time(&t, table, id)).transpose()?,
                    })
                },
            )
            .collect()
    }
}
