//! Dates and moments as people at a Dutch desk write them: `8-12`, `8-12-2026`,
//! `08-12-2026 14:00`, `8-12 14:00`, and ISO (`2026-12-08`, `2026-12-08 14:00`). One reader
//! for every date a person types, in the TUI and on the command line, so they all accept the
//! same and show the same (D-M-JJJJ).
//!
//! A date without a year means the nearest such date on the side the input looks at: an
//! appointment or an opening moment is ahead (`Toward::Future`: the next 8-12 from today, today
//! included), a report period or an audit search looks back (`Toward::Past`: the latest 8-12 up
//! to today). A year-less 29-2 takes the nearest leap year on that side.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

/// Which way a date without a year points from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Future,
    Past,
}

/// Why typed text is not a date or moment; the message is Dutch and shows a valid example.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{given:?} is geen datum; schrijf D-M-JJJJ, bijvoorbeeld {example}")]
    BadDate { given: String, example: String },
    #[error("{given:?} is geen datum met tijd; schrijf D-M-JJJJ UU:MM, bijvoorbeeld {example}")]
    BadMoment { given: String, example: String },
}

/// A date as the screens show it: "8-12-2026".
pub fn dutch_date(date: NaiveDate) -> String {
    date.format("%-d-%-m-%Y").to_string()
}

/// A moment as the screens show it: "8-12-2026 14:00".
pub fn dutch_moment(at: NaiveDateTime) -> String {
    at.format("%-d-%-m-%Y %H:%M").to_string()
}

/// An example date for a hint: a week ahead of `today` (so never already past), as shown.
pub fn example_date(today: NaiveDate) -> String {
    dutch_date(week_ahead(today))
}

fn week_ahead(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(Days::new(7)).unwrap_or(today)
}

/// An example moment for a hint: a week ahead of `today` at 10:30.
pub fn example_moment(today: NaiveDate) -> String {
    let time = NaiveTime::from_hms_opt(10, 30, 0).expect("10:30 exists");
    dutch_moment(week_ahead(today).and_time(time))
}

/// No date or moment is written in more bytes than this; longer text is refused unread.
const MAX_LEN: usize = 40;

/// The text trimmed, unless it is far too long to be a date: then it is left as it is (and
/// refused), so a pasted megabyte costs nothing to look at.
fn bounded(text: &str) -> &str {
    if text.len() > 4 * MAX_LEN {
        text
    } else {
        text.trim()
    }
}

/// The typed text as an error quotes it: trimmed, and cut when it is too long to be a date.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_LEN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A typed date; see the module for the forms and for dates without a year.
pub fn parse_date(text: &str, today: NaiveDate, toward: Toward) -> Result<NaiveDate, DateError> {
    let given = bounded(text);
    let bad = || DateError::BadDate {
        given: quoted(given),
        example: example_date(today),
    };
    if given.len() > MAX_LEN {
        return Err(bad());
    }
    let (date, time) = split(given).ok_or_else(bad)?;
    if time.is_some() {
        return Err(bad());
    }
    read_date(date, today, toward).ok_or_else(bad)
}

/// A typed date with a time of day ("8-12 14:00", "2026-12-08 14:00").
pub fn parse_moment(
    text: &str,
    today: NaiveDate,
    toward: Toward,
) -> Result<NaiveDateTime, DateError> {
    let given = bounded(text);
    let bad = || DateError::BadMoment {
        given: quoted(given),
        example: example_moment(today),
    };
    if given.len() > MAX_LEN {
        return Err(bad());
    }
    let (date, time) = split(given).ok_or_else(bad)?;
    let time = read_time(time.ok_or_else(bad)?).ok_or_else(bad)?;
    let date = read_date(date, today, toward).ok_or_else(bad)?;
    Ok(date.and_time(time))
}

/// The date part and the time part (if any): split on a space or ISO's `T`.
fn split(text: &str) -> Option<(&str, Option<&str>)> {
    let mut parts = text.split_whitespace();
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    match (first.split_once(['T', 't']), second) {
        (Some((date, time)), None) if !time.is_empty() => Some((date, Some(time))),
        (Some(_), _) => None,
        (None, time) => Some((first, time)),
    }
}

fn number(part: &str, max_len: usize) -> Option<u32> {
    if part.is_empty() || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// `D-M`, `D-M-JJJJ` (also with `/` or `.`) or ISO `JJJJ-MM-DD`.
fn read_date(text: &str, today: NaiveDate, toward: Toward) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 && text.contains('-') => {
            NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)
        }
        [day, month, year] if year.len() == 4 => {
            NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)
        }
        [day, month] => nearest(number(day, 2)?, number(month, 2)?, today, toward),
        _ => None,
    }
}

