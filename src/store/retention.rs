//! Bewaartermijnen: personal data is kept only as long as the work needs it. Intakes handled
//! at the desk and closed cases are anonymised (their figures stay for the reports), drafts and
//! old audit rows are removed, and so are the regie cases that outlived them (`regie::expiry`). Run by `loket purge` and once a day when Loket starts.
//!
//! Anonymised means gone from the file, not hidden: every connection has `secure_delete` on, so
//! SQLite overwrites the old cells and freed pages, and after each run the WAL is checkpointed
//! and truncated, so no old page image with the personal fields stays behind in it.

use chrono::{DateTime, Days, Months, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::audit_seal::anchor_mac;
use super::columns::{parse_time, timestamp};
use super::{Store, StoreError};
use crate::domain::hours::dutch_local;
use crate::domain::intake::Signalen;
use crate::domain::retention::RetentionPolicy;

/// Who the audit log names for the automatic daily run.
pub const SYSTEM_ACTOR: &str = "systeem";

/// What a run of retention removed (or, in a dry run, would remove), per category. Serialised
/// as the counts stored in `retention_runs` and written in the audit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PurgeReport {
    /// Intakes handled directly (no handover) that were anonymised.
    #[serde(rename = "direct_afgehandeld")]
    pub direct_intakes: u64,
    /// Intakes of closed queue items that were anonymised, with the notes of the items.
    #[serde(rename = "afgesloten")]
    pub closed_cases: u64,
    /// Regie cases removed with the household's last intake or past their term after closing
    /// (see `regie::expiry`).
    #[serde(rename = "trajecten")]
    pub regie_cases: u64,
    /// Plans van aanpak removed with the gesprekken of their case, past `plan_maanden` after
    /// closing (see `plan::expiry`).
    #[serde(rename = "plannen")]
    pub plans: u64,
    #[serde(rename = "klad")]
    pub drafts: u64,
    #[serde(rename = "auditlog")]
    pub audit_rows: u64,
    /// Nothing was changed: the counts are what a real run would do now.
    #[serde(skip)]
    pub dry_run: bool,
    /// The WAL was checkpointed and emptied after the run. `false` in a dry run, or when another
    /// process was still reading an older snapshot: the next run empties it.
    #[serde(skip)]
    pub wal_cleared: bool,
}

/// What anonymising one intake removed besides its own fields.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Erased {
    pub earlier_versions: u64,
    pub notes: u64,
}

/// The one way an intake is anonymised, by retention and by an erasure alike: every field that
/// is about the resident or could quote them is blanked, the earlier versions (which hold the
/// same fields) and what was passed on in warm handovers outside are removed, the notes in its queue items' history are blanked, and the link
/// to the household goes, so nothing ties the remains to a person. What the reports count
/// stays: kanaal, location, leefgebieden, complexiteit, route, urgentie, wijk, created_at and
/// the advice.
pub(super) fn anonymise_intake(conn: &Connection, id: i64, at: &str) -> Result<Erased, StoreError> {
    // The signs ticked are about the resident (dakloos, na detentie) and no report reads them.
    let no_signals =
        serde_json::to_string(&Signalen::default()).expect("signalen serialise to JSON");
    conn.prepare_cached(
        // suggestion_why can quote the resident's words (the danger words found), and so can
        // the reason a danger banner was dismissed.
        "UPDATE intakes SET signaal_van = '', name = '', phone = '', email = '', postcode = '',
            house_number = '', birth_year = '', on_behalf_of = '', name_key = '',
            phone_key = '', postcode_key = '', question = '', handover_note = '',
            route_reason = '', own_track_reason = '', suggestion_why = '', signalen = ?2,
            danger = '{}', household_id = NULL,
            anonymised_at = coalesce(anonymised_at, ?3)
         WHERE id = ?1",
    )?
    .execute(params![id, no_signals, at])?;
    let earlier_versions = conn
        .prepare_cached("DELETE FROM intake_history WHERE intake_id = ?1")?
        .execute([id])?;
    // "Beslag: ja" about a resident is personal too, however few words it has.
    conn.prepare_cached("DELETE FROM intake_answers WHERE intake_id = ?1")?
        .execute([id])?;
    // What was passed on to Veilig Thuis or the huisarts is about the resident; the history
    // keeps only that it happened and to whom.
    conn.prepare_cached("DELETE FROM external_handovers WHERE intake_id = ?1")?
        .execute([id])?;
    let notes = conn
        .prepare_cached(
            "UPDATE queue_history SET note = ''
             WHERE note <> '' AND item_id IN (SELECT id FROM queue_items WHERE intake_id = ?1)",
        )?
        .execute([id])?;
    conn.prepare_cached("UPDATE queue_items SET household_id = NULL WHERE intake_id = ?1")?
        .execute([id])?;
    Ok(Erased {
        earlier_versions: earlier_versions as u64,
        notes: notes as u64,
    })
}

