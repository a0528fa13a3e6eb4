//! The rights of residents under the AVG: a copy of everything held about their household
//! (inzage, art. 15), including who looked at it, and erasure (art. 17). Both are audited with
//! ids only; an erasure anonymises the same way retention does (see `retention`) and then
//! empties the WAL, so the erased fields are gone from the file, not hidden.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::Serialize;
use serde_json::Value;

use super::columns::{corrupt, resident_from_row, timestamp};
use super::plan::{GesprekRecord, PlanView};
use super::retention::{anonymise_intake, truncate_wal};
use super::{Store, StoreError};
use crate::domain::gesprekshulp::GivenAnswer;
use crate::domain::intake::Resident;
use crate::safe_text;

mod cases;

pub use cases::{CaseRecord, EscalationRecord, HandOnRecord, RegisseurRecord};

/// How much of an erasure's reason the audit log keeps.
const MAX_REASON_CHARS: usize = 200;

/// A colleague as the resident's copy names them: by role and desk, not by name. The resident
/// learns what kind of professional dealt with them; the colleague's own privacy stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Colleague {
    pub role: String,
    pub location: String,
}

/// Everything Loket holds about one household, for the resident's own copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdExport {
    pub exported_at: String,
    pub household: HouseholdRecord,
    pub intakes: Vec<IntakeRecord>,
    pub queue_items: Vec<QueueRecord>,
    /// Its regie cases ("lopend traject"), with regisseur, hand-ons and opschalingen.
    pub cases: Vec<CaseRecord>,
    /// The gesprekken of its cases, oldest first.
    pub gesprekken: Vec<GesprekRecord>,
    /// Its plans van aanpak, each with every version, task and evaluation.
    pub plans: Vec<PlanView>,
    /// Colleagues the regisseur let read along ("meelezen").
    pub readers: Vec<ReaderRecord>,
    /// Who viewed, changed or shared the case: the audit rows about the household, its intakes
    /// and its queue items, oldest first.
    pub access: Vec<AccessRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HouseholdRecord {
    pub id: i64,
    pub created_at: String,
    pub regisseur: Option<Colleague>,
    pub regisseur_since: Option<String>,
}

/// An intake with all its fields as stored, its advice and its earlier versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntakeRecord {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub anonymised_at: Option<String>,
    /// The desk where it was taken.
    pub location: String,
    pub kanaal: String,
    /// Who brought the question in: inwoner, informeel or professional.
    pub melder: String,
    pub signaal_van: String,
    #[serde(flatten)]
    pub resident: Resident,
    pub wijk: Option<String>,
    pub question: String,
    pub leefgebieden: Value,
    pub complexiteit: String,
    pub signalen: Value,
    pub urgentie: String,
    pub route: Value,
    pub route_chosen: bool,
    pub route_reason: String,
    pub suggested_route: Value,
    pub suggestion_why: String,
    /// The answer to "Is er nu direct gevaar?", with the calls made or the reason it was not.
    pub danger: Value,
    pub digital_application: bool,
    pub consent: bool,
    pub anonymous: bool,
    pub handover_note: String,
    /// Service ids, in the order given.
    pub advice: Vec<String>,
    /// The gesprekshulp's answers that changed the route (the only ones kept).
    pub answers: Vec<GivenAnswer>,
    /// Warm handovers to a body outside the municipality: to whom, what was passed on, when.
    pub external_handovers: Vec<ExternalHandoverRecord>,
    pub earlier_versions: Vec<EarlierVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalHandoverRecord {
    pub target_code: String,
    pub target_name: String,
    pub passed_on: String,
    pub at: String,
    pub by: Option<Colleague>,
}

/// The intake as it was before a correction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierVersion {
    pub changed_at: String,
    pub changed_by: Option<Colleague>,
    pub version: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueRecord {
    pub id: i64,
    pub intake_id: i64,
    pub kind: String,
    pub target_kind: String,
    pub target: String,
    pub state: String,
    pub urgentie: String,
    pub created_at: String,
    pub appointment_at: Option<String>,
    pub attempts: i64,
    pub outcome: Option<String>,
    pub history: Vec<QueueHistoryRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueHistoryRecord {
    pub at: String,
    pub by: Option<Colleague>,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReaderRecord {
    pub reader: Option<Colleague>,
    pub granted_at: String,
    /// Until when; a former regisseur reads along for 14 days at most.
    pub until: Option<String>,
}

/// One audit row about the case. `actor` is as logged ("gebruiker:12", "cli:beheer").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessRecord {
    pub at: String,
    pub actor: String,
    pub by: Option<Colleague>,
    pub action: String,
    pub object: String,
    pub result: String,
}

/// What [`Store::forget_household`] erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ForgetReport {
    pub household_id: i64,
    pub intakes: u64,
    pub earlier_versions: u64,
    pub queue_items: u64,
    pub notes: u64,
    pub readers: u64,
    /// Regie cases removed, with their hand-ons and the reasons of their opschalingen.
    pub regie_cases: u64,
    /// Plans van aanpak removed with their case, every version included, and its gesprekken.
    pub plans: u64,
    pub drafts: u64,
    /// The WAL was emptied afterwards; `false` while another process still read an older
    /// snapshot (the next purge or erasure empties it).
    pub wal_cleared: bool,
}

