//! The gesprekken of a household's case, recorded by its regisseur and read as the plan is
//! (need-to-know, audited).

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::super::access::actor;
use super::super::act::Act;
use super::super::columns::{parse_time, timestamp, tuples};
use super::super::{Store, StoreError};
use super::read::from_json;
use super::{PlanError, json, today};
use crate::domain::account::User;
use crate::domain::plan::Gesprek;
use crate::domain::policy;

/// A gesprek as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GesprekRecord {
    pub id: i64,
    pub gesprek: Gesprek,
    /// The gespreksvoerder, by name (the regisseur).
    pub made_by: String,
    pub made_at: DateTime<Utc>,
}

impl Store {
    /// The regisseur records a gesprek on the household's open case. Returns its id.
    pub fn record_gesprek(
        &mut self,
        household_id: i64,
        gesprek: &Gesprek,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, PlanError> {
        let act = Act::on_household(by, "gesprek vastleggen", household_id, origin, now);
        let record = |s: &Self| {
            let case = s.open_case(household_id)?.ok_or(PlanError::NoCase)?;
            s.check_writer(case.id, household_id, by, now)?;
            gesprek.check(today(now))?;
            s.conn
                .prepare_cached(
                    "INSERT INTO gesprekken (case_id, household_id, held_on, gesprek, made_by,
                        made_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    case.id,
                    household_id,
                    gesprek.held_on.to_string(),
                    json(gesprek),
                    by.id,
                    timestamp(now)
                ])?;
            Ok(s.conn.last_insert_rowid())
        };
        self.audited_act(act, record, |id| format!("gelukt: gesprek {id}"))
    }

    /// The gesprekken of the household's open case, oldest first, as `viewer` may read them.
    /// Audited as "gesprekken bekijken", granted or refused.
    pub fn gesprekken(
        &self,
        household_id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<GesprekRecord>, PlanError> {
        let object = format!("huishouden:{household_id}");
        let audit = |result: &str| {
            self.audit(
                &actor(viewer),
                "gesprekken bekijken",
                &object,
                result,
                origin,
                now,
            )
        };
        let Some(case) = self.open_case(household_id)? else {
            audit("niet gevonden")?;
            return Err(PlanError::NoCase);
        };
        let access = self.plan_access(case.id, household_id, now)?;
        match policy::may_read_plan(viewer, &access) {
            Ok(grant) => {
                let found = self.read_gesprekken("case_id", case.id)?;
                audit(&format!("gelukt: {}", grant.code()))?;
                Ok(found)
            }
            Err(refusal) => {
                audit(refusal.code())?;
                Err(PlanError::NoAccess(refusal))
            }
        }
    }

    /// The gesprekken whose `column` (`case_id` or `household_id`) is `id`, unaudited.
    pub(in crate::store) fn read_gesprekken(
        &self,
        column: &'static str,
        id: i64,
    ) -> Result<Vec<GesprekRecord>, StoreError> {
        let sql = format!(
            "SELECT id, gesprek, made_by, made_at FROM gesprekken WHERE {column} = ?1
              ORDER BY held_on, id"
        );
        let rows: Vec<(i64, String, i64, String)> = tuples(&self.conn, &sql, [id])?;
        rows.into_iter()
            .map(|(id, gesprek, made_by, made_at)| {
                Ok(GesprekRecord {
                    id,
                    gesprek: from_json(&gesprek, "gesprekken", id)?,
                    made_by: self.person(made_by)?.name,
                    made_at: parse_time(&made_at, "gesprekken", id)?,
                })
            })
            .collect()
    }
}
