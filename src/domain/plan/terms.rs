//! Plan work for the regisseur's wachtrij, with terms in Dutch working days (as the queue's,
//! `domain::workdays`): a version waiting for akkoord, an afspraak past its date (seed 003
//! §3.5: the casemanager "komt in actie bij dreigende stagnatie"), an evaluation on its day,
//! a beschikking task waiting for its decision, and a line not handed over by its from-date.

use chrono::NaiveDate;

use super::akkoord::VersionState;
use super::content::Afspraak;
use super::tasks::TaskKind;
use crate::domain::calendar::HolidayRules;
use crate::domain::workdays::{add_working_days, working_days_between};

/// Working days a version may wait for the akkoord of resident and gespreksvoerder: two working
/// weeks, room to think it over (the Wmo-platform asked for a bedenktermijn) without the plan
/// going stale. Loket's own term; no seed names one.
pub const AKKOORD_WORKING_DAYS: u32 = 10;

/// Working days a beschikking task may wait for its decision: the two weeks in which the
/// college decides on an aanvraag (Wmo 2015, art. 2.3.5 lid 1).
pub const BESCHIKKING_WORKING_DAYS: u32 = 10;

/// A task of the plan that has no decision yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTask {
    pub id: i64,
    pub kind: TaskKind,
    pub created_on: NaiveDate,
}

/// What the wachtrij needs to know of one open plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub plan_id: i64,
    pub household_id: i64,
    pub latest: VersionState,
    /// When the latest version was made.
    pub version_on: NaiveDate,
    /// The afspraken of the latest agreed version.
    pub afspraken: Vec<Afspraak>,
    pub evaluation_on: NaiveDate,
    /// When the regisseur last recorded the progress: afspraken due before then are dealt with.
    pub progress_on: Option<NaiveDate>,
    pub open_tasks: Vec<OpenTask>,
    /// The from-dates of the agreed lines still waiting for their warme overdracht
    /// (`handover::awaiting_handover`).
    pub awaiting_handover: Vec<NaiveDate>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum PlanWorkKind {
    AkkoordNodig,
    /// Dreigende stagnatie.
    AfspraakVerlopen,
    Evaluatie,
    Beschikking,
    /// A line's warme overdracht is not recorded by its from-date.
    Overdracht,
}

impl crate::domain::Code for PlanWorkKind {}

impl PlanWorkKind {
    pub fn name(self) -> &'static str {
        match self {
            PlanWorkKind::AkkoordNodig => "akkoord nodig",
            PlanWorkKind::AfspraakVerlopen => "afspraak verlopen (dreigende stagnatie)",
            PlanWorkKind::Evaluatie => "evaluatie",
            PlanWorkKind::Beschikking => "beschikking wacht",
            PlanWorkKind::Overdracht => "overdracht nog niet gedaan",
        }
    }

    /// One word for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            PlanWorkKind::AkkoordNodig => "akkoord",
            PlanWorkKind::AfspraakVerlopen => "stagnatie",
            PlanWorkKind::Evaluatie => "evaluatie",
            PlanWorkKind::Beschikking => "besluit",
            PlanWorkKind::Overdracht => "overdracht",
        }
    }
}

/// One line of plan work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanWork {
    pub plan_id: i64,
    pub household_id: i64,
    pub kind: PlanWorkKind,
    /// The task it is about, for a beschikking.
    pub task: Option<i64>,
    pub due: NaiveDate,
    /// The whole due day has passed.
    pub overdue: bool,
}

impl PlanWork {
    /// Working days from `today` to the due day: left while positive, late while negative.
    pub fn working_days_left(&self, today: NaiveDate, rules: HolidayRules) -> i64 {
        working_days_between(today, self.due, rules)
    }
}

