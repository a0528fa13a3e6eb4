//! What a short gesprek note must not hold: other people's phone numbers and BSN's. Issue 18:
//! "Notes are short and purpose-bound … the text is checked for phone numbers and BSN-like
//! numbers of others." A number is found by its shape, not by where it stands: how to reach
//! the resident is kept in the intake, never in a note.

use std::fmt;

use crate::domain::validation;

/// A number in a note that looks like someone's personal identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensitiveNumber {
    Phone,
    /// Nine digits that pass the elfproef (eleven test) of the burgerservicenummer.
    Bsn,
}

impl fmt::Display for SensitiveNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SensitiveNumber::Phone => "een telefoonnummer",
            SensitiveNumber::Bsn => "iets dat op een BSN lijkt",
        })
    }
}

/// The first phone number or BSN-like number in `text`, if any. Digits grouped by spaces,
/// dashes, dots, slashes or brackets count as one number, as people write them
/// ("06-1234 5678", "1234.56.782").
pub fn sensitive_number(text: &str) -> Option<SensitiveNumber> {
    let is_part = |c: char| c.is_ascii_digit() || " -./()+".contains(c);
    text.split(|c: char| !is_part(c))
        .filter(|run| run.chars().any(|c| c.is_ascii_digit()))
        .flat_map(|run| std::iter::once(run).chain(run.split_whitespace()))
        .find_map(classify)
}

fn classify(run: &str) -> Option<SensitiveNumber> {
    let digits: Vec<u32> = run.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() >= 5 && validation::phone(run.trim()).is_ok() {
        return Some(SensitiveNumber::Phone);
    }
    (digits.len() == 9 && elfproef(&digits)).then_some(SensitiveNumber::Bsn)
}

/// The eleven test of a BSN: 9×d1 + 8×d2 + … + 2×d8 − d9 is a multiple of 11 (and not 0).
fn elfproef(digits: &[u32]) -> bool {
    let weighted: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&d, w)| i64::from(d) * w)
        .sum::<i64>()
        - i64::from(digits[8]);
    weighted != 0 && weighted % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_found_however_they_are_written() {
        for text in [
            "buurvrouw belt op 06-1234 5678",
            "huisarts 010 123 4567.",
            "zoon: +31 6 12345678",
        ] {
            assert_eq!(
                sensitive_number(text),
                Some(SensitiveNumber::Phone),
                "{text}"
            );
        }
    }

    /// 111222333 passes the elfproef (9+8+7 + 12+10+8 + 9+6 − 3 = 66); 111222334 does not.
    #[test]
    fn bsn_like_numbers_pass_the_elfproef() {
        assert_eq!(
            sensitive_number("bsn dochter 111222333"),
            Some(SensitiveNumber::Bsn)
        );
        assert_eq!(
            sensitive_number("dossier 1112.22.333"),
            Some(SensitiveNumber::Bsn)
        );
        assert_eq!(sensitive_number("kenmerk 111222334"), None);
        assert_eq!(sensitive_number("000000000"), None);
    }

    #[test]
    fn dates_amounts_and_house_numbers_are_not_personal_numbers() {
        for text in [
            "Gesprek op 12-03-2027 om 10.30, huisnummer 14",
            "schuld van 1250 euro, huur 812",
            "over 3 weken, 2 kinderen",
        ] {
            assert_eq!(sensitive_number(text), None, "{text}");
        }
    }
}
