//! The warme overdracht of an arrangement line (issue 18): the regisseur brings the resident
//! to whoever delivers the line and records to whom, when, what the resident wants to achieve
//! there, and — later — whether the resident has started. Eigen inzet has nobody to hand over
//! to. A line that someone else delivers and that was not handed over by its from-date is
//! plan work (`terms`); a line that waits for its beschikking is the beschikking's work first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::content::{ArrangementLine, Deliverer, PlanContent};
use super::gesprek::check_note;
use super::tasks::needs_beschikking;

/// Whether the resident has started with whom the line was handed over to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Started {
    NogNiet,
    Ja,
    /// Started and stopped, or never went: the regisseur's cue to talk about it.
    NeeGestopt,
}

impl crate::domain::Code for Started {}

impl Started {
    pub fn name(self) -> &'static str {
        match self {
            Started::NogNiet => "nog niet",
            Started::Ja => "ja",
            Started::NeeGestopt => "nee, gestopt",
        }
    }
}

/// One line's warme overdracht.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    /// The deliverer by default; the regisseur may name the contact person there.
    pub to: String,
    pub on: NaiveDate,
    /// What the resident wants to achieve there, in the resident's words.
    pub goal: String,
    pub started: Started,
}

impl Handover {
    /// What the form opens with for `line` of `content`: its deliverer, today, and the result
    /// on the first of `leefgebieden` (the kaart service's, most important first) the plan has
    /// one for, else the plan's first result.
    pub fn proposed(
        line: &ArrangementLine,
        content: &PlanContent,
        leefgebieden: &[&str],
        today: NaiveDate,
    ) -> Handover {
        let result = leefgebieden
            .iter()
            .find_map(|code| content.results.iter().find(|r| r.leefgebied == *code))
            .or(content.results.first());
        Handover {
            to: line.deliverer.label(),
            on: today,
            goal: result.map(|r| r.words.clone()).unwrap_or_default(),
            started: Started::NogNiet,
        }
    }

    /// Whether this can be recorded on `today` for `line`.
    pub fn check(&self, line: &ArrangementLine, today: NaiveDate) -> Result<(), PlanProblem> {
        if line.deliverer == Deliverer::Inwoner {
            return Err(PlanProblem::EigenInzetNotHandedOver);
        }
        if self.to.trim().is_empty() {
            return Err(PlanProblem::Missing("Schrijf aan wie je overdraagt"));
        }
        if self.goal.trim().is_empty() {
            return Err(PlanProblem::Missing(
                "Schrijf wat de inwoner daar wil bereiken",
            ));
        }
        if self.on > today {
            return Err(PlanProblem::InTheFuture {
                what: "De datum van de overdracht",
            });
        }
        check_note(&self.to)?;
        check_note(&self.goal)
    }
}

/// The from-dates of the lines of the agreed `content` that wait for their warme overdracht:
/// someone else delivers them, none is in `handed_over`, and they need no beschikking or it
/// was granted (`granted`).
pub fn awaiting_handover(
    content: &PlanContent,
    handed_over: &[u32],
    granted: &[u32],
) -> Vec<NaiveDate> {
    content
        .arrangement
        .iter()
        .filter(|line| line.deliverer != Deliverer::Inwoner)
        .filter(|line| !handed_over.contains(&line.id))
        .filter(|line| !needs_beschikking(line) || granted.contains(&line.id))
        .map(|line| line.from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::content::tests::{day, plan};

    fn handover() -> Handover {
        Handover {
            to: "Formulierenhulp, Piet".into(),
            on: day(1, 12),
            goal: "Ik betaal mijn rekeningen op tijd".into(),
            started: Started::NogNiet,
        }
    }

    /// The Formulierenhulp works on geldzaken: its result, not the first one, is proposed.
    #[test]
    fn the_form_proposes_the_deliverer_and_the_result_of_its_leefgebied() {
        let p = plan();
        let proposed =
            Handover::proposed(&p.arrangement[2], &p, &["geldzaken-schulden"], day(1, 12));
        assert_eq!(proposed.to, "Formulierenhulp");
        assert_eq!(proposed.goal, "Ik betaal mijn rekeningen op tijd");
        assert_eq!(proposed.started, Started::NogNiet);
        let neighbour = Handover::proposed(&p.arrangement[1], &p, &[], day(1, 12));
        assert_eq!(neighbour.to, "Ans de Vries (buurvrouw)");
        assert_eq!(neighbour.goal, "Ik kan in mijn huis blijven wonen");
    }

    #[test]
    fn a_handover_names_someone_and_a_goal_and_has_happened() {
        let p = plan();
        let line = &p.arrangement[2];
        assert_eq!(handover().check(line, day(1, 12)), Ok(()));
        assert_eq!(
            handover().check(&p.arrangement[0], day(1, 12)),
            Err(PlanProblem::EigenInzetNotHandedOver)
        );
        let nobody = Handover {
            to: " ".into(),
            ..handover()
        };
        assert!(matches!(
            nobody.check(line, day(1, 12)),
            Err(PlanProblem::Missing(_))
        ));
        assert!(matches!(
            handover().check(line, day(1, 11)),
            Err(PlanProblem::InTheFuture { .. })
        ));
        let phone = Handover {
            to: "Piet 06 12345678".into(),
            ..handover()
        };
        assert!(matches!(
            phone.check(line, day(1, 12)),
            Err(PlanProblem::SensitiveNumber(_))
        ));
    }

    /// Lines 2 (neighbour), 3 (algemeen) and 4 (free collectief) wait; eigen inzet never does,
    /// and the traplift only once its beschikking is granted.
    #[test]
    fn lines_wait_for_their_handover_unless_eigen_inzet_or_waiting_for_a_beschikking() {
        let p = plan();
        assert_eq!(awaiting_handover(&p, &[], &[]).len(), 3);
        assert_eq!(awaiting_handover(&p, &[2, 3], &[]), [day(1, 11)]);
        assert_eq!(awaiting_handover(&p, &[2, 3, 4], &[5]), [day(1, 11)]);
        assert!(awaiting_handover(&p, &[2, 3, 4, 5], &[5]).is_empty());
    }
}
