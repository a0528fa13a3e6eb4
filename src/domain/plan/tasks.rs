//! The beschikkingen a plan leads to. Seed 003 §3.4: "Wanneer in het plan van aanpak (niet
//! vrij toegankelijke) collectieve en individuele voorzieningen zijn opgenomen volgt een
//! beschikking. Als de inwoner een collectieve of individuele voorziening nodig vindt en niet
//! tot een akkoord komt met de gespreksvoerder volgt een afwijzende beschikking. Daartegen kan
//! de inwoner in bezwaar gaan." The team that decides is the municipality's
//! (`beschikking` in `routing.toml`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::akkoord::Answer;
use super::content::{ArrangementLine, PlanContent};
use crate::domain::Laag;

/// The deciding team when `routing.toml` names none.
pub const DEFAULT_DECIDING_TEAM: &str = "Team Wmo-consulenten";

/// The municipality's teams a plan deals with (`routing.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTeams {
    /// Decides on the beschikkingen (`beschikking`).
    pub deciding: String,
    /// The KCC (`kcc`): never sees a plan's contents.
    pub kcc: String,
}

impl Default for PlanTeams {
    /// The teams of the built-in `routing.toml`.
    fn default() -> Self {
        PlanTeams {
            deciding: DEFAULT_DECIDING_TEAM.to_string(),
            kcc: "KCC".to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum TaskKind {
    /// A voorziening of the agreed plan needs a beschikking.
    BeschikkingAanvragen,
    /// The resident asked for a voorziening without akkoord: the refusal is a beschikking too,
    /// so the resident can object (bezwaar).
    AfwijzendeBeschikking,
}

impl crate::domain::Code for TaskKind {}

impl TaskKind {
    pub fn name(self) -> &'static str {
        match self {
            TaskKind::BeschikkingAanvragen => "beschikking aanvragen",
            TaskKind::AfwijzendeBeschikking => "afwijzende beschikking — bezwaar mogelijk",
        }
    }
}

/// A task to create for the deciding team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub kind: TaskKind,
    /// The arrangement line it is for; `None` for a voorziening outside the plan.
    pub line: Option<u32>,
    pub voorziening: String,
    pub team: String,
}

/// Whether a line needs a beschikking: maatwerk always, a collectieve voorziening unless it is
/// freely accessible.
pub fn needs_beschikking(line: &ArrangementLine) -> bool {
    match line.laag {
        Laag::Maatwerk => true,
        Laag::Collectief => !line.freely_accessible,
        Laag::EigenKracht | Laag::SociaalNetwerk | Laag::Algemeen => false,
    }
}

/// The "beschikking aanvragen" tasks of an agreed plan, one per line that needs one.
pub fn tasks_after_akkoord(content: &PlanContent, team: &str) -> Vec<NewTask> {
    content
        .arrangement
        .iter()
        .filter(|line| needs_beschikking(line))
        .map(|line| NewTask {
            kind: TaskKind::BeschikkingAanvragen,
            line: Some(line.id),
            voorziening: format!("{} ({})", line.what.trim(), line.deliverer.label()),
            team: team.to_string(),
        })
        .collect()
}

/// The "afwijzende beschikking" of a geen akkoord about a requested voorziening.
pub fn task_after_geen_akkoord(answer: &Answer, team: &str) -> Option<NewTask> {
    match answer {
        Answer::GeenAkkoord {
            requested: Some(voorziening),
            ..
        } => Some(NewTask {
            kind: TaskKind::AfwijzendeBeschikking,
            line: None,
            voorziening: voorziening.trim().to_string(),
            team: team.to_string(),
        }),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Decision {
    Toegekend,
    Afgewezen,
}

impl crate::domain::Code for Decision {}

/// The decision when it comes back: what, when, and the reference of the beschikking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub decision: Decision,
    pub on: NaiveDate,
    pub reference: String,
}

impl DecisionRecord {
    pub fn check(&self, today: NaiveDate) -> Result<(), PlanProblem> {
        if self.on > today {
            return Err(PlanProblem::InTheFuture {
                what: "De datum van het besluit",
            });
        }
        if self.reference.trim().is_empty() {
            return Err(PlanProblem::Missing("Geef het kenmerk van de beschikking"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::HowAgreed;
    use crate::domain::plan::content::tests::{day, plan};

    /// The plan of the walk-through: maatwerk (traplift) needs a beschikking; the regiotaxi is
    /// a freely accessible collectieve voorziening; eigen inzet, the neighbour and the
    /// algemene voorziening never do.
    #[test]
    fn a_non_free_voorziening_becomes_a_beschikking_task() {
        let tasks = tasks_after_akkoord(&plan(), DEFAULT_DECIDING_TEAM);
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].kind, TaskKind::BeschikkingAanvragen);
        assert_eq!(tasks[0].line, Some(5));
        assert_eq!(tasks[0].team, "Team Wmo-consulenten");
        let mut p = plan();
        p.arrangement[3].freely_accessible = false;
        assert_eq!(tasks_after_akkoord(&p, "T").len(), 2);
    }

    /// "volgt een afwijzende beschikking. Daartegen kan de inwoner in bezwaar gaan."
    #[test]
    fn geen_akkoord_on_a_requested_voorziening_keeps_the_legal_route() {
        let no = Answer::GeenAkkoord {
            on: day(1, 12),
            point: "wil hulp in huis".into(),
            requested: Some("Huishoudelijke hulp".into()),
        };
        let task = task_after_geen_akkoord(&no, "Team Wmo").unwrap();
        assert_eq!(
            task.kind.name(),
            "afwijzende beschikking — bezwaar mogelijk"
        );
        assert_eq!(task.voorziening, "Huishoudelijke hulp");
        let yes = Answer::Akkoord {
            on: day(1, 12),
            how: HowAgreed::Mondeling,
        };
        assert_eq!(task_after_geen_akkoord(&yes, "T"), None);
    }

    #[test]
    fn a_decision_has_a_date_and_a_reference() {
        let d = DecisionRecord {
            decision: Decision::Toegekend,
            on: day(1, 20),
            reference: "WMO-2027-0042".into(),
        };
        assert_eq!(d.check(day(1, 20)), Ok(()));
        assert!(d.check(day(1, 19)).is_err());
        let blank = DecisionRecord {
            reference: " ".into(),
            ..d
        };
        assert!(blank.check(day(1, 20)).is_err());
    }
}
