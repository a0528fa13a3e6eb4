//! Property tests for the small parsers the desk and the CLI feed typed text into: the intake
//! validators (postcode, phone, e-mail, birth year, house number), the search filters (age,
//! moment) and the report period. Any string at all (huge, control characters, any script)
//! gives `Ok` or a message, never a panic; what a validator normalises
//! validates again to itself. The importer and the search query have their own properties in
//! `tests/interop_messy.rs` and `tests/search.rs`; `fuzz/` runs all of them under libFuzzer.

use chrono::{Datelike, NaiveDate};
use loket::domain::validation::{birth_year, email, house_number, phone, postcode};
use loket::report::Period;
use loket::search::Filters;
use proptest::prelude::*;

/// Runs every parser on `text` and checks the round trips. How long they take on huge input
/// is measured in `benches/parsers.rs`, not asserted here.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    if let Ok(normal) = postcode(text) {
        prop_assert_eq!(postcode(&normal), Ok(normal.clone()));
        prop_assert_eq!(normal.len(), 7);
    }
    if let Ok(normal) = phone(text) {
        prop_assert!(normal.chars().all(|c| c.is_ascii_digit()), "{normal}");
        prop_assert_eq!(phone(&normal), Ok(normal.clone()));
    }
    if let Ok(normal) = email(text) {
        prop_assert_eq!(email(&normal), Ok(normal.clone()));
    }
    if let Ok(normal) = birth_year(text, 2026) {
        prop_assert_eq!(birth_year(&normal, 2026), Ok(normal.clone()));
    }
    if let Ok(normal) = house_number(text) {
        prop_assert_eq!(house_number(&normal), Ok(normal.clone()));
    }
    if let Ok(age) = Filters::parse_age(text) {
        prop_assert!(age <= 130);
        prop_assert_eq!(Filters::parse_age(&age.to_string()).ok(), Some(age));
    }
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    if let Ok(moment) = Filters::parse_moment(text, today)
        && (0..=9999).contains(&moment.year())
    {
        let again = moment.format("%Y-%m-%d %H:%M:%S").to_string();
        prop_assert_eq!(Filters::parse_moment(&again, today).ok(), Some(moment));
    }
    for (from, to) in [(text, text), (text, "2026-12-31"), ("2026-01-01", text)] {
        if let Ok(period) = Period::parse(from, to, today) {
            prop_assert!(period.from <= period.to);
            let (a, b) = (period.from.to_string(), period.to.to_string());
            if (0..=9999).contains(&period.from.year()) && (0..=9999).contains(&period.to.year()) {
                prop_assert_eq!(Period::parse(&a, &b, today).ok(), Some(period));
            }
        }
    }

    Ok(())
}

/// Text that looks like what the parsers expect, with the noise a desk or a paste adds.
fn near_miss() -> impl Strategy<Value = String> {
    prop_oneof![
        "[1-9][0-9]{3} ?[a-zA-Z]{2}",
        "[ \t]*[0-9]{4}[ \u{a0}\u{200b}]*[a-zA-Zıſß]{1,3}[ \t]*",
        "(\\+31|0031|0)?[ ()0-9./-]{0,16}",
        "[a-zA-Z0-9.+]{1,8}@[a-zA-Z0-9.İ]{0,10}",
        "[ ]*(1[89]|20)[0-9]{2}[ ]*",
        "[1-9][0-9]{0,5}[ -]{0,2}[a-zA-Z0-9ﬀ]{0,5}",
        "[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?",
        "[+-]?[0-9]{1,6}-[01][0-9]-[0-3][0-9]",
        "[0-9 \t]{0,5}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any printable text, in any script.
    #[test]
    fn any_text_is_safe(text in "\\PC{0,200}") {
        check_all(&text)?;
    }

    /// Control characters, NULs, bidi overrides, lone combining marks.
    #[test]
    fn control_characters_are_safe(text in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\u{202e}\u{200d}\u{301}0-9a-zA-Z +@.:-]{0,100}") {
        check_all(&text)?;
    }

    /// Inputs close to valid ones, where the round trips actually get exercised.
    #[test]
    fn near_misses_round_trip(text in near_miss()) {
        check_all(&text)?;
    }

    /// Every well-formed postcode is accepted, except the never-issued SA, SD and SS.
    #[test]
    fn well_formed_postcodes_validate(digits in 1000u32..10000, letters in "[A-Z]{2}", lower in any::<bool>()) {
        let typed = if lower { format!("{digits}{}", letters.to_lowercase()) } else { format!("{digits} {letters}") };
        let result = postcode(&typed);
        if matches!(letters.as_str(), "SA" | "SD" | "SS") {
            prop_assert!(result.is_err());
        } else {
            prop_assert_eq!(result, Ok(format!("{digits} {letters}")));
        }
    }

    /// A mobile number in any of the usual spellings normalises to the same ten digits.
    #[test]
    fn mobile_numbers_normalise(rest in "[0-9]{8}", spelling in 0usize..4) {
        let typed = match spelling {
            0 => format!("06{rest}"),
            1 => format!("06-{} {}", &rest[..4], &rest[4..]),
            2 => format!("+31 (0)6 {rest}"),
            _ => format!("0031 6 {rest}"),
        };
        prop_assert_eq!(phone(&typed), Ok(format!("06{rest}")));
    }

    /// Every valid date range parses, in any order of the fields' whitespace.
    #[test]
    fn valid_periods_parse(from in 0i32..400_000, length in 0i32..2000) {
        let from = NaiveDate::from_num_days_from_ce_opt(from).unwrap();
        let to = from + chrono::Days::new(length as u64);
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let period = Period::parse(&format!(" {from} "), &to.to_string(), today).unwrap();
        prop_assert_eq!((period.from, period.to), (from, to));
        prop_assert!(Period::parse(&to.to_string(), &from.to_string(), today).is_err() || length == 0);
    }
}

/// Huge inputs: a megabyte of digits, of spaces, of letters, of multi-byte characters and a
/// mixed one; no parser panics or refuses to answer (their speed: `benches/parsers.rs`).
#[test]
fn huge_inputs_are_safe() {
    let mixed: String = (0..200_000)
        .map(|i| ['1', ' ', 'a', '@', '.', '-', 'é', '\0', '😀', '+'][i % 10])
        .collect();
    let inputs = [
        "1".repeat(1 << 20),
        " ".repeat(1 << 20),
        "a".repeat(1 << 20),
        "é".repeat(1 << 19),
        format!("1234{}AB", " ".repeat(1 << 20)),
        format!("06{}", "-".repeat(1 << 20)),
        format!("a@{}", ".b".repeat(1 << 19)),
        format!("2026-01-01{}", "\u{200b}".repeat(1 << 18)),
        mixed,
    ];
    for input in &inputs {
        check_all(input).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// `+31` followed by `00…` is not a Dutch number (found while writing the round-trip
/// property: it used to normalise to `00…`, which then did not validate again).
#[test]
fn phone_plus31_then_00_is_refused() {
    assert!(phone("+310031234567").is_err());
    assert!(phone("0031 0031234567").is_err());
}