/// The work one open plan asks on `today`, most urgent first.
pub fn plan_work(facts: &PlanFacts, today: NaiveDate, rules: HolidayRules) -> Vec<PlanWork> {
    let line = |kind, due: NaiveDate, task| PlanWork {
        plan_id: facts.plan_id,
        household_id: facts.household_id,
        kind,
        task,
        due,
        overdue: today > due,
    };
    let mut work = Vec::new();
    if facts.latest == VersionState::WachtOpAkkoord {
        let due = add_working_days(facts.version_on, AKKOORD_WORKING_DAYS, rules);
        work.push(line(PlanWorkKind::AkkoordNodig, due, None));
    }
    let dealt_with = |a: &Afspraak| facts.progress_on.is_some_and(|p| p >= a.by);
    if let Some(afspraak) = facts
        .afspraken
        .iter()
        .filter(|a| today > a.by && !dealt_with(a))
        .min_by_key(|a| a.by)
    {
        work.push(line(PlanWorkKind::AfspraakVerlopen, afspraak.by, None));
    }
    if let Some(from) = facts
        .awaiting_handover
        .iter()
        .filter(|from| today > **from)
        .min()
    {
        work.push(line(PlanWorkKind::Overdracht, *from, None));
    }
    if today >= facts.evaluation_on {
        work.push(line(PlanWorkKind::Evaluatie, facts.evaluation_on, None));
    }
    for task in &facts.open_tasks {
        let due = add_working_days(task.created_on, BESCHIKKING_WORKING_DAYS, rules);
        work.push(line(PlanWorkKind::Beschikking, due, Some(task.id)));
    }
    work.sort_by_key(|w| w.due);
    work
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Party;
    use crate::domain::plan::content::tests::day;

    fn facts() -> PlanFacts {
        PlanFacts {
            plan_id: 1,
            household_id: 7,
            latest: VersionState::Akkoord,
            version_on: day(1, 11),
            afspraken: vec![Afspraak {
                who: Party::Inwoner,
                what: "formulier invullen".into(),
                by: day(1, 18),
            }],
            evaluation_on: day(4, 1),
            progress_on: None,
            open_tasks: vec![],
            awaiting_handover: vec![],
        }
    }

    fn kinds(facts: &PlanFacts, today: NaiveDate) -> Vec<(PlanWorkKind, NaiveDate, bool)> {
        plan_work(facts, today, HolidayRules::default())
            .into_iter()
            .map(|w| (w.kind, w.due, w.overdue))
            .collect()
    }

    /// Monday 11 January 2027 + 10 working days = Monday 25 January.
    #[test]
    fn akkoord_waits_two_working_weeks() {
        let f = PlanFacts {
            latest: VersionState::WachtOpAkkoord,
            afspraken: vec![],
            ..facts()
        };
        assert_eq!(
            kinds(&f, day(1, 25)),
            [(PlanWorkKind::AkkoordNodig, day(1, 25), false)]
        );
        assert!(kinds(&f, day(1, 26))[0].2);
    }

    /// Seed 003 §3.5: "dreigende stagnatie": an afspraak past its date, until the regisseur
    /// records the progress.
    #[test]
    fn an_afspraak_past_its_date_is_stagnation_until_progress_is_recorded() {
        assert_eq!(kinds(&facts(), day(1, 18)), []);
        assert_eq!(
            kinds(&facts(), day(1, 19)),
            [(PlanWorkKind::AfspraakVerlopen, day(1, 18), true)]
        );
        let checked = PlanFacts {
            progress_on: Some(day(1, 19)),
            ..facts()
        };
        assert_eq!(kinds(&checked, day(1, 20)), []);
    }

    #[test]
    fn the_evaluation_appears_on_its_day_and_a_beschikking_waits_ten_working_days() {
        let f = PlanFacts {
            afspraken: vec![],
            open_tasks: vec![OpenTask {
                id: 3,
                kind: TaskKind::BeschikkingAanvragen,
                created_on: day(3, 18),
            }],
            ..facts()
        };
        assert_eq!(
            kinds(&f, day(3, 31)),
            [(PlanWorkKind::Beschikking, day(4, 2), false)]
        );
        // Easter Monday (29 March 2027) is not a working day: Thursday 18 March + 10 = 2 April.
        let work = kinds(&f, day(4, 1));
        assert_eq!(work[0], (PlanWorkKind::Evaluatie, day(4, 1), false));
        assert_eq!(work.len(), 2);
    }

    /// A line someone else delivers, not handed over by its from-date: from the day after,
    /// the earliest such line is plan work, late from its from-date.
    #[test]
    fn a_line_not_handed_over_after_its_from_date_is_plan_work() {
        let f = PlanFacts {
            afspraken: vec![],
            awaiting_handover: vec![day(1, 15), day(1, 11)],
            ..facts()
        };
        assert_eq!(kinds(&f, day(1, 11)), []);
        let work = plan_work(&f, day(1, 18), HolidayRules::default());
        assert_eq!(
            (work[0].kind, work[0].due, work[0].overdue),
            (PlanWorkKind::Overdracht, day(1, 11), true)
        );
        assert_eq!(work.len(), 1);
        // Monday 11 to Monday 18 January: five working days late.
        assert_eq!(
            work[0].working_days_left(day(1, 18), HolidayRules::default()),
            -5
        );
    }
}
