//! Reading plans back: one plan with every version, task and evaluation (audited, need-to-know
//! enforced), the signed-in professional's plans, and the plan work of a regisseur's wachtrij.
//! Lists hold ids, statuses and dates only.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::super::access::actor;
use super::super::columns::{corrupt, parse_time, tuples};
use super::super::privacy::RegisseurRecord;
use super::super::{Store, StoreError};
use super::{HandoverRecord, PlanError, parse_code, today};
use crate::domain::account::User;
use crate::domain::plan::{
    Answer, DecisionRecord, Evaluation, OpenTask, PlanContent, PlanFacts, PlanStatus, PlanWork,
    TaskKind, VersionState, plan_work,
};
use crate::domain::policy;
use crate::domain::queue::Target;

/// One version of the plan, as it was made and answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRecord {
    pub number: i64,
    pub content: PlanContent,
    /// The regisseur who made it, by name: the resident's one aanspreekpunt.
    pub made_by: String,
    pub made_at: DateTime<Utc>,
    pub state: VersionState,
    pub answer: Option<Answer>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRecord {
    pub id: i64,
    pub kind: TaskKind,
    /// The arrangement line it is for; `None` for a voorziening outside the plan.
    pub line: Option<u32>,
    pub voorziening: String,
    pub team: String,
    pub created_at: DateTime<Utc>,
    pub decision: Option<DecisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationRecord {
    pub made_by: String,
    pub made_at: DateTime<Utc>,
    pub evaluation: Evaluation,
}

/// A plan with all it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanView {
    pub id: i64,
    pub household_id: i64,
    pub status: PlanStatus,
    pub evaluation_on: NaiveDate,
    pub progress_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub outcome: String,
    /// The team whose gespreksvoerder directs the case ("Loket Wonen").
    pub regie_team: Option<String>,
    /// Who directs it, and where to reach them; for a closed plan, who closed it.
    pub regisseur: Option<RegisseurRecord>,
    /// Oldest first; the last is the one in force.
    pub versions: Vec<VersionRecord>,
    pub tasks: Vec<TaskRecord>,
    pub evaluations: Vec<EvaluationRecord>,
    /// The warme overdracht of the agreed lines, by line id.
    pub handovers: Vec<HandoverRecord>,
}

impl PlanView {
    pub fn latest(&self) -> &VersionRecord {
        self.versions.last().expect("a plan has a first version")
    }

    /// The warme overdracht of arrangement line `line`, if recorded.
    pub fn handover(&self, line: u32) -> Option<&HandoverRecord> {
        self.handovers.iter().find(|h| h.line == line)
    }

    /// The latest version both agreed to, if any.
    pub fn agreed(&self) -> Option<&VersionRecord> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.state == VersionState::Akkoord)
    }
}

/// An open case with a regisseur and no plan yet: where a plan can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseWithoutPlan {
    pub household_id: i64,
    pub regisseur: i64,
    pub regisseur_since: DateTime<Utc>,
    /// The leefgebieden of the case's questions.
    pub leefgebieden: Vec<String>,
}

/// A plan as `loket plan list` shows it: no names, no contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub id: i64,
    pub household_id: i64,
    pub status: PlanStatus,
    pub evaluation_on: NaiveDate,
}

