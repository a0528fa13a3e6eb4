//! Regie handed on and escalated. Seed 002: the regisseur stays "vanaf het eerste moment …
//! Tenzij blijkt dat het probleem om een andere expertise vraagt, of als er geen klik is …
//! In dat geval gaat de regisseur samen met het gezin op zoek naar een passende regisseur";
//! and "dan schaalt de regisseur op naar het expertiseteam". Both are the regisseur's acts,
//! with a reason; the reason stays out of the audit log.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::super::act::Act;
use super::super::columns::{corrupt, parse_time, timestamp, tuples};
use super::super::{Store, StoreError};
use super::{RegieError, RegieOffer};
use crate::domain::account::User;
use crate::domain::queue::{QueueState, Target};
use crate::domain::regie::{self, Escalation, FORMER_REGISSEUR_READ, HandOn, may_direct};

/// The queue history's action of an escalation to the Expertiseteam; the report counts them.
pub(in crate::store) const ESCALATED: &str = "opgeschaald";

impl Store {
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
        let act = Act::on_household(by, "regie overdragen", household_id, origin, now);
        let offer = |s: &Self| s.offer_regie(household_id, to, team, reason, by, now);
        self.audited_act(act, offer, |id| format!("gelukt: overdracht {id}"))
    }

    /// The regie offers waiting for `user`'s answer, oldest first.
    pub fn regie_offers(&self, user: &User) -> Result<Vec<RegieOffer>, StoreError> {
        type Row = (i64, i64, String, String, String, String, String);
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT o.id, c.household_id, u.name, o.regie_kind, o.regie_target, o.reason,
                        o.asked_at
                   FROM regie_handovers o
                   JOIN cases c ON c.id = o.case_id
                   JOIN users u ON u.id = o.from_user
                  WHERE o.to_user = ?1 AND o.answered_at IS NULL AND c.closed_at IS NULL
                  ORDER BY o.id",
            [user.id],
        )?;
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
        let act = Act {
            by,
            action: "regie aanvaarden",
            object: format!("regie-overdracht:{offer_id}"),
            origin,
            now,
        };
        let settle = |s: &Self| s.settle_offer(offer_id, accept, former_may_read, by, now);
        let answered = match (accept, former_may_read) {
            (true, true) => "gelukt: aanvaard, oud-regisseur leest mee",
            (true, false) => "gelukt: aanvaard",
            (false, _) => "gelukt: geweigerd",
        };
        self.audited_act(act, settle, |()| answered.to_string())
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
        let act = Act::on_household(by, "regie opschalen", household_id, origin, now);
        let escalate = |s: &Self| s.escalate_in(household_id, escalation, by, now);
        self.audited_act(act, escalate, |item| format!("gelukt: queue:{item}"))
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
            team: team.case_team(&self.reference),
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
            may_direct(by, Some(&offer.team.case_team(&self.reference)))?;
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

    pub(in crate::store) fn escalate_in(
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
        let team = Target::Expertiseteam.label(&self.reference);
        self.conn
            .prepare_cached(
                "INSERT INTO queue_items (intake_id, household_id, kind, target_kind, target,
                    team, urgentie, created_at, case_id)
                 VALUES (?1, ?2, 'doorverwijzing', ?3, ?4, ?5, 'normaal', ?6, ?7)",
            )?
            .execute(params![
                intake,
                household_id,
                kind,
                target,
                team,
                at,
                case.id
            ])?;
        let item = self.conn.last_insert_rowid();
        let reason = crate::safe_text::typed(&escalation.reason);
        let nieuw = QueueState::Nieuw;
        self.append_history(item, &at, by.id, ESCALATED, nieuw, nieuw, reason.trim())?;
        Ok(item)
    }
}