/// Copies the WAL into the database file and empties it, so the page images from before an
/// anonymisation leave the disk. Returns whether that succeeded; it does not while another
/// connection still reads an older snapshot.
pub(super) fn truncate_wal(conn: &Connection) -> Result<bool, StoreError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

/// `now` minus `days`; the earliest moment when the period reaches back before the calendar.
fn days_before(now: DateTime<Utc>, days: u32) -> String {
    timestamp(
        now.checked_sub_days(Days::new(days.into()))
            .unwrap_or(DateTime::<Utc>::MIN_UTC),
    )
}

fn months_before(now: DateTime<Utc>, months: u32) -> String {
    timestamp(
        now.checked_sub_months(Months::new(months))
            .unwrap_or(DateTime::<Utc>::MIN_UTC),
    )
}

impl Store {
    /// Applies the retention periods at `now` in one immediate transaction, records the run in
    /// `retention_runs` and audits it (counts only), then empties the WAL. A dry run counts
    /// the same way and rolls everything back: nothing changes and nothing is audited.
    pub fn purge(
        &mut self,
        policy: &RetentionPolicy,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<PurgeReport, StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let report = self.apply_retention(policy, now)?;
        if dry_run {
            tx.rollback()?;
            return Ok(PurgeReport {
                dry_run: true,
                ..report
            });
        }
        self.record_run(tx, report, actor, origin, now)
    }

    /// The automatic run (as [`SYSTEM_ACTOR`]): only when retention has not run yet on this
    /// Dutch calendar day. Checked inside the write transaction, so two desks starting at the
    /// same moment run it once.
    pub fn purge_if_due(
        &mut self,
        policy: &RetentionPolicy,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PurgeReport>, StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        if self.ran_on_dutch_day_of(now)? {
            tx.rollback()?;
            return Ok(None);
        }
        let report = self.apply_retention(policy, now)?;
        self.record_run(tx, report, SYSTEM_ACTOR, origin, now)
            .map(Some)
    }

    /// Records and audits the run that `report` counts, commits `tx`, and empties the WAL.
    fn record_run(
        &self,
        tx: Transaction<'_>,
        mut report: PurgeReport,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        let removed = serde_json::to_string(&report).expect("counts serialise to JSON");
        self.conn
            .prepare_cached("INSERT INTO retention_runs (at, removed) VALUES (?1, ?2)")?
            .execute(params![timestamp(now), removed])?;
        self.audit(
            actor,
            "bewaartermijn toegepast",
            "bewaartermijnen",
            &format!("gelukt: {removed}"),
            origin,
            now,
        )?;
        tx.commit()?;
        report.wal_cleared = truncate_wal(&self.conn)?;
        Ok(report)
    }

    /// Whether the last run was on the Dutch calendar day of `now` (or later, should the clock
    /// have gone back).
    fn ran_on_dutch_day_of(&self, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let last: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, at FROM retention_runs ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((id, at)) = last else {
            return Ok(false);
        };
        let last_day = dutch_local(parse_time(&at, "retention_runs", id)?).date();
        Ok(last_day >= dutch_local(now).date())
    }

