//! The *kantelingspiramide*: the layers in which help is sought, cheapest and closest first.

use serde::{Deserialize, Serialize};

use super::Code;

/// A layer of the kantelingspiramide. The declaration order is the pyramid order, so
/// sorting by `Laag` puts eigen kracht first and maatwerk last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Laag {
    /// What residents can do themselves.
    EigenKracht,
    /// Family, neighbours, volunteers.
    SociaalNetwerk,
    /// Algemene voorzieningen: free, no referral needed.
    Algemeen,
    /// Collectieve voorzieningen for groups.
    Collectief,
    /// Individuele maatwerkvoorzieningen: need an indicatie or beschikking.
    Maatwerk,
}

impl Code for Laag {}

impl Laag {
    /// Dutch name as shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Laag::EigenKracht => "Eigen kracht",
            Laag::SociaalNetwerk => "Sociaal netwerk",
            Laag::Algemeen => "Algemene voorziening",
            Laag::Collectief => "Collectieve voorziening",
            Laag::Maatwerk => "Maatwerkvoorziening",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_follows_the_pyramid() {
        assert!(Laag::EigenKracht < Laag::Maatwerk);
        assert_eq!(Laag::from_code(" Eigen_Kracht "), Some(Laag::EigenKracht));
    }
}
