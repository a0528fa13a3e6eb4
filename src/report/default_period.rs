//! The period a report opens on: the last full month when it had contacts, else this month
//! (whole, so up to today), so a coördinator never opens on a page of zeros (a new install, a
//! month of demo data).

use chrono::NaiveDate;

use super::Period;
use crate::store::{Store, StoreError};

/// The report's default period on `today`: last month if any contact fell in it, else this
/// month.
pub fn default_period(store: &Store, today: NaiveDate) -> Result<Period, StoreError> {
    let last_month = Period::last_month(today);
    let (from, to) = last_month.utc_bounds();
    if store.report_intake_times(from, to)?.is_empty() {
        Ok(Period::this_month(today))
    } else {
        Ok(last_month)
    }
}
