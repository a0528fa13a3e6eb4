//! Opschaling to the Expertiseteam: the regisseur's step, never the desk's (D1). Seed 002,
//! "Het expertiseteam": "Wanneer er sprake is van zo'n situatie, dan schaalt de regisseur op
//! naar het expertiseteam", and "De regisseur … kan … het expertiseteam inschakelen voor
//! advies, ondersteuning en indicatiestelling".

use crate::domain::intake::Route;

/// Why the regisseur escalates, in seed 002's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscalationReason {
    /// "situaties waarbij al veel is geprobeerd (en mislukt); waar niet of slechts moeizaam kan
    /// worden samengewerkt …; waar zorg vaak moet worden gecombineerd met drang of dwang".
    MultiproblemPlus,
    /// "Ook voor advies en feedback kan de regisseur terecht bij het expertteam."
    Advies,
    /// "indicatiestelling voor maatwerkoplossingen waarover de regisseur niet zelfstandig kan
    /// beschikken".
    Indicatiestelling,
}

impl EscalationReason {
    pub const ALL: [EscalationReason; 3] = [
        EscalationReason::MultiproblemPlus,
        EscalationReason::Advies,
        EscalationReason::Indicatiestelling,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EscalationReason::MultiproblemPlus => "multiproblem-plus",
            EscalationReason::Advies => "advies",
            EscalationReason::Indicatiestelling => "indicatiestelling",
        }
    }
}

/// An opschaling as the regisseur asks for it: why, in a few words of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub reason: EscalationReason,
    pub explanation: String,
}

/// Fewer characters than this cannot say why the Expertiseteam is needed.
const MIN_EXPLANATION_CHARS: usize = 10;

/// Checks an opschaling: only the household's regisseur escalates, and says why. The route is
/// then the Expertiseteam's; the case keeps its regisseur.
pub fn escalate(
    by_regisseur: bool,
    reason: EscalationReason,
    explanation: &str,
) -> Result<Escalation, String> {
    if !by_regisseur {
        return Err("Alleen de regisseur schaalt op naar het Expertiseteam".to_string());
    }
    let explanation = explanation.trim();
    if explanation.chars().count() < MIN_EXPLANATION_CHARS {
        return Err(
            "Opschalen: schrijf op waarom het Expertiseteam nodig is (minstens 10 tekens)"
                .to_string(),
        );
    }
    Ok(Escalation {
        reason,
        explanation: explanation.to_string(),
    })
}

impl Escalation {
    pub fn route(&self) -> Route {
        Route::Expertiseteam
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 002: "dan schaalt de regisseur op naar het expertiseteam": not the desk.
    #[test]
    fn only_the_regisseur_escalates_and_says_why() {
        assert!(
            escalate(
                false,
                EscalationReason::MultiproblemPlus,
                "al veel geprobeerd"
            )
            .is_err()
        );
        assert!(escalate(true, EscalationReason::Advies, "kort").is_err());
        let e = escalate(
            true,
            EscalationReason::MultiproblemPlus,
            "  drie trajecten mislukt, drang nodig ",
        )
        .unwrap();
        assert_eq!(e.explanation, "drie trajecten mislukt, drang nodig");
        assert_eq!(e.route(), Route::Expertiseteam);
        assert_eq!(
            EscalationReason::Indicatiestelling.name(),
            "indicatiestelling"
        );
    }
}
