//! "Klopt niet meer": any desk reports what is wrong with a service, the beheerder resolves it,
//! and the worklist puts together what needs the beheerder's attention: open reports, services
//! not verified for months, without a phone or without opening hours, the most advised first.
//!
//! The audit row of a report names the service and the report's number, never its text.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::access::actor;
use super::columns::{corrupt, parse_time, timestamp, tuples};
use super::kaart::exists;
use super::kaart_edit::{KaartEditError, REFUSED, begin};
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::policy::{self, Permission};

/// A report or a resolution is at most this many characters.
pub const MAX_REPORT_CHARS: usize = 500;

/// An open report on a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KaartReport {
    pub id: i64,
    pub service_id: String,
    pub service_name: String,
    /// The name of the user who reported it.
    pub reporter: String,
    pub at: DateTime<Utc>,
    pub text: String,
}

/// Why a service is on the worklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkReason {
    /// Not verified within the configured months: never (`None`) or last on this date.
    NotVerified(Option<NaiveDate>),
    /// No phone number of its own, of its locations or of its organisation.
    NoPhone,
    NoHours,
    Reported(KaartReport),
}

/// A service that needs the beheerder's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkItem {
    pub service_id: String,
    pub name: String,
    /// The organisation's name.
    pub organization: Option<String>,
    pub reasons: Vec<WorkReason>,
    /// How often the service was given as advice at an intake: what matters most comes first.
    pub advice_count: u64,
}

/// `text` trimmed, refused when empty or too long.
fn checked_text(text: &str, required: bool) -> Result<&str, KaartEditError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(KaartEditError::EmptyText);
    }
    if text.chars().count() > MAX_REPORT_CHARS {
        return Err(KaartEditError::TextTooLong(MAX_REPORT_CHARS));
    }
    Ok(text)
}

