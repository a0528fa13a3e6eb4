//! Need-to-know at the door of every personal record: who is involved in a case is read here
//! and the policy module decides. Every look is audited, granted or refused; a refusal reads
//! the same to everyone ("Je hebt geen toegang tot dit dossier").
//!
//! "Meelezen": the regisseur of a household may let named colleagues read its case.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::columns::{parse_time, timestamp, tuple};
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::policy::{self, CaseFacts, Grant, Privacy};
use crate::domain::queue::Target;

/// Why a case could not be shared.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("Alleen de regisseur van dit huishouden kan het dossier delen")]
    NotRegisseur,
    #[error("Onbekende collega {0:?}")]
    UnknownColleague(String),
    #[error("{0} kan geen dossiers meelezen (alleen medewerkers en coördinatoren)")]
    NotAReader(String),
    #[error("{0} is uitgeschakeld")]
    Disabled(String),
    #[error("Dit item hoort niet bij een huishouden; er valt niets te delen")]
    NoHousehold,
    #[error("De inwoner gaf geen toestemming om gegevens te delen; meelezen kan daarom niet")]
    NoConsent,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ShareError {
    fn from(e: rusqlite::Error) -> Self {
        ShareError::Store(StoreError::Sqlite(e))
    }
}

/// A colleague who reads along, and who shared the case with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReader {
    pub user_id: i64,
    pub name: String,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
}

/// How the audit log names a user: by id, never by name.
pub fn actor(user: &User) -> String {
    format!("gebruiker:{}", user.id)
}

impl Store {
    /// Sets the configurable part of need-to-know (from `config.toml`).
    pub fn set_privacy(&mut self, privacy: Privacy) {
        self.privacy = privacy;
    }

