//! The household's gesprekken and plan van aanpak (issue 18): one plan per case, made and
//! changed by its regisseur, read by the regisseur, the case's team and the colleagues reading
//! along (`domain::policy::may_read_plan`). Every act and every view is audited with ids and
//! fixed words only; every act is one immediate transaction, so a refusal or a failure leaves
//! nothing behind. The rules are `domain::plan`'s.

mod expiry;
mod facts;
mod follow;
mod gesprek;
mod handover;
mod read;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

pub(in crate::store) use expiry::HOLDS_PLAN_DATA;
pub(crate) use facts::PlanReportFacts;
pub use follow::Evaluated;
pub use gesprek::GesprekRecord;
pub use handover::HandoverRecord;
pub use read::{
    CaseWithoutPlan, EvaluationRecord, PlanSummary, PlanView, TaskRecord, VersionRecord,
};

use super::act::{Act, ActError};
use super::columns::timestamp;
use super::regie::RegieError;
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::plan::{
    Answer, PlanContent, PlanProblem, VersionState, change_makes_new_version,
    task_after_geen_akkoord, tasks_after_akkoord,
};
use crate::domain::policy::{self, PlanAccess, Refusal};
use crate::domain::queue::Target;

/// Why an act on a plan did not happen; nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Problem(#[from] PlanProblem),
    /// Need-to-know refused it; the reason is in the audit row, the user reads one sentence.
    #[error("Je hebt geen toegang tot dit plan")]
    NoAccess(Refusal),
    #[error("Alleen de regisseur van dit huishouden maakt en wijzigt het plan")]
    NotRegisseur,
    #[error("Dit huishouden heeft geen lopend traject")]
    NoCase,
    #[error("Dit huishouden heeft al een plan van aanpak (plan {0}); wijzig dat plan")]
    AlreadyAPlan(i64),
    #[error("Plan {0} bestaat niet")]
    UnknownPlan(i64),
    #[error("Taak {0} bestaat niet")]
    UnknownTask(i64),
    #[error(transparent)]
    Regie(RegieError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for PlanError {
    fn from(e: rusqlite::Error) -> Self {
        PlanError::Store(StoreError::Sqlite(e))
    }
}

impl ActError for PlanError {
    fn is_store_failure(&self) -> bool {
        matches!(self, PlanError::Store(_))
    }

    /// Fixed words, never what was typed.
    fn audit_code(&self) -> String {
        let why = match self {
            PlanError::NoAccess(refusal) => return refusal.code().to_string(),
            PlanError::Problem(_) => "ongeldige invoer",
            PlanError::NotRegisseur => "geen regisseur",
            PlanError::NoCase => "geen lopend traject",
            PlanError::AlreadyAPlan(_) => "heeft al een plan",
            PlanError::UnknownPlan(_) | PlanError::UnknownTask(_) => "niet gevonden",
            PlanError::Regie(_) => "opschalen mislukt",
            PlanError::Store(_) => "fout",
        };
        format!("geweigerd: {why}")
    }
}

/// A plan as the store checks it before an act.
pub(super) struct PlanRow {
    pub case_id: i64,
    pub household_id: i64,
    pub closed: bool,
}

impl Store {
    /// The regisseur makes the plan of the household's open case: its first version, which
    /// waits for akkoord. Returns the plan's id.
    pub fn create_plan(
        &mut self,
        household_id: i64,
        content: &PlanContent,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, PlanError> {
        let act = Act::on_household(by, "plan maken", household_id, origin, now);
        let create = |s: &Self| {
            let case = s.open_case(household_id)?.ok_or(PlanError::NoCase)?;
            s.check_writer(case.id, household_id, by, now)?;
            let existing: Option<i64> = s
                .conn
                .prepare_cached("SELECT id FROM plans WHERE case_id = ?1")?
                .query_row([case.id], |r| r.get(0))
                .optional()?;
            if let Some(plan) = existing {
                return Err(PlanError::AlreadyAPlan(plan));
            }
            content.check(&s.case_leefgebieden(case.id)?, today(now))?;
            s.conn
                .prepare_cached(
                    "INSERT INTO plans (case_id, household_id, evaluation_on, created_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    case.id,
                    household_id,
                    content.follow_up.evaluation_on.to_string(),
                    timestamp(now)
                ])?;
            let plan = s.conn.last_insert_rowid();
            s.insert_version(plan, 1, content, by, now)?;
            Ok(plan)
        };
        self.audited_act(act, create, |plan| format!("gelukt: plan:{plan}"))
    }

    /// The regisseur changes the plan. A version still waiting for akkoord is corrected in
    /// place; a change after an answer makes a new version that needs akkoord again, and the
    /// answered one stays as it was. Returns the number of the version now latest.
    pub fn revise_plan(
        &mut self,
        plan_id: i64,
        content: &PlanContent,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, PlanError> {
        let act = Act::on_plan(by, "plan wijzigen", plan_id, origin, now);
        let revise = |s: &Self| {
            let plan = s.open_plan_for(plan_id, by, now)?;
            content.check(&s.case_leefgebieden(plan.case_id)?, today(now))?;
            let (version, number, state) = s.latest_version(plan_id)?;
            let number = if change_makes_new_version(state) {
                s.insert_version(plan_id, number + 1, content, by, now)?;
                number + 1
            } else {
                s.conn
                    .prepare_cached(
                        "UPDATE plan_versions SET content = ?2, made_by = ?3, made_at = ?4
                          WHERE id = ?1",
                    )?
                    .execute(params![version, json(content), by.id, timestamp(now)])?;
                number
            };
            s.conn
                .prepare_cached("UPDATE plans SET evaluation_on = ?2 WHERE id = ?1")?
                .execute(params![
                    plan_id,
                    content.follow_up.evaluation_on.to_string()
                ])?;
            Ok(number)
        };
        self.audited_act(act, revise, |n| format!("gelukt: versie {n}"))
    }

    /// Records the answer of resident and gespreksvoerder to the latest version. Akkoord
    /// creates a "beschikking aanvragen" task for every line that needs one and has none yet;
    /// geen akkoord about a requested voorziening creates an "afwijzende beschikking" task.
    /// Both go to the deciding team (`routing.toml`). Returns the new tasks' ids.
    pub fn answer_plan(
        &mut self,
        plan_id: i64,
        answer: &Answer,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, PlanError> {
        let act = Act::on_plan(by, "plan akkoord", plan_id, origin, now);
        let record = |s: &Self| {
            s.open_plan_for(plan_id, by, now)?;
            let (version, _, state) = s.latest_version(plan_id)?;
            let (content, made_at) = s.version_content(version)?;
            answer.check(state, dutch_local(made_at).date(), today(now))?;
            s.conn
                .prepare_cached(
                    "UPDATE plan_versions SET state = ?2, answer = ?3, answered_by = ?4,
                        answered_at = ?5 WHERE id = ?1",
                )?
                .execute(params![
                    version,
                    code(answer.state()),
                    json(answer),
                    by.id,
                    timestamp(now)
                ])?;
            let team = &s.reference.routing.plan_teams().deciding;
            let tasks = match answer {
                Answer::Akkoord { .. } => tasks_after_akkoord(&content, team),
                Answer::GeenAkkoord { .. } => {
                    task_after_geen_akkoord(answer, team).into_iter().collect()
                }
            };
            let mut created = Vec::new();
            for task in tasks {
                let added = s
                    .conn
                    .prepare_cached(
                        "INSERT INTO plan_tasks (plan_id, version_id, kind, line_id,
                            voorziening, team, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                    )?
                    .execute(params![
                        plan_id,
                        version,
                        code(task.kind),
                        task.line,
                        task.voorziening,
                        task.team,
                        timestamp(now)
                    ])?;
                if added == 1 {
                    created.push(s.conn.last_insert_rowid());
                }
            }
            Ok(created)
        };
        let state = code(answer.state());
        self.audited_act(act, record, |tasks| {
            format!("gelukt: {state}, {} taken", tasks.len())
        })
    }

    /// The plan, if it is open and `by` directs its case.
    pub(super) fn open_plan_for(
        &self,
        plan_id: i64,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<PlanRow, PlanError> {
        let plan = self.plan_row(plan_id)?;
        self.check_writer(plan.case_id, plan.household_id, by, now)?;
        if plan.closed {
            return Err(PlanProblem::Closed.into());
        }
        Ok(plan)
    }

    pub(super) fn plan_row(&self, plan_id: i64) -> Result<PlanRow, PlanError> {
        self.conn
            .prepare_cached(
                "SELECT case_id, household_id, closed_at IS NOT NULL FROM plans WHERE id = ?1",
            )?
            .query_row([plan_id], |r| {
                Ok(PlanRow {
                    case_id: r.get(0)?,
                    household_id: r.get(1)?,
                    closed: r.get(2)?,
                })
            })
            .optional()?
            .ok_or(PlanError::UnknownPlan(plan_id))
    }

    pub(super) fn check_writer(
        &self,
        case_id: i64,
        household_id: i64,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(), PlanError> {
        let access = self.plan_access(case_id, household_id, now)?;
        policy::may_write_plan(by, &access).map_err(|_| PlanError::NotRegisseur)
    }

    /// Who is involved in the plan of case `case_id`.
    pub(super) fn plan_access(
        &self,
        case_id: i64,
        household_id: i64,
        now: DateTime<Utc>,
    ) -> Result<PlanAccess, StoreError> {
        let (regisseur, kind, target): (Option<i64>, Option<String>, String) = self
            .conn
            .prepare_cached(
                "SELECT h.regisseur, c.regie_kind, c.regie_target
                   FROM cases c JOIN households h ON h.id = c.household_id
                  WHERE c.id = ?1",
            )?
            .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let team = kind
            .and_then(|kind| Target::from_code(&kind, &target))
            .map(|team| team.case_team(&self.reference));
        let readers = self
            .conn
            .prepare_cached(
                "SELECT user_id FROM household_readers
                  WHERE household_id = ?1 AND (until IS NULL OR until > ?2)",
            )?
            .query_map(params![household_id, timestamp(now)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(PlanAccess {
            regisseur,
            readers,
            team,
            consent: self.household_consent(household_id)?,
            kcc: self.reference.routing.plan_teams().kcc,
        })
    }

    /// The leefgebieden of the case's questions: the only ones a result or a score may be for.
    pub(super) fn case_leefgebieden(&self, case_id: i64) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT DISTINCT j.value FROM queue_items q
                   JOIN intakes i ON i.id = q.intake_id, json_each(i.leefgebieden) j
                  WHERE q.case_id = ?1",
            )?
            .query_map([case_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    fn insert_version(
        &self,
        plan_id: i64,
        number: i64,
        content: &PlanContent,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO plan_versions (plan_id, number, content, made_by, made_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                plan_id,
                number,
                json(content),
                by.id,
                timestamp(now)
            ])?;
        Ok(())
    }

    /// The latest version: its id, number and state.
    pub(super) fn latest_version(
        &self,
        plan_id: i64,
    ) -> Result<(i64, i64, VersionState), StoreError> {
        let (id, number, state): (i64, i64, String) = self
            .conn
            .prepare_cached(
                "SELECT id, number, state FROM plan_versions WHERE plan_id = ?1
                  ORDER BY number DESC LIMIT 1",
            )?
            .query_row([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok((id, number, parse_code(&state, "plan_versions", id)?))
    }
}

/// The Dutch calendar day of `now`: dates in a plan are the resident's days.
pub(super) fn today(now: DateTime<Utc>) -> NaiveDate {
    dutch_local(now).date()
}

pub(super) fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("plan values serialise to JSON")
}

pub(super) fn code<C: crate::domain::Code>(value: C) -> &'static str {
    value.code()
}

pub(super) fn parse_code<C: crate::domain::Code>(
    text: &str,
    table: &'static str,
    id: i64,
) -> Result<C, StoreError> {
    C::from_code(text).ok_or_else(|| super::columns::corrupt(table, id, format!("code {text:?}")))
}
