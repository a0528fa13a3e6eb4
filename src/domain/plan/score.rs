//! The optional zelfredzaamheid score, 1 to 5, as the Zelfredzaamheid-Matrix names its levels
//! (seed 003 §3.4 lists the "Zelfredzaamheidsmatrix" among the tools of the gesprek). Scored
//! only for the leefgebieden of this case, to measure the effect at the evaluation.

use serde::{Deserialize, Serialize};

/// Why the score is asked for this case's leefgebieden only; shown on screen next to it.
pub const SCORE_ONLY_FOR_THE_CASE: &str = "Alleen voor de leefgebieden van deze vraag: de \
     Autoriteit Persoonsgegevens vond het vastleggen van alle leefgebieden van iemands leven \
     onnodig. De score laat bij de evaluatie zien wat de ondersteuning heeft opgeleverd.";

/// A level of zelfredzaamheid on one leefgebied; the number is the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Zelfredzaamheid {
    AcuteProblematiek,
    NietZelfredzaam,
    BeperktZelfredzaam,
    VoldoendeZelfredzaam,
    VolledigZelfredzaam,
}

impl crate::domain::Code for Zelfredzaamheid {}

impl Zelfredzaamheid {
    /// The score 1 (acute problematiek) to 5 (volledig zelfredzaam).
    pub fn score(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_score(score: u8) -> Option<Zelfredzaamheid> {
        use strum::VariantArray;
        Self::VARIANTS
            .get(usize::from(score).checked_sub(1)?)
            .copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Zelfredzaamheid::AcuteProblematiek => "acute problematiek",
            Zelfredzaamheid::NietZelfredzaam => "niet zelfredzaam",
            Zelfredzaamheid::BeperktZelfredzaam => "beperkt zelfredzaam",
            Zelfredzaamheid::VoldoendeZelfredzaam => "voldoende zelfredzaam",
            Zelfredzaamheid::VolledigZelfredzaam => "volledig zelfredzaam",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_named_levels_one_to_five() {
        assert_eq!(Zelfredzaamheid::from_score(0), None);
        assert_eq!(Zelfredzaamheid::from_score(6), None);
        let names: Vec<(u8, &str)> = (1..=5)
            .map(|s| {
                let level = Zelfredzaamheid::from_score(s).unwrap();
                (level.score(), level.name())
            })
            .collect();
        assert_eq!(
            names,
            [
                (1, "acute problematiek"),
                (2, "niet zelfredzaam"),
                (3, "beperkt zelfredzaam"),
                (4, "voldoende zelfredzaam"),
                (5, "volledig zelfredzaam"),
            ]
        );
    }
}
