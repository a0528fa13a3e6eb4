//! Small-cell protection across overlapping periods (probe B12): the probe asked for 3 to 20
//! November and for 4 to 20 November, subtracted, and found the one domestic-violence contact
//! of 3 November. Reports now cover whole calendar months and show counts rounded to fives, so
//! for every pair of periods anyone can ask for, every difference between two shown counts is
//! 0 or at least 5, or cannot be computed because a cell is "<5".

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::db::open;
use loket::report::{Period, build, output};
use loket::store::Store;

/// The day the demo data is generated up to, and the report made.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap()
}

/// The counts of one report by (section, category).
type Shown = BTreeMap<(String, String), String>;

/// Every count a report shows, by section and category, from its CSV: "<5" or a whole
/// number (the queue's hours and percentages have a decimal point and are left out).
fn shown_counts(store: &Store, period: &Period) -> Shown {
    let report = build(store, period, now()).unwrap();
    output::csv(&report)
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.rsplitn(2, ',');
            let value = fields.next()?.to_string();
            let (section, category) = fields.next()?.split_once(',')?;
            let count = value == "<5" || value.parse::<u64>().is_ok();
            (count && section != "periode")
                .then(|| ((section.to_string(), category.to_string()), value))
        })
        .collect()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

/// Periods a team leader could ask for over the demo months: single days, days shifted by
/// one, half months, whole months, two months, the quarter.
fn periods() -> Vec<Period> {
    let mut periods = vec![
        Period {
            from: day(11, 3),
            to: day(11, 20),
        },
        Period {
            from: day(11, 4),
            to: day(11, 20),
        },
        Period {
            from: day(11, 3),
            to: day(11, 3),
        },
        Period {
            from: day(10, 1),
            to: day(12, 31),
        },
        Period {
            from: day(10, 15),
            to: day(11, 14),
        },
    ];
    for month in 9..=12 {
        periods.push(Period::this_month(day(month, 1)));
        periods.push(Period {
            from: day(month, 1),
            to: day(month, 15),
        });
    }
    periods.push(Period {
        from: day(9, 1),
        to: day(10, 31),
    });
    periods.push(Period {
        from: day(11, 1),
        to: day(12, 31),
    });
    periods
}

#[test]
fn no_two_reports_subtract_to_a_count_under_five() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    loket::interop::load_sample(&mut store).unwrap();
    let summary = loket::demo::generate(&mut store, 45, 7, now()).unwrap();
    assert!(summary.intakes > 500, "a demo-like amount of contacts");

    // The probe's attack: one day apart, the same report.
    let (a, b) = (&periods()[0], &periods()[1]);
    assert_eq!(shown_counts(&store, a), shown_counts(&store, b));
    assert_eq!(
        build(&store, a, now()).unwrap().period.label(),
        "1-11-2026 t/m 30-11-2026"
    );

    let reports: Vec<(Period, Shown)> = periods()
        .into_iter()
        .map(|period| (period, shown_counts(&store, &period)))
        .collect();
    let mut compared = 0;
    for (i, (first, one)) in reports.iter().enumerate() {
        for (second, other) in &reports[i + 1..] {
            for (key, value) in one {
                let (Ok(x), Some(Ok(y))) = (
                    value.parse::<i64>(),
                    other.get(key).map(|v| v.parse::<i64>()),
                ) else {
                    continue;
                };
                let difference = (x - y).abs();
                assert!(
                    difference == 0 || difference >= 5,
                    "{key:?}: {x} over {} and {y} over {}",
                    first.label(),
                    second.label()
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 1000, "only {compared} pairs of cells compared");
}
