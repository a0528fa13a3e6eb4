//! Warm handovers to a body outside the municipality (seed 003 Bijlage 1: "Verwijzingen naar
//! andere voorzieningen gebeuren 'warm'"): Veilig Thuis, the huisarts, 113 or a provider named
//! in `routing.toml`. The professional who holds the item records to whom, what was passed on
//! and when; the history names the body, the record keeps what was said. Removed with the
//! intake when that is anonymised (retention, erasure).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::super::access::actor;
use super::super::columns::{parse_time, timestamp, tuples};
use super::super::{Store, StoreError};
use super::{QueueError, refused};
use crate::domain::account::User;
use crate::domain::policy::{self, Permission, WorkRefusal};
use crate::domain::queue::QueueState;
use crate::domain::routing::table::external_handover;

/// The history action of a warm handover outside.
pub const HANDED_OVER_OUTSIDE: &str = "warm overgedragen";

/// A warm handover outside, as read back for the item view and the resident's copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRecord {
    /// The body's code and name as `routing.toml` had them at the time.
    pub target_code: String,
    pub target_name: String,
    pub passed_on: String,
    pub at: DateTime<Utc>,
    /// Who handed over: named on screen, by role in the resident's copy.
    pub user_id: i64,
    pub by: String,
}

impl Store {
    /// Records that `user` handed item `id`'s case warmly to the outside body `code`, having
    /// passed on `passed_on`: in one transaction with its history row and its audit row (ids
    /// and the body's code only). Only who holds the item, or a coördinator, records it.
    pub fn hand_over_outside(
        &mut self,
        id: i64,
        code: &str,
        passed_on: &str,
        user: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), QueueError> {
        if !policy::allows(user.role, Permission::WorkQueue) {
            return refused(WorkRefusal::Role.to_string());
        }
        let typed = crate::safe_text::typed(passed_on);
        let handover = external_handover(&self.reference.routing, code, &typed, now)
            .map_err(QueueError::Refused)?;
        let name = self
            .reference
            .routing
            .external_target(&handover.target)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let tx = self.begin_queue_write()?;
        let Some(current) = self.current(id)? else {
            return Err(QueueError::NotFound);
        };
        if current.state == QueueState::Afgerond {
            return refused("Dit item is al afgerond");
        }
        if current.claimed_by_id != Some(user.id)
            && !policy::allows(user.role, Permission::ReassignQueue)
        {
            return refused("Pak dit item eerst op");
        }
        let at = timestamp(now);
        self.conn
            .prepare_cached(
                "INSERT INTO external_handovers (intake_id, queue_item_id, target_code,
                    target_name, passed_on, at, user_id)
                 SELECT intake_id, id, ?2, ?3, ?4, ?5, ?6 FROM queue_items WHERE id = ?1",
            )?
            .execute(params![
                id,
                handover.target,
                name,
                handover.passed_on,
                at,
                user.id
            ])?;
        let note = format!("aan {name}");
        let state = current.state;
        self.append_history(id, &at, user.id, HANDED_OVER_OUTSIDE, state, state, &note)?;
        self.audit(
            &actor(user),
            "wachtrij warm overgedragen",
            &format!("queue:{id}"),
            &format!("gelukt: {}", handover.target),
            origin,
            now,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The warm handovers outside of intake `intake_id`, oldest first.
    pub(in crate::store) fn external_handovers(
        &self,
        intake_id: i64,
    ) -> Result<Vec<ExternalRecord>, StoreError> {
        let rows: Vec<(i64, String, String, String, String, i64, String)> = tuples(
            &self.conn,
            "SELECT e.id, e.target_code, e.target_name, e.passed_on, e.at, e.user_id,
                    coalesce(u.name, '')
               FROM external_handovers e LEFT JOIN users u ON u.id = e.user_id
              WHERE e.intake_id = ?1 ORDER BY e.id",
            [intake_id],
        )?;
        rows.into_iter()
            .map(
                |(row_id, target_code, target_name, passed_on, at, user_id, by)| {
                    Ok(ExternalRecord {
                        target_code,
                        target_name,
                        passed_on,
                        at: parse_time(&at, "external_handovers", row_id)?,
                        user_id,
                        by,
                    })
                },
            )
            .collect()
    }
}