impl Store {
    /// Plan `plan_id` as `viewer` may read it (the regisseur, the case's team, colleagues
    /// reading along; never volunteers or the KCC). Audited as "plan bekijken", granted or
    /// refused.
    pub fn plan(
        &self,
        plan_id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<PlanView, PlanError> {
        let audit = |result: &str| {
            let object = format!("plan:{plan_id}");
            self.audit(
                &actor(viewer),
                "plan bekijken",
                &object,
                result,
                origin,
                now,
            )
        };
        let row = match self.plan_row(plan_id) {
            Err(PlanError::UnknownPlan(id)) => {
                audit("niet gevonden")?;
                return Err(PlanError::UnknownPlan(id));
            }
            other => other?,
        };
        let access = self.plan_access(row.case_id, row.household_id, now)?;
        match policy::may_read_plan(viewer, &access) {
            Ok(grant) => {
                let tx = self.conn.unchecked_transaction()?;
                let plan = self.read_plan(plan_id)?;
                tx.commit()?;
                audit(&format!("gelukt: {}", grant.code()))?;
                Ok(plan)
            }
            Err(refusal) => {
                audit(refusal.code())?;
                Err(PlanError::NoAccess(refusal))
            }
        }
    }

    /// The open cases that have a regisseur and no plan yet, oldest regie first: ids, dates
    /// and codes only (for the demo generator, which makes their plans).
    pub fn cases_without_plan(&self) -> Result<Vec<CaseWithoutPlan>, StoreError> {
        let rows: Vec<(i64, i64, i64, String)> = tuples(
            &self.conn,
            "SELECT c.id, c.household_id, h.regisseur, h.regisseur_since
               FROM cases c JOIN households h ON h.id = c.household_id
              WHERE c.closed_at IS NULL AND h.regisseur IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.case_id = c.id)
              ORDER BY h.regisseur_since, c.id",
            [],
        )?;
        rows.into_iter()
            .map(|(case, household_id, regisseur, since)| {
                Ok(CaseWithoutPlan {
                    household_id,
                    regisseur,
                    regisseur_since: parse_time(&since, "households", household_id)?,
                    leefgebieden: self.case_leefgebieden(case)?,
                })
            })
            .collect()
    }

