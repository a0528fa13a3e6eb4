//! The gesprek: seed 003 §3.4, "Na de doorverwijzing in de fase van de oriëntatie volgt een
//! gesprek … Daarbij kan de inwoner iemand meenemen die voor haar/hem belangrijk is." "Het
//! verhelderen van de vraag hoeft niet in één gesprek te gebeuren", and history may be gathered
//! "via het raadplegen van het sociale netwerk en al betrokken hulpverleners met medeweten en
//! toestemming van de inwoner". Seed 002 adds: "liefst in de thuissituatie".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::note::sensitive_number;

/// How long a gesprek note may be: short and purpose-bound.
pub const MAX_NOTE_CHARS: usize = 600;

/// What the screen says above the note, so nothing is written that does not belong there.
pub const NOTE_GUIDANCE: &str = "Kort en alleen wat nodig is voor het plan. Geen diagnoses, \
     geen gegevens van anderen (namen, telefoonnummers, BSN).";

/// Where the gesprek took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Place {
    /// At the resident's home ("liefst in de thuissituatie", seed 002).
    Thuis,
    Loket,
    Telefoon,
}

impl crate::domain::Code for Place {}

impl Place {
    pub fn name(self) -> &'static str {
        match self {
            Place::Thuis => "thuis",
            Place::Loket => "op het loket",
            Place::Telefoon => "telefonisch",
        }
    }
}

/// Someone from the network or another helper consulted about the resident's history, and
/// whether the resident agreed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consulted {
    /// As the resident names them: "de huisarts", "zus Ans".
    pub who: String,
    pub consent: bool,
}

/// One gesprek with the resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gesprek {
    pub held_on: NaiveDate,
    pub place: Place,
    /// Who else took part besides the resident and the gespreksvoerder (a colleague, an
    /// interpreter).
    pub participants: Vec<String>,
    /// Whom the resident brought along ("kan iemand meenemen"); empty when nobody.
    pub brought_along: String,
    pub consulted: Vec<Consulted>,
    pub note: String,
}

impl Gesprek {
    /// Whether it can be recorded on `today`: not in the future, every consultation with the
    /// resident's consent, and a short note without other people's numbers.
    pub fn check(&self, today: NaiveDate) -> Result<(), PlanProblem> {
        if self.held_on > today {
            return Err(PlanProblem::InTheFuture {
                what: "De datum van het gesprek",
            });
        }
        if let Some(c) = self.consulted.iter().find(|c| !c.consent) {
            return Err(PlanProblem::ConsultedWithoutConsent(
                c.who.trim().to_string(),
            ));
        }
        if self.consulted.iter().any(|c| c.who.trim().is_empty())
            || self.participants.iter().any(|p| p.trim().is_empty())
        {
            return Err(PlanProblem::Missing(
                "Noem wie er meedeed of is geraadpleegd",
            ));
        }
        check_note(&self.note)
    }
}

/// A free text of the plan or a gesprek: at most [`MAX_NOTE_CHARS`], without phone numbers or
/// BSN-like numbers.
pub(super) fn check_note(text: &str) -> Result<(), PlanProblem> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(PlanProblem::NoteTooLong);
    }
    match sensitive_number(text) {
        Some(found) => Err(PlanProblem::SensitiveNumber(found)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gesprek() -> Gesprek {
        Gesprek {
            held_on: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            place: Place::Thuis,
            participants: vec![],
            brought_along: "dochter".into(),
            consulted: vec![Consulted {
                who: "de huisarts".into(),
                consent: true,
            }],
            note: "Wil weer zelf de post bijhouden.".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
    }

    #[test]
    fn a_gesprek_at_home_with_someone_brought_along() {
        assert_eq!(gesprek().check(today()), Ok(()));
        let tomorrow = Gesprek {
            held_on: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
            ..gesprek()
        };
        assert!(tomorrow.check(today()).is_err());
    }

    /// Seed 003 §3.4: "met medeweten en toestemming van de inwoner".
    #[test]
    fn the_network_is_consulted_only_with_consent() {
        let mut g = gesprek();
        g.consulted[0].consent = false;
        assert_eq!(
            g.check(today()),
            Err(PlanProblem::ConsultedWithoutConsent("de huisarts".into()))
        );
    }

    #[test]
    fn a_note_is_short_and_holds_no_numbers_of_others() {
        let mut g = gesprek();
        g.note = "buurman belt 06 12345678".into();
        assert!(matches!(
            g.check(today()),
            Err(PlanProblem::SensitiveNumber(_))
        ));
        g.note = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(g.check(today()), Err(PlanProblem::NoteTooLong));
    }
}
