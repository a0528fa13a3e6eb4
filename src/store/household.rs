//! Recognising a household at the desk, so a new question joins its lopend traject instead of
//! starting a second one ("1 huishouden, 1 plan, 1 regisseur"). The search needs a full
//! identifier (`domain::household_query`), says to whom sees only existence no more than
//! "bekend huishouden, lopend traject bij <team>, regisseur <naam>", and every search is audited
//! (security-probe #3). The audit gets ids and the kind of identifier, never what was typed.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::access::actor;
use super::columns::parse_time;
use super::intake::name_key;
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::household_query::Identifier;
use crate::domain::policy::{self, Access, DataKind};
use crate::domain::queue::Target;
use crate::domain::regie::known_household_line;

/// How many households a search returns: a full identifier rarely fits more than one.
const MAX_HOUSEHOLD_MATCHES: i64 = 20;

/// A household found by a full identifier, with what is already under way for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdMatch {
    pub id: i64,
    /// For a professional, the latest known name and postcode ("Anna de Vries, 1234 AB"); for
    /// whom sees only that it exists, "bekend huishouden, lopend traject bij …, regisseur …".
    pub label: String,
    pub open_tracks: Vec<OpenTrack>,
    /// Who directs the household's open case and how to reach them: never its content.
    pub regie: Option<RegieContact>,
}

/// A handover of a household that is not finished: to whom and since when, never its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTrack {
    /// `loket`, `sociaal-team`, `expertiseteam` or `team`.
    pub target_kind: String,
    /// The leefgebied code, wijk or team name; empty for the expertiseteam.
    pub target: String,
    pub since: DateTime<Utc>,
}

/// The regie of a household's open case as a desk may know it (seed-gaps §3, S001's "1
/// contactpersoon"): the team, the regisseur's name, and where the team sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegieContact {
    /// "Sociaal Team De Weide"; the open track's team when the case has no regie team.
    pub team: String,
    pub regisseur: Option<String>,
    /// How to reach them: the regisseur's desk (their account's location).
    pub reach: Option<String>,
}