    /// The id of the plan of the household's open case, if it has one: existence only.
    pub fn open_plan_of(&self, household_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT p.id FROM plans p JOIN cases c ON c.id = p.case_id
                  WHERE p.household_id = ?1 AND c.closed_at IS NULL",
            )?
            .query_row([household_id], |r| r.get(0))
            .optional()?)
    }

    /// The leefgebieden of the household's open case, the only ones a result or a score of
    /// its plan may be for: codes only (empty without an open case).
    pub fn open_case_leefgebieden(&self, household_id: i64) -> Result<Vec<String>, StoreError> {
        match self.open_case(household_id)? {
            Some(case) => self.case_leefgebieden(case.id),
            None => Ok(Vec::new()),
        }
    }

    /// The plans `user` directs now, and those they closed: ids, households, status and
    /// evaluation date only. Audited as one look at the list.
    pub fn my_plans(
        &self,
        user: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<PlanSummary>, StoreError> {
        let rows: Vec<(i64, i64, String, String, bool)> = tuples(
            &self.conn,
            "SELECT p.id, p.household_id, p.evaluation_on,
                    (SELECT v.state FROM plan_versions v WHERE v.plan_id = p.id
                      ORDER BY v.number DESC LIMIT 1),
                    p.closed_at IS NOT NULL
               FROM plans p JOIN households h ON h.id = p.household_id
              WHERE (p.closed_at IS NULL AND h.regisseur = ?1) OR p.closed_by = ?1
              ORDER BY p.id",
            [user.id],
        )?;
        let plans = rows
            .into_iter()
            .map(|(id, household_id, evaluation_on, state, closed)| {
                let state: VersionState = parse_code(&state, "plan_versions", id)?;
                Ok(PlanSummary {
                    id,
                    household_id,
                    status: PlanStatus::of(state, closed),
                    evaluation_on: date(&evaluation_on, "plans", id)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let result = format!("gelukt: {} plannen", plans.len());
        self.audit(
            &actor(user),
            "plannen opvragen",
            "plannen",
            &result,
            origin,
            now,
        )?;
        Ok(plans)
    }

    /// The plan work of the open plans `user` directs, most urgent first, with the terms of
    /// `domain::plan` in working days.
    pub fn plan_work(&self, user: &User, now: DateTime<Utc>) -> Result<Vec<PlanWork>, StoreError> {
        let rows: Vec<(i64, i64, String, Option<String>)> = tuples(
            &self.conn,
            "SELECT p.id, p.household_id, p.evaluation_on, p.progress_on
               FROM plans p JOIN households h ON h.id = p.household_id
              WHERE p.closed_at IS NULL AND h.regisseur = ?1 ORDER BY p.id",
            [user.id],
        )?;
        let rules = self.reference.terms.rules();
        let mut work = Vec::new();
        for (id, household_id, evaluation_on, progress_on) in rows {
            let (version, _, latest) = self.latest_version(id)?;
            let (_, made_at) = self.version_content(version)?;
            let agreed = self.agreed_content(id)?;
            let facts = PlanFacts {
                plan_id: id,
                household_id,
                latest,
                version_on: crate::domain::hours::dutch_local(made_at).date(),
                afspraken: agreed.map(|c| c.afspraken).unwrap_or_default(),
                evaluation_on: date(&evaluation_on, "plans", id)?,
                progress_on: progress_on.map(|d| date(&d, "plans", id)).transpose()?,
                open_tasks: self.open_tasks(id)?,
                awaiting_handover: self.awaiting_handover(id)?,
            };
            work.extend(plan_work(&facts, today(now), rules));
        }
        work.sort_by_key(|w| w.due);
        Ok(work)
    }

    /// A version's content and when it was made.
    pub(super) fn version_content(
        &self,
        version: i64,
    ) -> Result<(PlanContent, DateTime<Utc>), StoreError> {
        let (content, made_at): (String, String) = self
            .conn
            .prepare_cached("SELECT content, made_at FROM plan_versions WHERE id = ?1")?
            .query_row([version], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((
            from_json(&content, "plan_versions", version)?,
            parse_time(&made_at, "plan_versions", version)?,
        ))
    }

    /// The latest version both agreed to, with its id.
    pub(super) fn agreed_version(
        &self,
        plan_id: i64,
    ) -> Result<Option<(i64, PlanContent)>, StoreError> {
        let version: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM plan_versions WHERE plan_id = ?1 AND state = 'akkoord'
                  ORDER BY number DESC LIMIT 1",
            )?
            .query_row([plan_id], |r| r.get(0))
            .optional()?;
        version
            .map(|id| Ok((id, self.version_content(id)?.0)))
            .transpose()
    }

    fn agreed_content(&self, plan_id: i64) -> Result<Option<PlanContent>, StoreError> {
        Ok(self.agreed_version(plan_id)?.map(|(_, content)| content))
    }

    fn open_tasks(&self, plan_id: i64) -> Result<Vec<OpenTask>, StoreError> {
        let rows: Vec<(i64, String, String)> = tuples(
            &self.conn,
            "SELECT id, kind, created_at FROM plan_tasks
              WHERE plan_id = ?1 AND decision IS NULL ORDER BY id",
            [plan_id],
        )?;
        rows.into_iter()
            .map(|(id, kind, created_at)| {
                Ok(OpenTask {
                    id,
                    kind: parse_code(&kind, "plan_tasks", id)?,
                    created_on: crate::domain::hours::dutch_local(parse_time(
                        &created_at,
                        "plan_tasks",
                        id,
                    )?)
                    .date(),
                })
            })
            .collect()
    }

    /// Everything plan `plan_id` holds, unaudited: for [`Store::plan`] and the resident's
    /// copy, inside the caller's snapshot.
    pub(in crate::store) fn read_plan(&self, plan_id: i64) -> Result<PlanView, StoreError> {
        type Row = (
            i64,
            String,
            Option<String>,
            String,
            Option<String>,
            String,
            Option<i64>,
            Option<String>,
            String,
            Option<i64>,
        );
        let (
            household_id,
            evaluation_on,
            progress_on,
            created_at,
            closed_at,
            outcome,
            closed_by,
            kind,
            target,
            regisseur,
        ): Row = self
            .conn
            .prepare_cached(
                "SELECT p.household_id, p.evaluation_on, p.progress_on, p.created_at,
                        p.closed_at, p.outcome, p.closed_by, c.regie_kind, c.regie_target,
                        h.regisseur
                   FROM plans p JOIN cases c ON c.id = p.case_id
                   JOIN households h ON h.id = p.household_id
                  WHERE p.id = ?1",
            )?
            .query_row([plan_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
        let closed = closed_at.is_some();
        let versions = self.versions(plan_id)?;
        let latest = versions
            .last()
            .map_or(VersionState::WachtOpAkkoord, |v| v.state);
        let in_charge = if closed { closed_by } else { regisseur };
        Ok(PlanView {
            id: plan_id,
            household_id,
            status: PlanStatus::of(latest, closed),
            evaluation_on: date(&evaluation_on, "plans", plan_id)?,
            progress_on: progress_on
                .map(|d| date(&d, "plans", plan_id))
                .transpose()?,
            created_at: parse_time(&created_at, "plans", plan_id)?,
            closed_at: closed_at
                .map(|t| parse_time(&t, "plans", plan_id))
                .transpose()?,
            outcome,
            regie_team: kind
                .and_then(|kind| Target::from_code(&kind, &target))
                .map(|team| team.label(&self.reference)),
            regisseur: in_charge.map(|id| self.person(id)).transpose()?,
            versions,
            tasks: self.tasks(plan_id)?,
            evaluations: self.evaluations(plan_id)?,
            handovers: self.handovers(plan_id)?,
        })
    }

    fn versions(&self, plan_id: i64) -> Result<Vec<VersionRecord>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT id, number, content, made_by, made_at, state, answer, answered_at
               FROM plan_versions WHERE plan_id = ?1 ORDER BY number",
            [plan_id],
        )?;
        rows.into_iter()
            .map(
                |(id, number, content, made_by, made_at, state, answer, answered_at)| {
                    Ok(VersionRecord {
                        number,
                        content: from_json(&content, "plan_versions", id)?,
                        made_by: self.person(made_by)?.name,
                        made_at: parse_time(&made_at, "plan_versions", id)?,
                        state: parse_code(&state, "plan_versions", id)?,
                        answer: answer
                            .map(|a| from_json(&a, "plan_versions", id))
                            .transpose()?,
                        answered_at: answered_at
                            .map(|t| parse_time(&t, "plan_versions", id))
                            .transpose()?,
                    })
                },
            )
            .collect()
    }

    fn tasks(&self, plan_id: i64) -> Result<Vec<TaskRecord>, StoreError> {
        type Row = (
            i64,
            String,
            Option<u32>,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        );
        let rows: Vec<Row> = tuples(
            &self.conn,
            "SELECT id, kind, line_id, voorziening, team, created_at, decision, decided_on,
                    reference
               FROM plan_tasks WHERE plan_id = ?1 ORDER BY id",
            [plan_id],
        )?;
        rows.into_iter()
            .map(
                |(id, kind, line, voorziening, team, created_at, decision, on, reference)| {
                    let decision = match (decision, on) {
                        (Some(decision), Some(on)) => Some(DecisionRecord {
                            decision: parse_code(&decision, "plan_tasks", id)?,
                            on: date(&on, "plan_tasks", id)?,
                            reference,
                        }),
                        _ => None,
                    };
                    Ok(TaskRecord {
                        id,
                        kind: parse_code(&kind, "plan_tasks", id)?,
                        line,
                        voorziening,
                        team,
                        created_at: parse_time(&created_at, "plan_tasks", id)?,
                        decision,
                    })
                },
            )
            .collect()
    }

    fn evaluations(&self, plan_id: i64) -> Result<Vec<EvaluationRecord>, StoreError> {
        let rows: Vec<(i64, i64, String, String)> = tuples(
            &self.conn,
            "SELECT id, made_by, made_at, evaluation FROM plan_evaluations
              WHERE plan_id = ?1 ORDER BY id",
            [plan_id],
        )?;
        rows.into_iter()
            .map(|(id, made_by, made_at, evaluation)| {
                Ok(EvaluationRecord {
                    made_by: self.person(made_by)?.name,
                    made_at: parse_time(&made_at, "plan_evaluations", id)?,
                    evaluation: from_json(&evaluation, "plan_evaluations", id)?,
                })
            })
            .collect()
    }

    /// A colleague by name and desk, as the resident may know their regisseur.
    pub(super) fn person(&self, id: i64) -> Result<RegisseurRecord, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT name, location FROM users WHERE id = ?1")?
            .query_row(params![id], |r| {
                Ok(RegisseurRecord {
                    name: r.get(0)?,
                    location: r.get(1)?,
                })
            })?)
    }
}

pub(super) fn date(text: &str, table: &'static str, id: i64) -> Result<NaiveDate, StoreError> {
    text.parse()
        .map_err(|e| corrupt(table, id, format!("datum {text:?}: {e}")))
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(
    text: &str,
    table: &'static str,
    id: i64,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(table, id, e))
}