/// Role and desk of every user, to name colleagues without their names.
fn colleagues(store: &Store) -> Result<HashMap<i64, Colleague>, StoreError> {
    let rows: Vec<(i64, String, String)> = store
        .conn
        .prepare_cached("SELECT id, role, location FROM users")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, role, location)| (id, Colleague { role, location }))
        .collect())
}

fn json(text: &str, table: &'static str, id: i64) -> Result<Value, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(table, id, e))
}

/// An intake row before its JSON columns are parsed.
struct RawIntake {
    record: IntakeRecord,
    leefgebieden: String,
    signalen: String,
    route: String,
    suggested_route: String,
    danger: String,
}

impl RawIntake {
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(RawIntake {
            record: IntakeRecord {
                id: r.get("id")?,
                created_at: r.get("created_at")?,
                updated_at: r.get("updated_at")?,
                anonymised_at: r.get("anonymised_at")?,
                location: r.get("location")?,
                kanaal: r.get("kanaal")?,
                melder: r.get("melder")?,
                signaal_van: r.get("signaal_van")?,
                resident: resident_from_row(r)?,
                wijk: r.get("wijk")?,
                question: r.get("question")?,
                leefgebieden: Value::Null,
                complexiteit: r.get("complexiteit")?,
                signalen: Value::Null,
                urgentie: r.get("urgentie")?,
                route: Value::Null,
                route_chosen: r.get("route_chosen")?,
                route_reason: r.get("route_reason")?,
                suggested_route: Value::Null,
                suggestion_why: r.get("suggestion_why")?,
                danger: Value::Null,
                digital_application: r.get("digital_application")?,
                consent: r.get("consent")?,
                anonymous: r.get("anonymous")?,
                handover_note: r.get("handover_note")?,
                advice: Vec::new(),
                answers: Vec::new(),
                external_handovers: Vec::new(),
                earlier_versions: Vec::new(),
            },
            leefgebieden: r.get("leefgebieden")?,
            signalen: r.get("signalen")?,
            route: r.get("route")?,
            suggested_route: r.get("suggested_route")?,
            danger: r.get("danger")?,
        })
    }
}

impl Store {
    /// Everything held about household `household_id` (an inzageverzoek), read in one
    /// snapshot, and audited as "privacy export". An unknown household is audited as "niet
    /// gevonden" and is an error.
    pub fn export_household(
        &self,
        household_id: i64,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<HouseholdExport, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let found = self.read_household(household_id, now)?;
        tx.commit()?;
        let object = format!("huishouden:{household_id}");
        let result = if found.is_some() {
            "gelukt"
        } else {
            "niet gevonden"
        };
        self.audit(actor, "privacy export", &object, result, origin, now)?;
        found.ok_or(StoreError::UnknownHousehold(household_id))
    }