    /// Every category, inside the caller's transaction.
    fn apply_retention(
        &self,
        policy: &RetentionPolicy,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        let at = timestamp(now);
        let direct = self.ids(
            "SELECT i.id FROM intakes i
             WHERE i.anonymised_at IS NULL AND i.created_at < ?1
               AND json_extract(i.route, '$.kind') = 'direct'
               AND NOT EXISTS (SELECT 1 FROM queue_items q WHERE q.intake_id = i.id)",
            &days_before(now, policy.direct_intake_days),
        )?;
        // An intake is done with when every queue item it has is closed, and has been for the
        // whole period: its last history row is the closing.
        let closed_cutoff = months_before(now, policy.closed_case_months);
        let closed = self.ids(
            "SELECT i.id FROM intakes i
             WHERE i.anonymised_at IS NULL
               AND EXISTS (SELECT 1 FROM queue_items q WHERE q.intake_id = i.id)
               AND NOT EXISTS (
                   SELECT 1 FROM queue_items q WHERE q.intake_id = i.id
                      AND (q.state <> 'afgerond'
                           OR coalesce((SELECT max(h.at) FROM queue_history h
                                         WHERE h.item_id = q.id), q.created_at) >= ?1))",
            &closed_cutoff,
        )?;
        for &id in direct.iter().chain(&closed) {
            anonymise_intake(&self.conn, id, &at)?;
        }
        // Before the cases: a case whose plan's term has passed may then go with its term.
        let plans = self.expire_plans(&months_before(now, policy.plan_months))?;
        // After the intakes: a household whose last intake just went loses its case too.
        let regie_cases = self.expired_cases(&closed_cutoff)?;
        for &case in &regie_cases {
            self.remove_case(case)?;
        }
        let drafts = self
            .conn
            .prepare_cached("DELETE FROM drafts WHERE updated_at < ?1")?
            .execute([days_before(now, policy.draft_days)])?;
        let audit_rows = self.remove_old_audit_rows(
            &months_before(now, policy.audit_years.saturating_mul(12)),
            &at,
        )?;
        Ok(PurgeReport {
            direct_intakes: direct.len() as u64,
            closed_cases: closed.len() as u64,
            regie_cases: regie_cases.len() as u64,
            plans,
            drafts: drafts as u64,
            audit_rows,
            dry_run: false,
            wal_cleared: false,
        })
    }

    fn ids(&self, sql: &str, cutoff: &str) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([cutoff], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Removes the audit rows from before `cutoff`, oldest first, stopping at the first row
    /// that is young enough, so the log stays one unbroken chain. The anchor comes first: it
    /// keeps the hash of the last row removed for the first row left to chain onto, carries the
    /// audit key's HMAC so verification can tell it from a forged one, and is what lets the
    /// log's trigger allow the removal at all.
    fn remove_old_audit_rows(&self, cutoff: &str, at: &str) -> Result<u64, StoreError> {
        let mut last: Option<(i64, String)> = None;
        let mut removed: i64 = 0;
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, at, hash FROM audit_log ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if row.get::<_, String>(1)?.as_str() >= cutoff {
                    break;
                }
                last = Some((row.get(0)?, row.get(2)?));
                removed += 1;
            }
        }
        let Some((last_id, last_hash)) = last else {
            return Ok(0);
        };
        let mac = self
            .audit_key
            .as_ref()
            .map(|key| anchor_mac(key, at, last_id, &last_hash, removed))
            .unwrap_or_default();
        self.conn
            .prepare_cached(
                "INSERT INTO audit_anchor (at, up_to_id, last_hash, removed, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![at, last_id, last_hash, removed, mac])?;
        self.conn
            .prepare_cached("DELETE FROM audit_log WHERE id <= ?1")?
            .execute([last_id])?;
        Ok(removed as u64)
    }
}
