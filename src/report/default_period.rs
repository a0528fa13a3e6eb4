//! The period a report opens on: the last full month when it had contacts, else this month so
//! far, so a coördinator never opens on a page of zeros (a new install, a month of demo data).

use chrono::{Datelike, NaiveDate};

use super::Period;
use crate::store::{Store, StoreError};

impl Period {
    /// From the first of `today`'s month up to `today`: "deze maand".
    pub fn month_to_date(today: NaiveDate) -> Period {
        Period {
            from: today.with_day(1).expect("every month has a first day"),
            to: today,
        }
    }
}

/// The report's default period on `today`: last month if any contact fell in it, else this
/// month so far.
pub fn default_period(store: &Store, today: NaiveDate) -> Result<Period, StoreError> {
    let last_month = Period::last_month(today);
    let (from, to) = last_month.utc_bounds();
    if store.report_intake_times(from, to)?.is_empty() {
        Ok(Period::month_to_date(today))
    } else {
        Ok(last_month)
    }
}
