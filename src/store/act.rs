//! One act on a household's case or plan: checked and changed in one immediate transaction,
//! and audited with what was done or with the refusal's fixed code. The regie and the plan van
//! aanpak share it, so both keep the same promise: a refusal changes nothing and is still
//! audited; a store failure leaves nothing behind, its audit row included.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};

use super::access::actor;
use super::{Store, StoreError};
use crate::domain::account::User;

/// Who does what to which object, as the act's audit row names it.
pub(super) struct Act<'a> {
    pub by: &'a User,
    pub action: &'static str,
    pub object: String,
    pub origin: &'a str,
    pub now: DateTime<Utc>,
}

impl<'a> Act<'a> {
    pub fn on_household(
        by: &'a User,
        action: &'static str,
        household_id: i64,
        origin: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        Act::on(
            by,
            action,
            format!("huishouden:{household_id}"),
            origin,
            now,
        )
    }

    pub fn on_plan(
        by: &'a User,
        action: &'static str,
        plan_id: i64,
        origin: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        Act::on(by, action, format!("plan:{plan_id}"), origin, now)
    }

    fn on(
        by: &'a User,
        action: &'static str,
        object: String,
        origin: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        Act {
            by,
            action,
            object,
            origin,
            now,
        }
    }
}

/// The error of an act: a store failure, or a refusal with the fixed words its audit row gets
/// (never a name or a reason typed).
pub(super) trait ActError: From<StoreError> {
    fn is_store_failure(&self) -> bool;
    fn audit_code(&self) -> String;
}

impl Store {
    /// Runs `run` as `act`: see the module's promise.
    pub(super) fn audited_act<T, E: ActError>(
        &self,
        act: Act,
        run: impl FnOnce(&Self) -> Result<T, E>,
        done: impl FnOnce(&T) -> String,
    ) -> Result<T, E> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let result = run(self);
        let audit = |result: &str| {
            self.audit(
                &actor(act.by),
                act.action,
                &act.object,
                result,
                act.origin,
                act.now,
            )
        };
        match &result {
            Ok(value) => {
                audit(&done(value))?;
                tx.commit().map_err(StoreError::from)?;
            }
            Err(e) if e.is_store_failure() => {}
            Err(refusal) => {
                tx.rollback().map_err(StoreError::from)?;
                audit(&refusal.audit_code())?;
            }
        }
        result
    }
}
