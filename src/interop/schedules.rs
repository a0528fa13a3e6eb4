//! Opening hours: HSDS 3.0 `schedules.csv` (iCalendar-like rows) and the 1.x/2.0
//! `regular_schedules.csv` / `holiday_schedules.csv`, all turned into weekly hours and dated
//! exceptions of services.
//!
//! A 3.0 row is weekly when `freq` is `WEEKLY` (or empty with `byday` given), daily for `DAILY`,
//! and an exception when `freq` is empty and `valid_from` gives a date (through `valid_to`, at
//! most a year): without times the service is closed then. On a weekly or daily row
//! `valid_from`/`valid_to` limit the weeks it applies (a seasonal opening); either may be empty
//! for an open end. Hours on a location apply to every service given there.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::build::Builder;
use super::clean::{LONG_LIMIT, parse_bool, parse_date, parse_days, parse_time};
use super::error::ImportError;
use super::table::{RowRef, Table, Tables};
use crate::domain::{HoursException, WeeklyHours};

const SCHEDULES: &[&str] = &["schedules.csv", "schedule.csv"];
const REGULAR: &[&str] = &["regular_schedules.csv", "regular_schedule.csv"];
const HOLIDAY: &[&str] = &["holiday_schedules.csv", "holiday_schedule.csv"];

/// The longest exception period we expand into single dates.
const MAX_EXCEPTION_DAYS: i64 = 366;

pub fn read(b: &mut Builder, tables: &mut dyn Tables) -> Result<(), ImportError> {
    if let Some(t) = tables.table(SCHEDULES, &mut b.warnings)? {
        schedules(b, &t);
    }
    if let Some(t) = tables.table(REGULAR, &mut b.warnings)? {
        t.require(&["weekday"])?;
        for row in t.iter() {
            if let Some(targets) = targets(b, row) {
                weekly(b, row, &targets, ("weekday", row.get("weekday")));
            }
        }
    }
    if let Some(t) = tables.table(HOLIDAY, &mut b.warnings)? {
        t.require(&["start_date"])?;
        for row in t.iter() {
            if let Some(targets) = targets(b, row) {
                let closed = parse_bool(row.get("closed")).unwrap_or(false);
                exception(b, row, &targets, ("start_date", "end_date"), closed);
            }
        }
    }
    Ok(())
}

fn schedules(b: &mut Builder, t: &Table) {
    let mut seen = std::collections::HashSet::new();
    for row in t.iter() {
        let id = Builder::reference(row, "id");
        if !id.is_empty() && !seen.insert(id.clone()) {
            let message = format!(
                "id '{id}' komt dubbel voor; de eerste is gehouden, deze regel overgeslagen"
            );
            b.warn(row, Some("id"), message);
            continue;
        }
        let freq = row.get("freq").to_uppercase();
        let byday = row.get("byday");
        let Some(targets) = targets(b, row) else {
            continue;
        };
        match freq.as_str() {
            "WEEKLY" if byday.is_empty() => match parse_date(row.get("dtstart")) {
                Some(start) => {
                    let day = start.weekday().number_from_monday().to_string();
                    weekly(b, row, &targets, ("dtstart", &day));
                }
                None => b.warn(
                    row,
                    Some("byday"),
                    "geen dag opgegeven; regel overgeslagen".to_string(),
                ),
            },
            "WEEKLY" => weekly(b, row, &targets, ("byday", byday)),
            "" if !byday.is_empty() => weekly(b, row, &targets, ("byday", byday)),
            "DAILY" => weekly(b, row, &targets, ("freq", "ma-zo")),
            "" if !row.get("valid_from").is_empty() => {
                let times_empty = row.get("opens_at").is_empty() && row.get("closes_at").is_empty();
                exception(b, row, &targets, ("valid_from", "valid_to"), times_empty);
            }
            "" => {
                let message = "geen dagen, datum of herhaling; regel overgeslagen";
                b.warn(row, None, message.to_string());
            }
            other => {
                let message = format!(
                    "herhaling '{other}' wordt niet ondersteund (alleen WEEKLY en DAILY); regel overgeslagen"
                );
                b.warn(row, Some("freq"), message);
            }
        }
    }
}

/// The services a schedule row is for: its service, the service of its service-at-location, or
/// every service at its location.
fn targets(b: &mut Builder, row: RowRef) -> Option<Vec<usize>> {
    for column in ["service_id", "service_at_location_id", "location_id"] {
        let id = Builder::reference(row, column);
        if id.is_empty() {
            continue;
        }
        let found = match column {
            "service_id" => b.service_ix.get(&id).map(|&s| vec![s]),
            "service_at_location_id" => b.sal.get(&id).map(|&s| vec![s]),
            _ => b.at_location.get(&id).cloned(),
        };
        if found.is_none() {
            b.unknown(row, column, &id);
        }
        return found;
    }
    let message = "hoort bij geen dienst of locatie; regel overgeslagen";
    b.warn(row, None, message.to_string());
    None
}

