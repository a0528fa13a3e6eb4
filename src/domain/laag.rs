//! The *kantelingspiramide*: the layers in which help is sought, cheapest and closest first.

use serde::{Deserialize, Serialize};

/// A layer of the kantelingspiramide. The declaration order is the pyramid order, so
/// sorting by `Laag` puts eigen kracht first and maatwerk last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

impl Laag {
    pub const ALL: [Laag; 5] = [
        Laag::EigenKracht,
        Laag::SociaalNetwerk,
        Laag::Algemeen,
        Laag::Collectief,
        Laag::Maatwerk,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Laag::EigenKracht => "eigen-kracht",
            Laag::SociaalNetwerk => "sociaal-netwerk",
            Laag::Algemeen => "algemeen",
            Laag::Collectief => "collectief",
            Laag::Maatwerk => "maatwerk",
        }
    }

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

    pub fn from_code(code: &str) -> Option<Laag> {
        let code = code.trim().to_lowercase().replace(['_', ' '], "-");
        Laag::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The valid codes, comma separated, for error messages.
    pub fn codes() -> String {
        Laag::ALL.map(Laag::code).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_order_follows_the_pyramid() {
        for laag in Laag::ALL {
            assert_eq!(Laag::from_code(laag.code()), Some(laag));
        }
        assert!(Laag::EigenKracht < Laag::Maatwerk);
        assert_eq!(Laag::from_code(" Eigen_Kracht "), Some(Laag::EigenKracht));
        assert_eq!(Laag::from_code("luxe"), None);
    }
}
