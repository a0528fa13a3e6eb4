//! The household's case ("lopend traject") and its regisseur: opened by the first handover,
//! joined by the household's later questions, directed by a medewerker of the route's team who
//! took it on explicitly, handed on with a reason and accepted, closed by the regisseur (or with
//! its last item when it has no regisseur). The rules are `domain::regie`'s; every act is
//! audited with ids and fixed words only.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

mod expiry;
mod hand_on;

pub(in crate::store) use hand_on::ESCALATED;

use super::act::{Act, ActError};
use super::columns::{corrupt, parse_time, timestamp, tuple};
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::intake::Route;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::Target;
use crate::domain::regie::{self, RegieRefusal, may_direct};

/// A household's open case, as its regisseur and the professionals involved see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCase {
    pub id: i64,
    pub household_id: i64,
    /// The team whose gespreksvoerder directs it; `None` when it has no regisseur.
    pub regie_team: Option<Target>,
    pub regisseur: Option<i64>,
    pub regisseur_since: Option<DateTime<Utc>>,
    pub opened_at: DateTime<Utc>,
}

/// Regie offered to the user by a colleague, waiting for their answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegieOffer {
    pub id: i64,
    pub household_id: i64,
    /// The name of the regisseur who hands it on.
    pub from: String,
    pub team: Target,
    pub reason: String,
    pub asked_at: DateTime<Utc>,
}

