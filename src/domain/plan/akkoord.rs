//! Akkoord on a version of the plan. Seed 003 §3.4: "Na opstelling van het plan ondertekenen
//! de inwoner en gespreksvoerder beiden het plan voor akkoord. Gezamenlijk zijn ze
//! verantwoordelijk voor het gehele plan." A change after the answer makes a new version that
//! needs akkoord again; the earlier ones stay readable.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::gesprek::check_note;

/// How both agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum HowAgreed {
    /// Getekend op papier.
    Papier,
    Mondeling,
    Digitaal,
}

impl crate::domain::Code for HowAgreed {}

impl HowAgreed {
    pub fn name(self) -> &'static str {
        match self {
            HowAgreed::Papier => "getekend op papier",
            HowAgreed::Mondeling => "mondeling",
            HowAgreed::Digitaal => "digitaal",
        }
    }
}

/// The answer of the resident and the gespreksvoerder to one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Both agree.
    Akkoord { on: NaiveDate, how: HowAgreed },
    /// They do not: the point of disagreement, and the collectieve or individuele voorziening
    /// the resident finds necessary, if that is the point (it leads to an afwijzende
    /// beschikking, against which bezwaar is possible).
    GeenAkkoord {
        on: NaiveDate,
        point: String,
        requested: Option<String>,
    },
}

impl Answer {
    pub fn on(&self) -> NaiveDate {
        match self {
            Answer::Akkoord { on, .. } | Answer::GeenAkkoord { on, .. } => *on,
        }
    }

    /// Whether it can be given to a version in `state` made on `made_on`, on `today`.
    pub fn check(
        &self,
        state: VersionState,
        made_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), PlanProblem> {
        if state != VersionState::WachtOpAkkoord {
            return Err(PlanProblem::AlreadyAnswered);
        }
        if self.on() > today {
            return Err(PlanProblem::InTheFuture {
                what: "De datum van het akkoord",
            });
        }
        if self.on() < made_on {
            return Err(PlanProblem::Missing(
                "Het akkoord kan niet van vóór deze versie van het plan zijn",
            ));
        }
        if let Answer::GeenAkkoord {
            point, requested, ..
        } = self
        {
            if point.trim().is_empty() {
                return Err(PlanProblem::Missing(
                    "Schrijf op waarover inwoner en gespreksvoerder het niet eens zijn",
                ));
            }
            if requested.as_ref().is_some_and(|r| r.trim().is_empty()) {
                return Err(PlanProblem::Missing(
                    "Noem de voorziening die de inwoner vraagt",
                ));
            }
            check_note(point)?;
        }
        Ok(())
    }

    pub fn state(&self) -> VersionState {
        match self {
            Answer::Akkoord { .. } => VersionState::Akkoord,
            Answer::GeenAkkoord { .. } => VersionState::GeenAkkoord,
        }
    }
}

/// Where one version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum VersionState {
    WachtOpAkkoord,
    Akkoord,
    GeenAkkoord,
}

impl crate::domain::Code for VersionState {}

/// Whether changing a version in `state` makes a new version: once answered (akkoord or not),
/// a version stays as it was agreed or refused; before, the concept is simply corrected.
pub fn change_makes_new_version(state: VersionState) -> bool {
    state != VersionState::WachtOpAkkoord
}

/// Where a plan stands, by its latest version, or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum PlanStatus {
    WachtOpAkkoord,
    /// Agreed: in uitvoering.
    Akkoord,
    GeenAkkoord,
    Afgesloten,
}

impl crate::domain::Code for PlanStatus {}

impl PlanStatus {
    pub fn of(latest: VersionState, closed: bool) -> PlanStatus {
        match (closed, latest) {
            (true, _) => PlanStatus::Afgesloten,
            (false, VersionState::WachtOpAkkoord) => PlanStatus::WachtOpAkkoord,
            (false, VersionState::Akkoord) => PlanStatus::Akkoord,
            (false, VersionState::GeenAkkoord) => PlanStatus::GeenAkkoord,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PlanStatus::WachtOpAkkoord => "wacht op akkoord",
            PlanStatus::Akkoord => "akkoord, in uitvoering",
            PlanStatus::GeenAkkoord => "geen akkoord",
            PlanStatus::Afgesloten => "afgesloten",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::content::tests::day;

    #[test]
    fn both_agree_once_per_version() {
        let yes = Answer::Akkoord {
            on: day(1, 12),
            how: HowAgreed::Papier,
        };
        let waiting = VersionState::WachtOpAkkoord;
        assert_eq!(yes.check(waiting, day(1, 11), day(1, 12)), Ok(()));
        assert_eq!(yes.state(), VersionState::Akkoord);
        assert_eq!(
            yes.check(VersionState::Akkoord, day(1, 11), day(1, 12)),
            Err(PlanProblem::AlreadyAnswered)
        );
        assert!(yes.check(waiting, day(1, 11), day(1, 11)).is_err());
        assert!(yes.check(waiting, day(1, 13), day(1, 14)).is_err());
    }

    /// "Geen akkoord" records the point of disagreement.
    #[test]
    fn geen_akkoord_names_the_point() {
        let no = |point: &str| Answer::GeenAkkoord {
            on: day(1, 12),
            point: point.into(),
            requested: Some("huishoudelijke hulp".into()),
        };
        let waiting = VersionState::WachtOpAkkoord;
        assert_eq!(
            no("wil hulp in huis").check(waiting, day(1, 11), day(1, 12)),
            Ok(())
        );
        assert!(no(" ").check(waiting, day(1, 11), day(1, 12)).is_err());
        assert_eq!(no("x").state(), VersionState::GeenAkkoord);
    }

    #[test]
    fn a_change_after_the_answer_is_a_new_version() {
        assert!(!change_makes_new_version(VersionState::WachtOpAkkoord));
        assert!(change_makes_new_version(VersionState::Akkoord));
        assert!(change_makes_new_version(VersionState::GeenAkkoord));
        assert_eq!(
            PlanStatus::of(VersionState::Akkoord, true),
            PlanStatus::Afgesloten
        );
        assert_eq!(
            PlanStatus::of(VersionState::GeenAkkoord, false).code(),
            "geen-akkoord"
        );
    }

    use crate::domain::Code;
}
