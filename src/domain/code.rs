//! Enums stored in the database and typed on the command line by a fixed code. strum derives
//! the code from the variant's name in kebab-case, as serde names the same variants in JSON,
//! so the variant is the one source of both; this trait reads codes as people type them.
//! A stored code must never change: existing databases hold them (see the test below).

use std::str::FromStr;

use strum::VariantArray;

/// An enum with a fixed code per variant (derive `strum::IntoStaticStr`, `strum::EnumString`
/// and `strum::VariantArray` with `#[strum(serialize_all = "kebab-case")]`).
pub trait Code: Copy + VariantArray + Into<&'static str> + FromStr {
    /// The code as stored in the database and accepted on the command line.
    fn code(self) -> &'static str {
        self.into()
    }

    /// The variant whose code `text` is, written loosely: any case, spaces or underscores for
    /// hyphens, `ö` for `o` ("Coördinator", "niet bereikt").
    fn from_code(text: &str) -> Option<Self> {
        text.trim()
            .to_lowercase()
            .replace(['_', ' '], "-")
            .replace('ö', "o")
            .parse()
            .ok()
    }

    /// Every code, comma separated, for error messages.
    fn codes() -> String {
        let codes: Vec<&str> = Self::VARIANTS.iter().map(|v| v.code()).collect();
        codes.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::domain::Laag;
    use crate::domain::account::Role;
    use crate::domain::intake::{Complexiteit, Kanaal, Urgentie};
    use crate::domain::queue::{Outcome, QueueKind, QueueState};

    fn codes<T: Code>() -> Vec<&'static str> {
        T::VARIANTS.iter().map(|v| v.code()).collect()
    }

    /// Every code, read back, is its variant; and serde (drafts, JSON output) names it alike.
    fn round_trips<T: Code + Serialize + PartialEq + std::fmt::Debug>() {
        for &variant in T::VARIANTS {
            assert_eq!(T::from_code(variant.code()), Some(variant));
            let json = serde_json::to_value(variant).unwrap();
            assert_eq!(json.as_str(), Some(variant.code()), "{variant:?}");
        }
    }

    #[test]
    fn stored_codes_never_change() {
        assert_eq!(
            codes::<Role>(),
            ["vrijwilliger", "medewerker", "coordinator", "beheerder"]
        );
        assert_eq!(
            codes::<Laag>(),
            [
                "eigen-kracht",
                "sociaal-netwerk",
                "algemeen",
                "collectief",
                "maatwerk"
            ]
        );
        assert_eq!(codes::<QueueKind>(), ["doorverwijzing", "terugbelverzoek"]);
        assert_eq!(
            codes::<QueueState>(),
            [
                "nieuw",
                "opgepakt",
                "afspraak",
                "afgerond",
                "teruggelegd",
                "doorgestuurd"
            ]
        );
        assert_eq!(
            codes::<Outcome>(),
            [
                "gesprek-gevoerd",
                "plan-gemaakt",
                "elders-geholpen",
                "niet-bereikt",
                "wil-niet"
            ]
        );
        assert_eq!(
            codes::<Kanaal>(),
            ["telefoon", "balie", "digitaal", "signaal"]
        );
        assert_eq!(
            codes::<Complexiteit>(),
            ["eenvoudig", "specialistisch", "complex"]
        );
        assert_eq!(codes::<Urgentie>(), ["normaal", "hoog", "spoed"]);
    }

    #[test]
    fn codes_round_trip_and_match_the_json_names() {
        round_trips::<Role>();
        round_trips::<Laag>();
        round_trips::<QueueKind>();
        round_trips::<QueueState>();
        round_trips::<Outcome>();
        round_trips::<Kanaal>();
        round_trips::<Complexiteit>();
        round_trips::<Urgentie>();
    }

    #[test]
    fn codes_are_read_as_people_type_them() {
        assert_eq!(Role::from_code(" Coördinator "), Some(Role::Coordinator));
        assert_eq!(
            Outcome::from_code("Niet bereikt"),
            Some(Outcome::NietBereikt)
        );
        assert_eq!(Laag::from_code("EIGEN_KRACHT"), Some(Laag::EigenKracht));
        assert_eq!(Laag::from_code("luxe"), None);
        assert_eq!(
            Role::codes(),
            "vrijwilliger, medewerker, coordinator, beheerder"
        );
    }
}