/// The opening and closing time of a row, or `None` with a warning (the row is then skipped).
fn times(b: &mut Builder, row: RowRef) -> Option<(NaiveTime, NaiveTime)> {
    let mut parsed = [None, None];
    for (slot, column) in parsed.iter_mut().zip(["opens_at", "closes_at"]) {
        let raw = row.get(column);
        *slot = parse_time(raw);
        if slot.is_none() {
            let message = if raw.is_empty() {
                "tijd ontbreekt, regel overgeslagen".to_string()
            } else {
                format!("tijd '{raw}' niet herkend, regel overgeslagen")
            };
            b.warn(row, Some(column), message);
            return None;
        }
    }
    let [Some(opens), Some(closes)] = parsed else {
        return None;
    };
    if closes <= opens {
        let message = format!(
            "sluitingstijd {} ligt niet na openingstijd {}; regel overgeslagen",
            closes.format("%H:%M"),
            opens.format("%H:%M")
        );
        b.warn(row, Some("closes_at"), message);
        return None;
    }
    Some((opens, closes))
}

/// Adds weekly hours on the days in `days` (column, value) to every target.
fn weekly(b: &mut Builder, row: RowRef, targets: &[usize], days: (&str, &str)) {
    let (column, raw) = days;
    let weekdays: Vec<Weekday> = match parse_days(raw) {
        Ok(list) if !list.is_empty() => list,
        Ok(_) => {
            b.warn(
                row,
                Some(column),
                "geen dag opgegeven; regel overgeslagen".to_string(),
            );
            return;
        }
        Err(part) => {
            b.warn(
                row,
                Some(column),
                format!("dag '{part}' niet herkend; regel overgeslagen"),
            );
            return;
        }
    };
    let Some((opens, closes)) = times(b, row) else {
        return;
    };
    let Some((valid_from, valid_to)) = validity(b, row) else {
        return;
    };
    for &s in targets {
        for &weekday in &weekdays {
            let hours = WeeklyHours {
                weekday,
                opens,
                closes,
                valid_from,
                valid_to,
            };
            let list = &mut b.services[s].hours;
            if !list.contains(&hours) {
                list.push(hours);
            }
        }
    }
}

/// The validity range of a weekly row (`valid_from`, `valid_to`; empty is an open end). A date
/// that cannot be read is ignored with a warning, so that end stays open; `None` (with a
/// warning) when the range ends before it starts, and the row is skipped.
fn validity(b: &mut Builder, row: RowRef) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let mut bound = |column: &str, end: &str| {
        let raw = row.get(column);
        if raw.is_empty() {
            return None;
        }
        let parsed = parse_date(raw);
        if parsed.is_none() {
            let message =
                format!("datum '{raw}' niet herkend; genegeerd, de tijden gelden zonder {end}");
            b.warn(row, Some(column), message);
        }
        parsed
    };
    let from = bound("valid_from", "begindatum");
    let to = bound("valid_to", "einddatum");
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        let message = format!("geldig tot {to} ligt vóór geldig vanaf {from}; regel overgeslagen");
        b.warn(row, Some("valid_to"), message);
        return None;
    }
    Some((from, to))
}

/// Adds exceptions for every date from the first to the second date column (inclusive; the
/// second may be empty for a single day). `closed` rows need no times.
fn exception(b: &mut Builder, row: RowRef, targets: &[usize], columns: (&str, &str), closed: bool) {
    let (from_column, to_column) = columns;
    let Some(from) = date(b, row, from_column) else {
        return;
    };
    let to = if row.get(to_column).is_empty() {
        from
    } else {
        match date(b, row, to_column) {
            Some(to) => to,
            None => return,
        }
    };
    let days = (to - from).num_days();
    if !(0..MAX_EXCEPTION_DAYS).contains(&days) {
        let message = format!(
            "periode {from} tot en met {to} is leeg of langer dan een jaar; regel overgeslagen"
        );
        b.warn(row, Some(to_column), message);
        return;
    }
    let hours = if closed {
        None
    } else {
        match times(b, row) {
            Some(hours) => Some(hours),
            None => return,
        }
    };
    let description = b.text(row, &["description", "name"], LONG_LIMIT);
    for date in from.iter_days().take(days as usize + 1) {
        for &s in targets {
            let exception = HoursException {
                date,
                hours,
                description: description.clone(),
            };
            let list = &mut b.services[s].exceptions;
            if !list.contains(&exception) {
                list.push(exception);
            }
        }
    }
}

fn date(b: &mut Builder, row: RowRef, column: &str) -> Option<NaiveDate> {
    let raw = row.get(column);
    let parsed = parse_date(raw);
    if parsed.is_none() {
        b.warn(
            row,
            Some(column),
            format!("datum '{raw}' niet herkend; regel overgeslagen"),
        );
    }
    parsed
}
