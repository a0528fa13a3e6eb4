//! The Dutch provincie of a postcode, for the `state_province` HSDS requires of every address
//! when the source does not give one. Provinces follow the numeric part of the postcode in
//! ranges; the table is coarse at the borders (a handful of villages near a provincial border
//! may be named after their neighbour), which is good enough for a field Loket only passes on.

/// (first, last) numeric postcode and provincie, in ascending order without gaps that matter.
const RANGES: &[(u16, u16, &str)] = &[
    (1000, 1299, "Noord-Holland"),
    (1300, 1379, "Flevoland"),
    (1380, 1389, "Noord-Holland"),
    (1390, 1396, "Utrecht"),
    (1397, 2199, "Noord-Holland"),
    (2200, 3399, "Zuid-Holland"),
    (3400, 3769, "Utrecht"),
    (3770, 3794, "Gelderland"),
    (3795, 3839, "Utrecht"),
    (3840, 3889, "Gelderland"),
    (3890, 3899, "Flevoland"),
    (3900, 3999, "Utrecht"),
    (4000, 4199, "Gelderland"),
    (4200, 4299, "Zuid-Holland"),
    (4300, 4599, "Zeeland"),
    (4600, 5299, "Noord-Brabant"),
    (5300, 5335, "Gelderland"),
    (5336, 5799, "Noord-Brabant"),
    (5800, 6499, "Limburg"),
    (6500, 7399, "Gelderland"),
    (7400, 7739, "Overijssel"),
    (7740, 7766, "Drenthe"),
    (7767, 7799, "Overijssel"),
    (7800, 7999, "Drenthe"),
    (8000, 8199, "Overijssel"),
    (8200, 8259, "Flevoland"),
    (8260, 8299, "Overijssel"),
    (8300, 8379, "Flevoland"),
    (8380, 8399, "Drenthe"),
    (8400, 9299, "Friesland"),
    (9300, 9349, "Drenthe"),
    (9350, 9399, "Groningen"),
    (9400, 9499, "Drenthe"),
    (9500, 9999, "Groningen"),
];

/// The provincie of a Dutch postcode (`7301 AA`, `7301AA` or `7301`), or `None` when `postcode`
/// does not start with four digits from 1000 on.
pub fn of_postcode(postcode: &str) -> Option<&'static str> {
    let digits: String = postcode.trim().chars().take(4).collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number: u16 = digits.parse().ok()?;
    RANGES
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&number))
        .map(|(_, _, provincie)| *provincie)
}

#[cfg(test)]
mod tests {
    use super::of_postcode;

    #[test]
    fn known_cities_fall_in_their_provincie() {
        for (postcode, provincie) in [
            ("1012 AB", Some("Noord-Holland")),
            ("2511CV", Some("Zuid-Holland")),
            ("3511 AA", Some("Utrecht")),
            ("5611", Some("Noord-Brabant")),
            ("6211 AA", Some("Limburg")),
            ("6811 AA", Some("Gelderland")),
            ("7301 AA", Some("Gelderland")),
            ("7511 AA", Some("Overijssel")),
            ("8911 AA", Some("Friesland")),
            ("9711 AA", Some("Groningen")),
            ("9401 AA", Some("Drenthe")),
            ("1315 AA", Some("Flevoland")),
            ("4331 AA", Some("Zeeland")),
            ("0999", None),
            ("SW1A 1AA", None),
            ("", None),
        ] {
            assert_eq!(of_postcode(postcode), provincie, "{postcode}");
        }
    }
}
