//! A coördinator gives items to a professional: each item is claimed in their name, and each
//! id gets its own result so one refusal does not stop the others.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::super::access::actor;
use super::super::columns::timestamp;
use super::super::{Store, StoreError};
use super::{REASSIGNED, Reassigned};
use crate::domain::Code;
use crate::domain::account::User;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::QueueState;

impl Store {
    /// Gives the items `ids` to the user named `to_user`, as a coordinator does: each item is
    /// claimed in their name (an appointment stays an appointment). Each id gets its own
    /// result, with the reason in Dutch when it did not happen; the others still go through.
    /// Only a coördinator may do this, and only to a medewerker of the team each item waits at
    /// (`policy::may_assign`); it never makes anyone regisseur.
    pub fn reassign(
        &mut self,
        ids: &[i64],
        to_user: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reassigned>, StoreError> {
        let refuse_all = |reason: &str| -> Vec<Reassigned> {
            ids.iter()
                .map(|&id| (id, Err(reason.to_string())))
                .collect()
        };
        if !policy::allows(by.role, Permission::ReassignQueue) {
            return Ok(refuse_all("Alleen een coördinator kan items toewijzen"));
        }
        let assignee = match self.user(to_user)? {
            None => return Ok(refuse_all(&format!("Onbekende gebruiker {to_user:?}"))),
            Some(u) if !u.active => {
                return Ok(refuse_all(&format!("{} is uitgeschakeld", u.name)));
            }
            Some(u) => u,
        };
        let tx = self.begin_queue_write()?;
        let at = timestamp(now);
        let mut results = Vec::with_capacity(ids.len());
        for &id in ids {
            let result = self.reassign_one(id, &assignee, by, &at, origin, now)?;
            results.push((id, result));
        }
        tx.commit()?;
        Ok(results)
    }

    /// One id of [`Store::reassign`], inside its transaction.
    fn reassign_one(
        &self,
        id: i64,
        assignee: &User,
        by: &User,
        at: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<(), String>, StoreError> {
        let Some(current) = self.current(id)? else {
            return Ok(Err(format!("Item {id} bestaat niet")));
        };
        if !current.state.is_open() {
            return Ok(Err(format!("Item {id} is al afgerond")));
        }
        if let Err(refusal) = policy::may_assign(by, assignee, &current.team(&self.reference)) {
            let action = format!("wachtrij {REASSIGNED}");
            let object = format!("queue:{id}");
            self.audit(&actor(by), &action, &object, refusal.code(), origin, now)?;
            return Ok(Err(format!("Item {id}: {refusal}")));
        }
        if current.claimed_by_id == Some(assignee.id) {
            return Ok(Err(format!(
                "Item {id} is al opgepakt door {}",
                assignee.name
            )));
        }
        let next = match current.state {
            QueueState::Afspraak => QueueState::Afspraak,
            _ => QueueState::Opgepakt,
        };
        self.conn
            .prepare_cached(
                "UPDATE queue_items SET state = ?1, claimed_by = ?2, claimed_at = ?3 WHERE id = ?4",
            )?
            .execute(params![next.code(), assignee.id, at, id])?;
        let note = format!("aan {}", assignee.name);
        self.append_history(id, at, by.id, REASSIGNED, current.state, next, &note)?;
        let action = format!("wachtrij {REASSIGNED}");
        self.audit(
            &actor(by),
            &action,
            &format!("queue:{id}"),
            "gelukt",
            origin,
            now,
        )?;
        Ok(Ok(()))
    }
}
