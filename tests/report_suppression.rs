//! Suppression tells the truth: "<5" is only ever a number from 1 to 4, a shown count is the
//! true one rounded to the nearest five, a cell hidden so that a total cannot give a small one
//! away says "×", and a total never narrows a "<5" down. Checked on generated breakdowns shaped
//! like the demo's and on reports over demo data.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use loket::report::{Breakdown, Cell, Period, ROUND_TO, Report, Share, build, output};
use loket::store::Store;
use proptest::prelude::*;

/// The true counts a shown cell can stand for, lowest and highest: "<5" is 1 to 4, "×" at
/// least 5, 0 is none, and any other count v was rounded to the nearest five, so v-2 to v+2.
fn bounds(cell: Cell) -> (u64, u64) {
    let half = ROUND_TO / 2;
    match cell {
        Cell::Count(0) => (0, 0),
        Cell::Count(v) => (v.saturating_sub(half).max(5), v + half),
        Cell::Suppressed => (1, 4),
        Cell::Hidden => (5, u64::MAX),
    }
}

/// Whether the shown cells are consistent with the total, allowing for rounding (so that no
/// cell can be worked out from the others): the most the cells can stand for reaches the least the
/// total can (shown counts plus 2 each, plus 4 per "<5"), unless a cell says it is hidden; the
/// least they can stand for (shown counts minus 2, 1 per "<5", 5 per "×") never passes the
/// most the total can; and nothing is hidden without a small cell to protect.
fn consistent(cells: &[Cell], total: Cell) -> Result<(), String> {
    let Cell::Count(_) = total else {
        return Ok(());
    };
    let (total_low, total_high) = bounds(total);
    let low: u64 = cells.iter().map(|c| bounds(*c).0).sum();
    let hidden = cells.contains(&Cell::Hidden);
    let small = cells.contains(&Cell::Suppressed);
    if !hidden {
        let high: u64 = cells.iter().map(|c| bounds(*c).1).sum();
        if high < total_low {
            return Err(format!(
                "{cells:?} reach at most {high}, less than {total:?}"
            ));
        }
    }
    if low > total_high {
        return Err(format!(
            "{cells:?} add up to at least {low}, more than {total:?}"
        ));
    }
    if hidden && !small {
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
            let (low, high) = bounds(*cell);
            prop_assert!((low..=high).contains(n), "{} shown as {:?}", n, cell);
            if let Cell::Count(shown) = cell {
                prop_assert_eq!(shown % ROUND_TO, 0);
            }
        }
        prop_assert_eq!(consistent(&cells, breakdown.total), Ok(()));
        // A "<5" may be anything from 1 to 4 even for a reader who knew the total and every
        // shown count exactly (rounding only leaves less to go on), unless there was nothing
        // left to hide.
        let Cell::Count(_) = breakdown.total else { return Ok(()); };
        let small = cells.iter().filter(|c| **c == Cell::Suppressed).count() as u64;
        let hidden = cells.iter().filter(|c| **c == Cell::Hidden).count() as u64;
        let all_hidden = cells.iter().zip(&counts).all(|(c, n)| !matches!(c, Cell::Count(_)) || *n == 0);
        if small > 0 && !all_hidden {
            let rest: u64 = cells
                .iter()
                .zip(&counts)
                .filter(|(c, _)| !matches!(c, Cell::Count(_)))
                .map(|(_, n)| n)
                .sum();
            prop_assert!(rest >= (small - 1) + 5 * hidden + 4, "{:?} of {:?}", cells, counts);
            prop_assert!(hidden > 0 || rest <= (small - 1) * 4 + 1, "{:?} of {:?}", cells, counts);
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
        &report.plans.answers,
        &report.plans.arrangement_by_laag,
        &report.plans.escalations,
        &report.plans.beschikkingen,
    ]
    .into_iter()
    .chain(&report.plans.results_by_leefgebied)
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
        Period::this_month(day(11, 24)),
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
