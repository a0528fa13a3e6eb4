//! The typed-text parsers on a megabyte of input: the validators, the search filters and the
//! report period must stay linear (milliseconds, where a quadratic one takes minutes). The
//! budget is 1 s per input; `tests/parsers_proptest.rs` checks the answers, this the time.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::validation::{birth_year, email, house_number, phone, postcode};
use loket::report::Period;
use loket::search::Filters;

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("digits", "1".repeat(1 << 20)),
        ("spaces", " ".repeat(1 << 20)),
        ("multi-byte", "é".repeat(1 << 19)),
        ("postcode-padded", format!("1234{}AB", " ".repeat(1 << 20))),
        ("phone-dashes", format!("06{}", "-".repeat(1 << 20))),
        ("email-dots", format!("a@{}", ".b".repeat(1 << 19))),
        (
            "date-zero-width",
            format!("2026-01-01{}", "\u{200b}".repeat(1 << 18)),
        ),
    ]
}

fn all_parsers(text: &str, today: NaiveDate) {
    black_box(postcode(text).ok());
    black_box(phone(text).ok());
    black_box(email(text).ok());
    black_box(birth_year(text, 2026).ok());
    black_box(house_number(text).ok());
    black_box(Filters::parse_age(text).ok());
    black_box(Filters::parse_moment(text, today).ok());
    black_box(Period::parse(text, "2026-12-31", today).ok());
}

fn huge_inputs(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
    let mut group = c.benchmark_group("parsers_1mb");
    group.sample_size(10);
    for (name, text) in inputs() {
        group.bench_function(name, |b| b.iter(|| all_parsers(black_box(&text), today)));
    }
    group.finish();
}

criterion_group!(benches, huge_inputs);
criterion_main!(benches);