    /// Who is involved in the case of intake `intake_id`; `None` when there is no such intake.
    fn case_facts(
        &self,
        intake_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<CaseFacts>, StoreError> {
        type Row = (
            i64,
            String,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<i64>,
            bool,
        );
        let row: Option<Row> = tuple(
            &self.conn,
            "SELECT i.user_id, i.created_at, i.household_id, h.regisseur,
                        q.target_kind, q.target, q.team, q.claimed_by, q.assigned_to, i.consent
                   FROM intakes i
                   LEFT JOIN households h ON h.id = i.household_id
                   LEFT JOIN queue_items q ON q.intake_id = i.id
                  WHERE i.id = ?1
                  ORDER BY q.id DESC LIMIT 1",
            [intake_id],
        )?;
        let Some((
            author,
            taken,
            household,
            regisseur,
            kind,
            target,
            team,
            claimed,
            assigned,
            consent,
        )) = row
        else {
            return Ok(None);
        };
        let team = kind
            .zip(target)
            .and_then(|(kind, target)| Target::from_code(&kind, &target))
            .map(|target| target.item_team(team, &self.reference));
        let readers = match household {
            Some(id) => self
                .conn
                .prepare_cached(
                    "SELECT user_id FROM household_readers
                      WHERE household_id = ?1 AND (until IS NULL OR until > ?2)",
                )?
                .query_map(params![id, timestamp(now)], |r| r.get(0))?
                .collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        Ok(Some(CaseFacts {
            author: Some((author, parse_time(&taken, "intakes", intake_id)?)),
            team,
            claimed_by: claimed,
            assigned_to: assigned,
            regisseur,
            readers,
            consent,
        }))
    }

    /// Whether `viewer` may read the case of intake `intake_id`, without auditing: for screens
    /// that decide what to offer. `None` when there is no such intake.
    pub fn case_grant(
        &self,
        intake_id: i64,
        viewer: &User,
        now: DateTime<Utc>,
    ) -> Result<Option<Result<Grant, policy::Refusal>>, StoreError> {
        Ok(self
            .case_facts(intake_id, now)?
            .map(|facts| policy::may_read_case(viewer, &facts, now, self.privacy)))
    }

    /// The door of a personal record: audits the look at `object` as `action` with its ground
    /// ("gelukt: team") or its refusal, and returns [`StoreError::NoAccess`] when refused.
    /// Returns the ground; a missing intake is audited as "niet gevonden" and reads as `None`.
    pub(super) fn enter_case(
        &self,
        intake_id: i64,
        viewer: &User,
        action: &str,
        object: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Grant>, StoreError> {
        let decision = self.case_grant(intake_id, viewer, now)?;
        let result = match decision {
            None => "niet gevonden".to_string(),
            Some(Ok(grant)) => format!("gelukt: {}", grant.code()),
            Some(Err(refusal)) => refusal.code().to_string(),
        };
        self.audit(&actor(viewer), action, object, &result, origin, now)?;
        decision
            .transpose()
            .map_err(|_refusal| StoreError::NoAccess)
    }

    /// Lets `reader_name` read the household's case ("meelezen"). Only the household's
    /// regisseur shares, and only with colleagues who read involved cases. Audited.
    pub fn share_case(
        &mut self,
        household_id: Option<i64>,
        reader_name: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, ShareError> {
        let household_id = household_id.ok_or(ShareError::NoHousehold)?;
        if !policy::may_share(by, self.regisseur(household_id)?) {
            self.audit(
                &actor(by),
                "dossier delen",
                &format!("huishouden:{household_id}"),
                "geweigerd: geen regisseur",
                origin,
                now,
            )?;
            return Err(ShareError::NotRegisseur);
        }
        if !self.household_consent(household_id)? {
            self.audit(
                &actor(by),
                "dossier delen",
                &format!("huishouden:{household_id}"),
                "geweigerd: geen toestemming inwoner",
                origin,
                now,
            )?;
            return Err(ShareError::NoConsent);
        }
        let reader = self
            .user(reader_name)?
            .ok_or_else(|| ShareError::UnknownColleague(reader_name.trim().to_string()))?;
        if !reader.active {
            return Err(ShareError::Disabled(reader.name));
        }
        if !policy::may_be_reader(reader.role) {
            return Err(ShareError::NotAReader(reader.name));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO household_readers (household_id, user_id, granted_by, granted_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![household_id, reader.id, by.id, timestamp(now)])?;
        self.audit(
            &actor(by),
            "dossier delen",
            &format!("huishouden:{household_id}"),
            &format!("gelukt: meelezer gebruiker:{}", reader.id),
            origin,
            now,
        )?;
        Ok(reader)
    }

    /// Ends a colleague's reading along. Only the regisseur does this. Audited.
    pub fn stop_sharing(
        &mut self,
        household_id: i64,
        reader_id: i64,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ShareError> {
        if !policy::may_share(by, self.regisseur(household_id)?) {
            return Err(ShareError::NotRegisseur);
        }
        self.conn
            .prepare_cached(
                "DELETE FROM household_readers WHERE household_id = ?1 AND user_id = ?2",
            )?
            .execute(params![household_id, reader_id])?;
        self.audit(
            &actor(by),
            "delen beëindigen",
            &format!("huishouden:{household_id}"),
            &format!("gelukt: meelezer gebruiker:{reader_id}"),
            origin,
            now,
        )?;
        Ok(())
    }

    /// The colleagues reading along with the household's case, by name.
    pub fn case_readers(&self, household_id: i64) -> Result<Vec<CaseReader>, StoreError> {
        let rows: Vec<(i64, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT r.user_id, u.name, g.name, r.granted_at
                   FROM household_readers r
                   JOIN users u ON u.id = r.user_id
                   JOIN users g ON g.id = r.granted_by
                  WHERE r.household_id = ?1 ORDER BY u.name",
            )?
            .query_map([household_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(user_id, name, granted_by, at)| {
                Ok(CaseReader {
                    user_id,
                    name,
                    granted_by,
                    granted_at: parse_time(&at, "household_readers", household_id)?,
                })
            })
            .collect()
    }

    /// Whether the resident agreed to share, as they last said it (the household's newest
    /// intake).
    pub(super) fn household_consent(&self, household_id: i64) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT consent FROM intakes WHERE household_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([household_id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }

    fn regisseur(&self, household_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT regisseur FROM households WHERE id = ?1")?
            .query_row([household_id], |r| r.get(0))
            .optional()?
            .flatten())
    }
}