/// Why an act on the regie did not happen; nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum RegieError {
    #[error(transparent)]
    Refused(#[from] RegieRefusal),
    #[error("Dit huishouden heeft geen lopend traject")]
    NoCase,
    #[error("Onbekende collega {0:?}")]
    UnknownColleague(String),
    #[error("Alleen een coördinator wijst een regisseur toe")]
    NotCoordinator,
    #[error("Deze overdracht bestaat niet of is al beantwoord")]
    NoOffer,
    /// The case has an open plan: it ends with the plan's evaluation ("afsluiten").
    #[error("Dit traject heeft een plan van aanpak; sluit het af met de evaluatie (afsluiten)")]
    OpenPlan,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for RegieError {
    fn from(e: rusqlite::Error) -> Self {
        RegieError::Store(StoreError::Sqlite(e))
    }
}

/// What a new queue item of a household becomes part of: its case, and who it is meant for.
pub(super) struct CaseLink {
    pub case_id: Option<i64>,
    pub assigned_to: Option<i64>,
}

impl Store {
    /// The household's open case, if any; what it is, not what it holds.
    pub fn open_case(&self, household_id: i64) -> Result<Option<OpenCase>, StoreError> {
        type Row = (
            i64,
            Option<String>,
            String,
            String,
            Option<i64>,
            Option<String>,
        );
        let row: Option<Row> = tuple(
            &self.conn,
            "SELECT c.id, c.regie_kind, c.regie_target, c.opened_at, h.regisseur,
                        h.regisseur_since
                   FROM cases c JOIN households h ON h.id = c.household_id
                  WHERE c.household_id = ?1 AND c.closed_at IS NULL",
            [household_id],
        )?;
        let Some((id, kind, target, opened, regisseur, since)) = row else {
            return Ok(None);
        };
        let regie_team = kind
            .map(|kind| {
                Target::from_code(&kind, &target)
                    .ok_or_else(|| corrupt("cases", id, format!("regie {kind:?} {target:?}")))
            })
            .transpose()?;
        Ok(Some(OpenCase {
            id,
            household_id,
            regie_team,
            regisseur,
            regisseur_since: since
                .map(|s| parse_time(&s, "households", household_id))
                .transpose()?,
            opened_at: parse_time(&opened, "cases", id)?,
        }))
    }

    /// The case a new handover of `household_id` belongs to, inside the save's transaction. A
    /// question of a household with an open case joins it and goes to its regisseur ("naar de
    /// regisseur"), unless the desk gave a reason for a track of its own; without an open case
    /// the handover opens one, directed by the route's team (seed 003 §3.5).
    pub(super) fn case_for_handover(
        &self,
        household_id: Option<i64>,
        route: &Route,
        leefgebieden: &[String],
        own_track_reason: &str,
        at: &str,
    ) -> Result<CaseLink, StoreError> {
        let none = CaseLink {
            case_id: None,
            assigned_to: None,
        };
        let Some(household_id) = household_id else {
            return Ok(none);
        };
        let team = regie::regie_team(route, leefgebieden);
        if let Some(case) = self.open_case(household_id)? {
            if !own_track_reason.trim().is_empty() {
                return Ok(none);
            }
            if case.regie_team.is_none()
                && let Some(team) = &team
            {
                // A meervoudige question joins an enkelvoudige track: now it has a regie team.
                let (kind, target) = team.code();
                self.conn
                    .prepare_cached(
                        "UPDATE cases SET regie_kind = ?2, regie_target = ?3 WHERE id = ?1",
                    )?
                    .execute(params![case.id, kind, target])?;
            }
            let active = match case.regisseur {
                Some(id) => self.user_by_id(id)?.filter(|u| u.active).map(|u| u.id),
                None => None,
            };
            return Ok(CaseLink {
                case_id: Some(case.id),
                assigned_to: active,
            });
        }
        let (kind, target) = match &team {
            Some(team) => {
                let (kind, target) = team.code();
                (Some(kind), target.to_string())
            }
            None => (None, String::new()),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO cases (household_id, regie_kind, regie_target, opened_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![household_id, kind, target, at])?;
        Ok(CaseLink {
            case_id: Some(self.conn.last_insert_rowid()),
            assigned_to: None,
        })
    }

    /// `user` becomes regisseur of the household's open case: an explicit act, only for a
    /// medewerker of the case's regie team, and only while it has none (or one who left, whose
    /// account is disabled). Audited.
    pub fn become_regisseur(
        &mut self,
        household_id: i64,
        user: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let act = Act::on_household(user, "regie nemen", household_id, origin, now);
        self.audited_act(act, |s| s.set_regisseur(household_id, user, now), done)
    }

    /// A coördinator makes the medewerker named `to` regisseur of the household's open case.
    pub fn assign_regisseur(
        &mut self,
        household_id: i64,
        to: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, RegieError> {
        let act = Act::on_household(by, "regisseur toewijzen", household_id, origin, now);
        let assign = |s: &Self| {
            if !policy::allows(by.role, Permission::ReassignQueue) {
                return Err(RegieError::NotCoordinator);
            }
            let colleague = s.colleague(to)?;
            s.set_regisseur(household_id, &colleague, now)?;
            Ok(colleague)
        };
        self.audited_act(act, assign, |u: &User| {
            format!("gelukt: gebruiker:{}", u.id)
        })
    }

    /// The regisseur closes the household's case: the lopend traject ends, and with it the
    /// regie and the reading along it granted.
    pub fn close_case(
        &mut self,
        household_id: i64,
        reason: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let act = Act::on_household(by, "traject afsluiten", household_id, origin, now);
        let close = |s: &Self| match s.open_case(household_id)? {
            None => Err(RegieError::NoCase),
            Some(case) if case.regisseur != Some(by.id) => Err(RegieRefusal::NotRegisseur.into()),
            Some(_) if s.open_plan_of(household_id)?.is_some() => Err(RegieError::OpenPlan),
            Some(case) => Ok(s.end_case(case.id, household_id, reason, now)?),
        };
        self.audited_act(act, close, done)
    }

    /// After an item of case `case_id` closed: a case without regisseur ends with its last
    /// open item; one with a regisseur stays open until the regisseur closes it.
    pub(super) fn close_case_if_done(
        &self,
        case_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(case_id) = case_id else {
            return Ok(());
        };
        let row: Option<(i64, Option<i64>, i64)> = self
            .conn
            .prepare_cached(
                "SELECT c.household_id, h.regisseur,
                        (SELECT count(*) FROM queue_items q
                          WHERE q.case_id = c.id AND q.state <> 'afgerond')
                   FROM cases c JOIN households h ON h.id = c.household_id
                  WHERE c.id = ?1 AND c.closed_at IS NULL",
            )?
            .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        match row {
            Some((household_id, None, 0)) => self.end_case(case_id, household_id, "", now),
            _ => Ok(()),
        }
    }

    pub(in crate::store) fn end_case(
        &self,
        case_id: i64,
        household_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let at = timestamp(now);
        let reason = crate::safe_text::typed(reason);
        self.conn
            .prepare_cached("UPDATE cases SET closed_at = ?2, close_reason = ?3 WHERE id = ?1")?
            .execute(params![case_id, at, reason.trim()])?;
        self.clear_regie(household_id)?;
        Ok(())
    }

    /// The household's open case ends: no regisseur any more, and nobody reads along. Returns
    /// how many colleagues read along.
    pub(in crate::store) fn clear_regie(&self, household_id: i64) -> Result<u64, StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE households SET regisseur = NULL, regisseur_since = NULL WHERE id = ?1",
            )?
            .execute([household_id])?;
        Ok(self
            .conn
            .prepare_cached("DELETE FROM household_readers WHERE household_id = ?1")?
            .execute([household_id])? as u64)
    }

    fn set_regisseur(
        &self,
        household_id: i64,
        user: &User,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let case = self.open_case(household_id)?.ok_or(RegieError::NoCase)?;
        // A regisseur who left (account disabled) directs nothing: the case needs a new one,
        // and only the coördinator or the team can give it one.
        let current = match case.regisseur {
            Some(id) => self.user_by_id(id)?.filter(|u| u.active),
            None => None,
        };
        if let Some(current) = current {
            return Err(RegieRefusal::AlreadyRegisseur(current.name).into());
        }
        let team = case
            .regie_team
            .as_ref()
            .map(|t| t.case_team(&self.reference));
        may_direct(user, team.as_ref())?;
        self.write_regisseur(&case, user.id, now)?;
        Ok(())
    }

    /// Makes `user_id` the case's regisseur: open items of the case that nobody holds are then
    /// meant for them.
    pub(super) fn write_regisseur(
        &self,
        case: &OpenCase,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE households SET regisseur = ?2, regisseur_since = ?3 WHERE id = ?1",
            )?
            .execute(params![case.household_id, user_id, timestamp(now)])?;
        self.conn
            .prepare_cached(
                "UPDATE queue_items SET assigned_to = ?2
                  WHERE case_id = ?1 AND state IN ('nieuw', 'teruggelegd', 'doorgestuurd')",
            )?
            .execute(params![case.id, user_id])?;
        Ok(())
    }

    /// The active user named `name`, or [`RegieError::UnknownColleague`].
    pub(super) fn colleague(&self, name: &str) -> Result<User, RegieError> {
        self.user(name)?
            .ok_or_else(|| RegieError::UnknownColleague(name.trim().to_string()))
    }
}

