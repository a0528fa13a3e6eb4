//! Arbitrary UTF-8 into every small parser: the intake validators, the search filters and the
//! report period. Normalised output must validate again to itself (as in
//! `tests/parsers_proptest.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use loket::domain::validation::{birth_year, email, house_number, phone, postcode};
use loket::report::Period;
use loket::search::Filters;

fuzz_target!(|text: &str| {
    if let Ok(normal) = postcode(text) {
        assert_eq!(postcode(&normal), Ok(normal.clone()));
    }
    if let Ok(normal) = phone(text) {
        assert_eq!(phone(&normal), Ok(normal.clone()));
    }
    if let Ok(normal) = email(text) {
        assert_eq!(email(&normal), Ok(normal.clone()));
    }
    if let Ok(normal) = birth_year(text, 2026) {
        assert_eq!(birth_year(&normal, 2026), Ok(normal.clone()));
    }
    if let Ok(normal) = house_number(text) {
        assert_eq!(house_number(&normal), Ok(normal.clone()));
    }
    if let Ok(age) = Filters::parse_age(text) {
        assert!(age <= 130);
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let _ = Filters::parse_moment(text, today);
    let (from, to) = text.split_once('|').unwrap_or((text, text));
    if let Ok(period) = Period::parse(from, to, today) {
        assert!(period.from <= period.to);
    }
});