impl Store {
    /// Reports that something about a service is no longer right. Anyone signed in may.
    /// Returns the report's number.
    pub fn report_service(
        &mut self,
        service_id: &str,
        text: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, KaartEditError> {
        let text = checked_text(text, true)?;
        let tx = begin(&self.conn)?;
        if !exists(&tx, "services", service_id)? {
            return Err(KaartEditError::UnknownService(service_id.to_string()));
        }
        tx.prepare_cached(
            "INSERT INTO kaart_reports (service_id, user_id, at, text) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![service_id, by.id, timestamp(now), text])?;
        let id = tx.last_insert_rowid();
        self.audit(
            &actor(by),
            "kaart melding",
            &format!("dienst:{service_id}"),
            &format!("gelukt: melding {id}"),
            origin,
            now,
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Closes a report with what was done about it (may be empty). Only a beheerder may; a
    /// refusal is audited.
    pub fn resolve_report(
        &mut self,
        report_id: i64,
        resolution: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), KaartEditError> {
        const ACTION: &str = "kaart melding afhandelen";
        if !policy::allows(by.role, Permission::ManageKaart) {
            let object = format!("melding:{report_id}");
            self.audit(&actor(by), ACTION, &object, REFUSED, origin, now)?;
            return Err(KaartEditError::NotAllowed);
        }
        let resolution = checked_text(resolution, false)?;
        let tx = begin(&self.conn)?;
        let (service_id, resolved_at): (String, Option<String>) = tx
            .prepare_cached("SELECT service_id, resolved_at FROM kaart_reports WHERE id = ?1")?
            .query_row([report_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(KaartEditError::UnknownReport(report_id))?;
        if resolved_at.is_some() {
            return Err(KaartEditError::ReportResolved(report_id));
        }
        tx.prepare_cached(
            "UPDATE kaart_reports SET resolved_by = ?1, resolved_at = ?2, resolution = ?3
             WHERE id = ?4",
        )?
        .execute(params![by.id, timestamp(now), resolution, report_id])?;
        self.audit(
            &actor(by),
            ACTION,
            &format!("dienst:{service_id}"),
            &format!("gelukt: melding {report_id}"),
            origin,
            now,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The open reports, oldest first: of one service, or of all.
    pub fn open_reports(&self, service_id: Option<&str>) -> Result<Vec<KaartReport>, StoreError> {
        let rows: Vec<(i64, String, String, String, String, String)> = tuples(
            &self.conn,
            "SELECT r.id, r.service_id, s.name, coalesce(u.name, ''), r.at, r.text
                   FROM kaart_reports r
                   JOIN services s ON s.id = r.service_id
                   LEFT JOIN users u ON u.id = r.user_id
                  WHERE r.resolved_at IS NULL AND (?1 IS NULL OR r.service_id = ?1)
                  ORDER BY r.at, r.id",
            [service_id],
        )?;
        rows.into_iter()
            .map(|(id, service_id, service_name, reporter, at, text)| {
                Ok(KaartReport {
                    at: parse_time(&at, "kaart_reports", id)?,
                    id,
                    service_id,
                    service_name,
                    reporter,
                    text,
                })
            })
            .collect()
    }

    /// The beheerder's worklist: active services not verified in `not_verified_months` (by the
    /// Dutch date of `now`), without any phone or without opening hours, and every service with
    /// an open report. The most advised services first, then by name.
    pub fn worklist(
        &self,
        not_verified_months: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<WorkItem>, StoreError> {
        let today = dutch_local(now).date();
        let due = today
            .checked_sub_months(Months::new(not_verified_months))
            .unwrap_or(NaiveDate::MIN);
        let mut reports: HashMap<String, Vec<KaartReport>> = HashMap::new();
        for report in self.open_reports(None)? {
            reports
                .entry(report.service_id.clone())
                .or_default()
                .push(report);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name, o.name, s.status = 'active', s.last_verified,
                    EXISTS (SELECT 1 FROM phones p WHERE p.service_id = s.id)
                    OR EXISTS (SELECT 1 FROM service_locations sl
                                 JOIN phones p ON p.location_id = sl.location_id
                                WHERE sl.service_id = s.id)
                    OR EXISTS (SELECT 1 FROM phones p WHERE p.organization_id = s.organization_id),
                    EXISTS (SELECT 1 FROM weekly_hours h WHERE h.service_id = s.id),
                    (SELECT count(*) FROM intake_advice a WHERE a.service_id = s.id)
               FROM services s LEFT JOIN organizations o ON o.id = s.organization_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut items = Vec::new();
        while let Some(r) = rows.next()? {
            let service_id: String = r.get(0)?;
            let active: bool = r.get(3)?;
            let last_verified: Option<String> = r.get(4)?;
            let mut reasons = Vec::new();
            if active {
                let last_verified = last_verified
                    .map(|text| {
                        text.parse::<NaiveDate>().map_err(|_| {
                            corrupt("services", &service_id, format!("ongeldige datum {text:?}"))
                        })
                    })
                    .transpose()?;
                if last_verified.is_none_or(|date| date <= due) {
                    reasons.push(WorkReason::NotVerified(last_verified));
                }
                if !r.get::<_, bool>(5)? {
                    reasons.push(WorkReason::NoPhone);
                }
                if !r.get::<_, bool>(6)? {
                    reasons.push(WorkReason::NoHours);
                }
            }
            if let Some(open) = reports.remove(&service_id) {
                reasons.extend(open.into_iter().map(WorkReason::Reported));
            }
            if reasons.is_empty() {
                continue;
            }
            items.push(WorkItem {
                name: r.get(1)?,
                organization: r.get(2)?,
                reasons,
                advice_count: r.get::<_, i64>(7)? as u64,
                service_id,
            });
        }
        // Most used first; at equal use, what a desk reported before what a rule found.
        items.sort_by_cached_key(|item| {
            let reported = item
                .reasons
                .iter()
                .any(|r| matches!(r, WorkReason::Reported(_)));
            (
                Reverse(item.advice_count),
                !reported,
                item.name.to_lowercase(),
                item.service_id.clone(),
            )
        });
        Ok(items)
    }
}
