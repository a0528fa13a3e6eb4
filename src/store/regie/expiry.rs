//! A case goes when the household's data goes: with an erasure, once retention has anonymised
//! the household's last intake, and once the case has been closed, with every item of it, for
//! as long as a closed intake is kept (`afgesloten_maanden`).
//!
//! Its rows are removed, not anonymised as an intake is: no report counts cases, so nothing
//! has to stay for the figures, and a case row kept would tie the anonymised queue items (by
//! `case_id`) back to the household. Removed with it: its gesprekken and plan (every version,
//! task and evaluation), the regie offers and hand-ons with their reasons, the reasons given
//! for an opschaling, and, for the open case, the regisseur and the colleagues reading along. The audit rows about them stay for their own term; they hold ids
//! and fixed words only.

use rusqlite::OptionalExtension;

use super::super::plan::HOLDS_PLAN_DATA;
use super::super::{Store, StoreError};

impl Store {
    /// The cases retention removes at `cutoff` (the moment a closed intake's term began): those
    /// of a household with no intake left, and those closed before `cutoff` whose items all
    /// were too, their last history row included (as for an intake). A case that still holds a
    /// plan or a gesprek stays until the plan's own term has passed (`plan::expiry`).
    pub(in crate::store) fn expired_cases(&self, cutoff: &str) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT c.id FROM cases c
                  WHERE NOT {HOLDS_PLAN_DATA}
                    AND (NOT EXISTS (SELECT 1 FROM intakes i WHERE i.household_id = c.household_id)
                     OR (c.closed_at < ?1 AND NOT EXISTS (
                            SELECT 1 FROM queue_items q WHERE q.case_id = c.id
                               AND (q.state <> 'afgerond'
                                    OR coalesce((SELECT max(h.at) FROM queue_history h
                                                  WHERE h.item_id = q.id), q.created_at) >= ?1))))
                  ORDER BY c.id"
            ))?
            .query_map([cutoff], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Removes every case of the household (an erasure); returns how many there were.
    pub(in crate::store) fn remove_cases_of(&self, household_id: i64) -> Result<u64, StoreError> {
        let cases: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM cases WHERE household_id = ?1")?
            .query_map([household_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for &case in &cases {
            self.remove_case(case)?;
        }
        Ok(cases.len() as u64)
    }

    /// Removes case `case_id` as the module says, inside the caller's transaction. Its queue
    /// items stay (their intakes decide when they go), without the link to the case.
    pub(in crate::store) fn remove_case(&self, case_id: i64) -> Result<(), StoreError> {
        let Some((household_id, open)): Option<(i64, bool)> = self
            .conn
            .prepare_cached("SELECT household_id, closed_at IS NULL FROM cases WHERE id = ?1")?
            .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        else {
            return Ok(());
        };
        self.conn
            .prepare_cached(
                "UPDATE queue_history SET note = ''
                  WHERE action = 'opgeschaald' AND note <> ''
                    AND item_id IN (SELECT id FROM queue_items WHERE case_id = ?1)",
            )?
            .execute([case_id])?;
        self.remove_plan_data(case_id)?;
        for sql in [
            "UPDATE queue_items SET case_id = NULL WHERE case_id = ?1",
            "DELETE FROM regie_handovers WHERE case_id = ?1",
            "DELETE FROM cases WHERE id = ?1",
        ] {
            self.conn.prepare_cached(sql)?.execute([case_id])?;
        }
        if open {
            self.clear_regie(household_id)?;
        }
        Ok(())
    }
}