impl Store {
    /// The households `identifier` names, latest first, each with its open tracks and regie.
    /// Audited per household found (or once, "niets gevonden"), as a look of `viewer`.
    pub fn find_households(
        &self,
        identifier: &Identifier,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<HouseholdMatch>, StoreError> {
        let ids = self.households_named(identifier)?;
        let result = format!("gelukt: zoeken op {}", identifier.kind());
        if ids.is_empty() {
            let action = "huishouden zoeken";
            self.audit(
                &actor(viewer),
                action,
                "huishouden:-",
                "niets gevonden",
                origin,
                now,
            )?;
        }
        ids.into_iter()
            .map(|id| {
                let object = format!("huishouden:{id}");
                self.audit(
                    &actor(viewer),
                    "huishouden zoeken",
                    &object,
                    &result,
                    origin,
                    now,
                )?;
                self.household_match(id, viewer)
            })
            .collect()
    }

    /// The household a restored draft was linked to, as the search showed it, so the form
    /// shows its open tracks and regie again. Audited as linking it anew; `None` when the
    /// household is no longer there.
    pub fn linked_household(
        &self,
        household_id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<HouseholdMatch>, StoreError> {
        if self.household_created_at(household_id)?.is_none() {
            return Ok(None);
        }
        let object = format!("huishouden:{household_id}");
        let result = "gelukt: concept hervat";
        let action = "huishouden koppelen";
        self.audit(&actor(viewer), action, &object, result, origin, now)?;
        self.household_match(household_id, viewer).map(Some)
    }

    /// Household `id` as `viewer` may see it found: its label, open tracks and regie.
    fn household_match(&self, id: i64, viewer: &User) -> Result<HouseholdMatch, StoreError> {
        let involved = policy::access(viewer.role, DataKind::HouseholdHistory) >= Access::Involved;
        let regie = self.regie_contact(id)?;
        let open_tracks = self.household_open_tracks(id)?;
        let label = if involved {
            self.household_label(id)?
        } else {
            let team = regie.as_ref().map(|r| r.team.as_str());
            let regisseur = regie.as_ref().and_then(|r| r.regisseur.as_deref());
            known_household_line(team, regisseur)
        };
        Ok(HouseholdMatch {
            id,
            label,
            open_tracks,
            regie,
        })
    }

    /// Who directs the household's open case, as a desk that linked the household may see it.
    /// Audited; `None` when the household has no lopend traject.
    pub fn household_regie(
        &self,
        household_id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<RegieContact>, StoreError> {
        let regie = self.regie_contact(household_id)?;
        let result = if regie.is_some() {
            "gelukt"
        } else {
            "geen lopend traject"
        };
        let object = format!("huishouden:{household_id}");
        self.audit(
            &actor(viewer),
            "regie bekijken",
            &object,
            result,
            origin,
            now,
        )?;
        Ok(regie)
    }

    /// The household's lopend traject: its open handovers, oldest first, and its open case
    /// when no handover of it is open any more (the case outlives its queue items).
    pub fn household_open_tracks(&self, household_id: i64) -> Result<Vec<OpenTrack>, StoreError> {
        let rows: Vec<(i64, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, target_kind, target, created_at FROM queue_items
                 WHERE household_id = ?1 AND state <> 'afgerond' ORDER BY created_at, id",
            )?
            .query_map([household_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut tracks = rows
            .into_iter()
            .map(|(id, target_kind, target, since)| {
                Ok(OpenTrack {
                    target_kind,
                    target,
                    since: parse_time(&since, "queue_items", id)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        if tracks.is_empty()
            && let Some(case) = self.open_case(household_id)?
            && let Some(team) = case.regie_team
        {
            let (kind, target) = team.code();
            tracks.push(OpenTrack {
                target_kind: kind.to_string(),
                target: target.to_string(),
                since: case.opened_at,
            });
        }
        Ok(tracks)
    }

    fn households_named(&self, identifier: &Identifier) -> Result<Vec<i64>, StoreError> {
        let (name, postcode, house_number, phone) = match identifier {
            Identifier::NameAndAddress {
                name,
                postcode,
                house_number,
            } => (name_key(name), postcode.clone(), house_number.clone(), None),
            Identifier::Phone(phone) => (String::new(), None, None, Some(phone.clone())),
        };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT household_id FROM intakes
                 WHERE household_id IS NOT NULL
                   AND ((?4 IS NOT NULL AND phone_key = ?4)
                     OR (?1 <> '' AND name_key = ?1
                         AND (?2 IS NULL OR postcode_key = ?2)
                         AND (?3 IS NULL OR lower(replace(house_number, ' ', '')) = ?3)))
                 GROUP BY household_id ORDER BY max(id) DESC LIMIT ?5",
            )?
            .query_map(
                params![name, postcode, house_number, phone, MAX_HOUSEHOLD_MATCHES],
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?)
    }

    /// The regie of the household's open case, without auditing.
    pub(in crate::store) fn regie_contact(
        &self,
        household_id: i64,
    ) -> Result<Option<RegieContact>, StoreError> {
        let Some(case) = self.open_case(household_id)? else {
            return Ok(None);
        };
        let team = match &case.regie_team {
            Some(team) => team.label(&self.reference),
            None => self
                .household_open_tracks(household_id)?
                .first()
                .and_then(|t| Target::from_code(&t.target_kind, &t.target))
                .map_or_else(String::new, |t| t.label(&self.reference)),
        };
        // A regisseur who left (account disabled) is no one to reach: the case waits for a
        // new one.
        let regisseur = match case.regisseur {
            Some(id) => self.user_by_id(id)?.filter(|u| u.active),
            None => None,
        };
        Ok(Some(RegieContact {
            team,
            reach: regisseur
                .as_ref()
                .map(|u| u.location.clone())
                .filter(|l| !l.trim().is_empty()),
            regisseur: regisseur.map(|u| u.name),
        }))
    }

    /// "Anna de Vries, 1234 AB": the latest name and postcode known for the household, so the
    /// desk recognises it; "huishouden 12" when none is known.
    fn household_label(&self, household_id: i64) -> Result<String, StoreError> {
        let (name, postcode): (Option<String>, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT
                    (SELECT name FROM intakes WHERE household_id = ?1 AND name <> ''
                     ORDER BY id DESC LIMIT 1),
                    (SELECT postcode FROM intakes WHERE household_id = ?1 AND postcode <> ''
                     ORDER BY id DESC LIMIT 1)",
            )?
            .query_row([household_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let parts: Vec<String> = [name, postcode].into_iter().flatten().collect();
        Ok(if parts.is_empty() {
            format!("huishouden {household_id}")
        } else {
            parts.join(", ")
        })
    }
}
