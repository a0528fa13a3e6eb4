//! Suppression tells the truth: "<5" is only ever a number from 1 to 4, a cell hidden so that a
//! total cannot give a small one away says "×", and a total never narrows a "<5" down. Checked
//! on generated breakdowns shaped like the demo's and on reports over demo data.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use loket::report::{Breakdown, Cell, Period, Report, Share, build, output};
use loket::store::Store;
use proptest::prelude::*;

/// What a reader can add up from a published section: the shown counts, the number of "<5"
/// and of "×" cells.
fn published(cells: &[Cell]) -> (u64, u64, u64) {
    cells
        .iter()
        .fold((0, 0, 0), |(shown, small, hidden), cell| match cell {
            Cell::Count(n) => (shown + n, small, hidden),
            Cell::Suppressed => (shown, small + 1, hidden),
            Cell::Hidden => (shown, small, hidden + 1),
        })
}

/// The check: shown counts plus 4 per "<5" reach the total, unless a cell says it is
/// hidden; and shown plus 1 per "<5" plus 5 per "×" never pass it.
fn consistent(cells: &[Cell], total: Cell) -> Result<(), String> {
    let Cell::Count(total) = total else {
        return Ok(());
    };
    let (shown, small, hidden) = published(cells);
    if hidden == 0 && shown + 4 * small < total {
        return Err(format!("{cells:?}: {shown} + 4 × {small} < {total}"));
    }
    if shown + small + 5 * hidden > total {
        return Err(format!("{cells:?} add up to more than {total}"));
    }
    if hidden > 0 && small == 0 {
        return Err(format!("{cells:?}: hidden without a small cell"));
    }
    Ok(())
}

/// Counts like the demo's: empty categories, small ones and large ones.
fn demo_like() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(
        prop_oneof![Just(0u64), 1u64..5, 5u64..12, 12u64..400],
        0..20,
    )
}

proptest! {
    #[test]
    fn small_cells_are_small_and_hidden_cells_say_so(counts in demo_like()) {
        let rows = counts.iter().enumerate().map(|(i, n)| (format!("c{i}"), *n)).collect();
        let breakdown = Breakdown::from_counts("test", rows);
        let cells: Vec<Cell> = breakdown.rows.iter().map(|(_, c)| *c).collect();
        for (cell, n) in cells.iter().zip(&counts) {
            match cell {
                Cell::Count(shown) => prop_assert_eq!(shown, n),
                Cell::Suppressed => prop_assert!((1..5).contains(n), "{} as <5", n),
                Cell::Hidden => prop_assert!(*n >= 5, "{} as ×", n),
            }
        }
        prop_assert_eq!(consistent(&cells, breakdown.total), Ok(()));
        // A "<5" may be anything from 1 to 4 for whoever knows the total, unless there was
        // nothing left to hide.
        let Cell::Count(total) = breakdown.total else { return Ok(()); };
        let (shown, small, hidden) = published(&cells);
        let all_hidden = cells.iter().all(|c| !matches!(c, Cell::Count(n) if *n > 0));
        if small > 0 && !all_hidden {
            let rest = total - shown;
            prop_assert!(rest >= (small - 1) + 5 * hidden + 4, "{:?} of {}", cells, total);
            prop_assert!(hidden > 0 || rest <= (small - 1) * 4 + 1, "{:?} of {}", cells, total);
        }
    }

    #[test]
    fn a_share_of_a_small_number_is_hidden(whole in 1u64..200, part_seed in 0u64..200) {
        let part = part_seed % (whole + 1);
        let share = Share::of(part, whole);
        let small = |n: u64| (1..5).contains(&n);
        prop_assert_eq!(share == Share::Hidden, small(part) || small(whole - part));
    }
}

/// Tuesday 24 November 2026, 16:00 in the Netherlands.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap()
}

fn sections(report: &Report) -> Vec<(String, Vec<Cell>, Cell)> {
    let mut all: Vec<(String, Vec<Cell>, Cell)> = [
        &report.by_kanaal,
        &report.by_location,
        &report.by_leefgebied,
        &report.by_complexiteit,
        &report.by_route,
        &report.handling,
        &report.advice_by_laag,
        &report.open_by_age,
    ]
    .iter()
    .map(|b| {
        let cells = b.rows.iter().map(|(_, c)| *c).collect();
        (b.title.clone(), cells, b.total)
    })
    .collect();
    let weeks: Vec<Cell> = report
        .contacts_per_week
        .points
        .iter()
        .map(|(_, c)| *c)
        .collect();
    all.push((
        report.contacts_per_week.title.clone(),
        weeks,
        report.handling.total,
    ));
    all
}

#[test]
fn demo_reports_never_call_a_hidden_cell_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    loket::interop::load_sample(&mut store).unwrap();
    loket::demo::generate(&mut store, 30, 7, now()).unwrap();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let periods = [
        Period::this_week(day(11, 24)),
        Period::last_month(day(11, 24)),
        Period {
            from: day(11, 4),
            to: day(11, 4),
        },
        Period {
            from: day(10, 26),
            to: day(11, 24),
        },
    ];
    let mut hidden_seen = false;
    for period in periods {
        let report = build(&store, &period, now()).unwrap();
        for (title, cells, total) in sections(&report) {
            assert_eq!(consistent(&cells, total), Ok(()), "{title} in {period:?}");
            hidden_seen |= cells.contains(&Cell::Hidden);
        }
        let table = output::table(&report);
        let csv = output::csv(&report);
        let json = output::json(&report);
        if report
            .by_complexiteit
            .rows
            .iter()
            .any(|(_, c)| *c == Cell::Hidden)
        {
            for text in [&table, &csv, &json] {
                assert!(text.contains('×'), "{text}");
            }
        }
        assert!(table.contains("× is verborgen"), "{table}");
    }
    assert!(hidden_seen, "the demo has sections with a hidden cell");
}