    /// Erases household `household_id` (recht op vergetelheid) in one transaction: every
    /// intake anonymised as retention does it, the notes of its queue items blanked, its
    /// readers, regisseur and regie cases removed, drafts linked to it thrown away, and the erasure audited
    /// with its reason and the ids it touched. Then the WAL is emptied.
    pub fn forget_household(
        &mut self,
        household_id: i64,
        reason: &str,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<ForgetReport, StoreError> {
        let reason: String = safe_text::for_log(reason.trim())
            .chars()
            .take(MAX_REASON_CHARS)
            .collect();
        if reason.is_empty() {
            return Err(StoreError::ReasonRequired);
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let Some(created_at) = self.household_created_at(household_id)? else {
            tx.rollback()?;
            return Err(StoreError::UnknownHousehold(household_id));
        };
        let (mut report, touched) = self.erase_household(household_id, now)?;
        self.audit(
            actor,
            "privacy vergeten",
            &format!("huishouden:{household_id}"),
            &format!("gelukt: {}; reden: {reason}", touched.join(" ")),
            origin,
            now,
        )?;
        // Outside the database, so that restoring a back-up cannot undo the erasure.
        super::erasures::record(self.path(), household_id, &created_at, &timestamp(now))?;
        tx.commit()?;
        report.wal_cleared = truncate_wal(&self.conn)?;
        Ok(report)
    }

    /// Erases household `household_id` inside the caller's transaction; returns the counts and
    /// the records touched (`intake:N`, `queue:N`) for the audit row.
    pub(super) fn erase_household(
        &self,
        household_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(ForgetReport, Vec<String>), StoreError> {
        let intakes = self.household_ids(
            "SELECT id FROM intakes WHERE household_id = ?1 ORDER BY id",
            household_id,
        )?;
        let items = self.household_ids(
            "SELECT id FROM queue_items
             WHERE household_id = ?1
                OR intake_id IN (SELECT id FROM intakes WHERE household_id = ?1)
             ORDER BY id",
            household_id,
        )?;
        let at = timestamp(now);
        let mut report = ForgetReport {
            household_id,
            intakes: intakes.len() as u64,
            queue_items: items.len() as u64,
            ..ForgetReport::default()
        };
        for &id in &intakes {
            let erased = anonymise_intake(&self.conn, id, &at)?;
            report.earlier_versions += erased.earlier_versions;
            report.notes += erased.notes;
        }
        // An item linked to the household through itself only, should there be one.
        for &id in &items {
            report.notes += self
                .conn
                .prepare_cached(
                    "UPDATE queue_history SET note = '' WHERE item_id = ?1 AND note <> ''",
                )?
                .execute([id])? as u64;
            self.conn
                .prepare_cached("UPDATE queue_items SET household_id = NULL WHERE id = ?1")?
                .execute([id])?;
        }
        // A draft is not checked as JSON: only a readable one can name the household, in the
        // question being typed or in an earlier question of the same contact.
        report.drafts = self
            .conn
            .prepare_cached(
                "DELETE FROM drafts
                 WHERE json_valid(intake)
                   AND (json_extract(intake, '$.household_id') = ?1
                     OR EXISTS (SELECT 1 FROM json_each(intake, '$.earlier') AS e
                                 WHERE json_extract(e.value, '$.intake.household_id') = ?1))",
            )?
            .execute([household_id])? as u64;
        report.readers = self.clear_regie(household_id)?;
        report.plans = self
            .conn
            .prepare_cached("SELECT count(*) FROM plans WHERE household_id = ?1")?
            .query_row([household_id], |r| r.get::<_, i64>(0))? as u64;
        // The case ends with the erasure, and goes with its regie, hand-ons, opschalingen,
        // gesprekken and plan.
        report.regie_cases = self.remove_cases_of(household_id)?;
        let touched: Vec<String> = intakes
            .iter()
            .map(|id| format!("intake:{id}"))
            .chain(items.iter().map(|id| format!("queue:{id}")))
            .collect();
        Ok((report, touched))
    }

    /// When household `household_id` was created, or None when there is no such household.
    pub(super) fn household_created_at(
        &self,
        household_id: i64,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT created_at FROM households WHERE id = ?1")?
            .query_row([household_id], |r| r.get(0))
            .optional()?)
    }

    fn household_ids(&self, sql: &str, household_id: i64) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([household_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    fn read_household(
        &self,
        household_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<HouseholdExport>, StoreError> {
        let row: Option<(String, Option<i64>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT created_at, regisseur, regisseur_since FROM households WHERE id = ?1",
            )?
            .query_row([household_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((created_at, regisseur, regisseur_since)) = row else {
            return Ok(None);
        };
        let people = colleagues(self)?;
        let colleague = |id: Option<i64>| id.and_then(|id| people.get(&id).cloned());
        let intakes = self.export_intakes(household_id, &colleague)?;
        let queue_items = self.export_queue_items(household_id, &colleague)?;
        let cases = self.export_cases(household_id, regisseur, regisseur_since.as_deref())?;
        let gesprekken = self.read_gesprekken("household_id", household_id)?;
        let plans = self
            .household_ids(
                "SELECT id FROM plans WHERE household_id = ?1 ORDER BY id",
                household_id,
            )?
            .into_iter()
            .map(|id| self.read_plan(id))
            .collect::<Result<_, _>>()?;
        let readers = self
            .conn
            .prepare_cached(
                "SELECT user_id, granted_at, until FROM household_readers
                 WHERE household_id = ?1 ORDER BY granted_at, user_id",
            )?
            .query_map([household_id], |r| {
                Ok(ReaderRecord {
                    reader: colleague(Some(r.get(0)?)),
                    granted_at: r.get(1)?,
                    until: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let access = self
            .household_audit(household_id)?
            .into_iter()
            .map(|row| AccessRecord {
                by: colleague(
                    row.actor
                        .strip_prefix("gebruiker:")
                        .and_then(|id| id.parse().ok()),
                ),
                at: row.at,
                actor: row.actor,
                action: row.action,
                object: row.object,
                result: row.result,
            })
            .collect();
        Ok(Some(HouseholdExport {
            exported_at: timestamp(now),
            household: HouseholdRecord {
                id: household_id,
                created_at,
                regisseur: colleague(regisseur),
                regisseur_since,
            },
            intakes,
            queue_items,
            cases,
            gesprekken,
            plans,
            readers,
            access,
        }))
    }

    fn export_intakes(
        &self,
        household_id: i64,
        colleague: &dyn Fn(Option<i64>) -> Option<Colleague>,
    ) -> Result<Vec<IntakeRecord>, StoreError> {
        let raws: Vec<RawIntake> = self
            .conn
            .prepare_cached("SELECT * FROM intakes WHERE household_id = ?1 ORDER BY id")?
            .query_map([household_id], RawIntake::from_row)?
            .collect::<Result<_, _>>()?;
        let mut intakes = Vec::with_capacity(raws.len());
        for raw in raws {
            let id = raw.record.id;
            let advice = self.advice_of(id)?;
            let versions: Vec<(i64, String, i64, String)> = self
                .conn
                .prepare_cached(
                    "SELECT id, changed_at, user_id, previous FROM intake_history
                     WHERE intake_id = ?1 ORDER BY id",
                )?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?;
            let earlier_versions = versions
                .into_iter()
                .map(|(row_id, changed_at, user_id, previous)| {
                    Ok(EarlierVersion {
                        changed_at,
                        changed_by: colleague(Some(user_id)),
                        version: json(&previous, "intake_history", row_id)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            intakes.push(IntakeRecord {
                leefgebieden: json(&raw.leefgebieden, "intakes", id)?,
                signalen: json(&raw.signalen, "intakes", id)?,
                route: json(&raw.route, "intakes", id)?,
                suggested_route: json(&raw.suggested_route, "intakes", id)?,
                danger: json(&raw.danger, "intakes", id)?,
                advice,
                answers: self.answers_of(id)?,
                external_handovers: self
                    .external_handovers(id)?
                    .into_iter()
                    .map(|e| ExternalHandoverRecord {
                        by: colleague(Some(e.user_id)),
                        target_code: e.target_code,
                        target_name: e.target_name,
                        passed_on: e.passed_on,
                        at: timestamp(e.at),
                    })
                    .collect(),
                earlier_versions,
                ..raw.record
            });
        }
        Ok(intakes)
    }

    fn export_queue_items(
        &self,
        household_id: i64,
        colleague: &dyn Fn(Option<i64>) -> Option<Colleague>,
    ) -> Result<Vec<QueueRecord>, StoreError> {
        let mut items: Vec<QueueRecord> = self
            .conn
            .prepare_cached(
                "SELECT id, intake_id, kind, target_kind, target, state, urgentie, created_at,
                    appointment_at, attempts, outcome
                 FROM queue_items
                 WHERE household_id = ?1
                    OR intake_id IN (SELECT id FROM intakes WHERE household_id = ?1)
                 ORDER BY id",
            )?
            .query_map([household_id], |r| {
                Ok(QueueRecord {
                    id: r.get(0)?,
                    intake_id: r.get(1)?,
                    kind: r.get(2)?,
                    target_kind: r.get(3)?,
                    target: r.get(4)?,
                    state: r.get(5)?,
                    urgentie: r.get(6)?,
                    created_at: r.get(7)?,
                    appointment_at: r.get(8)?,
                    attempts: r.get(9)?,
                    outcome: r.get(10)?,
                    history: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        for item in &mut items {
            item.history = self
                .conn
                .prepare_cached(
                    "SELECT at, user_id, action, from_state, to_state, note FROM queue_history
                     WHERE item_id = ?1 ORDER BY id",
                )?
                .query_map(params![item.id], |r| {
                    Ok(QueueHistoryRecord {
                        at: r.get(0)?,
                        by: colleague(Some(r.get(1)?)),
                        action: r.get(2)?,
                        from_state: r.get(3)?,
                        to_state: r.get(4)?,
                        note: r.get(5)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(items)
    }
}