/// The nearest day-month on `toward`'s side of `today` (today itself counts on both sides).
fn nearest(day: u32, month: u32, today: NaiveDate, toward: Toward) -> Option<NaiveDate> {
    // Eight years always hold a leap year, so a valid 29-2 is found.
    (0..=8).find_map(|step| {
        let year = match toward {
            Toward::Future => today.year() + step,
            Toward::Past => today.year() - step,
        };
        NaiveDate::from_ymd_opt(year, month, day).filter(|date| match toward {
            Toward::Future => *date >= today,
            Toward::Past => *date <= today,
        })
    })
}

/// `14:00`, `9:30`, `14.00`, or ISO's `14:00:00`.
fn read_time(text: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = text.split([':', '.']).collect();
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (h, m, "0"),
        [h, m, s] => (h, m, *s),
        _ => return None,
    };
    if minute.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(number(hour, 2)?, number(minute, 2)?, number(second, 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// Sunday 6 December 2026, the day of the desk test.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    #[rstest]
    #[case("8-12", Toward::Future, d(2026, 12, 8))]
    #[case("6-12", Toward::Future, d(2026, 12, 6))]
    #[case("1-11", Toward::Future, d(2027, 11, 1))]
    #[case("1-11", Toward::Past, d(2026, 11, 1))]
    #[case("8-12", Toward::Past, d(2025, 12, 8))]
    #[case("6-12", Toward::Past, d(2026, 12, 6))]
    #[case("29-2", Toward::Future, d(2028, 2, 29))]
    #[case("29-2", Toward::Past, d(2024, 2, 29))]
    #[case("8-12-2026", Toward::Past, d(2026, 12, 8))]
    #[case("08-12-2026", Toward::Future, d(2026, 12, 8))]
    #[case("1-11-2026", Toward::Future, d(2026, 11, 1))]
    #[case("8/12/2026", Toward::Future, d(2026, 12, 8))]
    #[case("8.12.2026", Toward::Future, d(2026, 12, 8))]
    #[case("2026-12-08", Toward::Future, d(2026, 12, 8))]
    #[case(" 2026-12-08 ", Toward::Past, d(2026, 12, 8))]
    fn dates_as_people_write_them(
        #[case] text: &str,
        #[case] toward: Toward,
        #[case] expected: NaiveDate,
    ) {
        assert_eq!(parse_date(text, today(), toward), Ok(expected));
    }

    #[rstest]
    #[case("08-12-2026 14:00", at(2026, 12, 8, 14, 0))]
    #[case("8-12 14:00", at(2026, 12, 8, 14, 0))]
    #[case("8-12 9:30", at(2026, 12, 8, 9, 30))]
    #[case("8-12-2026 14.00", at(2026, 12, 8, 14, 0))]
    #[case("2026-12-08 14:00", at(2026, 12, 8, 14, 0))]
    #[case("2026-12-08T14:00", at(2026, 12, 8, 14, 0))]
    #[case("2026-12-08 14:00:00", at(2026, 12, 8, 14, 0))]
    #[case("1-11 10:00", at(2027, 11, 1, 10, 0))]
    fn moments_as_people_write_them(#[case] text: &str, #[case] expected: NaiveDateTime) {
        assert_eq!(parse_moment(text, today(), Toward::Future), Ok(expected));
    }

    #[rstest]
    #[case("")]
    #[case("gisteren")]
    #[case("31-2-2026")]
    #[case("2026-02-30")]
    #[case("8-13")]
    #[case("8-12-26")]
    #[case("12-2026-08")]
    #[case("8-12-2026 14:00")]
    #[case("8-12-2026 extra woorden")]
    #[case("+8-12")]
    fn not_dates(#[case] text: &str) {
        let err = parse_date(text, today(), Toward::Future).unwrap_err();
        assert!(err.to_string().contains("bijvoorbeeld 13-12-2026"), "{err}");
    }

    #[rstest]
    #[case("8-12-2026")]
    #[case("8-12 25:00")]
    #[case("8-12 14:5")]
    #[case("8-12 14")]
    #[case("2026-12-08T")]
    #[case("morgen 14:00")]
    fn not_moments(#[case] text: &str) {
        let err = parse_moment(text, today(), Toward::Future).unwrap_err();
        assert!(
            err.to_string().contains("bijvoorbeeld 13-12-2026 10:30"),
            "{err}"
        );
    }

    #[test]
    fn shown_as_the_screens_show_dates() {
        assert_eq!(dutch_date(d(2026, 1, 4)), "4-1-2026");
        assert_eq!(dutch_moment(at(2026, 1, 4, 9, 5)), "4-1-2026 09:05");
        assert_eq!(example_moment(d(2026, 12, 30)), "6-1-2027 10:30");
    }
}
