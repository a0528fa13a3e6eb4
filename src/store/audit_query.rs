//! Reading the audit log back: what a user did, who looked at a household's case, since a
//! given day. The log holds ids only, so a household's rows are found through the ids of its
//! intakes and queue items.

use chrono::NaiveDate;
use rusqlite::ToSql;

use super::audit::{AuditRow, ROW_COLUMNS, row_from};
use super::columns::timestamp;
use super::{Store, StoreError};
use crate::domain::hours::dutch_day_start;

/// Which rows [`Store::audit_query`] returns; every part that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// The name of a user (any case): the rows where they are the actor.
    pub user: Option<String>,
    /// A household id: the rows about the household, its intakes and its queue items.
    pub household: Option<i64>,
    /// A Dutch calendar day: the rows from the start of that day on.
    pub since: Option<NaiveDate>,
}

/// Why the audit log cannot be queried; the message is Dutch, for the user.
#[derive(Debug, thiserror::Error)]
pub enum AuditQueryError {
    #[error("onbekende gebruiker {0:?}")]
    UnknownUser(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The objects the log names for household `:household`: the household itself, its intakes,
/// its plans, and its queue items (linked directly, or through an intake of the household).
const HOUSEHOLD_OBJECTS: &str = "
    SELECT 'huishouden:' || :household
    UNION ALL
    SELECT 'intake:' || id FROM intakes WHERE household_id = :household
    UNION ALL
    SELECT 'plan:' || id FROM plans WHERE household_id = :household
    UNION ALL
    SELECT 'queue:' || id FROM queue_items
     WHERE household_id = :household
        OR intake_id IN (SELECT id FROM intakes WHERE household_id = :household)";

impl Store {
    /// The rows of the audit log that match `filter`, oldest first. A user name that is not
    /// known is an error, so a typo does not look like a user who did nothing.
    pub fn audit_query(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, AuditQueryError> {
        let actor = match &filter.user {
            None => None,
            Some(name) => {
                let user = self
                    .user(name)?
                    .ok_or_else(|| AuditQueryError::UnknownUser(name.trim().to_string()))?;
                Some(super::access::actor(&user))
            }
        };
        Ok(self.select_audit(actor.as_deref(), filter.household, filter.since)?)
    }

    /// Every row of the audit log about household `household_id`, its intakes and its queue
    /// items, oldest first: who viewed, changed or shared the case, for the resident's own
    /// copy of their data.
    pub fn household_audit(&self, household_id: i64) -> Result<Vec<AuditRow>, StoreError> {
        self.select_audit(None, Some(household_id), None)
    }

    fn select_audit(
        &self,
        actor: Option<&str>,
        household: Option<i64>,
        since: Option<NaiveDate>,
    ) -> Result<Vec<AuditRow>, StoreError> {
        let since = since.map(|day| timestamp(dutch_day_start(day)));
        let mut conditions = Vec::new();
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        if let Some(actor) = &actor {
            conditions.push("actor = :actor".to_string());
            params.push((":actor", actor));
        }
        if let Some(household) = &household {
            conditions.push(format!("object IN ({HOUSEHOLD_OBJECTS})"));
            params.push((":household", household));
        }
        if let Some(since) = &since {
            // Stored as UTC RFC 3339 in whole seconds, so text order is time order.
            conditions.push("at >= :since".to_string());
            params.push((":since", since));
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!("SELECT {ROW_COLUMNS} FROM audit_log {filter} ORDER BY id");
        let rows = self
            .conn
            .prepare(&sql)?
            .query_map(params.as_slice(), row_from)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
