//! Plans and gesprekken go with their case (an erasure, `regie::expiry`) and, after the case
//! closed, once the plan's own term has passed (`plan_maanden`, counted from closing: closing
//! the plan closes the case). A case that still holds them is kept until then, so the
//! household's lopend traject never loses its plan to an earlier term.

use super::super::{Store, StoreError};

/// Every table of a case's plan data, children first.
const REMOVE_PLAN_DATA: [&str; 6] = [
    "DELETE FROM plan_handovers WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ?1)",
    "DELETE FROM plan_evaluations WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ?1)",
    "DELETE FROM plan_tasks WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ?1)",
    "DELETE FROM plan_versions WHERE plan_id IN (SELECT id FROM plans WHERE case_id = ?1)",
    "DELETE FROM plans WHERE case_id = ?1",
    "DELETE FROM gesprekken WHERE case_id = ?1",
];

/// Whether case `c` still holds a plan or a gesprek; for the case expiry's query.
pub(in crate::store) const HOLDS_PLAN_DATA: &str =
    "(EXISTS (SELECT 1 FROM plans p WHERE p.case_id = c.id)
      OR EXISTS (SELECT 1 FROM gesprekken g WHERE g.case_id = c.id))";

impl Store {
    /// Removes the plan and gesprekken of case `case_id` inside the caller's transaction;
    /// returns how many plans went.
    pub(in crate::store) fn remove_plan_data(&self, case_id: i64) -> Result<u64, StoreError> {
        let plans: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM plans WHERE case_id = ?1")?
            .query_row([case_id], |r| r.get(0))?;
        for sql in REMOVE_PLAN_DATA {
            self.conn.prepare_cached(sql)?.execute([case_id])?;
        }
        Ok(plans as u64)
    }

    /// Removes the plan data of every case closed before `cutoff` (the moment the plan term
    /// began); returns how many plans went.
    pub(in crate::store) fn expire_plans(&self, cutoff: &str) -> Result<u64, StoreError> {
        let cases: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT c.id FROM cases c WHERE c.closed_at < ?1 AND {HOLDS_PLAN_DATA}"
            ))?
            .query_map([cutoff], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut plans = 0;
        for case in cases {
            plans += self.remove_plan_data(case)?;
        }
        Ok(plans)
    }
}
