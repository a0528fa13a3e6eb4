//! An opened item: everything the desk recorded (the note, the resident, the question and its
//! classification, the route and why, the advice given with the services' phone numbers, the
//! gesprekshulp answers that were kept) and what happened since, so the professional reads it
//! instead of asking the resident again.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::super::access::{CaseReader, actor};
use super::super::columns::corrupt;
use super::super::{RegieContact, Store, StoreError};
use super::{ExternalRecord, QueueEvent, QueueItem, ReadContext};
use crate::domain::account::User;
use crate::domain::intake::{Intake, Route};
use crate::domain::policy::Grant;

/// A service given as advice, with the number to call it on; `name` is the id when the
/// service is no longer on the kaart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceGiven {
    pub service_id: String,
    pub name: String,
    pub phone: Option<String>,
}

/// An opened item: what the professional reads instead of asking the resident again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDetail {
    pub item: QueueItem,
    /// The handover note of the intake (warme overdracht).
    pub note: String,
    pub intake: Intake,
    /// The route the verwijs-scan advised, and why; the intake's own route is set when the
    /// desk chose another one (with its reason).
    pub suggested_route: Route,
    pub suggestion_why: String,
    /// The advice given at the desk, in the order given.
    pub advice: Vec<AdviceGiven>,
    /// Oldest first.
    pub history: Vec<QueueEvent>,
    /// Warm handovers outside the municipality, oldest first.
    pub external: Vec<ExternalRecord>,
    /// Colleagues the regisseur shared the household's case with ("meelezen").
    pub readers: Vec<CaseReader>,
    /// On what ground the viewer reads it.
    pub grant: Grant,
    /// The household's open case: its regisseur and team.
    pub case: Option<RegieContact>,
}

impl Store {
    /// One item with everything the desk recorded and its history, if `viewer` may read it
    /// (see `access`). Every look is audited, granted, refused or not found, because it shows
    /// a personal record.
    pub fn queue_detail(
        &self,
        id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<QueueDetail>, StoreError> {
        let context = ReadContext::new(&self.reference, now);
        let object = format!("queue:{id}");
        let Some(item) = self.load_item(&context, id)? else {
            self.audit(
                &actor(viewer),
                "wachtrij bekijken",
                &object,
                "niet gevonden",
                origin,
                now,
            )?;
            return Ok(None);
        };
        let Some(grant) = self.enter_case(
            item.intake_id,
            viewer,
            "wachtrij bekijken",
            &object,
            origin,
            now,
        )?
        else {
            return Err(corrupt("queue_items", id, "de intake ontbreekt"));
        };
        let Some((intake, suggested_route, suggestion_why)) =
            self.intake_with_suggestion(item.intake_id)?
        else {
            return Err(corrupt("queue_items", id, "de intake ontbreekt"));
        };
        let (readers, case) = match item.household_id {
            Some(household) => (
                self.case_readers(household)?,
                self.regie_contact(household)?,
            ),
            None => (Vec::new(), None),
        };
        let advice = intake
            .advice
            .iter()
            .map(|service| self.advice_given(service))
            .collect::<Result<_, _>>()?;
        Ok(Some(QueueDetail {
            note: intake.handover_note.clone(),
            history: self.queue_history(id)?,
            external: self.external_handovers(item.intake_id)?,
            readers,
            grant,
            case,
            item,
            intake,
            suggested_route,
            suggestion_why,
            advice,
        }))
    }

    /// A service given as advice with its first phone number: the service's own, else its
    /// location's, else its organisation's.
    fn advice_given(&self, service_id: &str) -> Result<AdviceGiven, StoreError> {
        let found: Option<(String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT s.name, coalesce(
                    (SELECT number FROM phones WHERE service_id = s.id ORDER BY id LIMIT 1),
                    (SELECT p.number FROM service_locations sl
                       JOIN phones p ON p.location_id = sl.location_id
                      WHERE sl.service_id = s.id ORDER BY p.id LIMIT 1),
                    (SELECT number FROM phones WHERE organization_id = s.organization_id
                      ORDER BY id LIMIT 1))
                   FROM services s WHERE s.id = ?1",
            )?
            .query_row([service_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (name, phone) = found.unwrap_or_else(|| (service_id.to_string(), None));
        Ok(AdviceGiven {
            service_id: service_id.to_string(),
            name,
            phone,
        })
    }
}
