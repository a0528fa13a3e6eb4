//! The household's case ("lopend traject") and its regisseur: opened by the first handover,
//! joined by the household's later questions, directed by a medewerker of the route's team who
//! took it on explicitly, handed on with a reason and accepted, closed by the regisseur (or with
//! its last item when it has no regisseur). The rules are `domain::regie`'s; every act is
//! audited with ids and fixed words only.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::access::actor;
use super::columns::{corrupt, parse_time, timestamp};
use super::{Store, StoreError};
use crate::domain::Leefgebieden;
use crate::domain::account::User;
use crate::domain::intake::Route;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::Target;
use crate::domain::regie::{
    self, Escalation, FORMER_REGISSEUR_READ, HandOn, RegieRefusal, may_direct,
};

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
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.regie_kind, c.regie_target, c.opened_at, h.regisseur,
                        h.regisseur_since
                   FROM cases c JOIN households h ON h.id = c.household_id
                  WHERE c.household_id = ?1 AND c.closed_at IS NULL",
            )?
            .query_row([household_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .optional()?;
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
    /// medewerker of the case's regie team, and only while it has none. Audited.
    pub fn become_regisseur(
        &mut self,
        household_id: i64,
        user: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let tx = self.regie_write()?;
        let result = self.set_regisseur(household_id, user, now);
        self.audit_regie(user, "regie nemen", household_id, &result, origin, now)?;
        finish(tx, result)
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
        let tx = self.regie_write()?;
        let result = if policy::allows(by.role, Permission::ReassignQueue) {
            self.colleague(to).and_then(|colleague| {
                self.set_regisseur(household_id, &colleague, now)
                    .map(|()| colleague)
            })
        } else {
            Err(RegieError::NotCoordinator)
        };
        let code = match &result {
            Ok(colleague) => format!("gelukt: gebruiker:{}", colleague.id),
            Err(e) => refusal_code(e),
        };
        let object = format!("huishouden:{household_id}");
        self.audit(
            &actor(by),
            "regisseur toewijzen",
            &object,
            &code,
            origin,
            now,
        )?;
        finish(tx, result)
    }

    /// The regisseur offers regie to the colleague named `to`, for the case in `team`, with a
    /// reason (seed 002: "andere expertise", "geen klik", chosen with the family). Regie moves
    /// only when the colleague accepts ([`Store::answer_regie_offer`]). Returns the offer's id.
    #[allow(clippy::too_many_arguments)]
    pub fn hand_on_regie(
        &mut self,
        household_id: i64,
        to: &str,
        team: &Target,
        reason: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, RegieError> {
        let tx = self.regie_write()?;
        let result = self.offer_regie(household_id, to, team, reason, by, now);
        let object = format!("huishouden:{household_id}");
        let code = match &result {
            Ok(id) => format!("gelukt: overdracht {id}"),
            Err(e) => refusal_code(e),
        };
        self.audit(&actor(by), "regie overdragen", &object, &code, origin, now)?;
        finish(tx, result)
    }

    /// The regie offers waiting for `user`'s answer, oldest first.
    pub fn regie_offers(&self, user: &User) -> Result<Vec<RegieOffer>, StoreError> {
        type Row = (i64, i64, String, String, String, String, String);
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT o.id, c.household_id, u.name, o.regie_kind, o.regie_target, o.reason,
                        o.asked_at
                   FROM regie_handovers o
                   JOIN cases c ON c.id = o.case_id
                   JOIN users u ON u.id = o.from_user
                  WHERE o.to_user = ?1 AND o.answered_at IS NULL AND c.closed_at IS NULL
                  ORDER BY o.id",
            )?
            .query_map([user.id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, household_id, from, kind, target, reason, at)| {
                Ok(RegieOffer {
                    id,
                    household_id,
                    from,
                    team: Target::from_code(&kind, &target)
                        .ok_or_else(|| corrupt("regie_handovers", id, format!("team {kind:?}")))?,
                    reason,
                    asked_at: parse_time(&at, "regie_handovers", id)?,
                })
            })
            .collect()
    }

    /// The colleague answers an offer. Accepting makes them regisseur of the case in the
    /// offered team; `former_may_read` lets the one who handed it on read the case for
    /// [`FORMER_REGISSEUR_READ`] more. Declining leaves the regie where it was. Audited.
    pub fn answer_regie_offer(
        &mut self,
        offer_id: i64,
        accept: bool,
        former_may_read: bool,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let tx = self.regie_write()?;
        let result = self.settle_offer(offer_id, accept, former_may_read, by, now);
        let code = match (&result, accept) {
            (Ok(()), true) if former_may_read => "gelukt: aanvaard, oud-regisseur leest mee".into(),
            (Ok(()), true) => "gelukt: aanvaard".to_string(),
            (Ok(()), false) => "gelukt: geweigerd".to_string(),
            (Err(e), _) => refusal_code(e),
        };
        let object = format!("regie-overdracht:{offer_id}");
        self.audit(&actor(by), "regie aanvaarden", &object, &code, origin, now)?;
        finish(tx, result)
    }

    /// Opschaling: the regisseur asks the Expertiseteam in, with a reason. A referral to the
    /// Expertiseteam joins the case (from its latest intake); the regisseur stays. Returns the
    /// new queue item's id.
    pub fn escalate(
        &mut self,
        household_id: i64,
        escalation: &Escalation,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, RegieError> {
        let tx = self.regie_write()?;
        let result = self.escalate_in(household_id, escalation, by, now);
        let code = match &result {
            Ok(item) => format!("gelukt: queue:{item}"),
            Err(e) => refusal_code(e),
        };
        let object = format!("huishouden:{household_id}");
        self.audit(&actor(by), "regie opschalen", &object, &code, origin, now)?;
        finish(tx, result)
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
        let tx = self.regie_write()?;
        let result = match self.open_case(household_id)? {
            None => Err(RegieError::NoCase),
            Some(case) if case.regisseur != Some(by.id) => {
                Err(RegieError::Refused(RegieRefusal::NotRegisseur))
            }
            Some(case) => self
                .end_case(case.id, household_id, reason, now)
                .map_err(Into::into),
        };
        self.audit_regie(by, "traject afsluiten", household_id, &result, origin, now)?;
        finish(tx, result)
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

    fn end_case(
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
        self.conn
            .prepare_cached(
                "UPDATE households SET regisseur = NULL, regisseur_since = NULL WHERE id = ?1",
            )?
            .execute([household_id])?;
        self.conn
            .prepare_cached("DELETE FROM household_readers WHERE household_id = ?1")?
            .execute([household_id])?;
        Ok(())
    }

    fn set_regisseur(
        &self,
        household_id: i64,
        user: &User,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let case = self.open_case(household_id)?.ok_or(RegieError::NoCase)?;
        if let Some(current) = case.regisseur {
            let name = self
                .user_by_id(current)?
                .map_or_else(String::new, |u| u.name);
            return Err(RegieRefusal::AlreadyRegisseur(name).into());
        }
        let team = case
            .regie_team
            .as_ref()
            .map(|t| t.case_team(&Leefgebieden::builtin()));
        may_direct(user, team.as_ref())?;
        self.write_regisseur(&case, user.id, now)?;
        Ok(())
    }

    /// Makes `user_id` the case's regisseur: open items of the case that nobody holds are then
    /// meant for them.
    fn write_regisseur(
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

    fn offer_regie(
        &self,
        household_id: i64,
        to: &str,
        team: &Target,
        reason: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<i64, RegieError> {
        let case = self.open_case(household_id)?.ok_or(RegieError::NoCase)?;
        let colleague = self.colleague(to)?;
        let reason = crate::safe_text::typed(reason).trim().to_string();
        let hand_on = HandOn {
            to: colleague,
            team: team.case_team(&Leefgebieden::builtin()),
            reason,
        };
        regie::check_hand_on(by, case.regisseur, &hand_on)?;
        let (kind, target) = team.code();
        self.conn
            .prepare_cached(
                "INSERT INTO regie_handovers (case_id, from_user, to_user, regie_kind,
                    regie_target, reason, asked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                case.id,
                by.id,
                hand_on.to.id,
                kind,
                target,
                hand_on.reason,
                timestamp(now)
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    fn settle_offer(
        &self,
        offer_id: i64,
        accept: bool,
        former_may_read: bool,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(), RegieError> {
        let offer = self
            .regie_offers(by)?
            .into_iter()
            .find(|o| o.id == offer_id)
            .ok_or(RegieError::NoOffer)?;
        let case = self
            .open_case(offer.household_id)?
            .ok_or(RegieError::NoCase)?;
        let from: Option<i64> = self
            .conn
            .prepare_cached("SELECT from_user FROM regie_handovers WHERE id = ?1")?
            .query_row([offer_id], |r| r.get(0))
            .optional()?;
        if accept {
            if case.regisseur != from {
                // The one who offered is no longer the regisseur: the offer lapsed.
                return Err(RegieError::NoOffer);
            }
            may_direct(by, Some(&offer.team.case_team(&Leefgebieden::builtin())))?;
            let (kind, target) = offer.team.code();
            self.conn
                .prepare_cached(
                    "UPDATE cases SET regie_kind = ?2, regie_target = ?3 WHERE id = ?1",
                )?
                .execute(params![case.id, kind, target])?;
            self.write_regisseur(&case, by.id, now)?;
            if let Some(former) = from.filter(|_| former_may_read) {
                self.conn
                    .prepare_cached(
                        "INSERT INTO household_readers (household_id, user_id, granted_by,
                            granted_at, until)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT DO UPDATE SET granted_by = ?3, granted_at = ?4,
                            until = ?5",
                    )?
                    .execute(params![
                        case.household_id,
                        former,
                        by.id,
                        timestamp(now),
                        timestamp(now + FORMER_REGISSEUR_READ)
                    ])?;
            }
        }
        self.conn
            .prepare_cached(
                "UPDATE regie_handovers SET answered_at = ?2, accepted = ?3 WHERE id = ?1",
            )?
            .execute(params![offer_id, timestamp(now), accept])?;
        Ok(())
    }

    fn escalate_in(
        &self,
        household_id: i64,
        escalation: &Escalation,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<i64, RegieError> {
        let case = self.open_case(household_id)?.ok_or(RegieError::NoCase)?;
        regie::check_escalation(by, case.regisseur, escalation)?;
        let intake: i64 = self
            .conn
            .prepare_cached("SELECT max(id) FROM intakes WHERE household_id = ?1")?
            .query_row([household_id], |r| r.get::<_, Option<i64>>(0))?
            .ok_or(RegieError::NoCase)?;
        let at = timestamp(now);
        let (kind, target) = Target::Expertiseteam.code();
        self.conn
            .prepare_cached(
                "INSERT INTO queue_items (intake_id, household_id, kind, target_kind, target,
                    urgentie, created_at, case_id)
                 VALUES (?1, ?2, 'doorverwijzing', ?3, ?4, 'normaal', ?5, ?6)",
            )?
            .execute(params![intake, household_id, kind, target, at, case.id])?;
        let item = self.conn.last_insert_rowid();
        let reason = crate::safe_text::typed(&escalation.reason);
        self.conn
            .prepare_cached(
                "INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state,
                    note)
                 VALUES (?1, ?2, ?3, 'opgeschaald', 'nieuw', 'nieuw', ?4)",
            )?
            .execute(params![item, at, by.id, reason.trim()])?;
        Ok(item)
    }

    /// The active user named `name`, or [`RegieError::UnknownColleague`].
    fn colleague(&self, name: &str) -> Result<User, RegieError> {
        self.user(name)?
            .ok_or_else(|| RegieError::UnknownColleague(name.trim().to_string()))
    }

    /// One immediate write transaction per act, so its check and its change see one state.
    fn regie_write(&self) -> Result<Transaction<'_>, StoreError> {
        Ok(Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        )?)
    }

    fn audit_regie(
        &self,
        by: &User,
        action: &str,
        household_id: i64,
        result: &Result<(), RegieError>,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let code = match result {
            Ok(()) => "gelukt".to_string(),
            Err(e) => refusal_code(e),
        };
        let object = format!("huishouden:{household_id}");
        self.audit(&actor(by), action, &object, &code, origin, now)
    }
}

/// Commits the act and its audit row, unless the store failed half-way: then nothing of it
/// stays.
fn finish<T>(tx: Transaction<'_>, result: Result<T, RegieError>) -> Result<T, RegieError> {
    if !matches!(result, Err(RegieError::Store(_))) {
        tx.commit()?;
    }
    result
}

/// The audit code of a refusal: fixed words, never a name or a reason typed.
fn refusal_code(error: &RegieError) -> String {
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
        RegieError::Store(_) => "fout",
    };
    format!("geweigerd: {why}")
}