/// The audit result of an act that returns nothing to name.
fn done(_: &()) -> String {
    "gelukt".to_string()
}

impl ActError for RegieError {
    fn is_store_failure(&self) -> bool {
        matches!(self, RegieError::Store(_))
    }

    fn audit_code(&self) -> String {
        refusal_code(self)
    }
}

/// The audit code of a refusal: fixed words, never a name or a reason typed.
pub(super) fn refusal_code(error: &RegieError) -> String {
    let why = match error {
        RegieError::Refused(RegieRefusal::NoRegieTeam) => "geen regieteam",
        RegieError::Refused(RegieRefusal::NotAProfessional(_)) => "geen medewerker",
        RegieError::Refused(RegieRefusal::OtherTeam { .. }) => "ander team",
        RegieError::Refused(RegieRefusal::Disabled(_)) => "uitgeschakeld",
        RegieError::Refused(RegieRefusal::NoReason) => "geen reden",
        RegieError::Refused(RegieRefusal::NotRegisseur) => "geen regisseur",
        RegieError::Refused(RegieRefusal::AlreadyRegisseur(_)) => "heeft al een regisseur",
        RegieError::NoCase => "geen lopend traject",
        RegieError::UnknownColleague(_) => "onbekende collega",
        RegieError::NotCoordinator => "geen coördinator",
        RegieError::NoOffer => "geen openstaande overdracht",
        RegieError::OpenPlan => "plan van aanpak loopt",
        RegieError::Store(_) => "fout",
    };
    format!("geweigerd: {why}")
}
