//! The household's regie cases in the resident's copy (inzage): who directs or directed them,
//! when they opened and closed, regie handed on and opschalingen, with the reasons typed.
//!
//! Regisseurs are named, where other colleagues appear by role and desk: the regisseur is the
//! resident's one aanspreekpunt (seed 003 §3.5, S001's "1 contactpersoon"), whose name every
//! desk that finds the household may already see (issue 17), and a hand-on is chosen together
//! with the family (seed 002).

use std::collections::HashMap;

use serde::Serialize;

use super::super::columns::tuples;
use super::super::{Store, StoreError};
use crate::domain::queue::Target;

/// A regisseur, past, present or offered, as the resident knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisseurRecord {
    pub name: String,
    /// Where to reach them: their desk.
    pub location: String,
}

/// One case ("lopend traject") of the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    pub id: i64,
    pub opened_at: String,
    pub closed_at: Option<String>,
    /// Why the regisseur closed it; empty when it closed with its last item.
    pub close_reason: String,
    /// The team whose gespreksvoerder directs it ("Loket Wonen"); `None` without regie.
    pub regie_team: Option<String>,
    /// Who directs it now; only an open case has a regisseur.
    pub regisseur: Option<RegisseurRecord>,
    pub regisseur_since: Option<String>,
    /// Regie offered to a colleague, oldest first, answered or not.
    pub hand_ons: Vec<HandOnRecord>,
    /// The Expertiseteam asked in by the regisseur, oldest first.
    pub escalations: Vec<EscalationRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandOnRecord {
    pub from: Option<RegisseurRecord>,
    pub to: Option<RegisseurRecord>,
    /// The team the case goes to with the new regisseur.
    pub team: String,
    pub reason: String,
    pub asked_at: String,
    pub answered_at: Option<String>,
    /// `None` while the colleague has not answered.
    pub accepted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationRecord {
    pub at: String,
    pub reason: String,
    /// The queue item it made at the Expertiseteam.
    pub queue_item: i64,
}

impl Store {
    /// Every case of household `household_id`, oldest first, inside the export's snapshot.
    pub(super) fn export_cases(
        &self,
        household_id: i64,
        regisseur: Option<i64>,
        regisseur_since: Option<&str>,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        let names = self.regisseur_names()?;
        let person = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned());
        type Row = (i64, String, Option<String>, String, Option<String>, String);
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT id, opened_at, closed_at, close_reason, regie_kind, regie_target
               FROM cases WHERE household_id = ?1 ORDER BY id",
            [household_id],
        )?;
        let mut cases = Vec::with_capacity(rows.len());
        for (id, opened_at, closed_at, close_reason, kind, target) in rows {
            let open = closed_at.is_none();
            cases.push(CaseRecord {
                id,
                opened_at,
                closed_at,
                close_reason,
                regie_team: kind.map(|kind| self.team_label(&kind, &target)),
                regisseur: person(regisseur.filter(|_| open)),
                regisseur_since: regisseur_since.filter(|_| open).map(str::to_string),
                hand_ons: self.export_hand_ons(id, &person)?,
                escalations: self.export_escalations(id)?,
            });
        }
        Ok(cases)
    }

    fn export_hand_ons(
        &self,
        case_id: i64,
        person: &dyn Fn(Option<i64>) -> Option<RegisseurRecord>,
    ) -> Result<Vec<HandOnRecord>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<bool>,
        );
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT from_user, to_user, regie_kind, regie_target, reason, asked_at, answered_at,
                    accepted
               FROM regie_handovers WHERE case_id = ?1 ORDER BY id",
            [case_id],
        )?;
        Ok(rows
            .into_iter()
            .map(
                |(from, to, kind, target, reason, asked_at, answered_at, accepted)| HandOnRecord {
                    from: person(Some(from)),
                    to: person(Some(to)),
                    team: self.team_label(&kind, &target),
                    reason,
                    asked_at,
                    answered_at,
                    accepted,
                },
            )
            .collect())
    }

    fn export_escalations(&self, case_id: i64) -> Result<Vec<EscalationRecord>, StoreError> {
        let rows: Vec<(String, String, i64)> = tuples(
            &self.conn,
            "SELECT h.at, h.note, h.item_id FROM queue_history h
               JOIN queue_items q ON q.id = h.item_id
              WHERE q.case_id = ?1 AND h.action = 'opgeschaald'
              ORDER BY h.id",
            [case_id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(at, reason, queue_item)| EscalationRecord {
                at,
                reason,
                queue_item,
            })
            .collect())
    }

    /// The team as the desks name it; the stored codes should a code be unknown.
    fn team_label(&self, kind: &str, target: &str) -> String {
        Target::from_code(kind, target).map_or_else(
            || format!("{kind} {target}").trim().to_string(),
            |team| team.label(&self.reference),
        )
    }

    /// Name and desk of every user, for the regisseurs only.
    fn regisseur_names(&self) -> Result<HashMap<i64, RegisseurRecord>, StoreError> {
        let rows: Vec<(i64, String, String)> =
            tuples(&self.conn, "SELECT id, name, location FROM users", [])?;
        Ok(rows
            .into_iter()
            .map(|(id, name, location)| (id, RegisseurRecord { name, location }))
            .collect())
    }
}
