//! The periods a team leader reports on: this month, last month, last quarter, or a range typed
//! by hand. Whole Dutch calendar months, both ends included: the council's kwartaalrapportage
//! counts that way, and a report over whole months only cannot be compared with one a day
//! shorter to single out the contacts of that day (see `suppress` for the rest of the rule).

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use super::Period;
pub(crate) use crate::domain::dates::dutch_date;
use crate::domain::dates::{DateError, Toward, parse_date};
use crate::domain::hours::dutch_day_start;

/// Why a typed period cannot be used; the message is Dutch, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(transparent)]
    BadDate(#[from] DateError),
    #[error("de begindatum {from} ligt na de einddatum {to}")]
    FromAfterTo { from: String, to: String },
}

/// The first day of the calendar month of `date`.
fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}

impl Period {
    /// The calendar month of `today`, to its last day.
    pub fn this_month(today: NaiveDate) -> Period {
        Period {
            from: month_start(today),
            to: month_start(today) + Months::new(1) - Days::new(1),
        }
    }

    /// The period widened to whole calendar months: from the first day of its first month to
    /// the last day of its last. Every report covers whole months (see the module).
    pub fn whole_months(self) -> Period {
        Period {
            from: month_start(self.from),
            to: Period::this_month(self.to).to,
        }
    }

    /// The whole calendar month before the one of `today`.
    pub fn last_month(today: NaiveDate) -> Period {
        let this_month = month_start(today);
        Period {
            from: this_month - Months::new(1),
            to: this_month - Days::new(1),
        }
    }

    /// The whole calendar quarter before the one of `today`: the council's
    /// kwartaalrapportage.
    pub fn last_quarter(today: NaiveDate) -> Period {
        let quarter_month = (today.month0() / 3) * 3 + 1;
        let this_quarter = NaiveDate::from_ymd_opt(today.year(), quarter_month, 1)
            .expect("the first day of a quarter exists");
        Period {
            from: this_quarter - Months::new(3),
            to: this_quarter - Days::new(1),
        }
    }

    /// A range typed as people write dates (the CLI's `--from`/`--to`, the screen's own
    /// range); see [`crate::domain::dates`]. A date without a year is the latest such date up
    /// to `today`: a report looks back.
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<Period, PeriodError> {
        let (from, to) = (
            parse_date(from, today, Toward::Past)?,
            parse_date(to, today, Toward::Past)?,
        );
        if from > to {
            return Err(PeriodError::FromAfterTo {
                from: dutch_date(from),
                to: dutch_date(to),
            });
        }
        Ok(Period { from, to })
    }

    /// "1-10-2026 t/m 31-12-2026".
    pub fn label(&self) -> String {
        format!("{} t/m {}", dutch_date(self.from), dutch_date(self.to))
    }

    /// The period as UTC instants, start included and end excluded, so stored timestamps
    /// (UTC) can be compared directly while the days are Dutch days.
    pub(crate) fn utc_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            dutch_day_start(self.from),
            dutch_day_start(self.to + Days::new(1)),
        )
    }

    /// The Monday of every week that has a day in the period, so weeks without contacts
    /// still show as zero in the sparkline.
    pub(crate) fn week_starts(&self) -> Vec<NaiveDate> {
        let mut monday = self.from.week(chrono::Weekday::Mon).first_day();
        let mut weeks = Vec::new();
        while monday <= self.to {
            weeks.push(monday);
            monday = monday + Days::new(7);
        }
        weeks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn presets_are_whole_calendar_units() {
        let today = date(2027, 1, 14);
        assert_eq!(Period::this_month(today).label(), "1-1-2027 t/m 31-1-2027");
        assert_eq!(
            Period::last_month(today).label(),
            "1-12-2026 t/m 31-12-2026"
        );
        assert_eq!(
            Period::last_quarter(today).label(),
            "1-10-2026 t/m 31-12-2026"
        );
        assert_eq!(
            Period::last_quarter(date(2026, 6, 30)).label(),
            "1-1-2026 t/m 31-3-2026"
        );
        assert_eq!(
            Period::last_month(date(2026, 3, 31)).label(),
            "1-2-2026 t/m 28-2-2026"
        );
    }

    #[test]
    fn a_period_widens_to_whole_months() {
        let typed = Period::parse(
            "2026-11-03",
            "2026-11-20",
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )
        .unwrap();
        assert_eq!(typed.whole_months().label(), "1-11-2026 t/m 30-11-2026");
        let shifted = Period::parse(
            "2026-11-04",
            "2026-11-20",
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )
        .unwrap();
        assert_eq!(shifted.whole_months(), typed.whole_months());
        let across = Period::parse(
            "2027-01-31",
            "2028-02-01",
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )
        .unwrap();
        assert_eq!(across.whole_months().label(), "1-1-2027 t/m 29-2-2028");
        let quarter = Period::last_quarter(date(2027, 1, 14));
        assert_eq!(quarter.whole_months(), quarter);
    }

    #[test]
    fn parse_refuses_bad_dates_and_reversed_ranges_in_dutch() {
        let today = date(2026, 12, 6);
        assert_eq!(
            Period::parse("2026-10-01", "2026-12-31", today)
                .unwrap()
                .label(),
            "1-10-2026 t/m 31-12-2026"
        );
        assert_eq!(
            Period::parse("1-11-2026", "30-11", today).unwrap().label(),
            "1-11-2026 t/m 30-11-2026",
            "dates as the screen shows them; without a year the latest one up to today"
        );
        let bad = Period::parse("1 oktober", "2026-12-31", today).unwrap_err();
        assert!(bad.to_string().contains("geen datum"), "{bad}");
        assert!(matches!(
            Period::parse("2026-02-30", "2026-03-01", today),
            Err(PeriodError::BadDate(_))
        ));
        let reversed = Period::parse("2026-12-31", "2026-10-01", today).unwrap_err();
        assert_eq!(
            reversed.to_string(),
            "de begindatum 31-12-2026 ligt na de einddatum 1-10-2026"
        );
    }

    #[test]
    fn bounds_are_dutch_midnights_and_weeks_cover_the_period() {
        let period = Period::parse("2026-03-29", "2026-04-06", date(2026, 12, 6)).unwrap();
        let (start, end) = period.utc_bounds();
        // Winter time at the start (UTC+1), summer time at the end (UTC+2).
        assert_eq!(start.to_rfc3339(), "2026-03-28T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-04-06T22:00:00+00:00");
        assert_eq!(
            period.week_starts(),
            vec![date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 6)]
        );
    }
}
